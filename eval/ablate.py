"""Measure settings per plan before adopting them: retrieval sweeps and answer-layer ablations.

``python -m eval.ablate fusion --weights 0 0.2 0.4 0.6 [--split dev]``
    retriever.search alone (single-turn in-scope questions), hit@1/hit@5/MRR per plan
    for each dense weight of score fusion.
``python -m eval.ablate rules [--split dev]``
    ``ask`` with each re-ranking rule of AssistantConfig switched off in turn.

A setting is adopted only when it helps on several plans and hurts none badly;
the tables say per plan which way each went.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.multi import retriever_results
from eval.runner import run_questions
from eval.scoring import summarize

RULES = ("glossary_last", "rerank_places", "rerank_aspects", "chapter_filter", "joint_names")


def _row(label: str, per_plan: dict) -> str:
    cells = [f"{s.hit_at.get(1, 0):.3f}/{s.hit_at.get(5, 0):.3f}/{(s.mrr or 0):.3f}" for s in per_plan.values()]
    return f"| {label} | " + " | ".join(cells) + " |"


def fusion(sets, split: str, weights, k: int = 5, scales=("plan",), extra: dict | None = None) -> str:
    from assistant import PlanAssistant
    plans = {s.plan_id: PlanAssistant.from_paths([str(s.path)]) for s in sets}
    lines = ["| dense weight | " + " | ".join(plans) + " | pooled |", "|---|" + "---|" * (len(plans) + 1)]
    for scale in scales:
        for w in weights:
            per = {}
            pooled = []
            for s in sets:
                r = plans[s.plan_id].retriever
                r.config = replace(r.config, dense_weight=float(w), dense_scale=scale, **(extra or {}))
                res = retriever_results(plans[s.plan_id], s.questions(split), "hybrid", k)
                per[s.plan_id] = summarize(res, (1, 5))
                pooled += res
            per["pooled"] = summarize(pooled, (1, 5))
            lines.append(_row(f"{w} ({scale})", per))
    return "\n".join(lines)


def rules(sets, split: str, k: int = 5, mode: str = "hybrid") -> str:
    from assistant import PlanAssistant
    plans = {s.plan_id: PlanAssistant.from_paths([str(s.path)]) for s in sets}
    base = {pid: pa.config for pid, pa in plans.items()}
    lines = ["| setting | " + " | ".join(plans) + " | pooled |", "|---|" + "---|" * (len(plans) + 1)]
    for label, change in [("as configured", {})] + [(f"flip {r}", {r: None}) for r in RULES + ("abstention",)]:
        per, pooled = {}, []
        for s in sets:
            pa = plans[s.plan_id]
            cfg = base[s.plan_id]
            if change:
                name = next(iter(change))
                cfg = cfg.with_(**{name: not getattr(cfg, name)})
            pa.config = cfg
            res = run_questions(pa, [q for q in s.questions(split) if q.in_scope], mode, k)
            per[s.plan_id] = summarize(res, (1, 5))
            pooled += res
        per["pooled"] = summarize(pooled, (1, 5))
        lines.append(_row(label, per))
    for pid, pa in plans.items():
        pa.config = base[pid]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.ablate")
    ap.add_argument("what", choices=("fusion", "rules"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--questions", default=str(QUESTIONS_DIR), help="the corpus's question folder")
    ap.add_argument("--plans", default=str(PLANS_DIR), help="the corpus's plan folder")
    ap.add_argument("--weights", nargs="+", type=float, default=[0.0, 0.2, 0.4, 0.6, 0.8])
    ap.add_argument("--scales", nargs="+", default=["plan"])
    ap.add_argument("--only", nargs="+", default=())
    ap.add_argument("--set", nargs="+", default=(), metavar="FIELD=VALUE",
                    help="fusion: other RetrieverConfig fields for the sweep (e.g. expansion_weight=0)")
    args = ap.parse_args(argv)
    sets = discover(args.questions, args.plans, only=args.only)
    print("cells: hit@1/hit@5/MRR")
    if args.what == "fusion":
        extra = {}
        for item in args.set:
            key, _, value = item.partition("=")
            extra[key] = value.lower() == "true" if value.lower() in ("true", "false") else float(value)
        print(fusion(sets, args.split, args.weights, scales=args.scales, extra=extra))
    else:
        print(rules(sets, args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
