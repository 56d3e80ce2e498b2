"""Load a plan file into a :class:`Document` (loaders → paragraphs → front matter → structure).

Cleaned document text (``Document.text``) is defined as the clauses' texts in
reading order joined with ``"\\n"``; ``Clause.span`` indexes into it, so
``doc.text[c.span[0]:c.span[1]] == c.text``.  Each clause text is verbatim plan
text: page markers removed, hard line wraps joined (no space is ever added
between Chinese characters; a space is added only where a wrap splits two
Latin letters), runs of whitespace collapsed to one space.  Removing all
whitespace from ``doc.text`` gives exactly the non-whitespace characters of
the source minus its page markers.
"""
from __future__ import annotations

import json
import re
import unicodedata
import warnings
import zlib
from dataclasses import replace
from pathlib import Path

from corpus import cache as parse_cache
from corpus import limits
from corpus.chunk import MAX_CHARS
from corpus.frontmatter import split_front_matter
from corpus.loaders import SUPPORTED_SUFFIXES, read_source
from corpus.model import CorpusError, Document, LimitError
from corpus.paragraphs import assemble
from corpus.structure import has_headings, heading_test, parse

PLANS_DIR = Path(__file__).resolve().parent / "plans"


def slugify(name: str) -> str:
    """A stable doc id from a file name stem: NFKC, lower case, runs of
    anything but letters/digits (Chinese included) become "-"."""
    text = unicodedata.normalize("NFKC", name).lower()
    slug = re.sub(r"[^\w]+|_+", "-", text).strip("-")
    if not slug:
        slug = f"doc-{zlib.crc32(name.encode('utf-8')):08x}"
    return slug[:64].strip("-")


def _sidecar(path: Path) -> dict:
    """Metadata next to a shipped plan (``<stem>.json`` whose "source" names
    this file); {} when there is none."""
    meta_path = path.with_suffix(".json")
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(meta, dict) or meta.get("source") != path.name:
        return {}
    return meta


def load_document(path: str | Path, doc_id: str | None = None, max_chars: int = MAX_CHARS,
                  cache: bool | str | Path = True) -> Document:
    """Load and parse a plan (.txt/.md/.pdf/.docx/.html).

    Raises CorpusError("<path>: <reason>") for missing, empty, binary,
    unsupported or unreadable files (``UnreadableTextError`` for a text layer
    that needs OCR, ``LimitError`` past a limit of ``corpus.limits``).
    ``max_chars`` bounds clause length (longer paragraphs are split at
    sentence ends).  ``cache``: reuse the parse of an unchanged file
    (``corpus.cache``; True = under $PLANQA_HOME/parsed, a path = that
    folder, False = always parse).
    """
    if max_chars < 20:
        raise ValueError("max_chars must be at least 20")
    p = Path(path)
    key = folder = None
    if cache and p.suffix.lower() in SUPPORTED_SUFFIXES:
        try:
            if p.is_file() and p.stat().st_size <= limits.MAX_FILE_BYTES:
                side = p.with_suffix(".json")
                key = parse_cache.cache_key(p.read_bytes(), side.read_bytes() if side.is_file() else b"",
                                            f"{doc_id or ''}\0{p.name}", max_chars)
                folder = parse_cache.cache_dir() if cache is True else Path(cache)
                hit = parse_cache.read_cached(folder, key, str(p))
                if hit is not None:
                    _warn_again(hit)
                    return hit
        except OSError:
            key = None          # unreadable here: read_source reports it
    doc = _parse_document(p, doc_id, max_chars)
    if key is not None:
        parse_cache.write_cached(folder, key, doc)
    return doc


def _warn_again(doc: Document) -> None:
    """A cached parse says again what its first reading warned of (pages left out, …)."""
    from corpus.loaders import CorpusWarning
    for message in doc.meta.get("load_warnings", ()):
        warnings.warn(message, CorpusWarning, stacklevel=3)


def _parse_document(p: Path, doc_id: str | None, max_chars: int) -> Document:
    from corpus.loaders import CorpusWarning
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        source = read_source(p)
    said = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    for w in caught:            # repeated to the caller as they came (kept for the parse cache)
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    paragraphs = assemble(source.lines, source.hinted)
    if not paragraphs:
        raise CorpusError(f"{p}: no text found")
    if len(paragraphs) > limits.MAX_CLAUSES:      # every paragraph makes at least one clause
        raise LimitError(f"{p}: {len(paragraphs)} paragraphs, more than the limit of {limits.MAX_CLAUSES} clauses")
    meta = _sidecar(p)
    did = doc_id or meta.get("doc_id") or slugify(p.stem)
    front, body = split_front_matter(paragraphs, is_heading=heading_test(paragraphs),
                                     any_heading=has_headings(paragraphs))
    if source.title:        # a Markdown "# " title line
        front = replace(front, title=front.title or source.title)
    if not body:
        raise CorpusError(f"{p}: no text found after the front matter")
    clauses, outline, title_line = parse(body, did, max_chars, front=front)
    if source.ocr:
        from corpus.ocr_layout import mark_ocr_clauses
        clauses = mark_ocr_clauses(clauses, source.ocr)
    if len(clauses) > limits.MAX_CLAUSES:
        raise LimitError(f"{p}: {len(clauses)} clauses, more than the limit of {limits.MAX_CLAUSES}")
    text = "\n".join(c.text for c in clauses)
    title = meta.get("title") or front.title or title_line or p.stem
    info = {"format": source.kind, "paragraphs": len(paragraphs)}
    if source.ocr:
        info["ocr_pages"] = sorted({page for page, _, _ in source.ocr})
    if source.pages_without_text:
        info["pages_without_text"] = list(source.pages_without_text)
    if said:
        info["load_warnings"] = said
    info.update({k: v for k, v in meta.items() if k not in ("doc_id", "title", "issuer", "doc_number", "date")})
    if front.fields:
        info["catalogue"] = list(front.fields)
    return Document(doc_id=did, title=title, source=str(p), text=text,
                    clauses=clauses, outline=outline, meta=info,
                    issuer=meta.get("issuer") or front.issuer, doc_number=meta.get("doc_number") or front.doc_number,
                    date=meta.get("date") or front.date, toc=front.toc,
                    notice="\n".join(q.text for q in front.notice))


def shipped_plan_paths() -> list[Path]:
    """The plan files shipped in corpus/plans/ (those with a metadata file)."""
    out = []
    for meta_path in sorted(PLANS_DIR.glob("*.json")):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        src = PLANS_DIR / str(meta.get("source", ""))
        if src.is_file():
            out.append(src)
    return out


def load_shipped() -> list[Document]:
    """The shipped plans, parsed, with doc_id and title from their metadata."""
    return [load_document(p) for p in shipped_plan_paths()]
