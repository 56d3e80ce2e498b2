"""Glossary (名词解释) entries and the questions that ask for them.

An entry is asked for by its term or by another name the entry itself gives
("被称为“黑金”", "又称生物纳米机器", "也被称为“电网2.0”", "又被称为“静脉经济”、
第四产业", "医学界称为“万用细胞”"): ``aliases`` harvests those names from the
entry text with one general pattern, so a user's own plan's glossary works
the same way. ``asks_definition`` tells a definition question ("X是什么意思",
"说白了X是啥", "被称为“黑金”的是什么材料") from a question about X ("X的目标
是什么"). Pure functions over strings.
"""
from __future__ import annotations

import re

from assistant.text import compact
from corpus.script import compile_cue

# "又被称为 “静脉经济”、 第四产业", "医学界称为“万用细胞”", "又称生物纳米机器"
_ALIAS_CUE = compile_cue(r"(?:又被称为|也被称为|被称为|被称作|又称为|也称为|又称|也称|亦称|俗称|简称|"
                        r"称之为|称为|称作|叫做|被誉为|誉为)")
_QUOTED = compile_cue(r"[“\"「『]([^”\"」』]{1,16})[”\"」』]")
_PIECE_END = re.compile(r"[。；;！!？?\n]")
_NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9.+\-]{2,12}$")


def aliases(text: str) -> tuple[str, ...]:
    """Other names an entry gives its term: after a naming cue (被称为, 又称 …)
    up to the end of the sentence, the first name and any further name that is
    quoted or joined by 、 ("“静脉经济”、 第四产业"); a plain clause after a comma
    ("，是以物理电网为基础") ends the list."""
    out: list[str] = []
    for m in _ALIAS_CUE.finditer(text or ""):
        rest = text[m.end():]
        end = _PIECE_END.search(rest)
        rest = rest[: end.start()] if end else rest
        pieces = re.split(r"([，,、]|和|与|或)", rest)
        sep = ""
        for i in range(0, len(pieces), 2):
            piece = pieces[i].strip()
            quoted = _QUOTED.search(piece)
            if quoted:
                name = quoted.group(1)
            elif i == 0 or sep == "、":
                name = piece.strip(" “”\"'「」『』")
            else:
                break
            name = compact(name)
            if _NAME.match(name) and name not in out:
                out.append(name)
            elif not quoted:
                break
            sep = pieces[i + 1] if i + 1 < len(pieces) else ""
    return tuple(out)


DEFINITION = compile_cue(
    r"什么是|是什么|指什么|指的是|什么叫|何谓|何为|含义|定义|界定|解释|是指|意思|概念|是啥|啥是|啥叫|指啥|"
    r"什么东西|是个啥|怎么理解|如何理解|说白了|通俗")
_FILLER = compile_cue(
    r"什么是|是什么|指的是|指什么|什么叫|何谓|何为|含义|定义|解释|是指|意思|概念|名词|术语|规划|文件|里面|"
    r"(?:标准|规范|导则|名录|目录|清单|办法|方案|意见|细则|条例|公报|纲要)(?=里|中|上|所|说|提到|讲)|"   # "标准里说的X"
    r"说白了|到底|究竟|所谓的|所谓|所说的|所说|通俗地|通俗|简单地|简单|讲讲|说说|讲一讲|东西|理解|一种|"
    r"被称为|也被称为|又被称为|称为|叫做|又称|或者说|也就是|有人|人们|常说|大家|把|它|啥|个|样|"
    r"里|中|的|对|是|怎么|怎样|如何|什么|叫|指|讲|说|点|呢|吗|啊|呀|一下|请问|技术|这个|那个|和|与|或|[\s\W_]")


def asks_definition(question: str, names, entry_text: str = "") -> str:
    """The name (of ``names``: a term and its aliases) whose meaning
    ``question`` asks, or "". Left over once the names, definition words and
    padding are removed may only be words the entry itself uses ("尺寸",
    "材料", "医学界") and at most one character more."""
    q = compact(question).lower()
    if not q or not DEFINITION.search(q):
        return ""
    named = [n for n in sorted({compact(n).lower() for n in names if n}, key=len, reverse=True) if n in q]
    if not named:
        return ""
    rest = q
    for n in named:
        rest = rest.replace(n, " ")
    rest = re.sub(r"有多[大小长高厚薄重]|多[大小长高厚薄重]", " ", rest)
    rest = _FILLER.sub(" ", rest)
    body = compact(entry_text).lower()
    left = []
    for run in rest.split():
        i = 0
        while i < len(run):           # drop the longest stretches (2+ chars) the entry itself uses
            j = len(run)
            while j - i >= 2 and run[i:j] not in body:
                j -= 1
            if j - i >= 2:
                i = j
            else:
                left.append(run[i])
                i += 1
    return named[0] if len(left) <= 1 else ""
