"""The dense cosine of a question with a clause's best single sentence, for the re-ranker.

The index scores a clause by its best sentence window (up to 120 characters, read with its
section title: ``index.retriever.dense_windows``). A question about one sentence of a window
that holds two or three meets their averaged vector; the re-ranker also reads the cosine of the
clause's best sentence alone (``assistant.text.sentence_spans``, no title in front), which
``eval/sentence_probe.py`` measured on the dev split of 66 plans (8 folds of plans): pool hit@1
.883 -> .892, higher on 21 plans and lower on 10. A table row is read as one unit, with its
column headers, as the index reads it (its window's cosine).

Sentence vectors are not part of the index (a plan's sentences cost about as much again to
encode as the plan, which would double a build). They are encoded when a question's pool first
needs them, kept in memory, and stored in the embedding cache (``$PLANQA_HOME/embeddings``),
so a plan's later questions and later runs find them; the shipped plan's ship with the package
(``python -m index.embcache``). A plan's first questions therefore take longer while its pools'
sentences are encoded (长宁, new to the cache: 0.78 s a question at the median over its first 15
dev questions, at most 1.9 s, on two cores); the shipped plan needs none.
"""
from __future__ import annotations

import threading

import numpy as np

from assistant.text import sentence_spans


def sentences(text: str) -> list[str]:
    """A clause's sentences as the re-ranker reads them (the whole text when it has none)."""
    return [s for a, b in sentence_spans(text) if (s := text[a:b].strip())] or [text]


class SentenceVectors:
    """Sentence vectors of one retriever's clauses, encoded on first need (see the module doc)."""

    def __init__(self, retriever, cache_dir=None):
        self.retriever = retriever
        self.cache_dir = cache_dir
        self._vecs: dict[str, np.ndarray] = {}
        self._cache = None
        self._lock = threading.Lock()

    def _open(self, encoder):
        """The embedding cache, and every sentence of the plan it already holds (read once)."""
        from index.embcache import EmbeddingCache, text_key
        from index.encoders import planqa_home
        root = self.cache_dir or planqa_home() / "embeddings"
        self._cache = EmbeddingCache(root, encoder.name, encoder.dim)
        texts = list(dict.fromkeys(s for c in self.retriever.clauses for s in sentences(c.text)))
        keys = [text_key(encoder.name, t) for t in texts]
        found = self._cache.lookup(keys)
        self._vecs.update({t: found[k] for t, k in zip(texts, keys) if k in found})

    def vectors(self, texts) -> dict[str, np.ndarray]:
        """Sentence -> vector for ``texts``, encoding (and caching) those not seen before."""
        encoder = self.retriever.encoder
        if encoder is None:
            return {}
        with self._lock:
            if self._cache is None:
                self._open(encoder)
            missing = list(dict.fromkeys(t for t in texts if t not in self._vecs))
            if missing:
                from index.embcache import text_key
                vecs = self.retriever.encode_passages(missing)
                self._vecs.update(zip(missing, vecs))
                try:
                    self._cache.store([text_key(encoder.name, t) for t in missing], vecs)
                except OSError:
                    pass        # a read-only cache still gives the right vectors
            return {t: self._vecs[t] for t in texts}

    def best_cosines(self, query: str, hits) -> list[float] | None:
        """For each hit, the highest cosine of the query's vector (as searched) with one of its
        sentences; None without dense vectors."""
        qvec = self.retriever.query_vector(query)
        if qvec is None or not hits:
            return None
        # a table row is one unit, read by the index with its column headers (index.retriever.
        # table_row_text): its window's cosine is its sentence's; "6 | 数字经济企业数 | 家 | 预期性 |
        # 9000左右" alone says too little to be read apart from its header
        own = [h.scores.get("dense") if " | " in h.text else None for h in hits]
        per_hit = [sentences(h.text) if c is None else [] for h, c in zip(hits, own)]
        vec = self.vectors([s for ss in per_hit for s in ss])
        return [float(c) if c is not None else max(float(vec[s] @ qvec) for s in ss)
                for c, ss in zip(own, per_hit)]
