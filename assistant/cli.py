"""The ``planqa`` command line. Heavy modules are imported inside the commands
that need them, so ``planqa ask`` starts fast."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from assistant.errors import PlanQAError, one_line


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (and exit status 2)."""

    def error(self, message):  # noqa: D401
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="planqa", description="问规划：带出处的条文摘录 / Ask a Chinese government plan; get cited excerpts.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def common(sp, plans=True):
        if plans:
            sp.add_argument("--plan", action="append", default=[], metavar="PATH",
                            help="plan file(s) to use instead of the shipped plan (repeatable)")
        sp.add_argument("--index", metavar="DIR", help="index folder (default: under $PLANQA_HOME)")
        sp.add_argument("--encoder", metavar="NAME",
                        help="dense encoder: use-multilingual-v3 (default), st:<model>, none")

    b = sub.add_parser("build", help="build (or refresh) the index")
    b.add_argument("paths", nargs="*", metavar="PATH", help="plan files (default: the shipped plan)")
    common(b, plans=False)
    a = sub.add_parser("ask", help="ask one question")
    a.add_argument("question")
    a.add_argument("--json", action="store_true", help="print the Answer as JSON")
    a.add_argument("--k", type=int, default=5)
    a.add_argument("--mode", choices=["bm25", "dense", "hybrid"])
    a.add_argument("--history", action="append", default=[], metavar="TURN", help="an earlier question (repeatable)")
    common(a)
    c = sub.add_parser("chat", help="terminal conversation (/reset, /outline, /quit)")
    c.add_argument("--k", type=int, default=3)
    c.add_argument("--mode", choices=["bm25", "dense", "hybrid"])
    common(c)
    s = sub.add_parser("serve", help="launch the chat UI")
    s.add_argument("--port", type=int, default=7860)
    s.add_argument("--host", default="127.0.0.1")
    o = sub.add_parser("outline", help="print a plan's section tree with pages")
    o.add_argument("path", nargs="?", help="plan file (default: the shipped plan)")
    o.add_argument("--json", action="store_true")
    o.add_argument("--no-items", action="store_true", help="leave out bold leads, 专栏 projects and glossary entries")
    ch = sub.add_parser("chunks", help="print a plan's clauses")
    ch.add_argument("path", nargs="?", help="plan file (default: the shipped plan)")
    ch.add_argument("--json", action="store_true")
    sub.add_parser("eval", help="run an evaluation question set (see planqa eval --help)", add_help=False)
    sub.add_parser("bench", help="run the benchmarks (see planqa bench --help)", add_help=False)
    return p


def _assistant(args):
    from assistant.core import PlanAssistant
    plans = getattr(args, "plan", None) or []
    kwargs = {"index_dir": args.index, "encoder": args.encoder}
    if getattr(args, "mode", None):
        kwargs["mode"] = args.mode
    if plans:
        return PlanAssistant.from_paths(plans, **kwargs)
    return PlanAssistant(**kwargs)


def _load(path):
    import corpus
    try:
        if path:
            return [corpus.load_document(path)]
        return list(corpus.load_shipped())
    except PlanQAError:
        raise
    except Exception as err:
        from assistant.errors import wrap
        raise wrap(err, str(path) if path else "内置规划") from err


def cmd_build(args) -> int:
    from assistant.core import PlanAssistant
    t0 = time.perf_counter()
    kwargs = {"index_dir": args.index, "encoder": args.encoder}
    pa = PlanAssistant.from_paths(args.paths, **kwargs) if args.paths else PlanAssistant(**kwargs)
    r = pa.retriever
    dt = time.perf_counter() - t0
    _report_rebuild(r)
    n = len(getattr(r, "clauses", ()) or ())
    vocab = _vocab_size(r)
    print(f"文档 documents: {len(pa.documents)}  ({', '.join(d.doc_id for d in pa.documents)})")
    print(f"条文 clauses: {n}")
    print(f"词表 vocabulary: {vocab}")
    print(f"向量模型 encoder: {pa.encoder_name}")
    print(f"索引 index: {pa.index_dir}")
    print(f"用时 time: {dt:.1f} s")
    return 0


def _report_rebuild(r) -> None:
    """Say on stderr when an existing index folder was stale or corrupt and got rebuilt."""
    info = getattr(r, "info", {}) or {}
    if info.get("action") == "rebuilt":
        reasons = "; ".join(map(str, info.get("reasons") or [])) or "out of date"
        print(f"planqa: note: index folder rebuilt ({one_line(reasons, 200)})", file=sys.stderr)


def _vocab_size(r) -> str:
    info = getattr(r, "info", {}) or {}
    if info.get("vocabulary_size") is not None:
        return f"{info['vocabulary_size']} (plan words), {info.get('n_terms', '?')} index terms"
    bm = getattr(r, "sparse", None)
    terms = getattr(bm, "terms", None)
    if terms is not None:
        return str(len(terms))
    return "?"


def cmd_ask(args) -> int:
    from assistant.render import answer_text
    if not args.question.strip():
        raise PlanQAError("请输入问题 (the question is empty)")
    pa = _assistant(args)
    ans = pa.ask(args.question, history=args.history or None, k=args.k, mode=args.mode)
    _report_rebuild(pa.retriever)
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer_text(ans))
    return 0


def cmd_chat(args) -> int:
    from assistant.render import answer_text
    pa = _assistant(args)
    history: list[str] = []
    print("问规划（/reset 重新开始，/outline 目录，/quit 退出）")
    while True:
        try:
            line = input("问> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        q = line.strip()
        if not q:
            continue
        if q in ("/quit", "/exit", "/q"):
            return 0
        if q == "/reset":
            history.clear()
            print("（已重新开始）")
            continue
        if q == "/outline":
            import corpus
            for d in pa.documents:
                print("\n".join(corpus.outline_lines(d, items=False)))
            continue
        try:
            ans = pa.ask(q, history=history, k=args.k, mode=args.mode)
        except PlanQAError as err:
            print(f"错误：{err}", file=sys.stderr)
            continue
        print(answer_text(ans))
        history.append(q)


def cmd_serve(args) -> int:
    from ui.app import launch
    launch(port=args.port, host=args.host)
    return 0


def cmd_outline(args) -> int:
    import corpus
    docs = _load(args.path)
    if args.json:
        data = [corpus.outline_to_json(d) for d in docs]
        print(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        return 0
    for d in docs:
        print("\n".join(corpus.outline_lines(d, items=not args.no_items)))
    return 0


def cmd_chunks(args) -> int:
    import corpus
    from assistant.answer import pages_label
    docs = _load(args.path)
    rows = [row for d in docs for row in corpus.clauses_to_json(d)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            print(f"{r['clause_id']}  [{pages_label(r['pages'])}]  {r['text'][:80]}")
    return 0


def _ocr_progress(event) -> None:
    """Scanned pages are read one by one (seconds each): say where OCR is."""
    print(f"planqa: {event.line()}", file=sys.stderr, flush=True)


COMMANDS = {"build": cmd_build, "ask": cmd_ask, "chat": cmd_chat, "serve": cmd_serve,
            "outline": cmd_outline, "chunks": cmd_chunks}


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "eval":
            from eval.runner import main as eval_main
            return int(eval_main(argv[1:]) or 0)
        if argv and argv[0] == "bench":
            from eval.bench import main as bench_main
            return int(bench_main(argv[1:]) or 0)
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except _UsageError as err:
            print(one_line(str(err)), file=sys.stderr)
            return 2
        if not args.command:
            parser.print_help()
            return 2
        if hasattr(args, "k") and args.k is not None and args.k < 1:
            print("planqa: error: --k 必须是正整数 (--k must be >= 1)", file=sys.stderr)
            return 2
        from corpus.ocr import ocr_settings
        index = getattr(args, "index", None)
        with ocr_settings(cache_dir=os.path.join(index, "ocr") if index else None, progress=_ocr_progress):
            return COMMANDS[args.command](args)
    except PlanQAError as err:
        print(f"planqa: error: {one_line(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("planqa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except SystemExit:
        raise
    except Exception as err:  # last resort: never a traceback for the user
        if os.environ.get("PLANQA_DEBUG"):
            raise
        print(f"planqa: error: {type(err).__name__}: {one_line(str(err))}", file=sys.stderr)
        return 1


if __name__ == "__main__":                      # pragma: no cover
    sys.exit(main())
