"""General rules that keep the assistant honest on questions worded unlike the
dev set: question padding, places, times and amounts the plan does not
cover, glossary entries asked for by their other names. Real shipped plan,
BM25 only (fast)."""
from __future__ import annotations

import pytest

from assistant import PlanAssistant, confidence
from assistant.compose import QueryTerms
from assistant.text import compact


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    return PlanAssistant(encoder="none", index_dir=tmp_path_factory.mktemp("idx") / "bm25")


# --- units -----------------------------------------------------------------------------------

def test_home_region_and_period_come_from_the_title(pa):
    home = confidence.home_regions(pa.documents)
    assert {"四川", "四川省", "十三五", "我省"} <= home
    assert "成都" not in home and "十四五" not in home


def test_anchors_are_places_years_and_periods_but_not_the_plans_own():
    home = frozenset({"四川", "四川省", "十三五"})
    places, times = confidence.anchors("四川“十三五”期间成都2019年的GDP", ("成都", "绵阳"), home)
    assert places == ("成都",) and times == ("2019年",)
    assert confidence.anchors("重庆和四川十四五的目标", (), home) == (("重庆",), ("十四五",))
    # 中国制造2025 is a name, not a year asked about
    assert confidence.anchors("中国制造2025是什么", (), home) == ((), ())


def test_answers_anchors_needs_the_place_the_time_and_a_figure():
    text = "到2020年，成都新能源汽车产量达到10万辆。"
    assert confidence.answers_anchors(text, ("成都", "绵阳"), ("2020年",), amount=True)
    assert not confidence.answers_anchors(text, ("重庆",), ())
    assert not confidence.answers_anchors(text, (), ("2025年",))
    assert not confidence.answers_anchors("成都重点发展新能源汽车。", ("成都",), (), amount=True)


def test_grouped_coverage_counts_a_compound_once():
    w = QueryTerms({"个人所得税": 6.0, "所得税": 5.0, "所得": 5.0, "起征点": 6.0})
    # only 所得税 of 个人所得税 is in the text: 3/5 of that term's weight; 起征点 absent
    assert confidence.grouped_coverage("企业所得税优惠", w) == pytest.approx((6.0 * 3 / 5) / 12.0)
    assert confidence.grouped_coverage("个人所得税起征点", w) == pytest.approx(1.0)
    alt = QueryTerms({"剩饭剩菜": 6.0, "处理": 2.0}, {"剩饭剩菜": ("餐厨废弃物",)}, alt_credit=0.5)
    assert confidence.grouped_coverage("餐厨废弃物资源化处理", alt) == pytest.approx((3.0 + 2.0) / 8.0)


def test_question_padding_is_not_evidence(pa):
    toks = confidence.informative_tokens(pa._tokenize, "以后我们四川有没有打算发展动力电池？",
                                         confidence.home_regions(pa.documents))
    assert "动力电池" in toks
    assert not {"以后", "我们", "四川", "有没有", "打算"} & set(toks)


# --- the real plan -----------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "到2030年四川新能源汽车产量要达到多少？",          # a year the plan does not cover
    "“十四五”期间四川集成电路产业规模是多少？",          # a later five-year period
    "北京的新一代信息技术产业发展目标是什么？",          # another region
    "成都2019年的工业增加值是多少？",                    # a place and a year no clause pairs
])
def test_questions_outside_the_plans_place_and_time_abstain(pa, question):
    ans = pa.ask(question)
    assert ans.abstained, (question, [h.text[:40] for h in ans.excerpts])


@pytest.mark.parametrize("question, phrase", [
    ("到2020年战略性新兴产业增加值占地区生产总值的比重要达到多少？", "15%"),
    ("以后我们四川有没有打算发展动力电池？", "动力电池"),
])
def test_in_scope_questions_with_times_or_padding_are_answered(pa, question, phrase):
    ans = pa.ask(question)
    assert not ans.abstained
    assert any(phrase in compact(h.text) for h in ans.excerpts[:3])
