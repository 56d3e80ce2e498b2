"""What the dialogue layer recognises in a question: places, topics, aspects.

Places are China's administrative divisions (assistant.places); topics are
harvested from the loaded plans (section titles, bold-lead clause titles, 专栏
project names, glossary terms) so a user's own plan gets its own vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text import compact
from corpus.script import compile_cue


# Facets of a topic that a follow-up may ask about. The "section-level" ones
# belong to a whole industry chapter (六、生物产业 has one 空间布局 and one 专栏
# of 重点工程), so "它的空间布局" after 生物医药 is asked of 生物产业.
SECTION_ASPECTS = ("空间布局", "产业布局", "布局", "重点工程", "核心发展区", "重点拓展区")
ASPECTS = SECTION_ASPECTS + (
    "发展目标", "目标", "发展重点", "重点发展", "主要任务", "保障措施", "政策", "发展基础",
    "面临形势", "指导思想", "基本原则", "总产值", "产值", "规模", "定义", "含义",
)

_VERB_PREFIX = (
    "做大做强", "推动", "促进", "推进", "加快", "大力", "积极", "突破", "创新", "提升",
    "优化", "稳步", "强化", "深入", "构建", "实施", "加强", "完善", "加大", "培育",
    "打造", "建设", "发展",
)
_VERB_SUFFIX = (
    "规模化发展", "产业化发展", "跨越发展", "优化发展", "突破发展", "加快发展", "快速发展",
    "蓬勃发展", "创新发展", "融合发展", "发展水平", "规模化应用", "能力", "行动计划", "发展",
    "行动",
)
_PUNCT = "。.，,；;：:、 “”\"'"


def topic_phrase(title: str) -> str:
    """The noun phrase of a heading: "推动生物产业突破发展" -> "生物产业"."""
    t = title.strip().strip(_PUNCT)
    changed = True
    while changed:
        changed = False
        for p in _VERB_PREFIX:
            if t.startswith(p) and len(t) - len(p) >= 2:
                t = t[len(p):]
                changed = True
        for s in _VERB_SUFFIX:
            if t.endswith(s) and len(t) - len(s) >= 2:
                t = t[: -len(s)]
                changed = True
    return t.strip(_PUNCT)


def topic_variants(phrase: str) -> list[str]:
    """"集成电路和新型显示产业" -> [whole, "集成电路", "新型显示产业", "新型显示"]."""
    out = [phrase]
    parts = [p for p in re.split(r"[和与及、]", phrase) if len(p) >= 2]
    if len(parts) > 1:
        out.extend(parts)
    for p in list(out):
        if p.endswith("产业") and len(p) >= 4:
            out.append(p[:-2])
    seen, res = set(), []
    for p in out:
        p = p.strip(_PUNCT)
        if len(p) >= 2 and p not in seen and p not in ASPECTS:
            seen.add(p)
            res.append(p)
    return res


@dataclass(frozen=True)
class Vocabulary:
    """Terms the dialogue layer looks for, with each topic's chapter ("parent")."""

    places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    parent: dict = field(default_factory=dict, compare=False, hash=False)   # topic -> chapter topic
    aspects: tuple[str, ...] = ASPECTS
    # everyday phrases -> plan terms (index.thesaurus; the retriever expands queries with the same one)
    thesaurus: object = field(default=None, compare=False, hash=False)
    boxes: dict = field(default_factory=dict, compare=False, hash=False)    # chapter topic -> 专栏 id of its 重点工程
    items: dict = field(default_factory=dict, compare=False, hash=False)    # section/box id -> listed item titles
    # a term the plan lists beside others ("优先保护类、安全利用类和严格管控类") -> those others
    coordinated: dict = field(default_factory=dict, compare=False, hash=False)
    # the clauses' texts as questions are compared with them (assistant.text.compact), one per line
    printed: str = field(default="", compare=False, hash=False, repr=False)

    def find(self, text: str, terms) -> list[str]:
        """Longest-first, non-overlapping occurrences of ``terms`` in ``text``, in text order."""
        taken = [False] * len(text)
        found: list[tuple[int, str]] = []
        for term in sorted(set(terms), key=lambda t: (-len(t), t)):
            start = 0
            while True:
                pos = text.find(term, start)
                if pos < 0:
                    break
                end = pos + len(term)
                if not any(taken[pos:end]):
                    found.append((pos, term))
                    for i in range(pos, end):
                        taken[i] = True
                start = end
        seen, out = set(), []
        for _, term in sorted(found):
            if term not in seen:
                seen.add(term)
                out.append(term)
        return out


def _walk(sections, top=None):
    for s in sections:
        t = top if top is not None else s
        yield s, t
        yield from _walk(s.children, t)


def build_vocabulary(documents, thesaurus=None) -> Vocabulary:
    """Harvest topics from the documents' outlines and clause titles.

    ``thesaurus`` (default: the index layer's shipped one) names the plan
    terms behind everyday phrases, so "电动车" carries 新能源汽车 as its topic."""
    topics: dict[str, str] = {}
    boxes: dict[str, str] = {}
    from assistant.places import known_places
    places = known_places(documents)
    place_set = frozenset(places)

    def add(term: str, parent: str) -> None:
        term = term.strip(_PUNCT)
        if len(term) < 2 or len(term) > 20 or term in place_set or term in ASPECTS:
            return
        topics.setdefault(term, parent)

    for doc in documents:
        for sec, top in _walk(doc.outline):
            if sec.kind == "glossary":
                continue
            parent = topic_phrase(top.title) if top.kind == "section" else ""
            if sec.kind == "box":
                phrase = topic_phrase(sec.title)
                if sec.title.endswith("重点工程"):
                    chapter = phrase[: -len("重点工程")] if phrase.endswith("重点工程") else phrase
                    for v in topic_variants(chapter):
                        boxes.setdefault(v, sec.section_id)
                continue
            for v in topic_variants(topic_phrase(sec.title)):
                add(v, parent or v)
        for clause in doc.clauses:
            title = (clause.title or "").strip(_PUNCT)
            if not title:
                continue
            top_title = clause.section_path[0] if clause.section_path else ""
            parent = topic_phrase(top_title) if top_title else title
            if clause.kind == "glossary":
                add(re.sub(r"^\d+[.．、]\s*", "", title), "名词解释")
            elif clause.kind == "box" or title.endswith("工程"):
                add(title, parent)
            elif len(title) <= 12:
                for v in topic_variants(topic_phrase(title)):
                    add(v, parent)
    # Make every chapter topic its own parent, and resolve a chapter name that
    # appears under several variants ("生物" / "生物产业").
    parents = {p for p in topics.values() if p}
    for p in parents:
        topics.setdefault(p, p)
    ordered = tuple(sorted(topics, key=lambda t: (-len(t), t)))
    if thesaurus is None:
        from index.thesaurus import default_thesaurus
        thesaurus = default_thesaurus()
    return Vocabulary(places=places, topics=ordered, parent=dict(topics), boxes=boxes, items=_list_items(documents),
                      thesaurus=thesaurus, coordinated=coordinated_terms(documents),
                      printed="\n".join(compact(c.text) for doc in documents for c in doc.clauses))


# a run of the text between two stops, and the words that join the terms it lists
_LIST_RUN = re.compile(r"[^，,。；;：:！？!?（）()\s]+")
_JOINS = compile_cue(r"、|以及|和|与|及")


def coordinated_terms(documents) -> dict:
    """term -> the terms the documents list beside it in one run joined by 、 (and 和/与/及 before the last):
    "将农用地划分为优先保护类、安全利用类和严格管控类" lists 安全利用类 beside 严格管控类. A run's first term
    keeps whatever leads into the list, so only terms of 2–8 characters are kept."""
    out: dict[str, set] = {}
    for doc in documents:
        for clause in doc.clauses:
            for run in _LIST_RUN.findall(clause.text):
                if "、" not in run:
                    continue
                terms = [t for t in _JOINS.split(run) if 2 <= len(t) <= 8]
                for t in terms:
                    out.setdefault(t, set()).update(x for x in terms if x != t)
    return {t: tuple(sorted(v)) for t, v in out.items() if v}


def _list_items(documents) -> dict:
    """For each 专栏 (and each section), the titles a user may refer to by ordinal."""
    items: dict[str, list[str]] = {}
    for doc in documents:
        for sec, _top in _walk(doc.outline):
            if sec.children:
                items.setdefault(sec.section_id, [c.title for c in sec.children])
        for clause in doc.clauses:
            if clause.kind == "box" and clause.title:
                box = box_id_of(clause)
                if box:
                    lst = items.setdefault(box, [])
                    if clause.title not in lst:
                        lst.append(clause.title)
    return {k: tuple(v) for k, v in items.items()}


def box_id_of(clause) -> str:
    """The 专栏 part of a clause id ("sc-sei-13:专栏10.3" -> "专栏10"), or ""."""
    path = clause.clause_id.split(":", 1)[-1]
    for part in path.split("."):
        if part.startswith("专栏"):
            return part.replace(" ", "")
    return ""
