"""Does a page load cost more once someone has asked a question? ``python -m eval.config_hang [--repo DIR]``

Serves the chat UI of ``--repo`` (default: this checkout; give an older
checkout, e.g. from ``git archive``, to measure before a change) on
127.0.0.1 (the default dense encoder unless ``--encoder none``), times GET /config (and the server's RSS) before anyone
asks anything, then asks ``--questions`` questions through the page in
headless Chromium (Debian's /usr/bin/chromium, as a user would: type, Enter,
wait for the answer), keeps that tab open and times GET /config again, then
``--parallel`` page loads at once. Prints one JSON object. Timing only.

``--in-process`` builds the app of ``--repo`` in this process instead and
times GET /config through a test client before and after one question to the
shared assistant (for a checkout whose server cannot start: Gradio's own
3-second HEAD / check at launch times out once a page load deep-copies the
assistant with its dense encoder).
"""
from __future__ import annotations

import argparse
import json
import os
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


def in_process(repo: Path, samples: int) -> dict:
    """GET /config in-process, before and after the shared assistant's first question."""
    import resource

    sys.path.insert(0, str(repo.resolve()))
    for name in [m for m in sys.modules if m == "ui" or m.startswith(("ui.", "assistant", "index", "corpus"))]:
        del sys.modules[name]
    import gradio as gr
    from fastapi.testclient import TestClient
    from gradio.routes import App

    from ui.app import build_app
    demo = build_app()
    library = getattr(demo, "planqa_library", None)
    if library is None:                  # before the session store: the library hung on gr.State's callback
        library = next(b for b in demo.blocks.values() if isinstance(b, gr.State)).delete_callback.__self__
    with TestClient(App.create_app(demo)) as client:
        def config_s() -> float:
            out = []
            for _ in range(samples):
                t = time.perf_counter()
                assert client.get("/config").status_code == 200
                out.append(time.perf_counter() - t)
            return round(statistics.median(out), 3)
        before = config_s()
        library.shared.ask(QUESTIONS[2])             # the first question loads the query encoder
        after = config_s()
    return {"repo": str(repo), "mode": "in-process", "config_before_s": before, "config_after_s": after,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.config_hang", description=__doc__.split("\n")[0])
    p.add_argument("--repo", type=Path, default=ROOT)
    p.add_argument("--questions", type=int, default=1)
    p.add_argument("--samples", type=int, default=5)
    p.add_argument("--parallel", type=int, default=8)
    p.add_argument("--encoder", default="use-multilingual-v3",
                   help="the server's encoder (default: the app's default dense encoder; none: BM25)")
    p.add_argument("--in-process", action="store_true", help="build the app here; time /config via a test client")
    args = p.parse_args(argv)
    if args.in_process:
        os.environ.setdefault("PLANQA_ENCODER", args.encoder)
        print(json.dumps({"encoder": os.environ["PLANQA_ENCODER"], **in_process(args.repo, args.samples)},
                         ensure_ascii=False))
        return 0
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="planqa-hang-"))
    import eval.load as load
    load.ROOT = args.repo.resolve()                  # serve that checkout
    server = Server(work, args.encoder)
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
        "repo": str(args.repo), "encoder": args.encoder, "questions_asked_in_page": args.questions,
        "config_before_s": round(statistics.median(before), 3), "config_after_s": round(statistics.median(after), 3),
        "rss_mb": {"before": round(rss0), "after_question_and_config": round(rss1), "after_burst": round(rss2)},
        f"{args.parallel}_parallel_page_loads_s": round(burst, 2),
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":                              # pragma: no cover
    sys.exit(main())
