"""Candidate features for the pool re-ranker, probed by groups of plans before any is built.

    python -m eval.feature_probe [--folds 8] [--report eval/results/feature-probe]

Each candidate is a column the re-ranker (``assistant/rerank.py``) does not read; the probe asks
whether the linear model, fitted with it, puts an answering clause first in more pools of plans it
was not fitted on:

1. every dev question of every plan is asked once with the re-ranker replaced by a recorder
   (``eval.rerank_fit``'s, plus the candidates' columns);
2. the re-ranker's features with all their pairwise products are fitted on seven of eight groups
   of plans (``eval.rerank_fit.held_out_weights``, the groups it deals) and scored on the group
   left out, without any candidate and with each: pools with an answering clause first, by question
   kind, and on how many plans each candidate is better or worse than none.

The candidates:

- ``t_leaf``, ``t_max``, ``t_last2``: the cosine of the question's vector (as searched) with the
  clause's deepest section title, with the best of all its titles, and with the better of its last
  two, each min-max scaled over the pool like ``dense``. A plan's headings are short statements of
  topic (推进停车难综合治理), which a colloquial question (晚上下班回家停不下车…) may meet more closely
  than the clause's words; the index already reads each sentence window with its section title.
  Titles are encoded through the embedding cache (``$PLANQA_HOME/embeddings``), like sentences.
- ranks (``dense_rr``, ``sent_dense_rr`` for meaning; ``bm25_rr``, ``info_cov_rr``, ``sent_cov_rr``,
  ``bigram_cov_rr`` for wording): 1 / a clause's rank in the pool by that feature — the order
  alone, without the min-max scale of the score.

Measured and left (README, "What moved it this release"): none is better than none.

A feature the re-ranker reads is probed the other way round: left out (``without near_cov``), or
read another way (``near_cov from .88``: its word cosines counted from .88 instead of
``rerank.NEAR_FROM``).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

import numpy as np

from assistant import evidence, rerank
from eval import metrics
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.rerank_fit import SPLIT, Pool, Recorder, answers_first, collect, held_out_weights, write_report
from eval.report import machine_line, source_version

TITLES = ("t_leaf", "t_max", "t_last2")
RANKED = ("dense", "sent_dense", "bm25", "info_cov", "sent_cov", "bigram_cov")
CANDIDATES = {
    "t_leaf": ("t_leaf",), "t_max": ("t_max",), "t_last2": ("t_last2",),
    "meaning ranks": ("dense_rr", "sent_dense_rr"),
    "wording ranks": ("bm25_rr", "info_cov_rr", "sent_cov_rr", "bigram_cov_rr"),
}
NEAR_STARTS = (0.88, 0.95)
NEAR = tuple(f"near_{round(x * 100)}" for x in NEAR_STARTS)
COLUMNS = rerank.FEATURES + TITLES + tuple(f"{f}_rr" for f in RANKED) + NEAR
# a feature the re-ranker reads, left out or replaced: label -> (left out, read instead)
CHANGES = {"without near_cov": (("near_cov",), ()),
           **{f"near_cov from {x:.2f}".replace("0.", "."): (("near_cov",), (n,)) for x, n in zip(NEAR_STARTS, NEAR)}}


def reciprocal_ranks(values: list[float]) -> list[float]:
    """1 / each value's rank, highest first (ties: the pool's order)."""
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))
    out = [0.0] * len(values)
    for rank, i in enumerate(order, 1):
        out[i] = 1.0 / rank
    return out


class CandidateRecorder(Recorder):
    """The re-ranker's recorder, each pool's features extended with the candidates' columns."""

    def __init__(self, plan: str, assistant):
        super().__init__(plan, COLUMNS)
        self.assistant = assistant

    def title_cosines(self, hits, query: str, feats) -> None:
        qvec = self.assistant.retriever.query_vector(query)
        if qvec is None:
            return
        paths = [[t for t in rerank.section_titles(h) if t and t.strip()] for h in hits]
        vec = self.assistant._sentence_vectors().vectors(list(dict.fromkeys(t for p in paths for t in p)))

        def cos(titles):
            return max((float(vec[t] @ qvec) for t in titles), default=0.0)
        for name, pick in (("t_leaf", lambda p: p[-1:]), ("t_max", lambda p: p), ("t_last2", lambda p: p[-2:])):
            for f, v in zip(feats, rerank.scaled([cos(pick(p)) for p in paths])):
                f[name] = v

    def rerank(self, hits, info, question, prev=None, searched="", own=None, sent=None, near=None, part=None,
               own_years=None):
        q = self.question
        if q is None or not q.in_scope or not hits:
            return list(hits)
        feats = rerank.features(hits, info, question, prev, searched, own, sent, near, part, own_years)
        self.title_cosines(hits, searched or question, feats)
        for start, name in zip(NEAR_STARTS, NEAR):
            for f, h, n in zip(feats, hits, near or [None] * len(hits)):
                f[name] = rerank.near_share(h.text + " " + " ".join(rerank.section_titles(h)), info, n, start) \
                    if n is not None else f["info_cov"]
        for name in RANKED:
            for f, v in zip(feats, reciprocal_ranks([f.get(name, 0.0) for f in feats])):
                f[f"{name}_rr"] = v
        x = np.array([evidence.feature_vector(f, COLUMNS) for f in feats], dtype=np.float64)
        rel = np.array(metrics.relevance([h.text for h in hits], q.answers), dtype=bool)
        self.pools.append(Pool(self.plan, q.id, x, rel))
        return list(hits)


def with_columns(pools: list[Pool], feats) -> list[Pool]:
    """The pools read as ``feats`` and every pairwise product of them (``evidence.with_pairs``)."""
    cols = [COLUMNS.index(f) for f in feats]
    names = evidence.with_pairs(feats)
    return [Pool(p.plan, p.qid, np.array([evidence.feature_vector(dict(zip(feats, row[cols])), names)
                                          for row in p.x]), p.rel) for p in pools]


def first_by_plan(pools: list[Pool], weights: dict[str, np.ndarray], kinds: dict) -> tuple[Counter, Counter]:
    """Pools with an answering clause first, per plan and per question kind."""
    plan, kind = Counter(), Counter()
    for p in pools:
        if p.rel.any() and answers_first(p, weights[p.plan]):
            plan[p.plan] += 1
            kind[kinds[p.qid]] += 1
    return plan, kind


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.feature_probe", description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=8)
    ap.add_argument("--report", metavar="DIR", help="write report.md and results.json here")
    args = ap.parse_args(argv)
    from eval.runner import default_assistant

    sets = discover(str(QUESTIONS_DIR), PLANS_DIR)
    pools = collect(sets, lambda s: default_assistant(None, [str(s.path)]), recorder=CandidateRecorder)
    kinds = {q.id: q.kind for s in sets for q in s.questions(SPLIT)}
    plans = [s.plan_id for s in sets]
    results = {}
    runs = [("none", rerank.FEATURES), *((label, rerank.FEATURES + extra) for label, extra in CANDIDATES.items()),
            *((label, tuple(f for f in rerank.FEATURES if f not in out) + instead)
              for label, (out, instead) in CHANGES.items())]
    for label, feats in runs:
        mine = with_columns(pools, feats)
        results[label] = first_by_plan(mine, held_out_weights(mine, plans, 0.001, args.folds), kinds)
    answerable = sum(1 for p in pools if p.rel.any())
    kinds_seen = sorted({k for _, by_kind in results.values() for k in by_kind})
    lines = ["# Candidate features for the re-ranker: a probe on the dev split", "",
             f"- command: `python -m eval.feature_probe {' '.join(argv if argv is not None else sys.argv[1:])}`",
             f"- code: {source_version()}; machine: {machine_line()}", "",
             f"Pools with an answering clause first, of {answerable} that hold one ({len(pools)} pools, "
             f"{len(plans)} plans), weights fitted on the other groups ({args.folds} groups of plans):", "",
             "| candidate | first | " + " | ".join(kinds_seen) + " | plans better | plans worse |",
             "|---|---:|" + "---:|" * (len(kinds_seen) + 2)]
    base = results["none"][0]
    for label, (by_plan, by_kind) in results.items():
        better = sum(by_plan[p] > base[p] for p in plans)
        worse = sum(by_plan[p] < base[p] for p in plans)
        lines.append(f"| {label} | {sum(by_plan.values())} | " + " | ".join(str(by_kind[k]) for k in kinds_seen)
                     + (f" | {better} | {worse} |" if label != "none" else " | – | – |"))
    out = "\n".join(lines)
    print(out)
    if args.report:
        write_report(args.report, out, {label: {"first": dict(by_plan), "by_kind": dict(by_kind)}
                                        for label, (by_plan, by_kind) in results.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
