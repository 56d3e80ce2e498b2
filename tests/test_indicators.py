"""Questions that count or list a plan's indicators, answered from its indicator table (eval/plans)."""
from __future__ import annotations

import pytest

from assistant import PlanAssistant
from assistant.indicators import asked, asks_kinds, asks_tables


@pytest.mark.parametrize("question, attribute", [
    ("一共设置了多少项主要指标？", ""),
    ("主要指标一共有几项？", ""),
    ("约束性指标有几项？", "约束性"),
    ("规划设了几个预期性指标？", "预期性"),
    ("主要指标有哪些？", ""),
    ("规划设置了哪些约束性指标？", "约束性"),
    # the table by name
    ("主要指标表里有哪些指标？", ""),
    ("指标表都列了什么？", ""),
    ("约束性指标一览表中包括哪几项？", "约束性"),
    ("这个指标表示什么意思？", None),
    # content: a figure of one indicator, indicators of an assessment, a system of grades
    ("到2025年城镇污水处理率指标是多少？", None),
    ("二级公立医院绩效考核具体用哪些指标？", None),
    ("考核指标中有多少个是国家监测指标？", None),
    ("智慧社区评价指标体系包括多少个一级指标？", None),
])
def test_which_questions_count_or_list_indicators(question, attribute):
    assert asked(question) == attribute


@pytest.mark.parametrize("question, kinds, tables", [
    ("主要指标分为哪几类？", True, False),
    ("专栏1核心指标表里的指标分成哪几类？", True, False),
    ("规划设置了哪几类指标？", True, False),
    ("质量监测指标体系的一级指标有哪些？", True, False),
    ("规划里列了几张“十四五”规划指标表？分别是哪些领域的？", False, True),
    ("指标表一共有几张？", False, True),
    # content: kinds of a thing that is no indicator, one table's indicators
    ("农用地分为哪几类？", False, False),
    ("教育规划指标有哪些？", False, False),
])
def test_which_questions_ask_the_kinds_of_indicators_or_the_tables(question, kinds, tables):
    assert (asks_kinds(question), asks_tables(question)) == (kinds, tables)
    assert asked(question) is None or not (kinds or tables)


@pytest.mark.parametrize("plan_id, note", [
    # a category cell merged over its rows (left out of the later rows), a header on two lines
    ("pt-spatial-nearterm-plan", "的指标分为5类：发展规模、服务设施和历史文化、综合交通、生态低碳安全、城市经济"),
    # the merged cell printed blank; the category said with its count as printed
    ("hangzhou-15th-outline", "的指标分为5类：经济发展（7项）、创新驱动（4项）、民生福祉（10项）、绿色低碳（6项）、安全保障（2项）"),
    # no 序号 column: a category's later rows are one cell narrower
    ("sh-earthquake-14th", "的指标分为3类：地震监测预报预警能力、地震灾害风险防治能力、公共服务水平"),
    # a 指标体系 whose 一级指标 column merges over rows that open with their own number (2.签约服务覆盖率 | …)
    ("gz-family-doctor-plan", "的指标分为6类：签约数量指标、增加服务供给、丰富服务内涵、优化服务模式、服务效果、保障机制"),
])
def test_the_kinds_of_indicators_are_read_from_the_category_column(tmp_path, plan_id, note):
    pa = PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("质量监测指标体系的一级指标有哪些？" if plan_id == "gz-family-doctor-plan" else "主要指标分为哪几类？")
    assert not ans.abstained and any(note in n for n in ans.notes), ans.notes
    kinds = note.split("：")[1].split("、")
    # the caption, then the row each category is first printed in, verbatim
    assert "指标" in ans.excerpts[0].text
    assert [e.text.split(" | ")[0] for e in ans.excerpts[1:]] == kinds[:len(ans.excerpts) - 1]


def test_the_indicator_tables_are_counted(tmp_path):
    pa = PlanAssistant.from_paths(["eval/plans/pingtan-social-14th.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("规划里列了几张指标表？")
    assert any("共列出5张指标表" in n for n in ans.notes), ans.notes
    assert [e.text[:2] for e in ans.excerpts] == ["表1", "表2", "表3", "表4", "表5"]
    assert "民政规划指标" in ans.excerpts[-1].text


@pytest.mark.parametrize("plan_id, question, note, first_row", [
    # rows numbered 1…29, one of them with a second line (注册护士数) that is no indicator of its own
    ("hangzhou-15th-outline", "一共设置了多少项主要指标？", "共列出29项指标（约束性9项、预期性20项）",
     "经济发展（7项） | 1 | 地区生产总值（GDP）增长（%）"),
    ("hangzhou-15th-outline", "约束性指标有几项？", "中约束性指标共9项（全表29项）", "| 14 | 劳动年龄人口平均受教育年限（年）"),
    # a "其中 公园绿地" sub-row under 14 numbered rows; the 十五五 主要指标 table, not the 十四五 review table
    ("pt-greening-15th", "规划一共有几项主要指标？", "共列出14项指标（约束性5项、预期性9项）", "绿化 | 1 | 新建绿地"),
    # unnumbered rows, one indicator each
    ("sh-earthquake-14th", "约束性指标有哪些？", "中约束性指标共6项（全表9项）", "地震监测预报预警能力 | 地震监测能力"),
    # rows numbered inside their first cell (1.重点人群签约服务覆盖率), one of them printed on two lines
    ("gz-family-doctor-plan", "指标体系里一共有多少项指标？", "共列出19项指标", "签约数量指标 | 1.重点人群签约服务覆盖率"),
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


@pytest.mark.parametrize("plan_id, question, note", [
    ("pingtan-14th-outline", "专栏1主要目标表里，加了方括号“[ ]”的数字是什么意思？", "注：表中“[ ]”内的数字为五年累计数。"),
    ("sh-renewal-housing-15th", "指标表里〔 〕括起来的数字是什么意思？", "注：〔 〕内为5年累计数。"),
    ("hangzhou-15th-outline", "主要指标表中带括号的数据代表什么？", "备注：[ ]内数据为累计数。"),
])
def test_what_a_tables_brackets_mean_is_its_note(tmp_path, plan_id, question, note):
    pa = PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask(question)
    assert not ans.abstained and ans.excerpts[0].text == note
    assert not ans.notes        # the sign the question asks about is not markup removed from it


def test_brackets_asked_of_a_plan_without_such_a_note_are_left_to_retrieval(tmp_path):
    pa = PlanAssistant.from_paths(["eval/plans/cn-soil-pollution-law.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("括号里的内容是什么意思？")
    assert not any("indicators" in e.ranks for e in ans.excerpts)
    # the same question of a plan with the note is read off it
    pa = PlanAssistant.from_paths(["eval/plans/pingtan-social-14th.txt"], encoder="none", index_dir=tmp_path / "p")
    assert [e.ranks for e in pa.ask("括号里的数字是什么意思？").excerpts][:1] == [{"indicators": 1}]


def test_a_question_naming_the_indicator_table_is_answered_from_it(tmp_path):
    # 主要指标表里有哪些指标？ was declined: 表里 and 指标表 counted as content the plan never says
    pa = PlanAssistant.from_paths(["eval/plans/hubei-relics-14th.txt"], encoder="none", index_dir=tmp_path)
    listed = pa.ask("主要指标有哪些？")
    for question in ("主要指标表里有哪些指标？", "指标表都列了什么？"):
        ans = pa.ask(question)
        assert not ans.abstained and ans.notes == listed.notes and "共列出25项指标" in ans.notes[0]
        assert [e.clause_id for e in ans.excerpts] == [e.clause_id for e in listed.excerpts]
