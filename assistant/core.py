"""PlanAssistant: the product API (ask -> Answer). Wires the layers together;
the logic lives in dialogue.py, compose.py, structure.py and confidence.py."""
from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from assistant import (compose, confidence, dialogue, docinfo, evidence, indicators, question_probe, rerank,
                       structure, validate)
from assistant import places as places_mod
from assistant.answer import Answer, display_title, finish
from assistant.config import AssistantConfig
from assistant.errors import PlanQAError, wrap
from assistant.text import clean_question, compact
from assistant.vocab import SECTION_ASPECTS, build_vocabulary, topic_phrase, topic_variants

MODES = ("bm25", "dense", "hybrid")
from index.encoders import DEFAULT_ENCODER


def encoder_name(encoder=None) -> str:
    """The encoder to use: the argument, else $PLANQA_ENCODER, else the offline default."""
    if encoder is None:
        encoder = os.environ.get("PLANQA_ENCODER") or DEFAULT_ENCODER
    if isinstance(encoder, str):
        name = encoder.strip()
        return "none" if name.lower() in ("none", "", "bm25", "off") else name
    return getattr(encoder, "name", type(encoder).__name__)


def default_index_dir(documents, encoder: str) -> Path:
    """One folder per (document set, encoder) under $PLANQA_HOME/index/."""
    ids = sorted(d.doc_id for d in documents)
    slug = "-".join(ids)[:60] if ids else "empty"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", slug)
    if len(ids) > 1 or any(getattr(d, "source", "") and not _is_shipped(d) for d in documents):
        digest = hashlib.sha256("\n".join(f"{d.doc_id}\t{d.source}" for d in documents).encode()).hexdigest()[:10]
        slug = f"{slug}-{digest}"
    from index.encoders import planqa_home
    enc = re.sub(r"[^A-Za-z0-9._-]+", "_", encoder)
    return planqa_home() / "index" / f"{slug}--{enc}"


def _is_shipped(doc) -> bool:
    try:
        return Path(doc.source).resolve().parent == (Path(__file__).resolve().parent.parent / "corpus" / "plans")
    except (OSError, ValueError):
        return False


def _history_turns(history) -> list[str]:
    if history is None:
        return []
    if isinstance(history, str):
        return [history]
    turns = []
    for turn in history:
        if isinstance(turn, str):
            turns.append(turn)
        elif isinstance(turn, dict):
            if turn.get("role", "user") == "user":
                turns.append(str(turn.get("content") or turn.get("question") or ""))
        elif isinstance(turn, (list, tuple)) and turn:
            turns.append(str(turn[0]))
        elif turn is not None:
            turns.append(str(turn))
    return turns


@dataclass(frozen=True)
class Decision:
    abstain: bool
    confidence: float
    features: dict


def _term_stats(clauses) -> "confidence.TermStats":
    """Substring document frequencies over clauses (their section titles, own title and text)."""
    return confidence.TermStats(" ".join((*c.section_path, c.title, c.text)) for c in clauses)


def _contents(documents) -> dict:
    """(doc_id, section path) -> the clauses that are not headings, in each section itself (not below it)."""
    out: dict = {}
    for d in documents:
        for c in d.clauses:
            if c.kind != "heading" and c.section_path:
                out.setdefault((c.doc_id, tuple(c.section_path)), []).append(c)
    return out


def _item_headings(documents, contents) -> frozenset:
    """Clause ids of headings with no content clause under them: numbered items (（一）…；
    of a 第X条, （1）…公里。 of a task list) that the outline parse made headings."""
    under = {(d, path[:n]) for (d, path) in contents for n in range(1, len(path) + 1)}
    return frozenset(c.clause_id for d in documents for c in d.clauses
                     if c.kind == "heading" and (c.doc_id, tuple(c.section_path)) not in under
                     and re.search(r"[，。；;,]", c.text))      # a sentence, not a title or a figure's caption


SOLE_BODY_CHARS = 40        # a section's only clause this short says no more than what its heading names


def _sole_bodies(documents, contents) -> dict:
    """Heading clause id -> the one clause under it, where that clause is all its section holds and is
    short ("四、联系电话" over "0312-5620786"): a question the heading matches is answered by it."""
    deeper = {(d, path[:n]) for (d, path) in contents for n in range(1, len(path))}
    out = {}
    for d in documents:
        for c in d.clauses:
            key = (c.doc_id, tuple(c.section_path))
            if c.kind == "heading" and key not in deeper and len(body := contents.get(key, ())) == 1 \
                    and len(compact(body[0].text)) <= SOLE_BODY_CHARS:
                out[c.clause_id] = body[0]
    return out


def _as_clause(hit, clause):
    """``hit`` (a heading's) as a hit on ``clause``, ranked where the heading was."""
    return replace(hit, text=clause.text, clause_id=clause.clause_id, section_path=tuple(clause.section_path),
                   pages=tuple(clause.pages), title=clause.title, kind=clause.kind, source=clause.source,
                   ocr_confidence=clause.ocr_confidence)


def hit_context_best(hits, ev) -> str:
    return confidence.hit_context(hits[ev.best]) if 0 <= ev.best < len(hits) else ""


class PlanAssistant:
    """Ask a plan questions; get verbatim, cited excerpts.

    ``PlanAssistant()`` uses the shipped plan and an index folder under
    $PLANQA_HOME (built on first use). ``encoder="none"`` (or
    ``PLANQA_ENCODER=none``) runs BM25 only.
    """

    def __init__(self, documents=None, index_dir=None, encoder=None, mode: str = "hybrid",
                 config: AssistantConfig | dict | None = None, rebuild: bool = True, backend: str | None = None,
                 milvus_uri: str | None = None):
        if documents is None:
            try:
                import corpus
                documents = corpus.load_shipped()
            except Exception as err:  # CorpusError, OSError
                raise wrap(err, "无法加载内置规划 (cannot load the shipped plan)") from err
        self.documents = tuple(documents)
        if not self.documents:
            raise PlanQAError("没有可用的规划文档 (no documents given)")
        self.config = config if isinstance(config, AssistantConfig) else AssistantConfig.from_dict(config)
        self.encoder_name = encoder_name(encoder)
        self._encoder_arg = encoder
        self.mode = self._check_mode(mode if self.encoder_name != "none" else "bm25")
        try:    # "memory" (in-process, default) or "milvus"; None reads $PLANQA_BACKEND
            from index.backends import resolve_backend
            self.backend = resolve_backend(backend)
        except ValueError:
            raise PlanQAError(f"未知的索引后端 (unknown backend {backend!r}); 可选 memory, milvus") from None
        self.milvus_uri = milvus_uri
        self.index_dir = Path(index_dir) if index_dir else default_index_dir(self.documents, self.encoder_name)
        if self.backend == "milvus" and not index_dir:
            self.index_dir = self.index_dir.with_name(self.index_dir.name + "--milvus")
        self._rebuild = rebuild
        self._retriever = None
        self._lock = threading.Lock()
        self.vocabulary = build_vocabulary(self.documents)
        self._texts = {d.doc_id: d.text for d in self.documents}
        self._clauses = {c.clause_id: c for d in self.documents for c in d.clauses}
        self._position = {c.clause_id: (d, i) for d in self.documents for i, c in enumerate(d.clauses)}
        self._chapters: dict = {}          # chapter topic ("生物产业", "生物") -> (doc_id, chapter title)
        for d in self.documents:
            for sec in d.outline:
                if sec.kind == "section":
                    for v in topic_variants(topic_phrase(sec.title)):
                        self._chapters.setdefault(v, (d.doc_id, sec.title))
        self._by_section: dict = {}
        for d in self.documents:
            for c in d.clauses:
                self._by_section.setdefault((c.doc_id, tuple(c.section_path[:2])), []).append(c)
        contents = _contents(self.documents)
        self._item_headings = _item_headings(self.documents, contents)
        self._sole_bodies = _sole_bodies(self.documents, contents)
        self._home = confidence.home_regions(self.documents)
        self._own_years = {d.doc_id: y for d in self.documents if (y := docinfo.own_year(d))}
        self._openings = None              # confidence.section_openings, on the first question naming a time
        self._stats = _term_stats(c for d in self.documents for c in d.clauses)
        self._doc_stats: dict = {}         # doc_id -> TermStats of one plan (compare, plan filters)
        self.reranker = None               # None: the shipped model (assistant/data/rerank.json)
        self._sentences = None             # assistant.sentences.SentenceVectors, on first need
        self._prefetch = None              # the thread encoding them ahead (``prefetch_sentences``)
        self._stop = threading.Event()
        self._background = False           # not read yet (see ``background``)

    # --- construction ------------------------------------------------------------

    @classmethod
    def from_paths(cls, paths, index_dir=None, encoder=None, mode: str = "hybrid", config=None,
                   rebuild: bool = True, backend: str | None = None, milvus_uri: str | None = None) -> "PlanAssistant":
        """Load the user's own plans (txt/md/pdf/docx/html, several at once)."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        paths = list(paths)
        if not paths:
            raise PlanQAError("没有给出规划文件 (no plan files given)")
        import corpus
        docs, seen = [], set()
        for p in paths:
            try:
                doc = corpus.load_document(p)
            except Exception as err:
                raise wrap(err, str(p)) from err
            if doc.doc_id in seen:           # two files with the same name: number the later ones
                n = 2
                while f"{doc.doc_id}-{n}" in seen:
                    n += 1
                try:
                    doc = corpus.load_document(p, doc_id=f"{doc.doc_id}-{n}")
                except Exception as err:
                    raise wrap(err, str(p)) from err
            seen.add(doc.doc_id)
            docs.append(doc)
        return cls(documents=docs, index_dir=index_dir, encoder=encoder, mode=mode, config=config, rebuild=rebuild,
                   backend=backend, milvus_uri=milvus_uri)

    @staticmethod
    def _check_mode(mode) -> str:
        if mode not in MODES:
            raise PlanQAError(f"未知的检索模式 (unknown mode): {mode!r}; 可选 {', '.join(MODES)}")
        return mode

    @property
    def _tokenize(self):
        return confidence.tokenizer_of(self.retriever)

    @property
    def retriever(self):
        """The index.Retriever over all clauses (opened or built on first use)."""
        if self._retriever is None:
            with self._lock:
                if self._retriever is None:
                    self._retriever = self._open_retriever()
        return self._retriever

    def _open_retriever(self):
        try:
            import index
            enc = self._encoder_arg if (self._encoder_arg is not None and not isinstance(self._encoder_arg, str)) \
                else (None if self.encoder_name == "none" else self.encoder_name)
            clauses = [c for d in self.documents for c in d.clauses]
            return index.Retriever.open(self.index_dir, clauses, encoder=enc, rebuild=self._rebuild, mode=self.mode,
                                        backend=self.backend, milvus_uri=self.milvus_uri)
        except PlanQAError:
            raise
        except Exception as err:
            folder = str(self.index_dir)
            raise wrap(err, "索引 (index)" if folder in str(err) else f"索引 (index) {folder}") from err

    def outline(self, doc_id: str | None = None):
        """The outline (tuple of corpus.Section) of one document (default: the first)."""
        for d in self.documents:
            if doc_id is None or d.doc_id == doc_id:
                return d.outline
        raise PlanQAError(f"没有这个文档 (no document {doc_id!r})")

    # --- asking --------------------------------------------------------------------

    def ask(self, question, history=None, k: int = 5, mode: str | None = None, plans=None) -> Answer:
        """Answer ``question`` from the plans ``plans`` (doc ids; None: all, or the
        plans a question names — "四川的规划里…", see assistant.library.route)."""
        from assistant import library
        from assistant.sentences import asking
        with asking():              # a sentence prefetch waits for the answer
            plans, routed, history, note = library.plans_for(self, question, plans, history)
            ans = self._ask_one(routed, history, k, mode, plans)
        return library.routed_answer(ans, question, note)

    def compare(self, question, plans=None, k: int = 3, mode: str | None = None, **filters):
        """Ask ``question`` of each plan (doc ids ``plans`` and/or metadata filters
        region=, level=, period=, kind=); see assistant.compare.Comparison."""
        from assistant.compare import compare
        from assistant.sentences import asking
        with asking():
            return compare(self, question, plans=plans, k=k, mode=mode, **filters)

    def plan_metas(self) -> dict:
        """doc_id -> corpus.meta.PlanMeta of every loaded plan (sidecar overrides applied)."""
        if getattr(self, "_metas", None) is None:
            from corpus.meta import plan_meta
            self._metas = {d.doc_id: plan_meta(d) for d in self.documents}
        return self._metas

    def _plan_script(self, text: str) -> str:
        """``text`` in the plans' script (index.tokenize.in_plan_script: traditional characters the
        plans do not print written simplified, and simplified ones written traditional for plans
        printed so): the answer layer reads the question as the retriever does."""
        from index.tokenize import in_plan_script
        return in_plan_script(text, self.retriever.plan_chars())

    def _documents_of(self, plans) -> tuple:
        """The loaded documents among doc ids ``plans`` (all of them for None)."""
        return tuple(d for d in self.documents if d.doc_id in plans) if plans else self.documents

    def _ask_one(self, question, history=None, k: int = 5, mode: str | None = None, plans=None) -> Answer:
        """Answer ``question`` (``history``: earlier user turns, oldest first).

        Raises PlanQAError for an empty or non-string question, a bad ``history``,
        ``k`` outside 1..validate.MAX_K or an unknown ``mode`` (see assistant.validate).
        Deterministic: the same arguments give the same Answer. With several plans
        loaded, every citation names its plan.
        """
        question, history, k = validate.ask_args(question, history, k)
        return finish(self._ask(question, history, k, mode, plans), self.documents, k)

    def _ask(self, question: str, history: list[str], k: int, mode: str | None, plans=None) -> Answer:
        mode = self._check_mode(mode or self.mode)
        notes: list[str] = []
        if mode != "bm25" and self.encoder_name == "none":
            notes.append(f"未加载向量模型，按 bm25 检索 (no encoder; {mode} -> bm25)")
            mode = "bm25"
        cfg = self.config
        text, cleaned = clean_question(question, cfg.max_question_chars)
        notes.extend(cleaned)
        plain = self._plan_script(text)
        if plain != text:
            from index.tokenize import simplified
            if simplified(text) == text:        # a simplified question of a plan printed in traditional
                notes.append("已按规划所用繁体字检索 (searched in the plan's traditional characters)")
            else:
                notes.append("已按简体字检索 (traditional characters searched as simplified)")
            text = plain
        if not text:
            return Answer(question=text, resolved_query="", abstained=True, lead="", excerpts=[],
                          suggestions=["请用文字提问，例如：“2015年战略性新兴产业总产值是多少？”"], kind="abstain",
                          notes=notes)
        social = dialogue.social_turn(text)
        if social:      # "你好" / "谢谢" / "你能做什么": said to the assistant, not asked of the plan
            return Answer(question=text, resolved_query="", abstained=True, lead="", excerpts=[],
                          suggestions=self._starters(plans), kind="chat",
                          notes=notes + [dialogue.SOCIAL_REPLY[social]])
        # "好的，那德阳呢？": the acknowledgement it opens with is no word of the question
        text = dialogue.without_opener(text)
        # a greeting or thanks between questions is no context for the next one
        turns = [t for t in _history_turns(history) if not dialogue.social_turn(t)]
        if len(turns) > cfg.max_history_turns:
            notes.append(f"只使用最近 {cfg.max_history_turns} 轮对话")

        def clean(t: str) -> str:
            return dialogue.without_opener(self._plan_script(clean_question(t, cfg.max_question_chars)[0]))

        docs = self._documents_of(plans)

        def scope(ref) -> str:
            return ref.section_id if ref and ref.kind in ("section", "box") else ""

        refs: dict = {}

        def ref_of(t: str):
            """A turn's own outline reference (read once for the replay and the outline moves)."""
            if t not in refs:
                refs[t] = structure.find_ref(t, docs)
            return refs[t]

        before = dialogue.replay(turns, self.vocabulary, clean, lambda t: scope(ref_of(t)), cfg.max_history_turns)
        named = structure.find_ref(text, docs)      # read once: the question's scope, and its outline answer
        # "下一章呢" / "它有哪几节" / "第二节讲什么": a move from the part the last turns read
        # (the part the last turns read: needed to move from it, or to hold a part the question names)
        last = self._outline_turns(turns[-cfg.max_history_turns:], clean, ref_of, docs) \
            if turns and (named is None or scope(named)) else None
        moved = structure.navigate(text, last, docs) if turns and named is None else None
        if named is not None and scope(named) and scope(last) and scope(named).startswith(scope(last) + "."):
            # "其中提升行业治理能力那块又分成几项" after a turn that listed 发展任务: a part of the part
            # the last turn read, named by its title, is that part, however it is put as a follow-up
            moved = named
        # "房地产的措施放在哪一部分": what is searched is what it asks the place of
        where = structure.location_topic(text) if named is None else ""
        frame = dialogue.resolve(where or text, before, self.vocabulary, scope(named or moved))
        ans = self._respond(text, frame, named, moved, before, turns, docs, k, mode, list(notes), plans, clean)
        if frame.followup and frame.cue in dialogue.WEAK_CUES and cfg.followup_arbitrate:
            # read as continuing the turn before on a weak cue only (a 这个/它 word, no word of its own that
            # names a thing): a turn with a subject of its own is also read alone, and that reading is kept
            # when it is read off the document's outline or front matter ("这个规划分为哪几个部分？",
            # "第七部分讲了什么？", "这份意见是哪天发的？") or when the continuing reading would decline
            # and it would not (eval/conversation.py)
            alone = dialogue.parse(where or text, self.vocabulary, scope(named))
            other = self._respond(text, alone, named, None, None, turns, docs, k, mode, list(notes), plans, clean,
                                  retrieve=ans.abstained)
            read_off = other is not None and not other.evidence and bool(ans.evidence)
            if other is not None and not other.abstained and (ans.abstained or read_off):
                ans = other
        return ans

    def _respond(self, text: str, frame, named, moved, before, turns, docs, k: int, mode: str, notes: list[str],
                 plans, clean, retrieve: bool = True) -> Answer | None:
        """The answer to ``text`` read as ``frame`` (``named``: the outline part it names; ``moved``: the
        part an outline move reached; ``before``: the frame of the turn before, None when it is read alone);
        without ``retrieve``, only an answer read off the outline or the front matter (None otherwise)."""
        cfg = self.config
        ref = moved or (None if frame.followup else named)
        part = [] if ref is not None or frame.followup else structure.part_text(text, docs)
        if part:        # "主要目标是什么" of a 主要目标 part of plain paragraphs: its paragraphs, as printed
            return _read_off(text, frame.query, part, "part", k, notes)
        counted = None if frame.followup else indicators.answer(text, docs)
        if counted:     # 一共设置了多少项主要指标: the indicator table's rows, counted (not a part named 主要指标)
            shown, said = counted
            return _read_off(text, frame.query, shown, "indicators", k, notes + said)
        if ref is None:
            ref = structure.projects_ref(frame, text, self.vocabulary, docs)
        if ref is not None:
            sa = structure.answer(ref, docs)
            if ref.edge:        # "下一章呢" after the last 章: the part stays, and the answer says why
                notes.append(f"已经是{'最后' if ref.edge == 'last' else '第'}一{ref.unit} "
                             f"(this is the {ref.edge} {ref.unit})")
            if sa is not None and (sa.excerpts or sa.entries):
                count = structure.count_note(text, ref, sa)     # "分为几个部分": the listed parts, counted
                if count:
                    notes.append(count)
                # a move in the outline is understood as the part it reached, not as its words
                query = display_title(sa.lead) if moved is not None and sa.lead else frame.query
                # a part's clause that announces a list (贷款咨询包括以下主要内容:) is shown with its items
                return Answer(question=text, resolved_query=query, abstained=False, lead=sa.lead,
                              excerpts=[self._with_items(e) for e in sa.excerpts], suggestions=[], kind="structure",
                              outline=list(sa.entries), confidence=1.0, notes=notes)
        fields = [] if frame.followup else docinfo.asked_fields(text, [d.title for d in docs])
        field = fields[0] if fields else ""
        if field:       # 文号 / 印发日期 / 发文机关: the front-matter line that states it
            found = []
            for f in fields:
                found += [c for d in docs for c in docinfo.clauses_for(d, f) if c not in found]
            if found:
                said = [n for n in [docinfo.field_note(field, found[0].text)] if n]    # "十四五" without its years
                return _read_off(text, frame.query, found, "docinfo", k, notes + said)
        if not retrieve:
            return None
        defining = ""
        if frame.followup and turns and frame.query != text:
            # "增强现实呢？" after "什么是虚拟现实？": the same kind of question about the new term
            last = clean(turns[-1])
            if last and confidence.glossary_first([], last, docs) is not None:
                defining = "什么是" + frame.query
        previous = ""
        if frame.followup and before is not None and cfg.followup_context and clean(turns[-1]):
            # the question the follow-up continues, resolved as it was asked: its answer is where
            # the follow-up's answer most often lies (the same clause or its section)
            previous = before.query
        ans = self._answer(text, frame, k, mode, notes, defining, plans, previous)
        states = docinfo.STATES.get(field)
        if states is not None and not ans.abstained and not any(states.search(e.text) for e in ans.excerpts):
            # "这份意见是哪天印发的" of a text that prints no date: no excerpt shown says one
            return Answer(question=text, resolved_query=ans.resolved_query, abstained=True, lead="", excerpts=[],
                          suggestions=[], kind="abstain", confidence=ans.confidence,
                          notes=notes + [docinfo.NOT_PRINTED[field]], evidence=ans.evidence)
        return ans

    def _starters(self, plans=None) -> list[str]:
        """Questions to start with, offered after a social turn: the outline, then the plan's first
        parts by their headings."""
        out = ["这份文件分为哪几个部分？"]
        for d in self._documents_of(plans):
            out += [display_title(s.title) for s in d.outline if s.kind == "section" and s.title][:2]
        return out[:1 + self.config.suggestions]

    @staticmethod
    def _outline_turns(turns, clean, ref_of, docs):
        """The part of the outline the conversation last read: each turn's own structure reference
        (``ref_of``), or its move from the one before (下一章呢 after 第二章讲什么); None after a turn
        that read none."""
        here = None
        for turn in turns:
            t = clean(turn if isinstance(turn, str) else str(turn))
            if t:
                here = ref_of(t) or structure.navigate(t, here, docs)
        return here

    def _scope_filter(self, section_id: str):
        """Retriever filters for "其中…" follow-ups: the clauses under one section."""
        for d in self.documents:
            titles = structure._path_titles(d, section_id)
            if titles:
                return {"doc_id": d.doc_id, "section_prefix": titles}
        return None

    def _chapter_filter(self, frame):
        """"生物产业 空间布局" / "高端装备产业的核心发展区": a chapter-level aspect of
        a chapter's topic is searched inside that chapter (六、推动生物产业突破发展)."""
        if not any(a in SECTION_ASPECTS for a in frame.aspects):
            return None
        for topic in frame.topics:
            for key in (topic, self.vocabulary.parent.get(topic, "")):
                hit = self._chapters.get(key)
                if hit:
                    return {"doc_id": hit[0], "section_prefix": (hit[1],)}
        return None

    def _with_siblings(self, hits, places):
        """Add, after the hits, clauses of the same sections that name one of
        ``places`` (the 核心发展区 paragraph next to a layout overview)."""
        have = {h.clause_id for h in hits}
        extra = []
        for h in hits:
            key = (h.doc_id, tuple(h.section_path[:2]))
            for c in self._by_section.get(key, ()):
                if c.clause_id not in have and c.kind != "heading" and any(p in c.text for p in places):
                    have.add(c.clause_id)
                    extra.append(confidence.clause_hit(c, score=0.0))
        return list(hits) + extra

    def _answer(self, text: str, frame, k: int, mode: str, notes: list[str], defining: str = "",
                plans=None, previous: str = "") -> Answer:
        cfg = self.config
        r = self.retriever
        query = frame.query
        pool = max(cfg.retrieve_pool, k)
        filters = self._scope_filter(frame.scope) if frame.within else \
            (self._chapter_filter(frame) if cfg.chapter_filter else None)
        only = {"doc_id": list(plans)} if plans else None
        if plans and filters and filters.get("doc_id") not in plans:
            filters = None
        docs = self._documents_of(plans)
        # the document named by its own title is 本办法/本规划 to its clauses (人才住房管理办法哪天开始施行)
        query = docinfo.own_name(query, [d.title for d in docs]) if cfg.own_name else query
        query = structure.past_document_lead(query, [d.title for d in docs])
        joint = confidence.joint_name(query, self.vocabulary.places, self._stats) if cfg.joint_names else ""
        # 去年 / 今年 / 2023年 of a report whose parts are headed by their years: that year's part
        year = docinfo.asked_year(frame.sentence or text, docs)
        searched = docinfo.unheaded(query, year, docs)
        search_query = f"{searched} {joint}" if joint else searched
        try:
            hits = list(r.search(search_query, k=pool, mode=mode, filters=filters, keep_dense=cfg.pool_dense)) \
                if filters else []
            if not hits:
                hits = list(r.search(search_query, k=pool, mode=mode, filters=only, keep_dense=cfg.pool_dense))
        except Exception as err:
            raise wrap(err, "检索失败 (search failed)") from err
        tokens, everyday, weights = self._query_terms(query)
        if everyday:
            notes.append("按规划用语检索：" + "；".join(f"{p}→{'、'.join(t)}" for p, t in everyday))
        # what is asked: the follow-up as a standalone question when it was rewritten into one
        # ("2025年呢？" -> "金山铁路2025年全天开行多少对列车", which asks a figure)
        asked = frame.sentence or text
        info_w = evidence.info_terms(weights)
        sent_top = part_top = None
        if mode != "bm25" and cfg.sentence_cosines and hits:
            sent, part = self._part_cosines(search_query, hits[:cfg.abstain_top_n])
            sent_top = max(sent) if sent else None
            part_top = max(part) if part else None
        element = dialogue.new_element(text) if previous else ""      # "那X呢？": X, read twice below
        turn = self._turn_terms(info_w, previous, element) if frame.followup and previous else None
        decision = self._decide(asked, query, hits, tokens, weights, info_w, mode, notes, docs, sent_top,
                                part_top, alone=not frame.followup, turn=turn)
        if not hits or decision.abstain:
            return Answer(question=text, resolved_query=query, abstained=True, lead="", excerpts=[],
                          suggestions=confidence.suggestions(hits, weights, cfg.suggestions), kind="abstain",
                          confidence=decision.confidence, notes=notes, evidence=decision.features)
        conf = decision.confidence
        # a numbered item parsed as a heading with nothing under it (（三）未经亲自诊查，出具检查结果…的；)
        # is content; a heading over clauses of its own is a title, and a figure's caption (图1 …布局现状图)
        # names a picture the text does not hold
        # (a heading ranked first over one short clause, all its section says, stands for that clause:
        # the heading names what is asked, which the clause's own words do not, so it stays first)
        named = None
        if hits and (body := self._sole_bodies.get(hits[0].clause_id)) is not None \
                and body.clause_id not in {h.clause_id for h in hits}:
            hits = [_as_clause(hits[0], body), *hits[1:]]
            named = body.clause_id
        content = [h for h in hits if (h.kind != "heading" or h.clause_id in self._item_headings)
                   and h.kind != "caption"]
        hits = content or hits
        prev = None
        if previous and previous != query and not frame.within:     # "其中…" already searched inside a section
            try:
                found = r.search(previous, k=1, mode=mode, filters=only)
            except Exception:       # the context is a hint: a failure only loses it
                found = []
            if found:
                prev = found[0]
                if prev.clause_id not in {h.clause_id for h in hits}:
                    hits = hits + [prev]
        if cfg.rerank:
            own = self._own_words(text, previous) if prev is not None else None
            dense = mode != "bm25" and cfg.sentence_cosines
            sent, part = self._part_cosines(search_query, hits) if dense else (None, None)
            near = self._word_cosines(info_w, hits) if dense else None
            hits = rerank.rerank(hits, info_w, asked, self.reranker, prev=prev,
                                 searched=confidence.without_home(query, self._home), own=own, sent=sent,
                                 near=near, part=part, own_years=self._own_years)
            if named is not None:
                hits = sorted(hits, key=lambda h: h.clause_id != named)
        numbers = bool(compose.HOW_MUCH.search(asked))
        who = bool(compose.ASKS_WHO.search(asked))
        places = tuple(p for p in frame.places if p in self.vocabulary.places and p not in self._home)
        if places and cfg.asked_places:
            asked_here = set(places_mod.asked_places(places, text, dialogue.segment(text)))
            places = tuple(p for p in places if p in asked_here or p not in text)
        all_places = self.vocabulary.places
        if joint:       # a sentence naming the places by their joint name is about all of them
            places, all_places = places + (joint,), tuple(all_places) + (joint,)
            weights = compose.query_weights(tokens + [joint], self._stats.idf, everyday, cfg.alt_credit)
        defined = confidence.glossary_first(hits, text, docs)
        if defined is None and defining:
            defined = confidence.glossary_first(hits, defining, docs)
        if defined is None:             # "万能细胞是什么": the glossary term behind an everyday name
            plan_text = dialogue.in_plan_terms(text, self.vocabulary)
            if plan_text != text:
                defined = confidence.glossary_first(hits, plan_text, docs)
        if defined is None:             # "什么是人才住房": the clause that defines it (本办法所称…是指)
            defined = confidence.defining_first(hits, compose.defined_term(asked), docs)
        if defined is not None:
            hits = defined
        elif cfg.glossary_last:
            hits = compose.glossary_last(hits)
        section_aspects = tuple(a for a in frame.aspects if a in SECTION_ASPECTS and a != "重点工程")
        if section_aspects and cfg.rerank_aspects:
            hits = compose.rerank_for_aspects(hits, section_aspects, bool(compose.WHERE.search(text)),
                                              self.vocabulary.places)
        if places and cfg.rerank_places:
            hits = compose.rerank_for_places(self._with_siblings(hits[:pool], places), places, all_places)
        hits = docinfo.in_asked_year(hits, year)
        if who and cfg.group_notes and hits and (note := self._group_note(hits[0])) is not None:
            hits = [note] + [h for h in hits if h.clause_id != note.clause_id]
        if prev is not None and cfg.followup_new_element:
            hits = _naming_first(hits, element, self._position)
        hits = compose.merge_adjacent(hits[: k + 2], self._clauses, self._texts, weights)
        excerpts = []
        for h in hits:
            t = compose.trim_hit(h, weights, cfg.excerpt_target_chars, cfg.excerpt_max_chars, numbers,
                                 places, all_places, who, self._windows(search_query, h, mode),
                                 cfg.excerpt_dense_weight)
            t = self._with_items(t)
            if t.text and not any(t.text in e.text for e in excerpts):     # nor shown inside another
                excerpts.append(t)
            if len(excerpts) >= k:
                break
        lead = compose.choose_lead(excerpts, weights, numbers, cfg.lead_max_sentences, cfg.lead_max_chars,
                                   cfg.lead_pool, places, all_places, cfg.lead_rank_penalty, who)
        unit = structure.asks_location(text)
        if unit and excerpts:       # "房地产的措施放在哪一部分": the part's heading, then the content
            # the first excerpt that sits in such a unit names it (a preface or a notice is in no part;
            # a 专栏 holds few clauses)
            head = next((h for e in excerpts if (h := structure.locate(e.clause_id, docs, unit, text)) is not None), None)
            if head is not None and head.clause_id != excerpts[0].clause_id:
                excerpts = [head] + excerpts[: max(k - 1, 1)]
                lead = head.text
        return Answer(question=text, resolved_query=query, abstained=False, lead=lead, excerpts=excerpts,
                      suggestions=[], kind="answer", confidence=conf, notes=notes, evidence=decision.features)

    def _group_note(self, hit):
        """For a who-question, the responsibility note line that follows ``hit`` in its group of tasks: its
        own (one note per task) or the group's (责任单位：区社会事业局牵头… printed once after the three tasks
        of 老年人科学素质提升行动, parsed into the last of them); None when the hit names its own unit or
        no such line follows before the group ends."""
        at = self._position.get(hit.clause_id)
        if at is None or compose.names_responsible(hit.text, hit.title or ""):
            return None
        doc, i = at
        path = tuple(doc.clauses[i].section_path)
        group = path[:-1] or path
        if not group:               # a clause under no heading has no group to close
            return None
        for c in doc.clauses[i + 1:i + 60]:
            if tuple(c.section_path[:len(group)]) != group:
                return None
            if compose.NOTE_LINE.match(c.text):
                return confidence.clause_hit(c, score=hit.score)
        return None

    def _with_items(self, hit):
        """An excerpt that announces a list (…包括下列筹集渠道:) with the items under it (unchanged with
        ``list_items`` off)."""
        at = self._position.get(hit.clause_id) if self.config.list_items else None
        if at is None:
            return hit
        doc, i = at
        return compose.with_items(hit, doc.clauses[i], doc.clauses[i + 1:i + 40], self._texts[doc.doc_id],
                                  self.config.excerpt_max_chars)

    def _windows(self, query: str, hit, mode: str) -> list:
        """The hit's sentence windows with their cosines to the query, for choosing its excerpt;
        [] in BM25 mode, for a hit merged from several clauses or when the backend has none."""
        cfg = self.config
        if mode == "bm25" or cfg.excerpt_dense_weight <= 0 or len(hit.text) <= cfg.excerpt_target_chars:
            return []
        clause = self._clauses.get(hit.clause_id)
        of = getattr(self.retriever, "window_cosines", None)
        if of is None or clause is None or clause.text != hit.text:
            return []
        try:
            return of(query, hit.clause_id)
        except Exception:           # choosing an excerpt must not fail on a dense problem
            return []

    def _sentence_vectors(self):
        if self._sentences is None:
            retriever = self.retriever
            with self._lock:
                if self._sentences is None:
                    from assistant.sentences import SentenceVectors
                    self._sentences = SentenceVectors(retriever)
        return self._sentences

    def _part_cosines(self, query: str, hits) -> tuple[list[float] | None, list[float] | None]:
        """Each hit's best sentence cosine and best whitened sentence or phrase cosine with the query as
        searched (``assistant.sentences``), read in one pass; (None, None) without dense vectors, or when
        encoding fails (the decision and the re-ranker then read none)."""
        try:
            return self._sentence_vectors().sentence_and_part_cosines(query, hits) or (None, None)
        except Exception:           # the evidence must not fail an answer
            return None, None

    def _word_cosines(self, info: dict, hits) -> list[dict[str, float]] | None:
        """Each hit's best word cosine with each of the question's informative terms
        (``assistant.sentences``); None without dense vectors, or when encoding fails."""
        try:
            return self._sentence_vectors().word_cosines([t for t, w in info.items() if w > 0], hits)
        except Exception:           # the re-ranker's evidence must not fail an answer
            return None

    def prefetch_sentences(self, wait: bool = False):
        """Encode the plans' sentences for the re-ranker (``assistant.sentences``) in a background
        thread, so that the first questions on a plan new to the embedding cache do not wait for
        their pools' sentences; questions asked meanwhile are answered as usual. Returns the
        thread (``wait``: after it ends), or None when there is nothing to encode with (BM25
        only, or ``config.sentence_cosines`` off). ``close`` stops it."""
        if not self._encodes_sentences() or self._stop.is_set():
            return None
        self._sentence_vectors()
        with self._lock:
            started = self._prefetch is None
            if started:
                self._prefetch = threading.Thread(target=self._run_prefetch, name="planqa-sentences", daemon=True)
        if started:
            self._prefetch.start()
        if wait:
            self._prefetch.join()
        return self._prefetch

    def _run_prefetch(self) -> None:
        try:
            self.encode_sentences()
        except Exception:           # ahead-of-time work: a failure leaves the questions to encode their own
            pass

    def _encodes_sentences(self) -> bool:
        return self.encoder_name != "none" and self.config.sentence_cosines

    def encode_sentences(self, show_progress: bool = False) -> int:
        """Encode now, and store in the embedding cache, every sentence of the plans that has no
        vector yet (what ``prefetch_sentences`` does in the background; ``show_progress``: a
        counter on stderr). Returns how many were encoded (0 in BM25 only)."""
        if not self._encodes_sentences():
            return 0
        vectors = self._sentence_vectors()
        progress = None
        if show_progress:
            from index.encoders import Progress
            progress = Progress(vectors.missing(), "句子、短语与词 sentences, phrases and words", min_total=1).update
        return vectors.prefetch(stop=self._stop, progress=progress)

    def close(self) -> None:
        """Stop background work (a sentence prefetch, between two batches); the assistant
        still answers, encoding what it needs as it goes. Returns once a batch being encoded
        has ended, so that nothing more is written to the embedding cache by that work."""
        self._stop.set()
        if self._sentences is not None:
            self._sentences.settle()

    def _own_words(self, text: str, previous: str) -> dict[str, float]:
        """A follow-up's own words that the question it continues did not have ("南阳呢？" after
        "郑州、洛阳要建成什么样的消费中心城市？": 南阳), by general-language information."""
        before = set(confidence.informative_tokens(self._tokenize, previous, self._home))
        mine = [t for t in confidence.informative_tokens(self._tokenize, text, self._home) if t not in before]
        return {t: w for t, w in evidence.info_weights(mine).items() if w > 0}

    def _turn_terms(self, info_w, previous: str, element: str = ""):
        """What a follow-up read as continuing ``previous`` (its question as searched) adds, for the decision
        (evidence: turn_cov): the terms of what was searched (``info_w``) that ``previous``'s search lacked and
        that can name a topic (a noun as common as 部门 or 资金 does not: dialogue.NAMING_INFO), but a run
        jieba's HMM made of single characters (有二孩 of 家里有二孩), which is no word; and ``element``, what an
        elliptical turn names (dialogue.new_element), whole, when it is a noun phrase as informative as such a
        term. ``_own_words`` reads the turn's own text instead, for the re-ranker."""
        before = self._query_terms(previous)[2]
        own = {t: w for t, w in info_w.items()
               if w >= dialogue.NAMING_INFO and t not in before and not evidence.fragment(t)}
        # the element an elliptical turn names, whole: the plan's tokenizer cuts a word the plan never
        # prints into pieces (电子烟 -> 电子 | 烟), each too common, or too short, to be an own term
        key = compact(element)
        if _HAN_WORD.fullmatch(key) and key not in compact(previous) and not any(key in t for t in own):
            info = evidence.WordInfo.info(key)
            if info >= dialogue.NAMING_INFO and dialogue.noun_phrase(key):
                own[key] = info
        return compose.QueryTerms(own, info_w.alts, info_w.alt_credit)

    def _query_terms(self, query: str):
        """(informative tokens, everyday phrases with their plan terms, weighted QueryTerms) of a query."""
        tokens = confidence.informative_tokens(self._tokenize, query, self._home)
        everyday = dialogue.everyday_phrases(query, self.vocabulary)
        tokens = confidence.align_to_phrases(tokens, query, [p for p, _ in everyday])
        return tokens, everyday, compose.query_weights(tokens, self._stats.idf, everyday, self.config.alt_credit)

    def unused_terms(self, question: str, plans=None, min_info: float = 0.0) -> list[str]:
        """The question's topic terms (general-language information >= ``min_info`` nats) that
        the plans ``plans`` (doc ids; all for None) never use (``evidence.unused_terms``, a
        term less a one-character suffix counting as the term: 旅游业 is used where 旅游 is)."""
        text = clean_question(question, self.config.max_question_chars)[0]
        if not text:
            return []
        _, _, weights = self._query_terms(text)
        info_w = evidence.info_terms(weights)
        stats = self._stats_for(self._documents_of(plans))
        return [t for t, _ in evidence.unused_terms(info_w, stats, min_info, stems=True)]

    def _stats_for(self, docs) -> list:
        """Substring statistics over ``docs``: the library's own when all plans are asked,
        else one per plan (built on first use)."""
        if len(docs) == len(self.documents):
            return [self._stats]
        for d in docs:
            if d.doc_id not in self._doc_stats:
                self._doc_stats[d.doc_id] = _term_stats(d.clauses)
        return [self._doc_stats[d.doc_id] for d in docs]

    @property
    def background(self):
        """Other known plans' windows (``assistant.background``) without the loaded documents; None
        when the index has no dense encoder or the shipped background is another encoder's."""
        if self._background is False:
            from assistant import background
            r = self.retriever
            bg = background.load(r.encoder_name) if r.dense is not None else None
            if bg is not None:
                bg = bg.excluding(c.text for c in self._clauses.values())
                vectors = getattr(r.dense, "vectors", None)        # (Milvus keeps them on its server)
                if vectors is not None:
                    bg = bg.excluding_copies(vectors)
            self._background = bg
        return self._background

    @background.setter
    def background(self, value):
        self._background = value

    def _background_margin(self, qvec, top: float | None) -> float | None:
        """The query's best cosine in the asked documents (``top``; ``qvec``: its vector) minus its
        best cosine in the background."""
        bg = self.background
        if bg is None or top is None:
            return None
        other = bg.best(qvec)
        return None if other is None else top - other

    def _question_reads(self, qvec, top: float | None) -> tuple[float | None, float | None]:
        """What the query's vector says of the question alone (assistant.question_probe): how far it
        reads like a question plans leave unanswered, and how far its best cosine ``top`` stands
        above the best cosine an answered question like it gets; None for each head not fitted on
        this index's encoder."""
        if not self.config.question_probe:
            return None, None
        encoder = self.retriever.encoder_name
        probe = question_probe.load(encoder)
        expected = question_probe.load(encoder, question_probe.EXPECTED_COSINE) if top is not None else None
        return (None if probe is None else probe.score(qvec),
                None if expected is None else top - expected.score(qvec))

    def _decide(self, text: str, query: str, hits, tokens, weights, info_w, mode: str, notes: list[str],
                docs=None, sent_top: float | None = None, part_top: float | None = None,
                alone: bool = True, turn: dict | None = None) -> "Decision":
        """Answer or abstain: the calibrated model (assistant.evidence) over general features.
        Notes say what the plan lacks when that is why. ``alone``: the turn is read on its own; the
        question's heads (the probe, the expected cosine) read only such a turn (a follow-up is searched
        with the previous turn's words, a query nobody asked, and is judged by the model without them);
        ``turn``: a follow-up's own new terms with their information (the terms of ``query`` the previous
        question's search lacked), None otherwise."""
        cfg = self.config
        places, times = confidence.anchors(query, self.vocabulary.places, self._home)
        if places and cfg.asked_places:
            # a place inside the plan's own region said only in the asker's story (我家在肥东农村，…规划对农村用电
            # 有什么具体目标？ of 合肥's plan) is where the asker lives, not what is asked: no clause need name it
            asked_here = set(places_mod.asked_places(places, text, dialogue.segment(text)))
            places = tuple(p for p in places if p in asked_here or p not in text
                           or not places_mod.lies_within(p, self._home))
        amount = bool(confidence.ASKS_AMOUNT.search(text))
        # over the whole pool: the answer layer brings a clause naming the asked place forward
        unit = confidence.asked_unit(text)
        if unit in confidence.CONTACT_UNITS and any(confidence.gives_unit(compact(h.text), unit)
                                                    for h in hits[:cfg.abstain_top_n]):
            # the address or number printed answers the words that ask for it
            asked = confidence.unit_words(text, unit)
            weights, info_w = weights.without(asked), info_w.without(asked)
        if times and self._openings is None:
            self._openings = confidence.section_openings(self.documents)
        shown = [_as_clause(h, b) if (b := self._sole_bodies.get(h.clause_id)) is not None else h for h in hits] \
            if unit else None
        missing = confidence.missing_anchors(hits, places, times, amount, unit, self._openings, shown) if hits else []
        if missing:
            notes.append(f"相关条文中没有：{'、'.join(missing)}")
        foreign = confidence.unknown_places(tokens, self._stats, query)
        if foreign:
            notes.append(f"规划中没有提到：{'、'.join(foreign)}")
        cos_stats = margin = probe = resid = None
        if mode != "bm25" and hits:
            try:
                cos_stats = self.retriever.similarity_stats(query)
            except Exception:       # a dense failure must not block a lexical answer
                cos_stats = None
            try:            # the vector similarity_stats searched with (memoised): read once for all below
                qvec = self.retriever.query_vector(query) if cos_stats is not None else None
            except Exception:
                qvec = None
            try:            # and its best cosine in the asked documents
                top = self.retriever.best_cosine(qvec, None if docs is None else [d.doc_id for d in docs])
            except Exception:
                top = None
            try:
                margin = self._background_margin(qvec, top) if qvec is not None else None
            except Exception:       # nor must the background's: the model without it decides
                margin = None
            try:
                probe, resid = self._question_reads(qvec, top) if qvec is not None and alone else (None, None)
            except Exception:       # nor the question's heads'
                probe = resid = None
        stats = self._stats_for(self.documents if docs is None else docs)
        unused = evidence.unused_terms(info_w, stats)
        unused_own = evidence.unused_terms(turn, stats) if turn else []
        ev = evidence.gather(hits, info_w, weights, cfg.abstain_top_n, cos_stats, bool(missing), bool(foreign),
                             question=text, amount=amount, unused=unused[0][1] if unused else 0.0,
                             bg_margin=margin, sent_top=sent_top, part_top=part_top, probe=probe, cos_resid=resid,
                             unit=confidence.figure_kind(text, unit), turn=turn,
                             turn_unused=unused_own[0][1] if unused_own else 0.0)
        model = evidence.model_for(ev)
        p = model.probability(ev)
        # Two anchors decide alone (eval/calibrate.py, dev split of 11 plans): a division the
        # documents never mention (20 of 20 such questions out of scope, on 10 plans), and a
        # place/year/figure the question names that no retrieved clause has (see
        # eval/results/calibration.md for what each rule adds, per plan).
        lexical_only = "cos_top" not in ev.features
        abstain = (p < model.threshold or bool(foreign) or bool(missing)
                   or (lexical_only and evidence.unsupported(ev.features))) and cfg.abstention
        if abstain and not missing and not foreign:
            if unused_own:
                # what the turn itself adds and the plan never names (那电子烟呢？): that, not a word of the
                # previous question the excerpts happen to lack
                notes.append(f"规划中没有提到：{'、'.join(t for t, _ in unused_own[:3])}")
            elif hits:
                lacking = evidence.missing_terms(hit_context_best(hits, ev), info_w)
                if lacking:
                    notes.append(f"相关条文中没有：{'、'.join(lacking)}")
        feats = {k: round(float(v), 4) for k, v in ev.features.items()}
        return Decision(abstain, p, feats)


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _read_off(text: str, query: str, clauses, signal: str, k: int, notes: list[str]) -> Answer:
    """An answer read off the plan rather than retrieved (a front-matter line, a part's paragraphs, an
    indicator table): ``clauses`` shown whole, in order, the first as the lead."""
    found = [confidence.clause_hit(c, 1.0, signal=signal) for c in clauses]
    return Answer(question=text, resolved_query=query, abstained=False, lead=found[0].text, excerpts=found[:k],
                  suggestions=[], kind="answer", confidence=1.0, notes=notes)


def _naming_first(hits, element: str, position=None) -> list:
    """A follow-up that names a new element ("那等额本金的呢？" after 等额本息, "那到2020年呢？" after
    2015): the best clause that names it comes first — the clauses above it answered the previous
    question, which the user has read. A clause continuing the paragraph before it in its section
    (第十五条F类人才…。 / 申请保障性租赁住房的，面积为30平方米左右) names what that paragraph names.
    Unchanged when no clause names the element. ``position``: clause id -> (document, index), as
    PlanAssistant keeps it."""
    if not element:
        return hits
    key = compact(element)

    def names(h) -> bool:
        if key in compact(h.text + "".join(h.section_path)):
            return True
        doc, i = (position or {}).get(h.clause_id, (None, 0))
        path = tuple(h.section_path)
        before = next((c for c in reversed(doc.clauses[:i]) if tuple(c.section_path) == path), None) if doc else None
        return before is not None and key in compact(before.text)

    first = next((i for i, h in enumerate(hits) if names(h)), None)
    if not first:
        return hits
    out = list(hits)
    out.insert(0, out.pop(first))
    return out
