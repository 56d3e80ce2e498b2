"""Retriever on the shipped plan: known questions, filters, bad queries, the index folder.

BM25 runs on the real plan with the real tokenizer. The dense/hybrid wiring is
checked with a small deterministic fake encoder (hashed character bigrams) so
these tests stay fast; the real encoders are in test_index_dense_slow.py.
"""
from __future__ import annotations

import dataclasses

import json
import shutil

import numpy as np
import pytest

import corpus
from index import IndexFolderError, QueryError, Retriever, RetrieverConfig, weighted_rrf
from index.retriever import WINDOW_CHARS, article_context, dense_text, dense_windows, title_text

# (question, a verbatim phrase of the clause that answers it)
KNOWN = [
    ("绵阳 新材料", "以泸州、绵阳、广元、遂宁、内江、南充、宜宾、广安、达州、巴中、雅安、眉山等地为主体形成重点拓展区"),
    ("电动车充电桩怎么建？", "优先建设公共服务领域充电基础设施"),
    ("页岩气开发", "加快页岩气勘探开发力度"),
    ("2015年战略性新兴产业总产值是多少", "2015 年战略性新兴产业实现总产值 5671.5 亿元"),
    ("集成电路和新型显示发展工程有哪些内容", "集成电路和新型显示发展工程：加快先进制造工艺"),
    ("攀枝花钒钛", "攀枝花和凉山主要依托攀枝花钒钛高新区"),
    ("人工智能产业怎么发展", "积极开展人工智能基础和应用技术研究"),
    ("知识产权保护", "依法严厉打击侵犯知识产权犯罪行为"),
    ("无人机", "培育发展公务机、中高端无人机"),
    ("工业4.0是什么", "工业 4.0：指充分利用信息物理系统"),
    ("成都新能源汽车推广", "以成都、泸州两个国家推广应用城市为先导"),
    ("5G网络", "力争掌握第五代移动通信（5G）网络系统体系架构"),
]

BAD_EMPTY = ["", "   ", "\n\t ", "？！。，、", "...!!!", "😀🚗🎉", "\x00\x01\x02", "\u200b\u200b"]


class FakeEncoder:
    """Deterministic stand-in for a sentence encoder: hashed character bigrams, L2-normalised."""

    name = "fake-bigram-128"
    dim = 128

    def encode(self, texts):
        out = np.full((len(texts), self.dim), 1e-3, np.float32)
        for r, t in enumerate(texts):
            for a, b in zip(t, t[1:]):
                out[r, (ord(a) * 131 + ord(b)) % self.dim] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def clauses():
    docs = corpus.load_shipped()
    assert docs and len(docs[0].clauses) > 100
    return tuple(c for d in docs for c in d.clauses)


@pytest.fixture(scope="module")
def bm25(clauses):
    return Retriever.build(clauses, encoder=None)


@pytest.fixture(scope="module")
def fake(clauses, tmp_path_factory):
    return Retriever.build(clauses, encoder=FakeEncoder(), cache_dir=tmp_path_factory.mktemp("emb"))


def _targets(clauses, phrase):
    ids = {c.clause_id for c in clauses if phrase in c.text}
    assert ids, f"phrase not in the plan: {phrase}"
    return ids


# ---- known questions -------------------------------------------------------

@pytest.mark.parametrize("question,phrase", KNOWN, ids=[q for q, _ in KNOWN])
def test_known_question_bm25_top3(bm25, clauses, question, phrase):
    hits = bm25.search(question, k=3)
    assert _targets(clauses, phrase) & {h.clause_id for h in hits}, [h.clause_id for h in hits]


def test_bm25_index_has_plan_vocabulary(bm25):
    assert bm25.info["vocabulary_size"] > 100
    assert "新材料" in bm25.tokenize("新材料产业")


def test_hits_are_verbatim_clauses_with_explanations(bm25, clauses):
    by_id = {c.clause_id: c for c in clauses}
    hits = bm25.search("绵阳 新材料", k=5)
    assert hits
    for h in hits:
        c = by_id[h.clause_id]
        assert (h.text, h.section_path, h.pages, h.doc_id, h.kind, h.title) == \
               (c.text, c.section_path, c.pages, c.doc_id, c.kind, c.title)
        assert h.matched_terms and all(t in bm25.tokenize(c.text + " " + " ".join(c.section_path) + " " + c.title)
                                       for t in h.matched_terms)
        assert h.ranks.get("bm25") is not None and h.scores["bm25"] == pytest.approx(h.score)
        assert 0.0 < h.scores["coverage"] <= 1.0
    assert [h.ranks["bm25"] for h in hits] == list(range(1, len(hits) + 1))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_coverage_separates_in_scope_from_out_of_scope(bm25):
    inside = bm25.search("页岩气开发", k=1)[0].scores["coverage"]
    outside = bm25.search("北京冬奥会门票价格", k=1)
    assert inside == pytest.approx(1.0)
    assert not outside or outside[0].scores["coverage"] < 0.5


def test_search_equals_batch_search_and_is_deterministic(bm25, clauses):
    qs = [q for q, _ in KNOWN]
    batch = bm25.batch_search(qs, k=5)
    assert [bm25.search(q, k=5) for q in qs] == batch
    again = Retriever.build(clauses).batch_search(qs, k=5)
    assert [[(h.clause_id, h.score) for h in hs] for hs in again] == [[(h.clause_id, h.score) for h in hs] for hs in batch]


def test_ties_broken_by_clause_id(bm25):
    hits = bm25.search("发展", k=50)
    for a, b in zip(hits, hits[1:]):
        assert a.score > b.score or (a.score == b.score and a.clause_id < b.clause_id)


# ---- filters ---------------------------------------------------------------

def test_filter_by_section_prefix(bm25):
    prefix = ("推动新材料产业优化发展",)
    hits = bm25.search("重点发展 基地", k=10, filters={"section_prefix": prefix})
    assert hits and all(h.section_path[:1] == prefix for h in hits)
    assert any(h.section_path[:1] != prefix for h in bm25.search("重点发展 基地", k=10))


def test_filter_by_doc_and_kind(bm25):
    assert bm25.search("新材料", k=5, filters={"doc_id": "no-such-plan"}) == []
    assert bm25.search("新材料", k=5, filters={"doc_id": "sc-sei-13"}) == bm25.search("新材料", k=5)
    hits = bm25.search("大数据", k=5, filters={"kind": "glossary"})
    assert hits and all(h.kind == "glossary" for h in hits)
    assert "大数据：指" in hits[0].text


def test_unknown_filter_key_is_a_clear_error(bm25):
    with pytest.raises(QueryError, match="section"):
        bm25.search("新材料", filters={"section": "x"})


# ---- bad queries -----------------------------------------------------------

@pytest.mark.parametrize("query", BAD_EMPTY)
@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_contentless_queries_return_nothing(fake, query, mode):
    assert fake.search(query, k=5, mode=mode) == []


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_huge_and_mixed_queries_do_not_crash(fake, mode):
    huge = fake.search("新材料产业" * 20_000, k=5, mode=mode)          # 100,000 characters
    assert 0 < len(huge) <= 5
    mixed = fake.search("AI芯片 and 5G网络 Привет こんにちは 안녕 ١٢٣ \x07新材料\u202e", k=5, mode=mode)
    assert 0 < len(mixed) <= 5


@pytest.mark.parametrize("bad", [None, 123, b"bytes", ["list"]])
def test_non_string_query_is_a_value_error(bm25, bad):
    with pytest.raises(QueryError):
        bm25.search(bad)


def test_bad_options_are_clear_errors(bm25):
    with pytest.raises(QueryError):
        bm25.search("新材料", k=-1)
    with pytest.raises(QueryError):
        bm25.search("新材料", mode="fuzzy")
    with pytest.raises(QueryError, match="dense"):
        bm25.search("新材料", mode="dense")
    assert bm25.search("新材料", k=0) == []
    assert issubclass(QueryError, ValueError)


def test_bm25_only_index_answers_hybrid_with_bm25(bm25):
    assert bm25.mode == "bm25"
    assert bm25.search("页岩气", mode="hybrid") == bm25.search("页岩气", mode="bm25")


# ---- dense and hybrid wiring (fake encoder) -----------------------------------

def _best_window_cosines(r, qv):
    """Reference: each clause's windows encoded on their own, the clause scores its best one."""
    enc = FakeEncoder()
    return np.array([float(np.max(enc.encode(dense_windows(c)) @ qv)) for c in r.clauses])


def test_dense_mode_equals_brute_force(fake):
    q = "新能源汽车充电设施建设"
    assert fake.dense_query(q) == q + " 充电基础设施"     # the encoder sees the thesaurus expansion too
    qv = fake.encode_queries([fake.dense_query(q)])
    cos = _best_window_cosines(fake, qv[0])
    want = sorted(range(len(cos)), key=lambda i: (-round(cos[i], 5), fake.clauses[i].clause_id))[:5]
    want = [fake.clauses[i].clause_id for i in want]
    hits = fake.search(q, k=5, mode="dense")
    assert [h.clause_id for h in hits] == want
    assert [h.scores["dense"] for h in hits] == pytest.approx(sorted(cos, reverse=True)[:5], abs=1e-5)
    assert [h.clause_id for h in fake.search_vector(qv[0], k=5)] == want


def test_long_clauses_are_embedded_as_sentence_windows(fake):
    """A clause over WINDOW_CHARS is cut at sentence ends into windows that together are its text,
    each headed by the section title; a short clause is one window, exactly dense_text."""
    long = [c for c in fake.clauses if len(c.text) > WINDOW_CHARS]
    short = [c for c in fake.clauses if len(c.text) <= WINDOW_CHARS]
    assert len(long) > 50 and short
    for c in short:
        assert dense_windows(c) == [dense_text(c)]
    for c in long:
        ws = dense_windows(c)
        head = c.section_path[-1] + "\n" if c.section_path else ""
        assert len(ws) >= 2 and all(w.startswith(head) for w in ws)
        assert "".join(w[len(head):] for w in ws) == c.text
        assert all(len(w) - len(head) <= WINDOW_CHARS for w in ws)
    assert fake.windowed and len(fake.dense) == sum(len(dense_windows(c)) for c in fake.clauses)


def test_a_question_on_one_sentence_of_a_long_clause_finds_that_clause(fake):
    """The clause scores its best window: a sentence of a long clause, asked on its own, is closer to
    that clause than to the clause's whole-text vector, and the clause ranks first."""
    c = max((c for c in fake.clauses if len(dense_windows(c)) >= 3), key=lambda c: len(c.text))
    sentence = dense_windows(c)[1].split("\n", 1)[-1]
    hits = fake.search(sentence, k=3, mode="dense")
    assert hits[0].clause_id == c.clause_id
    qv = fake.encode_queries([fake.dense_query(sentence)])[0]
    assert hits[0].scores["dense"] > float(FakeEncoder().encode([dense_text(c)])[0] @ qv)


def test_an_untitled_articles_later_paragraphs_carry_its_opening():
    # 南京市人才安居办法 (eval/plans): 第十五条 names F类人才 in its first paragraph only
    doc = corpus.load_document("eval/plans/nanjing-talent-housing-measures.txt")
    ctx = article_context(doc.clauses)
    later = next(c for c in doc.clauses if c.text.startswith("申请保障性租赁住房的,面积为30平方米左右"))
    assert ctx[later.clause_id].startswith("F类人才可以选择申请保障性租赁住房")
    assert "F类人才" in title_text(later, ctx[later.clause_id])
    assert dense_windows(later, context=ctx[later.clause_id])[0].startswith("第十五条 F类人才")
    first = next(c for c in doc.clauses if c.text.startswith("第十五条F类人才"))
    assert first.clause_id not in ctx                    # the opening paragraph says it itself
    # titled articles (西安 "第三条租赁管理") and plans without articles get nothing
    assert not article_context(corpus.load_document("eval/plans/xian-rental-stock-guide.txt").clauses)
    assert not article_context(corpus.load_shipped()[0].clauses)


def test_window_index_folder_round_trip(fake, tmp_path):
    folder = fake.save(tmp_path / "idx")
    back = Retriever.load(folder)
    assert back.windowed and np.array_equal(back.window_starts, fake.window_starts)
    q = "绵阳 新材料"
    qv = fake.encode_queries([fake.dense_query(q)])[0]
    assert [h.clause_id for h in back.search(q, k=5, mode="hybrid", query_vector=qv)] == \
        [h.clause_id for h in fake.search(q, k=5, mode="hybrid", query_vector=qv)]


def _with_config(r, **changes):
    return Retriever(r.clauses, r.sparse, r.dense, r.encoder, r.tokenize, dataclasses.replace(r.config, **changes),
                     r.mode, window_starts=r.window_starts)


def test_hybrid_score_fusion_equals_brute_force(fake):
    """Default fusion: over the union of both runs, bm25/max + dense_weight * the cosine
    rescaled within the plan (the query's mean cosine over all clauses -> 0, its best -> 1)."""
    assert fake.config.fusion == "score" and fake.config.dense_scale == "plan"
    q, depth = "绵阳 新材料", fake.config.depth
    bm = {h.clause_id: h.scores["bm25"] for h in fake.search(q, k=depth, mode="bm25")}
    dn = [h.clause_id for h in fake.search(q, k=depth, mode="dense")]
    qv = fake.encode_queries([fake.dense_query(q)])[0]
    ids = list(dict.fromkeys(list(bm) + dn))
    top = max(bm.values())
    idx = {c.clause_id: i for i, c in enumerate(fake.clauses)}
    all_cos = [float(v @ qv) for v in fake.dense.vectors]       # every window's: the plan's baseline
    mean = sum(all_cos) / len(all_cos)
    clause_cos = _best_window_cosines(fake, qv)
    best = max(clause_cos[idx[c]] for c in ids)

    def dense(c):
        return (clause_cos[idx[c]] - mean) / (best - mean)
    want = sorted(((bm.get(c, 0.0) / top + fake.config.dense_weight * dense(c), c)
                   for c in ids), key=lambda t: (-t[0], t[1]))[:5]
    hits = fake.search(q, k=5, mode="hybrid")
    assert [h.clause_id for h in hits] == [c for _, c in want]
    assert [h.score for h in hits] == pytest.approx([s for s, _ in want], abs=1e-6)   # float32 dot products


def test_keep_dense_adds_the_dense_tops_the_fusion_ranked_lower(fake):
    """A re-ranking pool: the k fused hits unchanged, then (in fused order, with fused scores)
    each of the dense run's first n that the fusion left out; other modes ignore it."""
    q, k, n = "电动车充电桩怎么建？", 3, 8
    fused = fake.search(q, k=200, mode="hybrid")
    top_dense = [h.clause_id for h in fake.search(q, k=n, mode="dense")]
    top = [h.clause_id for h in fused[:k]]
    missing = [c for c in top_dense if c not in top]
    assert missing, "the question must have dense tops the fusion ranks below k"
    pool = fake.search(q, k=k, mode="hybrid", keep_dense=n)
    assert [h.clause_id for h in pool[:k]] == top
    score = {h.clause_id: h.score for h in fused}
    want = [h.clause_id for h in fused if h.clause_id in missing]
    assert [h.clause_id for h in pool[k:]] == want
    assert [h.score for h in pool[k:]] == pytest.approx([score[c] for c in want], abs=1e-6)
    for mode in ("bm25", "dense"):
        assert [h.clause_id for h in fake.search(q, k=k, mode=mode, keep_dense=n)] == \
            [h.clause_id for h in fake.search(q, k=k, mode=mode)]


def test_hybrid_is_weighted_rrf_of_the_two_runs(fake):
    fake = _with_config(fake, fusion="rrf", dense_weight=0.2)
    q, depth = "绵阳 新材料", fake.config.depth
    runs = {"bm25": [h.clause_id for h in fake.search(q, k=depth, mode="bm25")],
            "dense": [h.clause_id for h in fake.search(q, k=depth, mode="dense")]}
    fused = weighted_rrf(runs, fake.config.weights(), k=fake.config.rrf_k)[:5]
    hits = fake.search(q, k=5, mode="hybrid")
    assert [(h.clause_id, round(h.score, 12)) for h in hits] == [(c, round(s, 12)) for c, s in fused]
    for h in hits:
        assert set(h.ranks) <= {"bm25", "dense"} and h.ranks
        assert -1.0 <= h.scores["dense"] <= 1.0


def test_precomputed_query_vector_matches_encoded_query(fake):
    q = "人工智能"
    qv = fake.encode_queries([q])[0]
    assert fake.search(q, k=5, query_vector=qv) == fake.search(q, k=5)
    with pytest.raises(QueryError):
        fake.search_vector(np.ones(7, np.float32))


def test_dense_filter_respected(fake):
    prefix = ("推动新材料产业优化发展",)
    hits = fake.search("钒钛 石墨烯", k=5, mode="dense", filters={"section_prefix": prefix})
    assert hits and all(h.section_path[:1] == prefix for h in hits)


# ---- index folder --------------------------------------------------------------

def _hits(r, mode=None):
    return [[(h.clause_id, h.score, h.ranks, h.matched_terms, h.scores, h.text) for h in hs]
            for hs in r.batch_search([q for q, _ in KNOWN], k=5, mode=mode)]


def test_save_load_search_identical(fake, tmp_path):
    folder = fake.save(tmp_path / "idx")
    m = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert m["format_version"] == 1 and m["encoder"] == {"name": "fake-bigram-128", "dim": 128}
    assert m["faiss_kind"] == "flat" and m["tokenizer"]["vocabulary_hash"] and m["corpus_hash"]
    assert set(m["files"]) >= {"clauses.jsonl", "bm25.npz", "terms.json", "vocab.json", "embeddings.npy",
                               "vectors.faiss"}
    assert not list(folder.glob("*.pkl")) and not list(tmp_path.glob(".idx.*"))
    back = Retriever.load(folder, encoder=FakeEncoder())
    assert back.clauses == fake.clauses and back.mode == fake.mode
    for mode in ("bm25", "dense", "hybrid"):
        assert _hits(back, mode) == _hits(fake, mode)


def test_load_with_wrong_encoder_is_an_error(fake, tmp_path):
    folder = fake.save(tmp_path / "idx")
    other = FakeEncoder()
    other.name = "another-encoder"
    with pytest.raises(IndexFolderError, match="encoder"):
        Retriever.load(folder, encoder=other)


def test_open_builds_loads_and_rebuilds_on_change(clauses, tmp_path):
    folder = tmp_path / "idx"
    first = Retriever.open(folder, clauses)
    assert first.info["action"] == "built"
    again = Retriever.open(folder, clauses)
    assert again.info["action"] == "loaded"
    assert _hits(again) == _hits(first)

    changed = list(clauses)
    i = next(j for j, c in enumerate(changed) if "页岩气勘探开发" in c.text)
    changed[i] = changed[i].__class__(**{**changed[i].__dict__, "text": changed[i].text + "新增冬奥会条款。"})
    with pytest.raises(IndexFolderError, match="stale"):
        Retriever.open(folder, changed, rebuild=False)
    rebuilt = Retriever.open(folder, changed)
    assert rebuilt.info["action"] == "rebuilt" and rebuilt.info["reasons"]
    assert rebuilt.search("冬奥会", k=1)[0].clause_id == changed[i].clause_id
    assert Retriever.open(folder, changed).info["action"] == "loaded"
    assert Retriever.open(folder, changed[:-1]).info["action"] == "rebuilt"


def test_open_rebuilds_when_encoder_changes(clauses, tmp_path):
    folder = tmp_path / "idx"
    Retriever.open(folder, clauses)
    r = Retriever.open(folder, clauses, encoder=FakeEncoder(), cache_dir=tmp_path / "emb")
    assert r.info["action"] == "rebuilt" and r.dense is not None
    with pytest.raises(IndexFolderError):
        Retriever.open(folder, clauses, encoder=None, rebuild=False)


def test_open_missing_folder_without_rebuild(clauses, tmp_path):
    with pytest.raises(IndexFolderError, match="does not exist"):
        Retriever.open(tmp_path / "nothing", clauses, rebuild=False)


@pytest.fixture
def saved(fake, tmp_path):
    return fake.save(tmp_path / "idx")


def test_truncated_file_detected(saved, clauses):
    p = saved / "bm25.npz"
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    with pytest.raises(IndexFolderError, match="bm25.npz"):
        Retriever.load(saved)


def test_tampered_file_same_size_detected(saved):
    p = saved / "clauses.jsonl"
    data = p.read_text(encoding="utf-8").replace("页岩气", "天然气", 1).encode("utf-8")
    assert len(data) == p.stat().st_size
    p.write_bytes(data)
    with pytest.raises(IndexFolderError, match="checksum"):
        Retriever.load(saved)


def forge_manifest(folder, m: dict) -> None:
    """Write a manifest and a matching manifest.sha256, as a determined tamperer would."""
    import hashlib

    data = json.dumps(m).encode("utf-8")
    (folder / "manifest.json").write_bytes(data)
    (folder / "manifest.sha256").write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")


def test_tampered_file_with_forged_checksum_detected(saved):
    from index.store import sha256_file

    p = saved / "clauses.jsonl"
    p.write_text(p.read_text(encoding="utf-8").replace("页岩气", "天然气"), encoding="utf-8")
    m = json.loads((saved / "manifest.json").read_text(encoding="utf-8"))
    m["files"]["clauses.jsonl"] = {"sha256": sha256_file(p), "bytes": p.stat().st_size}
    forge_manifest(saved, m)
    with pytest.raises(IndexFolderError, match="corpus hash"):
        Retriever.load(saved)


def test_missing_or_garbage_files_detected(saved, tmp_path):
    (saved / "vectors.faiss").unlink()
    with pytest.raises(IndexFolderError, match="vectors.faiss"):
        Retriever.load(saved)
    (saved / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexFolderError, match="manifest"):
        Retriever.load(saved)
    with pytest.raises(IndexFolderError, match="does not exist"):
        Retriever.load(tmp_path / "absent")


def test_open_repairs_a_damaged_folder(clauses, tmp_path):
    folder = Retriever.open(tmp_path / "idx", clauses).save(tmp_path / "idx")
    (folder / "terms.json").write_text("[]", encoding="utf-8")
    with pytest.raises(IndexFolderError):
        Retriever.open(folder, clauses, rebuild=False)
    r = Retriever.open(folder, clauses)
    assert r.info["action"] == "rebuilt" and r.search("页岩气", k=1)
    assert Retriever.load(folder).search("页岩气", k=1) == r.search("页岩气", k=1)


def test_save_refuses_to_replace_a_non_index_directory(bm25, tmp_path):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(IndexFolderError, match="not an index folder"):
        bm25.save(precious)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_save_replaces_an_existing_index_atomically(bm25, fake, tmp_path):
    folder = fake.save(tmp_path / "idx")
    bm25.save(folder)
    assert Retriever.load(folder).dense is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]     # no temp or old folders left behind


def test_format_version_mismatch_is_reported(saved, clauses):
    m = json.loads((saved / "manifest.json").read_text(encoding="utf-8"))
    m["format_version"] = 999
    forge_manifest(saved, m)
    with pytest.raises(IndexFolderError, match="version"):
        Retriever.load(saved)
    assert Retriever.open(saved, clauses, encoder=FakeEncoder()).info["action"] == "rebuilt"


def test_hnsw_kind_chosen_by_config_and_recorded(clauses, tmp_path):
    cfg = RetrieverConfig(hnsw_threshold=100)
    r = Retriever.build(clauses, encoder=FakeEncoder(), config=cfg, cache_dir=tmp_path / "emb")
    assert r.dense.kind == "hnsw" and r.info["faiss_kind"] == "hnsw"
    folder = r.save(tmp_path / "idx")
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["faiss_kind"] == "hnsw"
    back = Retriever.load(folder, encoder=FakeEncoder())
    assert back.dense.kind == "hnsw"
    assert back.search("新能源汽车", k=5, mode="dense") == r.search("新能源汽车", k=5, mode="dense")
    exact = Retriever.build(clauses, encoder=FakeEncoder(), cache_dir=tmp_path / "emb")
    top_exact = exact.search("新能源汽车", k=1, mode="dense")[0].clause_id
    assert top_exact in [h.clause_id for h in r.search("新能源汽车", k=3, mode="dense")]


def test_changed_plan_file_triggers_rebuild(plan_path, tmp_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(plan_path, plan)
    folder = tmp_path / "idx"
    first = Retriever.open(folder, corpus.load_document(plan, doc_id="sc-sei-13").clauses)
    assert first.info["action"] == "built"
    assert Retriever.open(folder, corpus.load_document(plan, doc_id="sc-sei-13").clauses).info["action"] == "loaded"
    text = plan.read_text(encoding="utf-8")
    assert "5671.5" in text
    plan.write_text(text.replace("5671.5", "5888.8", 1), encoding="utf-8")
    changed = corpus.load_document(plan, doc_id="sc-sei-13").clauses
    with pytest.raises(IndexFolderError, match="changed"):
        Retriever.open(folder, changed, rebuild=False)
    r = Retriever.open(folder, changed)
    assert r.info["action"] == "rebuilt"
    assert "5888.8" in r.search("2015年战略性新兴产业总产值", k=1)[0].text


def test_filter_values_must_be_strings(bm25):
    with pytest.raises(QueryError, match="section_prefix"):
        bm25.search("新材料", filters={"section_prefix": (1, 2)})
    with pytest.raises(QueryError):
        bm25.search("新材料", filters=["doc_id"])
    with pytest.raises(QueryError, match="doc_id"):
        bm25.search("新材料", filters={"doc_id": 5})


def test_concurrent_searches_match_sequential(fake):
    from concurrent.futures import ThreadPoolExecutor

    qs = [q for q, _ in KNOWN] * 3
    want = [fake.search(q, k=5, mode="hybrid", filters={"doc_id": "sc-sei-13"}) for q in qs]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda q: fake.search(q, k=5, mode="hybrid", filters={"doc_id": "sc-sei-13"}), qs))
    assert got == want


def test_concurrent_saves_leave_one_complete_folder(bm25, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda _: bm25.save(tmp_path / "idx"), range(3)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idx"]
    assert Retriever.load(tmp_path / "idx").search("页岩气", k=3) == bm25.search("页岩气", k=3)


def test_open_applies_config_and_rebuilds_on_bm25_params(clauses, tmp_path):
    folder = tmp_path / "idx"
    Retriever.open(folder, clauses)
    tuned = Retriever.open(folder, clauses, config=RetrieverConfig(dense_weight=0.2, rrf_k=10))
    assert tuned.info["action"] == "loaded" and tuned.config.rrf_k == 10
    other = Retriever.open(folder, clauses, config=RetrieverConfig(b=0.9))
    assert other.info["action"] == "rebuilt" and any("b " in r for r in other.info["reasons"])
    assert Retriever.open(folder, clauses).info["action"] == "rebuilt"      # back to the defaults


def test_similarity_stats_equal_brute_force(fake):
    """The query's mean and spread of cosines over all clauses, from the stored moments."""
    q = "绵阳 新材料"
    qv = fake.encode_queries([fake.dense_query(q)])[0]
    sims = fake.dense.vectors @ qv
    mean, std = fake.similarity_stats(q)
    assert mean == pytest.approx(float(sims.mean()), abs=1e-5)
    assert std == pytest.approx(float(sims.std()), abs=1e-5)


def test_hnsw_over_windows_finds_the_exact_best_window_clauses(fake, clauses, tmp_path):
    """Over an HNSW index the windows' neighbours are over-fetched and each clause keeps its best
    window: the same clauses and cosines as the exact search on the shipped plan."""
    approx = Retriever.build(clauses, encoder=FakeEncoder(), config=RetrieverConfig(hnsw_threshold=100),
                             cache_dir=tmp_path / "emb")
    assert approx.dense.kind == "hnsw" and approx.windowed
    for q in ("绵阳 新材料", "新能源汽车充电设施建设", "页岩气开发", "人工智能产业怎么发展"):
        want = fake.search(q, k=10, mode="dense")
        got = approx.search(q, k=10, mode="dense")
        assert [h.clause_id for h in got] == [h.clause_id for h in want]
        assert [h.scores["dense"] for h in got] == pytest.approx([h.scores["dense"] for h in want], abs=1e-5)
        assert [h.clause_id for h in approx.search(q, k=5)] == [h.clause_id for h in fake.search(q, k=5)]
