"""The ``planqa`` command line. Heavy modules are imported inside the commands
that need them, so ``planqa ask`` starts fast."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from assistant.errors import PlanQAError, one_line


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (and exit status 2)."""

    def error(self, message):  # noqa: D401
        raise _UsageError(f"{self.prog}: {message}")


class _UsageError(Exception):
    pass


ENCODER_HELP = "dense encoder: multilingual-e5-small (default), use-multilingual-v3, st:<model>, none"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="planqa", description="问规划：带出处的条文摘录 / Ask a Chinese government plan; get cited excerpts.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def common(sp, plans=True):
        if plans:
            sp.add_argument("--plan", action="append", default=[], metavar="PATH",
                            help="plan file(s) to use instead of the shipped plan (repeatable)")
        sp.add_argument("--index", metavar="DIR", help="index folder (default: under $PLANQA_HOME)")
        sp.add_argument("--encoder", metavar="NAME", help=ENCODER_HELP)
        backend_flags(sp)

    def backend_flags(sp):
        sp.add_argument("--backend", choices=["memory", "milvus"],
                        help="index engine: memory (in-process, default) or milvus ($PLANQA_BACKEND)")
        sp.add_argument("--milvus-uri", metavar="URI", help="Milvus server, e.g. http://localhost:19530 "
                        "($PLANQA_MILVUS_URI; default: milvus-lite inside the index folder)")

    b = sub.add_parser("build", help="build (or refresh) the index; a folder: a library of plans")
    b.add_argument("paths", nargs="*", metavar="PATH",
                   help="plan files, or one folder of plans (default: the shipped plan)")
    common(b, plans=False)
    b.add_argument("--sentences", action="store_true",
                   help="also encode every sentence, phrase and word for the re-ranker now (else each is encoded when a "
                        "question first needs it, or in the background by the chat UI)")
    pl = sub.add_parser("plans", help="list the library's plans and their metadata")
    pl.add_argument("--json", action="store_true")
    library_args(pl)
    cp = sub.add_parser("compare", help="ask one question of several plans, side by side")
    cp.add_argument("question")
    cp.add_argument("--k", type=int, default=3)
    cp.add_argument("--mode", choices=["bm25", "dense", "hybrid"])
    cp.add_argument("--json", action="store_true", help="print the comparison as JSON")
    cp.add_argument("--markdown", metavar="FILE", help="also write the comparison as Markdown")
    cp.add_argument("--docx", metavar="FILE", help="also write the comparison as a Word document")
    library_args(cp)
    a = sub.add_parser("ask", help="ask one question")
    a.add_argument("question")
    a.add_argument("--json", action="store_true", help="print the Answer as JSON")
    a.add_argument("--k", type=int, default=5)
    a.add_argument("--mode", choices=["bm25", "dense", "hybrid"])
    a.add_argument("--history", action="append", default=[], metavar="TURN", help="an earlier question (repeatable)")
    common(a)
    library_args(a, common_args=False)
    c = sub.add_parser("chat", help="terminal conversation (/reset, /outline, /quit)")
    c.add_argument("--k", type=int, default=3)
    c.add_argument("--mode", choices=["bm25", "dense", "hybrid"])
    common(c)
    s = sub.add_parser("serve", help="launch the chat UI")
    s.add_argument("--port", type=int, default=7860)
    s.add_argument("--host", default="127.0.0.1")
    backend_flags(s)
    o = sub.add_parser("outline", help="print a plan's section tree with pages")
    o.add_argument("path", nargs="?", help="plan file (default: the shipped plan)")
    o.add_argument("--json", action="store_true")
    o.add_argument("--no-items", action="store_true", help="leave out bold leads, 专栏 projects and glossary entries")
    ch = sub.add_parser("chunks", help="print a plan's clauses")
    ch.add_argument("path", nargs="?", help="plan file (default: the shipped plan)")
    ch.add_argument("--json", action="store_true")
    s.add_argument("--library", metavar="DIR", help="serve this folder of plans (default: the last `build DIR`)")
    sub.add_parser("eval", help="run an evaluation question set (see planqa eval --help)", add_help=False)
    sub.add_parser("bench", help="run the benchmarks (see planqa bench --help)", add_help=False)
    return p


def library_args(sp, common_args: bool = True) -> None:
    """--library DIR and the plan filters (plans, ask, compare)."""
    sp.add_argument("--library", metavar="DIR",
                    help="a folder of plans (default: the folder of the last `planqa build DIR`, else the shipped plan)")
    sp.add_argument("--plans", metavar="IDS", help="only these plans: doc ids, comma separated (see planqa plans)")
    sp.add_argument("--region", help="only plans of this region (四川, 成都 …)")
    sp.add_argument("--level", help="only plans of this level (国家/省/市/县)")
    sp.add_argument("--period", help="only plans of this period (十四五, 2025 …)")
    sp.add_argument("--kind", help="only plans of this kind (规划/纲要/实施方案/行动计划 …)")
    if common_args:
        sp.add_argument("--index", metavar="DIR", help="index folder (default: under $PLANQA_HOME)")
        sp.add_argument("--encoder", metavar="NAME", help=ENCODER_HELP)


def _filters(args) -> dict:
    ids = [p.strip() for p in (getattr(args, "plans", None) or "").replace("，", ",").split(",") if p.strip()]
    return {"plans": ids or None, **{f: getattr(args, f, None) for f in ("region", "level", "period", "kind")}}


def _library(args):
    """The library a command works on: --library DIR, else the last built one, else the shipped plan."""
    from assistant.library import Library
    kwargs = {"encoder": getattr(args, "encoder", None)}
    if getattr(args, "mode", None):
        kwargs["mode"] = args.mode
    if getattr(args, "library", None):
        lib = Library.open(args.library, index_dir=getattr(args, "index", None), **kwargs)
    else:
        lib = Library.default(**kwargs)
    if lib.skipped:
        print(f"planqa: 注意 note: 规划库有 {len(lib.skipped)} 个文件无法读取，未收入 ({len(lib.skipped)} files of the "
              f"library skipped; planqa build {lib.folder} names them)", file=sys.stderr)
    return lib


def _assistant(args):
    from assistant.core import PlanAssistant
    plans = getattr(args, "plan", None) or []
    if not plans and (getattr(args, "library", None) or (not args.index and _has_library())):
        return _library(args).assistant
    kwargs = _index_kwargs(args)
    if getattr(args, "mode", None):
        kwargs["mode"] = args.mode
    if plans:
        return PlanAssistant.from_paths(plans, **kwargs)
    return PlanAssistant(**kwargs)


def _index_kwargs(args) -> dict:
    kwargs = {"index_dir": args.index, "encoder": args.encoder}
    if getattr(args, "backend", None):
        kwargs["backend"] = args.backend
    if getattr(args, "milvus_uri", None):
        kwargs["milvus_uri"] = args.milvus_uri
    return kwargs


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


def _has_library() -> bool:
    from assistant.library import remembered
    return remembered() is not None


def cmd_build(args) -> int:
    from assistant.core import PlanAssistant
    if len(args.paths) == 1 and os.path.isdir(args.paths[0]):
        return cmd_build_library(args)
    t0 = time.perf_counter()
    kwargs = {**_index_kwargs(args), "rebuild": "replace"}       # building is on purpose
    pa = PlanAssistant.from_paths(args.paths, **kwargs) if args.paths else PlanAssistant(**kwargs)
    r = pa.retriever
    sentences = pa.encode_sentences(show_progress=True) if args.sentences else None
    dt = time.perf_counter() - t0
    _report_rebuild(r)
    info = getattr(r, "info", {}) or {}
    n = info["n_clauses"] if info.get("n_clauses") is not None else len(getattr(r, "clauses", ()) or ())
    vocab = _vocab_size(r)
    print(f"文档 documents: {len(pa.documents)}  ({', '.join(d.doc_id for d in pa.documents)})")
    print(f"条文 clauses: {n}")
    print(f"词表 vocabulary: {vocab}")
    print(f"向量模型 encoder: {pa.encoder_name}")
    if sentences is not None:
        print(f"句子、短语与词 sentences, phrases and words: {sentences} encoded")
    print(f"索引 index: {pa.index_dir}")
    if info.get("backend") == "milvus":
        print(f"后端 backend: milvus {info.get('uri')} (collection {info.get('collection')})")
    print(f"用时 time: {dt:.1f} s")
    return 0


def cmd_build_library(args) -> int:
    """`planqa build DIR`: index every plan under DIR; unchanged clauses' vectors come from the cache."""
    import resource
    from assistant.library import Library, remember
    t0 = time.perf_counter()
    lib = Library.open(args.paths[0], index_dir=args.index, encoder=args.encoder)
    for reason in lib.skipped:
        print(f"planqa: 跳过 skipped: {reason}", file=sys.stderr)
    info = lib.build()
    sentences = lib.assistant.encode_sentences(show_progress=True) if args.sentences else None
    dt = time.perf_counter() - t0
    _report_rebuild(lib.assistant.retriever)
    remember(args.paths[0], lib.assistant.index_dir, lib.assistant.encoder_name)
    for m in lib.plans():
        print(f"{m.doc_id}\t{m.n_clauses}\t《{m.title}》")
    print(f"文档 documents: {len(lib.metas)}" + (f" ({len(lib.skipped)} files skipped, see above)" if lib.skipped else ""))
    print(f"条文 clauses: {info.get('n_clauses', '?')}")
    if info.get("action") in ("built", "rebuilt") and info.get("encoder"):
        print(f"向量 embeddings: {info.get('embedding_cache_misses', 0)} encoded, "
              f"{info.get('embedding_cache_hits', 0)} from cache")
    if sentences is not None:
        print(f"句子、短语与词 sentences, phrases and words: {sentences} encoded")
    print(f"索引 index: {lib.assistant.index_dir} ({info.get('action', 'loaded')})")
    print(f"向量模型 encoder: {lib.assistant.encoder_name}")
    print(f"用时 time: {dt:.1f} s")
    print(f"内存峰值 peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


def cmd_plans(args) -> int:
    lib = _library(args)
    f = _filters(args)
    metas = lib.plans(**f)
    if args.json:
        print(json.dumps([m.to_dict() for m in metas], ensure_ascii=False, indent=2))
        return 0
    for m in metas:
        from assistant.compare import meta_line
        print(f"{m.doc_id}\t《{m.title}》\t{meta_line(m)}\t{m.n_clauses} 条")
    return 0


def cmd_compare(args) -> int:
    if not args.question.strip():
        raise PlanQAError("请输入问题 (the question is empty)")
    lib = _library(args)
    f = _filters(args)
    cmp = lib.compare(args.question, plans=f.pop("plans"), k=args.k, mode=args.mode, **f)
    if args.markdown:
        from assistant.compare import _write_atomic
        _write_atomic(Path(args.markdown), cmp.to_markdown().encode("utf-8"))
    if args.docx:
        cmp.to_docx(args.docx)
    if args.json:
        print(json.dumps(cmp.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(cmp.to_text())
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
    from assistant.validate import question
    question(args.question)                      # the library's own check, before loading anything
    pa = _assistant(args)
    f = _filters(args)
    plans = None
    if any(f.values()):
        from assistant.library import select
        plans = select(pa.plan_metas(), **f)
    ans = pa.ask(args.question, history=args.history or None, k=args.k, mode=args.mode, plans=plans)
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
    if args.backend:             # the UI's assistants read these
        os.environ["PLANQA_BACKEND"] = args.backend
    if args.milvus_uri:
        os.environ["PLANQA_MILVUS_URI"] = args.milvus_uri
    factory = None
    if args.library or _has_library():
        factory = lambda: _library(args).assistant       # noqa: E731
    launch(port=args.port, host=args.host, assistant_factory=factory)
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


COMMANDS = {"build": cmd_build, "plans": cmd_plans, "compare": cmd_compare, "ask": cmd_ask, "chat": cmd_chat, "serve": cmd_serve,
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
        if getattr(args, "k", None) is not None:
            from assistant.validate import k as check_k
            try:
                check_k(args.k)
            except PlanQAError as err:
                print(f"planqa: error: --k: {one_line(str(err))}", file=sys.stderr)
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
