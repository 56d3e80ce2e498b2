"""Write a small OFD file (GB/T 33190), to check the OFD reader (corpus/ofd.py) against plans of
known text: ``eval.parse_report``'s "ofd" format and the tests use it.

Each page is a list of printed rows; a row is placed as an OFD writer places a line: one text
object per run of text (a row is cut into two runs, as a change of font would cut it), each
character advanced by its width (a CJK character one font size, other characters half), leading
ideographic or plain spaces turned into an indent of the row's start. A page may carry a footer
line, centred at its foot (its printed page number).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, SIZE, LEADING = 25.0, 30.0, 3.5, 5.0


def _advance(ch: str) -> float:
    from corpus.paragraphs import display_width
    return SIZE * display_width(ch) / 2


def _text_object(oid: int, x: float, y: float, text: str) -> str:
    deltas = " ".join(f"{_advance(ch):g}" for ch in text[:-1])
    width = sum(_advance(ch) for ch in text)
    return (f'<ofd:TextObject ID="{oid}" Boundary="{x:.3f} {y:.3f} {width + SIZE:.3f} {SIZE * 1.4:.3f}" '
            f'Font="2" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE:g}" DeltaX="{deltas}">{escape(text)}'
            f'</ofd:TextCode></ofd:TextObject>')


def _page_xml(rows: list[str], footer: str | None, first_id: int) -> tuple[str, int]:
    objects, oid = [], first_id
    for k, row in enumerate(rows):
        body = row.lstrip(" \u3000")
        if not body:
            continue
        x = LEFT + sum(_advance(ch) for ch in row[:len(row) - len(body)])
        y = TOP + k * LEADING
        cut = len(body) // 2 if len(body) > 20 else len(body)
        for piece in (body[:cut], body[cut:]):
            if piece:
                objects.append(_text_object(oid, x, y, piece))
                oid += 1
                x += sum(_advance(ch) for ch in piece)
    if footer:
        width = sum(_advance(ch) for ch in footer)
        objects.append(_text_object(oid, (PAGE_W - width) / 2, PAGE_H - 20, footer))
        oid += 1
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
           f'<ofd:Layer ID="{oid}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    return xml, oid + 1


def write_ofd(path: Path | str, pages: list[tuple[list[str], str | None]]) -> None:
    """``pages``: (rows, footer or None) per page."""
    parts, refs, oid = {}, [], 10
    for i, (rows, footer) in enumerate(pages):
        xml, oid = _page_xml(rows, footer, oid)
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = xml
        refs.append(f'<ofd:Page ID="{oid}" BaseLoc="Pages/Page_{i}/Content.xml"/>')
        oid += 1
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}</ofd:PhysicalBox></ofd:PageArea>'
        f'<ofd:MaxUnitID>{oid}</ofd:MaxUnitID></ofd:CommonData><ofd:Pages>{"".join(refs)}</ofd:Pages>'
        f'</ofd:Document>')
    parts["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>planqa</ofd:DocID></ofd:DocInfo>'
        f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)
