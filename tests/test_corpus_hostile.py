"""Hostile and awkward files: each class gets one clear line (and the right error class), never a
traceback, never silent mojibake, never unbounded work."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import corpus
from corpus import limits
from corpus.loaders import check_text_layer, text_quality

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"


def _one_line(exc_info, path) -> str:
    msg = str(exc_info.value)
    assert "\n" not in msg and str(path) in msg
    return msg


def _pdf(path: Path, pages: list[list[str]], font: str = "STSong-Light") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = A4[1] - 60
        c.setFont(font, 11)
        for line in lines:
            c.drawString(40, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


PLAN_LINES = ["一、发展基础", "我省战略性新兴产业快速发展，2015年实现总产值5671.5亿元。",
              "二、主要任务", "推动新一代信息技术产业跨越发展，做大做强集成电路产业。"]


# ----------------------------------------------------------------- unreadable text layers

def test_quality_measure_tells_chinese_english_and_mojibake_apart():
    assert text_quality("推动新一代信息技术产业跨越发展，做大做强集成电路产业。").readable
    assert text_quality("Annex: list of the key projects for the strategic emerging industries plan").readable
    # GBK bytes read as Latin-1: what a broken font map typically yields
    mojibake = "推动新一代信息技术产业跨越发展".encode("gbk").decode("latin-1")
    assert not text_quality(mojibake * 3).readable
    # glyph ids shifted into ASCII: letters, but no words
    assert not text_quality("3DJH 5HSRUW )LQDQFLDO 6WDWHPHQW 7KH 3URMHFW 6FKHGXOH 5HVXOWV").readable
    assert not text_quality("\ue001\ue002\ue003\ue004" * 10).readable


@pytest.fixture
def no_ocr(monkeypatch):
    """Without the OCR extra (these checks are what a user without it gets)."""
    import sys
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)


def test_pdf_with_broken_font_map_is_refused_not_mojibake(tmp_path, no_ocr):
    garbage = [line.encode("gbk").decode("latin-1") for line in PLAN_LINES]
    path = _pdf(tmp_path / "broken.pdf", [garbage, garbage], font="Helvetica")
    with pytest.raises(corpus.UnreadableTextError) as e:
        corpus.load_document(path)
    msg = _one_line(e, path)
    assert "text layer unreadable" in msg and "需要 OCR" in msg
    assert e.value.pages == (1, 2)


def test_one_mojibake_page_among_good_ones_is_refused(tmp_path, no_ocr):
    garbage = [line.encode("gbk").decode("latin-1") for line in PLAN_LINES]
    path = _pdf(tmp_path / "mixed.pdf", [PLAN_LINES, garbage, PLAN_LINES])
    with pytest.raises(corpus.UnreadableTextError) as e:
        corpus.load_document(path)
    assert e.value.pages == (2,)


def test_mostly_image_pages_need_ocr_and_a_blank_cover_does_not(tmp_path, no_ocr):
    scan = _pdf(tmp_path / "scan.pdf", [[], [], PLAN_LINES])
    with pytest.raises(corpus.UnreadableTextError, match="2 of 3 pages have no text layer.*需要 OCR") as e:
        corpus.load_document(scan)
    assert e.value.pages == (1, 2)
    cover = _pdf(tmp_path / "cover.pdf", [[], PLAN_LINES, PLAN_LINES])
    doc = corpus.load_document(cover)
    assert doc.meta["pages_without_text"] == [1]
    assert check_text_layer("x.pdf", ["", "文本" * 20]) == (1,)


# ----------------------------------------------------------------- encrypted and broken PDFs

def test_aes_encrypted_pdf_without_password_opens(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = _pdf(tmp_path / "plain.pdf", [PLAN_LINES])
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    path = tmp_path / "aes.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert PdfReader(str(path)).is_encrypted
    doc = corpus.load_document(path)
    assert [s.title for s in doc.outline] == ["发展基础", "主要任务"]


def test_password_protected_pdf_is_one_line(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = _pdf(tmp_path / "plain.pdf", [PLAN_LINES])
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    with pytest.raises(corpus.CorpusError) as e:
        corpus.load_document(path)
    assert "password" in _one_line(e, path)


def test_broken_pdf_prints_nothing_but_our_line(tmp_path, capfd):
    good = _pdf(tmp_path / "good.pdf", [PLAN_LINES]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[: len(good) * 2 // 3])          # no xref, no trailer: pypdf warns and repairs
    try:
        corpus.load_document(path)
    except corpus.CorpusError as exc:
        assert "\n" not in str(exc)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# ----------------------------------------------------------------- limits

def _docx_bytes(document_xml: bytes) -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            z.writestr(info.filename, data)
    return out.getvalue()


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_xml(paragraphs: list[str], sect: str = "") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W_NS}">'
            f"<w:body>{body}{sect}</w:body></w:document>").encode("utf-8")


def test_docx_that_unpacks_too_large_is_refused_before_unpacking(tmp_path, monkeypatch):
    xml = _document_xml(["推动产业发展。" * 40] * 4000)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_bytes(xml))
    assert path.stat().st_size < len(xml) / 50          # compresses like a zip bomb
    monkeypatch.setattr(limits, "MAX_DOCX_XML_BYTES", len(xml) // 2)
    with pytest.raises(corpus.LimitError) as e:
        corpus.load_document(path)
    assert "document.xml unpacks to" in _one_line(e, path)


def test_docx_with_too_many_elements_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "many.docx"
    path.write_bytes(_docx_bytes(_document_xml(["一"] * 3000)))
    monkeypatch.setattr(limits, "MAX_DOCX_ELEMENTS", 5000)
    with pytest.raises(corpus.LimitError) as e:
        corpus.load_document(path)
    assert "XML elements" in _one_line(e, path)


def test_docx_entity_expansion_is_not_performed(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "推动产业发展推动产业发展">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
            '<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>'
            f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>&g;</w:t></w:r></w:p></w:body></w:document>').encode("utf-8")
    path = tmp_path / "laughs.docx"
    path.write_bytes(_docx_bytes(bomb))
    _not_expanded(path)


def _not_expanded(path) -> None:
    """The file is refused in one line, or read without its entities expanded."""
    try:
        doc = corpus.load_document(path)
    except corpus.CorpusError as exc:
        assert "\n" not in str(exc)
    else:
        assert len(doc.text) < 1000


def test_a_line_longer_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINE_CHARS", 5000)
    path = tmp_path / "oneline.txt"
    path.write_text("一、总体要求\n" + "推动产业发展" * 1000 + "\n", encoding="utf-8")
    with pytest.raises(corpus.LimitError) as e:
        corpus.load_document(path)
    assert "5000" in _one_line(e, path)


def test_too_many_clauses_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("\n\n".join(f"第{i}段。推动产业发展。" for i in range(3000)), encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_CLAUSES", 1000)
    with pytest.raises(corpus.LimitError) as e:
        corpus.load_document(path)
    assert "clauses" in _one_line(e, path)


# ----------------------------------------------------------------- docx page numbering

def test_docx_page_numbering_honours_start_value_and_section_restarts(tmp_path):
    page_break = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    first_sect = ('<w:p><w:pPr><w:sectPr><w:pgNumType w:start="2"/></w:sectPr></w:pPr>'
                  '<w:r><w:t>推动产业发展，加快建设产业基地，第三页。</w:t></w:r></w:p>')
    body = (f"<w:p><w:r><w:t>一、发展基础</w:t></w:r></w:p>"
            f"<w:p><w:r><w:t>我省产业快速发展，第二页。</w:t></w:r></w:p>{page_break}{first_sect}"
            f"<w:p><w:r><w:t>二、主要任务</w:t></w:r></w:p>"
            f"<w:p><w:r><w:t>做大做强集成电路产业，新节第一页。</w:t></w:r></w:p>{page_break}"
            f"<w:p><w:r><w:t>加快发展新型显示产业，新节第二页。</w:t></w:r></w:p>")
    final = '<w:sectPr><w:pgNumType w:start="1"/></w:sectPr>'
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W_NS}"><w:body>{body}{final}'
           "</w:body></w:document>").encode("utf-8")
    path = tmp_path / "numbered.docx"
    path.write_bytes(_docx_bytes(xml))
    doc = corpus.load_document(path)
    pages = {c.text: c.pages[0] for c in doc.clauses}
    assert pages["我省产业快速发展，第二页。"] == 2
    assert pages["推动产业发展，加快建设产业基地，第三页。"] == 3
    assert pages["做大做强集成电路产业，新节第一页。"] == 1
    assert pages["加快发展新型显示产业，新节第二页。"] == 2


# peak RSS of this process image: VmHWM (ru_maxrss survives exec and would report the parent's size)
_MEASURE = """
import re, sys
import corpus
try:
    corpus.load_document(sys.argv[1], cache=False)
    print("loaded")
except corpus.CorpusError as exc:
    print(type(exc).__name__, str(exc).replace(chr(10), " "))
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s*(\\d+)", status).group(1)) // 1024)
"""


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["paragraphs", "runs", "bookmarks"])
def test_small_docx_bombs_stay_under_500_mb(tmp_path, kind):
    """~150 KB files that unpack to 40+ MB of XML (a 183 KB file used 3.4 GB before streaming)."""
    import os
    import subprocess
    import sys

    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc to read the peak memory")
    if kind == "paragraphs":
        xml = _document_xml(["推动产业发展，加快建设产业基地。"] * 600_000)
    elif kind == "bookmarks":       # within every limit: the loader must still drop what it has read
        body = '<w:bookmarkStart w:id="1" w:name="a"/>' * 1_500_000 + "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"
        xml = (f'<?xml version="1.0"?><w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body>'
               "</w:document>").encode("utf-8")
    else:
        body = "<w:p>" + "<w:r><w:t>推动</w:t></w:r>" * 1_500_000 + "</w:p>"
        xml = (f'<?xml version="1.0"?><w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body>'
               "</w:document>").encode("utf-8")
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(_docx_bytes(xml))
    assert path.stat().st_size < 400_000 and len(xml) > 40_000_000
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                          cwd=str(REPO), timeout=300)
    status, rss = proc.stdout.strip().splitlines()
    if kind == "bookmarks":
        assert status == "loaded"
    else:
        assert status.startswith("LimitError") and str(path) in status
    assert int(rss) < 500


# ----------------------------------------------------------------- PDFs from other producers

def test_runs_drawn_in_another_font_are_put_back():
    from corpus.loaders import _restore_marks

    # LibreOffice draws “ ” in a Latin font as a run of their own; the Chinese run has blanks there
    assert _restore_marks([("“ ” ", 123.1, 11.0), ("四川省 十三五 战略性新兴产业发展规划", 90.1, 11.0)]) == \
        "四川省“十三五”战略性新兴产业发展规划"
    # one run per mark, each at its own x; Latin runs between Chinese runs go by x
    assert _restore_marks([("“", 90.1, 11.0), ("”", 128.8, 11.0), ("十五五 时期", 95.8, 11.0),
                           ("(2026-2030", 156.4, 11.0), ("年", 222.6, 11.0), (")", 233.6, 11.0),
                           ("是我国", 237.9, 11.0)]) == "“十五五”时期(2026-2030年)是我国"
    # the marks' run starts just left of the Chinese run: the first mark opens it
    assert _restore_marks([("“   ”", 90.1, 11.0), ("十二五 时期，我省科学选择", 95.8, 11.0)]) == "“十二五”时期，我省科学选择"
    # a line of one run is left exactly as extracted
    assert _restore_marks([("甲 乙 丙 ", 90.0, 11.0)]) == "甲 乙 丙 "


def test_runs_drawn_in_place_are_left_as_extracted():
    """Word and PDFium draw every run where it stands, in reading order (runs as pypdf reports
    them on real plans' PDFs): nothing moves, though a character's width is only estimated."""
    from corpus.loaders import _restore_marks

    # a half-width 〔 drawn in a Chinese font: 2021 seems to start inside it, but no blank is there
    assert _restore_marks([("国", 258.1, 9.6), ("办发", 267.7, 9.6), ("〔", 286.7, 9.6), ("2021", 291.2, 9.6),
                           ("〕", 310.2, 9.6), ("43", 315.0, 9.6), (" 号", 327.7, 9.6), (" ", 337.1, 9.6)]) \
        == "国办发〔2021〕43 号 "
    # each figure after its run's leading blank, one em on: the blank is not the figure's place
    assert _restore_marks([("2021", 418.7, 10.56), (" 年", 442.5, 10.56), (" 12", 455.7, 10.56),
                           (" 月", 468.6, 10.56), (" 24", 481.9, 10.56), (" 日", 495.1, 10.56)]) \
        == "2021 年 12 月 24 日"
    assert _restore_marks([("可移动革命文物", 342.4, 10.56), (" 100", 418.7, 10.56), (" 多万件", 437.2, 10.56),
                           ("/", 468.9, 10.56), ("套", 473.9, 10.56)]) == "可移动革命文物 100 多万件/套"
    # a dash opening the line, and quotes next to justified spaces
    assert _restore_marks([("——", 111.2, 10.56), ("坚持政治引领", 132.3, 10.56), ("。", 195.4, 10.56),
                           ("大历", 484.8, 10.56)]) == "——坚持政治引领。大历"
    assert _restore_marks([("将省博物馆建成", 95.7, 15.96), (" “", 206.3, 15.96), ("国内顶尖、国际一流", 222.4, 15.96),
                           (" ”", 364.9, 15.96), ("的世界级博物馆，", 379.7, 15.96)]) \
        == "将省博物馆建成 “国内顶尖、国际一流 ”的世界级博物馆，"
    # a browser's print: every run reported at the line's start, so positions say nothing
    assert _restore_marks([("为实现", 90.0, 10.56), ("“两个一百", 90.0, 10.56), ("年", 90.0, 10.56),
                           ("”", 90.0, 10.56), ("奋斗目标", 90.0, 10.56)]) == "为实现“两个一百年”奋斗目标"


@pytest.mark.slow
def test_libreoffice_pdf_parses_like_the_text_file(tmp_path):
    import shutil
    import subprocess

    from tests.test_corpus_formats import make_docx

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    make_docx(tmp_path / "plan.docx", PLAN_TXT)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "plan.docx")],
                   check=True, capture_output=True, timeout=240)
    ref = corpus.load_document(PLAN_TXT, doc_id="sc", cache=False)
    doc = corpus.load_document(tmp_path / "plan.pdf", doc_id="sc", cache=False)
    assert doc.title == ref.title == "四川省“十三五”战略性新兴产业发展规划"
    def walk(sections):
        for s in sections:
            yield (s.section_id, s.title)
            yield from walk(s.children)

    got, want = list(walk(doc.outline)), list(walk(ref.outline))
    assert [sid for sid, _ in got] == [sid for sid, _ in want]
    assert ("三.（八）", "实施“互联网+”行动计划") in got
    # marks drawn next to Latin runs ("电网“2.0”") cannot always be placed: a few titles differ
    assert sum(a != b for a, b in zip(got, want)) <= 3
    # (the text file keeps spaces its own PDF extraction left after some quotes: compare without them)
    same = sum(a.text.replace(" ", "") == b.text.replace(" ", "") for a, b in zip(ref.clauses, doc.clauses))
    assert len(doc.clauses) == len(ref.clauses) and same >= 0.97 * len(ref.clauses)


# ----------------------------------------------------------------- .doc, .rtf, .ofd

@pytest.mark.parametrize("suffix", [".txt", ".doc", ".rtf", ".ofd"])
def test_too_much_text_is_refused(tmp_path, monkeypatch, suffix):
    from eval.docwriter import write_doc, write_rtf
    from eval.ofdwriter import write_ofd
    paragraphs = [f"第{i}段。推动产业发展，加快建设产业基地。" for i in range(1500)]
    path = tmp_path / f"big{suffix}"
    if suffix == ".txt":
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    elif suffix == ".ofd":
        write_ofd(path, [(paragraphs[i:i + 50], None) for i in range(0, len(paragraphs), 50)])
    else:
        (write_doc if suffix == ".doc" else write_rtf)(path, [("p", t) for t in paragraphs])
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 10_000)
    with pytest.raises(corpus.LimitError) as e:
        corpus.load_document(path)
    assert "characters" in _one_line(e, path)


def test_ofd_entity_expansion_is_not_performed(tmp_path):
    import zipfile
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    laughs = ('<?xml version="1.0"?><!DOCTYPE ofd:Page [<!ENTITY a "推动产业发展推动产业发展">'
              + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdef", "bcdefg"))
              + f']><ofd:Page {ns}><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="2" Boundary="0 0 100 10" '
              'Size="5"><ofd:TextCode X="0" Y="5">&g;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content>'
              '</ofd:Page>')
    path = tmp_path / "laughs.ofd"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                               "</ofd:DocBody></ofd:OFD>")
        zf.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:Pages><ofd:Page ID="1" '
                                          'BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
        zf.writestr("Doc_0/Pages/Page_0/Content.xml", laughs)
    _not_expanded(path)
