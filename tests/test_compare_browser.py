"""The comparison view in a real headless Chromium: `planqa serve --library DIR`
over the shipped plan and the sample county plan; filters, one card per plan
(one of them declining), the Markdown and DOCX exports.

Run: .venv/bin/python -m pytest tests/test_compare_browser.py --slow
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import PLAN_TXT
from tests.sample_plans import TOWN_PLAN
from tests.test_ui_browser import (CHROMIUM, CHROMIUM_ARGS, REPO, _free_port, _has_cjk_font, _need_browser,
                                  stop_server)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("cmp-ui")
    plans = root / "plans"
    plans.mkdir()
    shutil.copy(PLAN_TXT, plans / PLAN_TXT.name)
    shutil.copy(PLAN_TXT.with_suffix(".json"), plans / PLAN_TXT.with_suffix(".json").name)
    (plans / "town.txt").write_text(TOWN_PLAN, encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PLANQA_HOME": str(root / "home"), "PLANQA_ENCODER": "none",
           "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
    log_path = root / "server.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--library", str(plans),
                             "--port", str(port)], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve exited {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError(log_path.read_text()[-3000:])
    yield url
    stop_server(proc)
    log.close()


@pytest.fixture(scope="module")
def page(server):
    sync_api = _need_browser()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        ctx = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN", accept_downloads=True)
        pg = ctx.new_page()
        pg.goto(server)
        pg.wait_for_selector("#pq-cmp-q textarea", timeout=TIMEOUT_MS)
        yield pg
        browser.close()


def test_comparison_cards_one_per_plan(page):
    page.fill("#pq-cmp-q textarea", "2015年战略性新兴产业总产值是多少？")
    page.click("#pq-cmp-go")
    page.wait_for_selector("#pq-cmp-out .pq-cmp-card", timeout=TIMEOUT_MS)
    cards = page.locator("#pq-cmp-out .pq-cmp-card")
    assert cards.count() == 2
    sc = page.locator('#pq-cmp-out .pq-cmp-card[data-doc="sc-sei-13"]')
    assert "5671.5" in sc.locator(".pq-lead").inner_text()
    cite = sc.locator(".pq-cite").first.inner_text()          # names its plan: two plans are loaded
    assert cite.startswith("〔《四川省") and cite.endswith("一、（一）发展基础 · 第3页〕")
    town = page.locator('#pq-cmp-out .pq-cmp-card[data-doc="town"]')
    assert "本规划未涉及这一问题" in town.inner_text() and town.locator(".pq-excerpt").count() == 0
    if os.environ.get("PLANQA_UPDATE_SCREENSHOT") and _has_cjk_font():
        page.locator("#pq-compare").screenshot(path=str(REPO / "docs" / "compare.png"))


def test_exports_hold_full_citations(page):
    with page.expect_download(timeout=TIMEOUT_MS) as dl:
        page.click("#pq-cmp-md")
    md = open(dl.value.path(), encoding="utf-8").read()
    assert md.startswith("# 规划对比：2015年战略性新兴产业总产值是多少？")
    assert "〔《四川战略性新兴产业“十三五”规划》一、（一）发展基础 · 第3页〕" in md and "本规划未涉及这一问题" in md
    with page.expect_download(timeout=TIMEOUT_MS) as dl:
        page.click("#pq-cmp-docx")
    import docx
    data = open(dl.value.path(), "rb").read()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "〔《四川战略性新兴产业“十三五”规划》一、（一）发展基础 · 第3页〕" in text


def test_level_filter_narrows_the_plans(page):
    page.locator("#pq-f-level input").click()
    page.get_by_role("option", name="县", exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#pq-cmp-plans input[type=checkbox]')].filter(c => c.checked).length === 1",
        timeout=TIMEOUT_MS)
    page.fill("#pq-cmp-q textarea", "行政村5G覆盖率达到多少？")
    page.click("#pq-cmp-go")
    page.wait_for_function(
        "() => document.querySelectorAll('#pq-cmp-out .pq-cmp-card').length === 1", timeout=TIMEOUT_MS)
    card = page.locator('#pq-cmp-out .pq-cmp-card[data-doc="town"]')
    assert "百分之九十" in card.inner_text()


def test_empty_question_keeps_the_page_working(page):
    page.fill("#pq-cmp-q textarea", "")
    page.click("#pq-cmp-go")
    page.wait_for_selector("#pq-cmp-out .pq-notice", timeout=TIMEOUT_MS)
    assert "请输入要对比的问题" in page.locator("#pq-cmp-out").inner_text()


def test_http_api_plans_compare_and_filtered_ask(server):
    from gradio_client import Client
    from gradio_client.exceptions import AppError
    client = Client(server, verbose=False)
    plans = client.predict(level="县", api_name="/plans")
    assert [p["doc_id"] for p in plans] == ["town"] and plans[0]["region"] == "某县"
    cmp = client.predict(question="2015年战略性新兴产业总产值是多少？", k=2, api_name="/compare")
    assert [p["doc_id"] for p in cmp["plans"]] == ["sc-sei-13", "town"] and cmp["addressed"] == ["sc-sei-13"]
    first = cmp["plans"][0]["answer"]["excerpts"][0]
    assert first["plan_citation"] == "〔《四川战略性新兴产业“十三五”规划》一、（一）发展基础 · 第3页〕"
    assert cmp["plans"][1]["answer"]["abstained"] is True
    ans = client.predict(question="行政村5G覆盖率达到多少？", plans=["town"], api_name="/ask_plans")
    assert not ans["abstained"] and {e["doc_id"] for e in ans["excerpts"]} == {"town"}
    with pytest.raises(AppError, match="unknown level"):
        client.predict(question="总产值", level="乡", api_name="/compare")
