"""A library of plans: a folder of plans indexed together, their metadata,
filters by plan / region / level / period / kind, and routing of questions
that name a plan ("四川的规划里……", "国家规划怎么说").

    from assistant.library import Library
    lib = Library.open("eval/plans")                  # recursive: txt / md / pdf / docx / html
    lib.plans(level="省")                             # -> list[corpus.meta.PlanMeta]
    lib.ask("氢能产业发展目标", region="四川")          # -> Answer from the Sichuan plan(s)
    lib.compare("氢能产业发展目标", level="国家")       # -> assistant.compare.Comparison

All plans share one index folder; adding or removing a plan rebuilds the BM25
part (seconds) while the dense vectors of unchanged clauses come from the
embedding cache (index/embcache.py, keyed by content hash), so only the new
plan is encoded.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path

from assistant.errors import PlanQAError, wrap
from corpus.script import compile_cue

SUFFIXES = (".txt", ".md", ".pdf", ".ofd", ".docx", ".doc", ".wps", ".rtf", ".html", ".htm", ".mht", ".mhtml")
FILTERS = ("region", "level", "period", "kind")
LIBRARY_FILE = "library.json"          # under $PLANQA_HOME: the library `planqa build DIR` made last


# ---- finding and loading plans ------------------------------------------------

def scan(folder: str | Path) -> list[Path]:
    """Plan files under ``folder`` (recursive), sorted; hidden files and folders skipped."""
    root = Path(folder)
    if not root.is_dir():
        raise PlanQAError(f"{folder}: 不是文件夹 (not a folder)")
    out = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).parts
        if any(part.startswith(".") for part in rel):
            continue
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.lower().endswith(".meta.json"):
            out.append(p)
    return out


def load_folder(folder: str | Path, skipped: list | None = None) -> list:
    """Parse every plan under ``folder``. Doc ids come from file names (the
    relative path where two files share a name). Raises PlanQAError when the
    folder holds no plan, or names the first file that cannot be loaded — unless
    ``skipped`` is a list: each such file's one-line reason is then appended to it
    and the others are loaded (still an error when none can be)."""
    import corpus
    paths = scan(folder)
    if not paths:
        raise PlanQAError(f"{folder}: 没有规划文件 (no .txt/.md/.pdf/.ofd/.docx/.doc/.rtf/.html/.mht plan in this folder)")
    stems: dict[str, int] = {}
    for p in paths:
        stems[corpus.slugify(p.stem)] = stems.get(corpus.slugify(p.stem), 0) + 1
    root = Path(folder)
    docs, seen, failed = [], set(), []
    for p in paths:
        did = corpus.slugify(p.stem)
        if stems[did] > 1:
            did = corpus.slugify(str(p.relative_to(root).with_suffix("")))
        try:
            doc = corpus.load_document(p)
            if doc.doc_id != did and not _has_own_id(doc):
                doc = corpus.load_document(p, doc_id=did)
        except Exception as err:
            if skipped is None:
                raise wrap(err, str(p)) from err
            failed.append(str(wrap(err, str(p))))
            continue
        if doc.doc_id in seen:
            raise PlanQAError(f"{p}: 文档编号重复 (duplicate doc id {doc.doc_id!r})")
        seen.add(doc.doc_id)
        docs.append(doc)
    if not docs:
        raise PlanQAError(failed[0] if len(failed) == 1 else
                          f"{folder}: 没有可读的规划文件 (none of its {len(failed)} plan files can be read; "
                          f"the first: {failed[0]})")
    if skipped is not None:
        skipped.extend(failed)
    return docs


def _has_own_id(doc) -> bool:
    """True when the plan's metadata file gave it a doc id (the shipped plan's sc-sei-13)."""
    return bool((getattr(doc, "meta", None) or {}).get("source"))


def default_library_dir(folder: str | Path, encoder: str) -> Path:
    """The index folder of a plan folder: $PLANQA_HOME/library/<name>-<hash>--<encoder>."""
    from index.encoders import planqa_home
    root = Path(folder).resolve()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", root.name)[:40] or "plans"
    digest = hashlib.sha256(str(root).encode()).hexdigest()[:8]
    enc = re.sub(r"[^A-Za-z0-9._-]+", "_", encoder)
    return planqa_home() / "library" / f"{slug}-{digest}--{enc}"


def remember(folder: str | Path, index_dir: str | Path, encoder: str) -> Path:
    """Record the library `planqa build DIR` made, for later `plans` / `compare` / `ask` (atomic write)."""
    from index.encoders import planqa_home
    path = planqa_home() / LIBRARY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"folder": str(Path(folder).resolve()), "index": str(Path(index_dir).resolve()),
                       "encoder": encoder}, ensure_ascii=False, indent=1)
    from assistant.compare import _write_atomic
    _write_atomic(path, body.encode("utf-8"))
    return path


def remembered() -> dict | None:
    """The last library `planqa build DIR` made ({"folder", "index", "encoder"}), or None.

    Raises PlanQAError when its folder is gone: the commands that use it must not answer
    from the shipped plan instead without a word."""
    from index.encoders import planqa_home
    path = planqa_home() / LIBRARY_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data.get("folder"):
        return None
    if not Path(str(data["folder"])).is_dir():
        raise PlanQAError(f"{data['folder']}: 上次建立的规划库文件夹已不存在 (the library built last is gone); "
                          f"build it again with planqa build DIR, or delete {path} to use the shipped plan")
    return data


# ---- filters -----------------------------------------------------------------

def select(metas, plans=None, region=None, level=None, period=None, kind=None) -> tuple[str, ...]:
    """Doc ids of the plans that pass every filter given (None/"" = no filter).

    ``plans``: doc ids (or a single one); unknown ids raise PlanQAError, and so
    does a set of filters no plan passes (the message lists what there is)."""
    from corpus.meta import LEVELS, period_matches, region_matches
    metas = list(metas.values()) if isinstance(metas, dict) else list(metas)
    known = [m.doc_id for m in metas]
    chosen = list(metas)
    if plans:
        wanted = [plans] if isinstance(plans, str) else list(plans)
        unknown = [p for p in wanted if p not in known]
        if unknown:
            raise PlanQAError(f"没有这个规划 (unknown plan) {', '.join(map(str, unknown))}; 可选 {', '.join(known)}")
        chosen = [m for m in chosen if m.doc_id in wanted]
    if level:
        lv = str(level).strip().rstrip("级")
        if lv not in LEVELS:
            raise PlanQAError(f"未知的层级 (unknown level) {level!r}; 可选 {'/'.join(LEVELS)}")
        chosen = [m for m in chosen if m.level == lv]
    if region:
        chosen = [m for m in chosen if region_matches(m, str(region))]
    if period:
        chosen = [m for m in chosen if period_matches(m, str(period))]
    if kind:
        chosen = [m for m in chosen if m.kind == str(kind).strip()]
    if not chosen:
        given = ", ".join(f"{k}={v}" for k, v in (("plans", plans), ("region", region), ("level", level),
                                                  ("period", period), ("kind", kind)) if v)
        raise PlanQAError(f"没有符合条件的规划 (no plan matches {given})")
    return tuple(m.doc_id for m in chosen)


# ---- routing -------------------------------------------------------------------

_PLAN_WORD = r"(?:规划纲要|规划|纲要|实施方案|行动计划|方案|计划|文件)"
_WHERE = r"(?:里面|里|中|上|当中)?"
_LEVEL_WORDS = {"国家": ("国家", "全国", "中央", "国务院"), "省": ("省级", "省里", "省里的", "省"),
                "市": ("市级", "市里", "市里的", "市"), "县": ("县级", "县里", "县")}


@dataclasses.dataclass(frozen=True)
class Route:
    """Where a question that names plans should be asked."""

    doc_ids: tuple = ()
    question: str = ""          # the question without the phrase naming the plans ("" if nothing is left)
    note: str = ""


_BARE = compile_cue(r"[那么呢吗嘛呀啊吧的里中上是有没怎说样如何这个些方面讲写提到了对此又还再也呢，,。？?！!、\s]*")


def _strip(question: str, phrase: str) -> str:
    """Remove a routing phrase ("四川的规划里", "国家规划") and the particles around it."""
    pat = (r"(?:在|按|按照|根据|看看|请问)?\s*" + phrase + r"\s*(?:的)?\s*" + _PLAN_WORD + _WHERE
           + r"\s*(?:对|关于|有关)?\s*[，,:：]?\s*")
    return re.sub(pat, "", question, count=1).strip(" ，,。:：")


def _asked(rest: str) -> str:
    """What is left to ask once the plans are named: "" for "呢？" / "怎么说？"."""
    return "" if _BARE.fullmatch(rest or "") else rest


_NOT_PLACE_NEXT = "江河湖海山路街港湾桥站寺园"        # 黄浦江 is a river, not the 黄浦 district


def _names_place(q: str, name: str) -> bool:
    """Whether ``q`` names the place ``name`` (not as the start of another name: 黄浦江, 长宁路)."""
    start = q.find(name)
    while start >= 0:
        nxt = q[start + len(name): start + len(name) + 1]
        if not nxt or nxt not in _NOT_PLACE_NEXT:
            return True
        start = q.find(name, start + 1)
    return False


def route(question: str, metas) -> Route:
    """The plans a question names, when it names some but not all of them:
    a 《title》 (or a title's distinctive part + 规划), a region ("四川的…"), a
    level phrase ("国家规划", "省级规划") or a period with a plan word ("十四五规划里").
    Route() when it names none, or all."""
    from corpus.meta import PROVINCES, period_matches
    metas = list(metas.values()) if isinstance(metas, dict) else list(metas)
    if len(metas) < 2 or not isinstance(question, str):
        return Route()
    q = re.sub(r"\s+", "", question)
    everyone = {m.doc_id for m in metas}
    # 1. a title in 《》, or a title's own words before 规划
    for m in re.finditer(r"《([^《》]{2,60})》", q):
        name = re.sub(r"[“”\"]", "", m.group(1))
        ids = {x.doc_id for x in metas if name in re.sub(r"[“”\"]", "", x.title) or
               (x.short_title and name in x.short_title) or re.sub(r"[“”\"]", "", x.title) in name}
        if ids and ids != everyone:
            rest = re.sub(r"\s*(?:在|按照|根据)?" + re.escape(m.group(0)) + r"(?:里面|里|中)?\s*[，,]?", "",
                          question, count=1).strip()
            return _route(metas, ids, _asked(rest))
    sets, phrases = [], []
    # 2. regions of the plans
    regions = {}
    for x in metas:
        for reg in (x.region, x.parent):
            if reg and reg != "全国":
                full = [f for f, s in PROVINCES.items() if s == reg]
                suffix = "区" if x.level == "县" and reg == x.region and len(reg) > 1 else "市"
                for name in {reg, *full, reg + suffix}:
                    regions.setdefault(name, set()).add(x.doc_id)
    named = [n for n in sorted(regions, key=len, reverse=True) if _names_place(q, n)]
    named = [n for i, n in enumerate(named) if not any(n in o for o in named[:i])]
    if named:
        ids = set().union(*(regions[n] for n in named))
        sets.append(ids)
        phrases.extend(re.escape(n) for n in named)
    # 3. a level phrase with a plan word: 国家规划 / 国家层面的规划 / 省级规划
    for level, words in _LEVEL_WORDS.items():
        for w in words:
            lead = r"(?<![\u4e00-\u9fff])" if len(w) == 1 else ""      # 省规划, not 城市规划
            if re.search(lead + re.escape(w) + r"(?:层面|级)?的?" + _PLAN_WORD, q):
                ids = {x.doc_id for x in metas if x.level == level}
                if ids:
                    sets.append(ids)
                    phrases.append(re.escape(w) + r"(?:层面|级)?")
                break
        else:
            continue
        break
    # 4. a period with a plan word: 十四五规划里 / “十三五”的规划
    m = re.search(r"[“\"]?(十[一二三四五]五)[”\"]?(?:时期|期间)?的?" + _PLAN_WORD, q)
    if m:
        ids = {x.doc_id for x in metas if period_matches(x, m.group(1))}
        if ids:
            sets.append(ids)
            phrases.append(r"[“\"]?" + m.group(1) + r"[”\"]?(?:时期|期间)?")
    if not sets:
        return Route()
    ids = set.intersection(*sets)
    if not ids or ids == everyone:
        return Route()
    rest = question
    for ph in phrases:
        rest = _strip(rest, ph)
    return _route(metas, ids, _asked(rest))


def _route(metas, ids, rest: str) -> Route:
    order = [m for m in metas if m.doc_id in ids]
    names = "、".join(f"《{m.name}》" for m in order[:4]) + (f" 等 {len(order)} 个规划" if len(order) > 4 else "")
    return Route(doc_ids=tuple(m.doc_id for m in order), question=rest, note=f"只在{names}中查找")


def plans_for(pa, question, plans, history=None):
    """(doc ids or None, question to ask, history to use, note) for ``PlanAssistant.ask``:
    the caller's ``plans`` checked, else the plans the question names (route).
    Earlier turns lose their plan-naming phrases too, and a turn that only names
    plans ("崇明区的规划里呢？") asks the previous question of them."""
    if plans is not None:
        if isinstance(plans, str):
            plans = [plans]
        if not plans:
            return None, question, history, ""
        return select(pa.plan_metas(), plans=list(plans)), question, history, ""
    if len(pa.documents) < 2 or not isinstance(question, str):
        return None, question, history, ""
    metas = pa.plan_metas()
    if isinstance(history, (list, tuple)):
        history = [(route(t, metas).question or t) if isinstance(t, str) else t for t in history]
    r = route(question, metas)
    if not r.doc_ids:
        return None, question, history, ""
    asked = r.question
    if not asked:
        earlier = [t for t in (history or ()) if isinstance(t, str) and t.strip()] \
            if isinstance(history, (list, tuple)) else []
        asked = earlier[-1] if earlier else question
    return r.doc_ids, asked, history, r.note


def routed_answer(ans, question, note: str):
    """The Answer as asked: the user's own question, and a note saying which plans answered."""
    if not note:
        return ans
    from assistant.text import clean_question
    text = clean_question(question, 10_000)[0] if isinstance(question, str) else ans.question
    return dataclasses.replace(ans, question=text, notes=[note, *ans.notes])


def plan_citation(hit, metas) -> str:
    """A citation naming its plan (its metadata name), in the one citation format:
    〔《四川战略性新兴产业“十三五”规划》三、（一）… · 第7页〕."""
    from assistant.answer import citation
    m = metas.get(hit.doc_id) if isinstance(metas, dict) else None
    return citation(hit, m.name if m is not None else None)


# ---- the library ---------------------------------------------------------------

class Library:
    """A set of plans with metadata over one PlanAssistant (see the module doc)."""

    def __init__(self, assistant):
        self.assistant = assistant
        self.skipped: list[str] = []

    @classmethod
    def open(cls, folder: str | Path, index_dir: str | Path | None = None, encoder=None,
             mode: str = "hybrid", config=None) -> "Library":
        """The plans under ``folder`` (recursive), indexed in ``index_dir``
        (default: $PLANQA_HOME/library/…); the index is built or updated on first use.
        A file that cannot be read as a plan (binary, damaged, a scan without OCR) is left
        out and named with its reason in ``skipped``; none readable is an error."""
        from assistant.core import PlanAssistant, encoder_name
        skipped: list[str] = []
        docs = load_folder(folder, skipped)
        name = encoder_name(encoder)
        idx = Path(index_dir) if index_dir else default_library_dir(folder, name)
        pa = PlanAssistant(documents=docs, index_dir=idx, encoder=encoder, mode=mode, config=config)
        lib = cls(pa)
        lib.folder = Path(folder)
        lib.skipped = skipped          # files under the folder that could not be read, a reason each
        return lib

    @classmethod
    def default(cls, encoder=None, mode: str = "hybrid") -> "Library":
        """The library `planqa build DIR` made last, else the shipped plan(s)."""
        from assistant.core import PlanAssistant
        rem = remembered()
        if rem:
            same = encoder is None or encoder == rem.get("encoder")
            return cls.open(rem["folder"], index_dir=rem["index"] if same else None,
                            encoder=rem.get("encoder") if same else encoder, mode=mode)
        return cls(PlanAssistant(encoder=encoder, mode=mode))

    @property
    def metas(self) -> dict:
        return self.assistant.plan_metas()

    def build(self) -> dict:
        """Open or (re)build the index now; the retriever's info (action, cache hits and misses, times)."""
        return dict(getattr(self.assistant.retriever, "info", {}) or {})

    def plans(self, plans=None, region=None, level=None, period=None, kind=None) -> list:
        """The PlanMeta of the plans passing the filters, in library order."""
        if not any((plans, region, level, period, kind)):
            return list(self.metas.values())
        ids = set(select(self.metas, plans, region, level, period, kind))
        return [m for m in self.metas.values() if m.doc_id in ids]

    def select(self, plans=None, region=None, level=None, period=None, kind=None):
        """Doc ids passing the filters; None when no filter is given (all plans, routing on)."""
        if not any((plans, region, level, period, kind)):
            return None
        return select(self.metas, plans, region, level, period, kind)

    def ask(self, question, history=None, k: int = 5, mode: str | None = None, plans=None,
            region=None, level=None, period=None, kind=None):
        """``PlanAssistant.ask`` restricted to the plans passing the filters."""
        ids = self.select(plans, region, level, period, kind)
        return self.assistant.ask(question, history=history, k=k, mode=mode, plans=ids)

    def compare(self, question, plans=None, k: int = 3, mode: str | None = None, **filters):
        return self.assistant.compare(question, plans=plans, k=k, mode=mode, **filters)

    def citation(self, hit) -> str:
        return plan_citation(hit, self.metas)
