"""Fit the question probe (assistant/question_probe.py) on the dev split, by plan folds.

``eval/calibrate.py`` calls this with the query vectors of the questions it asked: the probe is
fitted on the single-turn questions of the corpus's own sets (out of scope = 1), each plan weighing
the same and the two classes weighing the same within the whole. Its regularisation is chosen by
grouped cross-validation: the plans fall into ``FOLDS`` folds, and each fold's questions are
scored by a probe fitted on the others (area under the ROC curve over all out-of-fold scores).

The abstention model must be fitted on probe values it would see on a new plan, so every row it
is fitted on gets an out-of-fold value (``out_of_fold``): scored by a probe fitted without the
row's plan's fold, and for a question borrowed from another plan also without that plan's fold
(the probe was fitted on the borrowed question itself, labelled in scope there).

The expected cosine (``fit_expected``) is fitted the same way: a ridge regression of the best clause
cosine of each answered question (in scope, read alone, of the plan's own set) on its vector, its
regularisation chosen by grouped cross-validated R² (``cross_validate_expected``), every row given
an out-of-fold value by ``OutOfFold(..., fitter=fit_expected)``.
"""
from __future__ import annotations

import random

import numpy as np

from assistant.question_probe import QuestionProbe

FOLDS = 10
L2_GRID = (3.0, 10.0, 30.0, 100.0, 300.0)       # on standardised vector components
RIDGE_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)          # on the raw (unit-length) vectors


def folds(plans, n: int = FOLDS, seed: int = 7) -> dict[str, int]:
    """Plan -> fold, the plans shuffled with a fixed seed and dealt out in turn."""
    order = sorted(set(plans))
    random.Random(seed).shuffle(order)
    return {p: i % n for i, p in enumerate(order)}


def weights(y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each plan weighs the same; within that, the two classes weigh the same overall."""
    plans, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    w = len(y) / (len(plans) * counts[inverse])
    pos = w[y == 1].sum()
    neg = w[y == 0].sum()
    if pos > 0 and neg > 0:
        w = np.where(y == 1, w * (pos + neg) / (2 * pos), w * (pos + neg) / (2 * neg))
    return w


def fit(X: np.ndarray, y: np.ndarray, groups: np.ndarray, l2: float, encoder: str = "",
        meta: dict | None = None) -> QuestionProbe:
    """One logistic probe (weights folded back to the raw vector: score = (x - centre) . w + b)."""
    from eval.calibrate import fit_logistic
    wt, bias, mean, scale = fit_logistic(X, y, weights(y, groups), l2)
    return QuestionProbe(encoder, (wt / scale).astype(np.float32), float(bias), mean.astype(np.float32),
                         dict(meta or {}))


def fit_expected(X: np.ndarray, t: np.ndarray, groups: np.ndarray, l2: float, encoder: str = "",
                 meta: dict | None = None) -> QuestionProbe:
    """Ridge regression of ``t`` (the best cosine) on the vectors, each plan weighing the same (the
    weights average 1, so ``l2`` weighs against a sum over the rows)."""
    _, inverse, counts = np.unique(groups, return_inverse=True, return_counts=True)
    w = len(t) / (len(counts) * counts[inverse])
    centre = (w @ X) / w.sum()
    bias = float(w @ t / w.sum())
    Z = X - centre
    weights = np.linalg.solve((Z * w[:, None]).T @ Z + l2 * np.eye(X.shape[1]), (Z * w[:, None]).T @ (t - bias))
    return QuestionProbe(encoder, weights.astype(np.float32), bias, centre.astype(np.float32), dict(meta or {}))


def r2(pred: np.ndarray, t: np.ndarray) -> float:
    """Share of the variance of ``t`` that ``pred`` explains."""
    return float(1.0 - np.mean((t - pred) ** 2) / np.var(t))


def cross_validate_expected(X, t, groups, grid=RIDGE_GRID, fold_of=None) -> dict[float, float]:
    """l2 -> grouped cross-validated R² of the expected cosine."""
    return cross_validate(X, t, groups, grid, fold_of, fitter=fit_expected, measure=r2)


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (ties counted half)."""
    from scipy.stats import rankdata
    pos = int((y == 1).sum())
    neg = len(y) - pos
    if not pos or not neg:
        return float("nan")
    ranks = rankdata(scores)                        # 1-based, ties averaged
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def cross_validate(X, y, groups, grid=L2_GRID, fold_of=None, fitter=fit, measure=auc) -> dict[float, float]:
    """l2 -> ``measure`` (grouped cross-validated AUC for the probe) of the out-of-fold scores."""
    fold_of = fold_of or folds(groups)
    f = np.array([fold_of[g] for g in groups])
    out = {}
    for l2 in grid:
        oof = np.zeros(len(y))
        for k in sorted(set(f)):
            tr = f != k
            oof[~tr] = fitter(X[tr], y[tr], groups[tr], l2).score_many(X[~tr])
        out[l2] = measure(oof, y)
    return out


class OutOfFold:
    """Scores rows with probes fitted without given folds (fitted once per set of folds left out)."""

    def __init__(self, X, y, groups, l2: float, fold_of=None, fitter=fit):
        self.X, self.y, self.groups, self.l2, self.fitter = X, y, np.asarray(groups), l2, fitter
        self.fold_of = fold_of or folds(groups)
        self._fold = np.array([self.fold_of[g] for g in self.groups])
        self._fitted: dict[frozenset, QuestionProbe] = {}

    def score(self, vector, plans) -> float:
        """The vector's score by a probe fitted without the folds of ``plans`` (a plan outside the
        training set leaves nothing out)."""
        out = frozenset(self.fold_of[p] for p in plans if p in self.fold_of)
        if out not in self._fitted:
            keep = ~np.isin(self._fold, list(out))
            self._fitted[out] = self.fitter(self.X[keep], self.y[keep], self.groups[keep], self.l2)
        return self._fitted[out].score(vector)
