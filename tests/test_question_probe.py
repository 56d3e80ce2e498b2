"""The question's heads: the probe (how far a question reads like one plans leave unanswered), the
expected cosine (how closely an answered question like it meets its plan), and their fitting."""
from __future__ import annotations

import json

import numpy as np
import pytest

from assistant import PlanAssistant, question_probe
from eval import calibrate
from eval import question_probe_fit as qp
from index.encoders import E5_NAME


def test_the_probe_ships_for_the_default_encoder_with_the_figures_it_was_chosen_with():
    probe = question_probe.load(E5_NAME)
    assert probe is not None, "assistant/data/question_probe.json must ship for the default encoder"
    assert probe.weights.shape == probe.centre.shape == (384,)
    auc = probe.meta["grouped_auc_by_l2"][f"{probe.meta['l2']:g}"]
    assert auc == max(probe.meta["grouped_auc_by_l2"].values()) and auc > 0.8
    assert probe.meta["plans"] >= 100 and 0 < probe.meta["out_of_scope"] < probe.meta["questions"]
    assert question_probe.load("use-multilingual-v3") is None and question_probe.load(None) is None


def test_the_expected_cosine_ships_for_the_default_encoder_with_the_figures_it_was_chosen_with():
    head = question_probe.load(E5_NAME, question_probe.EXPECTED_COSINE)
    assert head is not None, "assistant/data/expected_cosine.json must ship for the default encoder"
    assert head.weights.shape == head.centre.shape == (384,) and 0.7 < head.bias < 1.0
    r2 = head.meta["grouped_r2_by_l2"][f"{head.meta['l2']:g}"]
    assert r2 == max(head.meta["grouped_r2_by_l2"].values()) and r2 > 0.2
    assert head.meta["plans"] >= 100
    assert question_probe.load("use-multilingual-v3", question_probe.EXPECTED_COSINE) is None


def test_write_score_and_read_back_and_an_unreadable_file_means_no_probe(tmp_path):
    p = question_probe.QuestionProbe("enc", np.array([1.0, -2.0, 0.0], np.float32), 0.5,
                                     np.array([0.1, 0.0, 0.0], np.float32), {"l2": 10.0})
    path = question_probe.write(tmp_path / "probe.json", p)
    back = question_probe.load("enc", path)
    assert back.meta == {"l2": 10.0} and back.score([1.1, 1.0, 7.0]) == pytest.approx(1.0 - 2.0 + 0.5)
    assert back.score_many(np.array([[0.1, 0, 0], [0.1, -1, 0]])).tolist() == pytest.approx([0.5, 2.5])
    with pytest.raises(ValueError):
        back.score([1.0, 2.0])
    assert question_probe.load("other", path) is None
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert question_probe.load("enc", tmp_path / "bad.json") is None
    (tmp_path / "short.json").write_text(json.dumps({"encoder": "enc", "bias": 0, "weights": [1, 2],
                                                      "centre": [0]}), encoding="utf-8")
    assert question_probe.load("enc", tmp_path / "short.json") is None
    assert question_probe.load("enc", tmp_path / "missing.json") is None


def test_auc_counts_ties_as_half():
    y = np.array([0, 0, 1, 1])
    assert qp.auc(np.array([0.1, 0.2, 0.3, 0.4]), y) == 1.0
    assert qp.auc(np.array([0.4, 0.3, 0.2, 0.1]), y) == 0.0
    assert qp.auc(np.array([0.5, 0.5, 0.5, 0.5]), y) == 0.5
    assert qp.auc(np.array([0.1, 0.3, 0.3, 0.4]), y) == pytest.approx(0.875)


def _separable(n_plans=12, per=20, dim=6, seed=0):
    """Two classes apart along the first axis, in ``n_plans`` groups (one plan, two classes)."""
    rng = np.random.default_rng(seed)
    X, y, g = [], [], []
    for p in range(n_plans):
        for i in range(per):
            label = i % 4 == 0                      # one question in four out of scope
            v = rng.normal(0, 1, dim)
            v[0] += 3.0 if label else -3.0
            X.append(v)
            y.append(float(label))
            g.append(f"plan{p:02d}")
    return np.array(X, np.float32), np.array(y), np.array(g)


def test_folds_are_by_plan_fixed_and_balanced():
    plans = [f"p{i}" for i in range(23)]
    f = qp.folds(plans)
    assert f == qp.folds(list(reversed(plans))) and set(f.values()) == set(range(qp.FOLDS))
    sizes = np.bincount(list(f.values()))
    assert sizes.max() - sizes.min() <= 1


def test_every_plan_and_both_classes_weigh_the_same():
    y = np.array([1, 0, 0, 0, 1, 0])
    g = np.array(["a", "a", "a", "a", "b", "b"])
    w = qp.weights(y, g)
    # plan a's rows weigh 6 / (2 * 4), plan b's 6 / (2 * 2); then out of scope x 6 / (2 * 2.25), in x 6 / (2 * 3.75)
    assert w.tolist() == pytest.approx([1.0, 0.6, 0.6, 0.6, 2.0, 1.2])
    assert w[y == 1].sum() == pytest.approx(w[y == 0].sum())


def test_the_fitted_probe_separates_and_each_out_of_fold_score_comes_from_a_probe_without_the_plan():
    X, y, g = _separable()
    cv = qp.cross_validate(X, y, g, grid=(1.0, 100.0))
    assert cv[1.0] > 0.95
    probe = qp.fit(X, y, g, 1.0, "enc")
    assert probe.weights[0] > 0 and qp.auc(probe.score_many(X), y) > 0.95
    oof = qp.OutOfFold(X, y, g, 1.0)
    oof.score(X[0], {"plan00"})
    oof.score(X[1], {"plan00"})
    oof.score(X[2], {"plan00", "plan05"})
    oof.score(X[3], {"not-a-plan"})                 # a plan outside the training set leaves nothing out
    left_out = set(oof._fitted)
    assert left_out == {frozenset({oof.fold_of["plan00"]}),
                        frozenset({oof.fold_of["plan00"], oof.fold_of["plan05"]}), frozenset()}


def test_calibration_gives_rows_out_of_fold_probe_values_and_fits_on_single_turn_questions_only():
    X, y, g = _separable(n_plans=12, per=8)
    rows, vectors = [], {}
    for i, (v, label, plan) in enumerate(zip(X, y, g)):
        rows.append((plan, "hybrid", {"cos_top": 0.9, "probe": 99.0}, 1.0 - label, f"{plan}:q{i}", plan, True))
        vectors[len(rows) - 1] = v
    rows.append(("plan01", "hybrid", {"cos_top": 0.9}, 0.0, "cross:plan01:x", "plan02", True))   # borrowed
    vectors[len(rows) - 1] = X[0]
    rows.append(("plan01", "hybrid", {"cos_top": 0.9, "probe": 1.0}, 1.0, "plan01:f", "plan01", False))  # a follow-up
    vectors[len(rows) - 1] = X[0] * 50                                     # would dominate the fit if read
    rows.append(("plan01", "bm25", {"info_cov": 1.0}, 1.0, "plan01:q0", "plan01", True))
    rows.append(("plan03", "hybrid", {"cos_top": 0.9, "probe": 5.0}, 1.0, "plan03:nv", "plan03", True))  # no vector
    probe = calibrate.fit_question_probe(rows, vectors, "enc")
    assert probe.encoder == "enc" and probe.meta["questions"] == len(X)
    assert probe.meta["out_of_scope"] == int(y.sum()) and probe.meta["plans"] == 12
    assert all(r[2]["probe"] != 99.0 for r in rows[:len(X)])
    assert "probe" not in rows[-2][2] and "probe" not in rows[-1][2]
    assert "probe" not in rows[len(X) + 1][2]         # a follow-up: the assistant reads no probe for it
    scores = np.array([r[2]["probe"] for r in rows[:len(X)]])
    assert qp.auc(scores, y) > 0.95                 # out of fold, still separated
    # the borrowed question is scored by a probe fitted without the asked plan's fold and its own plan's
    both = qp.OutOfFold(X, y, g, probe.meta["l2"]).score(X[0], {"plan01", "plan02"})
    alone = qp.OutOfFold(X, y, g, probe.meta["l2"]).score(X[0], {"plan01"})
    assert rows[len(X)][2]["probe"] == pytest.approx(both) and both != pytest.approx(alone)


def _cosines(n_plans=12, per=10, dim=6, seed=1):
    """Best cosines that rise along the first axis (0.8 + 0.05 x), each plan a little off."""
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_plans * per, dim)).astype(np.float32)
    g = np.repeat([f"plan{p:02d}" for p in range(n_plans)], per)
    t = 0.8 + 0.05 * X[:, 0] + rng.normal(0, 0.01, len(X)) + np.repeat(rng.normal(0, 0.01, n_plans), per)
    return X, t, g


def test_the_expected_cosine_is_a_ridge_fit_with_every_plan_weighing_the_same():
    X, t, g = _cosines()
    head = qp.fit_expected(X, t, g, 0.1, "enc")
    assert head.weights[0] == pytest.approx(0.05, abs=0.005) and np.abs(head.weights[1:]).max() < 0.005
    assert head.score_many(X) == pytest.approx(0.8 + 0.05 * X[:, 0], abs=0.04)
    cv = qp.cross_validate_expected(X, t, g, grid=(0.1, 1e6))
    assert cv[0.1] > 0.8 and cv[1e6] < 0.1         # shrunk to the mean, it explains nothing
    # one plan of many rows weighs as much as a plan of few: its mean does not pull the centre
    many = np.concatenate([np.zeros(len(X)), np.ones(50)])
    Xm = np.vstack([X, np.tile([[5.0, 0, 0, 0, 0, 0]], (50, 1))]).astype(np.float32)
    gm = np.concatenate([np.zeros(len(X), dtype="<U6"), np.full(50, "big")])
    gm[:len(X)] = "small"
    head = qp.fit_expected(Xm, many, gm, 1.0)
    assert head.bias == pytest.approx(0.5) and head.centre[0] == pytest.approx((X[:, 0].mean() + 5.0) / 2, abs=1e-5)


def test_calibration_gives_rows_the_cosine_less_an_out_of_fold_expectation():
    X, t, g = _cosines(per=6)
    rows, vectors, cosines = [], {}, {}
    for i, (v, c, plan) in enumerate(zip(X, t, g)):
        rows.append((plan, "hybrid", {"cos_top": c, "cos_resid": 9.0}, 1.0, f"{plan}:q{i}", plan, True))
        vectors[i], cosines[i] = v, float(c)
    rows.append(("plan01", "hybrid", {"cos_top": 0.5}, 0.0, "plan01:oos", "plan01", True))       # out of scope
    vectors[len(rows) - 1], cosines[len(rows) - 1] = X[0], 0.5
    rows.append(("plan01", "hybrid", {"cos_top": 0.5}, 0.0, "cross:plan01:x", "plan02", True))   # borrowed
    vectors[len(rows) - 1], cosines[len(rows) - 1] = X[0], 0.5
    rows.append(("plan01", "hybrid", {"cos_top": 0.9, "cos_resid": 1.0}, 1.0, "plan01:f", "plan01", False))
    vectors[len(rows) - 1], cosines[len(rows) - 1] = X[0], 0.9                                    # a follow-up
    head = calibrate.fit_expected_cosine(rows, vectors, cosines, "enc")
    assert head.encoder == "enc" and head.meta["questions"] == len(X) and head.meta["plans"] == 12
    resid = np.array([r[2]["cos_resid"] for r in rows[:len(X)]])
    assert np.abs(resid).max() < 0.05               # out of fold, the expectation still holds
    fold_of = qp.folds(g)
    both = qp.OutOfFold(X, t, g, head.meta["l2"], fold_of, fitter=qp.fit_expected).score(X[0], {"plan01", "plan02"})
    assert rows[len(X) + 1][2]["cos_resid"] == pytest.approx(0.5 - both)
    assert rows[len(X)][2]["cos_resid"] < -0.2      # out of scope: well below what an answered question gets
    assert "cos_resid" not in rows[-1][2]           # the assistant reads no expectation for a follow-up


@pytest.mark.slow
def test_the_probe_weighs_an_everyday_question_against_answering_in_hybrid_mode_only():
    pa = PlanAssistant(index_dir=None)              # the shipped plan, default (e5) encoder
    cook = pa.ask("红烧肉怎么做才好吃？")
    own = pa.ask("页岩气开发有什么安排？")
    assert cook.evidence["probe"] > 0 > own.evidence["probe"]
    assert cook.abstained and not own.abstained
    # a question that asks for a figure reads like many unanswered ones; the plan's clauses hold it
    figure = pa.ask("到2020年全省战略性新兴产业总产值要达到多少？")
    assert figure.evidence["probe"] > 0 and not figure.abstained
    assert "probe" not in pa.ask("红烧肉怎么做才好吃？", mode="bm25").evidence
    # a follow-up is searched with the previous question's words, no question anyone asked: no probe,
    # and the model without it judges it; the same words asked alone are read by the probe
    first = "2015年战略性新兴产业总产值是多少？"
    follow = pa.ask("那2020年呢？", history=[first])
    assert follow.resolved_query != "那2020年呢？" and "probe" not in follow.evidence and not follow.abstained
    assert "probe" in pa.ask(follow.resolved_query).evidence
    assert "cos_resid" not in follow.evidence
    off = PlanAssistant(index_dir=None, config=pa.config.with_(question_probe=False))
    assert not {"probe", "cos_resid"} & off.ask("红烧肉怎么做才好吃？").evidence.keys()


@pytest.mark.slow
def test_the_best_cosine_is_read_against_what_an_answered_question_like_it_gets():
    pa = PlanAssistant(index_dir=None)
    head = question_probe.load(E5_NAME, question_probe.EXPECTED_COSINE)
    for q in ("红烧肉怎么做才好吃？", "页岩气开发有什么安排？"):
        ans = pa.ask(q)
        qvec = pa.retriever.query_vector(ans.resolved_query)
        assert ans.evidence["cos_resid"] == pytest.approx(pa.retriever.best_cosine(qvec) - head.score(qvec), abs=1e-4)
    assert pa.ask("红烧肉怎么做才好吃？").evidence["cos_resid"] < 0 < pa.ask("页岩气开发有什么安排？").evidence["cos_resid"]
    assert "cos_resid" not in pa.ask("页岩气开发有什么安排？", mode="bm25").evidence
