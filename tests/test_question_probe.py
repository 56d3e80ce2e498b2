"""The question probe: how far a question reads like one plans leave unanswered, and its fitting."""
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
    off = PlanAssistant(index_dir=None, config=pa.config.with_(question_probe=False))
    assert "probe" not in off.ask("红烧肉怎么做才好吃？").evidence
