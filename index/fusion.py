"""Rank fusion and retriever configuration (pure functions, frozen config)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Mapping, Sequence

MODES = ("bm25", "dense", "hybrid")
FUSIONS = ("rrf", "score")


@dataclass(frozen=True)
class RetrieverConfig:
    """Retrieval parameters; defaults are starting points, tuned on the dev set in eval/."""

    # Fusion: BM25 is the backbone; dense breaks near-ties. "score" fusion
    # (score_fusion: bm25/max + dense_weight * cosine) sees how far apart the
    # BM25 scores are, so the plan's preface and title clause, which have a high
    # cosine with any question naming 战略性新兴产业, no longer overturn a clear
    # BM25 winner as rank fusion let them (dense .2, rrf k 5: dev q036 fell to
    # rank 2). Dev sweep after the thesaurus (hybrid vs bm25, per question):
    # score .02 -> identical; .05 -> one gain (q106), no loss (hit@1 .942 ->
    # .950, MRR .967 -> .971); .1-.2 -> +q106 -q014; .5-1.0 -> +q099 +q106
    # -q012 -q014 (the preface/title again). rrf .2/k 5 -> +q106 -q036.
    # With e5 the weight rose to .6 (11 plans). On the 61-plan dev split the retriever
    # alone prefers more (python -m eval.ablate fusion --weights 0.4 0.6 0.8 1.0 1.3:
    # MRR .778 / .785 / .796 / .801 / .803; 1.0 against .6 higher on 45 plans, lower
    # on 8), but the whole assistant, re-ranker and abstention model refitted, barely
    # moves: hit@1 .874 -> .876, MRR .906 -> .908, false abstentions 33 -> 29, and 11
    # fewer out-of-scope questions declined (714 -> 703 of 893; MRR higher on 12
    # plans, lower on 11). So .6 stays, as it did when 0.8 and 1.0 were tried on 27 plans.
    fusion: str = "score"       # "score" (score_fusion) or "rrf" (weighted_rrf, uses rrf_k)
    dense_weight: float = 0.6
    # "plan": the cosine enters score fusion rescaled within the plan
    # (rescale_cosines: the query's mean cosine over all clauses -> 0, its best -> 1),
    # like BM25's score/max; "raw": the cosine itself (a compressed 0.7-0.9 band for e5).
    dense_scale: str = "plan"
    rrf_k: int = 5
    bm25_weight: float = 1.0
    # Thesaurus expansion (index.thesaurus): the plan terms of a query's everyday
    # words form a second BM25 query counted at this weight (0 turns it off).
    # Dev sweep (hit@1 bm25/hybrid): .3 -> .928/.935, .5 -> .942/.942,
    # .7 -> .950/.942, 1.0 -> .964/.957 (hit@3 drops). 0.5 keeps the user's own
    # words ahead and hybrid == bm25; expanding to whole terms only (no
    # search-mode sub-words) was worse at every weight.
    expansion_weight: float = 0.5
    dense_expansion: bool = True    # the dense query is the text plus its expansion
    # Gates on the expansion, measured on the 11-plan dev corpus (eval/results/thesaurus.md):
    # a phrase the plan itself uses is not expanded (the plan's own word beats a guess:
    # 补贴, 中医 stop pulling 财政/中医药 clauses); dropping terms the plan never uses
    # (they still shape the dense query) lost cn-data-infra hit@1 .750 -> .708, so it is off.
    expansion_skip_used: bool = True
    expansion_drop_absent: bool = False
    depth: int = 50             # candidates each signal contributes to fusion (at least k)
    # BM25: a plateau on the dev set (b 0.3-0.5 with titles at 0.3 beat rank_bm25's
    # 1.5/0.75: long city-list clauses were over-penalised by length normalisation).
    # Still one on the 153-plan corpus's dev split (python -m eval.bm25_sweep): b 0.25 puts
    # more answers first in retrieval but no more in the re-ranked pool, and the whole
    # assistant moves 2 of 4,099 (README or docs/history.md: "BM25's k1, b and title weight")
    k1: float = 1.2
    b: float = 0.4
    title_weight: float = 0.3   # BM25 weight of section-path titles relative to the body
    hnsw_threshold: int = 50_000

    def __post_init__(self):
        if self.fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {self.fusion!r}; use one of {', '.join(FUSIONS)}")

    def weights(self) -> dict[str, float]:
        return {"bm25": self.bm25_weight, "dense": self.dense_weight}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping) -> "RetrieverConfig":
        known = {f for f in cls.__dataclass_fields__}
        d = dict(d)
        if d and "fusion" not in d:
            d["fusion"] = "rrf"         # folders written before score fusion existed used rank fusion
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


def rescale_cosines(cos: Sequence[float], mean: float, top: float) -> list[float]:
    """Cosines mapped so that the query's mean cosine over the whole plan is 0 and its
    best is 1: the dense counterpart of BM25's score / max."""
    span = top - mean
    if span <= 1e-9:
        return [0.0 for _ in cos]
    return [(float(c) - mean) / span for c in cos]


def score_fusion(bm25: Sequence[float], dense: Sequence[float], bm25_weight: float = 1.0,
                 dense_weight: float = 0.5) -> list[float]:
    """Convex score fusion over one candidate list: w_b * bm25 / max(bm25) + w_d * cosine.

    Unlike rank fusion it sees how far apart the BM25 scores are: the dense
    similarity reorders near-ties (6.84 vs 6.78) but cannot lift a clause
    that BM25 scores a third lower above the clear winner. Candidates with no
    BM25 match get only the dense term. Inputs are aligned per candidate.
    """
    top = max((float(x) for x in bm25), default=0.0)
    scale = 1.0 / top if top > 0 else 0.0
    return [bm25_weight * float(b) * scale + dense_weight * float(d) for b, d in zip(bm25, dense)]
