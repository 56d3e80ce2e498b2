"""Fit the answer/abstain decision (assistant/evidence.py) on the plan corpus's dev split.

``python -m eval.calibrate [--cross 8] [--target-false 0.025] [--out assistant/data/abstain.json]``

For every plan of the corpus (eval/corpus.py) the dev questions (plus cross-plan
negatives) are asked in hybrid and bm25 mode; each answer carries the evidence
features its decision read (``Answer.evidence``). One logistic model per
feature set is fitted: for hybrid/dense, the features and the products of their pairs,
with beside them the figure gap, the margin over the background of known plans
(assistant/background.py; "_bg") and the best sentence cosine of the top clauses
(assistant/sentences.py; "_sent"), one model with and without each of those two
("dense_bg_sent", "dense_bg", "dense_sent", "dense": an encoder the background was not
built with, sentence cosines turned off); "lexical" for bm25, over the features alone.
First of all, "dense_bg_sent_probe" also reads the question probe (assistant/question_probe.py)
in the pairs: the probe is fitted here too, on the query vectors of the dev split's own
single-turn questions (eval/question_probe_fit.py), and each row the models are fitted on gets
the value of a probe fitted without its plan's fold (``fit_question_probe``); the probe fitted on
all of them is written beside the models (assistant/data/question_probe.json). Before it,
"dense_bg_sent_probe_resid" reads beside them the best cosine less the expected cosine of an
answered question like it (``fit_expected_cosine``; assistant/data/expected_cosine.json) and the
best whitened sentence or phrase cosine of the top clauses (``part_top``, assistant/evidence.py).
A follow-up read as continuing the turn before has no probe (it is searched with the previous
question's words): "dense_bg_sent_turn" and, in BM25 mode, "lexical_turn" judge it, fitted on such
turns only, reading beside the features what the turn's own words add (``turn_cov``, ``turn_miss``).
``--fit-plans FILE`` fits everything here (models, probe, expected cosine) on the rows of the plans
the file lists only, so that the other plans of the corpus stay unseen by all of it.
Each is fitted with each
plan weighing the same, and its threshold is chosen on leave-one-plan-out
predictions: the highest out-of-scope recall whose false-abstention rate on
in-scope questions stays within ``--target-false``. A negative borrowed from
another plan is asked with that plan left out of the background. Per-plan leave-one-plan-out
figures (model plus the hard rules the assistant applies: a division name the
plan never mentions, a place/year/figure no retrieved clause has, and in bm25 mode
a best clause holding none of the question's words) are written
beside the model and to eval/results/calibration.md.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from assistant import evidence, question_probe
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, cross_negatives, discover, read_plan_ids

RESULTS = Path(__file__).resolve().parent / "results" / "calibration.md"
HARD_RULES = ("foreign_place", "anchor_miss")     # features that decide alone (measured: see the module doc)


def fit_logistic(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0, iters: int = 50):
    """Weighted L2-regularised logistic regression by Newton's method on standardised X.
    Returns (weights, bias, mean, scale)."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (X - mean) / scale
    A = np.hstack([Z, np.ones((len(Z), 1))])
    beta = np.zeros(A.shape[1])
    reg = np.full(A.shape[1], l2)
    reg[-1] = 0.0                                   # the bias is not shrunk
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(A @ beta, -50, 50)))
        grad = A.T @ (w * (p - y)) + reg * beta
        H = (A * (w * p * (1 - p))[:, None]).T @ A + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta[:-1], float(beta[-1]), mean, scale


def probabilities(X, weights, bias, mean, scale) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(((X - mean) / scale) @ weights + bias, -50, 50)))


def choose_threshold(p: np.ndarray, y: np.ndarray, target_false: float) -> float:
    """Highest threshold (most abstention) whose false-abstention rate on y=1 stays <= target."""
    pos = np.sort(p[y == 1])
    if not len(pos):
        return 0.5
    allowed = int(np.floor(target_false * len(pos)))       # in-scope questions we may lose
    t = pos[allowed] if allowed < len(pos) else pos[-1]
    return float(t)                                         # abstain when p < t


def collect(sets, split: str, cross: int, modes=("hybrid", "bm25"), say=None, vectors: dict | None = None,
            cosines: dict | None = None):
    """Rows (plan_id, mode, features dict, label, question id, the plan the question was written
    for, read alone or not) for every question answered with evidence. With ``vectors`` (a dict),
    the vector each hybrid row's question was searched with is kept there under the row's index
    (the question probe is fitted on them), and in ``cosines`` its best cosine with a clause of the
    plan (the expected cosine is fitted on them). A turn is read alone when the assistant's probe
    read it (``probe`` in its evidence); with no probe yet for the encoder, when it has no history."""
    from assistant import PlanAssistant
    from eval.multi import _plan_text
    from eval.runner import ask_question
    texts = {s.plan_id: _plan_text(s) for s in sets}
    negatives = cross_negatives(sets, texts, split, cross) if cross else {}
    rows = []
    for s in sets:
        pa = PlanAssistant.from_paths([str(s.path)])
        probed = question_probe.load(pa.retriever.encoder_name) is not None
        qs = s.questions(split) + negatives.get(s.plan_id, [])
        for mode in modes:
            for q in qs:
                ans = ask_question(pa, q, 5, mode)
                if ans.evidence:
                    alone = "probe" in ans.evidence if probed else not q.history
                    rows.append((s.plan_id, mode, dict(ans.evidence), 1.0 if q.in_scope else 0.0, q.id,
                                 q.source or s.plan_id, alone))
                    if vectors is not None and mode == "hybrid" and ans.resolved_query:
                        vec = pa.retriever.query_vector(ans.resolved_query)
                        if vec is not None:
                            vectors[len(rows) - 1] = vec
                            if cosines is not None:
                                cosines[len(rows) - 1] = pa.retriever.best_cosine(vec)
        if say:
            say(f"{s.plan_id}: {len(qs)} questions")
    return rows


def _own_alone(rows, vectors: dict) -> list[int]:
    """The hybrid rows, with a vector, of the sets' own questions read alone (a head is fitted on these)."""
    return [i for i in sorted(vectors) if rows[i][1] == "hybrid" and rows[i][5] == rows[i][0] and rows[i][6]]


def _fit_head(rows, vectors: dict, train: list[int], target, fold_of: dict, feature: str, value, kind: str,
              fitter, measure, grid, say=None):
    """Fit one head over the question vectors of the rows ``train`` (target: one value per row), its
    regularisation the best of ``grid`` by grouped cross-validated ``measure``; every hybrid row read
    alone with a vector gets ``feature`` = ``value(i, s)`` of its out-of-fold score ``s`` (scored
    without the folds of its plan and of the plan its question was written for), where ``value``
    is not None; the other hybrid rows lose the feature. Returns (l2, the cross-validated figures,
    the training vectors and groups)."""
    from eval import question_probe_fit as qp
    X = np.array([vectors[i] for i in train], dtype=np.float32)
    groups = np.array([rows[i][0] for i in train])
    cv = qp.cross_validate(X, target, groups, grid, fold_of, fitter=fitter, measure=measure)
    l2 = max(cv, key=lambda k: (cv[k], k))
    if say:
        say(f"{kind} by l2: " + ", ".join(f"{k:g} {v:.4f}" for k, v in cv.items()))
    oof = qp.OutOfFold(X, target, groups, l2, fold_of, fitter=fitter)
    for i, r in enumerate(rows):
        if r[1] != "hybrid":
            continue
        r[2].pop(feature, None)
        if i in vectors and r[6]:
            v = value(i, oof.score(vectors[i], {r[0], r[5]}))
            if v is not None:
                r[2][feature] = v
    return l2, cv, X, groups


def fit_question_probe(rows, vectors: dict, encoder: str, say=None):
    """Fit the question probe (eval/question_probe_fit.py) on the hybrid rows of the sets' own
    questions read alone, and give every such hybrid row (borrowed ones too) with a vector its
    out-of-fold ``probe`` feature; the other rows lose it, as the assistant reads no probe for a
    follow-up. Returns the probe fitted on all of them."""
    from eval import question_probe_fit as qp
    train = _own_alone(rows, vectors)
    y = np.array([1.0 - rows[i][3] for i in train])                  # 1: out of scope
    fold_of = qp.folds([rows[i][0] for i in train])
    l2, cv, X, groups = _fit_head(rows, vectors, train, y, fold_of, "probe", lambda i, score: score,
                                  "question probe, grouped AUC", qp.fit, qp.auc, qp.L2_GRID, say)
    meta = {"l2": l2, "questions": len(train), "out_of_scope": int(y.sum()), "plans": len(set(groups)),
            "folds": qp.FOLDS, "grouped_auc_by_l2": {f"{k:g}": round(v, 4) for k, v in cv.items()}}
    return qp.fit(X, y, groups, l2, encoder, meta)


def fit_expected_cosine(rows, vectors: dict, cosines: dict, encoder: str, say=None):
    """Fit the expected cosine (eval/question_probe_fit.py) on the hybrid rows of the sets' own
    in-scope questions read alone, and give every hybrid row read alone (borrowed ones too) its
    out-of-fold ``cos_resid``: its best cosine less the expectation; the other rows lose it. Returns
    the head fitted on all of them."""
    from eval import question_probe_fit as qp
    own = _own_alone(rows, vectors)
    train = [i for i in own if rows[i][3] == 1.0 and cosines.get(i) is not None]
    t = np.array([cosines[i] for i in train])
    fold_of = qp.folds([rows[i][0] for i in own])       # the probe's folds
    l2, cv, X, groups = _fit_head(rows, vectors, train, t, fold_of, "cos_resid",
                                  lambda i, score: None if cosines.get(i) is None else cosines[i] - score,
                                  "expected cosine, grouped R²", qp.fit_expected, qp.r2, qp.RIDGE_GRID, say)
    meta = {"l2": l2, "questions": len(train), "plans": len(set(groups)), "folds": qp.FOLDS,
            "grouped_r2_by_l2": {f"{k:g}": round(v, 4) for k, v in cv.items()}}
    return qp.fit_expected(X, t, groups, l2, encoder, meta)


def fit_model(rows, names, target_false: float, l2: float, extra_rule=None):
    plans = sorted({r[0] for r in rows})
    X = np.array([evidence.Evidence(r[2]).vector(names) for r in rows], dtype=float)
    y = np.array([r[3] for r in rows])
    pid = np.array([r[0] for r in rows])
    counts = {p: int((pid == p).sum()) for p in plans}
    w = np.array([len(rows) / (len(plans) * counts[p]) for p in pid])       # each plan weighs the same
    lopo = np.zeros(len(rows))
    for p in plans:
        tr = pid != p
        wt, b, m, sc = fit_logistic(X[tr], y[tr], w[tr], l2)
        lopo[~tr] = probabilities(X[~tr], wt, b, m, sc)
    threshold = choose_threshold(lopo, y, target_false)
    wt, b, m, sc = fit_logistic(X, y, w, l2)
    # the hard rules the assistant applies on top of the model (assistant/core.py: _decide)
    rule = np.array([any(r[2].get(f, 0.0) > 0 for f in HARD_RULES) or bool(extra_rule and extra_rule(r[2]))
                     for r in rows])
    per_plan = {}
    for p in plans + ["pooled"]:
        sel = np.ones(len(rows), bool) if p == "pooled" else pid == p
        ab = (lopo[sel] < threshold) | rule[sel]
        oos = y[sel] == 0
        per_plan[p] = {"oos": int(oos.sum()), "oos_abstained": int((ab & oos).sum()),
                       "in": int((~oos).sum()), "false_abstentions": int((ab & ~oos).sum())}
    cal = evidence.Calibration(tuple(names), tuple(float(x) for x in wt), b, threshold,
                               tuple(float(x) for x in m), tuple(float(x) for x in sc),
                               {"fitted_on": plans, "rows": len(rows), "l2": l2, "target_false": target_false,
                                "leave_one_plan_out": per_plan})
    return cal


def only_plans(rows, vectors: dict, cosines: dict, plans) -> tuple[list, dict, dict]:
    """The rows asked of ``plans``, in order, with their vectors and cosines re-keyed by the new row index."""
    keep = [i for i, r in enumerate(rows) if r[0] in plans]
    new = {old: n for n, old in enumerate(keep)}
    return ([rows[i] for i in keep], {new[i]: v for i, v in vectors.items() if i in new},
            {new[i]: c for i, c in cosines.items() if i in new})


def keep_others(fitted: dict, names, path: Path) -> dict:
    """The fitted models named in ``names``, and every other model as stored in ``path`` (a model
    the file lacks is taken as fitted); most signals first, the fitted order."""
    unknown = sorted(set(names) - set(fitted))
    if unknown:
        raise SystemExit(f"calibrate: no model named {', '.join(unknown)} (fitted: {', '.join(fitted)})")
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))["models"]
    except (OSError, ValueError, KeyError):
        stored = {}
    return {name: cal if name in names or name not in stored else evidence.Calibration.from_dict(stored[name])
            for name, cal in fitted.items()}


def markdown(models: dict, argv, only=None) -> str:
    lines = ["# Abstention calibration (leave-one-plan-out on the dev split)", "",
             "Each plan's questions are judged by a model fitted on the other plans; the threshold is chosen on "
             "those held-out probabilities; the hard rules (a division the plan never names; a place, year or figure "
             "the question names that no retrieved clause has) apply on top, as in the assistant.", "",
             f"command: `python -m eval.calibrate {' '.join(argv)}`", ""]
    if only:
        lines += [f"Fitted by this command: {', '.join(only)}. The other models are as they were stored, with the "
                  "figures of their own fit (the plans they were fitted on are listed in the data file).", ""]
    for name, cal in models.items():
        single = [f for f in cal.features if "*" not in f]
        paired = [f for f in single if any(g.startswith(f + "*") or g.endswith("*" + f) for g in cal.features)]
        named = (f"{', '.join(paired)} and the products of every pair of them"
                 + "".join(f"; {f}" for f in single if f not in paired)) if paired else ", ".join(single)
        lines += [f"## {name} features: {named}", "",
                  f"threshold {cal.threshold:.3f}; weights (standardised) "
                  + ", ".join(f"{f} {w:+.2f}" for f, w in zip(cal.features, cal.weights)), "",
                  "| plan | oos abstained | recall | false abstentions | rate |", "|---|---:|---:|---:|---:|"]
        for p, d in cal.meta["leave_one_plan_out"].items():
            rec = d["oos_abstained"] / d["oos"] if d["oos"] else float("nan")
            far = d["false_abstentions"] / d["in"] if d["in"] else float("nan")
            lines.append(f"| {p} | {d['oos_abstained']}/{d['oos']} | {rec:.2f} | {d['false_abstentions']}/{d['in']} "
                         f"| {far:.3f} |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(prog="python -m eval.calibrate")
    ap.add_argument("--cross", type=int, default=8)
    ap.add_argument("--target-false", type=float, default=0.025)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--questions", default=str(QUESTIONS_DIR), help="the corpus's question folder")
    ap.add_argument("--plans", default=str(PLANS_DIR), help="the corpus's plan folder")
    ap.add_argument("--out", default=str(evidence.DATA))
    ap.add_argument("--rows", help="save/reuse the collected feature rows (JSON) here")
    ap.add_argument("--models", nargs="+", metavar="NAME",
                    help="write only these fitted models; the others stay as they are in --out, and so do the "
                         "question probe and the expected cosine unless a model named reads them")
    ap.add_argument("--fit-plans", metavar="FILE",
                    help="fit on the rows of these plans only: a file of plan ids, one a line; the other plans' "
                         "figures stay those of models (and heads) that never saw them")
    ap.add_argument("--no-pairs", dest="pairs", action="store_false",
                    help="the dense model reads the single features only (no products of pairs)")
    args = ap.parse_args(argv)
    say = lambda m: print(m, file=sys.stderr, flush=True)      # noqa: E731
    vectors: dict = {}
    cosines: dict = {}
    saved = Path(args.rows + ".vectors.npz") if args.rows else None
    if args.rows and Path(args.rows).is_file():
        rows = [tuple(r) for r in json.loads(Path(args.rows).read_text(encoding="utf-8"))]
        if saved.is_file():
            with np.load(saved, allow_pickle=False) as z:
                vectors = dict(zip(z["index"].tolist(), z["vectors"]))
                if "cosines" in z.files:        # rows saved before the expected cosine have none
                    cosines = {i: c for i, c in zip(z["index"].tolist(), z["cosines"].tolist()) if np.isfinite(c)}
    else:
        sets = discover(args.questions, args.plans)
        rows = collect(sets, args.split, args.cross, say=say, vectors=vectors, cosines=cosines)
        if args.rows:
            Path(args.rows).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            index = sorted(vectors)
            np.savez_compressed(saved, index=np.array(index, dtype=np.int64),
                                vectors=np.array([vectors[i] for i in index], dtype=np.float32).reshape(len(index), -1),
                                cosines=np.array([np.nan if cosines.get(i) is None else cosines[i] for i in index]))
    if args.fit_plans:
        fit_plans = read_plan_ids(args.fit_plans, {r[0] for r in rows}, "no rows for")
        rows, vectors, cosines = only_plans(rows, vectors, cosines, fit_plans)
    probe = expected = None
    if vectors and all(len(r) >= 7 for r in rows):
        from index.encoders import DEFAULT_ENCODER
        probe = fit_question_probe(rows, vectors, DEFAULT_ENCODER, say)
        if cosines:
            expected = fit_expected_cosine(rows, vectors, cosines, DEFAULT_ENCODER, say)
    pairs = evidence.with_pairs if args.pairs else tuple
    hybrid = [r for r in rows if r[1] == "hybrid"]
    # the background margin and the sentence cosine join as features of their own, not in the
    # pairs: in pairs the margin took declines from the plans' own out-of-scope questions to give
    # them to borrowed ones (57 plans: own 276 vs 284 of 380). A model without each is fitted too,
    # for answers that lack it (another encoder than the background's; sentence cosines off).
    models = {}
    turns = [r for r in hybrid if "turn_cov" in r[2]]
    if turns and all("bg_margin" in r[2] and "sent_top" in r[2] for r in turns):
        # a follow-up read as continuing the turn before: what its own words add (evidence: turn_cov,
        # turn_miss), fitted on such turns only. The single features, no pairs: on the dev turns of 144
        # plans as first collected (688 rows), leave one plan out at the same 12 false abstentions, the
        # pairs with the turn's features in them declined 119 of 204 out-of-scope turns, the single features 125
        models["dense_bg_sent_turn"] = fit_model(
            turns, evidence.FEATURES_DENSE + ("bg_margin", "sent_top") + evidence.FEATURES_TURN
            + evidence.FEATURES_UNPAIRED, args.target_false, args.l2)
    if probe is not None and expected is not None:
        # how far the best cosine stands above an answered question like it: beside the pairs,
        # like the margin (in the pairs, 114 plans: 1,426 declined where beside them 1,432); and the
        # best whitened part of the top clauses beside the raw best sentence (evidence: part_top)
        models["dense_bg_sent_probe_resid"] = fit_model(
            [r for r in hybrid if "probe" in r[2] and "cos_resid" in r[2] and "part_top" in r[2]],
            pairs(evidence.FEATURES_DENSE + ("probe",)) + ("bg_margin", "sent_top", "cos_resid", "part_top")
            + evidence.FEATURES_UNPAIRED, args.target_false, args.l2)
    if probe is not None:
        # the probe joins the pairs: how far a question reads like one plans leave unanswered
        # counts by how much of it the clauses hold. Fitted on the turns it judges, those read alone
        models["dense_bg_sent_probe"] = fit_model(
            [r for r in hybrid if "probe" in r[2]], pairs(evidence.FEATURES_DENSE + ("probe",))
            + ("bg_margin", "sent_top") + evidence.FEATURES_UNPAIRED, args.target_false, args.l2)
    for bg in (True, False):
        for sent in (True, False):
            extra = ("bg_margin",) * bg + ("sent_top",) * sent
            if not all(f in r[2] for r in hybrid for f in extra):
                print(f"no {' / '.join(f for f in extra if any(f not in r[2] for r in hybrid))} in the rows: "
                      f"no model reading {' and '.join(extra)}", file=sys.stderr)
                continue
            name = "dense" + "_bg" * bg + "_sent" * sent
            models[name] = fit_model(hybrid, pairs(evidence.FEATURES_DENSE) + extra + evidence.FEATURES_UNPAIRED,
                                     args.target_false, args.l2)
    lexical_turns = [r for r in rows if r[1] == "bm25" and "turn_cov" in r[2]]
    if lexical_turns:
        # the same for BM25 mode: on the dev turns of 144 plans, leave one plan out at 12 false
        # abstentions of 482, 96 of 188 out-of-scope turns declined without the turn's features, 104 with
        models["lexical_turn"] = fit_model(lexical_turns, evidence.FEATURES_LEXICAL + evidence.FEATURES_TURN,
                                           args.target_false, args.l2, extra_rule=evidence.unsupported)
    models["lexical"] = fit_model([r for r in rows if r[1] == "bm25"], evidence.FEATURES_LEXICAL, args.target_false,
                                  args.l2, extra_rule=evidence.unsupported)
    out = Path(args.out)
    # with --models, the heads are written only beside a written model that reads them
    written = set(args.models or models)
    reads = set().union(*(evidence.signals_read(m) for n, m in models.items() if n in written))
    if args.models:
        models = keep_others(models, args.models, out)
    if probe is not None and "probe" in reads:
        question_probe.write(out.parent / question_probe.DATA.name, probe)
    if expected is not None and "cos_resid" in reads:
        question_probe.write(out.parent / question_probe.EXPECTED_COSINE.name, expected)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"models": {k: m.to_dict() for k, m in models.items()}}, ensure_ascii=False, indent=1)
                   + "\n", encoding="utf-8")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(markdown(models, argv, args.models), encoding="utf-8")
    print(markdown(models, argv, args.models))
    return 0


if __name__ == "__main__":
    sys.exit(main())
