"""Plain views of a parsed Document for the CLI: outline lines, citation
labels and JSON-safe clause dicts.  No I/O here."""
from __future__ import annotations

from dataclasses import asdict

from corpus.model import Clause, Document, Section


def page_label(pages: tuple[int, int]) -> str:
    a, b = pages
    return f"第{a}页" if a == b else f"第{a}–{b}页"


def section_label(section: Section) -> str:
    """"三、推动…", "（一）做大…", "专栏 1 新一代…", "14. 静脉产业", "名词解释"."""
    if not section.number:
        return section.title
    if not section.title:
        return section.number
    return f"{section.number}{number_gap(section.number)}{section.title}"


def number_gap(number: str) -> str:
    """What stands between a printed number and what follows it: nothing after a mark that closes it
    (三、 （一）), a space after a number that ends in a word or a digit (第一篇 开启…, 3.1 构建…, 14. 静脉…)."""
    return "" if number.endswith(("、", "）", ")")) else " "


def iter_sections(sections: tuple[Section, ...], ancestors: tuple[Section, ...] = ()):
    """Yield (section, ancestors) depth-first in outline order."""
    for s in sections:
        yield s, ancestors
        yield from iter_sections(s.children, ancestors + (s,))


def outline_lines(doc: Document, items: bool = True, indent: str = "  ") -> list[str]:
    """The section tree, one line per section, indented by depth, with pages.

    ``items=False`` leaves out the leaves (bold leads, box items, glossary
    entries)."""
    lines = [doc.title]
    for s, anc in iter_sections(doc.outline):
        if s.kind == "item" and not items:
            continue
        lines.append(f"{indent * (len(anc) + 1)}{section_label(s)}  〔{page_label(s.pages)}〕")
    return lines


def section_chain(doc: Document, clause: Clause) -> tuple[Section, ...]:
    """The outline nodes from the top down to the clause's own section (or
    item leaf); () for preface and title clauses."""
    index = {s.section_id: anc + (s,) for s, anc in iter_sections(doc.outline)}
    local = clause.clause_id.split(":", 1)[1] if ":" in clause.clause_id else clause.clause_id
    base = local.rsplit("-", 1)[0] if "-" in local.rsplit(".", 1)[-1] else local
    while base:
        if base in index:
            return index[base]
        if "." not in base:
            break
        base = base.rsplit(".", 1)[0]
    return ()


def citation(doc: Document, clause: Clause) -> str:
    """A citation label such as "三、（一）集成电路产业 · 第7页"."""
    chain = section_chain(doc, clause)
    if not chain:
        return f"{doc.title} · {page_label(clause.pages)}"
    numbers = ""
    for s in chain[:-1]:
        if s.number:
            numbers += s.number + number_gap(s.number)
        elif not numbers:
            numbers += s.title + " "
    return f"{numbers}{section_label(chain[-1])} · {page_label(clause.pages)}"


def clause_dict(clause: Clause) -> dict:
    d = asdict(clause)
    d["section_path"] = list(clause.section_path)
    d["pages"] = list(clause.pages)
    d["span"] = list(clause.span)
    return d


def clauses_to_json(doc: Document) -> list[dict]:
    """JSON-safe dicts of the clauses in reading order."""
    return [clause_dict(c) for c in doc.clauses]


def section_dict(section: Section) -> dict:
    return {
        "section_id": section.section_id,
        "number": section.number,
        "title": section.title,
        "level": section.level,
        "kind": section.kind,
        "pages": list(section.pages),
        "children": [section_dict(c) for c in section.children],
    }


def outline_to_json(doc: Document) -> list[dict]:
    return [section_dict(s) for s in doc.outline]


def document_to_json(doc: Document, clauses: bool = True) -> dict:
    """The whole parsed document as JSON-safe data (for ``planqa chunks --json``)."""
    out = {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "issuer": doc.issuer,
        "doc_number": doc.doc_number,
        "date": doc.date,
        "toc": list(doc.toc),
        "notice": doc.notice,
        "source": doc.source,
        "meta": {k: v for k, v in doc.meta.items() if isinstance(v, (str, int, float, bool, type(None)))},
        "outline": outline_to_json(doc),
    }
    if clauses:
        out["text"] = doc.text          # every clause's "span" indexes this text
        out["clauses"] = clauses_to_json(doc)
    return out
