"""The multi-plan evaluation corpus: real plans, questions per plan, per-plan figures.

Layout (see eval/questions/plans/README.md)::

    eval/plans/<plan_id>.txt                      a real public plan (SOURCES.md says where from)
    eval/questions/plans/<plan_id>/dev.jsonl      questions tuned on
    eval/questions/plans/<plan_id>/test.jsonl     held out

The shipped plan joins the corpus as ``sc-sei-13`` (dev = dev.jsonl + dev2.jsonl,
test = test.jsonl). Every figure is reported per plan and pooled; a change that
helps one plan and hurts another is visible as such.

Cross-plan negatives (``cross_negatives``): an in-scope question written for
plan A, asked of plan B, is a realistic out-of-scope question for B when none
of its answer phrases and none of its distinctive words occur in B.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from eval.metrics import normalize
from eval.qset import Question, QuestionFileError, load_questions

ROOT = Path(__file__).resolve().parent
PLANS_DIR = ROOT / "plans"
QUESTIONS_DIR = ROOT / "questions" / "plans"
SHIPPED_ID = "sc-sei-13"
SPLITS = ("dev", "test")
PLAN_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


@dataclass(frozen=True)
class PlanSet:
    """One plan of the corpus and its questions by split."""

    plan_id: str
    path: Path
    splits: dict = field(default_factory=dict)     # split -> tuple[Question, ...]

    def questions(self, split: str) -> list[Question]:
        if split == "all":
            return [q for s in SPLITS for q in self.splits.get(s, ())]
        return list(self.splits.get(split, ()))


def shipped_set() -> PlanSet:
    """The shipped plan with its three question files (dev + dev2 tuned on, test held out)."""
    qdir = ROOT / "questions"
    plan = ROOT.parent / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"
    def tagged(name: str) -> list[Question]:
        return [replace(q, id=f"{SHIPPED_ID}:{name}:{q.id}") for q in load_questions(qdir / f"{name}.jsonl")]

    dev, test = tagged("dev") + tagged("dev2"), tagged("test")
    return PlanSet(SHIPPED_ID, plan, {"dev": tuple(dev), "test": tuple(test)})


def read_plan_ids(path: str | Path, known, missing: str = "not in the corpus") -> set[str]:
    """The plan ids a ``--fit-plans`` file lists (one a line, blank lines skipped), each one of ``known``:
    any other is named (after ``missing``) and stops the caller."""
    plans = {ln.strip() for ln in Path(path).read_text(encoding="utf-8").splitlines() if ln.strip()}
    if not plans <= set(known):
        raise SystemExit(f"--fit-plans: {missing}: {', '.join(sorted(plans - set(known)))}")
    return plans


def plan_files(plans_dir: Path = PLANS_DIR) -> list[Path]:
    """The corpus's plan files (``<plan_id>.txt``, ``.md``, ``.pdf`` or ``.docx``), sorted by plan id;
    the folder's SOURCES.md is none of them."""
    plans_dir = Path(plans_dir)
    if not plans_dir.is_dir():
        return []
    return sorted((p for p in plans_dir.iterdir() if p.suffix in PLAN_SUFFIXES and p.name != "SOURCES.md"),
                  key=lambda p: p.stem)


def find_plan(plan_id: str, plans_dir: Path = PLANS_DIR) -> Path | None:
    for suffix in PLAN_SUFFIXES:
        p = plans_dir / f"{plan_id}{suffix}"
        if p.is_file():
            return p
    return None


def discover(questions_dir: str | Path = QUESTIONS_DIR, plans_dir: str | Path = PLANS_DIR,
             include_shipped: bool = True, only: Sequence[str] = ()) -> list[PlanSet]:
    """Every plan with a question folder (``<plan_id>/dev.jsonl`` / ``test.jsonl``), sorted by id."""
    questions_dir, plans_dir = Path(questions_dir), Path(plans_dir)
    if not questions_dir.is_dir():
        raise QuestionFileError(f"{questions_dir}: no such question folder")
    found = []
    for sub in sorted(p for p in questions_dir.iterdir() if p.is_dir()):
        files = {s: sub / f"{s}.jsonl" for s in SPLITS if (sub / f"{s}.jsonl").is_file()}
        if not files:
            continue
        plan = find_plan(sub.name, plans_dir)
        if plan is None:
            raise QuestionFileError(f"{sub}: no plan file {sub.name}.txt/.md/.pdf/.docx in {plans_dir}")
        found.append(PlanSet(sub.name, plan, {s: tuple(load_questions(f)) for s, f in files.items()}))
    if not found:
        raise QuestionFileError(f"{questions_dir}: is a folder with no plan question folders "
                                "(<plan_id>/dev.jsonl, <plan_id>/test.jsonl)")
    sets = ([shipped_set()] if include_shipped else []) + found
    if only:
        want = set(only)
        unknown = want - {s.plan_id for s in sets}
        if unknown:
            raise QuestionFileError(f"unknown plan id(s): {', '.join(sorted(unknown))}")
        sets = [s for s in sets if s.plan_id in want]
    return sets


def _distinctive(q: Question, tokenize: Callable[[str], list[str]]) -> list[str]:
    return [t for t in tokenize(q.question) if len(t) >= 2]


def cross_negatives(sets: Sequence[PlanSet], texts: dict, split: str, per_plan: int, seed: int = 13,
                    tokenize: Callable[[str], list[str]] | None = None) -> dict[str, list[Question]]:
    """For each plan, up to ``per_plan`` single-turn fact/paraphrase questions of the other
    plans (same split) whose answer phrases do not occur in it and whose two-character-or-longer
    words mostly do not either (at most one of them may), labelled out of scope (kind ``cross``)."""
    if per_plan <= 0:
        return {}
    if tokenize is None:
        import jieba
        tokenize = lambda s: [w for w in jieba.lcut(s) if w.strip()]    # noqa: E731
    rng = random.Random(seed)
    norm = {pid: normalize(t) for pid, t in texts.items()}
    out: dict[str, list[Question]] = {}
    for target in sets:
        body = norm[target.plan_id]
        pool = []
        for other in sets:
            if other.plan_id == target.plan_id:
                continue
            for q in other.questions(split):
                if not q.in_scope or q.history or q.kind not in ("fact", "paraphrase"):
                    continue
                if any(normalize(a) in body for a in q.answers):
                    continue
                words = _distinctive(q, tokenize)
                if sum(1 for w in words if normalize(w) in body) > 1:
                    continue
                pool.append((q, other.plan_id))
        rng.shuffle(pool)
        out[target.plan_id] = [replace(q, id=f"cross:{target.plan_id}:{q.id}", kind="cross", answers=(),
                                       source=src) for q, src in pool[:per_plan]]
    return out
