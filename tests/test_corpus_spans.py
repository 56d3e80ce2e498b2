"""Exact spans and format agreement: for every clause of every format, ``doc.text[span] == clause.text``;
the shipped plan as txt, GB18030 txt, CRLF hard-wrapped txt, Markdown, PDF and DOCX gives the same clauses."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import corpus
from corpus.loaders import PAGE_MARKER, read_source
from corpus.paragraphs import assemble
from tests.test_corpus_formats import _printed_pages, make_docx, make_pdf

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"
DOC_ID = "sc-sei-13"
_PUNCT_START = re.compile(r"^[，。、；：！？）》」』”’,.;:)]")


def check_spans(doc) -> None:
    """Every span cuts its clause's text out of doc.text; clauses tile doc.text joined by one newline."""
    pos = 0
    for c in doc.clauses:
        assert doc.text[c.span[0]:c.span[1]] == c.text, c.clause_id
        assert c.span[0] == pos
        pos = c.span[1] + 1
    assert pos - 1 == len(doc.text)
    assert doc.text == "\n".join(c.text for c in doc.clauses)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def txt_doc():
    return corpus.load_document(PLAN_TXT, doc_id=DOC_ID)


def _md(path: Path) -> Path:
    """The plan as Markdown: the title as "# ", 一、 headings "## ", （一） headings "### "."""
    src = read_source(PLAN_TXT)
    lines = []
    for k, p in enumerate(assemble(src.lines, src.hinted)):
        if k == 0:
            lines.append("# " + p.text)
        elif re.match(r"^[一二三四五六七八九十]+、", p.text) and len(p.text) < 40:
            lines.append("## " + p.text)
        else:
            lines.append(p.text)
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def _crlf(path: Path, seed: int) -> Path:
    """The plan hard-wrapped with CRLF at a different width in every paragraph, no end-of-paragraph hints."""
    src = read_source(PLAN_TXT)
    rng = random.Random(seed)
    out = []
    for p in assemble(src.lines, src.hinted):
        w = rng.randrange(28, 40)
        out.extend(p.text[k:k + w] for k in range(0, len(p.text), w))
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))
    return path


def test_spans_exact_on_the_text_file(txt_doc):
    check_spans(txt_doc)
    source = PLAN_TXT.read_text(encoding="utf-8")
    kept = "".join(ln for ln in source.split("\n") if not PAGE_MARKER.match(ln))
    assert _compact(txt_doc.text) == _compact(kept)        # nothing lost, nothing duplicated


def test_gb18030_text_agrees(tmp_path, txt_doc):
    p = tmp_path / "plan-gb.txt"
    p.write_bytes(PLAN_TXT.read_text(encoding="utf-8").encode("gb18030"))
    doc = corpus.load_document(p, doc_id=DOC_ID)
    check_spans(doc)
    assert [(c.clause_id, c.text, c.pages) for c in doc.clauses] == \
        [(c.clause_id, c.text, c.pages) for c in txt_doc.clauses]


def test_markdown_agrees(tmp_path, txt_doc):
    doc = corpus.load_document(_md(tmp_path / "plan.md"), doc_id=DOC_ID)
    check_spans(doc)
    assert doc.title == txt_doc.title
    assert [(c.clause_id, c.section_path, c.text) for c in doc.clauses] == \
        [(c.clause_id, c.section_path, c.text) for c in txt_doc.clauses]


def test_pdf_agrees(tmp_path, txt_doc):
    pdf = tmp_path / "plan.pdf"
    make_pdf(pdf, _printed_pages(PLAN_TXT))
    doc = corpus.load_document(pdf, doc_id=DOC_ID)
    check_spans(doc)
    assert [(c.clause_id, c.text, c.pages) for c in doc.clauses] == \
        [(c.clause_id, c.text, c.pages) for c in txt_doc.clauses]


def test_docx_agrees(tmp_path, txt_doc):
    path = tmp_path / "plan.docx"
    make_docx(path, PLAN_TXT)
    doc = corpus.load_document(path, doc_id=DOC_ID)
    check_spans(doc)
    assert [(c.clause_id, c.text) for c in doc.clauses] == [(c.clause_id, c.text) for c in txt_doc.clauses]


@pytest.mark.parametrize("seed", [1, 2, 4])
def test_crlf_hard_wraps_inside_sentences_are_joined(tmp_path, txt_doc, seed):
    doc = corpus.load_document(_crlf(tmp_path / "plan.txt", seed), doc_id=DOC_ID)
    check_spans(doc)
    assert [c.text[:20] for c in doc.clauses if _PUNCT_START.match(c.text)] == []
    assert _compact(doc.text) == _compact(txt_doc.text)
    assert abs(len(doc.clauses) - len(txt_doc.clauses)) <= 0.05 * len(txt_doc.clauses)
    assert [s.title for s in doc.outline] == [s.title for s in txt_doc.outline]


def test_spans_exact_after_front_matter_and_split_headings(tmp_path):
    from tests.test_corpus_frontmatter import NOTICE_PLAN

    p = tmp_path / "gangyao.txt"
    p.write_text(NOTICE_PLAN, encoding="utf-8")
    check_spans(corpus.load_document(p))


def test_json_output_carries_the_text_its_spans_index(txt_doc):
    import json

    data = json.loads(json.dumps(corpus.document_to_json(txt_doc), ensure_ascii=False))
    assert all(data["text"][c["span"][0]:c["span"][1]] == c["text"] for c in data["clauses"])
    assert {"issuer", "doc_number", "date", "toc", "notice"} <= data.keys()


def test_a_date_line_and_a_list_item_opening_on_a_year_start_paragraphs():
    # the 银保监会 通知 (eval/plans) ends its text with 附件:1.2019年… / 2.2019年… / 2019年5月8日: the
    # first line stops without punctuation, but the next two are a list item and the 落款 date
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("cn-cbirc-work-points-2019"))
    texts = [c.text for c in d.clauses]
    assert "2019年5月8日" in texts
    assert any(t.startswith("2.2019年非银行领域") for t in texts)
