"""Compare: one question asked of several plans, side by side.

Each plan is asked through ``PlanAssistant.ask(question, plans=[doc_id])`` —
the same ranking and the same abstention as a plain question. A comparison
asks one more thing of each plan that ``ask`` answers: does the plan use the
question's key terms at all? A plan that never uses a term of the question
carrying at least ``TOPIC_MIN_INFO`` nats of general-language information
(海绵城市, 数据安全, 骗保: the topic, not 如何/情况/推进) does not address that
topic, however close its nearest clause (``PlanAssistant.unused_terms``; the
parts of a compound close together count as the compound, and a term less a
one-character suffix as the term: 旅游 for 旅游业). What a question asks for
about its topic (举措, 部署, 安排: ``FRAME_WORDS``) is not the topic. The note
names the term. Measured on the comparison set (eval/results/compare).

    cmp = pa.compare("氢能产业发展目标", level="省")
    for r in cmp.results:
        print(r.meta.title, "未涉及" if not r.addressed else r.answer.lead)
    cmp.to_markdown(); cmp.to_docx("对比.docx")
"""
from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.answer import Answer, citation, pages_label
from assistant.errors import PlanQAError

NOT_ADDRESSED = "本规划未涉及这一问题。"
REASON_PREFIXES = ("本规划未使用", "相关条文中没有", "规划中没有提到")
TOPIC_MIN_INFO = 9.8        # nats; 0.7 of evidence.INFO_CAP (eval/compare.py measures it)
# what a question asks for about its topic, not the topic: "有什么举措/部署/安排"
FRAME_WORDS = frozenset("举措 措施 安排 部署 要求 任务 目标 进展 做法 办法 规定 政策 计划 打算 思路 考虑".split())
NOT_ADDRESSED_EN = "This plan does not address the question."
MAX_PLANS = 64


@dataclass(frozen=True)
class PlanResult:
    """One plan's answer in a comparison."""

    meta: object                # corpus.meta.PlanMeta
    answer: Answer

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    @property
    def addressed(self) -> bool:
        return not self.answer.abstained

    @property
    def reason(self) -> str:
        """Why a plan was declined, when a note says it ("本规划未使用：海绵"); "" otherwise."""
        if self.addressed:
            return ""
        return next((n for n in self.answer.notes if n.startswith(REASON_PREFIXES)), "")

    def citations(self) -> list[str]:
        """Full citations: the plan's name, then section and page."""
        return [citation(h, self.meta.name) for h in self.answer.excerpts]

    def to_dict(self) -> dict:
        d = self.answer.to_dict()
        for ex, full in zip(d["excerpts"], self.citations()):
            ex["plan_citation"] = full
        return {"doc_id": self.doc_id, "plan": self.meta.to_dict(), "addressed": self.addressed,
                "reason": self.reason, "answer": d}


@dataclass(frozen=True)
class Comparison:
    """``question`` asked of each plan of ``results`` (library order)."""

    question: str
    results: tuple

    @property
    def addressed(self) -> list:
        return [r for r in self.results if r.addressed]

    def to_dict(self) -> dict:
        return {"question": self.question, "plans": [r.to_dict() for r in self.results],
                "addressed": [r.doc_id for r in self.addressed]}

    def to_text(self) -> str:
        """The terminal form."""
        lines = [f"问题：{self.question}", f"（{len(self.addressed)}/{len(self.results)} 个规划涉及）"]
        for i, r in enumerate(self.results, 1):
            lines += ["", f"{'=' * 4} {i}. 《{r.meta.title}》 {meta_line(r.meta)}"]
            if not r.addressed:
                lines.append(f"  {NOT_ADDRESSED}" + (f"（{r.reason}）" if r.reason else ""))
                continue
            if r.answer.lead:
                lines.append(f"  答：{r.answer.lead}")
            lines.extend(f"  {line}" for line in outline_lines(r))
            for j, (h, cit) in enumerate(zip(r.answer.excerpts, r.citations()), 1):
                lines.append(f"  [{j}] {cit}")
                lines.append(f"      {h.text}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The export: a summary table, then each plan's excerpts with full citations."""
        out = [f"# 规划对比：{_md(self.question)}", "",
               f"问题 · Question：{_md(self.question)}  ",
               f"涉及 · Addressed：{len(self.addressed)} / {len(self.results)} 个规划", "",
               "| # | 规划 · Plan | 层级 | 地区 | 时期 | 结果 · Result |", "|---:|---|---|---|---|---|"]
        for i, r in enumerate(self.results, 1):
            m = r.meta
            res = f"{len(r.answer.excerpts)} 条摘录" if r.addressed else "未涉及"
            out.append(f"| {i} | 《{_md(m.title)}》 | {_md(m.level)} | {_md(m.region)} | {_md(m.period)} | {res} |")
        for i, r in enumerate(self.results, 1):
            out += ["", f"## {i}. 《{_md(r.meta.title)}》", "", f"*{_md(meta_line(r.meta))}*", ""]
            if not r.addressed:
                out.append(f"> {NOT_ADDRESSED}（{NOT_ADDRESSED_EN}）" + (f"  \n> {_md(r.reason)}" if r.reason else ""))
                continue
            if r.answer.lead:
                out += [f"**答：** {_md(r.answer.lead)}", ""]
            if r.answer.outline:
                out += [f"- {_md(line.strip())}" for line in outline_lines(r)] + [""]
            for j, (h, cit) in enumerate(zip(r.answer.excerpts, r.citations()), 1):
                out.append(f"{j}. {_md(h.text)}  ")
                out.append(f"   —— {_md(cit)}")
        out += ["", "---", "摘录均为规划原文，引文注明规划、章节与页码（planqa）。"]
        return "\n".join(out) + "\n"

    def to_docx(self, path: str | Path | None = None) -> bytes:
        """The export as a Word document (bytes; also written atomically to ``path`` if given)."""
        import docx
        from docx.shared import Pt, RGBColor

        d = docx.Document()
        d.add_heading(f"规划对比：{self.question}", level=1)
        d.add_paragraph(f"问题：{self.question}")
        d.add_paragraph(f"涉及：{len(self.addressed)} / {len(self.results)} 个规划")
        table = d.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, head in zip(table.rows[0].cells, ("规划", "层级", "地区", "时期", "结果")):
            cell.text = head
        for r in self.results:
            m = r.meta
            row = table.add_row().cells
            for cell, val in zip(row, (f"《{m.title}》", m.level, m.region, m.period,
                                       f"{len(r.answer.excerpts)} 条摘录" if r.addressed else "未涉及")):
                cell.text = val
        for i, r in enumerate(self.results, 1):
            d.add_heading(f"{i}. 《{r.meta.title}》", level=2)
            info = d.add_paragraph(meta_line(r.meta))
            info.runs[0].italic = True
            if not r.addressed:
                d.add_paragraph(f"{NOT_ADDRESSED}（{NOT_ADDRESSED_EN}）")
                if r.reason:
                    d.add_paragraph(r.reason)
                continue
            if r.answer.lead:
                p = d.add_paragraph()
                p.add_run("答：").bold = True
                p.add_run(r.answer.lead)
            for line in outline_lines(r):
                d.add_paragraph(line.strip(), style="List Bullet")
            for j, (h, cit) in enumerate(zip(r.answer.excerpts, r.citations()), 1):
                d.add_paragraph(f"{j}. {h.text}")
                c = d.add_paragraph(f"—— {cit}")
                c.runs[0].font.size = Pt(9)
                c.runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        buf = io.BytesIO()
        d.save(buf)
        data = buf.getvalue()
        if path is not None:
            _write_atomic(Path(path), data)
        return data


def outline_lines(r) -> list[str]:
    """A structure answer's headings ("三、推动…  (第7–15页)"), indented by level."""
    entries = list(r.answer.outline or ())
    top = min((e.level for e in entries), default=1)
    return [("  " * max(0, e.level - top)) + e.label + (f"  ({pages_label(e.pages)})" if pages_label(e.pages) else "")
            for e in entries]


def meta_line(m) -> str:
    """"省 · 四川 · 十三五 · 规划 · 四川省人民政府 · 川府发〔2017〕1号 · 2017-01-20"."""
    level = f"{m.level}级" if m.level else ""
    region = f"{m.region}（{m.parent}）" if getattr(m, "parent", "") else m.region
    parts = [level, region, m.period, m.kind,
             m.issuer, m.doc_number, m.date]
    return " · ".join(p for p in parts if p)


def _md(text) -> str:
    """Plain text safe inside Markdown (no markup, tables or HTML from plan text)."""
    s = " ".join(str(text or "").split())
    for ch in "\\`*_[]<>|#":
        s = s.replace(ch, "\\" + ch)
    return s


def _write_atomic(path: Path, data: bytes) -> None:
    from corpus.cache import atomic_write
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda f: f.write(data))


def compare(pa, question, plans=None, k: int = 3, mode: str | None = None, **filters) -> Comparison:
    """Ask ``question`` of each plan selected by ``plans`` (doc ids) and the
    metadata ``filters`` (region, level, period, kind); all plans when none is given."""
    from assistant.library import FILTERS, select
    unknown = sorted(set(filters) - set(FILTERS))
    if unknown:
        raise PlanQAError(f"未知的筛选条件 (unknown filter) {', '.join(unknown)}; 可用 plans, {', '.join(FILTERS)}")
    if question is None or not isinstance(question, str) or not question.strip():
        raise PlanQAError("请输入问题 (the question is empty)")
    metas = pa.plan_metas()
    if isinstance(plans, str):
        plans = [p for p in plans.replace("，", ",").split(",") if p.strip()]
    ids = select(metas, plans=plans or None, **{k_: v for k_, v in filters.items() if v})
    if len(ids) > MAX_PLANS:
        raise PlanQAError(f"一次最多比较 {MAX_PLANS} 个规划 (at most {MAX_PLANS} plans), got {len(ids)}")
    results = []
    for did in ids:
        ans = pa.ask(question, k=k, mode=mode, plans=[did])
        if not ans.abstained and ans.kind == "answer":
            unused = [t for t in pa.unused_terms(question, plans=[did], min_info=TOPIC_MIN_INFO)
                      if t not in FRAME_WORDS]
            if unused:
                ans = replace(ans, abstained=True, lead="", excerpts=[], outline=[], kind="abstain",
                              notes=[*ans.notes, f"本规划未使用：{'、'.join(unused)}"])
        results.append(PlanResult(meta=metas[did], answer=ans))
    asked = results[0].answer.question if results else question.strip()
    return Comparison(question=asked, results=tuple(results))
