"""PlanAssistant on the real shipped plan (BM25 only: fast; hybrid tests are slow).

Cases are written from the plan text; every lead and excerpt must be verbatim
plan text, and answers must be deterministic.
"""
from __future__ import annotations

import json

import pytest

import corpus
from assistant import Answer, Hit, PlanAssistant, PlanQAError, compose
from assistant.text import compact


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    return PlanAssistant(encoder="none", index_dir=tmp_path_factory.mktemp("idx") / "bm25")


@pytest.fixture(scope="module")
def doc(pa):
    return pa.documents[0]


def assert_verbatim(ans: Answer, doc):
    assert ans.lead == "" or ans.lead in doc.text, ans.lead
    for h in ans.excerpts:
        assert isinstance(h, Hit)
        assert h.text and h.text in doc.text, h.text
        clause = next((c for c in doc.clauses if c.clause_id == h.clause_id), None)
        if clause is not None and h.kind != "heading":
            assert h.text in clause.text or clause.text in h.text
    if ans.lead and ans.excerpts:
        assert any(ans.lead in h.text for h in ans.excerpts)


# --- facts ---------------------------------------------------------------------------------

def test_total_output_2015(pa, doc):
    ans = pa.ask("2015年战略性新兴产业总产值是多少？")
    assert ans.kind == "answer" and not ans.abstained
    assert "5671.5亿元" in compact(ans.lead)
    top = ans.excerpts[0]
    assert top.clause_id.startswith("sc-sei-13:一.（一）") and top.pages == (3, 3)
    assert top.section_path == ("规划背景", "发展基础")
    assert "总产值" in top.matched_terms
    assert_verbatim(ans, doc)


@pytest.mark.parametrize("question, phrase", [
    ("到2020年战略性新兴产业增加值占地区生产总值比重要达到多少？", "比重力争达到15%"),
    ("发明专利申请年均增幅要达到多少？", "年均增幅12％以上"),
    ("骨干企业研发投入占销售收入的比重目标是多少？", "比重达到3%以上"),
    ("2015年战略性新兴产业占全省规模以上工业总产值的比重是多少？", "13.9%"),
    ("新能源汽车推广应用以哪两个国家推广应用城市为先导？", "以成都、泸州两个国家推广应用城市为先导"),
])
def test_figures_and_facts_in_lead(pa, doc, question, phrase):
    ans = pa.ask(question)
    assert not ans.abstained
    assert compact(phrase) in compact(ans.lead), ans.lead
    assert_verbatim(ans, doc)


# --- regions -------------------------------------------------------------------------------

@pytest.mark.parametrize("question, phrase, section", [
    ("绵阳在新一代信息技术产业方面重点发展什么？", "绵阳依托科技城", "优化产业空间布局"),
    ("德阳在新能源产业中发展什么？", "德阳依托高新技术开发区和经济技术开发区", "新能源产业布局"),
    ("泸州的新能源汽车产业重点发展什么？", "泸州全力推动西部新能源汽车产业园规划建设", "新能源汽车产业布局"),
    ("攀枝花在新能源方面有什么定位？", "攀枝花依靠创新开发园区", "新能源产业布局"),
])
def test_region_questions_lead_with_that_city(pa, doc, question, phrase, section):
    ans = pa.ask(question)
    assert not ans.abstained
    assert compact(phrase) in compact(ans.excerpts[0].text)
    assert compact(phrase) in compact(ans.lead)
    assert section in ans.excerpts[0].section_path
    assert_verbatim(ans, doc)


# --- glossary ----------------------------------------------------------------------------------

@pytest.mark.parametrize("term, start", [
    ("静脉产业", "14. 静脉产业：是垃圾回收和再资源化利用的产业"),
    ("石墨烯", "6. 石墨烯：指由碳原子构成的只有一层原子厚度的二维晶体"),
    ("增材制造", "4. 增材制造：指以数字模型为基础"),
])
def test_glossary_definition_is_the_lead(pa, doc, term, start):
    ans = pa.ask(f"什么是{term}？")
    assert ans.lead.startswith(start.split("：")[0])
    assert compact(start) in compact(ans.lead)
    assert ans.excerpts[0].kind == "glossary" and ans.excerpts[0].section_path == ("名词解释", term)
    assert ans.excerpts[0].pages[0] >= 62
    assert_verbatim(ans, doc)


# --- structure ---------------------------------------------------------------------------------

def test_part_seven_lists_its_sections(pa, doc):
    ans = pa.ask("第七部分讲了什么？")
    assert ans.kind == "structure" and not ans.abstained
    assert ans.lead == "七、推进新能源及新能源汽车产业加快发展"
    titles = [e.title for e in ans.outline]
    assert titles[:3] == ["推进新能源及新能源汽车产业加快发展", "大力发展新能源产业", "新能源产业重点工程"]
    assert ans.outline[0].level == 1 and all(e.level == 2 for e in ans.outline[1:])
    assert "新能源汽车产业重点工程" in titles and "优化产业空间布局" in titles
    assert all(e.pages[0] >= 32 for e in ans.outline)
    assert ans.excerpts[0].text == ans.lead
    assert_verbatim(ans, doc)


def test_box_ten_lists_its_projects(pa, doc):
    ans = pa.ask("专栏10有哪些工程？")
    assert ans.kind == "structure"
    assert [e.title for e in ans.outline] == ["新能源汽车产业重点工程", "新能源汽车研发创新工程", "新能源汽车推广应用工程"]
    assert ans.excerpts[0].text.startswith("新能源汽车研发创新工程")
    assert compact(ans.lead) == "专栏10新能源汽车产业重点工程"
    assert_verbatim(ans, doc)


def test_whole_plan_outline(pa, doc):
    ans = pa.ask("规划有哪些章节？")
    assert ans.kind == "structure"
    titles = [e.title for e in ans.outline]
    assert titles[0] == "规划背景" and titles[10] == "保障措施" and titles[-1] == "名词解释"
    assert len(titles) == 12
    assert_verbatim(ans, doc)


@pytest.mark.parametrize("question, note", [
    ("这个规划分为几个部分？", "共11个部分，另附名词解释"),     # 一、…十一、, then the glossary beside them
    ("第三部分有几项？", "共9项，另有专栏2个"),                # （一）…（九）, and 专栏1, 专栏2 among them
    ("规划里一共有多少个专栏？", "共16个专栏"),
])
def test_how_many_parts_is_answered_with_the_count_of_what_is_listed(pa, question, note):
    ans = pa.ask(question)
    assert ans.kind == "structure" and ans.notes and ans.notes[0].startswith(note + " ("), ans.notes


@pytest.mark.parametrize("question", ["这个规划分为哪几个部分？", "第三部分讲了什么？", "第十部分有几个专栏？"])
def test_no_count_is_claimed_where_the_question_asks_which_or_the_list_is_not_of_that_unit(pa, question):
    # 第十部分's six 行动 are listed, but none of them is a 专栏: no "共6个专栏"
    ans = pa.ask(question)
    assert ans.kind == "structure" and not any(n.startswith("共") for n in ans.notes), ans.notes


@pytest.mark.parametrize("question", ["这个规划分几大块？", "规划由哪几块组成？", "这份规划的正文分为哪几大部分？"])
def test_colloquial_parts_question_gets_the_outline(pa, question):
    ans = pa.ask(question)
    assert ans.kind == "structure"
    assert [e.title for e in ans.outline][0] == "规划背景" and len(ans.outline) == 12


def test_glossary_listing(pa, doc):
    ans = pa.ask("名词解释有哪些？")
    assert ans.kind == "structure" and len(ans.outline) == 21
    assert ans.outline[0].title == "名词解释" and ans.outline[14].title == "静脉产业"
    assert_verbatim(ans, doc)


def test_listing_a_named_section(pa, doc):
    ans = pa.ask("规划提出了哪些基本原则？")
    assert ans.kind == "structure"
    assert [e.title for e in ans.outline][:3] == ["基本原则", "坚持创新驱动", "坚持市场引领"]
    assert_verbatim(ans, doc)


def test_a_question_inside_a_named_section_is_not_a_listing(pa, doc):
    """'哪些' that asks about something inside the section (which partners, which
    measures) gets content excerpts, not the section's headings."""
    ans = pa.ask("保障措施中，人才激励方面有哪些做法？")
    assert ans.kind == "answer" and not ans.abstained
    assert ans.excerpts[0].section_path[0] == "保障措施"
    assert_verbatim(ans, doc)


# --- follow-ups ----------------------------------------------------------------------------------

def test_followup_swaps_industry_keeps_city(pa, doc):
    ans = pa.ask("那新能源汽车呢？", history=["成都重点发展哪些生物产业？"])
    # the plan lists 生物 and 新能源汽车 in one run joined by 、: the previous question, that industry swapped
    assert ans.resolved_query == "成都重点发展哪些新能源汽车产业"
    assert "成都着力打造完整的新能源汽车产业链" in compact(ans.lead)
    assert_verbatim(ans, doc)


def test_followup_swaps_city_keeps_industry(pa, doc):
    ans = pa.ask("那德阳呢？", history=["成都在新能源产业上重点发展什么？"])
    assert "德阳" in ans.resolved_query and "新能源" in ans.resolved_query
    assert "德阳依托高新技术开发区" in compact(ans.excerpts[0].text)


def test_followup_pronoun_lifts_to_chapter_layout(pa, doc):
    ans = pa.ask("它的空间布局是怎样的？", history=["生物医药方面规划怎么说？"])
    assert ans.resolved_query == "生物产业 空间布局"
    shown = compact(" ".join(h.text for h in ans.excerpts[:3]))
    assert "以成都为主体形成核心发展区" in shown or "成都天府国际生物城" in shown


def test_followup_ordinal_project(pa, doc):
    ans = pa.ask("第二个工程呢？", history=["专栏10有哪些工程？"])
    assert ans.resolved_query == "新能源汽车推广应用工程"
    assert ans.excerpts[0].clause_id.startswith("sc-sei-13:专栏10.2")


def test_new_topic_starts_fresh(pa):
    ans = pa.ask("什么是石墨烯？", history=["成都重点发展哪些生物产业？", "那新能源汽车呢？"])
    assert ans.resolved_query == "什么是石墨烯？"


def test_same_history_same_answer_everywhere(pa):
    hist = ["乐山在新能源方面发展什么？", "德阳呢？"]
    a = pa.ask("攀枝花呢？", history=hist)
    b = pa.ask("攀枝花呢？", history=tuple(hist))
    assert a.to_dict() == b.to_dict()
    assert "攀枝花" in a.resolved_query and "乐山" not in a.resolved_query


def test_followup_year_substitutes_into_the_previous_question(pa, doc):
    ans = pa.ask("2020年呢？", history=["2015年战略性新兴产业总产值是多少？"])
    assert ans.resolved_query == "2020年战略性新兴产业总产值是多少"
    assert not ans.abstained
    assert any("到2020年,战略性新兴产业总产值" in compact(h.text) for h in ans.excerpts[:2])
    assert_verbatim(ans, doc)


def test_followup_level_substitutes_into_the_previous_question(pa, doc):
    ans = pa.ask("省级呢？", history=["国家级重点实验室有什么安排？"])
    assert ans.resolved_query == "省级重点实验室有什么安排"
    assert "省级" in ans.excerpts[0].text
    assert_verbatim(ans, doc)


def test_followup_unknown_subject_without_more_to_carry_stays_short(pa):
    # "太阳能产业怎么发展" says nothing beyond its subject: "风电" alone, not "风电怎么发展"
    ans = pa.ask("风电呢？", history=["太阳能产业怎么发展？"])
    assert ans.resolved_query == "风电"
    assert compact(ans.excerpts[0].text).startswith("风电装备产业")


def test_followup_drops_the_word_it_replaces(pa):
    # 传统产业 is what 生物产业 replaces (same head word), not context to keep: the previous
    # question is asked again of the new subject
    ans = pa.ask("那生物产业呢？", history=["成都的传统产业有哪些？"])
    assert ans.resolved_query == "成都的生物产业有哪些"
    ans = pa.ask("那节能环保产业呢？", history=["绵阳的传统产业怎么改造？"])
    assert ans.resolved_query == "绵阳 节能环保产业 改造"


def test_followup_continuation_keeps_the_topic(pa):
    ans = pa.ask("具体有哪些企业？", history=["成都在新能源产业上重点发展什么？"])
    assert "成都" in ans.resolved_query and "新能源" in ans.resolved_query and "企业" in ans.resolved_query


def test_followup_that_names_nothing_asks_about_the_previous_subject(pa, doc):
    # "每年增长多少？" has no noun of its own: without the previous question it is not about patents
    ans = pa.ask("每年增长多少？", history=["发明专利申请有什么目标？"])
    assert "发明专利申请" in ans.resolved_query and "增长" in ans.resolved_query
    assert "发明专利申请年均增幅12%以上" in compact(ans.excerpts[0].text)
    assert_verbatim(ans, doc)
    # a question that names its own subject is not a follow-up of the same kind
    assert "发明专利" not in pa.ask("石墨烯产业怎么发展？", history=["发明专利申请有什么目标？"]).resolved_query


def test_followup_worded_as_an_ellipsis_that_asks_its_own_question_continues(pa, doc):
    # "那每年增长多少？" is worded like "那风电呢？", but what it names is a question, not a new
    # subject: it asks about the previous one, as "每年增长多少？" does
    ans = pa.ask("那每年增长多少？", history=["发明专利申请有什么目标？"])
    assert "发明专利申请" in ans.resolved_query and "增长" in ans.resolved_query
    assert "发明专利申请年均增幅12%以上" in compact(ans.excerpts[0].text)
    assert_verbatim(ans, doc)
    ans = pa.ask("那具体怎么发展？", history=["新能源汽车产业的发展目标是什么？"])
    assert "新能源汽车产业" in ans.resolved_query and "目标是什么" not in ans.resolved_query
    # naming a new subject, or a year, it is still the previous question with that element swapped
    assert pa.ask("那风电呢？", history=["太阳能产业怎么发展？"]).resolved_query == "风电"
    assert pa.ask("那2020年呢？", history=["2015年战略性新兴产业总产值是多少？"]).resolved_query == \
        "2020年战略性新兴产业总产值是多少"


def test_followup_demonstrative_carries_the_previous_words(pa, doc):
    ans = pa.ask("这个指标是哪年的目标？", history=["发明专利申请年均增幅要达到多少？"])
    assert "发明专利申请年均增幅" in ans.resolved_query
    assert "发明专利申请年均增幅12%以上" in compact(ans.lead)
    assert_verbatim(ans, doc)


# --- abstention ------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "个人所得税起征点是多少？",
    "明天天气怎么样？",
    "广东省的战略性新兴产业规划有哪些目标？",
    "成都到重庆的高铁票价是多少钱？",
])
def test_out_of_scope_abstains(pa, question):
    ans = pa.ask(question)
    assert ans.abstained and ans.kind == "abstain"
    assert ans.lead == "" and ans.excerpts == []


def test_abstention_offers_nearest_sections(pa):
    ans = pa.ask("成都的地铁票价是多少？")
    assert ans.abstained
    ans = pa.ask("个人所得税起征点是多少？")
    assert isinstance(ans.suggestions, list)


# --- determinism and JSON --------------------------------------------------------------------------

def test_ask_is_deterministic(pa):
    for q in ("成都重点发展哪些生物产业？", "专栏7有哪些工程？", "什么是智能电网？"):
        assert pa.ask(q).to_dict() == pa.ask(q).to_dict()


def test_to_dict_fields(pa):
    d = json.loads(json.dumps(pa.ask("什么是静脉产业？").to_dict(), ensure_ascii=False))
    assert {"question", "resolved_query", "abstained", "lead", "excerpts", "suggestions", "kind", "outline"} <= set(d)
    hit = d["excerpts"][0]
    assert {"text", "clause_id", "section_path", "pages", "score", "doc_id", "title", "matched_terms",
            "highlights", "citation"} <= set(hit)
    assert hit["citation"] == "〔名词解释 14. 静脉产业 · 第64页〕"
    for a, b in hit["highlights"]:
        assert hit["text"][a:b]


def test_k_limits_excerpts(pa):
    assert len(pa.ask("新能源汽车产业发展重点是什么？", k=2).excerpts) <= 2
    assert len(pa.ask("新能源汽车产业发展重点是什么？", k=7).excerpts) <= 7


# --- hostile input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_empty_question_is_a_clear_error(pa, bad):
    with pytest.raises(PlanQAError) as e:
        pa.ask(bad)
    assert "\n" not in str(e.value)


@pytest.mark.parametrize("bad", [None, 42, ["问题"]])
def test_non_string_question_is_a_clear_error(pa, bad):
    with pytest.raises(PlanQAError):
        pa.ask(bad)


@pytest.mark.parametrize("kw", [{"k": 0}, {"k": -1}, {"k": "5"}, {"mode": "magic"}])
def test_bad_arguments_are_clear_errors(pa, kw):
    with pytest.raises(PlanQAError):
        pa.ask("成都生物产业", **kw)


@pytest.mark.parametrize("question", [
    "<script>alert('x')</script>成都重点发展哪些生物产业？",
    "<img src=x onerror=alert(1)>什么是静脉产业",
    "**成都** 的 `生物产业` # 重点 [链接](javascript:alert(1))",
    "'; DROP TABLE clauses; -- 2015年总产值",
    "成都🚀🔥生物产业👍重点发展什么？",
    "成都\x00\x1b[31m生物产业\u202e重点\x07发展什么？",
    "成都" * 50_000,
    "😀😀😀",
    "<b></b>",
    "？？？！！！",
])
def test_hostile_questions_never_crash_or_echo_markup(pa, doc, question):
    ans = pa.ask(question)
    dumped = json.dumps(ans.to_dict(), ensure_ascii=False)
    for bad in ("<script", "<img", "onerror", "javascript:", "\x00", "\x1b", "\u202e"):
        assert bad not in dumped
    assert len(ans.question) <= 500 and len(ans.resolved_query) <= 600
    assert_verbatim(ans, doc)


def test_long_question_is_truncated_with_a_note(pa):
    ans = pa.ask("成都重点发展哪些生物产业？" * 5000)
    assert any("500" in n for n in ans.notes)


def test_fifty_turn_history(pa, doc):
    hist = ["成都重点发展哪些生物产业？", "那新能源汽车呢？", "<script>x</script>", "", "德阳呢？"] * 12
    ans = pa.ask("绵阳呢？", history=hist)
    assert "绵阳" in ans.resolved_query
    assert_verbatim(ans, doc)


def test_history_accepts_chat_messages(pa):
    a = pa.ask("那德阳呢？", history=[{"role": "user", "content": "成都在新能源产业上重点发展什么？"},
                                   {"role": "assistant", "content": "…"}])
    b = pa.ask("那德阳呢？", history=["成都在新能源产业上重点发展什么？"])
    assert a.resolved_query == b.resolved_query


# --- other plans -----------------------------------------------------------------------------------

SMALL_PLAN = """某市数字经济发展规划

一、发展目标
到2025年，全市数字经济核心产业增加值达到800亿元。
二、重点任务
（一）发展集成电路产业。
建设芯片设计园区，引进晶圆制造项目。
（二）发展软件产业。
打造软件名城，培育工业软件企业。
"""


def test_from_paths_several_plans(tmp_path):
    a = tmp_path / "digital.txt"
    a.write_text(SMALL_PLAN, encoding="utf-8")
    b = tmp_path / "copy.md"
    b.write_text(SMALL_PLAN.replace("某市", "某县"), encoding="utf-8")
    pa2 = PlanAssistant.from_paths([a, b], index_dir=tmp_path / "idx", encoder="none")
    assert len(pa2.documents) == 2
    ans = pa2.ask("数字经济核心产业增加值目标是多少？")
    assert not ans.abstained and "800亿元" in compact(ans.lead)
    assert {h.doc_id for h in pa2.retriever.search("软件名城", k=5)} == {d.doc_id for d in pa2.documents}


def test_from_paths_missing_file_is_one_line_error(tmp_path):
    with pytest.raises(PlanQAError) as e:
        PlanAssistant.from_paths([tmp_path / "nope.pdf"], index_dir=tmp_path / "idx", encoder="none")
    assert "nope.pdf" in str(e.value) and "\n" not in str(e.value)


def test_bad_index_folder_without_rebuild_is_clear(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    p = PlanAssistant(encoder="none", index_dir=folder, rebuild=False)
    with pytest.raises(PlanQAError) as e:
        p.ask("成都生物产业")
    assert str(folder) in str(e.value) and "\n" not in str(e.value)


def test_outline_is_the_documents_outline(pa, doc):
    assert pa.outline() == doc.outline
    assert pa.outline()[6].title == "推进新能源及新能源汽车产业加快发展"


# --- hybrid (dense encoder) ----------------------------------------------------------------------------

@pytest.mark.slow
def test_hybrid_answers_a_paraphrase(tmp_path_factory):
    hy = PlanAssistant(index_dir=tmp_path_factory.mktemp("idx") / "use")
    ans = hy.ask("打游戏、看动画片这类产业规划怎么说？", mode="hybrid")
    assert not ans.abstained
    shown = compact(" ".join(h.text for h in ans.excerpts))
    assert "游戏" in shown
    assert hy.ask("什么是静脉产业？", mode="hybrid").lead.startswith("14. 静脉产业")
    assert hy.ask("个人所得税起征点是多少？", mode="hybrid").abstained
    # asked after a question about the same province, it is still read (and declined) on its own
    ans = hy.ask("今年四川高考分数线是多少？", history=["2015年四川战略性新兴产业的产值是多少？"], mode="hybrid")
    assert ans.abstained and ans.resolved_query == "今年四川高考分数线是多少？"


def test_within_followup_searches_inside_the_scope(pa, doc):
    ans = pa.ask("其中有哪些跟成都有关？", history=["专栏10有哪些工程？"])
    assert ans.excerpts and all(h.clause_id.startswith("sc-sei-13:专栏10.") for h in ans.excerpts)
    assert "成都" in ans.lead
    ans = pa.ask("其中充电设施怎么建设？", history=["第七部分讲了什么？"])
    assert all(h.section_path[0] == "推进新能源及新能源汽车产业加快发展" for h in ans.excerpts)
    assert "充电基础设施" in ans.lead
    assert_verbatim(ans, doc)


def test_a_question_with_its_own_subject_is_not_read_as_a_follow_up(pa):
    # naming a place beside words of its own, it is no follow-up: merged with the question before's
    # words, an out-of-scope question found the clauses they name
    for before, question in (("2015年四川战略性新兴产业的产值是多少？", "今年四川高考分数线是多少？"),
                             ("成都的生物产业重点发展什么？", "明天成都会下雨吗？")):
        ans = pa.ask(question, history=[before])
        assert ans.resolved_query == question and ans.abstained
    # a 它们 that points inside its own question ("创业公司缺钱，…帮它们…") does not point back
    alone = pa.ask("创业公司缺钱，规划怎么帮它们融资？")
    after = pa.ask("创业公司缺钱，规划怎么帮它们融资？", history=["成都的生物产业重点发展什么？"])
    assert after.resolved_query == alone.resolved_query == "创业公司缺钱，规划怎么帮它们融资？"
    assert [h.clause_id for h in after.excerpts] == [h.clause_id for h in alone.excerpts]
    # an aspect and nothing else still asks about the subject before
    assert pa.ask("空间布局是怎样的？", history=["生物医药方面规划怎么说？"]).resolved_query == "生物产业 空间布局"


@pytest.mark.parametrize("question", ["这个规划分为哪几个部分？", "规划提出了哪些基本原则？", "第七部分讲了什么？",
                                      "这个规划的规划期是哪几年？"])
def test_a_change_of_subject_is_answered_as_it_is_alone(pa, question):
    # 这个 / no word the vocabulary counts as naming a thing made it a follow-up of the question before
    # (成都 生物产业 分为 部分); it is also read alone, and the answer read off the outline is kept
    alone = pa.ask(question)
    after = pa.ask(question, history=["成都的生物产业重点发展什么？"])
    assert after.resolved_query == alone.resolved_query == question
    assert (after.kind, [h.clause_id for h in after.excerpts]) == (alone.kind, [h.clause_id for h in alone.excerpts])
    assert not after.abstained


def test_dense_mode_without_encoder_falls_back_with_a_note(pa):
    ans = pa.ask("什么是静脉产业？", mode="dense")
    assert not ans.abstained and any("bm25" in n for n in ans.notes)


def test_projects_of_a_topic_list_its_box(pa, doc):
    ans = pa.ask("新能源汽车有哪些重点工程？")
    assert ans.kind == "structure" and [e.title for e in ans.outline][1] == "新能源汽车研发创新工程"
    ans = pa.ask("它有哪些重点工程？", history=["生物医药怎么发展？"])
    assert ans.kind == "structure" and ans.resolved_query == "生物产业 重点工程"
    assert "新药创制与产业化工程" in [e.title for e in ans.outline]


def test_policy_question_about_a_glossary_term_is_not_a_definition(pa):
    ans = pa.ask("发展目标是什么？", history=["大数据产业怎么发展？"])
    assert ans.excerpts[0].kind != "glossary"


def test_from_paths_same_file_name_twice(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for sub in ("a", "b"):
        (tmp_path / sub / "plan.txt").write_text(SMALL_PLAN, encoding="utf-8")
    p = PlanAssistant.from_paths([tmp_path / "a" / "plan.txt", tmp_path / "b" / "plan.txt"],
                                 index_dir=tmp_path / "idx", encoder="none")
    ids = [d.doc_id for d in p.documents]
    assert len(set(ids)) == 2


# --- everyday words (thesaurus expansion) -------------------------------------------------

@pytest.mark.parametrize("question, plan_term", [
    ("厨余垃圾以后怎么处理？", "餐厨废弃物"),
    ("国产芯片有什么扶持方向？", "集成电路"),
    ("家里房顶能装太阳能板发电吗？", "光伏"),
    ("电动车以后怎么推广？", "新能源汽车"),
])
def test_everyday_words_are_answered_in_plan_terms(pa, doc, question, plan_term):
    ans = pa.ask(question)
    assert not ans.abstained and ans.kind == "answer"
    assert any(plan_term in compact(h.text) for h in ans.excerpts[:3])
    assert any(plan_term in t for h in ans.excerpts for t in h.matched_terms)   # highlighted as the plan writes it
    assert any("按规划用语检索" in n for n in ans.notes)
    assert_verbatim(ans, doc)


def test_plan_period_is_not_lost_to_the_stopword(pa, doc):
    ans = pa.ask("本规划的规划期到哪一年为止？")
    assert not ans.abstained and "2016年至2020年" in compact(ans.excerpts[0].text)
    assert_verbatim(ans, doc)


@pytest.mark.parametrize("question, term", [
    ("分布式能源说白了是啥？", "分布式能源"),       # everyday definition wording
    ("云印刷是个什么东西？", "云印刷"),
    ("万能细胞是什么？", "干细胞"),                 # an everyday name of a glossary term (thesaurus)
])
def test_definition_wordings_lead_with_the_glossary_entry(pa, doc, question, term):
    ans = pa.ask(question)
    assert not ans.abstained and ans.excerpts[0].kind == "glossary"
    assert term in ans.excerpts[0].title
    assert_verbatim(ans, doc)


def test_a_term_the_plan_defines_in_its_text_leads_a_definition_question(tmp_path):
    # 珠海市人才住房管理办法 defines its terms in 第三条 ("本办法所称人才住房，是指…"), not in a
    # glossary; 人才住房 is in nearly every clause, so no search word finds the definition
    plan = corpus.load_document("eval/plans/zhuhai-talent-housing-measures.txt")
    pa = PlanAssistant.from_paths(["eval/plans/zhuhai-talent-housing-measures.txt"], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("什么是人才住房？")
    assert not ans.abstained and ans.excerpts[0].text.startswith("本办法所称人才住房,是指")
    assert ans.excerpts[0].text in plan.text
    # a question about the term, not its meaning, is searched as usual
    ans = pa.ask("个人承租人才住房最长能租几年？")
    assert not ans.excerpts[0].text.startswith("本办法所称人才住房")


def test_what_counts_as_a_term_is_asked_as_its_definition(tmp_path):
    # "什么样的企业算“在孵企业”" asks what 第七条 defines ("本办法中孵化器在孵企业是指…"); the question asked
    # the clauses that use the term most (雄安 孵化器认定管理办法, eval/unseen round six)
    from tests.test_assistant_general import _unseen_plan
    plan = _unseen_plan("xiongan-incubator-rules")
    pa = PlanAssistant.from_paths([plan], index_dir=tmp_path / "idx", encoder="none")
    for q in ("什么样的企业算“在孵企业”？", "什么样的企业才算是在孵企业？"):
        ans = pa.ask(q)
        assert not ans.abstained and ans.excerpts[0].text.startswith("第七条 本办法中孵化器在孵企业是指"), q
    assert compose.defined_term("什么样的社区算是完整社区？") == "完整社区"
    # 算 of 算法, 算力, 算进去 and a question of how a thing is counted ask no meaning
    for q in ("国家局信任体系要实现哪种密码算法保护？", "规划提出要加强哪些算力基础设施建设？", "哪些人参加见习可以算进去？",
              "在南京申请积分落户，分数怎么算？"):
        assert compose.defined_term(q) == "", q


def test_a_standards_numbered_term_leads_a_definition_question(tmp_path):
    # 广东's DB44 标准 (eval/plans) defines its terms as GB/T 1.1 prints them: "3.5" over "无组织排放 fugitive
    # emission" over the definition, under 3 术语和定义. The definition came third, after two clauses that
    # use the term (…无组织排放控制要求)
    plan = corpus.load_document("eval/plans/gd-voc-emission-standard.txt")
    pa = PlanAssistant.from_paths(["eval/plans/gd-voc-emission-standard.txt"], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("标准里说的无组织排放是什么意思？")
    assert not ans.abstained and ans.excerpts[0].text.startswith("大气污染物不经过排气筒的无规则排放")
    assert ans.excerpts[0].section_path[-1] == "无组织排放 fugitive emission"
    assert ans.excerpts[0].text in plan.text


def test_the_last_part_is_the_last_numbered_part(pa, doc):
    ans = pa.ask("规划的最后一部分是什么？")
    assert ans.kind == "structure" and ans.lead == "十一、保障措施"
    assert ans.outline[0].title == "保障措施"
    assert_verbatim(ans, doc)


def test_parts_counted_from_the_end_and_counted_in_all(pa, doc):
    ans = pa.ask("规划的倒数第二部分是什么？")
    assert ans.kind == "structure" and ans.lead == "十、重大行动"
    ans = pa.ask("规划一共有多少部分？")
    assert ans.kind == "structure" and [e.title for e in ans.outline][0] == "规划背景"
    ans = pa.ask("保障措施一共有几条？")
    assert ans.kind == "structure" and ans.outline[0].title == "保障措施" and len(ans.outline) == 6
    assert_verbatim(ans, doc)


@pytest.mark.parametrize("question, lead", [
    ("保障措施是第几部分？", "十一、保障措施"),
    ("数字创意产业在规划的第几部分？", "九、促进数字创意产业蓬勃发展"),
    ("新材料产业发展放在哪一部分？", "五、推动新材料产业优化发展"),   # not its title's words: found by its clauses
])
def test_a_part_asked_by_words_of_its_own_title_is_that_part(pa, doc, question, lead):
    ans = pa.ask(question)
    assert not ans.abstained and ans.lead == lead and ans.excerpts[0].text == lead
    assert_verbatim(ans, doc)


def test_which_box_a_project_is_in(pa, doc):
    ans = pa.ask("新能源汽车研发创新工程属于哪个专栏？")
    assert not ans.abstained and compact(ans.lead) == "专栏10新能源汽车产业重点工程"
    assert ans.excerpts[0].text == ans.lead
    assert_verbatim(ans, doc)


def test_an_article_asked_by_its_number_is_that_article_not_one_citing_it(tmp_path):
    path = "eval/plans/guangzhou-housing-transaction-measures.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("第十四条说的是啥？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("第十四条未取得商品房预售许可证")
    ans = pa.ask("违反第十四条规定的怎么处罚？")      # asks what 第三十八条 says about it
    assert ans.kind == "answer" and ans.excerpts[0].text.startswith("第三十八条")


def test_a_part_named_without_its_de_lists_its_sections(tmp_path):
    # 山东's 教育 规划 (eval/plans): 持续推动信息化时代的教育创新, asked without its 的
    path = "eval/plans/sd-education-14th.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("信息化时代教育创新这部分有几条，分别是什么？")
    assert ans.kind == "structure" and ans.outline[0].title == "持续推动信息化时代的教育创新"
    assert [e.title for e in ans.outline][1] == "加强教育信息化基础设施建设"


def test_a_section_named_by_its_chapter_and_its_own_number(tmp_path):
    # 珠海's 办法: 第三章住房分配 holds 第一节一般规定 and 第二节面向个人配租(售)
    path = "eval/plans/zhuhai-talent-housing-measures.txt"
    plan = corpus.load_document(path)
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("第三章第二节讲什么？")
    assert ans.kind == "structure" and ans.excerpts[0].text == "第二节面向个人配租(售)"
    ans = pa.ask("第三章的第一节包括哪些条？")
    assert ans.outline[0].title == "一般规定" and ans.outline[1].number.startswith("第十四条")
    # a chapter named by its title, asked for the range of its articles
    ans = pa.ask("监督管理这一章从第几条到第几条？")
    assert ans.kind == "structure" and ans.outline[0].title == "监督管理"
    assert ans.outline[1].number.startswith("第四十三条")
    for e in ans.excerpts:
        assert e.text in plan.text


def test_a_short_chapter_title_and_a_part_named_over_a_deeper_heading(tmp_path):
    # 附则 is a two-character chapter title; in 长宁's 纲要, 友好城区 ends the title of part 八 and of a
    # section under it (积极建设儿童友好城区): "那一部分" is the part
    path = "eval/plans/cn-medical-quality-measures.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("附则里有几条？")
    assert ans.kind == "structure" and ans.outline[0].title == "附则" and len(ans.outline) == 3
    ans = pa.ask("总则里写了适用范围吗？")        # a question inside the chapter is searched
    assert ans.kind == "answer" and ans.excerpts[0].text.startswith("第二条")
    path = "eval/plans/changning-15th-outline.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx2", encoder="none")
    ans = pa.ask("友好城区那一部分有哪几条？")
    assert ans.kind == "structure" and ans.outline[0].title == "全面建设和谐包容的友好城区"
    assert ans.outline[1].title == "加快构建老年友好型社会"


def test_an_item_counted_in_the_list_its_name_calls_and_a_part_counted_among_all_parts(tmp_path):
    # 青岛's AI 行动计划: 重点任务 holds seven （一）…“强基”行动 … （七）…“赋能”行动 and nothing else ends in 行动
    pa = PlanAssistant.from_paths(["eval/plans/qd-ai-industry-action.txt"], index_dir=tmp_path / "qd", encoder="none")
    ans = pa.ask("第五个行动是什么？")
    assert ans.kind == "structure" and ans.outline[0].title == "创新平台“领航”行动"
    # 天津's 实施方案: parts 一 and 三 have nothing under them; 第四部分 is 四、支持政策 all the same
    path = "eval/plans/tj-rental-housing-plan.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "tj", encoder="none")
    ans = pa.ask("第四部分的第五条是什么？")
    assert ans.kind == "structure" and ans.outline[0].title == "公积金支持政策"
    path = "eval/plans/cn-zero-waste-city-pilot.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "zw", encoder="none")
    ans = pa.ask("实施步骤分几步？")
    assert ans.kind == "structure" and ans.outline[0].title == "实施步骤" and len(ans.outline) == 5


def test_a_part_named_without_its_lead_verb_and_the_count_of_a_plans_items(tmp_path):
    # 沈阳's 若干措施: 二、实施就业岗位拓展行动 over 3.–9.; asked without 实施
    pa = PlanAssistant.from_paths(["eval/plans/sy-youth-employment-measures.txt"], index_dir=tmp_path / "sy",
                                  encoder="none")
    ans = pa.ask("就业岗位拓展行动包括哪些措施？")
    assert ans.kind == "structure" and ans.outline[0].title == "实施就业岗位拓展行动"
    assert ans.outline[1].title == "加大投资创造就业空间" and len(ans.outline) == 8
    # 江苏's 工作要点 numbers its 45 items straight through five parts: the last one shows the count
    pa = PlanAssistant.from_paths(["eval/plans/js-housing-work-points-2025.txt"], index_dir=tmp_path / "js",
                                  encoder="none")
    ans = pa.ask("工作要点一共有多少条？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("45.")
    # in a plan of articles, the last article
    pa = PlanAssistant.from_paths(["eval/plans/zhuhai-talent-housing-measures.txt"], index_dir=tmp_path / "zh",
                                  encoder="none")
    ans = pa.ask("这个办法一共有多少条？")
    assert ans.kind == "structure" and ans.outline[0].number.strip() == "第五十五条"


def test_where_a_content_sits_is_answered_with_its_part_heading_then_the_content(pa, doc):
    ans = pa.ask("生物医药产业放在规划的哪一章？")
    assert not ans.abstained and ans.lead == "六、推动生物产业突破发展"
    assert ans.excerpts[0].text == ans.lead and ans.excerpts[0].kind == "heading"
    assert ans.excerpts[1].kind != "heading" and "六、推动生物产业突破发展" not in ans.excerpts[1].text
    assert_verbatim(ans, doc)
    # a 专栏 item's id names its box (专栏7.1), not its part: the part is the one its titles open with
    from assistant import structure
    box = next(c for c in doc.clauses if c.text.startswith("新药创制与产业化工程"))
    assert box.clause_id.split(":")[1].startswith("专栏")
    assert structure.locate(box.clause_id, pa.documents, "章").text == "六、推动生物产业突破发展"


def test_the_issue_date_printed_beside_the_title_answers_when_it_was_issued(tmp_path):
    path = "eval/plans/cn-unified-market-opinions.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("这份意见是哪一天印发的？")
    assert not ans.abstained and "(2022年3月25日)" in ans.lead
    assert ans.lead in corpus.load_document(path).text


def test_a_year_asked_in_digits_finds_the_year_the_plan_writes_in_chinese_numerals(tmp_path):
    # 湖北's 十五五 建议 (eval/plans) writes 到二〇三五年: the year is no missing anchor, the excerpt
    # stays as printed
    path = "eval/plans/hubei-15th-proposal.txt"
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("到2035年人均地区生产总值要达到什么水平？")
    assert not ans.abstained and "人均地区生产总值达到中等发达国家水平" in ans.excerpts[0].text
    assert "二〇三五年" in ans.excerpts[0].text and ans.excerpts[0].text in corpus.load_document(path).text


def test_which_part_a_content_is_in_asked_with_shi(pa, doc):
    ans = pa.ask("讲新材料的是哪一部分？")
    assert not ans.abstained and ans.lead == "五、推动新材料产业优化发展" and ans.excerpts[0].text == ans.lead


def test_which_part_a_named_section_sits_in(pa, doc):
    ans = pa.ask("“做大做强集成电路和新型显示产业”放在哪一部分？")
    assert ans.kind == "structure" and ans.lead == "三、推动新一代信息技术产业跨越发展"
    assert_verbatim(ans, doc)


@pytest.mark.parametrize("question", ["你好", "谢谢！", "你能做什么？", "再见", "Hello"])
def test_a_greeting_or_thanks_shows_nothing_of_the_plan(pa, question):
    # said to the assistant, not asked of the plan: before, "再见" was answered with 增强现实's entry
    ans = pa.ask(question)
    assert ans.kind == "chat" and ans.abstained and ans.excerpts == [] and ans.lead == ""
    assert ans.notes and ans.suggestions[0] == "这份文件分为哪几个部分？"
    assert pa.ask(ans.suggestions[0]).kind == "structure"


def test_a_question_after_a_greeting_is_a_question(pa):
    ans = pa.ask("你好，2015年战略性新兴产业总产值是多少？")
    assert ans.kind == "answer" and not ans.abstained


@pytest.mark.parametrize("question", ["这个规划讲了什么？", "这份规划的主要内容是什么？", "总结一下这个规划",
                                      "介绍一下这个规划", "这个规划是关于什么的？",
                                      # what its parts, all of them, are about
                                      "规划各部分分别讲了什么？", "这份规划正文前几个部分分别讲什么？"])
def test_what_the_whole_plan_is_about_is_its_outline(pa, question):
    # before, these abstained or showed clauses of 保障措施 and 园区
    parts = pa.ask("这份规划分为哪几个部分？")
    ans = pa.ask(question)
    assert ans.kind == "structure" and [e.label for e in ans.outline] == [e.label for e in parts.outline]


@pytest.mark.parametrize("question", ["规划中关于人才的内容讲了什么？", "介绍一下数字创意产业"])
def test_what_a_topic_of_the_plan_is_about_is_searched(pa, question):
    assert pa.ask(question).kind != "structure"


def test_thanks_between_questions_is_no_context(pa):
    plain = pa.ask("那新能源汽车呢？", history=["成都重点发展哪些生物产业？"])
    thanked = pa.ask("那新能源汽车呢？", history=["成都重点发展哪些生物产业？", "谢谢"])
    assert thanked.resolved_query == plain.resolved_query != "那新能源汽车呢？"


@pytest.mark.parametrize("opened", ["好的，那新能源汽车呢？", "谢谢！那新能源汽车呢？", "明白了。新能源汽车呢？",
                                    "OK，那新能源汽车呢？", "好的谢谢，那新能源汽车呢？"])
def test_an_acknowledgement_a_follow_up_opens_with_is_no_word_of_it(pa, opened):
    # before, 谢谢 was searched beside 新能源汽车 and the turn read as a new question
    first = "成都重点发展哪些生物产业？"
    plain = pa.ask("那新能源汽车呢？", history=[first])
    ans = pa.ask(opened, history=[first])
    assert ans.resolved_query == plain.resolved_query == "成都重点发展哪些新能源汽车产业"
    assert [e.clause_id for e in ans.excerpts] == [e.clause_id for e in plain.excerpts]
    # and a turn before that opened so is read as its question
    later = pa.ask("那德阳呢？", history=[first, opened])
    assert later.resolved_query == pa.ask("那德阳呢？", history=[first, "那新能源汽车呢？"]).resolved_query
