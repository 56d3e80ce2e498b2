"""The retriever on Milvus: milvus-lite in the index folder by default, a Milvus server by URI.

``MilvusRetriever`` answers ``search`` / ``batch_search`` / ``search_vector``
with the same ``Hit``s as the in-process ``Retriever``: the project's own
tokenizer and BM25 weights are written into Milvus as sparse vectors (one
dimension per index term, value = the clause's combined body + title BM25
weight), so Milvus's inner product over a query's term counts *is* our BM25
score. Each clause is embedded as the in-process engine embeds it, as sentence
windows (``retriever.dense_windows``), one window vector a row of a window
collection (inner product, FLAT below ``RetrieverConfig.hnsw_threshold`` windows,
HNSW above); a dense search groups the windows by their clause (Milvus grouping
search, ``group_by_field="row"``), so a clause scores its best window's cosine,
as in-process. Milvus returns the candidates of each signal; the final order,
the fusion (``retriever.fuse_runs`` with the retriever's config) and the
evidence signals (coverage, matched terms) are computed here from the
candidates' scores, exactly as the in-process engine does. Why not Milvus's own BM25 (jieba analyzer): measured
in eval/milvus_bm25.py, see docs/notes/i12.md.

Two collections per build (three with an encoder), created under fresh names and
made visible by switching one alias only when complete:

    <alias>__<tag>          id (clause row), cid, clause (JSON), keys (filter tags), sparse
    <alias>__<tag>_terms    term (pk), tid, idf, onehot (Milvus needs a vector field)
    <alias>__<tag>_windows  id (window row), row (its clause row), cid, keys (its clause's), dense

Window rows carry their clause's filter tags, so filters are the same exact
expressions on both collections.

The manifest (schema version, corpus hash, tokenizer, encoder, BM25 params,
term and window collections, row counts, the window vectors' moments) is a property of the clause collection. On open,
the alias, the manifest, the schema and the row counts are checked: a stale,
half-built, dropped or altered collection is rebuilt (or refused with
``rebuild=False``), never searched.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import time
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from index.fusion import MODES, RetrieverConfig
from index.hit import Hit
from index.retriever import (DENSE_WINDOWS, QueryError, Retriever, _resolve_encoder, _tokenizer_config, fuse_runs,
                             manifest_stale_reasons, parse_filters, refuse_other_documents)
from index.store import IndexFolderError, clause_from_dict, clause_to_dict, corpus_hash
from index.tokenize import make_tokenizer
from index.vocabulary import harvest_vocabulary

SCHEMA_VERSION = 5          # 3: vector moments in the manifest (plan-scaled fusion, cosine z-scores); 4: in_plan;
                            # 5: sentence windows in a window collection (dense_windows), clause = best window
FORMAT_NAME = "planqa-milvus"
MANIFEST_KEY = "planqa.manifest"
LITE_FILE = "milvus.db"
ENV_URI = "PLANQA_MILVUS_URI"
ENV_TOKEN = "PLANQA_MILVUS_TOKEN"
ENV_COLLECTION = "PLANQA_MILVUS_COLLECTION"
MAX_CLAUSE_BYTES = 65_535        # Milvus VARCHAR limit
MAX_TERM_BYTES = 4096
MAX_KEYS = 64
INSERT_BATCH = 1000
MAX_TOPK = 16_384                # Milvus's largest search limit
OVERFETCH = 16                   # extra candidates so ties at the cut are broken by clause id, as in-process
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 128
CLAUSE_FIELDS = {"id", "cid", "clause", "keys", "sparse"}
WINDOW_FIELDS = {"id", "row", "cid", "keys", "dense"}
WINDOWS_SUFFIX, TERMS_SUFFIX = "_windows", "_terms"


class MilvusIndexError(IndexFolderError):
    """The Milvus index is missing, stale, half-built, altered, or Milvus cannot be reached."""


# ----------------------------------------------------------------------------- plain functions
def is_lite(uri: str) -> bool:
    """A local milvus-lite path (anything that is not a server URL)."""
    return not re.match(r"^(https?|tcp|grpc|unix)://", uri.strip(), re.I)


def resolve_uri(folder: str | Path, uri: str | None = None) -> str:
    """The argument, else $PLANQA_MILVUS_URI, else milvus-lite at ``folder/milvus.db``."""
    uri = uri or os.environ.get(ENV_URI) or ""
    return uri.strip() or str(Path(folder).expanduser().absolute() / LITE_FILE)


def alias_for(folder: str | Path, uri: str) -> str:
    """The alias searched: "planqa" in a lite file (one per folder); on a server one per index
    folder name (or $PLANQA_MILVUS_COLLECTION), so clients with the same corpus share it."""
    explicit = os.environ.get(ENV_COLLECTION, "").strip()
    if explicit:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,180}", explicit):
            raise MilvusIndexError(f"{ENV_COLLECTION}={explicit!r}: use letters, digits and _ (not first a digit)")
        return explicit
    if is_lite(uri):
        return "planqa"
    name = Path(folder).name
    slug = re.sub(r"[^A-Za-z0-9_]+", "_", name)[:80].strip("_")
    return f"planqa_{slug}_{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def tag(kind: str, value: str) -> str:
    """A filter tag: kind letter + 16 hex of sha256 (no quoting problems in Milvus expressions)."""
    return kind + hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def prefix_key(prefix: Sequence[str]) -> str:
    return "\x1f".join(prefix)


def clause_keys(c) -> list[str]:
    """Tags a clause is filtered by: its document, its kind, every section-path prefix."""
    path = tuple(c.section_path)
    return [tag("d", c.doc_id), tag("k", c.kind)] + [tag("s", prefix_key(path[:n])) for n in range(1, len(path) + 1)]


def filter_expr(filters: Mapping | None) -> str | None:
    """The Milvus boolean expression for the Retriever's filters (doc_id, section_prefix, kind); None = all."""
    parsed = parse_filters(filters)
    if parsed is None:
        return None
    docs, kinds, prefix = parsed
    parts = []
    for values, letter in ((docs, "d"), (kinds, "k")):
        if values is not None:
            if not values:
                return "id < 0"          # an empty list allows nothing, as in-process
            parts.append(f"array_contains_any(keys, {json.dumps(sorted(tag(letter, v) for v in values))})")
    if prefix:
        parts.append(f'array_contains(keys, "{tag("s", prefix_key(prefix))}")')
    return " and ".join(parts) if parts else None


def doc_rows(weights_terms_by_docs) -> list[dict]:
    """Sparse rows {term id: weight} per document from a terms x docs CSR matrix (weights clamped at 0:
    Milvus stores non-negative sparse values; negative BM25 idf happens only on tiny corpora)."""
    m = weights_terms_by_docs.T.tocsr()
    m.sort_indices()
    data = np.maximum(m.data, 0.0)
    out = []
    for d in range(m.shape[0]):
        s, e = m.indptr[d], m.indptr[d + 1]
        out.append({int(t): float(w) for t, w in zip(m.indices[s:e], data[s:e]) if w > 0})
    return out


# ----------------------------------------------------------------------------- connections
_lite_lock = threading.Lock()
_lite_users: dict[str, int] = {}


def connect(uri: str):
    """A MilvusClient for ``uri``; a milvus-lite path starts (or reuses) its in-process server."""
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise MilvusIndexError("backend 'milvus' needs pymilvus and milvus-lite "
                               "(pip install 'planqa[milvus]')") from exc
    kwargs = {}
    if os.environ.get(ENV_TOKEN):
        kwargs["token"] = os.environ[ENV_TOKEN]
    if is_lite(uri):
        path = str(Path(uri).expanduser().absolute())
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with _lite_lock:
            _lite_users[path] = _lite_users.get(path, 0) + 1
        try:
            return MilvusClient(uri=path, **kwargs)
        except Exception as exc:
            _release_lite(path)
            raise MilvusIndexError(f"{path}: cannot open milvus-lite ({_msg(exc)}); is another process using "
                                   "this index folder?") from None
    try:
        return MilvusClient(uri=uri, timeout=30, **kwargs)
    except Exception as exc:
        raise MilvusIndexError(f"{uri}: cannot connect to Milvus ({_msg(exc)})") from None


def _release_lite(path: str) -> None:
    with _lite_lock:
        n = _lite_users.get(path, 0) - 1
        if n > 0:
            _lite_users[path] = n
            return
        _lite_users.pop(path, None)
    try:
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(path)
    except Exception:
        pass


def _msg(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return " ".join(str(text).split())[:300]


# ----------------------------------------------------------------------------- the retriever
class _DenseInfo:
    """What ``Retriever.batch_search`` needs of a dense index: that it exists and its dimension."""

    kind = "milvus"

    def __init__(self, dim: int):
        self._dim = dim

    @property
    def dim(self) -> int:
        return self._dim


def thesaurus_wording(thesaurus) -> set[str]:
    """Every phrase and plan term of a thesaurus (what ``Retriever.in_plan`` is asked about)."""
    if thesaurus is None:
        return set()
    return {w for phrase, terms in thesaurus.entries.items() for w in (phrase, *terms)}


def encode_moments(moments) -> dict:
    """The dense (window) vectors' mean (float32) and covariance (float16) as base64 text for the manifest."""
    import base64
    mean, cov = moments
    return {"dim": int(len(mean)),
            "mean": base64.b64encode(np.asarray(mean, dtype="<f4").tobytes()).decode("ascii"),
            "cov": base64.b64encode(np.asarray(cov, dtype="<f2").tobytes()).decode("ascii")}


def decode_moments(d: dict) -> tuple[np.ndarray, np.ndarray]:
    import base64
    n = int(d["dim"])
    mean = np.frombuffer(base64.b64decode(d["mean"]), dtype="<f4").astype(np.float64)
    cov = np.frombuffer(base64.b64decode(d["cov"]), dtype="<f2").astype(np.float64).reshape(n, n)
    return mean, cov


class MilvusRetriever(Retriever):
    """``Retriever`` whose clauses, BM25 weights and vectors live in Milvus.

    Use ``MilvusRetriever.open`` (or ``Retriever.open(..., backend="milvus")``);
    ``close()`` (or ``with``) releases the connection and a milvus-lite server.
    Query parsing, thesaurus expansion, query encoding and the fusion are the
    inherited ones, so both backends rank alike.
    """

    def __init__(self, client, uri: str, collection: str, manifest: dict, tokenize, config: RetrieverConfig,
                 mode: str, encoder=None, info: dict | None = None, thesaurus=None):
        from index.thesaurus import default_thesaurus

        self.client, self.uri, self.collection, self.manifest_data = client, uri, collection, manifest
        self.terms_collection = manifest["terms_collection"]
        self.windows_collection = manifest.get("windows_collection")
        self.thesaurus = thesaurus if thesaurus is not None else default_thesaurus()
        enc = manifest.get("encoder")
        self.dense = _DenseInfo(int(enc["dim"])) if enc else None
        self.sparse = None
        self._encoder = encoder
        self.encoder_name = enc["name"] if enc else None
        self.tokenize = tokenize
        self.config = config
        self.mode = mode
        self.info = dict(info or {})
        self.n_clauses = int(manifest["n_clauses"])
        self._max_idf = float(np.log(self.n_clauses + 0.5) - np.log(0.5))
        self._qvec_cache = __import__("collections").OrderedDict()
        self._term_cache: dict[str, tuple[int, float] | None] = {}
        self._lock = threading.RLock()
        self._closed = False
        self._vec_moments = None
        self._in_plan: frozenset | None = None

    @property
    def clauses(self) -> tuple:
        """All clauses, read back from Milvus (for tools; searching never needs them)."""
        rows, step = [], 10_000          # a query returns at most 16,384 rows
        for at in range(0, self.n_clauses, step):
            rows += self._query(self.collection, f"id >= {at} and id < {at + step}", ["id", "clause"])
        rows.sort(key=lambda r: r["id"])
        return tuple(clause_from_dict(json.loads(r["clause"])) for r in rows)

    # ------------------------------------------------------------------ life cycle
    @classmethod
    def open(cls, folder: str | Path, clauses: Iterable, encoder=None, rebuild: bool = True, mode: str = "hybrid",
             config: RetrieverConfig | None = None, tokenize=None, user_dict: str | Path | None = None,
             cache_dir: str | Path | None = None, uri: str | None = None) -> "MilvusRetriever":
        """Search the alias's collection if it was built from these clauses with this encoder and
        settings and is intact; else build a new collection and switch the alias to it.
        As ``Retriever.open``: an alias built for entirely other documents is never rebuilt
        over unless ``rebuild="replace"`` (older collections, which do not record their
        documents, are rebuilt as before).

        ``info["action"]``: "loaded", "built" or "rebuilt" (with ``info["reasons"]``).
        """
        t0 = time.perf_counter()
        clauses = tuple(clauses)
        enc = _resolve_encoder(encoder)
        config = config or RetrieverConfig()
        if tokenize is None:
            tokenize = make_tokenizer(harvest_vocabulary(clauses), user_dict=user_dict)
        uri = resolve_uri(folder, uri)
        alias = alias_for(folder, uri)
        client = connect(uri)
        try:
            current, manifest, reasons = cls._inspect(client, alias)
            if manifest is not None and not reasons:
                reasons = cls._stale(manifest, clauses, enc, config, tokenize)
            if manifest is not None and not reasons:
                m = mode if (enc is not None or mode == "bm25") else "bm25"
                r = cls(client, uri, current, manifest, tokenize, config, cls._check_mode(m, enc is not None),
                        encoder=enc, info={"action": "loaded", "n_clauses": manifest["n_clauses"],
                                           "n_terms": manifest["n_terms"],
                                           "vocabulary_size": manifest["tokenizer"].get("vocabulary_size", 0),
                                           "encoder": cls._enc_name(manifest), "backend": "milvus", "uri": uri,
                                           "collection": current, "total_s": time.perf_counter() - t0})
                return r
            if not rebuild:
                raise MilvusIndexError(f"{uri} [{alias}]: index is {'stale' if manifest else 'unusable'} "
                                       f"({'; '.join(reasons)}); rebuild it (planqa build --backend milvus)")
            if manifest is not None and rebuild != "replace":     # as Retriever.open: never over another plan's
                refuse_other_documents(f"{uri} [{alias}]", manifest.get("doc_ids") or (), clauses)
            action = "built" if current is None else "rebuilt"
            r = cls.build_into(client, uri, alias, clauses, encoder=enc, mode=mode, config=config,
                               tokenize=tokenize, cache_dir=cache_dir)
            r.info.update(action=action, reasons=reasons if current is not None else [])
            return r
        except BaseException:
            cls._close_client(client, uri)
            raise

    @staticmethod
    def _enc_name(manifest):
        return (manifest.get("encoder") or {}).get("name")

    @classmethod
    def _stale(cls, m: dict, clauses, enc, config, tokenize) -> list[str]:
        reasons = []
        if m.get("schema_version") != SCHEMA_VERSION:
            reasons.append(f"schema version {m.get('schema_version')} != {SCHEMA_VERSION}")
        return reasons + manifest_stale_reasons(m, clauses, enc, config, tokenize, DENSE_WINDOWS)

    @classmethod
    def _inspect(cls, client, alias: str) -> tuple[str | None, dict | None, list[str]]:
        """(collection behind the alias, its manifest if intact, reasons it is not)."""
        try:
            if alias not in set(client.list_aliases().get("aliases", []) or []) and not client.has_collection(alias):
                return None, None, ["no index yet"]
            current = client.describe_alias(alias)["collection_name"]
        except Exception as exc:
            return None, None, [f"alias {alias}: {_msg(exc)}"]
        try:
            desc = client.describe_collection(current)
        except Exception as exc:
            return current, None, [f"collection {current} is gone ({_msg(exc)})"]
        props = desc.get("properties") or {}
        try:
            m = json.loads(props.get(MANIFEST_KEY, ""))
        except ValueError:
            return current, None, [f"collection {current} has no planqa manifest"]
        if not isinstance(m, dict) or m.get("format") != FORMAT_NAME:
            return current, None, [f"collection {current} has no planqa manifest"]
        if not m.get("complete"):
            return current, None, [f"collection {current} was never completed"]
        if m.get("schema_version") != SCHEMA_VERSION:
            return current, m, []      # stale whatever its layout: _stale says why (the schema version)
        have = {f["name"] for f in desc.get("fields", [])}
        if have != CLAUSE_FIELDS:
            return current, None, [f"collection {current} fields {sorted(have)} != {sorted(CLAUSE_FIELDS)} (altered)"]
        windows = m.get("windows_collection") if m.get("encoder") else None
        if m.get("encoder") and not windows:
            return current, None, [f"collection {current} has an encoder but no window collection"]
        try:
            if windows:
                have = {f["name"] for f in client.describe_collection(windows).get("fields", [])}
                if have != WINDOW_FIELDS:
                    return current, None, [f"window collection {windows} fields {sorted(have)} != "
                                           f"{sorted(WINDOW_FIELDS)} (altered)"]
            for name in (current, m["terms_collection"], *([windows] if windows else [])):
                client.load_collection(name)       # a server keeps it loaded; milvus-lite loads it per process
            n = cls._count(client, current)
            if n != m.get("n_clauses"):
                return current, None, [f"collection {current} holds {n} clauses, its manifest says "
                                       f"{m.get('n_clauses')} (altered)"]
            nt = cls._count(client, m["terms_collection"])
            if nt != m.get("n_terms"):
                return current, None, [f"term collection holds {nt} terms, manifest says {m.get('n_terms')}"]
            if windows:
                nw = cls._count(client, windows)
                if nw != m.get("n_windows"):
                    return current, None, [f"window collection holds {nw} windows, its manifest says "
                                           f"{m.get('n_windows')} (altered)"]
        except Exception as exc:
            return current, None, [f"collection {current} unreadable ({_msg(exc)})"]
        return current, m, []

    @staticmethod
    def _count(client, name: str) -> int:
        rows = client.query(name, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    @classmethod
    def build_into(cls, client, uri: str, alias: str, clauses: Sequence, encoder=None, mode: str = "hybrid",
                   config: RetrieverConfig | None = None, tokenize=None, cache_dir=None) -> "MilvusRetriever":
        """Build the index in memory (the same code as the in-process engine: the same sentence windows,
        the same embedding cache, so the shipped plan's shipped window vectors are reused), write it into
        new collections, check them, then point ``alias`` at them and drop the previous ones."""
        from pymilvus import DataType, MilvusClient

        t0 = time.perf_counter()
        config = config or RetrieverConfig()
        local = Retriever.build(clauses, encoder=encoder, mode=mode, config=config, tokenize=tokenize,
                                cache_dir=cache_dir, windows=True)
        sparse, dense = local.sparse, local.dense
        n = len(local.clauses)
        n_windows = len(dense) if dense is not None else 0
        stamp = f"{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}_{hashlib.sha256(os.urandom(8)).hexdigest()[:6]}"
        name, terms_name = f"{alias}__{stamp}", f"{alias}__{stamp}{TERMS_SUFFIX}"
        windows_name = f"{alias}__{stamp}{WINDOWS_SUFFIX}" if dense is not None else None
        rows = doc_rows(sparse.combined)
        n_clamped = int((sparse.combined.data <= 0).sum())   # not stored: Milvus keeps positive values
        idf = np.maximum(sparse.fields["body"]["idf"], sparse.fields.get("title", sparse.fields["body"])["idf"])
        dense_index = None
        if dense is not None:
            dense_index = "HNSW" if n_windows >= config.hnsw_threshold else "FLAT"     # as VectorIndex.build
        manifest = {
            "format": FORMAT_NAME, "schema_version": SCHEMA_VERSION, "complete": False,
            "corpus_hash": corpus_hash(local.clauses), "n_clauses": n, "n_terms": len(sparse.terms),
            "n_docs": len(set(c.doc_id for c in local.clauses)),
            "doc_ids": sorted(set(c.doc_id for c in local.clauses)),
            "tokenizer": _tokenizer_config(local.tokenize),
            "encoder": {"name": local.encoder_name, "dim": dense.dim} if dense is not None else None,
            "dense_text": DENSE_WINDOWS if dense is not None else None, "dense_index": dense_index,
            "windows_collection": windows_name, "n_windows": n_windows,
            "config": config.to_dict(), "mode": local.mode, "bm25": sparse.meta(),
            "terms_collection": terms_name, "clamped_weights": n_clamped,
            # the window vectors' moments (Retriever.vector_moments): the plan baseline of fuse_runs
            "vector_moments": encode_moments(local.vector_moments()) if dense is not None else None,
            # the thesaurus wording the plan uses itself (Retriever.in_plan gates expansion by it)
            "in_plan": sorted({p for p in thesaurus_wording(local.thesaurus) if local.in_plan(p)}),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        t_write = time.perf_counter()
        try:
            # terms: pk = the term; tid = its sparse dimension; idf for query coverage
            ts = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
            ts.add_field("term", DataType.VARCHAR, is_primary=True, max_length=MAX_TERM_BYTES)
            ts.add_field("tid", DataType.INT64)
            ts.add_field("idf", DataType.DOUBLE)
            ts.add_field("onehot", DataType.SPARSE_FLOAT_VECTOR)
            ti = client.prepare_index_params()
            ti.add_index("onehot", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
            client.create_collection(terms_name, schema=ts, index_params=ti, consistency_level="Strong")
            for term in sparse.terms:
                if len(term.encode("utf-8")) > MAX_TERM_BYTES:
                    raise MilvusIndexError(f"index term longer than {MAX_TERM_BYTES} bytes: {term[:40]!r}…")
            for s in range(0, len(sparse.terms), INSERT_BATCH * 5):
                client.insert(terms_name, [{"term": t, "tid": s + j, "idf": float(idf[s + j]), "onehot": {s + j: 1.0}}
                                           for j, t in enumerate(sparse.terms[s:s + INSERT_BATCH * 5])])
            cs = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
            cs.add_field("id", DataType.INT64, is_primary=True)
            cs.add_field("cid", DataType.VARCHAR, max_length=MAX_CLAUSE_BYTES)
            cs.add_field("clause", DataType.VARCHAR, max_length=MAX_CLAUSE_BYTES)
            cs.add_field("keys", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=MAX_KEYS, max_length=24)
            cs.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            ci = client.prepare_index_params()
            ci.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
            client.create_collection(name, schema=cs, index_params=ci, consistency_level="Strong",
                                     properties={MANIFEST_KEY: json.dumps(manifest, ensure_ascii=False)})
            if dense is not None:
                # windows: one vector a row; row = its clause's row (grouped on by a dense search)
                ws = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
                ws.add_field("id", DataType.INT64, is_primary=True)
                ws.add_field("row", DataType.INT64)
                ws.add_field("cid", DataType.VARCHAR, max_length=MAX_CLAUSE_BYTES)
                ws.add_field("keys", DataType.ARRAY, element_type=DataType.VARCHAR, max_capacity=MAX_KEYS,
                             max_length=24)
                ws.add_field("dense", DataType.FLOAT_VECTOR, dim=dense.dim)
                wi = client.prepare_index_params()
                if dense_index == "HNSW":
                    wi.add_index("dense", index_type="HNSW", metric_type="IP",
                                 params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
                else:
                    wi.add_index("dense", index_type="FLAT", metric_type="IP")
                client.create_collection(windows_name, schema=ws, index_params=wi, consistency_level="Strong")
            starts = local.window_starts
            wbatch: list[dict] = []
            batch = []
            for i, c in enumerate(local.clauses):
                text = json.dumps(clause_to_dict(c), ensure_ascii=False)
                if len(text.encode("utf-8")) > MAX_CLAUSE_BYTES:
                    raise MilvusIndexError(f"clause {c.clause_id} is longer than Milvus's {MAX_CLAUSE_BYTES}-byte "
                                           "text field; split it")
                keys = clause_keys(c)
                if len(keys) > MAX_KEYS:
                    raise MilvusIndexError(f"clause {c.clause_id}: section path deeper than {MAX_KEYS - 2} levels")
                batch.append({"id": i, "cid": c.clause_id, "clause": text, "keys": keys, "sparse": rows[i]})
                if dense is not None:
                    end = starts[i + 1] if i + 1 < n else n_windows
                    wbatch += [{"id": w, "row": i, "cid": c.clause_id, "keys": keys,
                                "dense": dense.vectors[w].tolist()} for w in range(int(starts[i]), int(end))]
                if len(batch) >= INSERT_BATCH:
                    client.insert(name, batch)
                    batch = []
                if len(wbatch) >= INSERT_BATCH:
                    client.insert(windows_name, wbatch)
                    wbatch = []
            if batch:
                client.insert(name, batch)
            if wbatch:
                client.insert(windows_name, wbatch)
            for written in (name, terms_name, *([windows_name] if windows_name else [])):
                client.flush(written)
            got, got_terms = cls._count(client, name), cls._count(client, terms_name)
            got_windows = cls._count(client, windows_name) if windows_name else 0
            if got != n or got_terms != len(sparse.terms) or got_windows != n_windows:
                raise MilvusIndexError(f"{uri}: wrote {got}/{n} clauses, {got_terms}/{len(sparse.terms)} terms and "
                                       f"{got_windows}/{n_windows} windows")
            manifest["complete"] = True
            client.alter_collection_properties(name, {MANIFEST_KEY: json.dumps(manifest, ensure_ascii=False)})
            previous = cls._switch_alias(client, alias, name)
        except BaseException as exc:
            for doomed in (name, terms_name, windows_name):
                try:
                    if doomed:
                        client.drop_collection(doomed)
                except Exception:
                    pass
            if isinstance(exc, (MilvusIndexError, KeyboardInterrupt)):
                raise
            raise MilvusIndexError(f"{uri}: building collection {name} failed ({_msg(exc)})") from None
        cls._drop_previous(client, alias, previous, keep=name)
        write_s = time.perf_counter() - t_write
        info = {k: v for k, v in local.info.items() if k != "faiss_kind"}
        info.update(action="built", backend="milvus", uri=uri, collection=name, milvus_write_s=write_s,
                    total_s=time.perf_counter() - t0)
        return cls(client, uri, name, manifest, local.tokenize, config, local.mode, encoder=local._encoder,
                   info=info, thesaurus=local.thesaurus)

    @staticmethod
    def _switch_alias(client, alias: str, name: str) -> str | None:
        """Point ``alias`` at ``name``; the collection it pointed at before (None if new)."""
        aliases = set(client.list_aliases().get("aliases", []) or [])
        if alias in aliases:
            previous = client.describe_alias(alias)["collection_name"]
            client.alter_alias(name, alias)
            return previous
        if client.has_collection(alias):
            raise MilvusIndexError(f"a collection named {alias!r} exists where planqa keeps its alias; "
                                   f"drop it or set {ENV_COLLECTION}")
        client.create_alias(name, alias)
        return None

    @classmethod
    def _drop_previous(cls, client, alias: str, previous: str | None, keep: str) -> None:
        """Drop the collection the alias left and this alias's half-built leftovers (crashed builds),
        each with its term and window collections."""
        doomed = set()
        siblings = (TERMS_SUFFIX, WINDOWS_SUFFIX)
        if previous and previous != keep:
            doomed |= {previous, *(previous + x for x in siblings)}
        try:
            for c in client.list_collections():
                if c.startswith(f"{alias}__") and c != keep and not c.endswith(siblings):
                    try:
                        m = json.loads((client.describe_collection(c).get("properties") or {}).get(MANIFEST_KEY, "{}"))
                    except ValueError:
                        m = {}
                    if not m.get("complete") and time.time() - _stamp_time(c) > 3600:
                        doomed |= {c, *(c + x for x in siblings)}
        except Exception:
            pass
        for c in sorted(doomed):
            try:
                if client.has_collection(c):
                    client.drop_collection(c)
            except Exception:
                pass

    def close(self) -> None:
        """Release the connection (and this process's milvus-lite server when nobody else uses it)."""
        if not self._closed:
            self._closed = True
            self._close_client(self.client, self.uri)

    @staticmethod
    def _close_client(client, uri: str) -> None:
        try:
            client.close()
        except Exception:
            pass
        if is_lite(uri):
            _release_lite(str(Path(uri).expanduser().absolute()))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def manifest(self) -> dict:
        return dict(self.manifest_data)

    def save(self, folder):
        raise MilvusIndexError("a Milvus index lives in Milvus; it is written by MilvusRetriever.open/build_into")

    # ------------------------------------------------------------------ search
    def _mask(self, filters: Mapping | None):
        """The filter as a Milvus expression (the base class passes it on to ``_search_one`` as ``allowed``)."""
        return filter_expr(filters)

    def _milvus(self, fn, *args, **kwargs):
        if self._closed:
            raise QueryError("this Milvus retriever is closed")
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise MilvusIndexError(f"{self.uri} [{self.collection}]: {_msg(exc)}") from None

    def _query(self, name: str, expr: str, fields: list[str]) -> list[dict]:
        return list(self._milvus(self.client.query, name, filter=expr, output_fields=fields))

    def _terms(self, terms: Iterable[str]) -> dict[str, tuple[int, float]]:
        """term -> (sparse dimension, idf) for the terms the index knows (memoised)."""
        terms = list(dict.fromkeys(terms))
        with self._lock:
            todo = [t for t in terms if t not in self._term_cache]
        if todo:
            got = {r["term"]: (int(r["tid"]), float(r["idf"]))
                   for r in self._milvus(self.client.get, self.terms_collection, ids=todo,
                                         output_fields=["term", "tid", "idf"])}
            with self._lock:
                for t in todo:
                    self._term_cache[t] = got.get(t)
                if len(self._term_cache) > 200_000:
                    self._term_cache.clear()
        with self._lock:
            return {t: self._term_cache[t] for t in terms if self._term_cache.get(t) is not None}

    def _run(self, field: str, vector, limit: int, expr: str | None) -> dict[int, tuple[float, str]]:
        """{clause row: (score, clause id)} of the clauses Milvus ranks top ``limit`` for one signal.

        "sparse": the clause collection's BM25 rows. "dense": the window collection grouped by
        clause (one hit a clause, its best window: the clause's cosine, as ``Retriever.clause_cosines``)."""
        limit = min(limit, MAX_TOPK)
        if field == "dense":
            res = self._milvus(self.client.search, self.windows_collection, data=[vector], anns_field="dense",
                               limit=limit, filter=expr or "", group_by_field="row",
                               search_params={"metric_type": "IP", "params": {"ef": max(HNSW_EF_SEARCH, limit)}},
                               output_fields=["row", "cid"])
            return {int(h["entity"]["row"]): (float(h["distance"]), h["entity"]["cid"]) for h in res[0]} if res else {}
        res = self._milvus(self.client.search, self.collection, data=[vector], anns_field=field, limit=limit,
                           filter=expr or "", search_params={"metric_type": "IP", "params": {}}, output_fields=["cid"])
        return {int(h.get("id", h.get("pk"))): (float(h["distance"]), h["entity"]["cid"]) for h in res[0]} if res else {}

    def _scores_of(self, field: str, vector, ids: list[int]) -> dict[int, float]:
        """The signal's score for given clause rows (a row the signal does not match is absent: 0 for
        BM25); "dense": each clause's best window cosine."""
        if not ids:
            return {}
        key = "row" if field == "dense" else "id"
        got = self._run(field, vector, len(ids), f"{key} in {sorted(int(i) for i in ids)}")
        return {i: s for i, (s, _) in got.items()}

    def _fetch(self, ids: list[int]) -> dict[int, dict]:
        """Clause and stored BM25 row of the hits shown (for the Hit and its matched terms)."""
        if not ids:
            return {}
        rows = self._milvus(self.client.get, self.collection, ids=ids, output_fields=["id", "clause", "sparse"])
        out = {}
        for r in rows:
            sp = r["sparse"]
            if not isinstance(sp, dict):      # some pymilvus versions return a scipy row
                coo = sp.tocoo()
                sp = dict(zip(coo.col.tolist(), coo.data.tolist()))
            out[int(r["id"])] = {"clause": json.loads(r["clause"]), "terms": {int(t) for t in sp}}
        return out

    @property
    def windowed(self) -> bool:
        """Whether a clause has several dense vectors (its sentence windows, in the window collection)."""
        return self.dense is not None and int(self.manifest_data.get("n_windows") or 0) != self.n_clauses

    @property
    def window_starts(self):
        """None: the windows live in Milvus (each window row names its clause row)."""
        return None

    def in_plan(self, phrase: str) -> bool:
        """Whether the plan uses this thesaurus wording (recorded at build time, see ``build_into``)."""
        if self._in_plan is None:
            self._in_plan = frozenset(self.manifest_data.get("in_plan") or ())
        return phrase in self._in_plan

    def vector_moments(self) -> tuple[np.ndarray, np.ndarray]:
        """The window vectors' mean and covariance (``Retriever.vector_moments``), stored in the manifest
        at build time."""
        if self._vec_moments is None:
            stored = self.manifest_data.get("vector_moments")
            if not stored:
                raise MilvusIndexError(f"{self.collection}: built without vector moments; rebuild it (planqa build)")
            self._vec_moments = decode_moments(stored)
        return self._vec_moments

    def _search_one(self, tokens, extra, qvec, k, allowed, mode, keep_dense: int = 0) -> list[Hit]:
        depth = max(k, self.config.depth)
        known = self._terms([*tokens, *extra])
        query: dict[int, float] = {}
        for t in tokens:
            if t in known:
                query[known[t][0]] = query.get(known[t][0], 0.0) + 1.0
        for t in extra:
            if t in known:
                query[known[t][0]] = query.get(known[t][0], 0.0) + self.config.expansion_weight
        query = {t: w for t, w in query.items() if w > 0}
        has_vec = qvec is not None and self.dense is not None
        qv = qvec.tolist() if has_vec else None
        n_run = depth if mode == "hybrid" else k
        got_b = self._run("sparse", query, n_run + OVERFETCH, allowed) if mode != "dense" and query else {}
        got_d = self._run("dense", qv, n_run + OVERFETCH, allowed) if mode != "bm25" and has_vec else {}
        cid = {i: c for got in (got_b, got_d) for i, (_, c) in got.items()}
        bm25 = {i: s for i, (s, _) in got_b.items()}
        cos = {i: s for i, (s, _) in got_d.items()}
        bm25_run = sorted(((i, s) for i, s in bm25.items() if s > 0), key=lambda p: (-p[1], cid[p[0]]))[:n_run]
        dense_run = sorted(cos.items(), key=lambda p: (-p[1], cid[p[0]]))[:n_run]
        if mode == "hybrid" and has_vec:      # each candidate's other signal, for the fusion
            cands = {i for i, _ in bm25_run} | {i for i, _ in dense_run}
            if query:
                bm25.update(self._scores_of("sparse", query, [i for i in cands if i not in bm25]))
            cos.update(self._scores_of("dense", qv, [i for i in cands if i not in cos]))
        ranks: dict[int, dict] = {}
        for name, run in (("bm25", bm25_run), ("dense", dense_run)):
            for r, (i, _) in enumerate(run, 1):
                ranks.setdefault(i, {})[name] = r
        ranked = fuse_runs(mode, self.config, bm25_run, dense_run, k, cid.__getitem__,
                           lambda cands: np.array([bm25.get(i, 0.0) for i in cands], dtype=np.float64),
                           (lambda cands: np.array([cos[i] for i in cands], dtype=np.float32)) if has_vec else None,
                           float(self.vector_moments()[0] @ qvec) if has_vec else None, keep_dense)
        shown = [i for i, _ in ranked]
        if query:
            bm25.update(self._scores_of("sparse", query, [i for i in shown if i not in bm25]))
        if has_vec:
            cos.update(self._scores_of("dense", qv, [i for i in shown if i not in cos]))
        rows = self._fetch(shown)
        weights = {}
        for t in tokens:
            if t not in weights:
                weights[t] = max(known[t][1], 0.0) if t in known else self._max_idf
        total = sum(weights.values())
        terms = (*weights, *extra)
        hits = []
        for i, score in ranked:
            r = rows[i]
            matched = tuple(t for t in terms if t in known and known[t][0] in r["terms"])
            signals = {"bm25": bm25.get(i, 0.0),
                       "coverage": (sum(weights.get(t, 0.0) for t in matched) / total) if total > 0 else 0.0}
            if i in cos:
                signals["dense"] = cos[i]
            hits.append(self._hit_from(r["clause"], score, ranks.get(i, {}), matched, signals))
        return hits

    @staticmethod
    def _hit_from(c: dict, score: float, ranks: dict, matched, signals: dict) -> Hit:
        return Hit(text=c["text"], clause_id=c["clause_id"], section_path=tuple(c["section_path"]),
                   pages=tuple(c["pages"]), score=float(score), doc_id=c["doc_id"], title=c["title"],
                   kind=c.get("kind", "body"), ranks=dict(ranks), matched_terms=tuple(matched), scores=dict(signals))

    def best_cosine(self, qvec, doc_ids=None) -> float | None:
        """The highest cosine of ``qvec`` with a clause's best window, over ``doc_ids`` (all when None)."""
        if qvec is None or self.dense is None:
            return None
        expr = self._mask({"doc_id": list(doc_ids)} if doc_ids is not None else None)
        got = self._run("dense", np.asarray(qvec, dtype=np.float32).tolist(), 1, expr)
        return max((s for s, _ in got.values()), default=None)

    def search_vector(self, query_vector: np.ndarray, k: int = 10, filters: Mapping | None = None) -> list[Hit]:
        """Dense-only search with a precomputed query vector (no tokenizer, no encoder call)."""
        if self.dense is None:
            raise QueryError("this index has no dense vectors")
        q = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dense.dim or not np.all(np.isfinite(q)):
            raise QueryError(f"query vector must be {self.dense.dim} finite floats, got shape {q.shape}")
        k = self._check_k(k)
        if k == 0:
            return []
        expr = self._mask(filters)
        got = self._run("dense", q.tolist(), k + OVERFETCH, expr)
        ranked = sorted(((i, s) for i, (s, _) in got.items()), key=lambda p: (-p[1], got[p[0]][1]))[:k]
        rows = self._fetch([i for i, _ in ranked])
        return [self._hit_from(rows[i]["clause"], s, {"dense": r}, (), {"dense": s})
                for r, (i, s) in enumerate(ranked, 1)]


def _stamp_time(name: str) -> float:
    """Build start time encoded in a collection name (0 if none)."""
    m = re.search(r"__(\d{14})_", name)
    if not m:
        return 0.0
    try:
        return time.mktime(time.strptime(m.group(1), "%Y%m%d%H%M%S"))
    except ValueError:
        return 0.0


__all__ = ["MilvusIndexError", "MilvusRetriever", "filter_expr", "resolve_uri", "alias_for", "MODES"]
