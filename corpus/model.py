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
    kind: str = "body"                  # body | box | glossary | preface | heading | table | notice | caption
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
    """A loaded, parsed plan.

    Front matter is read from the text before the body: ``title`` (the 《》
    title of a 印发通知 or the title line(s) near the top), ``issuer``
    (印发机关 / 发文机关), ``doc_number`` (文号, ``国发〔2019〕4号``), ``date``
    (ISO ``YYYY-MM-DD`` or ""), ``notice`` (the 印发通知 text, kept out of the
    section tree and out of the clauses) and ``toc`` (the 目录 lines, likewise).
    """

    doc_id: str
    title: str
    source: str                         # path it was loaded from
    text: str                           # "\n".join(clause texts); Clause.span indexes into it
    clauses: tuple[Clause, ...]
    outline: tuple[Section, ...]
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    issuer: str = ""
    doc_number: str = ""
    date: str = ""
    toc: tuple[str, ...] = ()
    notice: str = ""


class CorpusError(ValueError):
    """A document could not be loaded or parsed; the message names the file and the reason."""


class UnreadableTextError(CorpusError):
    """The file's text layer cannot be read as text (image-only pages, a broken font map giving mojibake).

    ``pages`` lists the 1-based page indexes found unreadable; an OCR path can
    catch this error and read those pages from their images instead.
    """

    def __init__(self, message: str, pages: tuple[int, ...] = ()):
        super().__init__(message)
        self.pages = tuple(pages)


class LimitError(CorpusError):
    """The file would make the loader exceed one of its limits (corpus.limits); the message names which."""
