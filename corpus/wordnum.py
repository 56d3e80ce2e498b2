"""Word's automatic list numbering, written back into paragraph text.

A .docx heading or list item numbered by Word carries no 一、 / （一） / 1. in its text: Word draws
the label from ``word/numbering.xml`` when it lays the page out. The printed plan — and the PDF of
the same file — shows the label, a reader cites it, and the structure parser reads sections from
it, so the loader renders it the way Word does:

* a paragraph's numbering is its own ``w:numPr`` or its style's (a style linked to a list level,
  as 标题 1 / 标题 2 of a multi-level list usually are);
* a level's label is its ``w:lvlText`` ("%1、", "（%1）", "%1.%2") with each ``%N`` the current
  count of level N in that level's ``w:numFmt`` (decimal, 一二三 chineseCounting, 甲乙丙,
  ①②③, A/a, I/i …);
* lists that share an abstract list continue one count (a list instance that redefines a level
  still counts with them); a ``w:startOverride`` restarts it where its list instance is first
  used; numbering a level restarts the deeper levels, those with a ``w:lvlRestart`` only after
  the levels it names;
* bullets and levels without a label give no text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_CJK_CLOSE = tuple("、，．。：）】」』〕)")
_PLACEHOLDER = re.compile(r"%([1-9])")


def chinese_number(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """一, 十, 十一, 二十, 一百零五 … the way Word's chineseCounting writes n (0 < n < 10000)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    zero = False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            zero = False
            out += ("" if (value == 10 and d == 1 and not out) else digits[d]) + unit
        elif out and n:
            zero = True
    return out


def _letters(n: int) -> str:
    """A … Z, AA … ZZ: Word repeats the letter."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, sym in _ROMAN:
        while n >= value:
            out += sym
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """n in one of Word's w:numFmt styles; an unknown style falls back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt == "ideographDigital":      # digit by digit: 一〇 for 10
        return "".join(_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, _LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _STEMS[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass
class ListLevel:
    """One level of a list definition (a w:lvl, or an LVL of a .doc's list table)."""
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None     # w:lvlText; None when the level has none
    suffix: str = "tab"         # w:suff: tab, space or nothing
    legal: bool = False         # w:isLgl: every number of the label in decimal
    style: str = ""             # w:pStyle: the paragraph style linked to this level
    restart: int | None = None  # w:lvlRestart: it restarts after levels above this one-based index only


@dataclass
class ListInstance:
    """A w:num: the abstract list it counts in, the levels it restarts (w:startOverride) and the
    levels it redefines for itself (a w:lvl in its w:lvlOverride: still counted with the list)."""
    abstract: str
    restarts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, ListLevel] = field(default_factory=dict)


@dataclass
class Numbering:
    """The lists of one document and the counts reached so far, read in document order."""
    abstract: dict[str, dict[int, ListLevel]] = field(default_factory=dict)   # abstractNumId -> levels
    instances: dict[str, ListInstance] = field(default_factory=dict)           # numId -> its instance
    style_num: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counts: dict[str, dict[int, int]] = field(default_factory=dict)          # abstractNumId -> level -> count
    starts: dict[str, dict[int, int]] = field(default_factory=dict)          # abstractNumId -> restarted starts
    started: set = field(default_factory=set)                                # numIds already used

    def label(self, p) -> str:
        """The label Word draws before paragraph ``p`` (with its separator), counting it; "" when
        the paragraph is not numbered or its level shows no text."""
        ppr = p.find(W + "pPr")
        num_id, ilvl, style = None, None, ""
        if ppr is not None:
            num_pr = ppr.find(W + "numPr")
            style_el = ppr.find(W + "pStyle")
            style = (style_el.get(W + "val") or "") if style_el is not None else ""
            if num_pr is not None:
                num_el, lvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
                num_id = num_el.get(W + "val") if num_el is not None else None
                ilvl = _int(lvl_el.get(W + "val")) if lvl_el is not None else None
        return self.count(num_id, ilvl, style)

    def count(self, num_id: str | None, ilvl: int | None, style: str = "") -> str:
        """The label of a paragraph of list instance ``num_id`` at level ``ilvl`` (None: its style's
        level) in paragraph style ``style``, counting it. The .doc reader (corpus.worddoc) gives
        its list table's values here in the same shape."""
        if num_id is None and style in self.style_num:
            num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0" or num_id not in self.instances:
            return ""
        inst = self.instances[num_id]
        levels = {**self.abstract.get(inst.abstract, {}), **inst.levels}
        if ilvl is None:        # a style linked to the list: the level that names the style, else the first
            ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        if ilvl not in levels:
            return ""
        counts = self.counts.setdefault(inst.abstract, {})
        starts = self.starts.setdefault(inst.abstract, {})
        if num_id not in self.started:          # an instance that restarts levels does so where first used
            self.started.add(num_id)
            for i, value in inst.restarts.items():
                counts.pop(i, None)
                starts[i] = value

        def start(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 1)

        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start(ilvl)
        for deeper in [i for i in counts if i > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if ilvl < (deeper if restart is None else restart):
                del counts[deeper]
                starts.pop(deeper, None)
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or not level.text:
            return ""

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i, ListLevel())
            if lv.fmt in ("none", "bullet"):
                return ""
            return format_number(counts.get(i, start(i)), "decimal" if level.legal else lv.fmt)

        text = _PLACEHOLDER.sub(number, level.text).lstrip()
        if not text.strip():
            return ""
        if level.suffix == "nothing" or text.endswith(_CJK_CLOSE) or text[-1].isspace():
            return text
        return text + " "


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def read_numbering(numbering_root, styles_root=None) -> Numbering | None:
    """The document's lists from the parsed ``word/numbering.xml`` (and the list links of the
    styles in ``word/styles.xml``); None when it has none."""
    if numbering_root is None:
        return None
    out = Numbering()
    for absn in numbering_root.iter(W + "abstractNum"):
        levels: dict[int, ListLevel] = {}
        for lvl in absn.iter(W + "lvl"):
            ilvl = _int(lvl.get(W + "ilvl"))
            if ilvl is None:
                continue
            levels[ilvl] = _read_level(lvl)
        out.abstract[absn.get(W + "abstractNumId") or ""] = levels
    for num in numbering_root.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        if ref is None:
            continue
        inst = ListInstance(ref.get(W + "val") or "")
        for over in num.iter(W + "lvlOverride"):
            ilvl = _int(over.get(W + "ilvl"))
            if ilvl is None:
                continue
            start = over.find(W + "startOverride")
            if start is not None and _int(start.get(W + "val")) is not None:
                inst.restarts[ilvl] = _int(start.get(W + "val"))
            lvl = over.find(W + "lvl")
            if lvl is not None:
                inst.levels[ilvl] = _read_level(lvl)
        out.instances[num.get(W + "numId") or ""] = inst
    if styles_root is not None:
        for style in styles_root.iter(W + "style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            num_el, lvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
            if num_el is not None:
                out.style_num[style.get(W + "styleId") or ""] = (
                    num_el.get(W + "val") or "", _int(lvl_el.get(W + "val")) if lvl_el is not None else None)
    return out if out.instances else None


def _read_level(lvl) -> ListLevel:
    level = ListLevel()

    def val(tag: str):
        el = lvl.find(W + tag)
        return el.get(W + "val") if el is not None else None

    start = _int(val("start"))
    level.start = start if start is not None else 1
    level.fmt = val("numFmt") or "decimal"
    level.text = val("lvlText")
    level.suffix = val("suff") or "tab"
    legal = lvl.find(W + "isLgl")
    level.legal = legal is not None and (legal.get(W + "val") or "true") not in ("0", "false", "off")
    level.style = val("pStyle") or ""
    level.restart = _int(val("lvlRestart"))
    return level
