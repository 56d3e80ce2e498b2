"""Okapi BM25 over a sparse term x document weight matrix.

The math is in plain functions (``bm25_idf``, ``bm25_weights``, ``top_k``);
``BM25Index`` wires them together. Scores equal ``rank_bm25.BM25Okapi`` on the
same tokens (same idf, including its epsilon floor for negative idf): every
(term, doc) weight is precomputed at build time, so a query is the sum of a
few sparse rows, fast at hundreds of thousands of clauses.

Two fields: ``body`` (the clause text) and ``title`` (section path titles and
the clause's own title), each a BM25 of its own; a document scores
``body + title_weight * title`` so "绵阳 新材料" finds the 绵阳 clause under the
新材料 section.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25       # rank_bm25's floor: negative idf -> epsilon * mean idf
    title_weight: float = 0.3   # weight of the section-path/title field


def bm25_idf(df: np.ndarray, n_docs: int, epsilon: float) -> np.ndarray:
    """rank_bm25.BM25Okapi idf: log(N - df + .5) - log(df + .5); negatives -> epsilon * mean.

    The mean is taken over terms that occur (df > 0), before flooring; terms
    with df == 0 get idf 0 (they have no postings anyway).
    """
    df = np.asarray(df, dtype=np.float64)
    idf = np.zeros_like(df)
    present = df > 0
    if not present.any():
        return idf
    raw = np.log(n_docs - df[present] + 0.5) - np.log(df[present] + 0.5)
    floor = epsilon * (raw.sum() / raw.size)
    idf[present] = np.where(raw < 0, floor, raw)
    return idf


def count_matrix(token_ids: Sequence[np.ndarray], n_terms: int) -> sp.csr_matrix:
    """Term-frequency matrix, terms x docs (CSR, sorted indices, duplicates summed)."""
    lens = np.fromiter((len(t) for t in token_ids), dtype=np.int64, count=len(token_ids))
    rows = np.concatenate(token_ids).astype(np.int64) if len(token_ids) and lens.sum() else np.zeros(0, np.int64)
    cols = np.repeat(np.arange(len(token_ids), dtype=np.int64), lens)
    m = sp.coo_matrix((np.ones(rows.size, dtype=np.float64), (rows, cols)),
                      shape=(n_terms, len(token_ids))).tocsr()
    m.sum_duplicates()
    m.sort_indices()
    return m


def bm25_weights(tf: sp.csr_matrix, doc_len: np.ndarray, idf: np.ndarray,
                 k1: float, b: float) -> sp.csr_matrix:
    """Per-(term, doc) BM25 contribution: idf * tf (k1+1) / (tf + k1 (1 - b + b dl/avgdl))."""
    n_docs = tf.shape[1]
    avgdl = float(doc_len.sum()) / n_docs if n_docs else 0.0
    w = tf.copy()
    if avgdl == 0.0 or w.nnz == 0:
        w.data[:] = 0.0
        return w
    term_of = np.repeat(np.arange(tf.shape[0]), np.diff(tf.indptr))
    f = tf.data
    norm = k1 * (1.0 - b + b * doc_len[tf.indices] / avgdl)
    w.data = idf[term_of] * (f * (k1 + 1.0) / (f + norm))
    return w


def top_k(scores: np.ndarray, candidates: np.ndarray, k: int, tiebreak: np.ndarray) -> list[tuple[int, float]]:
    """The k best candidates by score (desc), ties by ``tiebreak`` (asc); ties at the cut-off all compete."""
    if k <= 0 or candidates.size == 0:
        return []
    sc = scores[candidates]
    if candidates.size > k:
        thr = np.partition(sc, candidates.size - k)[candidates.size - k]
        keep = sc >= thr
        candidates, sc = candidates[keep], sc[keep]
    order = np.lexsort((tiebreak[candidates], -sc))[:k]
    return [(int(candidates[i]), float(sc[i])) for i in order]


def _row_add(scores: np.ndarray, m: sp.csr_matrix, tid: int, mult: float) -> None:
    s, e = m.indptr[tid], m.indptr[tid + 1]
    if s != e:
        scores[m.indices[s:e]] += mult * m.data[s:e]


class BM25Index:
    """BM25 over a body field and an optional title field, sharing one term dictionary."""

    FIELDS = ("body", "title")

    def __init__(self, terms: Sequence[str], fields: dict, params: BM25Params):
        self.terms = list(terms)
        self.term_ids = {t: i for i, t in enumerate(self.terms)}
        self.params = params
        self.fields = fields                    # name -> {"w": csr weights, "doc_len", "idf"}
        self.n_docs = fields["body"]["w"].shape[1]
        # what a query sums: body + title_weight * title, precomputed once
        w = fields["body"]["w"]
        if "title" in fields and params.title_weight:
            w = (w + params.title_weight * fields["title"]["w"]).tocsr()
            w.sort_indices()
        self.combined = w

    # ---- build ----------------------------------------------------------
    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]],
              title_token_lists: Sequence[Sequence[str]] | None = None,
              params: BM25Params | None = None) -> "BM25Index":
        """Index pre-tokenized documents (and optionally their title tokens)."""
        params = params or BM25Params()
        if not len(token_lists):
            raise ValueError("cannot build a BM25 index over zero documents")
        if title_token_lists is not None and len(title_token_lists) != len(token_lists):
            raise ValueError("title_token_lists must have one entry per document")
        vocab: dict[str, int] = {}
        def ids(toks):
            return np.fromiter((vocab.setdefault(t, len(vocab)) for t in toks), dtype=np.int64)
        body_ids = [ids(t) for t in token_lists]
        title_ids = [ids(t) for t in title_token_lists] if title_token_lists is not None else None
        terms = [None] * len(vocab)
        for t, i in vocab.items():
            terms[i] = t
        fields = {"body": cls._field(body_ids, len(terms), params)}
        if title_ids is not None:
            fields["title"] = cls._field(title_ids, len(terms), params)
        return cls(terms, fields, params)

    @staticmethod
    def _field(token_ids, n_terms, params) -> dict:
        tf = count_matrix(token_ids, n_terms)
        doc_len = np.fromiter((len(t) for t in token_ids), dtype=np.float64, count=len(token_ids))
        df = np.diff(tf.indptr)
        idf = bm25_idf(df, tf.shape[1], params.epsilon)
        return {"w": bm25_weights(tf, doc_len, idf, params.k1, params.b), "doc_len": doc_len, "idf": idf}

    # ---- query ----------------------------------------------------------
    def query_counts(self, tokens: Iterable[str]) -> list[tuple[int, int]]:
        """Known query terms with multiplicity (rank_bm25 sums repeated query terms)."""
        c = Counter(self.term_ids[t] for t in tokens if t in self.term_ids)
        return sorted(c.items())

    def field_scores(self, tokens: Iterable[str], field: str = "body") -> np.ndarray:
        """Dense score vector of one field (== rank_bm25 get_scores for ``body``)."""
        scores = np.zeros(self.n_docs)
        m = self.fields[field]["w"]
        for tid, cnt in self.query_counts(tokens):
            _row_add(scores, m, tid, float(cnt))
        return scores

    def scores(self, tokens: Iterable[str]) -> np.ndarray:
        """Combined score of every document: body + title_weight * title (0 where no term matches).

        One C-level pass over the query terms' postings: the query's rows are
        sliced out of the term x doc matrix and multiplied by the term counts.
        """
        counts = self.query_counts(tokens)
        if not counts:
            return np.zeros(self.n_docs)
        tids = np.fromiter((t for t, _ in counts), dtype=np.int64, count=len(counts))
        mult = np.fromiter((c for _, c in counts), dtype=np.float64, count=len(counts))
        return np.asarray(self.combined[tids].T @ mult, dtype=np.float64).reshape(-1)

    def search_tokens(self, tokens: Sequence[str], k: int = 10, allowed: np.ndarray | None = None,
                      tiebreak: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top k (doc index, score) for a tokenized query; ``allowed`` is a boolean doc mask."""
        scores = self.scores(tokens)
        cands = np.flatnonzero(scores if allowed is None else (scores != 0) & allowed)
        tb = tiebreak if tiebreak is not None else np.arange(self.n_docs)
        return top_k(scores, cands, k, tb)

    def presence(self, terms: Sequence[str], docs: Sequence[int]) -> np.ndarray:
        """Boolean [len(terms), len(docs)]: does doc j contain term i in any field.

        One binary search of each term's (sorted) posting row for all ``docs``
        at once, so the cost grows with len(docs), not with how common a term is.
        """
        docs = np.asarray(docs, dtype=np.int64)
        out = np.zeros((len(terms), docs.size), dtype=bool)
        for i, term in enumerate(terms):
            tid = self.term_ids.get(term)
            if tid is None or docs.size == 0:
                continue
            for f in self.fields.values():
                m = f["w"]
                row = m.indices[m.indptr[tid]:m.indptr[tid + 1]]
                if row.size:
                    j = np.minimum(np.searchsorted(row, docs), row.size - 1)
                    out[i] |= row[j] == docs
        return out

    def has_term(self, term: str, doc: int) -> bool:
        return bool(self.presence([term], [doc])[0, 0])

    def idf(self, term: str) -> float:
        """Body idf of a term (0 if unknown); used for query-coverage confidence."""
        tid = self.term_ids.get(term)
        if tid is None:
            return 0.0
        return float(max(self.fields["body"]["idf"][tid], self.fields.get("title", self.fields["body"])["idf"][tid]))

    # ---- persistence (plain arrays; no pickle) --------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        out = {}
        for name, f in self.fields.items():
            m = f["w"]
            out[f"{name}_data"] = m.data
            out[f"{name}_indices"] = m.indices
            out[f"{name}_indptr"] = m.indptr
            out[f"{name}_doc_len"] = f["doc_len"]
            out[f"{name}_idf"] = f["idf"]
        return out

    def meta(self) -> dict:
        return {"params": asdict(self.params), "n_docs": self.n_docs, "n_terms": len(self.terms),
                "fields": sorted(self.fields)}

    @classmethod
    def from_arrays(cls, arrays, terms: Sequence[str], meta: dict) -> "BM25Index":
        params = BM25Params(**meta["params"])
        n_docs, n_terms = int(meta["n_docs"]), len(terms)
        if n_terms != int(meta["n_terms"]):
            raise ValueError(f"term list has {n_terms} terms, manifest says {meta['n_terms']}")
        fields = {}
        for name in meta["fields"]:
            m = sp.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]),
                              shape=(n_terms, n_docs))
            m.check_format(full_check=False)
            fields[name] = {"w": m, "doc_len": arrays[f"{name}_doc_len"], "idf": arrays[f"{name}_idf"]}
        return cls(terms, fields, params)
