"""Parse report: how each plan file parses, with checks, in every format it can be converted to.

    python -m eval.parse_report eval/plans/*.txt                 # -> eval/results/parse/
    python -m eval.parse_report PLAN.txt --formats txt,gb18030,md --out DIR
    python -m eval.parse_report PLAN.pdf PLAN.docx --out DIR         # a real file: its own checks only

For each plan: front matter (title, issuer, 文号, date, 目录 entries, 印发通知
size), outline (sections per level), clauses (count, kinds, lengths), pages,
and checks:

* ``spans``: ``doc.text[span] == clause.text`` for every clause;
* ``text_kept``: the plan's clause, notice and 目录 text, whitespace removed,
  is the source text in order (nothing lost, nothing duplicated; the front
  matter's catalogue lines and 目录 dot leaders / page numbers aside);
* ``no_punct_start``: no clause starts with a comma or closing mark (a hard
  wrap joined wrongly);
* ``title``: a title was found and it is not a catalogue line (``分类号:…``);
* ``no_toc_sections``: no heading appears twice as a section (a 目录 turned
  into chapters);
* ``pages_monotonic``: clause pages never go backwards;
* ``clause_sizes``: no clause longer than the chunker's limit.

The plan is also written as GB18030 text, Markdown (title as ``# ``, top
headings as ``## ``), PDF (reportlab; one PDF page per printed page when the
text has ``- N -`` markers), OFD laid out as that PDF, DOCX, Word 97-2003 .doc and RTF (page breaks at page changes) and a web page (the title as
its ``h1``, the site's menus and footer around the article; also saved as one .mht file) — and, with
``--formats …,lopdf``, that DOCX printed to PDF by LibreOffice — re-parsed,
and compared with the text parse: ``agree_*`` checks that paragraphs (text
without whitespace), section paths and (where the format carries them) pages
are identical.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

import corpus
from corpus.chunk import MAX_CHARS
from corpus.loaders import PAGE_MARKER, decode_text, read_source

FORMATS = ("gb18030", "md", "pdf", "ofd", "docx", "doc", "rtf", "html", "mht")
EXTRA_FORMATS = ("lopdf",)      # the DOCX printed to PDF by LibreOffice (needs soffice; ~20 s a plan)
_LEADERS = re.compile(r"(?:[.．·…⋯]\s*){4,}\d{0,4}")       # a 目录 entry's dot leaders and page number
_PUNCT_START = re.compile(r"^[，。、；：！？）》」』”’,.;:)]")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _walk(sections, level=1):
    for s in sections:
        yield level, s
        yield from _walk(s.children, level + 1)


def checks(doc, source_text: str) -> dict[str, bool | str]:
    out: dict[str, bool | str] = {}
    out["spans"] = all(doc.text[c.span[0]:c.span[1]] == c.text for c in doc.clauses)
    src = compact(_LEADERS.sub("", "\n".join(ln for ln in source_text.splitlines() if not PAGE_MARKER.match(ln))))
    pos, ok = 0, True
    for piece in [*doc.meta.get("catalogue", []), *[c.text for c in doc.clauses]]:
        k = src.find(compact(piece), pos) if compact(piece) else pos
        if k < 0:
            ok = False
            break
        pos = k + len(compact(piece))
    kept = sum(len(compact(x)) for x in [*doc.meta.get("catalogue", []), *doc.toc,
                                          *[c.text for c in doc.clauses]])
    out["text_kept"] = ok and kept >= 0.97 * len(src)
    out["text_kept_share"] = f"{kept / max(1, len(src)):.3f}"
    out["no_punct_start"] = not any(_PUNCT_START.match(c.text) for c in doc.clauses)
    out["title"] = bool(doc.title) and not re.match(r"^(分类号|索引号|主题分类|发文机关|成文日期)", doc.title) \
        and ":" not in doc.title and "：" not in doc.title
    heads = Counter(s.section_id.split("~")[0] for _, s in _walk(doc.outline) if s.kind == "section")
    out["no_toc_sections"] = not any(n > 1 for n in heads.values())   # a numbering path used twice
    firsts = [c.pages[0] for c in doc.clauses]
    out["pages_monotonic"] = all(a <= b for a, b in zip(firsts, firsts[1:]))
    out["clause_sizes"] = max((len(c.text) for c in doc.clauses if c.kind != "heading"), default=0) <= MAX_CHARS
    return out


def summary(doc) -> dict:
    levels = Counter(level for level, s in _walk(doc.outline) if s.kind != "item")
    kinds = Counter(c.kind for c in doc.clauses)
    sizes = [len(c.text) for c in doc.clauses]
    pages = [p for c in doc.clauses for p in c.pages]
    return {
        "title": doc.title, "issuer": doc.issuer, "doc_number": doc.doc_number, "date": doc.date,
        "toc_entries": len(doc.toc), "notice_chars": len(doc.notice),
        "catalogue_lines": len(doc.meta.get("catalogue", [])),
        "format": doc.meta.get("format"),
        "top_sections": [f"{s.number}{s.title}" for s in doc.outline],
        "sections_per_level": {str(k): v for k, v in sorted(levels.items())},
        "items": sum(1 for _, s in _walk(doc.outline) if s.kind == "item"),
        "boxes": sum(1 for _, s in _walk(doc.outline) if s.kind == "box"),
        "clauses": len(doc.clauses), "kinds": dict(sorted(kinds.items())),
        "clause_chars": {"min": min(sizes), "median": statistics.median(sizes), "max": max(sizes),
                         "total": sum(sizes)} if sizes else {},
        "pages": [min(pages), max(pages)] if pages else [],
        "pages_without_text": doc.meta.get("pages_without_text", []),
    }


# ---- other formats of a text plan ---------------------------------------------------------------

def _printed_pages(text: str) -> list[tuple[int, list[str]]]:
    pages: list[tuple[int, list[str]]] = []
    for line in text.split("\n"):
        m = PAGE_MARKER.match(line)
        if m:
            pages.append((int(m.group(1)), []))
        elif pages:
            pages[-1][1].append(line)
        elif line.strip():
            pages.append((0, [line]))
    return pages


def _wrap(line: str, width: int) -> list[str]:
    """``line`` cut into rows of at most ``width`` half-width units (CJK characters count 2)."""
    from corpus.paragraphs import display_width

    rows, cur, w = [], "", 0
    for ch in line:
        cw = display_width(ch)
        if cur and w + cw > width:
            rows.append(cur)
            cur, w = "", 0
        cur += ch
        w += cw
    return rows + [cur] if cur or not rows else rows


def _printed_rows(text: str, per_line: int = 46, per_page: int = 56):
    """How a printer lays the text out: (whether printed page numbers are kept, [(page number or 0,
    rows)]): with ``- N -`` markers, each printed page on its own page(s); else paragraphs (one a
    line) indented two characters and flowed onto pages. Lines wider than the page wrap."""
    marked = any(PAGE_MARKER.match(ln) for ln in text.split("\n"))
    printed = _printed_pages(text) if marked else [(0, text.split("\n"))]
    out = []
    for number, lines in printed:
        rows: list[str] = []
        for line in lines:
            line = line.rstrip()
            if not marked and line.strip():
                line = "\u3000\u3000" + line.strip()
            rows.extend(_wrap(line, 2 * per_line))
        for start in range(0, max(1, len(rows)), per_page):
            out.append((number, rows[start:start + per_page]))
    return marked, out


def write_pdf(path: Path, text: str, per_line: int = 46, per_page: int = 56) -> bool:
    """The text as a PDF laid out by ``_printed_rows``, a page's printed number as its footer.
    Returns whether printed page numbers were kept."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    marked, pages = _printed_rows(text, per_line, per_page)
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for number, rows in pages:
        c.setFont("STSong-Light", 10)
        y = height - 40
        for row in rows:
            if row.strip():
                c.drawString(30, y, row)
            y -= 13
        if marked and number:
            c.drawCentredString(width / 2, 20, f"- {number} -")
        c.showPage()
    c.save()
    return marked


def write_ofd(path: Path, text: str) -> bool:
    """The text as an OFD file (eval/ofdwriter.py) laid out as ``write_pdf`` lays it out."""
    from eval.ofdwriter import write_ofd as write

    marked, pages = _printed_rows(text)
    write(path, [(rows, f"- {number} -" if marked and number else None) for number, rows in pages])
    return marked


def _blocks(doc) -> list[tuple[str, str, int]]:
    """(kind, text, page) of the plan in reading order: catalogue lines, clauses with the 目录 after
    the title line; the pieces of one split paragraph joined again."""
    out: list[tuple[str, str, int]] = [("catalogue", t, 1) for t in doc.meta.get("catalogue", [])]
    toc = [("toc", "目录", 1)] + [("toc", t, 1) for t in doc.toc] if doc.toc else []
    first = compact(doc.toc[0]) if doc.toc else None
    prev = None
    for c in doc.clauses:
        base = c.clause_id.rsplit("-", 1)[0] if re.search(r"-\d+$", c.clause_id) else c.clause_id
        if prev == base:
            kind, text, page = out[-1]
            out[-1] = (kind, text + c.text, page)
            continue
        if toc and c.kind == "heading" and first.startswith(compact(c.text)):
            out.extend(toc)             # the 目录 stood right before the first heading it lists
            toc = []
        # a table's header row is a heading of its rows, printed as a row, not as a part's heading
        kind = "table" if c.kind == "heading" and " | " in c.text else c.kind
        out.append(("title" if c.clause_id.endswith(":标题") else kind if kind != "heading" or
                    len(c.section_path) != 1 else "top", c.text, c.pages[0]))
        prev = base
    return out + toc


def _split_title(blocks, doc):
    """The title clause holds the title and the line printed under it (a date, 印发 line): as
    a document has them, two paragraphs."""
    if not blocks or blocks[0][0] != "title" or not doc.title:
        return blocks
    kind, text, page = blocks[0]
    if not compact(text).startswith(compact(doc.title)):
        return blocks
    cut, seen = 0, 0
    while seen < len(compact(doc.title)):
        seen += not text[cut].isspace()
        cut += 1
    rest = text[cut:].strip()
    return [(kind, text[:cut], page)] + ([("title", rest, page)] if rest else []) + blocks[1:]


def write_docx(path: Path, doc) -> None:
    """One Word paragraph per paragraph, a page break where the printed page changes."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    page = None
    for _, text, pg in _split_title(_blocks(doc), doc):
        run = document.add_paragraph().add_run()
        if page is not None:
            for _ in range(max(0, pg - page)):
                run.add_break(WD_BREAK.PAGE)
        page = pg if page is None else max(page, pg)
        run.add_text(text)
    document.save(str(path))


def write_doc(path: Path, doc, rtf: bool = False) -> None:
    """A Word 97-2003 .doc (eval/docwriter.py): one paragraph per paragraph, a page break where the
    printed page changes, Latin-only paragraphs stored one byte per character as Word does; with
    ``rtf``, the same as an RTF document."""
    from eval.docwriter import write_doc as write, write_rtf

    blocks, page = [], None
    for _, text, pg in _split_title(_blocks(doc), doc):
        if page is not None:
            blocks.extend([("page",)] * max(0, pg - page))
        page = pg if page is None else max(page, pg)
        blocks.append(("p", text))
    if rtf:
        write_rtf(path, blocks)
    else:
        write(path, blocks, compress=True)


def write_html(path: Path, doc) -> None:
    """The plan as a government site prints it: its first line (the notice's title, else the plan's)
    as the page's h1 above the article, one paragraph a ``<p>``, inside the site's navigation,
    breadcrumbs, sidebar and footer."""
    from html import escape

    blocks = _split_title(_blocks(doc), doc)
    headed = bool(blocks) and blocks[0][0] in ("title", "notice")      # a text with no title line gets no h1
    title = blocks[0][1] if headed else ""
    body = [f"<p>{escape(text)}</p>" for _, text, _ in blocks[1 if headed else 0:]]
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + escape(title) + "_政策文件</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/zc'>政策文件</a> <a href='/hd'>互动交流</a></div>"
        "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; 正文</div>"
        f"<div class='article'>{f'<h1>{escape(title)}</h1>' if title else ''}<div class='content'>{''.join(body)}</div></div>"
        "<div class='side'><h3>相关文件</h3><ul><li><a href='/1'>关于印发某某实施方案的通知</a></li></ul></div>"
        "<div class='footer'>主办单位：某某人民政府办公室　网站标识码：0000000000</div></body></html>",
        encoding="utf-8")


def write_md(path: Path, doc) -> None:
    out: list[str] = []
    prev = None
    titled = False
    for kind, text, _ in _split_title(_blocks(doc), doc):
        # the title as the one "# " line; the date or 印发 line printed under it stays a paragraph
        line = "# " + text if kind == "title" and not titled else "## " + text if kind == "top" else text
        titled = titled or kind == "title"
        if kind == "table" and prev == "table":
            out[-1] += "\n" + line         # table rows stay on consecutive lines
        else:
            out.append(line)
        prev = kind
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def _runs(doc, pages: bool) -> list[tuple]:
    """Consecutive clauses of one paragraph (``id``, ``id-1``, ``id-2`` …) as one unit: (paragraph id,
    section path, text without whitespace[, pages])."""
    out: list[list] = []
    for c in doc.clauses:
        base = re.sub(r"-\d+$", "", c.clause_id)
        if out and out[-1][0] == base:
            out[-1][2] += compact(c.text)
            out[-1][3] = (out[-1][3][0], c.pages[1])
        else:
            out.append([base, c.section_path, compact(c.text), c.pages])
    return [tuple(r) if pages else tuple(r[:3]) for r in out]


def compare(ref, other, pages: bool) -> bool:
    """Same paragraphs (ids, section paths, text up to whitespace: a space a source line had at a
    wrap cannot survive a PDF's line ends, and the pieces of a long paragraph may then be cut
    elsewhere), and the same pages where the format carries printed pages."""
    return _runs(ref, pages) == _runs(other, pages)


def write_rtf(path: Path, doc) -> None:
    write_doc(path, doc, rtf=True)


def write_mht(path: Path, doc) -> None:
    """The web page of ``write_html`` saved as one file (.mht), as a browser or Word saves it: a
    MIME archive whose HTML part is GB2312-family text, quoted-printable."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email import charset as email_charset

    write_html(path, doc)
    page = path.read_text(encoding="utf-8").replace("charset='utf-8'", "charset='gb18030'")
    cs = email_charset.Charset("gb18030")
    cs.body_encoding = email_charset.QP
    archive = MIMEMultipart("related")
    part = MIMEText(page, "html", cs)
    part["Content-Location"] = "file:///C:/plan.htm"
    archive.attach(part)
    path.write_bytes(archive.as_bytes())


_TEXT_WRITERS = {"pdf": write_pdf, "ofd": write_ofd}
_DOC_WRITERS = {"md": write_md, "docx": write_docx, "doc": write_doc, "rtf": write_rtf, "html": write_html,
                "mht": write_mht}


def report_plan(path: Path, formats: tuple[str, ...]) -> dict:
    if path.suffix.lower() in (".txt", ".md"):
        source_text = decode_text(path.read_bytes(), path)
    else:       # a PDF, DOCX …: the checks hold the parse against the text the loader read
        source_text = "\n".join(ln.text for ln in read_source(path).lines)
    doc = corpus.load_document(path, cache=False)
    rep = {"plan": path.name, **summary(doc), "checks": checks(doc, source_text)}
    if path.suffix.lower() != ".txt":
        return rep
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in formats:
            try:
                if fmt == "gb18030":
                    try:
                        data = source_text.encode("gb18030")
                    except UnicodeEncodeError:
                        rep["checks"][f"agree_{fmt}"] = "skipped (not encodable)"
                        continue
                    p = Path(tmp) / f"{path.stem}.txt"
                    p.write_bytes(data)
                    keep_pages = True
                elif fmt in _TEXT_WRITERS:        # laid out from the text: printed page numbers kept
                    p = Path(tmp) / f"{path.stem}.{fmt}"
                    keep_pages = _TEXT_WRITERS[fmt](p, source_text)
                elif fmt in _DOC_WRITERS:         # written from the parsed paragraphs: pages not compared
                    p = Path(tmp) / f"{path.stem}.{fmt}"
                    _DOC_WRITERS[fmt](p, doc)
                    keep_pages = False
                elif fmt == "lopdf":
                    p = _libreoffice_pdf(Path(tmp), path.stem, doc)
                    if p is None:
                        rep["checks"][f"agree_{fmt}"] = "skipped (soffice not installed)"
                        continue
                    keep_pages = False
                else:
                    raise ValueError(f"unknown format {fmt!r}")
                other = corpus.load_document(p, doc_id=doc.doc_id, cache=False)
                ok = compare(doc, other, keep_pages) and other.title == doc.title
                rep["checks"][f"agree_{fmt}"] = ok
                if not ok:
                    rep.setdefault("disagreements", {})[fmt] = _first_difference(doc, other, keep_pages)
                    a, b = _runs(doc, keep_pages), set(_runs(other, keep_pages))
                    rep["checks"][f"agree_{fmt}_share"] = f"{sum(r in b for r in a) / max(1, len(a)):.3f}"
            except ImportError as exc:
                rep["checks"][f"agree_{fmt}"] = f"skipped ({exc.name} not installed)"
            except corpus.CorpusError as exc:
                rep["checks"][f"agree_{fmt}"] = False
                rep.setdefault("disagreements", {})[fmt] = str(exc)
    return rep


def _libreoffice_pdf(tmp: Path, stem: str, doc) -> Path | None:
    """The plan's DOCX printed to PDF by LibreOffice, or None without soffice."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    src = tmp / f"{stem}-lo.docx"
    write_docx(src, doc)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(src)], check=True, capture_output=True, timeout=300)
    return tmp / f"{stem}-lo.pdf"


def _first_difference(a, b, pages: bool) -> str:
    if a.title != b.title:
        return f"title {a.title!r} vs {b.title!r}"
    for x, y in zip(_runs(a, pages), _runs(b, pages)):
        if x != y:
            return f"{x[0]} {x[1]} {x[2][:40]!r} {x[3:]} vs {y[0]} {y[1]} {y[2][:40]!r} {y[3:]}"
    return f"{len(a.clauses)} vs {len(b.clauses)} clauses"


def render_md(reports: list[dict]) -> str:
    names = sorted({k for r in reports for k in r["checks"] if not k.endswith("_share")})
    lines = ["# Parse report", "", "Generated by `python -m eval.parse_report PLAN…` (see its docstring for the "
             "checks); here on: " + ", ".join(r["plan"] for r in reports) + ".", "",
             "| plan | title | issuer | 文号 | date | 目录 | sections | clauses | pages | failed checks |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in reports:
        failed = [k for k in names if r["checks"].get(k) is False]
        secs = sum(r["sections_per_level"].values())
        pages = "–".join(map(str, r["pages"])) if r["pages"] else ""
        lines.append(f"| {r['plan']} | {r['title']} | {r['issuer']} | {r['doc_number']} | {r['date']} | "
                     f"{r['toc_entries']} | {secs} | {r['clauses']} | {pages} | {', '.join(failed) or '—'} |")
    lines += ["", "Checks are described in `eval/parse_report.py`; per-plan details in the JSON files.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.parse_report", description=__doc__.splitlines()[0])
    ap.add_argument("plans", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("eval/results/parse"))
    ap.add_argument("--formats", default=",".join(FORMATS),
                    help=f"comma-separated other formats to check agreement in ({','.join(FORMATS + EXTRA_FORMATS)}; "
                         "'' for none)")
    args = ap.parse_args(argv)
    formats = tuple(f for f in args.formats.split(",") if f)
    reports = []
    for path in args.plans:
        try:
            rep = report_plan(path, formats)
        except corpus.CorpusError as exc:
            rep = {"plan": path.name, "error": str(exc)}
            print(f"{path}: {exc}", file=sys.stderr)
            continue
        reports.append(rep)
        failed = [k for k, v in rep["checks"].items() if v is False]
        print(f"{path.name}: {rep['clauses']} clauses, {sum(rep['sections_per_level'].values())} sections, "
              f"title {rep['title']!r}; failed: {', '.join(failed) or 'none'}")
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"{path.stem}.json").write_text(json.dumps(rep, ensure_ascii=False, indent=2) + "\n",
                                                     encoding="utf-8")
    if reports:
        (args.out / "README.md").write_text(render_md(reports), encoding="utf-8")
    return 0 if reports else 1


if __name__ == "__main__":
    sys.exit(main())
