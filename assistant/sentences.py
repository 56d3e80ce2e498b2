"""The dense cosine of a question with a clause's best single sentence, for the re-ranker
and the abstention model.

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
(``python -m index.embcache``). A plan new to the cache is also prefetched: once it is indexed,
the chat UI (and any caller of ``PlanAssistant.prefetch_sentences``) encodes its sentences in a
background thread that pauses while a question is answered (``asking``); ``planqa build
--sentences`` encodes them with the index. Measured on 长宁 (289 clauses, 686 sentences, two
cores, a fresh ``$PLANQA_HOME``; ``eval/README.md``): its first 15 dev questions, asked 3 s apart
as a reader would, took 0.53 s each at the median without the prefetch and 0.04 s with it (the
first six as before, 0.14–1.98 s, the rest 0.03–0.05 s); asked back to back, 0.62 and 0.64 s; the
whole prefetch takes about 20 s. The abstention model reads the best sentence cosine of the
top clauses too (``assistant.evidence``: ``sent_top``).

A long sentence of a plan strings several measures together with commas, and a question about one
of them meets the whole sentence's vector. The re-ranker also reads the clause's best *part*: each
sentence cut after ，；： into phrases of at least six characters (a shorter piece joins the next;
``phrases``); ``part_cosines`` is the best cosine of a sentence or such a phrase
(dev, 153 plans, 8 groups of plans, pool hit@1 with the other features refitted: 3,117 → 3,149 of
3,545 pools; each phrase also joined with its neighbour gave 3,147 for 70 % more phrases). A plan
has about three times as many phrases as sentences, each about a third as long; they are encoded,
cached and prefetched with the sentences.

That best part is read in the plan's own *whitened* space (``part_cosines``, ``whitening``): the
question's vector and each part's less the mean of the plan's sentence windows, each direction then
scaled by the plan's spread along it (its covariance, shrunk a share ``WHITEN_SHRINK`` of the way to
the same spread in every direction: a plan has a few hundred windows for the encoder's 384
dimensions). Every part of a plan shares its topic, and the raw cosine counts that shared meaning as
much as what a part says apart from the others; whitened, what the whole plan says weighs little and
what sets a part apart weighs more. No list and no threshold: the plan's own vectors decide. Measured
on the dev pools of 153 plans (an ad hoc script over ``eval.rerank_fit`` pools with extra columns,
not kept), 8 groups of plans each re-ranked by weights fitted on the other seven, an answering clause
first in 3,149 of 3,545 pools with the raw best part; whitened in its place, shrunk 0.1, 0.3, 0.6 or
all the way (centring alone) 3,153, 3,160, 3,169 and 3,154; on the 80 plans the shipped weights are
not fitted on, fitted on the other 73, 1,486 raw against 1,495, 1,504 and 1,506 (0.1, 0.3, 0.6).
Whitened beside the raw instead of in its place, 3,160 (0.3); the whole clause's best window
whitened in place of ``dense``, 3,145. The shipped weights refitted with it (``eval/results/rerank``):
3,149 → 3,171 in eight groups of plans, 1,486 → 1,507 on the other 80. A part's
whitened unit vector is computed once and kept (a question's pool then costs a few dot products).
The sentence cosine (``best_cosines``) stays raw. The abstention model reads both over the top
clauses: the raw best sentence (``sent_top``) and the best whitened part (``part_top``;
``assistant.evidence``).

Words are read the same way (``word_cosines``): a question's informative terms against the words
of each clause of its pool, each encoded alone as a passage, so that a clause saying 承租人 meets a
question saying 租客 (cosine .969), 发票 meets 开票, 充电桩 meets 电动车. The re-ranker reads, for
each clause, how much of the question's information its words hold or nearly hold (``near_cov``).
A plan's words (about 3,000 for the shipped plan) are encoded, cached and prefetched with its
sentences.
"""
from __future__ import annotations

import contextlib
import functools
import re
import threading
import time

import numpy as np

from assistant.text import compact, sentence_spans

WHITEN_SHRINK = 0.6         # how far the plan's covariance is shrunk toward equal spread (``whitening``)
PREFETCH_BATCH = 8          # sentences encoded per turn of the lock while a plan's are prefetched
STORE_EVERY = 256           # prefetched vectors written to the embedding cache per shard
PAUSE_S = 0.02              # how often a paused prefetch looks whether the questions are done
_ONE_AT_A_TIME = threading.Semaphore(1)     # plans prefetched one after another, not side by side
_in_flight = [0]            # questions being answered in this process (``asking``)
_in_flight_lock = threading.Lock()


@contextlib.contextmanager
def asking():
    """A question being answered: while any is, in any thread of the process, a prefetch
    pauses between two batches, so that the question has the cores and the locks to itself
    (without the pause, 长宁's first five questions took 1.5–6.4 s while its sentences were
    encoded beside them, against 0.3–1.4 s with no prefetch at all)."""
    with _in_flight_lock:
        _in_flight[0] += 1
    try:
        yield
    finally:
        with _in_flight_lock:
            _in_flight[0] -= 1


def sentences(text: str) -> list[str]:
    """A clause's sentences as the re-ranker reads them (the whole text when it has none)."""
    return [s for a, b in sentence_spans(text) if (s := text[a:b].strip())] or [text]


_PHRASE_CUT = re.compile(r"(?<=[，；：,;:])")
PHRASE_MIN_CHARS = 6        # a shorter piece (首先，) joins the next


def phrases(text: str) -> list[str]:
    """A clause's phrases as the re-ranker reads them: each sentence (``sentences``; not a table
    row, read whole) cut after ，；： into pieces of at least ``PHRASE_MIN_CHARS`` characters (a
    shorter piece joins the next); none for a sentence that is one piece (it is its own best
    part). Once each, in reading order."""
    out: list[str] = []
    for sent in sentences(text):
        if " | " in sent:
            continue
        pieces, buf = [], ""
        for p in _PHRASE_CUT.split(sent):
            buf += p.strip()
            if len(buf) >= PHRASE_MIN_CHARS:
                pieces.append(buf)
                buf = ""
        if buf and pieces:
            pieces[-1] += buf
        if len(pieces) > 1:
            out += pieces
    return list(dict.fromkeys(out))


_HAN = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a text the re-ranker reads by meaning: its jieba words of two characters or
    more with a Chinese character, lower-cased, once each, in reading order."""
    from index.tokenize import tokenize
    return tuple(dict.fromkeys(w for t in tokenize(text) if len(w := compact(t).lower()) >= 2 and _HAN.search(w)))


def clause_words(clause) -> tuple[str, ...]:
    """A clause's (or a hit's) words, with those of the titles it stands under."""
    from assistant.rerank import section_titles
    return words(clause.text + " " + " ".join(section_titles(clause)))


def whitening(cov: np.ndarray, shrink: float = WHITEN_SHRINK) -> np.ndarray:
    """The symmetric map W with W S W = I, S the covariance ``cov`` shrunk a share ``shrink`` of the
    way to the same total spread in every direction (the identity when ``cov`` has no spread)."""
    cov = np.asarray(cov, dtype=np.float64)
    d = len(cov)
    spread = float(np.trace(cov)) / max(d, 1)
    if spread <= 0:
        return np.eye(d)
    values, vectors = np.linalg.eigh((1 - shrink) * cov + shrink * spread * np.eye(d))
    return (vectors * np.clip(values, spread * shrink, None) ** -0.5) @ vectors.T


def whiten(vectors: np.ndarray, mean, w: np.ndarray) -> np.ndarray:
    """The rows of ``vectors`` centred on ``mean``, mapped by ``w`` (``whitening``) and scaled to unit
    length (float32): their dot products are the whitened cosines."""
    m = (np.asarray(vectors, dtype=np.float64).reshape(-1, len(mean)) - mean) @ w
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return (m / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def clause_texts(clause) -> list[str]:
    """What the re-ranker encodes of a clause: its sentences, its phrases, then its words."""
    return [*sentences(clause.text), *phrases(clause.text), *clause_words(clause)]


class SentenceVectors:
    """Sentence vectors of one retriever's clauses, encoded on first need (see the module doc)."""

    def __init__(self, retriever, cache_dir=None):
        self.retriever = retriever
        self.cache_dir = cache_dir
        self._vecs: dict[str, np.ndarray] = {}
        self._cache = None
        self._plan: list[str] | None = None
        self._plan_words: list[str] | None = None
        self._plan_phrases: list[str] | None = None
        self._white = None          # (window mean, whitening map) of the retriever's moments
        self._white_vecs: dict[str, np.ndarray] = {}      # text -> whitened unit vector (``whiten``)
        self._lock = threading.Lock()

    def _open(self, encoder):
        """The embedding cache, and every sentence of the plan it already holds (read once; the
        caller holds the lock)."""
        if self._cache is not None:
            return
        from index.embcache import EmbeddingCache, text_key
        from index.encoders import planqa_home
        root = self.cache_dir or planqa_home() / "embeddings"
        self._cache = EmbeddingCache(root, encoder.name, encoder.dim)
        texts = self.plan_texts()
        keys = [text_key(encoder.name, t) for t in texts]
        found = self._cache.lookup(keys)
        self._vecs.update({t: found[k] for t, k in zip(texts, keys) if k in found})

    def plan_sentences(self) -> list[str]:
        """Every sentence of the plan's clauses, once each, in reading order."""
        if self._plan is None:
            self._plan = list(dict.fromkeys(s for c in self.retriever.clauses for s in sentences(c.text)))
        return self._plan

    def plan_words(self) -> list[str]:
        """Every word of the plan's clauses and titles (``words``), once each."""
        if self._plan_words is None:
            self._plan_words = list(dict.fromkeys(w for c in self.retriever.clauses for w in clause_words(c)))
        return self._plan_words

    def plan_phrases(self) -> list[str]:
        """Every phrase of the plan's clauses (``phrases``), once each, in reading order."""
        if self._plan_phrases is None:
            self._plan_phrases = list(dict.fromkeys(p for c in self.retriever.clauses for p in phrases(c.text)))
        return self._plan_phrases

    def plan_texts(self) -> list[str]:
        """What a prefetch encodes: the plan's sentences, its words, then its phrases (the
        sentences and words serve the abstention decision too; phrases only the order)."""
        return list(dict.fromkeys(self.plan_sentences() + self.plan_words() + self.plan_phrases()))

    def _encode(self, texts, encoder) -> list[str]:
        """Encode the ``texts`` not held yet (the caller holds the lock); returns them."""
        self._open(encoder)
        missing = list(dict.fromkeys(t for t in texts if t not in self._vecs))
        if missing:
            self._vecs.update(zip(missing, self.retriever.encode_passages(missing)))
        return missing

    def _store(self, texts, encoder) -> None:
        from index.embcache import text_key
        if texts:
            try:
                self._cache.store([text_key(encoder.name, t) for t in texts], np.stack([self._vecs[t] for t in texts]))
            except OSError:
                pass        # a read-only cache still gives the right vectors

    def vectors(self, texts) -> dict[str, np.ndarray]:
        """Sentence -> vector for ``texts``, encoding (and caching) those not seen before."""
        encoder = self.retriever.encoder
        if encoder is None:
            return {}
        with self._lock:
            self._store(self._encode(texts, encoder), encoder)
            return {t: self._vecs[t] for t in texts}

    def missing(self) -> int:
        """How many of the plan's sentences have no vector yet (0 without dense vectors)."""
        encoder = self.retriever.encoder
        if encoder is None:
            return 0
        with self._lock:
            self._open(encoder)
            return sum(t not in self._vecs for t in self.plan_texts())

    def prefetch(self, batch: int = PREFETCH_BATCH, stop: threading.Event | None = None, progress=None) -> int:
        """Encode every sentence of the plan not held yet, ``batch`` at a time, so that a question
        asked meanwhile waits for one batch at most and then finds its sentences ready; stored to
        the embedding cache as it goes (what a stopped run has not stored yet stays in memory
        only). One plan at a time per process; ``stop`` ends it between batches; ``progress(n)`` is
        called after each batch. Returns how many sentences were encoded."""
        encoder = self.retriever.encoder
        if encoder is None:
            return 0

        def stopped() -> bool:
            return stop is not None and stop.is_set()
        done = 0
        with _ONE_AT_A_TIME:
            with self._lock:
                self._open(encoder)
                todo = [t for t in self.plan_texts() if t not in self._vecs]
            pending: list[str] = []
            for i in range(0, len(todo), batch):
                while _in_flight[0] and not stopped():
                    time.sleep(PAUSE_S)
                if stopped():
                    break
                with self._lock:
                    new = self._encode(todo[i:i + batch], encoder)
                    pending += new
                    if len(pending) >= STORE_EVERY and not stopped():
                        self._store(pending, encoder)
                        pending = []
                done += len(new)
                if progress is not None:
                    progress(len(todo[i:i + batch]))
            with self._lock:
                if not stopped():       # stopped: its cache folder may be going away (``settle``)
                    self._store(pending, encoder)
        return done

    def settle(self) -> None:
        """Wait for a batch being encoded to end: once ``stop`` is set and this returns, a
        prefetch stores nothing more."""
        with self._lock:
            pass

    def best_cosines(self, query: str, hits) -> list[float] | None:
        """For each hit, the highest cosine of the query's vector (as searched) with one of its
        sentences (a table row: its window's, as the index read it); None without dense vectors."""
        both = self._cosines(query, hits, False)
        return None if both is None else both[0]

    def part_cosines(self, query: str, hits, parts: bool = True) -> list[float] | None:
        """For each hit, the highest whitened cosine (``whiten``) of the query with one of its
        sentences or (``parts``) phrases; None without dense vectors."""
        both = self._cosines(query, hits, True, parts)
        return None if both is None else both[1]

    def sentence_and_part_cosines(self, query: str, hits) -> tuple[list[float], list[float]] | None:
        """``best_cosines`` and ``part_cosines``, read in one pass (the re-ranker reads both); None
        without dense vectors."""
        return self._cosines(query, hits, True)

    def _cosines(self, query: str, hits, whitened: bool,
                 parts: bool = True) -> tuple[list[float], list[float] | None] | None:
        """(each hit's best sentence cosine, its best whitened sentence or phrase cosine: None
        unless ``whitened``)."""
        qvec = self.retriever.query_vector(query)
        if qvec is None or not hits:
            return None
        # a table row is one unit, read by the index with its column headers (index.retriever.
        # table_row_text): its window's cosine is its sentence's; "6 | 数字经济企业数 | 家 | 预期性 |
        # 9000左右" alone says too little to be read apart from its header. The whitened part reads a
        # row by its own vector (the index keeps no window vectors in reach of every backend).
        own = [h.scores.get("dense") if " | " in h.text else None for h in hits]
        per_hit = [sentences(h.text) for h in hits]
        more = [phrases(h.text) if parts and whitened else [] for h in hits]
        vec = self.vectors([s for ss, c in zip(per_hit, own) if c is None or whitened for s in ss]
                           + [p for ps in more for p in ps])
        sent = [float(c) if c is not None else max(float(vec[s] @ qvec) for s in ss)
                for c, ss in zip(own, per_hit)]
        if not whitened:
            return sent, None
        mean, w = self._whitening()
        white = self._whitened([t for ss, ps in zip(per_hit, more) for t in [*ss, *ps]], vec, mean, w)
        q = whiten(qvec, mean, w)[0]
        return sent, [max(float(white[t] @ q) for t in [*ss, *ps]) for ss, ps in zip(per_hit, more)]

    def _whitening(self) -> tuple[np.ndarray, np.ndarray]:
        """The plan's window mean and whitening map (``whitening``), computed once per set of moments
        (new moments also forget the whitened vectors kept)."""
        mean, cov = self.retriever.vector_moments()
        got = self._white
        if got is None or got[0] is not mean:
            with self._lock:
                got = self._white = (mean, whitening(cov))
                self._white_vecs = {}
        return got

    def _whitened(self, texts, vec: dict[str, np.ndarray], mean, w) -> dict[str, np.ndarray]:
        """Each of ``texts``' whitened unit vector (``whiten`` by ``mean`` and ``w``, the map ``_whitening``
        gave; ``vec``: their vectors), kept once computed."""
        with self._lock:
            kept = self._white_vecs
            need = [t for t in dict.fromkeys(texts) if t not in kept]
            if need:
                kept.update(zip(need, whiten(np.stack([vec[t] for t in need]), mean, w)))
            return kept

    def word_cosines(self, terms, hits) -> list[dict[str, float]] | None:
        """For each hit, each term's highest cosine with one of the hit's words (``clause_words``;
        0.0 for a hit without words); None without dense vectors."""
        terms = list(terms)
        if self.retriever.encoder is None or not hits or not terms:
            return None
        per_hit = [clause_words(h) for h in hits]
        vec = self.vectors(list(dict.fromkeys([*terms, *(w for ws in per_hit for w in ws)])))
        tv = np.stack([vec[t] for t in terms])
        out = []
        for ws in per_hit:
            best = (tv @ np.stack([vec[w] for w in ws]).T).max(axis=1) if ws else np.zeros(len(terms))
            out.append({t: float(b) for t, b in zip(terms, best)})
        return out
