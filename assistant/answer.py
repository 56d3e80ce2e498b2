"""The Answer type and its JSON form (field names are a public contract)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from index.hit import Hit
from assistant.text import highlight_spans
from assistant.validate import unique_notes

_CN_NUM = re.compile(r"^[一二三四五六七八九十百零〇]+$")


def numbering(clause_id: str) -> str:
    """Printed numbering of a clause from its id: "sc-sei-13:三.（一）.2" -> "三、（一）".

    "三" -> "三、", "（一）" stays, "(1)" -> "1.", "专栏10" -> "专栏10 ",
    "名词解释.14" -> "名词解释 14. "; a trailing paragraph counter ("2", "1-2") is dropped.
    """
    path = clause_id.split(":", 1)[1] if ":" in clause_id else clause_id
    parts = [p for p in path.split(".") if p]
    out = []
    glossary = False
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if _CN_NUM.match(part):
            out.append(part + "、")
        elif part.startswith("（") and part.endswith("）"):
            out.append(part)
        elif part.startswith("(") and part.endswith(")") and part[1:-1].isdigit():
            out.append(part[1:-1] + ". ")
        elif part.startswith("专栏"):
            out.append(part + " ")
        elif part in ("名词解释", "前言"):
            out.append(part + " ")
            glossary = part == "名词解释"
        elif part.isdigit() and (glossary or not last):
            out.append(part + ". ")
        else:
            break
    return "".join(out).strip()


def pages_label(pages) -> str:
    first, last = (int(pages[0]), int(pages[1])) if pages else (0, 0)
    if first <= 0:
        return ""
    return f"第{first}页" if last <= first else f"第{first}–{last}页"


_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACED = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_YEARS = re.compile(r"[（(]\s*\d{4}\s*[-—–~至到]+\s*\d{2,4}\s*年?\s*[)）]")


def display_title(title: str) -> str:
    """A heading or plan title as it should read: whitespace collapsed, and no spaces
    between Chinese characters ("名 词 解 释" -> "名词解释", letter-spaced PDF headings)."""
    text = " ".join(str(title or "").split())
    return _SPACED.sub("", text).strip()


def short_title(title: str, max_chars: int = 22) -> str:
    """A plan title short enough for a citation: the display title without its 《》,
    without a year range "（2021—2025年）" when too long, else its head and tail
    ("成都市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要" -> "成都市国民经济和…远景目标纲要")."""
    text = display_title(title).strip("《》")
    if len(text) > max_chars:
        text = _YEARS.sub("", text).strip() or text
    if len(text) > max_chars:
        tail = max(4, max_chars // 3)
        text = text[: max_chars - tail - 1] + "…" + text[-tail:]
    return text


def citation(hit: Hit, plan_title: str | None = None) -> str:
    """A citation a user can paste: 〔三、（一）集成电路产业 · 第7页〕; with ``plan_title``
    (given when several plans are loaded) it names the plan: 〔《某县规划》二、（一）智慧农业 · 第2页〕."""
    section = hit.section_path[-1] if hit.section_path else ""
    label = display_title(hit.title or section)
    if getattr(hit, "kind", "") == "table" and hit.title and "|" not in hit.title and section:
        # a task-table cell titled with its column (corpus.cells): 推进“四好农村路”高质量发展（2025年计划）
        label = f"{display_title(section)}（{display_title(hit.title)}）"
    if not label and getattr(hit, "kind", "") == "notice":
        label = "印发通知"
    head = numbering(hit.clause_id)
    if label and head.endswith(label):
        label = ""
    sep = " " if head and head[-1].isascii() and label else ""
    text = f"{head}{sep}{label}".strip() or hit.doc_id
    if plan_title:
        text = f"《{short_title(plan_title)}》{text}"
    page = pages_label(hit.pages)
    return f"〔{text} · {page}〕" if page else f"〔{text}〕"


def ocr_tag(hit) -> str:
    """"OCR 识别 97.3%" for an excerpt read by OCR from a scanned page (its
    text is not guaranteed verbatim), "" for ordinary text.  Works on a Hit or
    its JSON form; the confidence is never rounded up to 100%."""
    get = hit.get if isinstance(hit, Mapping) else (lambda name, default=None: getattr(hit, name, default))
    if get("source", "text") != "ocr":
        return ""
    conf = get("ocr_confidence", None)
    if conf is None:
        return "OCR 识别"
    pct = float(conf) * 100
    return f"OCR 识别 {min(pct, 99.9) if pct < 100 else 100.0:.1f}%"


def plan_titles(documents) -> dict:
    """doc_id -> display title when more than one plan is loaded (citations then name
    their plan); {} for a single plan. Titles that would read alike get their doc_id."""
    documents = list(documents)
    if len(documents) < 2:
        return {}
    titles = {d.doc_id: display_title(getattr(d, "title", "") or d.doc_id) for d in documents}
    shorts = [short_title(t) for t in titles.values()]
    return {doc_id: (t if shorts.count(short_title(t)) == 1 else f"{t}（{doc_id}）")
            for doc_id, t in titles.items()}


def first_k(excerpts: list, k: int, lead: str = "") -> list:
    """The first ``k`` excerpts, always keeping the one the lead is quoted from."""
    keep = next((i for i, h in enumerate(excerpts) if lead and lead in h.text), None)
    chosen = set(range(k)) if keep is None or keep < k else set(range(k - 1)) | {keep}
    return [h for i, h in enumerate(excerpts) if i in chosen]


def finish(answer: "Answer", documents, k: int) -> "Answer":
    """What ``ask`` returns: at most ``k`` excerpts (a structure answer lists its
    outline in full, its excerpts honour k too), knowing the titles of the plans
    it cites from when several are loaded."""
    titles = plan_titles(documents)
    changes: dict = {"plan_titles": titles} if titles else {}
    if len(answer.excerpts) > k:
        changes["excerpts"] = first_k(list(answer.excerpts), k, answer.lead)
    return replace(answer, **changes) if changes else answer


def hit_to_dict(hit: Hit, plan_title: str | None = None) -> dict:
    """JSON-safe form of a hit, with highlight spans and the citation string
    (naming the plan when ``plan_title`` is given)."""
    return {
        "text": hit.text,
        "clause_id": hit.clause_id,
        "section_path": list(hit.section_path),
        "pages": [int(hit.pages[0]), int(hit.pages[1])] if hit.pages else [0, 0],
        "score": round(float(hit.score), 6),
        "doc_id": hit.doc_id,
        "title": hit.title,
        "kind": hit.kind,
        "matched_terms": list(hit.matched_terms),
        "highlights": [list(s) for s in highlight_spans(hit.text, hit.matched_terms)],
        "citation": citation(hit, plan_title),
        "plan_title": plan_title or "",
        "source": hit.source,                # "ocr": read from a scanned page, not guaranteed verbatim
        "ocr_confidence": None if hit.ocr_confidence is None else round(float(hit.ocr_confidence), 3),
    }


@dataclass(frozen=True)
class OutlineEntry:
    """One heading listed by a structure answer."""

    section_id: str
    number: str
    title: str
    level: int
    pages: tuple[int, int]
    kind: str = "section"
    printed: str = ""           # the heading line as the plan prints it ("第一部分：发展基础"), when found

    def to_dict(self) -> dict:
        return {"section_id": self.section_id, "number": self.number, "title": self.title,
                "level": self.level, "pages": [int(self.pages[0]), int(self.pages[1])], "kind": self.kind,
                "label": self.label}

    @property
    def label(self) -> str:
        if self.printed:
            return self.printed
        sep = "" if (not self.number or self.number.endswith(("、", "）", ".", " "))) else " "
        return f"{self.number}{sep}{self.title}".strip()


@dataclass(frozen=True)
class Answer:
    """What ``PlanAssistant.ask`` returns.

    ``lead`` and every ``excerpts[i].text`` are verbatim plan text. ``kind`` is
    "answer", "structure" (listed from the outline), "abstain", or "chat" (a greeting, thanks or
    "你能做什么" said to the assistant: abstained, no excerpts, the reply in ``notes``).
    """

    question: str
    resolved_query: str
    abstained: bool
    lead: str
    excerpts: list = field(default_factory=list)          # list[Hit]
    suggestions: list = field(default_factory=list)       # list[str]
    kind: str = "answer"
    outline: list = field(default_factory=list)           # list[OutlineEntry] for structure answers
    confidence: float = 0.0
    notes: list = field(default_factory=list)             # list[str]: what was done to the input
    evidence: dict = field(default_factory=dict)          # the features the answer/abstain decision read
    plan_titles: dict = field(default_factory=dict)       # doc_id -> title, when several plans are loaded

    def __post_init__(self):
        object.__setattr__(self, "notes", unique_notes(self.notes))

    def plan_title(self, hit: Hit) -> str | None:
        """The title of the plan ``hit`` comes from, when several plans are loaded."""
        return self.plan_titles.get(hit.doc_id) or None

    def citation(self, hit: Hit) -> str:
        return citation(hit, self.plan_title(hit))

    def citations(self) -> list[str]:
        return [self.citation(h) for h in self.excerpts]

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "resolved_query": self.resolved_query,
            "abstained": self.abstained,
            "kind": self.kind,
            "lead": self.lead,
            "excerpts": [hit_to_dict(h, self.plan_title(h)) for h in self.excerpts],
            "suggestions": list(self.suggestions),
            "outline": [e.to_dict() for e in self.outline],
            "confidence": round(float(self.confidence), 4),
            "notes": list(self.notes),
            "evidence": dict(self.evidence),
        }
