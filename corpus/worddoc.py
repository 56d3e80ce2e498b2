"""The text of a Word 97-2003 binary document (.doc, and .wps files WPS Office saves in that format).

Government sites still publish many plans and their 附件 as .doc. The file is an OLE compound
file (read with ``olefile``); its ``WordDocument`` stream starts with the File Information Block,
which says where the piece table lies in the ``0Table``/``1Table`` stream. The piece table maps
the document's character positions to byte runs of the WordDocument stream, each run either
UTF-16 (Chinese text always is) or one byte per character (Windows-1252). Only the main text is
read: footnotes, headers and comments follow it in the same positions and are left out.

Special characters (MS-DOC 2.8.25): ``\\r`` ends a paragraph, ``\\x07`` ends a table cell (and,
alone after a row's last cell, the row), ``\\x0c`` is a page or section break, ``\\x0b`` a line
break; a field is ``\\x13 code \\x14 result \\x15`` and shows its result (a 目录 entry, a page
number); pictures, drawing anchors and note references are control characters with no text.

What is returned is a list of blocks in reading order: ``("p", [(text, page), …], level)`` for
a paragraph, in pieces when a page break falls inside it, with its heading level when its style
is a heading style (0 otherwise), and ``("row", cells, page)`` for a table row, ``page`` counting the explicit breaks from 1 (a .doc, unlike a .docx, keeps no record of
where Word's own page breaks fell).
"""
from __future__ import annotations

import bisect
import io
import re
import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # an OLE compound file (.doc, .wps, .xls, .ppt …)
_W_IDENT = 0xA5EC                                 # the WordDocument stream's first two bytes
_CLX_INDEX = 33                                   # fcClx/lcbClx: the 34th pair of FibRgFcLcb97
_PAPX_INDEX = 13                                  # fcPlcfBtePapx/lcbPlcfBtePapx: paragraph properties
_TTP = (0x2417, 0x244C)                           # sprmPFTtp, sprmPFInnerTtp: the mark ends a table row
_IN_TABLE = 0x2416                                # sprmPFInTable: the paragraph lies in a table cell
ROW_END = "\ue000"                               # a row's end mark, in the text blocks() reads
CELL_BREAK = "\ue001"                            # a paragraph end inside a table cell, likewise
HEADING_END = 0xE010                              # + level: the end of a paragraph in heading style N
_STSH_INDEX = 1                                   # fcStshf/lcbStshf: the style sheet
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_DROP = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x06\x08\x1f"), None)
_SPACE = {0x0B: "\n", 0x1E: "-", 0xA0: " ", 0x09: "\t"}


class WordDocError(ValueError):
    """The bytes are not a readable Word 97-2003 document; the message says why, in a few words."""


def is_compound(data: bytes) -> bool:
    return data[:8] == MAGIC


def _u16(b: bytes, at: int) -> int:
    return struct.unpack_from("<H", b, at)[0]


def _u32(b: bytes, at: int) -> int:
    return struct.unpack_from("<I", b, at)[0]


def main_text(data: bytes) -> str:
    """The main document's characters, control characters and all (see the module doc)."""
    import olefile
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:            # olefile raises several kinds on a damaged container
        raise WordDocError(f"damaged compound file ({type(exc).__name__})") from None
    with ole:
        if not ole.exists("WordDocument"):
            kind = ("an Excel workbook" if ole.exists("Workbook") or ole.exists("Book")
                    else "a PowerPoint file" if ole.exists("PowerPoint Document") else "not a Word document")
            raise WordDocError(kind)
        try:
            wd = ole.openstream("WordDocument").read()
            if len(wd) < 0x22 or _u16(wd, 0) != _W_IDENT:
                raise WordDocError("not a Word 97-2003 document (an older Word format?)")
            flags = _u16(wd, 0x0A)
            if flags & 0x0100:
                raise WordDocError("the document is password-protected")
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise WordDocError(f"its {table_name} stream is missing")
            table = ole.openstream(table_name).read()
        except WordDocError:
            raise
        except Exception as exc:
            raise WordDocError(f"damaged document streams ({type(exc).__name__})") from None
    try:
        csw = _u16(wd, 0x20)
        lw = 0x22 + 2 * csw                         # cslw, then FibRgLw97
        cslw = _u16(wd, lw)
        ccp_text = _u32(wd, lw + 2 + 3 * 4)         # ccpText: the main text's length in characters
        fc_lcb = lw + 2 + 4 * cslw                  # cbRgFcLcb, then FibRgFcLcb97
        if _u16(wd, fc_lcb) <= _CLX_INDEX:
            raise WordDocError("not a Word 97-2003 document (no piece table)")
        at = fc_lcb + 2 + 8 * _CLX_INDEX
        fc_clx, lcb_clx = _u32(wd, at), _u32(wd, at + 4)
        text, pieces = _pieces_text(wd, table[fc_clx:fc_clx + lcb_clx], ccp_text)
        at = fc_lcb + 2 + 8 * _STSH_INDEX
        levels = heading_styles(table[_u32(wd, at):_u32(wd, at) + _u32(wd, at + 4)])
        at = fc_lcb + 2 + 8 * _PAPX_INDEX
        marks = _paragraph_marks(wd, table[_u32(wd, at):_u32(wd, at) + _u32(wd, at + 4)], text, pieces, levels)
    except (struct.error, IndexError):
        raise WordDocError("truncated or damaged document") from None
    if marks:
        chars = list(text)
        for i, c in marks.items():
            chars[i] = c
        text = "".join(chars)
    return text


def heading_styles(stsh: bytes) -> dict[int, int]:
    """Style index -> heading level (1 = top) of the style sheet's heading styles: Word's built-in
    heading 1-9 (style identifiers 1-9, whatever the name is shown as) and styles named heading N
    or 标题 N. A heading numbered by Word's automatic list numbering has no number in its text:
    without its style it would be read as body text (as in a .docx, ``corpus.loaders``)."""
    out: dict[int, int] = {}
    if len(stsh) < 6:
        return out
    cb_stshi = _u16(stsh, 0)
    cstd, cb_base = _u16(stsh, 2), _u16(stsh, 4)
    pos = 2 + cb_stshi
    for istd in range(cstd):
        if pos + 2 > len(stsh):
            break
        cb = _u16(stsh, pos)
        std = stsh[pos + 2:pos + 2 + cb]
        pos += 2 + cb
        if len(std) < max(cb_base, 2) + 2:
            continue
        sti = _u16(std, 0) & 0x0FFF
        cch = _u16(std, cb_base)
        name = std[cb_base + 2:cb_base + 2 + 2 * cch].decode("utf-16-le", errors="replace")
        m = _HEADING_NAME.match(name.strip())
        if 1 <= sti <= 9:
            out[istd] = sti
        elif m:
            out[istd] = int(m.group(1))
    return out


def _paragraph_marks(wd: bytes, plc: bytes, text: str, pieces, levels: dict[int, int]) -> dict[int, str]:
    """The marks the paragraph properties give a new meaning, by position: a cell mark whose
    paragraph ends a table row (sprmPFTtp) -> ROW_END, a paragraph end inside a cell
    (sprmPFInTable) -> CELL_BREAK, the end of a paragraph in a heading style (``levels``) ->
    chr(HEADING_END + level); read from the paragraph property pages (PapxFkp) the bin table
    ``plc`` points to."""
    if ("\x07" not in text and not levels) or len(plc) < 8:
        return {}
    marks = [i for i, c in enumerate(text) if c in "\x07\r"]
    runs = []               # (first fc, end fc, (in a table, ends a row, style index)) of every paragraph run
    n = (len(plc) - 4) // 8
    for k in range(n):
        page = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
        fkp = wd[512 * page:512 * page + 512]
        if len(fkp) < 512:
            continue
        crun = fkp[511]
        if 4 * (crun + 1) + 13 * crun > 511:        # more runs than a page holds: a damaged page
            continue
        for r in range(crun):
            first, end = _u32(fkp, 4 * r), _u32(fkp, 4 * r + 4)
            b = fkp[4 * (crun + 1) + 13 * r]
            runs.append((first, end, _flags(fkp, 2 * b) if b else (False, False, 0)))
    runs.sort()
    starts = [r[0] for r in runs]
    piece_starts = [p[0] for p in pieces]
    out = {}
    for i in marks:
        fc = _fc_of(pieces, piece_starts, i)
        j = bisect.bisect_right(starts, fc) - 1 if fc is not None else -1
        if j < 0 or not runs[j][0] <= fc < runs[j][1]:
            continue
        in_table, ttp, istd = runs[j][2]
        if text[i] == "\x07" and ttp:
            out[i] = ROW_END
        elif text[i] == "\r" and in_table:
            out[i] = CELL_BREAK
        elif text[i] == "\r" and istd in levels:
            out[i] = chr(HEADING_END + levels[istd])
    return out


def _fc_of(pieces, starts: list[int], cp: int):
    """The stream offset of character ``cp`` (``pieces`` in order, ``starts`` their first characters)."""
    k = bisect.bisect_right(starts, cp) - 1
    if k < 0:
        return None
    start, end, fc, width = pieces[k]
    return fc + (cp - start) * width if cp < end else None


def _flags(fkp: bytes, at: int) -> tuple[bool, bool, int]:
    """(in a table, ends a row, style index) of the PapxInFkp at ``at``: sprmPFInTable,
    sprmPFTtp/sprmPFInnerTtp, istd."""
    cb = fkp[at]
    if cb == 0:
        size, pos = 2 * fkp[at + 1], at + 2
    else:
        size, pos = 2 * cb - 1, at + 1
    end = min(pos + size, 511)
    istd = _u16(fkp, pos) if pos + 2 <= end else 0  # the paragraph's style
    pos += 2
    in_table = ttp = False
    while pos + 2 <= end:
        op = _u16(fkp, pos)
        pos += 2
        spra = op >> 13
        if spra == 6:
            width = (_u16(fkp, pos) + 1) if op == 0xD608 else (fkp[pos] + 1 if pos < end else 1)
        else:
            width = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}[spra]
        if pos < end and fkp[pos] == 1:
            in_table = in_table or op == _IN_TABLE
            ttp = ttp or op in _TTP
        pos += width
    return in_table, ttp, istd


def _pieces_text(wd: bytes, clx: bytes, ccp_text: int):
    i = 0
    while i < len(clx) and clx[i] == 0x01:          # Prc: property modifiers, skipped
        i += 3 + _u16(clx, i + 1)
    if i >= len(clx) or clx[i] != 0x02:
        raise WordDocError("damaged piece table")
    lcb = _u32(clx, i + 1)
    plc = clx[i + 5:i + 5 + lcb]
    n = (lcb - 4) // 12
    if n <= 0 or len(plc) < lcb:
        raise WordDocError("damaged piece table")
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out, pieces, cp = [], [], 0
    for k in range(n):
        start, end = cps[k], min(cps[k + 1], ccp_text)
        if end <= start:
            continue
        fc = _u32(plc, 4 * (n + 1) + 8 * k + 2)
        count = end - start
        if fc & 0x40000000:                         # one byte per character
            pos, width = (fc & 0x3FFFFFFF) // 2, 1
            piece = wd[pos:pos + count].decode("cp1252", errors="replace")
        else:
            pos, width = fc, 2
            piece = wd[fc:fc + 2 * count].decode("utf-16-le", errors="replace")
        pieces.append((cp, cp + len(piece), pos, width))
        cp += len(piece)
        out.append(piece)
    return "".join(out), pieces


def _fields(text: str) -> str:
    """Each field shown as its result: the code between \\x13 and \\x14 is dropped (nested fields too)."""
    out, depth_code = [], []        # per open field: still in its code part?
    for ch in text:
        if ch == "\x13":
            depth_code.append(True)
        elif ch == "\x14":
            if depth_code:
                depth_code[-1] = False
        elif ch == "\x15":
            if depth_code:
                depth_code.pop()
        elif not any(depth_code):
            out.append(ch)
    return "".join(out)


def blocks(data: bytes) -> list[tuple]:
    """Paragraphs and table rows of the main text in reading order (module doc)."""
    text = _fields(main_text(data)).translate(_DROP)
    text = "".join(_SPACE.get(ord(c), c) for c in text)
    out: list[tuple] = []
    page = 1
    cells: list[str] = []
    segments: list[tuple[str, int]] = []      # the paragraph's pieces before each page break
    buf: list[str] = []
    for ch in text:
        if ch == ROW_END:
            buf = []
            if cells:
                out.append(("row", cells, page))
            cells = []
        elif ch == "\x07":
            cells.append("".join(buf))
            buf = []
        elif ch == CELL_BREAK:
            buf.append("\n")
        elif ch == "\r" or HEADING_END < ord(ch) <= HEADING_END + 9:
            out.append(("p", segments + [("".join(buf), page)], 0 if ch == "\r" else ord(ch) - HEADING_END))
            segments, buf = [], []
        elif ch == "\x0c":
            if not cells:
                segments.append(("".join(buf), page))
                buf = []
                page += 1
        else:
            buf.append(ch)
    if cells:
        out.append(("row", cells, page))
    if buf or segments:
        out.append(("p", segments + [("".join(buf), page)], 0))
    return out
