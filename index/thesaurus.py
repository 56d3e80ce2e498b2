"""Query expansion: everyday words -> the terms plans use (电动车 -> 新能源汽车).

A ``Thesaurus`` maps colloquial phrases to plan terms, read from a TSV file
(``index/data/synonyms.tsv`` by default; one entry a line: the phrase, a TAB,
plan terms separated by spaces; ``#`` comments). ``find(query)`` returns the
phrases a query contains (in query order; a phrase nested inside a longer
match is left out, partly overlapping phrases both count)
with their plan terms; ``expansion_text(query)`` is what the retriever adds to
a query as a second, lower-weighted BM25 query. Matching is on the NFKC,
lower-cased query; a Latin key (``ai``, ``5g``) matches only as a whole word.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "synonyms.tsv"
_LATIN = re.compile(r"[a-z0-9]")


class ThesaurusError(ValueError):
    """A synonyms file that cannot be read or parsed (names file and line)."""


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def parse_synonyms(lines: Iterable[str], source: str = "<synonyms>") -> dict[str, tuple[str, ...]]:
    """``phrase<TAB>term term …`` lines -> {phrase: terms}; a phrase's own form is not its expansion."""
    out: dict[str, list[str]] = {}
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "\t" not in line:
            raise ThesaurusError(f"{source}:{n}: expected 'phrase<TAB>terms', got {line[:40]!r}")
        key, _, rest = line.partition("\t")
        key = _norm(key.strip())
        terms = [unicodedata.normalize("NFKC", t) for t in rest.split()]
        if not key or not terms:
            raise ThesaurusError(f"{source}:{n}: empty phrase or no terms")
        have = out.setdefault(key, [])
        for t in terms:
            if _norm(t) != key and t not in have:
                have.append(t)
    return {k: tuple(v) for k, v in out.items() if v}


@dataclass(frozen=True)
class Match:
    """One thesaurus phrase found in a query, where, and its plan terms."""

    phrase: str
    start: int
    terms: tuple[str, ...]


class Thesaurus:
    """Colloquial phrase -> plan terms. ``Thesaurus.load(path)`` or ``default_thesaurus()``."""

    def __init__(self, entries: Mapping[str, Iterable[str]] | None = None, source: str = ""):
        self.entries = {_norm(k): tuple(v) for k, v in (entries or {}).items() if tuple(v)}
        self.source = source
        self._keys = sorted(self.entries, key=lambda k: (-len(k), k))

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> "Thesaurus":
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ThesaurusError(f"{p}: cannot read synonyms file ({exc})") from None
        return cls(parse_synonyms(text.splitlines(), str(p)), source=str(p))

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for k in sorted(self.entries):
            h.update(f"{k}\t{' '.join(self.entries[k])}\n".encode("utf-8"))
        return h.hexdigest()

    def find(self, query: str) -> list[Match]:
        """Thesaurus phrases in ``query`` in query order, leaving out those nested in a longer match."""
        q = _norm(query)
        if not q or not self._keys:
            return []
        spans: list[tuple[int, int]] = []
        found: list[Match] = []
        for key in self._keys:
            start = q.find(key)
            while start >= 0:
                end = start + len(key)
                whole = not _LATIN.match(key[0]) or (
                    (start == 0 or not _LATIN.match(q[start - 1])) and (end == len(q) or not _LATIN.match(q[end])))
                # a phrase inside a longer match is that match's business (车用电池, not also 电池);
                # phrases that only overlap both count (电动车电池 + 电池回收)
                if whole and not any(a <= start and end <= b for a, b in spans):
                    found.append(Match(key, start, self.entries[key]))
                    spans.append((start, end))
                start = q.find(key, start + 1)
        return sorted(found, key=lambda m: m.start)

    def expand(self, query: str, in_plan: Callable[[str], bool] | None = None,
               skip_used: bool = True, drop_absent: bool = True) -> list[str]:
        """Plan terms for the phrases in ``query`` that the query does not already contain.

        With ``in_plan`` (does this wording occur in the plan searched?): a phrase the
        plan itself uses is not expanded (``skip_used``), and terms the plan never uses
        are left out (``drop_absent``).
        """
        q = _norm(query)
        out: list[str] = []
        for m in self.find(query):
            if in_plan is not None and skip_used and in_plan(m.phrase):
                continue
            for t in m.terms:
                if _norm(t) not in q and t not in out and (in_plan is None or not drop_absent or in_plan(t)):
                    out.append(t)
        return out

    def expansion_text(self, query: str, in_plan: Callable[[str], bool] | None = None, **kw) -> str:
        """The expansion as one string (the retriever's second BM25 query); "" if none."""
        return " ".join(self.expand(query, in_plan, **kw))

    def __repr__(self) -> str:
        return f"Thesaurus({len(self)} entries from {self.source or 'memory'})"


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The shipped ``index/data/synonyms.tsv`` (read once per process)."""
    return Thesaurus.load(DEFAULT_PATH)
