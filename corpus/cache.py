"""A cache of parsed plans, so an unchanged file is not parsed again (a PDF takes seconds).

One JSON file per (file content, doc id, clause length, parser code) under
``$PLANQA_HOME/parsed/`` (``~/.cache/planqa/parsed`` by default): the key is a
sha256 over the file's bytes, its metadata sidecar, the options and the source
of every ``corpus`` module, so editing the parser invalidates every entry.
Each entry stores the sha256 of its own payload; an entry that does not verify
(or cannot be read) is ignored and replaced, never used.  A cache that cannot
be written is skipped silently: the cache only saves time.  At most
``MAX_ENTRIES`` entries are kept (the least recently used go first).  No pickle: the
Document is written as plain JSON and rebuilt field by field.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from corpus.model import Clause, Document, Section

CACHE_FORMAT = 1
MAX_ENTRIES = 256          # oldest entries beyond this are removed on write (uploads would grow it forever)


def cache_dir() -> Path:
    env = os.environ.get("PLANQA_HOME")
    home = Path(env).expanduser() if env else Path.home() / ".cache" / "planqa"
    return home / "parsed"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """sha256 over the source of the corpus package (the parser's version)."""
    h = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    for p in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def cache_key(data: bytes, sidecar: bytes, doc_id: str | None, max_chars: int) -> str:
    from corpus import limits

    bounds = json.dumps({k: v for k, v in vars(limits).items() if k.startswith("MAX_")}, sort_keys=True)
    h = hashlib.sha256()
    for part in (code_hash().encode(), bounds.encode(), data, b"\0sidecar\0", sidecar,
                 f"\0{doc_id or ''}\0{max_chars}".encode()):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


# ---- Document <-> JSON ---------------------------------------------------------------

def _section_to(s: Section) -> dict:
    return {"id": s.section_id, "n": s.number, "t": s.title, "l": s.level, "k": s.kind, "p": list(s.pages),
            "c": [_section_to(c) for c in s.children]}


def _section_from(d: dict) -> Section:
    return Section(section_id=d["id"], number=d["n"], title=d["t"], level=d["l"], kind=d["k"],
                   pages=tuple(d["p"]), children=tuple(_section_from(c) for c in d["c"]))


def document_to_data(doc: Document) -> dict:
    return {
        "doc_id": doc.doc_id, "title": doc.title, "issuer": doc.issuer, "doc_number": doc.doc_number,
        "date": doc.date, "toc": list(doc.toc), "notice": doc.notice, "meta": doc.meta,
        # OCR clauses carry their source and confidence (text clauses keep the short row)
        "clauses": [[c.clause_id, list(c.section_path), c.title, c.text, list(c.pages), c.kind]
                    + ([c.source, c.ocr_confidence] if c.source != "text" else [])
                    for c in doc.clauses],
        "outline": [_section_to(s) for s in doc.outline],
    }


def document_from_data(d: dict, source: str) -> Document:
    doc_id = d["doc_id"]
    clauses, pos = [], 0
    for cid, path, title, text, pages, kind, *ocr in d["clauses"]:
        extra = {"source": ocr[0], "ocr_confidence": ocr[1]} if ocr else {}
        clauses.append(Clause(clause_id=cid, doc_id=doc_id, section_path=tuple(path), title=title, text=text,
                              pages=tuple(pages), span=(pos, pos + len(text)), kind=kind, **extra))
        pos += len(text) + 1
    return Document(doc_id=doc_id, title=d["title"], source=source, text="\n".join(c.text for c in clauses),
                    clauses=tuple(clauses), outline=tuple(_section_from(s) for s in d["outline"]),
                    meta=dict(d["meta"]), issuer=d["issuer"], doc_number=d["doc_number"], date=d["date"],
                    toc=tuple(d["toc"]), notice=d["notice"])


# ---- reading and writing -------------------------------------------------------------

def read_cached(folder: Path, key: str, source: str) -> Document | None:
    path = folder / f"{key}.json"
    try:
        raw = path.read_bytes()
        digest, _, payload = raw.partition(b"\n")
        if digest.decode("ascii") != hashlib.sha256(payload).hexdigest():
            return None
        doc = document_from_data(json.loads(payload.decode("utf-8")), source)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    try:
        os.utime(path)          # recently used entries survive pruning
    except OSError:
        pass
    return doc


def atomic_write(path: Path, write) -> None:
    """Write a file through ``write(binary file)`` into a temporary file beside it, then
    rename it into place: readers see the old file or the whole new one, never a part."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_cached(folder: Path, key: str, doc: Document) -> None:
    payload = json.dumps(document_to_data(doc), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    data = hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / f"{key}.json", lambda f: f.write(data))
        _prune(folder)
    except (OSError, TypeError, ValueError):
        pass


def _prune(folder: Path, keep: int | None = None) -> None:
    keep = MAX_ENTRIES if keep is None else keep
    entries = []
    for p in folder.glob("*.json"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            pass
    for _, p in sorted(entries, reverse=True)[keep:]:
        try:
            p.unlink()
        except OSError:
            pass
