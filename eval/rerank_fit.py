"""Fit the pool re-ranker (assistant/rerank.py) on the dev split of the plan corpus.

    python -m eval.rerank_fit [--l2 0.01] [--write] [--report eval/results/rerank]

1. Every dev question of every plan is asked once with the re-ranker replaced by
   a recorder: the pool the answer layer would re-rank, its features, and which
   of its clauses hold an answer phrase.
2. A linear listwise model (softmax over each question's pool, the target being
   the pool's answering clauses) is fitted with each plan weighing the same,
   whatever its number of questions.
3. Leave one plan out: for each plan, the weights fitted on the other plans
   re-rank its pools (hit@1 of the pool) and then answer its questions through
   the whole assistant, against the assistant with no re-ranking.
4. The last step, the latent terms (``Reranker.latent_top`` / ``latent_weight``): each pool
   clause's latent-term score with the question is recorded too; for each plan, the number of
   first clauses re-ordered and the weight of their latent score are chosen on the other plans
   (their pools scored by their own leave-one-plan-out weights) and applied to it.
5. ``--write`` stores the weights fitted on all plans in assistant/data/rerank.json
   with those leave-one-plan-out figures, and the latent step chosen on all plans.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant import evidence, rerank
from eval import metrics, multi
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.report import machine_line, source_version

SPLIT = "dev"


LATENT_TOPS = (3, 5, 8)
LATENT_WEIGHTS = (0.25, 0.5, 1.0, 1.5, 2.0)


@dataclass
class Pool:
    plan: str
    qid: str
    x: np.ndarray           # (n, F)
    rel: np.ndarray         # (n,) bool
    lat: np.ndarray | None = None   # (n,) latent-term scores with the question, None without


class Recorder:
    """Stands in for the re-ranker: records each pool, returns it unchanged."""

    def __init__(self, plan: str, names=rerank.FEATURES):
        self.plan, self.question, self.pools, self.names = plan, None, [], tuple(names)

    def rerank(self, hits, info, question, prev=None, searched="", latent=None):
        q = self.question
        if q is not None and q.in_scope and hits:
            feats = rerank.features(hits, info, question, prev, searched)
            x = np.array([rerank.vector(f, self.names) for f in feats], dtype=np.float64)
            rel = np.array(metrics.relevance([h.text for h in hits], q.answers), dtype=bool)
            lat = latent(list(hits)) if latent is not None else None
            self.pools.append(Pool(self.plan, q.id, x, rel, None if lat is None else np.asarray(lat, np.float64)))
        return list(hits)


def collect(sets, factory, names=rerank.FEATURES) -> list[Pool]:
    pools = []
    for s in sets:
        a = factory(s)
        rec = Recorder(s.plan_id, names)
        a.reranker = rec
        for q in s.questions(SPLIT):
            rec.question = q
            a.ask(q.question, history=list(q.history))
        pools.extend(rec.pools)
        print(f"{s.plan_id}: {len(rec.pools)} pools", file=sys.stderr, flush=True)
    return pools


def fit(pools: list[Pool], l2: float = 0.001, steps: int = 2000, lr: float = 0.05) -> np.ndarray:
    """Weights minimising the plan-balanced listwise loss -log P(an answering clause) + l2 |w|^2
    (Adam from the retrieval order: the fused score alone)."""
    useful = [p for p in pools if p.rel.any() and not p.rel.all()]
    per_plan: dict[str, int] = {}
    for p in useful:
        per_plan[p.plan] = per_plan.get(p.plan, 0) + 1
    qw = np.array([1.0 / per_plan[p.plan] for p in useful])
    qw /= qw.sum()
    x = np.concatenate([p.x for p in useful])
    rel = np.concatenate([p.rel for p in useful]).astype(np.float64)
    starts = np.cumsum([0] + [len(p.rel) for p in useful[:-1]])
    seg = np.repeat(np.arange(len(useful)), [len(p.rel) for p in useful])
    w = np.zeros(x.shape[1])
    w[rerank.FEATURES.index("score")] = 1.0          # the first column, also with pairs
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[seg])
        prob = e / np.add.reduceat(e, starts)[seg]
        r = prob * rel
        r /= np.add.reduceat(r, starts)[seg]
        g = 2 * l2 * w + x.T @ ((prob - r) * qw[seg])
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def pool_hit1(pools: list[Pool], w: np.ndarray | None) -> float:
    """Share of pools (with an answering clause) whose first clause answers, in retrieval order
    (``w`` None) or re-ranked by ``w``."""
    got = n = 0
    for p in pools:
        if not p.rel.any():
            continue
        n += 1
        first = 0 if w is None else int(np.argmax(p.x @ w - 1e-9 * np.arange(len(p.rel))))
        got += bool(p.rel[first])
    return got / n if n else float("nan")


def latent_hit1(pools: list[Pool], scores: dict[str, np.ndarray], top: int, weight: float) -> tuple[int, int]:
    """(first clauses that answer, pools with an answering clause) when the ``top`` first clauses by
    ``scores`` (qid -> the re-ranker's scores) are ordered again with the latent step."""
    got = n = 0
    for p in pools:
        if not p.rel.any():
            continue
        n += 1
        s = scores[p.qid]
        order = sorted(range(len(s)), key=lambda i: (-s[i], i))
        first = order[0]
        if p.lat is not None and weight and top > 1:
            head = order[:top]
            first = head[rerank.latent_order([s[i] for i in head], p.lat[head], weight)[0]]
        got += bool(p.rel[first])
    return got, n


def fit_latent(pools: list[Pool], lopo: dict[str, np.ndarray]) -> tuple[dict, dict]:
    """The latent step's (top, weight): for each plan, chosen on the other plans' pools (each scored by
    its own plan's leave-one-plan-out weights) and applied to it; and the choice on all plans.
    Returns ({plan: (pools, hit before, hit after, top, weight)}, {"top", "weight"})."""
    scores = {p.qid: p.x @ lopo[p.plan] for p in pools}
    grid = [(t, w) for t in LATENT_TOPS for w in LATENT_WEIGHTS]
    by_plan: dict[str, list[Pool]] = {}
    for p in pools:
        by_plan.setdefault(p.plan, []).append(p)
    table = {pid: {g: latent_hit1(ps, scores, *g) for g in grid + [(1, 0.0)]} for pid, ps in by_plan.items()}

    def best(plans) -> tuple[int, float]:
        return max(grid, key=lambda g: (sum(table[pid][g][0] for pid in plans), -g[1], -g[0]))

    out = {}
    for pid in by_plan:
        g = best([q for q in by_plan if q != pid])
        before, n = table[pid][(1, 0.0)]
        out[pid] = (n, before, table[pid][g][0], *g)
    top, weight = best(list(by_plan))
    return out, {"top": top, "weight": weight}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.rerank_fit", description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=0.001)
    ap.add_argument("--write", action="store_true", help="store the all-plan weights in assistant/data/rerank.json")
    ap.add_argument("--report", metavar="DIR", help="write report.md and results.json here")
    ap.add_argument("--pairs", action="store_true",
                    help="also weigh the product of every two features (evidence.with_pairs)")
    ap.add_argument("--no-pipeline", action="store_true", help="pool figures only (skip the whole-assistant runs)")
    args = ap.parse_args(argv)
    from eval.runner import default_assistant
    from assistant.config import AssistantConfig
    sets = discover(str(QUESTIONS_DIR), PLANS_DIR)

    def factory(s, reranker=None, on=True):
        a = default_assistant(None, [str(s.path)])
        if not on:
            a.config = a.config.with_(rerank=False)
        a.reranker = reranker
        return a

    names = evidence.with_pairs(rerank.FEATURES) if args.pairs else rerank.FEATURES
    pools = collect(sets, factory, names)
    plans = [s.plan_id for s in sets]
    lopo = {pid: fit([p for p in pools if p.plan != pid], args.l2) for pid in plans}
    with_latent = [p for p in pools if p.lat is not None]
    latent = fit_latent(with_latent, lopo) if with_latent else None
    rows = []
    for pid in plans:
        mine = [p for p in pools if p.plan == pid]
        rows.append((pid, len(mine), pool_hit1(mine, None), pool_hit1(mine, lopo[pid])))
    w_all = fit(pools, args.l2)
    pipeline = {}
    if not args.no_pipeline:
        cross = 8
        for label, make in (("retrieval order", lambda s: factory(s, on=False)),
                            ("re-ranked (leave-one-plan-out weights)",
                             lambda s: factory(s, rerank.Reranker(
                                 dict(zip(names, lopo[s.plan_id])),
                                 {"latent": dict(zip(("top", "weight"), latent[0][s.plan_id][3:]))} if latent
                                 else None)))):
            summ, _ = multi.run_corpus(sets, SPLIT, ["hybrid"], 5, make, cross)
            pipeline[label] = summ["hybrid"]
    out = report(rows, w_all, lopo, pipeline, args, argv, names, latent)
    print(out)
    if args.report:
        d = Path(args.report)
        d.mkdir(parents=True, exist_ok=True)
        (d / "report.md").write_text(out + "\n", encoding="utf-8")
        (d / "results.json").write_text(json.dumps(
            {"pools": {pid: {"n": n, "before": b, "after": a} for pid, n, b, a in rows},
             "weights": dict(zip(names, w_all.round(4).tolist())),
             "latent": latent and {"per_plan": {pid: dict(zip(("pools", "before", "after", "top", "weight"), v))
                                                for pid, v in latent[0].items()}, "chosen": latent[1]},
             "pipeline": {lab: {pid: s.to_dict() for pid, s in by.items()} for lab, by in pipeline.items()}},
            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.write:
        before = float(np.mean([b for _, _, b, _ in rows]))
        after = float(np.mean([a for _, _, _, a in rows]))
        data = {"features": list(names),
                "weights": dict(zip(names, w_all.round(4).tolist())),
                "fitted_on": f"{SPLIT} split, {len(plans)} plans, {len(pools)} pools, l2 {args.l2}",
                "lopo_pool_hit1_macro": {"retrieval": round(before, 3), "reranked": round(after, 3)},
                **({"latent": {**latent[1], "lopo_first_answers": {
                    "without": sum(v[1] for v in latent[0].values()),
                    "with": sum(v[2] for v in latent[0].values()),
                    "pools": sum(v[0] for v in latent[0].values())}}} if latent else {}),
                "command": _command(argv)}
        rerank.DATA.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {rerank.DATA}")
    return 0


def _command(argv) -> str:
    return " ".join(["python -m eval.rerank_fit", *(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))])


def report(rows, w_all, lopo, pipeline, args, argv, names=rerank.FEATURES, latent=None) -> str:
    lines = ["# Pool re-ranker: leave-one-plan-out on the dev split", "",
             f"- command: `{_command(argv)}`",
             f"- code: {source_version()}; machine: {machine_line()}", "",
             "Pool hit@1: the share of a plan's in-scope questions (that reach the answer layer with an",
             "answering clause in the pool) whose first pool clause answers; the weights used for a plan",
             "were fitted on the other plans.", "",
             "| plan | pools | retrieval order | re-ranked |", "|---|---:|---:|---:|"]
    for pid, n, b, a in rows:
        lines.append(f"| {pid} | {n} | {b:.3f} | {a:.3f} |")
    lines.append(f"| **macro** | | {np.mean([r[2] for r in rows]):.3f} | {np.mean([r[3] for r in rows]):.3f} |")
    lines += ["", "Weights fitted on all plans (features: assistant/rerank.py):", "",
              "| feature | weight | range over the leave-one-out fits |", "|---|---:|---|"]
    stack = np.array(list(lopo.values()))
    # the single features, then the twenty heaviest products of two
    shown = list(range(len(rerank.FEATURES)))
    shown += sorted(range(len(rerank.FEATURES), len(names)), key=lambda i: -abs(w_all[i]))[:20]
    for i in shown:
        lines.append(f"| {names[i]} | {w_all[i]:+.3f} | {stack[:, i].min():+.3f} … {stack[:, i].max():+.3f} |")
    if latent:
        per, chosen = latent
        n, b, a = (sum(v[i] for v in per.values()) for i in range(3))
        up = sum(v[2] > v[1] for v in per.values())
        down = sum(v[2] < v[1] for v in per.values())
        lines += ["", "## The latent step (leave one plan out)", "",
                  f"Chosen on all plans: the first {chosen['top']} clauses, latent weight {chosen['weight']}. "
                  f"Each plan with the step chosen on the other plans: first clause answers {b} → {a} of {n} pools "
                  f"({b / n:.4f} → {a / n:.4f}); better on {up} plans, worse on {down}.", "",
                  "| plan | pools | re-ranked | + latent step | top | weight |", "|---|---:|---:|---:|---:|---:|"]
        lines += [f"| {pid} | {v[0]} | {v[1]} | {v[2]} | {v[3]} | {v[4]} |" for pid, v in per.items()]
    for label, by in pipeline.items():
        lines += ["", f"## whole assistant, hybrid, dev: {label}", "",
                  "| " + " | ".join(multi.COLUMNS) + " |", "|" + "---|" * len(multi.COLUMNS)]
        lines += ["| " + " | ".join(r) + " |" for r in multi.table_rows(by)]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
