"""Compare on the shipped plan and the sample county plan: per plan the same
answer and abstention as ask (plus a decline when the plan never uses the
question's key term), exports with full citations."""
from __future__ import annotations

import io

import pytest

from assistant.compare import NOT_ADDRESSED
from assistant.core import PlanAssistant
from assistant.errors import PlanQAError
from corpus import load_document, load_shipped
from tests.sample_plans import TOWN_PLAN


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    d = tmp_path_factory.mktemp("cmp")
    (d / "town.txt").write_text(TOWN_PLAN, encoding="utf-8")
    docs = [*load_shipped(), load_document(d / "town.txt")]
    return PlanAssistant(documents=docs, encoder="none", index_dir=d / "idx")


def test_each_plan_answers_as_ask_does(pa):
    q = "2015年战略性新兴产业总产值是多少？"
    cmp = pa.compare(q)
    assert [r.doc_id for r in cmp.results] == ["sc-sei-13", "town"]
    sc, town = cmp.results
    assert sc.addressed and "5671.5" in sc.answer.lead
    assert not town.addressed and town.answer.excerpts == []
    for r in cmp.results:
        alone = pa.ask(q, k=3, plans=[r.doc_id])
        assert alone.abstained == r.answer.abstained
        assert [h.clause_id for h in alone.excerpts] == [h.clause_id for h in r.answer.excerpts]
        assert all(h.doc_id == r.doc_id for h in r.answer.excerpts)


def test_a_plan_that_never_uses_the_topic_term_is_declined_with_the_term_named(pa):
    cmp = pa.compare("数据安全方面有哪些要求？")
    sc, town = cmp.results
    assert sc.addressed and sc.reason == ""                      # the Sichuan plan speaks of 数据安全
    assert any("数据安全" in h.text for h in sc.answer.excerpts)
    # the county plan has 数据 (农业大数据平台) but never 数据安全: ask alone still answers it
    assert not pa.ask("数据安全方面有哪些要求？", plans=["town"]).abstained
    assert not town.addressed and town.answer.excerpts == [] and town.reason == "本规划未使用：数据安全"
    assert "本规划未使用：数据安全" in cmp.to_markdown() and "本规划未使用：数据安全" in cmp.to_text()
    assert cmp.to_dict()["plans"][1]["reason"] == "本规划未使用：数据安全"
    assert all("海绵" in r.reason for r in pa.compare("海绵城市建设有什么安排？").results)


def test_unused_terms_count_a_compound_whose_parts_stand_close_together(pa):
    # 农业 and 平台 stand apart in "农业大数据平台" (3 characters between): used
    assert pa.unused_terms("农业平台怎么建？", plans=["town"]) == []
    assert pa.unused_terms("海绵城市建设有什么安排？", plans=["town"], min_info=9.8) == ["海绵"]
    assert pa.unused_terms("海绵城市建设有什么安排？", plans=["town"], min_info=13.5) == []
    assert pa.unused_terms("", plans=["town"]) == []


def test_a_topic_only_the_county_plan_covers(pa):
    cmp = pa.compare("行政村5G覆盖率达到多少？", plans=["town"])
    (town,) = cmp.results
    assert town.addressed and "百分之九十" in town.answer.excerpts[0].text
    assert town.citations()[0] == "〔《某县数字乡村发展规划》一、（一）总体目标 · 第1页〕"


def test_filters_and_bad_input(pa):
    assert [r.doc_id for r in pa.compare("智慧农业", level="县").results] == ["town"]
    assert [r.doc_id for r in pa.compare("智慧农业", region="四川", period="十三五").results] == ["sc-sei-13"]
    with pytest.raises(PlanQAError, match="unknown filter"):
        pa.compare("智慧农业", province="四川")
    with pytest.raises(PlanQAError, match="empty"):
        pa.compare("  ")
    with pytest.raises(PlanQAError, match="no plan matches"):
        pa.compare("智慧农业", level="国家")


def test_markdown_and_docx_exports_carry_full_citations(pa, tmp_path):
    cmp = pa.compare("2015年战略性新兴产业总产值是多少？", k=2)
    md = cmp.to_markdown()
    assert md.startswith("# 规划对比：2015年战略性新兴产业总产值是多少？")
    assert "〔《四川战略性新兴产业“十三五”规划》一、（一）发展基础 · 第3页〕" in md
    assert "5671.5" in md and NOT_ADDRESSED in md
    assert "| 2 | 《某县数字乡村发展规划》 | 县 | 某县 |  | 未涉及 |" in md
    import docx
    data = cmp.to_docx(tmp_path / "out" / "c.docx")
    assert (tmp_path / "out" / "c.docx").read_bytes() == data
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "—— 〔《四川战略性新兴产业“十三五”规划》一、（一）发展基础 · 第3页〕" in text
    assert NOT_ADDRESSED in text and "5671.5" in text
    d = cmp.to_dict()
    assert d["addressed"] == ["sc-sei-13"]
    assert d["plans"][0]["answer"]["excerpts"][0]["plan_citation"].startswith("〔《四川战略性新兴产业")


def test_plan_text_cannot_inject_markdown(pa):
    from assistant.compare import _md
    assert _md("a|b *c* <x>") == "a\\|b \\*c\\* \\<x\\>"


@pytest.mark.parametrize("name, n_questions, n_addressed, n_not", [("compare.jsonl", 20, 30, 100),
                                                                    ("compare-test.jsonl", 14, 30, 90)])
def test_the_comparison_question_sets_are_well_formed_and_their_phrases_are_in_the_plans(
        name, n_questions, n_addressed, n_not):
    import re
    import unicodedata
    from pathlib import Path

    from eval.compare import load
    root = Path(__file__).resolve().parents[1]
    questions = load(root / "eval" / "questions" / name)
    assert len(questions) >= n_questions
    pairs = [(q, d, ph) for q in questions for d, ph in q.plans.items()]
    assert sum(1 for _, _, ph in pairs if ph) >= n_addressed and sum(1 for _, _, ph in pairs if not ph) >= n_not
    plans = root / "eval" / "plans"
    if not plans.is_dir():
        pytest.skip("eval/plans is not in this checkout")
    squash = lambda t: re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))      # noqa: E731
    texts = {p.stem: squash(p.read_text(encoding="utf-8")) for p in plans.glob("*.txt")}
    for q, d, phrases in pairs:
        assert d in texts, (q.id, d)
        for ph in phrases:
            assert squash(ph) in texts[d], (q.id, d, ph)


def test_structure_questions_list_each_plans_headings(pa, tmp_path):
    cmp = pa.compare("规划有哪些章节？")
    assert all(r.addressed and r.answer.kind == "structure" for r in cmp.results)
    md = cmp.to_markdown()
    assert "- 一、发展目标" in md and "- 二、重点任务" in md                  # the county plan's two chapters
    assert "规划背景" in md                                                  # the Sichuan plan's first chapter
    import docx
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(cmp.to_docx())).paragraphs)
    assert "一、发展目标" in text
    from ui.compare import render_comparison
    html = render_comparison(cmp)
    assert html.count('class="pq-outline"') == 2 and "二、重点任务" in html


def test_whether_a_plan_uses_a_topic_does_not_depend_on_the_other_plans_of_the_library(tmp_path):
    # plan a's heading makes 社会信用体系 one word of the library's vocabulary; plan b speaks of 信用
    # (its informative word) without that compound, plan c not at all
    texts = {"a": "某市规划\n一、社会信用体系\n加快社会信用体系建设。\n二、完善营商环境\n优化政务服务。\n",
             "b": "某县规划\n一、加强监管\n完善信用修复机制，推动以信用为基础的监管。\n二、发展产业\n发展特色农业。\n",
             "c": "某区规划\n一、城市建设\n推进老旧小区改造。\n二、生态保护\n加强河湖治理。\n"}
    docs = []
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        docs.append(load_document(tmp_path / f"{name}.txt"))
    pa = PlanAssistant(documents=docs, encoder="none", index_dir=tmp_path / "idx")
    q = "社会信用体系建设怎么推进？"
    assert pa.unused_terms(q, plans=["b"], min_info=9.8) == []
    assert pa.unused_terms(q, plans=["c"], min_info=9.8) != []
    # a compound whose general-language words are all common stays a term of its own (数据安全)
    assert pa.unused_terms("数据安全怎么保障？", plans=["b"], min_info=9.8) == ["数据安全"]
