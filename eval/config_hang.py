"""Does a page load cost more once someone has asked a question? ``python -m eval.config_hang [--repo DIR]``

Serves the chat UI of ``--repo`` (default: this checkout; give an older
checkout, e.g. from ``git archive``, to measure before a change) on
127.0.0.1 with BM25, times GET /config (and the server's RSS) before anyone
asks anything, then asks ``--questions`` questions through the page in
headless Chromium (Debian's /usr/bin/chromium, as a user would: type, Enter,
wait for the answer), keeps that tab open and times GET /config again, then
``--parallel`` page loads at once. Prints one JSON object. Timing only.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from eval.load import ROOT, Server, get

QUESTIONS = ["2015年战略性新兴产业总产值是多少？", "什么是静脉产业？", "电动车充电桩怎么建？"]


def timed(url: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        get(url, timeout=600)
        out.append(time.perf_counter() - t)
    return out


def parallel_loads(url: str, n: int) -> float:
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as pool:
        list(pool.map(lambda _: (get(url, timeout=600), get(url + "config", timeout=600)), range(n)))
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.config_hang", description=__doc__.split("\n")[0])
    p.add_argument("--repo", type=Path, default=ROOT)
    p.add_argument("--questions", type=int, default=1)
    p.add_argument("--samples", type=int, default=5)
    p.add_argument("--parallel", type=int, default=8)
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="planqa-hang-"))
    import eval.load as load
    load.ROOT = args.repo.resolve()                  # serve that checkout
    server = Server(work, "none")
    try:
        before = timed(server.url + "config", args.samples)
        rss0 = server.rss()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(server.url)
            page.wait_for_selector("#pq-input textarea", timeout=120_000)
            for i in range(args.questions):
                n = page.locator("#pq-chat .pq-answer").count()
                page.fill("#pq-input textarea", QUESTIONS[i % len(QUESTIONS)])
                page.press("#pq-input textarea", "Enter")
                page.wait_for_function(f"document.querySelectorAll('#pq-chat .pq-answer').length > {n}",
                                       timeout=300_000)
            after = timed(server.url + "config", args.samples)
            rss1 = server.rss()
            burst = parallel_loads(server.url, args.parallel)
            rss2 = server.rss()
            browser.close()
    finally:
        server.stop()
    print(json.dumps({
        "repo": str(args.repo), "questions_asked_in_page": args.questions,
        "config_before_s": round(statistics.median(before), 3), "config_after_s": round(statistics.median(after), 3),
        "rss_mb": {"before": round(rss0), "after_question_and_config": round(rss1), "after_burst": round(rss2)},
        f"{args.parallel}_parallel_page_loads_s": round(burst, 2),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":                              # pragma: no cover
    sys.exit(main())
