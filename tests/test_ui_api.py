"""The Gradio HTTP API: gradio_client against a running app gets exactly
what PlanAssistant.ask returns (Answer.to_dict()), and clear errors.

Run: .venv/bin/python -m pytest tests/test_ui_api.py --slow
"""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

QUESTIONS = [
    ("2015年战略性新兴产业总产值是多少？", None),
    ("那新能源汽车呢？", ["成都的生物产业发展重点是什么？"]),
    ("什么是静脉产业？", None),
    ("专栏10有哪些工程？", None),
    ("个人所得税起征点是多少？", None),
    ("<script>alert(1)</script>电动车充电桩怎么建？", None),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served():
    """(client, assistant): the app served in this process, and an assistant like its own."""
    from gradio_client import Client

    from assistant import PlanAssistant
    from ui.app import build_app, launch_kwargs, shutdown

    demo = build_app(lambda: PlanAssistant(encoder="none"))
    port = _free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **launch_kwargs())
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        yield client, PlanAssistant(encoder="none")
    finally:
        shutdown(demo)                    # stops serving; every session's files and the upload cache go


def as_json(d: dict) -> dict:
    return json.loads(json.dumps(d, ensure_ascii=False))


@pytest.mark.parametrize("question,history", QUESTIONS)
def test_api_answer_equals_planassistant_ask(served, question, history):
    client, pa = served
    got = client.predict(question=question, history=history, k=3, mode="bm25", api_name="/ask")
    want = as_json(pa.ask(question, history=history, k=3, mode="bm25").to_dict())
    assert got == want


def test_api_answer_carries_citations_and_pages(served):
    client, _ = served
    got = client.predict(question="2015年战略性新兴产业总产值是多少？", api_name="/ask")
    assert got["abstained"] is False
    assert "5671.5" in got["lead"]
    first = got["excerpts"][0]
    assert first["citation"] == "〔一、（一）发展基础 · 第3页〕"
    assert first["pages"] == [3, 3]
    assert len(got["excerpts"]) == 5                              # the default k


def test_api_follow_up_is_resolved_from_history(served):
    client, _ = served
    got = client.predict(question="那新能源汽车呢？", history=["成都的生物产业发展重点是什么？"], api_name="/ask")
    assert "成都" in got["resolved_query"] and "新能源汽车" in got["resolved_query"]


def test_api_errors_are_one_clear_line(served):
    from gradio_client.exceptions import AppError

    client, _ = served
    with pytest.raises(AppError, match="请输入问题"):
        client.predict(question="   ", api_name="/ask")
    with pytest.raises(AppError, match="未知的检索模式"):
        client.predict(question="新能源汽车", mode="fuzzy", api_name="/ask")


def test_only_the_api_endpoints_are_public(served):
    client, _ = served
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    # ui.compare adds the last three
    assert sorted(endpoints) == ["/ask", "/ask_plans", "/compare", "/plans", "/upload"]


@pytest.mark.parametrize("kw,needle", [({"k": 0}, "1 到 10"), ({"k": 11}, "1 到 10"), ({"k": 10_000}, "1 到 10"),
                                       ({"history": 5}, "history")])
def test_api_refuses_what_the_library_refuses(served, kw, needle):
    from gradio_client.exceptions import AppError

    client, _ = served
    with pytest.raises(AppError, match=needle):
        client.predict(question="成都生物产业", api_name="/ask", **kw)


def test_api_takes_history_as_one_string(served):
    client, _ = served
    got = client.predict(question="那新能源汽车呢？", history="成都的生物产业发展重点是什么？", api_name="/ask")
    assert "成都" in got["resolved_query"]


def test_api_upload_then_ask_names_both_plans(served, tmp_path):
    """Each client is its own session: what one uploads, only it searches."""
    from gradio_client import Client, handle_file

    from tests.sample_plans import TOWN_PLAN

    client, _ = served
    mine = Client(client.src, verbose=False)
    town = tmp_path / "town.txt"
    town.write_text(TOWN_PLAN, encoding="utf-8")
    got = mine.predict(handle_file(str(town)), api_name="/upload")
    assert got["added"] and got["title"] == "某县数字乡村发展规划"
    assert mine.predict(handle_file(str(town)), api_name="/upload")["added"] is False
    ans = mine.predict(question="农产品电商服务中心建几个？", api_name="/ask")
    assert ans["excerpts"][0]["citation"].startswith("〔《某县数字乡村发展规划》")
    outline = mine.predict(question="某县规划有哪几部分？", api_name="/ask")
    assert [e["title"] for e in outline["outline"]] == ["发展目标", "重点任务"]
    other = client.predict(question="农产品电商服务中心建几个？", api_name="/ask")
    assert all(e["doc_id"] == "sc-sei-13" for e in other["excerpts"])


def test_api_upload_says_what_of_the_file_was_not_read(served, tmp_path):
    """A page that draws an image beside little text (a table drawn as a picture) is named."""
    from gradio_client import Client, handle_file

    from tests.test_corpus_formats import make_image_page_pdf

    client, _ = served
    mine = Client(client.src, verbose=False)
    got = mine.predict(handle_file(str(make_image_page_pdf(tmp_path / "plan.pdf"))), api_name="/upload")
    assert got["added"] and len(got["warnings"]) == 1
    assert got["warnings"][0].startswith("PDF page 3: an image beside little text") and "/" not in got["warnings"][0]


def test_concurrent_calls_each_get_their_own_answer(served):
    client, pa = served
    jobs = [(q, h, client.submit(question=q, history=h, k=2, mode="bm25", api_name="/ask"))
            for q, h in QUESTIONS[:4] * 2]
    for q, h, job in jobs:
        assert job.result(timeout=120) == as_json(pa.ask(q, history=h, k=2, mode="bm25").to_dict())


@pytest.mark.parametrize("name,content,reason", [("notes.exe", b"MZ\x90\x00", "不支持的文件类型"),
                                                 ("empty.txt", b"", "文件为空"),
                                                 ("broken.docx", b"not a zip archive", "broken.docx")])
def test_a_refused_upload_is_one_line_and_leaves_no_copy(served, tmp_path, name, content, reason):
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    from ui import app

    client, _ = served
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(AppError, match=reason) as info:
        client.predict(handle_file(str(bad)), api_name="/upload")
    assert "\n" not in str(info.value)
    cache = Path(app.ensure_upload_dir())
    assert not [p for p in cache.rglob(name)], "the web server's copy of a refused file was kept"


def test_the_page_config_holds_no_session_and_does_not_grow(served):
    """The page config is the same bytes before and after questions and uploads:
    nothing per session (and no bound method of the server's objects) is in it."""
    import urllib.request

    from gradio_client import Client

    client, _ = served

    def config() -> bytes:
        with urllib.request.urlopen(client.src.rstrip("/") + "/config", timeout=60) as r:
            return r.read()

    before = config()
    other = Client(client.src, verbose=False)
    for q in ("2015年战略性新兴产业总产值是多少？", "什么是静脉产业？", "那新能源汽车呢？"):
        other.predict(question=q, api_name="/ask")
    other.close()
    after = config()
    assert b"bound method" not in after and b"PlanLibrary" not in after
    assert len(after) == len(before)
