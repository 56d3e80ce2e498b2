"""The Gradio chat app: layout and event wiring only.

Rendering lives in ``ui.render`` (pure, escaped), session bookkeeping in
``ui.session``; this module turns them into a ``gr.Blocks``. No ``gr.State``:
handlers find their session by ``request.session_hash`` in the server-side
store, so a page load never copies anything but the static page config.

    from ui.app import build_app, launch
    launch(port=7860)                      # shipped plan, http://127.0.0.1:7860
"""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import signal
import tempfile
import uuid
from typing import Any, Callable

import gradio as gr

from assistant import structure, validate
from assistant.answer import display_title
from assistant.errors import PlanQAError
from ui import compare as compare_view, render, session
from ui.assets import CSS, HEAD

log = logging.getLogger("planqa.ui")

EXAMPLES = [
    "2015年战略性新兴产业总产值是多少？",
    "什么是静脉产业？",
    "成都的生物产业发展重点是什么？",
    "那新能源汽车呢？",
    "电动车充电桩怎么建？",
    "专栏10有哪些工程？",
    "规划有哪些章节？",
]
MODES = [("混合 · hybrid", "hybrid"), ("关键词 · BM25", "bm25"), ("语义 · dense", "dense")]
MAX_K = validate.MAX_K
CONCURRENCY = 4          # events served at once (ask is fast; uploads index in the same pool)
QUEUE_SIZE = 64
# System CJK fonts only: nothing is fetched from a font server (the app must work offline).
FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "ui-sans-serif", "system-ui", "sans-serif")


def _default_factory():
    from assistant import PlanAssistant
    return PlanAssistant()


def _user_errors() -> tuple[type[BaseException], ...]:
    """Errors whose message is meant for the user (one line)."""
    kinds: list[type[BaseException]] = [ValueError]
    try:
        from assistant.errors import PlanQAError
        kinds.insert(0, PlanQAError)
    except ImportError:                                # pragma: no cover - assistant not installed
        pass
    try:
        from corpus.model import CorpusError
        kinds.insert(0, CorpusError)
    except ImportError:                                # pragma: no cover
        pass
    return tuple(kinds)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:400]


def load_notes(doc) -> list[str]:
    """What the reader said it could not read of an uploaded file (``Document.meta["load_warnings"]``),
    one line each, without the upload's temporary path."""
    out = []
    for w in doc.meta.get("load_warnings", ()):
        path, sep, rest = str(w).partition(": ")
        out.append(" ".join((rest if sep and ("/" in path or "\\" in path) else str(w)).split())[:300])
    return out


def _available_modes(pa: Any) -> list[tuple[str, str]]:
    """Dense and hybrid need an encoder; without one only BM25 is offered."""
    if getattr(pa, "encoder_name", None) == "none":
        return [m for m in MODES if m[1] == "bm25"]
    return MODES


def _header_html(documents) -> str:
    titles = "、".join(f"《{render.esc(display_title(d.title))}》" for d in documents) or "（未加载规划）"
    return (
        '<div id="pq-header"><h1>规划问答 <span class="pq-h-en">PlanQA</span>'
        f'<span class="pq-plan">{titles}</span></h1>'
        '<div class="pq-sub">回答均摘自规划原文，注明章节与页码；规划未涉及的问题会如实说明。'
        '<span class="pq-sub-en">Every answer is a verbatim, cited excerpt of the plan; '
        "questions it does not cover are declined.</span></div></div>"
    )


def _titles(pa: Any) -> dict[str, str]:
    """doc_id -> display title of the plans ``pa`` (a list of documents, or an assistant's);
    titles that read alike are told apart (assistant.answer.plan_titles)."""
    from assistant.answer import plan_titles
    docs = list(getattr(pa, "documents", pa))
    return plan_titles(docs) or {d.doc_id: display_title(d.title) for d in docs}


def _session_key(request: Any) -> str:
    """The web server's id for this tab or API client (a fresh one if it has none)."""
    key = getattr(request, "session_hash", None) if request is not None else None
    return str(key) if key else f"anon-{uuid.uuid4().hex}"


def build_app(assistant_factory: Callable[[], Any] = None,
              make_assistant: Callable[[list, str | None], Any] | None = None) -> gr.Blocks:
    """The chat app over one shared assistant (``assistant_factory()`` is called once, now,
    and its index opened or built before the page is served).

    ``make_assistant(documents, index_dir)`` builds assistants over other
    document sets (uploads, a subset of plans); by default one like the shared one.
    Sessions live in ``demo.planqa_library`` (a ``ui.session.PlanLibrary``); the
    page itself holds no per-session state, so serving it costs the same however
    many questions have been asked. A session ends when its tab closes
    (``demo.unload``), when idle for ``session.SESSION_TTL_S`` or when the server stops.
    """
    ensure_upload_dir()
    factory = assistant_factory or _default_factory
    shared = factory()
    getattr(shared, "retriever", None)
    session.start_prefetch(shared)      # a plan new to the embedding cache: its sentences while the page loads
    library = session.PlanLibrary(shared, make=make_assistant)
    library.start_sweeper()
    shared_docs = list(library.shared_docs)
    shared_outline = session.outline_items(shared_docs)
    modes = _available_modes(shared)
    default_mode = getattr(shared, "mode", None) or modes[0][1]
    if default_mode not in [m[1] for m in modes]:
        default_mode = modes[0][1]

    def notice(zh: str, en: str, kind: str = "warn") -> dict:
        return {"role": "assistant", "content": render.render_notice(zh, en, kind=kind)}

    def user_error(where: str, err: BaseException) -> str:
        validate.log_user_error(log, where, err)
        return _one_line(err)

    def outline_for(key: str) -> list:
        docs = library.documents_for(key)
        return shared_outline if len(docs) == len(shared_docs) else session.outline_items(docs)

    def scope(question: str, docs: list, plans: list | None) -> list | None:
        """The plans to search: the selected ones, or only the one a structure question names."""
        selected = [d for d in docs if plans is None or d.doc_id in set(plans)]
        if len(selected) < 2:
            return plans
        named = session.named_document(question, selected)
        if named is not None and structure.find_ref(question, [named]) is not None:
            return [named.doc_id]
        return plans

    # ------------------------------------------------------------ handlers
    def answer_turn(question: Any, chat: list, key: str, k: Any, mode: str, plans: list | None,
                    fresh: bool = False, view: dict | None = None) -> list:
        """One user turn: echo it, answer it (or show ``view``), remember it."""
        chat = list(chat or [])
        try:
            q = validate.question("" if question is None else question)
        except PlanQAError:
            chat.append(notice("请输入问题。", "Please type a question."))
            return chat
        chat.append({"role": "user", "content": render.render_user(q)})
        try:
            k_ = validate.k(validate.DEFAULT_K if k is None else k)
            docs = library.documents_for(key)
            pa = library.assistant_for(key, scope(q, docs, plans))
            ans = view if view is not None else session.ask(
                pa, q, [] if fresh else library.history(key), k_, mode or None)
        except user_errors as err:
            chat.append(notice(user_error("ask", err), "The question could not be answered.", kind="error"))
            return chat
        except Exception:                              # keep the page alive, log the bug
            log.exception("ask failed")
            chat.append(notice("内部错误，请换个问法再试。", "Internal error; please rephrase and try again.",
                               kind="error"))
            return chat
        chat.append({"role": "assistant", "content": render.render_answer(
            ans, _titles(docs), several=len(docs) > 1)})
        if fresh:
            library.reset(key)
        library.push_history(key, q[:2000])
        return chat

    def on_submit(question, chat, k, mode, plans, request: gr.Request):
        return answer_turn(question, chat, _session_key(request), k, mode, plans), ""

    def on_outline(idx, chat, k, mode, plans, request: gr.Request):
        key = _session_key(request)
        lines = outline_for(key)
        if idx is None or not (0 <= int(idx) < len(lines)):
            return chat
        line = lines[int(idx)]
        doc_plans = [line.doc_id] if line.doc_id else plans
        if line.ask:
            return answer_turn(line.question, chat, key, k, mode, doc_plans, fresh=True)
        doc, sec = session.find_section(library.documents_for(key), line.doc_id, line.section_id)
        if sec is None:
            return chat
        view = session.section_view(doc, sec, int(k or validate.DEFAULT_K))
        return answer_turn(line.question, chat, key, k, mode, doc_plans, fresh=True, view=view)

    def on_example(idx, chat, k, mode, plans, request: gr.Request):
        if idx is None or not (0 <= int(idx) < len(EXAMPLES)):
            return chat
        return answer_turn(EXAMPLES[int(idx)], chat, _session_key(request), k, mode, plans)

    def on_reset(request: gr.Request):
        library.reset(_session_key(request))
        return [], ""

    def on_unload(request: gr.Request):
        library.forget(_session_key(request))

    def load_plan(key: str, path: str | None) -> tuple[Any, bool]:
        """(document, added) for an uploaded file; the web server's copy is removed at once."""
        try:
            return library.add_upload(key, path)
        finally:
            library.release_upload(path, ensure_upload_dir())

    def on_upload(file, request: gr.Request, progress=gr.Progress()):
        keep = (gr.update(), gr.update(), gr.update())
        if file is None:
            return (*keep, "", gr.update())
        key = _session_key(request)
        path = file if isinstance(file, str) else getattr(file, "name", str(file))
        progress(0.2, desc="解析并建立索引 · parsing and indexing")
        try:
            doc, added = load_plan(key, path)
        except user_errors as err:
            return (*keep, render.render_notice(f"无法载入：{user_error('upload', err)}",
                                                "The file could not be loaded.", kind="error"), None)
        except Exception as err:
            log.exception("upload failed")
            return (*keep, render.render_notice(f"无法载入：{_one_line(err)}", "The file could not be loaded.",
                                                kind="error"), None)
        progress(1.0, desc="完成 · done")
        docs = library.documents_for(key)
        title = display_title(doc.title)
        if added:
            msg = render.render_notice(
                f"已载入《{title}》（{len(doc.clauses)} 条），仅本会话可用，关闭页面即删除；可在「检索范围」中选择。",
                "Indexed for this session only and deleted when the page closes; choose it under 'plans to search'.",
                kind="ok")
            for note in load_notes(doc):       # what the reader could not read (an image page, a scan)
                msg += render.render_notice(f"注意：{note}", "Part of the file was not read.", kind="warn")
        else:
            msg = render.render_notice(f"《{title}》已经载入，未重复添加。",
                                       "This plan is already loaded; nothing was added.", kind="warn")
        return (
            gr.update(choices=session.doc_choices(docs), value=[d.doc_id for d in docs]),
            gr.Dataset(samples=[[it.label] for it in outline_for(key)]),
            _header_html(docs),
            msg,
            None,
        )

    def api_ask(question: str, history: list[str] | str | None = None, k: int = validate.DEFAULT_K,
                mode: str | None = None, request: gr.Request = None) -> dict:
        """Ask the shipped plan(s), plus any plan this client uploaded through /upload. Returns Answer.to_dict(): question, resolved_query, abstained, kind, lead, excerpts (text, citation, plan_title, section_path, pages, clause_id, matched_terms, highlights, score), suggestions, outline, notes. k: 1 to 10."""
        key = _session_key(request)
        try:
            q = validate.question(question)
            pa = library.assistant_for(key, scope(q, library.documents_for(key), None))
            kwargs: dict[str, Any] = {"history": history, "k": validate.DEFAULT_K if k is None else k}
            if mode:
                kwargs["mode"] = mode
            ans = pa.ask(q, **kwargs)
        except user_errors as err:
            raise gr.Error(user_error("api ask", err), print_exception=False) from None
        return ans.to_dict()

    def api_upload(file: str | None, request: gr.Request = None) -> dict:
        """Load a plan (txt, md, pdf, ofd, docx, doc, rtf, html, mht) for this client's session; /ask then searches it too.
        Returns {doc_id, title, clauses, added, warnings} (added is false when the same file was already loaded;
        warnings: what of the file was not read, one line each)."""
        if not file:
            raise gr.Error("请上传文件 (no file given)", print_exception=False)
        key = _session_key(request)
        try:
            doc, added = load_plan(key, file if isinstance(file, str) else getattr(file, "name", str(file)))
        except user_errors as err:
            raise gr.Error(user_error("api upload", err), print_exception=False) from None
        return {"doc_id": doc.doc_id, "title": display_title(doc.title), "clauses": len(doc.clauses),
                "added": added, "warnings": load_notes(doc)}

    user_errors = _user_errors()

    # ------------------------------------------------------------ layout
    with gr.Blocks(title="规划问答 · PlanQA", analytics_enabled=False, fill_width=True,
                   delete_cache=(300, 900)) as demo:
        header = gr.HTML(_header_html(shared_docs), padding=False)
        with gr.Row(equal_height=False, elem_id="pq-main"):
            # the conversation comes first in the page, so that a phone shows it (and the input) first;
            # on a wide screen CSS puts the outline column on the left
            with gr.Column(scale=3, min_width=320, elem_id="pq-chat-col"):
                chat = gr.Chatbot(
                    value=[], label="对话 · Chat", show_label=False, height=540, elem_id="pq-chat",
                    sanitize_html=True, allow_tags=False, render_markdown=True, latex_delimiters=[],
                    line_breaks=False, buttons=[], feedback_options=None, layout="bubble",
                    group_consecutive_messages=False,
                    placeholder="请提问，例如「电动车充电桩怎么建？」<br>Ask a question about the plan.",
                )
                with gr.Row(elem_id="pq-ask-row"):
                    box = gr.Textbox(
                        show_label=False, placeholder="输入问题 · Type a question, press Enter",
                        lines=1, max_lines=4, scale=8, elem_id="pq-input", autofocus=True,
                        label="问题 · question",
                    )
                    send = gr.Button("提问 · Ask", variant="primary", scale=1, min_width=90, elem_id="pq-send")
                with gr.Accordion("设置 · Settings", open=False, elem_id="pq-settings"):
                    with gr.Row():
                        k = gr.Slider(1, MAX_K, value=validate.DEFAULT_K, step=1,
                                      label="显示条文数 · excerpts per answer", elem_id="pq-k")
                        mode = gr.Radio(modes, value=default_mode, label="检索方式 · retrieval mode", elem_id="pq-mode")
                    plans = gr.CheckboxGroup(
                        session.doc_choices(shared_docs), value=[d.doc_id for d in shared_docs],
                        label="检索范围 · plans to search", elem_id="pq-plans",
                    )
                    upload = gr.File(
                        label="上传规划（txt / md / pdf / ofd / docx / doc / rtf / html / mht，仅本会话，关闭页面即删除）· upload a plan for this session",
                        file_count="single", type="filepath", elem_id="pq-upload",
                        # no file_types: Gradio would refuse other types itself, with a traceback and
                        # the file left in its cache; session.check_upload refuses them in one line
                        # and the cached copy is removed at once
                    )
                    status = gr.HTML("", elem_id="pq-status", padding=False)
            with gr.Column(scale=1, min_width=270, elem_classes=["pq-side"], elem_id="pq-side-col"):
                with gr.Accordion("规划目录 · Outline", open=True, elem_id="pq-outline-acc"):
                    outline = gr.Dataset(
                        components=[gr.Textbox(visible=False)], samples=[[it.label] for it in shared_outline],
                        type="index", layout="table", samples_per_page=500, show_label=False,
                        elem_id="pq-outline",
                    )
                with gr.Accordion("示例问题 · Try asking", open=True, elem_id="pq-examples-acc"):
                    examples = gr.Dataset(
                        components=[gr.Textbox(visible=False)], samples=[[q] for q in EXAMPLES],
                        type="index", layout="table", show_label=False, elem_id="pq-examples",
                    )
                reset = gr.Button("重新开始 · Reset", variant="secondary", size="sm", elem_id="pq-reset")
        with gr.Row(visible=False):                       # the HTTP API's upload endpoint (no page element)
            api_file = gr.File(type="filepath")
            api_result = gr.JSON()
            api_trigger = gr.Button()

        ask_inputs = [box, chat, k, mode, plans]
        box.submit(on_submit, ask_inputs, [chat, box], api_visibility="private")
        send.click(on_submit, ask_inputs, [chat, box], api_visibility="private")
        outline.click(on_outline, [outline, chat, k, mode, plans], [chat], api_visibility="private")
        examples.click(on_example, [examples, chat, k, mode, plans], [chat], api_visibility="private")
        reset.click(on_reset, None, [chat, box], api_visibility="private")
        chat.clear(on_reset, None, [chat, box], api_visibility="private")   # the chat's own 🗑
        upload.upload(on_upload, [upload], [plans, outline, header, status, upload], api_visibility="private")
        gr.api(api_ask, api_name="ask")
        api_trigger.click(api_upload, [api_file], [api_result], api_name="upload")
        if hasattr(shared, "compare") and hasattr(shared, "plan_metas"):
            compare_view.add_compare_view(shared, user_errors, chat_plans=plans)
        demo.unload(on_unload)

    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    demo.planqa_library = library
    return demo


_UPLOAD_DIR: str | None = None


def ensure_upload_dir() -> str:
    """Give the web server an upload cache of its own (a fresh temp folder per process,
    inside $GRADIO_TEMP_DIR when that is set), removed when the server stops."""
    global _UPLOAD_DIR
    if _UPLOAD_DIR is None or not os.path.isdir(_UPLOAD_DIR):
        base = os.environ.get("PLANQA_UPLOAD_BASE")       # the user's own choice, remembered on first use
        if base is None:
            base = os.environ.get("GRADIO_TEMP_DIR") or ""
            os.environ["PLANQA_UPLOAD_BASE"] = base
        if base:
            os.makedirs(base, exist_ok=True)
        _UPLOAD_DIR = tempfile.mkdtemp(prefix="planqa-uploads-", dir=base or None)
        os.environ["GRADIO_TEMP_DIR"] = _UPLOAD_DIR
        atexit.register(shutil.rmtree, _UPLOAD_DIR, True)
    return _UPLOAD_DIR


def shutdown(demo: gr.Blocks) -> None:
    """Stop serving and remove every session's files and the upload cache."""
    try:
        demo.close()
    finally:
        library = getattr(demo, "planqa_library", None)
        if library is not None:
            library.close()
        if _UPLOAD_DIR:
            shutil.rmtree(_UPLOAD_DIR, ignore_errors=True)


def launch_kwargs() -> dict:
    """What Gradio 6 wants at launch() rather than in the Blocks constructor."""
    theme = gr.themes.Soft(primary_hue="red", neutral_hue="slate", font=FONTS)
    return {"css": CSS + compare_view.CSS, "head": HEAD, "theme": theme, "footer_links": ["api"],
            "max_file_size": session.MAX_UPLOAD_BYTES}


def launch(port: int = 7860, host: str = "127.0.0.1", assistant_factory: Callable[[], Any] = None,
           block: bool = True, **kwargs) -> gr.Blocks:
    """Build and serve the app; with ``block=False`` returns once the server is up
    (call ``shutdown(demo)`` to stop it and remove every session's files).
    Blocking, it serves until Ctrl-C or SIGTERM, then cleans up the same way."""
    if not logging.getLogger().handlers:            # user errors: one line each in the server's log
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("planqa").setLevel(logging.INFO)
    demo = build_app(assistant_factory)
    opts = {**launch_kwargs(), **kwargs}
    print(f"planqa UI: http://{host}:{port}/  (API: /ask, /upload; see the page footer)", flush=True)
    if block:
        def stop(signum, frame):                       # SIGTERM: leave the serving loop as Ctrl-C does
            raise KeyboardInterrupt
        try:
            signal.signal(signal.SIGTERM, stop)
        except ValueError:                             # not the main thread
            pass
    try:
        demo.launch(server_name=host, server_port=port, prevent_thread_lock=not block,
                    show_error=False, quiet=True, **opts)
    finally:
        if block:
            shutdown(demo)
    return demo


def main(argv: list[str] | None = None) -> int:
    import argparse
    parser = argparse.ArgumentParser(prog="python -m ui.app", description="Serve the planqa chat UI.")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    launch(port=args.port, host=args.host)
    return 0


if __name__ == "__main__":                              # pragma: no cover
    raise SystemExit(main())
