"""Questions about the plan's structure, answered from the outline.

"规划有哪些章节", "第七部分讲了什么", "专栏10有哪些工程", "名词解释有哪些"
list headings (with pages) from ``Document.outline`` instead of retrieving
random excerpts. Excerpts are the listed headings' own text, found verbatim in
the document, so a user (and eval hit@k) sees the listed titles.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from assistant.answer import OutlineEntry, display_title
from assistant.confidence import clause_hit, home_regions
from assistant.dialogue import cn_number
from assistant.places import places_in, short_name
from assistant.vocab import topic_phrase, topic_variants
from corpus.structure import ANNEX_KIND, ANNEX_MARK
from index.hit import Hit
from corpus.script import char_simplified, compile_cue

_PART = compile_cue(r"第\s*([一二三四五六七八九十两\d]{1,3})\s*(部分|大部分|章|篇|节|条|块)")
# "前两部分分别讲的啥": the first N parts (or 章, 篇)
_FIRST_N = compile_cue(r"前\s*([二三四五六七八九十两\d]{1,2})\s*(?:个|大)?(部分|章|篇|块|条|项)")
_BOX = compile_cue(r"专栏\s*([一二三四五六七八九十\d]{1,3})")
_NAMED_PART = compile_cue(r"([\u4e00-\u9fff][\u4e00-\u9fff、]{2,16}?)的?(?:那一?个?|这一?个?)(?:部分|章|篇|板块|块|行动|方面|领域|条|项)")
# "要素保障方面包括哪几条措施": a part named by its words and 方面 alone, when its items are asked for
_NAMED_ASPECT = compile_cue(r"^(?:在|关于)?([\u4e00-\u9fff]{3,10}?)方面(?:都|主要|具体|一共)?(?:包括|包含|有)(?:哪几|哪些|几)[条项]")
# what may stand before the words that name a part: "讲巩固脱贫攻坚成果的那部分", "主要任务里环境卫生那块"
_NAMED_LEAD = compile_cue(r"^(?:.{2,10}?(?:里面|里|中的|当中|下面的|下的))?(?:讲的是|讲述|讲|说的是|说|写的是|写|关于|有关|涉及)?")
_LAST_PART = compile_cue(r"最后(?:一个?|的)?\s*(部分|大部分|章|篇|节|条|块)")
_WHOLE = compile_cue(r"(章节|几部分|几个大?部分|哪些(?:大的?)?部分|哪几(?:个)?大的部分|哪几部分|几大部分|几章|哪几章|多少章|几篇|哪几篇|多少篇|多少部分|多少个部分|哪些章|分为几|分成几|由哪些部分|几大块|哪几块|几大板块|几个板块|几大项(?:任务|工作|内容)?(?=[？?。]|呢|吗|$)|哪[两二三四五六七八九十]大?个?部分|[两二三四五六七八九十]大部分|几个方面)")
# Words that ask for the document's outline only when they are said of the
# document ("规划的目录", "方案的结构", "整体框架"): elsewhere they are content
# (产品目录, 产业结构, 标准体系框架).
_WHOLE_WEAK = compile_cue(r"(目录|结构|框架|大纲|提纲|分为哪|分成哪|主要内容有哪些|包括哪些内容)")
# the kinds of document a question may call the plan by
_DOC_KINDS = "规划|纲要|方案|计划|预案|意见|建议|决定|报告|公报|指引|指南|导则|准则|规程|要点|措施|举措|细则|条例|规定|办法|文件|法律|本法|答记者问|问答|解读|白皮书|民约|村约|公约|章程|守则|须知"
# 政策 is content ("人才政策有哪几个方面"), but with a word that points at it, the document of policies itself
# ("这份政策分成哪几个板块", of a 若干政策)
_POLICY_SELF = r"(?:这份|这项|这套|本|该|整个|整份|整套)政策"
# ... or by its name in 《》 ("《土壤污染防治法》分为哪几章")
# ... or by a plain noun with a word that points at it ("这份材料分成哪两大部分", "这篇讲话讲了什么"): 材料 alone
# is content ("申报材料分为哪几部分")
_SELF_NOUN = r"(?:这份|这篇|本篇|本份|该)(?:材料|总结|讲话|文稿|文章|稿子|通报|公告|通告)"
_OF_DOCUMENT = compile_cue(rf"({_SELF_NOUN}|{_POLICY_SELF}|{_DOC_KINDS}|通知|全文|正文|本文|这份|这部|整体|整个|总体|《[^《》]{{2,40}}》)")
# "应急响应分为几级？": the grades of a thing, which a sentence states ("由高到低分为四级"), not its part's headings
_GRADES = compile_cue(r"(?:几|哪几|多少)个?(?:级|等级|档|级别)")
# (哪几年 / 哪几天 ask for a time, not for parts)
_LIST = compile_cue(r"(有哪些|哪些|哪几(?![年天月日号岁次倍])|包括|包含|涵盖|覆盖|列了|列出|分成|分为|几个|几项|几条|几节|小节|几方面|哪些方面|都有|几块|几部分|几大|几步)")
# "分工表分成哪些栏目" / "这张表有哪几列": a table's columns, which its header row says, not parts of the outline
_COLUMNS = compile_cue(r"(?<!专)栏目|表头|[几哪][几些]?[列栏]|多少[列栏]")
_ABOUT = compile_cue(r"(讲了什么|讲什么|讲的是|说了什么|主要内容|什么内容|是什么|讲哪些|关于什么|写了什么)")
_GLOSSARY = compile_cue(r"(名词解释|术语|名词)")
_BOXES = compile_cue(r"(哪些专栏|几个专栏|多少个专栏|专栏有哪些|所有专栏|专栏列表)")
# "附了哪几张表" / "正文之后还附了哪些部分": what is attached, asked without the word 附件 (not
# "申请时要附上什么材料", a content question)
_ATTACHED = (r"附(?:了|有|带)(?:哪些|哪几|什么|几)[张份个篇项]?(?:表|图|附件|文件|部分|内容)"
             r"|(?:后面|后边|之后|文末|末尾|最后)还?附(?:了|有|带)?(?:哪些|哪几|什么|几)"
             # "纲要后面附的表是什么内容": what the attached table (figure, file) is
             r"|(?:后面|后边|之后|文末|末尾|最后)还?附(?:了|有|带)?的(?:表|图|附件|文件)(?:是什么|有哪些|有什么|讲的是什么|说的是什么)")
_APPENDIX_Q = compile_cue(r"附件|附录|附表|附图|" + _ATTACHED)
# "对外经济部分附了哪几张表" / "公报里一共有几张表": the tables printed in the text (their captions, 表4 …)
_FORMS = compile_cue(r"填|提交|报送|准备|上传|盖章|申报|申请")      # "申报要填哪些表格": forms, content
_TABLES = compile_cue(r"(?:哪几|哪些|几|多少)张(?:表|表格)|(?:哪些|哪几个|几个)表格|(?:附|列)(?:了|有)(?:哪些|哪几|什么|几)张?表")
_APPENDIX_NAMES = compile_cue(r"(?:哪些|什么|几个|哪几个|几份|几张)(?:附件|附录|附表|附图)"
                             r"|(?:附件|附录|附表|附图)(?:有哪些|是什么|有几个|有什么|[？?]?$)|" + _ATTACHED)
# an appendix heading: 附件 / 附件1：… / 附件 4 村民代表大会意见征询 / 附图1村庄用地现状图
_APPENDIX = compile_cue(r"^(?:附件|附录|附表|附图)(?:\s*[\d一二三四五六七八九十]+|\s*[A-Z](?=\s*(?:[（(:：]|$))|\s*(?=[:：\s]|$))"
                       rf"\s*(?:{ANNEX_MARK})?\s*[:：]?")      # (a standard's 附录 A（规范性）)
_APPENDIX_NUMBER = compile_cue(r"(?:附件|附录|附表|附图)\s*([\d一二三四五六七八九十]{1,3})")
# the notice's own list of what it attaches: "附件：1．…" / "附表：1.任务分工表", its items on the
# lines under it
_ATTACHMENT_LIST = compile_cue(r"^附\s*[件表图]\s*[:：]\s*\S")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
_SECTION_CUE = compile_cue(r"(小节|几节|哪几节|章节|部分|哪几个方面|几个方面|哪些行动|几项行动|讲了什么|主要内容|[那这]一?块)")


@dataclass(frozen=True)
class Ref:
    """What a structure question points at."""

    kind: str                       # "whole" | "section" | "box" | "glossary" | "boxes" / "tables" (of
    #                                 section_id, else all) | "appendices" | "units"
    #                                 | "first" (the first ``count`` parts)
    doc_id: str = ""
    section_id: str = ""
    listing: bool = False           # "有哪些…" (children first) vs "讲了什么" (heading first)
    unit: str = ""                  # for "units" / "first": the unit whose headings are listed (篇/章/节);
    #                                 for "appendices": "表" / "图" (those only) or "closing" (with the closing parts)
    edge: str = ""                  # "last" / "first": a move past the end (下一章 after the last 章) stays put
    count: int = 0                  # for "first": how many; for the last part: how many parts there are
    also: tuple[str, ...] = ()      # for "section": other items asked with it, shown after it ("第一项和最后一项")
    without: tuple[str, ...] = ()   # parts the question leaves out ("除总则和附则外…": 总则, 附则)


def walk(sections, depth_first=True):
    for s in sections:
        yield s
        yield from walk(s.children)


def _top_sections(doc):
    return [s for s in doc.outline if s.kind == "section"]


def _numbered_parts(doc):
    """The document's numbered parts, up to the first appendix after them: an appendix is not a part,
    nor is what is printed under it (the 一、…四、 of an indicator table in 附件)."""
    skip = {a.section_id for a in appendices(doc)}
    parts = []
    for s in _top_sections(doc):
        if s.section_id in skip:
            if parts:
                break
            continue
        if s.number.strip():
            parts.append(s)
    return parts


# the units that name a document's items (``_items``), not its parts
_ITEM_UNITS = ("条", "项")


def _first_parts(doc, unit: str) -> list:
    """What "前两章" / "前三部分" counts: the 篇 or 章 printed so, else the numbered parts; "前五条" /
    "前三项" counts the document's items (``_items``)."""
    if unit in _ITEM_UNITS:
        return _items(doc) or []
    return (_unit_sections(doc, unit) if unit in ("篇", "章") else []) or _numbered_parts(doc)


def _items(doc):
    """What a document's 条 (or 项) are: its articles (第X条), else the numbering that runs on across
    its parts, else its numbered parts when they are the items themselves (二十条措施 printed 一、…二十、,
    none with numbered parts of its own, or a 村规民约's 48 rules, three of them with a list ①… of their
    own); None when it has none of these."""
    articles = [s for s in walk(doc.outline) if s.number.strip().endswith("条")]
    if articles:
        return articles
    running = _numbered_list(doc, None)
    if running:
        return running
    parts = _numbered_parts(doc)
    divided = sum(any(c.kind == "section" and c.number.strip() for c in p.children) for p in parts)
    return parts if len(parts) >= 3 and 5 * divided <= len(parts) else None


_UNIT_NUMBER = compile_cue(r"^第\s*([一二三四五六七八九十百两\d]{1,4})\s*(编|篇|章|节)$")


def _unit_sections(doc, unit: str) -> list:
    """The sections printed with ``unit`` (第三章 for 章) in reading order; [] when the plan numbers
    none so. A 纲要 of 第X篇 has its 章 a level down, numbered straight through the 篇, and its 节
    under them: each unit a reader names is the level whose headings carry it, not the top one."""
    unit = char_simplified(unit).replace("编", "篇")     # 節 of a plan printed in traditional script: 节
    return [s for s in walk(doc.outline) if s.kind == "section"
            and (m := _UNIT_NUMBER.match(s.number.strip())) and char_simplified(m.group(2)).replace("编", "篇") == unit]


def _unit_number(section) -> int:
    m = _UNIT_NUMBER.match(section.number.strip())
    return cn_number(m.group(1)) if m else 0


def _unit_numbered(doc, unit: str, n: int):
    """The section printed 第n{unit}: the first, as 篇 and 章 run on through a plan (an appendix that
    numbers its own comes after it); None when there is none, or for a 节 printed so in several 章
    (第二节 of every 章 names none alone)."""
    found = [s for s in _unit_sections(doc, unit) if _unit_number(s) == n]
    return found[0] if len(found) == 1 or (found and unit != "节") else None


def _unit_depth(doc, unit: str) -> int:
    """The outline depth a where-question's unit names: that of the headings printed with it (第X章
    under 第X篇 is 2, a 第X节 under them 3), else 1."""
    found = _unit_sections(doc, unit) if unit in ("篇", "章", "节") else []
    if found:
        return found[0].level
    if unit == "节" and any(_DECIMAL.match(s.number.strip()) for s in walk(doc.outline) if s.level == 2):
        return 2            # a plan numbered 1 / 1.1 / 1.1.1 (an 应急预案): its 1.5 is what a reader calls a 节
    return 1


_DECIMAL = re.compile(r"^\d{1,2}\.\d{1,2}$")


def _find_section(documents, section_id: str):
    for doc in documents:
        for s in walk(doc.outline):
            if s.section_id == section_id:
                return doc, s
    return None, None


# "重点任务的第三项是什么" / "30条举措中的最后一条是什么": one item of a numbered list, by position
_POSITION = compile_cue(r"(?:第\s*([一二三四五六七八九十两\d]{1,3})|最后一)\s*(项|条|个|点|件|块)"
                      r"([^，。？?]{0,6}?)(?:是什么|是啥|是哪|讲的?什么|讲的?啥|讲了什么|说的?什么|说的?啥|写的?什么|叫什么|叫啥)")


_PART_WORD = compile_cue(r"^(?:大)?(?:方面|部分|板块)")
# "第一项和最后一项分别是什么": a position asked with the one _POSITION reads, just before it
_PAIRED = compile_cue(r"(?:第\s*([一二三四五六七八九十两\d]{1,3})|(最后一))\s*(?:项|条|个|点|件|块)?\s*(?:和|与|及|跟|以及|、)\s*$")


def _numbered_list(doc, parent):
    """The numbered sections a position counts in: ``parent``'s numbered children, or (no parent named)
    the document's longest numbering that runs on across its parts (1.–30. over 八 parts); None when
    the plan's numbering restarts in every part, so that a position would be ambiguous."""
    if parent is not None:
        kids = [c for c in parent.children if c.kind == "section" and c.number.strip()]
        if kids:
            return kids
        # measures numbered straight through the parts ((一)…(二十八)) sit in the part that holds them
        return [c for c in walk(parent.children) if c.kind == "section" and c.number.strip()] or None
    by_style: dict = {}
    for sec in walk(doc.outline):
        if sec.kind == "section" and sec.number.strip() and sec.level > 1:
            style = re.sub(r"[\d一二三四五六七八九十]+", "N", sec.number)
            by_style.setdefault((sec.level, style), []).append(sec)
            by_style.setdefault((0, style), []).append(sec)     # a numbering that also runs through sub-parts
    runs = [secs for secs in by_style.values() if len(secs) >= 3 and
            [cn_number(re.sub(r"[^\d一二三四五六七八九十]", "", x.number)) for x in secs] == list(range(1, len(secs) + 1))]
    return max(runs, key=len) if runs else None


_PART_OF = compile_cue(r"第\s*([一二三四五六七八九十两\d]{1,3})\s*(部分|大部分|章|篇)")
_QUOTED = compile_cue(r"[“\"]([^”\"]{2,24})[”\"]")
# a title's period in front ("“十四五”主要任务", "十五五时期重点任务")
_PERIOD_LEAD = compile_cue(r"^[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间)?(?:的)?")


def _named_list(doc, text: str):
    """The section a position question names before the position: a section title it quotes in
    full (the longest), one it quotes the start of (“全力稳市场”), or a part by its position (第三部分)."""
    named = None
    for sec in walk(doc.outline):
        title = sec.title.strip("。")
        if sec.kind == "section" and sec.children and len(title) >= 2 and title in text:
            if named is None or len(title) > len(named.title.strip("。")):
                named = sec
    if named is not None:
        return named
    for quoted in _QUOTED.findall(text):
        found = [sec for sec in walk(doc.outline) if sec.kind == "section" and sec.children
                 and sec.title.startswith(quoted)]
        if len(found) == 1:
            return found[0]
    m = _PART_OF.search(text)
    if m:
        return _part_numbered(doc, cn_number(m.group(1)), m.group(2))
    m = _APPENDIX_NUMBER.search(text)
    if m:
        # "附件1的十件民生实事里，最后一件是什么": that appendix's list
        own = [a for a in appendices(doc) if a.children and (n := _APPENDIX_NUMBER.match(a.title))
               and cn_number(n.group(1)) == cn_number(m.group(1))]
        if len(own) == 1:
            return own[0]
    # "绿色安全交通运输体系那部分最后一条": words of one title ("建设绿色安全交通运输体系"), the
    # shallowest such part when a task list in an appendix repeats it
    for words in named_parts(text):
        found = [sec for sec in walk(doc.outline) if sec.kind == "section" and sec.children
                 and (_names(words, sec.title) or _loosely_names(words, sec.title))]
        if found:
            top = min(sec.level for sec in found)
            found = [sec for sec in found if sec.level == top]
            if len(found) == 1:
                return found[0]
    # "2014年的工作任务第一项": the whole run before the position, said without its 的, loosely one part's
    # title ("二、2014年主要工作任务"), a part of the document's first level
    words = re.sub(r"的|[“”\"，,、\s]", "", _LIST_LEAD.sub("", text))
    found = [sec for sec in _numbered_parts(doc) if sec.children and len(words) >= 6
             and (_names(words, sec.title) or _loosely_names(words, sec.title))]
    return found[0] if len(found) == 1 else None


# what opens a position question before the list it names ("这份材料里", "请问")
_LIST_LEAD = compile_cue(r"^(?:请问|问一下)?(?:这份|这个|本|该)?(?:规划|纲要|方案|报告|计划|意见|办法|材料|文件|总结|通知)?"
                        r"(?:里|中|里面|当中)?|(?:里|中|里面|当中)?(?:的)?$")


def _articles(doc) -> list:
    """The document's articles (第X条), wherever their chapters; [] for a plan of numbered measures."""
    return [s for s in walk(doc.outline) if s.kind == "section" and s.number.strip().endswith("条")]


def _part_numbered(doc, n: int, unit: str = ""):
    """The part printed with number ``n`` (四、 / 第四章), else the n-th numbered part; None if none.
    A unit the plan prints on a level of its own (第四章 under 第二篇) is looked for on that level."""
    if _unit_sections(doc, unit):
        return _unit_numbered(doc, unit, n)
    tops = _numbered_parts(doc)
    found = next((s for s in tops if cn_number(s.number.strip("、.． 第章节部分篇")) == n), None)
    return found or (tops[n - 1] if 1 <= n <= len(tops) else None)


def _list_by_item_name(doc, said: str):
    """"第五个行动是什么": the one section whose numbered parts are all named by what the question
    calls the item (七个 …行动 under 重点任务); None when no section, or more than one, has such parts."""
    noun = re.sub(r"的.*$", "", said or "")
    if len(noun) < 2:
        return None
    found = []
    for sec in walk(doc.outline):
        kids = [c for c in sec.children if c.kind == "section" and c.number.strip()]
        if sec.kind == "section" and len(kids) >= 2 and all(noun in _QUOTES.sub("", c.title) for c in kids):
            found.append(sec)
    return found[0] if len(found) == 1 else None


def ordinal_ref(text: str, documents) -> Ref | None:
    """The section a position question points at: the N-th (or last) item of the list named in the
    question (a section title it quotes), or of the document's running numbered list."""
    m = _POSITION.search(text)
    if not m:
        return None
    if m.group(3).startswith("专栏"):
        # "最后一个专栏讲什么" / "第三个专栏是什么": the boxes, in the order printed; counted where the
        # question also asks how many there are ("一共设了多少个专栏？最后一个专栏讲什么")
        for doc in documents:
            boxes = [s for s in walk(doc.outline) if s.kind == "box"]
            n = len(boxes) if m.group(1) is None else cn_number(m.group(1))
            if 1 <= n <= len(boxes):
                counted = bool(_HOW_MANY.search(text.replace(_clause_at(text, m.start()), " ", 1)))
                return Ref("box", doc.doc_id, boxes[n - 1].section_id, False, count=len(boxes) * counted)
        return None
    paired = _PAIRED.search(text[:m.start()])
    before = text[:paired.start()] if paired else text[:m.start()]
    for doc in documents:
        named = _named_list(doc, before) or _list_by_item_name(doc, m.group(3))
        # "最后一个方面是什么" / "第三个部分讲什么" / "最后一块": the document's parts, not its running items
        parts = named is None and (char_simplified(m.group(2)) == "块" or _PART_WORD.match(m.group(3))) and _numbered_parts(doc)
        # "最后一条讲的是什么" of rules printed in articles: the articles, not the running items of one
        articles = named is None and char_simplified(m.group(2)) == "条" and _articles(doc)
        items = parts or articles or _numbered_list(doc, named)
        if not items:
            continue
        n = len(items) if m.group(1) is None else cn_number(m.group(1))
        first = (len(items) if paired.group(2) else cn_number(paired.group(1))) if paired else n
        if 1 <= n <= len(items) and 1 <= first <= len(items):
            if first == n:
                return Ref("section", doc.doc_id, items[n - 1].section_id, False)
            # "第一项和最后一项分别是什么": the first asked, then the other
            return Ref("section", doc.doc_id, items[first - 1].section_id, False, also=(items[n - 1].section_id,))
    return None


# "长宁的“四大战略”是哪四个？", "六大“卓越行动”分别是哪些？": a counted name (N大X) that the plan
# announces in a section's opening sentence, the section's N parts being the things counted
_COUNTED = compile_cue(r"([一二三四五六七八九十两]|\d{1,2})大[“\"]?([\u4e00-\u9fff]{2,8}?)[”\"]?"
                      r"(?=是|有|分别|包括|包含|指|都|具体|主要|[，,？?]|$)")
# a count with 个 names a list only in quotes (“10个着力”), as a slogan: unquoted (3个项目) it counts things
_COUNTED_QUOTED = compile_cue(r"[“\"]([一二三四五六七八九十两]{1,3}|\d{1,2})个([\u4e00-\u9fff]{2,8})[”\"]")
_ASKS_PARTS = compile_cue(r"哪|什么|分别|包括|包含|有啥|都有")
_QUOTES = compile_cue(r"[“”\"‘’']")


def _enumerated(before: str) -> bool:
    """The phrase just before a counted name enumerates its parts (功能、数字、形态、人才 before 四大关键领域)."""
    return "、" in re.split(r"[，,。；;：:]", before)[-1]


def counted_ref(text: str, documents) -> Ref | None:
    """The section whose opening clause (or its own title: （一）抓实抓牢“五个美丽”建设) announces the counted
    name the question asks about (五大行动, or in quotes “10个着力”), when it has as many parts (sub-sections
    or a numbered list) as the name counts. A name whose parts the
    clause itself enumerates ("功能、数字、形态、人才四大关键领域") is answered by that clause. A name
    announced elsewhere (三、工作目标 says 组织开展“五大行动”) is the one section with as many parts, each
    titled as one of it (四、工作内容 over five headings ending in 行动; 三、 over ten opening on 着力)."""
    m = _COUNTED.search(text)
    each = "大"
    if m is None and (m := _COUNTED_QUOTED.search(text)) is not None:
        each = "个"
    if not m or not _ASKS_PARTS.search(text[m.end():]):
        return None
    n = cn_number(m.group(1))
    name = f"{m.group(1)}{each}{m.group(2)}"
    for doc in documents:
        plains = (_QUOTES.sub("", c.text) for c in doc.clauses)
        said = [p[:p.find(name)] for p in plains if name in p]        # what each announcing clause says before it
        if not said:
            continue            # no clause announces the name: no section to scan for it
        for sec in walk(doc.outline):
            if sec.kind != "section" or not sec.children:
                continue
            lead = _first_clause(doc, sec)
            plain = _QUOTES.sub("", lead.text) if lead is not None else ""
            at = plain.find(name)
            if at < 0 and name in _QUOTES.sub("", sec.title):
                plain, at = "", 0           # the section's own title names it (（一）抓实抓牢“五个美丽”建设)
            if at < 0 or _enumerated(plain[:at]):
                continue
            parts = sec.children if len(sec.children) == n else _numbered_list(doc, sec)
            if parts and len(parts) == n:
                return Ref("section", doc.doc_id, sec.section_id, True)
        if not any(_enumerated(before) for before in said):
            titled = [sec for sec in walk(doc.outline) if sec.kind == "section" and len(sec.children) == n
                      and all(_titled_as(k.title, m.group(2)) for k in sec.children)]
            if len(titled) == 1:
                return Ref("section", doc.doc_id, titled[0].section_id, True)
    return None


def _titled_as(title: str, noun: str) -> bool:
    """A part titled as one of a counted name's parts: ending in its noun (…行动 of 五大行动) or, for a
    verb, opening on it (着力推动… of “10个着力”)."""
    plain = _QUOTES.sub("", title).rstrip("。")
    return plain.endswith(noun) or plain.startswith(noun)


# a first clause that only names the document ("山东这个制造业创新行动方案，重点任务包括几个行动？")
_DOCUMENT_LEAD = compile_cue(rf"^[^，,。？?；;！!]{{2,30}}?(?:{_DOC_KINDS})(?:里|中|里面)?[，,]\s*")
_ASKS = compile_cue(r"哪|什么|几|多少|吗|呢|啥|怎么|如何|是否")


_SELF = compile_cue(r"(?:这个|这份|这部|这项|这一|该|本|此)\s*(?:" + _DOC_KINDS + ")")
_ASKS_OR_WHO = compile_cue(_ASKS.pattern + "|谁")


def past_document_lead(text: str, titles=()) -> str:
    """``text`` read past a first clause that only names the document it is asked of ("医保基金监管这个
    意见里，监管的人手和经费怎么保障？" -> "监管的人手和经费怎么保障？"): the document itself (这个意见, or the
    words of one of ``titles``) is what every clause is about, so its words only pull up the title and the
    preamble. Unchanged when the first clause asks something or names something else."""
    lead = _DOCUMENT_LEAD.match(text or "")
    if not lead or _ASKS.search(lead.group(0)) or not _ASKS_OR_WHO.search(text[lead.end():]):
        return text
    name = re.sub(r"[里中面，,\s]+$", "", lead.group(0))
    squashed = [re.sub(r"[\s《》“”\"]", "", t or "") for t in titles]
    if _SELF.search(name) or any(re.sub(r"[《》“”\"]", "", name) in t for t in squashed):
        return text[lead.end():]
    return text


# "除总则和附则外，预案分成哪几章？" / "除了总则，还有哪几章？": the parts a question leaves out
_EXCEPT = compile_cue(r"除(?:了|去)?(?P<names>[^，,。？?]{2,30}?)(?:以外|之外|外)(?:的|，|,)?"
                     r"|除了(?P<bare>[^，,。？?]{2,20}?)[，,]")
_NAME_SEP = compile_cue(r"以及|[和与及、]")
_HEADING_NUMBER = compile_cue(r"^(?:第\s*[一二三四五六七八九十百两\d]+\s*[编篇章节部分条]|[\d.．]+|[一二三四五六七八九十]+、)\s*")


def _leaving_out(text: str) -> tuple[str, tuple[str, ...]]:
    """(the question without its 除…外 clause, the names of the parts it leaves out)."""
    m = _EXCEPT.search(text or "")
    if not m:
        return text, ()
    names = tuple(n.strip(" “”\"《》") for n in _NAME_SEP.split(m.group("names") or m.group("bare")))
    return text[:m.start()] + text[m.end():], tuple(n for n in names if len(n) >= 2)


# "在主要目标和重点任务之后，还有哪两部分" / "保障措施前面有哪几部分": the parts on one side of the named ones
_BESIDE = compile_cue(r"(?:^|[在，,])(?P<names>[^，,。？?在]{2,30}?)(?P<side>之后|以后|后面|后边|之前|以前|前面|前边)(?:的|，|,)?")


def _beside(text: str) -> tuple[str, tuple[str, ...], str]:
    """(the question without its "X之后" clause, the names of the parts it says, "after" / "before";
    the question as it came and () when it says none."""
    m = _BESIDE.search(text or "")
    if not m:
        return text, (), ""
    names = tuple(n.strip(" “”\"《》") for n in _NAME_SEP.split(m.group("names")))
    return text[:m.start()] + text[m.end():], tuple(n for n in names if len(n) >= 2), \
        "before" if "前" in m.group("side") else "after"


def _beyond(doc, names, side: str) -> tuple[str, ...]:
    """The titles of the top-level parts on the far side of the named ones: for "after", those up to
    and including the last named; () when the outline names none of them."""
    titles = [_HEADING_NUMBER.sub("", display_title(s.title)) for s in _top_sections(doc)] if doc else []
    at = [i for i, t in enumerate(titles) if t in names]
    if not at:
        return ()
    return tuple(titles[:at[-1] + 1]) if side == "after" else tuple(titles[at[0]:])


def _named_part(title: str, names) -> bool:
    """Whether a heading ("1 总则", "第八章 附则") is a part the question named."""
    return _HEADING_NUMBER.sub("", display_title(title)) in names


def find_ref(text: str, documents) -> Ref | None:
    """The structure target of a question, or None for a content question. A question asking
    which part a named section sits in ("“稳定房地产消费市场”放在哪一部分") points at that part.
    A first clause that only names the document is read past; so is a 除…外 clause, whose parts
    the answer leaves out."""
    text, without = _leaving_out(_as_printed(text, documents))
    # "在主要目标和重点任务之后，还有哪两部分": the whole outline, less the named top-level parts and
    # the parts on their other side
    # (read so only when a name is a top-level title: "平潭以后会不会修机场" is searched once, as it came)
    rest, names, side = _beside(text)
    ref = _structure_ref(rest, documents) if names and any(_beyond(d, names, side) for d in documents) else None
    doc = next((d for d in documents if ref is not None and d.doc_id == ref.doc_id), None)
    beyond = _beyond(doc, names, side) if ref is not None and ref.kind == "whole" else ()
    if beyond:
        without += beyond
    else:
        ref = _structure_ref(text, documents)
    if ref is not None and ref.kind == "whole" and "正文" in (text or ""):
        # "正文分哪几部分": the numbered parts, not a 前言 or 序言 printed before them
        without += _front_matter(next((d for d in documents if d.doc_id == ref.doc_id), None))
    return replace(ref, without=without) if ref is not None and without else ref


# "改革实施分为哪几个阶段": what the parts asked for are called, by a word a document calls its parts
# by (not 部门, 单位, 条件: what a clause lists)
_KIND_ASKED = compile_cue(r"(?:哪几|哪些|几)(?:个|大|项|类)?(阶段|步骤|环节|行动|工程|专项|板块|层次|层级)")


def _parts_of_kind(text: str, documents) -> Ref | None:
    """"分为哪几个阶段" / "有哪几个步骤": the one section whose parts are so called (most of its
    titles hold the word: 前期准备阶段, 组织实施阶段 …), listed; None when no section or several are."""
    found = []
    for m in _KIND_ASKED.finditer(text):
        word = m.group(1)
        for doc in documents:
            for s in walk(doc.outline):
                kids = [c for c in s.children if c.kind == "section"]
                if s.kind == "section" and len(kids) >= 2 and 2 * sum(word in c.title for c in kids) > len(kids):
                    found.append((doc.doc_id, s.section_id))
        if found:
            break
    return Ref("section", found[0][0], found[0][1], True) if len(found) == 1 else None


def _part_holding_titles(text: str, named, documents):
    """(doc_id, section_id) of the one top-level part that a "…那部分" phrase names by its topic, not by
    its title ("讲科技创新的那一部分" for 四、坚持科技打头阵…, whose item 推动科技创新和产业创新深度融合
    holds the words): no top-level title holds the words, no title is mostly them (加强包容审慎监管这一条
    names that item, and asks inside it), and the titles under exactly one part do."""
    for words in named:
        if len(words) < 3 or any(_names(words, s.title) for d in documents for s in d.outline) \
                or not re.search(re.escape(words) + r"的?(?:那|这)一?个?(?:部分|章|篇|板块|块)", text) \
                or any(_most_of(words, s.title, share=0.8) for d in documents for s in walk(d.outline)):
            continue
        parts = [(d.doc_id, s.section_id) for d in documents for s in d.outline
                 if s.kind == "section" and s.children and any(_names(words, c.title) for c in walk(s.children))]
        if len(parts) == 1:
            return parts[0]
    return None


def _as_printed(text: str, documents) -> str:
    """The question with a section title it says written as the outline prints it: a reader types ，
    where the plan printed , (“切实保障和改善民生，扎实推进共同富裕”这部分), or the other way."""
    if not text or ("，" not in text and "," not in text):
        return text
    for doc in documents:
        for s in walk(doc.outline):
            title = s.title.strip("。")
            if len(title) < 6 or title in text:
                continue
            for printed, typed in ((",", "，"), ("，", ",")):
                said = title.replace(printed, typed)
                if said != title and said in text:
                    text = text.replace(said, title)
    return text


def _front_matter(doc) -> tuple[str, ...]:
    """The titles of the unnumbered top-level parts before a document's first numbered one."""
    out = []
    for s in doc.outline if doc is not None else ():
        if s.kind == "section" and s.number.strip():
            return tuple(out)
        out.append(_HEADING_NUMBER.sub("", display_title(s.title)))
    return ()


def _structure_ref(text: str, documents) -> Ref | None:
    lead = _DOCUMENT_LEAD.match(text or "")
    if lead and not _ASKS.search(lead.group(0)) and _ASKS.search(text[lead.end():]):
        text = text[lead.end():]
    ref = _find_ref(text, documents)
    unit = asks_location(text)
    if ref is None or ref.kind != "section" or not unit:
        return ref
    doc = next((d for d in documents if d.doc_id == ref.doc_id), None)
    if unit in _ITEM_UNITS:
        item = _item_holding(doc, ref.section_id) if doc is not None else None
        return Ref("section", ref.doc_id, item.section_id, False) if item is not None else ref
    if "." in ref.section_id:
        depth = _unit_depth(doc, unit) if doc is not None else 1
        if ref.section_id.count(".") >= depth:
            part = ".".join(ref.section_id.split(".")[:depth])
            if _find_section(documents, part)[1] is not None:
                return Ref("section", ref.doc_id, part, False)
    return ref


def _find_ref(text: str, documents) -> Ref | None:
    if not text or not documents or _COLUMNS.search(text):
        return None         # (a table's columns are its header row, found as any content is)
    article = _article_ref(text, documents)
    if article is not None:
        return article
    asked = _question_ref(text, documents)
    if asked is not None:
        return asked
    ordinal = ordinal_ref(text, documents)
    if ordinal is not None:
        return ordinal
    listing = bool(_LIST.search(text))
    m = _BOX.search(text)
    if m:
        n = cn_number(m.group(1))
        rest = _QUOTES.sub("", text[:m.start()] + text[m.end():])
        for doc in documents:
            for s in walk(doc.outline):
                if s.kind == "box" and _box_number(s) == n:
                    if _asks_within(rest, s.title.strip("。"), s.children, (s.title,)):
                        # "专栏6提出要定期修订哪一份标准体系建设文件": a question inside the box is searched
                        return None
                    return Ref("box", doc.doc_id, s.section_id, listing)
    titled = _titled_part(text, documents)
    if titled is not None:
        return titled
    compound = _compound_part(text, documents, listing)
    if compound is not None:
        return compound
    m = _FIRST_N.search(text)
    if m and not _PART.search(text):
        n = cn_number(m.group(1))
        for doc in documents:
            if 1 < n <= len(_first_parts(doc, m.group(2))):
                return Ref("first", doc.doc_id, "", True, unit=m.group(2), count=n)
    m = _PART.search(text)
    if m:
        n = cn_number(m.group(1))
        # "一共几个部分？第三部分讲啥": whether the part is listed is asked in its own sentence
        here = bool(_LIST.search(_clause_at(text, m.start())))
        if text[max(0, m.start() - 2):m.start()] == "倒数":
            # "倒数第二部分": counted from the last part (an appendix is not a part); "倒数第二章" in a
            # 纲要 of 篇 over 章, from the last 章 printed so
            for doc in documents:
                tops = _unit_sections(doc, m.group(2)) or _numbered_parts(doc)
                if 1 <= n <= len(tops):
                    return Ref("section", doc.doc_id, tops[-n].section_id, here)
            return None
        for doc in documents:
            if _unit_sections(doc, m.group(2)):
                # "第三章讲什么" in a 纲要 of 篇 over 章: the 章 printed so (a 节 whose number recurs in
                # every 章 names none alone)
                found = _unit_numbered(doc, m.group(2), n)
                if found is not None:
                    return Ref("section", doc.doc_id, _named_inside(text, found).section_id, here)
                continue
            tops = _appendix_parts(text, doc) or _top_sections(doc)
            for s in tops:
                if cn_number(s.number.strip("、.． 第章节部分")) == n or s.section_id == _cn(n):
                    return Ref("section", doc.doc_id, _named_inside(text, s).section_id, here)
            if 1 <= n <= len(tops):
                return Ref("section", doc.doc_id, _named_inside(text, tops[n - 1]).section_id, here)
    m = _LAST_PART.search(text)
    if m:
        clause = _clause_at(text, m.start())
        here = bool(_LIST.search(clause))
        # "一共分了几个部分？最后一部分讲的是什么": how many parts there are is asked in a sentence of its own
        counted = bool(_HOW_MANY.search(text.replace(clause, " ", 1)))
        # "方案最后一部分的标题是什么" / "纲要的最后一节是什么": the last part (not an appendix); a 节
        # in a plan whose parts are not cut into 第X节 is the last numbered section of the last part
        for doc in documents:
            tops = _appendix_parts(text, doc) or _numbered_parts(doc)
            if not tops:
                continue
            last = tops[-1]
            if char_simplified(m.group(1)) == "条":
                # "这份办法的最后一条是什么": the last article, wherever its chapter (a plan of
                # numbered measures has none: its last item is found by position elsewhere)
                articles = _articles(doc)
                if articles:
                    return Ref("section", doc.doc_id, articles[-1].section_id, here)
                continue
            unit = char_simplified(m.group(1))
            printed = _unit_sections(doc, unit) if unit in ("篇", "章", "节") else []
            if printed:
                # "最后一章" of a 纲要 whose 章 sit under 篇: the last 章 printed so
                return Ref("section", doc.doc_id, printed[-1].section_id, here, count=len(printed) * counted)
            if unit == "节" and not any("节" in s.number for s in walk(doc.outline)):
                kids = [c for c in last.children if c.kind == "section" and c.number.strip()]
                if kids:
                    return Ref("section", doc.doc_id, kids[-1].section_id, here)
            return Ref("section", doc.doc_id, last.section_id, here, count=len(tops) * counted)
    if _BOXES.search(text):
        # "医疗卫生服务体系这一章设了哪些专栏": the 专栏 of the part so named, else of the document
        named = named_parts(text)
        for doc in documents:
            for s in walk(doc.outline):
                if s.kind == "section" and any(c.kind == "box" for c in walk(s.children)) \
                        and any(_names(q, s.title) for q in named):
                    return Ref("boxes", doc.doc_id, s.section_id, True)
        return Ref("boxes", documents[0].doc_id, "", True)
    if _APPENDIX_Q.search(text) and (listing or "什么" in text):
        # "有哪些附件": the appendices; "附录里解释了哪几类术语": the one appendix's parts
        names = _APPENDIX_NAMES.search(text)
        said = _APPENDIX_NUMBER.search(text)
        for doc in documents if said else ():
            # "附件1银行机构工作要点分为哪几个方面": that appendix's parts, unless something inside it
            # is asked ("附件1中关联交易有什么要求")
            rest = text[:said.start()] + text[said.end():]
            for a in appendices(doc):
                own = _APPENDIX_NUMBER.match(a.title)
                if own and cn_number(own.group(1)) == cn_number(said.group(1)) and a.children \
                        and not _asks_within(rest, a.title, a.children, (a.title,)):
                    return Ref("section", doc.doc_id, a.section_id, True)
        attached = re.search(_ATTACHED, text)
        kind = re.search(r"几张(表|图)|附(?:了|有)?(?:哪些|哪几|什么)[张份]?(表|图)|附(表|图)", text)
        kind = next(g for g in kind.groups() if g) if kind else ""
        for doc in documents:
            found = appendices(doc)
            if names and found:
                return Ref("appendices", doc.doc_id, "", True, unit=kind or ("closing" if attached else ""))
            if names and not found and len(_attachment_list(doc)) >= 2:
                # "附件：1.…流程图 2.…范围 3.…安排表" closing a document that prints none of them: the list
                return Ref("appendices", doc.doc_id, "", True, unit="listed")
            if attached and closing_parts(doc):
                # "导则正文之后还附了哪些部分": the unnumbered parts after the last numbered one
                return Ref("appendices", doc.doc_id, "", True, unit="closing")
            if len(found) == 1 and found[0].children and listing:
                return Ref("section", doc.doc_id, found[0].section_id, True)
    if _TABLES.search(text) and not _FORMS.search(text):
        # the captions of the part so named, else of the document (where no appendix answered)
        named = named_parts(text)
        for doc in documents:
            captions = table_captions(doc)
            if not captions:
                continue
            # the part named as "…那部分", or by its whole title ("对外经济部分"), the longest such
            parts = [s for s in walk(doc.outline) if s.kind == "section" and len(s.title) >= 2
                     and (any(_names(q, s.title) for q in named) or s.title in text)
                     and any(_in_section(c, doc, s) for c in captions)]
            part = max(parts, key=lambda s: len(s.title), default=None)
            return Ref("tables", doc.doc_id, part.section_id if part else "", True)
    if _GLOSSARY.search(text) and (listing or "哪些" in text):
        for doc in documents:
            for s in doc.outline:
                if s.kind == "glossary":
                    return Ref("glossary", doc.doc_id, s.section_id, True)
    if listing and not _other_places(text, documents) and not _GRADES.search(text):
        # "规划提出了哪些基本原则" / "保障措施包括哪几个方面": a listing question
        # that names a whole section title (with sub-items) lists them.
        best = None
        # a quoted phrase names a section when no other title has it; a "…那部分" phrase, when no
        # other title of the same level has it (counted once per question)
        quoted = [q for q in _QUOTED.findall(text) if len(q) >= 4 and _title_count(q, documents) == 1]
        named = named_parts(text)
        levels = {x.level for d in documents for x in walk(d.outline)} if named else set()
        named_once = {(q, level) for q in named for level in levels if _title_count(q, documents, level) == 1}
        loosely_once = {(q, level) for q in named for level in levels
                        if _title_count(q, documents, level, _loosely_names) == 1}
        subject, pieces_seen = _subject(text), set()
        unnamed = {d.doc_id: text.replace(d.title, " ") if len(d.title or "") >= 4 else text for d in documents}
        for doc in documents:
            for s, trail in _walk_trail(doc.outline):
                if s.kind != "section" or not s.children:
                    continue
                title = s.title.strip("。")
                # the title as printed, without its period ("“十四五”主要任务" asked as 主要任务), or a
                # quoted part of it that names no other section ("“现代化人民城市”那一部分")
                names = [title, _PERIOD_LEAD.sub("", title)]
                names += [q for q in quoted if _names(q, title)]
                # "科技自立自强那一部分包括哪几条": a part named by words of its title that no other title
                # of its level has ("信息化时代教育创新这部分" for 持续推动信息化时代的教育创新: a reader
                # drops the 的; "友好城区那一部分" for 八、…友好城区 over a deeper (三)积极建设儿童友好城区)
                names += [q for q in named if _names(q, title) and (q, s.level) in named_once]
                # said with words between ("扩大开放这一部分" for 着力扩大高水平开放…): the named words in
                # order within a short run of the title, no other title of its level holding them so
                names += [q for q in named if not _names(q, title) and _loosely_names(q, title)
                          and (q, s.level) in loosely_once]
                # most of a title, said without its lead verb ("就业岗位拓展行动包括哪些措施" for
                # 实施就业岗位拓展行动), when no other title of its level has those words
                # (not words of the document's own name: "2024年政府工作报告一共分几个部分" does not name
                # 三、2024年政府工作任务)
                common = _common_run(unnamed[doc.doc_id], _PERIOD_LEAD.sub("", title))
                if len(common) >= 4 and 3 * len(common) >= 2 * len(title) and _title_count(common, documents, s.level) == 1:
                    names.append(common)
                # the question's subject said in pieces around 的 that the title holds in order, no other
                # title of its level holding them ("2008年的主要目标和任务分成哪几个方面" for 2008年上海市
                # 国民经济和社会发展主要目标和任务)
                if subject and _pieces_name(subject, title) and (subject, s.level) not in pieces_seen:
                    pieces_seen.add((subject, s.level))
                    if _title_count(subject, documents, s.level, _pieces_name) == 1:
                        names.append(subject)
                # a short title of a whole part ("附则里有几条", "总则包括哪几条") when nothing else is asked
                short = [title] if s.level == 1 and 2 <= len(title) < 4 and _title_count(title, documents) == 1 else []
                context = (doc.title, *trail)
                for name in names + short:
                    if not ((len(name) >= 4 or name in short or name in named) and name in text):
                        continue
                    if _only_in_longer_quote(text, name, documents):
                        continue
                    target = s
                    if _asks_within(text, name, s.children, context):
                        # "“主题社区”一章的典型应用包括哪几类": a named part of it, with parts of its own
                        kids = [c for c in s.children if c.kind == "section" and c.children
                                and len(c.title.strip("。")) >= 3 and c.title.strip("。") in text]
                        if len(kids) != 1 or _asks_within(text.replace(name, " "), kids[0].title.strip("。"),
                                                          kids[0].children, context + (title,)):
                            continue
                        target = kids[0]
                    key = (len(name), -target.level)
                    if best is None or key > best[0]:
                        best = (key, doc.doc_id, target.section_id)
        if best:
            return Ref("section", best[1], best[2], listing)
        held = _part_holding_titles(text, named, documents)
        if held is not None:
            return Ref("section", held[0], held[1], listing)
    if (listing or _WHICH_N.search(text)) and (lead := _lead_in_ref(text, documents)) is not None:
        return lead
    counted = counted_ref(text, documents)
    if counted is not None:
        return counted
    kinds = _parts_of_kind(text, documents) if listing else None
    if kinds is not None:
        return kinds
    if _SECTION_CUE.search(text) and not _other_places(text, documents):
        best = None
        for doc in documents:
            for s, trail in _walk_trail(doc.outline):
                if s.kind != "section" or not s.children:
                    continue
                for v in topic_variants(topic_phrase(s.title)) + [s.title.strip("。")]:
                    # "“推动特色文旅发展”这部分措施由哪个部门牵头" asks inside the part: it is searched
                    if len(v) >= 3 and v in text and not _asks_within(text, v, s.children, (doc.title, *trail)):
                        key = (len(v), -s.level)
                        if best is None or key > best[0]:
                            best = (key, doc.doc_id, s.section_id)
        if best:
            return Ref("section", best[1], best[2], listing)
    # "主要目标是什么" / "主要任务分哪几部分": the part so called (its divisions, not the whole document's: a
    # 几部分 of the question's own)
    kind = _part_kind_ref(text, documents)
    if kind is not None:
        return kind
    titles = ["".join(d.title.split()) for d in documents if d.title]
    overview = _overview(text, titles)
    about = (overview or _about_document(text, titles=titles)) and not _names_kind_part(text, documents, titles)
    # "操作指南分几个部分" of a 实施方案 whose 附件 is its 操作指南: that appendix's parts
    named = next(((d, a) for d in documents if (a := _named_appendix(text, d)) is not None), None) if about else None
    if named is not None:
        return Ref("section", named[0].doc_id, named[1].section_id, True)
    if overview:
        # "这个规划讲了什么" / "总结一下这份方案": what the whole document is about is its outline
        return Ref("whole", documents[0].doc_id, "", True)
    if about and not _LIST_CONTENT.search(text):
        # "纲要一共有多少章": in a 纲要 of 篇 over 章, the 章 are a level of their own; "一共分为几篇" counts
        # the 篇 printed so, not the 前言 or an appendix beside them
        m = _COUNT_UNIT.search(text)
        for doc in documents if m else ():
            printed = _unit_sections(doc, m.group(1))
            if printed:
                return Ref("units", doc.doc_id, "", True, unit=m.group(1))
        return Ref("whole", documents[0].doc_id, "", True)
    if _about_document(text, (_ITEM_COUNT,), titles):
        # "这个办法一共有多少条" / "工作要点一共几条": the last article, or the last item of the
        # numbering that runs through the parts; its number is the count
        unit = "条" if "条" in char_simplified(_ITEM_COUNT.search(text).group(0)) else "项"
        for doc in documents:
            total = _printed_total(doc, unit)
            if total is not None:       # the count it prints, not that of the heading's own parts
                return Ref("section", doc.doc_id, total[1].section_id, False, count=total[0])
            items = _items(doc)
            if items:
                return Ref("section", doc.doc_id, items[-1].section_id, False)
    return None


_TOTAL = compile_cue(r"共\s*([一二三四五六七八九十百两\d]{1,4})\s*([条项])")


def _printed_total(doc, unit: str):
    """(N, the heading) that prints the document's count of ``unit`` ("一、推广的改革举措（共23项）"):
    of those saying 共N条/项, the one with the largest N (a part's own "（共5项）" counts less); None
    when no heading says so."""
    said = [(cn_number(m.group(1)), s) for s in walk(doc.outline)
            if s.kind == "section" and (m := _TOTAL.search(s.title)) and char_simplified(m.group(2)) == unit]
    return max(said, key=lambda t: t[0]) if said else None


# "主要目标是什么" / "重点任务有哪些" asked of the document alone: the part every plan has under one
# name or another (发展目标 / 总体目标 / 主要目标 …), when the outline has one part of that kind
_PART_KIND_Q = compile_cue(r"^(?:这个|这份|本|该)?(?:规划|纲要|方案|计划|意见|文件|报告|措施)?(?:的|里|中|里面)?(?:提出的?|确定的?|明确的?)?"
                          r"(?P<kind>(?:主要|发展|总体|工作|具体)?目标|(?:重点|主要)任务|保障措施|基本原则|指导思想)"
                          r"(?:是什么|是啥|有哪些|有什么|包括哪些|是哪些|(?:有|是|包括)哪几[条个项]|包括什么|分别是什么"
                          # "主要任务分哪几部分" / "保障措施包括哪几个方面": its divisions
                          r"|(?:分为|分成|分|包括|包含|有)(?:哪几|哪些|几)(?:个|大)?(?:部分|方面|块|板块|类))?[？?。！!]*$")
_PART_KINDS = {"目标": compile_cue(r"(?:主要|发展|总体|工作|具体|规划)目标(?:和指标)?$|^目标$"),
               "任务": compile_cue(r"(?:重点|主要)任务$"),
               "保障措施": compile_cue(r"保障措施$|^(?:规划)?(?:组织)?实施保障$|^组织实施$"),
               "基本原则": compile_cue(r"(?:基本|工作)?原则$"),
               "指导思想": compile_cue(r"指导思想$")}


# a longer title that is still the name of the part, not a task: the period's ("“十五五”时期经济社会发展的
# 主要目标", "“十四五”时期经济社会发展主要目标"), or a noun's ("残疾人事业发展的主要目标")
_PART_QUALIFIER = compile_cue(r"^[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间)|的$")


_CAPTION_LINE = 40


def _part_of_kind(text: str, documents):
    """(doc, section, kind) of the one part a question like "主要目标是什么" names by its kind ("目标"),
    or None."""
    m = _PART_KIND_Q.match(re.sub(r"\s", "", text))
    if not m:
        return None
    kind = next(k for k in _PART_KINDS if k in char_simplified(m.group("kind")))
    for doc in documents:
        # a title that is that name, give or take a few words ("“十四五”主要任务", "发展目标"), not a
        # task that ends on it ("扎实推进农村改革各项重点任务") nor a chapter of several ("指导思想、原则和发展目标")
        found = []
        for sec in walk(doc.outline):
            title = sec.title.strip().strip("。")
            hit = _PART_KINDS[kind].search(title) if sec.kind == "section" and "、" not in title else None
            if hit and (len(title) - len(hit.group(0)) <= 5 or _PART_QUALIFIER.search(title[:hit.start()])):
                found.append((len(title), sec))
        least = min((n for n, _ in found), default=0)
        shortest = [sec for n, sec in found if n == least]
        if len(shortest) == 1:
            return doc, shortest[0], kind
    return None


def _part_kind_ref(text: str, documents) -> Ref | None:
    # a part with parts of its own is listed; one of plain paragraphs is shown as its text
    # (``part_text``), not its heading first
    found = _part_of_kind(text, documents)
    if found and found[1].children:
        return Ref("section", found[0].doc_id, found[1].section_id, True)
    return None


def part_text(text: str, documents) -> list:
    """The paragraphs, in the order printed, of the part of plain paragraphs that "主要目标是什么" /
    "指导思想是什么" names by its kind ("第五章 “十五五”时期经济社会发展的主要目标"): retrieval ranks
    an indicator row that says 完成省下达目标 over the part's own statement. Its heading, its
    tables and their caption lines (a line of no sentence: "“十五五”时期经济社会发展主要指标") are
    left out; [] when the question names no such part."""
    found = _part_of_kind(text, documents)
    if not found or found[1].children:
        return []
    doc, section, kind = found
    sid = f"{doc.doc_id}:{section.section_id}"
    out = [c for c in doc.clauses
           if (c.clause_id == sid or c.clause_id.startswith((sid + ".", sid + "-")))
           and c.kind not in ("heading", "table", "caption")
           and (len(c.text) > _CAPTION_LINE or re.search(r"[。；;，,：:]", c.text))]
    # a part of two ("总体要求和基本原则") asked of the second: from the paragraph that opens on it
    says = compile_cue(r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]?)?(?:主要|发展|总体|工作|基本|具体)?"
                      + kind + r"[:：。是]")
    opens = next((i for i, c in enumerate(out) if says.match(re.sub(r"\s", "", c.text))), 0)
    return out[opens:] + out[:opens]


_ITEM_COUNT = compile_cue(r"多少条|几条|多少项|几项")
_COUNT_UNIT = compile_cue(r"(?:几|多少)个?(篇|章|节)")
_SENTENCE_END = re.compile(r"[？?。！!；;]")


def _clause_at(text: str, pos: int) -> str:
    """The sentence of ``text`` that holds position ``pos`` (a question may ask two things)."""
    start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, pos)), default=0)
    end = _SENTENCE_END.search(text, pos)
    return text[start:end.start() if end else len(text)]


def _other_places(text: str, documents) -> list[str]:
    """Division names the question says that neither a document's title nor its opening lines name
    (``home_regions``), outside a quoted part of a section title: "成都有哪些重点园区" asks about a
    place, "上海银发经济措施里要素保障那部分包括哪几条" names the document (上海市…若干政策措施)."""
    titles = "".join(getattr(d, "title", "") or "" for d in documents)
    home = home_regions(documents)
    # a place inside a quoted phrase of a section title is part of that title ("“山东制造”品牌提升")
    text = _QUOTED.sub(lambda m: " " if _title_count(m.group(1), documents) else m.group(0), text)
    return [p for p in places_in(text) if p not in titles and short_name(p) not in titles
            and p not in home and short_name(p) not in home]


# "第三章第二节" / "第二部分的第三条": a part's numbered child, named by both positions
_COMPOUND = compile_cue(_PART.pattern + r"\s*(?:的|中的?|里的?|下的?)?\s*" + _PART.pattern)


def _compound_part(text: str, documents, listing: bool) -> Ref | None:
    """"第三章第二节讲什么": the second numbered child of the third part (its own number, else its place)."""
    m = _COMPOUND.search(text)
    if not m:
        return None
    outer, inner = cn_number(m.group(1)), cn_number(m.group(3))
    for doc in documents:
        part = _part_numbered(doc, outer, m.group(2))
        if part is None:
            continue
        # a 条 is looked for through the part's 节 (articles run on through the chapters); a 节, or
        # an item in a plan without articles, among the part's own numbered children: by its own
        # number, else by its place
        kids = [c for c in walk(part.children) if c.number.strip().endswith("条")] if char_simplified(m.group(4)) == "条" else []
        kids = kids or [c for c in part.children if c.kind == "section" and c.number.strip()]
        found = next((c for c in kids if cn_number(re.sub(r"[^\d一二三四五六七八九十两]", "", c.number)) == inner), None)
        if found is None and 1 <= inner <= len(kids):
            found = kids[inner - 1]
        if found is not None:
            return Ref("section", doc.doc_id, found.section_id, listing)
    return None


# Reading an outline turn by turn: "下一章呢", "它有哪几节", "第二节讲什么" after "第一章讲什么"
_STEP = compile_cue(r"(下|上|后|前)一个?\s*(章|节|篇|部分|条)")
_ITS_PARTS = compile_cue(r"^(?:那|那么)?(?:它|其|这一?(?:章|节|篇|部分)|该(?:章|节|篇|部分)|本(?:章|节|篇))(?:里面?|下面|中)?"
                        r"(?:具体|主要|一共|总共)?都?(?:有|包括|包含|分为|分成|下设)(?:哪几|哪些|几)个?(?:节|章|篇|部分|条|项|方面)")
_NTH_IN = compile_cue(r"^(?:那|那么)?(?:它的|其|这一?(?:章|篇|部分)的?)?第\s*([一二三四五六七八九十两\d]{1,3})\s*(节|章|条|部分)"
                     r"(?:呢|讲|说|是|写|包括|有|的|[？?]|$)")
_UNIT_ORDER = {"篇": 0, "部分": 0, "章": 1, "节": 2, "条": 3}


def _parent_id(section_id: str) -> str:
    return section_id.rsplit(".", 1)[0] if "." in section_id else ""


def _unit_of(section) -> str:
    m = _UNIT_NUMBER.match(section.number.strip())
    return char_simplified(m.group(2)).replace("编", "篇") if m else ""


def navigate(text: str, prev: Ref | None, documents) -> Ref | None:
    """A follow-up that moves in the outline from the part the previous turn read (``prev``): the
    next or previous part of a unit (下一章, 上一篇, 下一条), the parts of the one just read (它有哪几节),
    or one of its numbered parts (第二节讲什么 after 第一章讲什么). None for anything else."""
    if prev is None or prev.kind != "section" or not text:
        return None
    doc = next((d for d in documents if d.doc_id == prev.doc_id), None)
    _, sec = _find_section([doc] if doc else [], prev.section_id)
    if sec is None:
        return None
    if _ITS_PARTS.match(text):
        return Ref("section", doc.doc_id, sec.section_id, True)
    m = _STEP.search(text)
    if m:
        unit = char_simplified(m.group(2))
        row = (_unit_sections(doc, unit) if unit in ("篇", "章", "节") else
               [s for s in walk(doc.outline) if s.number.strip().endswith("条")] if unit == "条" else [])
        if not row:     # a plan not printed in that unit: the part's own siblings
            parent = _find_section([doc], _parent_id(sec.section_id))[1]
            row = [s for s in (parent.children if parent else _numbered_parts(doc)) if s.kind == "section"]
        # the part of that unit that holds the one just read (下一章 after a 节 is the next 章)
        here = next((i for i, s in enumerate(row) if sec.section_id == s.section_id
                     or sec.section_id.startswith(s.section_id + ".")), None)
        step = 1 if char_simplified(m.group(1)) in ("下", "后") else -1
        if here is None:
            return None
        if 0 <= here + step < len(row):
            return Ref("section", doc.doc_id, row[here + step].section_id, False)
        return Ref("section", doc.doc_id, row[here].section_id, False, unit=unit,
                   edge="last" if step > 0 else "first")
    m = _NTH_IN.match(text)
    if m:
        unit, n = char_simplified(m.group(2)), cn_number(m.group(1))
        # the numbered part of the unit asked, inside the part just read or, when that is itself such a
        # part (第二节 after 第一章第一节), inside the one that holds it
        holder = sec
        if _UNIT_ORDER.get(_unit_of(sec), -1) >= _UNIT_ORDER[unit]:
            holder = _find_section([doc], _parent_id(sec.section_id))[1]
        kids = [c for c in (holder.children if holder else []) if c.kind == "section" and c.number.strip()]
        found = next((c for c in kids if _unit_of(c) == unit and _unit_number(c) == n), None)
        if found is not None:
            return Ref("section", doc.doc_id, found.section_id, False)
    return None


# a sentence that announces the parts after it by their number ("今年，要聚力抓好八个方面工作。",
# "重点做好以下十个方面工作：")
_ANNOUNCED = compile_cue(r"([一二三四五六七八九十\d]{1,3})\s*(?:个|大|项|条)?\s*(?:方面|领域|重点任务|任务|行动|举措|措施)")


_WHICH_N = compile_cue(r"哪[一二两三四五六七八九十\d]{1,3}\s*[个项条大]")


# what a question asking for the announced parts says besides the announcing sentence's words: the
# asking words, the year asked of, the document and its maker ("今年政府重点抓哪几个方面的工作")
_LEAD_IN_FILLER = compile_cue(r"(?:今|明|本)年度?|(?:19|20)\d\d年|政府|报告|工作|重点|主要|着力|提出|提到|明确|部署|安排|具体|分别|"
                             r"[要将会需抓做干搞办好分包括有是哪些几个项大条的了吗呢啊都还在里中说讲一共总共]|[^\u4e00-\u9fff]")


def _lead_in_ref(text: str, documents) -> "Ref | None":
    """"今年要聚力抓好的八个方面工作有哪些" / "今年政府重点抓哪几个方面的工作": the section whose text,
    right before its numbered parts, announces them by their count, when the question says the word the
    parts are counted as (方面, 任务 …) and, besides the announcing sentence's words, its place and the
    asking words, nothing: "今年要重点做好哪些方面的民生工作" asks about 民生, not for the parts. A count the
    question says must be how many parts follow."""
    asked = _ANNOUNCED.search(text)         # a question that says another count asks of other parts
    home = home_regions(documents)
    for doc in documents:
        for last, count, noun, section_id in _shape(doc)[0]:
            if asked and cn_number(asked.group(1)) != count:
                continue
            if noun in text and not _LEAD_IN_FILLER.sub("", _without_runs(text, last, home)):
                return Ref("section", doc.doc_id, section_id, True)
    return None


def _without_runs(text: str, sentence: str, home=()) -> str:
    """``text`` less every run of two or more characters it shares with ``sentence``, longest first, and
    less the names in ``home``."""
    for name in sorted(home, key=len, reverse=True):
        text = text.replace(name, " ")
    while len(run := _common_run(text, sentence)) >= 2:
        text = text.replace(run, " ")
    return text


_SHAPES: dict = {}


def _shape(doc) -> tuple:
    """What two readings need of a document, read once per document: the lines that announce the
    numbered parts right after them by their count (last sentence, count, counted word, section id),
    and the section ids of a question-and-answer text's questions, in order."""
    key = (doc.doc_id, getattr(doc, "text", "") or "", len(doc.clauses))
    if key not in _SHAPES:
        if len(_SHAPES) > 64:
            _SHAPES.clear()
        heads, paths = {}, {}
        for s, trail in _walk_trail(doc.outline):
            paths[id(s)] = (*trail, s.title)
            for c in s.children:
                if c.kind == "section" and c.number.strip():
                    heads[f"{doc.doc_id}:{c.section_id}"] = s
        announced = []
        clauses = list(doc.clauses)
        for c, nxt in zip(clauses, clauses[1:]):
            parent = heads.get(nxt.clause_id)
            if parent is None or c.kind == "heading" or tuple(c.section_path) != paths.get(id(parent)):
                continue
            last = [x for x in re.split(r"(?<=[。！？；])", c.text.strip()) if x][-1]
            m = _ANNOUNCED.search(last)
            numbered = [x for x in parent.children if x.kind == "section" and x.number.strip()]
            if m and len(last) <= 40 and cn_number(m.group(1)) == len(numbered):
                noun = re.sub(r"^[一二三四五六七八九十\d\s个大项条]+", "", m.group(0))
                announced.append((last, len(numbered), noun, parent.section_id))
        questions = [s.section_id for s in walk(doc.outline) if _QA_ID.match(s.section_id.split(".")[-1])]
        _SHAPES[key] = (tuple(announced), tuple(questions))
    return _SHAPES[key]


# the questions of a question-and-answer text (corpus.structure: sections 问1, 问2 …)
_QA_ID = compile_cue(r"问\d+$")
_NTH_QUESTION = compile_cue(r"(倒数)?(?:第\s*([一二三四五六七八九十两\d]{1,3})|(最后)|(头|首))\s*(?:一|1)?\s*个?\s*(?:问题|提问|问)(?![答])")
_QUESTIONS = compile_cue(r"(?:哪些|哪几个|几个|多少个|多少)\s*(?:问题|提问)")
# "头两个问的是什么" / "前三个问题": the first N questions
_FIRST_QUESTIONS = compile_cue(r"(?:头|前)\s*([二三四五六七八九十两\d]{1,2})\s*个?\s*(?:问题|提问|问)(?![答])")


def _question_ref(text: str, documents) -> "Ref | None":
    """In a question-and-answer text (a 答记者问, a 政策问答): "最后一个问题问的是什么" / "第三个问题" is that
    question and its answer; "头两个问的是什么" those questions; "回答了哪些问题" / "一共几个问题" lists the
    questions."""
    for doc in documents:
        questions = _shape(doc)[1]
        if not questions:
            continue
        m = _FIRST_QUESTIONS.search(text)
        if m and 2 <= (n := cn_number(m.group(1))) <= len(questions):
            return Ref("section", doc.doc_id, questions[0], False, also=tuple(questions[1:n]))
        m = _NTH_QUESTION.search(text)
        if m:
            n = len(questions) if m.group(3) else 1 if m.group(4) else cn_number(m.group(2))
            if m.group(1) and not m.group(3):       # "倒数第二个问题": counted from the last
                n = len(questions) + 1 - n
            if 1 <= n <= len(questions):
                return Ref("section", doc.doc_id, questions[n - 1], False)
        if _QUESTIONS.search(text) and all("." not in q for q in questions):
            return Ref("whole", doc.doc_id, "", True)
    return None


def _common_run(text: str, title: str) -> str:
    """The longest run of characters ``title`` and ``text`` share."""
    best = ""
    for i in range(len(title)):
        for j in range(len(title), i + len(best), -1):
            if title[i:j] in text:
                best = title[i:j]
                break
    return best


def _title_count(words: str, documents, level: int = 0, names=None) -> int:
    """How many section titles (of ``level``, or of any) hold ``words`` (by ``names``: _names)."""
    names = names or _names
    return sum(names(words, x.title) for d in documents for x in walk(d.outline)
               if x.kind == "section" and (not level or x.level == level))


def _only_in_longer_quote(text: str, name: str, documents) -> bool:
    """Whether every time the question says ``name`` it is inside a longer quoted term that no section
    title holds: "“土壤污染风险管控和修复”包括哪些活动" asks what that term covers, not for the parts of
    the chapter 风险管控和修复."""
    quotes = [m for m in _QUOTED.finditer(text) if name in m.group(1) and name != m.group(1)
              and _title_count(m.group(1), documents) == 0]
    inside = sum(m.group(1).count(name) for m in quotes)
    return bool(quotes) and inside == text.count(name)


def _names(words: str, title: str) -> bool:
    """Whether ``words`` are part of section ``title``, also without the title's 的."""
    return words in title or words in title.replace("的", "")


def _loosely_names(words: str, title: str) -> bool:
    """Whether ``words`` (four characters or more) occur in ``title`` in order as two runs of two
    characters or more, each whole, within a run of at most twice their length: 扩大开放 in
    着力扩大高水平开放, 巩固脱贫攻坚成果 in 持续巩固拓展脱贫攻坚成果; words listed with 、 each in it
    (美丽北京、绿色低碳 in 深入推进美丽北京建设,打造绿色低碳宜居家园)."""
    pieces = [p for p in words.split("、") if p]
    if len(pieces) > 1:
        return all(len(p) >= 2 and p in title for p in pieces)
    if len(words) < 4:
        return False
    for cut in range(2, len(words) - 1):
        head, tail = words[:cut], words[cut:]
        i = title.find(head)
        while i >= 0:
            j = title.find(tail, i + len(head))
            if j >= 0 and j + len(tail) - i <= 2 * len(words):
                return True
            i = title.find(head, i + 1)
    return False


# a listing question's subject: what stands before 分成/包括/有… 哪几/哪些
_SUBJECT = compile_cue(r"^(?:这份|这个|本)?(?:规划|纲要|方案|报告|计划|意见|办法|条例|措施)?(?:里|中|里面)?的?"
                      r"(?P<s>[\u4e00-\u9fff\d]{2,24}?)(?:主要)?(?:分成|分为|包括|包含|有|列了|设了|可分为)(?:哪几|哪些|几)")
# words a subject ends on that name no part (…的工作分成哪几个聚焦)
_SUBJECT_TAIL = compile_cue(r"(?:的?(?:工作|内容|部分|方面|任务|措施))$")


def _subject(text: str) -> str:
    """A listing question's subject said with 的 ("2008年的主要目标和任务", "提高自主创新能力的工作"),
    less a tail that names no part; "" when there is none."""
    m = _SUBJECT.match(text)
    if not m or "的" not in m.group("s"):
        return ""
    words = _SUBJECT_TAIL.sub("", m.group("s"))
    pieces = [p for p in words.split("的") if p]
    return words if all(len(p) >= 2 for p in pieces) and len(words) >= 6 else ""


def _pieces_name(subject: str, title: str) -> bool:
    """Whether ``title`` holds the pieces of ``subject`` between its 的, in order."""
    at = 0
    for p in (p for p in subject.split("的") if p):
        i = title.find(p, at)
        if i < 0:
            return False
        at = i + len(p)
    return True


def named_parts(text: str) -> list[str]:
    """The words a question names a part by ("…那部分", "…这一块", "…那个行动"), without a lead verb
    or the part they sit in ("讲巩固脱贫攻坚成果的那部分": 巩固脱贫攻坚成果; "主要任务里环境卫生那块":
    环境卫生); three characters or more."""
    out = []
    for m in [*_NAMED_PART.finditer(text), *_NAMED_ASPECT.finditer(text)]:
        words = m.group(1)
        cut = _NAMED_LEAD.match(words).end()
        for w in (words[cut:], words):
            if len(w) >= 3 and w not in out:
                out.append(w)
                break
    return out


def _walk_trail(sections, trail=()):
    """Every section with the titles of the sections it sits in."""
    for s in sections:
        yield s, trail
        yield from _walk_trail(s.children, trail + (s.title,))


_OUTLINE_FILLER = compile_cue(r"一共|总共|共|分为|分成|分|整个|全文|正文|文本|主体|这份|大概|总体|由|组成|构成|按|讲|了|还|其余|剩下的?")


def _about_document(text: str, cues=None, titles=()) -> bool:
    """"规划分为哪几部分" / "规划的目录是什么" / "目录": an outline word (one of ``cues``, by default
    _WHOLE and _WHOLE_WEAK) said of the document itself, not of something in it
    ("技能人才奖励体系由哪几部分构成", "产品目录"). The document may be called by its kind (规划, 这部法律),
    by a name in 《》, or by the last four or more characters of one of ``titles`` ("土壤污染防治法分为哪几章")."""
    for m in (m for cue in (cues or (_WHOLE, _WHOLE_WEAK)) for m in cue.finditer(text)):
        start = max(0, m.start() - 8)
        if "》" in text[start:m.start()]:
            # the document named in 《》 just before the cue, however long its name
            start = min(start, max(text.rfind("《", 0, start), 0))
        before = text[start:m.start()]
        rest = _LISTING_FILLER.sub("", _OUTLINE_FILLER.sub("", text[:m.start()] + text[m.end():]))
        docs = list(_OF_DOCUMENT.finditer(before))
        tail = before[docs[-1].end():] if docs else "x"
        named = _title_named_before(text[:m.start()], titles)
        if named is not None and (not docs or named >= m.start() - len(before) + docs[-1].end()):
            tail = text[named:m.start()]
        if not rest or not _LISTING_FILLER.sub("", _OUTLINE_FILLER.sub("", tail)):
            return True
    return False


# what asks what a whole text is about ("讲了什么", "主要内容是什么", "总结一下", "是关于什么的")
_OVERVIEW = compile_cue(r"主要内容|大致内容|核心内容|基本内容|讲了?些?什么|讲的是?什么|说了?些?什么|说的是?什么|写了?些?什么"
                       r"|关于什么|总结|概括|概述|梗概|简介|介绍|大意|主旨|主题")
# the document itself, by its kind ("这份实施方案", "本规划"), its period's name or a name in 《》
_DOC_REF = compile_cue(rf"(?:这份|这个|这部|这篇|这项|本|该|整个|整份|整部)?[“\"]?(?:十[一二三四五六七八九]五)?[”\"]?"
                      rf"(?:实施|工作|行动|指导|发展|专项|总体)?(?:{_DOC_KINDS})|{_SELF_NOUN}|{_POLICY_SELF}|《[^《》]{{2,40}}》|全文|本文"
                      r"|这份|这个文件|这篇文章")
_OVERVIEW_FILLER = compile_cue(r"请问|请|帮我|帮忙|给我|麻烦|简单地?|简要地?|大概|大致|一下|下|主要|都|是|了|的|呢|吗|啊|呀"
                              r"|什么|内容|[\s\W_]"
                              # "各部分分别讲了什么" / "正文前几个部分分别讲什么": its parts, all of them
                              r"|正文|各个?|每一?个?|分别|前几个?|部分|章节|章|篇")


def _overview(text: str, titles=()) -> bool:
    """"这个规划讲了什么" / "这份方案的主要内容是什么" / "总结一下《…》": the question names the document
    (by its kind, a name in 《》 or the last four or more characters of one of ``titles``) and asks only
    what it is about; "规划中关于人才的内容讲了什么" names something in it and is not such a question."""
    if not _OVERVIEW.search(text):
        return False
    rest = text
    for t in titles:
        tail = next((t[i:] for i in range(0, len(t) - 3) if t[i:] in rest), "")
        if tail:
            rest = rest.replace(tail, " ")
    named = rest != text
    rest, n = _DOC_REF.subn(" ", rest)
    if not (named or n):
        return False
    return not _OVERVIEW_FILLER.sub("", _OVERVIEW.sub("", rest))


def _title_named_before(before: str, titles) -> int | None:
    """Where the last run of four or more characters of ``before`` that ends one of ``titles`` ends
    (the question names the document by its title, kind word included: 土壤污染防治法, 生活垃圾管理条例;
    not by a topic the title also holds, 生活垃圾), None when there is none."""
    # a run of four or more that ends a title ends in the title's last four characters, and back
    for end in range(len(before), 3, -1):
        if any(t.endswith(before[end - 4:end]) for t in titles):
            return end
    return None


# Words of a listing question about a section itself ("规划提出了哪些基本原则",
# "保障措施包括哪几个方面"); anything else left over is a question inside it.
_LISTING_FILLER = compile_cue(
    r"规划|本规划|这个|提出|提到|部署|了|有|哪些|哪几|哪|几|个|包括|包含|涵盖|覆盖|主要|分别|都|是|什么|的|方面|内容|"
    r"具体|任务|措施|举措|那一|这一|那|这|部分|一共|总共|最后|提的|提了|要求|方案|意见|建议|决定|纲要|规定|明确|"
    r"领域|环节|板块|块|条|项|点|列|出|分成|分为|分|下面|下设|里面|中|里|从第|到第|章|我省|全省|呢|吗|请问|讲|按照|按|来写|写了|写|"
    # the document called by its kind ("行动计划的保障措施有哪几条") names nothing inside it
    rf"十[一二三四五六七八九]五|(?:行动|工作|实施)?(?:{_DOC_KINDS})|[\s\W_]")


_KIND_END = compile_cue(rf"(?:{_DOC_KINDS})$")


def _names_kind_part(text: str, documents, titles) -> bool:
    """Whether the question names a part of the document titled by a word that also names a kind of
    document ("保障措施分为哪几个方面" of a 规划 whose 五、保障措施 has no parts of its own: 措施 is that part,
    not the document); a part whose title the document's own title holds names the document."""
    return any(len(t := s.title.strip("。 ")) >= 3 and t in text and _KIND_END.search(t)
               and not any(t in title for title in titles)
               for doc in documents for s in walk(doc.outline) if s.kind == "section")


def _named_inside(text: str, part):
    """The part of ``part`` the question names by its title ("第二十六章里说的“集中力量办大事”是指什么"
    asks the 集中力量办大事 of 第二十六章, not the chapter): the longest such title of four or more
    characters that ``part``'s own title does not hold; else ``part`` itself."""
    named = [s for s in walk(part.children) if s.kind in ("section", "item")
             and len(t := s.title.strip("。 ")) >= 4 and t in text and t not in part.title]
    return max(named, key=lambda s: len(s.title.strip("。 ")), default=part)


def _asks_within(text: str, title: str, children=(), context=()) -> bool:
    """Whether a question naming section ``title`` asks something inside it
    ("开放合作行动中，要和哪些地区开展科技合作") rather than for its parts. Words that also name
    the parts (two or more of their titles hold them: "重点任务部署了哪些专项行动" over seven …行动,
    "项目准入具体条件分哪些园区和项目区" over 吴都项目区, 太阳升项目区 …) or the places the section
    sits in (``context``: the document's title and the titles above the section: "路长制实施方案
    规定的工作流程有哪些环节" for 工作流程 in the appendix 奉贤区农村公路路长制实施方案) ask nothing
    inside it."""
    if any(len(t) >= 3 and t in text and t not in title for c in children if (t := c.title.strip("。"))):
        return True         # "经费保障措施有哪些" names the part 经费保障 of 保障措施: its content is asked
    rest = _LISTING_FILLER.sub("", text.replace(title, " "))
    kids = [c.title.strip("。") for c in children]
    for run in _shared_runs(rest, [t for t in context if t]) + _shared_runs(rest, kids, at_least=2):
        rest = rest.replace(run, "")
    return len(rest) > 3


def _shared_runs(text: str, titles, at_least: int = 1) -> list[str]:
    """The runs of two or more Chinese characters of ``text`` that ``at_least`` of ``titles``
    hold, longest first."""
    runs = set()
    for piece in re.findall(r"[\u4e00-\u9fff]{2,}", text):
        for i in range(len(piece)):
            for j in range(len(piece), i + 1, -1):
                if sum(piece[i:j] in t for t in titles) >= at_least:
                    runs.add(piece[i:j])
                    break
    return sorted(runs, key=len, reverse=True)


# A "whole plan" cue next to a content word is a content question ("产业结构").
_LIST_CONTENT = compile_cue(r"(产业结构|能源结构|结构调整|结构性|调结构|结构合理)")

_CN_UNITS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if 1 <= n <= 10:
        return _CN_UNITS[n - 1]
    if n < 20:
        return "十" + (_CN_UNITS[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _CN_UNITS[tens - 1] + "十" + (_CN_UNITS[ones - 1] if ones else "")


def _box_number(section) -> int:
    m = re.search(r"(\d+|[一二三四五六七八九十]+)", section.number or section.section_id)
    return cn_number(m.group(1)) if m else 0


def heading_text(doc_text: str, section) -> tuple[str, int]:
    """The section's heading as printed in the document (number and title,
    whitespace as in the text), with its offset; ("", -1) if not found."""
    title = section.title.strip()
    number = (section.number or "").strip()
    if title:
        spaced = lambda s: r"\s*".join(re.escape(c) for c in s.replace(" ", ""))     # noqa: E731
        # a colon may stand between a unit's number and its title ("第一部分：发展基础")
        pattern = spaced(number) + (r"\s*[：:]?\s*" if number else "") + spaced(title)
        m = re.search(pattern, doc_text)
        if m:
            return m.group(0), m.start()
        m = re.search(r"\s*".join(re.escape(c) for c in title.replace(" ", "")), doc_text)
        if m:
            return m.group(0), m.start()
    return "", -1


def _path_titles(doc, section_id: str) -> tuple[str, ...]:
    def rec(nodes, trail):
        for s in nodes:
            t = trail + (s.title,)
            if s.section_id == section_id:
                return t
            r = rec(s.children, t)
            if r:
                return r
        return None
    return rec(doc.outline, ()) or ()


def _clause_of(doc, section, run_in: bool = False):
    """The clause that opens ``section``: its heading clause, or for an item
    (a bold lead, a 专栏 project, a glossary entry) the item's first clause, or for an
    untitled article ("第三十六条 本规定由…负责解释。") the clause its text starts in; with ``run_in``,
    also for an item whose title runs into its paragraph ("(二十二)培育新型经营主体。大力发展…")."""
    sid = f"{doc.doc_id}:{section.section_id}"
    first = None
    for c in doc.clauses:
        if c.clause_id == sid:
            return c
        if first is None and (c.clause_id.startswith(sid + "-")
                              or (c.clause_id.startswith(sid + ".")
                                  and (not section.title or (run_in and _runs_in(c.text, section))))):
            first = c
    return first


def _runs_in(text: str, section) -> bool:
    """Whether ``text`` opens with the section's number and title."""
    def fold(t):
        return re.sub(r"\s", "", unicodedata.normalize("NFKC", t))
    return fold(section.number + section.title) in fold(text[:len(section.number) + len(section.title) + 4])


def _first_sentence(text: str, min_chars: int = 40) -> str:
    from assistant.text import sentence_spans, strip_span
    spans = sentence_spans(text, min_chars=15)
    if not spans:
        return text
    a, b = strip_span(text, spans[0])
    return text[a:b]


def _heading_hit(doc, section, score: float, whole: bool = False) -> Hit | None:
    """A hit showing the section's heading (or an item's opening sentence), verbatim; with ``whole``,
    the whole clause the section opens with, its title run into it or not."""
    clause = _clause_of(doc, section, run_in=whole)
    if clause is not None:
        text = clause.text if clause.kind == "heading" or whole else _first_sentence(clause.text)
        return Hit(text=text, clause_id=clause.clause_id, section_path=tuple(clause.section_path),
                   pages=tuple(clause.pages), score=score, doc_id=doc.doc_id, title=clause.title or section.title,
                   kind=clause.kind, ranks={"outline": 1},
                   matched_terms=(section.title,) if section.title and section.title in text else (),
                   source=clause.source, ocr_confidence=clause.ocr_confidence)
    # a title run into its paragraph ("(27)培育发展低空经济。围绕…"), with the number a listing or a "which
    # one" question needs, as printed (the parser's number may be full-width where the text's is not)
    text, _ = heading_text(doc.text, section)
    if text and section.number.strip() and not _runs_in(text, section):
        text = printed_heading(doc.text, section) or text
    if not text:
        return None
    return Hit(text=text, clause_id=f"{doc.doc_id}:{section.section_id}", section_path=_path_titles(doc, section.section_id),
               pages=tuple(section.pages), score=score, doc_id=doc.doc_id, title=section.title, kind="heading",
               ranks={"outline": 1}, matched_terms=())


# "生态环境的内容放在哪一部分" / "房地产措施在规划的哪一章" / "买房入学的政策写在第几条": where a content
# sits, not what it says (an item, 条, only where the question ends there: not "在哪条路上")
_UNIT = r"(部分|大部分|章|篇|节|板块|专栏|[条项](?=$|[？?。，,！!]|里|中|呢|吗|规定|讲|说|写|提)|(?:问|行动|工程)(?=$|[？?。，,！!]|里|中|呢|吗))"
_LOCATE = compile_cue(r"(?:放在|写在|列在|归在|归入|属于|位于|出现在|在|是|看|查)[^，,。？?]{0,10}?(?:哪一个?|哪个|哪|第几)\s*"
                     + _UNIT)


# "哪一部分讲的是教师队伍建设" / "哪个专栏是关于三维数字化设计的": the unit asked first, the content after
_LOCATE_FIRST = compile_cue(r"^[^，,。？?]{0,8}?(?:哪一个?|哪个|哪|第几)\s*(部分|大部分|章|篇|节|板块|专栏|条|项)"
                           r"(?:主要)?(?:讲的是|写的是|说的是|谈的是|是关于|是讲|关于|涉及|(?:讲|写|说|谈|提|规定|部署)"
                           r"(?:到了|到|了|出了|出)?)")


def _location(text: str):
    """(the location phrase's match, the words it asks the place of) of a where-question: the words
    before the phrase, or after it when the unit is asked first; (None, "") for other questions."""
    t = re.sub(r"\s+", "", text or "")
    m = _LOCATE.search(t)
    if m:
        return m, _SENTENCE_END.split(t[:m.start()])[-1]       # "一共几章？分类投放是第几章" asks of 分类投放
    m = _LOCATE_FIRST.search(t)
    return (m, re.sub(r"[？?。！!]+$", "", t[m.end():])) if m else (None, "")


# "放在哪一部分、哪一条": a second, finer unit asked right after the first
_AND_UNIT = compile_cue(r"^[、，,和及]?\s*(?:哪一个?|哪个|哪|第几)\s*(节|条|项)")


def asks_location(text: str) -> str:
    """The unit a question asks a content's place in (部分/章/篇/节/板块/专栏, or an item: 条/项), or "";
    of two asked together ("哪一部分、哪一条"), the finer."""
    m, _ = _location(text)
    if not m:
        return ""
    finer = _AND_UNIT.match(re.sub(r"\s+", "", text)[m.end():])
    return finer.group(1) if finer else m.group(1)


# a part whose title names only its kind, not a topic ("二、主要任务", "2025年重点工作"): where a content
# sits is told by the part under it
_GENERIC_PART = compile_cue(r"^.{0,6}?(?:(?:重点|主要|行动|工作)任务|重点工作|主要工作|工作安排)$")

# "2021年重点工作里，关于全域旅游的是哪一项": the part the question is asked within, said before its topic
_CONTAINER = compile_cue(r"^(.{2,24}?)(?:里面|里|中|当中|之中)[，,]")


def _names_container(text: str, title: str) -> bool:
    """Whether a where-question names the part ``title`` as the place it asks within ("放在重点任务的
    哪一部分", "2024年工作安排中，…是第几项"), outside the words it asks the place of: most of the
    title's Chinese characters, four or more (or all of a shorter title), in one run."""
    t = re.sub(r"\s+", "", text or "")
    _, topic = _location(t)
    said = t.replace(topic, " ") if topic else t
    held = _CONTAINER.match(topic or "")
    if held:
        said += " " + held.group(1)
    return _most_of(said, title)


def _most_of(said: str, title: str, share: float = 0.6) -> bool:
    """Whether ``said`` holds ``share`` or more of ``title``'s Chinese characters, four or more (all of
    a shorter title), in one run."""
    title = re.sub(r"[^\u4e00-\u9fff]", "", _PERIOD_LEAD.sub("", title or ""))
    said = re.sub(r"[^\u4e00-\u9fff]", " ", said or "")
    run = _common_run(said, title)
    return bool(title) and (run == title if len(title) < 4 else len(run) >= 4 and len(run) >= share * len(title))


_ARTICLE = compile_cue(r"第\s*([一二三四五六七八九十两\d]{1,4})\s*条")
# what may stand around "第十二条" in a question about the article itself ("第十二条说的是啥")
_ABOUT_ARTICLE = compile_cue(r"本|这个|这份|办法|细则|规定|条例|规则|意见|指南|规划|纲要|方案|计划|措施|里|中|的|了|是|讲|说|写|什么|啥|哪些|"
                            r"内容|具体|主要|请问|呢|吗|[\s\W_]")


def _article_ref(text: str, documents) -> Ref | None:
    """"第十二条说的是啥" in a plan of numbered articles (第X条): that article; not "违反第十四条的怎么处罚",
    a question about something else that cites it."""
    m = _ARTICLE.search(text)
    if not m or _ABOUT_ARTICLE.sub("", text[:m.start()] + text[m.end():]):
        return None
    n = cn_number(m.group(1))
    for doc in documents:
        for s in walk(doc.outline):
            if s.number.strip().endswith("条") and cn_number(re.sub(r"[第条\s]", "", s.number)) == n:
                return Ref("section", doc.doc_id, s.section_id, False)
    for doc in documents:
        # a plan without articles whose items run 1.–33. through its parts: the 31st item
        items = None if any(s.number.strip().endswith("条") for s in walk(doc.outline)) else _numbered_list(doc, None)
        if items and 1 <= n <= len(items):
            return Ref("section", doc.doc_id, items[n - 1].section_id, False)
    return None


def _titled_part(text: str, documents) -> Ref | None:
    """"贷款担保是第几章" / "数字经济安全的内容在第几部分": where-questions whose topic is words of one
    part's own title (and of no other part's) point at that part, not at a clause that mentions it."""
    unit = asks_location(text)
    topic = location_topic(text)
    if not unit or len(topic) < 2:
        return None
    found = []
    for doc in documents:
        if unit == "专栏":
            found += [(doc, s) for s in walk(doc.outline) if s.kind == "box" and _names(topic, s.title)]
            continue
        if unit in _ITEM_UNITS:
            parts = _items(doc) or []
        else:
            parts = (_unit_sections(doc, unit) if unit in ("篇", "章", "节") else []) or _top_sections(doc)
        found += [(doc, s) for s in parts if s.kind == "section" and s.number.strip()
                  and (_names(topic, s.title) or _names_each(topic, s.title))]
    if len(found) != 1:
        return None
    doc, sec = found[0]
    return Ref(sec.kind, doc.doc_id, sec.section_id, False)


def _names_each(topic: str, title: str) -> bool:
    """A topic of things said with 和/与/及 ("上海和苏州同城化") whose every piece the title names, whole or
    loosely (深入推进上海与苏州重点领域同城化发展)."""
    pieces = [p for p in re.split(r"[和与及、]", topic) if p]
    return len(pieces) > 1 and all(len(p) >= 2 and (p in title or _loosely_names(p, title)) for p in pieces)


def location_topic(text: str) -> str:
    """What a where-question asks the place of: its words before the location phrase
    ("促进消费的任务是方案的哪一部分，标题怎么写" -> "促进消费的任务"), or after it when the unit is
    asked first ("哪一章讲的是贷款利率" -> "贷款利率"); "" when none."""
    m, topic = _location(text)
    if m is None:
        return ""
    topic = re.sub(r"^(?:关于|有关|请问)|(?:的内容|的措施|的部分|内容|的|的呢|呢)$", "", topic.rstrip("，,、"))
    return topic if len(topic) >= 2 else ""


def locate(clause_id: str, documents, unit: str, text: str = "") -> Hit | None:
    """The heading of the part (or, for 节 in a plan with 第X节, the 节) that holds ``clause_id``; the
    part a level down when the question ``text`` names that part as where it asks ("放在重点任务的
    哪一部分": the part of 重点任务 that holds it)."""
    doc_id, _, path = clause_id.partition(":")
    doc = next((d for d in documents if d.doc_id == doc_id), None)
    if doc is None or not path:
        return None
    parts = path.split(".")
    if unit == "专栏":      # "药品监管云建设是哪个专栏": the box that holds the clause (its id names it: 专栏1.2)
        _, box = _find_section([doc], parts[0])
        return _heading_hit(doc, box, 1.0) if box is not None and box.kind == "box" else None
    if unit == "问":    # "讲打破刚性兑付的是哪一问": the question of a question-and-answer text that holds it
        asked = next((q for q in _shape(doc)[1] if path == q or path.startswith(q + ".")), None)
        return _heading_hit(doc, _find_section([doc], asked)[1], 1.0) if asked else None
    if unit in ("行动", "工程"):   # "交通方面的安排在哪个行动里": the …行动 heading that holds it
        named = next((sec for sec in _holders(doc, parts)
                      if re.sub(r"[（(].*$", "", sec.title.strip("。")).endswith(unit)), None)
        return _heading_hit(doc, named, 1.0) if named is not None else None
    if unit in _ITEM_UNITS:     # "买房入学的政策写在第几条": the article, or the numbered item, that holds it
        item = _item_holding(doc, path)
        if item is None and not _items(doc):
            # a plan that numbers no articles nor items through its parts: the deepest numbered
            # heading below a part that holds it ("关于全域旅游的是哪一项": （六）…, under 2021年重点工作)
            item = next((sec for sec in _holders(doc, parts, shallowest=2) if sec.number.strip()), None)
        return _heading_hit(doc, item, 1.0) if item is not None else None
    depth = _unit_depth(doc, unit)
    _, sec = _find_section([doc], ".".join(parts[:depth]))
    if sec is None or sec.kind != "section":
        # a 专栏 item's id names its box (专栏7.1), not the part: the part is the one its titles open with
        clause = _clause_by_id(doc, clause_id)
        titles = tuple(clause.section_path[:depth]) if clause is not None else ()
        sec = next((s for s in walk(doc.outline) if s.kind == "section" and len(titles) == depth
                    and _path_titles(doc, s.section_id) == titles), None) if titles else None
    if sec is None or sec.kind != "section" or not sec.number.strip():
        return None
    if text and (_names_container(text, sec.title) or _GENERIC_PART.search(sec.title)):
        kid = _part_under(doc, sec, _clause_by_id(doc, clause_id))
        # not down to the part the question names as what it asks the place of ("数据要素提质行动属于
        # 哪一部分": the part above that 行动)
        if kid is not None and not _most_of(location_topic(text), kid.title, share=0.8):
            return _heading_hit(doc, kid, 1.0)
    return _heading_hit(doc, sec, 1.0)


def _holders(doc, parts: list[str], shallowest: int = 1):
    """The sections whose ids are the leading ``parts`` of a clause's id, deepest first, down to
    ``shallowest`` parts (a box item's id names no section past its box: those are skipped)."""
    for d in range(len(parts), shallowest - 1, -1):
        sec = _find_section([doc], ".".join(parts[:d]))[1]
        if sec is not None and sec.kind == "section":
            yield sec


def _clause_by_id(doc, clause_id: str):
    return next((c for c in doc.clauses if c.clause_id == clause_id), None)


def _part_under(doc, section, clause):
    """The numbered part (or 专栏) right under ``section`` that holds ``clause``, by its path of titles;
    None when the clause sits in ``section`` itself."""
    above = _path_titles(doc, section.section_id)
    if clause is None or len(clause.section_path) <= len(above) or tuple(clause.section_path[:len(above)]) != above:
        return None
    said = display_title(clause.section_path[len(above)])
    return next((c for c in section.children if c.kind in ("section", "box") and c.number.strip()
                 and display_title(c.title) == said), None)


def _item_holding(doc, section_id: str):
    """The document's item (``_items``: an article, or an item of the numbering that runs through its
    parts) that is the section ``section_id`` or holds it; None when no item does."""
    return next((it for it in _items(doc) or () if section_id == it.section_id
                 or section_id.startswith(it.section_id + ".")), None)


def appendices(doc) -> list:
    """The document's appendix sections (附件 / 附件1：… / 附录：…) in reading order, leaving out
    a bare 附件 heading over numbered ones (附件1, 附件2)."""
    found = [sec for sec in walk(doc.outline) if _APPENDIX.match(sec.title or "")]
    numbered = [sec for sec in found if re.search(r"\d|[一二三四五六七八九十]", sec.title.split("：")[0])]
    bare = [sec for sec in found if sec.title.strip() in ("附件", "附录", "附表", "附图")]
    return [sec for sec in found if not (sec in bare and numbered)]


def _named_appendix(text: str, doc):
    """The appendix the question names as a document of its own: the longest run of the question that
    its title holds ends with a kind of document (操作指南, 申报指南, 任务分工表 …) and the document's own
    title does not hold it ("操作指南分几个部分" of 《…实施方案》 whose 附件 is 《…操作指南》); None when
    no appendix with parts of its own, or more than one, is so named."""
    own = "".join((doc.title or "").split())
    named = []
    for a in appendices(doc):
        run = _common_run(text, a.title)
        if a.children and len(run) >= 3 and re.search(rf"(?:{_DOC_KINDS}|表|清单|名单)$", run) and run not in own \
                and not _quoted_by(a.title, run):
            named.append(a)
    return named[0] if len(named) == 1 else None


def _quoted_by(title: str, run: str) -> bool:
    """Whether ``title`` names ``run`` only in 《》 followed by words of its own: the appendix is about that
    document (附件2：《政府工作报告》有关名词解释 is a glossary of the report, not the report)."""
    m = re.search(r"《([^《》]*)》(.*)$", title)
    return bool(m and run in m.group(1) and re.search(r"[\u4e00-\u9fff]{2}", m.group(2)))


def _appendix_parts(text: str, doc) -> list:
    """The numbered parts of the appendix the question names as a document of its own (``_named_appendix``:
    "操作指南的最后一部分" is its 十二、), else []."""
    a = _named_appendix(text, doc)
    return [s for s in a.children if s.kind == "section" and s.number.strip()] if a is not None else []


def closing_parts(doc) -> list:
    """The parts printed after the last numbered top-level part that carry no number of their own
    (a 名词解释, 本导则用词说明, 引用标准名录, 附图…), in reading order; [] when the outline has no
    numbered top-level part or nothing follows it."""
    tops = [s for s in doc.outline if s.kind in ("section", "glossary")]
    numbered = [i for i, s in enumerate(tops) if s.number.strip()]
    if not numbered:
        return []
    return [s for s in tops[numbered[-1] + 1:] if not s.number.strip()]


def _attachment_list(doc) -> list:
    """The clauses of the notice's list of attachments ("附件：1．…", then "2．…" on the lines under
    it), outside the appendices themselves; [] when the document prints none."""
    for i, c in enumerate(doc.clauses):
        if c.kind != "heading" and _ATTACHMENT_LIST.match(c.text) and not _APPENDIX.match(c.section_path[-1] if c.section_path else ""):
            items = [c]
            for d in doc.clauses[i + 1:]:
                if d.kind == "heading" or not _LIST_ITEM.match(d.text) or len(d.text) > 80:
                    break
                items.append(d)
            return items
    return []


def _name_line(doc, appendix):
    """The line that names an appendix printed bare ("附件1" over "2023年省十件民生实事"): its first
    clause (``corpus.structure`` titles the appendix with it too); None when its heading names it."""
    head = _clause_of(doc, appendix)
    if head is not None and re.sub(_APPENDIX, "", head.text).strip():
        return None
    # (a standard prints the appendix's kind between: 附录 A / (规范性) / 组网架构)
    return _first_clause(doc, appendix, skip=ANNEX_KIND)


def _first_clause(doc, section, skip=None):
    """The first clause under ``section`` that is not its heading (nor matches ``skip``)."""
    heading = _clause_of(doc, section)
    titles = _path_titles(doc, section.section_id)
    for c in doc.clauses:
        if c is not heading and c.kind != "heading" and tuple(c.section_path[:len(titles)]) == tuple(titles) \
                and not (skip is not None and skip.match(c.text.strip())):
            return c
    return None


@functools.lru_cache(maxsize=8)
def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` without whitespace and in NFKC form (（一） as (一), ： as :), with the offset in
    ``text`` of each of its characters: a heading is found in the folded text, cut from the real one."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for f in unicodedata.normalize("NFKC", ch):
            chars.append(f)
            where.append(i)
    return "".join(chars), tuple(where)


def printed_heading(doc_text: str, section) -> str:
    """The section's number and title as the plan prints them ("第一部分：发展基础", "(一)提高思想认识", "1.总则",
    "（五）完善教育教学相关标准。" with the full stop a heading line or a run-in title closes on), whitespace
    runs as one space; "" when the text does not hold them together."""
    fold = lambda s: "".join(unicodedata.normalize("NFKC", s).split())     # noqa: E731
    number, title = fold(section.number or ""), fold(section.title)
    if not number or not title:
        return ""
    folded, where = _folded(doc_text)
    # ("1.总则", "1、总则": a decimal top part's number as printed, which the parser keeps without its stop)
    keys = (number + title, number + ":" + title) + ((number + "." + title, number + "、" + title)
                                                     if number.isdigit() else ())
    found = [(at, len(key)) for key in keys if (at := folded.find(key)) >= 0]
    if not found:
        return ""
    at, n = min(found)
    end = where[at + n - 1] + 1
    if doc_text[end:end + 1] == "。":
        end += 1
    return re.sub(r"\s+", " ", doc_text[where[at]:end])


def _entry(section, doc=None) -> OutlineEntry:
    """The section as a listed heading, labelled as ``doc`` prints it when the heading is found there."""
    printed = printed_heading(doc.text, section) if doc is not None else ""
    return OutlineEntry(section_id=section.section_id, number=section.number, title=section.title,
                        level=section.level, pages=tuple(section.pages), kind=section.kind, printed=printed)


@dataclass(frozen=True)
class StructureAnswer:
    """``entries``: the listed headings; for one section, the section itself
    first, then its children (one level down)."""
    lead: str
    entries: tuple[OutlineEntry, ...]
    excerpts: tuple[Hit, ...]


def table_captions(doc) -> list:
    """The captions of the tables a document prints (表4 2022年南京进出口情况), each once, in order."""
    seen, out = set(), []
    for c in doc.clauses:
        text = re.sub(r"\s+", "", c.text)
        if c.kind == "caption" and text.startswith("表") and text not in seen:
            seen.add(text)
            out.append(c)
    return out


def _listing(doc, head, sections, listing: bool, root=None) -> StructureAnswer:
    hits = [h for h in (_heading_hit(doc, s, 1.0 - (i + 1) * 1e-3) for i, s in enumerate(sections)) if h]
    if head is None:
        ordered = hits
    elif listing and hits:
        ordered = hits + [head]
    else:
        ordered = [head] + hits
    entries = ((_entry(root, doc),) if root is not None else ()) + tuple(_entry(s, doc) for s in sections)
    return StructureAnswer(lead=head.text if head else "", entries=entries, excerpts=tuple(ordered))


# "分为几个部分" / "一共多少章" / "第三部分有几项": the question asks how many, not which
_HOW_MANY = compile_cue(r"(?<![哪第])几(?!乎|年|月|天|岁|倍)|多少(?!钱|年|元|亿|万)")
_COUNT_UNIT_SAID = compile_cue(r"(?:几|多少)\s*(?:个|大)?\s*(篇|章|节|部分|方面|板块|块|项|条|专栏|附件|问题)")
_UNIT_WORDS = {"篇": "篇", "章": "章", "节": "节", "部分": "个部分", "方面": "个方面", "板块": "个板块",
               "块": "块", "项": "项", "条": "条", "专栏": "个专栏", "附件": "个附件", "问题": "个问题"}


def count_note(text: str, ref: Ref, sa: StructureAnswer) -> str:
    """How many headings ``sa`` lists, in the unit the question counts in ("共19篇 (19 listed)"), when
    the question asks how many; "" otherwise. A part's own heading heads its list and is not counted;
    its 专栏 are counted apart from its items ("共9项，另有专栏2个"), and a glossary or attachments beside the
    parts are named apart ("共11个部分，另附名词解释", "共3个部分，另附附件")."""
    if not _HOW_MANY.search(text or "") or ref.kind not in ("whole", "units", "boxes", "appendices", "section", "box"):
        return ""
    said = _COUNT_UNIT_SAID.search(text)
    if ref.kind in ("section", "box") and ref.count:
        # "一共分了几个部分？最后一部分讲的是什么": the parts the last one was counted among, not its own items
        return f"共{ref.count}{_UNIT_WORDS[char_simplified(said.group(1))] if said else '个部分'} ({ref.count} in all)"
    listed = list(sa.entries[1:]) if ref.kind == "section" else list(sa.entries)
    default = {"whole": "个部分", "units": ref.unit, "boxes": "个专栏", "appendices": "个附件"}.get(ref.kind, "项")
    unit = _UNIT_WORDS[char_simplified(said.group(1))] if said else default
    # the attachments listed after the parts are none of them: named apart ("共3个部分，另附附件"), uncounted, as a
    # bare 附件 may head several
    annexes = [] if unit == "个附件" else [e for e in listed if e.kind == "section" and _APPENDIX.match(e.title or "")]
    listed = [e for e in listed if e not in annexes]
    if unit in ("篇", "章", "节") and any(not (e.number or "").endswith(unit) for e in listed if e.kind == "section"):
        return ""           # "第一章有几节" of a 章 whose parts are not printed as 节: no count is claimed
    boxes = [e for e in listed if e.kind == "box"]
    if unit == "个专栏":    # the boxes are what is counted
        listed, boxes = boxes, []
    glossaries = [e for e in listed if e.kind == "glossary"]
    n = len(listed) - len(boxes) - len(glossaries)
    if n <= 0:
        return ""
    zh = [f"共{n}{unit}"] + ([f"另有专栏{len(boxes)}个"] if boxes else []) + \
        [f"另附{display_title(e.title)}" for e in glossaries] + (["另附附件"] if annexes else [])
    en = [f"{n} listed"] + ([f"{len(boxes)} box{'es' if len(boxes) > 1 else ''}"] if boxes else []) + \
        (["a glossary"] if glossaries else []) + (["attachments apart"] if annexes else [])
    return "，".join(zh) + f" ({', '.join(en)})"


def answer(ref: Ref, documents) -> StructureAnswer | None:
    """List the headings ``ref`` points at. None when the outline has nothing to list. The parts
    the question leaves out (``ref.without``) are not listed, where it names parts the list holds."""
    sa = _answer(ref, documents)
    if sa is None or not ref.without or not any(_named_part(e.title, ref.without) for e in sa.entries):
        return sa
    return StructureAnswer(sa.lead, tuple(e for e in sa.entries if not _named_part(e.title, ref.without)),
                           tuple(h for h in sa.excerpts if not _named_part(h.title, ref.without)))


def _answer(ref: Ref, documents) -> StructureAnswer | None:
    docs = {d.doc_id: d for d in documents}
    doc = docs.get(ref.doc_id) or (documents[0] if documents else None)
    if doc is None:
        return None
    if ref.kind == "whole":
        return _listing(doc, None, [s for s in doc.outline if s.kind in ("section", "glossary")], True)
    if ref.kind == "boxes":
        _, part = _find_section([doc], ref.section_id) if ref.section_id else (None, None)
        return _listing(doc, None, [s for s in walk(part.children if part else doc.outline) if s.kind == "box"], True)
    if ref.kind == "tables":
        _, part = _find_section([doc], ref.section_id) if ref.section_id else (None, None)
        captions = [c for c in table_captions(doc) if part is None or _in_section(c, doc, part)]
        hits = tuple(clause_hit(c, 1.0 - i * 1e-3, signal="outline") for i, c in enumerate(captions))
        return StructureAnswer("；".join(c.text for c in captions), (), hits) if hits else None
    if ref.kind == "units":
        return _listing(doc, None, _unit_sections(doc, ref.unit), True)
    if ref.kind == "first":
        return _listing(doc, None, _first_parts(doc, ref.unit)[:ref.count], True)
    if ref.kind == "appendices" and ref.unit == "listed":
        items = _attachment_list(doc)
        hits = tuple(clause_hit(c, 1.0 - i * 1e-3, signal="outline") for i, c in enumerate(items))
        return StructureAnswer(" ".join(c.text for c in items), (), hits) if hits else None
    if ref.kind == "appendices":
        found = appendices(doc)
        if ref.unit in ("表", "图"):
            # "附了哪几张图": the 附图 only, where the document prints them apart from its 附件
            found = [a for a in found if a.title.startswith("附" + ref.unit)] or found
        elif ref.unit == "closing":
            found += [s for s in closing_parts(doc) if s not in found]
        listed = _listing(doc, None, found, True)
        # an appendix headed only "附件1" is named by the line under it
        lines = [_name_line(doc, a) for a in found]
        names = [clause_hit(c, 1.0, signal="outline") for c in lines if c is not None]
        # the notice's own "附件：1．…" list names them all in one place, when it is the list of these
        # appendices (not a 印发通知's "附件：XX行动方案", the document itself)
        listed_names = [_APPENDIX.sub("", a.title).strip() for a in found] + [c.text for c in lines if c is not None]
        items = _attachment_list(doc)
        said = re.sub(r"\s", "", "".join(c.text for c in items))
        own = [clause_hit(c, 1.0, signal="outline") for c in items] \
            if any(n and re.sub(r"\s", "", n) in said for n in listed_names) else []
        return StructureAnswer(listed.lead, listed.entries, tuple(own) + tuple(names) + listed.excerpts)
    _, sec = _find_section([doc], ref.section_id)
    if sec is None:
        return None
    if ref.also:
        # several items asked by position: each one's heading (the whole line of one with nothing under it, a
        # 答记者问's 问：… line), in the order asked
        shown = [_heading_hit(doc, s, 1.0 - i * 1e-3, whole=not s.children) for i, s in
                 enumerate([sec] + [_find_section([doc], x)[1] for x in ref.also]) if s is not None]
        shown = [h for h in shown if h is not None]
        return StructureAnswer("；".join(h.text for h in shown), (), tuple(shown)) if shown else None
    if sec.children:
        return _listing(doc, _heading_hit(doc, sec, 1.0), list(sec.children), ref.listing, root=sec)
    # a part with nothing under it ("第二十二条说的是什么"): what it says, after its heading
    head = _heading_hit(doc, sec, 1.0, whole=True)
    body = _first_clause(doc, sec) if head is not None and head.kind == "heading" else None
    listed = _listing(doc, head, [], ref.listing, root=sec)
    extra = (clause_hit(body, 1.0 - 1e-3, signal="outline"),) if body is not None else ()
    return StructureAnswer(listed.lead, listed.entries, listed.excerpts + extra)


def _in_section(clause, doc, section) -> bool:
    path = clause.clause_id.split(":", 1)[-1]
    sid = section.section_id.replace(" ", "")
    return path.replace(" ", "").startswith(sid + ".") or path.replace(" ", "") == sid or (
        bool(clause.section_path) and clause.section_path[-1] == section.title)


_PROJECTS = compile_cue(r"(哪些|哪几个|几个|什么)(重点|重大)?工程|重点工程(有哪些|包括|是什么|有什么)")


def projects_ref(frame, text: str, vocab, documents) -> Ref | None:
    """"新能源汽车有哪些重点工程" / "它有哪些重点工程" (after 生物医药): the 专栏
    of that chapter's 重点工程, listed. None unless the question asks for the
    projects of a topic that has such a box."""
    if not _PROJECTS.search(text) or frame.places:
        return None
    for topic in frame.topics:
        for key in (topic, vocab.parent.get(topic, "")):
            box = vocab.boxes.get(key)
            if box:
                for doc in documents:
                    if any(s.section_id == box for s in walk(doc.outline)):
                        return Ref("box", doc.doc_id, box, True)
    return None
