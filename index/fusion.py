"""Rank fusion and retriever configuration (pure functions, frozen config)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Mapping, Sequence

MODES = ("bm25", "dense", "hybrid")


@dataclass(frozen=True)
class RetrieverConfig:
    """Retrieval parameters; defaults are starting points, tuned on the dev set in eval/."""

    # Fusion: BM25 is the backbone, dense mostly reorders close BM25 ranks and adds
    # recall lower down. Dev sweep (bm25 MRR .745): dense .2/k 5 -> MRR .745, hit@3
    # .811 -> .828; dense .5/k 60 -> MRR .733 (worse than BM25 alone).
    bm25_weight: float = 1.0
    dense_weight: float = 0.2
    rrf_k: int = 5
    # Thesaurus expansion (index.thesaurus): the plan terms of a query's everyday
    # words form a second BM25 query counted at this weight (0 turns it off).
    # Dev sweep (hit@1 bm25/hybrid): .3 -> .928/.935, .5 -> .942/.942,
    # .7 -> .950/.942, 1.0 -> .964/.957 (hit@3 drops). 0.5 keeps the user's own
    # words ahead and hybrid == bm25; expanding to whole terms only (no
    # search-mode sub-words) was worse at every weight.
    expansion_weight: float = 0.5
    dense_expansion: bool = True    # the dense query is the text plus its expansion
    depth: int = 50             # candidates each signal contributes to fusion (at least k)
    # BM25: a plateau on the dev set (b 0.3-0.5 with titles at 0.3 beat rank_bm25's
    # 1.5/0.75: long city-list clauses were over-penalised by length normalisation)
    k1: float = 1.2
    b: float = 0.4
    title_weight: float = 0.3   # BM25 weight of section-path titles relative to the body
    hnsw_threshold: int = 50_000

    def weights(self) -> dict[str, float]:
        return {"bm25": self.bm25_weight, "dense": self.dense_weight}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping) -> "RetrieverConfig":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})


def weighted_rrf(runs: Mapping[str, Sequence[str]], weights: Mapping[str, float] | None = None,
                 k: int = 60) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion: score(d) = sum_run w_run / (k + rank_run(d)), rank 1-based.

    ``runs`` maps a signal name to its ranked ids (best first). Missing weights
    count as 1.0. Result sorted by score (desc), ties by id (asc).
    """
    if k < 0:
        raise ValueError("rrf k must be >= 0")
    weights = weights or {}
    scores: dict[str, float] = {}
    for name, ranked in runs.items():
        w = float(weights.get(name, 1.0))
        if w == 0.0:
            continue
        seen = set()
        for rank, doc in enumerate(ranked, start=1):
            if doc in seen:
                continue
            seen.add(doc)
            scores[doc] = scores.get(doc, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
