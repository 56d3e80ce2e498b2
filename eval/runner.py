"""Run a question file through the assistant and report the metrics.

``planqa eval FILE [--plan PLAN…] [--index DIR] [--mode bm25|dense|hybrid|all] [--k 5] [--json] [--report DIR]``
(also ``python -m eval.runner ...``); FILE may also be the plan corpus's question
folder (``eval/questions/plans/``): then every plan is evaluated on its own and
reported per plan and pooled (``--split``, ``--cross``, ``--retriever``; see
eval/multi.py). The assistant is driven from outside, like any user:
``PlanAssistant.ask(question, history=..., k=..., mode=...)``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from eval import report
from eval.qset import Question, QuestionFileError, load_questions
from eval.scoring import QuestionResult, Summary, error_result, score_answer, summarize

MODES = ("bm25", "dense", "hybrid")
MODE_CHOICES = MODES + ("all", "default")


class EvalUsageError(ValueError):
    """Bad command-line input: one line, exit status 2."""


def run_questions(assistant, questions: Sequence[Question], mode: str | None, k: int,
                  progress: Callable[[int, int], None] | None = None) -> list[QuestionResult]:
    """Ask every question (with its history) and score the answer; each ask is timed.

    An exception from ``ask`` is recorded on the question (scored as a miss,
    listed with the failures), never swallowed silently.
    """
    results = []
    for i, q in enumerate(questions, 1):
        t0 = time.perf_counter()
        try:
            answer = ask_question(assistant, q, k, mode)
        except Exception as err:  # recorded and reported, see docstring
            results.append(error_result(q, f"{type(err).__name__}: {err}", time.perf_counter() - t0))
        else:
            results.append(score_answer(q, answer, time.perf_counter() - t0))
        if progress:
            progress(i, len(questions))
    return results


def ask_question(assistant, q: Question, k: int, mode: str | None):
    """Ask ``q`` with its history. A negative borrowed from another corpus plan is asked with that
    plan left out of the assistant's background of known plans (assistant/background.py): the
    background must not hold the very clause the question was written for, which a question
    about an unseen plan would not find there either."""
    bg = getattr(assistant, "background", None) if q.source else None
    if bg is not None:
        assistant.background = bg.excluding(plans=[q.source])
    try:
        return assistant.ask(q.question, history=list(q.history) or None, k=k, mode=mode)
    finally:
        if bg is not None:
            assistant.background = bg


def evaluate(assistant, questions: Sequence[Question], modes: Sequence[str | None], k: int,
             progress: Callable[[str, int, int], None] | None = None
             ) -> tuple[dict[str, Summary], dict[str, list[QuestionResult]]]:
    """Run the questions once per mode with the same assistant; label None as 'default'."""
    summaries: dict[str, Summary] = {}
    results: dict[str, list[QuestionResult]] = {}
    for mode in modes:
        label = mode or "default"
        forget_query_vectors(assistant)
        cb = (lambda i, n, _l=label: progress(_l, i, n)) if progress else None
        res = run_questions(assistant, questions, mode, k, cb)
        results[label] = res
        summaries[label] = summarize(res, ks=sorted({1, 3, 5, k}))
    return summaries, results


def forget_query_vectors(assistant) -> None:
    """Empty the retriever's in-memory query-vector memo, so that each mode's ask
    latency includes encoding its queries (in ``--mode all`` the modes share one
    assistant, and a later mode would otherwise reuse an earlier mode's vectors)."""
    retriever = getattr(assistant, "_retriever", None) or getattr(assistant, "retriever", None)
    if retriever is None:
        return
    clear = getattr(retriever, "clear_query_cache", None)
    if callable(clear):
        clear()
        return
    memo = getattr(retriever, "_qvec_cache", None)
    if hasattr(memo, "clear"):
        memo.clear()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = _Parser(prog="planqa eval", description="Evaluate the assistant on a JSONL question file.")
    parser.add_argument("file", help="question file (JSONL, see eval/questions/README.md), or the plan corpus's "
                                     "question folder (eval/questions/plans/) for per-plan figures")
    parser.add_argument("--plan", nargs="+", metavar="PLAN", help="ask these plan files instead of the shipped plan")
    parser.add_argument("--split", default="dev", choices=("dev", "test", "all"),
                        help="plan corpus: which split (default dev; test is held out)")
    parser.add_argument("--only", nargs="+", metavar="ID", default=(), help="plan corpus: only these plan ids")
    parser.add_argument("--plans", metavar="DIR", help="plan corpus: the folder of plan files (default eval/plans)")
    parser.add_argument("--cross", type=int, default=0, metavar="N",
                        help="plan corpus: add N questions of other plans per plan as out-of-scope negatives")
    parser.add_argument("--retriever", action="store_true",
                        help="plan corpus: also score retriever.search alone on single-turn in-scope questions")
    parser.add_argument("--shard", metavar="I/N",
                        help="plan corpus: ask only the plans at positions I, I+N, … (N processes side by side), "
                             "and write their results to --save FILE for --merge")
    parser.add_argument("--save", metavar="FILE", help="plan corpus, with --shard: where the shard's results go")
    parser.add_argument("--merge", nargs="+", metavar="FILE",
                        help="plan corpus: report the shards' saved results as one run instead of asking")
    parser.add_argument("--encoder", help="dense encoder (default: the assistant's default)")
    parser.add_argument("--mode", default="default",
                        help="bm25 | dense | hybrid | all (side by side) | default (the index's own mode)")
    parser.add_argument("--k", type=int, default=5, help="excerpts per answer (default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--report", metavar="DIR", help="write report.md, results.json and a PNG chart into DIR")
    parser.add_argument("--index", metavar="DIR", help="index folder (default: the assistant's own)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--backend", choices=["memory", "milvus"],
                        help="index engine: memory (in-process, default) or milvus ($PLANQA_BACKEND)")
    parser.add_argument("--milvus-uri", metavar="URI",
                        help="Milvus server URI (default: milvus-lite inside the index folder)")
    args = parser.parse_args(list(argv))
    if args.mode not in MODE_CHOICES:
        raise EvalUsageError(f"unknown mode '{args.mode}' (choose from {', '.join(MODE_CHOICES)})")
    args.shard = _shard(args.shard) if args.shard else None
    if args.shard and not args.save:
        raise EvalUsageError("--shard needs --save FILE (where the shard's results go)")
    if args.save and not args.shard:
        raise EvalUsageError("--save goes with --shard I/N")
    if args.shard and args.merge:
        raise EvalUsageError("--shard asks a share of the plans, --merge reports shards: one or the other")
    if (args.shard or args.merge) and not Path(args.file).is_dir():
        raise EvalUsageError("--shard/--merge apply to a plan corpus folder only")
    from assistant.validate import MAX_K          # the one maximum the assistant accepts
    if not 1 <= args.k <= MAX_K:
        raise EvalUsageError(f"--k must be between 1 and {MAX_K}, got {args.k}")
    return args


def _shard(text: str) -> tuple[int, int]:
    """"I/N" -> (I, N), with 0 <= I < N."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise EvalUsageError(f"--shard wants I/N (e.g. 0/4), got '{text}'") from None
    if not 0 <= i < n:
        raise EvalUsageError(f"--shard {text}: I must be at least 0 and below N")
    return i, n


def modes_for(choice: str) -> list[str | None]:
    if choice == "all":
        return list(MODES)
    if choice == "default":
        return [None]
    return [choice]


def default_assistant(index_dir: str | None = None, plans: Sequence[str] | None = None, encoder: str | None = None,
                      backend: str | None = None, milvus_uri: str | None = None):
    from assistant import PlanAssistant
    kwargs = {"index_dir": index_dir, "encoder": encoder, "backend": backend, "milvus_uri": milvus_uri}
    return PlanAssistant.from_paths(list(plans), **kwargs) if plans else PlanAssistant(**kwargs)


def main(argv: Sequence[str] | None = None, assistant_factory: Callable | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_args(argv)
        if Path(args.file).is_dir():
            return corpus_main(args, argv)
        questions = load_questions(args.file)
    except (EvalUsageError, QuestionFileError) as err:
        print(f"planqa eval: {err}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # argparse already printed its one-line usage error
        return int(exc.code or 0)

    try:
        factory = assistant_factory or (lambda: default_assistant(args.index, args.plan, args.encoder, args.backend,
                                                                  args.milvus_uri))
        assistant = factory()
        getattr(assistant, "retriever", None)       # open (or refuse) the index before anything is asked
        modes = _available_modes(assistant, modes_for(args.mode), args.mode == "all")
        progress = None if (args.quiet or args.json) else _progress
        summaries, results = evaluate(assistant, questions, modes, args.k, progress)
    except EvalUsageError as err:
        print(f"planqa eval: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the CLI never shows a traceback
        print(f"planqa eval: {_one_line(err)}", file=sys.stderr)
        return 1
    if progress:
        print(file=sys.stderr)

    if args.json:
        print(json.dumps(report.json_report(args.file, args.k, summaries, results), ensure_ascii=False, indent=1))
    else:
        print(report.text_report(args.file, args.k, summaries, results), end="")
    if args.report:
        return _write(args, lambda: write_report(Path(args.report), args.file, args.k, summaries, results, argv))
    return 0


def corpus_main(args, argv: Sequence[str]) -> int:
    """Every plan of the corpus under ``args.file``, reported per plan and pooled."""
    from eval import multi
    from eval.corpus import PLANS_DIR, discover
    if args.plan or args.index:
        raise EvalUsageError("--plan/--index do not apply to a plan corpus folder (each plan gets its own index)")
    sets = discover(args.file, args.plans or PLANS_DIR, only=args.only)
    if not sets:
        raise EvalUsageError(f"{args.file}: no plan question folders found")

    def factory(s):
        return default_assistant(None, [str(s.path)], args.encoder, args.backend, args.milvus_uri)

    say = None if (args.quiet or args.json) else (lambda m: print(m, file=sys.stderr, flush=True))
    code = report.source_version()      # the code that asks: a commit made while the run goes on is not it
    try:
        if args.merge:
            results, code = multi.merge_shards([Path(f) for f in args.merge], sets, args.split, args.k, args.cross)
            summaries = multi.summarize_corpus(results, args.k)
        else:
            modes = modes_for(args.mode)
            summaries, results = multi.run_corpus(sets, args.split, modes, args.k, factory, args.cross,
                                                  args.retriever, say, args.shard)
            if args.shard:
                multi.save_shard(Path(args.save), results, args.split, args.k, args.cross, args.shard, code)
    except Exception as err:  # the CLI never shows a traceback
        print(f"planqa eval: {_one_line(err)}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({label: {pid: s.to_dict() for pid, s in by.items()} for label, by in summaries.items()},
                         ensure_ascii=False, indent=1))
    else:
        print(multi.text(summaries, args.split), end="")
    if args.report:
        return _write(args, lambda: multi.write(Path(args.report), summaries, results, args.split, args.k, argv,
                                                args.cross, code))
    return 0


def _write(args, write) -> int:
    """Write the report files (``write()`` returns their paths) and say where; one line on failure."""
    try:
        written = write()
    except OSError as err:
        print(f"planqa eval: cannot write report to {args.report}: {err.strerror or err}", file=sys.stderr)
        return 1
    if not args.json:
        print(f"report: {', '.join(str(p) for p in written)}")
    return 0


def write_report(out_dir: Path, path: str, k: int, summaries: dict[str, Summary],
                 results: dict[str, list[QuestionResult]], argv: Sequence[str]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    png = report.write_chart(summaries, k, out_dir / "hit_at_k.png")
    md = out_dir / "report.md"
    md.write_text(report.markdown_report(path, k, summaries, results, png.name, report.command_line(argv)),
                  encoding="utf-8")
    js = out_dir / "results.json"
    # compact: one line per question; failures keep what was shown, cut to 80 characters (--json has all)
    data = report.json_report(path, k, summaries, results, shown_chars=80)
    lines = ["{", f' "file": {json.dumps(data["file"], ensure_ascii=False)}, "k": {k},',
             f' "machine": {json.dumps(data["machine"])}, "date": {json.dumps(data["date"])},', ' "modes": {']
    for i, (mode, block) in enumerate(data["modes"].items()):
        lines.append(f'  {json.dumps(mode)}: {{"summary": {json.dumps(block["summary"], ensure_ascii=False)},')
        lines.append(f'   "failures": {json.dumps(block["failures"])},')
        lines.append('   "questions": [')
        qs = [json.dumps(_compact(q), ensure_ascii=False) for q in block["questions"]]
        lines.extend(f"    {q}{',' if j < len(qs) - 1 else ''}" for j, q in enumerate(qs))
        lines.append(f"   ]}}{',' if i < len(data['modes']) - 1 else ''}")
    lines += [" }", "}"]
    js.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [md, png, js]


def _compact(q: dict) -> dict:
    """Per-question line of a committed report: outcome for every question, what was
    shown (first 3 items) only for the ones that failed."""
    keep = ("id", "kind", "correct", "first_hit_rank", "abstained", "answer_kind", "latency_ms", "error")
    out = {key: q[key] for key in keep if key in q and q[key] not in ("", None)}
    if not q.get("correct"):
        out["resolved_query"] = q.get("resolved_query", "")
        out["shown"] = q.get("shown", [])[:3]
    return out


def _available_modes(assistant, modes: list[str | None], skip_unavailable: bool) -> list[str | None]:
    """Probe each named mode once; an unavailable mode is an error, or skipped (with a
    note on stderr) when several modes were asked for."""
    ok = []
    for mode in modes:
        if mode is None:
            ok.append(mode)
            continue
        if mode != "bm25" and getattr(assistant, "encoder_name", None) == "none":
            msg = f"mode '{mode}' is unavailable: the assistant runs without a dense encoder (encoder none)"
            if not skip_unavailable:
                raise EvalUsageError(msg)
            print(f"planqa eval: skipping {msg}", file=sys.stderr)
            continue
        try:
            assistant.ask("规划期", k=1, mode=mode)
        except Exception as err:
            msg = f"mode '{mode}' is unavailable: {_one_line(err)}"
            if not skip_unavailable:
                raise EvalUsageError(msg) from None
            print(f"planqa eval: skipping {msg}", file=sys.stderr)
            continue
        ok.append(mode)
    if not ok:
        raise EvalUsageError("no retrieval mode is available")
    return ok


def _progress(mode: str, i: int, n: int) -> None:
    if i == n or i % 10 == 0:
        print(f"\r[{mode}] {i}/{n}", end="", file=sys.stderr, flush=True)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:400]


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line (exit 2) instead of usage + message."""

    def error(self, message):  # noqa: D401
        print(f"planqa eval: {message}", file=sys.stderr)
        raise SystemExit(2)


if __name__ == "__main__":
    sys.exit(main())
