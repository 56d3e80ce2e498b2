"""On-disk embedding cache keyed by content hash, so a rebuild re-encodes only changed clauses.

Layout: ``<root>/<encoder slug>/<shard>.npy`` (float32 [n, dim]) next to
``<shard>.json`` ({"encoder", "dim", "keys": [sha256(encoder name + NUL + text), ...]}).
Each ``encode`` that misses writes one new shard, atomically. No pickle.
A shard that cannot be read is ignored (its texts are simply re-encoded).

Read-only shards of the same layout ship in the package under
``index/data/embeddings/`` (the shipped plan's clauses, so that its first run
needs no encoding); they are consulted after the user's cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Sequence

import numpy as np

from corpus.cache import atomic_write


def text_key(encoder_name: str, text: str) -> str:
    return hashlib.sha256(f"{encoder_name}\0{text}".encode("utf-8")).hexdigest()


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[:60] or "encoder"
    return f"{s}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"


SHIPPED = Path(__file__).resolve().parent / "data" / "embeddings"


class EmbeddingCache:
    def __init__(self, root: str | Path, encoder_name: str, dim: int, shipped: str | Path | None | bool = True):
        self.dir = Path(root) / _slug(encoder_name)
        if shipped is True:                 # the package's vectors (module-level, so a benchmark can turn them off)
            shipped = SHIPPED
        self.shipped = Path(shipped) / _slug(encoder_name) if shipped else None
        self.encoder_name, self.dim = encoder_name, dim
        self._found: dict[str, tuple[Path, int]] = {}
        self._read: set[Path] = set()       # shards already in ``_found`` (or of another encoder)
        self._stamp = None                  # the folders' modification times when last read

    def _index(self) -> dict[str, tuple[Path, int]]:
        """Key -> (shard, row) over the cache's shards, then the shipped ones. Kept in memory and
        brought up to date when a folder changes, reading only the shards not read before: a cache
        of 12,000 shards took most of a question's time when every lookup read all of them."""
        stamp = self._stamp_now()
        if stamp is not None and stamp == self._stamp:
            return self._found
        for meta_path in (m for d in self._dirs() for m in sorted(d.glob("*.json"))):
            if meta_path in self._read:
                continue
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if meta.get("encoder") != self.encoder_name or int(meta.get("dim", -1)) != self.dim:
                    self._read.add(meta_path)
                    continue
                npy = meta_path.with_suffix(".npy")
                if not npy.is_file():
                    continue
                for row, key in enumerate(meta["keys"]):
                    self._found.setdefault(key, (npy, row))
                self._read.add(meta_path)
            except (OSError, ValueError, KeyError, TypeError):
                continue
        self._stamp = stamp
        return self._found

    def _dirs(self) -> list[Path]:
        """The folders read: the cache's, then the shipped one, those that exist."""
        return [d for d in (self.dir, self.shipped) if d is not None and d.is_dir()]

    def _stamp_now(self):
        try:
            return tuple((str(d), d.stat().st_mtime_ns) for d in self._dirs())
        except OSError:
            return None

    def lookup(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        idx = self._index()
        by_file: dict[Path, list[tuple[str, int]]] = {}
        for k in keys:
            if k in idx:
                p, r = idx[k]
                by_file.setdefault(p, []).append((k, r))
        out: dict[str, np.ndarray] = {}
        for p, items in by_file.items():
            try:
                arr = np.load(p, mmap_mode="r", allow_pickle=False)
                if arr.ndim != 2 or arr.shape[1] != self.dim or arr.dtype != np.float32:
                    continue
                for k, r in items:
                    if r < arr.shape[0]:
                        v = np.array(arr[r], dtype=np.float32)
                        if np.all(np.isfinite(v)):
                            out[k] = v
            except (OSError, ValueError):
                continue
        return out

    def store(self, keys: Sequence[str], vecs: np.ndarray) -> None:
        if not len(keys):
            return
        current = self._stamp is not None and self._stamp_now() == self._stamp
        self.dir.mkdir(parents=True, exist_ok=True)
        shard = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:24]
        npy, meta = self.dir / f"{shard}.npy", self.dir / f"{shard}.json"
        atomic_write(npy, lambda f: np.save(f, np.asarray(vecs, dtype=np.float32), allow_pickle=False))
        body = json.dumps({"encoder": self.encoder_name, "dim": self.dim, "keys": list(keys)}).encode()
        atomic_write(meta, lambda f: f.write(body))
        for row, key in enumerate(keys):        # the index read so far stays current without reading the folder again
            self._found.setdefault(key, (npy, row))
        self._read.add(meta)
        if current:
            self._stamp = self._stamp_now()


class CachedEncoder:
    """Wraps an encoder; texts already embedded (same encoder, same text) come from the cache."""

    def __init__(self, encoder, root: str | Path):
        self.inner = encoder
        self.name = encoder.name
        self.root = Path(root)
        self._cache: EmbeddingCache | None = None
        self.last_hits = 0
        self.last_misses = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        if self._cache is None:
            self._cache = EmbeddingCache(self.root, self.name, self.dim)
        keys = [text_key(self.name, t) for t in texts]
        found = self._cache.lookup(keys)
        # shortest first: a batch is padded to its longest text, so similar lengths batch cheaper
        # (sentence windows of a 290-clause plan: 24.6 s -> 20.4 s, the same vectors to the bit)
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in found}.items(),
                         key=lambda kt: (len(kt[1]), kt[0]))
        if missing:
            vecs = self.inner.encode([t for _, t in missing])
            try:
                self._cache.store([k for k, _ in missing], vecs)
            except OSError:
                pass  # a read-only cache still gives correct embeddings
            found.update({k: v for (k, _), v in zip(missing, vecs)})
        self.last_hits, self.last_misses = len(texts) - len(missing), len(missing)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


def _shipped_texts(extra=None) -> list[str]:
    """The shipped plan's dense texts: its clauses' sentence windows (``dense_windows``), then
    ``extra(clause)`` for each clause (the re-ranker's sentences, phrases and words, ``assistant.sentences``)."""
    import corpus
    from index.retriever import dense_windows
    clauses = [c for d in corpus.load_shipped() for c in d.clauses]
    texts = [w for c in clauses for w in dense_windows(c)]
    if extra is not None:
        texts += [t for c in clauses for t in extra(c)]
    return list(dict.fromkeys(texts))


def ship_shipped_plan(encoder_name: str | None = None, out_root: str | Path = SHIPPED, extra=None) -> Path:
    """Write the shipped plan's dense vectors (``_shipped_texts``) as one read-only shard under
    ``out_root`` (``python -m index.embcache``), replacing earlier shards: first runs then need no
    encoding."""
    from index.encoders import DEFAULT_ENCODER, get_encoder
    enc = get_encoder(encoder_name or DEFAULT_ENCODER)
    texts = _shipped_texts(extra)
    keys = [text_key(enc.name, t) for t in texts]
    cache = EmbeddingCache(out_root, enc.name, enc.dim, shipped=None)
    have = cache.lookup(keys)           # vectors already shipped are kept as they are
    todo = [t for t, k in zip(texts, keys) if k not in have]
    have.update(zip((k for t, k in zip(texts, keys) if k not in have), enc.encode(todo) if todo else []))
    vecs = np.stack([have[k] for k in keys])
    if cache.dir.is_dir():
        for old in cache.dir.iterdir():
            old.unlink()
    cache.store(keys, vecs)
    return cache.dir


def shipped_coverage(encoder_name: str, dim: int, extra=None) -> tuple[int, int]:
    """(dense texts of the shipped plan whose vectors ship, all its dense texts: ``_shipped_texts``)
    for ``encoder_name``."""
    keys = [text_key(encoder_name, t) for t in _shipped_texts(extra)]
    found = EmbeddingCache(Path(os.devnull), encoder_name, dim).lookup(keys)
    return sum(1 for k in keys if k in found), len(keys)


if __name__ == "__main__":
    from assistant.sentences import clause_texts    # the re-ranker's sentence and word vectors ship too
    print(ship_shipped_plan(extra=clause_texts))
