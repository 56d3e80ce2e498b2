"""The Milvus backend against milvus-lite (a real engine, in-process, files under tmp_path):
same hits as the in-process engine on the shipped plan, same filters, and the index life cycle
(alias switched only when complete; stale, dropped or altered collections are not trusted).

Tests against a Milvus server run only when PLANQA_MILVUS_URI is set (see test_server_parity).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

import corpus  # noqa: E402
from index import IndexFolderError, QueryError, Retriever  # noqa: E402
from index.backends import BackendError, resolve_backend  # noqa: E402
from index.milvus import (MANIFEST_KEY, MilvusIndexError, MilvusRetriever, alias_for, filter_expr,  # noqa: E402
                          resolve_uri)
from tests.conftest import REPO  # noqa: E402
from tests.test_index_retriever import FakeEncoder  # noqa: E402

QUESTIONS = [json.loads(line)["question"] for line in
             (REPO / "eval" / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def clauses():
    return tuple(c for d in corpus.load_shipped() for c in d.clauses)


@pytest.fixture(scope="module")
def memory(clauses, tmp_path_factory):
    # the in-process default: sentence windows, a clause scores its best window (Milvus: its window collection)
    return Retriever.build(clauses, encoder=FakeEncoder(), cache_dir=tmp_path_factory.mktemp("emb"))


@pytest.fixture(scope="module")
def milvus(clauses, tmp_path_factory):
    folder = tmp_path_factory.mktemp("milvus-idx")
    r = MilvusRetriever.open(folder, clauses, encoder=FakeEncoder(), cache_dir=tmp_path_factory.mktemp("emb2"))
    yield r
    r.close()


def _key(hits):
    return [(h.clause_id, h.matched_terms, tuple(sorted(h.ranks.items()))) for h in hits]


def _same(a, b):
    assert _key(a) == _key(b)
    for x, y in zip(a, b):
        assert x.text == y.text and x.section_path == y.section_path and x.pages == y.pages
        assert (x.doc_id, x.title, x.kind) == (y.doc_id, y.title, y.kind)
        assert x.score == pytest.approx(y.score, rel=1e-5, abs=1e-6)
        assert set(x.scores) == set(y.scores)
        for s in x.scores:
            assert x.scores[s] == pytest.approx(y.scores[s], rel=1e-5, abs=1e-6)


def test_milvus_holds_the_in_process_windows_and_their_moments(memory, milvus):
    assert memory.windowed and milvus.windowed
    m = milvus.manifest()
    assert m["dense_text"] == memory.manifest()["dense_text"] == "section+windows120/v3"
    assert m["n_windows"] == len(memory.dense) > m["n_clauses"] == len(memory.clauses)
    assert MilvusRetriever._count(milvus.client, milvus.windows_collection) == len(memory.dense)
    rows = milvus.client.query(milvus.windows_collection, filter="row == 5", output_fields=["id", "row", "dense"])
    lo, hi = memory.window_starts[5], memory.window_starts[6]
    assert sorted(int(r["id"]) for r in rows) == list(range(lo, hi))
    for r in rows:
        np.testing.assert_allclose(r["dense"], memory.dense.vectors[int(r["id"])], atol=1e-7)
    mean, cov = milvus.vector_moments()
    want_mean, want_cov = memory.vector_moments()      # over every window vector, not one per clause
    np.testing.assert_allclose(mean, want_mean, atol=1e-6)
    np.testing.assert_allclose(cov, want_cov, atol=1e-3)
    q = memory.encode_queries(["大数据产业发展"])[0]
    want = memory.clause_cosines(q, [5, 40, 100])
    got = milvus._scores_of("dense", q.tolist(), [5, 40, 100])
    assert [got[i] for i in (5, 40, 100)] == pytest.approx(want.tolist(), abs=1e-6)


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_same_hits_as_in_process_on_dev_questions(memory, milvus, mode):
    assert milvus.info["backend"] == "milvus"
    for q in QUESTIONS[:60]:
        _same(memory.search(q, k=10, mode=mode), milvus.search(q, k=10, mode=mode))


def test_keep_dense_pools_match_in_process(memory, milvus):
    widened = 0
    for q in QUESTIONS[:30]:
        want = memory.search(q, k=6, mode="hybrid", keep_dense=6)
        _same(want, milvus.search(q, k=6, mode="hybrid", keep_dense=6))
        widened += len(want) > 6
    assert widened      # some question's dense tops lie below the fused top 6


def test_rrf_fusion_follows_the_retrievers_config(memory, milvus):
    from dataclasses import replace

    cfg = replace(memory.config, fusion="rrf", dense_weight=0.5)
    memory.config, milvus.config = cfg, cfg
    try:
        for q in QUESTIONS[:20]:
            _same(memory.search(q, k=8, mode="hybrid"), milvus.search(q, k=8, mode="hybrid"))
    finally:
        memory.config = milvus.config = replace(cfg, fusion="score", dense_weight=0.05)


def test_filters_match_in_process(memory, milvus, clauses):
    sec = clauses[60].section_path
    doc = clauses[0].doc_id
    cases = [{"doc_id": doc}, {"doc_id": [doc, "nope"]}, {"kind": "body"}, {"kind": ["glossary", "project"]},
             {"section_prefix": sec[:1]}, {"section_prefix": list(sec[:2])}, {"doc_id": doc, "section_prefix": sec[:1]},
             {"doc_id": "no-such-plan"}, {"doc_id": []}, {"section_prefix": ()}]
    for f in cases:
        for q in ("新材料产业", "绵阳", "大数据 发展"):
            for mode in ("dense", "hybrid"):       # dense: the window collection filtered by the clause's tags
                a, b = memory.search(q, k=20, mode=mode, filters=f), milvus.search(q, k=20, mode=mode, filters=f)
                _same(a, b)
    assert milvus.search("新材料", k=5, filters={"doc_id": "no-such-plan"}) == []
    within = milvus.search("发展", k=50, filters={"section_prefix": sec[:1]})
    assert within and all(h.section_path[:1] == sec[:1] for h in within)


def test_bad_filters_and_queries_raise_like_in_process(milvus):
    with pytest.raises(QueryError):
        milvus.search("新材料", filters={"region": "成都"})
    with pytest.raises(QueryError):
        milvus.search("新材料", filters={"doc_id": 3})
    with pytest.raises(QueryError):
        milvus.search("新材料", mode="fuzzy")
    assert milvus.search("？！。", k=5) == [] and milvus.search("新材料", k=0) == []


def test_search_vector_matches(memory, milvus):
    v = memory.encode_queries(["生物医药产业"])[0]
    assert _key(memory.search_vector(v, k=7)) == _key(milvus.search_vector(v, k=7))
    with pytest.raises(QueryError):
        milvus.search_vector(np.zeros(3, np.float32))


def test_best_cosine_matches(memory, milvus, clauses):
    # the abstention model's margin over the background reads the plan's best cosine (assistant/background.py)
    v = memory.encode_queries(["生物医药产业"])[0]
    assert milvus.best_cosine(v) == pytest.approx(memory.best_cosine(v), abs=1e-5)
    assert memory.best_cosine(v) == pytest.approx(float(memory.clause_cosines(v).max()))
    doc = clauses[0].doc_id
    assert milvus.best_cosine(v, [doc]) == pytest.approx(memory.best_cosine(v, [doc]), abs=1e-5)
    assert memory.best_cosine(v, ["no-such-doc"]) is None


def test_filter_expr_uses_tags_not_quoted_values():
    expr = filter_expr({"doc_id": 'a"b\\c', "section_prefix": ["一、", '"x"']})
    assert '"b' not in expr and "\\" not in expr and expr.count("array_contains") == 2
    assert filter_expr({}) is None and filter_expr(None) is None


def test_backend_names_and_uri(monkeypatch, tmp_path):
    assert resolve_backend(None) == "memory" or os.environ.get("PLANQA_BACKEND")
    assert resolve_backend("milvus") == "milvus" and resolve_backend("in-process") == "memory"
    with pytest.raises(BackendError):
        resolve_backend("elastic")
    monkeypatch.delenv("PLANQA_MILVUS_URI", raising=False)
    assert resolve_uri(tmp_path) == str(tmp_path.absolute() / "milvus.db")
    monkeypatch.setenv("PLANQA_MILVUS_URI", "http://milvus.example:19530")
    assert resolve_uri(tmp_path) == "http://milvus.example:19530"
    assert alias_for(tmp_path / "plan--enc", "http://milvus.example:19530").startswith("planqa_plan_enc_")


# ---------------------------------------------------------------------------- life cycle
def _client(r):
    return r.client


def test_reopen_loads_and_a_changed_plan_rebuilds_aside(clauses, tmp_path):
    folder = tmp_path / "idx"
    with MilvusRetriever.open(folder, clauses[:120], encoder=None) as r:
        first = r.collection
        assert r.info["action"] == "built"
    with MilvusRetriever.open(folder, clauses[:120], encoder=None) as r:
        assert r.info["action"] == "loaded" and r.collection == first
        assert [h.clause_id for h in r.search("新材料", k=3)]
    with pytest.raises(MilvusIndexError, match="stale"):
        MilvusRetriever.open(folder, clauses[:100], encoder=None, rebuild=False)
    with MilvusRetriever.open(folder, clauses[:100], encoder=None) as r:
        assert r.info["action"] == "rebuilt" and "the plan's clauses changed" in r.info["reasons"]
        assert r.collection != first
        names = set(r.client.list_collections())           # BM25 only: no window collection
        assert names == {r.collection, r.collection + "_terms"}     # the previous build was dropped
        assert len(r.clauses) == 100


def test_an_alias_of_other_documents_is_replaced_only_on_purpose(clauses, tmp_path):
    # as the in-process engine: a mistyped --index never drops another plan's collection
    other = corpus.load_document(REPO / "eval" / "plans" / "cn-skills-china-action.txt").clauses
    folder = tmp_path / "idx"
    with MilvusRetriever.open(folder, other, encoder=None) as r:
        first = r.collection
    with pytest.raises(IndexFolderError, match="other documents .cn-skills-china-action"):
        MilvusRetriever.open(folder, clauses, encoder=None)
    with MilvusRetriever.open(folder, other, encoder=None) as r:
        assert r.info["action"] == "loaded" and r.collection == first
    with MilvusRetriever.open(folder, clauses, encoder=None, rebuild="replace") as r:
        assert r.info["action"] == "rebuilt" and {h.doc_id for h in r.search("新材料", k=3)} == {"sc-sei-13"}


def test_altered_collection_is_detected_not_trusted(clauses, tmp_path):
    folder = tmp_path / "idx"
    with MilvusRetriever.open(folder, clauses[:80], encoder=None) as r:
        r.client.delete(r.collection, ids=[3])
    with pytest.raises(MilvusIndexError, match="altered"):
        MilvusRetriever.open(folder, clauses[:80], encoder=None, rebuild=False)
    with MilvusRetriever.open(folder, clauses[:80], encoder=None) as r:
        assert r.info["action"] == "rebuilt"
        assert len(r.search("发展", k=80)) == len(Retriever.build(clauses[:80]).search("发展", k=80))


def test_half_built_or_dropped_collection_is_never_searched(clauses, tmp_path):
    folder = tmp_path / "idx"
    with MilvusRetriever.open(folder, clauses[:60], encoder=None) as r:
        coll = r.collection
        m = json.loads(r.client.describe_collection(coll)["properties"][MANIFEST_KEY])
        m["complete"] = False          # what a crash between insert and switch leaves
        r.client.alter_collection_properties(coll, {MANIFEST_KEY: json.dumps(m)})
    with pytest.raises(MilvusIndexError, match="never completed"):
        MilvusRetriever.open(folder, clauses[:60], encoder=None, rebuild=False)
    with MilvusRetriever.open(folder, clauses[:60], encoder=None) as r:
        assert r.info["action"] == "rebuilt"
        r.client.drop_alias("planqa")
        r.client.drop_collection(r.collection)
    with pytest.raises(MilvusIndexError):
        MilvusRetriever.open(folder, clauses[:60], encoder=None, rebuild=False)
    with MilvusRetriever.open(folder, clauses[:60], encoder=None) as r:
        assert r.info["action"] == "built" and r.search("新材料", k=1)


def test_an_index_of_the_previous_schema_is_rebuilt_with_its_reason(clauses, tmp_path):
    folder = tmp_path / "idx"
    with MilvusRetriever.open(folder, clauses[:40], encoder=FakeEncoder(), cache_dir=tmp_path / "emb") as r:
        m = json.loads(r.client.describe_collection(r.collection)["properties"][MANIFEST_KEY])
        m.update(schema_version=4, dense_text="section+text/v2")    # one vector per clause, no window collection
        del m["windows_collection"], m["n_windows"]
        r.client.alter_collection_properties(r.collection, {MANIFEST_KEY: json.dumps(m)})
        first = r.collection
    with pytest.raises(MilvusIndexError, match="schema version 4 != 5"):
        MilvusRetriever.open(folder, clauses[:40], encoder=FakeEncoder(), cache_dir=tmp_path / "emb", rebuild=False)
    with MilvusRetriever.open(folder, clauses[:40], encoder=FakeEncoder(), cache_dir=tmp_path / "emb") as r:
        assert r.info["action"] == "rebuilt" and "schema version 4 != 5" in r.info["reasons"]
        assert set(r.client.list_collections()) == {r.collection, r.terms_collection, r.windows_collection}
        assert first not in r.client.list_collections()      # with its term and window collections


def test_a_dropped_window_collection_is_not_trusted(clauses, tmp_path):
    folder = tmp_path / "idx"
    with MilvusRetriever.open(folder, clauses[:40], encoder=FakeEncoder(), cache_dir=tmp_path / "emb") as r:
        r.client.delete(r.windows_collection, ids=[0])
    with pytest.raises(MilvusIndexError, match="altered"):
        MilvusRetriever.open(folder, clauses[:40], encoder=FakeEncoder(), cache_dir=tmp_path / "emb", rebuild=False)


def test_a_first_build_of_the_shipped_plan_reuses_the_shipped_window_vectors(clauses, tmp_path):
    class NoEncoding:         # the shipped vectors' encoder, by name; encoding anything fails the test
        name, dim = "multilingual-e5-small", 384

        def encode(self, texts):
            raise AssertionError(f"re-encoded {len(texts)} texts: {list(texts)[:2]}")

    with MilvusRetriever.open(tmp_path / "idx", clauses, encoder=NoEncoding(), cache_dir=tmp_path / "emb") as r:
        assert r.info["action"] == "built" and r.info["embedding_cache_misses"] == 0
        assert r.manifest()["n_windows"] == r.info["embedding_cache_hits"] > len(clauses)


def test_encoder_change_is_stale(clauses, tmp_path):
    folder = tmp_path / "idx"
    MilvusRetriever.open(folder, clauses[:50], encoder=None).close()
    with MilvusRetriever.open(folder, clauses[:50], encoder=FakeEncoder(), cache_dir=tmp_path / "emb") as r:
        assert r.info["action"] == "rebuilt" and any("encoder" in x for x in r.info["reasons"])
        assert r.mode == "hybrid" and r.search("新材料", k=2, mode="dense")


def test_close_stops_the_lite_server(clauses, tmp_path):
    from milvus_lite.server_manager import server_manager_instance as mgr

    r = MilvusRetriever.open(tmp_path / "idx", clauses[:30], encoder=None)
    path = str((tmp_path / "idx" / "milvus.db").absolute())
    assert path in mgr._servers
    r.close()
    assert path not in mgr._servers
    with pytest.raises(QueryError):
        r.search("新材料")


def test_retriever_open_backend_argument(clauses, tmp_path):
    r = Retriever.open(tmp_path / "idx", clauses[:40], backend="milvus")
    try:
        assert isinstance(r, MilvusRetriever) and r.info["action"] == "built"
    finally:
        r.close()


@pytest.mark.slow
def test_assistant_and_cli_on_milvus(tmp_path):
    from assistant import PlanAssistant

    a = PlanAssistant(index_dir=tmp_path / "a", encoder="none")
    b = PlanAssistant(index_dir=tmp_path / "b", encoder="none", backend="milvus")
    try:
        assert isinstance(b.retriever, MilvusRetriever)
        for q in ("绵阳的新材料产业重点发展什么？", "大熊猫基地几点开门？", "2020年生物产业主营业务收入目标是多少？"):
            x, y = a.ask(q), b.ask(q)
            assert x.abstained == y.abstained
            assert [h.clause_id for h in x.excerpts] == [h.clause_id for h in y.excerpts]
    finally:
        b.retriever.close()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-m", "assistant", "ask", "绵阳的新材料产业重点发展什么？", "--encoder", "none",
                          "--backend", "milvus", "--index", str(tmp_path / "c"), "--json"],
                         capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["excerpts"]
    bad = subprocess.run([sys.executable, "-m", "assistant", "ask", "新材料", "--backend", "elastic"],
                         capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------------- a real server
@pytest.mark.skipif(not os.environ.get("PLANQA_MILVUS_URI", "").startswith(("http://", "https://", "tcp://")),
                    reason="set PLANQA_MILVUS_URI=http://host:19530 to test against a Milvus server")
def test_server_parity(clauses, memory, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANQA_MILVUS_COLLECTION", f"planqa_test_{os.getpid()}")
    r = MilvusRetriever.open(tmp_path / "idx", clauses, encoder=FakeEncoder(), cache_dir=tmp_path / "emb")
    try:
        for q in QUESTIONS[:30]:
            for mode in ("bm25", "hybrid"):
                _same(memory.search(q, k=10, mode=mode), r.search(q, k=10, mode=mode))
        again = MilvusRetriever.open(tmp_path / "idx", clauses, encoder=FakeEncoder(), cache_dir=tmp_path / "emb")
        assert again.info["action"] == "loaded"
        again.close()
    finally:
        for name in (r.collection, r.terms_collection):
            try:
                r.client.drop_alias(f"planqa_test_{os.getpid()}")
            except Exception:
                pass
            r.client.drop_collection(name)
        r.close()


@pytest.mark.slow
def test_bench_scaling_row_on_milvus_renders_side_by_side():
    from eval import bench

    row = bench.scale_one(n_plans=1, n_queries=3, n_rank_queries=3, dense_cap=0, repeat=1)
    row.update(wall_s=1.0, peak_rss_mb=row["peak_rss_self_mb"])
    row["milvus"] = bench.scale_one_milvus(n_plans=1, n_queries=3, repeat=1)
    assert row["milvus"]["clauses"] == row["clauses"] and row["milvus"]["reopen_action"] == "loaded"
    assert row["milvus"]["bm25_search"]["n"] == 3
    md = bench.render_markdown({"machine": bench.machine(), "quick": True, "date": "today",
                                "command": "python -m eval.bench --quick --milvus", "scaling": [row]})
    assert "In-process engine vs Milvus" in md and f"| 1 | {row['clauses']} |" in md
