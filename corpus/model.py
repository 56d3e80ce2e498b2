"""Data types of the corpus layer: what a parsed plan is made of."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Clause:
    """One retrievable unit of a plan: a paragraph (or a piece of a long one).

    ``text`` is verbatim plan text (line wraps joined, page markers removed);
    ``span`` is its [start, end) character range in the cleaned document text,
    so ``document.text[span[0]:span[1]] == text``.
    """

    clause_id: str                      # "sc-sei-13:三.（一）.2", stable across rebuilds
    doc_id: str                         # "sc-sei-13"
    section_path: tuple[str, ...]       # titles from the top heading down
    title: str                          # the clause's own lead/title ("集成电路产业") or ""
    text: str
    pages: tuple[int, int]              # first and last printed page number
    span: tuple[int, int]
    kind: str = "body"                  # body | box | glossary | preface | heading
    source: str = "text"                # "text", or "ocr" when read by OCR from a scanned page (not guaranteed verbatim)
    ocr_confidence: float | None = None  # mean OCR recognition confidence (0..1) of its lines; None for text


@dataclass(frozen=True)
class Section:
    """A node of the plan's outline (一、 / （一） / 专栏 / 名词解释 / 第X章 ...)."""

    section_id: str                     # numbering path, e.g. "三.（一）", "专栏10", "名词解释"
    number: str                         # the printed number: "三、", "（一）", "专栏 10", ""
    title: str                          # heading text without the number
    level: int                          # 1 = top
    kind: str                           # section | box | glossary
    pages: tuple[int, int]
    children: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Document:
    """A loaded, parsed plan."""

    doc_id: str
    title: str
    source: str                         # path it was loaded from
    text: str                           # cleaned text: clauses' texts concatenate to it (modulo separators)
    clauses: tuple[Clause, ...]
    outline: tuple[Section, ...]
    meta: dict = field(default_factory=dict, compare=False, hash=False)


class CorpusError(ValueError):
    """A document could not be loaded or parsed; the message names the file and the reason."""
