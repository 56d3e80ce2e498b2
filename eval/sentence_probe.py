"""What a clause's best-sentence cosine (the re-ranker's ``sent_dense``) adds: a probe by folds of plans.

    python -m eval.sentence_probe [--folds 8] [--report eval/results/sentence-probe]

The index scores a clause by its best 120-character window (``index.retriever.dense_windows``),
each window read with its section title. This probe asks whether the cosine of a question with
the best single *sentence* of a clause (``assistant.sentences.sentences``, no title in front)
tells the re-ranker something the window does not (it does: ``assistant/sentences.py`` now
gives the re-ranker that cosine as ``sent_dense``; this probe compares the features without it
and with it, whatever the shipped weights):

1. every dev question of every plan is asked once with the re-ranker replaced by
   ``eval.rerank_fit``'s recorder, which keeps each pool's features with the best-sentence cosines
   the assistant computed for it (``assistant/sentences.py``: encoded through the embedding cache,
   ``$PLANQA_HOME/embeddings``, so a second run encodes nothing);
2. the re-ranker's features, with and without ``sent_dense`` (the best sentence's cosine,
   min-max scaled over the pool like ``dense``), are fitted with all their pairwise products on
   all but one fold of plans (plans dealt round-robin into ``--folds`` folds) and scored on the
   fold left out: pool hit@1 per plan, and its mean over plans.

What it costs is not measured here: encoding a plan's sentences costs about as much again as
encoding the plan (they partition the same text); the assistant pays it as a question first needs
them (``assistant/sentences.py``).
"""
from __future__ import annotations

import argparse
import math
import sys

import numpy as np

from assistant import evidence, rerank
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.rerank_fit import Pool, collect, fit, pool_hit1, write_report
from eval.report import machine_line, source_version

FEATURE = "sent_dense"


def without(pools: list[Pool], names, kept) -> list[Pool]:
    """The pools with only the columns of ``kept`` (names of ``names``)."""
    cols = [names.index(n) for n in kept]
    return [Pool(p.plan, p.qid, p.x[:, cols], p.rel) for p in pools]


def by_fold(pools: list[Pool], plans: list[str], folds: int) -> dict[str, tuple[float, float]]:
    """Plan -> (pool hit@1 in retrieval order, re-ranked with weights fitted on the other folds)."""
    fold = {pid: i % folds for i, pid in enumerate(plans)}
    out = {}
    for k in range(folds):
        w = fit([p for p in pools if fold[p.plan] != k])
        for pid in plans:
            if fold[pid] == k:
                mine = [p for p in pools if p.plan == pid]
                out[pid] = (pool_hit1(mine, None), pool_hit1(mine, w))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.sentence_probe", description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=8)
    ap.add_argument("--report", metavar="DIR", help="write report.md and results.json here")
    args = ap.parse_args(argv)
    from eval.runner import default_assistant

    sets = discover(str(QUESTIONS_DIR), PLANS_DIR)
    names = evidence.with_pairs(rerank.FEATURES)
    pools = collect(sets, lambda s: default_assistant(None, [str(s.path)]), names)
    plans = [s.plan_id for s in sets]
    kept = evidence.with_pairs(tuple(f for f in rerank.FEATURES if f != FEATURE))
    base = by_fold(without(pools, names, kept), plans, args.folds)
    sent = by_fold(pools, plans, args.folds)
    rows = [(pid, base[pid][0], base[pid][1], sent[pid][1]) for pid in plans
            if not math.isnan(base[pid][1])]
    mean = [float(np.mean([r[i] for r in rows])) for i in (1, 2, 3)]
    better = sum(r[3] > r[2] + 1e-9 for r in rows)
    worse = sum(r[3] < r[2] - 1e-9 for r in rows)
    lines = ["# Sentence-level cosine for the re-ranker: a probe on the dev split", "",
             f"- command: `python -m eval.sentence_probe {' '.join(argv if argv is not None else sys.argv[1:])}`",
             f"- code: {source_version()}; machine: {machine_line()}", "",
             f"Pool hit@1 per plan, weights fitted on the other folds ({args.folds} folds of plans):", "",
             "| plan | retrieval order | re-ranked | re-ranked + sent_dense |", "|---|---:|---:|---:|"]
    lines += [f"| {pid} | {a:.3f} | {b:.3f} | {c:.3f} |" for pid, a, b, c in rows]
    lines += [f"| **mean of plans** | {mean[0]:.3f} | {mean[1]:.3f} | {mean[2]:.3f} |", "",
              f"With the sentence cosine: higher on {better} plans, lower on {worse}."]
    out = "\n".join(lines)
    print(out)
    if args.report:
        write_report(args.report, out, {pid: {"retrieval": a, "reranked": b, "with_sentence": c}
                                        for pid, a, b, c in rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
