"""Evaluation math as plain functions: relevance, hit@k, MRR, nDCG, abstention, percentiles.

Relevance is binary: a shown text is relevant iff, after NFKC normalisation
and removal of all whitespace, it contains one of the question's answer
phrases (DESIGN.md, "Evaluation file format"). Ranks are 1-based.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Iterable, Sequence

_WS = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFKC, then every whitespace character removed."""
    return _WS.sub("", unicodedata.normalize("NFKC", text or ""))


def is_hit(text: str, answers: Iterable[str]) -> bool:
    """True iff ``text`` contains any answer phrase (both normalised)."""
    norm = normalize(text)
    return any(p and p in norm for p in (normalize(a) for a in answers))


def relevance(texts: Sequence[str], answers: Sequence[str]) -> list[bool]:
    """Binary relevance of each shown text, in rank order."""
    phrases = [p for p in (normalize(a) for a in answers) if p]
    out = []
    for t in texts:
        norm = normalize(t)
        out.append(any(p in norm for p in phrases))
    return out


def first_hit_rank(rels: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant item, or None."""
    for i, r in enumerate(rels, 1):
        if r:
            return i
    return None


def hit_at_k(rels: Sequence[bool], k: int) -> float:
    """1.0 if a relevant item is among the first ``k``, else 0.0."""
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    return 1.0 if any(rels[:k]) else 0.0


def reciprocal_rank(rels: Sequence[bool]) -> float:
    """1/rank of the first relevant item; 0.0 when none is relevant."""
    r = first_hit_rank(rels)
    return 0.0 if r is None else 1.0 / r


def dcg(rels: Sequence[bool], k: int) -> float:
    """Discounted cumulative gain with binary gains: sum of 1/log2(rank+1)."""
    return sum(1.0 / math.log2(i + 1) for i, r in enumerate(rels[:k], 1) if r)


def ndcg_at_k(rels: Sequence[bool], k: int = 10) -> float:
    """nDCG@k with binary relevance.

    The ideal list puts every relevant shown item first; since an in-scope
    question has at least one answering clause in the plan, the ideal holds
    at least one relevant item (so a list with no relevant item scores 0 and
    a single relevant item at rank r scores 1/log2(r+1)).
    """
    n_rel = max(1, sum(1 for r in rels[:k] if r))
    ideal = dcg([True] * n_rel, k)
    return dcg(rels, k) / ideal


def abstention_scores(abstained: Sequence[bool], out_of_scope: Sequence[bool]) -> dict:
    """Abstention precision/recall and the false-abstention rate.

    precision = abstentions on out-of-scope questions / all abstentions
    recall    = abstentions on out-of-scope questions / out-of-scope questions
    false_abstention = abstentions on in-scope questions / in-scope questions
    A ratio whose denominator is zero is None (undefined, not perfect).
    """
    if len(abstained) != len(out_of_scope):
        raise ValueError("abstained and out_of_scope must have the same length")
    tp = sum(1 for a, o in zip(abstained, out_of_scope) if a and o)
    n_abst = sum(1 for a in abstained if a)
    n_oos = sum(1 for o in out_of_scope if o)
    n_in = len(out_of_scope) - n_oos
    fp = n_abst - tp
    return {
        "precision": _ratio(tp, n_abst),
        "recall": _ratio(tp, n_oos),
        "false_abstention": _ratio(fp, n_in),
        "abstained": n_abst,
        "out_of_scope": n_oos,
    }


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0..100) with linear interpolation between order
    statistics (numpy's default method); None for an empty sequence."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be in [0, 100], got {p}")
    xs = sorted(float(v) for v in values)
    if not xs:
        return None
    pos = (len(xs) - 1) * p / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float | None:
    return percentile(values, 50)


def mean(values: Sequence[float]) -> float | None:
    xs = list(values)
    return sum(xs) / len(xs) if xs else None


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None
