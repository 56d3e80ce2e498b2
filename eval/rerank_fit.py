"""Fit the pool re-ranker (assistant/rerank.py) on the dev split of the plan corpus.

    python -m eval.rerank_fit [--l2 0.01] [--folds 8] [--pool N --pool-dense N] [--write] [--report eval/results/rerank]

1. Every dev question of every plan is asked once with the re-ranker replaced by
   a recorder: the pool the answer layer would re-rank, its features, and which
   of its clauses hold an answer phrase.
2. A linear listwise model (softmax over each question's pool, the target being
   the pool's answering clauses) is fitted with each plan weighing the same,
   whatever its number of questions.
3. Leave one plan out: for each plan, the weights fitted on the other plans
   re-rank its pools (hit@1 of the pool) and then answer its questions through
   the whole assistant, against the assistant with no re-ranking. With ``--folds K``
   the plans are held out in K groups (K fits instead of one per plan); the pools are
   also re-ranked by the shipped weights, counted beside them.
4. ``--collect FILE --shard I/N`` collects a share of the pools (run N such processes side by side
   on N cores), and ``--pools FILE…`` fits on them instead of collecting (what ``--collect`` writes is
   read back as it was written: pickles, of this code and no other source).
5. ``--pool`` / ``--pool-dense`` change how many fused hits, and how many more of the dense
   run's first, the answer layer re-ranks (``AssistantConfig.retrieve_pool``, ``pool_dense``), for
   the pools collected and the whole-assistant runs alike: a pool of another size, refitted on.
6. ``--write`` stores the weights fitted on all plans in assistant/data/rerank.json
   with those leave-one-plan-out figures.
"""
from __future__ import annotations

import argparse
import json
import pickle
import shlex
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant import evidence, rerank
from eval import metrics, multi
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover, read_plan_ids
from eval.report import machine_line, source_version

SPLIT = "dev"


@dataclass
class Pool:
    plan: str
    qid: str
    x: np.ndarray           # (n, F)
    rel: np.ndarray         # (n,) bool


class Recorder:
    """Stands in for the re-ranker: records each pool, returns it unchanged."""

    def __init__(self, plan: str, names=rerank.FEATURES):
        self.plan, self.question, self.pools, self.names = plan, None, [], tuple(names)

    def rerank(self, hits, info, question, prev=None, searched="", own=None, sent=None, near=None, part=None,
               own_years=None):
        q = self.question
        if q is not None and q.in_scope and hits:
            feats = rerank.features(hits, info, question, prev, searched, own, sent, near, part, own_years)
            x = np.array([rerank.vector(f, self.names) for f in feats], dtype=np.float64)
            rel = np.array(metrics.relevance([h.text for h in hits], q.answers), dtype=bool)
            self.pools.append(Pool(self.plan, q.id, x, rel))
        return list(hits)


def collect(sets, factory, names=rerank.FEATURES, recorder=None) -> list[Pool]:
    """Every dev pool of every plan, as ``Recorder`` keeps it (``recorder(plan_id, assistant)``: another
    recorder, such as one that keeps more columns)."""
    pools = []
    for s in sets:
        a = factory(s)
        rec = Recorder(s.plan_id, names) if recorder is None else recorder(s.plan_id, a)
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


def held_out_weights(pools: list[Pool], plans, l2: float, folds: int = 0) -> dict[str, np.ndarray]:
    """For each plan, weights fitted on the other plans' pools: leave one plan out (``folds`` 0), or
    ``folds`` groups of plans (dealt by a hash of the plan id, the same every run), each group's plans
    re-ranked by the weights fitted on the other groups (a fit per group instead of per plan)."""
    if folds <= 0:
        return {pid: fit([p for p in pools if p.plan != pid], l2) for pid in plans}
    folds = min(folds, len(plans))
    # dealt in turn in the order of a hash of their ids: groups of even size, the same every run
    order = sorted(plans, key=lambda pid: (zlib.crc32(pid.encode()), pid))
    group = {pid: i % folds for i, pid in enumerate(order)}
    out = {}
    for k in range(folds):
        w = fit([p for p in pools if group[p.plan] != k], l2)
        out.update({pid: w for pid in plans if group[pid] == k})
    return out


def answers_first(p: Pool, w: np.ndarray | None) -> bool:
    """Whether the pool's first clause answers, in retrieval order (``w`` None) or re-ranked by ``w``
    (ties keep the retrieval order)."""
    first = 0 if w is None else int(np.argmax(p.x @ w - 1e-9 * np.arange(len(p.rel))))
    return bool(p.rel[first])


def answered_first(pools: list[Pool], w: np.ndarray | None) -> int:
    """How many pools have an answering clause first, in retrieval order (``w`` None) or re-ranked by ``w``."""
    return sum(answers_first(p, w) for p in pools if p.rel.any())


def pool_hit1(pools: list[Pool], w: np.ndarray | None) -> float:
    """Share of pools (with an answering clause) whose first clause answers, in retrieval order
    (``w`` None) or re-ranked by ``w``."""
    n = sum(1 for p in pools if p.rel.any())
    return answered_first(pools, w) / n if n else float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.rerank_fit", description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=0.001)
    ap.add_argument("--write", action="store_true", help="store the all-plan weights in assistant/data/rerank.json")
    ap.add_argument("--report", metavar="DIR", help="write report.md and results.json here")
    ap.add_argument("--pairs", action="store_true",
                    help="also weigh the product of every two features (evidence.with_pairs)")
    ap.add_argument("--no-pipeline", action="store_true", help="pool figures only (skip the whole-assistant runs)")
    ap.add_argument("--pool", type=int, metavar="N", help="fused hits re-ranked (default: AssistantConfig's)")
    ap.add_argument("--pool-dense", type=int, metavar="N",
                    help="the dense run's first N join the pool (default: AssistantConfig's)")
    ap.add_argument("--folds", type=int, default=0, metavar="K",
                    help="hold out K groups of plans instead of one plan at a time (K fits instead of one per plan)")
    ap.add_argument("--fit-plans", metavar="FILE",
                    help="fit the weights written (--write) on these plans only: a file of plan ids, one a line; the "
                         "other plans stay unseen by them, so the whole-assistant dev figures are held out there")
    ap.add_argument("--collect", metavar="FILE",
                    help="only collect the pools (of the plans --shard deals) into FILE (a pickle), and stop")
    ap.add_argument("--shard", metavar="I/N", help="with --collect: every N-th plan from the I-th (0-based)")
    ap.add_argument("--pools", metavar="FILE", nargs="+",
                    help="fit on pools collected by --collect (in processes side by side) instead of collecting")
    args = ap.parse_args(argv)
    from eval.runner import default_assistant
    from assistant.config import AssistantConfig
    sets = discover(str(QUESTIONS_DIR), PLANS_DIR)

    pool = {k: v for k, v in (("retrieve_pool", args.pool), ("pool_dense", args.pool_dense)) if v is not None}

    def factory(s, reranker=None, on=True):
        a = default_assistant(None, [str(s.path)])
        if pool:
            a.config = a.config.with_(**pool)
        if not on:
            a.config = a.config.with_(rerank=False)
        a.reranker = reranker
        return a

    names = evidence.with_pairs(rerank.FEATURES) if args.pairs else rerank.FEATURES
    if args.pools:
        # plain tuples, not Pool objects: a pickle of a class names its module, which is __main__ under -m
        pools = [Pool(*t) for f in args.pools for t in pickle.loads(Path(f).read_bytes())]
        if any(p.x.shape[1] != len(names) for p in pools):
            raise SystemExit(f"--pools: collected with other features than the {len(names)} fitted now "
                             "(the same --pairs, and this code, when collecting)")
    else:
        i, n = map(int, (args.shard or "0/1").split("/"))
        pools = collect(sets[i::n] if args.collect else sets, factory, names)
        if args.collect:
            Path(args.collect).write_bytes(pickle.dumps([(p.plan, p.qid, p.x, p.rel) for p in pools]))
            return 0
    plans = [s.plan_id for s in sets]
    lopo = held_out_weights(pools, plans, args.l2, args.folds)
    shipped = rerank.model()
    w_shipped = np.array([shipped.weights.get(n, 0.0) for n in names]) if shipped is not None else None
    rows, counts = [], {}
    for pid in plans:
        mine = [p for p in pools if p.plan == pid]
        c = counts[pid] = {"answerable": sum(1 for p in mine if p.rel.any()), "retrieval": answered_first(mine, None),
                           "held_out": answered_first(mine, lopo[pid]),
                           "shipped": answered_first(mine, w_shipped) if w_shipped is not None else None}
        n = c["answerable"] or float("nan")         # pool hit@1, as pool_hit1 gives it
        rows.append((pid, len(mine), c["retrieval"] / n, c["held_out"] / n))
    fit_plans = set(plans)
    if args.fit_plans:
        fit_plans = read_plan_ids(args.fit_plans, plans)
    fitted = [p for p in pools if p.plan in fit_plans]
    w_all = fit(fitted, args.l2)
    for pid in (pid for pid in plans if pid not in fit_plans):
        counts[pid]["written"] = answered_first([p for p in pools if p.plan == pid], w_all)
    pipeline = {}
    if not args.no_pipeline:
        cross = 8
        for label, make in (("retrieval order", lambda s: factory(s, on=False)),
                            ("re-ranked (leave-one-plan-out weights)",
                             lambda s: factory(s, rerank.Reranker(dict(zip(names, lopo[s.plan_id])))))):
            summ, _ = multi.run_corpus(sets, SPLIT, ["hybrid"], 5, make, cross)
            pipeline[label] = summ["hybrid"]
    out = report(rows, w_all, lopo, pipeline, args, argv, names, counts)
    print(out)
    if args.report:
        write_report(args.report, out, {
            "pools": {pid: {"n": n, "before": b, "after": a, **counts[pid]} for pid, n, b, a in rows},
            "shipped_weights": shipped.meta.get("fitted_on") if shipped is not None else None,
            "weights": dict(zip(names, w_all.round(4).tolist())),
            "pipeline": {lab: {pid: s.to_dict() for pid, s in by.items()} for lab, by in pipeline.items()}})
    if args.write:
        before = float(np.mean([b for _, _, b, _ in rows]))
        after = float(np.mean([a for _, _, _, a in rows]))
        data = {"features": list(names),
                "weights": dict(zip(names, w_all.round(4).tolist())),
                "fitted_on": f"{SPLIT} split, {len(fit_plans)} plans, {len(fitted)} pools, l2 {args.l2}"
                             + (f" (the plans in {args.fit_plans})" if args.fit_plans else ""),
                "lopo_pool_hit1_macro": {"retrieval": round(before, 3), "reranked": round(after, 3)},
                "held_out": f"{args.folds} groups of plans" if args.folds else "one plan at a time",
                "command": _command(argv)}
        rerank.DATA.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {rerank.DATA}")
    return 0


def write_report(folder, markdown: str, data) -> None:
    """``folder``/report.md and ``folder``/results.json (made if missing)."""
    d = Path(folder)
    d.mkdir(parents=True, exist_ok=True)
    (d / "report.md").write_text(markdown + "\n", encoding="utf-8")
    (d / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _command(argv) -> str:
    return " ".join(["python -m eval.rerank_fit", *(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))])


def report(rows, w_all, lopo, pipeline, args, argv, names=rerank.FEATURES, counts=None) -> str:
    held = f"{args.folds} groups of plans" if getattr(args, "folds", 0) else "leave-one-plan-out"
    lines = [f"# Pool re-ranker: {held} on the dev split", "",
             f"- command: `{_command(argv)}`",
             f"- code: {source_version()}; machine: {machine_line()}", "",
             "Pool hit@1: the share of a plan's in-scope questions (that reach the answer layer with an",
             "answering clause in the pool) whose first pool clause answers; the weights used for a plan",
             "were fitted on the other plans.", "",
             "| plan | pools | retrieval order | re-ranked |", "|---|---:|---:|---:|"]
    for pid, n, b, a in rows:
        lines.append(f"| {pid} | {n} | {b:.3f} | {a:.3f} |")
    lines.append(f"| **macro** | | {np.mean([r[2] for r in rows]):.3f} | {np.mean([r[3] for r in rows]):.3f} |")
    if counts:
        total = {k: sum(c[k] or 0 for c in counts.values()) for k in ("answerable", "retrieval", "held_out", "shipped")}
        lines += ["", f"Pools with an answering clause: {total['answerable']}; an answering clause first in retrieval order "
                  f"{total['retrieval']}, re-ranked by the held-out weights {total['held_out']}, by the shipped weights "
                  f"{total['shipped']} (those fitted on: see results.json, `shipped_weights`; the plans they were fitted on "
                  "are in-sample for them)."]
        unseen = [c for c in counts.values() if "written" in c]
        if unseen:
            sums = {k: sum(c[k] or 0 for c in unseen) for k in ("answerable", "held_out", "shipped", "written")}
            lines += ["", f"On the {len(unseen)} plans the weights written were not fitted on (`--fit-plans`), of "
                      f"{sums['answerable']} pools with an answering clause: first by the held-out weights "
                      f"{sums['held_out']}, by the weights written {sums['written']}, by the shipped weights "
                      f"{sums['shipped']}."]
    fitted_on = "the plans of --fit-plans" if getattr(args, "fit_plans", None) else "all plans"
    lines += ["", f"Weights fitted on {fitted_on} (features: assistant/rerank.py):", "",
              "| feature | weight | range over the held-out fits |", "|---|---:|---|"]
    stack = np.array(list(lopo.values()))
    # the single features, then the twenty heaviest products of two
    shown = list(range(len(rerank.FEATURES)))
    shown += sorted(range(len(rerank.FEATURES), len(names)), key=lambda i: -abs(w_all[i]))[:20]
    for i in shown:
        lines.append(f"| {names[i]} | {w_all[i]:+.3f} | {stack[:, i].min():+.3f} … {stack[:, i].max():+.3f} |")
    for label, by in pipeline.items():
        lines += ["", f"## whole assistant, hybrid, dev: {label}", "",
                  "| " + " | ".join(multi.COLUMNS) + " |", "|" + "---|" * len(multi.COLUMNS)]
        lines += ["| " + " | ".join(r) + " |" for r in multi.table_rows(by)]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
