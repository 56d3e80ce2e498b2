"""Markdown read as the page it was written from: heading marks, tables, and what PDF converters leave.

A Markdown file's "# " lines are headings at their level, its ``|`` rows a table (``corpus.loaders``).
Most Markdown plans come from a converter (MinerU, marker) run on the PDF, which writes the page's
own text with markup around it: ``\\*`` escapes, inline math for printed symbols (``$30\\%$``), inline
HTML (``<br>``, ``<sup>1</sup>``, a ``<details>`` block of text read off an image), images and links.
``markdown_lines`` reads each line as the printed text; HTML tables are read before it
(``corpus.html.unembed_tables``).
"""
from __future__ import annotations

import re

from corpus.loaders import Line
from corpus.meta import ATTACHMENT_MARK, TITLE_END, clean_title

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_NOTICE_LINE = re.compile(r"(?:通知|函|通告|公告)$")
_NUMBERED_LINE = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+\s*[编篇章节条]|[一二三四五六七八九十]+\s*、|[（(][一二三四五六七八九十]+[）)])")


def _is_md_heading(text: str) -> bool:
    return bool(_MD_HEADING.match(text))


def _md_level(text: str) -> int:
    return len(text.strip().split()[0])


# a character Markdown escapes with a backslash (\* for *: "\*\*\*县" is ***县, a blank for the county's name)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


# inline math a PDF converter writes for what the page prints as text: "$30\\%$", "$\\geq 500$", "$CO_2$"
_MD_MATH = re.compile(r"\$([^$\n]{1,40})\$")
_LATEX_SYMBOLS = {"%": "%", "geq": "≥", "ge": "≥", "leq": "≤", "le": "≤", "times": "×", "div": "÷", "pm": "±",
                  "sim": "~", "cdot": "·", "circ": "°", "approx": "≈", "neq": "≠", "rightarrow": "→", "to": "→",
                  "ldots": "…", "cdots": "…", "dots": "…", "vdots": "⋮", "$": "$", "&": "&", "#": "#"}
_LATEX_WRAPPER = re.compile(r"\\(?:mathrm|text|mathbf|textbf|mathit|operatorname)\s*\{([^{}]*)\}")


_SUPER = str.maketrans("0123456789+-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾")
_SUB = str.maketrans("0123456789+-()", "₀₁₂₃₄₅₆₇₈₉₊₋₍₎")


def _script(m: re.Match) -> str:
    """A sub- or superscript: digits as the raised or lowered digits the page prints (CO₂, a note's ⁵),
    anything else as it is."""
    text = m.group(2) if m.group(2) is not None else m.group(3)
    if re.fullmatch(r"[0-9+\-()]+", text):
        return text.translate(_SUPER if m.group(1) == "^" else _SUB)
    return text


def _plain_math(m: re.Match) -> str:
    """Inline math as the text it stands for, when it is only symbols, digits, letters and sub- or
    superscripts ("$30\\%$" → 30%, "$\\geq 500$" → ≥500, "$CO_2$" → CO₂); anything else as written."""
    bare = re.sub(r"\\[a-zA-Z]+", "", _LATEX_WRAPPER.sub("", m.group(1)))
    if re.search(r"\b[A-Za-z]{2,}\b", bare):
        return m.group(0)       # words between two dollar signs ("US $5 and $6"), not math
    body = _LATEX_WRAPPER.sub(r"\1", m.group(1))
    body = re.sub(r"\\([a-zA-Z]+|[%$&#])", lambda c: _LATEX_SYMBOLS.get(c.group(1), c.group(0)), body)
    body = re.sub(r"([_^])(?:\{([^{}]*)\}|(\S))", _script, body)
    if "\\" in body or re.search(r"[{}_^]", body):
        return m.group(0)
    return re.sub(r"\s+", "", body)


# the markup a converter leaves in Markdown besides its tables: inline HTML (marker: "内容<br>说明",
# "亿元<sup>1</sup>", spans, bold), MinerU's block of text read off an image (<details><summary>text_image
# </summary>…</details>), images ![](…/chunk_0/….jpg) and links [text](url)
_MD_BREAK = re.compile(r"<br\s*/?>", re.I)
_MD_SCRIPT_TAG = re.compile(r"<(sup|sub)>\s*([0-9+\-()]{1,4})\s*</\1>", re.I)
_MD_LABEL = re.compile(r"<summary>\s*[A-Za-z_]{1,30}\s*</summary>", re.I)     # a converter's label, no text
_MD_TAG = re.compile(r"</?(?:span|b|i|u|em|strong|font|sup|sub|a|mark|small|details|summary|div|p|center"
                     r"|section|figure|figcaption|blockquote|img|hr)\b[^<>]*>", re.I)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _inline_markup(text: str) -> str:
    import html
    text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", text))
    text = _MD_BREAK.sub(" ", text)
    text = _MD_SCRIPT_TAG.sub(lambda m: m.group(2).translate(_SUPER if m.group(1).lower() == "sup" else _SUB), text)
    return html.unescape(_MD_TAG.sub("", _MD_LABEL.sub("", text)))


def _strip_markdown(text: str) -> str:
    if _is_md_heading(text):
        text = re.sub(r"\s+#+\s*$", "", _MD_HEADING.sub("", text))
    text = _MD_MATH.sub(_plain_math, text) if "$" in text else text
    text = _inline_markup(text) if ("<" in text or "&" in text or "](" in text) else text
    return _MD_ESCAPE.sub(r"\1", re.sub(r"\*\*(.+?)\*\*", r"\1", text))


def markdown_lines(lines: list[Line]) -> tuple[list[Line], str]:
    """The lines of a Markdown file as read (heading levels from "#", the markup read as the text it
    stands for) and the title the file marks, or ""."""
    title = ""
    lines = [Line(_strip_markdown(ln.text), ln.page, True, _md_level(ln.text)) if _is_md_heading(ln.text)
             else Line(_strip_markdown(ln.text), ln.page, ln.end, 0, _strip_markdown(ln.table)) for ln in lines]
    # a "# " line that reads like a title (…规划, …方案, …实施细则) before any numbered heading is the
    # document's title, not a level of its tree (it may follow a 印发通知, whose own title is no plan's;
    # a converter such as MinerU marks the notice's lines, the title, 第一章 and 第一条 all "# ")
    first = next((i for i, ln in enumerate(lines) if ln.heading == 1 and TITLE_END.search(ln.text.strip())
                  and not _NOTICE_LINE.search(ln.text.strip())), None)
    if first is not None and not any(_NUMBERED_LINE.match(ln.text.strip()) for ln in lines[:first]):
        ln = lines[first]
        title = clean_title(ln.text)
        lines[first] = Line(ln.text, ln.page, True, 0)
        # and the notice's "# 附件" over it marks what the notice sends, not a part of the document
        above = next((k for k in range(first - 1, -1, -1) if lines[k].text.strip()), None)
        if above is not None and lines[above].heading and ATTACHMENT_MARK.match(lines[above].text.strip()):
            lines[above] = Line(lines[above].text, lines[above].page, True, 0)
    return lines, title
