"""Recover a plan's outline from its paragraphs and cut it into clauses.

Recognised structure (at the start of a paragraph):

* numbered headings, ranked 第X编/篇 > 第X章 > 第X节 > 第X条 > 一、 > （一） > 1. >
  （1） > ①; a heading may carry body text after its title sentence
  (``（一）加强组织领导。各地要……``);
* bold leads: a short title ending with 。 that opens a paragraph
  (``集成电路产业。提升……``), accepted only when at least two sibling
  paragraphs open that way, so that an ordinary short first sentence is not
  mistaken for a title;
* ``专栏 N 标题`` boxes with their ``xxx工程：`` (or ``xxx装备。``) items, or their own numbered list
  ``1.`` ``2.`` … (a box ends at its first paragraph that is neither, so the outer
  list's next number closes it; a ``…图`` box is a map with no body); a box
  belongs to the top-level section it appears in;
* the ``名词解释`` glossary (also letter-spaced ``名 词 解 释``) with its
  numbered ``N. 术语：释义`` entries;
* unnumbered top-level sections ``序言`` ``前言`` ``结束语`` (closed by the next top-level
  numbered heading) and appendices ``附录：…`` ``附件1`` (closed only by the next appendix or a
  glossary: the 一、…十、 printed in an appendix are its parts, not the document's); an appendix
  printed bare takes the title line under it (``附件1`` over ``2023年省十件民生实事`` is
  ``附件1：2023年省十件民生实事``);
* colon-led headings on a line of their own (``总体要求与目标：``), below any
  numbered level;
* the questions of a question-and-answer text (``问：…？`` over ``答：…``, a 答记者问 or 政策问答),
  each heading its answer, below any numbered level;
* table rows (``Paragraph.table``): a clause each, kind ``table``, titled with
  the table's header row; the header row itself is a clause of kind ``heading``
  (a heading of the rows: no fact to show on its own);
* a numbered heading whose paragraph ran into it is cut where its 目录 entry's
  title ends (``第一节改造提升传统服务业运用现代营销方式…``).

Front matter (``corpus.frontmatter``) is split off first: the 印发通知 becomes
clauses of kind ``notice`` (``通知.<n>``) outside the tree, the 目录 no clauses.

Text before the first heading is the preface; a file without any heading
becomes plain paragraph clauses.

Outline (``Section``): kinds ``section`` (numbered headings), ``box``,
``glossary`` and ``item`` (leaves: bold leads, box items, glossary entries).
``Section.number`` is the printed number (``三、`` ``（一）`` ``1.`` ``专栏 10``
``14.``, "" for leads, box items and the glossary); ``Section.title`` the
heading text without number and final 。/：.  ``Clause.section_path`` is the
titles from the top down, ending with the clause's own item title when it is
an item (``("推动新一代信息技术产业跨越发展", "做大做强集成电路和新型显示产业",
"集成电路产业")``); boxes sit under their top-level section (``(七's title,
"新能源汽车产业重点工程", "新能源汽车推广应用工程")``).  ``Clause.kind``:
``heading`` (a heading paragraph, the document title line, a box title),
``body``, ``box``, ``glossary``, ``preface``, ``table``, ``notice``.

Identifiers (``Clause.clause_id`` = doc_id + ":" + local id):

* a section's id is its numbering path: ``三``, ``三.（一）``, ``七.（三）.(1)``
  (arabic ``1.`` headings are written ``(1)``, full-width ``（1）`` stays),
  ``第二章.第一节``; boxes ``专栏10``; the glossary ``名词解释``;
* a heading paragraph's clause id is its section id;
* the n-th paragraph directly inside a section is ``<section id>.<n>``
  (``三.（一）.2``, ``专栏10.3``, ``名词解释.14``); bold leads, box items and
  glossary entries are such paragraphs and also outline leaves (Section kind
  ``item``) with the same id;
* pieces of a long paragraph add ``-1``, ``-2`` …;
* the preface is ``前言.<n>``, a document title line ``标题``, a closing paragraph on
  when the document takes effect after the last numbered part ``结尾.1``, and a text with
  no headings ``正文.<n>``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from corpus.cells import label_year_columns
from corpus.chunk import MAX_CHARS, split_paragraph
from corpus.frontmatter import (_BRACKETS, FrontMatter, _compact, split_front_matter, split_paragraph_at, titled_after,
                                toc_key)
from corpus.model import Clause, Section
from corpus.paragraphs import Paragraph, is_caption
from corpus.script import compile_cue

_CN = "一二三四五六七八九十百零〇两"
_SENT_END = re.compile(r"[。！？；!?;][”’」』）)】》]*$")
_BOX_BODY_CHARS = 30        # a paragraph under a box's numbered title line that describes the item, not one more title
# a glossary entry numbered （一） with its term before a colon ("（一）财政拨款收入：是…")
_PAREN_ENTRY = re.compile(r"^(?P<num>[（(][一二三四五六七八九十\d]{1,3}[）)])\s*(?P<term>[^，。；：:（(]{1,30}?)\s*[：:]")
# a glossary term on its numbered line alone ("2.九个第一"), its explanation the paragraphs after it
_BARE_TERM = re.compile(r"[^，。；;,！？!?：:]{2,30}")
_TOC_SERIAL = re.compile(r"^(\d{1,2})．(?=\d)")      # "4．2025年部门…预算表": a 目录 entry's number before a year

_PATTERNS = [
    # (style, rank, regex); group "num" is the number, "rest" the text after it
    ("part", 0, compile_cue(rf"^第(?P<num>[{_CN}\d]+)(?:[编篇]|部分)\s*(?:[：:]\s*)?(?P<rest>.*)$", re.S)),
    # Ⅰ、总论 / Ⅱ、能源及产业转型篇: parts numbered in Roman numerals (台湾's 净零路径, eval/plans)
    ("roman", 0.5, re.compile(r"^(?P<num>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*[、.．]\s*(?P<rest>.*)$", re.S)),
    # §1.指导思想和办学目标: parts numbered with the section sign (a school's 五年发展规划, eval/unseen)
    ("sign", 0.7, re.compile(r"^§\s*(?P<num>\d{1,2})\s*[.．、]?\s*(?P<rest>[\u4e00-\u9fff“].*)$", re.S)),
    ("chapter", 1, compile_cue(rf"^第(?P<num>[{_CN}\d]+)章\s*(?:[：:]\s*)?(?P<rest>.*)$", re.S)),
    ("jie", 2, compile_cue(rf"^第(?P<num>[{_CN}\d]+)节\s*(?:[：:]\s*)?(?P<rest>.*)$", re.S)),
    # (not "第二十条第（一）项": a provision of another text cited, as the 信息公开 report's table rows are)
    ("article", 3, compile_cue(rf"^第(?P<num>[{_CN}\d]+)条(?!第)\s*(?:[：:]\s*)?(?P<rest>.*)$", re.S)),
    # 壹、贰、叁: the level over 一、 in documents written in traditional script (壹、能源部门 / 一、… / （一）…)
    ("formal", 3.5, compile_cue(r"^(?P<num>[壹貳贰參叁肆伍陸陆柒捌玖拾]+)\s*[、.．]\s*(?P<rest>.*)$", re.S)),
    ("cn", 4, compile_cue(rf"^(?P<num>[{_CN}]+)\s*(?:、|[.．](?![\d.．]))\s*(?P<rest>.*)$", re.S)),   # 一、 / 一.
    ("pcn", 5, compile_cue(rf"^[（(]\s*(?P<num>[{_CN}]+)\s*[）)]\s*(?P<rest>.*)$", re.S)),
    # (not a decimal 3.5, nor a list of numbers 1、2号线; an item may open on a year: 3.2022年11月1日至…)
    ("arabic", 6, re.compile(r"^(?P<num>\d{1,3})\s*[.．、](?!(?!(?:19|20)\d\d\s*年)\d)\s*(?P<rest>.*)$", re.S)),
    ("parabic", 7, re.compile(r"^(?:[（(]\s*)?(?P<num>\d{1,3})\s*[）)]\s*(?P<rest>.*)$", re.S)),   # （1） / 1）
    ("circled", 8, re.compile(r"^(?P<num>[①-⑳])\s*(?P<rest>.*)$", re.S)),
]
# notes under a table or a list of targets: "注：①…" and then "②…" "③…" on lines of their own; the
# notes that follow the first are more notes, not a list of sections (which took in the next paragraph)
_NOTES = compile_cue(r"^(?:注|附\s*[件表录])\s*[：:]\s*(?:(?P<circled>[①-⑳])|[（(]?(?P<num>\d{1,2})\s*[）)．.、])")
# (附件：1．…流程图 / 2．…标准: the list of what is attached reads as a block of notes does)
_UNITS = ("part", "chapter", "jie", "article")     # 第X部分/篇/章/节/条: the number is printed as 第X…
_BOX = compile_cue(rf"^(?:任务|工程|项目|重点|重大)?专栏\s*(?P<num>[\d０-９{_CN}]+)\s*[：:.．、]?\s*(?P<rest>.*)$", re.S)
_GLOSSARY = compile_cue(r"^(?:(?:附件|附录|附)\s*\d*\s*[：:]?\s*)?(?:名\s*词\s*解\s*释|术\s*语\s*解\s*释|名\s*词\s*术\s*语)\s*$")
_LEAD = re.compile(r"^(?P<title>[^，。；：、,;:！？!?\s]{2,20})。(?=\S)")
# an article's title on its line: a few words, no punctuation ("第十四条试行期限", "第二条 适用范围")
_ARTICLE_TITLE = re.compile(r"^[^\s\d，。；：、,.;:！？!?（）()“”\"]{2,12}$")
# or in brackets before its text ("第一条（目的和依据）", "第三条【适用范围】本办法适用于…": Shanghai's and
# many ministries' rules print every article so)
_ARTICLE_BRACKETED = re.compile(r"^[（(【〔]\s*(?P<title>[^\s\d（）()【】〔〕，。；：、,.;:！？!?“”\"]{2,16})\s*[）)】〕]\s*(?P<body>.*)$", re.S)
# a box item's run-in title may list things ("初步设计、详细设计与生产设计协同。提出…")
_BOX_LEAD = re.compile(r"^(?P<title>[^，。；：,;:！？!?\s]{2,24})。(?=\S)")
_ITEM = re.compile(r"^(?P<title>[^，。；、,;！？!?]{2,30}?)\s*[：:](?=\S)")
# a box's own list numbered 01 02 … on title lines of their own ("01 关键核心技术"), each over its text
_BOX_TITLE_LINE = re.compile(r"^0(?P<num>[1-9])\s*(?P<title>[\u4e00-\u9fff“（(A-Za-z][^。；;，,：:！？!?]{1,30})$")
# the kind a standard's appendix says it is: "（规范性）", "(资料性)" (附录 A（规范性）)
ANNEX_MARK = r"[（(]\s*(?:规范性|资料性|参考性)(?:附录)?\s*[）)]"
_NAMED = re.compile(r"^(?:序\s*言|前\s*言|引\s*言|导\s*言|结\s*束\s*语|结\s*语"
                    r"|附\s*[录件表图]\s*\d{0,2}\s*(?:[：:]\s*(?:(?!\d{1,2}\s*[.．、])[^。；;！？!?]{2,30})?)?"
                    rf"|附\s*录\s*[A-Z]\s*(?:{ANNEX_MARK})?)$")    # a standard's 附录 A
# (附件：1．…流程图 over 2．… lists the attachments that follow: it heads none)
# an annex heading (附件1 / 附件： / 附录二：…): its own numbering nests inside it, and a bare one takes the
# title line printed under it ("附件1" over "2023年省十件民生实事")
_ANNEX = re.compile(r"^附\s*[录件表图]\s*(?:[\d一二三四五六七八九十]{0,3}|[A-Z](?=\s*(?:[（(]|$)))"
                    rf"\s*(?:{ANNEX_MARK})?\s*(?:[：:]\s*(?P<title>\S.*)?)?$")
# the kind a standard prints under its 附录 A, on a line of its own before the title: "(规范性)"
ANNEX_KIND = compile_cue(rf"^{ANNEX_MARK}$")
_ANNEX_TITLE = re.compile(r"^[^。；;！？!?：:|]{2,60}$")
# a form's number left blank for its user ("20XX年  第XXX号", "编号：", "〔  〕号") at the top of an
# appendix printed bare: not its title, which follows
_FORM_NUMBER = re.compile(r"^(?:[\dXＸx×〇○]{0,4}\s*年)?\s*第?\s*[\dXＸx×〇○\s]*号$|^编\s*号\s*[：:]?[\sXＸx×_＿]*$"
                          r"|^[〔\[［（(]\s*[\dXＸx×\s]*[〕\]］）)]\s*号$")
_NUMBERED_ANNEX = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]")
_NUMBERED_APPENDIX = compile_cue(r"^\s*附\s*[录件表图]\s*[\d一二三四五六七八九十]")
_TITLED_ANNEX = re.compile(r"^附\s*件\s*[：:]\s*\S")
_LISTED = re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*(\S.*)$")
# the document's closing sentence on when it takes effect, how long it holds, who interprets it
_CLOSING = re.compile(r"^(?:本|以上)(?:文件|方案|实施方案|措施|若干措施|政策|政策措施|政策举措|意见|实施意见|办法|细则|"
                      r"规定|规划|计划|行动计划|通知)?[^。]{0,30}?(?:施行|实施|执行|有效期|负责解释)")
# the last paragraph, after the last item's own text, speaking to those who carry the document out
# ("各地、各部门要…抓好本方案任务落地落实", "全省各级党组织…要紧密团结…"): the whole document's, not that item's
_APPEAL = re.compile(r"^(?:各地|各级|各区|各市|各县|各有关|各部门|全省|全市|全区|全县|全党|全国|让我们)"
                     r"|本(?:方案|实施方案|意见|实施意见|措施|规划|建议|决定|计划|通知|办法)")
# a short run-in title closed by a colon, with the item's text after it on the same line
_COLON_TITLE = re.compile(r"^(?P<title>[^，。；、,;：:！？!?“”\s]{2,16})[：:](?=\S)")
_COLON_HEAD = re.compile(r"^(?P<title>[^，。；、,;:：！？!?\s]{2,24})[：:]$")
# a question of a question-and-answer text, its answer on the next line or run into it ("问：…？答：…")
_QA = compile_cue(r"^(?:【问】|问\s*[：:])\s*(?P<title>[^\n]{2,120}?[？?])\s*(?P<answer>答\s*[：:].*|【答】.*)?$", re.S)
# a speech's salutation on a line of its own ("各位代表：", "同志们：", "尊敬的各位来宾："): it addresses the
# audience and heads nothing, so it stays with the opening paragraphs around it
_ADDRESS = re.compile(r"^(?:尊敬的|亲爱的|各位)[^：:。]{1,20}[：:]$|^[^：:。]{1,12}们[：:]$"
                      # a notice's 主送 ("各有关单位：", "各镇人民政府，街道办事处：") over its own text
                      r"|^各[^：:。]{0,60}?(?:单位|部门|机构|政府|委|办|局|厅|会|公司|企业|学校|医院|办事处|镇|乡)[：:]$")
_ENTRY = re.compile(r"^(?P<num>\d{1,3})\s*[.．、](?!\d)\s*(?:(?P<term>[^，。；：:]{1,30}?)\s*[：:])?")
# decimal numbering (1 / 1.1 / 1.1.1), the style of technical and 专项 plans: a heading line of its own
_DECIMAL_HEAD = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,3}[.．]?\s*[\u4e00-\u9fff“][^。；;，,：:！？!?]{1,30}$")
_DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:[.．]\d{1,2}){1,3})[.．]?\s*"
                      r"(?P<rest>(?:[\u4e00-\u9fff“\u2160-\u217f]|(?:[A-Z][A-Za-z0-9]{0,9}\s*)+[\u4e00-\u9fff]).*)$",
                      re.S)     # 4.1 CIM 分级, 6.1 I级或II级响应, 6.2 Ⅲ级响应
# its top level: "3 主要任务" / "3. 主要任务" / "3、主要任务", a short title and nothing after it
_DECIMAL_TOP = re.compile(r"^(?P<num>\d{1,2})(?:\s*[.．、]\s*|\s+)(?P<rest>[\u4e00-\u9fff“][^。；;，,：:！？!?]{1,30})$")


def decimal_numbered(texts) -> bool:
    """Whether a document numbers its headings 1.1 / 1.1.1: three short lines at least, without
    punctuation, opened by such a number. Only then is "3 主要任务" read as a heading (and 1.1 at all):
    elsewhere a line opening with 1.5 is a figure."""
    return sum(1 for t in texts if _DECIMAL_HEAD.match(t.strip())) >= 3


def _decimal_heading(text: str, last_top: int | None = None) -> "_Heading | None":
    """A decimal heading: 3.1 / 3.1.1 (ranked by depth, all above 第X节 and below 第X章), or a top one
    ("3 主要任务"), when reading in order only as the next top number after ``last_top``: a list item
    "1. 智能制造" under 3.1.1 is not one."""
    m = _DECIMAL.match(text)
    if m:
        parts = re.split(r"[.．]", m.group("num"))
        title, has_body = _split_title(m.group("rest").strip())
        return _Heading("decimal", 1 + 0.2 * len(parts), ".".join(parts), "§" + parts[-1], title, has_body)
    m = _DECIMAL_TOP.match(text.strip())
    if m and (last_top is None or int(m.group("num")) == last_top + 1):
        return _Heading("decimal", 1.2, m.group("num"), "§" + m.group("num"), title_text(m.group("rest")), False)
    return None


def _circled(mark: str) -> int:
    """The number a circled digit stands for (① is 1)."""
    return ord(mark) - 0x245F


def _note_number(head: "_Heading") -> int:
    """The number of a ① / 1. / （1） heading (0 for any other style): whether it continues a block of notes."""
    if head.style == "circled":
        return _circled(head.number)
    if head.style in ("arabic", "parabic"):
        return int(re.sub(r"\D", "", head.number))
    return 0


def title_text(text: str) -> str:
    """Whitespace-normalised title; letter-spacing between Chinese characters
    (``名 词 解 释``) is removed."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text)


@dataclass
class _Heading:
    style: str
    rank: int
    number: str       # printed: "三、", "（一）", "1.", "第二章"
    token: str        # id component: "三", "（一）", "(1)", "第二章"
    title: str
    has_body: bool


def _box_item_number(head: _Heading) -> int | None:
    """The value of an Arabic-numbered heading (``1.`` ``（2）`` ``3、``), else None."""
    m = re.fullmatch(r"[（(]?(\d{1,2})[)）.．、]?", head.number.strip())
    return int(m.group(1)) if m else None


def match_heading(text: str, decimal: bool = False) -> _Heading | None:
    """The numbered heading that opens ``text``, if any; ``decimal``: in a document numbered 1.1 / 1.1.1
    (``decimal_numbered``), those headings too."""
    if decimal and (head := _decimal_heading(text)) is not None:
        return head
    for style, rank, rx in _PATTERNS:
        m = rx.match(text)
        if not m:
            continue
        num, rest = m.group("num"), m.group("rest").strip()
        if style == "cn" and rest.startswith("是"):
            return None
        number = text[: m.start("rest")].strip().rstrip("：:").rstrip() if style in _UNITS else {     # 第一部分：发展基础
            "cn": re.sub(r"\s+", "", text[: m.start("rest")]),      # 一、 or 一. as printed
            "roman": re.sub(r"\s+", "", text[: m.start("rest")]),
            "sign": re.sub(r"\s+", "", text[: m.start("rest")]),
            "formal": re.sub(r"\s+", "", text[: m.start("rest")]),
            "pcn": f"（{num}）",
            "arabic": f"{num}.",
            "parabic": f"（{num}）" if text.lstrip()[:1] in "（(" else f"{num}）",
            "circled": num,
        }[style]
        token = {"arabic": f"({num})", "parabic": f"（{num}）", "pcn": f"（{num}）", "cn": num, "roman": num,
                 "formal": num, "sign": "§" + num}.get(style, number)
        if style == "article":
            if _ARTICLE_TITLE.match(rest):
                # "第三条租赁管理" on a line of its own: the article's title; its text follows
                return _Heading(style, rank, number, token, rest, False)
            if bracketed := _ARTICLE_BRACKETED.match(rest):
                return _Heading(style, rank, number, token, bracketed.group("title"), bool(bracketed.group("body").strip()))
            return _Heading(style, rank, number, token, "", bool(rest))
        title, has_body = _split_title(rest)
        if not title and not has_body:
            title = ""
        return _Heading(style, rank, number, token, title, has_body)
    return None


_FIGURE_CELL = compile_cue(r"^(?:[-+－—–]?\s*\d[\d.,，]*\s*[%％‰]?|[—–\-/]+|[-+－]?\d[\d.]*\s*[万亿]?[元个户人家吨]?)$")


_CELL_SPLIT = re.compile(r"\s*\|\s*")     # a row's cells ("35 | | | 2": an empty cell reads as "| |")


def _header_of(para: Paragraph) -> str:
    """The column headers of the table ``para`` is a row of, a line each, spaces collapsed."""
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in para.table.split("\n"))


def _figures_only(cells) -> bool:
    """Whether a row's cells after its first are all figures (1.4, -7.5, 27.2%, —)."""
    cells = [c.strip() for c in cells if c.strip()]
    return bool(cells) and all(_FIGURE_CELL.match(c) for c in cells)


_WITH_ENGLISH = re.compile(r"^[^\sA-Za-z，,；;：:][^A-Za-z，,；;：:]{0,40}?\s*[A-Za-z][A-Za-z0-9 ,;/()'’\-–]*$")


def _split_title(rest: str) -> tuple[str, bool]:
    """Title sentence of a heading paragraph and whether body text follows."""
    if not rest:
        return "", False
    m = re.search(r"[。！？!?]", rest)
    if m and m.start() <= 40:
        title = rest[: m.start()]
        if run_in := _COLON_TITLE.match(title):     # "推进技术创新：探索…。": a run-in title, then its text
            return title_text(run_in.group("title")), True
        return title_text(title), bool(rest[m.end():].strip())
    if len(rest) <= 60 and not m:
        return title_text(rest.rstrip("：:；;，,")), False
    if not m and len(rest) <= 160 and _WITH_ENGLISH.match(rest):
        return title_text(rest), False      # a standard's term with its English name, however long that is
    # a long numbered paragraph: label it by its first clause
    m = re.search(r"[，,；;：:]", rest)
    cut = m.start() if m and m.start() <= 40 else min(len(rest), 30)
    return title_text(rest[:cut]), True


@dataclass(eq=False)
class _Node:
    section_id: str
    number: str
    title: str
    level: int
    kind: str                       # section | box | glossary | item
    rank: float = 0
    parent: "_Node | None" = None
    children: list = field(default_factory=list)
    n_paragraphs: int = 0
    pages: list = field(default_factory=list)    # (first, last) of every part
    lead_candidates: list = field(default_factory=list)
    ends: str = ""                  # the last character of its heading line, body or not (；, 。 …)

    def path(self) -> tuple[str, ...]:
        chain = []
        node = self
        while node is not None:
            chain.append(node.title or node.number)
            node = node.parent
        return tuple(reversed(chain))

    def add_pages(self, pages: tuple[int, int]) -> None:
        node = self
        while node is not None:
            node.pages.append(pages)
            node = node.parent


@dataclass
class _Entry:
    para: Paragraph
    node: _Node | None          # None: title line / preface / plain text
    local_id: str
    kind: str
    title: str
    item: _Node | None = None   # the leaf node when the paragraph is an item
    lead: str = ""              # bold-lead title, pending confirmation


def has_headings(paragraphs: list[Paragraph]) -> bool:
    decimal = decimal_numbered(p.text for p in paragraphs)
    return any(match_heading(p.text, decimal) or _GLOSSARY.match(p.text) or p.heading_hint
               or _QA.match(p.text.strip()) for p in paragraphs)


def heading_test(paragraphs: list[Paragraph]):
    """Whether a text opens with a numbered heading, in the numbering styles of these paragraphs."""
    decimal = decimal_numbered(p.text for p in paragraphs)
    return lambda text: match_heading(text, decimal) is not None


def parse(paragraphs: list[Paragraph], doc_id: str, max_chars: int = MAX_CHARS,
          front: FrontMatter | None = None) -> tuple[tuple[Clause, ...], tuple[Section, ...], str]:
    """Clauses in reading order, the outline, and the detected title line.

    ``paragraphs`` are the body paragraphs after ``frontmatter.split_front_matter``
    (``front``); without ``front`` the front matter is split off here.  The
    印发通知's paragraphs become clauses of kind ``notice`` (``通知.<n>``)
    outside the section tree; the 目录 makes no clauses.
    """
    if front is None:
        front, paragraphs = split_front_matter(list(paragraphs), is_heading=heading_test(list(paragraphs)),
                                               any_heading=has_headings(paragraphs))
    decimal = decimal_numbered(p.text for p in paragraphs)
    paragraphs = _split_run_in_headings(list(paragraphs), front.toc, decimal)
    paragraphs, parts = _unprinted_parts(front.toc, paragraphs, decimal)
    entries, roots, title = _walk(paragraphs, front.has_title, decimal, _unnumbered_entries(front.toc, decimal),
                                  {} if parts else _lost_numbers(front.toc, paragraphs, decimal), parts)
    notice = [_Entry(p, None, f"通知.{n}", "notice", "") for n, p in enumerate(front.notice, 1)]
    entries = notice + entries
    _confirm_leads(entries)
    _standard_terms(entries)
    clauses = label_year_columns(_clauses(entries, doc_id, max_chars))
    outline = tuple(_freeze(n) for n in roots)
    return clauses, outline, title


def _title_end(text: str, head: "_Heading", wanted) -> int | None:
    """Offset in ``text`` where one of the ``wanted`` titles ends right after the heading's number,
    when body text (not punctuation) follows it; None otherwise."""
    start = text.find(head.number[-1]) + 1 if head.number else 0
    for want in wanted:
        pos, k = 0, start
        while k < len(text) and pos < len(want):
            ch = text[k]
            if not ch.isspace():
                if ch != want[pos]:
                    break
                pos += 1
            k += 1
        rest = text[k:].lstrip()
        if pos == len(want) and rest and not re.match(r"^[。！？!?：:；;，,、）)”’]", rest):
            return k
    return None


def _split_run_in_headings(paragraphs: list[Paragraph], toc: tuple[str, ...], decimal: bool = False) -> list[Paragraph]:
    """A numbered heading with its paragraph run into it (``第一节改造提升传统服务业运用现代营销方式…``)
    is cut where its 目录 entry's title ends."""
    if not toc:
        return paragraphs
    titles: dict[str, list[str]] = {}
    for entry in toc:
        head = match_heading(entry, decimal)
        if head is not None and head.token:
            rest = re.sub(r"\s+", "", entry[len(head.number):] if entry.startswith(head.number) else "")
            rest = re.sub(r"^[、.．\s]+", "", rest)
            if len(rest) >= 2:
                titles.setdefault(head.number, []).append(rest)
    out = []
    for p in paragraphs:
        head = match_heading(p.text, decimal)
        cut = _title_end(p.text, head, titles.get(head.number, ())) if head is not None else None
        if cut:
            out.extend(split_paragraph_at(p, cut))
        else:
            out.append(p)
    return out


def _unnumbered_entries(toc, decimal: bool = False) -> frozenset:
    """The 目录's entries that carry no number and no name the walk reads already ("本导则用词说明",
    "引用标准名录"): a line of the body that prints one is a heading beside the numbered parts."""
    out = set()
    for entry in toc:
        t = entry.strip()
        if not t or len(t) > 30 or re.search(r"[。；;，,！？!?]", t) or match_heading(t, decimal) is not None \
                or _NAMED.match(t) or _GLOSSARY.match(t) or _ANNEX.match(t) or _BOX.match(t):
            continue
        out.add(_compact(t))
    return frozenset(out)


def _lost_numbers(toc, paragraphs, decimal: bool = False) -> dict:
    """When the body prints its headings without the numbers its 目录 gives them (a PDF converted to text
    that dropped 第一章 / 第一条 from the heading lines), each numbered entry's title -> the entry: a body
    line that is only that title is the heading the 目录 numbers. Empty when most numbered entries are
    printed numbered in the body, or a title is not one entry's alone."""
    numbered = {}
    for entry in toc:
        head = match_heading(entry.strip(), decimal)
        if head is None or not head.title or len(head.title) > 30:
            continue
        key = _compact(head.title)
        numbered[key] = None if key in numbered else entry.strip()
    numbered = {k: v for k, v in numbered.items() if v}
    if len(numbered) < 4:
        return {}
    lines = {_compact(p.text) for p in paragraphs}
    printed = sum(1 for entry in numbered.values() if _compact(entry) in lines)
    bare = sum(1 for key in numbered if key in lines)
    return numbered if printed * 2 < len(numbered) and bare * 2 >= len(numbered) else {}


def _unprinted_parts(toc, paragraphs: list[Paragraph], decimal: bool = False) -> tuple[list[Paragraph], dict]:
    """When the body prints the 目录's parts without their numbers and numbers its own lists inside them
    in the parts' style (a 部门预算 whose 目录 reads "一、部门主要职能 … 七、项目经费情况说明" over a body of
    "…办事处（部门）主要职能" / "一、加强党的建设。…"): the paragraphs, a part's title run into the text
    after it cut off as a line of its own, and the index of each line that prints a part's title -> (its
    heading rank, above every numbered level: a part ranks -2, an entry under a part printed in the body
    -1.75; the number the 目录 gives it; the id that number makes). A line prints a title when it is that
    title, or ends with it after a short prefix (the issuer's name, a year: "2025年部门预算编制说明" for
    四、部门预算编制说明); the lines are found in the 目录's order. No parts unless at least three top-level
    ones, and half of them, are found so, none of them printed with its number, and the body numbers lines
    in the parts' style besides."""
    heads = [(e, h) for e in toc if (h := match_heading(_TOC_SERIAL.sub(r"\1. ", e.strip()), decimal)) is not None
             and h.title]
    top = heads[0][1].rank if heads else None
    n_top = sum(1 for _, h in heads if h.rank == top)
    keys = [_compact(p.text) for p in paragraphs]
    if n_top < 3 or any(_compact(e) in keys for e, h in heads if h.rank == top):
        return paragraphs, {}
    numbered = [match_heading(p.text, decimal) for p in paragraphs]
    own = {_compact(e) for e, _ in heads}
    if not any(h is not None and h.rank == top and keys[i] not in own for i, h in enumerate(numbered)):
        return paragraphs, {}           # the body does not number its own lines in the parts' style
    bare = [_BRACKETS.sub("", k) for k in keys]

    def printed(i: int, want: str) -> tuple[int, int] | None:
        """Where paragraph ``i`` prints the title ``want`` (start, end), else None: the whole line, or run
        into the text after it ("…（部门）主要职能上海市…是普陀区政府的派出机关", a table's caption into its
        first row), or run on after a line the 目录 does not name ("注：…故本表为空表2025年部门…预算表")."""
        p, k = paragraphs[i], bare[i]
        if p.table or numbered[i] is not None:
            return None
        if " | " in p.text:         # a caption run into its table's first row: its first cell opens with it
            return (0, _offset(p.text, len(want))) if len(want) >= 6 and k.startswith(want) else None
        if len(k) <= 60 and not _SENT_END.search(p.text.strip()) and (k == want or titled_after(k, want)):
            return 0, len(p.text)
        if len(want) < 6:
            return None
        if k.endswith(want):
            return _offset(p.text, len(k) - len(want)), len(p.text)
        j = k.find(want, 0, 30 + len(want))
        if j < 0 or re.search(r"[，,。；;：:、]", k[:j]) or re.match(r"[。！？!?：:；;，,、）)”’]", k[j + len(want):] or "。"):
            return None
        return 0, _offset(p.text, j + len(want))

    found: list[tuple[int, tuple[int, int], tuple]] = []
    cursor, parent_found, tops = 0, False, 0
    for entry, head in heads:
        want = toc_key(head.title)
        at = next(((i, end) for i in range(cursor, len(paragraphs)) if (end := printed(i, want)) is not None), None)
        if head.rank == top:
            parent_found = at is not None
            tops += at is not None
        if at is not None:
            found.append((at[0], at[1], (-2.0 if head.rank == top or not parent_found else -1.75, head.number,
                                         head.token)))
            cursor = at[0] + 1
    if not (tops >= 3 and tops * 2 >= n_top):
        return paragraphs, {}
    out, ranks = [], {}
    cuts = {i: (span, part) for i, span, part in found}
    for i, p in enumerate(paragraphs):
        if i not in cuts:
            out.append(p)
            continue
        (start, end), part = cuts[i]
        if start > 0:
            before, p = split_paragraph_at(p, start)
            out.append(before)
            end -= len(paragraphs[i].text) - len(p.text)        # (an offset in what is left)
        ranks[len(out)] = part
        out.extend(split_paragraph_at(p, end) if end < len(p.text.rstrip()) else [p])
    return out, ranks


def _offset(text: str, n: int) -> int:
    """Where in ``text`` its ``n``-th character (from 0) that is neither a space nor a bracket stands; the
    text's length when it has no more."""
    seen = 0
    for off, ch in enumerate(text):
        if not ch.isspace() and not _BRACKETS.match(ch):
            if seen == n:
                return off
            seen += 1
    return len(text)


# a heading line printed without a number (its number lost with a Word list's, or never printed): short,
# no punctuation, between a finished sentence or a heading and a paragraph of text
_BARE_PUNCT = re.compile(r"[。，,；;：:！!？?、()（）\[\]【】|]")
_BARE_NOT = compile_cue(r"^(?:(?!\d{4}\s*年)[\dA-Za-z０-９]|表|图|注|附|专栏|资料来源|来源)")     # (not "2012年經濟表現")
_DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月")
BARE_MIN = 3            # such lines in a text before any of them counts: a pattern of the text, not a stray line
BARE_TOP = -1.5         # the rank of such lines at the top: above every numbered level, beside named parts (引言)


def _bare_candidate(p: Paragraph, numbered: bool) -> bool:
    t = _compact(p.text)
    return (2 <= len(t) <= 20 and not p.table and not p.heading_hint and " | " not in p.text
            and not _BARE_PUNCT.search(t) and not _BARE_NOT.match(t) and not _DATE_LINE.search(t)
            and t.count("“") == t.count("”") and t.count("《") == t.count("》")     # (not half a quote over two lines)
            and sum("\u4e00" <= ch <= "\u9fff" for ch in t) >= 0.6 * len(t)
            and not numbered and not _NAMED.match(p.text.strip())
            and not _BOX.match(t) and not _GLOSSARY.match(p.text.strip()) and not _QA.match(p.text.strip()))


def _bare_headings(paragraphs: list[Paragraph], heads: list) -> dict[int, float]:
    """Lines that head what follows without a number ("构建“三位一体”原创科研新模式" over its paragraphs
    under "四、重点突破"; "2012年經濟表現" in a speech of unnumbered parts), by index, with the rank they
    take: beside an earlier such line since the last heading line, else under that heading line (beside it
    when it is a named part, 引言), else at the top (``BARE_TOP``, over numbered lists). A line counts where
    a finished sentence or a heading comes before it and a paragraph of text (or another such line) after
    it, with another such line beside it; none unless the text prints ``BARE_MIN`` of them. ``heads``: each
    paragraph's numbered heading (``match_heading``), or None."""
    def body(p: Paragraph) -> bool:
        t = p.text.strip()
        return len(_compact(t)) >= 30 and not p.table and " | " not in t and bool(_SENT_END.search(t))

    cand = [_bare_candidate(p, h is not None) for p, h in zip(paragraphs, heads)]
    found: list[int] = []
    for i in range(1, len(paragraphs) - 1):
        if not cand[i]:
            continue
        prev, nxt = paragraphs[i - 1], paragraphs[i + 1]
        before = (heads[i - 1] is not None and not heads[i - 1].has_body) or cand[i - 1] \
            or _NAMED.match(prev.text.strip()) is not None or bool(_SENT_END.search(prev.text.strip()))
        after = body(nxt) or (cand[i + 1] and i + 2 < len(paragraphs) and body(paragraphs[i + 2]))
        if before and after:
            found.append(i)
    if len(found) < BARE_MIN:
        return {}
    out: dict[int, float] = {}
    group: dict[int, int] = {}              # each line's run of siblings, by where the run begins
    anchor, last_bare = None, None          # the last heading line (its rank, named or not); the last bare line
    chosen = set(found)
    for i, p in enumerate(paragraphs):
        if i in chosen:
            if last_bare is not None:
                rank = last_bare[0]
            elif anchor is not None:
                rank = anchor[0] if anchor[1] else anchor[0] + 0.5
            else:
                rank = BARE_TOP
            last_bare = (rank, last_bare[1] if last_bare is not None else i)
            out[i], group[i] = rank, last_bare[1]
        elif heads[i] is not None and not heads[i].has_body and (last_bare is None or heads[i].rank <= last_bare[0]):
            anchor, last_bare = (heads[i].rank, False), None
        elif _NAMED.match(p.text.strip()):
            anchor, last_bare = (BARE_TOP, True), None
    # a level is a run of two or more: one such line alone under a heading is that heading's second line
    # ("第三篇 繁荣首都文化" over "全面增强全国文化中心影响力"), not a part of it
    size = Counter(group.values())
    out = {i: r for i, r in out.items() if size[group[i]] >= 2}
    return out if len(out) >= BARE_MIN else {}


def _walk(paragraphs: list[Paragraph], has_title: bool = False, decimal: bool = False,
          toc_named: frozenset = frozenset(), toc_numbered: dict | None = None,
          toc_parts: dict | None = None):
    roots: list[_Node] = []
    used_ids: set[str] = set()
    stack: list[_Node] = []
    box: _Node | None = None
    box_open = False
    box_items = 0           # numbered items read into the open box so far
    box_prose = False       # the open box's items are run-in titled paragraphs ("智能焊接装备。…")
    box_item = None         # the open box's last "01 标题" item, over the paragraphs after it
    glossary: _Node | None = None
    term_node: _Node | None = None  # the glossary's term printed on a line of its own, over its text
    annex: _Node | None = None      # the open 附件 / 附录: top-level numbered headings nest in it
    annex_untitled = False          # it was printed bare; its title may be the next line
    attached: dict[int, str] = {}   # "附件：1.… 2.…": what is attached, by number (compacted names)
    annex_no = 0                    # the number of the open 附件N
    entries: list[_Entry] = []
    preface_n = 0
    title = ""
    any_heading = has_headings(paragraphs)
    numbered_at = [match_heading(p.text, decimal) for p in paragraphs]     # each paragraph's numbered heading
    ranks = [h.rank for h in numbered_at if h is not None]
    # headings printed bare that the 目录 numbers ("总  则" for 第一章 总  则) count among the levels: a
    # 附件 after them stands beside them, not under their last article
    ranks += [h.rank for entry in (toc_numbered or {}).values() if (h := match_heading(entry, decimal)) is not None]
    last_top = 0            # the last decimal top number read (3 of "3 主要任务")
    top_rank = min(ranks) if ranks else None
    bare_heads = {} if toc_parts else _bare_headings(paragraphs, numbered_at)
    bare_top = BARE_TOP in bare_heads.values()     # then named parts (引言, 结语) stand beside them

    def unique(sid: str) -> str:
        base, k = sid, 2
        while sid in used_ids:
            sid = f"{base}~{k}"
            k += 1
        used_ids.add(sid)
        return sid

    def preface_id() -> str:
        # text before the first heading: 前言.<n> (正文.<n> in a text with no headings); a section printed
        # 前言 further on is then 前言~2, so that its paragraphs keep ids of their own
        nonlocal preface_n
        preface_n += 1
        prefix = "前言" if any_heading else "正文"
        used_ids.add(prefix)
        return f"{prefix}.{preface_n}"

    def attach(node: _Node, parent: _Node | None) -> None:
        node.parent = parent
        (parent.children if parent else roots).append(node)

    def add_paragraph(node: _Node, para: Paragraph, kind: str, title: str = "",
                      item_number: str | None = None, lead: str = "") -> _Entry:
        node.n_paragraphs += 1
        local = f"{node.section_id}.{node.n_paragraphs}"
        entry = _Entry(para, node, local, kind, title, lead=lead)
        if item_number is not None:
            item = _Node(local, item_number, title, node.level + 1, "item")
            attach(item, node)
            entry.item = item
        entries.append(entry)
        return entry

    table_home = None               # where the rows of a captioned table go (see below)
    rows_depth = None               # in a table's rows under a heading: how deep the headings over it go
    notes_next = 0                  # in a block of notes (注：① …): the number the next note carries
    qa_seen = 0                     # the questions of a question-and-answer text so far (ids 问1, 问2 …)
    reprinted = -1                  # the appendix's own 附件 line under the line that named it (below)
    for idx, para in enumerate(paragraphs):
        text = para.text
        nested = False                  # a numbered 附件 read as a part of the titled one before it
        if idx == reprinted and annex is not None:
            add_paragraph(annex, para, "body")
            continue
        if not para.table and text.count(" | ") < 2:      # (a row read as a paragraph still has its cells)
            table_home = None
        if toc_parts and idx in toc_parts:
            # a part the 目录 numbers, printed without its number over lists numbered like the parts: it
            # goes by its 目录 number, as a heading that lost its number does (toc_numbered below)
            head = _Heading("toc", *toc_parts[idx], title_text(text), False)
        else:
            head = None if glossary is not None and (_ENTRY.match(text) or _PAREN_ENTRY.match(text)) \
                else numbered_at[idx]
        row = para.table or text.count(" | ") >= 2     # a table's row, read from a table or from its cells
        if not row and rows_depth is not None:
            del stack[rows_depth:]          # the table's group labels end with its rows
            rows_depth = None
        elif row and rows_depth is None:
            rows_depth = len(stack)
        if row and " | " in text and head is not None and head.style == "arabic":
            # a row's first cell may open with its own serial number ("2.签约服务覆盖率 | …" under a merged
            # category cell): a cell, not a heading that would end the table. A group label a row opens
            # with (一、医疗质量 | …, （一）合理配置医疗资源… | 1 | …) still heads the rows after it.
            head = None
        elif row and head is not None and _figures_only(_CELL_SPLIT.split(text)[1:]):
            # a data row whose first cell opens like a heading ("一、食品烟酒 | 1.4 | 2.7" in a price table):
            # its cells are all figures, no label over rows to come
            head = None
        elif row and head is not None and " | " in text:
            # a group label over the rows after it ("（五）不予处理 | 1.信访举报投诉类申请 | 148 | 1", "一、 |
            # 通用考核项目 | 40"): named by its label cell; a row that says more than its label is also a
            # row of the table, shown when asked
            cells = [c.strip() for c in _CELL_SPLIT.split(text)]
            label = title_text(re.sub(r"^\s*" + re.escape(head.number), "", cells[0]).strip()) \
                or next((c for c in cells[1:] if c), "")
            head = replace(head, title=label, has_body=any(c for c in cells[1:] if c != label))
            if rows_depth and rows_depth <= len(stack):
                # under the heading the table is in ("三、收到和处理…申请情况" over "三、本年度办理结果 | …"),
                # its labels keeping their order among themselves
                head = replace(head, rank=stack[rows_depth - 1].rank + 0.5 + head.rank / 100)
        bare = _compact(text) if toc_named or toc_numbered else ""
        if head is None and toc_numbered and (entry := toc_numbered.get(bare)):
            head = match_heading(entry, decimal)        # "总  则" printed where the 目录 says 第一章 总  则
        if head is not None and head.style == "decimal" and "." not in head.number:
            # a decimal top heading only as the next top number; else what it reads as undecimally
            if int(head.number) == last_top + 1:
                last_top += 1
            else:
                head = match_heading(text)
        if notes_next and head is not None and _note_number(head) == notes_next:
            head, notes_next = None, notes_next + 1         # the next note: body of where the notes are
        elif (m := _NOTES.match(text)):
            notes_next = (_circled(m.group("circled")) if m.group("circled") else int(m.group("num"))) + 1
        else:
            notes_next = 0
        box_m = _BOX.match(text)
        if box_m and (len(box_m.group("rest")) > 40 or _SENT_END.search(box_m.group("rest"))):
            box_m = None      # a sentence that mentions a box, not a box title
        gloss_m = _GLOSSARY.match(text)

        if annex_untitled and ANNEX_KIND.match(text.strip()):
            add_paragraph(annex, para, "body")      # "(规范性)" under 附录 A: its title is still to come
            continue
        if annex_untitled and _FORM_NUMBER.match(text.strip()) and ("X" in text.upper() or "Ｘ" in text
                                                                      or not re.search(r"\d", text)):
            add_paragraph(annex, para, "body")      # a form's blank number: its title is still to come
            continue
        if annex_untitled:
            annex_untitled = False
            # "附件：" over "1.…申报指南" / "2.…申报书": the list of what is attached, not one appendix's title
            first = _LISTED.match(text)
            second = _LISTED.match(paragraphs[idx + 1].text) if idx + 1 < len(paragraphs) else None
            listed = bool(first and second and first.group(1) == "1" and second.group(1) == "2")
            for later in paragraphs[idx:idx + 20] if listed else ():
                if not (m := _LISTED.match(later.text)):
                    break
                attached[int(m.group(1))] = _compact(m.group(2))
            if head is None and not box_m and not para.table and _ANNEX_TITLE.match(text.strip()) and not listed \
                    and not _NUMBERED_APPENDIX.match(text):     # ("附图" over "附图1 村庄用地现状图": its first one)
                annex.title = f"{annex.title}：{title_text(text)}"     # as when printed on one line
                if not gloss_m:         # (a 名词解释 under it is still the glossary, named by it)
                    add_paragraph(annex, para, "body")      # shown when asked what the appendix is
                    continue

        if gloss_m:
            annex = None
            stack.clear()
            box, box_open = None, False
            glossary = _Node(unique("名词解释"), "", title_text(text), 1, "glossary", rank=-1)
            term_node = None
            attach(glossary, None)
            entries.append(_Entry(para, glossary, glossary.section_id, "heading", glossary.title))
            continue

        if box_m:
            num = box_m.group("num")
            btitle = title_text(box_m.group("rest"))
            # a box sits under its top-level section; in a 纲要 of 篇 (第X篇 / 第X部分 over 第X章), under
            # its 章: a 篇 spans too much to say where the box is
            parent = next((n for n in stack if n.rank != 0), stack[0]) if stack else None
            box = _Node(unique(f"专栏{num}"), f"专栏 {num}", btitle,
                        (parent.level + 1) if parent else 1, "box")
            attach(box, parent)
            box_open = not btitle.endswith("图")
            box_items, box_prose, box_item = 0, False, None
            entries.append(_Entry(para, box, box.section_id, "heading", btitle))
            continue

        if para.table and head is None and not gloss_m and not box_m:
            # a table row: a clause of its own, titled with the table's column headers; the header row
            # itself (or a repeat of it after a page break) holds no fact, so it is a heading of the rows
            header = _header_of(para)
            kind = "heading" if re.sub(r"\s+", " ", text).strip() in header.split("\n") else "table"
            if box is not None and box_open:
                add_paragraph(box, para, kind, header)
            elif stack:
                add_paragraph(table_home or stack[-1], para, kind, header)
            else:
                entries.append(_Entry(para, None, preface_id(), kind, header))
            continue

        if box is not None and box_open and head is None:
            numbered = _BOX_TITLE_LINE.match(text)
            if numbered and int(numbered.group("num")) == box_items + 1:
                # "01 关键核心技术" over its text: the heading of an item of the box, its text the
                # paragraphs after it
                box_items += 1
                box_prose = True
                box_item = add_paragraph(box, para, "heading", title_text(numbered.group("title")),
                                         item_number=f"0{box_items}").item
                continue
            if box_prose and box_item is not None:
                add_paragraph(box_item, para, "box", box_item.title)
                continue
            # a box's items: "xxx工程：…", or a short title ending in 。 ("智能切割成形装备。型材…"); in a
            # box of the latter kind a plain paragraph is one more of its items, up to the next heading
            item = _ITEM.match(text)
            lead = None if item else _BOX_LEAD.match(text)
            if not (item or lead or box_prose) and box.n_paragraphs == 0 and _box_list_next(paragraphs, idx, decimal):
                # a line introducing the box's own numbered list ("聚焦十大领域谋划推进…" over 1.…10.):
                # text of the box, which the list then fills
                add_paragraph(box, para, "box", "", item_number="")
                continue
            if item or lead or box_prose:
                if box.n_paragraphs == 0:
                    box_prose = lead is not None
                m = item or lead
                add_paragraph(box, para, "box", title_text(m.group("title")) if m else "", item_number="")
                continue
        if box is not None and box_open and head is not None and _box_item_number(head) == box_items + 1:
            # the box's own numbered list (1. 2. 3. under 专栏1): items of the box; the outer
            # list's next number (2. after the box's 1.–8.) does not continue it and closes the box
            box_items += 1
            nxt = paragraphs[idx + 1].text.strip() if idx + 1 < len(paragraphs) else ""
            if not head.has_body and not _SENT_END.search(text.strip()) and len(nxt) >= _BOX_BODY_CHARS \
                    and _SENT_END.search(nxt) and match_heading(nxt, decimal) is None:
                # "1. 新建及改造公园建设工程" over a paragraph describing it: the item's heading, its text the
                # paragraphs after it up to the next item (the box no longer closes at its first paragraph)
                box_prose = True
                box_item = add_paragraph(box, para, "heading", head.title, item_number=head.number).item
                continue
            add_paragraph(box, para, "box", head.title, item_number=head.number)
            continue
        box, box_open, box_items = None, False, 0

        if glossary is not None and head is None:
            m = _ENTRY.match(text)
            bare = m is not None and not m.group("term") and _BARE_TERM.fullmatch(text[m.end():].strip())
            if bare:
                # "2.九个第一" on a line of its own over its explanation: the term heads the paragraphs
                # after it, which are its entry's text
                term_node = add_paragraph(glossary, para, "heading", title_text(bare.group(0)),
                                          item_number=f"{m.group('num')}.").item
            elif m:
                term_node = None
                term = title_text(m.group("term") or "") or m.group("num")
                add_paragraph(glossary, para, "glossary", term, item_number=f"{m.group('num')}.")
            elif (m := _PAREN_ENTRY.match(text)):
                # "（三）事业单位经营收入：指…": an entry of the glossary, not a part after it
                term_node = None
                add_paragraph(glossary, para, "glossary", title_text(m.group("term")), item_number=m.group("num"))
            elif (m := _ITEM.match(text)):
                term_node = None
                add_paragraph(glossary, para, "glossary", title_text(m.group("title")), item_number="")
            elif term_node is not None:
                add_paragraph(term_node, para, "glossary", term_node.title)
            else:
                add_paragraph(glossary, para, "glossary")
            continue

        unmarked = head is None and annex is not None and bool(attached) \
            and attached.get(annex_no + 1) == _compact(text)
        if unmarked:
            # the next attachment the list names, printed by its title alone ("雄安新区软科学研究项目申报书"
            # after 附件 1, its "附件2" line lost): that appendix
            annex_no += 1
            head = _Heading("named", annex.rank, "", f"附件{annex_no}", f"附件{annex_no}：{title_text(text)}", False)
        if head is None and para.heading_hint:
            head = _Heading("md", -10 + para.heading_hint, "", "", title_text(text).rstrip("：:"), False)
        if head is None and (_NAMED.match(text) or bare in toc_named):
            # 序言 / 前言 / 结束语 …, or a 目录 entry without a number: a top-level section beside the
            # numbered ones
            rank = BARE_TOP if bare_top else (top_rank if top_rank is not None else 0) - 0.5
            # "附件 1 规划前期意见征询" under "附件：村民参与报告" (an appendix with a title of its own, not a
            # bare "附件：" over the list of what is attached): a part of it
            nested = annex is not None and _NUMBERED_ANNEX.match(text) is not None \
                and _TITLED_ANNEX.match(annex.title) is not None
            if nested:
                rank = annex.rank + 0.25
            else:
                annex = None
            head = _Heading("named", rank, "", "", title_text(text).rstrip("：:"), False)
            if _reprinted(text, paragraphs[idx + 1].text if idx + 1 < len(paragraphs) else "") and _NAMED.match(text):
                # "附件：…操作指南" closing the text, right over the appendix printed with its own "附件：" line
                # and title: one appendix, so named, that the next lines open (not an empty one and another)
                reprinted = idx + 1
        if head is None and idx in bare_heads and not box_open and glossary is None and annex is None:
            head = _Heading("bare", bare_heads[idx], "", "", title_text(text), False)
        if head is None and (m := _COLON_HEAD.match(text)) and any_heading and not _ADDRESS.match(text) \
                and not _numbered_next(paragraphs, idx, decimal):
            # "总体要求与目标：" on a line of its own heads what follows, below any numbered level; not a
            # lead-in right before numbered headings ("重点做好以下十个方面工作：" over （一）…（十）), which
            # close it at once: it is text of the part it is in
            head = _Heading("colon", 9, "", "", title_text(m.group("title")), False)
        if head is None and (m := _QA.match(text.strip())):
            # "问：公开征求意见及吸收情况如何？": the question heads its answer; the question is its title,
            # and its line stays text to find ("讲杠杆的是哪个问题"), as a heading with a body does
            qa_seen += 1
            head = _Heading("qa", 8.5, "", f"问{qa_seen}", m.group("title").strip(), True)
        if head is not None and head.style not in ("named", "colon", "md", "qa", "toc", "bare") and head.rank == top_rank:
            # a top-level numbered heading also closes 序言; not the styled headings above all numbering
            # (a Markdown "#", a Word 标题 1 numbered by Word itself) that hold it
            stack[:] = [n for n in stack if n.rank <= -1 or n is annex]

        if head is not None:
            glossary = None
            while stack and stack[-1].rank >= head.rank:
                stack.pop()
            parent = stack[-1] if stack else None
            token = head.token or re.sub(r"[\s.:：\-~]", "", head.title or title_text(text))[:12] or "§"
            sid = unique(f"{parent.section_id}.{token}" if parent else token)
            node = _Node(sid, head.number, head.title, (parent.level + 1) if parent else 1,
                         "section", rank=head.rank)
            attach(node, parent)
            stack.append(node)
            node.ends = text.rstrip()[-1:]
            if head.has_body and para.table and row:
                # a group label's own row: a row of its table, titled with the column headers as they are
                add_paragraph(node, para, "table", _header_of(para))
            elif head.has_body:
                add_paragraph(node, para, "body", head.title)
            else:
                entries.append(_Entry(para, node, node.section_id, "heading", head.title))
            if head.style == "named" and not nested and (m := _ANNEX.match(text.strip())):
                annex, annex_untitled = node, not m.group("title")
                annex_no = int(mark.group(1)) if (mark := re.match(r"附\s*件\s*(\d{1,2})", text.strip())) else 0
            elif unmarked:
                annex = node
            continue

        node = stack[-1] if stack else None
        if node is not None and idx == len(paragraphs) - 1 and node.n_paragraphs > 0 and (
                _CLOSING.match(text) or _APPEAL.search(text)):
            # "本文件自2024年8月1日起施行，有效期至…" after the last numbered measure: it speaks of the
            # whole document, so it is not cited under the last measure's title (unless that measure
            # is a bare heading, "第十四条试行期限", whose text it is)
            entries.append(_Entry(para, None, "结尾.1", "body", ""))
            continue
        if node is None:
            # before any heading: a title line, then preface paragraphs
            if idx == 0 and has_title:
                title = title_text(text)
                entries.append(_Entry(para, None, "标题", "heading", title))
            else:
                entries.append(_Entry(para, None, preface_id(), "preface" if any_heading else "body", ""))
            continue
        if _closes_list(node):
            # "第十一条…采用以下方式：（一）…；…（六）…。鼓励…": the paragraph after a list's last item
            # (items ending in ；, the last in 。) speaks for the article, not for that item
            stack.pop()
            node = stack[-1]
        if text.startswith("表") and is_caption(text):
            # "二、主要指标 / 1、新建绿地35万平方米，…。 / … / 表2 主要指标表": a table after run-in items
            # (a sentence on the item's own line) belongs, with its rows, to the section over them; what
            # follows the table is the item's again
            while node.parent is not None and node.kind == "section" and node.ends in ("。", "；", ";"):
                node = node.parent
            table_home = node
            add_paragraph(node, para, "body")
            continue
        if table_home is not None:
            node = table_home           # a row of that table read as a paragraph (its cells still " | ")
        m = _LEAD.match(text)
        entry = add_paragraph(node, para, "body", lead=title_text(m.group("title")) if m else "")
        if m:
            node.lead_candidates.append(entry)
    return entries, roots, title


def _reprinted(text: str, following: str) -> bool:
    """Whether ``text`` ("附件：X") names what is attached over the appendix printed right under it with a
    附件 line of its own: a bare "附件" / "附件：" (its title on the lines after) or "附件：X" again."""
    m, n = _ANNEX.match(text.strip()), _ANNEX.match(following.strip())
    return bool(m and n and m.group("title") and text.strip()[:2] == following.strip()[:2]
                and (not n.group("title") or _compact(n.group("title")) == _compact(m.group("title"))))


def _box_list_next(paragraphs: list[Paragraph], idx: int, decimal: bool) -> bool:
    """Whether the paragraph after ``idx`` opens a box's own numbered list (its item 1)."""
    head = match_heading(paragraphs[idx + 1].text, decimal) if idx + 1 < len(paragraphs) else None
    return head is not None and _box_item_number(head) == 1


def _numbered_next(paragraphs: list[Paragraph], idx: int, decimal: bool) -> bool:
    """Whether the paragraph after ``idx`` opens with a numbered heading."""
    return idx + 1 < len(paragraphs) and match_heading(paragraphs[idx + 1].text, decimal) is not None


def _closes_list(node: _Node) -> bool:
    """``node`` is the last item of a list of clauses (（一）…；（二）…。): a numbered line with no
    body ending in 。 after a sibling ending in ；, or itself ending in ；, under a parent."""
    if node.parent is None or node.kind != "section" or node.ends not in ("。", "；", ";"):
        return False
    if node.ends in ("；", ";"):
        return True
    sibs = node.parent.children
    i = sibs.index(node)
    return i > 0 and sibs[i - 1].ends in ("；", ";")


# a standard's chapter of terms (3 术语和定义), its entries numbered under it: 3.5 无组织排放 fugitive emission,
# the term in Chinese, then its English name
_TERMS_CHAPTER = compile_cue(r"^(?:术语和定义|术语与定义|术语、定义|术语|定义|术语、定义和缩略语|术语和缩略语|术语、定义和符号)$")
_NOT_DEFINITION = compile_cue(r"^(?:注\s*\d*\s*[：:]|\[来源|示例|[A-Za-z0-9\s/\-]+$)")


def _standard_terms(entries: list[_Entry]) -> None:
    """A standard's term entries (GB/T 1.1): under a chapter titled 术语和定义, each numbered entry's
    first paragraph that is no note, source or abbreviation is its definition, a glossary entry of the
    term its number heads (its Chinese words, without the English name)."""
    done: set[int] = set()
    for e in entries:
        node = e.node
        if (e.kind != "body" or node is None or node.kind != "section" or node.parent is None
                or id(node) in done or not _TERMS_CHAPTER.match(re.sub(r"\s+", "", node.parent.title or ""))
                or not re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){1,3}", node.number or "")
                or _NOT_DEFINITION.match(e.para.text.strip())):
            continue
        text = e.para.text.strip()
        if len(text) <= 16 and "。" not in text:
            continue                    # an admitted term under the preferred one (泡点蒸气压), no definition
        title = (node.title or "").strip()
        last = max((i for i, ch in enumerate(title) if "\u4e00" <= ch <= "\u9fff"), default=-1)
        if last >= 0:                   # the term ends with its last Chinese word (VOCs 物料 VOCs-containing …)
            e.kind, e.title = "glossary", title[:last + 1].strip()
            done.add(id(node))


def _confirm_leads(entries: list[_Entry]) -> None:
    """Bold leads are confirmed where a section opens two or more paragraphs with one; and, in a plan
    that uses them that way in three or more sections, also a lone one (short title, body after it),
    so that the same style reads the same in every section."""
    nodes: list[_Node] = []
    seen: set[int] = set()
    for e in entries:
        if e.node is not None and id(e.node) not in seen:
            seen.add(id(e.node))
            nodes.append(e.node)
    styled = sum(1 for n in nodes if len(n.lead_candidates) >= 2) >= 3
    for node in nodes:
        cands = node.lead_candidates
        lone = (len(cands) == 1 and styled and len(cands[0].lead) <= 12
                and len(cands[0].para.text) >= len(cands[0].lead) + 20)
        if len(cands) < 2 and not lone:
            continue
        for cand in cands:
            cand.title = cand.lead
            item = _Node(cand.local_id, "", cand.lead, node.level + 1, "item")
            item.parent = node
            cand.item = item
    _order_children(entries)


def _order_children(entries: list[_Entry]) -> None:
    """Rebuild each node's children list in reading order (sections, boxes
    and items interleave as they appear)."""
    order: dict[int, int] = {}
    for pos, e in enumerate(entries):
        for node in (e.item, e.node):
            if node is not None and id(node) not in order:
                order[id(node)] = pos
    parents: dict[int, _Node] = {}
    for e in entries:
        if e.item is not None and e.item.parent is not None:
            parent = e.item.parent
            if e.item not in parent.children:
                parent.children.append(e.item)
            parents[id(parent)] = parent
    for parent in parents.values():
        parent.children.sort(key=lambda n: order.get(id(n), 1 << 30))


def _clauses(entries: list[_Entry], doc_id: str, max_chars: int) -> tuple[Clause, ...]:
    out: list[Clause] = []
    pos = 0
    for e in entries:
        para = e.para
        if e.item is not None:
            path = e.item.path()
        elif e.node is not None:
            path = e.node.path()
        else:
            path = ()
        kind = "caption" if e.kind == "body" and is_caption(para.text) else e.kind
        pieces = [para.text] if e.kind == "heading" else split_paragraph(para.text, max_chars)
        offset = 0
        for k, piece in enumerate(pieces, start=1):
            local = e.local_id if len(pieces) == 1 else f"{e.local_id}-{k}"
            pages = para.page_range(offset, offset + len(piece))
            out.append(Clause(
                clause_id=f"{doc_id}:{local}",
                doc_id=doc_id,
                section_path=path,
                title=e.title,
                text=piece,
                pages=pages,
                span=(pos, pos + len(piece)),
                kind=kind,
            ))
            pos += len(piece) + 1          # clauses are joined with "\n"
            offset += len(piece)
            target = e.item or e.node
            if target is not None:
                target.add_pages(pages)
    return tuple(out)


def _freeze(node: _Node) -> Section:
    if node.pages:
        pages = (min(p[0] for p in node.pages), max(p[1] for p in node.pages))
    else:
        pages = (0, 0)
    return Section(
        section_id=node.section_id,
        number=node.number,
        title=node.title,
        level=node.level,
        kind=node.kind,
        pages=pages,
        children=tuple(_freeze(c) for c in node.children),
    )
