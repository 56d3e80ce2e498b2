"""OCR end to end: pages of the shipped plan rendered by the test into an
image-only PDF (and a PNG, and a PDF mixing a text page with a scanned one)
read back through corpus.load_document.  Needs the 'ocr' extra and the test
font; real OCR takes seconds a page, so the module is slow."""
from __future__ import annotations


import pytest

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("pypdfium2")

import corpus  # noqa: E402
from corpus import ocr  # noqa: E402
from corpus.model import CorpusError  # noqa: E402
from eval.ocr_bench import character_error_rate, cjk_font_path, make_scanned_pdf, printed_pages, render_page  # noqa: E402

pytestmark = pytest.mark.slow

FONT = cjk_font_path()
if FONT is None:
    pytest.skip("needs the CJK test font (pip install 'planqa[test]')", allow_module_level=True)

PAGES = [p for p in printed_pages() if p[0] in (4, 5)]      # 二、总体要求 / （一）指导思想 start on page 4


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("ocr")


@pytest.fixture(scope="module")
def scan(work):
    return make_scanned_pdf(work / "scan.pdf", PAGES, FONT)


@pytest.fixture(scope="module")
def loaded(work, scan):
    events = []
    with ocr.ocr_settings(cache_dir=work / "cache", progress=events.append):
        doc = corpus.load_document(scan, doc_id="sc-sei-13")
    return doc, events


def test_scanned_pdf_reads_like_the_text(loaded):
    doc, _ = loaded
    assert doc.meta["format"] == "pdf" and doc.meta["ocr_pages"] == [4, 5]
    # printed page numbers come from the "- N -" footers the OCR read
    assert {p for c in doc.clauses for p in c.pages} == {4, 5}
    assert all(c.source == "ocr" and 0.5 < c.ocr_confidence <= 1.0 for c in doc.clauses)
    ref = "\n".join(line for _, lines in PAGES for line in lines)
    assert character_error_rate({0: ref}, {0: doc.text}) < 0.03
    # the structure parser sees the headings of a text PDF
    titles = {s.title for s in doc.outline}
    assert "总体要求" in titles
    top = next(s for s in doc.outline if s.title == "总体要求")
    assert [ch.title for ch in top.children][:1] == ["指导思想"]
    txt = corpus.load_document(corpus.shipped_plan_paths()[0])
    guiding = next(c for c in txt.clauses if c.section_path[-1:] == ("指导思想",) and c.kind == "body")
    ocr_guiding = next(c for c in doc.clauses if c.section_path[-1:] == ("指导思想",) and c.kind == "body")
    assert ocr_guiding.clause_id == guiding.clause_id


def test_progress_per_page_and_the_cache_makes_it_run_once(work, scan, loaded):
    doc, events = loaded
    assert [(e.done, e.total) for e in events] == [(0, 2), (1, 2), (2, 2)]
    assert events[0].eta_s > 0 and [e.page for e in events[1:]] == [1, 2]
    assert not any(e.cached for e in events)
    assert len(list((work / "cache").glob("*.json"))) == 2
    # an unchanged file comes back from the parse cache: no page is looked at again
    again = []
    with ocr.ocr_settings(cache_dir=work / "cache", progress=again.append):
        assert corpus.load_document(scan, doc_id="sc-sei-13").clauses == doc.clauses
    assert not any(e.done for e in again)
    # without the parse cache, each page's text comes from the OCR cache
    import shutil
    from corpus.cache import cache_dir
    shutil.rmtree(cache_dir(), ignore_errors=True)
    again = []
    with ocr.ocr_settings(cache_dir=work / "cache", progress=again.append):
        doc2 = corpus.load_document(scan, doc_id="sc-sei-13")
    assert [e.cached for e in again[1:]] == [True, True]
    assert doc2.clauses == doc.clauses


def test_only_the_scanned_page_of_a_mixed_pdf_gets_ocr(work):
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    page3 = next(p for p in printed_pages() if p[0] == 3)
    text_pdf = work / "text.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(text_pdf), pagesize=A4)
    y = A4[1] - 50
    c.setFont("STSong-Light", 11)
    for line in page3[1]:
        if line.strip():
            c.drawString(40, y, line.rstrip())
        y -= 16
    c.drawCentredString(A4[0] / 2, 25, "- 3 -")
    c.showPage()
    c.save()
    image_pdf = make_scanned_pdf(work / "p4.pdf", PAGES[:1], FONT)
    writer = PdfWriter()
    for src in (text_pdf, image_pdf):
        for page in PdfReader(str(src)).pages:
            writer.add_page(page)
    mixed = work / "mixed.pdf"
    with open(mixed, "wb") as f:
        writer.write(f)
    events = []
    with ocr.ocr_settings(cache_dir=work / "cache", progress=events.append):
        doc = corpus.load_document(mixed)
    assert events[0].total == 1 and events[-1].page == 2       # the second PDF page only
    sources = {(c.pages[0], c.source) for c in doc.clauses}
    assert (3, "text") in sources and (4, "ocr") in sources
    assert not any(c.source == "ocr" for c in doc.clauses if c.pages == (3, 3))
    assert doc.meta["ocr_pages"] == [4]


def test_a_png_page_is_read(work):
    png = work / "page5.png"
    render_page(*PAGES[1], FONT).save(str(png))
    with ocr.ocr_settings(cache_dir=work / "cache"):
        doc = corpus.load_document(png)
    assert doc.meta["format"] == "image"
    assert {c.pages for c in doc.clauses} <= {(5, 5)}
    assert all(c.source == "ocr" for c in doc.clauses)
    ref = {5: "\n".join(PAGES[1][1])}
    assert character_error_rate(ref, {5: "".join(c.text for c in doc.clauses)}) < 0.03


def test_page_limit_is_a_clear_error(scan, work):
    with ocr.ocr_settings(cache_dir=work / "cache", max_pages=1):
        with pytest.raises(CorpusError, match=r"2 scanned pages need OCR, more than the limit of 1"):
            corpus.load_document(scan)


def test_cli_build_shows_ocr_progress_keeps_the_cache_in_the_index_folder_and_marks_answers(work, scan, loaded, capsys):
    import json
    import shutil

    from assistant.cli import main

    idx = work / "idx"
    shutil.copytree(work / "cache", idx / "ocr")          # pages recognised before: a folder holding only ocr/
    assert main(["build", str(scan), "--index", str(idx), "--encoder", "none"]) == 0
    err = capsys.readouterr().err
    assert "planqa: OCR scan.pdf: 2 页需识别" in err and err.count("缓存 cached") == 2
    assert (idx / "manifest.json").is_file() and len(list((idx / "ocr").glob("*.json"))) >= 2
    # another plan added: the index is rebuilt aside and swapped in, and keeps the OCR cache
    manifest = (idx / "manifest.json").read_text(encoding="utf-8")
    plan_txt = corpus.shipped_plan_paths()[0]
    assert main(["build", str(scan), str(plan_txt), "--index", str(idx), "--encoder", "none"]) == 0
    assert (idx / "manifest.json").read_text(encoding="utf-8") != manifest
    assert len(list((idx / "ocr").glob("*.json"))) >= 2
    capsys.readouterr()
    assert main(["ask", "指导思想是什么", "--plan", str(scan), "--index", str(idx / "scan-only"),
                 "--encoder", "none", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["excerpts"] and all(e["source"] == "ocr" and 0.5 < e["ocr_confidence"] <= 1 for e in out["excerpts"])
    assert out["excerpts"][0]["pages"][0] in (4, 5)


def test_a_two_column_page_is_read_column_by_column(work):
    from PIL import Image, ImageDraw, ImageFont

    body = "".join(line.strip() for n, lines in printed_pages() if n in (7, 8) for line in lines)
    width = 20                                         # characters per column line
    rows = [body[i:i + width] for i in range(0, 2 * 28 * width, width)]
    left, right = rows[:28], rows[28:]
    s = 150 / 72
    image = Image.new("L", (round(595 * s), round(842 * s)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(11 * s))
    title = "四川省战略性新兴产业发展规划（两栏排版测试页）"
    draw.text((120 * s, 40 * s), title, font=font, fill=0)
    for col, lines in ((40, left), (315, right)):
        for k, line in enumerate(lines):
            draw.text((col * s, (80 + 16 * k) * s), line, font=font, fill=0)
    draw.text((280 * s, 800 * s), "- 9 -", font=font, fill=0)
    png = work / "columns.png"
    image.save(str(png))
    with ocr.ocr_settings(cache_dir=work / "cache"):
        doc = corpus.load_document(png)
    assert {c.pages for c in doc.clauses} == {(9, 9)}
    expected = title + "".join(left) + "".join(right)
    assert character_error_rate({0: expected}, {0: doc.text}) < 0.03
