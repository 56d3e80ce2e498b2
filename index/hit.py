"""The result type every retriever returns."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """A ranked clause, as shown to and cited by the user.

    ``text`` is verbatim plan text (whitespace-normalised). ``ranks`` maps a
    signal name ("bm25", "dense") to that signal's 1-based rank for this clause
    (absent when the signal did not retrieve it); ``matched_terms`` are the
    query tokens found in the clause, for highlighting and explanation.
    ``scores`` holds raw per-signal evidence for this clause, for abstention and
    explanation: "bm25" (raw BM25 score, 0 if no term matched), "coverage"
    (idf-weighted share of the query's terms found in the clause, 0..1; terms
    the index has never seen weigh as the rarest term) and, when the index has
    a dense encoder and the query was embedded, "dense" (cosine similarity).
    ``source`` is "ocr" when the clause was read by OCR from a scanned page
    (then not guaranteed verbatim; ``ocr_confidence`` is the recognition
    confidence, 0..1), else "text".
    """

    text: str
    clause_id: str
    section_path: tuple[str, ...]
    pages: tuple[int, int]
    score: float
    doc_id: str = ""
    title: str = ""
    kind: str = "body"
    ranks: dict = field(default_factory=dict, compare=False, hash=False)
    matched_terms: tuple[str, ...] = ()
    scores: dict = field(default_factory=dict, compare=False, hash=False)
    source: str = "text"
    ocr_confidence: float | None = None
