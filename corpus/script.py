"""Text printed in either script: OpenCC's tables read once, a regular expression written in
simplified characters made to match traditional print too, and a text's simplified form character for
character. A plan from 香港, 澳門 or 臺灣 prints traditional characters; the parser, the tokenizer and the
answer layer read it, and a question typed for it, with patterns and a dictionary written in simplified
ones."""
from __future__ import annotations

import functools
import re
from pathlib import Path


@functools.lru_cache(maxsize=8)
def opencc_dictionary(name: str) -> dict[str, list[str]]:
    """One of the ``opencc-python-reimplemented`` package's dictionary files (TSCharacters.txt …):
    entry -> its forms, in the file's order, read once (callers must not change it). Raises ImportError or
    OSError when it cannot be read."""
    import opencc
    rows = (Path(opencc.__file__).parent / "dictionary" / name).read_text(encoding="utf-8").splitlines()
    return {key: forms.split() for key, _, forms in (row.partition("\t") for row in rows) if key}


@functools.lru_cache(maxsize=1)
def _char_table() -> dict:
    """traditional character -> its simplified form, one for one (OpenCC's t2s character table, the
    first form of each); {} when the table cannot be read."""
    try:
        rows = opencc_dictionary("TSCharacters.txt")
    except (ImportError, OSError):
        return {}
    return {ord(key): forms[0] for key, forms in rows.items()
            if len(key) == 1 and forms and len(forms[0]) == 1 and forms[0] != key}


def char_simplified(text: str) -> str:
    """``text`` with each traditional character written in its simplified form, character for
    character (the length kept, so a position in one is a position in the other): what the
    tokenizer cuts. Not ``simplified``, whose phrase tables may change a text's length."""
    if text.isascii():
        return text
    return text.translate(_char_table())


@functools.lru_cache(maxsize=1)
def _script_variants() -> dict:
    """simplified character -> the traditional forms plans print for it (OpenCC's s2t table, with
    the variants 臺灣 and 香港 print of each: 为 -> 爲 為); {} when the tables cannot be read."""
    try:
        st, tw, hk = (opencc_dictionary(name) for name in ("STCharacters.txt", "TWVariants.txt", "HKVariants.txt"))
    except (ImportError, OSError):
        return {}
    out = {}
    for c, forms in st.items():
        if len(c) != 1:
            continue
        seen = []
        for f in forms:
            for g in (f, *tw.get(f, ()), *hk.get(f, ())):
                if len(g) == 1 and g != c and g not in seen:
                    seen.append(g)
        if seen:
            out[c] = "".join(seen)
    return out


@functools.lru_cache(maxsize=8192)
def either_script(pattern: str) -> str:
    """A regular expression written in simplified characters made to match the same words printed
    in traditional ones (什么是 -> 什[么麼]是): the cue patterns the answer layer reads questions and
    clauses by then read a 香港, 澳門 or 臺灣 plan, and a question typed for it, as they read a
    simplified one. Characters inside a class gain their forms ([条节] -> [条條节節]); range ends and
    escapes are left as they are."""
    forms = _script_variants()
    if not forms or pattern.isascii():
        return pattern
    out, i, n, in_class = [], 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if not in_class and c == "[":
            in_class = True
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            if pattern[j:j + 1] == "]":          # "[]…]" / "[^]…]": a literal ] opens the class
                j += 1
            out.append(pattern[i:j])
            i = j
            continue
        if in_class and c == "]":
            in_class = False
        elif c in forms:
            in_range = pattern[i - 1:i] == "-" or pattern[i + 1:i + 2] == "-"
            if in_class and not in_range:
                out.append(c + forms[c])
                i += 1
                continue
            if not in_class:
                out.append("[" + c + forms[c] + "]")
                i += 1
                continue
        out.append(c)
        i += 1
    return "".join(out)


def compile_cue(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile`` of ``either_script(pattern)``: a cue read in either script."""
    return re.compile(either_script(pattern), flags)
