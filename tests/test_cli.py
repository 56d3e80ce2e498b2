"""The planqa command line, run as a user runs it (python -m assistant …)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args, stdin: str | None = None, home: Path | None = None, timeout: int = 120):
    env = dict(os.environ)
    env["PLANQA_ENCODER"] = "none"
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PLANQA_DEBUG", None)
    if home is not None:
        env["PLANQA_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "assistant", *map(str, args)], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=REPO, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli") / "idx"
    r = run("build", "--index", folder, "--encoder", "none")
    assert r.returncode == 0, r.stderr
    assert "clauses: 293" in r.stdout and "encoder: none" in r.stdout
    return folder


def one_line_error(r, code=None):
    assert r.returncode != 0
    if code is not None:
        assert r.returncode == code
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


def test_ask_json(index_dir):
    r = run("ask", "2015年战略性新兴产业总产值是多少？", "--json", "--index", index_dir)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert "5671.5亿元" in "".join(d["lead"].split())
    assert d["excerpts"][0]["citation"] == "〔一、（一）发展基础 · 第3页〕"
    assert d["kind"] == "answer" and d["abstained"] is False


def test_ask_text_with_citations_and_followup(index_dir):
    r = run("ask", "那新能源汽车呢？", "--history", "成都重点发展哪些生物产业？", "--k", "2", "--index", index_dir)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("理解为：成都重点发展哪些新能源汽车产业")
    assert "〔七、（三）2. 核心发展区 · 第39页〕" in r.stdout
    assert "[3]" not in r.stdout


def test_ask_abstains_plainly(index_dir):
    r = run("ask", "个人所得税起征点是多少？", "--index", index_dir)
    assert r.returncode == 0
    assert "规划中没有找到" in r.stdout


def test_ask_a_greeting_answers_what_the_assistant_does(index_dir):
    r = run("ask", "你好", "--index", index_dir)
    assert r.returncode == 0
    assert "规划中没有找到" not in r.stdout and "可以这样问：这份文件分为哪几个部分？" in r.stdout


def test_empty_question_exits_nonzero_with_one_line():
    line = one_line_error(run("ask", "  "), code=1)
    assert "empty" in line


def test_missing_plan_file_names_it(tmp_path):
    line = one_line_error(run("ask", "问题", "--plan", tmp_path / "missing.pdf", "--index", tmp_path / "i"))
    assert "missing.pdf" in line


def test_usage_errors_are_one_line():
    one_line_error(run("ask", "问题", "--mode", "magic"), code=2)
    one_line_error(run("frobnicate"), code=2)
    one_line_error(run("ask", "问题", "--k", "0"), code=2)


def test_index_path_that_is_a_file(tmp_path):
    f = tmp_path / "not-a-dir"
    f.write_text("x", encoding="utf-8")
    one_line_error(run("ask", "成都生物产业", "--index", f))


def test_outline_and_chunks(tmp_path):
    r = run("outline")
    assert r.returncode == 0, r.stderr
    assert "七、推进新能源及新能源汽车产业加快发展" in r.stdout and "第32–40页" in r.stdout
    plan = tmp_path / "p.txt"
    plan.write_text("一、发展目标\n到2025年，增加值达到800亿元。\n二、重点任务\n建设芯片设计园区。\n", encoding="utf-8")
    r = run("chunks", plan, "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert any("800亿元" in row["text"] for row in rows)
    one_line_error(run("chunks", tmp_path / "nope.docx", "--json"))


def test_chat_session(index_dir):
    script = "成都在新能源产业上重点发展什么？\n那德阳呢？\n/outline\n/reset\n\n/quit\n"
    r = run("chat", "--index", index_dir, stdin=script)
    assert r.returncode == 0, r.stderr
    assert "理解为：德阳" in r.stdout
    assert "德阳依托高新技术开发区和经济技术开发区" in r.stdout
    assert "十一、保障措施" in r.stdout and "已重新开始" in r.stdout
