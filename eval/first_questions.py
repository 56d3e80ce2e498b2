"""A plan new to the cache: how long its first questions take, with and without the prefetch of its
sentences, phrases and words.

``python -m eval.first_questions [--plan changning-15th-outline] [--n 15] [--gap 3] [--out DIR]``

Each way is run in a new process with an empty ``$PLANQA_HOME`` (so nothing of the plan is
cached), on the first ``--n`` single-turn dev questions of a corpus plan:

- ``on need``: the index is built, then the questions are asked; each pool's sentences, phrases and words
  are encoded when the re-ranker and the abstention model first read them;
- ``prefetch``: the same, with ``PlanAssistant.prefetch_sentences()`` started once the index is
  built (as the chat UI does), pausing while a question is answered;
- ``encoded first``: ``encode_sentences()`` (what ``planqa build --sentences`` does) before the
  first question; its time is the whole prefetch's.

Questions are asked ``--gap`` seconds apart (a reader reading the answer); ``--gap 0`` asks
them back to back. Writes ``first-questions.md`` and ``.json`` to ``--out``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "first-questions"
WAYS = ("on need", "prefetch", "encoded first")


def run_one(plan_id: str, way: str, n: int, gap: float) -> dict:
    """One way, in this process (``PLANQA_HOME`` set by the caller)."""
    import corpus
    from assistant import PlanAssistant
    from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
    qset = {s.plan_id: s for s in discover(QUESTIONS_DIR, PLANS_DIR)}[plan_id]
    questions = [q.question for q in qset.questions("dev") if not q.history][:n]
    doc = corpus.load_document(qset.path)
    t0 = time.perf_counter()
    pa = PlanAssistant(documents=[doc])
    pa.retriever
    out = {"way": way, "clauses": len(doc.clauses), "build_s": time.perf_counter() - t0}
    if way == "encoded first":
        t0 = time.perf_counter()
        out["sentences"] = pa.encode_sentences()
        out["encode_s"] = time.perf_counter() - t0
    elif way == "prefetch":
        pa.prefetch_sentences()
    times = []
    for q in questions:
        t0 = time.perf_counter()
        pa.ask(q)
        times.append(time.perf_counter() - t0)
        time.sleep(gap)
    out["ask_s"] = times
    pa.close()
    return out


def markdown(rows: list[dict], args, argv) -> str:
    lines = ["# A plan new to the cache: its first questions", "",
             f"command: `python -m eval.first_questions {' '.join(argv)}`; plan `{args.plan}`, "
             f"its first {args.n} single-turn dev questions, asked {args.gap:g} s apart; each way in a new "
             "process with an empty `$PLANQA_HOME`.", "",
             "| way | build s | sentences, phrases and words encoded first | question median s | first | max | every question, s |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        t = r["ask_s"]
        first = f"{r['sentences']} in {r['encode_s']:.1f} s" if "sentences" in r else "–"
        lines.append(f"| {r['way']} | {r['build_s']:.1f} | {first} | {statistics.median(t):.3f} | {t[0]:.2f} "
                     f"| {max(t):.2f} | {' '.join(f'{x:.2f}' for x in t)} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(prog="python -m eval.first_questions")
    ap.add_argument("--plan", default="changning-15th-outline", help="a corpus plan id")
    ap.add_argument("--n", type=int, default=15)
    ap.add_argument("--gap", type=float, default=3.0, help="seconds between two questions")
    ap.add_argument("--ways", default=",".join(WAYS), help="comma-separated, of: " + ", ".join(WAYS))
    ap.add_argument("--out", default=str(RESULTS))
    ap.add_argument("--one", help=argparse.SUPPRESS)        # run one way in this process (the child)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.plan, args.one, args.n, args.gap)))
        return 0
    rows = []
    for way in [w.strip() for w in args.ways.split(",") if w.strip()]:
        if way not in WAYS:
            ap.error(f"unknown way {way!r}")
        with tempfile.TemporaryDirectory(prefix="planqa-first-") as home:
            env = {**os.environ, "PLANQA_HOME": home, "PLANQA_QUIET": "1"}
            cmd = [sys.executable, "-m", "eval.first_questions", "--plan", args.plan, "--n", str(args.n),
                   "--gap", str(args.gap), "--one", way]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True,
                                  cwd=Path(__file__).resolve().parent.parent)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return done.returncode
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{way}: median {statistics.median(rows[-1]['ask_s']):.3f} s", file=sys.stderr, flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "first-questions.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    text = markdown(rows, args, argv)
    (out / "first-questions.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
