"""The text of an RTF document (.rtf, and the .doc files some sites serve that hold RTF).

Only what carries the document's text is read: plain characters, ``\\'hh`` bytes in the
document's code page (``\\ansicpg936``: GBK, two bytes a character), ``\\uN`` characters (their
``\\ucN`` fallback characters skipped), ``\\par``/``\\line`` paragraph ends, ``\\page`` page breaks,
``\\cell``/``\\row`` table cells and rows, and a field's result (``\\fldrslt``), not its code; a
list paragraph's label as the writer rendered it (``\\listtext``); a footnote's paragraphs after the
paragraph that cites it, endnotes (``\\ftnalt``) at the end, as the .doc reader gives them. Text
Word does not print is not read: hidden text (``\\v``) and text a tracked change deleted
(``\\deleted``), as character properties that last to the group's end or ``\\plain``.
Font, colour and style tables, document info, pictures, objects, headers and footers, and every
``{\\*\\…}`` destination are skipped. Blocks are returned as ``corpus.worddoc.blocks`` returns them.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([\r\n]+)|([^\\{}\r\n]+)", re.S)
_SKIP = {b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"headerl", b"headerr",
         b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"fldinst", b"themedata", b"listtable",
         b"listoverridetable", b"rsidtbl", b"generator", b"xmlnstbl", b"latentstyles", b"datastore",
         b"colorschememapping", b"annotation", b"shp", b"shpinst", b"nonshppict", b"filetbl",
         b"revtbl", b"pgdsctbl", b"userprops", b"template", b"mmathPr", b"ftnsep", b"ftnsepc", b"aftnsep"}
_CHARSETS = {134: "gbk", 136: "cp950", 128: "cp932", 129: "cp949", 0: "cp1252"}


class RtfError(ValueError):
    """Not a readable RTF document."""


def is_rtf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"{\\rtf"


def _codepage(data: bytes) -> str:
    m = re.search(rb"\\ansicpg(\d+)", data[:4096])
    page = f"cp{int(m.group(1))}" if m else "cp1252"
    if page == "cp936":
        return "gbk"
    if page == "cp1252" and re.search(rb"\\fcharset(134|136)", data[:65536]):
        # a document declared Western whose fonts are Chinese: its bytes are the fonts' code page
        return _CHARSETS[int(re.search(rb"\\fcharset(134|136)", data[:65536]).group(1))]
    return page


def blocks(data: bytes) -> list[tuple]:
    if not is_rtf(data):
        raise RtfError("not an RTF document")
    encoding = _codepage(data)
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    out: list[tuple] = []
    page = 1
    segments: list[tuple[str, int]] = []
    buf: list[str] = []
    cells: list[str] = []
    pending = bytearray()           # \'hh bytes not yet decoded
    stack: list[tuple[bool, int, bool]] = []
    skip, uc, to_skip = False, 1, 0
    unprinted = False               # hidden (\v) or deleted (\deleted) text: read past, not shown
    in_table = False                # the paragraph is in a table cell (\intbl, until \pard)
    group_start = False             # the token before was "{": a destination word may follow
    starred = False                 # the token before was the \* of a group's start

    def flush_bytes():
        if pending:
            buf.append(pending.decode(encoding, errors="replace"))
            pending.clear()

    # open notes: [group depth, blocks read before it, the citing paragraph's (segments, buf), endnote?]
    notes: list[list] = []
    cited: list[tuple] = []         # blocks of the notes the paragraph being read cites
    ending: list[tuple] = []        # blocks of endnotes

    def show_cited():
        """The notes cited so far follow the paragraph or row just ended (not inside a note)."""
        if not notes:
            out.extend(cited)
            cited.clear()

    def end_paragraph():
        nonlocal segments, buf
        flush_bytes()
        out.append(("p", segments + [("".join(buf), page)], 0))
        segments, buf = [], []
        show_cited()

    for m in _TOKEN.finditer(data):
        word, arg, hexbyte, symbol, brace, _newline, text = m.groups()
        if brace == b"{":
            flush_bytes()
            stack.append((skip, uc, unprinted))
            group_start = True
            continue
        if brace == b"}":
            flush_bytes()
            if stack:
                skip, uc, unprinted = stack.pop()
            group_start = False
            if notes and len(stack) < notes[-1][0]:      # a note ends: back to the paragraph citing it
                _, before, kept, endnote = notes.pop()
                if buf or segments:
                    end_paragraph()
                (ending if endnote else cited).extend(b for b in out[before:] if b[0] != "p" or b[1][-1][0].strip())
                del out[before:]
                segments, buf = kept
            continue
        starting, group_start = group_start, False
        if symbol == b"*" and starting:
            skip = True
            starred = True          # an optional destination: skipped unless it is a footnote
            continue
        if starred:
            starred = False
            if word == b"footnote" and skip:
                skip, starting = stack[-1][0] if stack else False, True
        if skip:
            continue
        if word is not None:
            if word in _SKIP:
                skip = True
                continue
            if word == b"footnote" and starting:             # read apart, shown after its paragraph
                notes.append([len(stack), len(out), (segments, buf), False])
                segments, buf = [], []
                continue
            if word == b"ftnalt" and notes:
                notes[-1][3] = True
                continue
            if word == b"uc":
                uc = int(arg or 1)
            elif word in (b"v", b"deleted"):
                flush_bytes()
                unprinted = arg != b"0"
            elif word == b"plain":
                flush_bytes()
                unprinted = False
            elif word == b"u":
                flush_bytes()
                n = int(arg or 0)
                if not unprinted:
                    buf.append(chr(n + 65536 if n < 0 else n))
                to_skip = uc
            elif word == b"intbl":
                in_table = True
            elif word == b"pard":
                in_table = False
            elif word in (b"par", b"line", b"sect"):
                if in_table:
                    flush_bytes()
                    buf.append("\n")
                else:
                    end_paragraph()
            elif word == b"page":
                flush_bytes()
                segments.append(("".join(buf), page))
                buf = []
                page += 1
            elif word == b"tab":
                flush_bytes()
                buf.append("\t")
            elif word in (b"cell", b"nestcell"):
                flush_bytes()
                cells.append("".join(buf).strip("\n"))
                buf = []
            elif word in (b"row", b"nestrow"):
                flush_bytes()
                if cells:
                    out.append(("row", cells, page))
                cells, buf = [], []
                show_cited()
            elif word in (b"emdash", b"endash", b"lquote", b"rquote", b"ldblquote", b"rdblquote", b"bullet") \
                    and not unprinted:
                flush_bytes()
                buf.append({b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’", b"ldblquote": "“",
                            b"rdblquote": "”", b"bullet": "•"}[word])
            continue
        if hexbyte is not None:
            if to_skip:
                to_skip -= 1
                continue
            if not unprinted:
                pending.append(int(hexbyte, 16))
            continue
        if symbol is not None:
            flush_bytes()
            if to_skip:
                to_skip -= 1
                continue
            if unprinted:
                continue
            if symbol in (b"\\", b"{", b"}"):
                buf.append(symbol.decode())
            elif symbol == b"~":
                buf.append(" ")
            elif symbol == b"_":
                buf.append("-")
            continue
        if text is not None:
            flush_bytes()
            chunk = text.decode(encoding, errors="replace")
            if to_skip:
                cut = min(to_skip, len(chunk))
                chunk, to_skip = chunk[cut:], to_skip - cut
            if not unprinted:
                buf.append(chunk)
    flush_bytes()
    if cells:
        out.append(("row", cells, page))
    if buf or segments:
        out.append(("p", segments + [("".join(buf), page)], 0))
    return out + cited + ending

