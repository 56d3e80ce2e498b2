"""Who answers whom: the shared assistant, per-session uploaded plans, the outline.

No gradio here. One ``PlanAssistant`` is shared by every session (its search
is read-only); a session that uploads a plan, or searches only some of the
plans, gets an assistant over that document set, kept in a small LRU.

``PlanLibrary`` is the server-side session store: each session (one browser
tab or API client, keyed by the web server's session id) has its history and
uploads here, with its own expiry; the page holds nothing heavier than the key.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import hashlib
import re
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

ALLOWED_SUFFIXES = (".txt", ".md", ".pdf", ".ofd", ".docx", ".doc", ".wps", ".rtf", ".html", ".htm", ".mht", ".mhtml")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_HISTORY = 20            # earlier turns passed to ask (the assistant caps too)
MAX_SESSIONS_WITH_UPLOADS = 32     # beyond this, the least recently used session loses its uploads
MAX_SESSIONS = 10_000              # beyond this, the least recently used session is ended
SESSION_TTL_S = 6 * 3600           # an idle session ends after this long


@dataclass(frozen=True)
class OutlineItem:
    """One clickable line of the side panel."""

    doc_id: str
    section_id: str     # "三.（一）", "专栏10", "名词解释"; "" for a document's title line
    label: str          # as shown: "三、推动新一代信息技术产业跨越发展 · 第7–15页"
    question: str       # the user turn it stands for
    level: int
    ask: bool           # True: ask the assistant ``question``; False: show the section's own clauses


def _heading(section: Any) -> str:
    """The heading as shown: "三、推动…发展", "专栏 10 新能源汽车产业重点工程", "名词解释" (not "名 词 解 释")."""
    from assistant.answer import display_title
    number = (getattr(section, "number", "") or "").strip()
    title = display_title(getattr(section, "title", "") or "")
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
    """(label, doc_id) pairs for the plan selector: display titles, told apart by
    their file name when two read alike."""
    from assistant.answer import display_title
    titles = [display_title(d.title) or d.doc_id for d in documents]
    out = []
    for d, t in zip(documents, titles):
        label = f"《{t}》"
        if titles.count(t) > 1:
            label += f"（{Path(str(getattr(d, 'source', '') or d.doc_id)).name or d.doc_id}）"
        out.append((label, d.doc_id))
    return out


_PLACE_END = re.compile(r"^(.{1,12}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗|镇|乡))")


def plan_names(document: Any) -> list[str]:
    """Ways a question may name a plan: its title, and the place it starts with
    ("青山县国民经济…规划" -> "青山县", "青山")."""
    from assistant.answer import display_title, short_title
    title = display_title(getattr(document, "title", "")).strip("《》")
    names = [title, short_title(title)]
    m = _PLACE_END.match(title)
    if m:
        place = m.group(1)
        names.append(place)
        if len(place) > 2:
            names.append(re.sub(r"(省|自治区|市|自治州|州|地区|盟|县|区|旗|镇|乡)$", "", place))
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


def named_document(question: str, documents: Sequence[Any]) -> Any | None:
    """The one document the question names, or None (none named, or several)."""
    q = re.sub(r"\s+", "", question or "")
    named = [d for d in documents if any(n in q for n in plan_names(d))]
    return named[0] if len(named) == 1 else None


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
        raise ValueError(f"{name}: 不支持的文件类型 (unsupported type; use .txt .md .pdf .ofd .docx .doc .rtf .html .mht)")
    if not p.is_file():
        raise ValueError(f"{name}: 文件不存在 (file not found)")
    size = p.stat().st_size
    if size == 0:
        raise ValueError(f"{name}: 文件为空 (empty file)")
    if size > MAX_UPLOAD_BYTES:
        raise ValueError(f"{name}: 文件过大 (over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB)")
    return p


@dataclass
class Session:
    """What the server keeps for one browser tab (or API client): the page's
    ``gr.State`` holds nothing but this record's key."""

    key: str
    last_seen: float
    history: list = field(default_factory=list)        # earlier questions, oldest first
    docs: tuple = ()                                   # uploaded documents
    root: str | None = None                            # temp folder: uploaded files and indexes
    digests: dict = field(default_factory=dict)        # sha256 of an uploaded file -> doc_id
    encoders: list = field(default_factory=list)       # (name, dim) of session-tagged encoders (embedding caches)


def file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def discard(path: str | Path | None) -> None:
    """Remove a file the web server cached for us, and its folder when that is left empty."""
    if not path:
        return
    p = Path(path)
    try:
        p.unlink()
    except OSError:
        return
    try:
        p.parent.rmdir()
    except OSError:
        pass


class PlanLibrary:
    """The server-side session store: the shared assistant, each session's history
    and uploaded plans, and assistants over other document sets.

    A session's documents are the shipped plan(s) plus what it uploaded; the
    plan selector picks a subset. The shared assistant answers when the
    subset is exactly the shipped set; any other set gets its own assistant
    (built once, cached LRU, uploads' indexes in the session's temp folder).

    A session ends when the page says so (``forget``), when it has been idle
    for ``ttl_s`` seconds (checked on every use, at most every ``sweep_every_s``),
    or when the server stops (``close``); its files go with it. Beyond
    ``capacity`` sessions with uploads, the least recently used one loses them.
    """

    def __init__(self, shared: Any, make: Callable[[list[Any], str | None], Any] | None = None,
                 capacity: int = MAX_SESSIONS_WITH_UPLOADS, ttl_s: float = SESSION_TTL_S,
                 max_sessions: int = MAX_SESSIONS, clock: Callable[[], float] = time.monotonic,
                 sweep_every_s: float = 30.0):
        self.shared = shared
        self.shared_docs = tuple(getattr(shared, "documents", ()))
        self._make = make or default_maker(shared)
        self._capacity = capacity
        self._ttl = float(ttl_s)
        self._max_sessions = max_sessions
        self._clock = clock
        self._sweep_every = sweep_every_s
        self._last_sweep = clock()
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._closed = threading.Event()
        self._sessions: "OrderedDict[str, Session]" = OrderedDict()
        self._assistants: "OrderedDict[tuple, Any]" = OrderedDict()      # (key, docs) -> assistant
        self._shared_digests = {}
        for d in self.shared_docs:
            try:
                self._shared_digests[file_digest(d.source)] = d.doc_id
            except (OSError, TypeError):
                pass

    # -- sessions ----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._sessions)

    def __contains__(self, key: str) -> bool:
        return key in self._sessions

    def session(self, key: str) -> Session:
        """The session ``key`` (created on first use), marked as just used."""
        if not key:
            raise ValueError("session key missing")
        self.sweep()
        dropped: list[Session] = []
        with self._lock:
            s = self._sessions.get(key)
            if s is None:
                s = self._sessions[key] = Session(key=key, last_seen=self._clock())
                while len(self._sessions) > self._max_sessions:
                    dropped.append(self._pop(next(iter(self._sessions))))
            s.last_seen = self._clock()
            self._sessions.move_to_end(key)
        self._remove_files(dropped)
        return s

    def history(self, key: str) -> list[str]:
        return list(self.session(key).history)

    def push_history(self, key: str, question: str) -> None:
        s = self.session(key)
        with self._lock:
            s.history = (s.history + [question])[-MAX_HISTORY:]

    def reset(self, key: str) -> None:
        with self._lock:
            self.session(key).history = []

    def sweep(self, force: bool = False) -> list[str]:
        """End the sessions idle for longer than the time-to-live; returns their keys."""
        now = self._clock()
        if not force and now - self._last_sweep < self._sweep_every:
            return []
        with self._lock:
            self._last_sweep = now
            old = [k for k, s in self._sessions.items() if now - s.last_seen > self._ttl]
            dropped = [self._pop(k) for k in old]
        self._remove_files(dropped)
        return old

    def forget(self, key: str | None) -> None:
        """End a session now (tab closed): its uploads, indexes and cached embeddings go."""
        if not key:
            return
        with self._lock:
            s = self._pop(key)
        self._remove_files([s])

    def start_sweeper(self, every_s: float = 60.0) -> threading.Thread:
        """Check for idle sessions every ``every_s`` seconds in a daemon thread, so that
        an expired session's files go even when nobody uses the server; ``close`` stops it."""
        def loop() -> None:
            while not self._closed.wait(every_s):
                self.sweep(force=True)
        t = threading.Thread(target=loop, name="planqa-session-sweeper", daemon=True)
        t.start()
        return t

    def close(self) -> None:
        """End every session (the server is stopping)."""
        self._closed.set()
        _close(self.shared)
        with self._lock:
            dropped = [self._pop(k) for k in list(self._sessions)]
        self._remove_files(dropped)

    def _pop(self, key: str) -> Session | None:
        s = self._sessions.pop(key, None)
        self._drop_assistants(key)
        return s

    def _drop_assistants(self, key: str) -> None:
        """Forget the session's assistants and stop their background work (caller holds the lock)."""
        for ck in [ck for ck in self._assistants if ck[0] == key]:
            _close(self._assistants.pop(ck))

    def _drop_uploads(self, s: Session) -> Session:
        self._drop_assistants(s.key)
        gone = Session(key=s.key, last_seen=s.last_seen, root=s.root, encoders=list(s.encoders))
        s.docs, s.root, s.digests, s.encoders = (), None, {}, []
        return gone

    @staticmethod
    def _remove_files(sessions: Sequence[Session | None]) -> None:
        uploads = False
        for s in sessions:
            if s is None:
                continue
            if s.root:
                uploads = True
                shutil.rmtree(s.root, ignore_errors=True)
            for name, dim in s.encoders:
                remove_embeddings(name, dim)
        if uploads:                 # their indexes were the bulk of the session's memory
            release_memory()

    # -- documents ---------------------------------------------------------------
    def documents_for(self, key: str | None) -> list[Any]:
        s = self.session(key) if key else None
        return list(self.shared_docs) + (list(s.docs) if s else [])

    def assistant_for(self, key: str | None, doc_ids: Sequence[str] | None = None) -> Any:
        """The assistant over the session's documents restricted to ``doc_ids``
        (None or all of them: every document). ValueError when none is selected."""
        docs = self.documents_for(key)
        if doc_ids is not None:
            wanted = set(doc_ids)
            docs = [d for d in docs if d.doc_id in wanted]
            if not docs:
                raise ValueError("请至少选择一个规划 (select at least one plan)")
        if tuple(docs) == self.shared_docs:
            return self.shared
        uploaded = [d for d in docs if d not in self.shared_docs]
        owner = key if uploaded else ""
        cache_key = (owner, tuple((d.doc_id, str(d.source)) for d in docs))
        with self._lock:
            pa = self._assistants.get(cache_key)
            if pa is not None:
                self._assistants.move_to_end(cache_key)
                return pa
            s = self._sessions.get(key) if uploaded else None
            root = s.root if s else None
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
                    if s is not None:
                        tagged = tagged_encoder_of(pa)
                        if tagged and tagged not in s.encoders:
                            s.encoders.append(tagged)
                    if owner and (owner not in self._sessions or self._sessions[owner].root != root):
                        return pa                    # the session ended while we built: do not keep it
                    self._assistants[cache_key] = pa
                    while len(self._assistants) > self._capacity * 2:
                        _close(self._assistants.popitem(last=False)[1])
        return pa

    # -- uploads -----------------------------------------------------------------
    def add_upload(self, key: str, upload_path: str | Path,
                   load: Callable[..., Any] | None = None) -> tuple[Any, bool]:
        """Load an uploaded plan into session ``key`` and index it with the rest.

        Returns ``(document, added)``: ``added`` is False when the same file was
        already loaded (the shipped plan or an earlier upload), whose document
        is returned. The session's dialogue history is cleared on a new plan.
        Raises ValueError (bad file), CorpusError or PlanQAError; the session
        is then left as it was. ``upload_path`` itself is left alone (see ``release_upload``).
        """
        if load is None:
            from corpus import load_document as load
        s = self.session(key)
        src = check_upload(upload_path)
        digest = file_digest(src)
        with self._lock:
            known = s.digests.get(digest) or self._shared_digests.get(digest)
        if known:
            doc = next((d for d in self.documents_for(key) if d.doc_id == known), None)
            if doc is not None:
                return doc, False
        with self._lock:
            docs = list(s.docs)
            fresh_root = s.root is None
            root = Path(tempfile.mkdtemp(prefix="planqa-ui-")) if fresh_root else Path(s.root)
            s.root = str(root)
        slot = root / "uploads" / str(len(docs) + 1)
        before = (tuple(s.docs), dict(s.digests), list(s.history))
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
                s.docs = tuple(docs + [doc])
                s.digests = {**s.digests, digest: doc.doc_id}
                s.history = []
            pa = self.assistant_for(key)              # index now, while the user watches the progress bar
        except BaseException as err:
            with self._lock:
                s.docs, s.digests, s.history = before
                if fresh_root:
                    s.root = None
            shutil.rmtree(root if fresh_root else slot, ignore_errors=True)
            if isinstance(err, Exception) and str(slot) in str(err) and type(err).__init__ is not object.__init__:
                # name the file as the user knows it, not by our temp folder
                try:
                    renamed = type(err)(str(err).replace(str(slot / src.name), src.name).replace(str(slot), ""))
                except Exception:
                    raise err
                raise renamed from err
            raise
        self._evict()
        start_prefetch(pa)                            # its sentences, while the user reads the outline
        return doc, True

    def release_upload(self, upload_path: str | Path | None, cache_dir: str | Path) -> bool:
        """The web server's cached copy of an upload is no longer needed (it was
        copied into the session, or refused): remove it now. Only a file inside
        ``cache_dir`` is ever removed; returns whether one was."""
        if not upload_path or not cache_dir:
            return False
        try:
            inside = Path(upload_path).resolve().is_relative_to(Path(cache_dir).resolve())
        except (OSError, ValueError):
            return False
        if inside:
            discard(upload_path)
        return inside

    def _evict(self) -> None:
        with self._lock:
            with_uploads = [s for s in self._sessions.values() if s.root]
            gone = [self._drop_uploads(s) for s in with_uploads[: max(0, len(with_uploads) - self._capacity)]]
        self._remove_files(gone)


class SessionEncoder:
    """The shared encoder under a session-tagged name, so that an uploaded plan's
    embeddings are cached apart from the shared cache and removed with the session."""

    def __init__(self, inner: Any, tag: str):
        self.inner = inner
        self.name = f"{inner.name}@{tag}"
        self.dim = inner.dim

    def encode(self, texts):
        """Vectors of ``texts``: those the shared cache holds (the shipped plans') are
        read from it, the rest encoded; nothing is written to the shared cache."""
        import numpy as np

        texts = list(texts)
        found: dict = {}
        try:
            from index.embcache import EmbeddingCache, text_key
            from index.encoders import planqa_home
            keys = [text_key(self.inner.name, t) for t in texts]
            found = EmbeddingCache(planqa_home() / "embeddings", self.inner.name, self.dim).lookup(keys)
        except (ImportError, OSError, ValueError):
            keys = [""] * len(texts)
        missing = [i for i, k in enumerate(keys) if k not in found]
        out = np.zeros((len(texts), self.dim), np.float32)
        if missing:
            out[missing] = np.asarray(self.inner.encode([texts[i] for i in missing]), np.float32)
        for i, k in enumerate(keys):
            if k in found:
                out[i] = found[k]
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Hand the memory that ended sessions freed back to the system: a garbage collection, then
    glibc's ``malloc_trim``, which returns the free pages its arenas keep (each request thread
    that indexed an upload leaves some). ``python -m eval.load --users 20 --uploaders 10
    --total-questions 200``: growth once the sessions ended 337-345 MiB without it, 272-274 with it."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def start_prefetch(pa: Any) -> None:
    """Start encoding an assistant's sentences in the background (``PlanAssistant.prefetch_sentences``),
    if it can."""
    ahead = getattr(pa, "prefetch_sentences", None)
    if callable(ahead):
        ahead()


def _close(pa: Any) -> None:
    """Stop an assistant's background work (``PlanAssistant.close``), if it has any."""
    close = getattr(pa, "close", None)
    if callable(close):
        close()


def tagged_encoder_of(pa: Any) -> tuple[str, int] | None:
    enc = getattr(getattr(pa, "retriever", None), "encoder", None)
    return (enc.name, int(enc.dim)) if isinstance(enc, SessionEncoder) else None


def remove_embeddings(name: str, dim: int) -> None:
    """Delete the embedding-cache folder of one (session-tagged) encoder."""
    try:
        from index.embcache import EmbeddingCache
        from index.encoders import planqa_home
    except ImportError:                                # pragma: no cover
        return
    folder = EmbeddingCache(planqa_home() / "embeddings", name, dim).dir
    shutil.rmtree(folder, ignore_errors=True)


def default_maker(shared: Any) -> Callable[[list[Any], str | None], Any]:
    """Build assistants like the shared one (same class, encoder, mode, config) over other documents.
    An index in a session folder gets the session-tagged encoder (embeddings cached apart)."""
    cls = type(shared)

    def make(documents: list[Any], index_dir: str | None) -> Any:
        encoder: Any = getattr(shared, "encoder_name", None)
        inner = getattr(getattr(shared, "retriever", None), "encoder", None) if encoder != "none" else None
        if index_dir and inner is not None and hasattr(inner, "encode"):
            encoder = SessionEncoder(inner, Path(index_dir).parent.name)
        return cls(documents=documents, index_dir=index_dir, encoder=encoder,
                   mode=getattr(shared, "mode", "hybrid"), config=getattr(shared, "config", None))
    return make
