"""Tables flattened one cell per line, their rows counted by a 序号 column.

A table copied out of a PDF viewer or a web page often loses its grid: every cell becomes a
line of its own, the column headers first, then each row as its serial number followed by its
cells. A cell merged over several rows (a 类别 spanning three indicators) is printed once, on the
first of them, so rows differ in how many lines they take::

    序号
    类别
    指标名称
    指标属性
    现状值(2025年）
    目标值(2030年）
    1
    水安全
    城镇雨水排水达3～5年一遇能力的面积占比
    预期性
    74.2%
    完成市级考核要求
    2
    城市易积水点消除比例
    预期性
    100%
    100%

Read as prose, each cell became a clause of its own ("100%"), which says nothing without its row.
``mark_line_tables`` reads such a block as a pipe table is read (``corpus.loaders.mark_text_tables``):
the header lines one row, and each serial number with its cells one row, its cells apart by " | "
("2 | 城市易积水点消除比例 | 预期性 | 100% | 100%"), tagged with the header row.

It reads only what its serial numbers anchor: a header run that opens with 序号 (or 编号), at
least two column headers after it, and rows numbered 1, 2, 3 … in order. A cell that is itself a
bare number may look like the next serial; of the ways to cut the lines at the serials, the one
whose rows are closest to the header's width is taken. The last row takes no more cells than the
widest row before it, nor a sentence longer than any cell before it, and no table runs over a
heading, a note (注：) or a blank line.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from corpus.spacetables import HEADING_START, TABLE_NOTE

if TYPE_CHECKING:
    from corpus.loaders import Line

_SERIAL_HEADER = re.compile(r"^(?:序\s*号|编\s*号)$")
_SERIAL = re.compile(r"^\d{1,3}$")
_GROUP = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]?$")
_SENTENCE_END = re.compile(r"[。！？!?]$")
_SENTENCE = re.compile(r"[。；;，,：:！？!?]")
HEADER_MAX_CHARS = 20
MIN_COLUMNS = 2          # column headers after the serial column
MIN_ROWS = 2
MAX_SPAN = 3             # a row takes at most this many times the header's width in lines


def _header_cell(text: str) -> bool:
    s = text.strip()
    return (0 < len(s) <= HEADER_MAX_CHARS and not _SERIAL.match(s) and not _SENTENCE.search(s)
            and "|" not in s and not HEADING_START.match(s))


def _cell(text: str) -> bool:
    s = text.strip()
    return bool(s) and "|" not in s and not HEADING_START.match(s) and not TABLE_NOTE.match(s)


def _cut(cells: list[str], width: int) -> list[int] | None:
    """Where each row starts in ``cells`` (the lines after the header): the cut whose rows, each
    opened by its serial 1, 2, 3 … and holding at least one cell, come closest to ``width`` cells
    (fewer cells cost less than more: merged cells leave a row short). None when no cut numbers
    at least MIN_ROWS rows; a cut may stop before the end of ``cells``."""
    if not cells or cells[0].strip() != "1":
        return None
    limit = MAX_SPAN * width
    # best[k]: (cost, starts) of the rows up to the one opening at line k
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [0])}
    serial = 1
    frontier = [0]
    while frontier:
        nxt = str(serial + 1)
        found: dict[int, tuple[float, list[int]]] = {}
        for k in frontier:
            cost, starts = best[k]
            for m in range(k + 2, min(len(cells), k + 2 + limit)):
                if cells[m].strip() == nxt:
                    n = m - k - 1
                    step = cost + (width - n if n <= width else 2 * (n - width))
                    if m not in found or step < found[m][0]:
                        found[m] = (step, starts + [m])
        if not found:
            break
        best.update(found)
        frontier = sorted(found)
        serial += 1
    # the last row opened; among equal numbers of rows, the cheapest cut
    last = max(best, key=lambda k: (len(best[k][1]), -best[k][0]))
    starts = best[last][1]
    return starts if len(starts) >= MIN_ROWS else None


def _groups(texts: list[str]) -> set[int]:
    """Positions in ``texts`` of the lines of group rows: a bare 一, 二 … and the label after it
    (一 / 水安全), a row spanning the table above the rows of its group."""
    out: set[int] = set()
    for k in range(len(texts) - 1):
        if _GROUP.match(texts[k].strip()) and _header_cell(texts[k + 1]) and not _GROUP.match(texts[k + 1].strip()):
            out.update((k, k + 1))
    return out


def mark_line_tables(lines: list[Line]) -> list[Line]:
    """``corpus.loaders.Line`` s with the tables flattened one cell per line read as tables (see
    the module's doc): the header and each row one line, cells apart by " | ", ``end`` True and
    ``table`` the header row; the lines joined into a row are left empty. Lines already read as a
    table row are left as they are."""
    out = list(lines)
    i = 0
    while i < len(out):
        if out[i].table or not _SERIAL_HEADER.match(out[i].text.strip()):
            i += 1
            continue
        h = i + 1
        while (h < len(out) and not out[h].table and _header_cell(out[h].text)
               and not _GROUP.match(out[h].text.strip())):
            h += 1
        width = h - i - 1
        # the table's lines: cells up to the first line that is none (a heading, a note, a blank line)
        e = h
        while e < len(out) and not out[e].table and _cell(out[e].text):
            e += 1
        texts = [ln.text for ln in out[h:e]]
        groups = _groups(texts)
        seq = [k for k in range(len(texts)) if k not in groups]        # the cells, group rows aside
        starts = _cut([texts[k] for k in seq], width) if width >= MIN_COLUMNS else None
        if starts is None:
            i = h
            continue
        # the last row: as many cells as the widest row before it, short of a sentence longer than any cell
        cells = [texts[k] for k in seq]
        longest = max(len(t.strip()) for t in cells[:starts[-1]])
        room = min(width, max(b - a - 1 for a, b in zip(starts, starts[1:])))
        stop = starts[-1] + 1
        while stop < len(cells) and stop - starts[-1] - 1 < room \
                and not (_SENTENCE_END.search(cells[stop].strip()) and len(cells[stop].strip()) > longest):
            stop += 1
        bounds = [*starts, stop]
        spans = [seq[a:b] for a, b in zip(bounds, bounds[1:])]
        end = spans[-1][-1] + 1
        spans += [[k, k + 1] for k in sorted(groups) if k < end and k + 1 in groups and k - 1 not in groups]
        header = " | ".join(out[k].text.strip() for k in range(i, h))
        rows = [(i, header)] + [(h + span[0], " | ".join(out[h + k].text.strip() for k in span)) for span in spans]
        for k in range(i, h + end):
            out[k] = replace(out[k], text="", end=None, heading=0)
        for k, text in rows:
            out[k] = replace(lines[k], text=text, end=True, heading=0, table=header)
        i = h + end
    return out
