"""A query-side linear adapter for the e5 encoder, fitted on the multi-plan corpus.

multilingual-e5-small was trained on web text; a reader's colloquial question and the
official clause that answers it (家里装修完的垃圾，能不能约人上门来拉？ / 装修垃圾收运"个人预约"
新模式) meet less closely than they should. The adapter moves a query vector, never a
passage vector:

    q' = (q + q B) / |q + q B|

``B`` (dim × dim) is fitted by ``eval/adapter_fit.py`` on the dev questions of the corpus
(a softmax over all of a plan's clauses, each clause scored by its best window's cosine, the
target its answering clauses; L2 pull towards ``B = 0``, each plan weighing about the same),
and is judged leave plans out: fitted without a fold of plans, asked on that fold. Passage
vectors, the embedding cache, index folders and the shipped vectors are untouched, so an
index stays current whether or not the adapter is used.

The data file (``data/e5-query-adapter.npz``) holds ``B`` as float16 and a JSON string of
what it was fitted on and the leave-plans-out figures it was chosen with. Without the file
query vectors are e5's own.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "e5-query-adapter.npz"


class QueryAdapter:
    """``apply(vectors)``: each row moved by ``B`` and L2-normalised again."""

    def __init__(self, matrix: np.ndarray, meta: dict | None = None):
        matrix = np.asarray(matrix, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise ValueError(f"a query adapter is a square matrix, not {matrix.shape}")
        self.matrix = matrix
        self.meta = dict(meta or {})

    @property
    def dim(self) -> int:
        return self.matrix.shape[0]

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        v = np.asarray(vectors, dtype=np.float32)
        if v.ndim != 2 or v.shape[1] != self.dim:
            raise ValueError(f"the query adapter moves {self.dim}-d vectors, not {v.shape}")
        if not len(v):
            return v
        moved = v + v @ self.matrix
        norms = np.linalg.norm(moved, axis=1, keepdims=True)
        return (moved / np.maximum(norms, 1e-12)).astype(np.float32)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:     # a file object: np.savez would append ".npz" to a bare name
            np.savez_compressed(fh, matrix=self.matrix.astype(np.float16),
                                meta=np.array(json.dumps(self.meta, ensure_ascii=False)))
        return path

    @classmethod
    def load(cls, path: str | Path) -> "QueryAdapter":
        with np.load(Path(path), allow_pickle=False) as z:
            return cls(z["matrix"].astype(np.float32), json.loads(str(z["meta"])))


@functools.lru_cache(maxsize=1)
def default_adapter() -> QueryAdapter | None:
    """The shipped adapter, or None where its file is missing or unreadable."""
    if not DATA.is_file():
        return None
    try:
        return QueryAdapter.load(DATA)
    except (OSError, ValueError, KeyError):
        return None
