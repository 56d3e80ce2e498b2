"""The benchmark's scaling step on a one-plan synthetic corpus (timings are reported, never asserted)."""
from __future__ import annotations

from eval import bench


def test_scale_one_matches_rank_bm25_and_renders():
    row = bench.scale_one(n_plans=1, n_queries=3, n_rank_queries=3, dense_cap=1000, repeat=1)
    assert row["plans"] == 1 and 250 <= row["clauses"] <= 320
    # our BM25 and rank-bm25 score the same documents the same way
    assert row["max_abs_score_diff"] is not None and row["max_abs_score_diff"] < 1e-9
    assert row["ours_query"]["n"] == 3 and row["rank_bm25_queries"] == 3
    assert row["faiss_kind"] == "flat"
    row.update(wall_s=1.0, peak_rss_mb=row["peak_rss_self_mb"])
    md = bench.render_markdown({"machine": bench.machine(), "quick": True, "date": "today",
                                "command": "python -m eval.bench --quick", "scaling": [row]})
    assert "## Scaling on synthetic corpora" in md
    assert f"| 1 | {row['clauses']} |" in md
    assert "cores" in md
