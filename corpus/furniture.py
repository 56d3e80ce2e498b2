"""Page furniture of a PDF's text layer: printed page numbers and running heads.

A text layer gives each page's lines in reading order, the page's header and
footer among them. Left in, they end up inside the paragraphs that run across
the page break (…高端装备12制造…, …发展规划四川省“十三五”…), so an excerpt is no
longer the plan's text. The "- 12 -" marker is read by ``corpus.loaders``;
this module finds the other forms from the pages themselves:

* a page number is a first or last line that is only a number ("12", "第12页",
  "— 12 —", "12/40", "第12页 共40页") when the pages' numbers agree on one
  offset from the PDF page index (a number in a table at a page's foot does
  not follow the pages); its value becomes the page's printed number;
* a running head or foot is a first or last line that recurs, digits aside, on
  at least three pages and a third of them, in the same place: the plan's title
  or the issuing office printed on every page. Lines with sentence punctuation
  or several space-separated fields (a table header repeated on each page of a
  long table) are never taken for one.
"""
from __future__ import annotations

import re
from collections import Counter

_NUMBER = re.compile(r"^[\s\-－—–一~〜_·.]*(?:第\s*)?(\d{1,4})(?:\s*页)?\s*(?:(?:/|／|共)\s*\d{1,4}\s*页?)?"
                     r"[\s\-－—–一~〜_·.]*$")
_SENTENCE = re.compile(r"[。；;！？!?，,]")


def _key(line: str) -> str:
    return re.sub(r"[\s\d]+", "", line)


def _ends(lines: list[str]) -> tuple[int | None, int | None]:
    """Indexes of the first and last non-empty lines (None on an empty page)."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    return (filled[0], filled[-1]) if filled else (None, None)


def _page_numbers(pages: list[list[str]]) -> tuple[dict[int, tuple[int, int]], int | None]:
    """page index -> (line index, printed number) for the pages whose first or last line is a page
    number that follows the pages (one offset from the index for most numbered pages), and that
    offset (None when the pages show no such numbers)."""
    found: dict[int, list[tuple[int, int]]] = {}
    for p, lines in enumerate(pages):
        for i in dict.fromkeys(_ends(lines)):
            m = _NUMBER.match(lines[i]) if i is not None else None
            if m and int(m.group(1)) > 0:
                found.setdefault(p, []).append((i, int(m.group(1))))
    if len(found) < 2:
        return {}, None
    offsets = Counter(n - p for p, cands in found.items() for _, n in cands)
    offset, count = offsets.most_common(1)[0]
    if count < max(2, 0.6 * len(found)):
        return {}, None
    out = {}
    for p, cands in found.items():
        hit = next(((i, n) for i, n in cands if n - p == offset), None)
        if hit is not None:
            out[p] = hit
    return out, offset


def _running(pages: list[list[str]], numbers: dict[int, tuple[int, int]]) -> dict[int, set[int]]:
    """page index -> indexes of its running head or foot lines."""
    places: list[tuple[int, str, int]] = []           # (page, top|bottom, line index)
    for p, lines in enumerate(pages):
        skip = numbers.get(p, (None,))[0]
        filled = [i for i, ln in enumerate(lines) if ln.strip() and i != skip]
        if filled:
            places.append((p, "top", filled[0]))
            if filled[-1] != filled[0]:
                places.append((p, "bottom", filled[-1]))
    counts = Counter((where, _key(pages[p][i])) for p, where, i in places)
    need = max(3, len(pages) / 3)
    out: dict[int, set[int]] = {}
    for p, where, i in places:
        line = pages[p][i].strip()
        key = _key(line)
        if (key and counts[(where, key)] >= need and len(line) <= 40 and not _SENTENCE.search(line)
                and len(line.split()) < 3):
            out.setdefault(p, set()).add(i)
    return out


def strip_furniture(pages: list[str]) -> list[tuple[str, int | None]]:
    """Each page's text without its page number and running head/foot lines, with its printed page
    number: the one it shows, else the one its place implies (a page left unnumbered between
    numbered ones); None when the pages show no numbers that follow them."""
    split = [text.split("\n") for text in pages]
    numbers, offset = _page_numbers(split)
    running = _running(split, numbers)
    out = []
    for p, lines in enumerate(split):
        drop = set(running.get(p, ()))
        if p in numbers:
            drop.add(numbers[p][0])
        kept = "\n".join(ln for i, ln in enumerate(lines) if i not in drop)
        printed = numbers[p][1] if p in numbers else (p + offset if offset is not None else None)
        out.append((kept, printed if printed is not None and printed > 0 else None))
    return out
