"""Join hard-wrapped lines into paragraphs (the crux of reading a PDF-born plan).

A paragraph ends after a line when

1. the format says so (``Line.end`` is True): a DOCX paragraph, or - in text
   extracted from a PDF, like the shipped plan - a line ending in whitespace:
   extraction leaves a trailing space after the last line of each paragraph
   and none after wrapped lines (see ``loaders.has_end_hints``);
2. the next line starts a structural unit: a numbered heading (一、 （一）
   第X章/节/部分), the 名词解释 title, or - when the current line ends a
   sentence - 第X条, 专栏 N, a numbered item (1. （1） ①), a bold lead
   (``集成电路产业。…``) or a box item (``…工程：``);
3. a heading stands on a line of its own (shorter than the text width);
4. without the trailing-space hint only: the line is blank (and not just
   padding around a page marker), the next line is indented after a sentence
   end, or the line ends short of the text width (under 80% of it, or under
   88% when it ends a sentence).  The text width is measured from the lines
   themselves (``wrap_width``); when the lines are not hard-wrapped at all,
   every line is a paragraph.

Trailing spaces are therefore never text.  Line joins never invent a space
between Chinese characters: the only space added at a wrap is between two
ASCII letters (an English word wrap); spaces inside a line (``DNA 重组``,
``5G 网络``) are kept, with runs of whitespace collapsed to one space.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from corpus.loaders import Line
from corpus.meta import masthead_line
from corpus.script import compile_cue

# sentence-final punctuation, optionally followed by closing quotes/brackets
_SENT_END = re.compile(r"[。！？；!?;：:][”’」』）)】》\"']*$")
_CN_NUM = "一二三四五六七八九十百零〇两"
# a 目录 entry: dot leaders and a page number end its line, and the line (一、背景形势 ……… 1); a
# standard numbers its 前言's page in Roman numerals (前言 ……… II)
_TOC_LINE = re.compile(r"(?:(?:[.．·…⋯]\s*){4,}|(?:…\s*){2,})(?:\d{1,4}|[IVXⅠ-Ⅻ]{1,4})$")     # (…… is six dots)

# structural starts that end the previous paragraph whatever it ended with
STRONG_START = re.compile(
    rf"^(?:"
    rf"第[{_CN_NUM}\d]+(?:[编篇章节]|部分)"           # 第一章 / 第二节 / 第一部分
    rf"|[{_CN_NUM}]+\s*(?:、|[.．](?![\d.．]))"        # 一、 / 一.
    rf"|[（(]\s*[{_CN_NUM}]+\s*[）)]"                # （一）
    rf"|名\s*词\s*解\s*释\s*$|术\s*语\s*解\s*释\s*$"   # glossary title
    rf")"
)
# starts that end the previous paragraph only if it ended a sentence
WEAK_START = re.compile(
    r"^(?:"
    rf"第[{_CN_NUM}\d]+条"                             # 第三条 (also cited mid-sentence)
    rf"|专栏\s*[\d０-９{_CN_NUM}]+"                    # 专栏 1 (also cited mid-sentence)
    r"|\d{1,3}\s*[.．、](?!\d)"                       # 1. / 1、
    r"|(?:[（(]\s*)?\d{1,3}\s*[）)]"                 # （1） / 1）
    r"|[①-⑳]"
    r"|[^，。；：、,;:！？\s]{2,20}。"               # bold lead: 集成电路产业。
    r"|[^，。；：、,;！？\s]{2,30}[：:]"              # box item: xxx工程：
    r"|\d{1,2}(?:[.．]\d{1,2}){0,3}[.．]?\s*[\u4e00-\u9fff“][^。；;，,：:！？!?]{1,30}$"   # 3.1.1 heading line
    r")"
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of cleaned text with the printed page of each part.

    ``pages`` holds (offset, page) pairs sorted by offset, the first at 0: the
    characters from an offset up to the next offset are on that page.
    """

    text: str
    pages: tuple[tuple[int, int], ...]
    heading_hint: int = 0           # markdown heading level, 0 for none
    table: str = ""                 # a table row: its table's header row ("" for ordinary paragraphs)

    def page_at(self, offset: int) -> int:
        page = self.pages[0][1]
        for off, p in self.pages:
            if off > offset:
                break
            page = p
        return page

    def page_range(self, start: int, end: int) -> tuple[int, int]:
        return (self.page_at(start), self.page_at(max(start, end - 1)))


def display_width(text: str) -> int:
    """Width in half-width units: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped pieces; a space only between two ASCII letters (an
    English word wrap), never between Chinese characters or digits."""
    if not left:
        return right
    if not right:
        return left
    if left[-1] == " " or right[0] == " ":
        return left.rstrip() + " " + right.lstrip() if (left.rstrip() and right.lstrip()) else left + right
    if left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return left + " " + right       # an English word wrap; digits split by a wrap stay together
    return left + right


def wrap_width(lines: list[str]) -> int:
    """The text width of hard-wrapped lines (a high percentile of line widths),
    or 0 when the lines are not hard-wrapped (one paragraph per line)."""
    content = [ln.strip() for ln in lines if len(ln.strip()) >= 6]
    widths = sorted(display_width(ln) for ln in content)
    if len(widths) < 5:
        return 0
    # one paragraph per line: most lines end a sentence
    if sum(1 for ln in content if _SENT_END.search(ln)) > 0.6 * len(content):
        return _clustered_width(content)
    ref = widths[int(len(widths) * 0.8)]
    near = sum(1 for w in widths if 0.85 * ref <= w <= 1.1 * ref)
    # hard-wrapped text has most lines within a few characters of the width
    if near / len(widths) < 0.45 or ref > 240:
        return _clustered_width(content)
    return ref


def _clustered_width(content: list[str]) -> int:
    """The width of hard-wrapped text made mostly of one-line paragraphs (many short notices,
    headings, list items): a good share of the lines have the same width, and those full lines
    mostly stop mid-sentence, as wrapped lines do; 0 when there is no such cluster."""
    widths = [display_width(ln) for ln in content]
    best, members = 0, []
    for w in sorted(set(widths)):
        if w < 20 or w > 240:
            continue
        # a heading on a line of its own (第一节 发展基础) stops short without punctuation as a wrapped
        # line does, but it is no sign of a wrap: a plan of 篇/章/节 has hundreds of them, of alike widths
        near = [ln for ln, x in zip(content, widths) if w <= x <= w + max(2, 0.05 * w) and not _heading_line(ln)]
        if len(near) > len(members):
            best, members = w, near
    if len(members) < max(5, 0.2 * len(content)):
        return 0
    if sum(1 for ln in members if _SENT_END.search(ln)) > 0.5 * len(members):
        return 0
    return max(display_width(ln) for ln in members) if best else 0


def assemble(lines: list[Line] | tuple[Line, ...], hinted: bool = False) -> list[Paragraph]:
    """Group physical lines into paragraphs (see the module docstring)."""
    lines = list(lines)
    width = wrap_width([ln.text for ln in lines if ln.end is None])
    unwrapped = width == 0
    indents = not hinted and indented_style(lines)

    paragraphs: list[Paragraph] = []
    cur_text = ""
    cur_pages: list[tuple[int, int]] = []
    cur_heading = 0
    cur_table = ""
    cur_row = False             # the paragraph is a row of a table whose rows are lines (_next_row)
    last_row = -1               # the index of the last such paragraph

    def flush():
        nonlocal cur_text, cur_pages, cur_heading, cur_table, cur_row, last_row
        text = cur_text.strip()
        if text:
            lead = len(cur_text) - len(cur_text.lstrip())
            pages = [(max(0, off - lead), p) for off, p in cur_pages]
            pages = _dedupe_pages(pages, len(text))
            paragraphs.append(Paragraph(text, tuple(pages), cur_heading, cur_table))
            if cur_row:
                last_row = len(paragraphs) - 1
        cur_text, cur_pages, cur_heading, cur_table, cur_row = "", [], 0, "", False

    for i, line in enumerate(lines):
        raw = line.text
        stripped = normalize_space(raw.replace("\n", " ")) if "\n" not in raw else _join_soft_breaks(raw)
        if not stripped:
            # blank line: a paragraph break unless it only pads a page change
            if not hinted and line.end is None and not _padding_blank(lines, i):
                flush()
            elif line.end is True:
                flush()
            continue
        if line.table:              # a table row is a paragraph of its own
            flush()
            cur_text, cur_pages, cur_table = stripped, [(0, line.page)], line.table
            flush()
            continue
        # the masthead of a red-header document, over its title: a line each (registration number, issuing
        # bodies, 文件, document number), however the lines end
        masthead = len(paragraphs) < 10 and masthead_line(stripped) and \
            not any(_SENT_END.search(p.text) for p in paragraphs) and not _SENT_END.search(cur_text)
        row = not line.heading and not hinted and _next_row(lines, i, stripped)
        if cur_text and (line.heading or masthead or row
                         or _starts_unit(stripped, cur_text, line, lines, i, hinted, indents)):
            flush()
        elif not cur_text and paragraphs and not line.heading and not paragraphs[-1].heading_hint and not masthead \
                and not paragraphs[-1].table and not _TOC_LINE.search(paragraphs[-1].text) \
                and not STRONG_START.match(stripped) and not row and (
                    _mid_sentence(paragraphs[-1].text, stripped)
                    or (last_row == len(paragraphs) - 1 and not _SENT_END.search(paragraphs[-1].text)
                        and _row_fragment(stripped))
                    or (not hinted and line.end is None and len(paragraphs) > 3 and lines[i - 1].end is None
                        and _cut_line(paragraphs[-1].text) and not _heading_line(paragraphs[-1].text)
                        and not _NUMBERED.match(stripped) and not _HEAD_LIKE.match(stripped)
                        and not _DECIMAL_LINE.match(stripped) and not _listed_codes(paragraphs[-1].text, stripped)
                        and not _DECIMAL_TERM.match(paragraphs[-1].text)
                and not _DATE_LINE.match(stripped) and not _YEAR_ITEM.match(stripped)
                        and not is_caption(stripped) and not is_caption(paragraphs[-1].text))):
            # a hard break inside a sentence (CRLF text cut before a comma): reopen the paragraph
            cur_row = last_row == len(paragraphs) - 1
            last = paragraphs.pop()
            cur_text, cur_pages = last.text, list(last.pages)
        cur_heading = line.heading or cur_heading
        cur_row = cur_row or (row and not cur_text)
        if not cur_pages or cur_pages[-1][1] != line.page:
            offset = len(join_wrapped(cur_text, stripped)) - len(stripped)
            cur_pages.append((offset, line.page))
        cur_text = join_wrapped(cur_text, stripped)
        if _BARE_DECIMAL.match(cur_text):
            cur_text += " "     # a standard's term number on a line of its own heads the term's line
            continue
        if line.end is True or masthead or _TOC_LINE.search(stripped):
            flush()
        elif line.end is None and not hinted and _ends_short(stripped, width, unwrapped):
            flush()
        elif line.end is None and cur_text == stripped and width and STRONG_START.match(stripped) \
                and display_width(stripped) < 0.9 * width:
            flush()      # a heading on a line of its own
    flush()
    return paragraphs


# a figure's or table's caption on a line of its own ("图1 普陀区绿道布局现状图", "表2 主要指标表",
# "图2-2城市公共交通数据资源逻辑架构体系"), not a sentence that cites one ("图1所示…", "表1中…")
_CAPTION = re.compile(r"^[图表][ \t\u3000]*\d{1,2}(?:[ \t\u3000]*[-－.．][ \t\u3000]*\d{1,2})?[ \t\u3000]*"
                      r"(?![所中和与及的是为])(?:[\u4e00-\u9fff“《（(A-Za-z]|(?<=[ \t\u3000])(?:19|20)\d\d年)")   # 表4  2022年…


def is_caption(text: str) -> bool:
    """A figure's or table's caption: 图N/表N and a title, no sentence punctuation, 60 characters at most."""
    t = text.strip()
    return len(t) <= 60 and bool(_CAPTION.match(t)) and not re.search(r"[。；，,;！？!?]", t)


_NUMBERED = re.compile(rf"^(?:第[{_CN_NUM}\d]+条|专栏\s*[\d０-９{_CN_NUM}]+|\d{{1,3}}\s*[.．、](?!\d)"
                       r"|[（(]\s*\d{1,3}\s*[）)]|[①-⑳])")
# a line that is only a date (a 落款's) or a list item that opens on a year ("2.2019年非银行领域…工作要点")
# starts a paragraph of its own, whatever the line before it ended with
_DATE_LINE = re.compile(r"^(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日$"
                        r"|\d{4}\s*[-－]\s*\d{1,2}\s*[-－]\s*\d{1,2}(?:\s*(?:发布|实施))?$)")   # a standard's 2022-06-01 发布
_YEAR_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*(?:19|20)\d{2}\s*年")
_CONTINUES = re.compile(r"^[，。、；：！？）》」』”’,;:!?)%％]")
_OPEN_END = re.compile(r"[，、（(“‘《「『]$")


def _mid_sentence(prev: str, nxt: str) -> bool:
    """``nxt`` cannot start a paragraph after ``prev``: it opens with a comma or
    closing mark, or ``prev`` stops at a comma or an opening mark."""
    return bool(_CONTINUES.match(nxt) or _OPEN_END.search(prev))


def _cut_line(text: str) -> bool:
    """A long line that stops without any punctuation: the rest of its sentence is on the next line
    (text hard-wrapped at varying widths, where no wrap width can be measured)."""
    return display_width(text) >= 50 and not re.search(r"[。！？；：!?;:，,、”’）)》」』〕】\]]$", text)


def _heading_line(text: str) -> bool:
    """A short numbered line without a comma: a heading or list title, not a wrapped sentence
    (第X条 opens an article's own text, so it is no sign of a heading). A part heading (一、 第三章)
    may have two halves joined by a comma (三、聚力打造…基地,构建…产业体系) and run to 60 characters."""
    if STRONG_START.match(text) and len(text) < 60 and not re.search(r"[；;：:]", text):
        return True
    return bool(_NUMBERED.match(text) and not _ARTICLE.match(text)) \
        and len(text) < 40 and not re.search(r"[，,；;]", text)


_ARTICLE = compile_cue(rf"^第[{_CN_NUM}\d]+条")


_HEAD_LIKE = compile_cue(r"^(?:附\s*[件录]|[^，。；、,;！？!?]{1,24}[：:]$)")
# a decimal heading or clause number at a line's start ("3 术语和定义", "4.2.1 通用要求", a bare "3.1"):
# never the rest of the line before it, however that line stopped
_DECIMAL_LINE = re.compile(r"^(?:\d{1,2}(?:[.．]\d{1,2}){1,3}(?:\s+[\u4e00-\u9fff“A-Za-z][^。；;，,：:！？!?]{0,40})?$"
                           r"|\d{1,2}\s+[\u4e00-\u9fff“][\u4e00-\u9fff“”、]{1,20}$)")
# a standard's numbered term ("3.3 总挥发性有机物 total volatile organic compounds"): a heading of its own
_DECIMAL_TERM = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,3}\s+[^，。；：、,;:！？!?]{1,100}$")
# a standard's clause or term number alone on its line (3.1, 5.2.1.1)
_BARE_DECIMAL = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,3}$")
# a standard's code opening a line of a reference list (GB/T 16157 …, HJ 583 …, DB44/ 2367—2022 …)
_CODE = re.compile(r"^[A-Z]{1,5}(?:/[A-Z]{1,2})?\s*\d")


# a table row printed with its cells a single space apart, opened by its serial number (序号): "15 对外贸易…"
_ROW_SERIAL = re.compile(r"^(\d{1,3})[ \t\u3000]+(?=[^\d\s.．、%％|｜])")
_HEADER_ROW = compile_cue(r"^序\s*号[ \t\u3000]")
MAX_ROW_FRAGMENT = 12        # characters (24 display columns) of a line that carries on a row's cell
MAX_ROW_FRAGMENTS = 6        # such lines under one row


def _next_row(lines, i: int, text: str) -> bool:
    """``text`` opens with the serial number after the one the row above it opens with (or with 1 under a
    header row that opens with 序号): the next row of a table whose rows are lines, not the rest of a sentence
    cut at the line end, however long the line before it is and however it stops. Short lines between the
    two (a cell's text wrapped under its row: 达到国家 / 要求 / 约束性) belong to the row above."""
    m = _ROW_SERIAL.match(text)
    if not m:
        return False
    j, skipped = i - 1, 0
    while j >= 0 and skipped <= MAX_ROW_FRAGMENTS:
        prev = normalize_space(lines[j].text.replace("\n", " "))
        if prev:
            if m[1] == "1" and _HEADER_ROW.match(prev):
                return True
            p = _ROW_SERIAL.match(prev)
            if p:
                return int(m[1]) == int(p[1]) + 1
            if not _row_fragment(prev):
                return False
            skipped += 1
        j -= 1
    return False


def _row_fragment(text: str) -> bool:
    """A short line that can be the wrapped rest of a table cell: no serial or heading number, no sentence
    end, no caption."""
    return display_width(text) <= 2 * MAX_ROW_FRAGMENT and not _ROW_SERIAL.match(text) and "|" not in text \
        and not _SENT_END.search(text) and not STRONG_START.match(text) and not _NUMBERED.match(text) \
        and not _DECIMAL_LINE.match(text) and not _BARE_DECIMAL.match(text) and not is_caption(text)


def _listed_codes(prev: str, nxt: str) -> bool:
    """Two lines each opened by a standard's code: entries of a list of references, not one
    sentence cut at a line end."""
    return bool(_CODE.match(prev) and _CODE.match(nxt))


def _join_soft_breaks(raw: str) -> str:
    out = ""
    for part in raw.split("\n"):
        out = join_wrapped(out, normalize_space(part))
    return out


def _dedupe_pages(pages: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for off, p in pages:
        off = min(off, max(0, length - 1))
        if out and out[-1][0] == off:
            out[-1] = (off, p)
        elif not out or out[-1][1] != p:
            out.append((off, p))
    if out:
        out[0] = (0, out[0][1])
    return out


_INDENT = re.compile(r"^[ \t\u3000]{2,}\S")


def indented_style(lines) -> bool:
    """The text marks paragraph starts by indenting them (a printed plan's 2-character indent kept
    by PDF extraction): a clear minority of the lines are indented and the rest are not."""
    content = [ln.text for ln in lines if ln.end is None and ln.text.strip()]
    if len(content) < 8:
        return False
    share = sum(1 for t in content if _INDENT.match(t)) / len(content)
    return 0.03 <= share <= 0.9


def _starts_unit(text: str, cur: str, line: Line, lines, i: int, hinted: bool, indents: bool = False) -> bool:
    if line.end is False or (i > 0 and lines[i - 1].end is False):
        return False
    if STRONG_START.match(text):
        return True
    indented = not hinted and bool(_INDENT.match(line.text))
    if indents and indented:
        return True      # where paragraphs are indented, an indented line starts one
    prev_ends_sentence = bool(_SENT_END.search(cur.rstrip()))
    if prev_ends_sentence and WEAK_START.match(text) and (indented or not indents):
        return True      # (where paragraphs are indented, a bold lead at a line start may be a mere wrap)
    if prev_ends_sentence and indented:
        return True      # indented first line
    return False


def _ends_short(text: str, width: int, unwrapped: bool) -> bool:
    if unwrapped:
        return True      # one paragraph per line
    w = display_width(text)
    if w < 0.8 * width:
        return True
    return bool(_SENT_END.search(text)) and w < 0.88 * width


def _padding_blank(lines, i: int) -> bool:
    """A blank line next to a page change (possibly across other blanks)."""
    page = lines[i].page
    j = i - 1
    while j >= 0 and not lines[j].text.strip():
        j -= 1
    k = i + 1
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    before = lines[j].page if j >= 0 else page
    after = lines[k].page if k < len(lines) else page
    return before != after
