"""Read a plan file into physical lines tagged with their printed page.

Every loader returns a :class:`Source`: the file's text as a list of
:class:`Line` objects (page markers already consumed and turned into page
numbers) plus whether the line ends carry the "trailing space = paragraph end"
hint that PDF text extraction leaves behind.  Paragraph assembly and structure
parsing happen later (``corpus.paragraphs`` / ``corpus.structure``) and are the
same for every format.

Errors are :class:`CorpusError` with a one-line message naming the file and
the reason.
"""
from __future__ import annotations

import bisect
import contextlib
import logging
import posixpath
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from corpus import limits
from corpus.footnotes import move_footnotes
from corpus.furniture import strip_furniture
from corpus.model import CorpusError, LimitError, UnreadableTextError
from corpus.wordnum import Numbering, read_numbering

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".ofd", ".docx", ".doc", ".wps", ".rtf", ".html", ".htm", ".mht",
                      ".mhtml", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")     # read by OCR (the 'ocr' extra)

# A printed page number on a line of its own: "- 12 -", "— 12 —", "－12－".
PAGE_MARKER = re.compile(r"^\s*[-－—–]\s*(\d{1,4})\s*[-－—–]\s*$")

_SENTENCE_END = re.compile(r"[。！？；!?;][”’」』）)】》\"']*$")

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# Radicals that print as the characters they stand for: PDFs printed from a browser on macOS carry
# ⼀ ⾰ ⽂ ⺠ ⻅ for 一 革 文 民 见, which read right and match nothing. The Kangxi radicals fold to
# their characters by NFKC; these simplified look-alikes NFKC leaves alone.
_RADICAL_LOOKALIKES = {
    "\u2e9d": "月", "\u2ea0": "民", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec9": "贝",
    "\u2ecb": "车", "\u2ed3": "长", "\u2ed4": "门", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
    "\u2edc": "飞", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟",
    "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eec": "齐", "\u2eee": "齿",
    "\u2ef0": "龙",
}
_RADICALS = str.maketrans({**{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
                           "\u2e9f": "母", "\u2ef3": "龟", **_RADICAL_LOOKALIKES})
_ANY_RADICAL = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def fold_radicals(text: str) -> str:
    """``text`` with radicals that print as whole characters written as those characters."""
    return text.translate(_RADICALS) if _ANY_RADICAL.search(text) else text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Line:
    """One physical line of text.

    ``end`` is True when the format says for certain that a paragraph ends
    after this line (a DOCX paragraph, or a line carrying the trailing-space
    hint), False when it certainly continues (a DOCX paragraph split by a page
    break), and None when the paragraph assembler must decide.
    """

    text: str
    page: int
    end: bool | None = None
    heading: int = 0        # markdown heading level (1-6), 0 for ordinary lines
    table: str = ""         # a table row: the table's header row ("" for ordinary lines)


@dataclass(frozen=True)
class Source:
    path: str
    lines: tuple[Line, ...]
    hinted: bool        # line ends carry the trailing-space paragraph hint
    kind: str           # "text" | "pdf" | "ofd" | "docx" | "doc" | "rtf" | "html" | "image"
    # lines read by OCR: (printed page, line text, recognition confidence 0..1)
    ocr: tuple[tuple[int, str, float], ...] = ()
    pages_without_text: tuple[int, ...] = ()     # PDF pages (1-based) with no text layer at all
    title: str = ""     # a title the format marks as such (a Markdown "# " line before any other text)


def _check_lines(path, lines: list[str]) -> None:
    """LimitError when there are too many lines or a line is longer than limits.MAX_LINE_CHARS."""
    if len(lines) > limits.MAX_LINES:
        raise LimitError(f"{path}: {len(lines)} lines, more than the limit of {limits.MAX_LINES}")
    for ln in lines:
        if len(ln) > limits.MAX_LINE_CHARS:
            raise LimitError(f"{path}: a line of {len(ln)} characters, more than the limit of "
                             f"{limits.MAX_LINE_CHARS}")


def _check_text_size(path, chars: int) -> None:
    """LimitError when a document's extracted text is longer than limits.MAX_TEXT_CHARS."""
    if chars > limits.MAX_TEXT_CHARS:
        raise LimitError(f"{path}: {chars} characters, more than the limit of {limits.MAX_TEXT_CHARS}")


def _fail(path: Path | str, reason: str) -> CorpusError:
    return CorpusError(f"{path}: {reason}")


# --------------------------------------------------------------------------- text

def decode_text(data: bytes, path: Path | str = "<bytes>") -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM,
    GB18030/GBK, else what charset-normalizer detects (Big5 …).

    Raises CorpusError for empty and binary content.
    """
    if not data.strip():
        raise _fail(path, "file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _checked(data[3:].decode("utf-8"), path)
        except UnicodeDecodeError:
            raise _fail(path, "not valid UTF-8 despite its byte-order mark") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), path)
        except UnicodeDecodeError:
            raise _fail(path, "not a text file (binary content)") from None
    if b"\x00" in data:
        raise _fail(path, "not a text file (binary content)")
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    # Chinese government texts that are not UTF-8 are almost always GBK or its
    # superset GB18030.  Detectors are unreliable on short texts, so GB18030
    # is taken first when nearly every non-ASCII character it yields is a
    # common simplified character (GB2312); other encodings (Big5 …) decoded
    # as GB18030 give many rare characters instead.
    try:
        text = data.decode("gb18030")
        if _common_simplified(text):
            return _checked(text, path)
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is declared
        from_bytes = None
    if from_bytes is not None:
        best = from_bytes(data).best()
        if best is not None:
            return _checked(str(best), path)
    raise _fail(path, "not a text file (unknown encoding or binary content)")


def _common_simplified(text: str) -> bool:
    wide = [ch for ch in text if not ch.isascii()]
    if not wide:
        return True
    common = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.97 * len(wide)


def _checked(text: str, path) -> str:
    if not text.strip():
        raise _fail(path, "file is empty")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise _fail(path, "not a text file (binary content)")
    # zero-width characters copied from web pages ("十、\u200c…") print nothing and hide a heading's title
    return fold_radicals(_ZERO_WIDTH.sub("", text))


def lines_from_text(text: str) -> list[tuple[str, int]]:
    """Split text into (line, printed page) pairs, consuming page-marker lines.

    Page markers such as ``- 12 -`` are read the way the file uses them: as
    headers (the shipped plan: a marker starts its page, text before the first
    marker is on the page before) or, when the file ends with a marker and has
    text before the first one, as footers (a marker ends its page).  Without
    markers, form feeds (pdftotext output) separate pages; otherwise all text
    is on page 1.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    marks = [(i, int(m.group(1))) for i, ln in enumerate(raw) if (m := PAGE_MARKER.match(ln))]
    content = [i for i, ln in enumerate(raw) if ln.strip() and not PAGE_MARKER.match(ln)]
    out: list[tuple[str, int]] = []
    if marks and content:
        footer = content[0] < marks[0][0] and content[-1] < marks[-1][0]
        if footer:
            positions = [i for i, _ in marks]
            for i, ln in enumerate(raw):
                if not PAGE_MARKER.match(ln):
                    k = bisect.bisect_left(positions, i)     # the first marker after line i
                    page = marks[k][1] if k < len(marks) else marks[-1][1] + 1
                    out.append((ln.replace("\f", ""), page))
            return out
        page = max(1, marks[0][1] - 1)
        for ln in raw:
            m = PAGE_MARKER.match(ln)
            if m:
                page = int(m.group(1))
            else:
                out.append((ln.replace("\f", ""), page))
        return out
    page = 1
    for ln in raw:
        parts = ln.split("\f")
        for k, part in enumerate(parts):
            if k > 0:
                page += 1
            if k == len(parts) - 1 or part.strip():
                out.append((part, page))
    return out


def has_end_hints(raw_lines: list[str]) -> bool:
    """True when trailing whitespace marks paragraph ends.

    Text extracted from PDFs (like the shipped plan) ends the last line of a
    paragraph with a space and wraps the other lines without one.  The hint is
    trusted when a clear minority of the content lines carry it.
    """
    content = [ln for ln in raw_lines if ln.strip()]
    if len(content) < 8:
        return False
    plain = [ln for ln in content if ln == ln.rstrip()]
    trailing = len(content) - len(plain)
    if not 0.05 <= trailing / len(content) <= 0.85:
        return False
    # the lines without the hint must look like wrapped lines, not like whole
    # paragraphs (which mostly end a sentence)
    ending = sum(1 for ln in plain if _SENTENCE_END.search(ln))
    if ending > 0.3 * len(plain):
        return False
    # and the lines with the hint must look like paragraph ends: a sentence end or a short line
    # (a space that merely fell at a wrap, "着力推动 ", is no hint)
    widths = sorted(len(ln.strip()) for ln in plain)
    typical = widths[len(widths) // 2] if widths else 0
    marked = [ln.rstrip() for ln in content if ln != ln.rstrip()]
    ends = sum(1 for ln in marked if _SENTENCE_END.search(ln) or len(ln.strip()) < 0.8 * typical)
    return ends >= 0.6 * len(marked)


def _make_lines(pairs: list[tuple[str, int]], hinted: bool) -> list[Line]:
    lines = []
    for text, page in pairs:
        end = True if (hinted and text.strip() and text != text.rstrip()) else None
        lines.append(Line(text, page, end))
    return lines


def load_text(path: Path) -> Source:
    data = path.read_bytes()
    text = decode_text(data, path)
    _check_text_size(path, len(text))
    from corpus.html import unembed_tables
    pairs = lines_from_text(unembed_tables(text))      # a converter's HTML tables as table lines
    _check_lines(path, [t for t, _ in pairs])
    hinted = has_end_hints([t for t, _ in pairs])
    from corpus.linetables import mark_line_tables
    from corpus.spacetables import mark_space_tables
    lines = mark_line_tables(mark_space_tables(mark_text_tables(_make_lines(pairs, hinted))))
    title = ""
    if path.suffix.lower() == ".md":
        from corpus.markdown import markdown_lines
        lines, title = markdown_lines(lines)
    return Source(str(path), tuple(lines), hinted, "text", title=title)


def load_html(path: Path) -> Source:
    """A plan saved from its web page: the article's lines (``corpus.html``), its title line first."""
    return _html_source(path, decode_text(path.read_bytes(), path))


def load_mht(path: Path, data: bytes | None = None) -> Source:
    """A web page saved as one file (.mht / .mhtml, and the .doc files Word saves as a "single
    file web page"): its HTML part, read as ``load_html`` reads a page."""
    import email
    import email.policy
    data = path.read_bytes() if data is None else data
    msg = email.message_from_bytes(data, policy=email.policy.default)
    part = next((p for p in msg.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise _fail(path, "not a readable web archive (no HTML part)")
    raw = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    try:
        text = raw.decode(charset) if charset else decode_text(raw, path)
    except (LookupError, UnicodeDecodeError):
        text = decode_text(raw, path)
    return _html_source(path, text)


def _html_source(path: Path, text: str) -> Source:
    from corpus.html import html_lines
    _check_text_size(path, len(text))
    try:
        rows, title = html_lines(text)
    except LimitError:
        raise
    except Exception as exc:  # lxml raises several kinds on a broken page
        raise _fail(path, f"not a readable web page ({type(exc).__name__})") from None
    lines = ([Line(title, 1, True)] if title else []) + [Line(t, 1, True, level, table) for t, level, table in rows]
    if not lines:
        raise _fail(path, "no text found in the web page")
    _check_lines(path, [ln.text for ln in lines])
    # the h1 is the first line, read as a text's; it is also the title when the front matter finds none
    return Source(str(path), tuple(lines), False, "html", title=title)


_TABLE_ROW = re.compile(r"^\s*\|?[^|｜]*(?:[|｜][^|｜]*){2,}\|?\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")


# a row spanning a table, its cells merged into one, read as a line of its own between rows
# ("推进实施“光伏+”示范工程" under "序号 | 事项 | 工作措施 | 责任单位")
_SPANNING_ROW = re.compile(r"^[^|｜。；;！？!?]{2,40}$")
_CAPTION_LINE = re.compile(r"^[图表]\s*\d")          # a table's or figure's caption starts another
_SERIAL_ROW = re.compile(r"^\s*[|｜]?\s*\d{1,4}\s*[|｜]")      # a row opened by its serial number


# the second line of a header printed on two lines: two short cells
_SUBHEADER = re.compile(r"^[^|｜。；;！？!?]{1,20}[|｜][^|｜。；;！？!?]{1,20}$")


def _is_text_row(text: str) -> bool:
    return bool(_TABLE_ROW.match(text)) and text.count("|") + text.count("｜") >= 2


def _n_cells(text: str) -> int:
    return len(re.split(r"[|｜]", text.strip().strip("|｜")))


def mark_text_tables(lines: list[Line]) -> list[Line]:
    """Text tables (``序号 | 指标名称 | 单位 | 目标`` rows, Markdown tables): each row becomes a
    line of its own tagged with the table's first row, its column headers.  Two or more
    consecutive rows with three or more cells make a table. A short line between rows, followed
    by rows as wide as the first, is a row spanning the table (its cells merged): the table goes on
    under the same headers, and that line is one of its rows. A header printed on two lines (a
    second line of two cells, followed by rows wider than the first) tags the rows with both
    lines, one under the other."""
    out = list(lines)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and _is_text_row(out[j].text):
            j += 1
        header_lines = 1
        if (j == i + 1 < len(out) - 1 and _SUBHEADER.match(out[j].text.strip()) and _is_text_row(out[j + 1].text)
                and _n_cells(out[j + 1].text) > _n_cells(out[i].text)):
            # a header printed on two lines, its last cell split in two below ("… | 指标值" over
            # "现状（2025年） | 近期规划（2030年）"): both lines head the table
            header_lines = 2
            j += 1
            while j < len(out) and _is_text_row(out[j].text):
                j += 1
        while (i < j < len(out) - 1 and _SPANNING_ROW.match(out[j].text.strip())
               and not _CAPTION_LINE.match(out[j].text.strip()) and _is_text_row(out[j + 1].text)
               and (_n_cells(out[j + 1].text) == _n_cells(out[i].text)
                    or (_SERIAL_ROW.match(out[j + 1].text) and _n_cells(out[j + 1].text) >= 3
                        and (j - 1 == i or _SERIAL_ROW.match(out[j - 1].text))))):
            # (a catalogue's rows, their serial numbers running on under each group's label, may leave
            # their trailing cells out: the table goes on while its rows keep counting)
            j += 1
            while j < len(out) and _is_text_row(out[j].text):
                j += 1
        if sum(1 for k in range(i, j) if _is_text_row(out[k].text)) >= 2:
            header = "\n".join(re.sub(r"\s+", " ", out[k].text).strip() for k in range(i, i + header_lines))
            for k in range(i, j):
                ln = out[k]
                if _MD_RULE.match(ln.text):
                    out[k] = Line("", ln.page, None)        # a Markdown rule row is layout, not text
                else:
                    out[k] = Line(ln.text, ln.page, True, ln.heading, header)
            i = j
        else:
            i += 1
    return out


# --------------------------------------------------------------------------- pdf

@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf reports what it repaired through logging and warnings; the user gets our one line instead."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def pdf_page_texts(path: Path) -> list[str]:
    """The text layer of every page (pypdf), or CorpusError.  AES-encrypted
    PDFs that open with the empty password are read (needs ``cryptography``)."""
    if path.stat().st_size == 0:
        raise _fail(path, "file is empty")
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover
        raise _fail(path, "reading PDF needs the 'pypdf' package") from None
    try:
        with _quiet_pypdf():
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                try:
                    ok = reader.decrypt("")
                except Exception as exc:
                    if "cryptography" in str(exc):
                        raise _fail(path, "PDF is AES-encrypted; reading it needs the 'cryptography' package") \
                            from None
                    raise _fail(path, "PDF is encrypted") from None
                if not ok:
                    raise _fail(path, "PDF is encrypted with a password")
            n = len(reader.pages)
            if n > limits.MAX_PDF_PAGES:
                raise LimitError(f"{path}: PDF has {n} pages, more than the limit of {limits.MAX_PDF_PAGES}")
            pages, total = [], 0
            for page in reader.pages:
                text = page_text(page)
                total += len(text)
                if total > limits.MAX_TEXT_CHARS:
                    raise LimitError(f"{path}: more than {limits.MAX_TEXT_CHARS} characters of text (limit)")
                pages.append(text)
    except CorpusError:
        raise
    except Exception as exc:  # a malformed PDF can make pypdf raise almost anything
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        raise _fail(path, f"not a readable PDF ({type(exc).__name__}{': ' + detail if detail else ''})") from None
    if not pages:
        raise _fail(path, "PDF has no pages")
    return pages


def page_text(page) -> str:
    """A page's text layer, with runs the producer drew in another font put back in place.

    LibreOffice draws “ ” ( ) and Latin text in a Latin font as runs of their
    own, after the Chinese run of the line, whose places for them are blank:
    extraction returns ``“ ” 四川省 十三五 战略性…`` for ``四川省“十三五”战略性…``.
    Runs of marks only go into the blanks in order when blanks and marks are
    equally many; otherwise, as each run is drawn at a known x, a run that
    starts inside a Chinese run is put into that run's blank nearest to its x (character positions
    estimated from the font size: a Chinese character is one em wide), its
    further words into the following blanks; then the line's runs are read in
    x order.  Lines without such runs are left exactly as extracted.

    A note mark drawn raised in a smaller size (…1000亿元¹，…) is extracted as a line of
    its own, which would cut the sentence in three; it is put back on its line as a
    superscript digit (``_raise_marks``).
    """
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font, size):
        scale = abs(tm[0] * cm[0] + tm[1] * cm[2]) or 1.0
        chunks.append((text, tm[4] * cm[0] + tm[5] * cm[2] + cm[4], (size or 0) * scale,
                       tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(c[0] for c in chunks) != text:
        return fold_radicals(text)
    lines: list[list[tuple[str, float, float]]] = [[]]
    for t, x, size in _raise_marks(chunks):
        for k, part in enumerate(t.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append((part, x, size))
    return fold_radicals("\n".join(_restore_marks(line) for line in lines))


# a note mark: a number (1, 12), a circled number or an asterisk/dagger
_NOTE_MARK = re.compile(r"^\s*(?:\d{1,3}|[\u2460-\u2473]|[*†‡])\s*$")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _raise_marks(chunks: list[tuple[str, float, float, float]]) -> list[tuple[str, float, float]]:
    """(text, x, size) runs of a page with each raised note mark joined to the line it stands on.

    A mark is a run of a note mark alone (``_NOTE_MARK``) drawn in a font at most 0.8 times the
    size of a neighbouring run and raised above that run's baseline by a fifth to a whole of its
    size: the body's reference after 亿元 (the run before it) or the note's own mark before its
    text (the run after it). Its digits become superscript digits, and the line breaks between
    it and the runs of its baseline go, so …亿元¹，算力… stays one line and ¹数字经济…：指… opens the
    note's line. Anything else is left as extracted."""
    runs = [[t, x, size, y] for t, x, size, y in chunks]
    filled = [i for i, r in enumerate(runs) if r[0].strip()]

    def under(mark, other) -> bool:
        _, _, size, y = mark
        return other[2] > 0 and size <= 0.8 * other[2] and 0.2 * other[2] <= y - other[3] <= other[2]

    for n, i in enumerate(filled):
        mark = runs[i]
        if mark[2] <= 0 or not _NOTE_MARK.match(mark[0]):
            continue
        prev = filled[n - 1] if n > 0 else None
        nxt = filled[n + 1] if n + 1 < len(filled) else None
        before = prev is not None and runs[prev][1] <= mark[1] and under(mark, runs[prev])
        after = nxt is not None and runs[nxt][1] >= mark[1] and under(mark, runs[nxt])
        if not (before or after):
            continue
        ends_line = mark[0].endswith("\n")
        mark[0] = mark[0].strip().translate(_SUPERSCRIPT)
        if before:
            for k in range(prev, i):
                runs[k][0] = runs[k][0].rstrip("\n") if k == prev else runs[k][0].replace("\n", "")
        if after:
            for k in range(i + 1, nxt):
                runs[k][0] = ""
            runs[nxt][0] = runs[nxt][0].lstrip()
        elif ends_line:
            mark[0] += "\n"
    return [(t, x, size) for t, x, size, _ in runs]


_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _advance(ch: str, size: float) -> float:
    return size if _WIDE.match(ch) else 0.5 * size


def _run_end(text: str, x: float, size: float) -> float:
    """Where a run drawn at ``x`` ends (its characters' widths estimated by ``_advance``)."""
    return x + sum(_advance(ch, size) for ch in text)


_MARKS_ONLY = re.compile(r"^[\s“”‘’\"'…—–·]*[“”‘’\"'…—–·][\s“”‘’\"'…—–·]*$")


def _restore_by_count(line: list[tuple[str, float, float]]) -> str | None:
    """Runs of marks only (``“ ”``) put into the blanks of the line's other runs in order, when the
    blanks and the marks are equally many (a mark drawn left of the text opens it, one left over
    closes it); None when they do not match."""
    marks = [(t, x) for t, x, _ in line if _MARKS_ONLY.match(t)]
    body = [(t, x) for t, x, _ in line if not _MARKS_ONLY.match(t)]
    if not marks or not body:
        return None
    # only marks drawn out of place: on a blank of a body run, or left of the text but drawn after it
    # (Word and PDFium draw “ and —— in place, in the order they are read)
    first = min(x for _, x in body)
    extents = [(k, x, _run_end(t, x, size)) for k, (t, x, size) in enumerate(line) if not _MARKS_ONLY.match(t)]
    for k, (t, x, _) in enumerate(line):
        if not _MARKS_ONLY.match(t):
            continue
        lead = x < first - 0.5 and any(h < k for h, _, _ in extents)
        if not (lead or any(a + 0.5 < x < b - 0.5 and _blank_near(line[h], x) for h, a, b in extents)):
            return None
    chars = [ch for t, _ in sorted(marks, key=lambda c: c[1]) for ch in t if not ch.isspace()]
    text = "".join(t for t, _ in body)
    gaps = [i for i in range(1, len(text) - 1) if text[i] == " " and text[i - 1] != " " and text[i + 1] != " "]
    lead = min(x for _, x in marks) < min(x for _, x in body) - 0.5
    for prefix in ((1, 0) if lead else (0, 1)):
        for suffix in (0, 1):
            if prefix + len(gaps) + suffix != len(chars):
                continue
            out = list(text)
            for i, ch in zip(gaps, chars[prefix:len(chars) - suffix]):
                out[i] = ch
            return ("".join(chars[:prefix]) + "".join(out).strip() + "".join(chars[len(chars) - suffix:])
                    + (" " if text.endswith(" ") else ""))
    return None


def _restore_marks(line: list[tuple[str, float, float]]) -> str:
    """One extracted line from its runs (text, x, font size); see ``page_text``."""
    plain = "".join(t for t, _, _ in line)
    by_count = _restore_by_count(line)
    if by_count is not None:
        return by_count
    hosts = {k: (x, _run_end(t, x, size)) for k, (t, x, size) in enumerate(line) if size > 0 and _WIDE.search(t)}
    guests: dict[int, list[tuple[float, str]]] = {}
    keep: list[int] = []
    texts = {k: t for k, (t, _, _) in enumerate(line)}
    for k, (t, x, size) in enumerate(line):
        host = None if k in hosts else next(
            (h for h, (a, b) in hosts.items() if a + 0.5 < x < b - 0.5 and _blank_near(line[h], x)), None)
        if host is not None:
            if t.strip():
                guests.setdefault(host, []).append((x, t))
            continue
        keep.append(k)
        words = t.split()
        if k not in hosts and len(words) > 1:
            # "“   ”" drawn just left of a Chinese run: its first mark opens the run, the rest go
            # into the run's first blanks
            after = [h for h, (a, _) in hosts.items() if x < a <= x + _advance(words[0][-1], size) * len(words[0]) + size]
            if after:
                texts[k] = words[0]
                guests.setdefault(after[0], []).append((float("-inf"), " ".join(words[1:])))
    if not guests:
        return plain
    placed = []
    for k in keep:
        t, x, size = line[k]
        t = texts[k]
        if k in guests:
            t = _fill_blanks(t, x, size, sorted(guests[k]))
        placed.append((x, t))
    return "".join(t for _, t in sorted(placed, key=lambda c: c[0]))


def _blank_near(host: tuple[str, float, float], x: float) -> bool:
    """The host run has a blank within one em of ``x``: the producer left a place there for a run it
    drew separately. Word and PDFium draw their runs in place, each where it stands (2021 at the x
    after 〔, 12 after 年); their runs only seem to overlap where a character's width is estimated
    too wide (a half-width 〔 drawn in a Chinese font), and no blank lies under them."""
    text, x0, size = host
    at = x0
    for ch in text:
        if ch == " " and abs(at - x) <= size:
            return True
        at += _advance(ch, size)
    return False


def _fill_blanks(text: str, x0: float, size: float, guests: list[tuple[float, str]]) -> str:
    """``text`` (a Chinese run at ``x0``) with each guest run put into the blank nearest its x."""
    xs, x = [], x0
    for ch in text:
        xs.append(x)
        x += _advance(ch, size)
    xs.append(x)
    blanks = [i for i, ch in enumerate(text) if ch == " "]
    inserts: dict[int, str] = {}       # blank index -> text replacing it
    extra: dict[int, str] = {}         # character boundary -> text inserted there
    nxt = 0
    for gx, gtext in guests:
        words = gtext.split()
        free = [i for i in blanks[nxt:] if i not in inserts]
        if free:
            first = free[0] if gx == float("-inf") else min(free, key=lambda i: abs(xs[i] - gx))
            if True:            # the producer left a blank for every run it drew elsewhere
                rest = [i for i in free if i > first]
                for i, w in zip([first] + rest, words):
                    inserts[i] = w
                if len(words) > len(rest) + 1:       # more words than blanks: the rest go after the last
                    last = ([first] + rest)[-1]
                    inserts[last] += "".join(words[len(rest) + 1:])
                nxt = blanks.index(([first] + rest)[min(len(words), len(rest) + 1) - 1]) + 1
                continue
        at = min(range(len(xs)), key=lambda i: abs(xs[i] - gx))
        extra[at] = extra.get(at, "") + "".join(words)
    out = []
    for i, ch in enumerate(text):
        out.append(extra.get(i, ""))
        out.append(inserts.get(i, ch))
    out.append(extra.get(len(text), ""))
    return "".join(out)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# characters a Chinese plan's text layer is made of besides Han: ASCII, CJK and
# general punctuation, full-width forms, enclosed numbers (①), Greek, math
_PLAIN = re.compile(r"[\x20-\x7e\u00b7\u00d7\u00f7\u0391-\u03c9\u2000-\u206f\u2100-\u22ff\u2460-\u24ff"
                    r"\u2500-\u257f\u25a0-\u25ff\u2605\u2606\u3000-\u303f\uff00-\uffef]")
_LETTER = re.compile(r"[A-Za-z]")
_VOWEL = re.compile(r"[aeiouAEIOU]")


@dataclass(frozen=True)
class TextQuality:
    """How much of a text looks like readable text: counts over its non-space characters."""

    chars: int          # non-space characters
    han: int            # Han characters
    plain: int          # ASCII, punctuation, full-width forms … (see _PLAIN)
    letters: int        # ASCII letters
    vowels: int         # of which a e i o u (about 38 % in English text, far fewer in glyph-id mojibake)

    @property
    def readable(self) -> bool:
        if self.chars < 20:
            return True                      # too little to judge (a page number, a caption)
        if self.han >= 0.05 * self.chars:
            return (self.han + self.plain) >= 0.8 * self.chars
        # no Chinese: only plain, word-like Latin text passes (an English annex)
        wordlike = self.letters < 20 or self.vowels >= 0.25 * self.letters
        return self.plain >= 0.95 * self.chars and wordlike


def text_quality(text: str) -> TextQuality:
    body = re.sub(r"\s+", "", text)
    han = len(_HAN.findall(body))
    plain = len(_PLAIN.findall(body))
    letters = len(_LETTER.findall(body))
    vowels = len(_VOWEL.findall(body))
    return TextQuality(len(body), han, plain, letters, vowels)


def check_text_layer(path: Path | str, pages: list[str]) -> tuple[int, ...]:
    """Raise UnreadableTextError when the text layer cannot be trusted: a page
    of mojibake (a broken font map) anywhere, or no text on most pages (a
    scan).  Returns the pages (1-based) that have no text at all (a cover
    image, a figure page), which a partial scan would also show."""
    empty = tuple(i for i, t in enumerate(pages, 1) if not t.strip())
    bad = tuple(i for i, t in enumerate(pages, 1) if t.strip() and not text_quality(t).readable)
    if bad:
        shown = ", ".join(map(str, bad[:8])) + (" …" if len(bad) > 8 else "")
        raise UnreadableTextError(
            f"{path}: text layer unreadable on {len(bad)} of {len(pages)} pages ({shown}): broken font map, "
            "the extracted text is not Chinese text; 需要 OCR (needs OCR)", bad)
    if len(empty) == len(pages):
        raise UnreadableTextError(f"{path}: PDF has no text layer (scanned images?); 需要 OCR (needs OCR)", empty)
    if len(empty) * 2 > len(pages):
        raise UnreadableTextError(
            f"{path}: {len(empty)} of {len(pages)} pages have no text layer (scanned images?); 需要 OCR (needs OCR)",
            empty)
    return empty


def _page_pairs(text: str, index: int, shown: int | None = None) -> list[tuple[str, int]]:
    """(line, printed page) of one page's text layer, and an empty line ending the page;
    the printed page number is the page's own "- N -" marker when it has one, else ``shown``
    (the number ``corpus.furniture`` read), else the PDF page's."""
    markers = [int(m.group(1)) for ln in text.split("\n") if (m := PAGE_MARKER.match(ln))]
    printed = markers[0] if len(markers) == 1 else (shown or index)
    return [(t, printed) for t, _ in lines_from_text(text.replace("\f", ""))] + [("", printed)]


def _pdf_tables(lines: list[Line]) -> list[Line]:
    """A PDF page's tables, whether its text layer prints a row a line or a cell a line."""
    from corpus.linetables import mark_line_tables
    return mark_line_tables(mark_text_tables(lines))


def pdf_source(path: Path, pages: list[str]) -> Source:
    """Lines of the page texts, each tagged with its printed page number."""
    pairs = move_footnotes([pair for index, (text, shown) in enumerate(strip_furniture(pages), start=1)
                            for pair in _page_pairs(text, index, shown)])
    _check_lines(path, [t for t, _ in pairs])
    hinted = has_end_hints([t for t, _ in pairs])
    return Source(str(path), tuple(_pdf_tables(_make_lines(pairs, hinted))), hinted, "pdf")


def load_ofd(path: Path) -> Source:
    """An OFD file (GB/T 33190, the national fixed-layout format; ``corpus.ofd``): its pages'
    text read as a PDF's text layer is."""
    from corpus import ofd
    try:
        pages = [fold_radicals(t) for t in ofd.page_texts(path)]
    except ofd.OfdError as exc:
        raise _fail(path, f"not a readable OFD file: {exc}") from None
    _check_text_size(path, sum(len(t) for t in pages))
    if not any(_usable_chars(t) for t in pages):
        raise _fail(path, "OFD file has no text (scanned pages?): planqa reads scans as PDF or image files "
                          "with the ocr extra, so print it to PDF first")
    return replace(pdf_source(path, pages), kind="ofd")


def load_pdf(path: Path) -> Source:
    """The PDF's text layer page by page; pages without usable text (a scan, a
    broken font map) are read by OCR when the ``ocr`` extra is installed
    (corpus.ocr), otherwise a mostly unreadable layer is an UnreadableTextError
    that says what to install, and a few such pages are left out with a warning."""
    pages = pdf_page_texts(path)
    scanned = [i for i, text in enumerate(pages) if _needs_ocr(text)]
    _warn_image_pages(path, pages, scanned)
    if not scanned:
        return pdf_source(path, pages)
    from corpus import ocr
    if not ocr.available():
        try:
            check_text_layer(path, pages)
        except UnreadableTextError as err:
            raise UnreadableTextError(f"{err}; to read it with OCR: {ocr.INSTALL_HINT}", err.pages) from None
        skipped = _image_pages(path, scanned)           # blank pages (no text, no image) are no loss
        if skipped:
            shown = ", ".join(str(i + 1) for i in skipped[:10]) + (" …" if len(skipped) > 10 else "")
            warnings.warn(f"{path}: {len(skipped)} page(s) without readable text left out (PDF page {shown}); "
                          f"to read them with OCR: {ocr.INSTALL_HINT}", CorpusWarning, stacklevel=2)
        text_pages = [("" if i in scanned else t) for i, t in enumerate(pages)]
        source = pdf_source(path, text_pages)
        return replace(source, pages_without_text=tuple(i + 1 for i in scanned))
    images = set(_image_pages(path, [i for i in scanned if not _usable_chars(pages[i])]))
    scanned = [i for i in scanned if _usable_chars(pages[i]) or i in images]     # not the blank pages
    recognised = {p.index: p for p in ocr.ocr_pdf_pages(path, scanned)} if scanned else {}
    from corpus.ocr_layout import infer_page_numbers
    numbers = infer_page_numbers([(i, p.printed) for i, p in sorted(recognised.items())])
    pairs: list[tuple[str, int]] = []
    ocr_lines: list[tuple[int, str, float]] = []
    cleaned = strip_furniture(["" if i in recognised else t for i, t in enumerate(pages)])
    for index, (text, shown) in enumerate(cleaned, start=1):
        page = recognised.get(index - 1)
        if page is not None:
            printed = numbers.get(index - 1) or index
            pairs.extend((ln.text, printed) for ln in page.lines)
            ocr_lines.extend((printed, ln.text, ln.conf) for ln in page.lines)
            pairs.append(("", printed))
            continue
        pairs.extend(_page_pairs(text, index, shown))
    pairs = move_footnotes(pairs)
    if not any(t.strip() for t, _ in pairs):
        if recognised:
            raise _fail(path, "no text found, not even by OCR (blank or unreadable scan?)")
        raise UnreadableTextError(f"{path}: PDF has no text layer (scanned images?); 需要 OCR (needs OCR)",
                                  tuple(range(1, len(pages) + 1)))
    _check_lines(path, [t for t, _ in pairs])
    hinted = has_end_hints([t for t, _ in pairs])
    return Source(str(path), tuple(_pdf_tables(_make_lines(pairs, hinted))), hinted, "pdf", tuple(ocr_lines))


class CorpusWarning(UserWarning):
    """Something was left out of a document that loaded (e.g. scanned pages without the OCR extra)."""


def _usable(text: str) -> bool:
    """A page's extracted text is real text: some visible characters besides
    its page marker, and not mostly private-use or replacement characters
    (fonts without a Unicode map)."""
    chars = [ch for ln in text.split("\n") if not PAGE_MARKER.match(ln) for ch in ln if not ch.isspace()]
    if len(chars) < 2:
        return False
    bad = sum(1 for ch in chars if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return bad <= 0.3 * len(chars)


def _usable_chars(text: str) -> int:
    """Visible characters of a page besides its page marker."""
    return sum(1 for ln in text.split("\n") if not PAGE_MARKER.match(ln) for ch in ln if not ch.isspace())


def _image_pages(path: Path, indices) -> list[int]:
    """Those of the (0-based) pages that draw an image (a scan, unlike a blank page)."""
    if not indices:
        return []
    from pypdf import PdfReader
    with _quiet_pypdf():
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        return [i for i in indices if _has_image(reader.pages[i])]


def _has_image(page) -> bool:
    try:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        for name in xobjects:
            obj = xobjects[name].get_object()
            if obj.get("/Subtype") == "/Image":
                return True
            if obj.get("/Subtype") == "/Form" and "/Resources" in obj and _has_image(obj):
                return True
    except Exception:            # malformed resources: treat as a scan
        return True
    return False


SPARSE_PAGE = 0.4     # a page with an image and under this share of the median page's text (see below)


def _warn_image_pages(path: Path, pages: list[str], scanned) -> None:
    """Warn of pages that draw an image beside little text: a table or figure drawn as an image (国办
    《“十四五”文物保护和科技创新规划》's 主要指标 table, on a page of 112 characters of notes where its
    other pages hold 743 at the median) is not in the text layer, and OCR reads only pages without text."""
    counts = [_usable_chars(t) for t in pages]
    full = sorted(c for i, c in enumerate(counts) if i not in scanned)
    if len(full) < 3:
        return
    median = full[len(full) // 2]
    sparse = [i for i, c in enumerate(counts) if i not in scanned and 0 < c < SPARSE_PAGE * median]
    shown = _image_pages(path, sparse)
    if shown:
        pages_said = ", ".join(str(i + 1) for i in shown[:10]) + (" …" if len(shown) > 10 else "")
        warnings.warn(f"{path}: PDF page {pages_said}: an image beside little text; a table or figure drawn as "
                      f"an image there is not read", CorpusWarning, stacklevel=3)


def _needs_ocr(text: str) -> bool:
    """No usable text on the page: a scan, or a text layer that does not read as text
    (text_quality: a broken font map)."""
    return not _usable(text) or not text_quality(text).readable


# --------------------------------------------------------------------------- images

def load_image(path: Path) -> Source:
    """A scanned page as an image file (png/jpg/tif; every frame of a TIFF), read by OCR."""
    if path.stat().st_size == 0:
        raise _fail(path, "file is empty")
    from corpus import ocr
    pages = ocr.ocr_image_file(path)
    from corpus.ocr_layout import infer_page_numbers
    numbers = infer_page_numbers([(p.index, p.printed) for p in pages])
    pairs: list[tuple[str, int]] = []
    ocr_lines: list[tuple[int, str, float]] = []
    for page in pages:
        printed = numbers.get(page.index) or page.index + 1
        pairs.extend((ln.text, printed) for ln in page.lines)
        ocr_lines.extend((printed, ln.text, ln.conf) for ln in page.lines)
        pairs.append(("", printed))
    if not any(t.strip() for t, _ in pairs):
        raise _fail(path, "no text found by OCR (blank or unreadable image?)")
    return Source(str(path), tuple(_make_lines(pairs, False)), False, "image", tuple(ocr_lines))


# --------------------------------------------------------------------------- docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_BODY_WRAPPERS = (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag")


def _docx_xml_stream(path: Path, zf: zipfile.ZipFile):
    """word/document.xml of a .docx, checked against the size limits before anything is unpacked."""
    infos = zf.infolist()
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise LimitError(f"{path}: .docx package has {len(infos)} parts, more than the limit of "
                         f"{limits.MAX_ZIP_ENTRIES}")
    try:
        info = zf.getinfo("word/document.xml")
    except KeyError:
        raise _fail(path, "not a readable .docx file (no word/document.xml)") from None
    if info.file_size > limits.MAX_DOCX_XML_BYTES:
        raise LimitError(f"{path}: document.xml unpacks to {info.file_size // (1024 * 1024)} MB, more than the "
                         f"limit of {limits.MAX_DOCX_XML_BYTES // (1024 * 1024)} MB")
    return zf.open(info)     # zipfile never inflates past the declared size and checks the CRC


def _docx_blocks(path: Path, stream):
    """Top-level blocks of the body in reading order (``w:p``, ``w:tbl``, the body's
    final ``w:sectPr``), each a detached lxml element; memory stays bounded by
    one block because every block is dropped from the tree once read."""
    from lxml import etree

    parser_kw = dict(events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
                     huge_tree=False, remove_comments=True, remove_pis=True)
    depth_tags: list[str] = []
    count = 0
    block_start = 0         # element count when the current top-level block began
    try:
        for event, el in etree.iterparse(stream, **parser_kw):
            if event == "start":
                count += 1
                if count > limits.MAX_DOCX_ELEMENTS:
                    raise LimitError(f"{path}: more than {limits.MAX_DOCX_ELEMENTS} XML elements (limit)")
                if len(depth_tags) == 2:
                    block_start = count
                elif count - block_start > limits.MAX_DOCX_BLOCK_ELEMENTS:
                    raise LimitError(f"{path}: a paragraph or table of more than {limits.MAX_DOCX_BLOCK_ELEMENTS} "
                                     "XML elements (limit)")
                depth_tags.append(el.tag)
                continue
            depth_tags.pop()
            parents = depth_tags
            at_top = (len(parents) >= 2 and parents[1] == _W + "body"
                      and all(t in _BODY_WRAPPERS for t in parents[2:]))
            if at_top and el.tag in (_W + "p", _W + "tbl", _W + "sectPr", _W + "altChunk"):
                yield el
            if at_top:          # whatever stands in the body (bookmarks, wrappers …) is dropped once read
                el.clear()
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _fail(path, f"not a readable .docx file (XML error: {str(exc).splitlines()[0][:100]})") from None


def _section_numbering(sect) -> tuple[int | None, bool]:
    """(pgNumType w:start or None, whether the section starts on a new page)."""
    if sect is None:
        return None, True
    start = None
    num = sect.find(_W + "pgNumType")
    if num is not None and num.get(_W + "start") is not None:
        try:
            start = int(num.get(_W + "start"))
        except ValueError:
            start = None
    kind = sect.find(_W + "type")
    new_page = kind is None or kind.get(_W + "val") not in ("continuous",)
    return start, new_page


def load_docx(path: Path) -> Source:
    """Read a .docx as a stream of paragraphs and tables (no python-docx tree: a
    small compressed file can unpack to a huge XML tree).

    Pages: Word's last rendered page breaks when it recorded them, else
    explicit page breaks and section breaks; a section's ``pgNumType w:start``
    restarts the numbering, and ``- N -`` marker paragraphs override both.
    """
    if path.stat().st_size == 0:
        raise _fail(path, "file is empty")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(path, f"not a readable .docx file ({type(exc).__name__})") from None
    with zf:
        styles = _docx_xml_part(zf, "word/styles.xml")
        levels = _docx_heading_styles(styles)
        numbering = read_numbering(_docx_xml_part(zf, "word/numbering.xml"), styles)
        notes = (_docx_notes(_docx_xml_part(zf, "word/footnotes.xml")),
                 _docx_notes(_docx_xml_part(zf, "word/endnotes.xml")))
        chunks = _docx_chunks(path, zf)
        with _docx_xml_stream(path, zf) as stream:
            blocks = _read_docx_blocks(path, stream, levels, numbering, notes, chunks)
    _credible_headings(blocks)
    lines = _number_docx_pages(blocks)
    if not any(ln.text.strip() for ln in lines):
        raise _fail(path, "document has no text")
    _check_lines(path, [ln.text for ln in lines])
    # a PDF converted to Word often keeps one Word paragraph per printed line:
    # then the paragraph ends are not real and the assembler must find them
    from corpus.paragraphs import wrap_width
    if wrap_width([ln.text for ln in lines if ln.end]):
        lines = [Line(ln.text, ln.page, None, ln.heading, ln.table) for ln in lines]
    return Source(str(path), tuple(lines), False, "docx")


_RENDERED, _EXPLICIT = 1, 2       # page-break kinds inside a paragraph's parts


@dataclass
class _DocxBlock:
    parts: list                 # text pieces and page-break kinds (_RENDERED / _EXPLICIT) in order
    section_end: tuple | None   # (pgNumType start or None, starts a new page) when a section ends here
    table: str = ""             # the header row of the table this row belongs to ("" otherwise)
    row: bool = False
    heading: int = 0            # its outline level as a Word heading (标题 1 / Heading 2 …), 0 for none

    def split(self, rendered: bool) -> tuple[list[str], int]:
        """Text segments between page breaks (Word's rendered ones when the
        document has any, else explicit ones) and the breaks after the last text."""
        kind = _RENDERED if rendered else _EXPLICIT
        segments = [""]
        for part in self.parts:
            if isinstance(part, str):
                segments[-1] += part
            elif part == kind:
                segments.append("")
        trailing = 0
        while len(segments) > 1 and not segments[-1].strip():
            segments.pop()
            trailing += 1
        return segments, trailing


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)


def _docx_xml_part(zf: zipfile.ZipFile, name: str):
    """A small XML part of the package (styles, numbering), parsed; None when it is missing, over
    the size limit or not well-formed (the text is still read, without what the part adds)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > limits.MAX_DOCX_XML_BYTES:
        return None
    from lxml import etree
    try:
        return etree.fromstring(zf.read(info), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                huge_tree=False))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        return None


def _docx_heading_styles(styles) -> dict[str, int]:
    """styleId -> outline level (1 = top) of the document's heading styles (parsed styles.xml):
    those named heading N (Word's built-in names, whatever the styleId: "1" in a Chinese Word) or
    given an outline level. A heading numbered by Word's automatic list numbering may carry no
    label Word draws in its text: without its style it would be read as body text."""
    if styles is None:
        return {}
    levels: dict[str, int] = {}
    for style in styles.iter(_W + "style"):
        if style.get(_W + "type") != "paragraph":
            continue
        sid = style.get(_W + "styleId") or ""
        name = style.find(_W + "name")
        m = _HEADING_STYLE.match((name.get(_W + "val") or "") if name is not None else "")
        outline = style.find(f"{_W}pPr/{_W}outlineLvl")
        if m:
            levels[sid] = int(m.group(1))
        elif outline is not None and (outline.get(_W + "val") or "").isdigit() and int(outline.get(_W + "val")) < 9:
            levels[sid] = int(outline.get(_W + "val")) + 1
    return levels


def _heading_level(p, levels: dict[str, int]) -> int:
    """A paragraph's outline level: its own w:outlineLvl, else its style's; 0 for body text."""
    outline = p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None and (outline.get(_W + "val") or "").isdigit():
        val = int(outline.get(_W + "val"))
        return val + 1 if val < 9 else 0
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return levels.get(style.get(_W + "val") or "", 0) if style is not None else 0


def _credible_headings(blocks: list[_DocxBlock]) -> None:
    """``credible_levels`` of the document's paragraphs (not its table rows)."""
    texts = [("".join(x for x in b.parts if isinstance(x, str)).strip(), b) for b in blocks if not b.row]
    texts = [(t, b) for t, b in texts if t]
    for (_, b), level in zip(texts, credible_levels([(t, b.heading) for t, b in texts])):
        b.heading = level


def credible_levels(paragraphs: list[tuple[str, int]]) -> list[int]:
    """The heading levels of (text, level) paragraphs, less those of paragraphs too long for a
    title, and none at all when most of the text carries one (a document whose every paragraph was
    given an outline level has none)."""
    levels = [0 if len(t) > 60 else level for t, level in paragraphs]
    if sum(1 for level in levels if level) > 0.5 * len(levels):
        return [0] * len(levels)
    return levels


def _read_docx_blocks(path: Path, stream, levels: dict[str, int] | None = None,
                      numbering: Numbering | None = None, notes: tuple[dict, dict] | None = None,
                      chunks=None) -> list[_DocxBlock]:
    """The body's blocks in reading order. The paragraphs of text boxes follow the paragraph they
    are anchored in, a footnote's paragraphs the paragraph or table that cites it (its page), and
    endnotes come last, as Word prints them. ``notes``: (footnotes, endnotes), each id -> the
    note's paragraphs (``_docx_notes``); ``chunks``: relationship id -> the blocks of an imported
    part (``_docx_chunks``)."""
    footnotes, endnotes = notes or ({}, {})
    blocks: list[_DocxBlock] = []
    cited: set = set()
    at_end: list[_DocxBlock] = []
    total = 0

    def note_blocks(el) -> list[_DocxBlock]:
        out = []
        for tag, store, into in ((_W + "footnoteReference", footnotes, out),
                                 (_W + "endnoteReference", endnotes, at_end)):
            if not store:
                continue
            for ref in _live(el, tag):
                key = (tag, ref.get(_W + "id"))
                if key[1] in store and key not in cited:
                    cited.add(key)
                    into.extend(_DocxBlock(_paragraph_parts(q, numbering), None) for q in store[key[1]])
        return out

    for el in _docx_blocks(path, stream):
        if el.tag == _W + "sectPr":
            new = at_end + [_DocxBlock([], _section_numbering(el))]
            at_end = []
        elif el.tag == _W + "p":
            # the paragraph, then the paragraphs of the text boxes anchored in it (a 专栏 drawn as a box)
            new = [_DocxBlock(_paragraph_parts(q, numbering), None, heading=_heading_level(q, levels or {}))
                   for q in (el, *_live(el, _W + "p"))]
            new += note_blocks(el)
            sect = el.find(f"{_W}pPr/{_W}sectPr")
            if sect is not None:
                new[-1].section_end = _section_numbering(sect)
        elif el.tag == _W + "altChunk":
            new = chunks(el.get(_R + "id")) if chunks else []
        else:
            new = _docx_table(el, numbering) + note_blocks(el)
        blocks.extend(new)
        total += _check_blocks(path, new)
        if total > limits.MAX_TEXT_CHARS:
            raise LimitError(f"{path}: more than {limits.MAX_TEXT_CHARS} characters of text (limit)")
        if len(blocks) > limits.MAX_LINES:
            raise LimitError(f"{path}: more than {limits.MAX_LINES} paragraphs and table rows (limit)")
    blocks.extend(at_end)
    _check_blocks(path, at_end)
    return blocks


def _check_blocks(path: Path, blocks: list[_DocxBlock]) -> int:
    """The characters of ``blocks``; a LimitError when one paragraph is over the line limit."""
    total = 0
    for b in blocks:
        for part in b.parts:
            if isinstance(part, str):
                total += len(part)
                if len(part) > limits.MAX_LINE_CHARS:
                    raise LimitError(f"{path}: a paragraph of more than {limits.MAX_LINE_CHARS} characters (limit)")
    return total


def _docx_notes(part) -> dict[str, list]:
    """Footnote or endnote id -> its paragraphs, from the parsed footnotes.xml / endnotes.xml (the
    separator lines Word keeps there are not notes)."""
    if part is None:
        return {}
    notes = {}
    for note in part:
        if note.tag in (_W + "footnote", _W + "endnote") and note.get(_W + "type") in (None, "normal"):
            paragraphs = list(_live(note, _W + "p"))
            if any("".join(x for x in _paragraph_parts(q) if isinstance(x, str)).strip() for q in paragraphs):
                notes[note.get(_W + "id")] = paragraphs
    return notes


def _docx_chunks(path: Path, zf: zipfile.ZipFile):
    """Relationship id -> the blocks of the part an altChunk imports there: some tools (web
    editors, systems that merge documents) write a page, RTF or text into the package for Word to
    convert when it opens the file, so the body holds a reference and no text. The part is read as
    a file of its kind; one that cannot be read gives nothing, as Word shows nothing for it."""
    targets: dict = {}          # read on the first altChunk only: most documents have none

    def target(rid) -> str:
        if not targets:
            rels = _docx_xml_part(zf, "word/_rels/document.xml.rels")
            targets[None] = ""
            for rel in rels if rels is not None else ():
                if (rel.get("Type") or "").endswith("/aFChunk") and rel.get("TargetMode") != "External":
                    to = rel.get("Target") or ""
                    targets[rel.get("Id")] = posixpath.normpath(to.lstrip("/") if to.startswith("/")
                                                                else "word/" + to)
        return targets.get(rid, "")

    def blocks(rid) -> list[_DocxBlock]:
        try:
            info = zf.getinfo(target(rid))
            if info.file_size > limits.MAX_DOCX_XML_BYTES:      # an oversized part is left out, as an unreadable one
                return []
            lines = _chunk_lines(path, info.filename, zf.read(info))
        except (KeyError, CorpusError, zipfile.BadZipFile, OSError):
            return []
        return [_DocxBlock([ln.text], None, table=ln.table, row=bool(ln.table), heading=ln.heading)
                for ln in lines if ln.text.strip()]
    return blocks


def _chunk_lines(path: Path, name: str, data: bytes) -> list[Line]:
    """The lines of an altChunk part, by what it holds: a web archive, a page, RTF or text."""
    from corpus import rtf
    head = data[:4096].lstrip().lower()
    if _is_mht(head):
        return list(load_mht(path, data).lines)
    if rtf.is_rtf(data):
        try:
            return _word_lines(rtf.blocks(data))
        except rtf.RtfError:
            return []
    text = decode_text(data, path)
    if name.lower().endswith((".htm", ".html", ".xhtml", ".xml")) or head[:1] == b"<":
        return list(_html_source(path, text).lines)
    return [Line(t, 1, True) for t, _ in lines_from_text(text)]


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _live(el, tag: str | None = None, into_boxes: bool = True, visible: bool = False):
    """The descendants of ``el`` in document order (those named ``tag``), less the copies Word
    keeps for older readers (``mc:Fallback``: a text box is written twice, as a drawing and as
    VML), without ``into_boxes`` less what lies in text boxes, and with ``visible`` less what Word
    does not print: runs of hidden text (w:vanish) and the old place of text a tracked change moved
    (w:moveFrom; deleted text is w:delText, never read)."""
    stack = [iter(el)]          # no recursion: a hostile file may nest thousands deep
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag == _MC_FALLBACK or (not into_boxes and child.tag == _W + "txbxContent"):
            continue
        if visible and (child.tag == _W + "moveFrom" or child.tag == _W + "r" and _vanishes(child.find(_W + "rPr"))):
            continue
        if tag is None or child.tag == tag:
            yield child
        stack.append(iter(child))


def _vanishes(rpr) -> bool:
    """Run properties that hide the text (w:vanish, not switched off)."""
    v = rpr.find(_W + "vanish") if rpr is not None else None
    return v is not None and v.get(_W + "val") not in ("0", "false", "off")


def _paragraph_parts(p, numbering: Numbering | None = None) -> list:
    """A paragraph's own printed text pieces and page breaks (the text of boxes anchored in it is
    not its own: the loader reads those as paragraphs; hidden text is not printed), the label
    Word's list numbering draws put before its first text, after any page break it opens with.
    An empty numbered paragraph is counted but gives no line; one whose mark is hidden, or
    deleted or moved away by a tracked change, is not counted either."""
    parts: list = []
    for el in _live(p, into_boxes=False, visible=True):
        tag = el.tag
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag == _W + "lastRenderedPageBreak":
            parts.append(_RENDERED)
        elif tag == _W + "br":
            parts.append(_EXPLICIT if el.get(_W + "type") == "page" else "\n")
    if numbering is not None:
        empty = not any(isinstance(x, str) and x.strip() for x in parts)
        mark = p.find(f"{_W}pPr/{_W}rPr")           # the paragraph mark's properties
        # an empty paragraph whose mark is hidden, or deleted or moved away by a tracked change,
        # is not printed, and Word does not number it
        gone = empty and (_vanishes(mark) or mark is not None and (
            mark.find(_W + "del") is not None or mark.find(_W + "moveFrom") is not None))
        label = "" if gone else numbering.label(p)
        if label and not empty:         # an empty numbered paragraph counts, but a lone label is no text
            at = next((i for i, x in enumerate(parts) if isinstance(x, str) and x), len(parts))
            parts.insert(at, label)
    return parts


def _docx_table(tbl, numbering: Numbering | None = None) -> list[_DocxBlock]:
    """A one-column table (a 专栏 box drawn as a framed cell) gives its paragraphs;
    a table with columns gives one line per row, cells separated by a space,
    tagged with the header row so the row can be cited with its headers."""
    rows = list(_live(tbl, _W + "tr"))
    cells = [[c for c in r if c.tag == _W + "tc"] for r in rows]
    width = max((len(c) for c in cells), default=0)
    if width <= 1:
        return [_DocxBlock(_paragraph_parts(p, numbering), None) for p in _live(tbl, _W + "p")]
    texts = [[_cell_text(c) for c in row] for row in cells]
    return [_DocxBlock([line], None, table=header, row=row) for line, header, row in table_lines(texts)]


def table_lines(texts: list[list[str]]) -> list[tuple[str, str, bool]]:
    """The lines of a table with columns, from its cells' texts row by row: (line, header row,
    True), one per row, cells separated by a space; a first row of one cell in a wider table is
    the table's caption ("专栏1 主要指标"), a paragraph of its own: (caption, "", False)."""
    width = max((len(r) for r in texts), default=0)
    out = []
    while len(texts) > 1 and sum(1 for t in texts[0] if t) == 1 and len(texts[0]) < width:
        out.append((next(t for t in texts[0] if t), "", False))
        texts = texts[1:]
    header = " ".join(t for t in texts[0] if t) if texts else ""
    for row in texts:
        line = " ".join(t for t in row if t)
        if line:
            out.append((line, header, True))
    return out


def _cell_text(tc) -> str:
    return "".join(normalize_cell("".join(x for x in _paragraph_parts(p) if isinstance(x, str)))
                   for p in _live(tc, _W + "p"))


def normalize_cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _number_docx_pages(blocks: list[_DocxBlock]) -> list[Line]:
    """Lines with printed page numbers (see ``load_docx``)."""
    rendered = any(_RENDERED in b.parts for b in blocks)
    lines: list[Line] = []
    physical = 1
    marker_page: int | None = None      # once a "- N -" paragraph is seen, markers decide the pages
    section: list[int] = []             # indexes of the current section's lines
    section_first = 1                   # the physical page the current section starts on
    shift = 0                           # printed - physical, carried into sections without a start value

    def renumber(indexes, by):
        for k in indexes:
            ln = lines[k]
            lines[k] = Line(ln.text, ln.page + by, ln.end, ln.heading, ln.table)

    for b in blocks:
        segments, trailing = b.split(rendered)
        filled = sum(1 for seg in segments if seg.strip())   # a heading keeps its level on the page it starts
        m = None if b.row else PAGE_MARKER.match("".join(segments))
        if m:
            marker_page = int(m.group(1))
            continue
        for i, seg in enumerate(segments):
            if i > 0:
                physical += 1
            last = i == len(segments) - 1
            if seg.strip() or (last and b.parts):
                if marker_page is None:
                    section.append(len(lines))
                lines.append(Line(seg, marker_page if marker_page is not None else physical,
                                  True if last else False, b.heading if seg.strip() and filled == 1 else 0,
                                  b.table))
        physical += trailing
        if b.section_end is not None:
            start, new_page = b.section_end
            if start is not None:
                shift = start - section_first
            renumber(section, shift)
            section = []
            if new_page and not rendered:
                physical += 1
            section_first = physical
    renumber(section, shift)
    return lines


# --------------------------------------------------------------------------- .doc / .wps / .rtf

def load_doc(path: Path) -> Source:
    """A .doc, .wps or .rtf file, by what it holds: a Word 97-2003 binary document
    (``corpus.worddoc``), an RTF document (``corpus.rtf``), or, as sites often serve under a .doc
    name, a .docx package or a page Word saved as HTML."""
    data = path.read_bytes()
    if not data.strip():
        raise _fail(path, "file is empty")
    from corpus import rtf, worddoc
    if data[:4] == b"PK\x03\x04":
        return load_docx(path)
    if rtf.is_rtf(data):
        found, kind = rtf.blocks(data), "rtf"
    elif worddoc.is_compound(data):
        try:
            found, kind = worddoc.blocks(data), "doc"
        except worddoc.WordDocError as exc:
            raise _fail(path, f"not a readable Word 97-2003 document: {exc}") from None
    else:
        head = data[:2048].lstrip().lower()
        if _is_mht(head):               # before the page test: an archive's HTML part is in its first bytes
            return load_mht(path, data)
        if b"<html" in head or b"<!doctype html" in head:
            return load_html(path)
        raise _fail(path, "not a Word document (neither Word 97-2003, RTF nor .docx)")
    lines = _word_lines(found)
    _check_text_size(path, sum(len(ln.text) for ln in lines))
    if not any(ln.text for ln in lines):
        raise _fail(path, "document has no text")
    _check_lines(path, [ln.text for ln in lines])
    from corpus.paragraphs import wrap_width
    if wrap_width([ln.text for ln in lines]):       # one Word paragraph per printed line (see load_docx)
        lines = [Line(ln.text, ln.page, None, ln.heading, ln.table) for ln in lines]
    return Source(str(path), tuple(lines), False, kind)


def _is_mht(head: bytes) -> bool:
    """A MIME web archive (.mht): its headers name a multipart/related body."""
    return head.startswith((b"mime-version", b"from:", b"subject:", b"date:", b"content-type")) and \
        b"multipart/related" in head


def _word_lines(found: list[tuple]) -> list[Line]:
    """Lines of the paragraphs and table rows ``corpus.worddoc.blocks`` (or ``corpus.rtf.blocks``)
    found: a paragraph a page break cuts continues on the next page (as in load_docx), a paragraph
    in a heading style keeps its level where ``credible_levels`` trusts it; a table with
    columns gives a line per row tagged with its header row (``table_lines``), a one-column table
    (a 专栏 box) its paragraphs."""
    lines: list[Line] = []
    k = 0
    while k < len(found):
        if found[k][0] == "p":
            pieces = [(t.strip(), page) for t, page in found[k][1] if t.strip()]
            level = found[k][2]
            lines.extend(Line(t, page, i == len(pieces) - 1, level) for i, (t, page) in enumerate(pieces))
            if not pieces:
                lines.append(Line("", found[k][1][-1][1], True))
            k += 1
            continue
        j = k
        while j < len(found) and found[j][0] == "row":
            j += 1
        rows = [cells for _, cells, _ in found[k:j]]
        pages = [page for _, _, page in found[k:j]]
        if max(len(r) for r in rows) <= 1:
            for cells, page in zip(rows, pages):
                lines.extend(Line(t.strip(), page, True) for c in cells for t in c.split("\n"))
        else:
            texts = [["".join(normalize_cell(t) for t in c.split("\n")) for c in r] for r in rows]
            lines.extend(Line(line, pages[0], True, 0, header) for line, header, _ in table_lines(texts))
        k = j
    # heading styles are trusted as in a .docx
    body = [i for i, ln in enumerate(lines) if ln.text and not ln.table]
    for i, level in zip(body, credible_levels([(lines[i].text, lines[i].heading) for i in body])):
        if level != lines[i].heading:
            lines[i] = Line(lines[i].text, lines[i].page, lines[i].end, level, lines[i].table)
    return lines


# --------------------------------------------------------------------------- entry

def read_source(path: str | Path) -> Source:
    """Load any supported file into a Source, or raise CorpusError."""
    p = Path(path)
    if not p.exists():
        raise _fail(p, "file not found")
    if p.is_dir():
        raise _fail(p, "is a directory, not a file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(none)"
        raise _fail(p, f"unsupported file type {shown} (expected .txt, .md, .pdf, .ofd, .docx, .doc, .rtf, "
                       ".html, .mht or an image: .png .jpg .tif)")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise _fail(p, f"cannot read ({exc.strerror or exc})") from None
    if size > limits.MAX_FILE_BYTES:
        raise LimitError(f"{p}: {size // (1024 * 1024)} MB, more than the limit of "
                         f"{limits.MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        if suffix in (".txt", ".md"):
            return load_text(p)
        if suffix == ".pdf":
            return load_pdf(p)
        if suffix == ".ofd":
            return load_ofd(p)
        if suffix in (".html", ".htm"):
            return load_html(p)
        if suffix in (".mht", ".mhtml"):
            return load_mht(p)
        if suffix in IMAGE_SUFFIXES:
            return load_image(p)
        if suffix in (".doc", ".wps", ".rtf"):
            return load_doc(p)
        return load_docx(p)
    except PermissionError:
        raise _fail(p, "permission denied") from None
