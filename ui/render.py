"""Answer -> safe HTML for the chat, as pure functions (no gradio here).

Everything that came from a plan or from a user is escaped before it is put
into markup; the only tags in the output are the ones written in this file.
Output is one line of HTML (no blank lines, no leading indentation) so that a
Markdown pass in the chat component leaves it alone as a raw HTML block.
"""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Iterable, Mapping, Sequence

from assistant.answer import citation, display_title, ocr_tag, pages_label
from assistant.text import highlight_spans
from index.hit import Hit

# Display limits (the assistant gets the full text; the page shows a bounded echo).
USER_ECHO_CHARS = 400
SNIPPET_CHARS = 36

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def esc(text: Any) -> str:
    """Escape for HTML text and attribute values; drops control/bidi characters."""
    s = "" if text is None else str(text)
    s = _CONTROL.sub("", s)
    return html.escape(s, quote=True)


def esc_multiline(text: Any) -> str:
    """Escape and turn newlines into <br> (so no blank line ends a raw HTML block)."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "<br>".join(esc(line) for line in s.split("\n"))


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


# ---------------------------------------------------------------- citations

def page_label(pages: Sequence[int] | None) -> str:
    """(7, 7) -> '第7页'; (7, 8) -> '第7–8页'; missing -> ''."""
    return pages_label(tuple(pages)[:2]) if pages and len(tuple(pages)) >= 2 else ""


def _as_hit(hit: Any) -> Hit:
    if isinstance(hit, Mapping):
        return Hit(text=hit.get("text", ""), clause_id=hit.get("clause_id", ""),
                   section_path=tuple(hit.get("section_path", ()) or ()), pages=tuple(hit.get("pages", ()) or ()),
                   score=float(hit.get("score", 0.0) or 0.0), doc_id=hit.get("doc_id", ""),
                   title=hit.get("title", ""))
    return hit


def citation_label(hit: Any, plan_title: str | None = None) -> str:
    """'〔三、（一）集成电路产业 · 第7页〕' (with ``plan_title``: '〔《某县规划》二、（一）智慧农业 · 第2页〕'):
    the assistant's own formatter, so the page and ``planqa ask`` cite alike."""
    if plan_title:
        return citation(_as_hit(hit), plan_title)
    given = _get(hit, "citation")
    if given:
        return str(given)
    return citation(_as_hit(hit))


def citation_text(hit: Any, plan_title: str = "") -> str:
    """What the copy button puts on the clipboard:
    “excerpt”——《plan title》〔三、（一）集成电路产业 · 第7页〕"""
    text = (_get(hit, "text", "") or "").strip()
    source = (f"《{display_title(plan_title)}》" if plan_title else "") + citation(_as_hit(hit))
    return f"“{text}”——{source}" if source else f"“{text}”"


# ---------------------------------------------------------------- highlighting

def _term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """The assistant's highlight spans, minus single Latin letters/digits, which would light up everything."""
    return highlight_spans(text, [t for t in terms if t and t.strip() and not (len(t.strip()) == 1 and t.isascii())])


def highlight(text: str, terms: Iterable[str] = (), spans: Iterable[Sequence[int]] | None = None) -> str:
    """Escape text (newlines as <br>) and wrap highlighted parts in <mark>.

    ``spans`` ([start, end) pairs, e.g. the assistant's ``highlights``) win over
    ``terms``; spans that overlap, run backwards or fall outside the text are dropped.
    """
    text = "" if text is None else str(text)
    if spans is not None:
        clean: list[tuple[int, int]] = []
        last = 0
        for sp in sorted((int(a), int(b)) for a, b in (tuple(x)[:2] for x in spans if len(tuple(x)) >= 2)):
            i, j = sp
            if 0 <= i < j <= len(text) and i >= last:
                clean.append((i, j))
                last = j
        chosen = clean
    else:
        chosen = _term_spans(text, terms or ())
    out: list[str] = []
    pos = 0
    for i, j in chosen:
        out.append(esc_multiline(text[pos:i]))
        out.append(f"<mark>{esc_multiline(text[i:j])}</mark>")
        pos = j
    out.append(esc_multiline(text[pos:]))
    return "".join(out)


# ---------------------------------------------------------------- messages

def render_user(question: str) -> str:
    """The user's turn as shown in the chat: escaped, bounded, newlines kept."""
    q = "" if question is None else str(question)
    note = ""
    if len(q) > USER_ECHO_CHARS:
        note = f'<span class="pq-note">…（共{len(q)}字，仅显示前{USER_ECHO_CHARS}字）</span>'
        q = q[:USER_ECHO_CHARS]
    return f'<div class="pq-user">{esc_multiline(q)}{note}</div>'


def _ocr_badge(hit: Any) -> str:
    """A small "OCR 识别 0.97" tag on excerpts read from a scanned page (not guaranteed verbatim)."""
    label = ocr_tag(hit)
    if not label:
        return ""
    return ('<span class="pq-ocr" title="由扫描页 OCR 识别，文字可能有误，请核对原件 · read by OCR from a scanned page: '
            'check against the original" style="font-size:.8em;border:1px solid #b26b00;color:#b26b00;'
            f'border-radius:3px;padding:0 4px;margin-right:6px">{esc(label)}</span>')


def render_excerpt(hit: Any, plan_title: str = "", open_: bool = False, index: int = 1,
                   name_plan: bool = False) -> str:
    """One cited excerpt, collapsible; ``name_plan``: the label names the plan (several loaded)."""
    text = _get(hit, "text", "") or ""
    terms = _get(hit, "matched_terms", ()) or ()
    spans = _get(hit, "highlights")
    label = citation_label(hit, plan_title if name_plan and plan_title else None)
    # a lead and the items it announces are lines of one excerpt: each on its own line when open, one
    # line in the summary; no raw newline may reach the message (a blank line ends a raw HTML block)
    flat = " ".join(text.split("\n"))
    snippet = flat[:SNIPPET_CHARS] + ("…" if len(flat) > SNIPPET_CHARS else "")
    cite = citation_text(hit, plan_title)
    opened = " open" if open_ else ""
    return (
        f'<details class="pq-excerpt"{opened}>'
        f'<summary><span class="pq-n">{index}</span>'
        f'<span class="pq-cite">{esc(label)}</span>{_ocr_badge(hit)}'
        f'<span class="pq-snippet">{esc(snippet)}</span></summary>'
        f'<blockquote class="pq-text">{highlight(text, terms, spans)}</blockquote>'
        f'<div class="pq-actions"><span class="pq-cite-src" hidden>{esc(cite).replace(chr(10), "&#10;")}</span>'
        f'<button type="button" class="pq-copy">复制引用 · copy citation</button></div>'
        f"</details>"
    )


def _outline_item(item: Any) -> tuple[str, str]:
    """(heading text, page label) of one outline entry of a structure answer."""
    if isinstance(item, str):
        return item, ""
    number = (_get(item, "number", "") or "").strip()
    title = (_get(item, "title", "") or "").strip()
    sep = "" if (not number or number.endswith(("、", "）", ")", ".", "．"))) else " "
    heading = f"{number}{sep}{title}".strip() if (number or title) else str(item)
    return display_title(heading), page_label(_get(item, "pages"))


def render_outline_list(items: Sequence[Any]) -> str:
    lis = []
    for item in items or ():
        heading, pg = _outline_item(item)
        level = _get(item, "level", 1) if not isinstance(item, str) else 1
        try:
            level = max(1, min(4, int(level)))
        except (TypeError, ValueError):
            level = 1
        pg_html = f' <span class="pq-page">{esc(pg)}</span>' if pg else ""
        lis.append(f'<li class="pq-l{level}">{esc(heading)}{pg_html}</li>')
    return f'<ul class="pq-outline">{"".join(lis)}</ul>' if lis else ""


def render_suggestions(suggestions: Sequence[str]) -> str:
    """Suggested questions as buttons: a click asks them (the page script fills the input)."""
    return "".join(f'<li><button type="button" class="pq-ask">{esc(s)}</button></li>' for s in suggestions)


MAP_NOTE = ("此专栏在原文中是一幅地图，规划文本只有它的标题，请查阅原文件。"
            " · This box is a map in the original document; the text holds only its title.")


def is_map_only(answer: Any) -> bool:
    """A structure answer about a 专栏 that is a map (布局图): nothing but its heading in the text."""
    excerpts = list(_get(answer, "excerpts", ()) or ())
    lead = display_title(_get(answer, "lead", "") or "")
    return (_get(answer, "kind", "") == "structure" and bool(excerpts)
            and all((_get(h, "kind", "") or "") == "heading" for h in excerpts)
            and "专栏" in lead and lead.rstrip("。").endswith("图"))


def render_answer(answer: Any, plan_titles: Mapping[str, str] | None = None, default_title: str = "",
                  several: bool = False) -> str:
    """An Answer (object or its to_dict()) as one line of safe HTML; with ``several``
    (more than one plan loaded) every citation names its plan."""
    plan_titles = plan_titles or {}
    if not isinstance(answer, Mapping) and hasattr(answer, "to_dict"):
        answer = answer.to_dict()
    question = _get(answer, "question", "") or ""
    resolved = (_get(answer, "resolved_query", "") or "").strip()
    abstained = bool(_get(answer, "abstained", False))
    lead = (_get(answer, "lead", "") or "").strip()
    excerpts = list(_get(answer, "excerpts", ()) or ())
    suggestions = [s for s in (_get(answer, "suggestions", ()) or ()) if s]
    kind = _get(answer, "kind", "") or ("abstain" if abstained else "answer")
    outline = list(_get(answer, "outline", ()) or ())
    notes = [n for n in (_get(answer, "notes", ()) or ()) if n]

    parts: list[str] = ['<div class="pq-answer">']
    if resolved and _norm(resolved) != _norm(question):
        # follow-ups are rewritten from the dialogue: say how, right under the question
        parts.append(f'<div class="pq-resolved">理解为：{esc(resolved)}'
                     '<span class="pq-en-inline"> · understood as</span></div>')
    for note in notes:
        parts.append(f'<div class="pq-note">{esc(note)}</div>')

    if kind == "chat":
        # a greeting, thanks or "你能做什么": the note above is the reply; nothing of the plan is shown
        if suggestions:
            parts.append('<p class="pq-suggest-h">可以这样问（点击即问）· try asking:</p>'
                         f'<ul class="pq-suggest">{render_suggestions(suggestions)}</ul>')
        parts.append("</div>")
        return "".join(parts)
    if abstained:
        parts.append(
            '<div class="pq-abstain"><p class="pq-abstain-msg"><strong>规划中未找到与此问题相关的内容。</strong>'
            '<span class="pq-en">The plan does not cover this question.</span></p>'
        )
        if suggestions:
            parts.append('<p class="pq-suggest-h">您可能想了解（点击即问）· you may mean (click to ask):</p>'
                         f'<ul class="pq-suggest">{render_suggestions(suggestions)}</ul>')
        parts.append("</div>")
        # nearest sections may come as excerpts: show them collapsed, clearly labelled
        if excerpts:
            parts.append('<p class="pq-near">最接近的条文（仅供参考）· nearest clauses:</p>')
    else:
        if lead:
            parts.append(f'<p class="pq-lead">{esc(display_title(lead) if kind == "structure" else lead)}</p>')
        if is_map_only(answer):
            parts.append(f'<div class="pq-note pq-map">{esc(MAP_NOTE)}</div>')
        if kind == "structure" and outline:
            parts.append(render_outline_list(outline))

    if kind == "structure" and outline:     # the outline list above already shows the headings
        excerpts = [h for h in excerpts if (_get(h, "kind", "") or "") != "heading"]
    for i, hit in enumerate(excerpts, 1):
        title = plan_titles.get(_get(hit, "doc_id", "") or "", default_title)
        parts.append(render_excerpt(hit, title, open_=(i == 1 and not abstained), index=i, name_plan=several))

    if not abstained and suggestions:
        parts.append('<p class="pq-suggest-h">相关（点击即问）· see also (click to ask):</p>'
                     f'<ul class="pq-suggest">{render_suggestions(suggestions)}</ul>')
    parts.append("</div>")
    return "".join(parts)


def render_notice(zh: str, en: str = "", kind: str = "warn") -> str:
    """A system message in the chat (empty/too long question, bad file)."""
    en_html = f'<span class="pq-en">{esc(en)}</span>' if en else ""
    return f'<div class="pq-notice pq-{esc(kind)}"><strong>{esc(zh)}</strong>{en_html}</div>'


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or "")).rstrip("？?。.!！")
