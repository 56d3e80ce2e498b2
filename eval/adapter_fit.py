"""Fit the e5 query adapter (index/adapter.py) on the dev split of the plan corpus.

    python -m eval.adapter_fit [--write] [--folds-out F] [--report eval/results/adapter]

1. Every single-turn in-scope dev question (fact, paraphrase, glossary, definition, region) of
   every plan is encoded with e5's own query vector, beside the plan's window vectors and which
   of its clauses hold an answer phrase (questions no clause answers are left out).
2. ``B`` minimises, each plan weighing about the same (a plan's questions count at most as
   ``CAP`` questions), the softmax loss over all of the plan's clauses — a clause scored by its
   best window's cosine with ``q + qB`` (normalised), over a temperature — against the answering
   clauses, plus ``l2 |B|^2`` (Adam from ``B = 0``).
3. Leave plans out: the plans are dealt into ``K`` folds; each fold's questions are ranked over
   their plan's clauses by the ``B`` fitted on the other folds, against e5's own vectors (dense
   hit@1 / hit@5 / MRR, pooled and per plan).
4. ``--write`` stores the ``B`` fitted on all plans in index/data/e5-query-adapter.npz with those
   figures; ``--folds-out`` writes the fold fits (``FoldAdapters``), which ``eval.rerank_fit`` and
   ``eval.calibrate`` read with ``--adapter-folds`` so that the models fitted after the adapter see,
   on each plan, query vectors from an adapter fitted without that plan's questions.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval import metrics
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.report import machine_line, source_version
from index.adapter import DATA, QueryAdapter

SPLIT = "dev"
KINDS = ("fact", "paraphrase", "glossary", "definition", "region")
CAP = 25
K = 5
SEED = 0


@dataclass
class PlanRows:
    plan: str
    windows: np.ndarray      # (w, d) passage vectors of the plan's sentence windows
    owner: np.ndarray        # (w,) the clause of each window
    n_clauses: int
    queries: np.ndarray      # (q, d) e5's own query vectors
    answers: list            # per query: the answering clause rows


def collect(sets, say=None) -> list[PlanRows]:
    from assistant import PlanAssistant
    out = []
    for s in sets:
        r = PlanAssistant.from_paths([str(s.path)]).retriever
        enc = r.encoder
        raw = getattr(enc, "encode_queries_raw", None)
        if r.dense is None or raw is None:
            raise SystemExit(f"{s.plan_id}: the adapter is fitted on the e5 encoder's own query vectors")
        texts = [c.text for c in r.clauses]
        qv, answers = [], []
        for q in s.questions(SPLIT):
            if q.kind not in KINDS or q.history:
                continue
            text = r.query_text(q.question)
            rel = [i for i, t in enumerate(texts) if metrics.is_hit(t, q.answers)]
            if not text or not rel:
                continue
            qv.append(raw([r.dense_query(text)])[0])
            answers.append(rel)
        starts = r.window_starts if r.window_starts is not None else np.arange(len(texts))
        owner = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(r.dense.vectors))))
        out.append(PlanRows(s.plan_id, np.asarray(r.dense.vectors, np.float32), owner, len(texts),
                            np.asarray(qv, np.float32).reshape(-1, r.dense.dim), answers))
        if say:
            say(f"{s.plan_id}: {len(answers)} questions")
    return out


def _scores(rows: PlanRows, q: np.ndarray):
    """Each clause's best window cosine with each query, and which window gave it (a clause's
    windows are one contiguous run)."""
    sims = q @ rows.windows.T
    starts = np.flatnonzero(np.r_[True, rows.owner[1:] != rows.owner[:-1]])
    best = np.maximum.reduceat(sims, starts, axis=1)
    first = np.where(sims == best[:, rows.owner], np.arange(sims.shape[1]), sims.shape[1])
    return best, np.minimum.reduceat(first, starts, axis=1)


def _moved(q: np.ndarray, B: np.ndarray | None):
    if B is None:
        return q, None
    u = q + q @ B
    n = np.linalg.norm(u, axis=1, keepdims=True)
    return u / n, n


def loss_grad(plans: list[PlanRows], B: np.ndarray, tau: float, l2: float):
    """The plan-balanced listwise loss at ``B`` and its gradient (see the module docstring)."""
    use = [p for p in plans if len(p.answers)]
    loss, grad = l2 * float((B ** 2).sum()), 2 * l2 * B
    for p in use:
        w = min(1.0, CAP / len(p.answers)) / len(use)
        qn, norm = _moved(p.queries.astype(np.float64), B)
        best, arg = _scores(p, qn)
        s = best / tau
        s -= s.max(axis=1, keepdims=True)
        soft = np.exp(s)
        soft /= soft.sum(axis=1, keepdims=True)
        gold = np.zeros_like(soft)
        for i, rel in enumerate(p.answers):
            loss -= w * float(np.log(soft[i, rel].sum()))
            gold[i, rel] = soft[i, rel] / soft[i, rel].sum()
        g_s = (soft - gold) * w / tau                         # d loss / d clause score
        g_q = np.einsum("qc,qcd->qd", g_s, p.windows[arg])    # through each clause's best window
        g_u = (g_q - qn * (qn * g_q).sum(axis=1, keepdims=True)) / norm
        grad = grad + p.queries.T.astype(np.float64) @ g_u
    return loss, grad


def fit(plans: list[PlanRows], l2: float = 0.3, tau: float = 0.03, epochs: int = 40, lr: float = 3e-3) -> np.ndarray:
    """``B`` by full-batch Adam from ``B = 0`` on ``loss_grad``."""
    d = plans[0].windows.shape[1]
    B = np.zeros((d, d), np.float64)
    m = np.zeros_like(B); v = np.zeros_like(B)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        _, grad = loss_grad(plans, B, tau, l2)
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad ** 2
        B -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    return B.astype(np.float32)


def ranks(p: PlanRows, B: np.ndarray | None) -> list[int]:
    """The first answering clause's rank for each question (1 = first)."""
    if not len(p.answers):
        return []
    best, _ = _scores(p, _moved(p.queries, B)[0])
    out = []
    for i, rel in enumerate(p.answers):
        top = best[i, rel].max()
        out.append(int((best[i] > top).sum()) + 1)
    return out


def folds_of(plan_ids, k: int = K, seed: int = SEED) -> list[list[str]]:
    order = list(np.random.RandomState(seed).permutation(sorted(plan_ids)))
    return [sorted(order[i::k]) for i in range(k)]


class FoldAdapters:
    """The adapters fitted leaving each fold of plans out: ``for_plan(id)`` (None for a plan in no fold)."""

    def __init__(self, folds: list[list[str]], matrices: list[np.ndarray]):
        self.folds, self.matrices = folds, matrices
        self._fold = {p: i for i, f in enumerate(folds) for p in f}

    def for_plan(self, plan_id: str) -> QueryAdapter | None:
        i = self._fold.get(plan_id)
        return None if i is None else QueryAdapter(self.matrices[i], {"fold": i})

    def save(self, path) -> None:
        with open(path, "wb") as fh:
            np.savez_compressed(fh, folds=np.array(json.dumps(self.folds)),
                                **{f"B{i}": m.astype(np.float16) for i, m in enumerate(self.matrices)})

    @classmethod
    def load(cls, path) -> "FoldAdapters":
        with np.load(path, allow_pickle=False) as z:
            folds = json.loads(str(z["folds"]))
            return cls(folds, [z[f"B{i}"].astype(np.float32) for i in range(len(folds))])

    def use_for(self, plan_id: str) -> None:
        """Set the shared e5 encoder's adapter to the one fitted without ``plan_id``'s fold."""
        from index.encoders import DEFAULT_ENCODER, get_encoder
        get_encoder(DEFAULT_ENCODER).adapter = self.for_plan(plan_id)


def _summary(rs: list[int]) -> tuple[float, float, float]:
    n = max(len(rs), 1)
    return (sum(r == 1 for r in rs) / n, sum(r <= 5 for r in rs) / n, sum(1 / r for r in rs) / n)


def _command(argv) -> str:
    return " ".join(["python -m eval.adapter_fit", *(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.adapter_fit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--questions", default=str(QUESTIONS_DIR))
    ap.add_argument("--plans", default=str(PLANS_DIR))
    ap.add_argument("--l2", type=float, default=0.3)
    ap.add_argument("--tau", type=float, default=0.03)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--write", action="store_true", help=f"store the adapter fitted on all plans in {DATA}")
    ap.add_argument("--folds-out", help="write the leave-fold-out adapters here (for --adapter-folds)")
    ap.add_argument("--report", help="folder for report.md and results.json")
    args = ap.parse_args(argv)
    say = lambda m: print(m, file=sys.stderr, flush=True)
    rows = collect(discover(args.questions, args.plans), say)
    by = {p.plan: p for p in rows}
    folds = folds_of(by)
    per, mats = {}, []
    for i, fold in enumerate(folds):
        B = fit([by[p] for p in by if p not in fold], args.l2, args.tau, args.epochs)
        mats.append(B)
        for p in fold:
            per[p] = (ranks(by[p], None), ranks(by[p], B))
        say(f"fold {i + 1}/{len(folds)} fitted")
    B_all = fit(rows, args.l2, args.tau, args.epochs)
    before = _summary([r for b, _ in per.values() for r in b])
    after = _summary([r for _, a in per.values() for r in a])
    n = sum(len(b) for b, _ in per.values())
    up = sum(_summary(a)[0] > _summary(b)[0] for b, a in per.values() if b)
    down = sum(_summary(a)[0] < _summary(b)[0] for b, a in per.values() if b)
    lines = ["# e5 query adapter: leave plans out on the dev split", "",
             f"- command: `{_command(argv)}`", f"- code: {source_version()}; machine: {machine_line()}",
             f"- {n} questions of {len(rows)} plans ({', '.join(KINDS)}; single-turn), {len(folds)} folds of plans; "
             f"l2 {args.l2}, temperature {args.tau}, {args.epochs} epochs", "",
             "Dense ranking of all of a plan's clauses (best window's cosine); the adapter used for a plan was",
             "fitted on the other folds' plans.", "",
             "| | hit@1 | hit@5 | MRR |", "|---|---:|---:|---:|",
             f"| e5's own query vectors | {before[0]:.3f} | {before[1]:.3f} | {before[2]:.3f} |",
             f"| with the adapter | {after[0]:.3f} | {after[1]:.3f} | {after[2]:.3f} |", "",
             f"hit@1 higher on {up} plans, lower on {down}.", "",
             "| plan | questions | hit@1 before | hit@1 after | MRR before | MRR after |", "|---|---:|---:|---:|---:|---:|"]
    for p, (b, a) in sorted(per.items()):
        sb, sa = _summary(b), _summary(a)
        lines.append(f"| {p} | {len(b)} | {sb[0]:.3f} | {sa[0]:.3f} | {sb[2]:.3f} | {sa[2]:.3f} |")
    out = "\n".join(lines)
    print(out)
    if args.report:
        d = Path(args.report)
        d.mkdir(parents=True, exist_ok=True)
        (d / "report.md").write_text(out + "\n", encoding="utf-8")
        (d / "results.json").write_text(json.dumps(
            {"before": before, "after": after, "n": n, "folds": folds,
             "plans": {p: {"n": len(b), "before": _summary(b), "after": _summary(a)} for p, (b, a) in per.items()}},
            indent=1) + "\n", encoding="utf-8")
    if args.folds_out:
        FoldAdapters(folds, mats).save(args.folds_out)
    if args.write:
        meta = {"fitted_on": f"{SPLIT} split, {len(rows)} plans, {n} questions, l2 {args.l2}, "
                             f"temperature {args.tau}, {args.epochs} epochs",
                "leave_plans_out_dense": {"before": [round(x, 3) for x in before],
                                          "after": [round(x, 3) for x in after],
                                          "as": "hit@1, hit@5, MRR"},
                "command": _command(argv)}
        QueryAdapter(B_all, meta).save(DATA)
        print(f"wrote {DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
