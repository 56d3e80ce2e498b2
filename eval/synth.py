"""Synthetic plan corpora for the scaling benchmark, made from the shipped plan.

Each synthetic plan keeps the shipped plan's outline (section paths, titles,
clause kinds, pages) but recombines and perturbs its text:

- about ``per_plan`` (default 300) clauses are drawn in reading order;
- a share of the clauses swap their text with another clause of the same
  kind, so texts are shuffled across positions (and across plans);
- within a clause, one sentence may be replaced by a sentence from a random
  clause of the pool (sentences split at 。；);
- place names (四川's 21 cities and prefectures) are permuted per plan, and
  numbers are scaled by a per-plan random factor (years like 2015 are kept).

Every synthetic plan has its own doc_id (``synth-0001`` …) and clause ids
``synth-0001:<original numbering path>``. Deterministic for a given seed.
Nothing here is meant to be read by a person: it gives BM25 and faiss a
realistic vocabulary, length distribution and term overlap at scale.
"""
from __future__ import annotations

import random
import re
from typing import Sequence

from corpus.model import Clause

PLACES = ("成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充",
          "宜宾", "广安", "达州", "巴中", "雅安", "眉山", "资阳", "阿坝", "甘孜", "凉山")
_PLACE_RE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE_RE = re.compile(r"[^。；]+[。；]?")


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。 or ； (the last one may lack the mark); concatenating gives the text back."""
    return _SENTENCE_RE.findall(text) or [text]


def perturb_number(token: str, factor: float) -> str:
    """Scale a number, keeping its decimals; 4-digit years 1900-2099 stay as they are."""
    if re.fullmatch(r"(19|20)\d\d", token):
        return token
    if "." in token:
        decimals = len(token.split(".", 1)[1])
        return f"{float(token) * factor:.{decimals}f}"
    return str(max(1, round(int(token) * factor)))


def perturb_text(text: str, places: dict[str, str], factor: float) -> str:
    text = _PLACE_RE.sub(lambda m: places[m.group(0)], text)
    return _NUMBER_RE.sub(lambda m: perturb_number(m.group(0), factor), text)


def synthetic_plan(base: Sequence[Clause], plan_no: int, seed: int = 0, per_plan: int = 300,
                   swap_share: float = 0.3, sentence_share: float = 0.5) -> list[Clause]:
    """One synthetic plan (list of clauses) derived from ``base`` clauses."""
    if not base:
        raise ValueError("need at least one base clause")
    rng = random.Random(f"{seed}:{plan_no}")
    doc_id = f"synth-{plan_no:04d}"
    picked = sorted(rng.sample(range(len(base)), min(per_plan, len(base))))
    by_kind: dict[str, list[int]] = {}
    for i, c in enumerate(base):
        by_kind.setdefault(c.kind, []).append(i)
    shuffled = list(PLACES)
    rng.shuffle(shuffled)
    places = dict(zip(PLACES, shuffled))
    factor = rng.uniform(0.5, 2.0)
    out: list[Clause] = []
    offset = 0
    for i in picked:
        c = base[i]
        src = c
        if c.kind in ("body", "box") and rng.random() < swap_share:
            src = base[rng.choice(by_kind[c.kind])]
        sents = split_sentences(src.text)
        if len(sents) > 1 and rng.random() < sentence_share:
            donor = split_sentences(base[rng.randrange(len(base))].text)
            sents[rng.randrange(len(sents))] = donor[rng.randrange(len(donor))]
        text = perturb_text("".join(sents), places, factor)
        path = c.clause_id.split(":", 1)[-1]
        out.append(Clause(
            clause_id=f"{doc_id}:{path}", doc_id=doc_id,
            section_path=tuple(perturb_text(t, places, 1.0) for t in c.section_path),
            title=perturb_text(c.title, places, 1.0), text=text, pages=c.pages,
            span=(offset, offset + len(text)), kind=c.kind,
        ))
        offset += len(text) + 1
    return out


def synthetic_corpus(base: Sequence[Clause], n_plans: int, seed: int = 0, per_plan: int = 300) -> list[Clause]:
    """``n_plans`` synthetic plans, concatenated; clause ids are unique across the corpus."""
    out: list[Clause] = []
    for j in range(1, n_plans + 1):
        out.extend(synthetic_plan(base, j, seed=seed, per_plan=per_plan))
    return out
