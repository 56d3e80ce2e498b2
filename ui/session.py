"""Who answers whom: the shared assistant, per-session uploaded plans, the outline.

No gradio here. One ``PlanAssistant`` is shared by every session (its search
is read-only); a session that uploads a plan, or searches only some of the
plans, gets an assistant over that document set, kept in a small LRU. The
page's ``gr.State`` holds only JSON-safe data: the dialogue history and a
random session key naming the session's uploads.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

ALLOWED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_HISTORY = 20            # earlier turns passed to ask (the assistant caps too)
MAX_SESSIONS_WITH_UPLOADS = 8


@dataclass(frozen=True)
class OutlineItem:
    """One clickable line of the side panel."""

    doc_id: str
    section_id: str     # "三.（一）", "专栏10", "名词解释"; "" for a document's title line
    label: str          # as shown: "三、推动新一代信息技术产业跨越发展 · 第7–15页"
    question: str       # the user turn it stands for
    level: int
    ask: bool           # True: ask the assistant ``question``; False: show the section's own clauses


def new_state() -> dict:
    """Per-session conversation state (JSON-safe, so gr.State copies it cheaply)."""
    return {"history": [], "key": None, "uploads": []}


def push_history(state: dict, question: str) -> dict:
    hist = list(state.get("history", []))[-(MAX_HISTORY - 1):] + [question]
    return {**state, "history": hist}


def _heading(section: Any) -> str:
    number = (getattr(section, "number", "") or "").strip()
    title = (getattr(section, "title", "") or "").strip()
    sep = "" if (not number or number.endswith(("、", "）", ")", ".", "．"))) else " "
    return f"{number}{sep}{title}".strip()


def section_question(section: Any) -> str:
    """The question a click on an outline line asks.

    Parts, 专栏 and 名词解释 are asked in the forms the assistant answers from
    the outline ("第三部分讲了什么？", "专栏10有哪些内容？"); other headings by their words.
    """
    number = (getattr(section, "number", "") or "").replace(" ", "").strip()
    title = (getattr(section, "title", "") or "").strip().rstrip("。")
    kind = getattr(section, "kind", "section")
    level = int(getattr(section, "level", 1) or 1)
    if kind == "glossary":
        return "名词解释有哪些？"
    if kind == "box" and number:
        return f"{number}有哪些内容？"
    if level == 1 and number.endswith("、"):
        return f"第{number[:-1]}部分讲了什么？"
    return f"{title or number}讲了什么？"


def outline_items(documents: Sequence[Any], max_level: int = 2) -> list[OutlineItem]:
    """Flatten the documents' outlines: headings down to ``max_level``, plus every 专栏 and 名词解释."""
    from ui.render import page_label

    items: list[OutlineItem] = []
    several = len(documents) > 1

    def walk(doc: Any, sections: Sequence[Any]) -> None:
        for sec in sections:
            level = int(getattr(sec, "level", 1) or 1)
            kind = getattr(sec, "kind", "section")
            if level <= max_level or kind in ("box", "glossary"):
                indent = "\u3000" * (max(level, 1) - 1)
                pg = page_label(getattr(sec, "pages", None))
                label = f"{indent}{_heading(sec)}" + (f" · {pg}" if pg else "")
                by_ask = level == 1 or kind in ("box", "glossary")
                items.append(OutlineItem(doc.doc_id, getattr(sec, "section_id", ""), label,
                                         section_question(sec), level, by_ask))
            walk(doc, getattr(sec, "children", ()) or ())

    for doc in documents:
        if several:
            items.append(OutlineItem(doc.doc_id, "", f"《{doc.title}》", "规划有哪些章节？", 0, True))
        walk(doc, getattr(doc, "outline", ()) or ())
    return items


def find_section(documents: Sequence[Any], doc_id: str, section_id: str) -> tuple[Any, Any]:
    """(document, section) for an outline line, or (None, None)."""
    def walk(sections):
        for sec in sections:
            yield sec
            yield from walk(getattr(sec, "children", ()) or ())
    for doc in documents:
        if doc.doc_id == doc_id:
            for sec in walk(doc.outline):
                if sec.section_id == section_id:
                    return doc, sec
    return None, None


def section_clauses(doc: Any, section: Any) -> list[Any]:
    """The section's clauses in reading order (by the numbering path in the clause id)."""
    sid = section.section_id.replace(" ", "")
    out = []
    for c in doc.clauses:
        path = c.clause_id.split(":", 1)[-1].replace(" ", "")
        if path == sid or path.startswith(sid + "."):
            out.append(c)
    return out


def section_view(doc: Any, section: Any, k: int = 5) -> dict:
    """Show a section without searching: its sub-headings and first ``k`` clauses,
    verbatim, in the shape of ``Answer.to_dict()`` (kind "structure")."""
    from assistant.answer import citation, hit_to_dict
    from index.hit import Hit

    clauses = section_clauses(doc, section)
    excerpts = [hit_to_dict(Hit(text=c.text, clause_id=c.clause_id, section_path=c.section_path, pages=c.pages,
                                score=0.0, doc_id=c.doc_id, title=c.title, kind=c.kind))
                for c in clauses[: max(1, int(k))]]
    children = [{"section_id": ch.section_id, "number": ch.number, "title": ch.title, "level": ch.level,
                 "pages": list(ch.pages), "kind": ch.kind} for ch in (section.children or ())]
    more = len(clauses) - len(excerpts)
    label = citation(Hit(text="", clause_id=f"{doc.doc_id}:{section.section_id}", section_path=(),
                         pages=tuple(section.pages), score=0.0, doc_id=doc.doc_id, title=section.title))
    return {
        "question": section_question(section), "resolved_query": "", "abstained": False, "kind": "structure",
        "lead": label.strip("〔〕"), "excerpts": excerpts, "outline": children, "suggestions": [],
        "notes": [f"本节另有 {more} 条未显示，可在设置中调大显示条文数 · {more} more clauses in this section"]
        if more > 0 else [],
    }


def doc_choices(documents: Sequence[Any]) -> list[tuple[str, str]]:
    """(label, doc_id) pairs for the plan selector."""
    return [(f"《{d.title}》", d.doc_id) for d in documents]


def ask(pa: Any, question: str, history: Sequence[str], k: int, mode: str | None) -> Any:
    """``pa.ask`` with the UI's settings (at most MAX_HISTORY earlier turns)."""
    kwargs: dict[str, Any] = {"history": list(history)[-MAX_HISTORY:] or None, "k": int(k)}
    if mode:
        kwargs["mode"] = mode
    return pa.ask(question, **kwargs)


def check_upload(path: str | Path) -> Path:
    """The uploaded file, or a one-line ValueError naming it and the reason."""
    p = Path(path)
    name = p.name
    if p.suffix.lower() not in ALLOWED_SUFFIXES:
        raise ValueError(f"{name}: 不支持的文件类型 (unsupported type; use .txt .md .pdf .docx)")
    if not p.is_file():
        raise ValueError(f"{name}: 文件不存在 (file not found)")
    size = p.stat().st_size
    if size == 0:
        raise ValueError(f"{name}: 文件为空 (empty file)")
    if size > MAX_UPLOAD_BYTES:
        raise ValueError(f"{name}: 文件过大 (over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB)")
    return p


class PlanLibrary:
    """The shared assistant, plus assistants over other document sets.

    A session's documents are the shipped plan(s) plus what it uploaded; the
    plan selector picks a subset. The shared assistant answers when the
    subset is exactly the shipped set; any other set gets its own assistant
    (built once, cached LRU, uploads' indexes in the session's temp folder).
    """

    def __init__(self, shared: Any, make: Callable[[list[Any], str | None], Any] | None = None,
                 capacity: int = MAX_SESSIONS_WITH_UPLOADS):
        self.shared = shared
        self.shared_docs = tuple(getattr(shared, "documents", ()))
        self._make = make or default_maker(shared)
        self._capacity = capacity
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._uploads: "OrderedDict[str, tuple[tuple[Any, ...], str]]" = OrderedDict()  # key -> (docs, root)
        self._assistants: "OrderedDict[tuple, Any]" = OrderedDict()                      # (key, docs) -> assistant

    # -- documents ---------------------------------------------------------------
    def documents_for(self, state: dict | None) -> list[Any]:
        key = (state or {}).get("key")
        with self._lock:
            entry = self._uploads.get(key) if key else None
            if entry is not None:
                self._uploads.move_to_end(key)
        return list(self.shared_docs) + (list(entry[0]) if entry else [])

    def assistant_for(self, state: dict | None, doc_ids: Sequence[str] | None = None) -> Any:
        """The assistant over the session's documents restricted to ``doc_ids``
        (None or all of them: every document). ValueError when none is selected."""
        docs = self.documents_for(state)
        if doc_ids is not None:
            wanted = set(doc_ids)
            docs = [d for d in docs if d.doc_id in wanted]
            if not docs:
                raise ValueError("请至少选择一个规划 (select at least one plan)")
        if tuple(docs) == self.shared_docs:
            return self.shared
        uploaded = [d for d in docs if d not in self.shared_docs]
        key = (state or {}).get("key") if uploaded else ""
        cache_key = (key, tuple((d.doc_id, str(d.source)) for d in docs))
        with self._lock:
            pa = self._assistants.get(cache_key)
            if pa is not None:
                self._assistants.move_to_end(cache_key)
                return pa
            root = self._uploads[key][1] if uploaded and key in self._uploads else None
        with self._build_lock:                       # one index build at a time
            with self._lock:
                pa = self._assistants.get(cache_key)
            if pa is None:
                index_dir = None
                if root:
                    digest = hashlib.sha256(repr(cache_key[1]).encode()).hexdigest()[:12]
                    index_dir = str(Path(root) / f"index-{digest}")
                pa = self._make(docs, index_dir)
                getattr(pa, "retriever", None)       # build (or open) the index now, not on the first question
                with self._lock:
                    self._assistants[cache_key] = pa
                    while len(self._assistants) > self._capacity * 2:
                        self._assistants.popitem(last=False)
        return pa

    # -- uploads -----------------------------------------------------------------
    def add_upload(self, state: dict, upload_path: str | Path,
                   load: Callable[..., Any] | None = None) -> tuple[dict, Any]:
        """Load an uploaded plan into the session and index it with the rest.

        Returns ``(new_state, document)``; the session's dialogue history is
        cleared. Raises ValueError (bad file), CorpusError or PlanQAError; the
        session is then left as it was.
        """
        if load is None:
            from corpus import load_document as load
        src = check_upload(upload_path)
        state = dict(state or new_state())
        key = state.get("key") or uuid.uuid4().hex
        with self._lock:
            entry = self._uploads.get(key)
        docs = list(entry[0]) if entry else []
        root = Path(entry[1]) if entry else Path(tempfile.mkdtemp(prefix="planqa-ui-"))
        slot = root / "uploads" / str(len(docs) + 1)
        try:
            slot.mkdir(parents=True, exist_ok=True)
            kept = slot / src.name
            shutil.copyfile(src, kept)
            doc = load(kept)
            taken = {d.doc_id for d in list(self.shared_docs) + docs}
            if doc.doc_id in taken:
                n = 2
                while f"{doc.doc_id}-{n}" in taken:
                    n += 1
                doc = load(kept, doc_id=f"{doc.doc_id}-{n}")
            if not doc.clauses:
                raise ValueError(f"{src.name}: 没有可检索的条文 (no clauses found)")
            with self._lock:
                self._uploads[key] = (tuple(docs + [doc]), str(root))
                self._uploads.move_to_end(key)
            new = {**state, "key": key, "uploads": list(state.get("uploads", [])) + [str(kept)], "history": []}
            self.assistant_for(new)                   # index now, while the user watches the progress bar
        except BaseException as err:
            with self._lock:
                if entry is None:
                    self._uploads.pop(key, None)
                else:
                    self._uploads[key] = entry
            shutil.rmtree(slot if entry else root, ignore_errors=True)
            if isinstance(err, Exception) and str(slot) in str(err) and type(err).__init__ is not object.__init__:
                # name the file as the user knows it, not by our temp folder
                try:
                    renamed = type(err)(str(err).replace(str(slot / src.name), src.name).replace(str(slot), ""))
                except Exception:
                    raise err
                raise renamed from err
            raise
        self._evict()
        return new, doc

    def _evict(self) -> None:
        dropped: list[tuple[str, str]] = []
        with self._lock:
            while len(self._uploads) > self._capacity:
                key, (_, root) = self._uploads.popitem(last=False)
                dropped.append((key, root))
            for key, _ in dropped:
                for ck in [ck for ck in self._assistants if ck[0] == key]:
                    del self._assistants[ck]
        for _, root in dropped:
            shutil.rmtree(root, ignore_errors=True)

    def forget(self, state: dict | None) -> None:
        """Drop a session's uploads and their indexes (gr.State expiry / tab closed)."""
        key = (state or {}).get("key")
        if not key:
            return
        with self._lock:
            entry = self._uploads.pop(key, None)
            for ck in [ck for ck in self._assistants if ck[0] == key]:
                del self._assistants[ck]
        if entry is not None:
            shutil.rmtree(entry[1], ignore_errors=True)


def default_maker(shared: Any) -> Callable[[list[Any], str | None], Any]:
    """Build assistants like the shared one (same class, encoder, mode, config) over other documents."""
    cls = type(shared)

    def make(documents: list[Any], index_dir: str | None) -> Any:
        return cls(documents=documents, index_dir=index_dir, encoder=getattr(shared, "encoder_name", None),
                   mode=getattr(shared, "mode", "hybrid"), config=getattr(shared, "config", None))
    return make
