"""The text of a Word 97-2003 binary document (.doc, and .wps files WPS Office saves in that format).

Government sites still publish many plans and their 附件 as .doc. The file is an OLE compound
file (read with ``olefile``); its ``WordDocument`` stream starts with the File Information Block,
which says where the piece table lies in the ``0Table``/``1Table`` stream. The piece table maps
the document's character positions to byte runs of the WordDocument stream, each run either
UTF-16 (Chinese text always is) or one byte per character (Windows-1252). The main text is read,
and the footnotes and endnotes that follow it in the same positions (each footnote after the
paragraph that cites it, endnotes at the end, as a .docx is read); headers and comments are left
out, and so are text a tracked change deleted and hidden text, which Word does not print. Word's
automatic list numbering (the list and list-override tables, and each paragraph's list and
level) is drawn into the text as the page prints it (一、 （一） 1.1), counted as
``corpus.wordnum`` counts a .docx's.

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

from corpus.wordnum import ListInstance, ListLevel, Numbering

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
_LST_INDEX, _LFO_INDEX = 73, 74                   # fcPlfLst, fcPlfLfo: the list and list-override tables
_NOTES = ((2, 3), (46, 47))                       # fcPlcffndRef/Txt, fcPlcfendRef/Txt: footnotes, endnotes
_CHPX_INDEX = 12                                  # fcPlcfBteChpx/lcbPlcfBteChpx: character properties
# sprmCFRMarkDel, sprmCFVanish: text a tracked change deleted, hidden text (neither is printed)
_UNPRINTED = (0x0800, 0x083C)
_ILVL, _ILFO = 0x260A, 0x460B                     # sprmPIlvl, sprmPIlfo: a paragraph's list level and list
FOOTNOTE, ENDNOTE = 0xE100, 0xE900                # + n: where note n is cited, in the text blocks() reads
_MAX_NOTES = 0x800
# MSONFC number formats, as the names corpus.wordnum formats (others are decimal)
_NFC = {0x01: "upperRoman", 0x02: "lowerRoman", 0x03: "upperLetter", 0x04: "lowerLetter",
        0x0A: "ideographDigital", 0x0B: "japaneseCounting", 0x0E: "decimalFullWidth", 0x12: "decimalEnclosedCircle",
        0x13: "decimalFullWidth2", 0x16: "decimalZero", 0x17: "bullet", 0x1A: "decimalEnclosedFullstop",
        0x1B: "decimalEnclosedParen", 0x1C: "decimalEnclosedCircleChinese", 0x1E: "ideographTraditional",
        0x1F: "ideographZodiac", 0x21: "taiwaneseCounting", 0x22: "ideographLegalTraditional",
        0x23: "taiwaneseCountingThousand", 0x25: "chineseCounting", 0x26: "chineseLegalSimplified",
        0x27: "chineseCountingThousand", 0xFF: "none"}
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


def main_text(data: bytes) -> tuple[str, list[str], list[str]]:
    """The main document's characters, control characters and all (see the module doc), with the
    labels of numbered paragraphs drawn in and chr(FOOTNOTE + n) / chr(ENDNOTE + n) where note n is
    cited; and the texts of the footnotes and of the endnotes."""
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
        # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn: the lengths of the document's stories, in order
        ccp = [_u32(wd, lw + 2 + 4 * k) for k in range(3, 9)]
        fc_lcb = lw + 2 + 4 * cslw                  # cbRgFcLcb, then FibRgFcLcb97
        if _u16(wd, fc_lcb) <= _CLX_INDEX:
            raise WordDocError("not a Word 97-2003 document (no piece table)")

        def part(index: int) -> bytes:
            if _u16(wd, fc_lcb) <= index:
                return b""
            at = fc_lcb + 2 + 8 * index
            return table[_u32(wd, at):_u32(wd, at) + _u32(wd, at + 4)]

        everything, pieces = _pieces_text(wd, part(_CLX_INDEX), sum(ccp))
        text = everything[:ccp[0]]
        levels = heading_styles(part(_STSH_INDEX))
        linked = style_lists(part(_STSH_INDEX))
        at = fc_lcb + 2 + 8 * _LST_INDEX
        numbering = _lists(table, _u32(wd, at), _u32(wd, at + 4), part(_LFO_INDEX)) \
            if _u16(wd, fc_lcb) > _LFO_INDEX else None
        marks, props = _paragraph_marks(wd, part(_PAPX_INDEX), text, pieces, levels, numbering is not None)
        unprinted = _unprinted(wd, part(_CHPX_INDEX), text, pieces)
        starts = (ccp[0], sum(ccp[:5]))             # where the footnote and endnote stories begin
        notes = [_notes(part(ref), part(txt), everything, start, length)
                 for (ref, txt), start, length in zip(_NOTES, starts, (ccp[1], ccp[5]))]
    except (struct.error, IndexError):
        raise WordDocError("truncated or damaged document") from None
    before = _labels(text, props, numbering, linked, unprinted) if numbering is not None else {}
    cited: dict[int, str] = {}
    for base, (refs, _) in zip((FOOTNOTE, ENDNOTE), notes):
        for n, cp in enumerate(refs[:_MAX_NOTES]):
            if 0 <= cp < len(text):
                cited[cp] = cited.get(cp, "") + chr(base + n)
    if marks or before or cited or unprinted:
        chars = list(text)
        for i in unprinted:                 # a paragraph or cell keeps its end: what it held goes
            if text[i] not in "\r\x07":
                chars[i] = ""
        for i, c in marks.items():
            chars[i] = c
        for i, mark in cited.items():       # the reference mark (\x02 for an automatic number) gives way
            chars[i] = mark if chars[i] == "\x02" else chars[i] + mark
        for i, label in before.items():
            chars[i] = label + chars[i]
        text = "".join(chars)
    return text, notes[0][1], notes[1][1]


def _notes(refs: bytes, texts: bytes, everything: str, start: int, length: int) -> tuple[list[int], list[str]]:
    """(the character positions citing each note, each note's text) from a PlcfFndRef/PlcfEndRef
    (positions, then 2 bytes a note) and a PlcfFndTxt/PlcfEndTxt (where each note's text starts in
    its story, which begins at ``start`` and runs ``length`` characters)."""
    n = min((len(refs) - 4) // 6 if len(refs) >= 10 else 0, _MAX_NOTES)
    if not n or len(texts) < 8:
        return [], []
    cps = list(struct.unpack_from(f"<{n}I", refs, 0))
    bounds = struct.unpack_from(f"<{len(texts) // 4}I", texts, 0)
    story = everything[start:start + length]
    return cps, [story[bounds[k]:bounds[k + 1]] if k + 1 < len(bounds) else "" for k in range(n)]


def _lists(table: bytes, fc_lst: int, lcb_lst: int, lfo: bytes):
    """The document's lists (a corpus.wordnum.Numbering keyed by list id, list-override index and
    style index) from the PlfLst — list definitions, their levels (LVL) right after it — and the
    PlfLfo, the list instances paragraphs cite; None when it has none."""
    if lcb_lst < 2 or len(lfo) < 4:
        return None
    try:
        return _read_lists(table, fc_lst, lcb_lst, lfo)
    except (struct.error, IndexError):      # a damaged list table: the text is read without labels
        return None


def _read_lists(table: bytes, fc_lst: int, lcb_lst: int, lfo: bytes):
    out = Numbering()
    count = struct.unpack_from("<h", table, fc_lst)[0]
    pos, lstfs = fc_lst + 2, []
    for _ in range(max(count, 0)):
        lsid, flags = _u32(table, pos), table[pos + 26]
        lstfs.append((str(lsid), 1 if flags & 1 else 9, [_u16(table, pos + 8 + 2 * k) for k in range(9)]))
        pos += 28
    pos = fc_lst + lcb_lst                          # the LVLs follow the table
    for lsid, n, _ in lstfs:
        levels = {}
        for k in range(n):
            levels[k], pos = _level(table, pos)
        out.abstract[lsid] = levels
    lfo_count = _u32(lfo, 0)
    heads = [(str(_u32(lfo, 4 + 16 * i)), lfo[4 + 16 * i + 12]) for i in range(min(lfo_count, len(lfo) // 16))]
    pos = 4 + 16 * len(heads)
    for i, (lsid, overrides) in enumerate(heads, start=1):
        inst = ListInstance(lsid)
        pos += 4                                    # LFOData.cp
        for _ in range(overrides):
            start, bits = struct.unpack_from("<iI", lfo, pos)
            pos += 8
            ilvl = bits & 0x0F
            if bits & 0x10:                         # fStartAt
                inst.restarts[ilvl] = start
            if bits & 0x20:                         # fFormatting: the level redefined
                inst.levels[ilvl], pos = _level(lfo, pos)
        out.instances[str(i)] = inst
    first = {}
    for key, inst in out.instances.items():
        first.setdefault(inst.abstract, key)
    for lsid, _, styles in lstfs:               # styles linked to a level (heading 1 -> 一、)
        for k, istd in enumerate(styles):
            if istd != 0x0FFF and lsid in first:
                out.style_num[str(istd)] = (first[lsid], k)
    return out if out.instances else None


def _level(b: bytes, pos: int) -> tuple[ListLevel, int]:
    """One LVL at ``pos``: (a corpus.wordnum level, the position after it). Its number text's
    characters 0-8 stand for the counts of levels 1-9 (%1-%9 in a .docx)."""
    start, nfc, flags = struct.unpack_from("<iBB", b, pos)
    follow = b[pos + 15]
    cb_chpx, cb_papx, restart_lim = b[pos + 24], b[pos + 25], b[pos + 26]
    pos += 28 + cb_papx + cb_chpx
    cch = _u16(b, pos)
    xst = b[pos + 2:pos + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    pos += 2 + 2 * cch
    level = ListLevel()
    level.start = start
    level.fmt = _NFC.get(nfc, "decimal")
    level.text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in xst)
    level.suffix = {0: "tab", 1: "space"}.get(follow, "nothing")
    level.legal = bool(flags & 0x04)
    level.restart = restart_lim if flags & 0x08 else None
    return level, pos


def _labels(text: str, props, numbering, linked: dict[int, tuple], unprinted=frozenset()) -> dict[int, str]:
    """Position -> the label to draw there: the first printed character of each numbered
    paragraph (after any page break and spaces it opens with). ``props``: (paragraph mark position, ilfo,
    ilvl, style index) in order, None where the paragraph leaves them to its style (``linked``:
    style_lists). An empty numbered paragraph counts but shows nothing; one Word does not print,
    mark and all (``unprinted``: a tracked change deleted it), is not counted."""
    out, start = {}, 0
    for mark, ilfo, ilvl, istd in props:
        if mark in unprinted and all(i in unprinted or text[i].isspace() for i in range(start, mark)):
            start = mark + 1
            continue
        own_lfo, own_lvl = linked.get(istd, (None, None))
        ilfo = own_lfo if ilfo is None else ilfo
        ilvl = own_lvl if ilvl is None else ilvl
        listed = ilfo is not None and 0 < ilfo < 0x07FF     # 0: none; 2047 and up: no list
        if listed or (ilfo is None and str(istd) in numbering.style_num):
            label = numbering.count(str(ilfo) if listed else None, ilvl, str(istd))
            at = start          # past breaks, spaces and the end of a field the previous paragraph opened
            while at < mark and (text[at] in "\x0c\x0b\x01\x08\x15" or text[at].isspace()):
                at += 1
            if label and text[at:mark].strip(" \x0c\x0b\x01\x08\t\x13\x14\x15"):
                out[at] = label
        start = mark + 1
    return out


def _styles(stsh: bytes):
    """(style index, its STD bytes, cbSTDBaseInFile) of every style of the style sheet (STSH)."""
    if len(stsh) < 6:
        return
    cb_stshi = _u16(stsh, 0)
    cstd, cb_base = _u16(stsh, 2), _u16(stsh, 4)
    pos = 2 + cb_stshi
    for istd in range(cstd):
        if pos + 2 > len(stsh):
            break
        cb = _u16(stsh, pos)
        std = stsh[pos + 2:pos + 2 + cb]
        pos += 2 + cb
        if len(std) >= max(cb_base, 2) + 2:
            yield istd, std, cb_base


def heading_styles(stsh: bytes) -> dict[int, int]:
    """Style index -> heading level (1 = top) of the style sheet's heading styles: Word's built-in
    heading 1-9 (style identifiers 1-9, whatever the name is shown as) and styles named heading N
    or 标题 N. A heading numbered by Word's automatic list numbering may carry no label in its
    text: without its style it would be read as body text (as in a .docx, ``corpus.loaders``)."""
    out: dict[int, int] = {}
    for istd, std, cb_base in _styles(stsh):
        sti = _u16(std, 0) & 0x0FFF
        cch = _u16(std, cb_base)
        name = std[cb_base + 2:cb_base + 2 + 2 * cch].decode("utf-16-le", errors="replace")
        m = _HEADING_NAME.match(name.strip())
        if 1 <= sti <= 9:
            out[istd] = sti
        elif m:
            out[istd] = int(m.group(1))
    return out


def style_lists(stsh: bytes) -> dict[int, tuple]:
    """Style index -> (list-override index or None, list level or None) its paragraph properties
    give (sprmPIlfo, sprmPIlvl): a heading style linked to a multi-level list numbers its
    paragraphs without any list property of their own."""
    out: dict[int, tuple] = {}
    for istd, std, cb_base in _styles(stsh):
        if _u16(std, 2) & 0x000F != 1:                  # stk: only paragraph styles
            continue
        cch = _u16(std, cb_base)
        at = cb_base + 2 + 2 * cch + 2                  # after the name and its terminator
        at += at % 2
        if at + 4 > len(std):
            continue
        cb = _u16(std, at)
        ilfo, ilvl = _list_sprms(std, at + 4, min(at + 2 + cb, len(std)))  # after the UPX's istd
        if ilfo is not None or ilvl is not None:
            out[istd] = (ilfo, ilvl)
    return out


def _sprms(b: bytes, pos: int, end: int):
    """(sprm, operand position) of each property modifier in ``b[pos:end]``."""
    while pos + 2 <= end:
        op = _u16(b, pos)
        pos += 2
        spra = op >> 13
        if spra == 6:
            width = (_u16(b, pos) + 1) if op == 0xD608 else (b[pos] + 1 if pos < end else 1)
        else:
            width = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}[spra]
        yield op, pos
        pos += width


def _list_sprms(b: bytes, pos: int, end: int) -> tuple:
    """(sprmPIlfo, sprmPIlvl) operands among the modifiers in ``b[pos:end]``, None where absent."""
    ilfo = ilvl = None
    for op, at in _sprms(b, pos, end):
        if op == _ILVL and at < end:
            ilvl = b[at] if b[at] < 9 else 0
        elif op == _ILFO and at + 2 <= end:
            ilfo = struct.unpack_from("<h", b, at)[0]
    return ilfo, ilvl


def _paragraph_marks(wd: bytes, plc: bytes, text: str, pieces, levels: dict[int, int],
                     lists: bool = False) -> tuple[dict[int, str], list[tuple]]:
    """The marks the paragraph properties give a new meaning, by position: a cell mark whose
    paragraph ends a table row (sprmPFTtp) -> ROW_END, a paragraph end inside a cell
    (sprmPFInTable) -> CELL_BREAK, the end of a paragraph in a heading style (``levels``) ->
    chr(HEADING_END + level); read from the paragraph property pages (PapxFkp) the bin table
    ``plc`` points to. With ``lists``, also every paragraph's (mark position, list-override
    index, list level, style index), in order, for the numbering."""
    if ("\x07" not in text and not levels and not lists) or len(plc) < 8:
        return {}, []
    marks = [i for i, c in enumerate(text) if c in "\x07\r"]
    runs = []               # (first fc, end fc, properties) of every paragraph run
    for fkp, crun in _fkp_pages(wd, plc, 13):
        for r in range(crun):
            first, end = _u32(fkp, 4 * r), _u32(fkp, 4 * r + 4)
            b = fkp[4 * (crun + 1) + 13 * r]
            runs.append((first, end, _flags(fkp, 2 * b) if b else (False, False, 0, None, None)))
    runs.sort()
    starts = [r[0] for r in runs]
    piece_starts = [p[0] for p in pieces]
    out, props = {}, []
    for i in marks:
        fc = _fc_of(pieces, piece_starts, i)
        j = bisect.bisect_right(starts, fc) - 1 if fc is not None else -1
        if j < 0 or not runs[j][0] <= fc < runs[j][1]:
            if lists:
                props.append((i, None, None, 0))
            continue
        in_table, ttp, istd, ilfo, ilvl = runs[j][2]
        if text[i] == "\x07" and ttp:
            out[i] = ROW_END
        elif text[i] == "\r" and in_table:
            out[i] = CELL_BREAK
        elif text[i] == "\r" and istd in levels:
            out[i] = chr(HEADING_END + levels[istd])
        if lists and not (text[i] == "\x07" and ttp):
            props.append((i, ilfo, ilvl, istd))
    return out, props


def _fkp_pages(wd: bytes, plc: bytes, entry: int):
    """(page, run count) of each property page (FKP) the bin table ``plc`` points to, in order.
    ``entry``: the bytes each run has after the run boundaries (13 on a paragraph page, 1 on a
    character page); a page that claims more runs than it holds is damaged and skipped."""
    n = (len(plc) - 4) // 8
    for k in range(n):
        page = _u32(plc, 4 * (n + 1) + 4 * k) & 0x3FFFFF
        fkp = wd[512 * page:512 * page + 512]
        if len(fkp) == 512 and 4 * (fkp[511] + 1) + entry * fkp[511] <= 511:
            yield fkp, fkp[511]


def _unprinted(wd: bytes, plc: bytes, text: str, pieces) -> set[int]:
    """Positions in ``text`` of the characters Word does not print: text a tracked change deleted
    (sprmCFRMarkDel) and hidden text (sprmCFVanish), read from the character property pages
    (ChpxFkp) the bin table ``plc`` points to. A draft with its revisions kept showed deleted
    wording beside the wording that replaced it. A property set "opposite to the style" (0x81)
    counts as set: a style that hides its text is not read."""
    if len(plc) < 8:
        return set()
    spans = []              # (first fc, end fc) of every run not printed
    for fkp, crun in _fkp_pages(wd, plc, 1):
        for r in range(crun):
            b = fkp[4 * (crun + 1) + r]
            at = 2 * b
            if not b or at >= 511:
                continue
            end = min(at + 1 + fkp[at], 511)
            if any(op in _UNPRINTED and operand < end and fkp[operand] in (1, 0x81)
                   for op, operand in _sprms(fkp, at + 1, end)):
                spans.append((_u32(fkp, 4 * r), _u32(fkp, 4 * r + 4)))
    if not spans:
        return set()
    spans.sort()
    firsts = [a for a, _ in spans]
    piece_starts = [p[0] for p in pieces]
    out = set()
    for i in range(len(text)):
        fc = _fc_of(pieces, piece_starts, i)
        j = bisect.bisect_right(firsts, fc) - 1 if fc is not None else -1
        if j >= 0 and fc < spans[j][1]:
            out.add(i)
    return out


def _fc_of(pieces, starts: list[int], cp: int):
    """The stream offset of character ``cp`` (``pieces`` in order, ``starts`` their first characters)."""
    k = bisect.bisect_right(starts, cp) - 1
    if k < 0:
        return None
    start, end, fc, width = pieces[k]
    return fc + (cp - start) * width if cp < end else None


def _flags(fkp: bytes, at: int) -> tuple:
    """(in a table, ends a row, style index, list-override index, list level) of the PapxInFkp at
    ``at``: sprmPFInTable, sprmPFTtp/sprmPFInnerTtp, istd, sprmPIlfo and sprmPIlvl (None where the
    paragraph does not set them: its style's hold)."""
    cb = fkp[at]
    if cb == 0:
        size, pos = 2 * fkp[at + 1], at + 2
    else:
        size, pos = 2 * cb - 1, at + 1
    end = min(pos + size, 511)
    istd = _u16(fkp, pos) if pos + 2 <= end else 0  # the paragraph's style
    in_table = ttp = False
    for op, operand in _sprms(fkp, pos + 2, end):
        if operand < end and fkp[operand] == 1:
            in_table = in_table or op == _IN_TABLE
            ttp = ttp or op in _TTP
    return (in_table, ttp, istd, *_list_sprms(fkp, pos + 2, end))


def _pieces_text(wd: bytes, clx: bytes, length: int):
    """The document's first ``length`` characters (its stories in order) from the piece table, and
    the pieces as (first character, end, stream offset, bytes a character)."""
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
        start, end = cps[k], min(cps[k + 1], length)
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


def _printed(text: str) -> str:
    """Control characters read as the page shows them: fields as their results, special
    characters dropped or turned into spaces and line breaks."""
    return "".join(_SPACE.get(ord(c), c) for c in _fields(text).translate(_DROP))


def blocks(data: bytes) -> list[tuple]:
    """Paragraphs and table rows of the main text in reading order (module doc); a footnote's
    paragraphs after the paragraph or table row that cites it, endnotes at the end."""
    raw, footnotes, endnotes = main_text(data)
    text = _printed(raw)
    out: list[tuple] = []
    page = 1
    cells: list[str] = []
    segments: list[tuple[str, int]] = []      # the paragraph's pieces before each page break
    buf: list[str] = []
    cited: list[str] = []                     # notes cited in the paragraph or row being read
    ending: list[str] = []

    def notes(texts: list[str]) -> None:
        for note in texts:
            out.extend(("p", [(t, page)], 0) for t in _printed(note).split("\r") if t.strip())
        texts.clear()

    for ch in text:
        if ch == ROW_END:
            buf = []
            if cells:
                out.append(("row", cells, page))
            cells = []
            notes(cited)
        elif ch == "\x07":
            cells.append("".join(buf))
            buf = []
        elif ch == CELL_BREAK:
            buf.append("\n")
        elif ch == "\r" or HEADING_END < ord(ch) <= HEADING_END + 9:
            out.append(("p", segments + [("".join(buf), page)], 0 if ch == "\r" else ord(ch) - HEADING_END))
            segments, buf = [], []
            if not cells:
                notes(cited)
        elif ch == "\x0c":
            if not cells:
                segments.append(("".join(buf), page))
                buf = []
                page += 1
        elif FOOTNOTE <= ord(ch) < FOOTNOTE + _MAX_NOTES:
            n = ord(ch) - FOOTNOTE
            cited.extend(footnotes[n:n + 1])
        elif ENDNOTE <= ord(ch) < ENDNOTE + _MAX_NOTES:
            n = ord(ch) - ENDNOTE
            ending.extend(endnotes[n:n + 1])
        else:
            buf.append(ch)
    if cells:
        out.append(("row", cells, page))
    if buf or segments:
        out.append(("p", segments + [("".join(buf), page)], 0))
    notes(cited)
    notes(ending)
    return out
