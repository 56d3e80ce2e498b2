"""Whether the plan answers at all: a calibrated, explainable abstention rule.

Lexical evidence: the idf-weighted share of the question's informative terms
that the best of the top N hits contains (text plus section titles), where a
term's idf counts the clauses that contain it as a substring (so a term the
plan never uses, like "个人所得税" or "天气", weighs the most). Semantic
evidence (when the index has a dense encoder): the top hit's cosine similarity,
rescaled between two calibration points. confidence = max of the two; the
assistant abstains below ``AssistantConfig.abstain_threshold``.
"""
from __future__ import annotations

import bisect
import math
import re

from assistant.compose import coverage
from assistant.text import compact
from index.hit import Hit

# Question scaffolding the tokenizer may keep: "几年", "哪几类", "这块", "一辆" …
_SCAFFOLD = re.compile(
    r"^(几|哪|多|这|那|一|每|怎)[\u4e00-\u9fff]?$|^(哪几|这一|那一)[\u4e00-\u9fff]?$|"
    r"^(准备|打算|是否|有没有|怎么办|怎么搞|主要|具体|方面|情况|问题|内容|什么样|相关|支持|有关|规定|提出|是什么|期是|提法|说法|怎么说)$"
)


_PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}(省|市|自治区|自治州|县)$")


def unknown_places(tokens, stats: "TermStats") -> list[str]:
    """Place names ("广东省", "杭州市") the documents never mention: a question
    about them is out of scope however many other words match."""
    return [t for t in tokens if _PLACE_NAME.match(t) and stats.df(t) == 0
            and stats.df(t[:-1] if not t.endswith("自治区") else t[:-3]) == 0]


def out_of_domain(question: str, cues) -> list[str]:
    """Cue words of requests a plan never answers (prices, weather, schedules …)
    that occur in ``question``, unless the plan itself uses them."""
    return [c for c in cues if c in question]


class TermStats:
    """Substring document frequencies over a fixed list of clause texts."""

    def __init__(self, texts):
        pieces = [compact(t).lower() for t in texts]
        self.n = max(len(pieces), 1)
        self._blob = "\x00".join(pieces)
        self._starts = []
        pos = 0
        for p in pieces:
            self._starts.append(pos)
            pos += len(p) + 1
        self._cache: dict[str, int] = {}

    def df(self, term: str) -> int:
        term = compact(term).lower()
        if not term:
            return 0
        got = self._cache.get(term)
        if got is not None:
            return got
        seen = set()
        i = self._blob.find(term)
        while i >= 0:
            doc = bisect.bisect_right(self._starts, i) - 1
            seen.add(doc)
            nxt = self._starts[doc + 1] if doc + 1 < len(self._starts) else len(self._blob)
            i = self._blob.find(term, nxt)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[term] = len(seen)
        return len(seen)

    def idf(self, term: str) -> float:
        d = self.df(term)
        return math.log(1.0 + (self.n - d + 0.5) / (d + 0.5))


def tokenizer_of(retriever):
    """The retriever's own tokenizer (plan vocabulary), else index.tokenize."""
    fn = getattr(retriever, "tokenize", None)
    if callable(fn):
        return fn
    import index
    return index.tokenize


def informative_tokens(tokenize, query: str) -> list[str]:
    """Query tokens that carry content: stopwords are gone already; single Han
    characters and question scaffolding ("几年", "这块") are dropped too."""
    out = []
    for t in tokenize(query):
        t = compact(t).lower()
        if not t or t in out:
            continue
        if len(t) < 2 and not (t.isascii() and t.isalnum()):
            continue
        if _SCAFFOLD.match(t):
            continue
        out.append(t)
    return out


def hit_context(hit: Hit) -> str:
    """What a hit is about: its section titles, title and text."""
    return " ".join((*hit.section_path, hit.title, hit.text))


def lexical(hits, weights: dict[str, float], top_n: int = 3) -> float:
    """Best coverage of the query by one of the first ``top_n`` hits (0..1)."""
    if not weights or sum(weights.values()) <= 0:
        return 0.0
    return max((coverage(hit_context(h), weights) for h in list(hits)[:top_n]), default=0.0)


def semantic(hits, low: float, high: float, top_n: int = 3) -> float:
    """The best dense cosine of the top hits, mapped linearly from [low, high] to [0, 1]."""
    sims = [h.scores.get("dense") for h in list(hits)[:top_n] if getattr(h, "scores", None)]
    sims = [s for s in sims if s is not None]
    if not sims or high <= low:
        return 0.0
    return min(1.0, max(0.0, (max(sims) - low) / (high - low)))


def section_label(hit: Hit, depth: int = 2) -> str:
    """"推动生物产业突破发展 › 优化产业空间布局": the hit's chapter and section."""
    return " › ".join(p for p in hit.section_path[:depth] if p) or hit.title or hit.doc_id


def suggestions(hits, weights: dict[str, float] | None = None, n: int = 3) -> list[str]:
    """The nearest sections, for "你可能想问：…": sections of the top hits that
    share at least one informative term with the question."""
    out: list[str] = []
    for h in hits:
        if weights and coverage(hit_context(h), weights) <= 0:
            continue
        label = section_label(h)
        if label and label not in out:
            out.append(label)
        if len(out) >= n:
            break
    return out


def clause_hit(clause, score: float = 0.0, matched=()) -> Hit:
    return Hit(text=clause.text, clause_id=clause.clause_id, section_path=tuple(clause.section_path),
               pages=tuple(clause.pages), score=score, doc_id=clause.doc_id, title=clause.title,
               kind=clause.kind, ranks={"glossary": 1}, matched_terms=tuple(matched))


def glossary_term(title: str) -> str:
    return re.sub(r"^\s*\d+\s*[.．、]\s*", "", title or "").strip()


def glossary_first(hits, question: str, documents) -> list[Hit] | None:
    """For "什么是X" (X a glossary term the question itself names): the hits
    with that glossary entry first. None when the question is no such thing."""
    from assistant.compose import is_definition
    best = None
    for doc in documents:
        for c in doc.clauses:
            if c.kind != "glossary":
                continue
            term = glossary_term(c.title)
            if is_definition(question, term) and (best is None or len(compact(term)) > best[0]):
                best = (len(compact(term)), c)
    if best is None:
        return None
    clause = best[1]
    top = max((h.score for h in hits), default=1.0)
    rest = [h for h in hits if h.clause_id != clause.clause_id]
    return [clause_hit(clause, score=top, matched=(glossary_term(clause.title),))] + rest
