"""Place names, from China's administrative divisions (assistant/data/places.tsv).

A plan's own places are the division names its text uses (绵阳, 长兴岛 is not a
division and is not needed); a question's places are division names it says.
Province- and prefecture-level names are recognised by their short form
(四川, 绵阳); county-level ones only with their suffix (温江区, 夹江县), since
many county short forms are ordinary words (和平, 长安, 新华).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from corpus.script import compile_cue

DATA = Path(__file__).resolve().parent / "data" / "places.tsv"

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "林区",
             "新区", "省", "市", "盟", "县", "区", "旗")
# ethnic names inside prefecture names: 阿坝藏族羌族自治州 -> 阿坝
_ETHNIC = compile_cue("(?:" + "|".join(
    "藏 羌 彝 土家 苗 侗 布依 傣 景颇 白 哈尼 傈僳 壮 回 蒙古 朝鲜 维吾尔 哈萨克 柯尔克孜 瑶 黎 纳西 普米 "
    "蒙古 土 撒拉 保安 东乡 裕固 仫佬 毛南 仡佬 水 各".split()) + ")族+$")
# county-level names that are also ordinary words in plans (老城区 and 新城区: a city's old and new town, in
# eighteen of the corpus's plans and none of them 洛阳's, 西安's or 呼和浩特's; 城桥新城区域 holds 新城区)
_GENERIC = frozenset({"城区", "郊区", "矿区", "新区", "市辖区", "县", "区", "老城区", "新城区"})


def short_name(full: str) -> str:
    for suf in _SUFFIXES:
        if full.endswith(suf) and len(full) - len(suf) >= 2:
            base = full[: -len(suf)]
            if suf.startswith("自治"):
                while _ETHNIC.search(base) and len(_ETHNIC.sub("", base, count=1)) >= 2:
                    base = _ETHNIC.sub("", base, count=1)
            return base if len(base) >= 2 else full
    return full


def _divisions():
    """(name, level, code) of each division in the data file."""
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, level, name = line.split("\t")
            yield name, int(level), code


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, int]:
    """Every recognisable form -> its level (1 province, 2 prefecture, 3 county)."""
    out: dict[str, int] = {}
    for name, lv, _code in _divisions():
        if len(name) < 2 or name in _GENERIC:
            continue
        out.setdefault(name, lv)
        if lv <= 2:
            short = short_name(name)
            out.setdefault(short, lv)
            if name.endswith("自治州"):
                out.setdefault(short + "州", lv)            # 阿坝州, 凉山州
    return out


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted(gazetteer(), key=len, reverse=True)
    return compile_cue("|".join(map(re.escape, names)))


# a division whose name opens on a conjunction (和县) is that word joining two nouns inside a sentence
# (县医院和县中医院, 各市和县), unless it follows the name of a division it lies in (马鞍山市和县)
_CONJUNCTION = frozenset("和与及或并")


def _matches(text: str) -> list[str]:
    out, end = [], -1
    for m in _pattern().finditer(text or ""):
        a = m.start()
        if m.group(0)[0] in _CONJUNCTION and a > 0 and "\u4e00" <= text[a - 1] <= "\u9fff" and a != end:
            continue
        out.append(m.group(0))
        end = m.end()
    return out


def places_in(text: str) -> list[str]:
    """Division names said in ``text``, longest match first, in order of appearance."""
    return list(dict.fromkeys(_matches(text)))


# a county's short form (青浦 of 青浦区) is a place where jieba's general dictionary lists it as a proper
# noun (a place or a name: ns, nr, nrt, nrfg, nz) of modest frequency, not as a word (小店 n, 新建 ns 1000,
# 平原 ns 7457, 长安 ns 5355, 滨海 ns 441): its tag and frequency decide, not a list
_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz"})
_PROPER_RARE = 300


@functools.lru_cache(maxsize=1)
def _county_shorts() -> frozenset:
    """Short forms of county-level divisions that are not also a province's or prefecture's form."""
    wide = gazetteer()
    return frozenset(s for name, lv, _code in _divisions() if lv == 3 and (s := short_name(name)) != name
                     and len(s) >= 2 and s not in wide and s not in _GENERIC)


@functools.lru_cache(maxsize=1)
def _proper_county_shorts() -> frozenset:
    import jieba
    shorts, out = _county_shorts(), set()
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) >= 3 and parts[0] in shorts and parts[2] in _PROPER_TAGS and int(parts[1]) <= _PROPER_RARE:
                out.add(parts[0])
    return frozenset(out)


def county_words(words) -> list[str]:
    """County-level divisions said by their short form as a word of their own ("青浦以后…" cut as 青浦 |
    以后; not the 迁安 inside 拆迁安置): ``words`` are a question's words (jieba's accurate cut).
    The dictionary is read only when a word is such a short form."""
    shorts = _county_shorts()
    found = [w for w in dict.fromkeys(words) if w in shorts]
    return [w for w in found if w in _proper_county_shorts()] if found else []


# a question that opens on who is asking (我是上海的退休老人，打算搬到嘉善那边住，老年卡…还能刷吗？; 老家在安徽、
# 人在苏州上班，…): what its clauses before the last say is the asker's story, not what is asked (我国, 我省 …
# speak for the plan's own region, not the asker)
_ASKER = compile_cue(r"(?:我(?![国省市区县])|俺|咱(?!们?[国省市区县])|本人|老家|家住|住在)")
_CLAUSE_END = re.compile(r"[，,。；;！!？?\s]+")


def asked_places(names, question: str, words) -> tuple[str, ...]:
    """Of ``names`` (places found in ``question``), those the question asks about: said somewhere as
    a word of its own or as a division's name in ``words`` (jieba's accurate cut of ``question``), not
    inside a longer word (苏州河, 广东菜, 北京大学), and outside the asker's story (``_ASKER``): the
    clauses before the last of a question opening on the asker, and any clause opening on the asker."""
    spans, at = [], 0
    for w in words:
        i = question.find(w, at)
        if i >= 0:
            spans.append((i, i + len(w), w))
            at = i + len(w)
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(question) if m.end() < len(question)]
    story = starts[-1] if _ASKER.match(question.lstrip()) else 0
    wide = gazetteer()
    out = []
    for name in names:
        for m in re.finditer(re.escape(name), question):
            a, b = m.span()
            inside = any(s < b and a < e and (s < a or e > b) and w not in wide and short_name(w) != name
                         for s, e, w in spans)
            clause = max(x for x in starts if x <= a)
            if not inside and a >= story and not _ASKER.match(question, clause):
                out.append(name)
                break
    return tuple(out)


def main_place(text: str, at_least: int = 5) -> str:
    """The division a text names most, by its short name (湖南 for 湖南省 and 湖南), when it is
    named ``at_least`` times and more often than any other; "" otherwise. A national text names
    places a few times each (香港, 澳门: 3); a local one names its own place throughout."""
    counts: dict[str, int] = {}
    for found in _matches(text):
        name = short_name(found)
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < at_least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return ""
    return ranked[0][0]


@functools.lru_cache(maxsize=1)
def _codes() -> dict[str, frozenset]:
    """Every recognisable form -> the division codes it may stand for (a county's short form too)."""
    out: dict[str, set] = {}
    for name, _lv, code in _divisions():
        for form in {name, short_name(name)}:
            out.setdefault(form, set()).add(code)
    return {k: frozenset(v) for k, v in out.items()}


def lies_within(name: str, regions) -> bool:
    """Whether every division ``name`` may stand for lies inside one of ``regions`` (a plan's own region:
    肥东 and 肥东县 inside 合肥), by the divisions' codes: a province's first two digits, a prefecture's
    first four. False for a name of no division, or when a region is none."""
    codes = _codes()
    prefixes = set()
    for r in regions:
        for c in codes.get(r, ()):
            prefixes.add(c[:2] if c.endswith("0000") else c[:4] if c.endswith("00") else c)
    own = codes.get(name, ())
    return bool(own and prefixes) and all(any(c.startswith(p) and c != p.ljust(6, "0") for p in prefixes)
                                          for c in own)


@functools.lru_cache(maxsize=64)
def full_names(short: str) -> tuple[str, ...]:
    """The gazetteer's division names whose short name is ``short`` (湖南 -> 湖南省)."""
    return tuple(n for n in gazetteer() if n != short and short_name(n) == short)


def plan_places(documents) -> tuple[str, ...]:
    """The division names the documents use (both the full and the short form of each)."""
    found: dict[str, None] = {}
    for d in documents:
        for name in places_in(getattr(d, "text", "")):
            found[name] = None
            found[short_name(name)] = None
    return tuple(found)


def known_places(documents) -> tuple[str, ...]:
    """Places the dialogue layer recognises: every province- and prefecture-level name
    (a question may name one the plan lacks) and the county-level names the plan uses."""
    wide = [n for n, lv in gazetteer().items() if lv <= 2]
    return tuple(dict.fromkeys([*plan_places(documents), *wide]))
