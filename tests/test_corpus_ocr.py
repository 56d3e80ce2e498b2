"""OCR of scanned pages: reading order and page furniture from text boxes
(plain functions), OCR marks carried from clauses to hits, JSON, CLI and UI,
and the error a scanned PDF gets without the 'ocr' extra.

The end-to-end tests (real OCR of pages the test renders itself) are in
tests/test_corpus_ocr_scan.py."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

import corpus
from corpus.model import Clause, CorpusError
from corpus.ocr_layout import (Box, OcrLine, clause_confidence, drop_running_heads, infer_page_numbers,
                               mark_ocr_clauses, page_lines, split_page_number)

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"


def _box(x0, y0, text, conf=0.99, char=20.0):
    return Box(x0, y0, x0 + char * len(text), y0 + char, text, conf)


# ----------------------------------------------------------------- reading order

def test_single_column_lines_top_to_bottom_with_indentation():
    boxes = [
        _box(100, 300, "二、总体要求"),
        _box(140, 330, "坚持创新驱动，加快发展战略性新兴产业，推动"),     # indented 2 characters
        _box(100, 360, "产业迈向中高端。"),
        _box(100, 270, "成为转型发展的重要力量。"),
    ]
    lines = page_lines(boxes)
    assert [ln.text for ln in lines] == [
        "成为转型发展的重要力量。", "二、总体要求", "\u3000\u3000坚持创新驱动，加快发展战略性新兴产业，推动", "产业迈向中高端。"]


def test_boxes_on_one_line_join_without_spaces_between_chinese():
    boxes = [_box(100, 100, "加快建设"), _box(190, 102, "5G"), _box(240, 99, "网络和IPv6"), _box(450, 101, "应用")]
    (line,) = page_lines(boxes)
    assert line.text == "加快建设5G网络和IPv6 应用"       # a wide gap (> 1.5 line heights) keeps one space


def test_two_columns_read_left_column_first_under_a_full_width_title():
    title = _box(150, 50, "四川省战略性新兴产业发展规划摘要说明文字很长横跨两栏")
    left = [_box(50, 100 + 30 * i, f"左栏第{i}行内容文字") for i in range(6)]
    right = [_box(450, 100 + 30 * i, f"右栏第{i}行内容文字") for i in range(6)]
    lines = page_lines([title] + right + left)
    texts = [ln.text for ln in lines]
    assert texts[0] == title.text
    assert texts[1:7] == [b.text for b in left]
    assert texts[7:] == [b.text for b in right]


def test_page_number_footer_becomes_the_printed_page_and_is_dropped():
    body = [OcrLine("（一）指导思想。", 0.99, 80, 200, 300, 225)]
    for text in ("- 12 -", "-12-", "一12一", "—12—", "第 12 页", "12"):
        foot = OcrLine(text, 0.8, 580, 1680, 640, 1705)
        printed, lines = split_page_number(body + [foot], height=1754)
        assert printed == 12, text
        assert lines == body
    # a number in the body of the page is text, not a page number
    mid = OcrLine("12", 0.9, 580, 800, 600, 820)
    assert split_page_number(body + [mid], height=1754) == (None, body + [mid])


def test_a_page_number_not_read_is_inferred_from_its_neighbours():
    # PDF pages 0..4 print 2..6; the footer of page 2 was not read
    assert infer_page_numbers([(0, 2), (1, 3), (2, None), (3, 5), (4, 6)])[2] == 4
    assert infer_page_numbers([(0, None), (1, 3), (2, 4)])[0] == 2           # one side is enough
    # neighbours that disagree (a numbering restart) leave it unknown
    assert infer_page_numbers([(0, 2), (1, None), (2, 1)])[1] is None
    assert infer_page_numbers([(0, None), (1, None)]) == {0: None, 1: None}


def test_running_heads_repeated_on_pages_are_dropped():
    pages = []
    for n in range(4):
        head = OcrLine("四川省人民政府文件", 0.99, 400, 40, 800, 70)
        text = OcrLine(f"第{n}页的正文内容。", 0.99, 80, 400, 400, 425)
        pages.append(([head, text], 1754.0))
    kept = drop_running_heads(pages)
    assert [[ln.text for ln in lines] for lines in kept] == [[f"第{n}页的正文内容。"] for n in range(4)]
    # the same line on two pages only is kept
    assert [len(k) for k in drop_running_heads(pages[:2])] == [2, 2]


# ----------------------------------------------------------------- OCR marks

def _clause(text, pages, cid="d:一.1"):
    return Clause(clause_id=cid, doc_id="d", section_path=("总体要求",), title="", text=text,
                  pages=pages, span=(0, len(text)))


def test_clauses_on_recognised_pages_are_marked_with_their_lines_confidence():
    ocr_lines = [(3, "加快发展新能源汽车产", 0.9), (3, "业，完善充电设施。", 0.7), (3, "另一段文字。", 0.2)]
    text_clause = _clause("第二页的文字。", (2, 2), "d:一.0")
    ocr_clause = _clause("加快发展新能源汽车产业，完善充电设施。", (3, 3))
    out = mark_ocr_clauses((text_clause, ocr_clause), ocr_lines)
    assert out[0] == text_clause and out[0].source == "text" and out[0].ocr_confidence is None
    assert out[1].source == "ocr"
    assert out[1].ocr_confidence == pytest.approx((0.9 * 10 + 0.7 * 9) / 19, abs=1e-3)
    assert out[1].text == ocr_clause.text
    assert clause_confidence("毫不相干", [("加快发展新能源汽车产", 0.9)]) is None


def test_ocr_marks_survive_the_index_folder_and_reach_json_cli_and_ui(tmp_path):
    from assistant.answer import Answer, hit_to_dict, ocr_tag
    from assistant.render import answer_text
    from index.store import clause_from_dict, clause_to_dict, corpus_hash
    from ui.render import render_excerpt

    plain = _clause("加快发展新能源汽车产业。", (3, 3))
    scanned = mark_ocr_clauses((plain,), [(3, "加快发展新能源汽车产业。", 0.934)])[0]
    assert clause_from_dict(clause_to_dict(scanned)) == scanned
    assert "source" not in clause_to_dict(plain)           # text corpora keep their hash
    assert corpus_hash([plain]) != corpus_hash([scanned])

    from index import Retriever
    r = Retriever.build([plain, replace(scanned, clause_id="d:一.2")], encoder=None)
    r.save(tmp_path / "idx")
    loaded = Retriever.load(tmp_path / "idx")
    hits = {h.clause_id: h for h in loaded.search("新能源汽车", k=5)}
    assert hits["d:一.1"].source == "text" and hits["d:一.1"].ocr_confidence is None
    assert hits["d:一.2"].source == "ocr" and hits["d:一.2"].ocr_confidence == pytest.approx(0.934)

    d = hit_to_dict(hits["d:一.2"])
    assert (d["source"], d["ocr_confidence"]) == ("ocr", 0.934)
    assert (hit_to_dict(hits["d:一.1"])["source"], hit_to_dict(hits["d:一.1"])["ocr_confidence"]) == ("text", None)
    ans = Answer(question="q", resolved_query="q", abstained=False, lead="", excerpts=[hits["d:一.2"], hits["d:一.1"]])
    out = answer_text(ans)
    assert out.count("OCR 识别 93.4%") == 1
    assert "OCR 识别 93.4%" in render_excerpt(d)
    assert ocr_tag(replace(hits["d:一.2"], ocr_confidence=0.9996)) == "OCR 识别 99.9%"     # never rounded up to 100%
    assert "OCR" not in render_excerpt(hit_to_dict(hits["d:一.1"]))


# ----------------------------------------------------------------- without the extra

def _image_only_pdf(path: Path) -> Path:
    """A one-page PDF that is only an image (black bars standing in for text)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(100, 600, 40):
        draw.rectangle((60, y, 540, y + 18), fill=0)
    image.save(str(path), "PDF", resolution=72.0)
    return path


def test_scanned_pdf_without_the_ocr_extra_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)     # import fails as if not installed
    pdf = _image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(CorpusError) as err:
        corpus.load_document(pdf)
    msg = str(err.value)
    assert msg.startswith(str(pdf)) and "\n" not in msg
    assert "no text layer" in msg and "pip install 'planqa[ocr]'" in msg
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(CorpusError, match=r"pip install 'planqa\[ocr\]'"):
        corpus.load_document(png)


def test_the_assistant_reports_the_missing_extra_as_one_line(tmp_path, monkeypatch, capsys):
    from assistant.cli import main

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    pdf = _image_only_pdf(tmp_path / "scan.pdf")
    assert main(["build", str(pdf), "--index", str(tmp_path / "idx"), "--encoder", "none"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "planqa[ocr]" in err


def test_the_ocr_cache_in_an_index_folder_survives_rebuilds(tmp_path):
    from index.store import IndexFolderError, write_bytes, write_folder

    idx = tmp_path / "idx"
    (idx / "ocr").mkdir(parents=True)
    (idx / "ocr" / "abc.json").write_text("{}", encoding="utf-8")
    write_folder(idx, {"a.txt": write_bytes(b"1")}, {"n": 1})         # a folder holding only ocr/ is ours
    write_folder(idx, {"a.txt": write_bytes(b"2")}, {"n": 2})         # swapped: the cache moves along
    assert (idx / "a.txt").read_bytes() == b"2"
    assert (idx / "ocr" / "abc.json").read_text(encoding="utf-8") == "{}"
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(IndexFolderError):
        write_folder(other, {"a.txt": write_bytes(b"1")}, {})


def test_which_pdf_pages_need_ocr():
    from corpus.loaders import _usable

    assert _usable("一、总体要求\n- 3 -")
    assert not _usable("- 3 -\n")                              # only the page marker
    assert not _usable("\ue001\ue002\ue003\ue004一")           # glyphs without a Unicode map
    assert not _usable("  \n")


def test_without_the_extra_a_mixed_pdf_keeps_its_text_pages_and_warns(tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from corpus.loaders import CorpusWarning

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    text_pdf = tmp_path / "text.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(text_pdf), pagesize=A4)
    c.setFont("STSong-Light", 11)
    c.drawString(40, 780, "一、总体要求")
    c.drawString(40, 760, "加快发展战略性新兴产业。")
    c.showPage()
    c.setFont("STSong-Light", 11)
    c.drawString(40, 780, "二、重点任务")
    c.drawString(40, 760, "培育壮大新一代信息技术产业。")
    c.showPage()
    c.showPage()                  # a blank page: neither text nor image, not a scan
    c.save()
    writer = PdfWriter()
    for src in (text_pdf, _image_only_pdf(tmp_path / "scan.pdf")):
        for page in PdfReader(str(src)).pages:
            writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    with open(mixed, "wb") as f:
        writer.write(f)
    with pytest.warns(CorpusWarning, match=r"1 page\(s\) without readable text left out \(PDF page 4\).*planqa\[ocr\]"):
        doc = corpus.load_document(mixed)
    assert "加快发展战略性新兴产业。" in doc.text and "ocr_pages" not in doc.meta
    assert all(c.source == "text" for c in doc.clauses)
    # loaded again, from the parse cache: the user is told again what was left out
    with pytest.warns(CorpusWarning, match=r"1 page\(s\) without readable text left out \(PDF page 4\)"):
        again = corpus.load_document(mixed)
    assert again.text == doc.text


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size (its pixel data is never reached)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b"")


def test_oversized_pages_and_images_are_refused_before_any_ocr(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("pypdfium2")
    from PIL import Image

    huge = tmp_path / "huge.png"
    huge.write_bytes(_png_header(20000, 20000))
    with pytest.raises(CorpusError, match=r"huge.png: image too large to OCR \(limit 80 M pixels"):
        corpus.load_document(huge)
    poster = tmp_path / "poster.pdf"
    Image.new("L", (200, 200), 255).save(str(poster), "PDF", resolution=1.0)      # a 200-inch page
    with pytest.raises(CorpusError, match=r"poster.pdf: page 1 is \d+×\d+ cm, too large to OCR"):
        corpus.load_document(poster)
