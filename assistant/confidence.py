"""The question's terms and anchors, and how well hits cover them: the pieces
the calibrated decision (assistant/evidence.py) reads.

Coverage: the weighted share of the question's informative terms that a hit
contains (text plus section titles); weights are the plan's substring idf
(``TermStats``: a term the plan never uses, like "个人所得税", weighs the most)
or general-language information (``evidence.info_weights``).

What counts, so that questions worded unlike the dev set are judged fairly:
question padding (``GENERIC_WORDS``: 以后, 我们, 有没有, 怎么办 …) and the plan's
own region and period (``home_regions``: 四川, 十三五, 2020年) are no evidence;
a compound counts once (``grouped_coverage``); everyday phrases are aligned
with the tokens (``align_to_phrases``) and earn their plan terms' credit.
Anchors (features of the decision, with a note saying why): a place, year or
five-year period the question names (``anchors``) that none of the top clauses
names, an amount asked (``ASKS_AMOUNT``) that none gives as a figure, a figure
asked in a unit (``asked_unit``: 多少亿元, 百分之几, 多少平方米, 几座; also a phone number, a web
address or a time of day) that none states in it, and a division name the documents never
mention (``unknown_places``).
"""
from __future__ import annotations

import bisect
import functools
import math
import re

from assistant.compose import coverage, row_units
from assistant.text import compact
from corpus.script import char_simplified, compile_cue
from index.tokenize import digit_years
from index.hit import Hit

# Question scaffolding the tokenizer may keep: "几年", "哪几类", "这块", "一辆" …
_SCAFFOLD = compile_cue(
    r"^(几|哪|多|这|那|一|每|怎)[\u4e00-\u9fff]?$|^(哪几|这一|那一)[\u4e00-\u9fff]?$|"
    r"^(多长|多久|多少)(时间|时候|年|天)$|"
    r"^(准备|打算|是否|有没有|怎么办|怎么搞|主要|具体|方面|情况|问题|内容|什么样|相关|支持|有关|规定|提出|是什么|期是|提法|说法|怎么说)$"
)

# a count with its measure word, scaffolding where it points back ("这两门笔试" after a question naming 地理 and
# 生物学: 两门 is no word a plan must use), not where it asks (哪两个部门) or names (“九个第一”)
_COUNT_WORD = compile_cue(r"^[二两三四五六七八九十]{1,3}[个门项条类种件位名家所座次批]$")

# An asking word joined to what it asks about: 哪一年, 哪些项目, 第几条, 多少岁, 建多大, 几号楼 (jieba's
# dictionary lacks most, or holds them at a frequency of a few, so they would weigh as much as the
# rarest term of the question): only what it says besides asking counts (``_asked_content``).
_ASKING = compile_cue(r"第几|好几|十几|几十|哪(?!怕)[一些个個]?|(?<!茶)[几幾](?![何乎率])|多少|多[大长久高远宽深重快]$|什么|啥|怎么|怎样")
_NUMERAL_LED = compile_cue(r"^[一二两三四五六七八九十百千万半\d]")


def _asked_content(token: str) -> list[str]:
    """The pieces of an asking word that name something: of two characters or more, not led by a
    numeral (项目 of 哪些项目; none of 哪一年, 第几条, 哪三大)."""
    return [p for p in _ASKING.sub(" ", token).split() if len(p) >= 2 and not _NUMERAL_LED.match(p)]


def unknown_places(tokens, stats: "TermStats", question: str = "") -> list[str]:
    """Division names ("广东省", "杭州", "浦东新区", assistant.places) the question says and
    the documents never mention: a question about them is out of scope however many
    other words match. A county-level division counts said by its short form too ("青浦以后…",
    ``places.county_words``). (``tokens`` are kept for callers; the names come from the question.)"""
    from assistant.dialogue import segment
    from assistant.places import county_words, places_in, short_name
    said = places_in(question)
    said += [w for w in county_words(segment(question)) if not any(w in p for p in said)]
    return [p for p in said if stats.df(p) == 0 and stats.df(short_name(p)) == 0]


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

    def near(self, parts, window: int) -> bool:
        """Do all ``parts`` occur in one clause within ``window`` characters of an
        occurrence of the first (保护…文物 for 文物保护)?"""
        parts = [compact(p).lower() for p in parts]
        if not parts or not all(parts):
            return False
        first, blob = parts[0], self._blob
        i = blob.find(first)
        while i >= 0:
            lo = max(blob.rfind("\x00", 0, i) + 1, i - window)
            end = blob.find("\x00", i)
            hi = min(len(blob) if end < 0 else end, i + len(first) + window)
            seg = blob[lo:hi]
            if all(p in seg for p in parts[1:]):
                return True
            i = blob.find(first, i + 1)
        return False

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


# Everyday padding of a question that names no topic: who asks, when, how,
# whether ("以后", "我们", "有没有", "怎么办", "说白了"). Tokens made only of
# these carry no evidence either way and are left out of the confidence.
GENERIC_WORDS = frozenset("""
以后 今后 将来 往后 以前 到时候 我们 我家 我们家 咱们 大家 人们 有人 别人 自己 家里 家乡 老百姓 普通人
到底 究竟 说白了 通俗 简单 简单说 具体说 一下 一点 一些 这些 那些 这类 这种 那种 这样 那样 这么 那么 这块
不会 会不会 不能 能不能 可不可以 可以 能否 是否 有没有 是不是 有无 要不要 还是 应该
打算 办法 想法 说法 提法 怎么办 怎么样 怎么 怎样 如何 干嘛 为啥 为什么 什么样 什么 啥 哪些 哪个
帮忙 东西 事情 事儿 块钱 方面 情况 内容 直接 使劲 下来 出去 起来 上面 下面 里面 这里 那里 这边
比如 例如 之类 等等 所谓 所说 叫做 称为 意思 定义 解释 指的是 含义 概念
到处 处处 都是 经常 常常 总是 一直 已经 马上 真的 其实 特别 非常 比较 越来越 一般 大概 可能 或许 好像 似乎
""".split())


def _spans(text: str, part: str) -> list[tuple[int, int]]:
    out, i = [], text.find(part)
    while part and i >= 0:
        out.append((i, i + len(part)))
        i = text.find(part, i + 1)
    return out


def align_to_phrases(tokens, query: str, phrases) -> list[str]:
    """Query tokens reconciled with the question's everyday phrases (the
    thesaurus keys found in it): a token that straddles a phrase's edge is a
    mis-split ("打电竞比赛" -> 打电/竞/比赛 around 电竞) and goes; a phrase that
    no token spells out joins the tokens, so its plan terms can be credited."""
    q = compact(query).lower()
    spans = [sp for p in phrases for sp in _spans(q, compact(p).lower())]
    out = []
    for t in tokens:
        ts = _spans(q, t)
        straddles = ts and all(any(a < e and s < b and not (a <= s and e <= b) and not (s <= a and b <= e)
                                   for a, b in spans) for s, e in ts)
        if not straddles:
            out.append(t)
    for p in phrases:
        p = compact(p).lower()
        if p and p not in out and not any(t in p for t in out):
            out.append(p)
    return out


def home_regions(documents) -> frozenset[str]:
    """The region and period a plan is about, from its title, opening lines and metadata
    ("四川省“十三五”…规划", period 2016—2020 -> 四川省, 四川, 十三五, 2020年; "长宁区…第十五个五年
    规划纲要" -> 长宁区, 长宁, 十五五; and 我省, 全省), or, when those name no place, the place its
    text names most (``places.main_place``): naming them is padding, every clause of the plan is
    about them."""
    out = {"我省", "全省", "本省", "我市", "全市", "本市", "省里", "省内", "我区", "全区", "本区", "我县", "全县"}
    for d in documents:
        out.update(_document_home(getattr(d, "title", "") or "", getattr(d, "text", "") or "",
                                  str((getattr(d, "meta", None) or {}).get("period", ""))))
    return frozenset(out)


def without_home(text: str, home) -> str:
    """``text`` without the plan's own region and period (``home_regions``), longest first: 合肥 in
    "2024年合肥GDP是多少" matches the few clauses of 合肥's 公报 that name the city, not what is asked."""
    for word in sorted(home, key=len, reverse=True):
        text = text.replace(word, " ")
    return text


@functools.lru_cache(maxsize=64)
def _document_home(title: str, text: str, period: str) -> frozenset[str]:
    """One document's part of ``home_regions``: read once per document, though every structure
    question asks for it."""
    from assistant.places import full_names, main_place, places_in, short_name
    out = set()
    named = places_in(title + " " + text[:300])
    if not places_in(title):
        # a title opening on a county's short name, which the gazetteer does not match alone (平潭综合实验区…,
        # its text naming 平潭县): that division too
        named += [n for n in places_in(text) if short_name(n) != n and title.startswith(short_name(n))][:1]
    for name in named:
        out.update({name, short_name(name)})
    if not named:
        # a plan printed without a title that names its place (湖南's 实施方案 opening on 为认真贯彻…):
        # the place its text names most, when one stands out (湖南 11 times, 长沙 once)
        main = main_place(text)
        if main:
            out.update({main, *full_names(main)})
    out.update(_PERIOD.findall(title))            # the plan's own period ("十三五")
    out.update(f"十{n}五" for n in _ORDINAL_PERIOD.findall(title))
    years = re.findall(r"(?:19|20)\d\d", period + " " + title)
    if not out & _PERIODS:
        out.update(_own_period(years, text))
    if years:                                     # its target year: "到2020年" is every goal's horizon
        out.add(max(years) + "年")
    return frozenset(out)


_ORDINAL_PERIOD = compile_cue(r"第十([一二三四五六七八九])个五年")
_PERIODS = frozenset(f"十{n}五" for n in "一二三四五六七八九")


def _own_period(years, text: str) -> tuple[str, ...]:
    """The five-year period of a plan whose title does not name one: the period its title's years
    span (规划（2026-2030年） -> 十五五: the 十N五 period runs 2001 + 5N .. 2005 + 5N), or the period its
    text names at least three times and three times as often as any other (a 建议 printed without its
    title, on “十五五” throughout, looking back on “十四五” twice)."""
    spans = sorted({int(y) for y in years})
    if len(spans) >= 2:
        n, rest = divmod(spans[0] - 2001, 5)
        if rest == 0 and 1 <= n <= 9 and spans[-1] == spans[0] + 4:
            return (f"十{'一二三四五六七八九'[n - 1]}五",)
    counts: dict[str, int] = {}
    for p in _PERIOD.findall(text):
        counts[p] = counts.get(p, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if ranked and ranked[0] >= 3 and (len(ranked) == 1 or ranked[0] >= 3 * ranked[1]):
        return (max(counts, key=counts.get),)
    return ()


_AREA_SUFFIX = compile_cue(r"(?:地区|全市|全省|全区|全县|市|省|区|县|当地|本地|这边|那边|一带)$")


def informative_tokens(tokenize, query: str, generic=frozenset()) -> list[str]:
    """Query tokens that carry content: stopwords are gone already; single Han
    characters and question scaffolding ("几年", "这块") are dropped too, with the words a search-mode
    tokenizer cut out of scaffolding (长时间 and 时间 of 多长时间); an asking word joined to what it
    asks about counts by what it names besides asking (哪些项目 as 项目, 哪一年 not at all)."""
    out, scaffold, kept = [], [], set()
    for t in tokenize(query):
        t = compact(t).lower()
        if not t or t in out:
            continue
        if len(t) < 2 and not (t.isascii() and t.isalnum()):
            continue
        if _SCAFFOLD.match(t) or (_COUNT_WORD.match(t) and re.search("[这那]" + re.escape(t), query)):
            scaffold.append(t)
            continue
        if _ASKING.search(t):
            scaffold.append(t)
            named = [p for p in _asked_content(t) if p not in GENERIC_WORDS and p not in generic]
            out += [p for p in named if p not in out]
            kept.update(named)
            continue
        # the plan's own year is padding however the tokenizer cuts it ("2023年" -> 2023 | 年)
        if t in GENERIC_WORDS or t in generic or (t.isdigit() and t + "年" in generic):
            continue
        if generic and (m := _AREA_SUFFIX.search(t)) and t[:m.start()] in generic:
            continue                # the plan's own place said with an area word ("重庆地区" in 重庆's report)
        out.append(t)
    return [t for t in out if t in kept or not any(t in s and query.count(t) <= query.count(s) for s in scaffold)]


def hit_context(hit: Hit) -> str:
    """What a hit is about: its section titles, title and text."""
    return " ".join((*hit.section_path, hit.title, hit.text))


def grouped_coverage(text: str, weights) -> float:
    """idf-weighted share of the question's terms found in ``text`` (0..1),
    counting each maximal term once: the search-mode sub-words of
    "个人所得税" (所得税, 所得 …) do not each add weight of their own; a
    maximal term absent from ``text`` earns the share of its characters that
    its longest found sub-word spans. Everyday words found only as their plan
    terms (``weights.alts``) earn ``weights.alt_credit``."""
    terms = [t for t, w in weights.items() if w > 0]
    if not terms:
        return 0.0
    c = compact(text).lower()
    alts = getattr(weights, "alts", None) or {}
    credit_alt = getattr(weights, "alt_credit", 1.0)
    total = got = 0.0
    for m in terms:
        if any(m != u and m in u for u in terms):
            continue                                    # inside a longer query term: that term's business
        members = [t for t in terms if t in m]
        w = max(weights[t] for t in members)
        total += w
        best = 0.0
        for t in members:
            share = len(t) / len(m)
            if t in c:
                best = max(best, share)
            elif any(a in c for a in alts.get(t, ())):
                best = max(best, credit_alt * share)
        got += w * best
    return got / total if total > 0 else 0.0


# A year ("2025年"), or a five-year period ("十四五"): a question naming one
# asks about that time, and a clause that does not name it does not answer.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)\s*(?=年)")
_PERIOD = compile_cue(r"[“\"]?(十[一二三四五六七八九]五)[”\"]?")
# A question asking for an amount: only a clause with a figure answers it.
# Counts of things a list can answer ("几个城市", "多少项工程") are not amounts.
ASKS_AMOUNT = compile_cue(r"多少(?![个项类种条座所名])|几[家倍成台辆亿万千百吨]|多大|多高|多长|多重|多远|多快|"
                         r"百分之几|占地")
FIGURE = compile_cue(r"\d|[一二两三四五六七八九十百千万亿][个家项倍成名座所台辆亿万千百吨%％年月天日周]")

# The unit a question asks its figure in, and how a clause states a figure in it: "投资多少亿元"
# is answered by "1200亿元", not by "3个" or "2025年"; "比重要达到百分之几" by "15%" or "百分之十五".
# (what the note calls it, how a question asks for it, how a clause states it). Money is 块 only as 块钱: after a
# number in a plan, 块 counts signs, screens or plots (1500块户外招牌), which answer no "多少钱".
_NUM = r"[\d０-９一二两三四五六七八九十百千万亿半数几.．]"
# A rate not counted in hundredths is stated as a bare number after its name: 年均火灾十万人口死亡率控制在0.25以内
# (per 100,000 people), 中小学生近视率下降0.5 (in points). A number a measure word or a unit follows
# (比例达到2025年, 比重提高到50万元) is no such figure, nor one after 率先 / 率领 (率先实现5G), nor a 频率 or 功率 (频率为50Hz).
_RATE_FIGURE = (r"(?:(?<![功频速汇])率(?![先领])|比重|占比|比例|比率)[^，。；！？,;、\d]{0,8}?(?<![\d.])\d+(?:\.\d+)?"
                r"(?![\d.]|\s*(?:年|月|日|个|项|家|座|所|名|人|万|亿|千|百|元|倍|次|条|批|户|台|辆|吨|公里|千米|米|亩|天|小时|岁|届|期|号|类|种|处|张|件))")
_UNITS = (
    ("金额", r"多少钱|(?:多少|几)(?:万亿|亿|万|千|百)?(?:元|块钱)|多少亿(?![人吨千瓦度])",
     _NUM + r"\s*(?:万亿|亿|万|千|百)?(?:元|块钱)|" + _NUM + r"\s*亿"),
    ("百分比", r"百分之(?:几|多少)|多少个?百分点|多少\s*[%％]|(?:比重|占比|比例|比率|(?<![功频速汇])率|(?<!投资)强度)\S{0,6}?(?:多少|百分之几)",
     _NUM + r"\s*(?:[%％‰]|个?百分点|成)|百分之|" + _RATE_FIGURE),
    ("倍数", r"(?:多少|几)倍", _NUM + r"\s*倍"),
    ("长度", r"多少(?:万)?(?:公里|千米|米)(?!饭)", _NUM + r"\s*(?:万)?(?:公里|千米|米)"),
    ("面积", r"多少(?:万)?(?:平方米|平米|平方公里|亩|公顷)|面积\S{0,4}多[少大]",
     _NUM + r"\s*(?:万)?(?:平方米|平米|㎡|平方公里|亩|公顷)"),
    ("吨数", r"多少(?:万|亿)?(?:吨|立方米|方)", _NUM + r"\s*(?:万|亿)?(?:吨|立方米|方)"),
    ("电量", r"多少(?:万|亿)?(?:千瓦时?|兆瓦|瓦|度电)", _NUM + r"\s*(?:万|亿)?(?:千瓦|兆瓦|瓦|度)"),
    ("人数", r"多少(?:万)?人(?![才员民口工家均])", _NUM + r"\s*(?:万)?(?:人|名)"),
    ("时长", r"(?:多少|几)(?:个)?(?:天|日|工作日|小时|分钟)", _NUM + r"\s*(?:个)?(?:天|日|工作日|小时|分钟)"),
    ("年龄", r"(?:多少|几)岁", _NUM + r"\s*(?:周)?岁"),
    # Contact details and opening hours: a reader asks them of any plan, and most plans print none.
    # A number is a phone number when it has a phone's form, or is short (12345, 12320) and stands
    # beside 热线/电话/专线 or after 拨打; a "which website" names one (在人社局网站公示), a 网址 is written.
    ("电话号码", r"(?:电话|热线|专线)(?:号码)?(?:是|为)?(?:多少|什么|几号)|(?:拨打|打|拨)(?:哪个|什么|哪)个?(?:号码|电话|热线|专线)|"
                 r"(?:哪个|什么)(?:咨询|联系|举报|投诉|服务)?(?:电话|号码)",
     r"\d{3,4}\s*[-－—]\s*\d{7,8}|(?<!\d)\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d)|"
     r"(?<!\d)\d{3,5}(?![\d个项家座所台辆万亿元%％年月日])[^，。；！？,;\s]{0,14}?(?:热线|电话|专线)|(?:热线|电话|专线|拨打|致电)\S{0,3}?(?<!\d)\d{3,5}(?!\d)"),
    ("网址", r"网址|网站的?地址|网页(?:地址|链接)|链接(?:是|在)",
     r"https?://|www\.|[A-Za-z0-9-]+\.(?:gov|com|org|net|edu)\b|[A-Za-z0-9-]+\.cn\b"),
    ("邮箱", r"(?:电子)?邮箱|电子邮件|邮件地址|电邮|[Ee]-?[Mm]ail",
     r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    # the time of day, not "几点" as how many points (有哪几点要求, 主要有几点): only before what opens, closes or runs
    ("钟点", r"(?<!哪)几点(?:钟|到几点|[开关]门|发车|收班|收车|开始|结束|截止|营业|上班|下班|以前|之前|之后|以后|前|起)",
     r"\d{1,2}\s*[:：]\s*\d{2}|[\d一二三四五六七八九十]{1,3}\s*[点时](?:\s*\d{1,2}\s*分|半|整)?\s*(?:至|到|[-－—~]|前|以前|之前|起|开始|结束)|"
     r"(?:[上下中]午|早上|晚上|凌晨|夜间)\s*[\d一二三四五六七八九十]|24\s*小时|二十四小时|全天"),
)
_UNIT_ASKED = tuple((name, compile_cue(asked)) for name, asked, _ in _UNITS)
_UNIT_ASKED_BY_NAME = dict(_UNIT_ASKED)
# Contact details have a form of their own: a clause that prints an address answers 发到哪个邮箱 without the
# word 邮箱 (请将申报材料发送至：xxx@126.com), and so for a number answering 咨询电话 or a link answering 网址
CONTACT_UNITS = ("电话号码", "网址", "邮箱")
_UNIT_GIVEN = {name: compile_cue(given) for name, _, given in _UNITS}


# a yes/no question in its other forms than 吗: A不A / A没A (能不能, 会不会, 有没有), 是否, 可不可以
_ASKS_WHETHER = compile_cue(r"([^\W\d_])[不没]\1|是否|可不可以|需不需要")

# A count asked with a measure word ("要新建几座焚烧厂", "每年受理多少件诉求"): a clause answers
# it with a number before a measure word of the same kind, any of them when the question says 个
# ("弄几个" <- "新建9座"). Not a question for the items themselves (哪几个), nor one counting a
# document's parts (分几个部分, 哪几个方面): the structure answers those.
_COUNTER_KINDS = ("项件条批次", "座所处幢栋间", "家户", "台辆艘架", "块张只场")
_COUNTERS = "个" + "".join(_COUNTER_KINDS)
_COUNT_ASKED = compile_cue(r"(?<!哪)(?:多少|几)(?:万|千|百)?([" + _COUNTERS + r"])"
                          r"(?!部分|方面|层面|层次|阶段|环节|步|类|种|方向|领域|维度)")
# 个城市 / 个省: things with names, which a clause may list instead of counting ("以成都、泸州、
# 南充和达州等地为主体" answers "核心发展区有几个城市")
_NAMED_THINGS = compile_cue(r"(?:城市|省份?|地市|市州|区县|县区|县|区|国家|地区)")
# a question word after the count: the count is "a few", what is asked comes later
# ("几户人家合用厨房的老宿舍，打算怎么处理", "几个人一起买房打折，会被当成降价吗")
_ASKS_AFTER = compile_cue(r"吗|怎么|如何|什么|哪|为什么|为啥")


# how a clause gives a count, by the unit name asked_unit returns for it ("座数"): a number before
# a measure word of the asked one's kind, or before any when the question says 个
_COUNT_GIVEN = {c + "数": compile_cue(_NUM + r"\s*(?:万|千|百)?[" + (
    _COUNTERS if c == "个" else next(k for k in _COUNTER_KINDS if c in k) + "个") + "]") for c in _COUNTERS}


def _asked_count(q: str) -> str:
    """The measure word a compacted question counts with when it asks how many ("几座" -> 座); ""
    when it asks none, asks which (哪几个) or how a document is divided, counts things with names
    (有几个城市), or says 几 for "a few" before its question word."""
    m = _COUNT_ASKED.search(q)
    if not m or _ASKS_AFTER.search(q, m.end()) or _NAMED_THINGS.match(q, m.end()):
        return ""
    return char_simplified(m.group(1))        # 個 of a question read in traditional script: 个


def asked_unit(question: str) -> str:
    """What the question asks its figure as ("金额", "百分比", "面积" …, or a count by its measure
    word: "座数" for 几座), "" when it names no unit, asks whether rather than how much
    ("会统计每站有多少人上下车吗", "能不能各放几天假"), or counts things a list of names answers."""
    q = compact(question)
    if _ASKS_WHETHER.search(q):
        return ""
    for name, asked in _UNIT_ASKED:
        m = asked.search(q)
        if m:
            return "" if "吗" in q[m.end():] else name
    counter = _asked_count(q)
    return counter + "数" if counter else ""


# A question asking when, or for how long: a sentence that answers it states a time (a year, a
# period, a date, a duration or a frequency). Read only by the soft ``figure_gap`` (assistant/evidence.py),
# never as a hard rule: "多久召开一次" is answered by "原则上每月召开", "多长时间内" by "15天内".
TIME = "时间"
_ASKS_TIME = compile_cue(r"什么时候|何时|哪一年|哪年|哪个月|几月份?|什么时间|多久|多长时间")
_TIME_GIVEN = compile_cue(r"\d{2,4}\s*年|[〇一二][〇一二三四五六七八九零]{3}年|十[一二三四五六七八九]五|"
                         r"[\d一二三四五六七八九十两半]+\s*个?(?:月|日|天|工作日|周|季度|小时|年)|每[年月周季天日]|"
                         r"年底|年末|年内|年前|月底|季度|期间|近期|中期|远期|今后|以前|以后|之前|起|届满|到期")


def unit_words(question: str, unit: str) -> str:
    """The words of ``question`` (compacted) that ask for ``unit`` ("哪个邮箱" -> "邮箱"), "" when none do."""
    asked = _UNIT_ASKED_BY_NAME.get(unit)
    m = asked.search(compact(question)) if asked is not None else None
    return m.group() if m else ""


def figure_kind(question: str, unit: str | None = None) -> str:
    """What a sentence must state to answer the question: its asked unit (``asked_unit``; pass it as
    ``unit`` when already read), else ``TIME`` when it asks when or how long, else ""."""
    unit = asked_unit(question) if unit is None else unit
    return unit or (TIME if _ASKS_TIME.search(compact(question)) else "")


def gives_unit(text: str, unit: str) -> bool:
    """Whether ``text`` states a figure as ``unit`` (a name asked_unit returns): after the
    figure, or, in an indicator table's row, in a cell of its own or in a note that ends the
    indicator's name (县级博物馆覆盖率（%） | 100 | 约束性: the figure's cell has no unit)."""
    if unit == TIME:
        return bool(_TIME_GIVEN.search(text))
    if unit in _COUNT_GIVEN and _row_counts(text):
        return True
    given = _UNIT_GIVEN.get(unit) or _COUNT_GIVEN.get(unit)
    return bool(given and (given.search(text) or _row_gives(text, given)))


_BARE_FIGURE = compile_cue(r"[≥≤><＞＜约]?\d[\d.,]*\+?")


def _row_counts(text: str) -> bool:
    """An indicator row whose figure stands alone in its cell (博物馆数量 | ≥260 | 预期性): a count
    needs no unit there."""
    cells = text.split("|")
    return len(cells) > 1 and any(_BARE_FIGURE.fullmatch(c.strip()) for c in cells[1:])


def _row_gives(text: str, given) -> bool:
    """A table row (compacted: cells joined by "|") with a figure in one cell and, in another, the
    unit alone or as the note closing a name, written as ``given`` would read it after a figure."""
    return any(given.fullmatch("1" + u) for u in row_units(text, "|"))


def anchors(question: str, places=(), home=frozenset()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(places, times) a question names: places of ``places`` or any division name
    (assistant.places) other than the plan's own region, and years and five-year periods."""
    from assistant.places import places_in
    found_places = []
    for p in sorted(set(places) | set(places_in(question)), key=len, reverse=True):
        if p in question and p not in home and not any(p in q for q in found_places):
            found_places.append(p)
    years = [y + "年" for y in _YEAR.findall(digit_years(question))]      # "2025年", not the 2025 of 中国制造2025
    times = [t for t in dict.fromkeys(years + _PERIOD.findall(question)) if t not in home]
    return tuple(found_places), tuple(times)


def joint_name(question: str, places, stats: "TermStats") -> str:
    """The plan's short name for several places asked about together: their
    first characters in the question's order ("成都、德阳、绵阳" -> 成德绵, as in
    成德绵航空产业集聚区), when the documents use it; else ""."""
    named = sorted({(question.find(p), p) for p in places if len(p) >= 2 and p in question})
    named = [(i, p) for i, p in named if not any(p != q and p in q for _, q in named)]
    if len(named) < 2:
        return ""
    name = "".join(p[0] for _, p in named)
    return name if stats.df(name) > 0 else ""


def answers_anchors(text: str, places=(), times=(), amount: bool = False, when: str = "") -> bool:
    """Whether ``text`` can answer a question naming ``places`` (one of them
    suffices) and ``times`` (all of them, in ``text`` or in ``when``: the times its
    sections are about), and asking an amount (a figure)."""
    c = compact(text)
    if places and not any(p in c for p in places):
        return False
    if any(t not in c and t not in when for t in times):
        return False
    if amount and not FIGURE.search(c):
        return False
    return True


def missing_anchors(hits, places=(), times=(), amount: bool = False, unit: str = "",
                    openings=None, unit_hits=None) -> list[str]:
    """What no hit of ``hits`` has of the question's places, times and figure
    ([] when one hit has them all), and the unit the figure is asked in
    (``asked_unit``) when no hit states a figure in it. The unit is not required
    of the hit holding the place and time: a long paragraph is cut into several
    clauses, its year in one and its percentages in the next. A time may also be
    named once for a whole section, in the paragraph that opens it (``openings``, from
    ``section_openings``: "“十四五”是青浦…关键五年。" over 一是…五是… that give its figures). The unit
    is looked for in ``unit_hits`` where given: the hits as they would be shown (a heading such as
    四、联系电话 shown as the one short clause under it, 0312-5620786)."""
    texts = [compact(hit_context(h)) for h in hits]
    whens = [opening_text(openings, h) for h in hits] if openings and times else [""] * len(hits)
    out = []
    if not any(answers_anchors(t, places, times, amount, w) for t, w in zip(texts, whens)):
        if places and not any(p in t for t in texts for p in places):
            out.extend(places)
        out.extend(x for x in times if not any(x in t or x in w for t, w in zip(texts, whens)))
        if amount and not any(FIGURE.search(t) for t in texts):
            out.append("数字")
        out = out or [*places, *times] + (["数字"] if amount else [])
    stating = texts if unit_hits is None else [compact(hit_context(h)) for h in unit_hits]
    if unit and "数字" not in out and not any(gives_unit(t, unit) for t in stating):
        out.append(unit)
    return out


def section_openings(documents) -> dict:
    """(doc_id, section path) -> the compact text of the first paragraph under that section
    (not its heading): what ``missing_anchors`` reads for the time a section is about."""
    out: dict = {}
    for d in documents:
        for c in d.clauses:
            if c.kind != "heading" and c.section_path:
                out.setdefault((d.doc_id, tuple(c.section_path)), compact(c.text))
    return out


def opening_text(openings, hit: Hit) -> str:
    """The opening paragraphs of the sections ``hit`` lies in (its own section's included)."""
    path = tuple(hit.section_path)
    return "".join(openings.get((hit.doc_id, path[:n]), "") for n in range(1, len(path) + 1))


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


def clause_hit(clause, score: float = 0.0, matched=(), signal: str = "glossary") -> Hit:
    """A clause shown whole, found by ``signal`` rather than by retrieval."""
    return Hit(text=clause.text, clause_id=clause.clause_id, section_path=tuple(clause.section_path),
               pages=tuple(clause.pages), score=score, doc_id=clause.doc_id, title=clause.title,
               kind=clause.kind, ranks={signal: 1}, matched_terms=tuple(matched),
               source=getattr(clause, "source", "text"), ocr_confidence=getattr(clause, "ocr_confidence", None))


def glossary_term(title: str) -> str:
    return re.sub(r"^\s*\d+\s*[.．、]\s*", "", title or "").strip()


def defining_first(hits, term: str, documents) -> list[Hit] | None:
    """For "什么是X" where the plan's own text defines X ("本办法所称人才住房，是指…", "X是指…",
    "…（以下简称X）"): the hits with the first clause that does so first (a term used in every
    clause is no search word; its definition is the answer). None when no clause defines it."""
    from assistant.rerank import defines
    term = term.lower()
    if len(term) < 2:
        return None
    for doc in documents:
        for c in doc.clauses:
            # a list's lead line may define ("本规定中商品住房是指以下住房:"); glossary entries are
            # glossary_first's
            if c.kind != "glossary" and term in c.text.lower() and defines(c.text, term):
                top = max((h.score for h in hits), default=1.0)
                return [clause_hit(c, score=top, matched=(term,))] + [h for h in hits if h.clause_id != c.clause_id]
    return None


def glossary_first(hits, question: str, documents) -> list[Hit] | None:
    """For "什么是X" (X a glossary term, or another name its entry gives, that
    the question itself names): the hits with that glossary entry first. None
    when the question is no such thing."""
    from assistant.glossary import aliases, asks_definition
    best = None
    for doc in documents:
        for c in doc.clauses:
            if c.kind != "glossary":
                continue
            term = glossary_term(c.title)
            name = asks_definition(question, (term, *aliases(c.text)), c.text)
            if name and (best is None or len(name) > best[0]):
                best = (len(name), c)
    if best is None:
        return None
    clause = best[1]
    top = max((h.score for h in hits), default=1.0)
    rest = [h for h in hits if h.clause_id != clause.clause_id]
    return [clause_hit(clause, score=top, matched=(glossary_term(clause.title),))] + rest
