"""The small interfaces the Retriever talks to, so another engine can be plugged in.

A sparse backend ranks documents for a tokenized query; a dense backend ranks
them for a query vector. ``index.bm25.BM25Index`` and
``index.vectors.VectorIndex`` are the built-in implementations; a backend on
an external engine (Elasticsearch, OpenSearch, a vector database) only needs
these methods, and callers of ``Retriever`` do not change.

Whole-index backends (``resolve_backend``): "memory", the in-process engine
(BM25 on sparse matrices + faiss, an index folder), is the default; "milvus"
(``index.milvus.MilvusRetriever``) keeps the same clauses, BM25 weights and
vectors in Milvus: milvus-lite inside the index folder, or a Milvus server by
URI. Both return the same ``Hit``s for the same query and filters.
"""
from __future__ import annotations

import os
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

BACKENDS = ("memory", "milvus")
_ALIASES = {"memory": "memory", "in-process": "memory", "inprocess": "memory", "local": "memory",
            "faiss": "memory", "milvus": "milvus", "milvus-lite": "milvus"}


class BackendError(ValueError):
    """An unknown backend name."""


def resolve_backend(name: str | None = None) -> str:
    """A backend name ("memory" or "milvus"): the argument, else $PLANQA_BACKEND, else "memory"."""
    raw = name if name is not None else (os.environ.get("PLANQA_BACKEND") or "memory")
    if not isinstance(raw, str) or raw.strip().lower() not in _ALIASES:
        raise BackendError(f"unknown backend {raw!r}; use one of {', '.join(BACKENDS)}")
    return _ALIASES[raw.strip().lower()]


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
