"""Questions about the document itself: its 文号, the date it was issued, who issued it, the meeting
that adopted it (经哪次会议审议通过 → the notice or title-block line naming 第X次…会议), the years it
covers (规划期是哪几年 → the clause saying 规划期为…, else a title line carrying 2024—2027年), when it
takes effect and how long it holds (这个办法什么时候开始施行 / 有效期到什么时候 → its 本办法自…起施行 /
有效期至… provision), to whom its notice is addressed (这个通知是发给哪些单位的 → the 主送 line), why it was made
(制定这个文件的目的是什么 → its 为…，制定本办法 sentence), whom it covers (适用范围是什么 → 本办法适用于…), who
interprets it (由哪个部门负责解释 → 本规定由…负责解释, 本文件由…解释), its title (这份文件的全称是什么 → its
title line and the notice line issuing it) and who drafted it (这个标准是哪个单位起草的 → a
standard's 本文件起草单位：… line).

"这份工作方案是以什么文号印发的？" or "这份通知的落款日期是哪天？" ask about the front
matter (corpus.frontmatter: ``Document.doc_number``, ``date``, ``issuer``), not
about a clause's content, and retrieval scores the one-line clause that holds
the answer (国办发〔2018〕128号, 2018年12月29日) low: it shares no word with the
question. Such a question is answered with that clause, verbatim and cited.

Only questions that say they are about issuing the document (印发, 发布, 落款,
成文, 文号, 发文机关 …) are taken: "本办法自何时起施行" and "2025年什么时候完成"
are content, left to retrieval.
"""
from __future__ import annotations

import re

from assistant.text import sentence_spans
from corpus.frontmatter import ISSUER_END, MONTH_DAY_BLANK, iso_date
from corpus.meta import PERIODS, period_of
from corpus.script import compile_cue

_NUMBER = compile_cue(r"文号|发文字号|发文号|几号文|标准号|(?:这个|这份|该|本)(?:标准|规范|导则)[的]?编号")
# verbs said only of issuing a document, and those also said of data or news (发布, 出台), which
# count only when the question names the document (这份方案, 本规划, 该通知 …)
_STRONG = r"(?:印发|下发|落款|成文|签发|发文)"
_WEAK = r"(?:发布|发的|出台|颁布)"
_DOC = compile_cue(r"(?:这份|这个|本|该|此|这一)[\u4e00-\u9fff]{0,4}?(?:通知|文件|方案|规划|意见|办法|计划|纲要|指引|规定|细则|条例|"
                  r"公报|标准|规范|导则|指南|名录|目录|清单|报告|文)"
                  r"|^(?:通知|文件|方案|规划|意见|办法|计划|纲要|指引|公报|标准|名录)")
_WHEN = r"(?:哪天|哪一天|什么时候|何时|什么日期|日期|哪年哪月|几月几[日号]|什么时间|时间)"
_WHO = r"(?:哪个|哪些|什么|哪家|哪几个|哪几家|几个|几家)(?:部门|单位|机关|机构)(?:联合)?|谁|由谁"


# "原来那版预案还管用吗" / "哪些文件同时废止": what the document repeals, or when it lapses itself; its
# provision "《…》同时废止" / "本导则待…公布实施后废止"
_ASKS_REPEALED = compile_cue(r"废止|作废|(?:原来|原先|以前|之前|旧|老)[^，。？?]{0,12}?"
                            r"(?:文件|预案|办法|规定|政策|通知|方案|意见|条例|细则|规划|版)[^，。？?]{0,6}?"
                            r"(?:还管用|还有效|还适用|还执行|还能用|还算数|继续有效|失效)")
# (a count of repealed texts is content: "新制发和废止各多少" of an annual report's table)
_ASKS_COUNT = compile_cue(r"多少|几(?:个|件|部|项|份|条)")
_STATES_REPEALED = compile_cue(r"(?:同时|予以|自行|一并|后)(?:废止|失效)")


def _asks(q: str, pattern: str) -> bool:
    pattern = f"(?:{pattern})"
    strong = re.search(rf"{_STRONG}.{{0,8}}{pattern}|{pattern}.{{0,6}}{_STRONG}", q)
    weak = re.search(rf"{_WEAK}.{{0,8}}{pattern}|{pattern}.{{0,6}}{_WEAK}", q)
    return bool(strong or (weak and _DOC.search(q)))


_STANDALONE_MAX = 24
# a 版记 line: the office that printed the document and the day ("湖北省文化和旅游厅办公室2021年10月27日印发")
_PRINTED_ON = compile_cue(r"^[\u4e00-\u9fff（）()]{2,30}?(?:19|20)\d\d年\d{1,2}月\d{1,2}日印发$")
_BRACKET_DATE = re.compile(r"[（(]\s*(?:19|20)\d\d年\d{1,2}月\d{1,2}日")


# the issuer named between the asked thing and the verb: "哪一天由普陀区绿化和市容管理局印发的"
_BY_ISSUER = compile_cue(r"由(?P<who>[^，。；？！?!,]{2,24}?)(?=(?:联合)?(?:印发|下发|签发|发文|发布|出台|颁布))")


# what an excerpt that answers a date, 文号, 主送 or interpreter question shows
STATES = {"date": compile_cue(r"\d{4}\s*年\s*\d{1,2}\s*月|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月"
                          r"|(?:19|20)\d\d\s*-\s*\d{1,2}\s*-\s*\d{1,2}\s*发布"),     # a standard's cover: 2025-05-30 发布
          "doc_number": compile_cue(r"[〔\[［【]\s*\d{4}\s*[〕\]］】]\s*\d{1,4}\s*号|令\s*第\s*\d{1,4}\s*号"),
          # the notice's 主送 line: bodies, then a colon ("各县(市、区)人民政府,运城开发区管委会,市直各有关单位:")
          "addressees": re.compile(r"^[^。；;！？!?]{2,200}[：:]\s*$"),
          # its provision on who interprets it (below)
          "interpreter": compile_cue(r"负责[\u4e00-\u9fff]{0,4}?(?:解释|解读)|^本[\u4e00-\u9fff]{0,6}由[^。；;]{2,40}?解释"),
          "repealed": _STATES_REPEALED}
NOT_PRINTED = {"date": "规划文本中没有写明日期 (the text prints no date)",
               "doc_number": "规划文本中没有写明文号 (the text prints no document number)",
               "addressees": "规划文本中没有写明主送单位 (the text names no addressees)",
               "interpreter": "规划文本中没有写明由谁负责解释 (the text does not say who interprets it)",
               "repealed": "规划文本中没有写明废止哪些文件 (the text repeals nothing it names)"}


# "经哪次会议审议批准" / "在哪一次全国人大会议上作的" / "在哪次人代会上作的": the meeting that adopted or heard the document
_WHICH_MEETING = compile_cue(r"(?:哪次|哪一次|哪个|什么)[\u4e00-\u9fff]{0,8}?(?:会议|全会|大会|人代会)")
_ADOPTED = compile_cue(r"通过|审议|批准|同意|提出|作的|上作|讨论|作出")
# a line that names such a meeting: "已经区政府第72次常务会议审议通过", "（…第四次全体会议通过）"
_MEETING = compile_cue(r"第[一二三四五六七八九十百零〇\d]+次[\u4e00-\u9fff]{0,12}?(?:会议|全会)")


# "这个通知是发给哪些单位的" / "主送单位有哪些": to whom the notice is addressed, asked of the document
# itself ("补贴发给谁" asks the content)
_ASKS_ADDRESSEES = compile_cue(r"主送|(?:通知|文件|方案|规划|意见|办法|措施|计划|细则|要点|指南)(?:是|都|主要)?"
                              r"(?:印发|下发|发|送)(?:给|到|至)了?(?:哪些|哪个|哪几|什么|谁)")


# "规划期是哪几年" / "这个规划的时间跨度": the years the document covers
# ("规划期内要新建多少座台站" asks the content: the period is only where the question asks its years or length,
# of the document itself: "三年行动计划是哪几年的" names another plan its text mentions)
_ASKS_PERIOD = compile_cue(r"(?:规划期限?|规划年限)(?:是|为|有|到|截至|截止到?)?从?(?:哪几年|哪些年|哪一?年|多长|多久|几年|多少年|什么|怎么|起止)"
                          r"|规划的?(?:时间跨度|起止)|(?:规划|纲要|计划|方案)(?:管|覆盖|涵盖)?(?:的)?(?:是)?(?:哪几年|哪段时间|哪个?时间段|什么时间段)")
# a clause that states them, or a title that carries them (…规划（2024—2027年）)
_STATES_PERIOD = compile_cue(r"规划期(?:限)?(?:为|是|：|:)|规划基期")
# (a span may give its months: "2010年3月～2015年2月")
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*年?(?:\s*\d{1,2}\s*月)?\s*[—–\-－~～∼至到]+\s*(?:19|20)\d{2}\s*年")


# "这个办法什么时候开始施行" / "有效期到什么时候": when the document itself takes effect, asked of the
# document (its kind or title before the asking words), not of something it rules ("增量项目从什么时候开始执行")
_ASKS_EFFECTIVE = compile_cue(r"从?(?:什么时候|何时|哪天|哪一天|哪年哪月|几月几[日号])(?:开始|起)?(?:正式)?(?:实施|施行|执行|生效)"
                             r"|(?:实施|施行|执行|生效)(?:日期|时间)|有效期")
_DOC_KIND = r"(?:办法|条例|方案|规定|措施|意见|细则|规划|纲要|计划|预案|指南|指引|通知|政策|决定|要点|文件|规则|法律|法|标准|规范|导则|名录|目录|清单)"
_NAMES_DOCUMENT = compile_cue(rf"^(?:这个|这份|这项|这部|这些|该|本|此|新)?(?:《[^《》]{{2,60}}》|[\u4e00-\u9fff]{{0,24}}?{_DOC_KIND})?$")
# the provision that says so: "本办法自2023年2月12日起施行", "自印发之日起实施，有效期5年", "有效期至2025年12月31日"
_STATES_EFFECTIVE = compile_cue(r"自[^。；;]{0,24}?起(?:施行|执行|实施|生效)|有效期(?:至|为|\d|[一二三四五六七八九十]年)")


# "制定这个办法的目的是什么" / "为什么要出台这些措施" / "这份规划的编制依据": why the document was made,
# asked of the document ("这项工程的目的是什么" asks the content); its own statement opens a sentence with
# 为（了）/根据/依据 and closes it on 制定本办法 / 现提出如下意见 / 制定以下措施
_ASKS_PURPOSE = compile_cue(r"(?:立法|制定|编制|出台|发文)?(?:目的|宗旨|初衷|用意|依据)(?:是什么|是啥|有哪些|是哪些|何在)?[？?。]*$")
_WHY_MADE = compile_cue(r"^为(?:什么|啥)要?(?:制定|出台|印发|编制|发布|起草)")
_STATES_PURPOSE = compile_cue(r"^(?:第一条|[\d.．]+|[一二三四五六七八九十]+、)?(?:为了?|根据|依据)[^。；;]{4,}?"
                             r"(?:制定|编制|提出|出台)(?:本|如下|以下|此)")
# "适用范围是什么" / "这个办法适用于哪些人": whom or where the document covers; its provision 本办法适用于… /
# 适用范围为…
_ASKS_SCOPE = compile_cue(r"适用(?:范围|对象)|适用于?(?:哪些|什么|哪里|谁|哪个|哪几)"
                         r"|(?:主要|是)?(?:面向|针对)(?:哪些|什么|哪类|哪几类)(?:人|人群|群体|对象|主体)")
_STATES_SCOPE = compile_cue(r"本[\u4e00-\u9fff“”\"]{0,10}?适用(?:于|范围)|适用范围(?:为|是(?!什么|啥|哪)|：|:)")
# "这个标准是哪个单位起草的" / "编制单位是谁": who drafted the document (its 起草单位：… line, or 本指南由…起草).
# Not in STATES: a text that prints no such line is answered by retrieval as before
_ASKS_DRAFTER = compile_cue(r"(?:哪个|哪些|什么|哪家|哪几个)(?:单位|机构|部门)(?:来|负责|组织)?(?:起草|编制|编写)的?[？?。]*$"
                           r"|(?:起草|编制|编写)(?:单位|机构)(?:是|有|为)?(?:谁|哪|什么)|由?谁(?:起草|编制|编写)的?[？?。]*$")
_STATES_DRAFTER = compile_cue(r"^本[\u4e00-\u9fff]{0,6}?(?:(?:起草|编制|编写)单位(?:为|是|[：:])|由[^。；;]{2,60}?(?:起草|编制|编写)[。；;]?$)")
# "这份文件的全称是什么" / "这个规划叫什么名字" / "标题是啥": the document's own title, asked of the document
# itself (what comes before names it, or nothing does: "那个园区叫什么名字" asks the content); answered
# with its title line, and the notice line that issues it under that title
_ASKS_TITLE = compile_cue(r"的?(?:标题|题目|全称|全名|名称|名字|正式名称|完整名称|完整标题|文件名|题名)"
                         r"(?:是什么|是啥|叫什么|叫啥|是|为)?(?:呢|啊|呀)?[？?。！!]*$|叫(?:什么|啥)(?:名字|名称)?(?:呢|啊|呀)?[？?。！!]*$")
_TITLE_LEAD = compile_cue(r"(?:请问|问一下)?(?:这个|这份|这篇|这部|这一|该|本|此|这)?(?:[\u4e00-\u9fff《》“”]{0,30}?"
                         r"(?:文件|规划|纲要|方案|计划|意见|办法|通知|报告|公报|条例|细则|规定|措施|决定|建议|预案|指南|"
                         r"指引|标准|规范|导则|白皮书|要点|清单|名录|目录|政策|稿|材料|文档|正文)》?)?")
# "由哪个部门负责解释" / "解释权归谁": who interprets the document (its closing provision 本办法由…负责解释)
_ASKS_INTERPRETER = compile_cue(r"(?:谁|哪个|哪些|什么|哪家)[\u4e00-\u9fff]{0,3}?(?:来|负责)?(?:解释|解读)(?!一下)|解释权")


def _asks_of_document(q: str, asked: re.Pattern, titles=()) -> bool:
    """Whether ``q`` asks ``asked`` of the document itself: what comes before the asking words is
    nothing, or names the document (这份操作指南, 《…》, 本办法, words of its title), read past a lead verb
    (制定这个办法的目的) and a trailing 的/由/归, not a thing it describes (…的措施); with ``titles``, a kind
    of document it names must be one of theirs (a 办法 is not asked so)."""
    m = asked.search(q)
    if not m:
        return False
    # (asking words that open on the kind, "规划覆盖哪段时间", leave it to a name that points at the document:
    # 这份五年发展规划, not 长三角一体化三年行动计划, another plan its text names)
    kind = re.match(_DOC_KIND, q[m.start():])
    pointed = kind and re.match(r"(?:这个|这份|这项|这部|本|该|此)[\u4e00-\u9fff]+$", q[:m.start()])
    lead = re.sub(r"[，,。、：:（）()\s]|没有特别注明(?:实施)?(?:期限|时限)的|^(?:修订后|新修订|现行)的?", "", q[:m.start()])
    lead = re.sub(r"^(?:制定|出台|印发|编制|发布|起草)|(?:的|由|归|是|要)+$", "", lead)
    if not _NAMES_DOCUMENT.match(lead) and pointed:
        lead += kind.group(0)
    if not _NAMES_DOCUMENT.match(lead):
        return False
    unquoted = re.sub(r"《[^《》]*》", "", lead)
    bare = re.sub(r"^(?:这个|这份|这项|这部|这些|该|本|此|新)", "", lead)
    if "的" in unquoted and not any(bare in _squash(t) for t in titles):
        return False        # "利用中欧班列…的措施适用于哪个自贸试验区" describes one of its measures
    kind = re.search(_DOC_KIND + "$", unquoted)
    titles = [t for t in titles if re.search(r"[\u4e00-\u9fff]", t or "")]     # a file name is no title
    said = kind.group(0) if kind else ""
    return not (kind and titles and said not in ("文件", "政策", "通知")
                and not any(_is_kind(_squash(t), said) for t in titles))


def _is_kind(title: str, kind: str) -> bool:
    """Whether a document titled ``title`` is a ``kind`` (a law, 法/法律, by a title ending on 法, not 办法)."""
    if kind in ("法", "法律"):
        return title.endswith("法") and not title.endswith(("办法", "方法"))
    return kind in title


def asked_fields(question: str, titles=()) -> list[str]:
    """``asked_field``'s field, and the issuer or date beside it when the question asks both
    ("这份公报是哪个单位发布的，发布日期是哪天？"): each is answered with its own line."""
    first = asked_field(question, titles)
    q = re.sub(r"\s+", "", question or "")
    if first == "date" and (_asks(q, _WHO) or re.search(r"发文机关|发文单位|印发单位|印发机关", q)):
        return ["issuer", "date"]
    if first == "issuer" and _asks(q, _WHEN):
        return ["issuer", "date"]
    return [first] if first else []


def asked_field(question: str, titles=()) -> str:
    """"doc_number", "meeting", "date", "issuer", "addressees", "drafter", "period", "repealed", "effective",
    "validity", "interpreter", "scope", "title", "purpose" or "" (not a question about the document's issuing, who
    drafted it, its years, what it repeals, when it takes effect or how long it holds, who interprets it, whom it
    covers, what it is titled or why it was made)."""
    q = re.sub(r"\s+", "", question or "")
    q = _BY_ISSUER.sub(lambda m: m.group(0) if re.search(r"哪|谁|什么", m.group("who")) else "", q)
    if _NUMBER.search(q):
        return "doc_number"
    if _WHICH_MEETING.search(q) and _ADOPTED.search(q):
        return "meeting"
    if _asks(q, _WHEN) or re.search(r"落款日期|成文日期|发文日期|印发日期", q):
        return "date"
    if _ASKS_ADDRESSEES.search(q):
        return "addressees"
    if _asks(q, _WHO) or re.search(r"发文机关|发文单位|印发单位|印发机关", q):
        return "issuer"
    if _ASKS_DRAFTER.search(q):
        return "drafter"
    if _asks_of_document(q, _ASKS_PERIOD, titles):
        return "period"
    if _ASKS_REPEALED.search(q) and not _ASKS_COUNT.search(q):
        return "repealed"
    if _asks_of_document(q, _ASKS_EFFECTIVE, titles):
        return "validity" if "有效期" in q else "effective"
    if _asks_of_document(q, _ASKS_INTERPRETER, titles):
        return "interpreter"
    if _asks_of_document(q, _ASKS_SCOPE, titles):
        return "scope"
    if _asks_title(q, titles):
        return "title"
    if _asks_of_document(q, _ASKS_PURPOSE, titles) or (
            (m := _WHY_MADE.search(q)) and _NAMES_DOCUMENT.match(re.sub(r"[？?。，,]|呢$|的$", "", q[m.end():]))):
        return "purpose"
    return ""


def _asks_title(q: str, titles=()) -> bool:
    """Whether ``q`` asks the document's own title: its asking words close the question and what comes
    before them is nothing or names a document (这份通知, 《…》, 本规划) with words of one of ``titles``
    ("这个人才计划叫什么名字" of a 规划 asks a programme it holds)."""
    m = _ASKS_TITLE.search(q)
    if not m:
        return False
    lead = re.sub(r"(?:的|是|就)+$", "", re.sub(r"[，,。、：:\s]", "", q[:m.start()]))
    # ("这份通知印发的政策文件正文标题": the document a notice issues is the document)
    lead = re.sub(r"^(?:这份|这个|该|本|此)?通知(?:所|里)?(?:印发|发布|转发|附)的", "", lead)
    # (a lead that describes, "推进企业挂牌上市的计划", names a thing the document holds)
    if "的" in re.sub(r"《[^《》]*》", "", lead) or not _TITLE_LEAD.fullmatch(lead):
        return False
    said = re.sub(r"^(?:请问|问一下)?(?:这个|这份|这篇|这部|这一|该|本|此|这)?|[《》“”]", "", lead)
    said = re.sub(r"(?:文件|材料|文档|稿|通知|正文)+$", "", said)      # (a notice issues the document)
    named = [_squash(t) for t in titles if re.search(r"[\u4e00-\u9fff]", t or "")]
    return not (said and named and not any(all(ch in t for ch in said) for t in named))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _short(c) -> bool:
    return len(_squash(c.text)) <= _STANDALONE_MAX


def _outside_appendices(clauses) -> list:
    return [c for c in clauses if not any(p.startswith(("附件", "附表", "附录")) for p in c.section_path)]


def clauses_for(doc, field: str) -> list:
    """The clauses of ``doc`` that state ``field``: one line, or, for the issuers of a joint notice
    signed on several lines ("广东省发展改革委 广东省能源局" over "广东省工业和信息化厅 …"), those lines."""
    if field == "title":
        return _title_lines(doc)
    found = clause_for(doc, field)
    if found is not None or field != "issuer" or "、" not in doc.issuer:
        return [found] if found is not None else []
    want = _squash(doc.issuer).replace("、", "")
    clauses = list(doc.clauses)
    # the masthead over the notice title names them all on one line, as a reader sees them first
    masthead = [c for c in clauses[:2] if len(bodies := c.text.split()) >= 2
                and all(ISSUER_END.search(b) for b in bodies)]
    for i, c in enumerate(clauses):
        run, said = [], ""
        for d in clauses[i:i + 8]:
            said += _squash(d.text)
            run.append(d)
            if not want.startswith(said):
                break
            if said == want:
                return masthead + run
    return masthead


def _title_lines(doc) -> list:
    """The document's title as printed: its own title line (a line that is the title, else the first of
    its opening lines that holds it, a standard's cover or a title with its date), then the notice line that
    issues it (关于印发《…》的通知); none when the title is only the file's name."""
    name = _squash(doc.title)
    if not re.search(r"[\u4e00-\u9fff]", name):
        return []
    clauses = list(doc.clauses)[:40]
    holding = [c for c in clauses if name in _squash(c.text) and len(_squash(c.text)) <= len(name) + 40]
    own = [c for c in holding if c.kind != "notice"]
    own = [c for c in own if _squash(c.text) == name][:1] or own[:1]
    notice = [c for c in holding if c.kind == "notice" and re.search(r"印发|转发|发布|通知", c.text)][:1]
    return own + notice


def clause_for(doc, field: str):
    """The clause of ``doc`` that states ``field`` (a notice or title-block line first), or None."""
    clauses = list(doc.clauses)
    front = [c for c in clauses if c.kind == "notice"] + clauses[:8]
    if field == "doc_number":
        want = _squash(doc.doc_number)
        if not want:
            return None
        return next((c for c in front + clauses if want in _squash(c.text)), None)
    if field == "repealed":
        # the document's own provision (or its notice's): the last clause that repeals a text
        said = [c for c in _outside_appendices(clauses) if _STATES_REPEALED.search(_squash(c.text))]
        return said[-1] if said else None
    if field in ("effective", "validity"):
        # the document's own provision, printed near its end: the last clause that says when it takes
        # effect or how long it holds (for 有效期, one that says that first), outside its appendices
        said = [c for c in _outside_appendices(clauses) if _STATES_EFFECTIVE.search(_squash(c.text))]
        held = [c for c in said if "有效期" in c.text] if field == "validity" else []
        return (held or said)[-1] if said else None
    if field == "drafter":
        return next((c for c in _outside_appendices(clauses) if _STATES_DRAFTER.search(_squash(c.text))), None)
    if field in ("interpreter", "scope", "purpose"):
        # the document's own provisions, outside its notice and appendices
        own = [(c, _squash(c.text)) for c in _outside_appendices(clauses) if c.kind != "notice"]
        if field == "interpreter":
            # its closing provision: the last that says who interprets it
            said = [c for c, t in own if STATES["interpreter"].search(t)]
            return said[-1] if said else None
        if field == "scope":
            return next((c for c, t in own if _STATES_SCOPE.search(t)), None)
        # the first sentence that says why it was made (the preamble's, or 第一条)
        return next((c for c, t in own if any(_STATES_PURPOSE.search(t[a:b]) for a, b in sentence_spans(t))), None)
    if field == "period":
        # the clause that says 规划期为…, else a title line that carries the years, else a clause that gives
        # the five-year period its years ("“十五五”时期（2026－2030年）是…"), else the title line that names
        # the period ("崇明区水务“十四五”规划"; its years are said in a note, ``field_note``)
        said = next((c for c in clauses if _STATES_PERIOD.search(_squash(c.text)) and _YEAR_SPAN.search(_squash(c.text))), None)
        opening = _squash(doc.title)[:6]
        titled = next((c for c in clauses[:12] if opening and _YEAR_SPAN.search(_squash(c.text))
                       and _squash(c.text).startswith(opening)), None)
        name = _squash(doc.title)
        own = period_of(name)[0]
        own = own if own in PERIODS else ""
        gives_years = compile_cue(re.escape(own) + r"[”\"]?(?:时期|期间)?[（(]" + _YEAR_SPAN.pattern) if own else None
        spanned = next((c for c in clauses if gives_years and gives_years.search(_squash(c.text))), None)
        named = sorted((c for c in clauses[:12] if own and name in _squash(c.text)), key=lambda c: c.kind == "notice")
        return said or titled or spanned or (named[0] if named else None)
    if field == "addressees":
        # the notice's 主送 line (a notice printed without one addresses no one by name)
        return next((c for c in clauses if c.kind == "notice" and STATES["addressees"].match(_squash(c.text))), None)
    if field == "meeting":
        # the notice or title-block line that names the meeting (已经…第72次常务会议审议通过)
        return next((c for c in front if _MEETING.search(_squash(c.text))), None)
    if field == "date":
        # a line that is only a date: the notice's or the document's own 落款
        dated = [c for c in clauses if _short(c) and iso_date(_squash(c.text))] \
            or [c for c in clauses if _short(c) and MONTH_DAY_BLANK.fullmatch(_squash(c.text))]
        # (a 落款 whose day was left blank for the stamp, "2025年4月日": the month is all the text prints)
        if doc.date:
            dated = [c for c in dated if iso_date(_squash(c.text)) == doc.date] or dated
        notice = [c for c in dated if c.kind == "notice"]
        if notice:
            return notice[-1]
        if 0 < len(dated) <= 2:
            return dated[-1]
        # a date in brackets beside the title or on the line under it: "…的意见（2025年1月1日）",
        # "（2025年10月23日中国共产党第二十届中央委员会第四次全体会议通过）"
        opening = [(c, iso_date(m.group(0))) for c in clauses[:3] if (m := _BRACKET_DATE.search(_squash(c.text)))]
        # else the 版记's line "湖北省文化和旅游厅办公室 2021年10月27日印发"
        return next((c for c, d in opening if not doc.date or d == doc.date), None) \
            or next((c for c in reversed(clauses) if _PRINTED_ON.match(_squash(c.text))), None) \
            or next((c for c in clauses[:1] if c.kind == "heading" and STATES["date"].search(c.text)), None)
    if field == "issuer":
        want = _squash(doc.issuer)
        if not want:
            return None
        lines = [c for c in front if _short(c) or c.kind == "notice"]
        found = next((c for c in reversed(lines) if want in _squash(c.text)), None)
        if found is None and "、" in want:
            # a title block that names every issuer (a standard's cover: …发布 under both bodies)
            found = next((c for c in clauses[:2] if all(w in _squash(c.text) for w in want.split("、"))), None)
        # else its 落款 line (国务院办公厅 over the date, after the text), or the title that names it
        return found or next((c for c in clauses if _squash(c.text) == want), None) \
            or next((c for c in clauses[:3] if _squash(c.text).startswith(want)), None)
    return None


def field_note(field: str, text: str) -> str:
    """What the line that answers ``field`` leaves for the reader to know: for a period answer whose line
    names a five-year period but prints no years ("崇明区水务“十四五”规划"), the years of that period; for a
    date whose day the 落款 left blank for the stamp ("2025年4月日"), that the day is not printed; ""
    otherwise."""
    if field == "date" and MONTH_DAY_BLANK.fullmatch(_squash(text)):
        return "落款日期只写了年月，日未填写 (the text leaves the day blank)"
    if field != "period" or _YEAR_SPAN.search(_squash(text)):
        return ""
    name, years = period_of(text)
    if name not in PERIODS:
        return ""
    return f"“{name}”时期为{years[0]}—{years[1]}年，文中未写明起止年份 (the text names the period, not its years)"


# what a document calls itself: 本办法, 本规划 … (the longer forms first, so 实施方案 is one kind)
_KIND = compile_cue(r"规划纲要|规划|纲要|方案|应急预案|预案|计划|实施意见|指导意见|意见|办法|实施细则|细则|规定|条例|措施|通知|决定|导则|准则|规程|法律|法|"
                   r"建议|要点|指南|指引")
_BEFORE = compile_cue(r"(?:这份|这个|这一|该|本|此)?[《“\"]?$")
_AFTER = compile_cue(r"^[》”\"]?")
_OWN_NAME_MIN = 4


def own_name(question: str, titles) -> str:
    """``question`` with the document's own name said as the document says it of itself:
    "人才住房管理办法哪天开始施行" asked of 《珠海市人才住房管理办法》 is "本办法哪天开始施行". The
    name is the longest run of the question, at least four characters, that one of ``titles``
    holds and that ends with the kind of document (办法, 规划, 实施方案 …). Every clause is about
    the document, so its name's words only pull up the clauses that repeat them (the title line,
    第一条's purpose) over the one that answers (本办法自2021年12月1日起施行). Unchanged when the
    question does not name a document of ``titles``."""
    names = [_squash(re.sub(r"[《》“”\"]", "", t or "")) for t in titles]
    names = [n for n in names if n]
    if not names or not question:
        return question
    out, pos = [], 0
    for m in _KIND.finditer(question):
        end = m.end()
        start = next((s for s in range(max(pos, end - 60), m.start() + 1)
                      if end - s >= _OWN_NAME_MIN and any(question[s:end] in n for n in names)), None)
        if start is None:
            continue
        before = _BEFORE.search(question[pos:start])
        start -= len(before.group(0)) if before else 0
        after = _AFTER.match(question[end:])
        out.append(question[pos:start] + "本" + m.group(0)[-2:])
        pos = end + (len(after.group(0)) if after else 0)
    return "".join(out) + question[pos:] if out else question


# a year a part of the document is about, in its heading ("一、2023年工作回顾", "二、2024年工作安排")
_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# (not 上年: "比上年增长多少" compares with the year before the one asked about)
_RELATIVE_YEAR = {"前年": -2, "去年": -1, "今年": 0, "本年度": 0, "明年": 1}
_SAID_YEAR = re.compile(r"前年|去年|今年|本年度|明年")
_YEAR_PARTS: dict = {}


def _year_parts(doc) -> tuple[int, frozenset]:
    """(``current_year``, the years top-level parts are headed by), read once per document."""
    key = (doc.doc_id, getattr(doc, "text", "") or "", len(doc.clauses))
    if key not in _YEAR_PARTS:
        if len(_YEAR_PARTS) > 64:
            _YEAR_PARTS.clear()
        _YEAR_PARTS[key] = _read_year_parts((c.section_path[0] if c.section_path else "", c.text)
                                            for c in doc.clauses)
    return _YEAR_PARTS[key]


def _read_year_parts(parts) -> tuple[int, frozenset]:
    """``_year_parts`` of (top-level heading, text) of each clause."""
    said: dict[int, int] = {}
    headed: set[int] = set()
    for heading, text in parts:
        y = _heading_year(heading)
        if y:
            headed.add(y)
            said[y] = said.get(y, 0) + text.count("今年")
    if len(headed) < 2:
        # not a document told by years: one part headed by a year ("“十四五”发展战略及2035年远景目标",
        # 附件1 …指标体系（2023年）) is one part among others on the same years
        return 0, frozenset()
    ranked = sorted(((y, n) for y, n in said.items() if n), key=lambda kv: -kv[1])
    if ranked:
        now = ranked[0][0] if len(ranked) == 1 or ranked[1][1] * 2 <= ranked[0][1] else 0
    elif len(headed) == 2 and max(headed) - min(headed) == 1:
        now = max(headed)          # a year's report and the next year's plan, 今年 never said
    else:
        now = 0
    return now, frozenset(headed)


def current_year(doc) -> int:
    """The year a document told by years calls 今年 (a 政府工作报告 reviewing 2023 and planning 2024: 2024):
    the year named in the heading of the top-level part where its text says 今年 (at least twice as often as
    under any other year), or, where it never says 今年, the later of two consecutive years its parts
    are headed by (2007年计划执行情况, 2008年计划); 0 when fewer than two of its parts are headed by years."""
    return _year_parts(doc)[0]


def unheaded(query: str, year: int, documents) -> str:
    """``query`` without "2023年" where ``year`` is 2023 and a top-level part of each document (told by
    years) is headed by it: every clause of that part is about that year, and ``in_asked_year`` puts them
    first, so the year's words would only pull up the few clauses that repeat it."""
    if not year or not all(year in _year_parts(d)[1] for d in documents):
        return query
    return re.sub(rf"(?<!\d){year}\s*年", " ", query).strip() or query


def said_years(question: str, documents) -> str:
    """``question`` with 今年 / 去年 / 明年 said as the years they are in ``documents`` (one current year for
    all: ``current_year``; "去年深圳GDP多少" of a report planning 2024 -> "2023年深圳GDP多少"), from which
    ``asked_year`` reads the year asked; unchanged otherwise."""
    if not _SAID_YEAR.search(question or ""):
        return question
    years = {current_year(d) for d in documents}
    if len(years) != 1 or 0 in years:
        return question
    now = years.pop()
    return _SAID_YEAR.sub(lambda m: f"{now + _RELATIVE_YEAR[m.group(0)]}年", question)


def asked_year(question: str, documents) -> int:
    """The one year ``question`` asks about in documents told by years (``current_year``): a year it names
    ("2023年"), or 今年 / 去年 / 明年 said of them; 0 otherwise."""
    if not documents or not all(_year_parts(d)[1] for d in documents):
        return 0
    said = said_years(question or "", documents)
    if _SAID_YEAR.search(said):
        return 0
    named = {int(y) for y in _HEADING_YEAR.findall(said)}
    return named.pop() if len(named) == 1 else 0


# a title's year that is not the year the document is of: a horizon ("2035年远景目标", "2030 年前"), an edition
# ("（2021年版）") or a date ("（2014年10月）"); and a five-year period
_NOT_OWN_YEAR = compile_cue(r"(?<!\d)(?:19|20)\d{2}\s*年(?:度)?\s*(?:版|前|远景|以来|\d|月)|十[一二三四五六七八九]五|五年规划|五年计划")


def own_year(doc) -> str:
    """The one year a document of a year is about, as its title names it ("2024" of 合肥市2024年国民经济和社会发展
    统计公报, 2025年政府工作报告, 关于2023年度…申请指南): its text says 全年 / 年末 / 今年 for that year, not the year
    itself. "" for a document whose title names no year, several, a five-year period or a horizon
    (“十四五”规划和2035年远景目标纲要, 2030 年前碳达峰行动方案)."""
    title = getattr(doc, "title", "") or ""
    year = 0 if _NOT_OWN_YEAR.search(title) else _heading_year(title)
    return str(year) if year else ""


def part_year(hit) -> int:
    """The year the top-level part holding ``hit`` is headed by ("一、2023年工作回顾": 2023); 0 for a part
    whose heading names no single year."""
    return _heading_year(hit.section_path[0]) if hit.section_path else 0


def _heading_year(heading: str) -> int:
    """The one year ``heading`` names ("2023年工作回顾": 2023); 0 for none or a span (任务清单（2024-2026年）)."""
    years = set(re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", heading))
    said = _HEADING_YEAR.findall(heading)
    return int(said[0]) if len(years) == 1 and said else 0


def in_asked_year(hits, year: int) -> list:
    """``hits`` with those in a part headed by another year than ``year`` after the rest, each group in
    its order: "去年深圳GDP多少" of a report on 2023 and 2024 reads the 2023 review before the 2024 targets.
    Unchanged for ``year`` 0 (``asked_year`` of documents not told by years)."""
    if not year:
        return list(hits)
    return sorted(hits, key=lambda h: part_year(h) not in (0, year))
