"""The comparison view: one question, one card per plan, exports (Markdown, DOCX).

``render_comparison`` is a pure function (Comparison.to_dict() -> safe HTML);
``add_compare_view`` lays the view out inside the app's ``gr.Blocks`` and
registers the HTTP endpoints ``/plans``, ``/compare`` and ``/ask_plans``.
"""
from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence

import gradio as gr

from ui.render import esc, render_excerpt, render_outline_list

log = logging.getLogger("planqa.ui")

CSS = """
#pq-compare .pq-cmp-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; }
.pq-cmp-card { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 10px 12px;
  background: var(--background-fill-primary); line-height: 1.6; }
.pq-cmp-card h4 { margin: 0 0 2px 0; font-size: .98rem; color: #7a1c1f; }
.dark .pq-cmp-card h4 { color: #f2a7a9; }
.pq-cmp-meta { font-size: .78rem; color: var(--body-text-color-subdued); margin-bottom: 6px; }
.pq-cmp-none { color: var(--body-text-color-subdued); font-style: italic; margin: .4em 0; }
.pq-cmp-card.pq-cmp-abstain { opacity: .8; border-style: dashed; }
.pq-cmp-sum { font-size: .86rem; margin: 0 0 8px 0; }
"""

LEVEL_CHOICES = [("全部层级 · any level", ""), ("国家", "国家"), ("省", "省"), ("市", "市"), ("县", "县")]


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)


def meta_line(plan: Mapping) -> str:
    level = f"{plan.get('level')}级" if plan.get("level") else ""
    region = f"{plan.get('region')}（{plan['parent']}）" if plan.get("parent") else plan.get("region")
    parts = [level, region, plan.get("period"), plan.get("kind"), plan.get("issuer"),
             plan.get("doc_number"), plan.get("date")]
    return " · ".join(str(p) for p in parts if p)


def render_comparison(cmp: Any) -> str:
    """A Comparison (or its to_dict()) as one line of safe HTML: a card per plan."""
    if not isinstance(cmp, Mapping) and hasattr(cmp, "to_dict"):
        cmp = cmp.to_dict()
    plans = list(cmp.get("plans") or [])
    n_yes = sum(1 for p in plans if p.get("addressed"))
    parts = [f'<div class="pq-cmp-sum">问题：<strong>{esc(cmp.get("question", ""))}</strong> · '
             f'{n_yes} / {len(plans)} 个规划涉及 · addressed by {n_yes} of {len(plans)} plans</div>',
             '<div class="pq-cmp-grid">']
    for p in plans:
        plan, ans = p.get("plan") or {}, p.get("answer") or {}
        name = plan.get("short_title") or plan.get("title") or p.get("doc_id", "")
        cls = "pq-cmp-card" + ("" if p.get("addressed") else " pq-cmp-abstain")
        parts.append(f'<section class="{cls}" data-doc="{esc(p.get("doc_id", ""))}">'
                     f'<h4>《{esc(plan.get("title", ""))}》</h4>'
                     f'<div class="pq-cmp-meta">{esc(meta_line(plan))}</div>')
        if not p.get("addressed"):
            parts.append('<p class="pq-cmp-none">本规划未涉及这一问题。'
                         '<span class="pq-en"> The plan does not address this.</span></p>')
            if p.get("reason"):
                parts.append(f'<p class="pq-cmp-why">{esc(p["reason"])}</p>')
        else:
            if ans.get("lead"):
                parts.append(f'<p class="pq-lead">{esc(ans["lead"])}</p>')
            if ans.get("outline"):
                parts.append(render_outline_list(ans["outline"]))
            for i, hit in enumerate(ans.get("excerpts") or (), 1):
                parts.append(render_excerpt(hit, name, open_=(i == 1), index=i))
        parts.append("</section>")
    parts.append("</div>")
    return "".join(parts)


def plan_choices(metas: Sequence[Any]) -> list[tuple[str, str]]:
    return [(f"{_get(m, 'title')}（{meta_line(m.to_dict() if hasattr(m, 'to_dict') else m) or '—'}）",
             _get(m, "doc_id")) for m in metas]


def _export_dir() -> Path:
    d = Path(tempfile.gettempdir()) / "planqa-compare"
    d.mkdir(parents=True, exist_ok=True)
    return d


def export_files(cmp: Any) -> tuple[str, str]:
    """Write the comparison as Markdown and DOCX; returns their paths."""
    md = cmp.to_markdown()
    tag = hashlib.sha256(md.encode("utf-8")).hexdigest()[:10]
    d = _export_dir()
    md_path, docx_path = d / f"规划对比-{tag}.md", d / f"规划对比-{tag}.docx"
    from assistant.compare import _write_atomic
    _write_atomic(md_path, md.encode("utf-8"))
    cmp.to_docx(docx_path)
    return str(md_path), str(docx_path)


def add_compare_view(shared: Any, user_errors: tuple, chat_plans: Any = None) -> None:
    """The comparison view (call inside ``gr.Blocks``). ``chat_plans``: the chat's
    plan selector, which the metadata filters also narrow."""
    from assistant.library import select
    metas = list(shared.plan_metas().values())
    all_ids = [m.doc_id for m in metas]

    def values(attr: str) -> list[str]:
        return sorted({getattr(m, attr) for m in metas if getattr(m, attr)})

    def filtered(level, region, period, kind) -> list[str]:
        if not any((level, region, period, kind)):
            return all_ids
        try:
            return list(select(metas, level=level or None, region=region or None, period=period or None,
                               kind=kind or None))
        except user_errors:
            return []

    def on_filter(level, region, period, kind):
        ids = filtered(level, region, period, kind)
        note = "" if ids else '<div class="pq-notice pq-warn"><strong>没有符合条件的规划。</strong></div>'
        out = [gr.update(value=ids), note]
        if chat_plans is not None:
            out.append(gr.update(value=ids or all_ids))
        return out

    def on_compare(question, plan_ids, k):
        hidden = gr.update(visible=False, value=None)
        if question is None or not str(question).strip():
            return ('<div class="pq-notice pq-warn"><strong>请输入要对比的问题。</strong>'
                    '<span class="pq-en">Please type a question.</span></div>', hidden, hidden)
        if not plan_ids:
            return ('<div class="pq-notice pq-warn"><strong>请至少选择一个规划。</strong>'
                    '<span class="pq-en">Select at least one plan.</span></div>', hidden, hidden)
        try:
            cmp = shared.compare(str(question), plans=list(plan_ids), k=int(k or 3))
            md_path, docx_path = export_files(cmp)
        except user_errors as err:
            return (f'<div class="pq-notice pq-error"><strong>{esc(" ".join(str(err).split())[:400])}</strong>'
                    '</div>', hidden, hidden)
        except Exception:
            log.exception("compare failed")
            return ('<div class="pq-notice pq-error"><strong>内部错误，请换个问法再试。</strong></div>',
                    hidden, hidden)
        return (render_comparison(cmp), gr.update(visible=True, value=md_path),
                gr.update(visible=True, value=docx_path))

    def api_plans(region: str | None = None, level: str | None = None, period: str | None = None,
                  kind: str | None = None) -> list[dict]:
        """The loaded plans and their metadata (doc_id, title, issuer, doc_number, date, level, region, period, kind …), filtered."""
        try:
            ids = set(select(metas, region=region, level=level, period=period, kind=kind))
        except user_errors as err:
            raise gr.Error(" ".join(str(err).split())[:400]) from err
        return [m.to_dict() for m in metas if m.doc_id in ids]

    def api_compare(question: str, plans: list[str] | None = None, region: str | None = None,
                    level: str | None = None, period: str | None = None, kind: str | None = None,
                    k: int = 3, mode: str | None = None) -> dict:
        """Ask one question of each selected plan. Returns {question, plans: [{doc_id, plan, addressed, answer}], addressed}."""
        try:
            cmp = shared.compare(str(question or ""), plans=list(plans or []) or None, k=int(k or 3),
                                 mode=mode or None, region=region, level=level, period=period, kind=kind)
        except user_errors as err:
            raise gr.Error(" ".join(str(err).split())[:400]) from err
        return cmp.to_dict()

    def api_ask_plans(question: str, plans: list[str] | None = None, region: str | None = None,
                      level: str | None = None, period: str | None = None, kind: str | None = None,
                      history: list[str] | None = None, k: int = 5, mode: str | None = None) -> dict:
        """Like /ask, restricted to the plans passing the filters (doc ids, region, level, period, kind)."""
        if question is None or not str(question).strip():
            raise gr.Error("请输入问题 (the question is empty)")
        try:
            ids = select(metas, plans=list(plans or []) or None, region=region, level=level, period=period,
                         kind=kind) if any((plans, region, level, period, kind)) else None
            ans = shared.ask(str(question), history=list(history or []) or None, k=int(k or 5),
                             mode=mode or None, plans=ids)
        except user_errors as err:
            raise gr.Error(" ".join(str(err).split())[:400]) from err
        return ans.to_dict()

    with gr.Accordion("规划对比 · Compare plans", open=len(metas) > 1, elem_id="pq-compare"):
        with gr.Row():
            level = gr.Dropdown(LEVEL_CHOICES, value="", label="层级 · level", elem_id="pq-f-level", scale=1)
            region = gr.Dropdown([("全部地区 · any", "")] + [(v, v) for v in values("region")], value="",
                                 label="地区 · region", elem_id="pq-f-region", scale=1)
            period = gr.Dropdown([("全部时期 · any", "")] + [(v, v) for v in values("period")], value="",
                                 label="时期 · period", elem_id="pq-f-period", scale=1)
            kind = gr.Dropdown([("全部类型 · any", "")] + [(v, v) for v in values("kind")], value="",
                               label="类型 · kind", elem_id="pq-f-kind", scale=1)
        chosen = gr.CheckboxGroup(plan_choices(metas), value=all_ids, label="参与对比的规划 · plans to compare",
                                  elem_id="pq-cmp-plans")
        filter_note = gr.HTML("", elem_id="pq-f-note", padding=False)
        with gr.Row():
            question = gr.Textbox(show_label=False, placeholder="对比的问题，例如「氢能产业发展目标」· a topic to compare",
                                  scale=6, elem_id="pq-cmp-q")
            k = gr.Slider(1, 5, value=3, step=1, label="每个规划的条文数 · excerpts per plan", scale=2,
                          elem_id="pq-cmp-k")
            go = gr.Button("对比 · Compare", variant="primary", scale=1, min_width=90, elem_id="pq-cmp-go")
        out = gr.HTML("", elem_id="pq-cmp-out", padding=False)
        with gr.Row():
            md = gr.DownloadButton("导出 Markdown · export", visible=False, elem_id="pq-cmp-md", size="sm")
            docx = gr.DownloadButton("导出 Word · export DOCX", visible=False, elem_id="pq-cmp-docx", size="sm")
    outs = [chosen, filter_note] + ([chat_plans] if chat_plans is not None else [])
    for dd in (level, region, period, kind):
        dd.change(on_filter, [level, region, period, kind], outs, api_visibility="private")
    go.click(on_compare, [question, chosen, k], [out, md, docx], api_visibility="private")
    question.submit(on_compare, [question, chosen, k], [out, md, docx], api_visibility="private")
    gr.api(api_plans, api_name="plans")
    gr.api(api_compare, api_name="compare")
    gr.api(api_ask_plans, api_name="ask_plans")
