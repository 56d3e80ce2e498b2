"""eval.bm25_sweep: the shipped BM25 setting, rebuilt in memory, ranks as the index does, and the index is put back."""
from __future__ import annotations

from assistant import PlanAssistant
from eval import bm25_sweep
from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.metrics import first_hit_rank, relevance


def test_the_sweep_reads_the_shipped_setting_as_the_index_does_and_puts_the_index_back(tmp_path):
    plan = next(s for s in discover(str(QUESTIONS_DIR), PLANS_DIR) if s.plan_id == "sc-sei-13")
    pa = PlanAssistant.from_paths([str(plan.path)], index_dir=tmp_path, encoder="none", mode="bm25")
    questions = [q for q in plan.questions("dev") if q.in_scope and not q.history]
    index = pa.retriever.sparse
    expected = [first_hit_rank(relevance([h.text for h in pa.retriever.search(q.question, k=bm25_sweep.POOL, mode="bm25")],
                                         q.answers)) for q in questions]
    shipped, unnormed = bm25_sweep.GRID[0], (1.2, 0.0, 0.3)
    ranks = bm25_sweep.plan_ranks(pa, questions, grid=(shipped, unnormed), modes=("bm25",))
    assert ranks[(*shipped, "bm25")] == expected
    assert sum(r == 1 for r in expected) > len(questions) // 2
    # without length normalisation long clauses win more often: some question ranks otherwise
    assert ranks[(*unnormed, "bm25")] != expected
    assert pa.retriever.sparse is index
