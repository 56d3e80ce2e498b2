"""The index folder: manifest.json + clauses.jsonl + arrays, written atomically, verified on load.

Layout (no pickle anywhere)::

    manifest.json    format version, tokenizer config + vocabulary hash, encoder name + dim,
                     corpus hash, retriever config, faiss kind, sha256 + size of every other file
    manifest.sha256  sha256 of manifest.json's bytes: the manifest's values are used at load
                     (BM25 parameters, fusion, faiss kind), so it is checked before any is read
    clauses.jsonl    one Clause per line
    vocab.json       tokenizer vocabulary (words added to jieba)
    terms.json       BM25 term dictionary (row order of the sparse matrices)
    bm25.npz         BM25 sparse arrays (np.savez, loaded with allow_pickle=False)
    embeddings.npy   clause vectors (dense only)
    vectors.faiss    faiss index (dense only)

``write_folder`` builds everything in a temporary sibling directory
(``.NAME.building-*``) and swaps it into place (the previous folder moves aside
to ``.NAME.old-*`` and is deleted), so a crash never leaves a half-written
index at the target; ``clean_leftovers`` removes what a killed build or an
undeletable old folder left behind (called at every open and save).

Every byte a reader uses is covered: the manifest by ``manifest.sha256``, the
other files by the manifest. Anything that does not verify raises
``IndexFolderError`` with a one-line message that says how to fix it; write
problems (permissions, a full disk) are reported as write problems.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Mapping

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_HASH = "manifest.sha256"
BUILD_MARK = ".planqa-build-pid"     # inside a .NAME.building-* folder: the pid building it
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


def _write_error(target: Path, exc: OSError) -> IndexFolderError:
    reason = exc.strerror or type(exc).__name__
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    return IndexFolderError(f"{target}: cannot write the index folder: {reason}{where}; "
                            "choose a writable --index folder or free disk space")


def write_folder(target: str | Path, writers: Mapping[str, Writer], manifest: dict) -> Path:
    """Write files (name -> fn(path)) and a manifest with their checksums, atomically, at ``target``.

    An existing ``target`` is replaced only if it is an index folder (has a
    manifest.json) or empty; anything else raises ``IndexFolderError`` rather
    than deleting a user's directory. A failing write (permissions, disk
    full) raises ``IndexFolderError`` saying that writing failed.
    """
    target = check_replaceable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        (tmp / BUILD_MARK).write_text(str(os.getpid()), encoding="ascii")
        files = {}
        for name, write in writers.items():
            if name in (MANIFEST, MANIFEST_HASH, BUILD_MARK):
                raise ValueError(f"reserved index file name {name!r}")
            path = tmp / name
            write(path)
            with open(path, "rb+") as f:
                os.fsync(f.fileno())
            files[name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
        manifest = dict(manifest, format=FORMAT_NAME, format_version=FORMAT_VERSION, files=files)
        data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        _write_synced(tmp / MANIFEST, data)
        _write_synced(tmp / MANIFEST_HASH, (hashlib.sha256(data).hexdigest() + "\n").encode("ascii"))
        (tmp / BUILD_MARK).unlink()
        _fsync_dir(tmp)
        if (target / OCR_CACHE).is_dir() and not (tmp / OCR_CACHE).exists():
            os.rename(target / OCR_CACHE, tmp / OCR_CACHE)     # OCR text of scanned pages is costly: keep it
        _swap_into_place(tmp, target)
    except OSError as exc:
        _remove_tree(tmp)
        raise _write_error(target, exc) from None
    except BaseException:
        if (tmp / OCR_CACHE).is_dir() and target.is_dir() and not (target / OCR_CACHE).exists():
            os.rename(tmp / OCR_CACHE, target / OCR_CACHE)      # the build failed: give the cache back
        _remove_tree(tmp)
        raise
    return target


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _remove_tree(path: Path) -> None:
    """Delete a folder even when its files or sub-folders were made read-only."""
    def make_writable(func, p, _exc):
        try:
            os.chmod(os.path.dirname(p) or ".", 0o700)
            if os.path.isdir(p):
                os.chmod(p, 0o700)
            func(p)
        except OSError:
            pass
    try:
        os.chmod(path, 0o700)
    except OSError:
        pass
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=make_writable)
    else:
        shutil.rmtree(path, onerror=make_writable)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_leftovers(target: str | Path) -> list[str]:
    """Remove ``.NAME.building-*`` folders whose builder is gone and ``.NAME.old-*`` folders beside ``target``.

    A build in progress (its pid alive) is left alone. Returns the names removed.
    """
    target = Path(target).expanduser().absolute()
    parent = target.parent
    removed = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return removed
    for p in entries:
        name = p.name
        if not p.is_dir() or p.is_symlink():
            continue
        if name.startswith(f".{target.name}.building-"):
            try:
                pid = int((p / BUILD_MARK).read_text(encoding="ascii").strip())
            except (OSError, ValueError):
                pid = None
            if pid is not None and _pid_alive(pid) and _age_s(p) < 6 * 3600:
                continue
            if pid is None and _age_s(p) < 3600:
                continue        # just created, its mark not written yet
        elif not name.startswith(f".{target.name}.old-"):
            continue
        _remove_tree(p)
        if not p.exists():
            removed.append(name)
    return removed


def _age_s(path: Path) -> float:
    import time

    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


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
                    _remove_tree(old)
                else:                        # put the previous index back before retrying
                    os.rename(old, target)
            continue
        _fsync_dir(target.parent)
        if old is not None:
            _remove_tree(old)
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
    """The folder's manifest, after checking it against ``manifest.sha256``.

    Also removes leftovers of killed builds beside the folder. Raises
    ``IndexFolderError`` (one line, saying how to fix it) when the folder is
    missing, is not an index, or its manifest does not verify.
    """
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise IndexFolderError(f"{folder}: index folder does not exist")
    clean_leftovers(folder)
    if not path.is_file():
        raise IndexFolderError(f"{folder}: not an index folder (no {MANIFEST})")
    try:
        data = path.read_bytes()
        recorded = (folder / MANIFEST_HASH).read_bytes()
    except FileNotFoundError:
        raise IndexFolderError(f"{folder}: no {MANIFEST_HASH} (made by an older planqa or damaged); "
                               f"rebuild it: planqa build --index {folder}") from None
    except OSError as exc:
        raise IndexFolderError(f"{path}: unreadable manifest ({exc.strerror or exc})") from None
    if recorded != (hashlib.sha256(data).hexdigest() + "\n").encode("ascii"):
        raise IndexFolderError(f"{path}: manifest checksum mismatch (corrupt or modified); "
                               f"rebuild it: planqa build --index {folder}")
    try:
        m = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise IndexFolderError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(m, dict) or m.get("format") != FORMAT_NAME or not isinstance(m.get("files"), dict):
        raise IndexFolderError(f"{path}: not a planqa index manifest")
    return m


def indexed_doc_ids(folder: Path) -> set[str]:
    """The documents an index folder was built for: its manifest's, or, when the manifest is damaged,
    those its clauses file still names (empty when neither can be read)."""
    try:
        return set(read_manifest(folder).get("doc_ids") or ())
    except (IndexFolderError, OSError, ValueError, AttributeError):
        pass
    ids = set()
    try:
        with open(Path(folder) / "clauses.jsonl", encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                if isinstance(row, dict) and isinstance(row.get("doc_id"), str):
                    ids.add(row["doc_id"])
    except OSError:
        pass
    return ids


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
