"""OCR benchmark: the shipped plan as a scanned (image-only) PDF.

    python -m eval.ocr_bench [--out DIR] [--dpi 150] [--pages N] [--questions dev.jsonl test.jsonl]

1. Renders ``corpus/plans/sichuan-sei-13th-fyp.txt`` one printed page per PDF
   page (Noto Serif SC from the ``pylopdf-fonts-zh-cn`` wheel, 11 pt, the
   page number as a "- N -" footer) into page images and saves them as an
   image-only PDF: no text layer at all.
2. Loads it through ``corpus.load_document`` (OCR on every page, fresh cache)
   and reports seconds per page (median), peak resident memory, the character
   error rate of the OCR text against the text file (per printed page,
   whitespace ignored) and how many printed page numbers were read back.
3. Runs the question sets against the text plan and the scanned one
   (``PlanAssistant.from_paths``) and reports hit@1/3/5 and MRR side by side.

Writes ``ocr_bench.json`` into ``--out``.  Needs the extras ``ocr`` (engine)
and ``test`` (the font).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parent.parent
PLAN_TXT = REPO / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"


# --------------------------------------------------------------------------- making scans

def printed_pages(path: Path = PLAN_TXT) -> list[tuple[int, list[str]]]:
    """The text file's printed pages: (page number, lines) in order (the file's
    "- N -" markers start their pages)."""
    from corpus.loaders import PAGE_MARKER

    pages: list[tuple[int, list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = PAGE_MARKER.match(line)
        if m:
            pages.append((int(m.group(1)), []))
        elif pages:
            pages[-1][1].append(line)
    return pages


def cjk_font_path() -> Path | None:
    """A CJK font to draw test pages with: Noto Serif SC from the
    ``pylopdf-fonts-zh-cn`` wheel (a test dependency), or None."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSerifSC-Regular.otf"
    return path if path.is_file() else None


def render_page(number: int, lines: list[str], font_path: Path, dpi: int = 150, size_pt: float = 11.0):
    """One A4 page image (greyscale PIL image): the lines as wrapped in the
    source from the top margin, 16 pt apart, and "- N -" centred at the foot."""
    from PIL import Image, ImageDraw, ImageFont

    s = dpi / 72
    width, height = round(595 * s), round(842 * s)
    font = ImageFont.truetype(str(font_path), round(size_pt * s))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = 50 * s
    for line in lines:
        if line.strip():
            draw.text((40 * s, y), line.rstrip(), font=font, fill=0)
        y += 16 * s
    foot = f"- {number} -"
    draw.text(((width - draw.textlength(foot, font=font)) / 2, height - 40 * s), foot, font=font, fill=0)
    return image


def make_scanned_pdf(out: Path, pages: list[tuple[int, list[str]]], font_path: Path, dpi: int = 150) -> Path:
    """An image-only PDF (no text layer): one rendered image per page."""
    images = [render_page(n, lines, font_path, dpi) for n, lines in pages]
    images[0].save(str(out), "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out


# --------------------------------------------------------------------------- measures

def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), O(len(a)·len(b))."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def squash(text: str) -> str:
    import unicodedata
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def character_error_rate(ref_pages: dict[int, str], hyp_pages: dict[int, str]) -> float:
    """Total edit distance over total reference characters, page by page
    (after NFKC and with all whitespace removed); a page missing from the
    hypothesis counts all its characters as errors."""
    dist = total = 0
    for page, ref in ref_pages.items():
        r, h = squash(ref), squash(hyp_pages.get(page, ""))
        dist += levenshtein(r, h)
        total += len(r)
    return dist / total if total else 0.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- run

def ocr_run(pdf: Path, cache: Path, pages: list[tuple[int, list[str]]]) -> dict:
    """Recognise every page of the scanned PDF (progress on stderr), then load
    it through the corpus layer (from the cache)."""
    import corpus
    from corpus import ocr
    from corpus.ocr_layout import infer_page_numbers

    seconds: list[float] = []
    cached: list[float] = []
    cpu: list[float] = []          # process CPU seconds (all threads) per recognised page: robust to a busy machine
    last_cpu = [time.process_time()]

    def progress(event):
        now = time.process_time()
        if event.done:
            (cached if event.cached else seconds).append(event.seconds)
            if not event.cached:
                cpu.append(now - last_cpu[0])
        last_cpu[0] = now
        print(event.line(), file=sys.stderr, flush=True)

    rss0 = _peak_rss_mb()
    t0 = time.perf_counter()
    with ocr.ocr_settings(cache_dir=cache, progress=progress):
        recognised = ocr.ocr_pdf_pages(pdf, list(range(len(pages))))
    wall = time.perf_counter() - t0
    peak = _peak_rss_mb()
    with ocr.ocr_settings(cache_dir=cache):
        doc = corpus.load_document(pdf)           # from the cache now
    # recognition and reading order, page by page (physical pages: a misread
    # page number does not count here, it is counted separately)
    ref = {i: "\n".join(lines) for i, (_, lines) in enumerate(pages)}
    hyp = {p.index: "\n".join(ln.text for ln in p.lines) for p in recognised}
    confidences = [c.ocr_confidence for c in doc.clauses if c.source == "ocr"]
    return {
        "pages": len(recognised),
        "pages_from_cache": len(cached),       # timing and memory figures count only recognised pages
        "seconds_per_page_median": round(median(seconds), 2) if seconds else None,
        "cpu_seconds_per_page_median": round(median(cpu), 2) if cpu else None,
        "seconds_total": round(wall, 1),
        "peak_rss_mb": round(peak, 1),
        "rss_before_ocr_mb": round(rss0, 1),
        "threads": int(os.environ.get("PLANQA_OCR_THREADS") or min(2, os.cpu_count() or 1)),
        "cer": round(character_error_rate(ref, hyp), 4),
        "printed_pages_read": sum(1 for p in recognised if p.printed == pages[p.index][0]),
        "printed_pages_cited_right": sum(1 for i, n in infer_page_numbers([(p.index, p.printed) for p in recognised]).items()
                                         if n == pages[i][0]),
        "printed_pages_total": len(pages),
        "clauses": len(doc.clauses),
        "ocr_clauses": sum(1 for c in doc.clauses if c.source == "ocr"),
        "clause_confidence_median": round(median(confidences), 3) if confidences else None,
    }


def qa_run(paths: list[Path], question_files: list[Path], cache: Path, index_root: Path) -> dict:
    from assistant import PlanAssistant
    from corpus import ocr
    from eval.qset import load_questions
    from eval.runner import evaluate

    out = {}
    for path in paths:
        with ocr.ocr_settings(cache_dir=cache):
            pa = PlanAssistant.from_paths([str(path)], index_dir=str(index_root / path.stem))
        per = {}
        for qf in question_files:
            summaries, results = evaluate(pa, load_questions(qf), [None], 5)
            s = summaries["default"]
            per[qf.name] = {"hit@1": s.hit_at.get(1), "hit@3": s.hit_at.get(3), "hit@5": s.hit_at.get(5),
                            "mrr": s.mrr, "abstention": dict(s.abstention),
                            "first_hit_ranks": [None if r.abstained else next((i + 1 for i, hit in enumerate(r.relevance) if hit), 0)
                                                for r in results["default"]]}
        out[path.name] = per
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.ocr_bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="eval/results/ocr", help="folder for ocr_bench.json and the scanned PDF")
    p.add_argument("--dpi", type=int, default=150)
    p.add_argument("--pages", type=int, default=0, help="only the first N printed pages (0: all)")
    p.add_argument("--questions", nargs="*", default=["eval/questions/dev.jsonl", "eval/questions/test.jsonl"])
    p.add_argument("--cache", help="OCR cache folder to reuse (default: a fresh temporary one)")
    p.add_argument("--no-qa", action="store_true", help="OCR figures only")
    args = p.parse_args(argv)
    font = cjk_font_path()
    if font is None:
        print("ocr_bench: needs a CJK font: pip install 'planqa[test]'", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = printed_pages()
    if args.pages:
        pages = pages[: args.pages]
    pdf = make_scanned_pdf(out / "scanned.pdf", pages, font, args.dpi)
    with tempfile.TemporaryDirectory(prefix="planqa-ocr-bench-") as tmp:
        cache = Path(args.cache) if args.cache else Path(tmp) / "ocr"
        result = {"pdf_bytes": pdf.stat().st_size, "dpi": args.dpi, **ocr_run(pdf, cache, pages)}
        print(json.dumps(result, ensure_ascii=False), flush=True)
        if not args.no_qa and not args.pages:
            qa = qa_run([PLAN_TXT, pdf], [Path(q) for q in args.questions], cache, Path(tmp) / "idx")
            for name, per in qa[pdf.name].items():
                ranks_txt = qa[PLAN_TXT.name][name].pop("first_hit_ranks")
                ranks_ocr = per.pop("first_hit_ranks")
                per["questions_ranked_differently_from_txt"] = sum(a != b for a, b in zip(ranks_txt, ranks_ocr))
            result["qa"] = qa
    result["cpu_count"] = os.cpu_count()
    (out / "ocr_bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
