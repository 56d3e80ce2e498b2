"""Sentence vectors for the re-ranker and the abstention model (assistant/sentences.py):
encoded on need or ahead of the questions, kept in the embedding cache (a fake encoder: no model)."""
from __future__ import annotations

import threading

import numpy as np
import pytest

import corpus
from assistant import PlanAssistant
from assistant.sentences import (WHITEN_SHRINK, SentenceVectors, asking, clause_texts, phrases, sentences,
                                 whiten, whitening, words)
from index import Retriever


class CountingEncoder:
    """Deterministic stand-in: hashed character bigrams, L2-normalised; remembers what it encoded."""

    name = "fake-sentences-64"
    dim = 64

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        out = np.full((len(texts), self.dim), 1e-3, np.float32)
        for r, t in enumerate(texts):
            for a, b in zip(t, t[1:] + " "):
                out[r, (ord(a) * 31 + ord(b)) % self.dim] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def plan():
    return corpus.load_shipped()[0]


@pytest.fixture()
def retriever(plan, tmp_path):
    return Retriever.build(plan.clauses[:60], encoder=CountingEncoder(), cache_dir=tmp_path / "index-emb")


def shards(folder) -> list:
    return sorted(folder.rglob("*.npy")) if folder.exists() else []


def test_prefetch_encodes_each_sentence_and_word_once_and_a_later_reader_encodes_none(retriever, tmp_path):
    every = {t for c in retriever.clauses for t in clause_texts(c)}
    assert len(every) > len({s for c in retriever.clauses for s in sentences(c.text)}) + 300     # the words
    sv = SentenceVectors(retriever, cache_dir=tmp_path / "emb")
    assert sv.missing() == len(every) > 60
    retriever.encoder.seen.clear()
    calls: list[int] = []
    assert sv.prefetch(batch=7, progress=calls.append) == len(every)
    assert sorted(retriever.encoder.seen) == sorted(every)          # each once
    assert sum(calls) == len(every) and max(calls) == 7
    assert sv.missing() == 0 and shards(tmp_path / "emb")
    hits = retriever.search("人工智能", k=5, mode="hybrid")
    first = sv.best_cosines("人工智能", hits)
    retriever.encoder.seen.clear()
    later = SentenceVectors(retriever, cache_dir=tmp_path / "emb")   # another process, the same cache
    assert later.missing() == 0 and later.prefetch() == 0
    assert later.best_cosines("人工智能", hits) == first
    near = later.word_cosines(["人工智能", "产业"], hits)
    assert retriever.encoder.seen == []
    # a term a clause's words hold has cosine 1 with that clause
    assert all(n["产业"] == pytest.approx(1.0, abs=1e-5) for h, n in zip(hits, near) if "产业" in words(h.text))


def test_a_clauses_phrases_are_its_sentences_cut_at_commas(plan):
    got = phrases("首先，加快建设充电桩，推进新能源汽车产业发展；建设5G基站。到2025年建成一批国际先进水平的示范工厂。")
    # the short lead (首先，) joins the next piece; the one-piece sentence (到2025年…) has none
    assert got == ["首先，加快建设充电桩，", "推进新能源汽车产业发展；", "建设5G基站。"]
    assert phrases("到2025年建成示范工厂。") == [] and phrases("6 | 数字经济企业数 | 家 | 预期性 | 9000左右") == []
    # on the shipped plan: their clause's text (less the spaces at a cut), about three times as many as its sentences
    clauses = [c for c in plan.clauses if c.kind != "heading"]
    every = [(c, p) for c in clauses for p in phrases(c.text)]
    assert all(p.replace(" ", "") in c.text.replace(" ", "") for c, p in every)
    n_sent = len({s for c in clauses for s in sentences(c.text)})
    assert 2 * n_sent < len({p for _, p in every}) < 4 * n_sent


def test_whitening_maps_the_shrunk_covariance_to_equal_spread_in_every_direction(retriever):
    mean, cov = retriever.vector_moments()
    d = len(mean)
    spread = np.trace(cov) / d
    for shrink in (0.0, WHITEN_SHRINK, 1.0):
        w = whitening(cov + 1e-6 * np.eye(d), shrink)
        target = (1 - shrink) * (cov + 1e-6 * np.eye(d)) + shrink * (spread + 1e-6) * np.eye(d)
        assert np.allclose(w @ target @ w, np.eye(d), atol=1e-6) and np.allclose(w, w.T)
    assert np.array_equal(whitening(np.zeros((4, 4))), np.eye(4))       # one window: no spread to scale
    # whitened, every direction weighs the same: the plan's own windows no longer share one direction
    v = retriever.dense.vectors.astype(np.float64)
    w = whitening(cov)
    raw = v @ v.T
    white = whiten(v[:40], mean, w) @ whiten(v, mean, w).T
    assert np.median(white[:, :40][~np.eye(40, dtype=bool)]) < np.median(raw[:40, :40][~np.eye(40, dtype=bool)]) - 0.2


def test_part_cosines_are_the_best_whitened_cosine_of_a_clauses_sentences_and_phrases(retriever, tmp_path):
    sv = SentenceVectors(retriever, cache_dir=tmp_path / "emb")
    hits = [h for h in retriever.search("人工智能", k=8, mode="hybrid") if phrases(h.text)]
    assert hits
    part, alone = sv.part_cosines("人工智能", hits), sv.part_cosines("人工智能", hits, parts=False)
    assert all(p >= s - 1e-9 for s, p in zip(alone, part)) and any(p > s + 1e-4 for s, p in zip(alone, part))
    sent, both = sv.sentence_and_part_cosines("人工智能", hits)
    assert both == part and sent == sv.best_cosines("人工智能", hits)
    # by hand: the query and each part less the plan's window mean, through the plan's whitening map
    mean, cov = retriever.vector_moments()
    w = whitening(cov)
    q = (retriever.query_vector("人工智能").astype(np.float64) - mean) @ w
    for h, got in zip(hits, part):
        texts = sentences(h.text) + phrases(h.text)
        m = (np.stack([sv.vectors(texts)[t] for t in texts]).astype(np.float64) - mean) @ w
        assert got == pytest.approx(max(m @ q / np.linalg.norm(m, axis=1) / np.linalg.norm(q)))


def test_a_clauses_words_are_its_chinese_words_of_two_characters_or_more_once_each():
    got = words("加快建设充电桩，推进新能源汽车产业发展；建设5G基站和充电桩。")
    assert "充电桩" in got and "建设" in got and got.count("充电桩") == 1
    assert all(len(w) >= 2 for w in got) and "，" not in "".join(got) and "和" not in got
    assert words("ＡＢ 123 ，。") == ()


def test_a_stopped_prefetch_ends_between_batches_and_stores_nothing_more(retriever, tmp_path):
    stop = threading.Event()
    sv = SentenceVectors(retriever, cache_dir=tmp_path / "emb")
    total = sv.missing()
    assert sv.prefetch(batch=5, stop=stop, progress=lambda n: stop.set()) == 5    # stopped after one batch
    assert sv.missing() == total - 5                  # kept in memory for this reader's questions
    sv.settle()
    assert shards(tmp_path / "emb") == []             # the folder may be on its way out: not written
    assert SentenceVectors(retriever, cache_dir=tmp_path / "emb").missing() == total


def test_a_prefetch_waits_while_a_question_is_answered(retriever, tmp_path):
    sv = SentenceVectors(retriever, cache_dir=tmp_path / "emb")
    total = sv.missing()
    with asking():                                    # a question in flight, in another thread
        thread = threading.Thread(target=sv.prefetch, daemon=True)
        thread.start()
        thread.join(0.3)
        assert thread.is_alive() and sv.missing() == total
    thread.join()
    assert sv.missing() == 0


def test_the_assistant_prefetches_in_the_background_until_closed(plan, tmp_path):
    pa = PlanAssistant(documents=[plan], encoder=CountingEncoder(), index_dir=tmp_path / "idx")
    thread = pa.prefetch_sentences()
    assert thread is not None and thread.daemon and pa.prefetch_sentences() is thread      # one per assistant
    thread.join()
    assert pa.encode_sentences() == 0                 # nothing left to encode
    seen = len(pa.retriever.encoder.seen)
    assert {"sent_top", "part_top"} <= pa.ask("人工智能产业的发展重点是什么？").evidence.keys()    # the decision reads them
    pa.close()
    assert pa.prefetch_sentences() is None                 # closed: no more background work
    assert "sent_top" in pa.ask("新材料产业包括哪些领域？").evidence           # questions still read them
    assert len(pa.retriever.encoder.seen) == seen + 2       # two query vectors, no sentence


def test_bm25_only_has_no_sentences_to_encode(plan, tmp_path):
    pa = PlanAssistant(documents=[plan], encoder="none", index_dir=tmp_path / "idx")
    assert pa.prefetch_sentences() is None and pa.encode_sentences() == 0
    assert not {"sent_top", "part_top"} & pa.ask("人工智能产业的发展重点是什么？").evidence.keys()


@pytest.mark.slow
def test_the_decision_reads_the_best_whitened_part_of_the_top_clauses_with_the_real_encoder():
    pa = PlanAssistant(index_dir=None)              # the shipped plan, default (e5) encoder
    sv = SentenceVectors(pa.retriever)
    got = {}
    for q in ("页岩气开发有什么安排？", "红烧肉怎么做才好吃？"):
        ans = pa.ask(q)
        hits = pa.retriever.search(ans.resolved_query, k=pa.config.retrieve_pool, mode="hybrid")
        top = hits[:pa.config.abstain_top_n]
        got[q] = ans.evidence["part_top"]
        assert got[q] == pytest.approx(max(sv.part_cosines(ans.resolved_query, top)), abs=1e-4)
        assert ans.evidence["sent_top"] == pytest.approx(max(sv.best_cosines(ans.resolved_query, top)), abs=1e-4)
    # whitened, what every clause of the plan shares counts little: a question the plan answers meets one
    # part far above one it never covers
    assert got["页岩气开发有什么安排？"] > got["红烧肉怎么做才好吃？"] + 0.2
