"""The index folder: manifest.json + clauses.jsonl + arrays, written atomically, verified on load.

Layout (no pickle anywhere)::

    manifest.json    format version, tokenizer config + vocabulary hash, encoder name + dim,
                     corpus hash, retriever config, faiss kind, sha256 + size of every other file
    clauses.jsonl    one Clause per line
    vocab.json       tokenizer vocabulary (words added to jieba)
    terms.json       BM25 term dictionary (row order of the sparse matrices)
    bm25.npz         BM25 sparse arrays (np.savez, loaded with allow_pickle=False)
    embeddings.npy   clause vectors (dense only)
    vectors.faiss    faiss index (dense only)

``write_folder`` builds everything in a temporary sibling directory and swaps
it into place, so a crash never leaves a half-written index at the target.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Mapping

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FORMAT_NAME = "planqa-index"
OCR_CACHE = "ocr"           # corpus.ocr's page cache: kept when the index is rebuilt, never in the manifest


class IndexFolderError(ValueError):
    """An index folder is missing, stale, corrupt or tampered with; the message names the folder and why."""


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---- clauses <-> JSON ------------------------------------------------------

def clause_to_dict(c) -> dict:
    d = {"clause_id": c.clause_id, "doc_id": c.doc_id, "section_path": list(c.section_path),
         "title": c.title, "text": c.text, "pages": list(c.pages), "span": list(c.span), "kind": c.kind}
    if getattr(c, "source", "text") != "text":      # only OCR clauses carry it: text corpora hash as before
        d["source"] = c.source
        d["ocr_confidence"] = c.ocr_confidence
    return d


def clause_from_dict(d: Mapping):
    from corpus.model import Clause

    return Clause(clause_id=d["clause_id"], doc_id=d["doc_id"], section_path=tuple(d["section_path"]),
                  title=d["title"], text=d["text"], pages=tuple(d["pages"]), span=tuple(d["span"]),
                  kind=d.get("kind", "body"), source=d.get("source", "text"),
                  ocr_confidence=d.get("ocr_confidence"))


def corpus_hash(clauses: Iterable) -> str:
    """sha256 over the canonical JSON of every clause, in order."""
    h = hashlib.sha256()
    for c in clauses:
        h.update(json.dumps(clause_to_dict(c), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def clauses_jsonl(clauses: Iterable) -> bytes:
    return "".join(json.dumps(clause_to_dict(c), ensure_ascii=False) + "\n" for c in clauses).encode("utf-8")


# ---- writing -----------------------------------------------------------------

Writer = Callable[[Path], None]


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_replaceable(target: str | Path) -> Path:
    """Raise ``IndexFolderError`` unless ``target`` is absent, empty or an index folder.

    Called before a (possibly long) build as well as by ``write_folder``, so a
    user's own directory is refused before any encoding work is spent on it.
    """
    target = Path(target).expanduser().absolute()
    if target.exists():
        if not target.is_dir():
            raise IndexFolderError(f"{target}: exists and is not a directory")
        if any(p.name != OCR_CACHE for p in target.iterdir()) and not (target / MANIFEST).is_file():
            raise IndexFolderError(f"{target}: not an index folder (no {MANIFEST}); refusing to overwrite it")
    return target


def write_folder(target: str | Path, writers: Mapping[str, Writer], manifest: dict) -> Path:
    """Write files (name -> fn(path)) and a manifest with their checksums, atomically, at ``target``.

    An existing ``target`` is replaced only if it is an index folder (has a
    manifest.json) or empty; anything else raises ``IndexFolderError`` rather
    than deleting a user's directory.
    """
    target = check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        files = {}
        for name, write in writers.items():
            path = tmp / name
            write(path)
            with open(path, "rb+") as f:
                os.fsync(f.fileno())
            files[name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
        manifest = dict(manifest, format=FORMAT_NAME, format_version=FORMAT_VERSION, files=files)
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        with open(tmp / MANIFEST, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _fsync_dir(tmp)
        if (target / OCR_CACHE).is_dir() and not (tmp / OCR_CACHE).exists():
            os.rename(target / OCR_CACHE, tmp / OCR_CACHE)     # OCR text of scanned pages is costly: keep it
        _swap_into_place(tmp, target)
    except BaseException:
        if (tmp / OCR_CACHE).is_dir() and target.is_dir() and not (target / OCR_CACHE).exists():
            os.rename(tmp / OCR_CACHE, target / OCR_CACHE)      # the build failed: give the cache back
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _swap_into_place(tmp: Path, target: Path, attempts: int = 5) -> None:
    """Rename the finished ``tmp`` to ``target``, moving an existing index aside first.

    Between the two renames the target is briefly absent (a reader then gets a
    clear "does not exist"), never half-written. If another writer puts a
    folder back in that window, the swap is retried.
    """
    last: Exception | None = None
    for _ in range(attempts):
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rmdir(old)
            try:
                os.rename(target, old)
            except FileNotFoundError:
                old = None
        try:
            os.rename(tmp, target)
        except OSError as exc:
            last = exc
            if old is not None:
                if target.exists():          # another writer finished in between: its folder is complete
                    shutil.rmtree(old, ignore_errors=True)
                else:                        # put the previous index back before retrying
                    os.rename(old, target)
            continue
        _fsync_dir(target.parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return
    raise IndexFolderError(f"{target}: could not replace the index folder ({last})")


def write_bytes(data: bytes) -> Writer:
    def w(path: Path) -> None:
        path.write_bytes(data)
    return w


def write_json(obj) -> Writer:
    return write_bytes(json.dumps(obj, ensure_ascii=False).encode("utf-8"))


def write_npz(arrays: Mapping) -> Writer:
    def w(path: Path) -> None:
        import numpy as np

        with open(path, "wb") as f:
            np.savez(f, **arrays)
    return w


def write_npy(array) -> Writer:
    def w(path: Path) -> None:
        import numpy as np

        with open(path, "wb") as f:
            np.save(f, array, allow_pickle=False)
    return w


# ---- reading -----------------------------------------------------------------

def read_manifest(folder: str | Path) -> dict:
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise IndexFolderError(f"{folder}: index folder does not exist")
    if not path.is_file():
        raise IndexFolderError(f"{folder}: not an index folder (no {MANIFEST})")
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise IndexFolderError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT_NAME or not isinstance(m.get("files"), dict):
        raise IndexFolderError(f"{path}: not a planqa index manifest")
    return m


def verify_files(folder: str | Path, manifest: dict) -> None:
    """Every file listed in the manifest exists with the recorded size and sha256."""
    folder = Path(folder)
    for name, info in sorted(manifest["files"].items()):
        path = folder / name
        if not path.is_file():
            raise IndexFolderError(f"{folder}: missing file {name}; rebuild the index")
        try:
            size = path.stat().st_size
            if size != info.get("bytes"):
                raise IndexFolderError(
                    f"{path}: size {size} bytes, manifest says {info.get('bytes')} (truncated or modified); "
                    "rebuild the index")
            if sha256_file(path) != info.get("sha256"):
                raise IndexFolderError(f"{path}: checksum mismatch (corrupt or modified); rebuild the index")
        except OSError as exc:
            raise IndexFolderError(f"{path}: unreadable ({exc})") from None


def read_json(folder: Path, name: str):
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise IndexFolderError(f"{folder / name}: unreadable ({exc})") from None


def read_clauses(folder: Path) -> tuple:
    path = folder / "clauses.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return tuple(clause_from_dict(json.loads(line)) for line in lines if line.strip())
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise IndexFolderError(f"{path}: unreadable clauses ({type(exc).__name__}: {exc})") from None
