"""Retriever: clauses in, ranked ``Hit``s out (BM25, dense, or both fused).

The one entry class of the index layer: ``build`` / ``search`` /
``batch_search`` / ``save`` / ``load`` / ``open``. The math lives in
``bm25``, ``vectors`` and ``fusion``; this module wires them together.
"""
from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from index.backends import resolve_backend
from index.bm25 import BM25Index, BM25Params, top_k
from index.embcache import CachedEncoder
from index.encoders import EncoderError, get_encoder, planqa_home, query_vectors
from index.fusion import MODES, RetrieverConfig, rescale_cosines, score_fusion, weighted_rrf
from index.hit import Hit
from index.thesaurus import Thesaurus, default_thesaurus
from index.store import (FORMAT_VERSION, IndexFolderError, check_replaceable, clauses_jsonl, corpus_hash, read_clauses,
                         indexed_doc_ids, read_json, read_manifest, verify_files, write_bytes, write_folder, write_json,
                         write_npy, write_npz)
from index.tokenize import TOKENIZER_KIND, MAX_QUERY_CHARS, Tokenizer, in_plan_script, make_tokenizer, normalize
from index.vectors import VectorIndex
from index.vocabulary import harvest_vocabulary

DENSE_TEXT = "section+text/v2"              # one vector per clause (dense_text, build(windows=False));
                                            # v2: table rows with their column headers
DENSE_WINDOWS = "section+windows120/v3"     # sentence windows, max cosine per clause (dense_windows): the
                                            # default of both backends (Milvus: a window collection);
                                            # v3: an untitled article's later paragraphs carry its opening
WINDOW_CHARS = 120
FILTER_KEYS = ("doc_id", "section_prefix", "kind")


class QueryError(ValueError):
    """A query or its options are malformed (wrong type, unknown filter, mode unavailable)."""


def dense_text(clause) -> str:
    """What the dense encoder sees for a clause: its innermost section title, then its text.

    A table row (kind ``table``, titled with its table's header row) is read with its column headers:
    ``指标名称：河湖水面积；目标值（2025年）：128.92平方公里`` when its cells line up with the header's,
    else the header row above the row, so that the encoder knows which column a value is in."""
    head = clause.section_path[-1] if clause.section_path else ""
    text = table_row_text(clause.title, clause.text) if getattr(clause, "kind", "") == "table" else clause.text
    return f"{head}\n{text}" if head else text


_CELL_SEP = re.compile(r"\s*[|｜]\s*")


def _cells(row: str) -> list[str]:
    return _CELL_SEP.split(row.strip().strip("|｜").strip())


def table_row_text(header: str, row: str) -> str:
    """A table row read with its column headers (see ``dense_text``); the row itself when it has no header."""
    if not header or header == row:
        return row
    heads, cells = _column_heads(header), _cells(row)
    if "|" in row or "｜" in row:
        if len(heads) == len(cells) >= 2:
            return "；".join(f"{h}：{c}" for h, c in zip(heads, cells) if c)
    return f"{header}\n{row}"


def _column_heads(header: str) -> list[str]:
    """The column headers; a header printed on two lines ("… | 类型 | 指标值" over "现状（2025年） |
    近期规划（2030年）") has its last cell split by the second: …, 类型, 指标值现状（2025年）, 指标值近期规划（2030年）."""
    top, _, sub = header.partition("\n")
    heads = _cells(top)
    return heads[:-1] + [heads[-1] + s for s in _cells(sub)] if sub else heads


_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")


def article_context(clauses) -> dict[str, str]:
    """What the later paragraphs of an untitled article speak of: its opening sentence, by clause id.

    A rule's article states its subject once ("第十五条F类人才可以选择申请保障性租赁住房和租赁补贴中
    的一种安居方式。"); the paragraphs after it ("申请保障性租赁住房的,面积为30平方米左右…") do not
    repeat it, and nothing else tells them from the same paragraph under 第十四条's E类人才. An
    article with a title of its own ("第三条租赁管理") has it in its section path already."""
    out, opening = {}, {}
    for c in clauses:
        path = tuple(c.section_path)
        if not path or not _ARTICLE.fullmatch(path[-1]) or c.kind not in ("body", "table"):
            continue
        key = (c.doc_id, path)
        if key not in opening:
            m = _ARTICLE.match(c.text)
            if m:
                lead = re.split(r"[。；;]", c.text[m.end():].strip(), maxsplit=1)[0]
                opening[key] = lead[:60]
            continue
        if opening[key]:
            out[c.clause_id] = opening[key]
    return out


def dense_windows(clause, max_chars: int = WINDOW_CHARS, context: str = "") -> list[str]:
    """What the dense encoder sees for a clause, in pieces: its text cut at sentence ends into
    windows of at most ``max_chars`` characters (``corpus.chunk``'s packing: a sentence longer
    than that is cut at commas), each with the innermost section title in front like
    ``dense_text``. A clause that short stays one window, identical to ``dense_text``.

    A clause scores its best window's cosine: a question about one sentence of a 300-character
    clause no longer meets the whole clause's averaged vector. Dev corpus (11 plans, dense
    retrieval alone): MRR .680 -> .752; hybrid ask MRR .853 -> .869 (eval/results/ in the report
    of the change). The windows partition the text, so the characters encoded grow only by the
    repeated titles (~5 %).
    """
    head = clause.section_path[-1] if clause.section_path else ""
    if context:             # an untitled article's opening, for its later paragraphs (article_context)
        head = f"{head} {context}".strip()
    text = table_row_text(clause.title, clause.text) if getattr(clause, "kind", "") == "table" else clause.text
    return [f"{head}\n{p}" if head else p for p in window_parts(text, max_chars)]


def window_parts(text: str, max_chars: int = WINDOW_CHARS) -> list[str]:
    """``text`` cut at sentence ends into windows of at most ``max_chars`` characters (one window
    when it is that short)."""
    from corpus.chunk import _pack, _units

    return (_pack(_units(text, max_chars), max_chars) or [text]) if len(text) > max_chars else [text]


def title_text(clause, context: str = "") -> str:
    """The boosted BM25 field: the section path titles and the clause's own title (and, for a
    later paragraph of an untitled article, the article's opening: ``article_context``)."""
    parts = list(clause.section_path)
    if clause.title and clause.title not in parts:
        parts.append(clause.title)
    if context:
        parts.append(context)
    return " ".join(parts)


def _resolve_encoder(encoder):
    if isinstance(encoder, str) or encoder is None:
        return get_encoder(encoder)
    if not (hasattr(encoder, "encode") and hasattr(encoder, "name") and hasattr(encoder, "dim")):
        raise EncoderError(f"not an encoder: {encoder!r} (needs name, dim and encode(texts))")
    return encoder


def _tokenizer_config(tokenize) -> dict:
    cfg = getattr(tokenize, "config", None)
    if isinstance(cfg, dict):
        return cfg
    name = getattr(tokenize, "__qualname__", None) or type(tokenize).__qualname__
    return {"kind": "custom", "name": f"{getattr(tokenize, '__module__', '?')}.{name}"}


def _strings(name: str, value) -> tuple[str, ...] | None:
    """A filter value as a tuple of strings (a single string allowed); None if absent."""
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise QueryError(f"filter {name!r} takes a string or a list of strings, got {value!r}")


def moments_of(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, covariance) of row vectors, float64 (population covariance)."""
    v = np.asarray(vectors, dtype=np.float64)
    mean = v.mean(axis=0)
    centred = v - mean
    return mean, (centred.T @ centred) / max(len(v), 1)


def refuse_other_documents(where, have: Iterable[str], clauses: Sequence) -> None:
    """Raise IndexFolderError when an index of documents ``have`` shares none with ``clauses``
    (a mistyped --index must not silently turn another plan's index into this one's)."""
    have, want = set(have), {c.doc_id for c in clauses}
    if have and want and not (have & want):
        raise IndexFolderError(
            f"{where}: holds the index of other documents ({', '.join(sorted(have))[:80]}); "
            "choose another --index folder, or rebuild it on purpose with planqa build")


def check_same_documents(folder: Path, clauses: Sequence) -> None:
    """Refuse to rebuild over an index folder whose documents share none with ``clauses``,
    also when its manifest is damaged (its clauses file then says whose it was)."""
    refuse_other_documents(folder, indexed_doc_ids(folder), clauses)


def parse_filters(filters: Mapping | None) -> tuple[frozenset | None, frozenset | None, tuple[str, ...]] | None:
    """Checked filters as (doc ids or None, kinds or None, section prefix); None when there are none.

    Every backend reads filters through this, so they accept and refuse the same ones."""
    if not filters:
        return None
    if not isinstance(filters, Mapping):
        raise QueryError(f"filters must be a dict with keys {FILTER_KEYS}, got {type(filters).__name__}")
    unknown = sorted(set(filters) - set(FILTER_KEYS))
    if unknown:
        raise QueryError(f"unknown filter key(s) {unknown}; use {list(FILTER_KEYS)}")
    docs = _strings("doc_id", filters.get("doc_id"))
    kinds = _strings("kind", filters.get("kind"))
    prefix = _strings("section_prefix", filters.get("section_prefix")) or ()
    return (None if docs is None else frozenset(docs), None if kinds is None else frozenset(kinds), prefix)


def fuse_runs(mode: str, config: RetrieverConfig, bm25_run, dense_run, k: int, clause_id,
              bm25_of, cos_of, cos_mean: float | None = None, keep_dense: int = 0) -> list[tuple[int, float]]:
    """The final top k (row, score) from the BM25 and dense runs ((row, score) lists, best first).

    Shared by every backend so they rank alike: ``clause_id(row)`` breaks ties,
    ``bm25_of(rows)`` / ``cos_of(rows)`` give the BM25 score / cosine of candidate
    rows (``cos_of`` None when the query has no vector); the fusion and its
    weights come from ``config``. ``cos_mean``: the query's mean cosine over all
    clauses, for ``config.dense_scale == "plan"`` (see ``rescale_cosines``).
    ``keep_dense`` (hybrid): the dense run's first ``keep_dense`` rows that the fusion
    ranks below k follow the top k, in fused order, with their fused scores.
    """
    if mode == "bm25":
        return list(bm25_run[:k])
    if mode == "dense":
        return list(dense_run[:k])
    if keep_dense > 0:
        fused = fuse_runs(mode, config, bm25_run, dense_run, len(bm25_run) + len(dense_run), clause_id,
                          bm25_of, cos_of, cos_mean)
        kept = {i for i, _ in dense_run[:keep_dense]}
        return fused[:k] + [(i, s) for i, s in fused[k:] if i in kept]
    if config.fusion == "score" and cos_of is not None:
        cands = list(dict.fromkeys([i for i, _ in bm25_run] + [i for i, _ in dense_run]))
        cos = cos_of(cands) if cands else np.zeros(0, np.float32)
        if config.dense_scale == "plan" and cos_mean is not None and len(cos):
            cos = rescale_cosines(cos, cos_mean, float(np.max(cos)))
        fused = score_fusion(bm25_of(cands), cos, config.bm25_weight, config.dense_weight)
        order = sorted(range(len(cands)), key=lambda j: (-fused[j], clause_id(cands[j])))
        return [(cands[j], fused[j]) for j in order[:k]]
    row_of = {clause_id(i): i for i, _ in (*bm25_run, *dense_run)}
    fused = weighted_rrf({"bm25": [clause_id(i) for i, _ in bm25_run], "dense": [clause_id(i) for i, _ in dense_run]},
                         config.weights(), k=config.rrf_k)
    return [(row_of[cid], s) for cid, s in fused[:k]]


def manifest_stale_reasons(m: Mapping, clauses: Sequence, enc, config: RetrieverConfig | None, tokenize,
                           dense_text: str = DENSE_WINDOWS) -> list[str]:
    """Why an index described by manifest ``m`` cannot serve these clauses/encoder/settings ([] = it can).
    ``dense_text``: what the backend's vectors must have been made from (DENSE_TEXT, DENSE_WINDOWS).

    The format version is the caller's to check (each backend has its own)."""
    reasons = []
    if m.get("corpus_hash") != corpus_hash(clauses):
        reasons.append("the plan's clauses changed")
    have = (m.get("encoder") or {}).get("name")
    want = enc.name if enc is not None else None
    if have != want:
        reasons.append(f"encoder {have or 'none'} != {want or 'none'}")
    if want is not None and m.get("dense_text", DENSE_TEXT) != dense_text:
        reasons.append(f"dense text {m.get('dense_text')} != {dense_text}")
    if _tokenizer_config(tokenize) != m.get("tokenizer"):
        reasons.append("tokenizer or vocabulary changed")
    if config is not None:
        old = RetrieverConfig.from_dict(m.get("config", {}))
        for f in ("k1", "b", "title_weight", "hnsw_threshold"):
            if getattr(old, f) != getattr(config, f):
                reasons.append(f"config {f} {getattr(old, f)} != {getattr(config, f)}")
    return reasons


def _manifest_config(folder, m: Mapping) -> RetrieverConfig:
    """The retriever config recorded in a manifest, or a one-line IndexFolderError for values this planqa
    does not know (``"fusion": "scord"``, a string where a number belongs)."""
    raw = m.get("config", {})
    try:
        if not isinstance(raw, Mapping):
            raise ValueError(f"config is {type(raw).__name__}, not an object")
        defaults = RetrieverConfig()
        for key, value in raw.items():
            want = type(getattr(defaults, key, None))
            ok = (isinstance(value, (int, float)) and not isinstance(value, bool) if want in (int, float)
                  else isinstance(value, want))
            if key in RetrieverConfig.__dataclass_fields__ and not ok:
                raise ValueError(f"{key} {value!r} is not a {want.__name__}")
        return RetrieverConfig.from_dict(raw)
    except (TypeError, ValueError) as exc:
        raise IndexFolderError(f"{folder}: manifest has an unknown setting ({str(exc).splitlines()[0][:120]}); "
                               f"rebuild it: planqa build --index {folder}") from None


def _manifest_choice(folder, m: Mapping, key: str, allowed: tuple) -> None:
    if m.get(key) not in allowed:
        raise IndexFolderError(f"{folder}: manifest has an unknown {key} {m.get(key)!r} (expected one of "
                               f"{', '.join(str(a) for a in allowed)}); rebuild it: planqa build --index {folder}")


def _squash(text: str) -> str:
    """NFKC, lower-case, whitespace removed (plan text is wrapped anywhere)."""
    return "".join(normalize(text).lower().split())


class Retriever:
    """Hybrid retriever over a fixed tuple of clauses.

    Use ``Retriever.build`` / ``Retriever.load`` / ``Retriever.open``; the
    constructor only wires already-built parts together.
    """

    def __init__(self, clauses: Sequence, sparse: BM25Index, dense: VectorIndex | None, encoder,
                 tokenize, config: RetrieverConfig, mode: str, info: dict | None = None,
                 encoder_name: str | None = None, thesaurus: Thesaurus | None = None,
                 window_starts: np.ndarray | None = None, dense_kind: str | None = None):
        self.clauses = tuple(clauses)
        self._plan_text: str | None = None      # squashed clause texts, for in_plan (built on first use)
        # query expansion (电动车 -> 新能源汽车): a second BM25 query at config.expansion_weight
        self.thesaurus = thesaurus if thesaurus is not None else default_thesaurus()
        self.sparse = sparse
        self.dense = dense
        self._encoder = encoder
        self.encoder_name = encoder_name or (encoder.name if encoder is not None else None)
        self.tokenize = tokenize
        self.config = config
        self.mode = mode
        self.info = dict(info or {})
        ids = [c.clause_id for c in self.clauses]
        if len(set(ids)) != len(ids):
            dup = sorted({i for i in ids if ids.count(i) > 1})[:3]
            raise ValueError(f"duplicate clause ids: {dup}")
        self._clause_ids = tuple(ids)
        self._index_of = {cid: i for i, cid in enumerate(ids)}
        self._tiebreak = np.empty(len(ids), dtype=np.int64)
        self._tiebreak[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
        self._doc_ids = np.array([c.doc_id for c in self.clauses], dtype=object)
        self._qvec_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._mask_cache: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._lock = threading.RLock()          # guards the caches and the encoder (UI threads share one retriever)
        self._max_idf = float(np.log(len(ids) + 0.5) - np.log(0.5))
        self._vec_moments = None
        # dense rows are windows (dense_windows): clause i owns rows starts[i]:starts[i+1];
        # one row per clause when None (dense_text, or an index built without windows)
        self._win_starts = self._win_owner = None
        # what the dense rows were made from (DENSE_WINDOWS / DENSE_TEXT): a window index of a plan whose
        # clauses are all one window long has one row per clause, and is still a window index
        self._dense_kind = dense_kind
        if dense is not None:
            n, n_rows = len(ids), len(dense)
            starts = np.arange(n, dtype=np.int64) if window_starts is None else np.asarray(window_starts, np.int64)
            if (starts.shape != (n,) or (window_starts is None and n_rows != n)
                    or (n and (starts[0] != 0 or np.any(np.diff(starts) < 1) or starts[-1] >= n_rows))):
                raise ValueError(f"window starts do not fit {n} clauses and {n_rows} dense vectors")
            self._win_starts = starts
            self._win_owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(np.append(starts, n_rows)))

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, clauses: Iterable, encoder=None, mode: str = "hybrid", config: RetrieverConfig | None = None,
              tokenize=None, user_dict: str | Path | None = None, cache_dir: str | Path | None = None,
              windows: bool = True) -> "Retriever":
        """Index clauses. ``encoder``: None/"none" (BM25 only), a name for ``get_encoder``, or an Encoder.

        ``windows``: embed each clause as sentence windows (``dense_windows``; a clause scores
        its best window; both backends' default) rather than as one text (``dense_text``).

        ``tokenize`` defaults to jieba + the vocabulary harvested from these
        clauses (+ ``user_dict``). Embeddings are cached under ``cache_dir``
        (default ``$PLANQA_HOME/embeddings``).
        """
        t0 = time.perf_counter()
        clauses = tuple(clauses)
        if not clauses:
            raise ValueError("cannot build an index over zero clauses")
        config = config or RetrieverConfig()
        enc = _resolve_encoder(encoder)
        mode = cls._check_mode(mode, enc is not None)
        if tokenize is None:
            tokenize = make_tokenizer(harvest_vocabulary(clauses), user_dict=user_dict)
        times = {}
        t = time.perf_counter()
        body = [tokenize(c.text) for c in clauses]
        context = article_context(clauses)
        titles = [tokenize(title_text(c, context.get(c.clause_id, ""))) for c in clauses]
        times["tokenize_s"] = time.perf_counter() - t
        t = time.perf_counter()
        sparse = BM25Index.build(body, titles, BM25Params(k1=config.k1, b=config.b, title_weight=config.title_weight))
        times["bm25_s"] = time.perf_counter() - t
        dense, hits, misses, starts = None, 0, 0, None
        if enc is not None:
            t = time.perf_counter()
            cached = CachedEncoder(enc, Path(cache_dir) if cache_dir else planqa_home() / "embeddings")
            pieces = [dense_windows(c, context=context.get(c.clause_id, "")) if windows else [dense_text(c)]
                      for c in clauses]
            starts = np.cumsum([0] + [len(p) for p in pieces[:-1]]).astype(np.int64)
            vecs = cached.encode([t for p in pieces for t in p])
            hits, misses = cached.last_hits, cached.last_misses
            times["embed_s"] = time.perf_counter() - t
            t = time.perf_counter()
            dense = VectorIndex.build(vecs, threshold=config.hnsw_threshold)
            times["faiss_s"] = time.perf_counter() - t
        times["total_s"] = time.perf_counter() - t0
        info = {
            "action": "built", "n_clauses": len(clauses), "n_terms": len(sparse.terms),
            "vocabulary_size": len(getattr(tokenize, "vocabulary", ())),
            "encoder": enc.name if enc is not None else None, "dim": enc.dim if enc is not None else None,
            "faiss_kind": dense.kind if dense is not None else None,
            "n_dense_vectors": len(dense) if dense is not None else 0,
            "embedding_cache_hits": hits, "embedding_cache_misses": misses, **times,
        }
        return cls(clauses, sparse, dense, enc, tokenize, config, mode, info, window_starts=starts,
                   dense_kind=(DENSE_WINDOWS if windows else DENSE_TEXT) if dense is not None else None)

    @staticmethod
    def _check_mode(mode: str | None, has_dense: bool) -> str:
        if mode not in MODES:
            raise QueryError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        if mode == "dense" and not has_dense:
            raise QueryError("mode 'dense' needs an encoder; this index has none")
        return mode if has_dense else "bm25"

    # ------------------------------------------------------------------ encoder
    @property
    def encoder(self):
        """The dense encoder (loaded on first use after ``load``); None for a BM25-only index."""
        if self._encoder is None and self.encoder_name:
            self._encoder = get_encoder(self.encoder_name)
        return self._encoder

    def warm_up(self) -> "Retriever":
        """Load the tokenizer's dictionary and the dense encoder now instead of on the first query."""
        self.tokenize("预热")
        if self.dense is not None:
            self.encode_queries(["预热"])
        return self

    def encode_queries(self, queries: Sequence[str]) -> np.ndarray:
        """Query vectors (L2-normalised float32), memoised in memory; for precomputing vectors."""
        enc = self.encoder
        if enc is None:
            raise QueryError("this index has no dense encoder")
        with self._lock:
            todo = [q for q in dict.fromkeys(queries) if q not in self._qvec_cache]
            # one query per call: a query's vector must not depend on which other
            # queries share its batch (BLAS sums differ in the last bits)
            for q in todo:
                self._qvec_cache[q] = np.asarray(query_vectors(enc, [q]), dtype=np.float32)[0]
            out = []
            for q in queries:
                self._qvec_cache.move_to_end(q)
                out.append(self._qvec_cache[q])
            while len(self._qvec_cache) > 512:
                self._qvec_cache.popitem(last=False)
        return np.stack(out) if out else np.zeros((0, self.dense.dim if self.dense else 0), np.float32)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors (L2-normalised float32) of texts that are not the index's own rows (a
        clause's sentences, for the re-ranker: ``assistant.sentences``), encoded under the lock
        that guards the encoder; not memoised here."""
        enc = self.encoder
        if enc is None:
            raise QueryError("this index has no dense encoder")
        texts = list(texts)
        with self._lock:
            vecs = enc.encode(texts) if texts else np.zeros((0, enc.dim), np.float32)
        return np.asarray(vecs, dtype=np.float32)

    # ------------------------------------------------------------------ search
    def search(self, query: str, k: int = 10, filters: Mapping | None = None, mode: str | None = None,
               query_vector: np.ndarray | None = None, keep_dense: int = 0) -> list[Hit]:
        """Top k hits for one query; identical to ``batch_search([query], ...)[0]``."""
        qv = None if query_vector is None else [query_vector]
        return self.batch_search([query], k=k, filters=filters, mode=mode, query_vectors=qv, keep_dense=keep_dense)[0]

    def search_vector(self, query_vector: np.ndarray, k: int = 10, filters: Mapping | None = None) -> list[Hit]:
        """Dense-only search with a precomputed query vector (no tokenizer, no encoder call)."""
        if self.dense is None:
            raise QueryError("this index has no dense vectors")
        q = np.asarray(query_vector, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.dense.dim or not np.all(np.isfinite(q)):
            raise QueryError(f"query vector must be {self.dense.dim} finite floats, got shape {q.shape}")
        k = self._check_k(k)
        allowed = self._mask(filters)
        ranked = self._dense_run(q[0], max(k, 1), allowed)[:k]
        return [self._hit(i, s, {"dense": r}, (), {"dense": s}) for r, (i, s) in enumerate(ranked, 1)]

    def batch_search(self, queries: Sequence[str], k: int = 10, filters: Mapping | None = None,
                     mode: str | None = None, query_vectors: Sequence[np.ndarray] | None = None,
                     keep_dense: int = 0) -> list[list[Hit]]:
        """Top k hits for each query. A query with no searchable content (empty, punctuation, emoji) gets [].

        ``keep_dense`` (hybrid mode): also return, after the k fused hits, those of the dense
        run's first ``keep_dense`` that the fusion ranked lower (a candidate pool for re-ranking
        then holds what either signal ranks near its top; up to k + keep_dense hits)."""
        if isinstance(queries, str):
            raise QueryError("batch_search takes a list of queries, not a single string")
        queries = list(queries)
        for q in queries:
            if not isinstance(q, str):
                raise QueryError(f"query must be a string, got {type(q).__name__}")
        k = self._check_k(k)
        mode = mode or self.mode
        if mode not in MODES:
            raise QueryError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        if mode != "bm25" and self.dense is None:
            if mode == "dense":
                raise QueryError("mode 'dense' needs an index built with an encoder")
            mode = "bm25"
        if query_vectors is not None and len(query_vectors) != len(queries):
            raise QueryError("query_vectors must have one vector per query")
        allowed = self._mask(filters)
        texts = [self.query_text(q) for q in queries]
        tokens = [self.tokenize(t) for t in texts]
        extra = [self.expansion_tokens(t, toks) for t, toks in zip(texts, tokens)]
        qvecs: list[np.ndarray | None] = [None] * len(queries)
        if mode != "bm25":
            if query_vectors is not None:
                for i, v in enumerate(query_vectors):
                    v = np.asarray(v, dtype=np.float32).reshape(-1)
                    if v.shape[0] != self.dense.dim or not np.all(np.isfinite(v)):
                        raise QueryError(f"query vector {i} must be {self.dense.dim} finite floats")
                    qvecs[i] = v
            else:
                dtexts = [self.dense_query(t) for t in texts]
                need = [t for t, toks in zip(dtexts, tokens) if toks]
                if need:
                    enc = dict(zip(need, self.encode_queries(need)))
                    qvecs = [enc.get(t) if toks else None for t, toks in zip(dtexts, tokens)]
        keep = max(0, int(keep_dense)) if mode == "hybrid" else 0
        return [self._search_one(toks, ext, qv, k, allowed, mode, keep) if toks and k else []
                for toks, ext, qv in zip(tokens, extra, qvecs)]

    def similarity_stats(self, query: str) -> tuple[float, float] | None:
        """Mean and standard deviation of the query's cosine with every dense vector (each
        clause, or each sentence window; None without dense vectors): the plan's own baseline
        for judging a top cosine (``vector_moments``)."""
        v = self.query_vector(query)
        if v is None:
            return None
        v = v.astype(np.float64)
        mean, cov = self.vector_moments()
        return float(mean @ v), float(np.sqrt(max(v @ cov @ v, 0.0)))

    def query_vector(self, query: str) -> np.ndarray | None:
        """The dense vector a query is searched with (None without dense vectors or words)."""
        if self.dense is None or self.encoder is None:
            return None
        text = self.query_text(query)
        if not text:
            return None
        return self.encode_queries([self.dense_query(text)])[0]

    def query_text(self, query: str) -> str:
        """What a query is searched as: cut to MAX_QUERY_CHARS, ``normalize``d, and in the plans'
        script (``in_plan_script``: traditional characters the plans do not print made simplified, and
        for plans printed in traditional characters, simplified ones made traditional)."""
        return in_plan_script(normalize(query[:MAX_QUERY_CHARS]).strip(), self.plan_chars())

    def plan_chars(self) -> frozenset:
        """Every character of the clauses' texts and titles (normalized)."""
        if getattr(self, "_plan_chars", None) is None:     # read on first use (MilvusRetriever too)
            self._plan_chars = frozenset().union(*(normalize(c.text + "".join(c.section_path) + (c.title or ""))
                                                   for c in self.clauses))
        return self._plan_chars

    def best_cosine(self, qvec, doc_ids=None) -> float | None:
        """The highest cosine of ``qvec`` with a clause (its best window), over the documents
        ``doc_ids`` (all when None); None when there is none."""
        if qvec is None or self.dense is None or not len(self.clauses):
            return None
        sims = self.clause_cosines(np.asarray(qvec, dtype=np.float32))
        if doc_ids is not None:
            sims = sims[np.isin(self._doc_ids, list(doc_ids))]
        return float(sims.max()) if len(sims) else None

    def dense_query(self, text: str) -> str:
        """What the dense encoder sees for a query: the text, plus its thesaurus expansion when
        ``config.dense_expansion`` (a query vector passed in by the caller is used as it is)."""
        if not self.config.dense_expansion or self.config.expansion_weight <= 0 or self.thesaurus is None:
            return text
        extra = self._expansion_text(text)
        return f"{text} {extra}" if extra else text

    def expansion_tokens(self, text: str, tokens=()) -> list[str]:
        """Tokens of the thesaurus expansion of ``text`` that the query's own ``tokens`` lack."""
        if self.config.expansion_weight <= 0 or self.thesaurus is None:
            return []
        extra = self._expansion_text(text)
        if not extra:
            return []
        own = set(tokens)
        return list(dict.fromkeys(t for t in self.tokenize(extra) if t not in own))

    def _expansion_text(self, text: str) -> str:
        """The thesaurus expansion of ``text``, gated by the plan's own wording (config.expansion_skip_used/drop_absent)."""
        cfg = self.config
        if not (cfg.expansion_skip_used or cfg.expansion_drop_absent):
            return self.thesaurus.expansion_text(text)
        return self.thesaurus.expansion_text(text, self.in_plan, skip_used=cfg.expansion_skip_used,
                                             drop_absent=cfg.expansion_drop_absent)

    def in_plan(self, phrase: str) -> bool:
        """Does ``phrase`` occur (NFKC, lower-case, spaces ignored) in the text or titles of the clauses searched?"""
        if self._plan_text is None:
            parts = []
            for c in self.clauses:
                parts.extend(c.section_path)
                parts.append(c.title)
                parts.append(c.text)
            self._plan_text = "\x1f".join(_squash(p) for p in parts)     # no match across two clauses
        p = _squash(phrase)
        return bool(p) and p in self._plan_text

    def _search_one(self, tokens, extra, qvec, k, allowed, mode, keep_dense: int = 0) -> list[Hit]:
        depth = max(k, self.config.depth)
        bm25_scores = self.sparse.scores(tokens)
        if extra:
            bm25_scores = bm25_scores + self.config.expansion_weight * self.sparse.scores(extra)
        matching = bm25_scores != 0
        if allowed is not None:
            matching &= allowed
        bm25_run = top_k(bm25_scores, np.flatnonzero(matching), depth if mode == "hybrid" else k, self._tiebreak) \
            if mode != "dense" else []
        # every clause's cosine in one product when the index is exact (flat): the run, the
        # fusion and the hit signals then read the very same numbers
        all_cos = (self.clause_cosines(qvec) if qvec is not None and self.dense is not None
                   and self.dense.kind == "flat" and mode != "bm25" else None)
        cos_of = None
        if qvec is not None and self.dense is not None:
            cos_of = (lambda cands: all_cos[cands]) if all_cos is not None else \
                (lambda cands: self.clause_cosines(qvec, cands))
        dense_run = self._dense_run(qvec, depth if mode == "hybrid" else k, allowed, all_cos) \
            if mode != "bm25" else []
        ranks: dict[int, dict] = {}
        for name, run in (("bm25", bm25_run), ("dense", dense_run)):
            for r, (i, _) in enumerate(run, 1):
                ranks.setdefault(i, {})[name] = r
        ranked = fuse_runs(mode, self.config, bm25_run, dense_run, k, self._clause_ids.__getitem__,
                           lambda cands: bm25_scores[cands], cos_of,
                           float(self.vector_moments()[0] @ qvec) if cos_of is not None else None, keep_dense)
        weights = self._term_weights(tokens)
        total = sum(weights.values())
        terms = (*weights, *extra)
        present = self.sparse.presence(terms, [i for i, _ in ranked])   # one pass for all hits
        shown_cos = cos_of([i for i, _ in ranked]) if cos_of is not None else None
        hits = []
        for col, (i, score) in enumerate(ranked):
            matched = tuple(t for t, here in zip(terms, present[:, col]) if here)
            signals = {"bm25": float(bm25_scores[i]),
                       "coverage": (sum(weights.get(t, 0.0) for t in matched) / total) if total > 0 else 0.0}
            if shown_cos is not None:
                signals["dense"] = float(shown_cos[col])
            hits.append(self._hit(i, score, ranks.get(i, {}), matched, signals))
        return hits

    def vector_moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean vector and covariance of the dense vectors (computed once): the query's mean
        cosine over all of them is q . mean and its variance q' cov q, at any corpus size.

        With windows these are the windows' moments (every sentence window of the plan, not the
        clauses' best windows, whose mean is not linear in q): the plan's baseline a best-window
        cosine is rescaled against (``rescale_cosines``) and ``similarity_stats`` reports. Measured
        on dev the exact per-clause mean ranked the same (hybrid ask MRR .869 either way)."""
        if self._vec_moments is None:
            with self._lock:
                if self._vec_moments is None:
                    self._vec_moments = moments_of(self.dense.vectors)
        return self._vec_moments

    @property
    def window_starts(self) -> np.ndarray | None:
        """Row of each clause's first dense vector (its windows run to the next clause's); None without vectors."""
        return self._win_starts

    @property
    def windowed(self) -> bool:
        """Whether a clause has several dense vectors (its sentence windows, ``dense_windows``)."""
        return self.dense is not None and len(self.dense) != len(self.clauses)

    def clause_cosines(self, qvec, rows=None) -> np.ndarray:
        """The query's cosine with each clause (its best window), for ``rows`` (all clauses when None)."""
        sims = None
        if rows is None:
            sims = self.dense.vectors @ qvec
            return np.maximum.reduceat(sims, self._win_starts) if self.windowed else sims
        rows = np.asarray(rows, dtype=np.int64)
        if not self.windowed:
            return self.dense.vectors[rows] @ qvec
        if not len(rows):
            return np.zeros(0, np.float32)
        ends = np.append(self._win_starts[1:], len(self.dense))
        lens = ends[rows] - self._win_starts[rows]
        offsets = np.cumsum(lens) - lens
        win = np.repeat(self._win_starts[rows] - offsets, lens) + np.arange(int(lens.sum()))
        return np.maximum.reduceat(self.dense.vectors[win] @ qvec, offsets)

    def window_cosines(self, query: str, clause_id: str) -> list[tuple[int, int, float]]:
        """Where in a clause the query's meaning lies: the [start, end) character span of each of the
        clause's sentence windows (``dense_windows``) in its text, with the query's cosine; [] when the
        clause is one window, the index has no windows, or the query has no words."""
        row = self._index_of.get(clause_id)
        if row is None or not self.windowed:
            return []
        start = int(self._win_starts[row])
        end = int(self._win_starts[row + 1]) if row + 1 < len(self.clauses) else len(self.dense)
        clause = self.clauses[row]
        if end - start < 2 or getattr(clause, "kind", "") == "table":
            return []
        parts = window_parts(clause.text)
        text = self.query_text(query)
        if len(parts) != end - start or not self.tokenize(text):
            return []
        spans, pos = [], 0
        for part in parts:
            at = clause.text.find(part[:8], pos)
            if at < 0:
                return []
            spans.append(at)
            pos = at + len(part)
        bounds = spans[1:] + [len(clause.text)]
        cos = self.dense.vectors[start:end] @ self.encode_queries([self.dense_query(text)])[0]
        return [(a, b, float(c)) for a, b, c in zip(spans, bounds, cos)]

    def _dense_run(self, qvec, k, allowed, cos: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The top k (clause row, cosine) by the clause's best window; ties broken by clause id.

        Exact (all windows scored) for a flat index, with a filter, or given ``cos`` (all clauses'
        cosines); over an HNSW index the windows' nearest neighbours are over-fetched and the clauses
        they belong to scored exactly."""
        if qvec is None or self.dense is None or k <= 0:
            return []
        n = len(self.clauses)
        if cos is None and self.dense.kind == "hnsw" and allowed is None:
            per = int(np.ceil(len(self.dense) / max(n, 1)))
            fetch = min(len(self.dense), (k + 16) * max(per, 1) * 2)
            scores, ids = self.dense.search(qvec.reshape(1, -1), fetch)
            rows = np.array(list(dict.fromkeys(int(self._win_owner[i]) for i in ids[0] if i >= 0)), np.int64)
            # the candidates' exact best-window cosines, as the fusion and the hit signals read them
            cos_rows = self.clause_cosines(qvec, rows)
            pairs = sorted(zip(rows.tolist(), cos_rows.tolist()), key=lambda p: (-p[1], self._tiebreak[p[0]]))
            return pairs[:k]
        if cos is None:
            cos = self.clause_cosines(qvec)
        rows = np.arange(n) if allowed is None else np.flatnonzero(allowed)
        extra = min(len(rows), k + 16)      # over-fetch so ties at the cut are broken by clause id
        if extra < len(rows):
            rows = rows[np.argpartition(-cos[rows], extra - 1)[:extra]]
        pairs = [(int(i), float(cos[i])) for i in rows]
        pairs.sort(key=lambda p: (-p[1], self._tiebreak[p[0]]))
        return pairs[:k]

    def _term_weights(self, tokens) -> dict[str, float]:
        """Unique query terms -> idf; terms the index has never seen weigh as the rarest possible term."""
        out = {}
        for t in tokens:
            if t not in out:
                w = self.sparse.idf(t) if t in self.sparse.term_ids else self._max_idf
                out[t] = max(w, 0.0)
        return out

    def _hit(self, i: int, score: float, ranks: dict, matched, signals: dict) -> Hit:
        c = self.clauses[i]
        return Hit(text=c.text, clause_id=c.clause_id, section_path=tuple(c.section_path), pages=tuple(c.pages),
                   score=float(score), doc_id=c.doc_id, title=c.title, kind=c.kind, ranks=dict(ranks),
                   matched_terms=tuple(matched), scores=dict(signals), source=c.source,
                   ocr_confidence=c.ocr_confidence)

    @staticmethod
    def _check_k(k) -> int:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
            raise QueryError(f"k must be a non-negative integer, got {k!r}")
        return int(k)

    def _mask(self, filters: Mapping | None) -> np.ndarray | None:
        key = parse_filters(filters)
        if key is None:
            return None
        docs, kinds, prefix = key
        with self._lock:
            if key in self._mask_cache:
                self._mask_cache.move_to_end(key)
                return self._mask_cache[key]
        n = len(self.clauses)
        mask = np.ones(n, dtype=bool)
        if docs is not None:
            mask &= np.fromiter((d in docs for d in self._doc_ids), dtype=bool, count=n)
        if kinds is not None:
            mask &= np.fromiter((c.kind in kinds for c in self.clauses), dtype=bool, count=n)
        if prefix:
            k = len(prefix)
            mask &= np.fromiter((tuple(c.section_path[:k]) == prefix for c in self.clauses), dtype=bool, count=n)
        mask.setflags(write=False)
        with self._lock:
            self._mask_cache[key] = mask
            while len(self._mask_cache) > 64:
                self._mask_cache.popitem(last=False)
        return mask

    # ------------------------------------------------------------------ persistence
    def manifest(self) -> dict:
        return {
            "corpus_hash": corpus_hash(self.clauses),
            "n_clauses": len(self.clauses),
            "doc_ids": sorted(set(self._doc_ids.tolist())),
            "tokenizer": _tokenizer_config(self.tokenize),
            "encoder": ({"name": self.encoder_name, "dim": self.dense.dim} if self.dense is not None else None),
            "dense_text": self._dense_text_kind(),
            "n_dense_vectors": len(self.dense) if self.dense is not None else 0,
            "faiss_kind": self.dense.kind if self.dense is not None else None,
            "config": self.config.to_dict(),
            "mode": self.mode,
            "bm25": self.sparse.meta(),
        }

    def _dense_text_kind(self) -> str | None:
        if self.dense is None:
            return None
        return self._dense_kind or (DENSE_WINDOWS if self.windowed else DENSE_TEXT)

    def save(self, folder: str | Path) -> Path:
        """Write the index folder atomically (temp dir, then rename); returns its path."""
        writers = {
            "clauses.jsonl": write_bytes(clauses_jsonl(self.clauses)),
            "terms.json": write_json(self.sparse.terms),
            "bm25.npz": write_npz(self.sparse.to_arrays()),
        }
        if isinstance(self.tokenize, Tokenizer):
            writers["vocab.json"] = write_json(list(self.tokenize.vocabulary))
        if self.dense is not None:
            import faiss

            writers["embeddings.npy"] = write_npy(self.dense.vectors)
            if self._dense_text_kind() == DENSE_WINDOWS:
                writers["windows.npy"] = write_npy(self._win_starts)
            writers["vectors.faiss"] = lambda p: faiss.write_index(self.dense.index, str(p))
        return write_folder(folder, writers, self.manifest())

    @classmethod
    def load(cls, folder: str | Path, encoder=None, tokenize=None, config: RetrieverConfig | None = None,
             mode: str | None = None) -> "Retriever":
        """Open a saved index folder; checksums are verified, so a damaged folder raises IndexFolderError.

        ``encoder`` (optional) must match the folder's encoder; by default the
        folder's encoder is loaded on the first query that needs it.
        ``tokenize`` is required only for folders built with a custom tokenizer.
        """
        t0 = time.perf_counter()
        folder = Path(folder)
        m = read_manifest(folder)
        if m.get("format_version") != FORMAT_VERSION:
            raise IndexFolderError(f"{folder}: index format version {m.get('format_version')}, this planqa reads "
                                   f"{FORMAT_VERSION}; rebuild the index")
        verify_files(folder, m)
        _manifest_choice(folder, m, "mode", MODES)
        _manifest_choice(folder, m, "faiss_kind", ("flat", "hnsw") if m.get("encoder") else (None,))
        folder_config = _manifest_config(folder, m)
        try:
            clauses = read_clauses(folder)
            if corpus_hash(clauses) != m["corpus_hash"]:
                raise IndexFolderError(f"{folder}: clauses.jsonl does not match the manifest's corpus hash")
            tok_cfg = m["tokenizer"]
            if tok_cfg.get("kind") == TOKENIZER_KIND:
                if tokenize is None:
                    tokenize = Tokenizer(read_json(folder, "vocab.json"))
                cfg = _tokenizer_config(tokenize)
                if cfg != tok_cfg:
                    raise IndexFolderError(f"{folder}: tokenizer differs from the one the index was built with "
                                           f"(vocabulary hash {str(cfg.get('vocabulary_hash'))[:12]} vs "
                                           f"{str(tok_cfg.get('vocabulary_hash'))[:12]})")
            elif tokenize is None:
                raise IndexFolderError(f"{folder}: built with a custom tokenizer ({tok_cfg.get('name')}); "
                                       "pass tokenize= to load it")
            with np.load(folder / "bm25.npz", allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            sparse = BM25Index.from_arrays(arrays, read_json(folder, "terms.json"), m["bm25"])
            if sparse.n_docs != len(clauses):
                raise IndexFolderError(f"{folder}: BM25 arrays cover {sparse.n_docs} clauses, "
                                       f"clauses.jsonl has {len(clauses)}")
            dense, enc_name, enc, starts = None, None, None, None
            if m.get("encoder"):
                enc_name = m["encoder"]["name"]
                vecs = np.load(folder / "embeddings.npy", allow_pickle=False)
                n_vec = m.get("n_dense_vectors", len(clauses))
                if vecs.shape != (n_vec, m["encoder"]["dim"]) or vecs.dtype != np.float32:
                    raise IndexFolderError(f"{folder}: embeddings.npy has shape {vecs.shape} {vecs.dtype}, expected "
                                           f"({n_vec}, {m['encoder']['dim']}) float32")
                if m.get("dense_text") == DENSE_WINDOWS:
                    starts = np.load(folder / "windows.npy", allow_pickle=False)
                    if starts.dtype != np.int64:
                        raise IndexFolderError(f"{folder}: windows.npy is {starts.dtype}, expected int64")
                elif n_vec != len(clauses):
                    raise IndexFolderError(f"{folder}: {n_vec} dense vectors for {len(clauses)} clauses")
                dense = VectorIndex.read(folder, vecs, m["faiss_kind"])
                if encoder is not None:
                    enc = _resolve_encoder(encoder)
                    if enc is not None and enc.name != enc_name:
                        raise IndexFolderError(f"{folder}: built with encoder {enc_name!r}, not {enc.name!r}")
            elif encoder is not None and _resolve_encoder(encoder) is not None:
                raise IndexFolderError(f"{folder}: built without a dense encoder")
        except IndexFolderError:
            raise
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise IndexFolderError(f"{folder}: corrupt index ({type(exc).__name__}: {exc})") from None
        config = config or folder_config
        mode = cls._check_mode(mode or m.get("mode", "hybrid"), dense is not None)
        info = {"action": "loaded", "n_clauses": len(clauses), "n_terms": len(sparse.terms),
                "vocabulary_size": m["tokenizer"].get("vocabulary_size", 0), "encoder": enc_name,
                "dim": dense.dim if dense is not None else None, "faiss_kind": m.get("faiss_kind"),
                "total_s": time.perf_counter() - t0}
        try:
            return cls(clauses, sparse, dense, enc, tokenize, config, mode, info, encoder_name=enc_name,
                       window_starts=starts, dense_kind=m.get("dense_text") if dense is not None else None)
        except ValueError as exc:
            raise IndexFolderError(f"{folder}: corrupt index ({exc})") from None

    @classmethod
    def stale_reasons(cls, folder: str | Path, clauses: Sequence, encoder=None, config: RetrieverConfig | None = None,
                      tokenize=None, user_dict: str | Path | None = None) -> list[str]:
        """Why the folder cannot serve these clauses/encoder/settings ([] = it can; raises if unreadable)."""
        m = read_manifest(folder)
        reasons = []
        if m.get("format_version") != FORMAT_VERSION:
            reasons.append(f"format version {m.get('format_version')} != {FORMAT_VERSION}")
        if tokenize is None:
            tokenize = make_tokenizer(harvest_vocabulary(clauses), user_dict=user_dict)
        if config is not None:
            _manifest_config(folder, m)          # a setting this planqa does not know: one clear error
        enc = _resolve_encoder(encoder)
        return reasons + manifest_stale_reasons(m, clauses, enc, config, tokenize, DENSE_WINDOWS)

    @classmethod
    def open(cls, folder: str | Path, clauses: Iterable, encoder=None, rebuild: bool = True, mode: str = "hybrid",
             config: RetrieverConfig | None = None, tokenize=None, user_dict: str | Path | None = None,
             cache_dir: str | Path | None = None, backend: str | None = None,
             milvus_uri: str | None = None) -> "Retriever":
        """Load ``folder`` if it was built from these clauses with this encoder, else build and save it.

        ``backend``: "memory" (this in-process engine, the default) or "milvus"
        (``index.milvus.MilvusRetriever``: milvus-lite inside ``folder``, or the
        server at ``milvus_uri`` / $PLANQA_MILVUS_URI); None reads $PLANQA_BACKEND.

        With ``rebuild=False`` a missing, stale or damaged folder raises IndexFolderError instead.
        A folder built for entirely other documents is never rebuilt over unless
        ``rebuild="replace"`` (``planqa build`` does that; ``ask``/``eval`` refuse).
        ``config`` defaults to ``RetrieverConfig()``; a folder built with other BM25
        parameters (k1, b, title_weight, hnsw_threshold) is stale, while fusion
        weights are query-time settings and are simply applied.
        ``info["action"]`` says what happened: "loaded", "built" or "rebuilt" (with ``info["reasons"]``).
        """
        if resolve_backend(backend) == "milvus":
            from index.milvus import MilvusRetriever

            return MilvusRetriever.open(folder, clauses, encoder=encoder, rebuild=rebuild, mode=mode, config=config,
                                        tokenize=tokenize, user_dict=user_dict, cache_dir=cache_dir, uri=milvus_uri)
        folder = Path(folder)
        clauses = tuple(clauses)
        enc = _resolve_encoder(encoder)
        config = config or RetrieverConfig()     # the caller's (or current default) settings win over the folder's
        if tokenize is None:
            tokenize = make_tokenizer(harvest_vocabulary(clauses), user_dict=user_dict)
        try:
            reasons = cls.stale_reasons(folder, clauses, enc, config, tokenize)
            if not reasons:
                r = cls.load(folder, encoder=enc, tokenize=tokenize, config=config,
                             mode=mode if (enc is not None or mode == "bm25") else "bm25")
                return r
            action = "rebuilt"
        except IndexFolderError as exc:
            if not rebuild:
                raise
            reasons = [str(exc)]
            action = "built" if not (folder / "manifest.json").exists() else "rebuilt"
        if not rebuild:
            raise IndexFolderError(f"{folder}: index is stale ({'; '.join(reasons)}); rebuild it (planqa build)")
        check_replaceable(folder)
        if rebuild != "replace":
            check_same_documents(folder, clauses)
        r = cls.build(clauses, encoder=enc, mode=mode, config=config, tokenize=tokenize, cache_dir=cache_dir)
        r.save(folder)
        r.info.update(action=action, reasons=reasons)
        return r
