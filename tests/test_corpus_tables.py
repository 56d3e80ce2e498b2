"""Tables (主要指标, 专栏 tables): every row is a clause of its own, titled with the column headers, so a
question about one indicator finds its row, cited with its page."""
from __future__ import annotations

from pathlib import Path

import pytest

import corpus
from index.retriever import dense_text
from tests.test_corpus_hostile import _docx_bytes

TEXT_TABLE = """\
一、发展目标
到2030年，全区经济实力明显增强。
全区“十五五”主要指标
序号 | 指标名称 | 单位 | 属性 | 2025年 | 2030年目标
1 | 地区生产总值年均增速 | % | 预期性 | 5.5 | 与全市同步
2 | 新增就业岗位 | 万个 | 预期性 | 3.2 | 累计15
3 | 细颗粒物（PM2.5）浓度 | 微克/立方米 | 约束性 | 28 | 完成市下达目标
二、主要任务
加快数字产业化，培育数字产业集群。
"""


def _rows(doc):
    return [c for c in doc.clauses if c.kind == "table"]


TASK_TABLE = """\
三、保障措施
（一）强化组织领导。成立工作专班，统筹推进各项任务。
附表：1.任务分工表
2.各区任务分配表
附表1
任务分工表
序号 | 事项 | 工作措施 | 责任单位
推进实施示范工程
1 | 地铁工程 | 利用高架车站屋顶建设光伏 | 申通地铁集团
2 | 铁路工程 | 利用站房屋顶建设光伏 | 中国铁路上海局
建立健全推进机制
3 | 健全商业运营模式 | 建立市场化项目开发管理机制 | 市交通委
4 | 制定建设标准规范 | 修订完善相关产品标准 | 市住房城乡建设管理委
附表2
各区任务分配表
序号 | 区域 | 新增装机容量（MW）
1 | 黄浦区 | 0.3-0.4
2 | 徐汇区 | 2-2.6
"""


def test_a_row_spanning_the_table_keeps_the_table_under_its_headers(tmp_path):
    # "建立健全推进机制" is a row whose cells were merged: the rows after it are the same table's,
    # under its column headers, not a new table headed by row 3
    p = tmp_path / "tasks.txt"
    p.write_text(TASK_TABLE, encoding="utf-8")
    doc = corpus.load_document(p)
    rows = [c for c in _rows(doc) if c.section_path == ("附表1：任务分工表",)]
    assert [r.text.split(" | ")[0] for r in rows if r.text[:1].isdigit()] == ["1", "2", "3", "4"]
    assert {r.title for r in rows} == {"序号 | 事项 | 工作措施 | 责任单位"}
    assert {"推进实施示范工程", "建立健全推进机制"} <= {r.text for r in rows}
    # 附表N is an appendix like 附件N, named by the title line under it
    assert [s.title for s in doc.outline][-2:] == ["附表1：任务分工表", "附表2：各区任务分配表"]
    assert all(r.title == "序号 | 区域 | 新增装机容量（MW）" for r in _rows(doc) if r.text.endswith(("0.4", "2.6")))


def test_a_header_printed_on_two_lines_heads_the_table(tmp_path):
    # 普陀's 专栏1 (eval/plans): "… | 指标值" over "现状（2025年） | 近期规划（2030年）"; the table once began
    # at its first data row, titled with that row as its "header"
    doc = corpus.load_document(Path("eval/plans/pt-spatial-nearterm-plan.txt"))
    lines = [c for c in doc.clauses if c.text.startswith(("指标类别 | 序号", "现状（2025年）"))]
    assert [c.kind for c in lines] == ["heading", "heading"]
    title = "指标类别 | 序号 | 指标项 | 单位 | 类型 | 指标值\n现状（2025年） | 近期规划（2030年）"
    rows = [c for c in _rows(doc) if c.title == title]
    assert len(rows) == 25
    assert rows[0].text.startswith("发展规模 | 1 | 建设用地总规模") and rows[-1].text.startswith("25 | 新增科技型企业孵化器")
    # a row as wide as both lines is read under its own column: the value of 现状（2025年）, of 近期规划（2030年）
    assert dense_text(rows[1]).endswith("类型：约束性；指标值现状（2025年）：1.31；指标值近期规划（2030年）：1.31")


def test_text_table_rows_are_clauses_with_their_headers(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(TEXT_TABLE, encoding="utf-8")
    doc = corpus.load_document(p)
    rows = _rows(doc)
    assert [r.text for r in rows] == [ln for ln in TEXT_TABLE.splitlines() if ln[:1].isdigit()]
    assert {r.title for r in rows} == {"序号 | 指标名称 | 单位 | 属性 | 2025年 | 2030年目标"}
    assert all(r.section_path == ("发展目标",) for r in rows)
    # the header row stays in the text, as a heading of the rows (no fact to show on its own)
    header = next(c for c in doc.clauses if c.text.startswith("序号"))
    assert header.kind == "heading" and header.title == header.text and header.section_path == ("发展目标",)
    assert [s.title for s in doc.outline] == ["发展目标", "主要任务"]
    assert doc.clauses[-1].text == "加快数字产业化，培育数字产业集群。"


def test_markdown_table_rule_row_is_not_a_clause(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text("## 一、发展目标\n\n| 指标 | 单位 | 目标 |\n|---|---|---|\n| 新增就业岗位 | 万个 | 15 |\n"
                 "| 城镇化率 | % | 70 |\n", encoding="utf-8")
    doc = corpus.load_document(p)
    assert [r.text for r in _rows(doc)] == ["| 新增就业岗位 | 万个 | 15 |", "| 城镇化率 | % | 70 |"]
    assert [c.kind for c in doc.clauses if c.text == "| 指标 | 单位 | 目标 |"] == ["heading"]


def test_a_row_answers_its_question(tmp_path):
    from index import Retriever

    p = tmp_path / "plan.txt"
    p.write_text(TEXT_TABLE, encoding="utf-8")
    doc = corpus.load_document(p)
    r = Retriever.build(doc.clauses, encoder=None, mode="bm25")
    hit = r.search("新增就业岗位2030年目标是多少", k=1)[0]
    assert hit.text.startswith("2 | 新增就业岗位")


def test_docx_table_rows_are_clauses_with_their_headers(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def cell(t):
        return f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"

    def row(*cells):
        return "<w:tr>" + "".join(cell(c) for c in cells) + "</w:tr>"

    table = "<w:tbl>" + row("指标", "单位", "2030年") + row("新增就业岗位", "万个", "15") + \
        row("城镇化率", "%", "70") + "</w:tbl>"
    body = ("<w:p><w:r><w:t>一、发展目标</w:t></w:r></w:p><w:p><w:r><w:t>到2030年，经济实力明显增强。</w:t></w:r></w:p>"
            + table + "<w:p><w:r><w:t>二、主要任务</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>加快数字产业化。</w:t></w:r></w:p>")
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'.encode()
    path = tmp_path / "t.docx"
    path.write_bytes(_docx_bytes(xml))
    doc = corpus.load_document(path)
    rows = _rows(doc)
    assert [c.kind for c in doc.clauses if c.text == "指标 单位 2030年"] == ["heading"]
    assert [(r.text, r.title, r.section_path) for r in rows] == [
        ("新增就业岗位 万个 15", "指标 单位 2030年", ("发展目标",)),
        ("城镇化率 % 70", "指标 单位 2030年", ("发展目标",))]


def test_one_column_box_table_still_reads_as_paragraphs(tmp_path):
    pytest.importorskip("docx")
    from tests.test_corpus_formats import test_docx_reads_paragraphs_inside_tables

    test_docx_reads_paragraphs_inside_tables(tmp_path)


def test_docx_box_table_with_a_merged_caption_row(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def cell(t, span=1):
        grid = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
        return f"<w:tc>{grid}<w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"

    rows = ("<w:tr>" + cell("专栏1 主要指标", 3) + "</w:tr>"
            "<w:tr>" + cell("指标") + cell("2020年") + cell("2025年") + "</w:tr>"
            "<w:tr>" + cell("数字经济核心产业增加值（亿元）") + cell("500") + cell("800") + "</w:tr>")
    body = ("<w:p><w:r><w:t>一、发展目标</w:t></w:r></w:p><w:p><w:r><w:t>到2025年，数字经济实力明显增强。</w:t></w:r></w:p>"
            f"<w:tbl>{rows}</w:tbl><w:p><w:r><w:t>二、主要任务</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>加快数字产业化。</w:t></w:r></w:p>")
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'.encode()
    path = tmp_path / "box.docx"
    path.write_bytes(_docx_bytes(xml))
    doc = corpus.load_document(path)
    row = next(c for c in doc.clauses if c.text.startswith("数字经济核心产业增加值"))
    assert row.kind == "table" and row.title == "指标 2020年 2025年"
    assert row.section_path[:2] == ("发展目标", "主要指标")
    assert [s.kind for s in doc.outline[0].children] == ["box"]


def test_dense_text_reads_a_row_with_its_column_headers(tmp_path):
    from index.retriever import dense_text

    p = tmp_path / "plan.txt"
    p.write_text(TEXT_TABLE, encoding="utf-8")
    row = _rows(corpus.load_document(p))[1]
    assert dense_text(row) == ("发展目标\n序号：2；指标名称：新增就业岗位；单位：万个；属性：预期性；"
                               "2025年：3.2；2030年目标：累计15")
    assert row.text == "2 | 新增就业岗位 | 万个 | 预期性 | 3.2 | 累计15"      # what is shown stays the row


def test_dense_text_of_a_row_whose_cells_do_not_line_up():
    from index.retriever import table_row_text

    assert table_row_text("指标 单位 2030年", "新增就业岗位 万个 15") == "指标 单位 2030年\n新增就业岗位 万个 15"
    assert table_row_text("序号 | 指标 | 目标", "1 | 城镇化率") == "序号 | 指标 | 目标\n1 | 城镇化率"
    assert table_row_text("", "1 | 城镇化率 | 70") == "1 | 城镇化率 | 70"


CM_WATER = Path(__file__).resolve().parents[1] / "eval" / "plans" / "cm-water-14th.txt"


@pytest.mark.skipif(not CM_WATER.is_file(), reason="eval plan corpus not present")
def test_real_indicator_table_header_is_a_heading_and_rows_keep_their_text():
    """崇明区水务“十四五”规划's 主要指标 table: the header row is a heading, each indicator a row clause whose
    text is the verbatim row; no text of the document is lost."""
    from index.retriever import dense_text

    doc = corpus.load_document(CM_WATER)
    header = "序号 | 指标名称 | 指标属性 | 基准值（2020年） | 目标值（2025年） | 目标值（2035年）"
    assert [c.kind for c in doc.clauses if c.text == header] == ["heading"]
    row = next(c for c in doc.clauses if c.text.startswith("3 | 河湖水面积"))
    assert row.kind == "table" and row.title == header
    assert row.text == "3 | 河湖水面积 | 约束性 | 120.14平方公里 | 128.92平方公里 | 148.37平方公里"
    assert doc.text[row.span[0]:row.span[1]] == row.text
    assert "目标值（2025年）：128.92平方公里" in dense_text(row)
    assert len([c for c in doc.clauses if c.kind == "table" and c.title == header]) == 15


@pytest.mark.skipif(not CM_WATER.is_file(), reason="eval plan corpus not present")
def test_real_table_question_is_answered_by_its_row_not_the_header(tmp_path):
    from index import Retriever

    doc = corpus.load_document(CM_WATER)
    r = Retriever.build(doc.clauses, encoder=None, mode="bm25")
    hits = r.search("河湖水面积2025年的目标值是多少，是什么属性的指标？", k=5)
    content = [h for h in hits if h.kind != "heading"]      # what the answer layer shows (assistant.core)
    assert content[0].text.startswith("3 | 河湖水面积")


# --- task tables flattened one cell per line (corpus.cells) -------------------------------------
FLAT_TASKS = """\
一、主要任务
（一）改善农村道路环境。推进“四好农村路”高质量发展，三年完成农村公路提档升级改造600公里。
二、保障措施
加强统筹协调。
附件
三年行动计划任务清单（2024-2026年）
任务
重点任务（2024-2026）
2024年工作项目
2025年计划
2026年计划
牵头
部门
（一）
提升交通设施环境品质
1、改善农村道路环境
（1）推进“四好农村路”高质量发展。
农村公路提档升级改造300公里。
农村公路提档升级改造200公里。
农村公路提档升级改造100公里。
设施养护处
（2）持续优化机场航站楼服务设施。
完成T2航站楼AE岛整体更新项目；
完成T2航站楼旅客座椅更新；
完成T1航站楼外籍人员一站式服务；
完善T2航站楼建筑遮阳；
民用航空处
"""


def test_flattened_task_table_cells_are_titled_with_their_year_column(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(FLAT_TASKS, encoding="utf-8")
    doc = corpus.load_document(p)
    by_text = {c.text: c for c in doc.clauses}
    for text, column in (("农村公路提档升级改造300公里。", "2024年工作项目"),
                         ("农村公路提档升级改造200公里。", "2025年计划"),
                         ("农村公路提档升级改造100公里。", "2026年计划")):
        assert by_text[text].title == column and by_text[text].kind == "table"
    # the numbered task holds the three-year target: content titled with the range column
    task = by_text["（1）推进“四好农村路”高质量发展。"]
    assert task.kind == "table" and task.title == "重点任务（2024-2026）"
    # the unit cell, and a task whose 2024 cell runs over several lines, are left as they are
    assert by_text["设施养护处"].title == ""
    assert all(by_text[t].title == "" for t in ("完成T2航站楼AE岛整体更新项目；", "完成T2航站楼旅客座椅更新；"))
    # the text stays verbatim and the prose outside the table is untouched
    assert all(doc.text[c.span[0]:c.span[1]] == c.text for c in doc.clauses)
    annex = ("附件：三年行动计划任务清单（2024-2026年）",)       # the bare 附件 named by its title line
    assert all(c.kind != "table" for c in doc.clauses if c.section_path[:1] != annex)
    assert task.section_path[:1] == annex


def test_no_plan_without_such_a_table_gets_a_column_title():
    for doc in [corpus.load_shipped()[0]]:
        assert not [c for c in doc.clauses if c.kind == "table" and "|" not in c.title]


def test_a_year_question_on_a_flattened_task_list_gets_that_years_cell(tmp_path):
    from assistant import PlanAssistant
    from eval.corpus import find_plan
    pa = PlanAssistant.from_paths([str(find_plan("sh-transport-finemgmt-2024"))], encoder="none",
                                  index_dir=tmp_path / "idx")
    ans = pa.ask("2025年农村公路提档升级改造多少公里？")
    assert ans.excerpts[0].text == "农村公路提档升级改造200公里。"
    assert ans.citations()[0].startswith("〔推进“四好农村路”高质量发展（2025年计划）")


def test_a_row_opening_with_its_own_number_stays_a_row_of_its_table():
    # 广州's 指标体系 (eval/plans): under a merged 一级指标 cell a row opens "2.签约服务覆盖率 | …", which is
    # no numbered heading ending the table
    from eval.corpus import find_plan
    doc = corpus.load_document(find_plan("gz-family-doctor-plan"))
    rows = [c for c in doc.clauses if c.clause_id.startswith("gz-family-doctor-plan:附件1.") and " | " in c.text]
    assert len(rows) >= 19 and all(c.kind == "table" for c in rows if c.text[:1].isdigit())
    assert all(doc.text[c.span[0]:c.span[1]] == c.text for c in doc.clauses)
    # a group label a row opens with (（一）合理配置医疗资源… | 1 | …, 平潭's 医改 task table) still heads the rows
    # after it, as the section they sit in
    doc = corpus.load_document(find_plan("pingtan-hospital-reform-plan"))
    row = next(c for c in doc.clauses if c.text.startswith("2 | 加快医疗资源建设"))
    assert row.kind == "table" and row.section_path[-1].startswith("合理配置医疗资源")


def test_a_group_label_row_with_figures_is_a_row_and_heads_the_rows_under_its_heading():
    # 上海's 政府信息公开 年度报告 (eval/plans): under 三、收到和处理政府信息公开申请情况 the table's rows open with
    # 三、本年度办理结果 / （五）不予处理; they head the rows after them inside 三 (not beside it), and a row
    # that carries figures (（五）不予处理 | 1.信访举报投诉类申请 | 148 | 1) is itself a row to cite
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("sh-infodisclosure-report-2019"))
    assert [s.title for s in d.outline] == ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                            "政府信息公开行政复议、行政诉讼情况", "政府信息公开工作存在的主要问题及改进情况",
                                            "其他需要报告的事项"]
    row = next(c for c in d.clauses if "信访举报投诉类申请" in c.text)
    assert row.kind == "table" and row.section_path == ("收到和处理政府信息公开申请情况", "本年度办理结果", "不予处理")
    # a row of figures only (一、本年新收政府信息公开申请数量 | 821 | 35 |  |  | 2 | 1 | 859) heads nothing,
    # and "第二十条第（一）项" cites an article of the 条例: no article of the report
    assert not any(s.title.startswith("本年新收") for s in d.outline[2].children)
    assert not any("第二十条" in s.section_id for s in d.outline)
    # 石城's 考核细则 (eval/plans) is two tables and nothing else: the category rows of each are its parts, the
    # first table's three side by side (a table at the top of the text holds no heading to nest them under)
    d = corpus.load_document(find_plan("shicheng-river-chief-rules"))
    assert [s.title for s in d.outline][:4] == ["通用考核项目（全部责任单位）", "部门履职差异考核项目", "综合奖扣分项目",
                                                "巩固成果，提升河长制工作实效"]
    # 平潭's task table: the row its group label opens is a row of the table, not the heading's text alone
    d = corpus.load_document(find_plan("pingtan-hospital-reform-plan"))
    first = next(c for c in d.clauses if "科学编制卫生事业发展规划" in c.text and " | " in c.text)
    assert first.kind == "table" and first.text.startswith("（一）合理配置医疗资源")

def test_a_box_opening_with_a_line_over_its_numbered_list_holds_the_list():
    # 杭州's 纲要 (eval/plans): 专栏12 重大投资十大工程 opens "突出稳总量…聚焦十大领域…", then 1.…10.
    from eval.corpus import find_plan
    doc = corpus.load_document(find_plan("hangzhou-15th-outline"))
    box = [c for c in doc.clauses if c.clause_id.startswith("hangzhou-15th-outline:专栏12.")]
    assert [c.kind for c in box] == ["box"] * 11
    assert box[0].text.startswith("突出稳总量") and box[1].text.startswith("1.先进制造业基地领域")
    assert box[-1].text.startswith("10.民生设施领域")


# --- tables pasted as plain text, cells apart by runs of spaces (corpus.spacetables) ----------------
SPACE_TABLE = """\
目  录
第一章  发展基础    1
第二章  主要任务    3
第一章  发展基础
第一节  总体情况
全市经济总量稳步提升。  新兴产业加快发展。  民生保障持续改善。
专栏1  主要指标完成情况
序号    指标    属性    规划目标    完成情况
1    地区生产总值（亿元）    预期性    20000以上    6.5%
左右    19428.78
2    研发经费支出占比（%）    预期性    4左右        4
3    每万人口高价值发明专利数（件）    预期性    45        82
注：带〔〕数据为累计数。
专栏2  重点产业集群
产业集群    产业链
1．智能电网    1．智能电网装备
2．氢能
2．新材料    3．化工新材料
4．先进金属材料
第二章  主要任务
1.1  适用范围
本规划适用于全市。
"""


def test_a_table_pasted_with_spaces_between_its_cells_reads_as_a_table(tmp_path):
    # 南京's 纲要 (eval/plans) prints its 专栏 tables so; read as prose, "4左右        4" and the next row's
    # serial 3 ran together into "4左右 43 每万人口…"
    p = tmp_path / "plan.txt"
    p.write_text(SPACE_TABLE, encoding="utf-8")
    doc = corpus.load_document(p)
    header = "序号 | 指标 | 属性 | 规划目标 | 完成情况"
    assert [c.text for c in _rows(doc) if c.title == header] == [
        "1 | 地区生产总值（亿元） | 预期性 | 20000以上 | 6.5%左右 | 19428.78",      # the wrapped cell joined
        "2 | 研发经费支出占比（%） | 预期性 | 4左右 | 4",
        "3 | 每万人口高价值发明专利数（件） | 预期性 | 45 | 82"]
    assert [c.kind for c in doc.clauses if c.text == header] == ["heading"]
    # a table of two columns: a cell listing one item a line keeps its items, apart
    assert [c.text for c in _rows(doc) if c.title == "产业集群 | 产业链"] == [
        "1．智能电网 | 1．智能电网装备 2．氢能", "2．新材料 | 3．化工新材料 4．先进金属材料"]
    texts = [c.text for c in doc.clauses]
    # what is no table: the note under it, a 目录, headings with a gap after their number, sentences two
    # spaces apart, a word spaced out
    assert "注：带〔〕数据为累计数。" in texts
    assert not [c for c in doc.clauses if c.kind == "table" and not c.title.startswith(("序号", "产业集群"))]
    assert [s.title for s in doc.outline] == ["发展基础", "主要任务"]
    assert any(t.startswith("全市经济总量稳步提升。") for t in texts)
    assert all(doc.text[c.span[0]:c.span[1]] == c.text for c in doc.clauses)


@pytest.mark.skipif(not (Path(__file__).resolve().parents[1] / "eval" / "plans").is_dir(),
                    reason="eval plan corpus not present")
def test_real_tables_pasted_with_spaces_keep_their_rows_apart():
    from eval.corpus import find_plan
    doc = corpus.load_document(find_plan("nanjing-15th-outline"))
    box1 = [c for c in _rows(doc) if c.clause_id.startswith("nanjing-15th-outline:专栏1.")]
    assert len(box1) == 28 and all(c.title.startswith("序号 | 指标 | 属性 | 规划目标") for c in box1)
    assert "2 | 研发经费支出占地区生产总值比重（%） | 预期性 | 4左右 | 4" in [c.text for c in box1]
    assert not [c for c in doc.clauses if "4左右 43" in c.text or "4左右43" in c.text]
    row = next(c for c in doc.clauses if c.text.startswith("4．新材料 | "))
    assert row.kind == "table" and row.text.endswith("9．化工新材料 10．先进金属材料 11．无机非金属材料")
    # headings printed with two spaces after their number stay headings (智慧社区 指南's 1.1  适用范围)
    guide = corpus.load_document(find_plan("cn-smart-community-guide"))
    assert not [c for c in guide.clauses if c.kind == "table"]


MINERU_MD = """\
# 关于开展项目申报工作的通知

各县工信局：

现将《项目申报指南》印发给你们，请认真组织申报。

某某市工信局

2025年9月29日

# 附件

# 项目申报指南

一、申报条件

项目计划总投资500万元以上，补助比例为设备投资的$30\\%$，减排$\\geq 2$万吨$CO_2$。

# \\*\\*\\*县工信局关于\\*\\*\\*项目在建证明材料

<table><tr><td>序号</td><td>设备名称</td><td>数量</td><td>单价</td></tr><tr><td>1</td><td>数控机床</td><td>2</td>
<td>35万元</td></tr><tr><td>2</td><td colspan="2">工业机器人（含 <br>控制柜）</td><td>18万元</td></tr><tr><td>3</td>
<td></td><td></td><td></td></tr><tr><td>......</td><td></td><td></td><td></td></tr><tr><td></td><td>合计</td><td></td>
<td></td></tr></table>

注：进口设备需提供海关税务发票。

| 指标 | 2025年 | 2030年 |
|---|---|---|
| 产值<sup>1</sup> | 120亿元 | 200亿元 |
| 企业数 | 30家<br>（规上） | 50家 |
"""


def test_a_converters_markdown_is_read_as_its_page(tmp_path):
    # a PDF converted to Markdown (MinerU, marker) keeps its tables as HTML inside the text; they were
    # shown as "<table><tr><td>序号</td>…" cut in pieces
    p = tmp_path / "guide.md"
    p.write_text(MINERU_MD, encoding="utf-8")
    doc = corpus.load_document(p)
    assert not [c for c in doc.clauses if "<t" in c.text or "td>" in c.text]
    header = "| 序号 | 设备名称 | 数量 | 单价 |"
    assert [c.text for c in _rows(doc) if c.title == header] == [
        "| 1 | 数控机床 | 2 | 35万元 |", "| 2 | 工业机器人（含 控制柜） | 18万元 |"]     # a blank form's rows left out
    assert [c.kind for c in doc.clauses if c.text == header] == ["heading"]
    # Markdown's escapes are read (\\*\\*\\* is ***, the blank for a name), and the notice's 附件 line
    # heads the attached document's title without being part of it
    assert "***县工信局关于***项目在建证明材料" in [s.title for s in doc.outline]
    assert doc.title == "项目申报指南"
    assert "注：进口设备需提供海关税务发票。" in [c.text for c in doc.clauses]
    # inline math the converter wrote for printed text: 30%, ≥, CO₂
    assert "项目计划总投资500万元以上，补助比例为设备投资的30%，减排≥2万吨CO₂。" in [c.text for c in doc.clauses]
    # and the inline HTML another converter (marker) leaves in its Markdown tables: a line break, a note mark
    assert [c.text for c in _rows(doc) if c.title == "| 指标 | 2025年 | 2030年 |"] == [
        "| 产值¹ | 120亿元 | 200亿元 |", "| 企业数 | 30家 （规上） | 50家 |"]


def test_a_notices_attachment_marker_is_not_part_of_the_plans_title():
    # 雄安's 申报指南 (eval/plans): "附件" on the line over the guide's title, after the notice
    from eval.corpus import find_plan
    doc = corpus.load_document(find_plan("xiongan-baixiang-guide"))
    assert doc.title == "2025 年雄安新区“百项转型”项目申报指南"


def test_a_real_converters_markdown_reads_as_the_document():
    # 雄安's 生物技术 实施细则 (eval/plans), MinerU's Markdown as written: "# " on the notice's lines, the title,
    # 第一章 and some 第X条 alike, the notice's signature an image and a <details> block of text read off it,
    # its rates as $30\%$
    from eval.corpus import find_plan
    doc = corpus.load_document(find_plan("xa-biotech-rules"))
    assert doc.title == "〈关于支持现代生命科学和生物技术产业发展的若干措施（试行）〉实施细则"
    assert (doc.issuer, doc.doc_number, doc.date) == ("河北雄安新区管理委员会改革发展局", "雄安改发〔2024〕74号", "2024-09-14")
    # the title heads no part: the ten chapters are the top of the outline
    assert [s.number for s in doc.outline] == [f"第{n}章" for n in "一二三四五六七八九十"]
    assert not [c for c in doc.clauses if "![" in c.text or "<" in c.text or "$" in c.text or "text_image" in c.text]
    assert any("30%" in c.text for c in doc.clauses)


def test_a_catalogues_rows_keep_their_header_under_every_category_line():
    # the national 环评 分类管理名录 (eval/plans): 173 rows under 55 category lines (四十九、卫生84), the rows
    # leaving out their empty trailing cells. The table used to stop at the first category line, and each
    # group's first row was taken for the header of the rows after it
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("cn-eia-classification-list"))
    rows = [c for c in d.clauses if c.kind == "table"]
    assert len({c.text.split(" | ")[0] for c in rows if c.text.split(" | ")[0].isdigit()}) == 173
    assert {c.title for c in rows} == {"环评类别 项目类别 | 报告书 | 报告表 | 登记表 | 本栏目环境敏感区含义"}
    hospital = next(c for c in rows if "住院床位500张" in c.text)
    assert hospital.section_path[-1] == "卫生84"


def test_lines_of_references_and_a_top_heading_after_them_stay_apart(tmp_path):
    # a standard's 规范性引用文件, one line each, long and unpunctuated like a sentence cut at a line end;
    # "3 术语和定义" after them; a term's number alone on its line over the term ("3.1" / "固定污染源 …")
    text = ("1 范围\n本文件规定了某某排放的控制要求。\n2 规范性引用文件\n下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n"
            "GB/T 16157 固定污染源排气中颗粒物测定与气态污染物采样方法很长的名称\n"
            "HJ 1154 环境空气 醛、酮类化合物的测定 溶液吸收-高效液相色谱法很长的名称\n"
            "3 术语和定义\n下列术语和定义适用于本文件。\n3.1\n固定污染源 stationary pollution sources\n"
            "排放大气污染物的设施或者建（构）筑物。\n[来源：GB 16297—1996，定义3.7，有修改]\n3.2\n无组织排放 fugitive emission\n"
            "大气污染物不经过排气筒的无规则排放。\n4 控制要求\n4.1 一般要求\n企业应当建立台账。\n4.2 特别要求\n"
            "重点地区的企业应当符合特别控制要求。\n")
    p = tmp_path / "std.txt"
    p.write_text(text, encoding="utf-8")
    d = corpus.load_document(p)
    assert [s.title for s in d.outline] == ["范围", "规范性引用文件", "术语和定义", "控制要求"]
    refs = [c.text for c in d.clauses if c.section_path == ("规范性引用文件",)]
    assert refs[-2:] == ["GB/T 16157 固定污染源排气中颗粒物测定与气态污染物采样方法很长的名称",
                        "HJ 1154 环境空气 醛、酮类化合物的测定 溶液吸收-高效液相色谱法很长的名称"]
    terms = {c.title: c.text for c in d.clauses if c.kind == "glossary"}
    assert terms == {"固定污染源": "排放大气污染物的设施或者建（构）筑物。", "无组织排放": "大气污染物不经过排气筒的无规则排放。"}


def test_rows_printed_a_line_each_with_single_spaces_stay_apart_under_their_serial_numbers():
    # a table copied with its cells a single space apart and a row a line, each opening with its serial:
    # the line before a row stops without punctuation, which once read as a sentence cut at the line end,
    # so rows ran together ("…商物处15 对外贸易…", "GB/T 202716 《…", "＞40 预期性7 高新…")
    from eval.corpus import find_plan
    checks = (("pt-econ-spotcheck-list", "15 对外贸易经营者备案登记、变更的监督管理 ", "商物处15"),
              ("cn-cim-platform-guide", "5 《信息安全技术 信息系统通用安全技术要求》GB/T 20271", "GB/T 202716"),
              ("suzhou-15th-outline", "7 高新技术产业产值占规上工业总产值比重（%） ＞60 预期性", "预期性7"))
    for plan, row, joined in checks:
        doc = corpus.load_document(find_plan(plan))
        assert [c for c in doc.clauses if c.text.startswith(row)], plan
        assert not [c for c in doc.clauses if joined in c.text], plan
    # lines wrapped under a row's cell stay with their row (北京's 指标 table as its PDF prints it)
    bj = corpus.load_document(find_plan("bj-15th-outline"))
    assert [c for c in bj.clauses if c.text.startswith("14 优良水体比例(%) —达到国家要求约束性")]
    assert not [c for c in bj.clauses if c.text in ("达到国家", "完成经国家", "审核衔接后")]


# --- tables flattened one cell per line, rows counted by 序号 (corpus.linetables) ------------------
FLAT_CELLS = """\
第一章 发展目标
到2030年，全区水务设施体系基本完善。
表1 主要指标
序号
类别
指标名称
现状值
目标值
1
水安全
新建泵站
2
座
2
雨水管网改造
15公里
40公里
3
水资源
新建调蓄池
3
6
注：目标值为累计数。
第二章 重点项目
序号
项目类型
项目名称
建设内容
一
水安全
1
泵闸建设
真如泵闸
拆除重建真如泵闸
二
水环境
2
管网修复
排水管道修复
修复排水管道15公里
3
管网修复
雨污混接整治
开展住宅小区雨污混接整治
各街道要按照以上项目清单推进实施。
第三章 保障措施
材料按序号排列，一式两份。
序号
1
2
"""


def test_a_table_flattened_a_cell_a_line_reads_as_rows_under_its_serial_numbers(tmp_path):
    # a table copied out of a PDF viewer or a web page (普陀区水务“十五五”规划, eval/unseen) prints every
    # cell on a line of its own; read as prose, "40公里" or "6" was a clause of its own
    p = tmp_path / "plan.txt"
    p.write_text(FLAT_CELLS, encoding="utf-8")
    doc = corpus.load_document(p)
    header = "序号 | 类别 | 指标名称 | 现状值 | 目标值"
    # the category merged over two rows is printed once: the second row is a cell short; the cell "2"
    # of the first row is not the next row's serial
    assert [c.text for c in _rows(doc) if c.title == header] == [
        "1 | 水安全 | 新建泵站 | 2 | 座", "2 | 雨水管网改造 | 15公里 | 40公里", "3 | 水资源 | 新建调蓄池 | 3 | 6"]
    assert [c.kind for c in doc.clauses if c.text == header] == ["heading"]
    # group rows (一 / 水安全) are rows of their own, not cells of the row above or the header
    projects = "序号 | 项目类型 | 项目名称 | 建设内容"
    assert [c.text for c in _rows(doc) if c.title == projects] == [
        "一 | 水安全", "1 | 泵闸建设 | 真如泵闸 | 拆除重建真如泵闸", "二 | 水环境",
        "2 | 管网修复 | 排水管道修复 | 修复排水管道15公里", "3 | 管网修复 | 雨污混接整治 | 开展住宅小区雨污混接整治"]
    texts = [c.text for c in doc.clauses]
    # the note under a table, the line after its last row and a 序号 with no cells under it are no rows
    assert "注：目标值为累计数。" in texts and "各街道要按照以上项目清单推进实施。" in texts
    assert not [c for c in doc.clauses if c.section_path[:1] == ("保障措施",) and c.kind == "table"]
    assert [s.title for s in doc.outline] == ["发展目标", "重点项目", "保障措施"]
    assert all(doc.text[c.span[0]:c.span[1]] == c.text for c in doc.clauses)


def test_a_real_indicator_table_flattened_a_cell_a_line_answers_by_its_row(tmp_path):
    from assistant import PlanAssistant
    from tests.test_assistant_general import _unseen_plan
    plan = _unseen_plan("putuo-water-15th")
    doc = corpus.load_document(plan)
    rows = [c for c in _rows(doc) if c.title.startswith("序号 | 类别 | 指标名称 | 指标属性")]
    assert len(rows) == 10 and "5 | 河湖水面率 | 预期性 | 3.86% | 3.95%" in [c.text for c in rows]
    assert len([c for c in _rows(doc) if c.title.startswith("序号 | 项目类型 | 项目名称")]) == 27 + 5
    pa = PlanAssistant.from_paths([plan], encoder="none", index_dir=tmp_path / "idx")
    ans = pa.ask("河湖水面率的目标值是多少？")
    assert not ans.abstained and ans.excerpts[0].text == "5 | 河湖水面率 | 预期性 | 3.86% | 3.95%"


def test_a_pdf_text_layer_printing_a_cell_a_line_reads_as_rows(tmp_path):
    # a PDF's text layer often gives a table's cells a line each, as a viewer's copy does: its pages are read so too
    from tests.test_corpus_formats import make_pdf
    pdf = tmp_path / "plan.pdf"
    lines = FLAT_CELLS.split("\n第二章 重点项目\n")[0].split("\n")
    make_pdf(pdf, [(1, lines)])
    doc = corpus.load_document(pdf)
    header = "序号 | 类别 | 指标名称 | 现状值 | 目标值"
    assert [c.text for c in _rows(doc) if c.title == header] == [
        "1 | 水安全 | 新建泵站 | 2 | 座", "2 | 雨水管网改造 | 15公里 | 40公里", "3 | 水资源 | 新建调蓄池 | 3 | 6"]
    row = next(c for c in _rows(doc) if c.text.startswith("2 | 雨水管网改造"))
    assert row.pages == (1, 1)
