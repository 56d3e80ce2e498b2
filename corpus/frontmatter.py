"""Front matter of a plan: what comes before its body, read from its first paragraphs.

Recognised, in the order they appear in real plans:

* a block of catalogue fields as scraped from a government site
  (``索引号：…`` ``分类号:BH6 6`` ``发文机关：…`` ``成文日期：…`` ``标题：…``
  ``发文字号：…``): never the title, never clauses; their values fill issuer,
  document number, date and title;
* a 印发通知 (``国务院关于印发……的通知`` / ``国发〔2019〕4号`` / addressees /
  ``现将《……》印发给你们…`` / the issuer / the date / ``（此件公开发布）``):
  kept out of the section tree; it gives the title (the 《》 name), issuer,
  document number and date;
* a standard's cover (``ICS 13.040.40`` ``广东省地方标准`` ``DB44/ 2367—2022``, the title, its
  English title, ``2022 - 06 - 01 发布``, the issuing bodies over ``发 布``): one title clause of its
  lines; it gives the title, number, 发布 date and issuers;
* the title line(s): consecutive short lines near the top without sentence
  punctuation, joined across line breaks (``四川省“十三五”战略性新兴产业`` /
  ``发展规划``, ``（2021—2025年）``); the bodies printed under it over a date (a 统计公报's
  ``合肥市统计局 国家统计局合肥调查队`` / ``2025年3月28日``) are its issuers;
* a 目录 (table of contents): the ``目录`` line and its entries up to where the
  body repeats the first entry; kept out of the section tree and the clauses
  (``Document.toc`` keeps the lines, without dot leaders and page numbers).

``split_front_matter`` returns a :class:`FrontMatter` and the body paragraphs
(the title, if any, merged into the first one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.meta import (ATTACHMENT_MARK, DOC_NUMBER_LINE, ISSUER_END, REGISTRATION, TITLE_END, clean_title,
                         masthead_body, masthead_line)
from corpus.paragraphs import Paragraph, join_wrapped
from corpus.script import compile_cue

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}

_FIELD = re.compile(r"(索引号|分类号|主题分类|体裁分类|发文机关|发布机构|成文日期|发布日期|生成日期|标\s*题|"
                    r"发文字号|文\s*号|主\s*题\s*词|有效性|公文种类|信息来源)\s*[:：]")
_NOTICE_TITLE = compile_cue(r"^(?P<issuer>.{0,40}?)关于印发(?P<what>.{2,80}?)的(?:通知|决定|函)$")
# a document published as news (gov.cn, 新华社): "中共中央办公厅 国务院办公厅印发《关于…的意见》", the
# 电讯 lead (近日，…印发了《…》，并发出通知…) and "《…》全文如下。" before the document itself
_NEWS_TITLE = compile_cue(r"^(?P<issuer>.{0,40}?)印发(?P<what>《[^《》]{2,80}》)$")
_FULL_TEXT = compile_cue(r"^《[^《》]{2,80}》(?:全文|主要内容)如下[。：:]?$")
_DOC_NUMBER = DOC_NUMBER_LINE
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DATE = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_NAME = re.compile(r"《(?P<name>[^《》]{2,80})》")
_PUBLIC = compile_cue(r"^[（(](?:(?:此件|本件)[^）)]{0,20}|联系人[^）)]{0,60})[）)]$")   # （此件公开发布） （联系人：…）
_TOC_NUMBER = re.compile(r"^\s*(?:第\s*[一二三四五六七八九十百零〇两\d]+\s*[编篇章节条]|第\s*[一二三四五六七八九十\d]+\s*部分"
                         r"|[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+(?:[.．]\d+)*[.．、]?"
                         r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]\s*[、.．]|[壹貳贰參叁肆伍陸陆柒捌玖拾]+\s*[、.．])\s*")
_TOC = compile_cue(r"^目\s*[录錄次]$")    # 目次: the word of 标准 and 导则; 目錄 in traditional print
_NAMED = compile_cue(r"^(?:序言|前言|引言|导言|结束语|结语)$")
_LEADER = re.compile(r"[\s.．·…⋯—_-]*\d{0,4}\s*$")
_SENTENCE = re.compile(r"[。；;！？!?]")
_BRACKETS = re.compile(r"[（()）]")          # set aside when a line is matched to a 目录 entry
_PERIOD = re.compile(r"^[（(][^）)]{2,24}[）)]$")          # （2021—2025年）
# a regulation's adoption record under its title, bracketed or not: "2020年12月24日浙江省第十三届人民代表大会
# 常务委员会第二十六次会议通过" (later amendments may follow it on the same line)
_ADOPTED = compile_cue(r"^[（(]?(?:19|20)\d\d年\d{1,2}月\d{1,2}日[^。；]{4,80}?(?:通过|批准)")
_ISSUED_BY = compile_cue(r"^(?P<who>[^，。；、《》“”\s]{2,30}?)关于.{2,80}的(?:通知|意见|决定|建议|批复|函|报告|指导意见|实施意见)$")


@dataclass(frozen=True)
class FrontMatter:
    title: str = ""
    issuer: str = ""
    doc_number: str = ""
    date: str = ""                      # ISO YYYY-MM-DD, or ""
    notice: tuple[Paragraph, ...] = ()  # the 印发通知's paragraphs
    toc: tuple[str, ...] = ()           # 目录 entries, cleaned
    fields: tuple[str, ...] = ()        # catalogue field lines (索引号 …), verbatim
    has_title: bool = False             # the first body paragraph is the title line(s)


def iso_date(text: str) -> str:
    """The first date in ``text`` as YYYY-MM-DD (arabic or Chinese numerals), or ""."""
    m = _DATE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _CN_DATE.search(text)
        if not m:
            return ""
        y = int("".join(str(_CN_DIGIT[ch]) for ch in m.group(1)))
        mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2200):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _signed_date(text: str) -> str:
    """The signing body of a line that is a body and a date run together ("平潭综合实验区财政金融局2022年4月26日",
    as a crawl joins the 落款 and the date), else ""."""
    t = _compact(text)
    m = _DATE.search(t) or _CN_DATE.search(t)
    if not m or m.end() != len(t) or not iso_date(t):
        return ""
    who = t[:m.start()]
    return who if 2 <= len(who) <= 30 and ISSUER_END.search(who) and not _SENTENCE.search(who) else ""


def _dated(text: str) -> bool:
    """A line that is only a date, or a signing body and its date."""
    t = _compact(text)
    return bool(iso_date(t) and (len(t) <= 20 or _signed_date(t)))


def _cn_small(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        a, _, b = text.partition("十")
        return (_CN_DIGIT.get(a, 1) if a else 1) * 10 + (_CN_DIGIT.get(b, 0) if b else 0)
    return _CN_DIGIT.get(text, 0)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def titled_after(text: str, title: str) -> bool:
    """Whether ``text`` ends with ``title`` (four characters or more) after a prefix of at most 30 — a name or a
    year before a part's title ("上海市财政局（单位）主要职能" for 单位主要职能); both compacted, brackets aside."""
    return len(title) >= 4 and text.endswith(title) and len(text) - len(title) <= 30


def toc_key(text: str) -> str:
    """``text`` as it is matched to a 目录 entry: compacted, brackets aside."""
    return _BRACKETS.sub("", _compact(text))


def _prefixed_title(line: str, entry: str) -> bool:
    """Whether ``line`` prints the numbered 目录 ``entry``'s title after a prefix (``titled_after``)."""
    m = _TOC_NUMBER.match(entry)
    title, text = toc_key(entry[m.end():] if m else ""), toc_key(line)
    return text != title and titled_after(text, title)


def toc_entry(text: str) -> str:
    """A 目录 line without dot leaders and page number."""
    return re.sub(r"\s+", " ", _LEADER.sub("", text)).strip()


def _fields(text: str) -> dict[str, str]:
    """Catalogue fields of a line (several may share one line)."""
    marks = list(_FIELD.finditer(text))
    out = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out[_compact(m.group(1))] = text[m.end():end].strip()
    return out


def _is_field_line(text: str) -> bool:
    m = _FIELD.match(text)
    return bool(m) and len(text) <= 200


# the line under a report's title saying when and where it was delivered
_DELIVERED = compile_cue(r"^[—-]*(?:19|20)\d\d年\d{1,2}月\d{1,2}日在[^。；;]{2,60}(?:会议|大会)上$")
# the date a title carries on its own line's end: "…工作的意见（2021年9月22日）"
_TITLE_DATE = re.compile(r"\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]\s*$")
# the session paper number printed over a work report ("阜平县十七届人大五次会议文件(1)"): not its title
_SESSION_PAPER = compile_cue(r"^\S{0,30}会议文件\s*(?:[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)]|之[\d一二三四五六七八九十]{1,3})?$")


def _titleish(text: str) -> bool:
    """A line that can be (part of) a title: short (or, ending as a title does, …的通知, up to 100
    characters: a notice that names its issuer and the whole measures' title runs long), no sentence
    punctuation, no colon. A date in brackets at its end is the title's date, not a dated line."""
    text = _TITLE_DATE.sub("", text)
    long_title = (len(text) <= 100 and bool(TITLE_END.search(text.strip()))
                  and text.count("《") == text.count("》"))        # not a sentence wrapped inside a 《…》
    return ((len(text) <= 48 or long_title)
            and not _SENTENCE.search(text) and "：" not in text and ":" not in text and " | " not in text
            and not _DATE.search(text) and not _DOC_NUMBER.search(text))     # (nor a table's row)


def _banner(text: str) -> bool:
    """An issuer banner over a notice title: names, no sentence, no date or document number."""
    return (len(text) <= 160 and not _SENTENCE.search(text) and "：" not in text
            and not _DATE.search(text) and not _DOC_NUMBER.search(text))


def _notice_items(paras: list[Paragraph], j: int, stop: int, is_heading) -> bool:
    """Whether the numbered paragraph at ``j`` is one of the notice's own instructions
    ("一、各地各部门要强化属地责任，……。" before the notice's date line) rather than the plan's
    first heading: the notice's date comes before any heading that is a bare title (一、总体要求)."""
    for k in range(j, min(len(paras), stop)):
        text = paras[k].text
        t = _compact(text)
        if _TOC.match(t):
            return False
        if iso_date(t) and len(t) <= 20:
            return True
        if is_heading(text) and not _SENTENCE.search(text):
            return False
    return False


# what a 文号 printed inside a line may have before it: the body that issued it (苏州市人民政府苏府规字〔2023〕1号)
_ISSUER_BEFORE_NUMBER = compile_cue(r"^.*(?:人民政府|办公厅|办公室|委员会)(?=[\u4e00-\u9fff])")


def _number_in(text: str, own: str = "") -> str:
    """The first 文号 in a notice's ``text`` (吉政办发〔2023〕23号), without an issuer's name run into it; not
    one that cites another document (为落实《…若干措施》（雄安工科数字〔2025〕16号）), but one that cites the
    document itself, titled ``own`` (日前，…印发了《…行动方案》（岚综管办〔2021〕105 号）)."""
    for m in _DOC_NUMBER.finditer(text):
        before = text[:m.start()]
        if re.search(r"》\s*[（(]\s*$", before):
            named = re.search(r"《([^《》]*)》\s*[（(]\s*$", before)
            if not (own and named and _compact(named.group(1)) == _compact(own)):
                continue
        return _ISSUER_BEFORE_NUMBER.sub("", _compact(m.group(0)))
    return ""


def _merge(paras: list[Paragraph], sep: str | None = None) -> Paragraph:
    """The paragraphs as one, joined as wrapped lines are (``sep``: with it between them instead,
    as a cover's lines printed apart), pages kept."""
    text = ""
    pages: list[tuple[int, int]] = []
    for p in paras:
        joined = join_wrapped(text, p.text) if sep is None else (f"{text}{sep}{p.text}" if text else p.text)
        base = len(joined) - len(p.text)
        for off, pg in p.pages:
            if not pages or pages[-1][1] != pg:
                pages.append((base + off, pg))
        text = joined
    return Paragraph(text, tuple(pages) or ((0, 1),), paras[0].heading_hint)


def split_paragraph_at(p: Paragraph, k: int) -> tuple[Paragraph, Paragraph]:
    """``p`` cut at offset ``k`` (the second part without leading spaces), pages kept."""
    head = p.text[:k].rstrip()
    rest_raw = p.text[k:]
    rest = rest_raw.lstrip()
    skip = k + (len(rest_raw) - len(rest))
    head_pages = tuple((o, pg) for o, pg in p.pages if o < max(1, len(head))) or ((0, p.pages[0][1]),)
    rest_pages = [(0, p.page_at(skip))] + [(o - skip, pg) for o, pg in p.pages if o > skip]
    return Paragraph(head, head_pages, p.heading_hint), Paragraph(rest, tuple(rest_pages), 0)


def split_front_matter(paragraphs: list[Paragraph], is_heading=None, scan: int = 60,
                       any_heading: bool = True) -> tuple[FrontMatter, list[Paragraph]]:
    """Front matter and the body paragraphs (see the module docstring).

    ``is_heading(text)`` tells a numbered heading (structure.match_heading);
    a title is only looked for before the first one.  ``any_heading``: the
    text has headings at all (a lone short first line is then its title).
    """
    is_heading = is_heading or (lambda text: False)
    paras = _split_run_in_notice_title(list(paragraphs))
    limit = min(len(paras), scan)
    fields: dict[str, str] = {}
    field_lines: list[str] = []
    i = 0
    # 1. catalogue fields at the very top
    while i < limit and (_is_field_line(paras[i].text) or REGISTRATION.match(_compact(paras[i].text))):
        fields.update(_fields(paras[i].text))
        field_lines.append(paras[i].text)
        i += 1
    title = fields.get("标题", "")
    issuer = fields.get("发文机关", "") or fields.get("发布机构", "")
    doc_number = fields.get("发文字号", "") or fields.get("文号", "")
    date = iso_date(fields.get("成文日期", "")) or iso_date(fields.get("发布日期", ""))
    # 1b. a standard's cover page: its title block, one clause of its lines (a question about its
    # number or issuers is answered with it)
    cover = _standard_cover(paras, i, limit, is_heading)
    if cover:
        end, c_title, c_issuer, c_number, c_date = cover
        title, issuer = title or c_title, issuer or c_issuer
        doc_number, date = doc_number or c_number, date or c_date
        paras = paras[:i] + [_merge(paras[i:end], sep=" ")] + paras[end:]
        limit = min(len(paras), scan)

    # 2. a 印发通知
    notice: list[Paragraph] = []
    notice_m, start, first = None, i, i
    for s0 in range(i, i if cover else min(limit, i + 8)):      # the notice title may follow an issuer banner
        if is_heading(paras[s0].text):
            break
        if _DOC_NUMBER.fullmatch(_compact(paras[s0].text)) or _compact(paras[s0].text) == "文件":
            continue            # a red-head document's number between its banner (…文件) and the title
        if not _titleish(paras[s0].text):
            if _banner(paras[s0].text):
                continue        # a joint notice's banner of six issuers is longer than a title line
            break
        for n in range(1, 4):                          # and may be wrapped over up to three lines
            if s0 + n > limit or not all(_titleish(q.text) for q in paras[s0:s0 + n]):
                break
            joined = "".join(_compact(q.text) for q in paras[s0:s0 + n])
            notice_m = _NOTICE_TITLE.match(joined) or _NEWS_TITLE.match(joined)
            if notice_m:
                start = s0 + n - 1
                break
        if notice_m:
            first = s0
            break
    if notice_m is None and i < limit and _DOC_NUMBER.fullmatch(_compact(paras[i].text)):
        notice_m, start = True, i
    if notice_m:
        j = start
        end = None
        while j < min(len(paras), start + 40):
            t = _compact(paras[j].text)
            if j > start and (_TOC.match(t) or is_heading(paras[j].text)) \
                    and not _notice_items(paras, j, start + 40, is_heading):
                end = j
                break
            if j > start and _FULL_TEXT.match(t):
                end = j + 1
                break
            if j > start and _dated(t):
                end = j + 1
                if end < len(paras) and _PUBLIC.match(_compact(paras[end].text)):
                    end += 1
                break
            j += 1
        if end is not None:
            text = "\n".join(p.text for p in paras[i:end])
            name = _plan_name(text)
            # a notice without a date ends where the plan's own title line begins
            if name and not any(iso_date(_compact(p.text)) for p in paras[start + 1:end]):
                at = next((k for k in range(start + 1, end) if _compact(paras[k].text) and
                           _compact(name).startswith(_compact(paras[k].text))), end)
                end = at
            notice = paras[i:first] + [_merge(paras[first:start + 1])] + paras[start + 1:end]
            i = end
            text = "\n".join(p.text for p in notice)
            if not title:
                # the notice title names the plan in full; the body may also call it by a short
                # name (（以下简称《行动方案》）……现将《行动方案》印发给你们)
                what = notice_m.group("what") if notice_m is not True else ""
                title = what[1:-1] if what.startswith("《") and what.endswith("》") else (name or what)
            doc_number = doc_number or _number_in(text, title)
            if not date:
                date = next((d for p in reversed(notice[-3:]) if (d := iso_date(_compact(p.text)))), "")
            if not issuer:
                issuer = _notice_issuer(notice, notice_m)

    # 2b. a notice printed without its title line (主送, one sentence, 落款, date) before the plan's
    # own title: the date line ends it when titleish lines ending like a title follow
    if not notice and not title:
        for j in range(i + 1, min(limit, i + 10)):
            t = _compact(paras[j].text)
            if not _dated(t):
                continue
            end = j + 1 + (j + 1 < len(paras) and bool(_PUBLIC.match(_compact(paras[j + 1].text))))
            if not any(_SENTENCE.search(p.text) for p in paras[i:j]):
                break           # no sentence before the date: not a notice
            lines = paras[end:end + 3]
            heads = [q for q in range(1, len(lines) + 1) if all(_titleish(x.text) for x in lines[:q])
                     and TITLE_END.search(_merge(lines[:q]).text)]
            if heads and not is_heading(paras[end].text):
                notice = paras[i:end]
                date = date or iso_date(t)
                doc_number = doc_number or _number_in("\n".join(p.text for p in notice))
                issuer = issuer or _notice_issuer(notice, None)
                i = end
            break

    # 3. title line(s)
    body = paras[i:]
    has_title = False
    lead: list[Paragraph] = []
    if body and _SESSION_PAPER.match(_compact(body[0].text)):
        lead, body = body[:1], body[1:]         # a session paper's number heads the title; not part of it
    elif body and notice and ATTACHMENT_MARK.match(_compact(body[0].text)):
        lead, body = body[:1], body[1:]         # the notice's 附件 marker over the attached plan's title
    k = 0
    if cover:
        has_title = True            # the cover's block is the title clause
    while not cover and k < min(len(body), 4) and _titleish(body[k].text) and not is_heading(body[k].text) \
            and not _TOC.match(_compact(body[k].text)) and not _NAMED.match(_compact(body[k].text)):
        k += 1
    if k:
        cand = body[:k]
        joined = _merge(cand).text
        # a title ends like a title (…规划, …纲要, （2021—2025年）) or is the 《》 name already known
        # or stands over a bracketed period or date of its own line (a white paper's （2014年10月）)
        ends = [n for n in range(1, k + 1) if TITLE_END.search(_merge(cand[:n]).text)
                or (title and _compact(_merge(cand[:n]).text) == _compact(title))
                or (n < k and _PERIOD.match(_compact(cand[n].text)) and not _PERIOD.match(_compact(cand[0].text)))]
        if ends:
            n = ends[-1]
            named = _merge(cand[:n]).text
            while n < len(body) and _PERIOD.match(_compact(body[n].text)) and not _DOC_NUMBER.search(body[n].text):
                date = date or iso_date(_compact(body[n].text))      # （2025年5月2日） under the title
                n += 1
            adopted = "".join(_compact(p.text) for p in body[n:n + 2])     # (a PDF's text may wrap the record)
            if n < len(body) and _ADOPTED.match(adopted):
                date = date or iso_date(_compact(body[n].text))      # the date it was adopted (通过)
            if n < len(body) and _DELIVERED.match(_compact(body[n].text)):
                # a report's "——2023年1月12日在…人民代表大会第一次会议上": its date (the line stays a
                # clause of its own: "这份报告是在哪次会议上作的？" is answered by it)
                date = date or iso_date(_compact(body[n].text))
            if n < len(body) and _PERIOD.match(_compact(body[n].text)) and (m := _DOC_NUMBER.search(body[n].text)):
                doc_number = doc_number or _compact(m.group(0))   # （国办发〔2023〕17号） under the title
            elif n < len(body) and (m := _DOC_NUMBER.fullmatch(_compact(body[n].text))):
                doc_number = doc_number or _compact(m.group(0))   # 国发〔2018〕38号 alone under a 通知's title
            # the title clause holds every line read as part of it (a dated line is not titleish, yet kept)
            if not title:
                title = clean_title(_TITLE_DATE.sub("", named if n > len(cand) else _merge(body[:n]).text))
            # the title clause holds the session paper's number over it too
            body = [_merge(lead + body[:n])] + body[n:]
            lead = []
            has_title = True
            if (m := _TITLE_DATE.search(named)) and not date:
                date = iso_date(_compact(m.group(0)))     # "…的意见（2021年9月22日）"
            if not issuer and (signed := _signed_under_title(body, 1, limit)):
                issuer, date = signed[0], date or signed[1]
        elif any_heading and len(body) > 1 and k == 1 and len(joined) <= 60:
            has_title = True            # the first line stands alone: the shipped plan's convention
            if not title:
                title = clean_title(joined)

    body = lead + body
    # 4. 目录
    toc: list[str] = []
    start_toc = next((n for n in range(min(len(body), scan)) if _TOC.match(_compact(body[n].text))), None)
    if start_toc is not None:
        entries: list[str] = []
        n = start_toc + 1
        while n < len(body):
            t = body[n].text
            entry = toc_entry(t)
            if entries and any(_compact(e).startswith(_compact(entry)) for e in entries):
                break                   # the body repeats an entry (or the start of a joined one): 目录 over
            if entries and not _TOC_NUMBER.match(entry) and \
                    any(_compact(_TOC_NUMBER.sub("", e)) == _compact(entry) for e in entries):
                break                   # ... or an entry's title without its number (总  则 for 第一章 总  则)
            if entries and not _TOC_NUMBER.match(entry) and _compact(t) == _compact(entry) \
                    and any(_prefixed_title(entry, e) for e in entries):
                break                   # ... or a part's title after a name ("上海市财政局（单位）主要职能" for
                #                         一、单位主要职能), a line with no leader dots and no page number
            if len(t) > 120 or _SENTENCE.search(t[:-1] if t.endswith("。") else t) or t.endswith("。"):
                break
            if entries and re.search(r"[：:]$", body[n - 1].text.strip()) and not _TOC_NUMBER.match(entry):
                # "Ⅱ、能源及产业转型篇：" over "零碳能源供给与绿色成长商机 ……13": one entry wrapped after its colon
                entries[-1] += entry
            else:
                entries.append(entry)
            n += 1
        if entries:
            toc = entries
            body = body[:start_toc] + body[n:]
    elif (run := _untitled_contents(body, is_heading)) != (0, 0):
        toc = [toc_entry(p.text) for p in body[run[0]:run[1]]]
        body = body[:run[0]] + body[run[1]:]
    if not issuer and (m := _ISSUED_BY.match(clean_title(title))) and ISSUER_END.search(m.group("who")):
        issuer = m.group("who")         # 国务院办公厅关于加强…的意见: the body that issues it names itself first
    if not issuer and (signed := _signed_at_end(body)):
        issuer, date = signed[0], date or signed[1]
    return FrontMatter(title=clean_title(title), issuer=issuer, doc_number=doc_number, date=date,
                       notice=tuple(notice), toc=tuple(toc), fields=tuple(field_lines),
                       has_title=has_title), body


_CONTENTS_LINE_CHARS = 40


def _untitled_contents(body: list[Paragraph], is_heading) -> tuple[int, int]:
    """(start, end) of a contents list printed without a 目录 line, (0, 0) when there is none: the body
    opens, after at most three short lines of its title block, on three or more short heading lines with
    no text between them, none a sentence, that the body prints again in the same order further on (a
    school's plan lists §1.…§4. under its title, then opens §1. over its text). Only at the opening: a
    run of headings further on that recurs (申报材料 items 4. and 5. over （二）申报流程, in each of several
    条) is text."""
    def short(p) -> bool:
        return len(p.text) <= _CONTENTS_LINE_CHARS and not _SENTENCE.search(p.text)

    start = 0
    while start < min(3, len(body)) and short(body[start]) and not is_heading(body[start].text):
        start += 1
    end = start
    while end < len(body) and short(body[end]) and is_heading(body[end].text):
        end += 1
    if end - start < 3:
        return 0, 0
    later = iter(_compact(p.text) for p in body[end:])
    return (start, end) if all(any(t == _compact(p.text) for t in later) for p in body[start:end]) else (0, 0)


# a standard's cover: ICS / CCS numbers, its kind (广东省地方标准, 中华人民共和国国家标准), its number
# (DB44/ 2367—2022, GB/T 1.1—2020, 代替 …), a bare number (the 44 of a DB44 label), the dates it is issued
# and takes effect (2022 - 06 - 01 发布), the English title
_STD_CODE_LINE = compile_cue(r"^(?:ICS|CCS|备案号)\s*[:：]?\s*[\w.]")
_STD_KIND = compile_cue(r"^[\u4e00-\u9fff]{0,16}(?:国家|地方|行业|团体|企业)标准$")
_STD_NUMBER = re.compile(r"^(?:代替\s*)?[A-Z]{1,4}\d{0,2}\s*(?:/\s*[A-Z]{0,2})?\s*\d{1,6}(?:[.．]\d{1,3})?"
                         r"\s*[—–\-－]\s*(?:19|20)\d\d$")
_STD_DATE = compile_cue(r"^((?:19|20)\d\d)\s*[-－—.]\s*(\d{1,2})\s*[-－—.]\s*(\d{1,2})\s*(发布|实施)?$")
_LATIN_LINE = re.compile(r"^[\x20-\x7e]*[A-Za-z]{3}[\x20-\x7e]*$")


def _standard_cover(paras: list[Paragraph], i: int, limit: int, is_heading):
    """A standard's cover page from ``i`` (its lines, its title, issuers, number and 发布 date) as
    (end, title, issuer, number, date), or None when the first lines are no standard's cover."""
    top = [p.text.strip() for p in paras[i:min(limit, i + 4)]]
    if not any(_STD_CODE_LINE.match(t) or _STD_KIND.match(_compact(t)) or _STD_NUMBER.match(t) for t in top):
        return None
    title_parts: list[Paragraph] = []
    issuers: list[str] = []
    number = date = ""
    dated = False
    j = i
    while j < min(limit, i + 24):
        raw = paras[j].text.strip()
        t = _compact(raw)
        if _TOC.match(t) or _NAMED.match(t) or is_heading(raw):
            break
        j += 1
        if t in ("发布", "联合发布"):
            break                       # the cover's last word
        if _STD_CODE_LINE.match(raw) or _STD_KIND.match(t) or (t.isdigit() and len(t) <= 4):
            continue
        if _STD_NUMBER.match(raw):
            number = number or re.sub(r"\s*([—–\-－])\s*", r"\1", raw)
        elif m := _STD_DATE.match(raw):
            dated = True
            if m.group(4) != "实施" and not date:
                date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        elif _LATIN_LINE.match(raw):
            continue                    # the English title
        elif not dated and not issuers and _titleish(raw):
            title_parts.append(paras[j - 1])
        elif dated and _banner(raw) and len(t) <= 30:
            issuers.append(t)
        else:
            j -= 1
            break
    if not (title_parts and (number or dated)):
        return None
    return j, clean_title(_merge(title_parts).text), "、".join(issuers), number, date


_MONTH = re.compile(r"(?:19|20)\d\d年\d{1,2}月")
# a date whose day is left blank for a hand or a stamp to fill ("2025年4月日", "2025年4月  日"): the 落款 is above it
MONTH_DAY_BLANK = re.compile(r"(?:19|20)\d\d年\d{1,2}月\s*日")


def _issuer_names(text: str) -> list[str]:
    """The bodies a line names, when it names issuing bodies and nothing else ("国家发展委员会 行政院环境保护署",
    "合肥市统计局 国家统计局合肥调查队"), else []."""
    bodies = [b for b in re.split(r"[\s、，,]+", text.strip()) if b]
    ok = _banner(text) and all(ISSUER_END.search(b) and len(b) <= 30 for b in bodies)
    return bodies if ok else []


def _signed_at_end(body: list[Paragraph]):
    """The 落款 a document that is itself a notice or an opinion closes its own text with: a line of
    issuing bodies over its date, last in the text or right before its 附件 ("文化和旅游部 / 2020年11月18日";
    雄安's 申报指南 notice: "…改革发展局 / 2023年11月15日 / 附件 1"): (issuer, date), or None."""
    for k in range(1, len(body) - 1):
        after = body[k + 2].text.strip() if k + 2 < len(body) else ""
        under = _compact(body[k + 1].text)
        if (not after or ATTACHMENT_MARK.match(after)) and _dated(under) and len(under) <= 20 \
                and (bodies := _issuer_names(body[k].text)):
            return "、".join(bodies), iso_date(under)
    return None


def _signed_under_title(body: list[Paragraph], start: int, limit: int):
    """The issuing bodies and date printed under a title (a 统计公报's "合肥市统计局 国家统计局合肥调查队"
    over "2025年3月28日"): (issuer, date), or None. Each body is a name ending as an issuer's does."""
    for k in range(start, min(len(body) - 1, start + 2, limit)):
        bodies, j = [], k
        # the bodies may fill several lines (台湾's 净零路径: eight ministries on three lines)
        while j < min(len(body) - 1, k + 4, limit) and (line := _issuer_names(body[j].text)):
            bodies += line
            j += 1
        under = _compact(body[j].text)
        if bodies and j > k and ((_dated(under) and len(under) <= 20) or _MONTH.fullmatch(under)):
            return "、".join(bodies), iso_date(under)       # (a month alone, 2023年3月, gives no day)
    return None


_RUN_IN_NOTICE = compile_cue(r"^.{0,40}?关于印发.{2,80}?的(?:通知|决定|函)(?=\S)")


def _split_run_in_notice_title(paras: list[Paragraph]) -> list[Paragraph]:
    """A notice title joined with the line after it (a PDF without paragraph indents wraps a long
    title, and the addressees follow flush left) is cut after its 的通知."""
    for k in range(min(len(paras), 4)):
        m = _RUN_IN_NOTICE.match(paras[k].text)
        if m and len(paras[k].text) > m.end():
            return paras[:k] + list(split_paragraph_at(paras[k], m.end())) + paras[k + 1:]
    return paras


def _plan_name(notice_text: str) -> str:
    """The 《》 name the notice issues: the one followed by 印发/发布 (现将《…》印发给你们), else one that
    reads like a plan's title, else the first."""
    names = list(_NAME.finditer(notice_text))
    for m in names:
        if re.match(r"^[^。；]{0,12}(?:印发|发布|予以印发)", notice_text[m.end():]):
            return m.group("name")
    for m in names:
        if TITLE_END.search(m.group("name")):
            return m.group("name")
    return names[0].group("name") if names else ""


def _notice_issuer(notice: list[Paragraph], notice_m) -> str:
    """The bodies a red-header masthead names over the notice title (济南市工业和信息化局 / 济 南 市 公 安 局
    / 济南市城乡交通运输局 / 文件), else the signature line before the date (a joint notice's lines, one
    body each, joined with 、), else the notice title's own issuer."""
    masthead = []
    for p in notice:
        if not masthead_line(p.text):
            break
        if body := masthead_body(p.text):
            masthead.append(body)
    if masthead:
        return "、".join(masthead)
    signed = []
    last = next((p for p in reversed(notice) if not _PUBLIC.match(_compact(p.text))), None)
    if last is not None and (who := _signed_date(last.text)):
        return who
    for p in reversed(notice[:-1]):
        t = _compact(p.text)
        if (_PUBLIC.match(t) or iso_date(t) or MONTH_DAY_BLANK.fullmatch(t)) and not signed:
            continue
        if len(t) <= 30 and ISSUER_END.search(t) and not _SENTENCE.search(t) and len(signed) < 8:
            # two bodies signed on one line ("广东省发展改革委 广东省能源局") are two issuers
            bodies = p.text.split()
            signed[:0] = bodies if len(bodies) > 1 and all(ISSUER_END.search(b) for b in bodies) else [t]
            continue
        break
    if signed:
        return "、".join(signed)
    if notice_m is not True and notice_m is not None:
        return notice_m.group("issuer")
    return ""
