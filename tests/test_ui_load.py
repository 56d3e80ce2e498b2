"""A small run of the load test (eval/load.py): several users, each with its own
gradio_client session against ``python -m ui.app`` on 127.0.0.1, two of them
uploading a plan, twice against the same server (round two uploads new plans).
Checks behaviour only (no timing): no errors, every user's files gone once the
sessions end, nothing left after SIGTERM.

Run: .venv/bin/python -m pytest tests/test_ui_load.py --slow
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_small_load_no_errors_and_nothing_left_behind(tmp_path):
    from eval.load import markdown, run

    r = run(users=10, uploaders=2, questions=3, total_questions=40, workers=3, time_limit=300, work=tmp_path,
            rounds=2)
    assert r["errors"] == [] and r["skipped"] == 0 and r["questions_asked"] == 80
    assert r["steps"]["upload"]["n"] == 4 and r["steps"]["ask"]["n"] == 60 and r["steps"]["page"]["n"] == 20
    assert r["steps"]["refused"]["n"] == 2 and r["server_user_error_lines"] == 2     # a user's mistake: one line
    assert len(r["rss_mb"]["rounds"]) == 2 and "after each round's sessions ended" in markdown(r)
    assert r["left_after_sessions_end"] == {"session_folders": 0, "cached_upload_files": 0}
    assert r["left_after_stop"] == {"session_folders": 0, "cached_upload_files": 0, "upload_cache_folders": 0}
    assert r["server_exit_code"] == 0 and r["server_tracebacks"] == 0
    assert "errors: **0**" in markdown(r)
