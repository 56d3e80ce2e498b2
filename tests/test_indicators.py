"""Questions that count or list a plan's indicators, answered from its indicator table (eval/plans)."""
from __future__ import annotations

import pytest

from assistant import PlanAssistant
from assistant.indicators import asked


@pytest.mark.parametrize("question, attribute", [
    ("一共设置了多少项主要指标？", ""),
    ("主要指标一共有几项？", ""),
    ("约束性指标有几项？", "约束性"),
    ("规划设了几个预期性指标？", "预期性"),
    ("主要指标有哪些？", ""),
    ("规划设置了哪些约束性指标？", "约束性"),
    # content: a figure of one indicator, indicators of an assessment, a system of grades
    ("到2025年城镇污水处理率指标是多少？", None),
    ("二级公立医院绩效考核具体用哪些指标？", None),
    ("考核指标中有多少个是国家监测指标？", None),
    ("智慧社区评价指标体系包括多少个一级指标？", None),
])
def test_which_questions_count_or_list_indicators(question, attribute):
    assert asked(question) == attribute


@pytest.mark.parametrize("plan_id, question, note, first_row", [
    # rows numbered 1…29, one of them with a second line (注册护士数) that is no indicator of its own
    ("hangzhou-15th-outline", "一共设置了多少项主要指标？", "共列出29项指标（约束性9项、预期性20项）",
     "经济发展（7项） | 1 | 地区生产总值（GDP）增长（%）"),
    ("hangzhou-15th-outline", "约束性指标有几项？", "中约束性指标共9项（全表29项）", "| 14 | 劳动年龄人口平均受教育年限（年）"),
    # a "其中 公园绿地" sub-row under 14 numbered rows; the 十五五 主要指标 table, not the 十四五 review table
    ("pt-greening-15th", "规划一共有几项主要指标？", "共列出14项指标（约束性5项、预期性9项）", "绿化 | 1 | 新建绿地"),
    # unnumbered rows, one indicator each
    ("sh-earthquake-14th", "约束性指标有哪些？", "中约束性指标共6项（全表9项）", "地震监测预报预警能力 | 地震监测能力"),
])
def test_indicators_are_counted_from_the_table(tmp_path, plan_id, question, note, first_row):
    pa = PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask(question)
    assert not ans.abstained and any(note in n for n in ans.notes), ans.notes
    caption, row = ans.excerpts[0], ans.excerpts[1]
    assert "指标" in caption.text and row.kind == "table" and row.text.startswith(first_row), row.text
    attribute = asked(question)
    assert all(attribute in e.text for e in ans.excerpts[1:])


def test_a_plan_without_an_indicator_table_is_left_to_retrieval(tmp_path):
    # 天津's 方案 (eval/plans) prints no indicator table: the question is answered, or declined, as any other
    pa = PlanAssistant.from_paths(["eval/plans/tj-rental-housing-plan.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("一共设置了多少项主要指标？")
    assert not any("counted from the table" in n for n in ans.notes)
