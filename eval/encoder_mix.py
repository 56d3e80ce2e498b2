"""How much of USE-m's cosine to add to e5's: dense ranking alone, per plan, on the dev split.

``python -m eval.encoder_mix [--weights 0,0.1,0.2,0.3,0.5,1] [--split dev]``

For every plan of the corpus and each of its single-turn in-scope questions, every clause
is scored by its e5 cosine (best sentence window, as the index scores it) plus ``weight``
times its USE cosine (the clause's dense text as one passage), and the rank of the first
answering clause is read. Printed: pooled hit@1 / hit@5 / MRR per weight, and on how many
plans MRR rose or fell against e5 alone. Measured, and the pair not adopted as the default
encoder: see the README ("Measured and not adopted", this release).
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict

import numpy as np

from eval import metrics
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover


def _summary(ranks) -> tuple[float, float, float]:
    r = np.asarray(ranks, dtype=float)
    return float((r == 1).mean()), float((r <= 5).mean()), float((1.0 / r).mean())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.encoder_mix", description=__doc__.splitlines()[0])
    ap.add_argument("--weights", default="0,0.1,0.2,0.3,0.5,1")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args(argv)
    from assistant import PlanAssistant
    from index.encoders import E5_NAME, USE_NAME, get_encoder
    from index.retriever import dense_text
    weights = [float(w) for w in args.weights.split(",")]
    use = get_encoder(USE_NAME)
    ranks: dict[float, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for s in discover(str(QUESTIONS_DIR), PLANS_DIR):
        qs = [q for q in s.questions(args.split) if q.in_scope and not q.history]
        if not qs:
            continue
        r = PlanAssistant.from_paths([str(s.path)], encoder=E5_NAME).retriever
        texts = [r.query_text(q.question) for q in qs]
        q_e5 = r.encode_queries([r.dense_query(t) for t in texts])
        q_use = use.encode(texts)
        c_use = use.encode([dense_text(c) for c in r.clauses])
        for q, qe, qu in zip(qs, q_e5, q_use):
            rel = np.array(metrics.relevance([c.text for c in r.clauses], q.answers))
            if not rel.any():
                continue
            e5_cos, use_cos = r.clause_cosines(qe), c_use @ qu
            for w in weights:
                order = np.argsort(-(e5_cos + w * use_cos), kind="stable")
                ranks[w][s.plan_id].append(int(np.flatnonzero(rel[order])[0]) + 1)
        print(f"{s.plan_id}: {len(qs)} questions", file=sys.stderr, flush=True)
    base = ranks[weights[0]]
    for w in weights:
        pooled = _summary([x for p in ranks[w].values() for x in p])
        up = sum(_summary(ranks[w][p])[2] > _summary(base[p])[2] + 1e-9 for p in ranks[w])
        down = sum(_summary(ranks[w][p])[2] < _summary(base[p])[2] - 1e-9 for p in ranks[w])
        print(f"USE weight {w:g}: hit@1 {pooled[0]:.3f}  hit@5 {pooled[1]:.3f}  MRR {pooled[2]:.3f}  "
              f"plans MRR up {up} / down {down} (against weight {weights[0]:g})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
