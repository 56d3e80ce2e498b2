"""The plan's own vocabulary, harvested from its headings, for the tokenizer.

jieba's general dictionary splits plan terms such as 新材料, 新型显示 or
数字创意; adding the plan's own names (industry names from section titles,
专栏 project names "…工程", clause lead titles, glossary terms) keeps them whole,
while the tokenizer's search-mode expansion still emits their sub-words.
"""
from __future__ import annotations

import re
from typing import Iterable

# Sichuan's 21 prefecture-level units and a few recurring regional names, plus
# plan-domain terms jieba splits. Facts, not tuning: these are place and
# industry names a user types.
DOMAIN_WORDS = tuple("""
四川 四川省 成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳
阿坝 甘孜 凉山 天府新区 成都平原 川南 川东北 攀西 川西北 成渝 成德绵 重庆 西昌
新材料 新能源 新能源汽车 新型显示 集成电路 大数据 云计算 物联网 人工智能 数字创意 节能环保 高端装备
战略性新兴产业 生物医药 生物农业 生物制造 页岩气 燃气轮机 轨道交通 充电桩 充电设施 动力电池 锂电 石墨烯
军民融合 互联网+ 十三五 十二五 规划期 规划纲要 产业园区 高新区 经开区 知识产权 智能制造 增材制造 3D打印 无人机
""".split())

_VERB_PREFIXES = tuple(sorted("""
做大做强 大力发展 加快发展 积极发展 稳步发展 提升发展 突破发展 深入发展 创新发展 推动 促进 推进 构建 实施
优化 完善 加大 加强 强化 强力推进 提升 培育 打造 建设 发展 着力 加快 大力 积极 深入 全面 扎实
""".split(), key=len, reverse=True))
_SUFFIXES = tuple(sorted("""
跨越发展 规模化发展 优化发展 突破发展 加快发展 快速发展 蓬勃发展 创新发展 融合发展 发展水平 发展 行动计划
规模化应用 能力 水平
""".split(), key=len, reverse=True))
_SPLIT = re.compile(r"[、，,；;：:。．.！!？?（）()“”\"'《》\s/]+|和|与|及")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\(\w+\)|\d+[.．、]|专栏\s*\d+|第[一二三四五六七八九十百]+[章节条])\s*")
_PROJECT = re.compile(r"^\s*([^\s：:，。；]{2,24}?工程)\s*[：:]")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _strip_affixes(phrase: str) -> str:
    changed = True
    while changed:
        changed = False
        for p in _VERB_PREFIXES:
            if phrase.startswith(p) and len(phrase) - len(p) >= 2:
                phrase, changed = phrase[len(p):], True
                break
        for s in _SUFFIXES:
            if phrase.endswith(s) and len(phrase) - len(s) >= 2:
                phrase, changed = phrase[: -len(s)], True
                break
    return phrase


def phrases_from_title(title: str) -> list[str]:
    """Candidate names in a heading: '（一）做大做强集成电路和新型显示产业。' -> 集成电路, 新型显示产业, 新型显示."""
    title = _NUMBERING.sub("", title.strip())
    out = []
    for part in _SPLIT.split(title):
        part = _strip_affixes(part.strip())
        if not (2 <= len(part) <= 16) or not _HAN.search(part):
            continue
        out.append(part)
        for tail in ("重点工程", "空间布局图", "布局图", "产业", "产业链", "行动", "工程", "基地"):
            if part.endswith(tail) and len(part) - len(tail) >= 2:
                out.append(part[: -len(tail)])
                break
    return out


def harvest_vocabulary(clauses: Iterable) -> tuple[str, ...]:
    """Words from section paths, clause titles, 专栏 project names and glossary terms (sorted, unique)."""
    words: set[str] = set()
    seen_titles: set[str] = set()
    for c in clauses:
        for t in (*c.section_path, c.title):
            if t and t not in seen_titles:
                seen_titles.add(t)
                words.update(phrases_from_title(t))
        m = _PROJECT.match(c.text)
        if m:
            words.add(m.group(1))
            words.update(phrases_from_title(m.group(1)))
        if c.kind == "glossary" and c.title:
            words.add(c.title.strip())
    return tuple(sorted(w for w in words if 2 <= len(w) <= 24))
