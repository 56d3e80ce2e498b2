"""Split a long paragraph into pieces of a few hundred characters at most.

Pieces end at sentence ends (。；！？ and their closing quotes/brackets); a
sentence longer than the limit is cut at commas, and only as a last resort at
the limit itself.  When a paragraph enumerates 一是…二是…三是…, the pieces
start at the enumerators.  Pieces concatenate back to the paragraph exactly.
"""
from __future__ import annotations

import math
import re

MAX_CHARS = 300

_SENTENCE = re.compile(r".*?(?:[。；！？!?;][”’」』）)】》\"']*|$)", re.S)
_COMMA = re.compile(r".*?(?:[，、,：:][”’」』）)】》]*|$)", re.S)
_ENUM = "一二三四五六七八九十"


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` (ending punctuation kept); they concatenate to text."""
    out = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]
    return out


def _commas(text: str) -> list[str]:
    return [m.group(0) for m in _COMMA.finditer(text) if m.group(0)]


# the verbs that close a responsibility note: （省自然资源厅、住房城乡建设厅牵头）
NOTE_WORDS = ("负责", "牵头", "配合", "指导", "参与", "按职责分工落实")
# a note that closes a task sentence: 推行……。（省自然资源厅、住房城乡建设厅牵头）
_NOTE = re.compile(rf"^[（(](?:[^（）()]{{2,60}}?(?:{'|'.join(NOTE_WORDS)})[^（）()]{{0,6}}"
                   r"|(?:责任|牵头|配合|主责|实施)(?:单位|部门)[：:][^（）()]{1,120})[）)]")


def _units(text: str, max_chars: int) -> list[str]:
    """Sentences (long ones cut at commas), a responsibility note kept with the sentence it follows."""
    units: list[str] = []
    for s in _notes_back(sentences(text)):
        if len(s) <= max_chars:
            units.append(s)
            continue
        for c in _commas(s):
            while len(c) > max_chars:
                units.append(c[:max_chars])
                c = c[max_chars:]
            if c:
                units.append(c)
    return units


def _notes_back(sents: list[str]) -> list[str]:
    """Move a sentence's leading responsibility note onto the end of the sentence before it."""
    out: list[str] = []
    for s in sents:
        m = _NOTE.match(s)
        if m and out:
            out[-1] += m.group(0)
            s = s[m.end():]
        if s:
            out.append(s)
    return out


def _pack(units: list[str], max_chars: int) -> list[str]:
    """Greedy packing aiming at equal-sized pieces no longer than max_chars."""
    total = sum(len(u) for u in units)
    if total <= max_chars:
        return ["".join(units)] if units else []
    target = total / math.ceil(total / max_chars)
    pieces: list[str] = []
    cur = ""
    for u in units:
        if cur and (len(cur) + len(u) > max_chars or
                    (len(cur) >= target * 0.75 and len(cur) + len(u) - target > target - len(cur))):
            pieces.append(cur)
            cur = ""
        cur += u
    if cur:
        # a tiny tail goes back onto the previous piece when it fits
        if pieces and len(cur) < 40 and len(pieces[-1]) + len(cur) <= max_chars:
            pieces[-1] += cur
        else:
            pieces.append(cur)
    return pieces


def enumeration_starts(text: str) -> list[int]:
    """Offsets of 一是、二是、三是… when they appear in order after a sentence or
    clause break (at least 一是 and 二是); [] otherwise."""
    starts: list[int] = []
    pos = 0
    for num in _ENUM:
        m = re.compile(rf"(?:^|(?<=[。；;：:，,]))\s*{num}是").search(text, pos)
        if not m:
            break
        starts.append(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())))
        pos = m.end()
    return starts if len(starts) >= 2 else []


def split_paragraph(text: str, max_chars: int = MAX_CHARS, enum_min: int = 150) -> list[str]:
    """Pieces of ``text``; ``"".join(result) == text``."""
    if not text:
        return []
    starts = enumeration_starts(text) if len(text) > enum_min else []
    if starts:
        bounds = [0] + [s for s in starts if s > 0] + [len(text)]
        blocks = [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
        # a short introduction before 一是 stays with the first item
        if len(blocks) > 1 and starts[0] > 0 and len(blocks[0]) < 60:
            blocks[1] = blocks[0] + blocks[1]
            blocks = blocks[1:]
        out: list[str] = []
        for b in blocks:
            out.extend(_pack(_units(b, max_chars), max_chars) if len(b) > max_chars else [b])
        return out
    if len(text) <= max_chars:
        return [text]
    return _pack(_units(text, max_chars), max_chars)
