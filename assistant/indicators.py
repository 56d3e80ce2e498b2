"""Questions that count or list a plan's indicators: "一共设置了多少项主要指标？", "约束性指标有几项？",
"主要指标有哪些？", "主要指标分为哪几类？", "列了几张指标表？", "〔 〕内的数字是什么意思？".

A 十四五/十五五 plan prints its 主要指标 as a table (corpus.structure: the header row a clause of kind
``heading``, each row a clause of kind ``table``) and rarely says how many there are, so retrieval
has no sentence to find and shows whichever rows share the question's words. Such a question is
answered from the table itself: its rows are counted (the count, and how many are 约束性 and 预期性,
said in a note), and the table's caption and the rows asked about are shown verbatim, in the table's
order, and cited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from corpus.script import compile_cue

# "多少项主要指标" / "几个约束性指标" / "主要指标一共有几项" / "约束性指标有多少个"
_ASKS_COUNT = compile_cue(r"(?:多少|几)(?:项|个|条)(?P<a>主要|约束性|预期性)?指标"
                         r"|(?P<b>主要|约束性|预期性)?指标(?:一共|总共|共)?(?:有|设置了?|设了|包括|包含|列了?|列出了?)?"
                         r"(?:多少|几)(?:项|个|条)")
# "主要指标有哪些" / "设置了哪些约束性指标": the list, asked of the 主要/约束性/预期性 indicators only
# ("绩效考核用哪些指标" asks the content); or of the indicator table by name ("主要指标表里有哪些指标",
# "指标表都列了什么")
_ASKS_LIST = compile_cue(r"(?P<a>主要|约束性|预期性)指标(?:都|主要|分别)?(?:有|包括|包含|是)(?:哪些|哪几[项个条]|什么)"
                        r"|哪些(?P<b>主要|约束性|预期性)指标"
                        r"|(?P<c>主要|约束性|预期性)?指标(?:一览)?表(?:里面|里|中|上)?(?:都|主要|分别|一共|共)?"
                        r"(?:有|包括|包含|列了?|列出了?)(?:哪些|哪几[项个条]|什么)")
# "主要指标分为哪几类" / "指标表里的指标分成哪几个方面" / "有哪几类指标" / "一级指标有哪些": the table's categories
_ASKS_KINDS = compile_cue(r"指标.{0,4}?(?:分为|分成|分了|划分为|分|包括|包含|涵盖|有)(?:哪几|哪些|几)(?:大|个)?(?:类|方面|领域|板块)"
                         r"|(?:哪几|几)(?:大|个)?(?:类|方面|领域)(?:的)?指标"
                         # "一级指标有哪些": the categories a 指标体系 table prints in its 一级指标 column
                         r"|一级指标(?:都|主要|分别)?(?:有|包括|包含|是)(?:哪些|哪几[个项类]|什么)")
# "规划里列了几张指标表？" / "指标表一共有几张": the tables themselves
_ASKS_TABLES = compile_cue(r"(?:几|多少)(?:张|个|份)[^，,。？?]{0,12}?指标(?:表|一览表)"
                          r"|指标(?:表|一览表)(?:一共|总共|共)?(?:有|列了?|设置了?|附了?)?(?:几|多少)(?:张|个|份)")
# "表里〔 〕括起来的数字是什么意思？": what the brackets of a table's figures mean, which its note says
# ("注：[ ]内的数字为五年累计数")
_BRACKETS = r"[〔\[［【]\s*[〕\]］】]"
_ASKS_BRACKETS = compile_cue(rf"(?:方括号|括号|括起来|{_BRACKETS}).*?(?:什么意思|意思是|代表|表示|指的?是|是指|含义|怎么理解|是什么)")
_BRACKET_NOTE = compile_cue(rf"[“\"]?{_BRACKETS}[”\"]?\s*(?:内|中|里)")
# a header cell naming the column of categories (类别 | 序号 | 指标名称 …, 序号 | 类目 | 指标名称 …)
_KIND_COLUMN = compile_cue(r"类别|分类|类型|类目|板块|领域|维度|方面|一级指标")
_ATTRIBUTES = ("约束性", "预期性")
_CAPTION_MAX = 40


@dataclass(frozen=True)
class Table:
    caption: object             # the clause that names the table (its caption line or heading), or its header row
    rows: tuple                 # the row clauses, in order
    header: object              # the header row


def asked(question: str) -> str | None:
    """None when ``question`` neither counts nor lists the plan's indicators; else the attribute it
    asks of ("约束性", "预期性"), or "" for them all."""
    q = re.sub(r"\s+", "", question or "")
    if asks_kinds(q) or asks_tables(q):
        return None
    m = _ASKS_COUNT.search(q) or _ASKS_LIST.search(q)
    if not m:
        return None
    g = m.groupdict()
    attribute = g.get("a") or g.get("b") or g.get("c") or ""
    return attribute if attribute in _ATTRIBUTES else ""


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|")]


def _second_header_line(header, line) -> bool:
    """Whether ``line``, just under the header row ``header``, is the header's second line ("… | 指标值"
    over "现状（2025年） | 近期规划（2030年）"): a heading row titled as the header is."""
    return line.kind == "heading" and "|" in line.text and line.title == header.title


def tables(doc) -> list[Table]:
    """The indicator tables of ``doc``: a header row followed by rows, where the header, the line
    just above it or the section it stands in says 指标. A row with fewer than two filled cells (a
    category's label on a line of its own) is not counted."""
    clauses = doc.clauses
    out = []
    for i, c in enumerate(clauses):
        if c.kind != "heading" or "|" not in c.text or i and _second_header_line(clauses[i - 1], c):
            continue
        above = clauses[i - 1] if i and len(clauses[i - 1].text) <= _CAPTION_MAX and "|" not in clauses[i - 1].text \
            else None
        named = [t for t in (c.text, above.text if above else "", c.section_path[-1] if c.section_path else "") if "指标" in t]
        if not named:
            continue
        rows = []
        for j, r in enumerate(clauses[i + 1:], i + 1):
            if j == i + 1 and _second_header_line(c, r):
                continue
            if r.kind != "table":
                break
            if sum(1 for cell in _cells(r.text) if cell) >= 2:
                rows.append(r)
        if rows:
            # the line above names the table when it says 指标 or is a table's or a 专栏's own line
            # ("专栏1 平潭综合实验区“十四五”时期经济社会发展主要目标")
            named_above = above is not None and ("指标" in above.text or re.match(r"\s*(?:专栏|表)\s*\d", above.text)
                                                 or above.text.strip().endswith("表"))
            out.append(Table(caption=above if named_above else c, rows=tuple(rows), header=c))
    return out


def _chosen(found: list[Table], question: str) -> list[Table]:
    """The tables the question asks of: those whose caption shares the most of its words (主要指标
    picks the 主要指标 table over the others)."""
    q = re.sub(r"\s+", "", question)

    def shared(t: Table) -> int:
        caption = t.caption.text
        return sum(1 for i in range(len(q) - 1) if q[i:i + 2] in caption)

    best = max(shared(t) for t in found)
    tied = [t for t in found if shared(t) == best]
    return [t for t in tied if "主要指标" in t.caption.text] or tied


_LEAD_NUMBER = re.compile(r"^(\d{1,3})[.．、](?!\d)")


def _number(row) -> int | None:
    """The row's 序号: a cell among its first three that is a whole number, or that opens with one
    ("1.重点人群签约服务覆盖率" where no column of its own numbers the rows)."""
    for c in _cells(row.text)[:3]:
        if c.isdigit() and len(c) <= 3:
            return int(c)
        if m := _LEAD_NUMBER.match(c):
            return int(m.group(1))
    return None


def counted(table: Table) -> list:
    """The rows that are indicators of their own: when most rows are numbered 1…N, the first row
    of each 序号 (a "其中" sub-row or a second header line is then no indicator of its own); else
    every row but those that open with 其中 or carry neither a figure nor an attribute (a second
    header line)."""
    numbered = [(n, r) for r in table.rows if (n := _number(r)) is not None]
    first = {}
    for n, r in numbered:
        first.setdefault(n, r)
    if len(numbered) * 5 >= len(table.rows) * 3 and sorted(first) == list(range(1, len(first) + 1)):
        return [first[n] for n in sorted(first)]
    return [r for r in table.rows if not _cells(r.text)[0].startswith("其中")
            and (re.search(r"\d", r.text) or any(a in r.text for a in _ATTRIBUTES))]


def _name(table: Table) -> str:
    """The table's caption as a note names it; "指标表" for a table named only by its header row."""
    caption = table.caption
    return re.sub(r"\s+", "", caption.text) if caption.kind != "heading" or "|" not in caption.text else "指标表"


def kinds_note(table: Table, found: list) -> str:
    """"《…核心指标表》的指标分为4类：发展规模、服务设施和历史文化、生态低碳安全、城市经济"."""
    return (f"《{_name(table)}》的指标分为{len(found)}类：{'、'.join(k for k, _ in found)}"
            " (read from the table's category column)")


def count_note(table: Table, rows: list, attribute: str) -> str:
    """"《…主要指标》共列出25项指标（约束性6项、预期性19项）" or, asked of one attribute,
    "《…主要指标》中约束性指标共6项（全表25项）", of the table's ``counted`` rows; a table named only by its
    header row is "指标表"."""
    by = {a: sum(1 for r in rows if a in r.text) for a in _ATTRIBUTES}
    total = len(rows)
    name = _name(table)
    if attribute:
        return f"《{name}》中{attribute}指标共{by[attribute]}项（全表{total}项）(counted from the table's rows)"
    split = "、".join(f"{a}{n}项" for a, n in by.items() if n)
    return f"《{name}》共列出{total}项指标" + (f"（{split}）" if split else "") + " (counted from the table's rows)"


def asks_tables(question: str) -> bool:
    """Whether ``question`` asks how many indicator tables the plan prints ("规划里列了几张指标表？")."""
    return bool(_ASKS_TABLES.search(re.sub(r"\s+", "", question or "")))


def asks_kinds(question: str) -> bool:
    """Whether ``question`` asks into which kinds the plan's indicators fall ("主要指标分为哪几类？")."""
    return bool(_ASKS_KINDS.search(re.sub(r"\s+", "", question or "")))


def kinds(table: Table) -> list[tuple[str, object]]:
    """(category, the row it is first printed in) for a table whose header names a column of
    categories (类别, 分类, 类目 …) whose cells are not 约束性/预期性: the cell of that column in every
    row printed full width (a category's later rows leave the merged cell out or blank), in order."""
    header = _cells(table.header.text)
    width = max(len(_cells(r.text)) for r in table.rows)
    for col, head in enumerate(header):
        if not _KIND_COLUMN.search(head):
            continue
        out, seen = [], set()
        for r in table.rows:
            cells = _cells(r.text)
            if len(cells) != width or col >= len(cells):
                continue
            cell = cells[col]
            if not cell or cell.isdigit() or cell.startswith("其中") or re.fullmatch(r"[\d.%％≥≤<>＞＜~～—-]+", cell):
                continue
            if cell in _ATTRIBUTES:
                break           # a column of 约束性 / 预期性 (类型 is said of them too), not of categories
            if cell not in seen:
                seen.add(cell)
                out.append((cell, r))
        if len(out) >= 2:
            return out
    return []


def bracket_notes(question: str, documents) -> list:
    """The note lines that say what a table's bracketed figures are, for a question that asks it
    ("加了方括号的数字是什么意思？"); [] when it does not or no plan prints such a note."""
    if not _ASKS_BRACKETS.search(re.sub(r"(?<=[^\s])\s+(?=[^\s])", "", question or "")):
        return []
    return [c for d in documents for c in d.clauses if _BRACKET_NOTE.search(c.text)]


def answer(question: str, documents) -> tuple[list, list[str]] | None:
    """(the clauses to show, the notes) for a question that counts or lists indicators, or None when
    it does not or no loaded plan prints an indicator table. The caption comes first, then the rows
    counted (only those of the attribute asked about, when one is)."""
    notes = bracket_notes(question, documents)
    if notes:           # 〔 〕括起来的数字是什么意思: the table's note, as printed
        return notes, []
    by_kind, by_table = asks_kinds(question), asks_tables(question)
    attribute = None if by_kind or by_table else asked(question)
    if attribute is None and not by_kind and not by_table:
        return None
    found = [t for d in documents for t in tables(d)]
    if not found:
        return None
    if by_table:        # 列了几张指标表: every table's caption, in the plan's order
        names = "、".join(f"《{_name(t)}》" for t in found)
        return [t.caption for t in found], [f"共列出{len(found)}张指标表：{names} (counted from the plan's tables)"]
    chosen = _chosen(found, question)
    if by_kind:         # 指标分为哪几类: the caption, then the row each category is first printed in
        shown, notes = [], []
        for t in chosen:
            if ks := kinds(t):
                shown += [t.caption] + [r for _, r in ks]
                notes.append(kinds_note(t, ks))
        return (shown, notes) if shown else None
    if attribute and not any(attribute in r.text for t in chosen for r in t.rows):
        return None         # a table that prints no 约束性 column says nothing of them
    shown, notes = [], []
    for t in chosen:
        rows = counted(t)
        shown.append(t.caption)
        shown += [r for r in rows if not attribute or attribute in r.text]
        notes.append(count_note(t, rows, attribute))
    return shown, notes
