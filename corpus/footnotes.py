"""Footnotes at the foot of a PDF page, moved out of the paragraph they interrupt.

A text layer gives a page's footnote after the page's last body line. When a paragraph runs on
to the next page, the footnote lands inside it: the paragraph assembler glues the note to the
first half of the sentence and starts a new paragraph with the second half, so neither excerpt
is the plan's text (…推动中小企业①专精特新企业：指… / 高质量发展，形成…).

A footnote is recognised by its mark: a page's last lines that begin with a circled number
(①…⑳), or a raised one (¹, read from a superscript), that the same page's body uses inside a
line (…企业①50家…), the last of them ending a sentence. When the body line before them stops
mid-sentence, the note is moved to just after the line, on the following pages, that ends that
sentence; it keeps its own page number. A body that ends its sentence before the note needs
nothing moved.
"""
from __future__ import annotations

import re

# ① … ⑳, and the superscript digits a raised mark is read as (corpus.loaders._raise_marks: ¹ … ⁹)
MARKS = "".join(chr(c) for c in range(0x2460, 0x2474)) + "¹²³⁴⁵⁶⁷⁸⁹"
_ENDS_SENTENCE = re.compile(r"[。！？!?；;：:][”’」』）)】》\"']*\s*$")
_ENDS_NOTE = re.compile(r"[。.！？!?）)」”]\s*$")
MAX_NOTE_LINES = 8


def _note_start(lines: list[str]) -> int | None:
    """Index of the first line of the page's footnote block (it runs to the page's end), or None."""
    filled = [i for i, t in enumerate(lines) if t.strip()]
    if len(filled) < 2 or not _ENDS_NOTE.search(lines[filled[-1]]):
        return None
    for i in filled[max(1, len(filled) - MAX_NOTE_LINES):]:
        head = lines[i].lstrip()[:1]
        if head and head in MARKS:
            if any(head in t.lstrip()[1:] for t in lines[:i]):
                return i
    return None


def move_footnotes(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(line, page) pairs of a document, each page ended by an empty line, with every footnote
    that interrupts a sentence moved after the line that ends the sentence."""
    pages: list[list[tuple[str, int]]] = [[]]
    for pair in pairs:
        pages[-1].append(pair)
        if not pair[0]:
            pages.append([])
    if not pages[-1]:
        pages.pop()
    carried: list[tuple[str, int]] = []
    out: list[tuple[str, int]] = []
    for page in pages:
        lines = [t for t, _ in page]
        body_end = len(lines) - 1 if lines and not lines[-1] else len(lines)
        start = _note_start(lines[:body_end])
        notes: list[tuple[str, int]] = []
        if start is not None:
            before = [t for t in lines[:start] if t.strip()]
            if before and not _ENDS_SENTENCE.search(before[-1]):
                notes = page[start:body_end]
                page = page[:start] + page[body_end:]
        for t, p in page:
            out.append((t, p))
            if carried and t.strip() and _ENDS_SENTENCE.search(t):
                out.extend(carried)
                carried = []
        carried.extend(notes)
    if carried:
        at = len(out) - 1 if out and not out[-1][0] else len(out)
        out[at:at] = carried
    return out
