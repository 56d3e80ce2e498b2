"""Evaluation question files (JSONL): parse and validate, with errors that name the line."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

KINDS = ("fact", "region", "glossary", "paraphrase", "structure", "followup", "oos")
REQUIRED = ("id", "kind", "question", "answers")


class QuestionFileError(ValueError):
    """A question file cannot be used; the message is one line naming file:line and the reason."""


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    question: str
    answers: tuple[str, ...]
    history: tuple[str, ...] = ()
    line: int = 0
    source: str = ""            # a borrowed negative: the plan it was written for (eval/corpus.py)

    @property
    def in_scope(self) -> bool:
        return bool(self.answers)


def parse_questions(lines: Iterable[str], name: str = "<questions>") -> list[Question]:
    """Parse JSONL lines into questions. Blank lines are skipped; ``kind`` is a
    free label (DESIGN.md). Raises QuestionFileError naming ``name:line``."""
    out: list[Question] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as err:
            raise QuestionFileError(f"{where}: invalid JSON ({err.msg} at column {err.colno})") from None
        if not isinstance(obj, dict):
            raise QuestionFileError(f"{where}: expected a JSON object, got {type(obj).__name__}")
        for key in REQUIRED:
            if key not in obj:
                raise QuestionFileError(f"{where}: missing field '{key}'")
        q = _question(obj, where, n)
        if q.id in seen:
            raise QuestionFileError(f"{where}: duplicate id '{q.id}' (first on line {seen[q.id]})")
        seen[q.id] = n
        out.append(q)
    if not out:
        raise QuestionFileError(f"{name}: no questions in the file")
    return out


def load_questions(path: str | Path) -> list[Question]:
    """Read and parse a JSONL question file."""
    p = Path(path)
    if not p.exists():
        raise QuestionFileError(f"{p}: file not found")
    if p.is_dir():
        raise QuestionFileError(f"{p}: is a folder, expected a .jsonl file")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise QuestionFileError(f"{p}: not UTF-8 text (byte {err.start})") from None
    except OSError as err:
        raise QuestionFileError(f"{p}: cannot read ({err.strerror or err})") from None
    return parse_questions(text.splitlines(), p.name)


def _question(obj: dict, where: str, line: int) -> Question:
    for key in ("id", "kind", "question"):
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise QuestionFileError(f"{where}: field '{key}' must be a non-empty string")
    answers = obj["answers"]
    if not isinstance(answers, list) or not all(isinstance(a, str) for a in answers):
        raise QuestionFileError(f"{where}: field 'answers' must be a list of strings")
    if any(not a.strip() for a in answers):
        raise QuestionFileError(f"{where}: field 'answers' has an empty phrase")
    history = obj.get("history", [])
    if history is None:
        history = []
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise QuestionFileError(f"{where}: field 'history' must be a list of strings")
    return Question(
        id=obj["id"].strip(),
        kind=obj["kind"].strip(),
        question=obj["question"],
        answers=tuple(answers),
        history=tuple(history),
        line=line,
    )
