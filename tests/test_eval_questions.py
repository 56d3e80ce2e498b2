"""The shipped question sets parse, and every answer phrase really occurs in the plan."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QDIR = ROOT / "eval" / "questions"
PLAN = ROOT / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"
KINDS = {"fact", "region", "glossary", "paraphrase", "structure", "followup", "oos"}
FILES = sorted(p for p in QDIR.glob("*.jsonl") if p.name != "compare.jsonl")   # compare.jsonl: tests/test_compare.py
PAGE_MARKER = re.compile(r"^\s*-\s*\d+\s*-\s*$")


def plan_text_for_matching(raw: str) -> str:
    """Plan text with page-marker lines and line breaks removed, NFKC, no whitespace."""
    lines = [line for line in raw.splitlines() if not PAGE_MARKER.match(line)]
    return squash("".join(lines))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def plan() -> str:
    return plan_text_for_matching(PLAN.read_text(encoding="utf-8"))


def rows(path: Path) -> list[tuple[int, dict]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            out.append((n, json.loads(line)))
    return out


def test_question_files_exist():
    names = {p.name for p in FILES}
    assert "dev.jsonl" in names
    assert len(rows(QDIR / "dev.jsonl")) >= 120


def test_page_markers_and_wraps_are_removed():
    raw = "占全\n- 3 - \n省规模 以上\n"
    assert plan_text_for_matching(raw) == "占全省规模以上"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fields_kinds_and_ids(path):
    seen = set()
    for n, q in rows(path):
        where = f"{path.name}:{n}"
        assert set(q) <= {"id", "kind", "question", "answers", "history"}, where
        assert isinstance(q["id"], str) and q["id"] not in seen, where
        seen.add(q["id"])
        assert q["kind"] in KINDS, where
        assert isinstance(q["question"], str) and q["question"].strip(), where
        assert isinstance(q["answers"], list), where
        assert all(isinstance(a, str) and a.strip() for a in q["answers"]), where
        # 1-3 phrases; a list question whose items are separate clauses may name each item (<= 6)
        assert len(q["answers"]) <= 6, where
        assert (q["kind"] == "oos") == (q["answers"] == []), where
        if q["kind"] == "followup":
            assert q.get("history"), where
        if "history" in q:
            assert isinstance(q["history"], list) and all(isinstance(h, str) for h in q["history"]), where


def test_ids_unique_across_files():
    ids = [q["id"] for p in FILES for _, q in rows(p)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_answer_phrase_occurs_in_the_plan(path, plan):
    missing = []
    for n, q in rows(path):
        for a in q["answers"]:
            phrase = squash(a)
            if not 4 <= len(phrase) <= 25 or phrase not in plan:
                missing.append(f"{path.name}:{n} {q['id']} {a!r}")
    assert missing == []


def test_dev_set_covers_every_kind_and_section():
    qs = [q for _, q in rows(QDIR / "dev.jsonl")]
    counts = {k: sum(q["kind"] == k for q in qs) for k in KINDS}
    assert min(counts.values()) >= 8, counts
    assert counts["oos"] >= 15 and counts["glossary"] >= 20


def test_questions_do_not_repeat_between_dev_and_test():
    dev = {squash(q["question"]) for _, q in rows(QDIR / "dev.jsonl")}
    test_path = QDIR / "test.jsonl"
    if test_path.exists():
        assert not dev & {squash(q["question"]) for _, q in rows(test_path)}
