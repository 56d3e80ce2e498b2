"""Score answers against questions and aggregate: no I/O, no assistant imports.

What counts as *shown* for a question: the excerpts of the answer, in rank
order. For a structure answer (``answer.kind == "structure"``) the outline
the user sees is one list, so its heading labels are joined into one shown
item at rank 1, ahead of any excerpts. An abstention shows nothing (a miss
for an in-scope question, DESIGN.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from eval import metrics
from eval.qset import Question

NDCG_K = 10


@dataclass(frozen=True)
class QuestionResult:
    id: str
    kind: str
    question: str
    history: tuple[str, ...]
    answers: tuple[str, ...]
    in_scope: bool
    abstained: bool
    answer_kind: str
    resolved_query: str
    relevance: tuple[bool, ...]         # of the shown items, in rank order
    shown: tuple[str, ...]              # the shown texts (verbatim)
    citations: tuple[str, ...] = ()
    excerpt_chars: tuple[int, ...] = ()
    latency_s: float = 0.0
    error: str = ""                     # set when ask() raised

    @property
    def first_rank(self) -> int | None:
        return metrics.first_hit_rank(self.relevance)

    def hit(self, k: int) -> bool:
        return bool(self.relevance) and metrics.hit_at_k(self.relevance, k) == 1.0

    def correct(self, k: int) -> bool:
        """In scope: a hit in the top k. Out of scope: abstained."""
        return self.hit(k) if self.in_scope else self.abstained


def shown_items(answer) -> tuple[list[str], list[str]]:
    """(texts, citations) of what the user is shown, in rank order."""
    if getattr(answer, "abstained", False):
        return [], []
    texts: list[str] = []
    cites: list[str] = []
    outline = list(getattr(answer, "outline", None) or [])
    if getattr(answer, "kind", "") == "structure" and outline:
        texts.append("\n".join(_label(e) for e in outline))
        cites.append("〔outline〕")
    for hit in getattr(answer, "excerpts", None) or []:
        texts.append(hit.text)
        cites.append(_citation(hit))
    return texts, cites


def score_answer(q: Question, answer, latency_s: float = 0.0) -> QuestionResult:
    texts, cites = shown_items(answer)
    abstained = bool(getattr(answer, "abstained", False))
    rels = metrics.relevance(texts, q.answers) if q.in_scope else [False] * len(texts)
    excerpts = [] if abstained else list(getattr(answer, "excerpts", None) or [])
    return QuestionResult(
        id=q.id, kind=q.kind, question=q.question, history=q.history, answers=q.answers,
        in_scope=q.in_scope, abstained=abstained,
        answer_kind=str(getattr(answer, "kind", "")),
        resolved_query=str(getattr(answer, "resolved_query", "") or ""),
        relevance=tuple(rels), shown=tuple(texts), citations=tuple(cites),
        excerpt_chars=tuple(len(h.text) for h in excerpts),
        latency_s=float(latency_s),
    )


def error_result(q: Question, message: str, latency_s: float = 0.0) -> QuestionResult:
    """A question whose ask() raised: scored as a miss (in scope) or a non-abstention."""
    return QuestionResult(
        id=q.id, kind=q.kind, question=q.question, history=q.history, answers=q.answers,
        in_scope=q.in_scope, abstained=False, answer_kind="error", resolved_query="",
        relevance=(), shown=(), latency_s=float(latency_s), error=message,
    )


@dataclass(frozen=True)
class Summary:
    n: int
    n_in_scope: int
    n_out_of_scope: int
    hit_at: dict                        # {1: .., 3: .., 5: ..} over in-scope questions
    mrr: float | None
    ndcg10: float | None
    abstention: dict                    # precision, recall, false_abstention, ...
    median_excerpt_chars: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    errors: int = 0
    per_kind: dict = field(default_factory=dict)   # kind -> Summary (without per_kind)

    def to_dict(self) -> dict:
        d = {
            "n": self.n, "n_in_scope": self.n_in_scope, "n_out_of_scope": self.n_out_of_scope,
            "hit_at": {str(k): v for k, v in self.hit_at.items()},
            "mrr": self.mrr, "ndcg10": self.ndcg10, "abstention": dict(self.abstention),
            "median_excerpt_chars": self.median_excerpt_chars,
            "latency_p50_ms": self.latency_p50_ms, "latency_p95_ms": self.latency_p95_ms,
            "errors": self.errors,
        }
        if self.per_kind:
            d["per_kind"] = {k: s.to_dict() for k, s in self.per_kind.items()}
        return d

    def success(self, k: int) -> float | None:
        """hit@k for in-scope questions, abstention recall for out-of-scope ones
        (one number per kind for charts)."""
        if self.n_in_scope:
            return self.hit_at.get(k)
        return self.abstention.get("recall")


def summarize(results: Sequence[QuestionResult], ks: Sequence[int] = (1, 3, 5),
              by_kind: bool = True) -> Summary:
    ins = [r for r in results if r.in_scope]
    hit_at = {k: metrics.mean([1.0 if r.hit(k) else 0.0 for r in ins]) for k in ks}
    lat_ms = [r.latency_s * 1000.0 for r in results]
    chars = [c for r in results for c in r.excerpt_chars]
    per_kind = {}
    if by_kind:
        for kind in sorted({r.kind for r in results}):
            per_kind[kind] = summarize([r for r in results if r.kind == kind], ks, by_kind=False)
    return Summary(
        n=len(results), n_in_scope=len(ins), n_out_of_scope=len(results) - len(ins),
        hit_at=hit_at,
        mrr=metrics.mean([metrics.reciprocal_rank(r.relevance) for r in ins]),
        ndcg10=metrics.mean([metrics.ndcg_at_k(r.relevance, NDCG_K) for r in ins]),
        abstention=metrics.abstention_scores([r.abstained for r in results],
                                             [not r.in_scope for r in results]),
        median_excerpt_chars=metrics.median(chars),
        latency_p50_ms=metrics.percentile(lat_ms, 50),
        latency_p95_ms=metrics.percentile(lat_ms, 95),
        errors=sum(1 for r in results if r.error),
        per_kind=per_kind,
    )


def failures(results: Sequence[QuestionResult], k: int) -> list[QuestionResult]:
    """Questions not answered correctly at k, in file order."""
    return [r for r in results if not r.correct(k)]


def _label(entry) -> str:
    label = getattr(entry, "label", None)
    if isinstance(label, str) and label:
        return label
    if isinstance(entry, dict):
        return f"{entry.get('number', '')}{entry.get('title', '')}"
    return str(getattr(entry, "title", entry))


def _citation(hit) -> str:
    try:
        from assistant.answer import citation
    except ImportError:  # scoring works without the assistant layer (fakes in tests)
        citation = None
    if citation is not None:
        return citation(hit)
    path = " / ".join(getattr(hit, "section_path", ()) or ())
    pages = getattr(hit, "pages", None)
    return f"〔{path} · p.{pages[0]}〕" if pages else f"〔{path}〕"
