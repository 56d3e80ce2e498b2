"""Whether the plan answers at all: a calibrated, explainable abstention rule.

confidence = the idf-weighted share of the query's informative terms that the
best of the top N hits contains (its text plus its section titles). A question
whose key terms the plan never uses ("个人所得税", "天气") scores near 0; one
the plan answers scores near 1. The threshold is in AssistantConfig.
"""
from __future__ import annotations

import math

from assistant.compose import coverage, unseen_idf
from assistant.text import compact
from index.hit import Hit


def tokenizer_of(retriever):
    """The retriever's own tokenizer (plan vocabulary), else index.tokenize."""
    for attr in ("tokenize", "tokenizer"):
        fn = getattr(retriever, attr, None)
        if callable(fn):
            return fn
    import index
    return index.tokenize


def informative_tokens(retriever, query: str) -> list[str]:
    """Query tokens that carry content (stopwords are already gone; single
    characters are dropped unless Latin/digits)."""
    toks = tokenizer_of(retriever)(query)
    out = []
    for t in toks:
        t = compact(t).lower()
        if len(t) >= 2 or (t and t.isascii() and t.isalnum()):
            if t not in out:
                out.append(t)
    return out


def idf_function(retriever):
    """term -> Okapi idf over the retriever's clauses (unseen terms get the maximum)."""
    n = len(getattr(retriever, "clauses", ()) or ()) or 1
    bm25 = getattr(retriever, "bm25", None)
    top = unseen_idf(n)
    if bm25 is not None and hasattr(bm25, "idf") and hasattr(bm25, "term_ids"):
        def idf(term: str) -> float:
            if term not in bm25.term_ids:
                return top
            return max(float(bm25.idf(term)), 0.0)
        return idf
    df = _document_frequencies(retriever)

    def idf(term: str) -> float:
        d = df.get(term, 0)
        return math.log(1.0 + (n - d + 0.5) / (d + 0.5)) if d else top
    return idf


def _document_frequencies(retriever) -> dict:
    cached = getattr(retriever, "_assistant_df", None)
    if cached is not None:
        return cached
    tok = tokenizer_of(retriever)
    df: dict[str, int] = {}
    for c in getattr(retriever, "clauses", ()):
        for t in set(tok(c.text)):
            df[t] = df.get(t, 0) + 1
    try:
        retriever._assistant_df = df
    except AttributeError:
        pass
    return df


def hit_context(hit: Hit, clauses: dict) -> str:
    """What a hit is about: its text, title and section titles."""
    return " ".join((*hit.section_path, hit.title, hit.text))


def confidence(hits, weights: dict[str, float], clauses: dict, top_n: int = 3) -> float:
    """Best coverage of the query by one of the first ``top_n`` hits (0..1)."""
    if not weights or sum(weights.values()) <= 0:
        return 0.0
    return max((coverage(hit_context(h, clauses), weights) for h in list(hits)[:top_n]), default=0.0)


def section_label(hit: Hit) -> str:
    return " › ".join(p for p in hit.section_path if p) or hit.title or hit.doc_id


def suggestions(hits, n: int = 3) -> list[str]:
    """The nearest sections, for "你可能想问：…"."""
    out: list[str] = []
    for h in hits:
        label = section_label(h)
        if label and label not in out:
            out.append(label)
        if len(out) >= n:
            break
    return out


def clause_hit(clause, score: float = 0.0, matched=()) -> Hit:
    return Hit(text=clause.text, clause_id=clause.clause_id, section_path=clause.section_path,
               pages=tuple(clause.pages), score=score, doc_id=clause.doc_id, title=clause.title,
               kind=clause.kind, ranks={"glossary": 1}, matched_terms=tuple(matched))


def glossary_term(title: str) -> str:
    import re
    return re.sub(r"^\s*\d+\s*[.．、]\s*", "", title or "").strip()


def glossary_first(hits, query: str, documents) -> list[Hit]:
    """For "什么是X": put the glossary entry whose term X the query names first."""
    q = compact(query).lower()
    best = None
    for doc in documents:
        for c in doc.clauses:
            if c.kind != "glossary":
                continue
            term = compact(glossary_term(c.title)).lower()
            if term and term in q and (best is None or len(term) > best[0]):
                best = (len(term), c)
    if best is None:
        return list(hits)
    clause = best[1]
    top = max((h.score for h in hits), default=1.0)
    rest = [h for h in hits if h.clause_id != clause.clause_id]
    return [clause_hit(clause, score=top, matched=(glossary_term(clause.title),))] + rest
