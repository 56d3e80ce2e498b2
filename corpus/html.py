"""A plan saved from its web page (.html / .htm): the article's text, without the site around it.

Many plans are published only as a page of a government site. Saved as it is,
the file holds the site's navigation, breadcrumbs, sidebars, share and print
links and footer besides the plan. The article is the element holding the
most text of its own paragraphs (text inside links does not count: menus are
links); its block elements (``p``, ``div``, ``li``, headings, ``br``) become
lines, a table's rows lines tagged with its header row. A page's ``h1`` that
the article does not repeat (gov.cn puts the title above the article body)
comes first, as the document's title line.
"""
from __future__ import annotations

import re

_SKIP = {"script", "style", "noscript", "iframe", "form", "select", "button", "nav", "header", "footer",
         "aside", "svg", "canvas", "object", "embed", "template", "input", "textarea"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
          "center", "dd", "dt", "dl", "table", "tbody", "thead", "tfoot", "tr", "pre", "address", "main",
          "figure", "figcaption", "caption", "hr", "body"}
_HEADING = {"h2": 1, "h3": 2, "h4": 3, "h5": 4, "h6": 5}
_SPACE = re.compile(r"[ \t\r\n\u00a0\u3000\u2002\u2003]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _cells_by_row(table, text) -> list[list[str]]:
    """A table's rows, each the ``text`` of its td/th cells in order."""
    return [[text(c) for c in tr if _tag(c) in ("td", "th")] for tr in table.iter() if _tag(tr) == "tr"]


def _own_text(el) -> int:
    """Characters of ``el``'s paragraphs and loose text outside links: what an article holds and a
    menu does not."""
    n = len(_SPACE.sub("", el.text or "")) if _tag(el) != "a" else 0
    for child in el:
        tag = _tag(child)
        if tag in ("p", "span", "font", "strong", "b", "em", "i", "u", "sub", "sup", "br"):
            n += sum(len(_SPACE.sub("", t)) for t in _texts_outside_links(child))
        n += len(_SPACE.sub("", child.tail or ""))
    return n


def _texts_outside_links(el):
    if _tag(el) == "a":
        return
    if el.text:
        yield el.text
    for child in el:
        yield from _texts_outside_links(child)
        if child.tail:
            yield child.tail


def _article(body):
    """The element holding the most text of its own paragraphs (ties: the outer one), widened to
    its parent while the parent holds much more such text (an article printed in several blocks)."""
    own = {el: _own_text(el) for el in body.iter() if isinstance(el.tag, str)}     # read once
    best = body
    for el, s in own.items():
        if _tag(el) not in ("p", "a", "span", "li") and s > own[best]:
            best = el

    def held(el) -> int:
        return sum(own[x] for x in el.iter() if isinstance(x.tag, str))

    while best is not body and best.getparent() is not None and held(best.getparent()) > 1.15 * held(best):
        best = best.getparent()
    return best


class _Lines:
    """Block elements to lines; table rows to lines with their header row."""

    def __init__(self):
        self.lines: list[tuple[str, int, str]] = []     # (text, heading level, table header)
        self.buf: list[str] = []
        self.level = 0
        self.links = 0          # how many <a> the walk is inside
        self.own = False        # the line holds text outside links

    def add(self, text: str) -> None:
        self.buf.append(text)
        self.own = self.own or (not self.links and bool(text.strip()))

    def flush(self, table: str = "") -> None:
        text = _SPACE.sub(" ", "".join(self.buf)).strip()
        if text and self.own:       # a line of links only (【打印】【关闭】, a menu) is the site's
            self.lines.append((text, self.level, table))
        self.buf, self.level, self.own = [], 0, False

    def walk(self, el) -> None:
        tag = _tag(el)
        if tag in _SKIP or not isinstance(el.tag, str):
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in _BLOCK or tag in _HEADING or tag == "h1"
        if block:
            self.flush()
            self.level = _HEADING.get(tag, 0)
        self.links += tag == "a"
        self.inner(el)
        self.links -= tag == "a"
        if block:
            self.flush()

    def inner(self, el) -> None:
        """``el``'s own text and its children's, in order."""
        if el.text:
            self.add(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.add(child.tail)

    def table(self, tbl) -> None:
        rows = [r for r in _cells_by_row(tbl, lambda c: _SPACE.sub(" ", c.text_content()).strip()) if any(r)]
        if not rows:
            return
        if max(len(r) for r in rows) <= 1:
            # a one-column table frames a box (专栏): its cells are paragraphs
            for tr in (t for t in tbl.iter() if _tag(t) == "tr"):
                for cell in (c for c in tr if _tag(c) in ("td", "th")):
                    self.inner(cell)
                    self.flush()
            return
        header = " ".join(c for c in rows[0] if c)
        for row in rows:
            line = " ".join(c for c in row if c)
            if line:
                self.lines.append((line, 0, header))


def html_lines(text: str) -> tuple[list[tuple[str, int, str]], str]:
    """(lines, title) of a web page's article: each line (text, heading level, table header row);
    the title is the page's h1 when the article does not hold it, else ""."""
    import lxml.html

    root = lxml.html.document_fromstring(text)
    body = root.find("body")
    body = body if body is not None else root
    for el in list(body.iter()):
        if isinstance(el.tag, str) and _tag(el) in _SKIP and el.getparent() is not None:
            el.drop_tree()
    article = _article(body)
    reader = _Lines()
    reader.walk(article)
    reader.flush()
    lines = reader.lines
    title = ""
    h1 = next((_SPACE.sub(" ", h.text_content()).strip() for h in body.iter("h1")), "")
    if not h1:
        head = root.find("head/title")
        h1 = _SPACE.sub(" ", head.text_content()).strip() if head is not None else ""
        h1 = re.split(r"\s*[_|｜—-]{1,2}\s*", h1)[0] if h1 else ""     # "规划名_某某市人民政府"
    # the page's heading, unless the article opens with it (a notice may repeat its plan's title further on)
    if h1 and _CJK.search(h1) and not any(h1 == ln[0] for ln in lines[:2]):
        title = h1
    return lines, title


# an HTML table inside a text file: what PDF converters writing Markdown (MinerU, marker, pandoc's
# fallback for merged cells) put where the page has a table
_EMBEDDED_TABLE = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.I | re.S)
# a cell of a blank form's row: its number, an ellipsis, or a total with nothing to total
_PLACEHOLDER_CELL = re.compile(r"^(?:\d{1,3}|合计|小计|总计|[.…。·\s]+)$")


def _cell_text(cell) -> str:
    return _SPACE.sub(" ", " ".join(t.strip() for t in cell.itertext() if t.strip())).strip()


def embedded_table_rows(fragment: str) -> list[str]:
    """The rows of an HTML table as Markdown table lines ("| 序号 | 设备名称 | 数量 |"): a row a line,
    its non-empty cells in order (a merged cell once, on its first row); a blank form's rows (nothing
    but a row number, an ellipsis or 合计) and empty rows are left out. [] when the fragment holds no
    table that lxml can read."""
    import lxml.html

    try:
        table = lxml.html.fragment_fromstring(fragment)
    except Exception:  # lxml raises several kinds on a broken fragment
        return []
    rows = []
    for row in _cells_by_row(table, _cell_text):
        cells = [t for t in row if t]
        if all(_PLACEHOLDER_CELL.match(c) for c in cells):
            continue
        rows.append("| " + " | ".join(c.replace("|", "｜") for c in cells) + " |")
    return rows


def unembed_tables(text: str) -> str:
    """``text`` with each HTML table in it written as Markdown table lines (``embedded_table_rows``),
    on lines of their own; text without one is returned as it is."""
    if "<table" not in text.lower():
        return text

    def rows(m: re.Match) -> str:
        found = embedded_table_rows(m.group(0))
        return ("\n" + "\n".join(found) + "\n") if found else m.group(0)

    return _EMBEDDED_TABLE.sub(rows, text)
