"""The chat UI in a real headless Chromium (Debian's /usr/bin/chromium, never a download).

Starts ``python -m ui.app`` on a free port (BM25 mode, PLANQA_HOME in a temp
folder), then drives the page like a user: a fact question with its cited
excerpt and page, copying a citation, a follow-up and its resolved query, an
out-of-scope question, the outline, hostile input, a bad and a good upload.
Saves docs/screenshot.png along the way (only where a CJK font is installed,
e.g. Debian's fonts-noto-cjk, so the README never gets a picture of boxes).

Run: .venv/bin/python -m pytest tests/test_ui_browser.py --slow
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.sample_plans import TOWN_PLAN

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = REPO / "docs" / "screenshot.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PLAN_TITLE = "四川省“十三五”战略性新兴产业发展规划"
ANSWER_TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _has_cjk_font() -> bool:
    """The README picture is only worth keeping when Chinese text renders (fonts-noto-cjk)."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


def _need_browser():
    if not CHROMIUM.exists():
        reason = "/usr/bin/chromium is missing (apt-get install chromium)"
        if os.environ.get("PLANQA_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return pytest.importorskip("playwright.sync_api")


def start_server(home: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    """``python -m ui.app`` on a free port; returns (process, url) once it answers HTTP."""
    port = _free_port()
    tmp = home / "tmp"                                   # the server's temp folder: uploads land here
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "PLANQA_HOME": str(home), "PLANQA_ENCODER": "none", "TMPDIR": str(tmp),
           "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
    env.pop("GRADIO_TEMP_DIR", None)
    env.pop("PLANQA_UPLOAD_BASE", None)
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "ui.app", "--port", str(port)], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.close()
            raise RuntimeError(f"ui.app exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"ui.app did not come up:\n{log_path.read_text()[-3000:]}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(url, the server's temp folder)."""
    home = tmp_path_factory.mktemp("ui-home")
    proc, url = start_server(home, home / "server.log")
    yield url, home / "tmp"
    stop_server(proc)


@pytest.fixture(scope="module")
def server(served):
    return served[0]


def users_files(tmp: Path) -> list[str]:
    """What of the users' uploads is on the server's disk: session folders and
    non-empty files in the web server's upload cache."""
    found = [str(p) for p in tmp.glob("planqa-ui-*")]
    found += [str(p) for p in tmp.glob("planqa-uploads-*/**/*") if p.is_file() and p.stat().st_size > 0]
    return found


def raw_html_labels(pg) -> list[str]:
    return pg.evaluate("""[...document.querySelectorAll('[aria-label]')]
        .map(e => e.getAttribute('aria-label')).filter(l => /<\\/?[a-z][^>]*>/i.test(l))""")


@pytest.fixture(scope="module")
def page(server):
    sync_api = _need_browser()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
        pg = ctx.new_page()
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        pg.goto(server)
        pg.wait_for_selector("#pq-input textarea", timeout=ANSWER_TIMEOUT_MS)
        yield pg
        browser.close()


# ------------------------------------------------------------------ helpers

def replies(pg) -> int:
    return pg.locator("#pq-chat .pq-answer, #pq-chat .pq-notice").count()


def wait_replies(pg, n: int) -> None:
    pg.wait_for_function(
        f"document.querySelectorAll('#pq-chat .pq-answer, #pq-chat .pq-notice').length >= {n}",
        timeout=ANSWER_TIMEOUT_MS)


def ask(pg, text: str):
    """Type a question, press Enter, return the locator of the new reply."""
    before = replies(pg)
    pg.fill("#pq-input textarea", text)
    pg.press("#pq-input textarea", "Enter")
    wait_replies(pg, before + 1)
    return pg.locator("#pq-chat .pq-answer, #pq-chat .pq-notice").nth(before)


def click_and_wait(pg, locator):
    before = replies(pg)
    locator.click()
    wait_replies(pg, before + 1)
    return pg.locator("#pq-chat .pq-answer, #pq-chat .pq-notice").nth(before)


# ------------------------------------------------------------------ the session
# One browser session, in order, like a user would use it.

def test_fact_question_shows_lead_and_cited_excerpt(page):
    reply = ask(page, "2015年战略性新兴产业总产值是多少？")
    lead = reply.locator(".pq-lead").inner_text()
    assert "5671.5" in lead
    cites = reply.locator(".pq-cite").all_inner_texts()
    assert cites and all(re.search(r"第\d+(–\d+)?页〕$", c) for c in cites)
    assert cites[0] == "〔一、（一）发展基础 · 第3页〕"
    first = reply.locator("details.pq-excerpt").first
    assert first.get_attribute("open") is not None
    assert first.locator("mark").count() > 0
    # collapsed excerpts open on click
    if reply.locator("details.pq-excerpt").count() > 1:
        second = reply.locator("details.pq-excerpt").nth(1)
        assert second.get_attribute("open") is None
        second.locator("summary").click()
        assert second.get_attribute("open") is not None


def test_copy_citation_puts_excerpt_title_section_and_page_on_the_clipboard(page):
    reply = page.locator("#pq-chat .pq-answer").last
    reply.locator(".pq-copy").first.click()
    page.wait_for_function("document.querySelector('#pq-chat .pq-copy.pq-copied') !== null", timeout=5000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "5671.5" in copied
    assert f"《{PLAN_TITLE}》〔一、（一）发展基础 · 第3页〕" in copied


def set_excerpts(page, k: int) -> None:
    """Settings › excerpts per answer, moved with the keyboard as a user would."""
    toggle = page.locator("#pq-settings button.label-wrap").first
    slider = page.locator("#pq-k input[type=range]")
    number = page.locator("#pq-k input[type=number]")
    opened = not slider.is_visible()
    if opened:
        toggle.click()
        slider.wait_for(state="visible")
    page.wait_for_timeout(300)                   # let the freshly shown slider finish mounting
    slider.focus()
    slider.press("Home")                         # to the minimum (1) ...
    for _ in range(k - 1):
        slider.press("ArrowRight")               # ... then one step at a time
    # the number box mirrors the component's state
    page.wait_for_function(
        "k => document.querySelector('#pq-k input[type=number]').value === String(k)", arg=k)
    page.wait_for_timeout(300)
    assert number.input_value() == str(k)
    if opened:
        toggle.click()


def test_follow_up_shows_the_resolved_query(page, tmp_path):
    set_excerpts(page, 3)
    ask(page, "成都的生物产业发展重点是什么？")
    reply = ask(page, "那新能源汽车呢？")
    assert reply.locator("details.pq-excerpt").count() == 3
    resolved = reply.locator(".pq-resolved").inner_text()
    assert resolved.startswith("理解为")
    assert "成都" in resolved and "新能源汽车" in resolved
    assert "新能源汽车" in reply.locator(".pq-lead").inner_text()
    # the picture in the README: the follow-up and its cited answer
    page.wait_for_timeout(800)                                # let the chat's autoscroll settle
    # PLANQA_UPDATE_SCREENSHOT=1 refreshes the README's picture; otherwise the
    # shot goes to the test's temp folder and the working tree stays clean
    refresh = os.environ.get("PLANQA_UPDATE_SCREENSHOT") and _has_cjk_font()
    target = SCREENSHOT if refresh else tmp_path / "screenshot.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target))
    assert target.stat().st_size > 20_000


def test_another_user_does_not_share_the_conversation(page, server):
    """A second browser session asking the same follow-up has no 成都 to carry forward."""
    other = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pg = other.new_page()
        pg.goto(server)
        pg.wait_for_selector("#pq-input textarea", timeout=ANSWER_TIMEOUT_MS)
        reply = ask(pg, "那新能源汽车呢？")
        resolved = " ".join(reply.locator(".pq-resolved").all_inner_texts())
        assert "成都" not in resolved
    finally:
        other.close()
    # and the first user's dialogue state is untouched
    reply = ask(page, "那生物医药呢？")
    assert "成都" in reply.locator(".pq-resolved").inner_text()


def test_out_of_scope_question_abstains_with_suggestions(page):
    reply = ask(page, "个人所得税起征点是多少？")
    box = reply.locator(".pq-abstain")
    assert box.count() == 1
    assert "规划中未找到" in box.inner_text()
    assert reply.locator(".pq-lead").count() == 0


def test_a_suggestion_is_asked_when_clicked(page):
    reply = ask(page, "个人所得税起征点是多少？")          # declined, with sections to try instead
    buttons = reply.locator("button.pq-ask")
    assert buttons.count() > 0
    suggestion = buttons.first.inner_text()
    click_and_wait(page, buttons.first)
    assert page.locator("#pq-chat .pq-user").last.inner_text() == suggestion


def test_accessible_labels_are_plain_text(page):
    assert page.locator("#pq-chat .pq-answer").count() > 0
    page.wait_for_timeout(300)
    assert raw_html_labels(page) == []
    labels = page.evaluate("[...document.querySelectorAll('#pq-chat [aria-label]')].map(e => e.getAttribute('aria-label'))")
    words = page.locator("#pq-chat .pq-answer").last.inner_text().split()[0][:12]
    assert words and any(words in label for label in labels), (words, labels[-3:])   # its words, not its tags


def test_outline_click_lists_a_part_and_shows_a_section(page):
    rows = page.locator("#pq-outline td")
    labels = rows.all_inner_texts()
    assert any(t.startswith("十一、保障措施") for t in labels)
    assert any("专栏" in t for t in labels) and any(t.startswith("名词解释") for t in labels)
    part = next(i for i, t in enumerate(labels) if t.startswith("七、"))
    reply = click_and_wait(page, rows.nth(part))
    assert page.locator("#pq-chat .pq-user").last.inner_text() == "第七部分讲了什么？"
    items = reply.locator(".pq-outline li").all_inner_texts()
    assert any("加快发展新能源汽车产业" in t for t in items)
    sub = next(i for i, t in enumerate(labels) if "（一）做大做强集成电路和新型显示产业" in t)
    reply = click_and_wait(page, rows.nth(sub))
    assert "三、（一）做大做强集成电路和新型显示产业" in reply.locator(".pq-lead").inner_text()
    assert any("三、（一）集成电路产业" in c for c in reply.locator(".pq-cite").all_inner_texts())


def test_hostile_input_is_shown_as_text_and_the_page_keeps_working(page):
    hostile = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
               '[link](javascript:window.__pwned=3) **粗体**')
    reply = ask(page, hostile)
    assert page.locator("#pq-chat .pq-user").last.inner_text() == hostile
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#pq-chat img[src='x'], #pq-chat script").count() == 0
    assert reply.count() == 1

    long_q = "新能源汽车充电桩" * 12_500                      # 100,000 characters
    reply = ask(page, long_q)
    assert "共100000字" in page.locator("#pq-chat .pq-user").last.inner_text()
    assert reply.locator(".pq-note").count() >= 1              # the assistant says it cut the question

    before = replies(page)
    page.fill("#pq-input textarea", "")
    page.click("#pq-send")
    wait_replies(page, before + 1)
    assert "请输入问题" in page.locator("#pq-chat .pq-notice").last.inner_text()
    # the notice is a message of its own, not glued to the previous answer
    bubble = page.locator("#pq-chat .message:has(.pq-notice)").last
    assert bubble.locator(".pq-answer").count() == 0

    reply = ask(page, "什么是静脉产业？")
    assert "垃圾回收和再资源化利用" in reply.inner_text()
    assert page.dialogs == []


def test_upload_bad_file_says_why_and_good_file_is_searchable(page, tmp_path):
    set_excerpts(page, 5)
    page.locator("#pq-settings button.label-wrap").first.click()
    file_input = page.locator("#pq-upload input[type=file]")
    file_input.wait_for(state="attached", timeout=10_000)

    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"this is not a zip archive at all")
    file_input.set_input_files(str(bad))
    page.wait_for_function("document.querySelector('#pq-status') && "
                           "document.querySelector('#pq-status').innerText.includes('无法载入')",
                           timeout=ANSWER_TIMEOUT_MS)
    assert "broken.docx" in page.locator("#pq-status").inner_text()

    good = tmp_path / "town-plan.txt"
    good.write_text(TOWN_PLAN, encoding="utf-8")
    file_input = page.locator("#pq-upload input[type=file]")
    file_input.set_input_files(str(good))
    page.wait_for_function("document.querySelector('#pq-status') && "
                           "document.querySelector('#pq-status').innerText.includes('已载入')",
                           timeout=ANSWER_TIMEOUT_MS)
    labels = page.locator("#pq-settings label").all_inner_texts()
    assert any("某县数字乡村发展规划" in t for t in labels)
    reply = ask(page, "农产品电商服务中心建几个？")
    assert "农产品电商服务中心" in reply.locator(".pq-lead").inner_text()
    assert re.search(r"第\d+页", " ".join(reply.locator(".pq-cite").all_inner_texts()))


def test_reset_clears_the_conversation(page):
    page.click("#pq-reset")
    page.wait_for_function("document.querySelectorAll('#pq-chat .pq-answer').length === 0", timeout=10_000)
    reply = ask(page, "2015年战略性新兴产业总产值是多少？")
    assert "5671.5" in reply.locator(".pq-lead").inner_text()


def test_two_plans_name_their_plan_and_uploads_go_with_the_tab(page, served, tmp_path):
    """A fresh tab uploads a plan: citations then name their plan; closing the tab
    removes the plan, its index and the web server's copy from the disk."""
    url, server_tmp = served
    before = set(users_files(server_tmp))                # the first tab's upload is still open
    ctx = page.context.browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    pg.goto(url)
    pg.wait_for_selector("#pq-input textarea", timeout=ANSWER_TIMEOUT_MS)
    pg.locator("#pq-settings button.label-wrap").first.click()
    good = tmp_path / "county-plan.txt"
    good.write_text(TOWN_PLAN.replace("某县", "青山县"), encoding="utf-8")
    pg.locator("#pq-upload input[type=file]").set_input_files(str(good))
    pg.wait_for_function("document.querySelector('#pq-status') && "
                         "document.querySelector('#pq-status').innerText.includes('已载入')",
                         timeout=ANSWER_TIMEOUT_MS)
    mine = set(users_files(server_tmp)) - before
    assert mine                                          # the plan and its index are on disk now
    reply = ask(pg, "智慧农业示范基地建几个？")
    cites = reply.locator(".pq-cite").all_inner_texts()
    assert cites and all(c.startswith("〔《") for c in cites)
    assert any(c.startswith("〔《青山县数字乡村发展规划》") for c in cites)
    assert any(c.startswith(f"〔《{PLAN_TITLE}》") for c in cites)
    outline = ask(pg, "青山县规划有哪几部分？")
    items = outline.locator(".pq-outline li").all_inner_texts()
    assert [t.split()[0] for t in items[:2]] == ["一、发展目标", "二、重点任务"]
    assert raw_html_labels(pg) == []
    ctx.close()
    deadline = time.monotonic() + 90
    while mine & set(users_files(server_tmp)) and time.monotonic() < deadline:
        time.sleep(1)
    assert mine & set(users_files(server_tmp)) == set()
    assert before <= set(users_files(server_tmp))        # the open tab keeps its plan


def test_a_phone_shows_the_question_box_without_scrolling(page, server):
    ctx = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                              has_touch=True, device_scale_factor=3)
    pg = ctx.new_page()
    pg.goto(server)
    pg.wait_for_selector("#pq-input textarea", timeout=ANSWER_TIMEOUT_MS)
    pg.wait_for_timeout(500)
    assert pg.evaluate("window.scrollY") == 0
    box = pg.locator("#pq-input textarea").bounding_box()
    send = pg.locator("#pq-send").bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    assert send and send["y"] + send["height"] <= 844, send
    chat = pg.locator("#pq-chat").bounding_box()
    outline = pg.locator("#pq-outline-acc").bounding_box()
    assert chat["y"] < outline["y"]                      # the conversation first, the outline below
    reply = ask(pg, "什么是静脉产业？")
    assert "垃圾回收" in reply.inner_text()
    box = pg.locator("#pq-input textarea").bounding_box()
    assert box["y"] + box["height"] <= 844 + pg.evaluate("window.scrollY")
    ctx.close()
