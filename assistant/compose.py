"""Extractive answer composition: pick the answering sentences, trim excerpts.

Pure functions over plan text and query-term weights. Every string produced is
a slice of the text it was given, so excerpts and the lead stay verbatim.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from assistant.text import compact, maximal, sentence_spans, strip_span
from corpus.chunk import NOTE_WORDS
from corpus.script import compile_cue

HOW_MUCH = compile_cue(r"多少|几[个倍年项家成]|几$|多长|多久|多快|多大|多高|多远|多深|多宽|比重|比例|百分|增幅|增速|倍|规模|产值|数量|达到|占|目标")
# the word after 几 / 多少 that counts (条, 个, 公里 -> 公, 万平方米 -> 万平): whatever it is, a clause
# that answers writes a number right before it; particles and punctuation there count nothing
_ASKED_UNIT = compile_cue(r"(?:多少|几)([万亿千百]?[^\s的了呢吗啊？?，,。！!是还要才能会都])")
_QUANTITY = r"(?:\d[\d.,，]*|[一二两三四五六七八九十百千]+)\s*(?:多|余)?\s*[万亿千百]?\s*"


def asked_unit_word(question: str) -> str:
    """The measure word or unit the question counts with (几条 -> 条, 多少万户 -> 户), or ""."""
    m = _ASKED_UNIT.search(question)
    return (m.group(1).lstrip("万亿千百") or m.group(1)) if m else ""


def asked_unit(question: str):
    """A pattern for "a number with the question's measure word", or None when it counts with none."""
    unit = asked_unit_word(question)
    return compile_cue(_QUANTITY + re.escape(unit)) if unit else None


_UNIT_NOTE = re.compile(r"[（(]([^（）()]{1,8})[）)]$")


def row_units(text: str, sep: str = " | ") -> list[str]:
    """What may name the unit of a table row's figure (cells joined by ``sep``): a short cell
    without digits (万户, %) and the note that ends a name (认定数量（个） -> 个); [] when ``text``
    is no row or holds no figure. In an indicator table the unit stands in a column of its own or
    in the indicator's name, never after the figure."""
    if sep not in text:
        return []
    cells = [c.strip() for c in text.split(sep)]
    if cells[0].isdigit():          # the row's 序号 is not a figure
        cells = cells[1:]
    if not any(_DIGIT.search(c) for c in cells):
        return []
    out = []
    for c in cells:
        if c and len(c) <= 6 and not _DIGIT.search(c):
            out.append(c)
        note = _UNIT_NOTE.search(c)
        if note:
            out.append(note.group(1))
    return out


def table_unit(text: str, unit: str) -> bool:
    """A table row (cells joined by " | ") states a figure in ``unit``: one cell is a number and
    another is the unit itself (万户, 件/万人) or a name ending in it (认定数量（个）)."""
    return bool(unit) and any(unit in u for u in row_units(text))


DEFINITION = compile_cue(r"什么是|是什么|指什么|什么叫|何谓|何为|含义|定义|界定|解释|是指|意思|概念|是啥|啥是|啥叫|指啥|"
                        r"指的是|指哪些|什么东西|怎么理解|如何理解|"
                        # "“区防指”是个什么机构", "是一种什么样的模式": what the term is
                        r"是(?:一?个|一?种)什么")
_QUOTED = compile_cue(r"[“\"]([^“”\"]{2,20})[”\"]")
_ASKS_MEANING = compile_cue(r"(?<!什么)是指|指的是|指哪些|指什么|指啥")
# "《意见》所说的" / "预案里说的" / "规划中提到的": the document the term is read in, before the term
_DOCUMENT_SAYS = compile_cue(r"^(?:这个|这份|该|本)?(?:《[^《》]{1,40}》|[\u4e00-\u9fff]{0,8}?(?:规划|纲要|方案|预案|意见|文件|条例|"
                            r"办法|白皮书|报告|通知|措施|导则|指南|细则|决定|建议|规定|计划))(?:里面|里|中|上)?(?:所|里)?"
                            r"(?:说|提|讲|称|写)(?:的|到的)")
_DEFINITION_FILLER = compile_cue(
    r"什么是|是什么|指的是|指什么|什么叫|何谓|何为|含义|定义|解释|是指|意思|概念|名词|术语|规划|文件|规定|办法|说|里面|里|中|的|对|"
    r"说白了|到底|究竟|所谓|所说|通俗|简单|讲讲|说说|东西|理解|具体(?=指|是|$)|啥|个|"
    r"是|怎么|怎样|如何|什么|叫|指(?=[啥吗呢？?]|$)|呢|吗|啊|一下|请问|技术|这个|那个|[\s\W_]")


def is_definition(question: str, term: str) -> bool:
    """Whether ``question`` asks what ``term`` means ("什么是静脉产业",
    "3D打印是什么技术") rather than something about it ("大数据的目标是什么")."""
    q = compact(question)
    t = compact(term)
    if not t or t.lower() not in q.lower() or not DEFINITION.search(q):
        return False
    rest = re.sub(re.escape(t), "", q, flags=re.I)
    return len(_DEFINITION_FILLER.sub("", rest)) <= 1
_DIGIT = re.compile(r"\d")
# "由哪些部门负责": the answer is the task's responsibility note, （省教育厅、团省委负责）
ASKS_WHO = compile_cue(r"哪些部门|哪个部门|什么部门|哪些单位|哪个单位|哪个处室|谁负责|由谁|谁来|谁牵头|负责部门|责任部门|"
                      r"牵头部门|主管部门|牵头单位|责任单位")
# a responsibility note: （省发展改革委牵头）, (责任单位:省水利厅), 〔责任单位:市财政局、市住建局〕, or a
# line of its own after the measure (牵头单位:市金融局)
_NOTE_HEAD = r"(?:责任|牵头|配合|主责|实施)(?:单位|部门|处室)[:：]"
RESPONSIBLE = compile_cue(rf"[（(][^（）()]{{2,120}}?(?:{'|'.join(NOTE_WORDS)})[）)]"
                         rf"|[（(〔【\[]{_NOTE_HEAD}[^（）()〔〕【】\[\]]{{1,160}}[）)〕】\]]"
                         rf"|(?:^|(?<=[。；;\n])){_NOTE_HEAD}")
# a responsibility note printed as a line of its own after a task or a group of tasks (责任单位：区科协牵头，…)
NOTE_LINE = compile_cue(rf"^[（(〔【\[]?{_NOTE_HEAD}")
# a task table's column that names who does each task: 牵头单位 | 配合单位, 责任部门, 负责单位
_RESPONSIBLE_COLUMN = compile_cue(r"(?:责任|牵头|配合|主责|实施|负责|承办|主办)(?:单位|部门|处室|机构|领导)")


def names_responsible(text: str, header: str = "") -> bool:
    """Whether a clause says who does its task: a responsibility note in its text, or, for a table
    row, a column of its table's header row (``header``) that names the unit doing each task."""
    if RESPONSIBLE.search(text):
        return True
    return " | " in text and " | " in header and bool(_RESPONSIBLE_COLUMN.search(header))


# what a thing must be to count as the term: "什么样的企业算“在孵企业”？", "什么样的社区算是完整社区？" (not 密码算法,
# 算力, 算进去, 怎么算: the term comes last)
_COUNTS_AS = compile_cue(r"(?:什么样|怎样|怎么样|啥样|哪种|哪类|哪些)的?[\u4e00-\u9fff]{0,8}?(?:才)?(?:能)?算(?:是|作|做)?"
                        r"(?![法力术账数盘式计进上入])[“\"]?(?P<term>[\u4e00-\u9fffA-Za-z0-9]{2,16}?)[”\"]?(?:呢|吗|啊)?[？?]?$")


def defined_term(question: str) -> str:
    """The term a definition question asks about, its padding removed ("国家数据基础设施指的是什么？"
    -> "国家数据基础设施", "什么样的企业算“在孵企业”？" -> "在孵企业"); "" when the question does not ask
    what something means."""
    q = compact(question)
    asking = DEFINITION.search(q)
    if not asking:
        counts = _COUNTS_AS.search(q)
        return counts.group("term") if counts else ""
    quoted = list(_QUOTED.finditer(q))
    if quoted:                      # "方案里说的“农村公路”具体指哪些路": the quoted term, the one just
        # before the asking words of several ("湖北“十五五”时期的“四期叠加”指什么" -> 四期叠加)
        before = [m for m in quoted if m.end() <= asking.start()]
        return (before[-1] if before else quoted[0]).group(1)
    q = _DOCUMENT_SAYS.sub("", q)   # "预案里说的突发地质灾害是什么意思" -> 突发地质灾害
    # "规定里说的商品住房指哪些房子": the term stands before what it is asked to mean
    cut = _ASKS_MEANING.search(q)
    rest = _DEFINITION_FILLER.sub("", q[:cut.start()] if cut and cut.start() >= 2 else q)
    return rest if len(rest) >= 2 else ""


def unseen_idf(n_docs: int) -> float:
    """Okapi idf of a term no clause contains: the most informative possible."""
    return math.log(1.0 + (n_docs + 0.5) / 0.5)


class QueryTerms(dict):
    """Query term -> weight, plus ``alts``: for a term from an everyday phrase
    (剩饭剩菜), the plan terms that stand for it (餐厨废弃物, from the thesaurus).
    A term counts as found in a text when it or one of its alternatives is."""

    def __init__(self, weights=(), alts=None, alt_credit: float = 1.0):
        super().__init__(weights)
        self.alts: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in (alts or {}).items()}
        self.alt_credit = float(alt_credit)     # share of a term's weight earned through an alternative

    def without(self, span: str) -> "QueryTerms":
        """A copy whose terms inside ``span`` weigh nothing (what a clause answers by its form, not its words)."""
        return QueryTerms({t: (0.0 if span and t in span else w) for t, w in self.items()}, self.alts, self.alt_credit)


def query_weights(tokens, idf, expansions=(), alt_credit: float = 1.0) -> QueryTerms:
    """Unique query tokens -> idf weight (``idf(token)`` may be 0 for stop-like tokens).

    ``expansions``: (phrase, plan terms) pairs of the question's everyday
    phrases (``Thesaurus.find``); each token inside such a phrase gets the
    phrase's plan terms as alternatives, earning ``alt_credit`` of its weight
    in ``coverage`` when only an alternative is found."""
    weights: dict[str, float] = {}
    for tok in tokens:
        t = compact(tok).lower()
        if t and t not in weights:
            weights[t] = max(0.0, float(idf(t)))
    alts: dict[str, list[str]] = {}
    for phrase, terms in expansions:
        p = compact(phrase).lower()
        for t in weights:
            if t in p:
                lst = alts.setdefault(t, [])
                lst.extend(a for a in (compact(x).lower() for x in terms) if a and a not in lst and a != t)
    return QueryTerms(weights, alts, alt_credit)


def _alts(weights) -> dict:
    return getattr(weights, "alts", None) or {}


def matched(text: str, weights: dict[str, float]) -> list[str]:
    """Query terms that occur in ``text`` (whitespace- and width-insensitive),
    directly or through one of their alternatives."""
    c = compact(text).lower()
    alts = _alts(weights)
    return [t for t in weights if t in c or any(a in c for a in alts.get(t, ()))]


def found_forms(text: str, weights: dict[str, float]) -> list[str]:
    """The strings of the query terms (or their alternatives) found in ``text``, for highlighting."""
    c = compact(text).lower()
    alts = _alts(weights)
    out: list[str] = []
    for t in weights:
        if weights[t] <= 0:
            continue
        for form in (t, *alts.get(t, ())):
            if form in c and form not in out:
                out.append(form)
    return out


def matched_maximal(text: str, weights: dict[str, float]) -> list[str]:
    """Matched query terms, leaving out those inside a longer matched term (the
    search-mode sub-words 节能/环保 of 节能环保产业 count once, as the whole)."""
    return maximal(matched(text, weights))


def coverage(text: str, weights: dict[str, float]) -> float:
    """idf-weighted share of the query's terms found in ``text`` (0..1)."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    alts = _alts(weights)
    if not alts:
        return sum(weights[t] for t in matched(text, weights)) / total
    c = compact(text).lower()
    credit = getattr(weights, "alt_credit", 1.0)
    got = 0.0
    for t, w in weights.items():
        if t in c:
            got += w
        elif any(a in c for a in alts.get(t, ())):
            got += credit * w
    return got / total


def sentence_score(sentence: str, weights: dict[str, float], numbers: bool = False, places=(),
                   all_places=(), who: bool = False) -> float:
    """Query weight found in the sentence; x1.5 with a figure for how-much
    questions; for who-is-responsible questions (``who``), doubled and raised by the
    heaviest query term when it holds a responsibility note （…负责）; for questions
    naming a place, x2 when the sentence is about that place (names it and at most
    one other place), x0.5 when it only lists it among many."""
    score = sum(weights[t] for t in matched_maximal(sentence, weights))
    if numbers and _DIGIT.search(sentence):
        score *= 1.5
    if who and RESPONSIBLE.search(sentence):
        score = 2.0 * score + max(weights.values(), default=1.0)
    if places:
        focus = place_focus(sentence, places, all_places)
        score *= (2.0 if focus == 2 else 0.5 if focus == 1 else 1.0)
    return score


def place_focus(text: str, places, all_places) -> int:
    """2: a sentence of ``text`` is about one of ``places`` (names it and at most
    one other place); 1: the places are only listed among others; 0: absent."""
    best = 0
    for a, b in sentence_spans(text):
        sent = text[a:b]
        if not any(p in sent for p in places):
            continue
        best = max(best, 2 if len(_other_places(sent, places, all_places)) <= 1 else 1)
        if best == 2:
            break
    return best


def _other_places(sentence: str, places, all_places) -> set[str]:
    """The places ``sentence`` names besides ``places``, one per place: a name inside a longer
    one it names (深圳 in 深圳市) is the same place, and so is any form of an asked place
    (广州市 when 广州 is asked)."""
    named = [p for p in all_places if p in sentence]
    named = {p for p in named if not any(p != q and p in q for q in named)}
    return {p for p in named if not any(p in q or q in p for q in places)}


def rerank_for_places(hits, places, all_places):
    """Stable re-order: hits about the asked place first, then those listing it."""
    if not places:
        return list(hits)
    keyed = [(-place_focus(h.text, places, all_places), i, h) for i, h in enumerate(hits)]
    return [h for _, _, h in sorted(keyed, key=lambda x: (x[0], x[1]))]


def _best_piece(text: str, span: tuple[int, int], weights, max_chars: int) -> tuple[int, int]:
    """Cut an over-long sentence at commas to the window of ``max_chars`` that
    holds the most query weight."""
    s, e = span
    cuts = [s] + [i + 1 for i in range(s, e) if text[i] in "，,、；;：:"] + [e]
    cuts = sorted(set(cuts))
    best, best_score = (s, min(e, s + max_chars)), -1.0
    for i, a in enumerate(cuts[:-1]):
        for b in cuts[i + 1:]:
            if b - a > max_chars:
                break
            sc = sentence_score(text[a:b], weights) + (b - a) / (10.0 * max_chars)
            if sc > best_score:
                best, best_score = (a, b), sc
    if best_score < 0:                      # no comma inside the first max_chars: hard cut
        best = (s, s + max_chars)
    return best


# an item's printed number: 第三条, （二）, 3. / 三、
NUMBERING = r"(?:第[一二三四五六七八九十百\d]+[条章节]|[（(][一二三四五六七八九十\d]+[)）]|[\d一二三四五六七八九十]+[.、．])"
_LEADING_NUMBER = compile_cue(rf"^{NUMBERING}\s*")


def _is_title(sentence: str, title: str) -> bool:
    """Whether ``sentence`` is only the clause's run-in title ("（十四）提高农机作业便利程度。")."""
    return bool(title) and compact(_LEADING_NUMBER.sub("", sentence)).rstrip("。.：:；;") == compact(title)


def dense_bonus(spans, windows, scale: float) -> list[float]:
    """Per sentence span, ``scale`` times where its sentence window's cosine with the question
    lies between the clause's worst window (0) and best (1); ``windows``: (start, end, cosine)."""
    if len(windows) < 2 or scale <= 0:
        return [0.0] * len(spans)
    lo, hi = min(w[2] for w in windows), max(w[2] for w in windows)
    if hi - lo < 1e-6:
        return [0.0] * len(spans)
    out = []
    for a, b in spans:
        mid = (a + b) // 2
        cos = next((c for s, e, c in windows if s <= mid < e), lo)
        out.append(scale * (cos - lo) / (hi - lo))
    return out


def trim_span(text: str, weights: dict[str, float], target: int = 200, max_chars: int = 360,
              numbers: bool = False, places=(), all_places=(), who: bool = False, title: str = "",
              windows=(), dense_weight: float = 0.0) -> tuple[int, int]:
    """The [start, end) span of ``text`` to show: the best sentence plus
    neighbouring sentences while the excerpt stays within ``target`` characters.
    A run-in title sentence (the clause's ``title``) is never the excerpt on its
    own: the sentence after it comes too. ``windows`` (the clause's sentence windows
    with their cosines, ``Retriever.window_cosines``) add to each sentence's score up to
    ``dense_weight`` times the heaviest query term: a paraphrase shares few words with
    the sentence that answers it, but its meaning lies there."""
    full = strip_span(text, (0, len(text)))
    if full[1] - full[0] <= target:
        return full
    spans = [strip_span(text, sp) for sp in sentence_spans(text)]
    spans = [sp for sp in spans if sp[1] > sp[0]]
    if not spans:
        return full
    scores = [sentence_score(text[a:b], weights, numbers, places, all_places, who) for a, b in spans]
    if windows and dense_weight > 0:
        heaviest = max(weights.values(), default=0.0)
        scores = [s + d for s, d in zip(scores, dense_bonus(spans, windows, dense_weight * heaviest))]
    titled = len(spans) > 1 and _is_title(text[spans[0][0]:spans[0][1]], title)
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    lo = hi = best
    if best == 0 and titled and spans[1][1] - spans[0][0] <= max_chars:
        hi = 1              # the title with the sentence it heads
    if spans[best][1] - spans[best][0] > max_chars:
        return strip_span(text, _best_piece(text, spans[best], weights, max_chars))
    def useful(i: int) -> bool:
        # minimal context: a neighbour joins only if it answers too; for a
        # question about a place, only if it is about that place as well
        if scores[i] <= 0:
            return False
        return not places or place_focus(text[spans[i][0]:spans[i][1]], places, all_places) == 2

    while True:
        cur = spans[hi][1] - spans[lo][0]
        options = []
        if hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= target and useful(hi + 1):
            options.append((scores[hi + 1], 1, "next"))
        if lo > 0 and spans[hi][1] - spans[lo - 1][0] <= target and useful(lo - 1):
            options.append((scores[lo - 1], 0, "prev"))
        if not options or cur >= target:
            break
        _, _, side = max(options)
        if side == "next":
            hi += 1
        else:
            lo -= 1
    return spans[lo][0], spans[hi][1]


def trim_hit(hit, weights: dict[str, float], target: int = 200, max_chars: int = 360,
             numbers: bool = False, places=(), all_places=(), who: bool = False, windows=(),
             dense_weight: float = 0.0):
    """A copy of ``hit`` whose text is trimmed to the answering sentences and
    whose ``matched_terms`` are the query terms found in the excerpt."""
    own = hit.section_path[-1] if hit.section_path else ""
    a, b = trim_span(hit.text, weights, target, max_chars, numbers, places, all_places, who, title=own,
                     windows=windows, dense_weight=dense_weight)
    text = hit.text[a:b]
    terms = tuple(found_forms(text, weights))
    return replace(hit, text=text, matched_terms=_surface_terms(text, terms))


def _surface_terms(text: str, terms) -> tuple[str, ...]:
    """Drop terms contained in a longer matched term (highlight the long one)."""
    terms = sorted(set(terms), key=lambda t: (-len(t), t))
    out: list[str] = []
    for t in terms:
        if not any(t in longer for longer in out):
            out.append(t)
    return tuple(out)


def choose_lead(hits, weights: dict[str, float], numbers: bool = False, max_sentences: int = 2,
                max_chars: int = 240, pool: int = 3, places=(), all_places=(), rank_penalty: float = 0.7,
                who: bool = False) -> str:
    """The one or two sentences of the first ``pool`` excerpts that most directly
    answer; a sentence of the excerpt at rank r has its score divided by
    (1 + rank_penalty * r), so the retriever's order breaks near-ties."""
    best = None
    for rank, hit in enumerate(list(hits)[:pool]):
        text = hit.text
        spans = [strip_span(text, sp) for sp in sentence_spans(text)]
        spans = [sp for sp in spans if sp[1] > sp[0]]
        own = hit.section_path[-1] if hit.section_path else ""
        for i, (a, b) in enumerate(spans):
            if i == 0 and len(spans) > 1 and _is_title(text[a:b], own):
                continue            # the run-in title its citation shows
            sc = sentence_score(text[a:b], weights, numbers, places, all_places, who) / (1.0 + rank_penalty * rank)
            if b - a > max_chars:
                sc *= 0.8
            key = (sc, -rank, -i)
            if best is None or key > best[0]:
                best = (key, text, spans, i)
    if best is None or best[0][0] <= 0:
        return ""
    _, text, spans, i = best
    a, b = spans[i]
    if max_sentences > 1 and i + 1 < len(spans):
        na, nb = spans[i + 1]
        if b - a < 60 and nb - a <= max_chars:
            b = nb
    if b - a > max_chars:
        a, b = strip_span(text, _best_piece(text, (a, b), weights, max_chars))
    return text[a:b]


def contiguous(first, second, doc_text: str | None = None, max_gap: int = 2) -> bool:
    """Whether clause ``second`` directly follows ``first`` in the document."""
    gap = second.span[0] - first.span[1]
    if gap < 0 or gap > max_gap:
        return False
    if doc_text is not None and doc_text[first.span[1]:second.span[0]].strip():
        return False
    return True


_ANNOUNCES = re.compile(r"[:：]\s*$")


def with_items(hit, clause, following, doc_text: str, max_chars: int = 360):
    """``hit`` (its whole clause) with the list it announces: a clause that ends with a colon
    (第二十四条人才安居房源包括下列筹集渠道:, 还须符合以下条件:) says nothing on its own; its
    answer is the items under it ((一)政府投资新建、购买、租赁; …). ``following``: the clauses after
    it in document order. Whole items are added while the excerpt stays within ``max_chars``; the
    text is the document slice, verbatim. Unchanged for any other hit."""
    if clause is None or hit.text != clause.text or not _ANNOUNCES.search(clause.text):
        return hit
    depth = len(clause.section_path)
    last = None
    prev = clause
    for c in following:
        if tuple(c.section_path[:depth]) != tuple(clause.section_path) or not contiguous(prev, c, doc_text, 4):
            break
        if c.span[1] - clause.span[0] > max_chars:
            break
        last = prev = c
    if last is None:
        return hit
    return replace(hit, text=doc_text[clause.span[0]:last.span[1]],
                   pages=(min(hit.pages[0], last.pages[0]), max(hit.pages[1], last.pages[1])))


def merge_adjacent(hits, clauses_by_id: dict, texts_by_doc: dict, weights: dict[str, float],
                   max_chars: int = 600):
    """Merge two hits of one section whose clauses are adjacent in the document
    when together they cover more of the query than either alone. The merged
    text is the document slice spanning both, so it stays verbatim."""
    hits = list(hits)
    out = []
    used = set()
    for i, h in enumerate(hits):
        if i in used:
            continue
        merged = h
        ci = clauses_by_id.get(h.clause_id)
        for j in range(i + 1, len(hits)):
            if j in used:
                continue
            g = hits[j]
            cj = clauses_by_id.get(g.clause_id)
            if ci is None or cj is None or ci.doc_id != cj.doc_id or ci.section_path != cj.section_path:
                continue
            doc_text = texts_by_doc.get(ci.doc_id)
            if doc_text is None:
                continue
            first, second = (ci, cj) if ci.span[0] < cj.span[0] else (cj, ci)
            if not contiguous(first, second, doc_text):
                continue
            text = doc_text[first.span[0]:second.span[1]]
            if len(text) > max_chars:
                continue
            if coverage(text, weights) <= max(coverage(ci.text, weights), coverage(cj.text, weights)) + 1e-9:
                continue
            merged = replace(h, text=text, clause_id=first.clause_id, title=first.title or h.title,
                             pages=(min(first.pages[0], second.pages[0]), max(first.pages[1], second.pages[1])),
                             matched_terms=tuple(dict.fromkeys(h.matched_terms + g.matched_terms)))
            used.add(j)
            break
        out.append(merged)
    return out


def glossary_last(hits):
    """Stable re-order putting glossary entries after the other hits: a
    definition explains a term, it does not answer a policy question."""
    hits = list(hits)
    return [h for h in hits if h.kind != "glossary"] + [h for h in hits if h.kind == "glossary"]


WHERE = compile_cue(r"哪些城市|哪几个城市|哪些市|哪些地方|哪些地区|哪几个地方|在哪|哪里|哪儿")


def rerank_for_aspects(hits, aspects, where: bool = False, all_places=()):
    """Stable re-order for chapter-level aspects ("空间布局", "重点拓展区").

    A "where" question ("核心发展区是哪些城市") wants the sentence that lists the
    places: hits naming the aspect and at least two places come first. Otherwise
    hits whose own title names the aspect (the 重点拓展区 paragraph) come first,
    then hits under a section that names it, then the rest."""
    if not aspects:
        return list(hits)

    def key(h):
        if where:
            lists = any(a in h.text for a in aspects) and sum(1 for p in all_places if p in h.text) >= 2
            return 0 if lists else 1
        own = (h.title or "") + (h.section_path[-1] if h.section_path else "")
        if any(a in own for a in aspects):
            return 0
        if any(a in t for a in aspects for t in h.section_path):
            return 1
        return 2
    return [h for _, _, h in sorted(((key(h), i, h) for i, h in enumerate(hits)), key=lambda x: (x[0], x[1]))]
