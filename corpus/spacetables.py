"""Tables pasted as plain text, their cells apart by runs of spaces or tabs.

A table copied out of a PDF or a word processor into a .txt file keeps each row on a line and
its cells apart by two or more spaces (or a tab); a cell too wide for its column goes on in a
line of its own below:

    序号    指标    属性    规划目标    完成情况
    1    地区生产总值（亿元）    预期性    20000以上    6.5%
    左右    19428.78，年均增速4.8%
    2    研发经费支出占地区生产总值比重（%）    预期性    4左右        4
    3    每万人口拥有高价值发明专利数（件）    预期性    45        82

Read as prose, such lines became one paragraph and neighbouring rows ran together: "…4左右 43
每万人口…", the value 4 and the next row's serial 3 read as one number. ``mark_space_tables``
finds such blocks and reads them as a pipe table is read (``corpus.loaders.mark_text_tables``):
each row a line of its own, its cells apart by " | ", tagged with the block's first row as its
column headers. A line that only carries on the row above (左右 under 6.5%) is joined to it.

What is not taken for a table: headings printed with a gap after their number (第一节  指导思想,
1.1  适用范围, （一）  民间参与), a 目录's entries (a page number at each line's end), words
spaced out (目  录, 总  则), and sentences apart by two spaces.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import replace
from typing import TYPE_CHECKING

from corpus.paragraphs import join_wrapped

if TYPE_CHECKING:
    from corpus.loaders import Line

# a gap between cells: two or more spaces (ASCII, ideographic or no-break) or a tab
_GAP = re.compile(r"[ \u3000\xa0]*\t[ \u3000\xa0\t]*|[ \u3000\xa0]{2,}")
# a first cell that opens a heading, not a row: its numbering (第一节, 一、, （一）, 专栏3, 附件1, 表1 …)
HEADING_START = re.compile(
    r"^(?:第\s*[一二三四五六七八九十百零〇两\d]+\s*(?:[编篇章节条]|部分)|[一二三四五六七八九十]+\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十]+\s*[）)]|专栏|附\s*[件录表图]|[表图]\s*\d"
    r"|(?:目\s*[录次]|序言|前言|引言|导言|结束语|结语)$)")
# a first cell that is nothing but a heading's number (1.  1.1  （1）  1、)
_NUMBER_ONLY = re.compile(r"^(?:\d+(?:[.．]\d+)*[.．、]|\d+(?:[.．]\d+)+|[（(]\s*\d+\s*[）)])$")
_SERIAL = re.compile(r"^\d{1,3}$")             # a row's serial number (序号)
_PAGE = re.compile(r"^\d{1,4}$")
_SENTENCE_END = re.compile(r"[。！？；;!?]$")
TABLE_NOTE = re.compile(r"^(?:注|备注|说明|资料来源|数据来源|来源)\s*\d*\s*[：:]")   # a note under the table
# the number an item of a list opens with, when a wrapped cell lists one item a line
_LIST_ITEM = re.compile(r"^(?:\d+[.．、]|[（(]\d+[）)]|[①-⑳])")
MAX_FRAGMENT = 24        # characters of a line that carries on a cell of the row above
MAX_FRAGMENTS = 4        # such lines in a row
MIN_ROWS = 3             # lines of a table of two columns


def _cells(text: str) -> list[str] | None:
    """The cells of a line that reads as a table row, or None."""
    s = text.strip()
    if not s or "|" in s or "｜" in s:
        return None
    cells = _GAP.split(s)
    if len(cells) < 2:
        return None
    if HEADING_START.match(cells[0]) or _NUMBER_ONLY.match(cells[0]):
        return None
    if all(len(c) == 1 for c in cells):             # a word spaced out: 目  录
        return None
    ends = sum(1 for c in cells[:-1] if _SENTENCE_END.search(c))
    if 2 * ends >= len(cells) - 1:                  # sentences apart by two spaces
        return None
    return cells


def _fragment(text: str) -> bool:
    """A short line that may carry on a cell of the row above."""
    s = text.strip()
    return (0 < len(s) <= MAX_FRAGMENT and "|" not in s and "｜" not in s and not _GAP.search(s)
            and not _SENTENCE_END.search(s) and not HEADING_START.match(s) and not TABLE_NOTE.match(s))


def _is_toc(cells: list[list[str]]) -> bool:
    """Lines of a 目录: most end on a page number, and the numbers do not go down."""
    pages = [int(c[-1]) for c in cells if _PAGE.match(c[-1])]
    return len(pages) >= 0.6 * len(cells) and pages == sorted(pages)


def _join(row: str, more: str) -> str:
    if _LIST_ITEM.match(more):
        return row + " " + more
    return join_wrapped(row, more)


def _rows(block: list[list[str] | None], texts: list[str]) -> list[tuple[int, str]] | None:
    """(line index in the block, row text) of a block read as a table, or None when it is not one."""
    found = [c for c in block if c is not None]
    wide = sum(1 for c in found if len(c) >= 3)
    if wide < 2:
        # two columns: three rows or more, short first cells (labels), no bare serial numbers
        if len(found) < MIN_ROWS or any(_SERIAL.match(c[0]) for c in found):
            return None
        if statistics.median(len(c[0]) for c in found) > 12:
            return None
    if _is_toc(found):
        return None
    least = 3 if wide >= max(2, len(found) / 2) else 2       # cells of a line that opens a row
    rows: list[tuple[int, str]] = []
    for k, cells in enumerate(block):
        if cells is not None and (len(cells) >= least or _SERIAL.match(cells[0]) or not rows):
            rows.append((k, " | ".join(cells)))
        else:
            more = " | ".join(cells) if cells is not None else texts[k].strip()
            rows[-1] = (rows[-1][0], _join(rows[-1][1], more))
    return rows


def mark_space_tables(lines: list[Line]) -> list[Line]:
    """``corpus.loaders.Line`` s with the tables pasted as plain text read as tables (see the
    module's doc): each row one line, its cells apart by " | ", ``end`` True and ``table`` the
    block's first row; a line joined to the row above is left empty. Lines already read as a
    table row are left as they are."""
    out = list(lines)
    i = 0
    while i < len(out):
        first = None if out[i].table else _cells(out[i].text)
        if first is None:
            i += 1
            continue
        block: list[list[str] | None] = [first]
        j, last, run = i + 1, i, 0
        while j < len(out) and not out[j].table:
            cells = _cells(out[j].text)
            if cells is not None:
                block.append(cells)
                last, run = j, 0
            elif _fragment(out[j].text) and run < MAX_FRAGMENTS:
                block.append(None)
                run += 1
            else:
                break
            j += 1
        # (short lines after the last row carry on that row; the first line of another kind ends the block)
        rows = _rows(block, [ln.text for ln in out[i:j]])
        if rows is None:
            i = last + 1
            continue
        header = rows[0][1]
        for k in range(i, j):
            out[k] = replace(out[k], text="", end=None, heading=0)
        for k, text in rows:
            out[i + k] = replace(lines[i + k], text=text, end=True, table=header)
        i = j
    return out
