"""Plain-text rendering of answers and outlines for the terminal."""
from __future__ import annotations

from assistant.answer import Answer, display_title, ocr_tag, pages_label


def answer_text(ans: Answer, show_resolved: bool = True) -> str:
    """The answer as terminal text; citations name their plan when several plans are loaded."""
    lines: list[str] = []
    if show_resolved and ans.resolved_query and ans.resolved_query != ans.question:
        lines.append(f"理解为：{ans.resolved_query}")
    for note in ans.notes:
        lines.append(f"（{note}）")
    if ans.kind == "chat":           # a greeting or thanks: the note above is the reply
        if ans.suggestions:
            lines.append("可以这样问：" + "；".join(ans.suggestions))
        return "\n".join(lines)
    if ans.abstained:
        lines.append("规划中没有找到能回答这个问题的内容。")
        if ans.suggestions:
            lines.append("你可能想问：" + "；".join(ans.suggestions))
        return "\n".join(lines)
    if ans.kind == "structure":
        top = min((e.level for e in ans.outline), default=1)
        if ans.lead and not ans.outline:
            lines.append(ans.lead)
        for e in ans.outline:
            indent = "  " * max(0, e.level - top)
            page = pages_label(e.pages)
            lines.append(f"{indent}{display_title(e.label)}" + (f"  ({page})" if page else ""))
        if not ans.outline:
            for h in ans.excerpts:
                tag = ocr_tag(h)
                lines.append(f"{h.text}  {ans.citation(h)}" + (f"  〔{tag}〕" if tag else ""))
        return "\n".join(lines)
    if ans.lead:
        lines.append(f"答：{ans.lead}")
    for i, h in enumerate(ans.excerpts, 1):
        lines.append("")
        tag = ocr_tag(h)
        lines.append(f"[{i}] {ans.citation(h)}" + (f"  〔{tag}〕" if tag else ""))
        # an excerpt of several lines (a lead and the items it announces) stays under its number
        lines.extend(f"    {line}" for line in h.text.split("\n"))
    return "\n".join(lines)
