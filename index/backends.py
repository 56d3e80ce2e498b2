"""The small interfaces the Retriever talks to, so another engine can be plugged in.

A sparse backend ranks documents for a tokenized query; a dense backend ranks
them for a query vector. ``index.bm25.BM25Index`` and
``index.vectors.VectorIndex`` are the built-in implementations; a backend on
an external engine (Elasticsearch, OpenSearch, a vector database) only needs
these methods, and callers of ``Retriever`` do not change.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

import numpy as np


@runtime_checkable
class SparseBackend(Protocol):
    n_docs: int

    def search_tokens(self, tokens: Sequence[str], k: int = 10, allowed: np.ndarray | None = None,
                      tiebreak: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top k (document index, score), best first, ties by ``tiebreak``."""
        ...

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """Score of every document (0 where no query term matches)."""
        ...

    def has_term(self, term: str, doc: int) -> bool: ...

    def idf(self, term: str) -> float: ...


@runtime_checkable
class DenseBackend(Protocol):
    kind: str

    @property
    def dim(self) -> int: ...

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None):
        """(scores [q, k], ids [q, k]) by inner product, best first; ids may be -1 (padding)."""
        ...
