"""The shipped question sets parse, and every answer phrase really occurs in the plan."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from eval.corpus import find_plan, plan_files

ROOT = Path(__file__).resolve().parents[1]
QDIR = ROOT / "eval" / "questions"
PLAN = ROOT / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"
KINDS = {"fact", "region", "glossary", "paraphrase", "structure", "followup", "oos"}
FILES = sorted(p for p in QDIR.glob("*.jsonl") if not p.name.startswith("compare"))   # compare*: tests/test_compare.py
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


# --- the multi-plan corpus: eval/plans/<plan_id>.txt with eval/questions/plans/<plan_id>/{dev,test}.jsonl ---

PLANS_DIR = ROOT / "eval" / "plans"
PLAN_QDIR = QDIR / "plans"
PLAN_IDS = [p.stem for p in plan_files(PLANS_DIR)]
PLAN_QFILES = sorted(PLAN_QDIR.glob("*/*.jsonl"))
# the shipped labels, plus the brief's names for two of them
PLAN_KINDS = KINDS | {"definition", "out-of-scope"}
ABSTAIN_KINDS = {"oos", "out-of-scope"}
PLAN_FIELDS = {"id", "plan", "kind", "question", "answers", "history"}


def plan_rows(plan_id: str, split: str) -> list[tuple[int, dict]]:
    path = PLAN_QDIR / plan_id / f"{split}.jsonl"
    return rows(path) if path.exists() else []


def test_plan_corpus_is_there():
    assert len(PLAN_IDS) >= 6, PLAN_IDS
    folders = {p.name for p in PLAN_QDIR.iterdir() if p.is_dir()} if PLAN_QDIR.exists() else set()
    assert folders == set(PLAN_IDS), "each plan needs a question folder and vice versa"
    sources = (PLANS_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert [p for p in PLAN_IDS if f"### {p}" not in sources] == [], "every plan needs a SOURCES.md entry"


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_plan_has_a_stratified_dev_test_split(plan_id):
    dev = [q for _, q in plan_rows(plan_id, "dev")]
    test = [q for _, q in plan_rows(plan_id, "test")]
    assert dev and test, f"{plan_id}: needs dev.jsonl and test.jsonl"
    assert len(dev) + len(test) >= 40
    assert len(dev) > len(test)
    assert {q["kind"] for q in dev} == {q["kind"] for q in test}
    assert not {squash(q["question"]) for q in dev} & {squash(q["question"]) for q in test}
    assert sum(q["kind"] in ABSTAIN_KINDS for q in dev + test) >= 10


# fifty-nine plans outside the corpus, nine rounds of six and one of five, each asked once before any change made for it (eval/unseen/SOURCES.md)
UNSEEN = ROOT / "eval" / "unseen"
UNSEEN_QFILES = sorted((UNSEEN / "questions").glob("*/*.jsonl"))


def test_the_unseen_plans_have_their_questions_and_sources():
    ids = [p.stem for p in plan_files(UNSEEN / "plans")]
    assert len(ids) == 83 and sorted(p.parent.name for p in UNSEEN_QFILES) == sorted(ids)
    assert not set(ids) & set(PLAN_IDS), "a plan outside the corpus is not in it"
    sources = (UNSEEN / "SOURCES.md").read_text(encoding="utf-8")
    assert [p for p in ids if f"## {p}" not in sources] == []


@pytest.mark.parametrize("path", PLAN_QFILES + UNSEEN_QFILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plan_questions_are_valid_and_their_phrases_occur_in_the_plan(path):
    plan_id = path.parent.name
    plan_file = find_plan(plan_id, UNSEEN / "plans" if path.is_relative_to(UNSEEN) else PLANS_DIR)
    assert plan_file is not None, f"no plan file for {plan_id}"
    text = plan_text_for_matching(plan_file.read_text(encoding="utf-8"))
    problems = []
    for n, q in rows(path):
        where = f"{plan_id}/{path.name}:{n}"
        if not {"id", "plan", "kind", "question", "answers"} <= set(q) <= PLAN_FIELDS:
            problems.append(f"{where} fields {sorted(q)}")
            continue
        if q["plan"] != plan_id or not q["id"].startswith(f"{plan_id}-"):
            problems.append(f"{where} id/plan do not name {plan_id}")
        if q["kind"] not in PLAN_KINDS:
            problems.append(f"{where} kind {q['kind']!r}")
        if not isinstance(q["question"], str) or not q["question"].strip():
            problems.append(f"{where} empty question")
        answers = q["answers"]
        if not isinstance(answers, list) or len(answers) > 6:
            problems.append(f"{where} answers must be a list of at most 6 phrases")
            continue
        if (q["kind"] in ABSTAIN_KINDS) != (answers == []):
            problems.append(f"{where} out-of-scope iff no answers")
        history = q.get("history", [])
        if not isinstance(history, list) or not all(isinstance(h, str) and h.strip() for h in history):
            problems.append(f"{where} history must be a list of strings")
        if q["kind"] == "followup" and not history:
            problems.append(f"{where} followup without history")
        for a in answers:
            phrase = squash(a) if isinstance(a, str) else ""
            if not 4 <= len(phrase) <= 25 or phrase not in text:
                problems.append(f"{where} {q['id']} answer {a!r} not in the plan")
    assert problems == []


def test_plan_question_ids_are_unique_across_the_corpus():
    ids = [q["id"] for p in PLAN_QFILES for _, q in rows(p)]
    assert len(ids) == len(set(ids))
