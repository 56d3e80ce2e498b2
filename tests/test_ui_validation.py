"""One validation for the library, the CLI, the HTTP API and the chat page
(assistant.validate), and citations that name their plan when several are loaded."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import PlanAssistant, PlanQAError, validate
from assistant.answer import citation, display_title, short_title
from tests.sample_plans import TOWN_PLAN

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pa():
    return PlanAssistant(encoder="none")


@pytest.mark.parametrize("k", [0, -1, 11, 10_000, "5", True, 2.5, None])
def test_k_outside_one_to_max_is_refused_by_the_library(pa, k):
    with pytest.raises(PlanQAError, match=f"1 到 {validate.MAX_K}"):
        pa.ask("成都生物产业", k=k)


def test_k_at_the_maximum_and_a_sliders_float_are_accepted(pa):
    assert len(pa.ask("新能源汽车产业发展重点是什么？", k=validate.MAX_K).excerpts) <= validate.MAX_K
    assert len(pa.ask("新能源汽车产业发展重点是什么？", k=2.0).excerpts) <= 2


@pytest.mark.parametrize("question", [12345, ["成都"], {"q": "成都"}, b"\xe6\x88\x90"])
def test_non_string_questions_are_refused(pa, question):
    with pytest.raises(PlanQAError, match="必须是文字"):
        pa.ask(question)


def test_history_given_as_one_string_is_one_turn(pa):
    a = pa.ask("那德阳呢？", history="成都在新能源产业上重点发展什么？")
    b = pa.ask("那德阳呢？", history=["成都在新能源产业上重点发展什么？"])
    assert a.resolved_query == b.resolved_query and "德阳" in a.resolved_query
    assert a.resolved_query != pa.ask("那德阳呢？").resolved_query
    with pytest.raises(PlanQAError, match="history"):
        pa.ask("那德阳呢？", history=42)


def test_control_characters_go_before_anything_reads_the_question(pa):
    plain = pa.ask("什么是静脉产业？")
    coloured = pa.ask("什么是\x1b[31m静脉产业\x1b[0m？")
    assert coloured.question == plain.question
    assert [h.clause_id for h in coloured.excerpts] == [h.clause_id for h in plain.excerpts]
    assert validate.strip_controls("成都\x00\x07生物\u202e产业\r\n重点") == "成都生物产业 重点"


def test_notes_say_each_thing_once(pa):
    ans = pa.ask("电动车充电桩怎么建？" * 10_000)
    assert len(ans.notes) == len(set(ans.notes))
    for note in ans.notes:
        tail = note.partition("：")[2]
        items = tail.split("；") if "；" in tail else []
        assert len(items) == len(set(items)), note
    assert validate.unique_notes(["a：x；y；x", "b", "a：x；y；x", "b"]) == ["a：x；y", "b"]


def test_a_user_error_is_logged_as_one_line(caplog):
    with caplog.at_level(logging.INFO, logger="planqa.test"):
        try:
            validate.k(0)
        except PlanQAError as err:
            validate.log_user_error(logging.getLogger("planqa.test"), "ask", err)
    (record,) = caplog.records
    assert record.exc_info is None and "\n" not in record.getMessage()
    assert record.getMessage().startswith("ask: PlanQAError: k 必须是")


@pytest.mark.parametrize("args,needle", [(["--k", "11"], "1 到 10"), (["--k", "0"], "1 到 10")])
def test_the_cli_refuses_the_same_k_in_one_line(args, needle):
    r = subprocess.run([sys.executable, "-m", "assistant", "ask", "成都生物产业", *args], cwd=REPO,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and needle in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


# ------------------------------------------------------------------ titles and citations

def test_titles_read_as_words():
    assert display_title("名 词 解 释") == "名词解释"
    assert display_title("  工业 4.0  ") == "工业 4.0"                    # Latin words keep their space
    assert short_title("《四川省“十三五”战略性新兴产业发展规划》") == "四川省“十三五”战略性新兴产业发展规划"
    long = "成都市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert len(short_title(long)) <= 22 and short_title(long).startswith("成都市") and "…" in short_title(long)
    assert short_title("某市数字经济发展规划（2021—2025年）", max_chars=10) == "某市数字经济发展规划"


def test_with_two_plans_every_citation_names_its_plan(tmp_path, pa):
    town = tmp_path / "town.txt"
    town.write_text(TOWN_PLAN, encoding="utf-8")
    shipped = [d.source for d in pa.documents]
    both = PlanAssistant.from_paths([*shipped, town], index_dir=tmp_path / "idx", encoder="none")
    ans = both.ask("智慧农业示范基地建几个？", k=5)
    assert ans.excerpts
    data = ans.to_dict()
    titles = {"sc-sei-13": "四川省“十三五”战略性新兴产业发展规划", "town": "某县数字乡村发展规划"}
    for hit, ex in zip(ans.excerpts, data["excerpts"]):
        assert ex["citation"].startswith(f"〔《{titles[hit.doc_id]}》")
        assert ex["plan_title"] == titles[hit.doc_id]
        assert ans.citation(hit) == ex["citation"]
    from assistant.render import answer_text
    assert "〔《某县数字乡村发展规划》" in answer_text(ans)
    # one plan: the citation stays as it was
    one = pa.ask("2015年战略性新兴产业总产值是多少？")
    assert one.to_dict()["excerpts"][0]["citation"] == "〔一、（一）发展基础 · 第3页〕"
    assert citation(one.excerpts[0], "某县数字乡村发展规划").startswith("〔《某县数字乡村发展规划》一、（一）")


def test_a_structure_answer_lists_the_outline_and_honours_k(pa):
    ans = pa.ask("规划有哪几章？", k=3)
    assert ans.kind == "structure" and len(ans.outline) >= 10
    assert len(ans.excerpts) <= 3
    glossary = pa.ask("名词解释有哪些？", k=2)
    assert len(glossary.excerpts) == 2 and any(glossary.lead in h.text for h in glossary.excerpts)
