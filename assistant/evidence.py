"""Whether the plan answers: general evidence features and the calibrated decision.

The decision is one logistic model over a few features that mean the same on
any plan, fitted on the multi-plan dev corpus by ``eval/calibrate.py`` and
stored as data (``assistant/data/abstain.json``): weights, bias, threshold,
and the leave-one-plan-out precision/recall it was chosen with.

Features (all computed from the question and the top hits):

- ``info_cov``: the share of the question's general-language information that
  the best of the top hits holds (text plus section titles). A word's
  information is its self-information in jieba's own dictionary (349k words
  with frequencies), so padding such as 如何/怎么/到底 weighs little and words
  the plan never uses (天气, 电视剧, 个人所得税) weigh a lot, with no hand list.
- ``idf_cov``: the same share weighted by the plan's own idf.
- ``miss_info``: the information of the most informative question word that
  the best hit lacks (scaled to 0..1).
- ``cos_top`` / ``cos_z``: the dense cosine of the best hit, and how far it
  stands above the question's cosines with all the plan's clauses (z-score):
  a paraphrase stands out from its plan, an unrelated question does not.
- ``miss_noun``: the same for nouns and names only (jieba's part-of-speech tags;
  words it lacks count as names): what a question asks *about* missing from the
  clause weighs more than a missing colloquial verb; ``amount_miss``: that,
  when the question asks for a figure.
- ``agree``: both retrievers rank the top clause high (1 / the worse rank).
- ``practical``: the question asks for prices, fees, pay or application
  paperwork, which plans do not state (a soft feature: its weight is fitted).
- ``plan_miss``: the information of the most informative question term that the
  asked plan never uses anywhere (not in any clause or title): a question about
  数据安全 asked of a water plan that only says 数据 and 安全 apart.
- ``anchor_miss``: a place, year or amount the question names that no hit has.
- ``foreign_place``: a province/city name the documents never mention.
- ``bg_margin``: the question's best cosine in the asked plan minus its best cosine among
  the windows of other known plans (``assistant/background.py``): a question another plan
  fits better is likely one this plan does not answer. Only with the encoder the background
  was built with; the models ``dense_bg`` and ``dense_bg_sent`` read it (on its own, not in
  the products of pairs below), ``dense`` and ``dense_sent`` are the same models without it.
- ``sent_top``: the highest cosine of the question with a single sentence of the first
  ``top_n`` clauses (``assistant.sentences``; a table row is read as its window). A question a
  clause answers meets one of its sentences closely; one that only shares the plan's topic meets
  whole windows about as well as any sentence. Read beside the pairs, like ``bg_margin``; on the
  dev split of 66 plans, leave one plan out, the model with the background declines 761 → 799 of
  961 out-of-scope questions with it (``dense_bg`` → ``dense_bg_sent``) at the same 43 of 1,729
  false abstentions (more on 30 plans, fewer on 7; a plan's own 336 → 347 of 435, borrowed
  425 → 452 of 526); without the background, 745 → 768. Models with and without it are
  stored: ``model_for`` reads a model only with the signals (``SIGNALS``) an answer has.
- ``part_top``: the highest *whitened* cosine of the question with a sentence or comma phrase of the
  first ``top_n`` clauses (``assistant.sentences``: ``part_cosines``, the re-ranker's ``part_dense``).
  Whitened, what every clause of the plan shares (its topic) weighs little and what sets a part apart
  weighs more: a question about the plan's own topic that no part answers no longer meets one part
  closely. ``dense_bg_sent_probe_resid`` reads it beside ``sent_top``. On the dev split of the same 144
  plans, leave one plan out, from the same rows, the model declines 1,827 → 1,838 of 2,121 out-of-scope
  questions at the same 76 of 3,021 false abstentions (more on 26 plans, fewer on 19); fitted on all
  153 plans of the corpus, 1,938 → 1,959 of 2,256 at 81 of 3,201; in place of ``sent_top`` instead of
  beside it, 1,944; on the 144 plans, in the pairs instead of beside them 1,830, over the first five
  clauses 1,836, of the first clause only 1,827, sentences only (no phrases) 1,831.
- ``turn_cov`` / ``turn_miss``: for a follow-up read as continuing the turn before ("那红烧肉呢？" after
  "新材料产业的目标是什么？"), the share of the information of its own new terms (the terms of what was
  searched that the previous question's search lacked: 红烧肉; not a run jieba's HMM made of single
  characters, ``fragment``) that the best of the top hits holds, 1 when it adds no informative term; and the
  information of its most informative own term the plan never uses (as ``plan_miss``). A follow-up is
  searched with the previous question's words, which the clauses hold whatever the turn asks; these read
  what the turn itself adds. Only follow-ups have them, and only the follow-up models read them
  (``dense_bg_sent_turn``; ``lexical_turn`` in BM25 mode), fitted on the follow-up turns of the dev
  split (eval/calibrate.py), with the out-of-scope turns its readers wrote for each plan.
- ``figure_gap``: when the question asks for a figure, ``info_cov`` less the share its best
  *sentence with a figure* holds, among the first ``FIGURE_TOP_N`` hits (with their titles): a
  plan that names what is asked but gives no number for it (总投资是多少亿元 asked of a plan that
  never budgets) does not answer. Every model reads it as one more feature, outside the pairs
  below: on the dev split of 61 plans, leave one plan out, ``dense_bg`` declines 678 → 694 of 889
  out-of-scope questions at the same 40 of 1,617 false abstentions (more on 16 plans, fewer on 1);
  ``dense`` 645 → 648, the BM25 model 537 → 541 (false 59 → 58). When the question names the
  unit it asks in (``confidence.figure_kind``: 金额, 百分比, 座数 …) or asks when or how long,
  only a sentence stating a figure in that unit, or a time, counts: a year and a floor area do
  not answer "每平方米卖多少钱". Read by the same fitted weights (not refitted).

- ``probe``: how far the question reads like one plans leave unanswered, from its query vector
  alone (``assistant/question_probe.py``: a recipe, a fee, one's own paperwork, a figure a plan
  names but never states). The model ``dense_bg_sent_probe`` reads it with its products with the
  paired features below; it is fitted on out-of-fold probe values (``eval/calibrate.py``). Only
  with the encoder the probe was fitted on; the other models are the same without it.
- ``cos_resid``: the best cosine of the question with a clause of the plan less the best cosine an
  answered question like it gets (``assistant/question_probe.py``: a ridge regression over the
  query vector, fitted on the dev split's answered questions). A colloquial question meets even its
  answer loosely, a formal one closely: the raw cosine cannot tell a loose match that is as good as
  such a question gets from one well below it. ``dense_bg_sent_probe_resid`` reads it beside the
  pairs, like ``bg_margin``. On the dev split of 114 plans, leave one plan out, on the turns read
  alone, it declines 1,397 → 1,432 of 1,669 out-of-scope questions at the same 60 of 2,413 false
  abstentions (a plan's own 649 → 665 of 763, borrowed 748 → 767 of 906; declines less false
  abstentions higher on 44 plans, lower on 23); in the pairs, 1,426.

The model of the dense signal also reads every pair of those features but ``bg_margin`` and
``figure_gap`` (``a*b``, the product, squares included): a weak lexical match means little
when the cosine stands far above the plan (a colloquial paraphrase) and much when it does not
(a question the plan never covers); one linear weight per feature cannot say that. On the dev split of 53
plans, leave one plan out, the pairs decline 548 of 777 out-of-scope questions where the
single features decline 538, both at 35 of 1,430 false abstentions, higher on 15 plans and
lower on 8 (``eval/calibrate.py``, ``--no-pairs`` for the single features; on 42 plans and
the code before this release's parsing fixes, 446 vs 423 of 623).
BM25 mode keeps the single features: there the pairs did not help (42 plans: 392 vs 394 declined).

``anchor_miss`` and ``foreign_place`` also decide alone in the assistant (see ``PlanAssistant._decide``), and so,
in BM25 mode only, does a best hit that holds none of the question's words (``unsupported``).
"""
from __future__ import annotations

import functools
import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

from assistant.confidence import FIGURE, GENERIC_WORDS, gives_unit, grouped_coverage, hit_context
from assistant.text import compact, maximal, sentence_spans, strip_span
from corpus.script import compile_cue

DATA = Path(__file__).resolve().parent / "data" / "abstain.json"
INFO_CAP = 14.0        # self-information (nats) of a word jieba's dictionary lacks, and the most any word gets
FIGURE_TOP_N = 10      # figure_gap reads the sentences of the first N hits
NEAR_CHARS = 4         # a compound's parts this close together in a clause count as the compound (unused_terms)
FEATURES_DENSE = ("info_cov", "idf_cov", "miss_info", "miss_noun", "amount_miss", "cos_top", "cos_z", "agree",
                  "anchor_miss", "foreign_place", "practical", "plan_miss")
FEATURES_LEXICAL = ("info_cov", "idf_cov", "miss_info", "miss_noun", "amount_miss", "anchor_miss", "foreign_place",
                    "practical", "plan_miss", "figure_gap")
FEATURES_UNPAIRED = ("figure_gap",)    # read by the dense models beside the pairs, not in them
# Features present only when their source is (dense vectors, the background of known plans, the
# sentence vectors): ``model_for`` picks a model that reads only those the evidence has.
SIGNALS = ("cos_top", "bg_margin", "sent_top", "probe", "cos_resid", "part_top", "turn_cov", "turn_miss")
FEATURES_TURN = ("turn_cov", "turn_miss")     # a follow-up's own words (gather: ``turn``)
# What a plan never states, whatever its topic: prices, fees, pay and application
# paperwork, the weather, and anything about the asker's today or tomorrow (a plan is written
# before either): a soft feature, the fitted weight says how much it counts. The days were
# added on 61 plans, where their 12 dev questions were all out of scope: 659 -> 671 of 889
# declined, false abstentions 40 either way. Rain or weather alone is no such sign: every
# weather question of the corpus names its day, while the three that name rain or weather
# without one are in scope (雨水收集, 下雨时农田被淹, 台风暴雨天巡路). The asker's week counts as the days do
# (合肥这个周末会下雨吗？ was answered on the 十四五 power plan of 合肥, the plan's own place its only word
# a clause held); a weekend said of no week (周末想带孩子去乡下露营，以后这类玩法会多起来吗？) is a plan's matter.
PRACTICAL = compile_cue(r"多少钱|怎么申请|如何申请|怎么办理|如何办理|天气(?:怎么样|如何|预报)|明天|今天|今晚|明晚|昨天|"
                       r"(?:这个?|本|下个?)(?:周末|周|星期|礼拜)(?![期边转围年密全到])|"
                       r"(?:准备|提交|提供|带|需要|要)(?:哪些|什么)(?:材料|证明|手续)")
# a price or pay word counts when the question asks how much ("学费要交多少", "收费标准是多少"),
# not in a yes/no question a plan can answer ("特殊学校读书要交学费吗" -> 推行免费教育); a fee said as what is
# charged ("物业费每平方米收多少？", "保教费收多少？"; not 经费 or 费用) and a tariff asked how it is charged
# ("阶梯电价是怎么收费的？") count so too
_PRICE = compile_cue(r"价格|价钱|票价|房价|租金|学费|收费标准|手续费|工资|奖金|税率|起征点|分数线|电价|水价|"
                    r"(?<!经)费(?!用)[^，,。？?]{0,8}?收(?!入|益)")
_HOW_MUCH = compile_cue(r"多少|几[元块]|怎么算|怎么定|如何确定|多贵|贵不贵|什么价|标准是|怎么收费|如何收费|怎么计费|如何计费")


def unsupported(features: dict) -> bool:
    """The best hit holds none of the question's words, by either weighting. Without the dense
    signal (BM25 only) such a hit is noise: on the dev split 154 of 184 such questions are out of
    scope, and of the 30 in scope BM25 shows an answering clause first for 2 (in the top 5 for 5)."""
    return features.get("info_cov", 0.0) == 0.0 and features.get("idf_cov", 0.0) == 0.0


def practical(question: str) -> bool:
    """The question asks for a price, a fee, pay, paperwork, the weather or about today or tomorrow,
    which plans do not state."""
    return bool(PRACTICAL.search(question) or (_PRICE.search(question) and _HOW_MUCH.search(question)))


_NOUN_TAGS = ("n", "nr", "ns", "nt", "nz", "j", "eng", "nrt", "nrfg")


class WordInfo:
    """Self-information log(total / (freq + 1)) of words in jieba's general dictionary,
    and each word's part-of-speech tag there."""

    _lock = threading.Lock()
    _freq: dict | None = None
    _nouns: frozenset = frozenset()
    _tagged: frozenset = frozenset()
    _total = 1

    @classmethod
    def _load(cls) -> dict:
        if cls._freq is None:
            with cls._lock:
                if cls._freq is None:
                    words, freqs, nouns = _dictionary_table()
                    cls._total = max(int(freqs.sum()), 1)
                    cls._freq = dict(zip(words, freqs.tolist()))
                    cls._nouns = frozenset(w for w, n in zip(words, nouns.tolist()) if n)
                    cls._tagged = frozenset(words)
        return cls._freq

    @classmethod
    def _count(cls, w: str) -> int | None:
        """The frequency of a (compacted) word in jieba's dictionary, as printed, lower-cased or in
        simplified characters (預計, 轉型: its words in traditional print); None when it lacks it."""
        freq = cls._load()
        for form in (w, w.lower(), _as_simplified(w)):
            n = freq.get(form)
            if n is not None:
                return n
        return None

    @classmethod
    def info(cls, word: str) -> float:
        w = compact(word)
        if not w:
            return 0.0
        n = cls._count(w) or 0          # loads the dictionary, and with it the total
        return min(INFO_CAP, math.log(cls._total / (n + 1)))

    @classmethod
    def known(cls, word: str) -> bool:
        """A word of jieba's general dictionary (as printed, lower-cased or in simplified characters)."""
        return cls._count(compact(word)) is not None

    @classmethod
    def is_noun(cls, word: str) -> bool:
        """A noun, name or abbreviation in jieba's dictionary, or a word it lacks (names,
        terms, codes such as T3): what a question asks *about*, unlike its verbs."""
        cls._load()
        w = compact(word)
        if w not in cls._tagged:
            w = _as_simplified(w)
        return w in cls._nouns or w not in cls._tagged


@functools.lru_cache(maxsize=65536)
def _as_simplified(word: str) -> str:
    from index.tokenize import simplified
    return simplified(word)


def _dictionary_table():
    """(words, frequencies, noun flags) of jieba's dictionary; parsed once, then read
    from a compact cache under $PLANQA_HOME (a text file of words and two arrays)."""
    import numpy as np
    from index.encoders import planqa_home
    import jieba
    src = Path(jieba.get_dict_file().name)
    folder = planqa_home() / "wordinfo"
    stamp = f"{src.stat().st_size}-{int(src.stat().st_mtime)}"
    paths = {k: folder / f"{k}-{stamp}{ext}" for k, ext in (("words", ".txt"), ("freq", ".npy"), ("noun", ".npy"))}
    try:
        words = paths["words"].read_text(encoding="utf-8").split("\n")
        freqs = np.load(paths["freq"], allow_pickle=False)
        nouns = np.load(paths["noun"], allow_pickle=False)
        if len(words) == len(freqs) == len(nouns):
            return words, freqs, nouns
    except (OSError, ValueError):
        pass
    words, freq_list, noun_list = [], [], []
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 2 and parts[1].isdigit() and "\n" not in parts[0]:
                words.append(parts[0])
                freq_list.append(int(parts[1]))
                noun_list.append(len(parts) >= 3 and parts[2].startswith(_NOUN_TAGS))
    freqs, nouns = np.array(freq_list, dtype=np.int64), np.array(noun_list, dtype=bool)
    try:
        from corpus.cache import atomic_write
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(paths["words"], lambda f: f.write("\n".join(words).encode("utf-8")))
        atomic_write(paths["freq"], lambda f: np.save(f, freqs, allow_pickle=False))
        atomic_write(paths["noun"], lambda f: np.save(f, nouns, allow_pickle=False))
    except OSError:
        pass                    # a read-only home only costs the parse next time
    return words, freqs, nouns


def info_weights(tokens) -> dict[str, float]:
    """Question token -> general-language information (padding words weigh 0)."""
    return {t: (0.0 if t in GENERIC_WORDS else WordInfo.info(t)) for t in dict.fromkeys(tokens)}


def info_terms(weights) -> "QueryTerms":
    """The query terms of ``weights`` (a compose.QueryTerms) weighed by general-language
    information instead of the plan's idf, keeping their thesaurus alternatives."""
    from assistant.compose import QueryTerms
    return QueryTerms(info_weights(weights), getattr(weights, "alts", None), getattr(weights, "alt_credit", 1.0))


def missing_info(text: str, weights: dict[str, float], nouns_only: bool = False) -> float:
    """Information (0..1 of INFO_CAP) of the most informative maximal term absent from ``text``
    (a sub-word of it that is present does not count as the term); ``nouns_only``: of nouns."""
    c = compact(text).lower()
    alts = getattr(weights, "alts", None) or {}
    worst = 0.0
    for m in maximal(t for t, w in weights.items() if w > 0):
        if m in c or any(a in c for a in alts.get(m, ())):
            continue
        if nouns_only and not WordInfo.is_noun(m):
            continue
        worst = max(worst, weights[m])
    return worst / INFO_CAP


def unused_terms(weights: dict[str, float], stats_list, min_info: float = 0.0,
                 stems: bool = False) -> list[tuple[str, float]]:
    """The question's maximal terms (information >= ``min_info``) that the plans behind
    ``stats_list`` (confidence.TermStats) never use, most informative first. A term counts
    as used when it, one of its alternatives, or all the question words inside it close
    together (文物…保护 for 文物保护) occur in some clause; with ``stems``, also when the
    term less its last character does (旅游业 -> 旅游, 停车难 -> 停车; two characters at least),
    and when a compound the plans' vocabulary made one word (社会信用体系, from another plan's
    title in a library) has each of its informative general-language words (信用) used:
    whether a plan uses a topic must not depend on which other plans share its library."""
    terms = [t for t, w in weights.items() if w > 0]
    alts = getattr(weights, "alts", None) or {}

    def used(t: str) -> bool:
        if any(s.df(t) > 0 for s in stats_list) or any(s.df(a) > 0 for a in alts.get(t, ()) for s in stats_list):
            return True
        if stems and len(t) >= 3 and any(s.df(t[:-1]) > 0 for s in stats_list):
            return True
        parts = [u for u in terms if u != t and u in t]
        if parts and any(s.near(parts, NEAR_CHARS) for s in stats_list):
            return True
        if stems:
            from assistant.dialogue import segment
            general = [w for w in segment(t) if len(w) >= 2]
            core = [w for w in general if WordInfo.info(w) >= min_info]
            return len(general) >= 2 and bool(core) and all(any(s.df(w) > 0 for s in stats_list) for w in core)
        return False

    out = [(t, weights[t]) for t in maximal(terms) if weights[t] >= min_info and not used(t)]
    return sorted(out, key=lambda x: -x[1])


@dataclass(frozen=True)
class Evidence:
    features: dict
    best: int = -1              # index of the hit the lexical features were read from

    def vector(self, names) -> list[float]:
        return feature_vector(self.features, names)


def feature_vector(features: dict, names) -> list[float]:
    """The named features (0 for one not given); a name ``a*b`` is the product of two of them.
    The abstention model and the re-ranker read their features so."""
    out = []
    for n in names:
        a, _, b = n.partition("*")
        out.append(float(features.get(a, 0.0)) * float(features.get(b, 0.0)) if b else float(features.get(n, 0.0)))
    return out


def with_pairs(names) -> tuple:
    """The features, then the product of every pair of them (squares included)."""
    names = tuple(names)
    return names + tuple(f"{a}*{b}" for i, a in enumerate(names) for b in names[i:])


def gather(hits, info_w, idf_w, top_n: int = 3, cos_stats=None, anchor_miss: bool = False,
           foreign_place: bool = False, eligible=None, question: str = "", amount: bool = False,
           unused: float = 0.0, bg_margin: float | None = None, sent_top: float | None = None,
           unit: str = "", probe: float | None = None, cos_resid: float | None = None,
           part_top: float | None = None, turn: dict | None = None, turn_unused: float = 0.0) -> Evidence:
    """The features above over the first ``top_n`` hits (``eligible``: a predicate a hit
    must satisfy to count as answering, e.g. naming the asked place; ``unused``: the
    information of the question's most informative term the plan never uses, see
    ``unused_terms``; ``bg_margin``: see the module doc, None when there is no background; ``probe``:
    the question probe's score (``assistant.question_probe``), None without it; ``cos_resid``: the
    best cosine less the expected cosine (the same module), None without it; ``sent_top`` and
    ``part_top``: see the module doc, None without sentence vectors; ``unit``:
    what a sentence must state to answer, ``confidence.figure_kind``: the unit the figure is asked
    in, or a time; ``turn``: a follow-up's own new words with their information, None for a turn read
    alone, and ``turn_unused`` the information of the most informative of them the plan never uses)."""
    pool = [(i, h) for i, h in enumerate(list(hits)[:top_n]) if eligible is None or eligible(h)]
    best, best_cov = -1, 0.0
    for i, h in pool:
        cov = grouped_coverage(hit_context(h), info_w) if info_w else 0.0
        if best < 0 or cov > best_cov:
            best, best_cov = i, cov
    context = hit_context(hits[best]) if best >= 0 else ""
    feats = {"info_cov": best_cov,
             "idf_cov": max((grouped_coverage(hit_context(h), idf_w) for _, h in pool), default=0.0) if idf_w else 0.0,
             "miss_info": missing_info(context, info_w),
             "miss_noun": missing_info(context, info_w, nouns_only=True),
             "anchor_miss": 1.0 if anchor_miss else 0.0,
             "foreign_place": 1.0 if foreign_place else 0.0,
             "practical": 1.0 if practical(question) else 0.0,
             "plan_miss": unused / INFO_CAP}
    # a figure is asked for: the clause must name what is counted, not just hold numbers,
    # and a sentence with a figure (in the asked unit, or a time, when the question asks one)
    # must hold what the question asks about
    feats["amount_miss"] = feats["miss_noun"] if amount else 0.0
    feats["figure_gap"] = best_cov - figure_coverage(hits, info_w, unit=unit) if (amount or unit) and info_w else 0.0
    top = list(hits)[:1]
    if top and getattr(top[0], "ranks", None):
        # both retrievers put the top clause high: 1; one of them does not rank it at all: 0
        ranks = [top[0].ranks.get("bm25"), top[0].ranks.get("dense")]
        feats["agree"] = 0.0 if None in ranks else 1.0 / max(ranks)
    sims = [h.scores.get("dense") for h in list(hits)[:top_n] if getattr(h, "scores", None)]
    sims = [s for s in sims if s is not None]
    if sims and cos_stats is not None:
        mean, std = cos_stats
        top = max(sims)
        feats["cos_top"] = top
        feats["cos_z"] = (top - mean) / std if std > 1e-6 else 0.0
        if bg_margin is not None:
            feats["bg_margin"] = bg_margin
        if sent_top is not None:
            feats["sent_top"] = sent_top
        if probe is not None:
            feats["probe"] = probe
        if cos_resid is not None:
            feats["cos_resid"] = cos_resid
        if part_top is not None:
            feats["part_top"] = part_top
    if turn is not None:
        feats["turn_cov"] = max((grouped_coverage(hit_context(h), turn) for _, h in pool), default=0.0) \
            if turn else 1.0
        feats["turn_miss"] = turn_unused / INFO_CAP
    return Evidence(feats, best)


def figure_coverage(hits, info_w, top_n: int = FIGURE_TOP_N, unit: str = "") -> float:
    """The largest share of the question's information that one sentence holding a figure holds
    (with its clause's titles), among the first ``top_n`` hits; 0 when none has a figure. With
    ``unit`` (``confidence.figure_kind``: 金额, 百分比, 座数 …, or a time) only a figure stated in it
    counts: "每平方米卖多少钱" is not answered by a sentence whose figures are 2025年 and 30平方米."""
    best = 0.0
    for h in list(hits)[:top_n]:
        titles = " ".join((*h.section_path, h.title))
        for span in sentence_spans(h.text, min_chars=15):
            a, b = strip_span(h.text, span)
            if (gives_unit(compact(h.text[a:b]), unit) if unit else FIGURE.search(h.text[a:b])):
                best = max(best, grouped_coverage(h.text[a:b] + " " + titles, info_w))
    return best


@dataclass(frozen=True)
class Calibration:
    """A fitted logistic decision: p(answerable) = sigmoid(w . x + b); answer when p >= threshold."""

    features: tuple
    weights: tuple
    bias: float
    threshold: float
    mean: tuple = ()            # standardisation the weights were fitted on
    scale: tuple = ()
    meta: dict = field(default_factory=dict, compare=False)

    def probability(self, ev: Evidence) -> float:
        x = ev.vector(self.features)
        if self.mean:
            x = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale)]
        z = self.bias + sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_dict(self) -> dict:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold, "mean": list(self.mean), "scale": list(self.scale), **self.meta}

    @classmethod
    def from_dict(cls, d: dict) -> "Calibration":
        known = ("features", "weights", "bias", "threshold", "mean", "scale")
        return cls(tuple(d["features"]), tuple(float(w) for w in d["weights"]), float(d["bias"]),
                   float(d["threshold"]), tuple(d.get("mean") or ()), tuple(d.get("scale") or ()),
                   {k: v for k, v in d.items() if k not in known})


@functools.lru_cache(maxsize=1)
def models() -> dict:
    """{"dense_bg_sent_probe_resid": …, "dense_bg_sent_probe": …, "dense_bg_sent": …, "dense_bg": …,
    "dense_sent": …, "dense": …, "lexical": Calibration}
    from the stored JSON (read once), most signals first."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return {name: Calibration.from_dict(d) for name, d in raw["models"].items()}


def signals_read(cal: Calibration) -> frozenset:
    """The ``SIGNALS`` a model reads, alone or in a product."""
    return frozenset(a for f in cal.features for a in f.split("*") if a in SIGNALS)


def model_for(ev: Evidence) -> Calibration:
    """The first stored model (most signals first) whose every signal ``ev`` has: a model is
    never read with a feature it weighs missing (read as 0, a missing cosine would decline
    every question)."""
    fitted = models()
    for cal in fitted.values():
        if signals_read(cal) <= ev.features.keys():
            return cal
    return fitted["lexical"]


def missing_terms(text: str, weights: dict[str, float], min_info: float = 9.0, n: int = 3) -> list[str]:
    """The question's most informative maximal terms absent from ``text`` (for the abstention note),
    leaving out the runs jieba joins from characters that are no word together (``fragment``)."""
    c = compact(text).lower()
    alts = getattr(weights, "alts", None) or {}
    out = [m for m in maximal(t for t, w in weights.items() if w >= min_info)
           if m not in c and not any(a in c for a in alts.get(m, ())) and not fragment(m)]
    return sorted(out, key=lambda t: -weights[t])[:n]


def fragment(word: str) -> bool:
    """A run of characters jieba's HMM made one word that its dictionary, and jieba without the HMM,
    read only as single characters (数到 and 末要 of 企业数到“十五五”末要达到, 要编 of 要编环境影响报告书):
    no word the plan lacks, which the abstention note should name. On the dev split, 26 of a sample of
    40 in-scope questions' most informative terms that jieba's dictionary lacks and the plan never uses
    were such runs or question words. A two-character name the dictionary lacks (侯凯) reads so too and
    is left out of the note. Only the note reads this: the features keep such a run at the cap's
    information (read at the information of its characters instead, the abstention model declined no
    more on the dev split: 1,938 of 2,256 either way, leave one plan out, an ad hoc trial)."""
    import jieba
    w = compact(word)
    if len(w) < 2 or WordInfo.known(w):
        return False
    return all(len(p) == 1 for p in jieba.lcut(w, HMM=False))
