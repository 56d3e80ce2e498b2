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
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from corpus.model import CorpusError

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")     # read by OCR (the 'ocr' extra)

# A printed page number on a line of its own: "- 12 -", "— 12 —", "－12－".
PAGE_MARKER = re.compile(r"^\s*[-－—–]\s*(\d{1,4})\s*[-－—–]\s*$")

_SENTENCE_END = re.compile(r"[。！？；!?;][”’」』）)】》\"']*$")

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


@dataclass(frozen=True)
class Source:
    path: str
    lines: tuple[Line, ...]
    hinted: bool        # line ends carry the trailing-space paragraph hint
    kind: str           # "text" | "pdf" | "docx" | "image"
    # lines read by OCR: (printed page, line text, recognition confidence 0..1)
    ocr: tuple[tuple[int, str, float], ...] = ()


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
    return text


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
    return ending <= 0.3 * len(plain)


def _make_lines(pairs: list[tuple[str, int]], hinted: bool) -> list[Line]:
    lines = []
    for text, page in pairs:
        end = True if (hinted and text.strip() and text != text.rstrip()) else None
        lines.append(Line(text, page, end))
    return lines


def load_text(path: Path) -> Source:
    data = path.read_bytes()
    text = decode_text(data, path)
    pairs = lines_from_text(text)
    hinted = has_end_hints([t for t, _ in pairs])
    lines = _make_lines(pairs, hinted)
    if path.suffix.lower() == ".md":
        lines = [Line(_strip_markdown(ln.text), ln.page, True, _md_level(ln.text)) if _is_md_heading(ln.text)
                 else Line(_strip_markdown(ln.text), ln.page, ln.end) for ln in lines]
    return Source(str(path), tuple(lines), hinted, "text")


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _is_md_heading(text: str) -> bool:
    return bool(_MD_HEADING.match(text))


def _md_level(text: str) -> int:
    return len(text.strip().split()[0])


def _strip_markdown(text: str) -> str:
    if _is_md_heading(text):
        text = re.sub(r"\s+#+\s*$", "", _MD_HEADING.sub("", text))
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


# --------------------------------------------------------------------------- pdf

def load_pdf(path: Path) -> Source:
    if path.stat().st_size == 0:
        raise _fail(path, "file is empty")
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover
        raise _fail(path, "reading PDF needs the 'pypdf' package") from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise _fail(path, "PDF is encrypted") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorpusError:
        raise
    except Exception as exc:  # a malformed PDF can make pypdf raise almost anything
        detail = str(exc).splitlines()[0][:120] if str(exc) else ""
        raise _fail(path, f"not a readable PDF ({type(exc).__name__}{': ' + detail if detail else ''})") from None
    if not pages:
        raise _fail(path, "PDF has no pages")
    scanned = [i for i, text in enumerate(pages) if _needs_ocr(text, reader.pages[i])]
    recognised = {}
    if scanned:
        from corpus import ocr
        if ocr.available() or len(scanned) == len(pages) or not any(_usable(p) for p in pages):
            recognised = {p.index: p for p in ocr.ocr_pdf_pages(path, scanned)}
        else:
            shown = ", ".join(str(i + 1) for i in scanned[:10]) + (" …" if len(scanned) > 10 else "")
            warnings.warn(f"{path}: {len(scanned)} page(s) without a text layer left out (PDF page {shown}); "
                          f"to read them with OCR: {ocr.INSTALL_HINT}", CorpusWarning, stacklevel=2)
    numbers = {}
    if recognised:
        from corpus.ocr_layout import infer_page_numbers
        numbers = infer_page_numbers([(i, p.printed) for i, p in sorted(recognised.items())])
    pairs: list[tuple[str, int]] = []
    ocr_lines: list[tuple[int, str, float]] = []
    for index, text in enumerate(pages, start=1):
        page = recognised.get(index - 1)
        if page is not None:
            printed = numbers.get(index - 1) or index
            pairs.extend((ln.text, printed) for ln in page.lines)
            ocr_lines.extend((printed, ln.text, ln.conf) for ln in page.lines)
            pairs.append(("", printed))
            continue
        if index - 1 in scanned:
            continue            # scanned, left out (warned above)
        page_lines = lines_from_text(text.replace("\f", ""))
        # the printed page number is the page's own "- N -" marker when it has one
        markers = [int(m.group(1)) for ln in text.split("\n") if (m := PAGE_MARKER.match(ln))]
        printed = markers[0] if len(markers) == 1 else index
        pairs.extend((t, printed) for t, _ in page_lines)
        pairs.append(("", printed))      # a page ends a line
    if not any(t.strip() for t, _ in pairs):
        raise _fail(path, "no text found, not even by OCR (blank or unreadable scan?)" if recognised
                    else "PDF has no text layer (scanned?)")
    hinted = has_end_hints([t for t, _ in pairs])
    return Source(str(path), tuple(_make_lines(pairs, hinted)), hinted, "pdf", tuple(ocr_lines))


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


def _needs_ocr(text: str, page) -> bool:
    """No usable text on a page that draws an image (a scan), or unreadable text."""
    if _usable(text):
        return False
    if sum(1 for ln in text.split("\n") if not PAGE_MARKER.match(ln) for ch in ln if not ch.isspace()) >= 2:
        return True              # text there, but unreadable: OCR the rendered glyphs
    return _has_image(page)


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
    except Exception:            # malformed resources: let OCR decide
        return True
    return False


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


def load_docx(path: Path) -> Source:
    if path.stat().st_size == 0:
        raise _fail(path, "file is empty")
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover
        raise _fail(path, "reading DOCX needs the 'python-docx' package") from None
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _fail(path, f"not a readable .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError etc.
        raise _fail(path, f"not a readable .docx file ({type(exc).__name__})") from None

    body = document.element.body
    # Word records where pages broke when it last laid the document out; use
    # those when present, else count explicit page breaks
    rendered = next(body.iter(_W + "lastRenderedPageBreak"), None) is not None
    lines: list[Line] = []
    page = 1
    page_from_marker = False
    for para in _docx_paragraphs(body):
        segments, breaks = _docx_paragraph_segments(para, rendered)
        text = "".join(segments)
        m = PAGE_MARKER.match(text)
        if m:
            page = int(m.group(1))
            page_from_marker = True
            continue
        # segments are separated by page breaks inside the paragraph
        for i, seg in enumerate(segments):
            if i > 0 and not page_from_marker:
                page += 1
            last = i == len(segments) - 1
            if seg.strip() or last:
                lines.append(Line(seg, page, True if last else False))
        if breaks and not page_from_marker:
            page += breaks
    if not any(ln.text.strip() for ln in lines):
        raise _fail(path, "document has no text")
    # a PDF converted to Word often keeps one Word paragraph per printed line:
    # then the paragraph ends are not real and the assembler must find them
    from corpus.paragraphs import wrap_width
    if wrap_width([ln.text for ln in lines if ln.end]):
        lines = [Line(ln.text, ln.page, None) for ln in lines]
    return Source(str(path), tuple(lines), False, "docx")


def _docx_paragraphs(body):
    """Paragraph elements in reading order, descending into tables (专栏 boxes
    are often single-cell tables)."""
    for child in body.iterchildren():
        if child.tag == _W + "p":
            yield child
        elif child.tag == _W + "tbl":
            seen = set()
            for tc in child.iter(_W + "tc"):
                for p in tc.iter(_W + "p"):
                    if p not in seen:
                        seen.add(p)
                        yield p


def _docx_paragraph_segments(p, rendered: bool = False) -> tuple[list[str], int]:
    """Text of a w:p split at page breaks (Word's last rendered ones when
    ``rendered``, else explicit ones).

    Returns the segments and the number of page breaks after the last text
    (a break at the very end of a paragraph moves the *next* paragraph).
    """
    segments = [""]
    for el in p.iter():
        tag = el.tag
        if tag == _W + "t":
            segments[-1] += el.text or ""
        elif tag == _W + "tab":
            segments[-1] += "\t"
        elif tag == _W + "lastRenderedPageBreak":
            if rendered:
                segments.append("")
        elif tag == _W + "br":
            if el.get(_W + "type") == "page":
                if not rendered:
                    segments.append("")
            else:
                segments[-1] += "\n"
    trailing = 0
    while len(segments) > 1 and not segments[-1].strip():
        segments.pop()
        trailing += 1
    return segments, trailing


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
        raise _fail(p, f"unsupported file type {shown} (expected .txt, .md, .pdf, .docx or an image: .png .jpg .tif)")
    try:
        if suffix in (".txt", ".md"):
            return load_text(p)
        if suffix == ".pdf":
            return load_pdf(p)
        if suffix in IMAGE_SUFFIXES:
            return load_image(p)
        return load_docx(p)
    except PermissionError:
        raise _fail(p, "permission denied") from None
