"""Tables (主要指标, 专栏 tables): every row is a clause of its own, titled with the column headers, so a
question about one indicator finds its row, cited with its page."""
from __future__ import annotations

import pytest

import corpus
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


def test_text_table_rows_are_clauses_with_their_headers(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(TEXT_TABLE, encoding="utf-8")
    doc = corpus.load_document(p)
    rows = _rows(doc)
    assert [r.text for r in rows][1:] == [ln for ln in TEXT_TABLE.splitlines() if ln[:1].isdigit()]
    assert {r.title for r in rows} == {"序号 | 指标名称 | 单位 | 属性 | 2025年 | 2030年目标"}
    assert all(r.section_path == ("发展目标",) for r in rows)
    assert [s.title for s in doc.outline] == ["发展目标", "主要任务"]
    assert doc.clauses[-1].text == "加快数字产业化，培育数字产业集群。"


def test_markdown_table_rule_row_is_not_a_clause(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text("## 一、发展目标\n\n| 指标 | 单位 | 目标 |\n|---|---|---|\n| 新增就业岗位 | 万个 | 15 |\n"
                 "| 城镇化率 | % | 70 |\n", encoding="utf-8")
    rows = _rows(corpus.load_document(p))
    assert [r.text for r in rows] == ["| 指标 | 单位 | 目标 |", "| 新增就业岗位 | 万个 | 15 |", "| 城镇化率 | % | 70 |"]


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
    rows = _rows(corpus.load_document(path))
    assert [(r.text, r.title, r.section_path) for r in rows] == [
        ("指标 单位 2030年", "指标 单位 2030年", ("发展目标",)),
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
