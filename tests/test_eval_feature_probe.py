"""eval.feature_probe: the candidates' columns recorded beside the re-ranker's features."""
from __future__ import annotations

import numpy as np

from assistant import PlanAssistant, evidence, rerank
from eval import feature_probe
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover


def test_reciprocal_ranks_order_by_value_and_break_ties_in_pool_order():
    assert feature_probe.reciprocal_ranks([0.2, 0.9, 0.2]) == [0.5, 1.0, 1 / 3]


def test_the_recorder_keeps_each_pool_with_its_rank_columns_and_reads_them_with_pairs(tmp_path):
    plan = next(s for s in discover(str(QUESTIONS_DIR), PLANS_DIR) if s.plan_id == "sc-sei-13")
    pa = PlanAssistant.from_paths([str(plan.path)], index_dir=tmp_path, encoder="none", mode="bm25")
    rec = feature_probe.CandidateRecorder(plan.plan_id, pa)
    pa.reranker = rec
    questions = [q for q in plan.questions("dev") if q.in_scope and not q.history][:5]
    for q in questions:
        rec.question = q
        pa.ask(q.question)
    assert [p.qid for p in rec.pools] == [q.id for q in questions]
    col = feature_probe.COLUMNS.index
    for p in rec.pools:
        bm25 = p.x[:, col("bm25")]
        assert np.allclose(p.x[:, col("bm25_rr")], feature_probe.reciprocal_ranks(bm25.tolist()))
        assert not p.x[:, col("t_leaf")].any()          # no encoder: no title cosine
    assert any(p.rel.any() for p in rec.pools)
    feats = rerank.FEATURES + feature_probe.CANDIDATES["wording ranks"]
    read = feature_probe.with_columns(rec.pools, feats)
    assert read[0].x.shape == (len(rec.pools[0].rel), len(evidence.with_pairs(feats)))


def test_rerank_fit_collects_every_plan_question_through_the_recorder_it_is_given(tmp_path):
    from eval import rerank_fit
    plan = next(s for s in discover(str(QUESTIONS_DIR), PLANS_DIR) if s.plan_id == "sc-sei-13")
    pools = rerank_fit.collect(
        [plan], lambda s: PlanAssistant.from_paths([str(s.path)], index_dir=tmp_path, encoder="none", mode="bm25"),
        recorder=feature_probe.CandidateRecorder)
    in_scope = {q.id for q in plan.questions(rerank_fit.SPLIT) if q.in_scope}
    assert {p.qid for p in pools} <= in_scope and len({p.qid for p in pools}) > len(in_scope) * 0.9
    assert all(p.x.shape[1] == len(feature_probe.COLUMNS) for p in pools)
