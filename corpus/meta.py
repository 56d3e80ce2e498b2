"""Plan metadata for a library of plans: level, region, period and kind read
from the title (and issuer), overridable in a small sidecar file.

    from corpus.meta import plan_meta
    m = plan_meta(doc)          # PlanMeta(title=…, level="省", region="四川", period="十三五", kind="规划", …)

Title, issuer, document number (文号) and date come from the corpus layer
(``Document.title`` and, where the loader extracts them, ``Document.issuer`` /
``.doc_number`` / ``.date``) or from the plan's metadata; this module only
classifies. Sidecar: ``<stem>.meta.json`` (or ``<file name>.meta.json``)
next to the plan file, a JSON object whose keys override the derived values,
e.g. ``{"level": "市", "region": "成都", "period": "十四五", "short_title": "成都氢能规划"}``.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

LEVELS = ("国家", "省", "市", "县")
FIELDS = ("title", "short_title", "issuer", "doc_number", "date", "level", "region", "parent", "period", "kind")

# Provincial-level divisions: full name -> short name.
PROVINCES = {
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆", "河北省": "河北", "山西省": "山西",
    "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江", "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽",
    "福建省": "福建", "江西省": "江西", "山东省": "山东", "河南省": "河南", "湖北省": "湖北", "湖南省": "湖南",
    "广东省": "广东", "海南省": "海南", "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾", "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西",
    "西藏自治区": "西藏", "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
# Five-year plan periods and their years.
PERIODS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
           "十五五": (2026, 2030)}
# What a document's title ends with (规划/纲要/方案 …, 《…》 names), possibly with a （…） qualifier: how the
# front matter and a Markdown "# " line tell a title from a heading
TITLE_END = re.compile(r"(?:规划|纲要|计划|方案|意见|建议|报告|通知|办法|规定|决定|条例|行动|战略|要点|细则|指南|指引|通告|公告|"
                       r"导则|清单|措施|举措|预案|答记者问|问答|解读|公报|通报|标准|规范|规程|名录|章程|白皮书|"
                       r"(?<=[\u4e00-\u9fff])目录|》|"
                       # the same words in traditional print, and 计画 / 说明 (台湾's 计画, 总说明)
                       r"規劃|綱要|計畫|計劃|计画|報告|辦法|規定|決定|條例|行動|戰略|細則|預案|公報|通報|標準|規範|"
                       r"說明|说明|白皮書)"
                       r"\s*(?:[（(][^）)]{1,24}[）)])?$")
# Document kinds, most specific first (a title ending "实施方案" is not a "方案" only).
KINDS = ("规划纲要", "实施方案", "行动计划", "行动方案", "工作方案", "三年行动", "指导意见", "实施意见",
         "纲要", "规划", "方案", "计划", "意见", "指引", "指南", "办法", "通知")
_KIND_NAME = {"规划纲要": "纲要", "三年行动": "行动计划"}
CENTRAL_ISSUERS = re.compile(r"国务院|中共中央|全国人民代表大会|国家[\u4e00-\u9fff]{0,12}(?:委员会|局|院)?|"
                             r"^[\u4e00-\u9fff]{1,10}部$|工业和信息化部|发展改革委|财政部|科技部|商务部|生态环境部")
_CITY = re.compile(r"([\u4e00-\u9fff]{2,6}?)(市|自治州|州|盟)")
_COUNTY = re.compile(r"([\u4e00-\u9fff]{1,6}?)(县|自治县|旗|区)")
_DISTRICT = re.compile(r"([\u4e00-\u9fff]{2,3}?)区(?!域)")
_NOTICE = re.compile(r"^(.{2,30}?)关于印发(.*?)(?:的通知)?$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,6}[〔\[［]((?:19|20)\d\d)[〕\]］]\d{1,4}号")
# a document number as printed on its own line (国发〔2019〕4号, 济工信装备字〔2022〕1号, 中华人民共和国主席令第三十二号
# in arabic digits): the front matter's and a masthead's
DOC_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[［（(【]\s*\d{4}\s*[〕\]］）)】]\s*\d{1,4}\s*号"
                             r"|[\u4e00-\u9fff]{2,24}令\s*第\s*\d{1,4}\s*号")
# the body a document's 落款 or masthead names, as its name ends (a party committee names itself so too:
# 中共中央关于…的决定, 中共安徽省委关于制定…规划的建议)
ISSUER_END = re.compile(r"(?:国务院|政府|委员会|办公厅|办公室|部|局|厅|署|院|会|委|中心|党委|中共中央|银行|分行|海关|调查队"
                        r"|國務院|委員會|辦公廳|辦公室|廳|會|銀行|調查隊)$")     # (in traditional print)
# a normative document's registration number (规范性文件统一登记号), printed over its masthead: JNCR—2022—0040001
# the line over a document a notice sends with it ("附件", "附件1", "附件："), printed over its title
ATTACHMENT_MARK = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]{0,2}\s*[：:]?$")
REGISTRATION = re.compile(r"^[A-Z]{2,8}[—–\-－]+(?:19|20)\d\d[—–\-－]+\d{3,12}$")
_MASTHEAD_WORDS = re.compile(r"关于|印发|《|》|[，。；：、,;:！？!?]")


def masthead_body(text: str) -> str:
    """The issuing body a masthead line names (济 南 市 公 安 局 → 济南市公安局, 某某局文件 → 某某局), or ""."""
    t = re.sub(r"\s+", "", text or "")
    if not t or len(t) > 30 or REGISTRATION.match(t) or DOC_NUMBER_LINE.fullmatch(t) or _MASTHEAD_WORDS.search(t):
        return ""
    body = t[:-2] if t.endswith("文件") else t
    return body if len(body) >= 2 and ISSUER_END.search(body) else ""


def masthead_line(text: str) -> bool:
    """A line of a red-header document's masthead, each printed on a line of its own over the title:
    its registration number, an issuing body's name (letter-spaced or not), "文件" (or "…局文件"), the
    document number."""
    t = re.sub(r"\s+", "", text or "")
    return (0 < len(t) <= 30 and (REGISTRATION.match(t) is not None or DOC_NUMBER_LINE.fullmatch(t) is not None
                                  or t == "文件")) or bool(masthead_body(t))
_YEARS = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[—–\-－~～至到]+\s*((?:19|20)\d\d)\s*年?")
_PERIOD_RE = re.compile("|".join(PERIODS))
_NATIONAL_TITLE = re.compile(r"^(?:“?(?:十[一二三四五]五)”?)?(?:国家|全国|中国)")


@dataclass(frozen=True)
class PlanMeta:
    """What a library knows about one plan (all strings; "" where unknown)."""

    doc_id: str
    title: str
    short_title: str = ""
    issuer: str = ""
    doc_number: str = ""          # 文号: 国发〔2019〕4号
    date: str = ""
    level: str = ""               # 国家 | 省 | 市 | 县 | ""
    region: str = ""              # 全国 | 四川 | 成都 | …
    parent: str = ""              # the province of a city or county plan (上海 for 崇明), "" if unknown
    period: str = ""              # 十四五 | 2018—2022 | ""
    years: tuple = ()             # (first, last) year of the period, () when unknown
    kind: str = ""                # 规划 | 纲要 | 实施方案 | 行动计划 | …
    source: str = ""
    n_clauses: int = 0
    overridden: tuple = ()        # the fields that came from the sidecar
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        """How citations name the plan: its short title, else its title."""
        return self.short_title or self.title or self.doc_id

    def to_dict(self) -> dict:
        d = asdict(self)
        d["years"] = list(self.years)
        d["overridden"] = list(self.overridden)
        d.pop("extra", None)
        return d


class MetaError(ValueError):
    """A sidecar metadata file is unreadable or has a bad value; the message names the file."""


# ---- derivation: plain functions over strings --------------------------------

def clean_title(text: str) -> str:
    """A title as one line: 《》 around the whole dropped, no space between two Chinese characters
    (a title wrapped over two lines, or spaced like "中共中央办公厅 国务院办公厅")."""
    text = re.sub(r"\s+", " ", text).strip()
    if re.fullmatch(r"《[^《》]+》", text):
        text = text[1:-1]
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text)


def strip_title(title: str) -> str:
    """The title without its period in brackets: "…规划（2021—2025年）" -> "…规划"."""
    t = re.sub(r"\s+", "", title or "")
    return re.sub(r"[（(][^（）()]*[）)]$", "", t) or t


def kind_of(title: str) -> str:
    """The document kind from the end of its title ("…实施方案" -> 实施方案)."""
    t = strip_title(title)
    best, at = "", -1
    for k in KINDS:
        i = t.rfind(k)
        if i >= 0 and i + len(k) > at:          # the kind word that ends latest wins, then the longest
            best, at = k, i + len(k)
    return _KIND_NAME.get(best, best)


def period_of(*texts: str) -> tuple[str, tuple]:
    """("十四五", (2021, 2025)) from the first text naming a five-year period or a
    year range ("2021—2025年", "2016年至2020年"); ("", ()) when none does."""
    for text in texts:
        t = re.sub(r"\s+", "", text or "")
        t = re.sub(r"第(十[一二三四五])个五年", lambda m: m.group(1) + "五", t)      # 第十五个五年规划 -> 十五五
        m = _PERIOD_RE.search(t)
        if m:
            return m.group(0), PERIODS[m.group(0)]
        m = _YEARS.search(t)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a <= b <= a + 20:
                for name, span in PERIODS.items():
                    if span == (a, b):
                        return name, span
                return f"{a}—{b}", (a, b)
    return "", ()


def place_of(text: str) -> tuple[str, str]:
    """(level, region) named at the start of a title or issuer: "四川省…" ->
    ("省", "四川"), "成都市…" -> ("市", "成都"), "国家…"/"全国…" -> ("国家", "全国")."""
    t = re.sub(r"[\s“”\"]+", "", text or "")
    t = re.sub(r"^(?:十[一二三四五]五)", "", t)
    if not t:
        return "", ""
    if _NATIONAL_TITLE.match(t):
        return "国家", "全国"
    for full, short in sorted(PROVINCES.items(), key=lambda kv: -len(kv[0])):
        if t.startswith(full) or t.startswith(short):
            rest = t[len(full):] if t.startswith(full) else t[len(short):]
            if short in MUNICIPALITIES:
                m = _DISTRICT.match(rest)            # 上海市崇明区… is the district's
                if m:
                    return "县", m.group(1)
                return "省", short
            m = _CITY.match(rest)                # 四川省成都市… is the city's
            if m and not rest.startswith(("省", "市")):
                return "市", m.group(1)
            return "省", short
    m = _CITY.match(t)
    if m and not (len(m.group(1)) > 2 and m.group(1).endswith("城")):     # 智慧城市… is no city
        return "市", m.group(1)
    m = _DISTRICT.match(t)
    if m and not m.group(1).endswith(("湾", "园", "新", "验", "城")):      # 黄浦区… (not 大湾区, 开发区)
        return "县", m.group(1)
    m = _COUNTY.match(t)
    if m and m.group(2) in ("县", "自治县", "旗"):
        return "县", m.group(1) + m.group(2) if len(m.group(1)) < 2 else m.group(1)
    return "", ""


def parent_of(*texts: str) -> str:
    """The province a title or issuer starts with ("上海市长宁区…" -> 上海), else ""."""
    for text in texts:
        t = re.sub(r"[\s“”\"《]+", "", text or "")
        for full, short in sorted(PROVINCES.items(), key=lambda kv: -len(kv[0])):
            if t.startswith(full) or t.startswith(short):
                return short
    return ""


def level_region(title: str, issuer: str = "") -> tuple[str, str]:
    """Level and region from the title, else the issuer; a plan whose title and
    issuer name no place is taken as national when its issuer is central or unknown."""
    level, region = place_of(strip_title(title))
    if level:
        return level, region
    level, region = place_of(issuer)
    if level:
        return level, region
    if not issuer or CENTRAL_ISSUERS.search(issuer):
        return "国家", "全国"
    return "", ""


# ---- sidecar ---------------------------------------------------------------

def sidecar_paths(source: str | Path) -> list[Path]:
    """Where a plan's sidecar may be: ``<stem>.meta.json``, then ``<name>.meta.json``."""
    p = Path(source)
    return [p.with_name(p.stem + ".meta.json"), p.with_name(p.name + ".meta.json")]


def read_sidecar(source: str | Path) -> dict:
    """The overrides for the plan at ``source`` ({} when there is no sidecar).
    Raises MetaError for a sidecar that is not a JSON object of known string fields."""
    for path in sidecar_paths(source):
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as err:
            raise MetaError(f"{path}: 不是有效的 JSON (not valid JSON): {err}") from err
        if not isinstance(data, dict):
            raise MetaError(f"{path}: 应为 JSON 对象 (must be a JSON object)")
        out = {}
        for k, v in data.items():
            if k not in FIELDS:
                raise MetaError(f"{path}: 未知字段 (unknown field) {k!r}; 可用 {', '.join(FIELDS)}")
            if not isinstance(v, str):
                raise MetaError(f"{path}: 字段 {k!r} 应为文字 (must be a string)")
            if k == "level" and v and v not in LEVELS:
                raise MetaError(f"{path}: level 应为 {'/'.join(LEVELS)} (got {v!r})")
            out[k] = v.strip()
        return out
    return {}


def plan_meta(doc, overrides: dict | None = None) -> PlanMeta:
    """Metadata of a loaded ``corpus.Document``: the corpus layer's fields, the
    plan's own metadata (``doc.meta``), derived level/region/period/kind, then
    the sidecar next to ``doc.source`` (or ``overrides``) on top."""
    meta = dict(getattr(doc, "meta", None) or {})
    title = getattr(doc, "title", "") or meta.get("title", "") or doc.doc_id
    issuer = getattr(doc, "issuer", "") or str(meta.get("issuer", "") or "")
    number = getattr(doc, "doc_number", "") or str(meta.get("doc_number", "") or "")
    date = getattr(doc, "date", "") or str(meta.get("date", "") or "")
    side = dict(overrides) if overrides is not None else (read_sidecar(doc.source) if getattr(doc, "source", "") else {})
    head = doc.text[:1500] if getattr(doc, "text", "") else ""
    notice_issuer, title = notice_title(title, head)
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    issuer = issuer or notice_issuer
    number = number or doc_number_in(head[:600])
    if not date:
        from corpus.frontmatter import iso_date
        date = iso_date(re.sub(r"\s+", "", head[:600]))
    title = side.get("title") or title
    issuer = side.get("issuer", issuer)
    level, region = level_region(title, issuer)
    if level == "国家" and not issuer:
        # a work report titled only 政府工作报告, under its session paper's number ("阜平县十七届人大五次
        # 会议文件(1)") or over where it was delivered ("在广东省第十四届人民代表大会…"): the place's own
        flat = re.sub(r"\s+", "", head[:300])
        m = (re.match(r"(\S{0,30}?)会议文件", flat)
             or re.search(r"日在(\S{2,12}?)第[一二三四五六七八九十]+届人民代表大会", flat))
        if m and place_of(m.group(1))[0]:
            level, region = place_of(m.group(1))
    parent = parent_of(title, issuer) if level in ("市", "县") else ""
    if level in ("市", "县") and not parent and region:       # 落款 "上海市黄浦区人民政府办公室"
        flat = re.sub(r"\s+", "", head)
        parent = next((short for full, short in PROVINCES.items()
                       if re.search(f"(?:{full}|{short}市?){re.escape(region)}", flat)), "")
    period, years = period_of(title, str(meta.get("period", "") or ""), _period_sentence(head))
    m = PlanMeta(doc_id=doc.doc_id, title=title, short_title=str(meta.get("short_title", "") or ""),
                 issuer=issuer, doc_number=number, date=date, level=level, region=region,
                 parent=parent if parent != region else "", period=period,
                 years=years, kind=kind_of(title), source=str(getattr(doc, "source", "") or ""),
                 n_clauses=len(getattr(doc, "clauses", ()) or ()))
    if not side:
        return m
    changes = {k: v for k, v in side.items() if k in FIELDS}
    if "period" in changes:
        changes["years"] = period_of(changes["period"])[1]
    return replace(m, **changes, overridden=tuple(sorted(side)))


def notice_title(title: str, head: str = "") -> tuple[str, str]:
    """(issuer, plan title) of a 印发 notice title: "国务院关于印发“十四五”数字经济发展规划的通知"
    -> ("国务院", "“十四五”数字经济发展规划"); a notice cut short ("国务院关于印发") takes the
    first 《title》 of the text's opening. Other titles: ("", title)."""
    t = re.sub(r"\s+", "", title or "")
    m = _NOTICE.match(t)
    if not m:
        return "", title
    inner = m.group(2).strip("《》")
    if "《" in m.group(2) or not inner:
        found = re.search(r"《([^《》]{4,60})》", m.group(2) or re.sub(r"\s+", "", head[:800]))
        inner = found.group(1) if found else inner
    return m.group(1), inner or title


def doc_number_in(text: str) -> str:
    """The first 文号 in ``text`` ("国发〔2021〕29号"), its prefix cut after the
    words before it ("…的通知国发〔…" -> "国发〔…")."""
    m = _DOC_NUMBER.search(re.sub(r"\s+", "", text or ""))
    if not m:
        return ""
    return re.split(r"[知的》。，：:、]", m.group(0))[-1]


def _period_sentence(text: str) -> str:
    """The "规划期为2016年至2020年" / "规划期限为…" sentence of a plan's opening, if any."""
    m = re.search(r"规划(?:期|期限|时限)(?:为|是|：|:)?[^。；]{0,30}", re.sub(r"\s+", "", text or ""))
    return m.group(0) if m else ""


# ---- filters ---------------------------------------------------------------

def period_matches(meta: PlanMeta, wanted: str) -> bool:
    """"十四五" matches a 十四五 plan and any plan whose years lie in 2021—2025;
    "2025" matches a plan whose period includes 2025."""
    w = re.sub(r"[\s“”\"]+", "", wanted or "")
    if not w:
        return True
    if w == meta.period:
        return True
    name, span = period_of(w)
    if not span:
        m = re.fullmatch(r"((?:19|20)\d\d)年?", w)
        if not m:
            return False
        span = (int(m.group(1)), int(m.group(1)))
    if not meta.years:
        return False
    a, b = meta.years
    return (a <= span[0] and span[1] <= b) or (span[0] <= a and b <= span[1])


def region_matches(meta: PlanMeta, wanted: str) -> bool:
    w = (wanted or "").strip()
    if not w:
        return True
    short = PROVINCES.get(w, re.sub(r"(省|市|县|区|自治区|自治州)$", "", w) or w)
    return bool(meta.region) and (meta.region in (w, short) or (bool(meta.parent) and meta.parent in (w, short)))
