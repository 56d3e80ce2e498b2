"""Task tables flattened one cell per line: which year column a cell is in.

A 行动计划's task list (任务清单) copied out of a PDF or a web page often loses
its table: every cell becomes a line of its own. The column headers come first,
one per line (任务 / 重点任务（2024-2026） / 2024年工作项目 / 2025年计划 /
2026年计划 / 牵头部门 …), then each task as its numbered item followed by its
per-year cells::

    （2）推进“四好农村路”高质量发展。
    农村公路提档升级改造300公里。      <- 2024年工作项目
    农村公路提档升级改造200公里。      <- 2025年计划
    农村公路提档升级改造100公里。      <- 2026年计划
    设施养护处

Read alone, "农村公路提档升级改造200公里" does not say which year it is for.
``label_year_columns`` gives such cells their column header as the clause
title (the text stays verbatim: the title is what BM25's title field, the dense
encoder and the citation read), and makes a task item that the outline parse
turned into a heading a content clause titled with its multi-year column
("（1）建设精品道路300条。" is the three-year target, not a section title).

It labels only what it can place: a run of at least four short header lines
with at least two single-year headers, and then, in the same top-level section,
each numbered task whose year cells are exactly as many as the year headers
(the line after them, if any, a short unit cell such as 设施养护处). A task whose
cells run over more lines is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

_YEAR = re.compile(r"(?<!\d)20\d\d\s*年")
_RANGE = re.compile(r"20\d\d\s*(?:年)?\s*[-—–~～至到]\s*(?:20)?\d\d")
_SENTENCE = re.compile(r"[。；;，,：:]")
_ITEM = re.compile(r"^\s*(?:[（(]\d{1,3}[)）]|\d{1,3}[.、．])")
HEADER_MAX_CHARS = 16
UNIT_MAX_CHARS = 24
MIN_HEADER_LINES = 4


def _header_line(c) -> bool:
    t = c.text.strip()
    return c.kind == "body" and 0 < len(t) <= HEADER_MAX_CHARS and not _SENTENCE.search(t)


def _headers(clauses, start: int) -> tuple[int, list[str], str]:
    """(end of the header run starting at ``start``, its single-year headers, its range header)."""
    end = start
    while end < len(clauses) and _header_line(clauses[end]):
        end += 1
    run = [clauses[i].text.strip() for i in range(start, end)]
    years = [t for t in run if _YEAR.search(t) and not _RANGE.search(t)]
    span = next((t for t in run if _RANGE.search(t)), "")
    return end, years, span


def label_year_columns(clauses) -> tuple:
    """The clauses, with the per-year cells of flattened task tables titled with their year column."""
    out = list(clauses)
    i = 0
    while i < len(out):
        if not _header_line(out[i]):
            i += 1
            continue
        end, years, span = _headers(out, i)
        if end - i < MIN_HEADER_LINES or len(years) < 2 or len(set(years)) != len(years):
            i = max(end, i + 1)
            continue
        top = out[i].section_path[:1]
        j = end
        while j < len(out) and out[j].section_path[:1] == top:
            k = j + 1
            if _ITEM.match(out[j].text) and _SENTENCE.search(out[j].text):
                while k < len(out) and out[k].kind == "body" and out[k].section_path == out[j].section_path \
                        and not _ITEM.match(out[k].text):
                    k += 1
                cells = out[j + 1:k]
                fits = len(cells) == len(years) or (
                    len(cells) > len(years) and len(cells[len(years)].text.strip()) <= UNIT_MAX_CHARS
                    and not _SENTENCE.search(cells[len(years)].text) and not re.search(r"\d", cells[len(years)].text))
                if fits:
                    for n, head in enumerate(years):
                        c = out[j + 1 + n]
                        if not c.title:
                            out[j + 1 + n] = replace(c, title=head, kind="table")
                    if out[j].kind == "heading" and span:
                        out[j] = replace(out[j], title=span, kind="table")
            j = k
        i = j
    return tuple(out)
