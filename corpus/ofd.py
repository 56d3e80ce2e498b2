"""The text of an OFD file (GB/T 33190, 电子文件存储与交换格式 版式文档), page by page.

Chinese government offices publish many documents as OFD, the national counterpart of PDF: a
zip package whose ``OFD.xml`` names each document's ``Document.xml``, which lists the pages
(and the template pages they are drawn over); a page's ``Content.xml`` holds text objects, each
with its bounding box and text codes placed at an offset inside it. The text is read as a PDF's
is: the codes are set on lines by their baselines, a line's pieces in left-to-right order, a
wide gap between two pieces (table columns) read as a space, and a line that starts to the right
of the page's text edge (a paragraph's first line, indented two characters in 公文) starts with
that many ideographic spaces. What follows (page numbers, running heads, paragraphs across
lines) is the PDF reader's (``corpus.loaders.pdf_source``).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET

from corpus import limits
from corpus.model import LimitError

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
INDENT_MAX = 4              # indents of more characters are layout (a signature, a centred line), not paragraphs


class OfdError(ValueError):
    """The file is not a readable OFD package; the message says why, in a few words."""


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el, name):
    return next((c for c in el if _local(c.tag) == name), None)


def _numbers(text: str | None) -> list[float]:
    return [float(x) for x in _NUMBER.findall(text or "")]


def _deltas(text: str | None) -> list[float]:
    """A DeltaX list, with its ``g N d`` runs (N times d) written out."""
    out: list[float] = []
    parts = (text or "").split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            try:
                out.extend([float(parts[i + 2])] * int(parts[i + 1]))
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(parts[i]))
        except ValueError:
            pass
        i += 1
    return out


class _Package:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        infos = zf.infolist()
        if len(infos) > limits.MAX_ZIP_ENTRIES:
            raise LimitError(f"OFD package has {len(infos)} parts, more than the limit of "
                                    f"{limits.MAX_ZIP_ENTRIES}")
        self.infos = {i.filename.lstrip("/"): i for i in infos}
        self.names = {n: i.filename for n, i in self.infos.items()}

    def xml(self, name: str):
        key = name.lstrip("/")
        if key not in self.names:
            # some writers spell a part's folder in another case than the package does
            key = next((k for k in self.names if k.lower() == key.lower()), key)
        if key not in self.names:
            raise OfdError(f"part {name} is missing")
        if self.infos[key].file_size > limits.MAX_DOCX_XML_BYTES:
            raise LimitError(f"OFD part {name} unpacks to {self.infos[key].file_size // (1024 * 1024)} MB, "
                                    f"more than the limit of {limits.MAX_DOCX_XML_BYTES // (1024 * 1024)} MB")
        try:
            return ET.fromstring(self.zf.read(self.names[key]))
        except ET.ParseError as exc:
            raise OfdError(f"part {name} is not readable XML ({str(exc)[:60]})") from None


def _resolve(base_dir: str, loc: str) -> str:
    loc = (loc or "").strip().replace("\\", "/")
    return posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc))


def page_texts(data_path) -> list[str]:
    """The text of every page of the package's first document, in page order."""
    try:
        zf = zipfile.ZipFile(data_path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise OfdError(f"not an OFD package ({type(exc).__name__})") from None
    with zf:
        pkg = _Package(zf)
        root = pkg.xml("OFD.xml")
        body = _child(root, "DocBody")
        doc_root = _child(body, "DocRoot") if body is not None else None
        if doc_root is None or not (doc_root.text or "").strip():
            raise OfdError("OFD.xml names no document")
        doc_name = _resolve("", doc_root.text)
        doc_dir = posixpath.dirname(doc_name)
        document = pkg.xml(doc_name)
        common = _child(document, "CommonData")
        templates = {}
        for t in (common if common is not None else []):
            if _local(t.tag) == "TemplatePage" and t.get("BaseLoc"):
                templates[t.get("ID")] = _resolve(doc_dir, t.get("BaseLoc"))
        pages_el = _child(document, "Pages")
        out = []
        for page in (pages_el if pages_el is not None else []):
            if _local(page.tag) != "Page" or not page.get("BaseLoc"):
                continue
            if len(out) >= limits.MAX_PDF_PAGES:
                raise LimitError(f"more than {limits.MAX_PDF_PAGES} pages")
            content = pkg.xml(_resolve(doc_dir, page.get("BaseLoc")))
            frags = _fragments(content)
            for t in content:
                if _local(t.tag) == "Template" and t.get("TemplateID") in templates:
                    try:
                        frags += _fragments(pkg.xml(templates[t.get("TemplateID")]))
                    except OfdError:
                        pass                    # a missing template loses its furniture, not the page
            out.append("\n".join(_lines(frags)))
        if not out:
            raise OfdError("the document has no pages")
        return out


def _fragments(page) -> list[tuple[float, float, float, float, str]]:
    """(baseline y, left x, right x, font size, text) of every text code on the page."""
    out = []
    for obj in page.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _numbers(obj.get("Boundary"))
        bx, by = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        size = (_numbers(obj.get("Size")) or [3.5])[0] or 3.5
        x = y = 0.0
        for code in obj:
            if _local(code.tag) != "TextCode":
                continue
            text = code.text or ""
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            if not text.strip():
                continue
            dx = _deltas(code.get("DeltaX"))
            width = sum(dx[:len(text) - 1]) + size if dx else size * len(text)
            out.append((by + y, bx + x, bx + x + width, size, text))
    return out


def _lines(frags) -> list[str]:
    """The fragments set on lines by baseline, each line's pieces left to right (module doc)."""
    rows: list[list] = []
    for f in sorted(frags, key=lambda f: (f[0], f[1])):
        if rows and abs(f[0] - rows[-1][0][0]) <= 0.4 * max(f[3], rows[-1][0][3]):
            rows[-1].append(f)
        else:
            rows.append([f])
    if not rows:
        return []
    lefts = [min(p[1] for p in r) for r in rows]
    edge = min(lefts)
    out = []
    for row, left in zip(rows, lefts):
        row.sort(key=lambda f: f[1])
        size = row[0][3]
        text, end = "", None
        for _, x0, x1, s, t in row:
            if end is not None and x0 - end > 1.5 * s:
                text += " "
            text += t
            end = x1
        indent = round((left - edge) / size) if size else 0
        out.append(("\u3000" * indent if 1 <= indent <= INDENT_MAX else "") + text)
    return out
