"""One check of what a caller passes to ``ask``, shared by the library, the CLI,
the HTTP API and the chat page, so that all four accept and refuse the same things.

    question, history, k = ask_args(question, history, k)

- ``question`` must be a string; control characters (ANSI colour codes as a
  whole, NUL, BEL, bidi overrides…) are removed before anything else looks at it.
- ``history`` may be None, one string (one earlier turn) or a list of turns
  (strings, ``{"role", "content"}`` chat messages, ``(question, answer)`` pairs).
- ``k`` is an integer from 1 to ``MAX_K``.

Every refusal is an ``assistant.errors.PlanQAError`` with a one-line message.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any, Iterable

from assistant.errors import PlanQAError, one_line

MAX_K = 10                 # excerpts per answer: the one documented maximum (UI slider, API, CLI, library)
DEFAULT_K = 5

# ESC [ … final byte (colours, cursor moves), ESC ] … BEL/ST (titles), and two-byte ESC sequences
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
_LINE_BREAKS = re.compile(r"\r\n|[\t\n\r\v\f\x85\u2028\u2029]")


def strip_controls(text: str) -> str:
    """``text`` without control, format (bidi, zero-width) or unassigned characters;
    line breaks and tabs become spaces; ANSI escape sequences go as a whole."""
    text = _ANSI.sub("", text)
    text = _LINE_BREAKS.sub(" ", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Cn"))


def question(value: Any) -> str:
    """The question as text, controls stripped; PlanQAError when it is not a string or is empty."""
    if not isinstance(value, str):
        raise PlanQAError(f"问题必须是文字 (question must be a string), got {type(value).__name__}")
    text = strip_controls(value)
    if not text.strip():
        raise PlanQAError("请输入问题 (the question is empty)")
    return text


def k(value: Any) -> int:
    """``value`` as an int in 1..MAX_K (an integral float such as a slider's 5.0 is accepted)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_K:
        raise PlanQAError(f"k 必须是 1 到 {MAX_K} 的整数 (k must be an integer from 1 to {MAX_K}), got {value!r}")
    return value


def _turn(value: Any) -> str | None:
    """One earlier turn as text, or None for an assistant message."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if value.get("role", "user") != "user":
            return None
        content = value.get("content") or value.get("question") or ""
        return content if isinstance(content, str) else None
    if isinstance(value, (list, tuple)):
        return value[0] if value and isinstance(value[0], str) else None
    return None


def history(value: Any) -> list[str]:
    """Earlier user turns, oldest first, controls stripped (a string is one turn)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise PlanQAError(f"history 必须是问题列表 (history must be a list of earlier questions), "
                          f"got {type(value).__name__}")
    turns = []
    for item in value:
        if item is None:
            continue
        if not isinstance(item, (str, dict, list, tuple)):
            raise PlanQAError(f"history 中的每一轮必须是文字 (each history turn must be text), "
                              f"got {type(item).__name__}")
        text = _turn(item)
        if text is not None:
            turns.append(strip_controls(text))
    return turns


def ask_args(question_: Any, history_: Any = None, k_: Any = DEFAULT_K) -> tuple[str, list[str], int]:
    """All three checks at once: ``(question, history, k)``."""
    return question(question_), history(history_), k(k_)


def unique_notes(notes: Iterable[str]) -> list[str]:
    """Notes once each, in order; inside a note, a list after "：" keeps each item once
    ("按规划用语检索：a→b；a→b" -> "按规划用语检索：a→b")."""
    out: list[str] = []
    for note in notes:
        note = str(note)
        head, sep, tail = note.partition("：")
        if sep:
            for delim in ("；", "、"):
                if delim in tail:
                    tail = delim.join(dict.fromkeys(tail.split(delim)))
                    break
            note = head + sep + tail
        if note not in out:
            out.append(note)
    return out


def log_user_error(logger: logging.Logger, where: str, err: BaseException) -> None:
    """A user's mistake is one log line (no traceback): 'ask: PlanQAError: k 必须是…'."""
    logger.info("%s: %s: %s", where, type(err).__name__, one_line(str(err), 300))
