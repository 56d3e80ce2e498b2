"""The parse cache: an unchanged file is not parsed again; a changed file, changed options or a damaged
cache entry never give a stale or corrupt Document."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

import corpus
from corpus import cache as parse_cache

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"


def _same(a, b) -> bool:
    return (a == b and a.meta == b.meta and a.toc == b.toc and a.notice == b.notice
            and (a.issuer, a.doc_number, a.date) == (b.issuer, b.doc_number, b.date))


@pytest.fixture
def plan(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_bytes(PLAN_TXT.read_bytes())
    return p


def test_second_load_comes_from_the_cache_and_equals_a_fresh_parse(plan, tmp_path, monkeypatch):
    folder = tmp_path / "parsed"
    first = corpus.load_document(plan, cache=folder)
    assert len(list(folder.glob("*.json"))) == 1
    calls = []
    real = corpus.documents._parse_document
    monkeypatch.setattr(corpus.documents, "_parse_document", lambda *a: calls.append(a) or real(*a))
    again = corpus.load_document(plan, cache=folder)
    assert calls == [] and _same(again, first)
    assert _same(again, corpus.load_document(plan, cache=False))
    assert all(again.text[c.span[0]:c.span[1]] == c.text for c in again.clauses)


def test_changed_file_or_options_are_parsed_again(plan, tmp_path):
    folder = tmp_path / "parsed"
    before = corpus.load_document(plan, cache=folder)
    plan.write_text(plan.read_text(encoding="utf-8").replace("页岩气", "天然气"), encoding="utf-8")
    after = corpus.load_document(plan, cache=folder)
    assert any("天然气勘探" in c.text for c in after.clauses) and before != after
    short = corpus.load_document(plan, cache=folder, max_chars=120)
    assert max(len(c.text) for c in short.clauses) <= 120
    assert corpus.load_document(plan, doc_id="other", cache=folder).doc_id == "other"
    assert len(list(folder.glob("*.json"))) == 4
    other_name = plan.with_name("town.txt")            # the doc id comes from the file name
    other_name.write_bytes(plan.read_bytes())
    assert corpus.load_document(other_name, cache=folder).doc_id == "town"


def test_damaged_cache_entry_is_never_used(plan, tmp_path):
    folder = tmp_path / "parsed"
    good = corpus.load_document(plan, cache=folder)
    entry = next(folder.glob("*.json"))
    data = bytearray(entry.read_bytes())
    rng = random.Random(3)
    for _ in range(20):
        damaged = bytearray(data)
        damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        entry.write_bytes(bytes(damaged))
        assert _same(corpus.load_document(plan, cache=folder), good)
    entry.write_bytes(b"")
    assert _same(corpus.load_document(plan, cache=folder), good)
    assert entry.read_bytes() == bytes(data)        # replaced by a good entry


def test_unwritable_cache_is_skipped(plan, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    doc = corpus.load_document(plan, cache=blocker / "parsed")
    assert len(doc.clauses) > 100


def test_errors_are_not_cached(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"")
    for _ in range(2):
        with pytest.raises(corpus.CorpusError, match="empty"):
            corpus.load_document(p, cache=tmp_path / "parsed")


def test_cache_key_covers_the_parser_code():
    key = parse_cache.cache_key(b"abc", b"", None, 300)
    parse_cache.code_hash.cache_clear()
    assert parse_cache.cache_key(b"abc", b"", None, 300) == key
    assert parse_cache.cache_key(b"abd", b"", None, 300) != key
    assert parse_cache.cache_key(b"abc", b"{}", None, 300) != key


def test_cache_keeps_a_bounded_number_of_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)
    folder = tmp_path / "parsed"
    for k in range(6):
        p = tmp_path / f"plan{k}.txt"
        p.write_text(f"一、总体要求\n第{k}版。推动产业发展。\n", encoding="utf-8")
        corpus.load_document(p, cache=folder)
    assert len(list(folder.glob("*.json"))) == 3


def test_ocr_marks_survive_the_cache():
    """A clause read by OCR keeps its source and confidence through the parse cache."""
    from dataclasses import replace
    doc = corpus.load_shipped()[0]
    marked = replace(doc, clauses=tuple(replace(c, source="ocr", ocr_confidence=0.97) if i == 3 else c
                                        for i, c in enumerate(doc.clauses)))
    back = parse_cache.document_from_data(parse_cache.document_to_data(marked), doc.source)
    assert back.clauses == marked.clauses
    assert back.clauses[3].source == "ocr" and back.clauses[3].ocr_confidence == 0.97
    assert back.clauses[4].source == "text" and back.clauses[4].ocr_confidence is None
