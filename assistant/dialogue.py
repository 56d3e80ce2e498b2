"""Deterministic follow-up resolution: no LLM, just the dialogue state.

A turn is reduced to a :class:`Frame` (places, topics, aspects, leftover
keywords, section scope). A follow-up fills the slots it lacks from the
previous frame:

* "那新能源汽车呢？" (ellipsis) keeps everything of the previous turn except
  the slot it names: 成都 生物产业 重点发展 -> 成都 新能源汽车 重点发展;
* "它的空间布局是怎样的？" (anaphora) keeps the topic, lifted to its chapter
  for chapter-level aspects: 生物医药 -> 生物产业 空间布局;
* "其中…" / "这方面…" keep the topic and the section scope;
* "第二个工程呢？" picks the second item of the list the previous turn was
  about (the 专栏 of that chapter's 重点工程, or a section's sub-sections);
* a question naming its own topic starts fresh.

``resolve_history`` replays earlier turns, so the same history gives the same
query in the CLI, the UI and the API.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from assistant.text import compact
from assistant.vocab import SECTION_ASPECTS, Vocabulary
from corpus.script import compile_cue

ANAPHORA = ("这方面", "这一块", "这一领域", "这一层", "这一环节", "这个产业", "该产业", "该领域", "这些", "这个", "上述",
            "其中", "它们", "它的", "它", "其", "该", "此", "当地", "那里", "这里", "这件事", "这项", "这条", "这笔")
_ELLIPSIS = compile_cue(r"^(那么|那|还有|另外|再|而)?(.{0,24}?)(呢|怎么样|如何|情况|的情况)?[?？。!！]*$")
_ORDINAL = compile_cue(r"第\s*([一二三四五六七八九十两\d]{1,3})\s*(个|项|条|点|家|类)")
_STOP_PHRASES = (
    "请问", "请介绍", "介绍一下", "介绍", "本规划", "规划中", "规划里", "规划",
    "我省", "全省", "本省", "我市", "全市", "本市", "我区", "全区", "本区", "我县", "全县", "本县",
    "是什么", "是怎样", "怎么样", "怎样", "怎么", "如何", "哪些", "什么", "多少", "哪里", "哪个",
    "为什么", "是否", "能否", "可以", "关于", "对于", "有关", "方面", "一下", "情况", "具体", "主要",
    "那么", "还有", "另外", "分别", "包括", "提到", "讲了", "讲", "说", "呢", "吗", "吧", "啊", "哪",
)
_SPLIT = compile_cue(r"[的了是有在和与及对把被给要会都也就还又那这几个其它该此\s?？。!！,，、;；:：()（）\"“”'‘’]+")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def cn_number(text: str) -> int:
    """"二" -> 2, "十一" -> 11, "12" -> 12 (0 when not a number)."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS for c in text):
        return 0
    if "十" not in text:
        return _CN_DIGITS[text[0]] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


@dataclass(frozen=True)
class Frame:
    """One resolved turn."""

    text: str                       # the cleaned question
    query: str                      # what is retrieved ("理解为：…")
    places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    aspects: tuple[str, ...] = ()
    rest: tuple[str, ...] = ()      # other keywords of the question
    scope: str = ""                 # a section/box id the turn was about ("七", "专栏10")
    followup: bool = False          # whether anything was carried from the previous turn
    within: bool = False            # "其中…": search only inside ``scope``
    sentence: str = ""              # the turn as a standalone question, when it is one (not a keyword query)
    cue: str = ""                   # what made it a follow-up: ordinal, condition, ellipsis, own, within (其中),
                                    # anaphora (这个, 它), specific (具体, 重点), continue (names nothing of its
                                    # own) or place (a place or an aspect alone)


def leftover_keywords(text: str, known) -> tuple[str, ...]:
    """Keywords of ``text`` once known terms and question words are removed."""
    t = text
    for term in sorted(set(known), key=len, reverse=True):
        if term:
            t = t.replace(term, " ")
    for phrase in _STOP_PHRASES:
        t = t.replace(phrase, " ")
    t = _ORDINAL.sub(" ", t)
    # split at function words that stand as words (的、有、要 alone), never inside one (拥有量、社会)
    from index.tokenize import STOPWORDS
    parts, cur = [], ""
    for w in segment(t):
        if _SPLIT.fullmatch(w) or w in STOPWORDS:
            parts.append(cur)
            cur = ""
        else:
            cur += w
    parts = [p for p in parts + [cur] if len(p) >= 2]
    seen, out = set(), []
    for p in parts:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return tuple(out)


def everyday_phrases(text: str, vocab: Vocabulary) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(phrase as written in ``text``, plan terms) for the thesaurus phrases in ``text``."""
    th = vocab.thesaurus
    if th is None:
        return ()
    out = []
    for m in th.find(text):
        surface = text[m.start:m.start + len(m.phrase)]
        out.append((surface if surface.lower() == m.phrase else m.phrase, m.terms))
    return tuple(out)


def in_plan_terms(text: str, vocab: Vocabulary) -> str:
    """``text`` with each everyday phrase replaced by its first plan term
    ("万能细胞是什么" -> "干细胞是什么"), for recognising what a question is about."""
    out, last = [], 0
    for phrase, terms in everyday_phrases(text, vocab):
        start = text.find(phrase, last)
        if start < 0 or not terms:
            continue
        out.append(text[last:start])
        out.append(terms[0])
        last = start + len(phrase)
    out.append(text[last:])
    return "".join(out)


def parse(text: str, vocab: Vocabulary, scope: str = "") -> Frame:
    """The frame of a question taken on its own (no history).

    Everyday phrases (电动车) give their plan terms (新能源汽车) as topics when
    those are topics of the plan, so a follow-up carries the plan's term; the
    query itself stays the user's words (the retriever expands it)."""
    places = tuple(vocab.find(text, vocab.places))
    topics = tuple(vocab.find(text, vocab.topics))
    aspects = tuple(a for a in vocab.find(text, vocab.aspects) if a not in topics)
    everyday = everyday_phrases(text, vocab)
    rest = leftover_keywords(text, places + topics + aspects + ANAPHORA)   # everyday words stay: the retriever expands them
    expansion = []
    for _, terms in everyday:
        for t in terms:
            if t not in text and t in vocab.parent and t not in topics and t not in expansion:
                expansion.append(t)
    return Frame(text=text, query=text, places=places, topics=topics + tuple(expansion), aspects=aspects,
                 rest=rest, scope=scope, sentence=text)


def _compose(places, topics, aspects, rest) -> str:
    seen, words = set(), []
    for w in (*places, *topics, *aspects, *rest):
        if w and w not in seen:
            seen.add(w)
            words.append(w)
    return " ".join(words)


def _lift(topics, aspects, vocab: Vocabulary) -> tuple[str, ...]:
    if not any(a in SECTION_ASPECTS for a in aspects):
        return topics
    out = []
    for t in topics:
        p = vocab.parent.get(t) or t
        if p not in out:
            out.append(p)
    return tuple(out)


def _list_for(prev: Frame, vocab: Vocabulary) -> tuple[tuple[str, ...], str]:
    """The list the previous turn was about, and the id of the section/box holding it."""
    if prev.scope and prev.scope in vocab.items:
        return vocab.items[prev.scope], prev.scope
    for t in prev.topics:
        for key in (t, vocab.parent.get(t, "")):
            box = vocab.boxes.get(key)
            if box and box in vocab.items:
                return vocab.items[box], box
    return (), ""


def is_ellipsis(text: str) -> bool:
    t = text.strip()
    m = _ELLIPSIS.match(t)
    if not m:
        return False
    lead, _body, tail = m.group(1), m.group(2), m.group(3)
    return bool(tail == "呢" or (lead and tail) or (lead in ("那么", "那") and len(t) <= 16))


# --- substitution: "那长兴岛呢？" after "崇明岛主海塘要推进多少公里达标建设？" --------------------
#
# An elliptical follow-up names one new element; the question meant is the previous one
# with the element of the same type replaced. Types come from general patterns (a year, a span of the year,
# a "十四五" period, an administrative level, a place of the plan) and from the words
# themselves: two noun phrases with the same head word (崇明岛/长兴岛, 公共建筑/居住建筑,
# 虹桥机场/浦东机场) or the same modifier (失信的定点医药机构/失信的参保人) are of a kind.

# a year, or one said relative to the text's own ("今年呢？" after "2023年深圳新增就业多少人？")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)(?:\s*年)?|今年|去年|明年|前年|上一?年(?!度)|本年度?|次年")
_PERIOD = compile_cue(r"[“\"]?十[一二三四五六七八九]五[”\"]?")
_LEVEL = compile_cue(r"(?:国家|中央|全国|省|市|区|县|乡镇|街道|村|社区)(?:一)?(?:级|层面|层级)"
                    r"|(?:国家|(?<!城)省|(?<![城都])市|(?<![城小社园景])区|县)(?:里|局)")
# 省里 / 县里 are said for 省级 / 县级 (那省里呢？ after 国家局的药品监管云怎么建？)
_LEVEL_SPOKEN = compile_cue(r"(?<=[省市区县])里$")
# a span of the year ("那上半年呢？" after "旅游产业化投资全年要完成多少？")
_SPAN = compile_cue(r"全年|上半年|下半年|年初|年中|年底|年末|年内|前三季度|第?[一二三四1-4]季度")
# a month ("4月份交呢？" after "2月份缴纳契税能补贴多少？")
_MONTH = re.compile(r"(?<![\d一二三四五六七八九十])(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?")
# a class of a graded list ("F类的呢？" after "E类人才申请保障性租赁住房的面积是多少？", "二类呢" after 一类)
_CLASS = compile_cue(r"(?<![A-Za-z])[A-Z]类|(?<![这那每哪同])第?[一二三四五六七八九十]类")
# a short bracket right after an element, glossing it ("国家级（Ⅰ级）", "2025年(目标年)")
_OWN_GLOSS = re.compile(r"^\s*[（(][^（()）]{1,8}[)）]")
_TYPED = (_YEAR, _PERIOD, _LEVEL, _SPAN, _MONTH, _CLASS)     # the element types substituted by pattern
_LEAD = compile_cue(r"^(?:那么|那|还有|另外|再|而|至于|如果是|换成)+")
_TAIL = compile_cue(r"(?:那边|这边|那里|这里|方面|领域|这块|这一块|这条|这一条|这项|这一项|的情况|情况|的呢|呢|怎么样|如何|又如何|咋样)+$")
_QUESTION_TAIL = compile_cue(r"(?:是|有|要|为|达到|能|主要包括|包括|包含|涉及|指)?(?:多少|几个|几|什么|哪些|怎样|怎么样|如何)\w{0,4}$")
# what a year's or a level's figure is called, naming no element of its own ("2030年的目标呢？")
_ASPECT = compile_cue(r"^(?:的|时|时候)?(?:目标值?|要求|任务|指标|数字|数据|情况|安排|预期)?$")
# ... and said after any element: "那市、县两级的要求呢？" names 市、县两级 and asks what the previous question asked
_ASPECT_TAIL = compile_cue(r"(?<=[\u4e00-\u9fff])的(?:目标值?|要求|任务|指标|数字|数据|情况|安排|预期)$")
# with the A-not-A forms a yes-no question is asked in ("那家政服务这块有没有定具体数量？" asks a question of its
# own, it does not name an element to put in the previous question)
_QUESTION_WORDS = ("多少", "什么", "哪些", "哪个", "哪几", "几", "怎么", "如何", "怎样", "是否", "谁",
                   "有没有", "是不是", "能不能", "会不会", "要不要", "可不可以", "用不用")
_NOUNISH = ("vn", "j", "b", "k", "an", "l", "eng", "nz", "g")
# what a plan calls itself ("计划里对智能芯片有什么安排": 计划 is not the question's subject)
_DOC_WORDS = ("规划", "本规划", "纲要", "方案", "本方案", "实施方案", "计划", "本计划", "行动计划", "指南", "指引", "意见",
              "要点", "措施", "办法", "细则", "条例", "文件", "通知", "我国", "我省", "我市", "我区")
_NUMBERED = compile_cue(r"[一二三四五六七八九十两]+[\u4e00-\u9fff]?")
_pos_lock = threading.Lock()
_pos = None
_seg = None


def _jieba():
    """A jieba tokenizer over the index layer's dictionary (loaded once per process)."""
    global _seg
    with _pos_lock:
        if _seg is None:
            import jieba
            from index.tokenize import _base_dictionary
            tk = jieba.Tokenizer()
            tk.FREQ, tk.total = _base_dictionary()
            tk.initialized = True
            _seg = tk
        return _seg


def segment(text: str) -> list[str]:
    """Words by jieba (no part-of-speech tagging: its model costs half a second to load)."""
    return list(_jieba().cut(text, HMM=False))


def _postag(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech) by jieba, sharing the index layer's dictionary."""
    global _pos
    tk = _jieba()
    with _pos_lock:
        if _pos is None:
            import jieba.posseg
            _pos = jieba.posseg.POSTokenizer(tk)
        return [(w.word, w.flag) for w in _pos.cut(text)]


def _nounish(word: str, flag: str) -> bool:
    return (flag.startswith("n") or flag in _NOUNISH) and not any(q in word for q in _QUESTION_WORDS)


def noun_phrase(text: str) -> bool:
    """Every word of ``text`` is a noun or noun-like (电子烟, 万州机场, 小型矿山), by jieba's tags: a
    thing named, not a clause (出行结束以后, 发改处负责) nor a count (二套房)."""
    tagged = _postag(text)
    return bool(tagged) and all(_nounish(w, f) for w, f in tagged)


def elliptical_element(text: str) -> str:
    """What an elliptical follow-up names: "那长兴岛呢？" -> "长兴岛", "衡复那边呢？" -> "衡复",
    "那2020年是多少？" -> "2020年是多少" ("" when it is not elliptical)."""
    t = re.sub(r"[?？。!！,，\s]+$", "", text.strip())
    t = _LEAD.sub("", t)
    t = _TAIL.sub("", t)
    return t.strip()


def new_element(text: str) -> str:
    """The element an elliptical follow-up asks about instead of the previous one, as the plan
    would print it ("那等额本金的呢？" -> "等额本金", "那2020年呢？" -> "2020年"); "" when the turn is
    not elliptical or names no element (那具体怎么做呢？, 其中哪些…)."""
    if not is_ellipsis(text):
        return ""
    el = re.sub(r"^[到在对至]|的$", "", _ASPECT_TAIL.sub("", elliptical_element(text)))
    if len(el) < 2 or any(q in el for q in _QUESTION_WORDS) or _ASPECT.match(el) or el in _DOC_WORDS:
        return ""
    return el


# a word jieba tags as a numeral that counts or orders without a digit: 首 / 首套 (the first), 头, 第一套
_ORDINAL_WORD = compile_cue(r"(?:首|头|末|第[一二三四五六七八九十两\d]{1,3})[\u4e00-\u9fff]?")


def _is_place(word: str) -> bool:
    """Whether ``word`` is a division's name (assistant.places): the place a question is asked of, which
    a follow-up naming a thing does not replace ("在沈阳就业的毕业生…" + 那公积金贷款呢)."""
    from assistant.places import gazetteer
    return word in gazetteer()


def _span_run(tokens, i: int, j: int, numeral: bool = False) -> tuple[int, int]:
    """Extend token span [i, j) over the noun-like tokens before it, up to a place's name; with
    ``numeral`` (the new element starts with one: 三孩家庭, 二类人才, 二套房) also over a numeral or
    ordinal, with its measure word, that starts the phrase (二 / 孩 / 家庭, 一类 / 高层次 / 人才, 首 / 套房)."""
    while i > 0 and _nounish(*tokens[i - 1]) and not _is_place(tokens[i - 1][0]):
        i -= 1
    if numeral and i > 0 and (_NUMBERED.fullmatch(tokens[i - 1][0]) and tokens[i - 1][1] in ("m", "mq", "q")
                              or _ORDINAL_WORD.fullmatch(tokens[i - 1][0]) and tokens[i - 1][1] in ("m", "mq")):
        i -= 1
    return i, j


def _offsets(tokens) -> list[int]:
    out, pos = [], 0
    for w, _ in tokens:
        out.append(pos)
        pos += len(w)
    out.append(pos)
    return out


def _asked(tokens, i: int) -> bool:
    """Whether the noun at token i is what the question asks for ("设立什么机构")."""
    return i > 0 and any(q in tokens[i - 1][0] for q in _QUESTION_WORDS)


# what a figure is compared with ("要比2020年下降多少"): the baseline, not the element a follow-up moves
_BASELINE = compile_cue(r"(?:比|较|相比|比较|对比|同比|与|和)\s*$")
_BASELINE_YEAR = compile_cue(r"(?:比|较|相比|比较|对比)\s*(?:19|20)\d{2}\s*年?(?:底|末)?")


def _target(pat, prev: str):
    """The element of type ``pat`` in ``prev`` that a follow-up replaces: the first one that is not
    a baseline ("到2025年…要比2020年下降多少" + 那到2030年呢 -> 2025年), else the first."""
    found = list(pat.finditer(prev))
    for m in found:
        if not _BASELINE.search(prev[:m.start()]):
            return m
    return found[0] if found else None


def _names_new(words: str, prev: str) -> bool:
    """Whether ``words`` name a thing ``prev`` does not ("那2020年的人口呢？" after a question about
    GDP), not only words of ``prev``, times (现在, 当年), verbs (完成, 新增) or a word as common in
    general language as 计划, 实际 or 情况, which ask about the same thing at another time."""
    for w, f in _postag(words):
        w = w.strip()
        if len(w) >= 2 and w not in prev and f != "t" and _nounish(w, f) and _names(w):
            return True
    return False


def _context_word(word: str, flag: str) -> bool:
    """Whether a word beside a noun says what the noun is of (播种, 面积, 公共, 预算), not how it is asked."""
    from index.tokenize import STOPWORDS
    return (flag[:1] in "nvab" or flag in _NOUNISH) and word not in STOPWORDS \
        and not any(q in word for q in _QUESTION_WORDS)


def _printed_swap(prev: str, core: str, tokens, offs, printed: str) -> str:
    """``prev`` with the word the plan prints ``core`` in place of replaced by it: the plan prints both
    with the same words around them ("一般公共预算收入" and "一般公共预算支出", "粮食播种面积" and
    "蔬菜播种面积"), at least two characters of them; "" when no word of ``prev`` is such."""
    def prints(text: str) -> bool:
        return compact(text) in printed

    best = (1, -1)
    for i, (w, f) in enumerate(tokens):
        if len(w) < 2 or not _context_word(w, f) or _is_place(w) or _asked(tokens, i) or w in core or core in w:
            continue
        a, b = offs[i], offs[i + 1]
        j = i + 1
        while j < len(tokens) and _context_word(*tokens[j]) and prints(core + prev[b:offs[j + 1]]):
            j += 1
        k = i
        while k > 0 and _context_word(*tokens[k - 1]) and prints(prev[offs[k - 1]:a] + core + prev[b:offs[j]]):
            k -= 1
        around = (a - offs[k]) + (offs[j] - b)
        # the nearest the question word of the widest: the noun asked about
        if around >= best[0] and prints(prev[offs[k]:offs[j]]):
            best = (around, i, k, j)
    if best[1] < 0:
        return ""
    _, i, k, j = best
    # only where prev says more than that phrase ("太阳能产业怎么发展" + 风电 asks of 风电 alone, as
    # replace_subject has it)
    if not any(f.startswith("n") and len(w) >= 2 and w not in _DOC_WORDS for w, f in tokens[:k] + tokens[j:]):
        return ""
    # the nouns before it that the plan does not print with the element went with the old word ("畜禽粪污
    # 综合利用率" + 秸秆: 秸秆综合利用率, not 畜禽秸秆…)
    a, _ = _span_run(tokens, k, i + 1)
    return prev[:offs[a]] + prev[offs[k]:offs[i]] + core + prev[offs[i + 1]:]


def substitute(prev: str, element: str, places=(), coordinated=None, printed: str = "") -> str:
    """``prev`` with its element of the same type as ``element`` replaced by it, or ""
    when no element of ``prev`` is of that type. ``coordinated``: term -> the terms the plan lists
    beside it (``vocab.coordinated_terms``); ``printed``: the plan's text (``vocab.printed``)."""
    prev = re.sub(r"[?？。!！]+$", "", prev.strip())
    if not prev or not element or element in prev:
        return ""
    for pat in _TYPED:
        new = pat.search(element)
        left = _QUESTION_TAIL.sub("", element.replace(new.group(0), "")) if new else ""
        left = _ASPECT.sub("", left)    # "2030年的目标" names a year as "2030年" does
        # "2020年是多少", not "省级重点实验室" (more than a level); a time said with words that name
        # nothing new ("那今年计划新增多少？", "那“十四五”完成了多少？") moves the time all the same
        if new and (len(left) < 2 or pat in (_YEAR, _PERIOD) and not _names_new(left, prev)):
            old = _target(pat, prev)
            if old is None:
                return ""
            value = new.group(0)
            if pat is _YEAR and old.group(0).endswith("年") and not value.endswith("年"):
                value += "年"
            if pat is _LEVEL:
                value = _LEVEL_SPOKEN.sub("级", value)
            after = prev[old.end():]
            # what the old element's brackets said of it goes with it: "国家级（Ⅰ级）…" + 省级的呢 asks
            # 省级…, not 省级（Ⅰ级）
            after = _OWN_GLOSS.sub("", after, count=1)
            out = prev[:old.start()] + value + after
            if pat is _YEAR:
                # another year's baseline need not be the new year's ("到2030年…比2005年下降"):
                # "要比2020年下降多少" + 那到2030年呢 asks 到2030年…要下降多少
                out = _BASELINE_YEAR.sub("", out)
            return out
    core = _QUESTION_TAIL.sub("", element) or element
    bare = _ASPECT_TAIL.sub("", core)
    core = bare if len(bare) >= 2 else core
    if len(core) < 2:
        return ""
    # a term the plan lists beside one the previous question names ("那严格管控类的呢？" after "安全利用类
    # 农用地地块要采取哪些措施", the plan listing 优先保护类、安全利用类和严格管控类): that one
    term = re.sub(r"的$", "", core)
    listed = [t for t in (coordinated or {}).get(term, ()) if t in prev and term not in t and t not in term]
    if listed:
        old = max(listed, key=len)
        at = prev.find(old)
        return prev[:at] + term + prev[at + len(old):]
    tokens = _postag(prev)
    offs = _offsets(tokens)
    etoks = _postag(core)
    # the same head word: the last word of the element ends a noun phrase of prev
    head = etoks[-1][0] if etoks else ""
    for cand in ([head] if len(head) >= 2 else []) + [core[-1]]:
        if not re.match(r"[\u3400-\u9fff]", cand[-1]):
            continue
        # the last such phrase: the one nearest what is asked ("…平台提供的静态信息有哪些" + 动态信息)
        for i in range(len(tokens) - 1, -1, -1):
            w, f = tokens[i]
            at = w.find(cand)
            # the noun a question word asks about is replaced only by one with the same head
            # word ("哪些农用地地块…" + 建设用地), not by one sharing a last character
            if at < 0 or not _nounish(w, f) or (len(cand) < 2 and (_asked(tokens, i) or len(w) < 2
                                                                  or not w.endswith(cand))):
                continue
            end = offs[i] + at + len(cand)
            # the words before the head that the element says too are part of what it replaces
            # ("重点人群家庭医生签约覆盖率" + 所有居民的签约覆盖率: 签约 as well, and the nouns before it)
            shared = next((k for k in range(min(len(core), end), len(cand), -1) if core[-k:] == prev[end - k:end]
                           and end - k in offs), len(cand))
            first = offs.index(end - shared) if shared > len(cand) else i
            a, _ = _span_run(tokens, first, i + 1, numeral=bool(_NUMBERED.match(core) or _ORDINAL_WORD.match(core)))
            return prev[:offs[a]] + core + prev[end:]
    # the same modifier: "失信的参保人" after "对失信的定点医药机构怎么惩戒"
    for n in range(len(core) - 1, 1, -1):
        mod = core[:n]
        pos = prev.find(mod)
        if pos < 0:
            continue
        end = pos + n
        if end not in offs:
            continue
        a = offs.index(end)
        b = a
        while b < len(tokens) and _nounish(*tokens[b]):
            b += 1
        if b > a:
            rest = prev[offs[b]:]
            # what the element names after its new part may be what prev says next ("基本养老保险的参保率"
            # after "…基本医疗保险参保率达到多少"): said once
            overlap = next((k for k in range(min(len(core) - n, len(rest)), 1, -1) if core.endswith(rest[:k])), 0)
            return prev[:end] + core[n:] + rest[overlap:]
        return ""
    # a place of the plan for a place
    new_places = [p for p in places if p in core]
    if new_places:
        # the place the question names first is its subject ("鄂州在武汉都市圈里…" + 咸宁 -> 咸宁在武汉都市圈里…),
        # among those of the new one's level ("甘肃…给庆阳市定的…" + 天水: a city for a city, not the province)
        from assistant.places import gazetteer
        levels = gazetteer()
        level = levels.get(new_places[0])
        named = [p for p in places if p in prev]
        alike = [p for p in named if level is not None and levels.get(p) == level]
        found = sorted((prev.find(p), -len(p)) for p in (alike or named))
        if found:
            pos, end = found[0][0], found[0][0] - found[0][1]
            for i in range(len(tokens)):
                if offs[i] <= pos < offs[i + 1]:
                    # the whole place, where the words cut it in two (章丘|区)
                    j = next(k for k in range(i, len(tokens)) if end <= offs[k + 1])
                    return prev[:offs[i]] + core + prev[offs[j + 1]:]
    # a word of prev the plan prints the element in place of ("2024年一般公共预算收入是多少" + 那支出呢?:
    # the plan prints 一般公共预算支出 as well)
    return _printed_swap(prev, core, tokens, offs, printed) if printed else ""


NAMING_INFO = 9.5      # nats: a noun this common in general language (部门, 资金, 条件, 目标) names no topic


def _names(word: str) -> bool:
    """Whether a noun can name what a question is about: "由哪些部门牵头负责？", "所需资金从哪里出？"
    after a question about a measure ask about that measure; 科研助理, 农田 name their own topic.
    The measure is jieba's general-language word frequency (``evidence.WordInfo``), not a list."""
    from assistant.evidence import WordInfo
    return WordInfo.info(word) >= NAMING_INFO


# a question word before the noun that ends the element asks which of those things
# ("那要培育哪些产业带？" asks its own question of the previous subject: it names none)
_ASKS_WHICH = compile_cue(r"(?:哪些|哪个|哪几|什么)[\u4e00-\u9fff]{2,}$")


def _names_a_thing(element: str) -> bool:
    """Whether an elliptical element ends in a noun ("动态信息包括什么" -> 动态信息), not in a verb
    or a time word ("什么时候全面铺开", "出行结束以后"): only a thing can stand for the previous subject."""
    core = _QUESTION_TAIL.sub("", element) or element
    if any(q in core for q in _QUESTION_WORDS) or _ASKS_WHICH.search(element):
        return False
    tags = [(w, f) for w, f in _postag(core) if w.strip()]
    return bool(tags) and _nounish(*tags[-1])


def _bare_noun_phrase(element: str) -> bool:
    """The element is a noun phrase and nothing else ("建设用地", "规模以上工业增加值"), with no
    verb or question of its own ("有害垃圾主要包括哪些", "要是转成国有参股或者非国有企业")."""
    if _QUESTION_TAIL.search(element):
        return False
    return all(not f.startswith("v") or f == "vn" for w, f in _postag(element) if w.strip())


# a follow-up that puts a case ("要是家里有二孩呢？", "如果一年只出口300万美元呢？")
_CONDITION = compile_cue(r"^(?:那么|那)?(?:要是|如果|假如|假若|若是|倘若|万一)(?:说)?")


def _condition(text: str) -> str:
    """The case an elliptical follow-up puts, without its 要是/如果 ("要是医生护士违规呢？" -> 医生护士违规);
    "" for another follow-up, or for a case that is an element of a kind (a year, a level: "如果是2025年呢？")
    or a bare noun phrase ("要是二孩家庭呢？"), which replace the previous question's own element."""
    m = _CONDITION.match(text.strip())
    if not m:
        return ""
    case = re.sub(r"^是", "", elliptical_element(text.strip()[m.end():]))
    tags = [f for w, f in _postag(case) if w.strip()]
    thing = _bare_noun_phrase(case) and bool(tags) and tags[-1].startswith("n")     # not 医生护士违规
    if len(case) < 2 or any(p.search(case) for p in _TYPED) or thing or has_anaphora(case):
        return ""
    return case


def replace_subject(prev: str, element: str) -> str:
    """``prev`` with its first noun phrase replaced by ``element`` ("医院要建立哪些不良事件报告制度",
    "药品" -> "药品要建立哪些不良事件报告制度"), or "" when it has none that is not what it asks
    for, or nothing but its subject and question words ("太阳能产业怎么发展")."""
    prev = re.sub(r"[?？。!！]+$", "", prev.strip())
    core = _QUESTION_TAIL.sub("", element) or element
    if not prev or len(core) < 2 or core in prev:
        return ""
    tokens = _postag(prev)
    offs = _offsets(tokens)
    i = 0
    while i < len(tokens):
        if not _nounish(*tokens[i]):
            i += 1
            continue
        if _asked(tokens, i):
            return ""
        if _is_place(tokens[i][0]):
            i += 1          # the place asked of stays ("安徽对买新能源汽车…" + 买房: 新能源汽车 is the subject)
            continue
        j = i
        while j < len(tokens) and (_nounish(*tokens[j]) or (
                tokens[j][0] in ("和", "与", "及", "、", "＋", "+") and j + 1 < len(tokens) and _nounish(*tokens[j + 1]))):
            j += 1
        run = tokens[i:j]
        if prev[offs[i]:offs[j]] in _DOC_WORDS or not any(f.startswith("n") and len(w) >= 2 for w, f in run):
            i = j
            continue
        # only when prev says more than its subject ("怎么发展" adds nothing to 风电)
        others = tokens[:i] + tokens[j:]
        if not any(f.startswith("n") and len(w) >= 2 and w not in _DOC_WORDS for w, f in others):
            return ""
        # a one-character adjective the tagger splits off the subject is part of it (新|材料产业: "那红烧肉呢？"
        # after "新材料产业的目标是什么" asks 红烧肉的目标, not 新红烧肉的)
        start = offs[i - 1] if i and tokens[i - 1][1] == "a" and len(tokens[i - 1][0]) == 1 else offs[i]
        said = [f for w, f in _postag(core) if w.strip()]
        if len(said) == 1 and said[0] in ("j", "b"):
            # a word that qualifies a subject ("那人均呢？" after "…地区生产总值目标是多少"): put before it
            return prev[:start] + core + prev[start:]
        return prev[:start] + core + prev[offs[j]:]
    return ""


# cues that make a turn a follow-up only weakly: the assistant also reads such a turn alone
WEAK_CUES = ("anaphora", "continue", "place")
_WITHIN = compile_cue(r"其中|这部分|该部分|这一部分|本部分|这一节|这个专栏|该专栏")
_NOT_ANAPHORA = ("其他", "其它", "尤其", "极其", "应该", "因此", "此外", "由此", "如此", "彼此", "该如何")


# "具体要建哪些库？", "重点放在哪些地方？": a question that continues the previous one
# (剩下的钱…, 其余的部分…: the rest of what the previous question was about)
_CONTINUE = compile_cue(r"^(?:那么|那)?(?:具体|重点|主要|分别|其余)|具体|(?:剩下|剩余|余下|其余)的")


def _strip_anaphora(text: str) -> str:
    """``text`` without its anaphora ("这个指标…" -> " 指标…"); 其他/因此… stay."""
    keep = {f"\x00{i}\x01": w for i, w in enumerate(_NOT_ANAPHORA)}
    for mark, word in keep.items():
        text = text.replace(word, mark)
    for a in ANAPHORA:
        text = text.replace(a, " ")
    for mark, word in keep.items():
        text = text.replace(mark, word)
    return text


def _masked(text: str) -> str:
    """``text`` with the words that only look like anaphora (其他, 因此 …) blanked, offsets kept."""
    for word in _NOT_ANAPHORA:
        text = text.replace(word, " " * len(word))
    return text


def has_anaphora(text: str) -> bool:
    text = _masked(text)
    return any(a in text for a in ANAPHORA)


def points_back(text: str) -> bool:
    """Whether ``text`` has a 这个/它 word that points to an earlier turn: not one that follows, in the
    same question, a clause or a list that names a thing ("创业公司缺钱，规划怎么帮它们融资？",
    "川芎、川贝这些草药…": what it points to is there)."""
    t = _masked(text)
    at = [t.find(a) for a in ANAPHORA if a in t]
    if not at:
        return False
    head = t[:min(at)]
    if not re.search(r"[，,、;；]", head):
        return True
    return not any(_nounish(w, f) and _names(w) for w, f in _postag(head))


def _asks_again(text: str, cur: Frame) -> bool:
    """Whether a turn worded like an ellipsis ("那…？") asks a question of its own about the previous
    subject instead of naming a new one: what it names holds a question word, no topic or place of
    the plan, nothing of a typed kind (a year, a level …) and does not end in a thing (那每年增长多少？,
    那具体怎么发展？, 那什么时候全面铺开？). It is then read as any other question is (a continuation
    of the previous one, or a question of its own), not as the previous question with its subject
    replaced. Dev split, 61 plans: follow-up hit@1 237 → 239 of 265, hit@5 257 → 258 (3 plans
    better, none worse)."""
    if cur.topics or cur.places:
        return False
    element = elliptical_element(text)
    return (any(q in element for q in _QUESTION_WORDS) and not any(p.search(element) for p in _TYPED)
            and not _names_a_thing(element))


LIGHT_INFO = 6.5       # nats: 是 4.3, 有 5.0, 要 6.0, 去 6.2, 得 6.1, 能 6.5, 会 6.5 (用 6.7, 给 6.8, 做 7.1 are above)


def _light(word: str) -> bool:
    """Whether a word is among the commonest of the language by jieba's general-language frequency
    (``evidence.WordInfo``): a copula or a modal asks nothing that the question around it does not."""
    from assistant.evidence import WordInfo
    return WordInfo.info(word) < LIGHT_INFO


def _asks_its_own(text: str, prev: str) -> bool:
    """Whether a turn worded like an ellipsis ("那…？") asks its own question with a predicate the previous
    question does not have: the word before its question word is not in ``prev`` ("那再生水卖给企业多少钱一吨？"
    after "到2025年平潭城市再生水利用率要达到多少？": 企业; "那失业金每个月能领多少？": 领). Put in the previous
    question it would be asked the previous question's question ("…再生水卖给企业要达到多少"). "那农村地区要建
    多少个？" after "城市要建多少个充电桩？" asks what the previous one asks (建 is there); a turn naming a year
    or a level ("那2020年办了多少场？") names an element of a kind whatever it asks, and one with a 这个 word
    points back."""
    element = elliptical_element(text)
    if not any(q in element for q in _QUESTION_WORDS) or any(p.search(element) for p in _TYPED) \
            or has_anaphora(element):
        return False
    words = [w for w, _f in _postag(element) if w.strip()]
    at = next((i for i, w in enumerate(words) if any(w.startswith(q) for q in _QUESTION_WORDS)), None)
    if not at:
        return False
    before = re.sub(r"的$", "", words[at - 1])
    # a word as common as 能 or 会 asks nothing of its own: "那长三角地区的要求是什么？" is "那长三角地区的要求呢？",
    # "那数字创意产业能有多少？" after "节能环保产业到2020年产值要达到多少？" asks that of 数字创意产业
    if not re.fullmatch(r"[\u4e00-\u9fff]+", before) or _light(before):
        return False
    # one character is looked for as a word of prev (交 is not the 交 of 交通委)
    return before not in prev if len(before) > 1 else before not in {w for w, _f in _postag(prev)}


# a subject set off by a topic marker at the head of a turn: "(那)家政服务这块…", "至于铁路方面…"; not
# 这边 / 那边, which set off a party ("那高校这边要做什么？" asks what 高校 do in the matter asked before)
_TOPIC_MARKED = compile_cue(r"^(?:那么|那|至于|关于|而)?(?P<x>[^，,。？?！!\s]{2,16}?)(?:这一块|这块|那块|这方面|方面)"
                           r"[，,]?(?P<ask>.{2,})$")


def _own_subject(text: str, prev: str) -> str:
    """The subject a turn sets off by a topic marker when it also asks a question of its own
    ("那家政服务这块有没有定具体数量？" -> 家政服务), "" otherwise: "那人才方面呢？" asks the previous
    question of a new subject, "这方面…" / "在这方面…" points back to the previous one, and a subject
    the previous question names is no new one."""
    m = _TOPIC_MARKED.match(re.sub(r"[?？。!！]+$", "", text.strip()))
    if not m:
        return ""
    x, ask = m.group("x"), m.group("ask")
    if x in prev or has_anaphora(x) or not any(q in ask for q in _QUESTION_WORDS + ("吗",)):
        return ""
    tags = [(w, f) for w, f in _postag(x) if w.strip()]
    if not tags or not all(_nounish(w, f) for w, f in tags):
        return ""
    return x


def resolve(text: str, prev: Frame | None, vocab: Vocabulary, scope: str = "") -> Frame:
    """Resolve one turn against the previous frame. ``scope`` is a section/box id
    the question itself names (found by the structure module), or ""."""
    cur = parse(text, vocab, scope)
    if prev is None or not text:
        return cur
    m = _ORDINAL.search(text)
    if m and not scope:
        items, holder = _list_for(prev, vocab)
        n = cn_number(m.group(1))
        if items and 1 <= n <= len(items):
            item = items[n - 1]
            rest = tuple(w for w in cur.rest if w not in item and w not in ("具体", "内容"))
            return Frame(text=text, query=_compose((), (item,), cur.aspects, rest), topics=(item,),
                         aspects=cur.aspects, rest=rest, scope=holder, followup=True, within=True, cue="ordinal")
    elliptic = is_ellipsis(text)
    ellipsis = elliptic and not _asks_again(text, cur) and not _asks_its_own(text, prev.sentence or prev.text)
    anaphora = points_back(text)
    condition = _condition(text) if elliptic else ""
    if condition:
        # "要是医生护士违规呢？" after "医疗机构没建立医疗质量管理部门会怎么处罚？": what the plan says of
        # that case, which the clauses about it name; the previous question's place still holds
        places = cur.places or tuple(p for p in prev.places if p not in condition)
        return Frame(text=text, query=" ".join((*places, condition)), places=places, topics=cur.topics,
                     aspects=cur.aspects, rest=cur.rest, scope=scope or prev.scope, followup=True, cue="condition")
    if ellipsis:
        element = elliptical_element(text)
        if element.startswith("其中") and _names_a_thing(element[2:]) and _bare_noun_phrase(element[2:]):
            element = element[2:]       # "其中公园绿地呢？": the part of what was asked that it names
        typed = any(p.search(element) for p in _TYPED)
        unknown = not cur.topics and not cur.places and not cur.aspects
        # a topic of the plan for a previous subject the vocabulary did not know
        # ("那用能用工保障这条呢？" after "提高招商引资资金到位率这一条由哪些部门负责？")
        swap = bool(cur.topics) and not cur.places and not prev.topics and not prev.places
        thing = _names_a_thing(element)
        # a noun phrase and nothing else, be it a subject the plan's vocabulary knows ("那建设用地呢？")
        bare = thing and _bare_noun_phrase(element)
        if (typed or unknown or swap or bare) and not has_anaphora(element) and not _ORDINAL.search(text):
            # "2025年呢？", "那长兴岛呢？": the previous question with the element of the same type
            # replaced (a noun of the same head: "哪些农用地地块需要重点监测" + 建设用地): its other
            # words stay asked
            sentence = substitute(prev.sentence, element, vocab.places, vocab.coordinated, vocab.printed)
            if not sentence and not typed and (swap or (unknown and thing)):
                sentence = replace_subject(prev.sentence, element)
            if sentence:
                f = parse(sentence, vocab, scope or prev.scope)
                return Frame(text=text, query=sentence, places=f.places, topics=f.topics, aspects=f.aspects,
                             rest=f.rest, scope=f.scope, followup=True, sentence=sentence, cue="ellipsis")
        places = cur.places or prev.places
        topics = cur.topics or prev.topics
        aspects = cur.aspects or prev.aspects
        rest = cur.rest or prev.rest
        if cur.rest and not cur.topics and not cur.places and not cur.aspects:
            topics = ()             # "风电呢？": an unknown subject replaces the topic
        if cur.places and not cur.topics and not cur.aspects and not cur.rest:
            rest = prev.rest
        if not cur.rest:        # "那新兴产业呢？" after "主导产业是哪些": 主导产业 is what it replaces
            new = [w for w in (*cur.topics, *cur.places) if len(w) >= 3]
            rest = tuple(w for w in rest if not any(len(w) >= 3 and w[-2:] == n[-2:] and w != n for n in new))
        return Frame(text=text, query=_compose(places, topics, aspects, rest), places=places, topics=topics,
                     aspects=aspects, rest=rest, scope=scope or prev.scope, followup=True, cue="ellipsis")
    if _own_subject(text, prev.text):
        # "那家政服务这块有没有定具体数量？" after a question about 体育公园: a subject of its own and a
        # question of its own; the previous one's subject is not carried, the place it was asked of is
        places = cur.places or prev.places
        query = " ".join((*(p for p in places if p not in text), text))
        return Frame(text=text, query=query, places=places, topics=cur.topics, aspects=cur.aspects, rest=cur.rest,
                     scope=scope, followup=True, sentence=text, cue="own")
    # "具体要建哪些库？" continues the previous question; so does one that names nothing
    # ("每年要搞几场？", "谁牵头？"): it asks about the previous one's subject (tagged only when needed)
    cont = not cur.topics and not cur.places and (
        bool(_CONTINUE.search(text)) or not any(_nounish(w, f) and _names(w) for w, f in _postag(text)))
    # a short turn that names a place or an aspect and nothing else ("成都有哪些？", "空间布局是怎样的？")
    # asks about the previous subject; one with words of its own ("明天成都会下雨吗？") is its own
    # question (eval/conversation.py: 199 of 763 dev out-of-scope questions asked after another question
    # were read as continuing it, against two of the 477 follow-ups)
    if anaphora or cont or (not cur.topics and (cur.places or cur.aspects) and not cur.rest and len(text) <= 20):
        # 其中… / 具体… say they go on from the turn before; a 这个 word or a turn naming nothing may not
        cue = ("within" if _WITHIN.search(text) else "anaphora") if anaphora else \
            ("specific" if _CONTINUE.search(text) else "continue") if cont else "place"
        topics = cur.topics or _lift(prev.topics, cur.aspects, vocab)
        places = cur.places or prev.places
        if not topics and prev.scope == "":
            # a turn naming a time of its own ("那到2030年这个指标要达到多少？" after a question of the 十四五
            # years) asks of that time: the previous question's year or period does not go with it
            own_time = _YEAR.search(text) or _PERIOD.search(text)
            carried = tuple(w for w in prev.rest if w not in cur.rest and w not in places
                            and not (own_time and (_YEAR.fullmatch(w) or _PERIOD.fullmatch(w))))
            if not carried and not places:
                return cur
            if carried:
                # "这个指标是约束性还是预期性？" after a question about a topic the vocabulary does not
                # know: the previous question's own words name the topic, a place it names or not
                # ("这项工作谁牵头？" after "湖南推进交房即交证，在调整办事窗口上要做哪些事？")
                own = _SPLIT.sub(" ", _strip_anaphora(text)).strip()
                query = " ".join(w for w in (*places, *carried, own) if w)
                return Frame(text=text, query=query, places=places, topics=(),
                             aspects=cur.aspects or prev.aspects, rest=carried + cur.rest, scope=scope, followup=True,
                             cue=cue)
        within = bool(prev.scope) and not scope and bool(_WITHIN.search(text))
        rest = cur.rest
        if not cur.topics and topics and not any(_nounish(w, f) for t in topics for w, f in _postag(t)):
            # "这件事由哪个部门负责？" after "平潭的垃圾焚烧厂要求什么时候建成运行？": a topic of the plan that is
            # a verb (运行) names no subject; the previous question's nouns that can name one (垃圾焚烧厂) do
            rest = tuple(w for w in prev.rest if w not in cur.rest and w not in places
                         and any(_nounish(a, f) and _names(a) for a, f in _postag(w))) + cur.rest
        query = _compose(places, topics, cur.aspects, rest)
        if cont and not anaphora:       # "具体要建哪些库？", "每年要搞几场？": the question's own words too
            own = _SPLIT.sub(" ", text).strip()
            query = f"{query} {own}" if own else query
        return Frame(text=text, query=query, places=places,
                     topics=topics, aspects=cur.aspects, rest=cur.rest, scope=scope or prev.scope,
                     followup=True, within=within, cue=cue)
    return cur


def replay(history, vocab: Vocabulary, clean, find_scope, max_turns: int = 50) -> Frame | None:
    """The frame of the last turn of ``history`` (oldest first), each turn resolved against the
    one before; None without any turn. ``clean(text) -> str`` sanitises a turn (an empty result
    is skipped); ``find_scope(text) -> str`` returns the section/box id a turn names ("" if none).
    Only the last ``max_turns`` turns are replayed."""
    prev: Frame | None = None
    for turn in list(history or [])[-max_turns:]:
        t = clean(turn if isinstance(turn, str) else str(turn))
        if not t:
            continue
        prev = resolve(t, prev, vocab, find_scope(t))
    return prev


def resolve_history(history, question: str, vocab: Vocabulary, clean, find_scope, max_turns: int = 50) -> Frame:
    """Replay ``history`` (see ``replay``) and resolve ``question`` against it."""
    return resolve(question, replay(history, vocab, clean, find_scope, max_turns), vocab, find_scope(question))


# --- a social turn: "你好" / "谢谢" / "你能做什么？" asks nothing of the plan --------------------------
#
# Said alone, these are the conversation's, not a question about the plan: they are answered with what
# the assistant does, never with excerpts (a greeting matched against clauses finds noise).

_SOCIAL = (
    ("hello", compile_cue(r"(?:你好|您好|嗨|哈喽|哈啰|hello|hi|hey|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|早安|大家好)")),
    ("about", compile_cue(r"(?:你是谁|你是什么|你叫什么(?:名字)?|你能做什么|你会做什么|你能干什么|你会干什么|你有什么用"
                         r"|你有什么功能|你能回答什么(?:问题)?|我能问什么|可以问什么|能问什么|怎么用|如何使用|怎么使用"
                         r"|使用说明|帮助|help)")),
    ("thanks", compile_cue(r"(?:谢谢(?:你|您)?|多谢|感谢|谢了|thanks|thank you|好的|明白了|知道了|ok|okay)")),
    ("bye", compile_cue(r"(?:再见|拜拜|bye|下次见|晚安)")),
)
SOCIAL_REPLY = {
    "hello": "您好！我根据已加载规划的原文回答问题，每段摘录都注明章节和页码。请直接问规划的内容，例如目标、任务、措施或章节结构。"
             " (Hello: ask about the plan; answers are cited excerpts of its text.)",
    "about": "我是规划问答助手：只根据已加载规划的原文作答，摘录条文并注明章节和页码，不自行编写内容；规划没有写的，我会直说。"
             " (A plan question-answering assistant: cited excerpts of the plan, nothing generated.)",
    "thanks": "不客气。还有关于规划的问题，请继续问。 (You're welcome: ask on.)",
    "bye": "再见。 (Goodbye.)",
}
_SOCIAL_FRAME = compile_cue(r"^(?:请问|那|嗯|哦|喂|好)?[，,\s]*(?P<core>.+?)[啊呀呢吗嘛哈呀啦了]*$")


# what a turn may open with before its question ("好的，那德阳呢？", "谢谢！还有新能源汽车呢？", "OK，…"): a
# greeting, thanks or acknowledgement as social_turn reads them, one or more, or an interjection, closed
# by punctuation or a space (not 、: "好、中、差三个等级" opens with no interjection)
_OPENER = compile_cue(r"^(?:(?:%s|好吧|那好|好|行|嗯|哦|噢|喔|哈)[\s,，。.!！~～]*)+(?<=[\s,，。.!！~～])"
                     % "|".join(rx.pattern for name, rx in _SOCIAL if name != "about"), re.IGNORECASE)


def without_opener(text: str) -> str:
    """``text`` without the greeting, thanks or acknowledgement it opens with ("好的，那德阳呢？" -> "那德阳呢？"):
    said before a question, it is no part of what is asked, and read as words of the question it made a
    follow-up read as a new question (谢谢 searched beside 新能源汽车). A turn that is nothing else is
    returned as it is (``social_turn`` answers it)."""
    m = _OPENER.match(text)
    rest = text[m.end():] if m else text
    return rest if len(rest.strip()) >= 2 else text


def social_turn(text: str) -> str:
    """What a turn that asks nothing of the plan is: "hello", "about" (你是谁 / 你能做什么 / 怎么用),
    "thanks" or "bye"; "" for anything else ("你好，规划的目标是什么" asks the plan)."""
    t = re.sub(r"[\s?？。!！~～,，、.…]+", "", text.strip().lower())
    m = _SOCIAL_FRAME.match(t)
    for name, rx in _SOCIAL:
        if rx.fullmatch(t) or (m and rx.fullmatch(m.group("core"))):
            return name
    return ""
