"""Write the abstention model's background of known plans (assistant/background.py).

``python -m eval.background [--out assistant/data/background.npz]``

Every plan of the evaluation corpus (eval/plans plus the shipped plan) is indexed with the
default encoder; the dense vectors of all its sentence windows, with the text of the clause
each belongs to, go into the background. Run it after the corpus, the parser or the encoder
changes, then refit the abstention model (``python -m eval.calibrate``), which reads the
background the same way the assistant does.
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

from assistant import background
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover


def windows_of(retriever) -> tuple[np.ndarray, list[str]]:
    """The index's dense vectors and, for each, the text of its clause."""
    vecs = np.asarray(retriever.dense.vectors, dtype=np.float32)
    texts = [c.text for c in retriever.clauses]
    if not retriever.windowed:
        return vecs, texts
    starts = retriever.window_starts
    counts = np.diff(np.append(starts, len(vecs)))
    return vecs, [t for t, n in zip(texts, counts) for _ in range(int(n))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.background")
    ap.add_argument("--questions", default=str(QUESTIONS_DIR))
    ap.add_argument("--plans", default=str(PLANS_DIR))
    ap.add_argument("--out", default=str(background.DATA))
    args = ap.parse_args(argv)
    from assistant import PlanAssistant
    plans, encoder = {}, None
    for s in discover(args.questions, args.plans):
        r = PlanAssistant.from_paths([str(s.path)]).retriever
        if r.dense is None:
            print("planqa: the default encoder is not available; no background written", file=sys.stderr)
            return 1
        encoder = r.encoder_name
        plans[s.plan_id] = windows_of(r)
        print(f"{s.plan_id}: {len(plans[s.plan_id][0])} windows", file=sys.stderr, flush=True)
    out = background.write(args.out, encoder, plans)
    n = sum(len(v) for v, _ in plans.values())
    print(f"{out}: {len(plans)} plans, {n} windows, {out.stat().st_size / 2**20:.1f} MiB ({encoder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
