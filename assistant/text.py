"""Plain text helpers: cleaning user input, sentence spans, highlight spans.

Nothing here touches plan text except to *find positions* in it: every span
returned indexes into the string passed in, so slices stay verbatim.
"""
from __future__ import annotations

import re
import unicodedata

from index.tokenize import digit_years

_TAG = re.compile(r"<[^<>]{0,500}>")
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)", re.I | re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP_CHARS = re.compile(r"[<>`*_#~|\[\]{}\\=$^]+")
_SPACES = re.compile(r"\s+")
_EMPTY_BRACKETS = re.compile(r"\[(\s*)\]")


def clean_question(question: str, max_chars: int = 500) -> tuple[str, list[str]]:
    """Return ``(clean, notes)``: the question with markup, control characters and
    emoji removed, whitespace collapsed, cut to ``max_chars``.

    ``notes`` says what was done, in words a user understands (empty when the
    question was already clean). The result never contains ``<``, ``>`` or
    control characters, so it is safe to show in HTML or a terminal.
    """
    notes: list[str] = []
    text = str(question)
    if len(text) > max_chars * 4:
        text = text[: max_chars * 4]
    # an empty bracket pair is a sign the question asks about ("表中“[ ]”内的数字"), not markup
    text = _EMPTY_BRACKETS.sub(lambda m: "［" + m.group(1) + "］", text)
    before = text
    text = _SCRIPT.sub(" ", text)
    text = _TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("&nbsp;", " ").replace("&lt;", " ").replace("&gt;", " ").replace("&amp;", "&")
    text = _MARKUP_CHARS.sub("", text)
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
            kept.append(" ")
        elif cat == "So" or cat == "Sk" or 0x1F000 <= ord(ch) <= 0x1FFFF:
            kept.append(" ")
        else:
            kept.append(ch)
    text = _SPACES.sub(" ", "".join(kept)).strip()
    if text != _SPACES.sub(" ", before).strip():
        notes.append("已去除标记、控制字符或表情符号")
    if len(text) > max_chars:
        text = text[:max_chars].rstrip()
        notes.append(f"问题过长，只取前 {max_chars} 个字符")
    return text, notes


# --- sentences -------------------------------------------------------------------

_SENT_END = "。！？!?"
_SOFT_END = "；;"
_CLOSERS = "”’」』）)"


def sentence_spans(text: str, soft_split_over: int = 160, min_chars: int = 15) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``[start, end)`` covering it entirely.

    Splits after 。！？ (plus any closing quote/bracket); a sentence longer than
    ``soft_split_over`` is split again after ；. A piece shorter than
    ``min_chars`` (a bold lead like "集成电路产业。") is joined to the next one.
    """
    raw: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        if text[i] in _SENT_END:
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            raw.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if start < n:
        raw.append((start, n))
    pieces: list[tuple[int, int]] = []
    for s, e in raw:
        if e - s <= soft_split_over:
            pieces.append((s, e))
            continue
        sub = s
        for k in range(s, e):
            if text[k] in _SOFT_END and k + 1 - sub >= min_chars:
                pieces.append((sub, k + 1))
                sub = k + 1
        if sub < e:
            pieces.append((sub, e))
    merged: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for s, e in pieces:
        if pending is not None:
            s = pending[0]
            pending = None
        if not text[s:e].strip():
            if merged:
                merged[-1] = (merged[-1][0], e)
            else:
                pending = (s, e)
            continue
        if e - s < min_chars:
            pending = (s, e)
            continue
        merged.append((s, e))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], pending[1])
        else:
            merged.append(pending)
    return merged


def strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with whitespace."""
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --- highlighting ------------------------------------------------------------------

def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def highlight_spans(text: str, terms) -> list[tuple[int, int]]:
    """Non-overlapping ``[start, end)`` spans of ``terms`` in ``text``, longest first,
    matched case-insensitively after NFKC folding; sorted by position."""
    folded = "".join(_fold(c)[:1] or c for c in text)
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    uniq = sorted({t for t in (unicodedata.normalize("NFKC", str(t)).lower().strip() for t in terms) if t},
                  key=lambda t: (-len(t), t))
    for term in uniq:
        start = 0
        while True:
            pos = folded.find(term, start)
            if pos < 0:
                break
            end = pos + len(term)
            if not any(taken[pos:end]):
                spans.append((pos, end))
                for x in range(pos, end):
                    taken[x] = True
            start = pos + 1
    return sorted(spans)


def compact(text: str) -> str:
    """NFKC, no whitespace and years as digits ("二〇三五年" -> "2035年", as the search text reads
    them): the form in which eval phrases, question words and anchors are compared."""
    return digit_years("".join(unicodedata.normalize("NFKC", text).split()))


def maximal(terms) -> list[str]:
    """``terms`` less those inside a longer one of them (节能, 环保 inside 节能环保产业), in order."""
    terms = list(terms)
    return [t for t in terms if not any(t != u and t in u for u in terms)]
