"""Turn OCR text boxes into lines in reading order, the way a text PDF reads.

Pure functions, no OCR engine and no I/O: :mod:`corpus.ocr` recognises boxes
on a page image and hands them here.

* Columns: a vertical gutter (an x range in the middle of the page crossed by
  almost no box, with text on both sides) splits the page; boxes that cross it
  (a full-width title) separate the column runs above and below them.  Each
  column is read top to bottom, left column first; columns are split again
  when they have gutters of their own.
* Lines: boxes whose vertical centres are within half a line height are one
  line, read left to right; a space is put between boxes only where a wide
  gap or two Latin letters/digits meet (never between Chinese characters).
* Indentation: a line starting two or more character widths right of its
  column's margin gets that many ideographic spaces in front, so the
  paragraph assembler sees the same "indented first line" a text PDF shows.
* Page furniture: a page number alone in the top or bottom band of the page
  ("- 12 -", "—12—", "第 12 页", "12") becomes the page's printed number and is
  dropped from the text; running heads (the same line at the top of several
  pages) are dropped by :func:`drop_running_heads`.
* Confidence: :func:`clause_confidence` gives a clause the length-weighted
  mean recognition confidence of the OCR lines it is made of.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from statistics import median


@dataclass(frozen=True)
class Box:
    """One recognised text box: its bounding rectangle in pixels, text and confidence (0..1)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    conf: float

    @property
    def height(self) -> float:
        return max(1.0, self.y1 - self.y0)

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class OcrLine:
    """A physical line of a scanned page, in reading order."""

    text: str           # with leading ideographic spaces for an indented line
    conf: float         # length-weighted mean confidence of its boxes
    x0: float
    y0: float
    x1: float
    y1: float


def boxes_from_quads(result) -> list[Box]:
    """RapidOCR's result rows ``[quad, text, score]`` as :class:`Box` objects
    (the quad's bounding rectangle), empty texts left out."""
    out = []
    for quad, text, score in result or ():
        text = str(text).strip()
        if not text:
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        out.append(Box(min(xs), min(ys), max(xs), max(ys), text, float(score)))
    return out


# --------------------------------------------------------------- reading order

def _char_height(boxes: list[Box]) -> float:
    return median(b.height for b in boxes) if boxes else 1.0


def find_gutter(boxes: list[Box], h: float) -> tuple[float, float] | None:
    """The widest vertical gutter between two columns of text, or None.

    A gutter is an x range (at least one line height wide) inside the middle
    of the boxes' extent that at most 10 % of the boxes cross, with at least
    three boxes and a fifth of the text on each side.
    """
    if len(boxes) < 6:
        return None
    left = min(b.x0 for b in boxes)
    right = max(b.x1 for b in boxes)
    span = right - left
    if span < 6 * h:
        return None
    step = max(1.0, h / 4)
    n = int(span / step) + 1
    cover = [0] * n
    for b in boxes:
        for k in range(int((b.x0 - left) / step), min(n, int((b.x1 - left) / step) + 1)):
            cover[k] += 1
    allowed = max(1, int(0.1 * len(boxes)))
    lo, hi = int(0.2 * n), int(0.8 * n)
    best: tuple[float, float] | None = None
    k = lo
    while k < hi:
        if cover[k] <= allowed:
            j = k
            while j < hi and cover[j] <= allowed:
                j += 1
            g0, g1 = left + k * step, left + j * step
            if g1 - g0 >= h and (best is None or g1 - g0 > best[1] - best[0]):
                best = (g0, g1)
            k = j
        else:
            k += 1
    if best is None:
        return None
    mid = (best[0] + best[1]) / 2
    lhs = [b for b in boxes if b.x1 <= mid]
    rhs = [b for b in boxes if b.x0 >= mid]
    total = sum(len(b.text) for b in boxes)
    if len(lhs) < 3 or len(rhs) < 3:
        return None
    if min(sum(len(b.text) for b in lhs), sum(len(b.text) for b in rhs)) < 0.2 * total:
        return None
    return best


def reading_order(boxes: list[Box], h: float | None = None, depth: int = 0) -> list[list[Box]]:
    """Boxes grouped into column blocks in reading order; each block's boxes are
    then read line by line by :func:`group_lines`."""
    if not boxes:
        return []
    h = h or _char_height(boxes)
    gutter = find_gutter(boxes, h) if depth < 3 else None
    if gutter is None:
        return [boxes]
    mid = (gutter[0] + gutter[1]) / 2
    spanning = sorted((b for b in boxes if b.x0 < mid < b.x1), key=lambda b: b.y0)
    blocks: list[list[Box]] = []
    top = float("-inf")
    for sep in spanning + [None]:
        bottom = sep.yc if sep is not None else float("inf")
        run = [b for b in boxes if not (b.x0 < mid < b.x1) and top <= b.yc < bottom]
        left = [b for b in run if (b.x0 + b.x1) / 2 < mid]
        right = [b for b in run if (b.x0 + b.x1) / 2 >= mid]
        blocks.extend(reading_order(left, h, depth + 1))
        blocks.extend(reading_order(right, h, depth + 1))
        if sep is not None:
            blocks.append([sep])
            top = bottom
    return [b for b in blocks if b]


def _join(left: str, right: str, gap: float, h: float) -> str:
    if not left:
        return right
    if gap > 1.5 * h:
        return left + " " + right
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return left + " " + right
    return left + right


def group_lines(boxes: list[Box], h: float | None = None) -> list[list[Box]]:
    """Boxes of one column grouped into lines (top to bottom, each left to right)."""
    if not boxes:
        return []
    h = h or _char_height(boxes)
    lines: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.yc, b.x0)):
        if lines:
            cur = lines[-1]
            yc = sum(x.yc for x in cur) / len(cur)
            if abs(b.yc - yc) <= 0.5 * min(h, b.height):
                cur.append(b)
                continue
        lines.append([b])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _char_width(lines: list[list[Box]], h: float) -> float:
    widths = [(b.x1 - b.x0) / len(b.text) for line in lines for b in line
              if len(b.text) >= 4 and sum(1 for ch in b.text if not ch.isascii()) >= 0.8 * len(b.text)]
    return median(widths) if widths else 0.9 * h


def page_lines(boxes: list[Box]) -> list[OcrLine]:
    """All boxes of a page as lines in reading order, indented lines marked."""
    if not boxes:
        return []
    h = _char_height(boxes)
    out: list[OcrLine] = []
    for block in reading_order(boxes, h):
        lines = group_lines(block, h)
        cw = _char_width(lines, h)
        starts = sorted(line[0].x0 for line in lines)
        margin = starts[len(starts) // 10] if len(starts) >= 5 else starts[0]
        for line in lines:
            text = ""
            prev = None
            for b in line:
                text = _join(text, b.text, b.x0 - prev.x1 if prev else 0.0, h)
                prev = b
            indent = int(round((line[0].x0 - margin) / cw)) if cw > 0 else 0
            if 2 <= indent <= 8:
                text = "\u3000" * indent + text
            n = sum(len(b.text) for b in line)
            conf = sum(b.conf * len(b.text) for b in line) / n if n else 0.0
            out.append(OcrLine(text, conf, line[0].x0, min(b.y0 for b in line),
                               line[-1].x1, max(b.y1 for b in line)))
    return out


# --------------------------------------------------------------- page furniture

# a page number standing alone: "- 12 -", "—12—", "一12一" (a dash read as 一), "第 12 页", "12"
_PAGE_NUMBER = re.compile(r"^[\s\-－—–一~〜_·.]*(?:第\s*)?(\d{1,4})(?:\s*页)?[\s\-－—–一~〜_·.]*$")
FURNITURE_BAND = 0.1        # top and bottom tenth of the page


def split_page_number(lines: list[OcrLine], height: float) -> tuple[int | None, list[OcrLine]]:
    """The printed page number found in the page's top or bottom band (dropped
    from the lines), or None when the page shows none."""
    bottom = [i for i, ln in enumerate(lines) if ln.y0 >= (1 - FURNITURE_BAND) * height]
    top = [i for i, ln in enumerate(lines) if ln.y1 <= FURNITURE_BAND * height]
    for i in list(reversed(bottom)) + top:          # footers first: the common place for it
        m = _PAGE_NUMBER.match(lines[i].text.strip())
        if m and int(m.group(1)) > 0:
            return int(m.group(1)), [ln for j, ln in enumerate(lines) if j != i]
    return None, list(lines)


def infer_page_numbers(read: list[tuple[int, int | None]]) -> dict[int, int | None]:
    """Printed page numbers for (physical index, number read or None) pairs:
    a page whose number was not read gets index + offset when the nearest
    numbered pages before and after it (or the only side there is) agree on
    that offset; otherwise it stays None (the caller then cites the PDF page)."""
    out = dict(read)
    known = sorted((i, n) for i, n in read if n is not None)
    for i, n in read:
        if n is not None or not known:
            continue
        before = [n2 - i2 for i2, n2 in known if i2 < i][-1:]
        after = [n2 - i2 for i2, n2 in known if i2 > i][:1]
        offsets = set(before + after)
        if len(offsets) == 1 and i + offsets.pop() > 0:
            out[i] = i + (before or after)[0]
    return out


def _head_key(text: str) -> str:
    return re.sub(r"[\s\d]+", "", text)


def drop_running_heads(pages: list[tuple[list[OcrLine], float]]) -> list[list[OcrLine]]:
    """Drop lines in the top or bottom band that repeat (digits aside) on at
    least three pages and a third of them: running heads and feet such as the
    plan's title or the issuing office printed on every page."""
    counts: dict[str, int] = {}
    for lines, height in pages:
        seen = {_head_key(ln.text) for ln in lines if _in_band(ln, height)}
        for key in seen:
            if key:
                counts[key] = counts.get(key, 0) + 1
    need = max(3, len(pages) / 3)
    repeated = {k for k, n in counts.items() if n >= need}
    return [[ln for ln in lines if not (_in_band(ln, height) and _head_key(ln.text) in repeated)]
            for lines, height in pages]


def _in_band(line: OcrLine, height: float) -> bool:
    return line.y1 <= FURNITURE_BAND * height or line.y0 >= (1 - FURNITURE_BAND) * height


# --------------------------------------------------------------- clause confidence

def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def clause_confidence(clause_text: str, lines: list[tuple[str, float]]) -> float | None:
    """Length-weighted mean confidence of the OCR lines that make up a clause.

    ``lines`` are (text, confidence) of the OCR lines on the clause's pages; a
    line belongs to the clause when it is inside the clause text, or (for a
    clause cut from a longer paragraph, or a line holding two paragraphs)
    overlaps it at either end.  None when no line matches.
    """
    body = _squash(clause_text)
    num = den = 0.0
    for text, conf in lines:
        t = _squash(text)
        if not t:
            continue
        if t in body or body in t or (len(t) >= 6 and (t[:6] in body or t[-6:] in body)):
            num += conf * len(t)
            den += len(t)
    return num / den if den else None


def mark_ocr_clauses(clauses, ocr_lines) -> tuple:
    """Clauses on pages read by OCR get ``source="ocr"`` and their confidence.

    ``ocr_lines`` are (printed page, text, confidence) of every OCR line.  A
    clause counts as OCR text when any of its pages was recognised; its
    confidence comes from the lines that make it up (the mean of its pages'
    lines when none matches, e.g. a clause that is a fragment of one line).
    """
    by_page: dict[int, list[tuple[str, float]]] = {}
    for page, text, conf in ocr_lines:
        by_page.setdefault(int(page), []).append((text, float(conf)))
    out = []
    for c in clauses:
        lines = [ln for p in range(c.pages[0], c.pages[1] + 1) for ln in by_page.get(p, ())]
        if not lines:
            out.append(c)
            continue
        conf = clause_confidence(c.text, lines)
        if conf is None:
            n = sum(len(_squash(t)) for t, _ in lines)
            conf = sum(cf * len(_squash(t)) for t, cf in lines) / n if n else 0.0
        out.append(replace(c, source="ocr", ocr_confidence=round(conf, 3)))
    return tuple(out)
