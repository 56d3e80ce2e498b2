"""The e5 query adapter (index/adapter.py) and its fit (eval/adapter_fit.py)."""
from __future__ import annotations

import numpy as np
import pytest

from eval import adapter_fit as fit
from index.adapter import DATA, QueryAdapter, default_adapter


def _unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_zero_matrix_leaves_query_vectors_as_they_are():
    q = _unit(np.random.RandomState(1).randn(3, 8))
    assert np.allclose(QueryAdapter(np.zeros((8, 8))).apply(q), q, atol=1e-6)


def test_moved_vectors_are_unit_length_and_the_matrix_must_fit():
    rng = np.random.RandomState(2)
    a = QueryAdapter(rng.randn(8, 8) * 0.3)
    moved = a.apply(_unit(rng.randn(4, 8)))
    assert moved.shape == (4, 8) and np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5)
    assert a.apply(np.zeros((0, 8), np.float32)).shape == (0, 8)
    with pytest.raises(ValueError):
        a.apply(np.ones((2, 5), np.float32))
    with pytest.raises(ValueError):
        QueryAdapter(np.zeros((8, 4)))


def test_an_adapter_saved_and_loaded_moves_vectors_the_same(tmp_path):
    rng = np.random.RandomState(3)
    a = QueryAdapter(rng.randn(8, 8) * 0.1, {"fitted_on": "test"})
    path = a.save(tmp_path / "adapter.npz")
    b = QueryAdapter.load(path)
    q = _unit(rng.randn(5, 8))
    assert b.meta == {"fitted_on": "test"}
    assert np.allclose(a.apply(q), b.apply(q), atol=2e-3)      # stored as float16


def test_the_shipped_adapter_is_e5_sized_and_was_chosen_on_plans_it_was_not_fitted_on():
    assert DATA.is_file()
    a = default_adapter()
    assert a is not None and a.matrix.shape == (384, 384)
    before, after = a.meta["leave_plans_out_dense"]["before"], a.meta["leave_plans_out_dense"]["after"]
    assert after[0] > before[0] and after[2] > before[2]        # hit@1 and MRR on held-out plans
    assert "plans" in a.meta["fitted_on"]


def _toy_plan(rng, n_clauses=6, per=2, dim=8, n_q=5):
    windows = _unit(rng.randn(n_clauses * per, dim))
    owner = np.repeat(np.arange(n_clauses), per)
    queries = _unit(rng.randn(n_q, dim))
    answers = [[int(rng.randint(n_clauses))] for _ in range(n_q)]
    return fit.PlanRows("toy", windows, owner, n_clauses, queries, answers)


def test_the_fit_gradient_matches_finite_differences():
    rng = np.random.RandomState(4)
    plans = [_toy_plan(rng), _toy_plan(rng)]
    B = rng.randn(8, 8) * 0.05
    loss, grad = fit.loss_grad(plans, B, tau=0.1, l2=0.3)
    eps = 1e-5
    for i, j in [(0, 0), (2, 5), (7, 3)]:
        d = np.zeros_like(B)
        d[i, j] = eps
        numeric = (fit.loss_grad(plans, B + d, 0.1, 0.3)[0] - fit.loss_grad(plans, B - d, 0.1, 0.3)[0]) / (2 * eps)
        assert grad[i, j] == pytest.approx(numeric, rel=1e-3, abs=1e-6)


def test_fitting_lifts_the_answering_clauses_of_the_questions_it_is_fitted_on():
    rng = np.random.RandomState(5)
    plans = [_toy_plan(rng, n_clauses=10, n_q=12) for _ in range(3)]
    before = [r for p in plans for r in fit.ranks(p, None)]
    B = fit.fit(plans, l2=0.01, tau=0.1, epochs=200, lr=0.02)
    after = [r for p in plans for r in fit.ranks(p, B)]
    assert sum(1 / r for r in after) > sum(1 / r for r in before)
    assert np.mean(after) < np.mean(before)


def test_fold_adapters_give_each_plan_the_one_fitted_without_it(tmp_path):
    folds = fit.folds_of(["a", "b", "c", "d", "e", "f"], k=3)
    assert sorted(p for f in folds for p in f) == ["a", "b", "c", "d", "e", "f"]
    mats = [np.full((4, 4), i, np.float32) for i in range(3)]
    path = tmp_path / "folds.npz"
    fit.FoldAdapters(folds, mats).save(path)
    loaded = fit.FoldAdapters.load(path)
    for i, f in enumerate(folds):
        for p in f:
            assert float(loaded.for_plan(p).matrix[0, 0]) == i
    assert loaded.for_plan("not-in-the-corpus") is None
