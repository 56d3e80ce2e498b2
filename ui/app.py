"""The Gradio chat app: layout and event wiring only.

Rendering lives in ``ui.render`` (pure, escaped), session bookkeeping in
``ui.session``; this module turns them into a ``gr.Blocks``.

    from ui.app import build_app, launch
    launch(port=7860)                      # shipped plan, http://127.0.0.1:7860
"""
from __future__ import annotations

import logging
from typing import Any, Callable

import gradio as gr

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
MAX_K = 10
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


def _available_modes(pa: Any) -> list[tuple[str, str]]:
    """Dense and hybrid need an encoder; without one only BM25 is offered."""
    if getattr(pa, "encoder_name", None) == "none":
        return [m for m in MODES if m[1] == "bm25"]
    return MODES


def _header_html(documents) -> str:
    titles = "、".join(f"《{render.esc(d.title)}》" for d in documents) or "（未加载规划）"
    return (
        '<div id="pq-header"><h1>规划问答 <span class="pq-h-en">PlanQA</span>'
        f'<span class="pq-plan">{titles}</span></h1>'
        '<div class="pq-sub">回答均摘自规划原文，注明章节与页码；规划未涉及的问题会如实说明。'
        '<span class="pq-sub-en">Every answer is a verbatim, cited excerpt of the plan; '
        "questions it does not cover are declined.</span></div></div>"
    )


def _titles(pa: Any) -> dict[str, str]:
    return {d.doc_id: d.title for d in getattr(pa, "documents", ())}


def build_app(assistant_factory: Callable[[], Any] = None,
              make_assistant: Callable[[list, str | None], Any] | None = None) -> gr.Blocks:
    """The chat app over one shared assistant (``assistant_factory()`` is called once, now,
    and its index opened or built before the page is served).

    ``make_assistant(documents, index_dir)`` builds assistants over other
    document sets (uploads, a subset of plans); by default one like the shared one.
    """
    factory = assistant_factory or _default_factory
    shared = factory()
    getattr(shared, "retriever", None)
    library = session.PlanLibrary(shared, make=make_assistant)
    user_errors = _user_errors()
    shared_docs = list(library.shared_docs)
    shared_outline = session.outline_items(shared_docs)
    modes = _available_modes(shared)
    default_mode = getattr(shared, "mode", None) or modes[0][1]
    if default_mode not in [m[1] for m in modes]:
        default_mode = modes[0][1]

    def outline_state(items) -> list[dict]:
        return [{"doc_id": it.doc_id, "section_id": it.section_id, "question": it.question, "ask": it.ask}
                for it in items]

    def initial_state() -> dict:
        st = session.new_state()
        st["outline"] = outline_state(shared_outline)
        return st

    def notice(zh: str, en: str, kind: str = "warn") -> dict:
        return {"role": "assistant", "content": render.render_notice(zh, en, kind=kind)}

    # ------------------------------------------------------------ handlers
    def answer_turn(question: str, chat: list, state: dict, k: float, mode: str, plans: list,
                    fresh: bool = False, view: dict | None = None) -> tuple[list, dict]:
        """One user turn: echo it, answer it (or show ``view``), remember it."""
        chat = list(chat or [])
        state = dict(state or initial_state())
        q = "" if question is None else str(question)
        if not q.strip():
            chat.append(notice("请输入问题。", "Please type a question."))
            return chat, state
        chat.append({"role": "user", "content": render.render_user(q)})
        try:
            pa = library.assistant_for(state, plans if plans is not None else None)
            ans = view if view is not None else session.ask(
                pa, q, [] if fresh else state.get("history", []), int(k or 5), mode or None)
        except user_errors as err:
            chat.append(notice(_one_line(err), "The question could not be answered.", kind="error"))
            return chat, state
        except Exception:                              # keep the page alive, log the bug
            log.exception("ask failed")
            chat.append(notice("内部错误，请换个问法再试。", "Internal error; please rephrase and try again.",
                               kind="error"))
            return chat, state
        chat.append({"role": "assistant", "content": render.render_answer(ans, _titles(pa))})
        if fresh:
            state["history"] = []
        state = session.push_history(state, q[:2000])
        return chat, state

    def on_submit(question, chat, state, k, mode, plans):
        chat, state = answer_turn(question, chat, state, k, mode, plans)
        return chat, state, ""

    def on_outline(idx, chat, state, k, mode, plans):
        lines = (state or {}).get("outline") or []
        if idx is None or not (0 <= int(idx) < len(lines)):
            return chat, state
        line = lines[int(idx)]
        doc_plans = [line["doc_id"]] if line.get("doc_id") else plans
        if line.get("ask"):
            return answer_turn(line["question"], chat, state, k, mode, doc_plans, fresh=True)
        doc, sec = session.find_section(library.documents_for(state), line["doc_id"], line["section_id"])
        if sec is None:
            return chat, state
        view = session.section_view(doc, sec, int(k or 5))
        return answer_turn(line["question"], chat, state, k, mode, doc_plans, fresh=True, view=view)

    def on_example(idx, chat, state, k, mode, plans):
        if idx is None or not (0 <= int(idx) < len(EXAMPLES)):
            return chat, state
        return answer_turn(EXAMPLES[int(idx)], chat, state, k, mode, plans)

    def on_reset(state):
        state = dict(state or initial_state())
        state["history"] = []
        return [], state, ""

    def on_upload(file, state, progress=gr.Progress()):
        state = dict(state or initial_state())
        keep = (state, gr.update(), gr.update(), gr.update())
        if file is None:
            return (*keep, "", gr.update())
        path = file if isinstance(file, str) else getattr(file, "name", str(file))
        progress(0.2, desc="解析并建立索引 · parsing and indexing")
        try:
            state, doc = library.add_upload(state, path)
        except user_errors as err:
            return (*keep, render.render_notice(f"无法载入：{_one_line(err)}", "The file could not be loaded.",
                                                kind="error"), None)
        except Exception as err:
            log.exception("upload failed")
            return (*keep, render.render_notice(f"无法载入：{_one_line(err)}", "The file could not be loaded.",
                                                kind="error"), None)
        progress(1.0, desc="完成 · done")
        docs = library.documents_for(state)
        items = session.outline_items(docs)
        state["outline"] = outline_state(items)
        msg = render.render_notice(
            f"已载入《{doc.title}》（{len(doc.clauses)} 条），仅本会话可用；可在「检索范围」中选择。",
            "Indexed for this session only; choose it under 'plans to search'.", kind="ok")
        return (
            state,
            gr.update(choices=session.doc_choices(docs), value=[d.doc_id for d in docs]),
            gr.Dataset(samples=[[it.label] for it in items]),
            _header_html(docs),
            msg,
            None,
        )

    def api_ask(question: str, history: list[str] | None = None, k: int = 5,
                mode: str | None = None) -> dict:
        """Ask the shipped plan(s). Returns Answer.to_dict(): question, resolved_query, abstained, kind, lead, excerpts (text, citation, section_path, pages, clause_id, matched_terms, highlights, score), suggestions, outline, notes."""
        if question is None or not str(question).strip():
            raise gr.Error("请输入问题 (the question is empty)")
        try:
            kwargs: dict[str, Any] = {"history": list(history or []) or None, "k": int(k or 5)}
            if mode:
                kwargs["mode"] = mode
            ans = shared.ask(str(question), **kwargs)
        except user_errors as err:
            raise gr.Error(_one_line(err)) from err
        return ans.to_dict()

    # ------------------------------------------------------------ layout
    with gr.Blocks(title="规划问答 · PlanQA", analytics_enabled=False, fill_width=True) as demo:
        state = gr.State(initial_state(), time_to_live=6 * 3600, delete_callback=library.forget)
        header = gr.HTML(_header_html(shared_docs), padding=False)
        with gr.Row(equal_height=False):
            with gr.Column(scale=1, min_width=270, elem_classes=["pq-side"]):
                gr.Markdown("### 规划目录 · Outline", elem_classes=["pq-side-title"])
                outline = gr.Dataset(
                    components=[gr.Textbox(visible=False)], samples=[[it.label] for it in shared_outline],
                    type="index", layout="table", samples_per_page=500, show_label=False,
                    elem_id="pq-outline",
                )
                gr.Markdown("### 示例问题 · Try asking", elem_classes=["pq-side-title"])
                examples = gr.Dataset(
                    components=[gr.Textbox(visible=False)], samples=[[q] for q in EXAMPLES],
                    type="index", layout="table", show_label=False, elem_id="pq-examples",
                )
                reset = gr.Button("重新开始 · Reset", variant="secondary", size="sm", elem_id="pq-reset")
            with gr.Column(scale=3, min_width=480):
                chat = gr.Chatbot(
                    value=[], label="对话 · Chat", show_label=False, height=540, elem_id="pq-chat",
                    sanitize_html=True, allow_tags=False, render_markdown=True, latex_delimiters=[],
                    line_breaks=False, buttons=[], feedback_options=None, layout="bubble",
                    placeholder="请提问，例如「电动车充电桩怎么建？」<br>Ask a question about the plan.",
                )
                with gr.Row():
                    box = gr.Textbox(
                        show_label=False, placeholder="输入问题 · Type a question, press Enter",
                        lines=1, max_lines=4, scale=8, elem_id="pq-input", autofocus=True,
                    )
                    send = gr.Button("提问 · Ask", variant="primary", scale=1, min_width=90, elem_id="pq-send")
                with gr.Accordion("设置 · Settings", open=False, elem_id="pq-settings"):
                    with gr.Row():
                        k = gr.Slider(1, MAX_K, value=5, step=1, label="显示条文数 · excerpts per answer",
                                      elem_id="pq-k")
                        mode = gr.Radio(modes, value=default_mode, label="检索方式 · retrieval mode", elem_id="pq-mode")
                    plans = gr.CheckboxGroup(
                        session.doc_choices(shared_docs), value=[d.doc_id for d in shared_docs],
                        label="检索范围 · plans to search", elem_id="pq-plans",
                    )
                    upload = gr.File(
                        label="上传规划（txt / md / pdf / docx，仅本会话）· upload a plan for this session",
                        file_types=list(session.ALLOWED_SUFFIXES), file_count="single", type="filepath",
                        elem_id="pq-upload",
                    )
                    status = gr.HTML("", elem_id="pq-status", padding=False)

        ask_inputs = [box, chat, state, k, mode, plans]
        box.submit(on_submit, ask_inputs, [chat, state, box], api_visibility="private")
        send.click(on_submit, ask_inputs, [chat, state, box], api_visibility="private")
        outline.click(on_outline, [outline, chat, state, k, mode, plans], [chat, state],
                      api_visibility="private")
        examples.click(on_example, [examples, chat, state, k, mode, plans], [chat, state],
                       api_visibility="private")
        reset.click(on_reset, [state], [chat, state, box], api_visibility="private")
        chat.clear(on_reset, [state], [chat, state, box], api_visibility="private")   # the chat's own 🗑
        upload.upload(on_upload, [upload, state], [state, plans, outline, header, status, upload],
                      api_visibility="private")
        gr.api(api_ask, api_name="ask")
        if hasattr(shared, "compare") and hasattr(shared, "plan_metas"):
            compare_view.add_compare_view(shared, user_errors, chat_plans=plans)

    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return demo


def launch_kwargs() -> dict:
    """What Gradio 6 wants at launch() rather than in the Blocks constructor."""
    theme = gr.themes.Soft(primary_hue="red", neutral_hue="slate", font=FONTS)
    return {"css": CSS + compare_view.CSS, "head": HEAD, "theme": theme, "footer_links": ["api"],
            "max_file_size": session.MAX_UPLOAD_BYTES}


def launch(port: int = 7860, host: str = "127.0.0.1", assistant_factory: Callable[[], Any] = None,
           block: bool = True, **kwargs) -> gr.Blocks:
    """Build and serve the app; with ``block=False`` returns once the server is up."""
    demo = build_app(assistant_factory)
    opts = {**launch_kwargs(), **kwargs}
    print(f"planqa UI: http://{host}:{port}/  (API: /ask, see the page footer)", flush=True)
    demo.launch(server_name=host, server_port=port, prevent_thread_lock=not block,
                show_error=False, quiet=True, **opts)
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
