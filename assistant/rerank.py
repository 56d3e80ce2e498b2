"""Re-rank the retrieved pool with a linear model over general features.

Retrieval fuses two scores; what it does not see is *where* and *how* a clause
holds the question: a glossary entry that opens with the asked term, one
sentence that holds the question's informative words together, a table row
that repeats a figure the prose states with its context. Each feature below
means the same on any plan; their weights are fitted by ``eval/rerank_fit.py``
on the dev split of the multi-plan corpus (a listwise softmax over each
question's pool) and stored as data (``assistant/data/rerank.json``) with the
leave-one-plan-out figures they were chosen with. With no data file the pool
keeps its retrieval order.

Features of a hit, given the question (all 0..1 or small):

- ``score`` / ``bm25`` / ``dense``: the fused score, the BM25 score and the
  cosine, each relative to the pool (best = 1; the cosine min-max scaled);
- ``sent_dense``: the cosine of the clause's best single sentence with the question, min-max
  scaled over the pool like ``dense`` (``assistant/sentences.py``): the index's windows hold two
  or three sentences, and a question about one of them meets their average (dev, 66 plans, 8 folds
  of plans, ``python -m eval.sentence_probe``: pool hit@1 .883 → .892, higher on 21 plans and lower
  on 10; leave one plan out with the other features refitted, ``eval.rerank_fit``: .885 → .897);
- ``part_dense``: the same for the clause's best sentence or phrase (a sentence cut at its commas:
  ``assistant.sentences.phrases``), where a question asks about one of the measures a long sentence
  strings together (dev, 153 plans, 8 groups of plans: pool hit@1 3,117 → 3,147 of 3,545, better on
  40 plans and worse on 18); its cosine is read in the plan's whitened space, the plan's mean and
  spread taken out (``assistant.sentences.whitening``: 3,149 → 3,171 refitted, eight groups of plans);
- ``recip_rank``: 1 / the retrieval rank;
- ``dense_lowlex``: ``dense`` times how little of the question the best clause's words
  hold (1 - the pool's top ``info_cov``): meaning counts most where wording does not;
- ``info_cov``: the share of the question's general-language information the
  clause holds (text and section titles); ``sent_cov``: the same for its best
  single sentence;
- ``title_cov``: the share held by the section titles alone;
- ``bigram_cov``: the share of the question's two-character sequences (Chinese characters
  only) that the clause and its titles hold, each weighed by how few of the pool's clauses
  hold it: wording that word segmentation cuts differently still counts (租房 in 出租房屋,
  which jieba cuts 出租|房屋), and characters every clause of the pool shares count little
  (dev, 61 plans, three 8-fold splits by plan: pool hit@1 .884 → .891/.893/.892); the question is
  read without the plan's own place and period (``confidence.without_home``: 合肥 in 合肥's 公报);
- ``defines``: the question asks what a term means and the clause opens with
  that term followed by 是/指/：, or introduces it as （以下简称/统称/以下称“X”）;
- ``number``: the question asks for a figure and the clause has one; ``sent_number``: the
  clause's best single sentence has one. A year, a span of years, a date or an item's number is
  no figure ("“十五五”时期（2026－2030年）是…关键时期" opens a part, it gives no target) unless the
  question asks when or which years (dev, 153 plans, the weights as fitted: hit@1 3,504 → 3,509
  of 4,099, better on 6 plans, worse on the shipped plan by one);
- ``unit``: the question counts with a measure word or unit (几条, 多少个, 多少公里)
  and the clause has a number with that word (37条, 9000个, 24公里), or is a table row with a
  number and that unit in a cell of its own (数字经济企业数 | 家 | 预期性 | 9000左右);
- ``who_note``: the question asks who is responsible and the clause has a responsibility
  note (（…牵头）, (责任单位:…), 〔责任单位:…〕): a long measure's note is often in its last piece;
  or it is a row of a task table whose header names such a column (牵头单位 | 配合单位);
- ``year_miss``: the question names a year the clause does not (a clause naming no year, in a document of that
  one year — 合肥市2024年…统计公报 says 全年 — does; ``docinfo.own_year``);
- ``date``: the question asks when and the clause has a date (2023年5月26日);
- ``prev_clause`` / ``prev_section``: for a follow-up, the clause is the previous question's best
  clause, or prints its measure again (a task table row repeating it) / lies in the section that
  clause sits in (an item's parent section; in 131 of 149 dev
  follow-ups the answer lies there; the previous best clause joins the pool when retrieval missed it);
- ``own_cov``: for a follow-up, the share of its own new words (those the previous question did
  not have, by general-language information) the clause holds with its titles: 南阳呢？ after a
  question on 郑州、洛阳 asks for the clause that names 南阳, not the previous answer again;
- ``table``: the clause is a table row;
- ``length``: log of the clause length.

The model may also weigh the product of two features (``dense*info_cov``: how far meaning
counts depends on how much of the wording a clause holds); ``eval/rerank_fit.py --pairs``
fits one weight for every pair, and the data file lists the names it weighs.
"""
from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

import numpy as np

from assistant import compose
from assistant.evidence import feature_vector as vector
from assistant.text import compact, sentence_spans
from corpus.script import compile_cue
from index.tokenize import digit_years

DATA = Path(__file__).resolve().parent / "data" / "rerank.json"
FEATURES = ("score", "bm25", "dense", "dense_lowlex", "sent_dense", "recip_rank", "info_cov", "sent_cov", "title_cov",
            "bigram_cov", "defines",
            "number", "sent_number", "unit", "who_note", "year_miss", "date", "table", "length",
            "prev_clause", "prev_section", "own_cov", "near_cov", "part_dense")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=年)")
_DIGIT = re.compile(r"\d")
_ASKS_DATE = compile_cue(r"哪天|哪一天|什么时候|何时|日期|几月几[日号]|哪年哪月")
_DATE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# digits that state no figure: an item's number or a footnote mark (…生产总值（GDP）[2]13507.69亿元, a note
# opening [2][4]地区生产总值及其…); a year or a span of years (2026－2030年), a date
_ITEM_NUMBER = re.compile(r"^\s*[（(]?\d{1,2}[）).．、]|[（(]\d{1,2}[）)]|\[\d{1,2}\]")
_TIME = compile_cue(r"(?<!\d)(?:19|20)\d\d\s*(?:年|[－\-—~至到]\s*(?:19|20)?\d\d)|(?<!\d)\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?")
# a question asking which years or when: there a year or a date is the figure asked
_ASKS_YEARS = compile_cue(r"哪[几一]?年|年限|年份|何年|什么时候|何时|哪天|日期")
# a word cosine (multilingual-e5-small, each word alone) from which a clause's word nearly holds a
# question's term: 0 at NEAR_FROM, rising to 1 at 1.0. Chosen on the dev pools, by groups of plans
# (``python -m eval.feature_probe``, eval/results/feature-probe): .88, .92 and .95 tried.
NEAR_FROM = 0.92


def _bigrams(text: str) -> set[str]:
    return {run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)}


def bigram_cover(question: str, texts: list[str]) -> list[float]:
    """For each text, the share of the question's Chinese character bigrams it holds, each bigram
    weighed by log((n + 1) / (df + 0.5)) over the n texts (df: how many hold it); bigrams no text
    holds do not count."""
    held = [_bigrams(t) for t in texts]
    n = len(texts)
    weight = {}
    for b in _bigrams(question):
        df = sum(b in h for h in held)
        if df:
            weight[b] = math.log((n + 1) / (df + 0.5))
    total = sum(weight.values())
    if total <= 0:
        return [0.0] * n
    return [sum(w for b, w in weight.items() if b in h) / total for h in held]


def _defines(text: str, terms, formal: bool = False) -> bool:
    """The clause opens (after its numbering) with one of ``terms``, then 是/指/：; or with the
    drafting formula "本办法所称X，是指…" (本规划/本方案/前款… 所称 X 是指/包括, 本规定中X是指); or it names
    what the term stands for in the drafting convention "…（以下简称/统称/以下称“X”）". ``formal``: only
    the forms that define and nothing else (所称X是指, X是指/X指, 以下简称X, and X是指 after a
    sentence's end or a semicolon), not "X是…"/"X：…"."""
    flat = compact(text).lower()
    head = flat[:40]
    for t in terms:
        if len(t) < 2 or t not in flat:       # every form below holds the term as it is written
            continue
        opening, drafted, after_stop, named = _definition_forms(t, formal)
        if opening.match(head) or drafted.match(head):
            return True
        if after_stop is not None and after_stop.search(flat):
            return True
        if named.search(flat):
            return True
    return False


@functools.lru_cache(maxsize=2048)
def _definition_forms(t: str, formal: bool):
    """``_defines``'s patterns for the term ``t``, compiled once (a question's terms meet every
    clause of its pool, and the numbering prefix is slow to compile)."""
    opens = r"(?:[,，:：]?是指|[,，:：]?指)" if formal else r"(?:[:：]|[,，]?是指|[,，]?指|是|即)"
    term = r"[“\"《]?" + re.escape(t) + r"[”\"》]?"
    opening = compile_cue(compose.NUMBERING + "?" + term + r"(?:[（(][^)）]{0,30}[)）])?" + opens)
    # ("预算法第五十六条第二款所称财政专户，是指…": 所称 after another law's article)
    # ("本办法所称的配售型保障性住房,是指…": 所称 with 的; "本办法中孵化器在孵企业是指…": the term after
    # what it is of)
    drafted = compile_cue(compose.NUMBERING + r"?(?:(?:本|前款|上述)?[^，,。；;“\"]{0,6}(?:所称的?|中)" + term
                         + r"[,，]?(?:是指|指|包括|是)|[^，,。；;“\"]{0,20}所称的?" + term + r"[,，]?(?:是指|指)"
                         + r"|本[^，,。；;“\"]{1,6}中[^，,。；;“\"是]{1,4}?" + term + r"[,，]?是指)")
    # "（一）基本内涵。智慧林业是指…", "…的住房;人才公寓,是指…": a formal definition after a
    # run-in title or among the definitions one article lists
    # ("…不少于1700个（公共停车设施指独立用地的公共停车场库…）": a definition in brackets)
    # ("…;首套房指所购住房为…": a definition after a stop, with a bare 指 where any form may do; not 指标/指导…)
    after_stop = compile_cue(r"[。；;]" + compose.NUMBERING + "?" + term + r"[,，:：]?是指|[（(]" + term + r"是?指") \
        if formal else compile_cue(r"[。；;]" + compose.NUMBERING + "?" + term + r"[,，:：]?是?指(?![标导出挥南定引])")
    # "（以下简称“X”）", "（以下称1+X证书制度试点）"; a quoted term glossed in brackets ("“双师型”教师
    # （同时具备理论教学和实践教学能力的教师）", "“核高基”（核心电子器件、高端通用芯片、基础软件）"); a list
    # summed up by it ("分裂势力、宗教极端势力、暴力恐怖势力等“三股势力”"); a quoted term and what it
    # names, after 即 ("“1610”政策体系，即1个…", "“…一件事”改革即…": not 即将/即可…); a term glossed by 指 in
    # brackets ("存量商品住房(指成套二手住房)")
    quoted = r"[“\"]" + re.escape(t) + r"[”\"]"
    named = compile_cue(r"(?:(?:以下|下文)?(?:简称|统称)|(?:以下|下文|下)称)[“\"《]?" + re.escape(t)
                       + r"[”\"》]?[\u4e00-\u9fff]{0,4}[)）]"
                       r"|" + quoted + r"[\u4e00-\u9fff]{0,4}[（(][^（()）]{4,60}[)）]"
                       r"|" + quoted + r"[\u4e00-\u9fff]{0,4}[,，]?即(?![将可时日使便刻])"
                       r"|" + re.escape(t) + r"[”\"]?[（(]是?指"
                       r"|、[^。；;，,、]{1,20}等" + quoted)
    return opening, drafted, after_stop, named


# "“首套房”是怎么认定的": what counts as the term, which its definition says
_RECOGNISED = compile_cue(r"(?:怎么|如何|怎样|咋)(?:来)?认定")


def defines(text: str, term: str) -> bool:
    """``text`` defines ``term`` in one of the drafting forms that do nothing else (see ``_defines``)."""
    return _defines(text, [term.lower()], formal=True)


def section_titles(hit) -> tuple:
    """The titles a clause stands under: its section path, and its own title where that is not the
    path's last (a table row's title is its table's header row, which says what each cell is:
    序号 | 指标名称 | 单位 | 属性 | “十五五”目标)."""
    path = tuple(hit.section_path)
    own = hit.title or ""
    return path + ((own,) if own and (not path or path[-1] != own) else ())


_RESTATED = 24        # characters: a measure printed again (its task table row) repeats at least its opening


@functools.lru_cache(maxsize=256)
def _long_cells(text: str) -> tuple[str, ...]:
    """The cells of a table row (the clause itself when it is no row), compacted, that are long
    enough to state a measure (``_RESTATED`` characters); cached, as the previous answer's are read
    once for every clause of a follow-up's pool."""
    return tuple(c for c in (compact(c) for c in text.split(" | ")) if len(c) >= _RESTATED)


def _restates(text: str, prev: str) -> bool:
    """Whether ``text`` prints the previous answer's measure again: a task table row whose cell
    repeats the measure the plan's body states (…最长放宽至3个月… | 市医保局、市卫生健康委 | …), or the
    body a row's cell restates."""
    if " | " not in text + prev:
        return False
    return any(a[:_RESTATED] in b or b[:_RESTATED] in a for a in _long_cells(prev) for b in _long_cells(text))


def _has_figure(text: str, years: bool = False) -> bool:
    """Whether ``text`` states a figure: a digit outside years, dates and item numbers; with
    ``years`` (the question asks when or which years), a year or a date counts."""
    text = _ITEM_NUMBER.sub("", text)
    return bool(_DIGIT.search(text if years else _TIME.sub("", text)))


def _share(text: str, info: dict) -> float:
    total = sum(info.values())
    return compose.coverage(text, info) if total > 0 else 0.0


def near_share(text: str, info: dict, near: dict | None, start: float = NEAR_FROM) -> float:
    """The share of the question's information a clause holds or nearly holds: a term found (or
    one of its thesaurus alternatives) counts whole, one that is not by how close the clause's
    nearest word comes to it (``near``: term -> best word cosine, from ``start`` to 1.0)."""
    terms = {t: w for t, w in info.items() if w > 0}
    total = sum(terms.values())
    if total <= 0:
        return 0.0
    held = set(compose.matched(text, info))
    near = near or {}
    return sum(w * (1.0 if t in held else min(1.0, max(0.0, (near.get(t, 0.0) - start) / (1.0 - start))))
               for t, w in terms.items()) / total


def scaled(values) -> list[float]:
    """``values`` min-max scaled over the pool: 0 for the lowest, 1 for the highest; all 0 when they are equal."""
    lo, hi = min(values), max(values)
    return [(v - lo) / (hi - lo) if hi > lo else 0.0 for v in values]


def features(hits, info: dict, question: str, prev=None, searched: str = "",
             own: dict | None = None, sent_cos=None, near=None, part_cos=None,
             own_years: dict | None = None) -> list[dict[str, float]]:
    """One feature dict per hit (in pool order). ``info``: question term -> general-language
    information (a compose.QueryTerms, so the thesaurus alternatives count); ``prev``: for a
    follow-up, the previous question's best clause (a Hit); ``searched``: what was searched when
    it is not the question itself (a follow-up with the previous question's subject: 每年增长多少
    after 发明专利申请有什么目标 is 发明专利申请 每年增长多少), which ``bigram_cov`` reads; ``own``: a
    follow-up's own new words with their information (``own_cov``); ``sent_cos``: each hit's best
    sentence cosine (``sent_dense``; None without dense vectors); ``near``: for each hit, each
    question term's best cosine with one of its words (``near_cov``; None without dense vectors);
    ``part_cos``: each hit's best whitened sentence or phrase cosine (``part_dense``; None without dense vectors);
    ``own_years``: doc id -> the year a document of one year is about (``docinfo.own_year``), which its
    clauses that name no year are about (``year_miss``)."""
    if not hits:
        return []
    top_score = max((h.score for h in hits), default=0.0) or 1.0
    top_bm25 = max((h.scores.get("bm25", 0.0) for h in hits), default=0.0) or 1.0
    cos = [h.scores.get("dense") for h in hits]
    known = [c for c in cos if c is not None]
    lo, hi = (min(known), max(known)) if known else (0.0, 0.0)
    sent_scaled = scaled(sent_cos) if sent_cos else [0.0] * len(hits)
    part_scaled = scaled(part_cos) if part_cos else [0.0] * len(hits)
    defining = bool(compose.DEFINITION.search(question) or _RECOGNISED.search(question))
    terms = sorted((t for t, w in info.items() if w > 0), key=len, reverse=True)
    asked = compose.defined_term(question).lower()
    if asked:
        terms = [asked, *terms]
    numbers = bool(compose.HOW_MUCH.search(question))
    asks_years = bool(_ASKS_YEARS.search(question))
    who = bool(compose.ASKS_WHO.search(question))
    # the section the previous answer sits in: its path, less its own item title when it is an item
    home = ()
    if prev is not None:
        path = tuple(prev.section_path)
        home = path[:-1] if path and prev.title and path[-1] == prev.title else path
    unit = compose.asked_unit(question)
    unit_word = compose.asked_unit_word(question)
    years = set(_YEAR.findall(digit_years(question)))
    when = bool(_ASKS_DATE.search(question))
    paths = [section_titles(h) for h in hits]
    held = [_share(h.text + " " + " ".join(p), info) for h, p in zip(hits, paths)]
    wordless = 1.0 - max(held)
    bigram = bigram_cover(searched or question, [h.text + "".join(p) for h, p in zip(hits, paths)])
    out = []
    for rank, h in enumerate(hits, 1):
        titles = " ".join(paths[rank - 1])
        text = h.text
        spans = list(sentence_spans(text)) or [(0, len(text))]
        shares = [_share(text[a:b], info) for a, b in spans]
        sent = max(shares)
        a, b = spans[shares.index(sent)]
        c = cos[rank - 1]
        dense = (c - lo) / (hi - lo) if c is not None and hi > lo else 0.0
        out.append({
            "score": h.score / top_score,
            "bm25": h.scores.get("bm25", 0.0) / top_bm25,
            "dense": dense,
            "dense_lowlex": dense * wordless,
            "sent_dense": sent_scaled[rank - 1],
            "recip_rank": 1.0 / rank,
            "info_cov": held[rank - 1],
            "sent_cov": sent,
            "title_cov": _share(titles, info),
            "bigram_cov": bigram[rank - 1],
            "defines": float(defining and _defines(text, terms)),
            "number": float(numbers and _has_figure(text, asks_years)),
            "sent_number": float(numbers and _has_figure(text[a:b], asks_years)),
            "unit": float(unit is not None and bool(unit.search(text)) or compose.table_unit(text, unit_word)),
            "who_note": float(who and compose.names_responsible(text, h.title or "")),
            "year_miss": float(bool(years) and not all(_names_year(y, digit_years(text + titles),
                                                                   (own_years or {}).get(h.doc_id, ""))
                                                        for y in years)),
            "date": float(when and bool(_DATE.search(text))),
            "table": float(" | " in text),
            "length": math.log(1 + len(text)) / 6.0,
            "prev_clause": float(prev is not None and (h.clause_id == prev.clause_id or _restates(text, prev.text))),
            "prev_section": float(bool(home) and h.clause_id != prev.clause_id
                                  and tuple(h.section_path[:len(home)]) == home),
            "own_cov": _share(text + " " + titles, own) if own and prev is not None else 0.0,
            "near_cov": near_share(text + " " + titles, info, near[rank - 1]) if near else held[rank - 1],
            "part_dense": part_scaled[rank - 1],
        })
    return out


def _names_year(year: str, text: str, own_year: str = "") -> bool:
    """Whether ``text`` is about ``year``: it names it, or it names no year at all in a document of that
    one year (全年生产总值13507.69亿元 in 合肥市2024年…统计公报)."""
    return year in text or (year == own_year and not _ANY_YEAR.search(text))


_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class Reranker:
    """w . features(hit), highest first; ties keep the retrieval order. The weights may also name
    products of two features (``dense*info_cov``: meaning counts by how much of the wording holds)."""

    def __init__(self, weights: dict[str, float], meta: dict | None = None):
        known = set(FEATURES)
        self.weights = {f: float(weights.get(f, 0.0)) for f in FEATURES}
        self.weights.update({f: float(w) for f, w in weights.items()
                             if "*" in f and set(f.split("*")) <= known})
        self.names = tuple(self.weights)
        self._w = np.array(list(self.weights.values()), dtype=np.float64)
        self.meta = dict(meta or {})
        # each name as two columns of [the single features, 1]: "a*b" -> (a, b), "a" -> (a, 1)
        self._base = tuple(dict.fromkeys(p for n in self.names for p in n.split("*")))
        col = {f: i for i, f in enumerate(self._base)}
        one = len(self._base)
        self._left = np.array([col[n.split("*")[0]] for n in self.names], dtype=np.intp)
        self._right = np.array([col[n.split("*")[1]] if "*" in n else one for n in self.names], dtype=np.intp)

    def scores(self, feats) -> list[float]:
        """w . vector(features) for each hit (``vector``'s products, read as one array)."""
        if not feats:
            return []
        base = np.ones((len(feats), len(self._base) + 1))
        for r, f in enumerate(feats):
            base[r, :-1] = [float(f.get(n, 0.0)) for n in self._base]
        return ((base[:, self._left] * base[:, self._right]) @ self._w).tolist()

    def rerank(self, hits, info: dict, question: str, prev=None, searched: str = "", own=None, sent=None,
               near=None, part=None, own_years=None) -> list:
        if len(hits) < 2:
            return list(hits)
        s = self.scores(features(hits, info, question, prev, searched, own, sent, near, part, own_years))
        order = sorted(range(len(hits)), key=lambda i: (-s[i], i))
        return [hits[i] for i in order]


@functools.lru_cache(maxsize=1)
def model() -> Reranker | None:
    """The fitted model shipped with the package (None without its data file)."""
    try:
        data = json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = {k: v for k, v in data.items() if k not in ("features", "weights")}
    return Reranker(data.get("weights", {}), meta)


def rerank(hits, info: dict, question: str, reranker: Reranker | None = None, prev=None, searched: str = "",
           own=None, sent=None, near=None, part=None, own_years=None) -> list:
    """``hits`` in the order of ``reranker`` (default: the shipped model); unchanged without one."""
    r = reranker if reranker is not None else model()
    if r is None:
        return list(hits)
    if own_years:       # passed only where it counts: a re-ranker of the signature before it still fits
        return r.rerank(hits, info, question, prev, searched, own, sent, near, part, own_years=own_years)
    return r.rerank(hits, info, question, prev, searched, own, sent, near, part)

