"""Write a small Word 97-2003 .doc file (or RTF, ``rtf_bytes``), to check the .doc and RTF readers
(corpus/worddoc.py, corpus/rtf.py) against plans of known text: ``eval.parse_report``'s "doc" and
"rtf" formats and the tests use it.

Nothing on this machine writes .doc (no Word, no LibreOffice), so this module builds the two
layers the reader reads, after their public specifications ([MS-CFB], [MS-DOC]): an OLE
compound file holding a ``WordDocument`` stream (File Information Block, the text, paragraph
property pages) and a ``1Table`` stream (piece table, bin table of the property pages). It writes
only what a reader needs: a style sheet of Normal and heading 1-9, no fonts or section properties.

``blocks``: ``("p", text)`` a paragraph (its text may hold a field, ``\\x13code\\x14result\\x15``),
``("h", level, text)`` a paragraph in style heading 1-9 (标题 1-9), ``("li", level, text)`` a
paragraph of the document's one multi-level list at level 0-8 (Word draws 一、 / （一） / 1. /
1.1 …: ``LIST_LEVELS``), ``("row", [cell, …])`` a table row (a cell's paragraphs separated by
``\\n``), ``("page",)`` a page break before the next paragraph, ``("note", text)`` a footnote cited
at the end of the paragraph before it, ``("endnote", text)`` likewise an endnote. In the text of a
paragraph, ``DELETED[0]…DELETED[1]`` marks text a tracked change deleted and ``HIDDEN[0]…HIDDEN[1]``
hidden text (the marks are not written; the spans get character properties; a span over a whole
paragraph takes its paragraph mark too, as Word's deletion of a paragraph does). With
``compress``, a block whose text Windows-1252 can hold is stored one byte per character, as Word
does for such runs.
"""
from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_TEXT_AT = 0x400                    # the text starts after the File Information Block
_RUNS_PER_PAGE = 18                 # paragraph runs in one property page (FKP)
# the list's levels: (MSONFC number format, number text with the level counts as characters 0-8)
LIST_LEVELS = [(0x25, "\x00、"), (0x25, "（\x01）"), (0x00, "\x02."), (0x12, "\x03")] + \
    [(0x00, "".join(f"{chr(k)}." for k in range(level + 1))) for level in range(4, 9)]
_NOTE_STORIES = ((2, 3, 0x50), (46, 47, 0x60))      # fcPlcf…Ref, fcPlcf…Txt, FIB offset of ccp…: foot, end
DELETED = ("\ue0d0", "\ue0d1")        # around text a tracked change deleted (sprmCFRMarkDel)
HIDDEN = ("\ue0d2", "\ue0d3")         # around hidden text (sprmCFVanish)
_CHAR_SPRMS = {1: 0x0800, 2: 0x083C}    # a marked span's kind -> the toggle set on its run
_CHAR_RUNS_PER_PAGE = 60
_IN_TABLE = struct.pack("<HB", 0x2416, 1)
_TTP = struct.pack("<HB", 0x2417, 1)


def _pieces(blocks, compress: bool) -> list[tuple[str, list[tuple[int, int]], bool, list]]:
    """(characters, paragraph runs as (end offset in the piece, kind), one byte a character?,
    marked spans as (start, end, kind)) per block; a paragraph run's kind 0 body, 1 in a table
    cell, 2 a row's end mark; a span's 1 deleted, 2 hidden."""
    out = []
    pending_break = ""
    for b in blocks:
        if b[0] == "page":
            pending_break += "\x0c"
            continue
        if b[0] in ("note", "endnote"):         # the reference mark goes before the paragraph mark
            text, runs, marked = out[-1]
            out[-1] = (text[:-1] + "\x02\r", [(end + 1, kind) for end, kind in runs], marked)
            continue
        if b[0] in ("p", "h", "li"):
            body, marked = _marked_spans(b[-1], len(pending_break))
            if marked and marked[0][:2] == (len(pending_break), len(pending_break) + len(body)):
                marked = [(marked[0][0], marked[0][1] + 1, marked[0][2])]   # the whole paragraph: its mark too
            text = pending_break + body + "\r"
            out.append((text, [(len(text), {"p": 0, "h": 10, "li": 20}[b[0]] + (b[1] if b[0] != "p" else 0))],
                        marked))
        else:
            text, runs = pending_break, []
            for cell in b[1]:
                parts = cell.split("\n")
                for k, part in enumerate(parts):
                    text += part + ("\x07" if k == len(parts) - 1 else "\r")
                    runs.append((len(text), 1))
            text += "\x07"
            runs.append((len(text), 2))
            out.append((text, runs, []))
        pending_break = ""
    if pending_break:
        out.append((pending_break + "\r", [(len(pending_break) + 1, 0)], []))
    return [(t, r, compress and _fits_cp1252(t), m) for t, r, m in out]


def _marked_spans(text: str, offset: int) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` without its DELETED / HIDDEN marks, and the spans they marked as (start, end, kind)
    counted from ``offset``; kind 1 deleted, 2 hidden."""
    out, spans, open_at = [], [], None
    for ch in text:
        if ch in (DELETED[0], HIDDEN[0]):
            open_at = (offset + len(out), 1 if ch == DELETED[0] else 2)
        elif ch in (DELETED[1], HIDDEN[1]) and open_at is not None:
            spans.append((open_at[0], offset + len(out), open_at[1]))
            open_at = None
        else:
            out.append(ch)
    return "".join(out), spans


def _fits_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _fkp(runs: list[tuple[int, int, int]]) -> bytes:
    """One paragraph property page: run boundaries (stream offsets), then per run the offset of
    its properties (0: none, an ordinary paragraph)."""
    page = bytearray(SECTOR)
    crun = len(runs)
    for i, (start, _, _) in enumerate(runs):
        struct.pack_into("<I", page, 4 * i, start)
    struct.pack_into("<I", page, 4 * crun, runs[-1][1])
    # grpprlInPapx (istd 0, then the sprms) as PapxInFkp, from the end of the page backwards
    table = b"\x00\x00" + _IN_TABLE                                 # 5 bytes: cb = 3
    row_end = b"\x00\x00" + _IN_TABLE + _TTP                        # 8 bytes: cb = 0, cb' = 4
    at_table, at_row = 480, 496
    page[at_table:at_table + 6] = bytes([3]) + table
    page[at_row:at_row + 10] = bytes([0, 4]) + row_end
    offsets = {0: 0, 1: at_table // 2, 2: at_row // 2}
    for level in range(9):                          # a list paragraph: sprmPIlvl level, sprmPIlfo 1
        at = 320 + 10 * level                       # after the runs of a full page (18: 310 bytes)
        page[at:at + 10] = bytes([5, 0, 0]) + struct.pack("<HBHH", 0x260A, level, 0x460B, 1)
        offsets[20 + level] = at // 2
    for level in range(1, 10):                      # a paragraph in style "heading N" (istd N): no sprms
        at = 440 + 4 * (level - 1)
        page[at:at + 4] = bytes([0, 1]) + struct.pack("<H", level)
        offsets[10 + level] = at // 2
    for i, (_, _, kind) in enumerate(runs):
        page[4 * (crun + 1) + 13 * i] = offsets[kind]
    page[511] = crun
    return bytes(page)


def _char_runs(marked, first: int, end: int) -> list[tuple[int, int, int]]:
    """Character runs (first fc, end fc, kind) covering ``first``..``end``: the marked spans, and
    kind 0 (no properties) between them."""
    out, at = [], first
    for a, b, kind in sorted(marked):
        if a > at:
            out.append((at, a, 0))
        out.append((a, b, kind))
        at = b
    if at < end:
        out.append((at, end, 0))
    return out


def _chpx_fkp(runs: list[tuple[int, int, int]]) -> bytes:
    """One character property page: run boundaries, then per run the offset (in words) of its
    Chpx — one toggle sprm set on (``_CHAR_SPRMS``), or none."""
    page = bytearray(SECTOR)
    crun = len(runs)
    for i, (start, _, _) in enumerate(runs):
        struct.pack_into("<I", page, 4 * i, start)
    struct.pack_into("<I", page, 4 * crun, runs[-1][1])
    offsets = {0: 0}
    for kind, sprm in _CHAR_SPRMS.items():
        at = 500 + 4 * (kind - 1)
        page[at:at + 4] = bytes([3]) + struct.pack("<HB", sprm, 1)
        offsets[kind] = at // 2
    for i, (_, _, kind) in enumerate(runs):
        page[4 * (crun + 1) + i] = offsets[kind]
    page[511] = crun
    return bytes(page)


def _style_sheet() -> bytes:
    """A style sheet of Normal (istd 0) and heading 1-9 (istd 1-9, built-in style identifiers 1-9),
    shown by their Chinese names as a Chinese Word shows them."""
    stshi = struct.pack("<HH", 10, 10) + bytes(14)              # cstd, cbSTDBaseInFile, rest of Stshif
    out = bytearray(struct.pack("<H", len(stshi)) + stshi)
    for sti, name in [(0, "正文")] + [(n, f"标题 {n}") for n in range(1, 10)]:
        raw = name.encode("utf-16-le")
        std = struct.pack("<H", sti) + bytes(8) + struct.pack("<H", len(name)) + raw + b"\x00\x00"
        std += bytes(len(std) % 2)
        out += struct.pack("<H", len(std)) + std
    return bytes(out)


def _notes(blocks, pieces) -> list[tuple[list[int], str]]:
    """(character positions citing each note, the note story's text) for footnotes and endnotes:
    each note's text opens with its reference mark and ends with a paragraph mark."""
    stories: dict[str, tuple[list[int], str]] = {"note": ([], ""), "endnote": ([], "")}
    cp = 0
    k = 0
    for b in blocks:
        if b[0] == "page":
            continue
        if b[0] in stories:
            cps, text = stories[b[0]]
            stories[b[0]] = (cps + [cp - 2], text + "\x02" + b[1] + "\r")  # the mark before the previous "\r"
            continue
        cp += len(pieces[k][0])
        k += 1
    return [stories["note"], stories["endnote"]]


def _lists() -> tuple[bytes, bytes, bytes]:
    """The PlfLst (one list of nine levels, LIST_LEVELS), its LVLs (stored right after it), and
    the PlfLfo (one instance of it, the ilfo 1 list paragraphs cite)."""
    lst = struct.pack("<hII", 1, 1, 0) + struct.pack("<9H", *[0x0FFF] * 9) + bytes([0, 0])
    levels = b""
    for nfc, text in LIST_LEVELS:
        places = [i + 1 for i, c in enumerate(text) if ord(c) < 9] + [0] * 9
        lvlf = struct.pack("<iBB", 1, nfc, 0) + bytes(places[:9]) + bytes([2]) + bytes(8) + bytes(4)
        levels += lvlf + struct.pack("<H", len(text)) + text.encode("utf-16-le")
    lfo = struct.pack("<I", 1) + struct.pack("<III", 1, 0, 0) + bytes(4) + struct.pack("<I", 0)
    return lst, levels, lfo


def doc_bytes(blocks, compress: bool = False) -> bytes:
    pieces = _pieces(blocks, compress)
    notes = _notes(blocks, pieces)
    ccp_text = sum(len(p[0]) for p in pieces)
    stories = [text for _, text in notes]
    if any(stories):                    # the note stories, then the paragraph mark that ends them all
        pieces += [(text, [(len(text), 0)], False, []) for text in stories if text] + [("\r", [(1, 0)], False, [])]
    stream = bytearray(_TEXT_AT)
    cps, pcds, runs, marked = [0], [], [], []
    for text, text_runs, narrow, spans in pieces:
        at = len(stream)
        width = 1 if narrow else 2
        stream += text.encode("cp1252") if narrow else text.encode("utf-16-le")
        cps.append(cps[-1] + len(text))
        pcds.append(struct.pack("<HIH", 0, (2 * at) | 0x40000000 if narrow else at, 0))
        start = 0
        for end, kind in text_runs:
            runs.append((at + width * start, at + width * end, kind))
            start = end
        marked += [(at + width * a, at + width * b, kind) for a, b, kind in spans]
    stream += bytes(-len(stream) % SECTOR)
    pages = []
    for k in range(0, len(runs), _RUNS_PER_PAGE):
        chunk = runs[k:k + _RUNS_PER_PAGE]
        pages.append((len(stream) // SECTOR, chunk[0][0]))
        stream += _fkp(chunk)
    plc_pcd = struct.pack(f"<{len(cps)}I", *cps) + b"".join(pcds)
    table = bytearray(b"\x02" + struct.pack("<I", len(plc_pcd)) + plc_pcd)
    bte_at = len(table)
    table += struct.pack(f"<{len(pages) + 1}I", *[fc for _, fc in pages], runs[-1][1])
    table += struct.pack(f"<{len(pages)}I", *[pn for pn, _ in pages])
    bte_len = len(table) - bte_at
    chpx_at = chpx_len = 0
    if marked:                          # character property pages: the marked spans and the runs between
        chars = _char_runs(marked, runs[0][0], runs[-1][1])
        char_pages = []
        for k in range(0, len(chars), _CHAR_RUNS_PER_PAGE):
            chunk = chars[k:k + _CHAR_RUNS_PER_PAGE]
            char_pages.append((len(stream) // SECTOR, chunk[0][0]))
            stream += _chpx_fkp(chunk)
        chpx_at = len(table)
        table += struct.pack(f"<{len(char_pages) + 1}I", *[fc for _, fc in char_pages], chars[-1][1])
        table += struct.pack(f"<{len(char_pages)}I", *[pn for pn, _ in char_pages])
        chpx_len = len(table) - chpx_at
    stsh_at = len(table)
    table += _style_sheet()
    stsh_len = len(table) - stsh_at
    # the File Information Block
    struct.pack_into("<HH", stream, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", stream, 0x0A, 0x0200)                   # fWhichTblStm: the 1Table stream
    struct.pack_into("<H", stream, 0x20, 14)                       # csw
    struct.pack_into("<H", stream, 0x3E, 22)                       # cslw
    struct.pack_into("<I", stream, 0x40, len(stream))              # cbMac
    struct.pack_into("<I", stream, 0x4C, ccp_text)                 # ccpText
    struct.pack_into("<H", stream, 0x98, 93)                       # cbRgFcLcb
    struct.pack_into("<II", stream, 0x9A + 8 * 1, stsh_at, stsh_len)       # fcStshf
    struct.pack_into("<II", stream, 0x9A + 8 * 12, chpx_at, chpx_len)      # fcPlcfBteChpx
    struct.pack_into("<II", stream, 0x9A + 8 * 13, bte_at, bte_len)        # fcPlcfBtePapx
    struct.pack_into("<II", stream, 0x9A + 8 * 33, 0, bte_at)              # fcClx
    for (ref_index, txt_index, ccp_at), (refs, text) in zip(_NOTE_STORIES, notes):
        if not refs:
            continue
        struct.pack_into("<I", stream, ccp_at, len(text))                  # ccpFtn / ccpEdn
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\r"]     # each note's first character
        ref_at = len(table)
        table += struct.pack(f"<{len(refs) + 1}I", *refs, ccp_text) + struct.pack(f"<{len(refs)}h", *[1] * len(refs))
        txt_at = len(table)
        table += struct.pack(f"<{len(starts) + 1}I", *starts, len(text) + 1)
        struct.pack_into("<II", stream, 0x9A + 8 * ref_index, ref_at, txt_at - ref_at)
        struct.pack_into("<II", stream, 0x9A + 8 * txt_index, txt_at, len(table) - txt_at)
    if any(b[0] == "li" for b in blocks):
        lst, levels, lfo = _lists()
        lst_at = len(table)
        table += lst + levels
        lfo_at = len(table)
        table += lfo
        struct.pack_into("<II", stream, 0x9A + 8 * 73, lst_at, len(lst))       # fcPlfLst (its LVLs follow)
        struct.pack_into("<II", stream, 0x9A + 8 * 74, lfo_at, len(lfo))       # fcPlfLfo
    return compound({"WordDocument": bytes(stream), "1Table": bytes(table)})


def compound(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams`` at its root; each
    stream is padded to 4096 bytes at least, so that none goes to the mini stream."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n] + bytes(max(0, 4096 - len(streams[n]))) for n in names]
    datas = [d + bytes(-len(d) % SECTOR) for d in datas]
    counts = [len(d) // SECTOR for d in datas]
    n_fat = 1
    while 128 * n_fat < n_fat + 1 + sum(counts):
        n_fat += 1
    if n_fat > 109:
        raise ValueError("too large for this writer")
    fat = [_FATSECT] * n_fat + [_END]                                 # the FAT sectors, the directory
    starts = []
    for c in counts:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(c - 1)] + [_END]
    fat += [_FREE] * (128 * n_fat - len(fat))
    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, n_fat, n_fat, 0, 4096, _END, 0, _END, 0)
    difat = list(range(n_fat)) + [_FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)
    # directory: the root, then the streams as a chain of right siblings (names ascending)
    entries = [_entry("Root Entry", 5, _NOSTREAM, 1 if names else _NOSTREAM, _END, 0)]
    for i, (name, data, start) in enumerate(zip(names, datas, starts)):
        right = i + 2 if i + 1 < len(names) else _NOSTREAM
        entries.append(_entry(name, 2, right, _NOSTREAM, start, len(streams[name]) if len(streams[name]) >= 4096
                              else len(data)))
    while len(entries) % 4:
        entries.append(_entry("", 0, _NOSTREAM, _NOSTREAM, 0, 0))
    if len(entries) > 4:
        raise ValueError("too many streams for this writer")
    return (bytes(header) + struct.pack(f"<{128 * n_fat}I", *fat) + b"".join(entries) + b"".join(datas))


def _entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
    e = bytearray(128)
    raw = name.encode("utf-16-le")
    e[0:len(raw)] = raw
    struct.pack_into("<H", e, 64, len(raw) + 2 if name else 0)
    e[66], e[67] = kind, 1
    struct.pack_into("<III", e, 68, _NOSTREAM, right, child)
    struct.pack_into("<IQ", e, 116, start, size)
    return bytes(e)


def write_doc(path: Path | str, blocks, compress: bool = False) -> None:
    Path(path).write_bytes(doc_bytes(blocks, compress))


def rtf_bytes(blocks) -> bytes:
    """The same ``blocks`` as an RTF document, as Word writes one for a Chinese system: code page
    936, a Chinese character as its two GBK bytes (``\\'hh\\'hh``), one GBK lacks as ``\\uN?``; a
    font table, document info and a footer with a page-number field that the reader must skip."""
    def esc(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ch == "\x0c":
                out.append("\\page ")
            elif ord(ch) < 128:
                out.append(ch)
            else:
                try:
                    out.append("".join(f"\\'{b:02x}" for b in ch.encode("gbk")))
                except UnicodeEncodeError:
                    n = ord(ch)
                    out.append("".join(f"\\u{(c if c < 32768 else c - 65536)}?" for c in (
                        [n] if n < 65536 else [0xD800 + ((n - 0x10000) >> 10), 0xDC00 + ((n - 0x10000) & 0x3FF)])))
        return "".join(out)

    parts = ["{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 " + esc("宋体") + ";}}",
             "{\\info{\\title " + esc("规划") + "}{\\author planqa}}",
             "{\\*\\generator planqa eval;}\\viewkind4\\uc1 ",
             "{\\footer\\pard\\qc {\\field{\\*\\fldinst PAGE}{\\fldrslt 1}}\\par}"]
    for b in blocks:
        if b[0] == "page":
            parts.append("\\page ")
        elif b[0] == "p":
            parts.append("\\pard\\f0 " + esc(b[1]) + "\\par\n")
        else:
            parts.append("\\trowd" + "".join(f"\\cellx{2000 * (i + 1)}" for i in range(len(b[1]))))
            parts.append("\\pard\\intbl " + "".join(esc(c).replace("\n", "\\par ") + "\\cell " for c in b[1])
                         + "\\row\n")
    parts.append("}")
    return "".join(parts).encode("ascii")


def write_rtf(path: Path | str, blocks) -> None:
    Path(path).write_bytes(rtf_bytes(blocks))
