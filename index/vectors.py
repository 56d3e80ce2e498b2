"""faiss inner-product search over L2-normalised vectors.

Exact ``IndexFlatIP`` below ``HNSW_THRESHOLD`` vectors, ``IndexHNSWFlat``
(inner product) above it; the kind is chosen automatically and recorded in the
index manifest. With a document filter the search is exact (numpy) over the
allowed rows, so a filter never loses hits to the approximate index.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

HNSW_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


_threads_set = False


def _faiss():
    """faiss, with its OpenMP pool sized for one-query-at-a-time search.

    A single query gains nothing from threads, and an OpenMP team on a busy
    machine adds millisecond tails; PLANQA_FAISS_THREADS overrides (process-wide).
    """
    global _threads_set
    import faiss

    if not _threads_set:
        try:
            n = int(os.environ.get("PLANQA_FAISS_THREADS", "1"))
        except ValueError:
            n = 1
        faiss.omp_set_num_threads(max(1, n))
        _threads_set = True
    return faiss


def choose_kind(n: int, threshold: int = HNSW_THRESHOLD) -> str:
    return "hnsw" if n >= threshold else "flat"


def brute_force(vectors: np.ndarray, queries: np.ndarray, k: int, rows: np.ndarray | None = None):
    """Exact inner-product top k: (scores [q, k'], ids [q, k']); the obviously correct reference."""
    base = vectors if rows is None else vectors[rows]
    sims = queries @ base.T
    k = min(k, base.shape[0])
    ids = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    scores = np.take_along_axis(sims, ids, axis=1)
    if rows is not None:
        ids = rows[ids]
    return scores, ids


class VectorIndex:
    def __init__(self, vectors: np.ndarray, faiss_index, kind: str):
        self.vectors = vectors
        self.index = faiss_index
        self.kind = kind

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def __len__(self) -> int:
        return int(self.vectors.shape[0])

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str | None = None, threshold: int = HNSW_THRESHOLD) -> "VectorIndex":
        faiss = _faiss()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError(f"vectors must be 2-D, got shape {vectors.shape}")
        kind = kind or choose_kind(vectors.shape[0], threshold)
        d = vectors.shape[1]
        if kind == "flat":
            idx = faiss.IndexFlatIP(d)
        elif kind == "hnsw":
            idx = faiss.IndexHNSWFlat(d, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            idx.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            idx.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            raise ValueError(f"unknown vector index kind {kind!r}")
        idx.add(vectors)
        return cls(vectors, idx, kind)

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None):
        """(scores [q, k'], ids [q, k']) best first; ids -1 / scores -inf padding removed by the caller."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        if queries.shape[1] != self.dim:
            raise ValueError(f"query vectors have dimension {queries.shape[1]}, index has {self.dim}")
        n = len(self)
        k = min(k, n)
        if k <= 0:
            return np.zeros((queries.shape[0], 0), np.float32), np.zeros((queries.shape[0], 0), np.int64)
        if allowed is not None:
            rows = np.flatnonzero(allowed)
            if rows.size == 0:
                return np.zeros((queries.shape[0], 0), np.float32), np.zeros((queries.shape[0], 0), np.int64)
            return brute_force(self.vectors, queries, k, rows)
        if self.kind == "hnsw":
            self.index.hnsw.efSearch = max(HNSW_EF_SEARCH, k)
        scores, ids = self.index.search(queries, k)
        return scores, ids.astype(np.int64)

    # ---- persistence -----------------------------------------------------
    def write(self, folder: Path, name: str = "vectors.faiss") -> list[str]:
        _faiss().write_index(self.index, str(folder / name))
        return [name]

    @classmethod
    def read(cls, folder: Path, vectors: np.ndarray, kind: str, name: str = "vectors.faiss") -> "VectorIndex":
        faiss = _faiss()
        idx = faiss.read_index(str(folder / name))
        if idx.ntotal != vectors.shape[0] or idx.d != vectors.shape[1]:
            raise ValueError(f"{name} holds {idx.ntotal}x{idx.d} vectors, embeddings.npy {vectors.shape}")
        if kind == "hnsw":
            idx.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(np.ascontiguousarray(vectors, dtype=np.float32), idx, kind)
