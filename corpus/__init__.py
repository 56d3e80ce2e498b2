"""corpus: documents in, clauses out.

    from corpus import load_document, load_shipped
    doc = load_document("plan.pdf")          # raises CorpusError("plan.pdf: <reason>")
    doc.clauses, doc.outline, doc.text

See corpus/structure.py for the clause id and section path conventions and
corpus/documents.py for what ``Document.text`` is.
"""
from corpus.documents import load_document, load_shipped, shipped_plan_paths, slugify
from corpus.model import Clause, CorpusError, Document, LimitError, Section, UnreadableTextError
from corpus.render import (
    citation,
    clause_dict,
    clauses_to_json,
    document_to_json,
    iter_sections,
    outline_lines,
    outline_to_json,
    page_label,
    section_chain,
    section_label,
)

__all__ = [
    "Clause", "CorpusError", "Document", "Section", "LimitError", "UnreadableTextError",
    "load_document", "load_shipped", "shipped_plan_paths", "slugify",
    "outline_lines", "outline_to_json", "clauses_to_json", "document_to_json", "clause_dict",
    "citation", "section_chain", "section_label", "page_label", "iter_sections",
]
