"""The Answer type and its JSON form (field names are a public contract)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from index.hit import Hit
from assistant.text import highlight_spans

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


def citation(hit: Hit) -> str:
    """A citation a user can paste: 〔三、（一）集成电路产业 · 第7页〕."""
    label = hit.title or (hit.section_path[-1] if hit.section_path else "")
    head = numbering(hit.clause_id)
    if label and head.endswith(label):
        label = ""
    sep = " " if head and head[-1].isascii() and label else ""
    text = f"{head}{sep}{label}".strip() or hit.doc_id
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


def hit_to_dict(hit: Hit) -> dict:
    """JSON-safe form of a hit, with highlight spans and the citation string."""
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
        "citation": citation(hit),
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

    def to_dict(self) -> dict:
        return {"section_id": self.section_id, "number": self.number, "title": self.title,
                "level": self.level, "pages": [int(self.pages[0]), int(self.pages[1])], "kind": self.kind}

    @property
    def label(self) -> str:
        sep = "" if (not self.number or self.number.endswith(("、", "）", ".", " "))) else " "
        return f"{self.number}{sep}{self.title}".strip()


@dataclass(frozen=True)
class Answer:
    """What ``PlanAssistant.ask`` returns.

    ``lead`` and every ``excerpts[i].text`` are verbatim plan text. ``kind`` is
    "answer", "structure" (listed from the outline) or "abstain".
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

    def citations(self) -> list[str]:
        return [citation(h) for h in self.excerpts]

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "resolved_query": self.resolved_query,
            "abstained": self.abstained,
            "kind": self.kind,
            "lead": self.lead,
            "excerpts": [hit_to_dict(h) for h in self.excerpts],
            "suggestions": list(self.suggestions),
            "outline": [e.to_dict() for e in self.outline],
            "confidence": round(float(self.confidence), 4),
            "notes": list(self.notes),
        }
