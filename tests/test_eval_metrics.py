"""The evaluation math, checked against hand-computed values."""
from __future__ import annotations

import math

import pytest

from eval import metrics


def test_normalize_is_nfkc_without_whitespace():
    assert metrics.normalize("总产值 5671.5 亿元\n") == "总产值5671.5亿元"
    assert metrics.normalize("增幅12％以上（SIP）") == "增幅12%以上(SIP)"


def test_is_hit_normalises_both_sides():
    text = "2015 年战略性新兴产业实现总产值 5671.5 亿元，为 2010 年的 2.5 倍"
    assert metrics.is_hit(text, ["总产值5671.5亿元"])
    assert metrics.is_hit(text, ["不在这里", "为2010年的 2.5倍"])
    assert not metrics.is_hit(text, ["5671.6亿元"])
    assert not metrics.is_hit(text, [])
    assert not metrics.is_hit(text, ["   "])  # a blank phrase matches nothing


def test_relevance_in_rank_order():
    assert metrics.relevance(["甲乙", "丙丁", "乙丙"], ["乙"]) == [True, False, True]


def test_hit_at_k_and_first_rank():
    rels = [False, False, True, False]
    assert metrics.first_hit_rank(rels) == 3
    assert metrics.hit_at_k(rels, 1) == 0.0
    assert metrics.hit_at_k(rels, 2) == 0.0
    assert metrics.hit_at_k(rels, 3) == 1.0
    assert metrics.hit_at_k([], 5) == 0.0
    with pytest.raises(ValueError):
        metrics.hit_at_k(rels, 0)


def test_reciprocal_rank():
    assert metrics.reciprocal_rank([True]) == 1.0
    assert metrics.reciprocal_rank([False, False, False, True]) == 0.25
    assert metrics.reciprocal_rank([False, False]) == 0.0


def test_ndcg_binary():
    assert metrics.ndcg_at_k([True, False], 10) == 1.0
    assert metrics.ndcg_at_k([False, False, True], 10) == pytest.approx(0.5)
    assert metrics.ndcg_at_k([], 10) == 0.0
    # two relevant at ranks 1 and 3: (1 + 1/log2(4)) / (1 + 1/log2(3))
    assert metrics.ndcg_at_k([True, False, True], 10) == pytest.approx(1.5 / (1 + 1 / math.log2(3)))
    # beyond the cut-off nothing counts
    assert metrics.ndcg_at_k([False] * 10 + [True], 10) == 0.0


def test_abstention_scores():
    abst = [True, True, False, True, False]
    oos = [True, False, False, True, True]
    s = metrics.abstention_scores(abst, oos)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["false_abstention"] == pytest.approx(1 / 2)
    none = metrics.abstention_scores([False, False], [False, False])
    assert none["precision"] is None and none["recall"] is None and none["false_abstention"] == 0.0
    with pytest.raises(ValueError):
        metrics.abstention_scores([True], [True, False])


def test_percentile_matches_linear_interpolation():
    xs = [4.0, 1.0, 3.0, 2.0]
    assert metrics.percentile(xs, 50) == 2.5
    assert metrics.percentile(xs, 0) == 1.0
    assert metrics.percentile(xs, 100) == 4.0
    assert metrics.percentile(xs, 95) == pytest.approx(3.85)
    assert metrics.percentile([7.0], 95) == 7.0
    assert metrics.percentile([], 50) is None
    assert metrics.median([1, 2, 10]) == 2
    with pytest.raises(ValueError):
        metrics.percentile(xs, 101)
