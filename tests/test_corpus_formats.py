"""corpus loaders: the shipped plan as PDF and DOCX (generated here) parses to
the same clauses as the text file; encodings; bad input gives one-line
errors naming the file and the reason."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import corpus
from corpus.loaders import read_source
from corpus.paragraphs import assemble

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"
DOC_ID = "sc-sei-13"


@pytest.fixture(scope="module")
def txt_doc():
    return corpus.load_document(PLAN_TXT)


def _printed_pages(path: Path) -> list[tuple[int, list[str]]]:
    """The text file's printed pages: (page number, lines) in order."""
    from eval.ocr_bench import printed_pages
    return printed_pages(path)


def make_pdf(path: Path, pages: list[tuple[int, list[str]]], strip_hints: bool = True,
             footer: str = "- {} -", head: str = "") -> None:
    """One PDF page per printed page, the lines as wrapped in the source (a line given as a list
    of (text, raised) runs is drawn run by run, a raised run as a superscript), the
    page number as a footer ("- N -" unless ``footer`` says otherwise), ``head`` as a running head
    on every page; trailing spaces are dropped so that the paragraph assembler must work without
    the trailing-space hint."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for number, lines in pages:
        if head:
            c.setFont("STSong-Light", 9)
            c.drawCentredString(width / 2, height - 30, head)
        y = height - 50
        c.setFont("STSong-Light", 11)
        for line in lines:
            if isinstance(line, list):      # runs (text, raised): a raised run is a note mark, smaller
                x = 40
                for part, raised in line:
                    size = 7 if raised else 11
                    c.setFont("STSong-Light", size)
                    c.drawString(x, y + (4 if raised else 0), part)
                    x += pdfmetrics.stringWidth(part, "STSong-Light", size)
                c.setFont("STSong-Light", 11)
                y -= 16
                continue
            text = line.rstrip() if strip_hints else line
            if text.strip():
                c.drawString(40, y, text)
            y -= 16
        c.drawCentredString(width / 2, 25, footer.format(number))
        c.showPage()
    c.save()


def make_docx(path: Path, source_txt: Path) -> None:
    """One Word paragraph per plan paragraph; a page break (inside the
    paragraph when a page ends mid-paragraph) at every printed page change."""
    import docx
    from docx.enum.text import WD_BREAK

    src = read_source(source_txt)
    paragraphs = assemble(src.lines, src.hinted)
    document = docx.Document()
    page = paragraphs[0].pages[0][1]
    for para in paragraphs:
        p = document.add_paragraph()
        bounds = [off for off, _ in para.pages] + [len(para.text)]
        for (off, pg), end in zip(para.pages, bounds[1:]):
            run = p.add_run()
            for _ in range(pg - page):
                run.add_break(WD_BREAK.PAGE)
            page = pg
            run.add_text(para.text[off:end])
    document.save(str(path))


def _triples(doc):
    return [(c.text, c.section_path, c.kind) for c in doc.clauses]


def test_pdf_without_line_end_hints_parses_like_the_text_file(tmp_path, txt_doc):
    pdf = tmp_path / "plan.pdf"
    make_pdf(pdf, _printed_pages(PLAN_TXT))
    src = read_source(pdf)
    assert src.kind == "pdf" and not src.hinted
    doc = corpus.load_document(pdf, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)
    assert [c.clause_id for c in doc.clauses] == [c.clause_id for c in txt_doc.clauses]
    # printed page numbers come from each PDF page's own "- N -" footer
    assert [c.pages for c in doc.clauses] == [c.pages for c in txt_doc.clauses]
    assert doc.outline == txt_doc.outline


@pytest.mark.parametrize("footer, head", [
    ("{}", ""),                                      # a bare page number
    ("第{}页", ""),
    ("- {} -", "四川省“十三五”战略性新兴产业发展规划"),    # the title as a running head (and on page 1)
    ("{}", "四川省人民政府办公厅"),
])
def test_page_numbers_and_running_heads_stay_out_of_the_text(tmp_path, txt_doc, footer, head):
    # left in, they land inside the paragraphs that run across a page break
    pdf = tmp_path / "plan.pdf"
    make_pdf(pdf, _printed_pages(PLAN_TXT), footer=footer, head=head)
    doc = corpus.load_document(pdf, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)
    assert [c.pages for c in doc.clauses] == [c.pages for c in txt_doc.clauses]


def test_page_furniture_is_read_only_where_the_pages_agree():
    from corpus.furniture import strip_furniture
    pages = ["封面", "一、总体要求\n加快发展。\n1", "二、重点任务\n推进建设。\n2", "三、保障措施\n表1\n7"]
    cleaned = strip_furniture(pages)
    assert [shown for _, shown in cleaned] == [None, 1, 2, 3]
    assert cleaned[1][0] == "一、总体要求\n加快发展。" and cleaned[3][0].endswith("\n7")   # 7 is no page number
    # a line repeated at the top of pages is a running head only without sentence punctuation or fields
    table = ["序号 指标 单位 目标\n1 产值 亿元 100"] * 4
    assert [t for t, _ in strip_furniture(table)] == table


def test_docx_parses_like_the_text_file(tmp_path, txt_doc):
    path = tmp_path / "plan.docx"
    make_docx(path, PLAN_TXT)
    doc = corpus.load_document(path, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)
    # no printed numbers in the .docx: pages are counted from 1 at its page
    # breaks, and the text file starts at printed page 2
    assert [(a - 1, b - 1) for a, b in (c.pages for c in txt_doc.clauses)] == [c.pages for c in doc.clauses]


def test_docx_headings_numbered_by_word_keep_their_levels(tmp_path):
    # Word's automatic numbering leaves no 一、 / 第一章 in a heading's text: its style (标题 1 /
    # Heading 2) is all that says it is one
    import docx

    document = docx.Document()
    document.add_paragraph("某县数字乡村发展规划", style="Title")
    document.add_heading("总体要求", level=1)
    document.add_heading("发展目标", level=2)
    document.add_paragraph("到2025年，建成县级农产品电商服务中心一个，培育智慧农业示范基地十个。")
    document.add_heading("重点任务", level=1)
    document.add_paragraph("（一）智慧农业。推广大棚物联网监测设备，建设县级农业大数据平台。")
    document.add_paragraph("（二）乡村治理。推进“互联网+政务服务”向村延伸。")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    doc = corpus.load_document(path)
    path_of = {c.text[:4]: c.section_path for c in doc.clauses}
    assert doc.title == "某县数字乡村发展规划"
    assert path_of["到202"] == ("总体要求", "发展目标")
    # a typed (一) under a Word heading stays under it
    assert path_of["（二）乡"] == ("重点任务", "乡村治理")
    assert [s.title for s in doc.outline] == ["总体要求", "重点任务"]


def _word_list(document, abstract_id: int, levels: str, overrides: str = "") -> int:
    """Add a list to a python-docx document's numbering part; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}'
                                  '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{abstract_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))
    return abstract_id


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    """One w:lvl of a list definition, counting from 1."""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'{extra}</w:lvl>')


def _numbered(paragraph_or_style, num_id: int, ilvl: int | None = None) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    element = paragraph_or_style._p if hasattr(paragraph_or_style, "_p") else paragraph_or_style.element
    element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))


def test_docx_labels_drawn_by_word_numbering_are_read_into_the_text(tmp_path):
    # a plan whose 一、 / （一） come from a multi-level list linked to 标题 1 / 标题 2: the text
    # and the section ids read as the printed page does
    import docx

    document = docx.Document()
    num = _word_list(document, 90,
                     _lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/>')
                     + _lvl(1, "chineseCounting", "（%2）", '<w:pStyle w:val="Heading2"/><w:suff w:val="nothing"/>'))
    for name in ("Heading 1", "Heading 2"):
        _numbered(document.styles[name], num)
    document.add_heading("总体要求", 1)
    document.add_heading("指导思想", 2)
    document.add_paragraph("全面贯彻党的二十大精神，推动数字经济高质量发展。")
    document.add_heading("发展目标", 2)
    document.add_paragraph("到2027年，全市数字经济核心产业增加值达到1000亿元。")
    document.add_heading("重点任务", 1)
    document.add_heading("建设算力基础设施", 2)
    document.add_paragraph("新建5G基站3000个，建成城市算力调度平台。")
    path = tmp_path / "word-numbered.docx"
    document.save(str(path))

    doc = corpus.load_document(path)
    texts = [c.text for c in doc.clauses]
    assert "一、总体要求" in texts and "（二）发展目标" in texts and "二、重点任务" in texts
    # the second level restarts under each first-level heading
    assert "（一）建设算力基础设施" in texts
    ids = {s.title: s.section_id for top in doc.outline for s in (top, *top.children)}
    assert ids == {"总体要求": "一", "指导思想": "一.（一）", "发展目标": "一.（二）",
                   "重点任务": "二", "建设算力基础设施": "二.（一）"}
    body = next(c for c in doc.clauses if c.text.startswith("到2027年"))
    assert body.section_path == ("总体要求", "发展目标")


def test_docx_list_numbering_counts_restarts_and_bullets(tmp_path):
    import docx

    document = docx.Document()
    decimal = _lvl(0, "decimal", "%1.") + _lvl(1, "decimalEnclosedCircle", "%2", '<w:suff w:val="nothing"/>')
    first = _word_list(document, 91, decimal)
    bullet = _word_list(document, 92, _lvl(0, "bullet", "●"))
    document.add_paragraph("各地要落实以下要求。")
    for text, lvl in (("加强组织领导。", 0), ("压实属地责任。", 1), ("建立工作专班。", 1), ("强化要素保障。", 0),
                      ("保障用地需求。", 1)):
        _numbered(document.add_paragraph(text), first, lvl)
    _numbered(document.add_paragraph("本方案自印发之日起施行。"), bullet, 0)
    path = tmp_path / "lists.docx"
    document.save(str(path))
    lines = [ln.text for ln in read_source(path).lines]
    assert lines == ["各地要落实以下要求。", "1. 加强组织领导。", "①压实属地责任。", "②建立工作专班。",
                     "2. 强化要素保障。", "①保障用地需求。", "本方案自印发之日起施行。"]


def test_docx_list_numbering_as_word_counts_it(tmp_path):
    # checked against what Word itself shows in real files (the tables of contents it saved):
    # an instance that redefines a level still counts with its list; a restart value holds for a
    # level never used; w:lvlRestart keeps a caption's count across the headings it does not name;
    # a label's own trailing space stays; the label follows a page break the paragraph opens with,
    # and the heading keeps its level on its page; a hidden empty numbered paragraph shows and
    # counts nothing, and hidden, moved-away and deleted text is not read
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    num = _word_list(document, 93,
                     _lvl(0, "chineseCounting", "第%1章 ", '<w:suff w:val="nothing"/>')
                     + _lvl(1, "decimal", "%1.%2", "<w:isLgl/>")
                     + _lvl(2, "decimal", "图%1-%3", '<w:lvlRestart w:val="1"/><w:isLgl/>'))
    redefined = _word_list(document, 94, "", '<w:lvlOverride w:ilvl="1">'
                           + _lvl(1, "decimal", "%1.%2", '<w:isLgl/><w:suff w:val="space"/>') + "</w:lvlOverride>")
    numbering = document.part.numbering_part.element
    numbering.remove(numbering.xpath('w:abstractNum[@w:abstractNumId="94"]')[0])
    numbering.xpath('w:num[@w:numId="94"]/w:abstractNumId')[0].set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "93")
    restarted = _word_list(document, 95, _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2"),
                           '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride>')

    def para(text, num_id, ilvl, style=None, page_break=False):
        p = document.add_paragraph(style=style)
        if page_break:
            p.add_run().add_break(WD_BREAK.PAGE)
        if text:
            p.add_run(text)
        _numbered(p, num_id, ilvl)
        return p

    para("绪论", num, 0, "Heading 1")
    para("研究背景", num, 1, "Heading 2")
    document.add_paragraph("本章介绍研究背景。")
    document.add_paragraph("国内外研究现状如下。")
    para("插入图片流程", num, 2)
    para("研究方法", redefined, 1, "Heading 2")
    para("插入表格流程", num, 2)
    para("正文格式", num, 0, "Heading 1", page_break=True)
    para("论文正文", redefined, 1, "Heading 2")
    document.add_paragraph("正文采用小四号宋体。")
    hidden = para("", num, 0, "Heading 1")
    hidden._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {nsdecls("w")}><w:vanish/></w:rPr>'))
    # a numbered heading a tracked change deleted, its mark with it: Word numbers it no more
    deleted = para("", num, 0, "Heading 1")
    deleted._p.get_or_add_pPr().append(parse_xml(f'<w:rPr {nsdecls("w")}><w:del w:id="3" w:author="a"/></w:rPr>'))
    deleted._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="4" w:author="a"><w:r><w:delText>删去的一章</w:delText>'
                                '</w:r></w:del>'))
    shown = document.add_paragraph("本章小结。")
    shown.add_run("（此处为隐藏的批注）")._r.get_or_add_rPr().append(parse_xml(f'<w:vanish {nsdecls("w")}/>'))
    # a tracked move: the text's old place is not printed, nor is deleted text
    shown._p.append(parse_xml(f'<w:moveFrom {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>旧位置</w:t></w:r>'
                              '</w:moveFrom>'))
    shown._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删去的字</w:delText>'
                              '</w:r></w:del>'))
    para("全文总结", num, 0, "Heading 1")
    para("管理巡视的实施", restarted, 1)
    path = tmp_path / "thesis.docx"
    document.save(str(path))
    lines = read_source(path).lines
    assert [ln.text for ln in lines] == [
        "第一章 绪论", "1.1 研究背景", "本章介绍研究背景。", "国内外研究现状如下。", "图1-1 插入图片流程",
        "1.2 研究方法", "图1-2 插入表格流程", "第二章 正文格式", "2.1 论文正文", "正文采用小四号宋体。", "本章小结。",
        "第三章 全文总结", "4.1 管理巡视的实施"]
    chapter = next(ln for ln in lines if ln.text == "第二章 正文格式")
    assert chapter.heading == 1 and chapter.page == 2


def test_docx_text_box_paragraphs_are_read_once_after_their_anchor(tmp_path):
    # a 专栏 drawn as a text box: Word writes it twice (a drawing, and VML for older readers) inside
    # the paragraph it is anchored to; its paragraphs are read once, as paragraphs of their own
    import docx
    from docx.oxml import parse_xml

    box = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in (
        "专栏1 数字基础设施重点工程", "01 千兆光网工程。新建5G基站3000个。", "02 算力枢纽工程。建成城市算力调度平台。"))
    run = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></v:rect>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    document = docx.Document()
    document.add_paragraph("一、重点任务")
    anchor = document.add_paragraph("（一）建设新型基础设施。加快千兆光网和算力设施建设。")
    anchor._p.append(run)
    document.add_paragraph("（二）发展数字产业。培育一批数字经济龙头企业。")
    path = tmp_path / "box.docx"
    document.save(str(path))
    lines = [ln.text for ln in read_source(path).lines]
    assert lines == ["一、重点任务", "（一）建设新型基础设施。加快千兆光网和算力设施建设。", "专栏1 数字基础设施重点工程",
                     "01 千兆光网工程。新建5G基站3000个。", "02 算力枢纽工程。建成城市算力调度平台。",
                     "（二）发展数字产业。培育一批数字经济龙头企业。"]
    # and the plan reads as its text does
    txt = tmp_path / "box.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _triples(corpus.load_document(path)) == _triples(corpus.load_document(txt))


def _add_docx_part(path: Path, name: str, xml: str, content_type: str, rel_type: str, rel_id: str = "") -> None:
    """Add a part (footnotes, endnotes, an imported page) to a saved .docx, with its content type
    and relationship."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode())
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", (
        f'<Relationship Id="{rel_id or f"rIdNote{len(parts)}"}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{rel_type}" Target="{name.split("/", 1)[1]}"/></Relationships>').encode())
    parts[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)


def test_docx_footnotes_follow_the_paragraph_that_cites_them_and_endnotes_come_last(tmp_path):
    # a 纲要's footnote defines a term on the page that uses it: it is plan text a reader cites
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("一、发展目标")
    cites = document.add_paragraph("到2025年，培育国家级专精特新“小巨人”企业50家。")
    cites._p.append(parse_xml(f'<w:r {w}><w:footnoteReference w:id="1"/></w:r>'))
    ends = document.add_paragraph("二、保障措施")
    ends._p.append(parse_xml(f'<w:r {w}><w:endnoteReference w:id="1"/></w:r>'))
    document.add_paragraph("加强组织领导，强化要素保障。")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    separators = (f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                  f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                  '</w:p></w:footnote>')
    _add_docx_part(path, "word/footnotes.xml",
                   f'<w:footnotes {w}>{separators}<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
                   '<w:r><w:t>专精特新企业：指具有专业化、精细化、特色化、新颖化特征的中小企业。</w:t></w:r></w:p>'
                   '</w:footnote></w:footnotes>',
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", "footnotes")
    _add_docx_part(path, "word/endnotes.xml",
                   f'<w:endnotes {w}><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>'
                   '<w:r><w:t>本规划数据来源于市统计局。</w:t></w:r></w:p></w:endnote></w:endnotes>',
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml", "endnotes")
    assert docx.Document(str(path)).paragraphs[1].text.startswith("到2025年")     # still a valid package
    lines = [ln.text for ln in read_source(path).lines]
    assert lines == ["一、发展目标", "到2025年，培育国家级专精特新“小巨人”企业50家。",
                     "专精特新企业：指具有专业化、精细化、特色化、新颖化特征的中小企业。",
                     "二、保障措施", "加强组织领导，强化要素保障。", "本规划数据来源于市统计局。"]


def _wrap(text: str, width: int = 30) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def _page_foot_notes_pdf(path: Path, first: list, notes: list, rest: list):
    """A PDF of two printed pages, loaded: 一、发展目标 with a paragraph and then one whose lines
    ``first`` end page 3 above the page-foot ``notes`` and whose lines ``rest`` open page 4, before
    二、保障措施 (lines as ``make_pdf`` takes them)."""
    pages = [(3, ["一、发展目标", *_wrap("坚持创新驱动，坚持市场主导，坚持开放合作，加快构建现代化产业体系，"
                                        "着力提升产业基础高级化和产业链现代化水平。"), *first, "", *notes]),
             (4, [*rest, "二、保障措施", *_wrap("加强组织领导，健全工作机制，形成工作合力，确保各项任务落到实处。")])]
    make_pdf(path, pages)
    return corpus.load_document(path)


def test_pdf_footnote_at_a_page_foot_does_not_split_the_paragraph_it_interrupts(tmp_path):
    # the text layer gives the note after the page's last body line, inside a paragraph that runs
    # on to the next page: the paragraph stays whole and the note becomes a clause of its own
    para = _wrap("到2025年，培育国家级专精特新“小巨人”企业①50家，建成一批特色产业集群，推动中小企业高质量发展，"
                 "形成大中小企业融通发展的格局，中小企业创新能力和专业化水平显著提升，产业链供应链韧性明显增强。")
    note = _wrap("①专精特新企业：指具有专业化、精细化、特色化、新颖化特征的中小企业，具体认定标准按国家有关规定执行。")
    doc = _page_foot_notes_pdf(tmp_path / "notes.pdf", para[:2], note, para[2:])
    texts = [c.text for c in doc.clauses]
    whole = next(c for c in doc.clauses if c.text.startswith("到2025年"))
    assert whole.text == "".join(para) and whole.pages == (3, 4)
    noted = next(c for c in doc.clauses if c.text.startswith("①"))
    assert noted.text == "".join(note) and noted.pages == (3, 3)
    assert texts.index(noted.text) == texts.index(whole.text) + 1
    assert noted.section_path[0] == whole.section_path[0] == "发展目标"


def _raised(line: str) -> list:
    """A line's runs for ``make_pdf``: each superscript digit (¹, ²) a raised run of its digit."""
    runs: list = []
    for ch in line:
        digit = "¹²³".find(ch)
        if digit >= 0:
            runs.append((str(digit + 1), True))
        elif runs and not runs[-1][1]:
            runs[-1] = (runs[-1][0] + ch, False)
        else:
            runs.append((ch, False))
    return runs


def test_pdf_note_marks_drawn_as_superscripts_stay_in_their_sentence(tmp_path):
    # Word prints a footnote's reference as a raised digit in a smaller size; the text layer gives it
    # as a line of its own, which cut 1000亿元 from the rest of its sentence. It is read back as
    # a superscript digit on its line, and the notes at the page foot, marked the same way, are
    # moved out of the paragraph they interrupt
    para = _wrap("到2025年，数字经济核心产业增加值达到1000亿元¹，算力规模达到5000P²，建成一批示范项目，"
                 "形成具有全国影响力的数字经济产业集群，数字化转型和产业数字化水平走在全国前列。")
    notes = ["¹数字经济核心产业：指为产业数字化发展提供数字技术、产品、服务的产业。", "²P：指每秒千万亿次浮点运算。"]
    doc = _page_foot_notes_pdf(tmp_path / "raised.pdf", [_raised(line) for line in para[:2]],
                               [_raised(n) for n in notes], para[2:])
    texts = [c.text for c in doc.clauses]
    whole = next(c for c in doc.clauses if c.text.startswith("到2025年"))
    assert whole.text == "".join(para) and whole.pages == (3, 4)
    assert texts[texts.index(whole.text) + 1:texts.index(whole.text) + 3] == notes
    assert not any(t.strip().isdigit() for t in texts)
    # a smaller run on the baseline (a table cell's figure) is not a mark
    from corpus.loaders import _raise_marks
    runs = [("产值\n", 40.0, 11.0, 700.0), ("12\n", 80.0, 8.0, 700.5), ("亿元\n", 100.0, 11.0, 700.0)]
    assert "".join(t for t, _, _ in _raise_marks(runs)) == "产值\n12\n亿元\n"
    # a raised exponent is read the same way: 万m² stays whole
    runs = [("新建住房120万m\n", 40.0, 11.0, 700.0), ("2\n", 120.0, 7.0, 704.0), ("，改造老旧小区。\n", 124.0, 11.0, 700.0)]
    assert "".join(t for t, _, _ in _raise_marks(runs)) == "新建住房120万m²，改造老旧小区。\n"


def test_a_list_item_at_a_page_foot_is_not_taken_for_a_footnote():
    from corpus.footnotes import move_footnotes

    pairs = [("主要任务包括：①建设产业园区；②建设研发平台。", 3), ("各地要统筹推进以下工作：", 3),
             ("①建设产业园区，完善园区道路、供水、供电等", 3), ("", 3),
             ("基础设施，提升承载能力。", 4), ("", 4)]
    assert move_footnotes(pairs) == pairs


def test_docx_that_imports_a_page_for_word_to_convert_is_read(tmp_path):
    # web editors and document-merging systems write an HTML page into the package (w:altChunk)
    # for Word to convert when it opens the file: the body holds a reference, not the text
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("关于印发某县数字乡村发展规划的通知")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        '<w:altChunk xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdPage1"/>'))
    path = tmp_path / "imported.docx"
    document.save(str(path))
    page = ("<html><head><meta charset='utf-8'></head><body><h2>一、总体要求</h2>"
            "<p>到2025年，建成县级农产品电商服务中心一个。</p><table><tr><td>指标</td><td>目标值</td><td>单位</td></tr>"
            "<tr><td>5G基站</td><td>3000</td><td>个</td></tr></table></body></html>")
    _add_docx_part(path, "word/page1.html", page, "text/html", "aFChunk", rel_id="rIdPage1")
    lines = read_source(path).lines
    assert [ln.text for ln in lines][:3] == ["关于印发某县数字乡村发展规划的通知", "一、总体要求",
                                            "到2025年，建成县级农产品电商服务中心一个。"]
    assert any("5G基站" in ln.text and ln.table for ln in lines)


def test_word_number_formats():
    from corpus.wordnum import chinese_number, format_number

    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 105, 110)] == \
        ["一", "十", "十一", "二十", "二十一", "一百零五", "一百一十"]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(12, "decimalEnclosedCircle") == "⑫"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(14, "lowerRoman") == "xiv"
    assert format_number(7, "somethingNew") == "7"


def test_docx_whose_every_paragraph_has_an_outline_level_reads_as_text(tmp_path):
    import docx

    document = docx.Document()
    for text in ("一、总体要求", "加快发展数字乡村。", "二、重点任务", "推广物联网设备。", "建设大数据平台。"):
        document.add_heading(text, level=1)
    path = tmp_path / "all-headings.docx"
    document.save(str(path))
    doc = corpus.load_document(path)
    assert [c.section_path for c in doc.clauses if c.kind == "body"] == [("总体要求",), ("重点任务",), ("重点任务",)]


def test_docx_reads_paragraphs_inside_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、发展重点")
    document.add_paragraph("推进产业发展，加快建设产业基地。")
    table = document.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.paragraphs[0].add_run("专栏 1 重点工程")
    cell.add_paragraph("基地建设工程：建设一批产业基地。")
    cell.add_paragraph("人才引进工程：引进一批领军人才。")
    document.add_paragraph("二、保障措施")
    document.add_paragraph("加强组织领导，落实工作责任。")
    path = tmp_path / "boxed.docx"
    document.save(str(path))
    doc = corpus.load_document(path)
    by_id = {c.clause_id.split(":", 1)[1]: c for c in doc.clauses}
    assert by_id["专栏1.2"].section_path == ("发展重点", "重点工程", "人才引进工程")
    assert by_id["二.1"].text == "加强组织领导，落实工作责任。"


# ----------------------------------------------------------------- encodings

def _plan_excerpt() -> str:
    text = PLAN_TXT.read_text(encoding="utf-8")
    start = text.index("三、推动新一代信息技术产业跨越发展")
    end = text.index("（二）突破发展下一代信息网络产业")
    return text[start:end]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_text_encodings_load(tmp_path, encoding):
    excerpt = _plan_excerpt()
    ref_path = tmp_path / "ref.txt"
    ref_path.write_text(excerpt, encoding="utf-8")
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(excerpt.encode(encoding))
    ref = corpus.load_document(ref_path, doc_id="x")
    doc = corpus.load_document(path, doc_id="x")
    assert [c.text for c in doc.clauses] == [c.text for c in ref.clauses]
    assert any("集成电路产业。提升移动通信芯片" in c.text for c in doc.clauses)


def test_short_gbk_text_is_not_misdetected(tmp_path):
    # a detector alone reads these bytes as Korean/Japanese
    path = tmp_path / "short.txt"
    path.write_bytes("（六）开放合作行动。".encode("gbk"))
    assert corpus.load_document(path).clauses[0].text == "（六）开放合作行动。"


def test_big5_text_loads(tmp_path):
    text = ("一、發展目標\n推動產業轉型升級，加快建設現代化產業體系，提升區域創新能力和綜合競爭力。\n"
            "二、保障措施\n加強組織領導，落實工作責任，強化監督考核。\n")
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    doc = corpus.load_document(path)
    assert [s.title for s in doc.outline] == ["發展目標", "保障措施"]
    assert doc.clauses[-1].text == "加強組織領導，落實工作責任，強化監督考核。"


# ----------------------------------------------------------------- bad input

def _error(path) -> str:
    with pytest.raises(corpus.CorpusError) as info:
        corpus.load_document(path)
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg
    return msg


def test_empty_files(tmp_path):
    for name in ("empty.txt", "empty.md", "empty.pdf", "empty.docx"):
        p = tmp_path / name
        p.write_bytes(b"")
        assert "empty" in _error(p)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    assert "empty" in _error(blank)


def test_binary_files(tmp_path):
    junk = bytes(range(256)) * 8
    p = tmp_path / "junk.txt"
    p.write_bytes(junk)
    assert "binary" in _error(p)
    rng = random.Random(7)
    no_nul = bytes(rng.randrange(1, 256) for _ in range(4000))
    q = tmp_path / "image.md"
    q.write_bytes(no_nul)
    assert "not a text file" in _error(q)
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_bytes(junk)
    assert "not a readable PDF" in _error(fake_pdf)
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_bytes(junk)
    assert "not a readable .docx" in _error(fake_docx)


def test_unknown_extension_missing_file_and_directory(tmp_path):
    p = tmp_path / "plan.xlsx"
    p.write_bytes(b"PK\x03\x04")
    assert "unsupported file type .xlsx" in _error(p)
    q = tmp_path / "plan"
    q.write_text("一、总体要求", encoding="utf-8")
    assert "unsupported file type" in _error(q)
    assert "file not found" in _error(tmp_path / "missing.txt")
    d = tmp_path / "folder.txt"
    d.mkdir()
    assert "directory" in _error(d)


def test_pdf_without_text_layer(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    assert "PDF has no text layer" in _error(p) and _error(p).endswith("需要 OCR (needs OCR)")
    with pytest.raises(corpus.UnreadableTextError):
        corpus.load_document(p)


def test_text_without_headings_falls_back_to_paragraphs(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text(
        "我省将加快发展新能源汽车产业，完善充电基础设施。\n"
        "同时推动大数据与实体经济深度融合，培育新业态。\n"
        "各地要结合实际抓好落实。\n",
        encoding="utf-8")
    doc = corpus.load_document(p)
    assert doc.doc_id == "notes"
    assert [c.text for c in doc.clauses] == [
        "我省将加快发展新能源汽车产业，完善充电基础设施。",
        "同时推动大数据与实体经济深度融合，培育新业态。",
        "各地要结合实际抓好落实。",
    ]
    assert {c.kind for c in doc.clauses} == {"body"}
    assert all(c.section_path == () for c in doc.clauses)
    assert [c.clause_id for c in doc.clauses] == ["notes:正文.1", "notes:正文.2", "notes:正文.3"]
    assert doc.outline == ()


def test_doc_id_from_file_name(tmp_path):
    assert corpus.slugify("Chengdu 14th_FYP (final)") == "chengdu-14th-fyp-final"
    assert corpus.slugify("成都市“十四五”规划") == "成都市-十四五-规划"
    assert corpus.slugify("！！") == corpus.slugify("！！")       # stable fallback
    assert re.fullmatch(r"doc-[0-9a-f]{8}", corpus.slugify("！！"))


def test_docx_pages_from_words_rendered_page_breaks(tmp_path):
    """Word stores where pages broke (w:lastRenderedPageBreak); when present
    they give the pages, and explicit breaks are not counted twice."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("一、发展基础")
    p = document.add_paragraph()
    p.add_run("我省产业基础较好，")
    run = p.add_run()
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))
    run.add_text("发展潜力较大。")
    q = document.add_paragraph()
    q.add_run("二、发展目标").add_break(WD_BREAK.PAGE)
    r = document.add_paragraph()
    r.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))
    r.add_run("到2025年，产业规模明显扩大。")
    path = tmp_path / "rendered.docx"
    document.save(str(path))
    ids = {c.clause_id.split(":", 1)[1]: c for c in corpus.load_document(path).clauses}
    assert ids["一.1"].text == "我省产业基础较好，发展潜力较大。" and ids["一.1"].pages == (1, 2)
    assert ids["二"].pages == (2, 2) and ids["二.1"].pages == (3, 3)


def test_docx_with_one_word_paragraph_per_printed_line(tmp_path, txt_doc):
    """What PDF-to-Word converters produce: every printed line is a Word
    paragraph; the paragraph ends must be found as in the PDF."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for i, (number, lines) in enumerate(_printed_pages(PLAN_TXT)):
        first = True
        for line in lines:
            if not line.strip():
                continue
            run = document.add_paragraph().add_run()
            if first and i > 0:
                run.add_break(WD_BREAK.PAGE)
            first = False
            run.add_text(line.rstrip())
    path = tmp_path / "converted.docx"
    document.save(str(path))
    doc = corpus.load_document(path, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)


def test_page_marker_conventions():
    from corpus.loaders import lines_from_text

    def pages(text):
        return [(t, p) for t, p in lines_from_text(text) if t.strip()]

    # headers (the shipped plan): a marker starts its page
    assert pages("封面\n- 2 -\n甲\n- 3 -\n乙") == [("封面", 1), ("甲", 2), ("乙", 3)]
    # footers: the file ends with a marker and text comes before the first one
    assert pages("甲\n- 1 -\n乙\n丙\n- 2 -\n") == [("甲", 1), ("乙", 2), ("丙", 2)]
    # pdftotext: form feeds between pages
    assert pages("甲\n乙\f丙\n\f丁") == [("甲", 1), ("乙", 1), ("丙", 2), ("丁", 3)]


def test_zero_width_characters_copied_from_a_web_page_are_dropped(tmp_path):
    # 湖北's 十五五 建议 (eval/plans) came with a U+200C after "十、": the title kept it invisibly
    p = tmp_path / "t.txt"
    p.write_text("某省规划\n一、总体要求\n坚持稳中求进。\n二、\u200c扩大\u200b内需\n促进消费。\ufeff\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert [s.title for s in d.outline] == ["总体要求", "扩大内需"]
    assert not any(ch in d.text for ch in "\u200b\u200c\ufeff")


def test_radicals_that_print_as_characters_are_read_as_those_characters(tmp_path):
    # a browser's PDF print of a gov.cn page (中办国办《关于实施革命文物保护利用工程的意见》) carries
    # Kangxi radicals (⼀ ⾰ ⽂) and simplified look-alikes (⺠ ⻅ ⻓): headings went unseen, nothing matched
    from corpus.loaders import fold_radicals
    assert fold_radicals("⼀、⾰命⽂物 ⺠族 意⻅ ⻓征 部⻔") == "一、革命文物 民族 意见 长征 部门"
    assert fold_radicals("（一）坚持人民至上") == "（一）坚持人民至上"          # nothing else changes
    p = tmp_path / "t.txt"
    p.write_text("某省意见\n⼀、重要意义\n⾰命⽂物是中华⺠族的宝贵财富。\n⼆、总体要求\n各部⻔要结合实际。\n",
                 encoding="utf-8")
    d = corpus.load_document(p)
    assert [s.title for s in d.outline] == ["重要意义", "总体要求"]
    assert "革命文物是中华民族的宝贵财富。" in d.text and "各部门要结合实际。" in d.text


# ----------------------------------------------------------------- web pages

_GOV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>某市养老服务体系建设三年行动计划_政策文件_某市人民政府门户网站</title>
<script>var menu = "一、不是正文";</script><style>.a{{}}</style></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/zw">政务公开</a> <a href="/zc">政策文件</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a> &gt; 正文</div>
<div class="article">
  <h1>某市养老服务体系建设三年行动计划</h1>
  <div class="info">发布时间：2024-03-01　来源：市民政局　<a href="#">【打印】</a></div>
  <div id="UCAP-CONTENT">
    <p style="text-indent:2em">为加快建设居家社区机构相协调、医养康养相结合的养老服务体系，制定本行动计划。</p>
    <p><strong>一、总体要求</strong></p>
    <p>　　坚持以人民为中心的发展思想，到2026年，全市养老机构护理型床位占比达到65%以上。</p>
    <p><strong>二、主要任务</strong></p>
    <p>（一）完善居家养老服务。对特殊困难老年人家庭实施适老化改造，每年完成改造500户。<br/>建设社区长者食堂30个，为80周岁以上老年人提供就餐补贴。</p>
    <table border="1"><tr><td>序号</td><td>指标</td><td>单位</td><td>目标值</td></tr>
      <tr><td>1</td><td>社区长者食堂</td><td>个</td><td>30</td></tr></table>
    <p><strong>三、保障措施</strong></p>
    <p>加强组织领导，将养老服务体系建设纳入市政府重要议事日程。</p>
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="side"><h3>相关文件</h3><ul><li><a href="/1">关于印发某市城市更新实施方案的通知</a></li></ul></div>
<div class="footer">主办单位：某市人民政府办公室　网站标识码：1234567890</div>
</body></html>
"""


@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("gbk", "gbk")])
def test_a_plan_saved_from_its_web_page_keeps_the_article_only(tmp_path, charset, encoding):
    path = tmp_path / "plan.html"
    path.write_bytes(_GOV_PAGE.format(charset=charset).encode(encoding))
    doc = corpus.load_document(path)
    assert doc.title == "某市养老服务体系建设三年行动计划"
    texts = [c.text for c in doc.clauses]
    for chrome in ("首页", "当前位置", "发布时间", "分享到", "相关文件", "主办单位", "不是正文"):
        assert not any(chrome in t for t in texts), chrome
    by_start = {c.text[:6]: c for c in doc.clauses}
    assert by_start["坚持以人民为"].section_path == ("总体要求",)
    assert by_start["建设社区长者"].section_path == ("主要任务", "完善居家养老服务")    # after a <br>
    row = next(c for c in doc.clauses if c.kind == "table")
    assert row.text == "1 社区长者食堂 个 30" and row.title == "序号 指标 单位 目标值"
    assert by_start["加强组织领导"].section_path == ("保障措施",)
    for c in doc.clauses:
        assert doc.text[c.span[0]:c.span[1]] == c.text


def test_an_article_printed_in_two_blocks_is_read_whole(tmp_path):
    first = "".join(f"<p>第{i}段：推进城市更新，完善基础设施，提升公共服务水平，改善人居环境。</p>" for i in range(1, 6))
    second = "".join(f"<p>第{i}段：加强组织实施，强化资金保障，健全考核评估机制，确保任务落实。</p>" for i in range(6, 10))
    page = (f"<html><body><div class='nav'><a href='/'>首页</a></div><div class='main'>"
            f"<div class='part'>{first}</div><div class='part'>{second}</div></div></body></html>")
    path = tmp_path / "two.htm"
    path.write_text(page, encoding="utf-8")
    doc = corpus.load_document(path)
    assert [c.text[:3] for c in doc.clauses] == [f"第{i}段" for i in range(1, 10)]


def test_a_web_page_with_no_text_or_binary_content_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><div><a href='/'>Home</a></div></body></html>", encoding="utf-8")
    assert "no text found" in _error(empty)
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 4)
    assert "binary" in _error(junk)


# ----------------------------------------------------------------- Word 97-2003 .doc

def make_doc(path: Path, source_txt: Path, compress: bool = False) -> None:
    """One Word paragraph per plan paragraph, a page break (inside the paragraph when a page ends
    mid-paragraph) at every printed page change (eval/docwriter.py writes the binary format)."""
    from eval.docwriter import write_doc

    src = read_source(source_txt)
    paragraphs = assemble(src.lines, src.hinted)
    blocks, page = [], paragraphs[0].pages[0][1]
    for para in paragraphs:
        bounds = [off for off, _ in para.pages] + [len(para.text)]
        text = ""
        for (off, pg), end in zip(para.pages, bounds[1:]):
            text += "\x0c" * (pg - page) + para.text[off:end]
            page = pg
        blocks.append(("p", text))
    write_doc(path, blocks, compress)


def test_doc_parses_like_the_text_file(tmp_path, txt_doc):
    path = tmp_path / "plan.doc"
    make_doc(path, PLAN_TXT, compress=True)
    src = read_source(path)
    assert src.kind == "doc"
    doc = corpus.load_document(path, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)
    assert doc.title == txt_doc.title
    # pages counted from 1 at the document's page breaks: the text file starts at printed page 2
    assert [(a - 1, b - 1) for a, b in (c.pages for c in txt_doc.clauses)] == [c.pages for c in doc.clauses]


def test_doc_list_numbering_and_notes(tmp_path):
    # as in a .docx: Word's list numbering drawn into the text (the list tables, each paragraph's
    # list and level), footnotes after the paragraph citing them, endnotes last
    from eval.docwriter import write_doc

    path = tmp_path / "listed.doc"
    write_doc(path, [("p", "某县数字乡村发展规划"), ("li", 0, "总体要求"), ("p", "坚持以人民为中心的发展思想。"),
                     ("li", 1, "指导思想"), ("p", "全面贯彻党的二十大精神，培育专精特新企业。"),
                     ("note", "专精特新企业：指具有专业化、精细化、特色化、新颖化特征的中小企业。"),
                     ("li", 1, "发展目标"), ("li", 2, "加强组织领导。"), ("li", 2, "强化要素保障。"), ("page",),
                     ("li", 0, "重点任务"), ("li", 1, "建设算力基础设施"), ("p", "新建5G基站3000个。"),
                     ("endnote", "本规划数据来源于县统计局。")])
    lines = read_source(path).lines
    assert [ln.text for ln in lines] == [
        "某县数字乡村发展规划", "一、总体要求", "坚持以人民为中心的发展思想。", "（一）指导思想",
        "全面贯彻党的二十大精神，培育专精特新企业。", "专精特新企业：指具有专业化、精细化、特色化、新颖化特征的中小企业。",
        "（二）发展目标", "1.加强组织领导。", "2.强化要素保障。", "二、重点任务", "（一）建设算力基础设施",
        "新建5G基站3000个。", "本规划数据来源于县统计局。"]
    assert [ln.page for ln in lines if ln.text.startswith("二、")] == [2]
    doc = corpus.load_document(path)
    ids = {s.title: s.section_id for top in doc.outline for s in (top, *top.children)}
    assert ids["发展目标"] == "一.（二）" and ids["建设算力基础设施"] == "二.（一）"


def test_doc_deleted_and_hidden_text_is_not_read(tmp_path):
    # a draft saved with its revisions keeps the wording a tracked change deleted, and hidden text,
    # in its text stream; Word prints neither, and neither is the plan's text
    from eval.docwriter import DELETED, HIDDEN, write_doc

    cut, hide = (lambda t: DELETED[0] + t + DELETED[1]), (lambda t: HIDDEN[0] + t + HIDDEN[1])
    path = tmp_path / "draft.doc"
    write_doc(path, [("h", 1, "一、发展目标"),
                     ("p", f"到2025年，数字经济核心产业增加值达到{cut('800亿元')}1000亿元{hide('（内部注：数据待核）')}。"),
                     ("p", cut("本段已整段删除。")), ("p", "建成5G基站3000个。"),
                     ("p", f"Total output{cut(' (draft)')} reaches RMB 100 billion.")], compress=True)
    lines = [ln.text for ln in read_source(path).lines if ln.text]      # the deleted paragraph is left empty
    assert lines == ["一、发展目标", "到2025年，数字经济核心产业增加值达到1000亿元。", "建成5G基站3000个。",
                     "Total output reaches RMB 100 billion."]
    # a list paragraph deleted, mark and all, is not numbered: the next one is 二、, not 三、
    listed = tmp_path / "listed.doc"
    write_doc(listed, [("li", 0, "总体要求"), ("li", 0, cut("删去的一部分")), ("li", 0, "重点任务")])
    assert [ln.text for ln in read_source(listed).lines if ln.text] == ["一、总体要求", "二、重点任务"]
    # the marks are properties of the runs: without them the same text is read whole
    plain = tmp_path / "plain.doc"
    write_doc(plain, [("p", "到2025年，数字经济核心产业增加值达到800亿元1000亿元（内部注：数据待核）。")])
    assert [ln.text for ln in read_source(plain).lines] == ["到2025年，数字经济核心产业增加值达到800亿元1000亿元（内部注：数据待核）。"]


def test_word_list_labels_in_a_doc_number_as_in_a_docx():
    # the .doc reader hands its list table to the same counting as a .docx: a level redefined by a
    # list instance, a restart, a style linked to a level
    from corpus.wordnum import ListInstance, ListLevel, Numbering

    n = Numbering()
    n.abstract["7"] = {0: ListLevel(fmt="chineseCounting", text="%1、", suffix="nothing"),
                       1: ListLevel(fmt="chineseCounting", text="（%2）", suffix="nothing")}
    n.instances["1"] = ListInstance("7")
    n.instances["2"] = ListInstance("7", restarts={0: 5})
    n.style_num["3"] = ("1", 1)
    assert [n.count("1", 0), n.count(None, None, "3"), n.count("1", 1), n.count("2", 0), n.count("2", 1)] == \
        ["一、", "（一）", "（二）", "五、", "（一）"]


def test_doc_tables_fields_and_cell_paragraphs(tmp_path):
    from eval.docwriter import write_doc

    path = tmp_path / "指标.wps"          # WPS Office saves its .wps in the same binary format
    write_doc(path, [
        ("p", "一、发展目标"),
        ("p", "到2025年，产业规模持续扩大（见第\x13 PAGEREF _Toc12 \\h \x143\x15页表1）。"),
        ("row", ["表1 主要指标"]),
        ("row", ["指标", "单位", "2025年"]),
        ("row", ["数字经济核心产业\n增加值", "亿元", "5000"]),
        ("row", ["", "", ""]),
        ("row", ["5G基站数", "万个", "12"]),
        ("p", "二、保障措施"),
        ("p", "加强组织领导。"),
        ("p", "Source: Statistical Yearbook 2024, p. 12"),       # Latin only: one byte per character
    ], compress=True)
    lines = [(ln.text, ln.table) for ln in read_source(path).lines]
    header = "指标 单位 2025年"
    # a field shows its result, not its code; a cell's two paragraphs are one cell;
    # the caption row is a paragraph; every row keeps the table's header row; an empty row is no line
    assert lines == [("一、发展目标", ""), ("到2025年，产业规模持续扩大（见第3页表1）。", ""),
                     ("表1 主要指标", ""), (header, header), ("数字经济核心产业增加值 亿元 5000", header),
                     ("5G基站数 万个 12", header), ("二、保障措施", ""), ("加强组织领导。", ""),
                     ("Source: Statistical Yearbook 2024, p. 12", "")]
    doc = corpus.load_document(path)
    assert any(c.kind == "table" and "5000" in c.text for c in doc.clauses)


def test_doc_served_as_docx_or_web_page_is_read_by_what_it_holds(tmp_path, txt_doc):
    docx_named_doc = tmp_path / "plan.doc"
    make_docx(docx_named_doc, PLAN_TXT)
    assert read_source(docx_named_doc).kind == "docx"
    page = tmp_path / "notice.doc"
    page.write_text("<html><body><div class='content'><p>一、总体要求</p><p>加快发展战略性新兴产业，"
                    "推动产业结构优化升级。</p></div></body></html>", encoding="utf-8")
    assert read_source(page).kind == "html"


def test_unreadable_doc_files_are_clear_errors(tmp_path):
    from eval.docwriter import compound

    empty = tmp_path / "empty.doc"
    empty.write_bytes(b"")
    assert "empty" in _error(empty)
    junk = tmp_path / "junk.doc"
    junk.write_bytes(bytes(range(256)) * 4)
    assert "not a Word document" in _error(junk)
    damaged = tmp_path / "damaged.doc"
    damaged.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "not a readable Word 97-2003 document" in _error(damaged)
    sheet = tmp_path / "sheet.doc"                      # an Excel workbook under a .doc name
    sheet.write_bytes(compound({"Workbook": b"\x09\x08" + bytes(100)}))
    assert "Excel" in _error(sheet)
    text_only_marks = tmp_path / "blank.doc"
    from eval.docwriter import write_doc
    write_doc(text_only_marks, [("p", ""), ("page",), ("p", "  ")])
    assert "no text" in _error(text_only_marks)
    # a paragraph property page that claims more runs than a page holds (as fuzzed files do) is
    # skipped, not an IndexError
    import io
    import struct

    import olefile
    from eval.docwriter import doc_bytes
    ole = olefile.OleFileIO(io.BytesIO(doc_bytes([("p", "一、总体要求"), ("row", ["指标", "目标值"]),
                                                  ("row", ["数字经济核心产业增加值", "1000亿元"])])))
    stream, table = bytearray(ole.openstream("WordDocument").read()), ole.openstream("1Table").read()
    fc, lcb = struct.unpack_from("<II", stream, 0x9A + 8 * 13)       # the paragraph bin table
    page = struct.unpack_from("<I", table, fc + lcb - 4)[0]
    stream[512 * page + 511] = 255                      # the last page's run count
    overrun = tmp_path / "overrun.doc"
    overrun.write_bytes(compound({"WordDocument": bytes(stream), "1Table": table}))
    assert "一、总体要求" in [ln.text for ln in read_source(overrun).lines]


# ----------------------------------------------------------------- OFD (GB/T 33190)

def test_ofd_parses_like_the_text_file(tmp_path, txt_doc):
    # laid out as a printer lays out the text: wrapped rows, indents as positions, runs cut in two,
    # each printed page with its "- N -" footer (eval/ofdwriter.py)
    from eval.parse_report import write_ofd
    path = tmp_path / "plan.ofd"
    assert write_ofd(path, PLAN_TXT.read_text(encoding="utf-8"))
    assert read_source(path).kind == "ofd"
    doc = corpus.load_document(path, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)
    assert [c.pages for c in doc.clauses] == [c.pages for c in txt_doc.clauses]


def _ofd_package(path: Path, page: str, template: str = "", document_extra: str = "") -> None:
    import zipfile
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    common = (f'<ofd:CommonData><ofd:TemplatePage ID="7" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
              if template else "")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", f'<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                               f'</ofd:DocBody></ofd:OFD>')
        zf.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}>{common}<ofd:Pages>'
                                          f'<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                                          f'</ofd:Pages>{document_extra}</ofd:Document>')
        zf.writestr("Doc_0/Pages/Page_0/Content.xml", f'<ofd:Page {ns}>{page}</ofd:Page>')
        if template:
            zf.writestr("Doc_0/Tpls/Tpl_0/Content.xml", f'<ofd:Page {ns}>{template}</ofd:Page>')


def _text(x, y, text, size=5, deltas=None):
    d = deltas if deltas is not None else " ".join(["5"] * (len(text) - 1))
    return (f'<ofd:TextObject ID="1" Boundary="{x} {y} 150 8" Size="{size}"><ofd:TextCode X="0" Y="{size}" '
            f'DeltaX="{d}">{text}</ofd:TextCode></ofd:TextObject>')


def test_ofd_pages_read_with_their_template_and_lines_set_by_position(tmp_path):
    # a 公文 whose red head is drawn by its template page; objects stored out of reading order; a
    # DeltaX written with its "g N d" runs; a wide gap between two objects on one line (a table)
    head = _text(60, 20, "某市人民政府文件")
    body = "".join([
        '<ofd:Template TemplateID="7" ZOrder="Background"/><ofd:Content><ofd:Layer ID="2">',
        _text(40, 60, "加强组织领导，健全工作机制。", deltas="g 13 5"),
        _text(30, 50, "一、保障措施"),
        _text(30, 70, "指标"), _text(100, 70, "2025年"),
        '</ofd:Layer></ofd:Content>'])
    path = tmp_path / "notice.ofd"
    _ofd_package(path, body, template=f"<ofd:Content><ofd:Layer ID='3'>{head}</ofd:Layer></ofd:Content>")
    from corpus.ofd import page_texts
    assert page_texts(path) == ["某市人民政府文件\n一、保障措施\n\u3000\u3000加强组织领导，健全工作机制。\n指标 2025年"]


def test_unreadable_ofd_files_are_clear_errors(tmp_path):
    junk = tmp_path / "junk.ofd"
    junk.write_bytes(bytes(range(256)) * 4)
    assert "not a readable OFD file" in _error(junk)
    import zipfile
    bare = tmp_path / "bare.ofd"
    with zipfile.ZipFile(bare, "w") as zf:
        zf.writestr("readme.txt", "nothing")
    assert "OFD.xml is missing" in _error(bare)
    scanned = tmp_path / "scanned.ofd"          # a page with an image only
    _ofd_package(scanned, '<ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="3" Boundary="0 0 210 297" '
                          'ResourceID="9"/></ofd:Layer></ofd:Content>')
    assert "no text" in _error(scanned) and "PDF" in _error(scanned)
    broken = tmp_path / "broken.ofd"
    _ofd_package(broken, "<ofd:Content><unclosed></ofd:Content>")
    assert "not readable XML" in _error(broken)


# ----------------------------------------------------------------- RTF

def test_rtf_parses_like_the_text_file(tmp_path, txt_doc):
    from eval.parse_report import write_doc
    path = tmp_path / "plan.rtf"
    write_doc(path, txt_doc, rtf=True)      # code page 936, a footer with a page field to skip
    assert read_source(path).kind == "rtf"
    doc = corpus.load_document(path, doc_id=DOC_ID)
    assert _triples(doc) == _triples(txt_doc)


def _rtf_lines(path: Path, rtf: str) -> list:
    """The lines read from ``rtf`` (ASCII source, as Word writes it) saved at ``path``."""
    path.write_bytes(rtf.encode("ascii"))
    return read_source(path).lines


def test_rtf_footnotes_follow_their_paragraph_and_endnotes_come_last(tmp_path):
    # Word writes {\footnote…} inline where it is cited, LibreOffice {\*\footnote…}; \ftnalt makes
    # it an endnote
    rtf = (r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0 SimSun;}}"
           r"\pard \'c5\'e0\'d3\'fd\'d7\'a8\'be\'ab\'cc\'d8\'d0\'c2\'c6\'f3\'d2\'b5{\super\chftn}"
           r"{\*\footnote \chftn\pard\plain  note one\par second paragraph}\'a1\'a3\par"
           r"\pard next{\footnote\ftnalt\pard{\super\chftn} the end note\par}\par"
           r"\trowd\cellx2000\pard\intbl cell{\footnote\pard in a table}\cell\row"
           r"\pard last\par}")
    assert [ln.text for ln in _rtf_lines(tmp_path / "notes.rtf", rtf)] == [
        "培育专精特新企业。", "note one", "second paragraph", "next", "cell", "in a table", "last", "the end note"]


def test_rtf_hidden_and_deleted_text_is_not_read(tmp_path):
    # Word writes a tracked deletion as {\deleted …} beside the {\revised …} text that replaced it,
    # and hidden text as \v; neither is printed. \v0 and \plain end them, as a group's end does
    rtf = (r"{\rtf1\ansi\ansicpg936\uc1 \pard \u21040? 2025 output {\deleted\revauthdel1 800 \u20159?}"
           r"{\revised\revauth1 1000 \u20159?} billion{\v  (\u24453?\u26680?)}.\par"
           r"\pard keep{\v  hidden\v0  shown} \deleted gone\plain back\par}")
    assert [ln.text for ln in _rtf_lines(tmp_path / "draft.rtf", rtf)] == ["到 2025 output 1000 亿 billion.", "keep shown back"]


def test_rtf_text_tables_and_escapes(tmp_path):
    # what Word and WordPad write: \uN with its fallback, GBK bytes, a field's result, a numbered
    # list's rendered number, a table with a two-paragraph cell, destinations to skip
    rtf = (r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}"
           r"{\*\generator Riched20 10.0;}{\info{\title \'b1\'ea\'cc\'e2}}\viewkind4\uc1"
           r"\pard{\listtext\pard\plain \'d2\'bb\'a1\'a2\tab}\'b7\'a2\'d5\'b9\'c4\'bf\'b1\'ea\par"
           r"\pard \uc2\u21040\'b5\'bd 2025{\field{\*\fldinst REF x}{\fldrslt \'c4\'ea}}\'a3\'ac"
           r"{\*\bkmkstart a}\u30899\'cc\'bc\'c5\'c5 5G\par"
           r"\trowd\cellx2000\cellx4000\pard\intbl \'d6\'b8\'b1\'ea\cell 2025\'c4\'ea\cell\row"
           r"\trowd\cellx2000\cellx4000\pard\intbl \'bb\'f9\'d5\'be\par\'ca\'fd\cell 12\cell\row"
           r"\pard after\par}")
    lines = [(ln.text, ln.table) for ln in _rtf_lines(tmp_path / "notice.rtf", rtf)]
    assert lines == [("一、\t发展目标", ""), ("到 2025年，碳排 5G", ""), ("指标 2025年", "指标 2025年"),
                     ("基站数 12", "指标 2025年"), ("after", "")]


def test_rtf_saved_as_doc_is_read_and_junk_is_a_clear_error(tmp_path):
    from eval.docwriter import rtf_bytes
    path = tmp_path / "notice.doc"
    path.write_bytes(rtf_bytes([("p", "一、总体要求"), ("p", "加快发展战略性新兴产业。")]))
    assert [ln.text for ln in read_source(path).lines] == ["一、总体要求", "加快发展战略性新兴产业。"]
    junk = tmp_path / "junk.rtf"
    junk.write_bytes(bytes(range(256)) * 4)
    assert "not a Word document" in _error(junk)


# ----------------------------------------------------------------- web archives (.mht)

def test_web_archive_parses_like_the_text_file_and_as_a_doc(tmp_path, txt_doc):
    # a browser's "save as one file", and Word's "single file web page" that sites serve as .doc:
    # a MIME archive whose HTML part is GB18030, quoted-printable
    from eval.parse_report import write_mht
    for name in ("plan.mht", "plan.doc"):
        path = tmp_path / name
        write_mht(path, txt_doc)
        assert b"quoted-printable" in path.read_bytes()[:2000]
        doc = corpus.load_document(path, doc_id=DOC_ID)
        assert _triples(doc) == _triples(txt_doc) and doc.title == txt_doc.title
    empty = tmp_path / "empty.mht"
    empty.write_bytes(b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n"
                      b"Content-Type: image/png\n\nabc\n--x--\n")
    assert "no HTML part" in _error(empty)


def test_doc_headings_numbered_by_word_keep_their_levels(tmp_path):
    # as in a .docx: Word's automatic numbering leaves no 一、 in the text, the style 标题 N says it
    from eval.docwriter import write_doc
    path = tmp_path / "styled.doc"
    write_doc(path, [
        ("p", "某县数字乡村发展规划"),
        ("h", 1, "总体要求"), ("h", 2, "发展目标"),
        ("p", "到2025年，建成县级农产品电商服务中心一个，培育智慧农业示范基地十个。"),
        ("h", 1, "重点任务"),
        ("p", "（一）智慧农业。推广大棚物联网监测设备，建设县级农业大数据平台。"),
        ("p", "（二）乡村治理。推进“互联网+政务服务”向村延伸。"),
    ])
    doc = corpus.load_document(path)
    path_of = {c.text[:4]: c.section_path for c in doc.clauses}
    assert path_of["到202"] == ("总体要求", "发展目标")
    assert path_of["（二）乡"] == ("重点任务", "乡村治理")
    assert [s.title for s in doc.outline] == ["总体要求", "重点任务"]
    # a document whose every paragraph is in a heading style has no trusted levels
    flat = tmp_path / "flat.doc"
    write_doc(flat, [("h", 1, t) for t in ("某县规划", "加快发展。", "推进建设。")])
    assert all(ln.heading == 0 for ln in read_source(flat).lines)


def test_doc_style_sheet_names_heading_styles():
    from corpus.worddoc import heading_styles
    from eval.docwriter import _style_sheet
    assert heading_styles(_style_sheet()) == {n: n for n in range(1, 10)}
    assert heading_styles(b"") == {}


def test_pdf_red_head_notice_cover_and_toc_are_front_matter(tmp_path):
    # 湖北省文物事业发展“十四五”规划 as printed: the office's red-head notice (banner, 文号 in square
    # brackets, the notice title over two lines, a contact line after the date), a cover, a 目录 whose
    # entries end in dot leaders and page numbers, then the plan. The 目录 entries were joined into
    # paragraphs and read as nine chapters; the banner was taken for the title.
    toc = [("一、背景形势", 1), ("1.发展成就", 1), ("二、保障措施", 2), ("2.组织保障", 2)]
    pages = [(1, ["湖北省文化和旅游厅办公室文件", "鄂文旅办发[2021]38号", "省文化和旅游厅关于印发《湖北省文物",
                  "事业发展“十四五”规划》的通知", "各市、州文化和旅游局：",
                  "《湖北省文物事业发展“十四五”规划》已经厅党组会议审定，现印发你们，请认真组织实施。",
                  "2021年10月27日", "（联系人：陈飞；联系电话：027-68892381）"]),
             (2, ["湖北省文物事业发展", "“十四五”规划", "目 录",
                  *[f"{t} {'.' * (40 - 2 * len(t))} {n}" for t, n in toc]]),
             (3, ["一、背景形势", "1.发展成就", *_wrap("“十三五”时期，全省文物事业发展取得重大成就，文物保护利用水平"
                                                "显著提升，博物馆体系更加完善。"),
                  "二、保障措施", "2.组织保障", *_wrap("加强组织领导，健全工作机制，确保规划任务落到实处。")])]
    path = tmp_path / "hubei.pdf"
    make_pdf(path, pages)
    doc = corpus.load_document(path)
    assert doc.title == "湖北省文物事业发展“十四五”规划"
    assert doc.doc_number == "鄂文旅办发[2021]38号" and doc.date == "2021-10-27"
    assert [e.split()[0] for e in doc.toc] == [t for t, _ in toc]
    assert [s.title for s in doc.outline] == ["背景形势", "保障措施"]
    assert not any("...." in c.text for c in doc.clauses)
    assert [c.kind for c in doc.clauses if "联系人" in c.text or "文件" in c.text] == ["notice", "notice"]
    # the parse report reads a PDF too, against the text its loader read (目录 leaders aside)
    from eval.parse_report import report_plan
    rep = report_plan(path, ())
    assert rep["toc_entries"] == 4 and rep["checks"]["text_kept"] and rep["checks"]["no_toc_sections"]


def make_image_page_pdf(path: Path) -> Path:
    """Four printed pages; page 3 draws an image (a table drawn as a picture) beside one line of notes."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    png = path.with_suffix(".png")
    Image.new("RGB", (400, 300), "white").save(png)
    c = canvas.Canvas(str(path), pagesize=A4)
    body = "加强组织领导，健全工作机制，确保规划任务落到实处，推动文物保护利用高质量发展。"
    for number in range(1, 5):
        c.setFont("STSong-Light", 11)
        if number == 3:
            c.drawImage(str(png), 40, 400, width=400, height=300)
            c.drawString(40, 380, "注：①“四有”工作是指划定保护范围。")
        else:
            c.drawString(40, 800, f"{number}.第{number}项任务")
            for k in range(20):
                c.drawString(40, 780 - 16 * k, body)
        c.drawCentredString(A4[0] / 2, 25, f"- {number} -")
        c.showPage()
    c.save()
    return path


def test_pdf_page_with_an_image_beside_little_text_is_warned_of(tmp_path):
    # 国办《“十四五”文物保护和科技创新规划》 draws its 主要指标 table as an image on a page that holds a
    # few lines of notes: the table is in no text layer, and OCR reads only pages without text
    from corpus.loaders import CorpusWarning
    path = make_image_page_pdf(tmp_path / "plan.pdf")
    with pytest.warns(CorpusWarning, match=r"PDF page 3: an image beside little text"):
        doc = corpus.load_document(path, cache=False)
    assert any("PDF page 3" in w for w in doc.meta["load_warnings"])
    assert any(c.text.startswith("注：①") for c in doc.clauses)      # the page's own text is kept
