"""Index building blocks against slow, obviously-correct references, on text from the shipped plan.

Tokenizer, BM25 (vs rank_bm25), RRF fusion, faiss (vs numpy brute force) and
the embedding cache. Paragraphs are cut straight from the plan's text file so
these tests do not depend on the corpus parser.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import BM25Index, BM25Params, bm25_idf, top_k
from index.embcache import CachedEncoder, EmbeddingCache, text_key
from index.fusion import RetrieverConfig, weighted_rrf
from index.tokenize import Tokenizer, make_tokenizer, normalize, tokenize
from index.vectors import VectorIndex, brute_force, choose_kind
from index.vocabulary import harvest_vocabulary, phrases_from_title


@pytest.fixture(scope="module")
def plan_paragraphs(plan_path):
    text = plan_path.read_text(encoding="utf-8")
    text = re.sub(r"^\s*- \d+ -\s*$", "", text, flags=re.M)
    joined = "".join(line.strip() for line in text.splitlines())
    paras = [p + "。" for p in joined.split("。") if len(p) > 8]
    assert len(paras) > 300
    return paras


@pytest.fixture(scope="module")
def tok():
    return make_tokenizer(["新材料", "新型显示"])


# ---- tokenizer ------------------------------------------------------------

def test_fullwidth_latin_and_digits_fold_and_abbreviations_survive(tok):
    assert tok("５Ｇ网络和ＩＰｖ６") == tok("5G网络和IPv6")
    toks = tok("支持AI芯片、5G、IPv6、CFDA认证和LNG加气站")
    for abbr in ("ai", "5g", "ipv6", "cfda", "lng"):
        assert abbr in toks


def test_stopwords_punctuation_and_question_scaffolding_removed(tok):
    toks = tok("电动车充电桩怎么建？！")
    assert "充电桩" in toks and "电动车" in toks
    assert not {"怎么", "？", "！", "?"} & set(toks)
    assert tok("的了吗？。，") == []


@pytest.mark.parametrize("text", ["", "   \n\t", "？！。，、；：", "😀🚗🎉", "\x00\x01\x7f\u200b"])
def test_contentless_text_gives_no_tokens(tok, text):
    assert tok(text) == []


def test_control_characters_do_not_glue_words(tok):
    assert tok("绵阳\x00新材料") == tok("绵阳 新材料")


def test_search_mode_emits_whole_words_and_their_parts(tok):
    toks = tok("新一代信息技术产业")
    assert {"新一代", "信息技术", "信息", "技术", "产业"} <= set(toks)


def test_vocabulary_keeps_plan_terms_whole_and_does_not_leak():
    plain, with_vocab = Tokenizer(), Tokenizer(["数字创意产业", "新材料"])
    assert "新材料" in with_vocab("推动新材料产业优化发展")
    assert "新材料" not in plain("推动新材料产业优化发展")
    assert "数字创意产业" not in Tokenizer()("数字创意产业")      # a fresh tokenizer is unaffected
    assert with_vocab("推动新材料产业优化发展") == Tokenizer(["新材料", "数字创意产业"])("推动新材料产业优化发展")


def test_tokenizer_config_hashes_vocabulary():
    a, b = Tokenizer(["新材料"]), Tokenizer(["新材料", "新型显示"])
    assert a.config["vocabulary_hash"] != b.config["vocabulary_hash"]
    assert a.config == Tokenizer(["新材料"]).config
    assert json.loads(json.dumps(a.config)) == a.config


def test_user_dictionary_file(tmp_path):
    d = tmp_path / "user.dict"
    d.write_text("# plan words\n绵阳科技城 10 ns\n", encoding="utf-8")
    assert "绵阳科技城" in Tokenizer(user_dict=d)("建设绵阳科技城")
    with pytest.raises(ValueError, match="user.dict"):
        Tokenizer(user_dict=tmp_path / "missing.dict")


def test_default_tokenize_knows_place_names():
    assert "绵阳" in tokenize("绵阳的新材料") and "攀枝花" in tokenize("攀枝花钒钛")


def test_normalize_is_nfkc():
    assert normalize("ＡＢＣ１２３（）") == "ABC123()"


def test_years_in_chinese_numerals_are_searched_as_digits():
    # the 中共中央 and 党委 documents write 二〇三五年; a question writes 2035年
    assert normalize("到二〇三五年基本实现") == "到2035年基本实现"
    assert normalize("二○二五年底") == "2025年底" and normalize("二零二零年") == "2020年"
    assert "2035" in tokenize("到二〇三五年基本实现")
    # not a year: 十四五, a count of years, a number that is no year
    for text in ("“十四五”时期", "再延长三十年", "三二一〇年"):
        assert normalize(text) == text


def test_harvest_from_headings():
    assert {"集成电路", "新型显示产业", "新型显示"} <= set(phrases_from_title("（一）做大做强集成电路和新型显示产业。"))
    assert {"新材料产业", "新材料"} <= set(phrases_from_title("五、推动新材料产业优化发展"))
    from corpus.model import Clause

    c = Clause("d:1", "d", ("五、推动新材料产业优化发展", "专栏 5  新材料产业重点工程"), "",
               "新材料协同应用工程：加快新材料产业上中下游协作配套。", (1, 1), (0, 10), "box")
    vocab = harvest_vocabulary([c])
    assert "新材料协同应用工程" in vocab and "新材料" in vocab


def test_tokenization_is_deterministic_across_instances(plan_paragraphs):
    a, b = make_tokenizer(["新材料"]), make_tokenizer(["新材料"])
    sample = plan_paragraphs[::25]
    assert [a(p) for p in sample] == [b(p) for p in sample]


# ---- BM25 ---------------------------------------------------------------

def test_bm25_body_scores_equal_rank_bm25(plan_paragraphs, tok):
    # groups of six sentences, so common words ("发展", "产业") occur in more than half of
    # the documents and get rank_bm25's epsilon floor for negative idf
    docs = [tok("".join(plan_paragraphs[i:i + 6])) for i in range(0, len(plan_paragraphs), 6)]
    ref = BM25Okapi(docs)
    idx = BM25Index.build(docs)
    floored = [t for t in ("发展", "产业") if ref.idf[t] == ref.epsilon * ref.average_idf]
    assert floored
    queries = ["绵阳 新材料", "电动车充电桩怎么建", "集成电路 新型显示 集成电路", " ".join(floored), "页岩气",
               "没有这个词"]
    for q in queries:
        qt = tok(q)
        np.testing.assert_allclose(idx.field_scores(qt, "body"), ref.get_scores(qt), rtol=0, atol=1e-9)


def test_bm25_params_k1_b_match_rank_bm25(plan_paragraphs, tok):
    docs = [tok(p) for p in plan_paragraphs[:120]]
    ref = BM25Okapi(docs, k1=0.9, b=0.4, epsilon=0.1)
    idx = BM25Index.build(docs, params=BM25Params(k1=0.9, b=0.4, epsilon=0.1))
    qt = tok("生物医药 创新 发展")
    np.testing.assert_allclose(idx.field_scores(qt), ref.get_scores(qt), atol=1e-9)


def test_two_field_score_is_body_plus_weighted_title(plan_paragraphs, tok):
    docs = [tok(p) for p in plan_paragraphs[:200]]
    titles = [tok(plan_paragraphs[(i * 7) % 200][:12]) for i in range(200)]
    idx = BM25Index.build(docs, titles, BM25Params(title_weight=0.7))
    title_ref = BM25Okapi(titles)
    for q in ("新材料 产业 发展", "集成电路 集成电路 显示"):
        qt = tok(q)
        want = BM25Okapi(docs).get_scores(qt) + 0.7 * title_ref.get_scores(qt)
        np.testing.assert_allclose(idx.scores(qt), want, atol=1e-9)
        top = idx.search_tokens(qt, 5)
        assert [i for i, _ in top] == sorted(np.flatnonzero(want), key=lambda i: (-want[i], i))[:5]


def test_bm25_idf_formula():
    idf = bm25_idf(np.array([1, 5, 0]), 6, 0.25)
    raw = [np.log(5.5) - np.log(1.5), np.log(1.5) - np.log(5.5)]
    floor = 0.25 * (raw[0] + raw[1]) / 2
    np.testing.assert_allclose(idf, [raw[0], floor, 0.0])


def test_title_field_finds_clause_by_its_section():
    body = [["绵阳", "建设", "基地"], ["绵阳", "建设", "园区"], ["成都", "新材料", "基地"]]
    body += [["建设", f"词{i}", "园区"] for i in range(8)]
    titles = [["信息技术"], ["新材料"], ["总体", "要求"]] + [[f"标题{i}"] for i in range(8)]
    plain = BM25Index.build(body, titles, BM25Params(title_weight=0.0))
    boosted = BM25Index.build(body, titles, BM25Params(title_weight=0.5))
    q = ["绵阳", "新材料"]
    assert plain.search_tokens(q, 1)[0][0] != 1
    assert boosted.search_tokens(q, 1)[0][0] == 1


def test_top_k_breaks_ties_by_tiebreak_and_keeps_all_ties_at_cut():
    scores = np.array([1.0, 3.0, 3.0, 2.0, 3.0])
    cands = np.arange(5)
    assert [i for i, _ in top_k(scores, cands, 2, np.array([0, 4, 3, 2, 1]))] == [4, 2]
    assert [i for i, _ in top_k(scores, cands, 4, np.arange(5))] == [1, 2, 4, 3]
    assert top_k(scores, cands[:0], 3, np.arange(5)) == []


def test_bm25_arrays_roundtrip(plan_paragraphs, tok):
    docs = [tok(p) for p in plan_paragraphs[:50]]
    idx = BM25Index.build(docs, [tok("标题")] * 50)
    back = BM25Index.from_arrays(idx.to_arrays(), idx.terms, idx.meta())
    qt = tok("新能源 汽车 标题")
    np.testing.assert_array_equal(back.scores(qt), idx.scores(qt))


def test_bm25_rejects_empty_corpus():
    with pytest.raises(ValueError):
        BM25Index.build([])


# ---- fusion ----------------------------------------------------------------

def test_weighted_rrf_by_hand():
    runs = {"bm25": ["a", "b", "c"], "dense": ["c", "a"]}
    got = dict(weighted_rrf(runs, {"bm25": 1.0, "dense": 0.5}, k=60))
    assert got["a"] == pytest.approx(1 / 61 + 0.5 / 62)
    assert got["b"] == pytest.approx(1 / 62)
    assert got["c"] == pytest.approx(1 / 63 + 0.5 / 61)
    assert [d for d, _ in weighted_rrf(runs, {"bm25": 1.0, "dense": 0.5})] == ["a", "c", "b"]


def test_weighted_rrf_ties_by_id_and_zero_weight_ignored():
    assert [d for d, _ in weighted_rrf({"x": ["b"], "y": ["a"]})] == ["a", "b"]
    assert weighted_rrf({"bm25": ["z", "y"], "dense": ["y"]}, {"dense": 0.0}) == weighted_rrf({"bm25": ["z", "y"]})
    assert weighted_rrf({}) == []


def test_single_run_rrf_preserves_order():
    run = ["q", "c", "x", "a"]
    assert [d for d, _ in weighted_rrf({"bm25": run})] == run


def test_score_fusion_reorders_near_ties_not_clear_wins():
    from index.fusion import score_fusion

    # BM25 6.84 vs 6.78 (a near-tie): the clause the encoder likes wins
    near = score_fusion([6.84, 6.78], [-0.02, 0.34], dense_weight=0.05)
    assert near[1] > near[0]
    # BM25 26.0 vs 16.9: a much higher cosine does not overturn a clear win
    clear = score_fusion([26.04, 16.88], [0.11, 0.25], dense_weight=0.05)
    assert clear[0] > clear[1]
    assert score_fusion([4.0, 0.0], [0.0, 0.5]) == pytest.approx([1.0, 0.25])   # dense-only candidates: dense term only
    assert score_fusion([0.0], [0.3], dense_weight=1.0) == pytest.approx([0.3])
    assert score_fusion([], []) == []


def test_config_checks_fusion_and_reads_old_folders_as_rrf():
    with pytest.raises(ValueError, match="fusion"):
        RetrieverConfig(fusion="max")
    assert RetrieverConfig.from_dict({"dense_weight": 0.2, "rrf_k": 5}).fusion == "rrf"
    assert RetrieverConfig.from_dict({}) == RetrieverConfig()


def test_config_roundtrip_and_frozen():
    cfg = RetrieverConfig(dense_weight=0.3)
    assert RetrieverConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(Exception):
        cfg.bm25_weight = 2.0


# ---- vectors ---------------------------------------------------------------

def _unit(rng, n, d):
    x = rng.standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_flat_search_equals_brute_force():
    rng = np.random.default_rng(7)
    vecs, qs = _unit(rng, 700, 64), _unit(rng, 20, 64)
    vi = VectorIndex.build(vecs)
    assert vi.kind == "flat"
    s, i = vi.search(qs, 10)
    bs, bi = brute_force(vecs, qs, 10)
    np.testing.assert_array_equal(i, bi)
    np.testing.assert_allclose(s, bs, atol=1e-5)


def test_filtered_search_is_exact_over_allowed_rows():
    rng = np.random.default_rng(3)
    vecs, q = _unit(rng, 300, 32), _unit(rng, 1, 32)
    allowed = np.zeros(300, bool)
    allowed[::7] = True
    s, i = VectorIndex.build(vecs).search(q, 5, allowed)
    assert allowed[i[0]].all()
    sims = vecs[allowed] @ q[0]
    np.testing.assert_allclose(s[0], np.sort(sims)[::-1][:5], atol=1e-5)


def test_hnsw_chosen_above_threshold_and_agrees_with_brute_force():
    assert choose_kind(10) == "flat" and choose_kind(10**6) == "hnsw"
    rng = np.random.default_rng(11)
    vecs, qs = _unit(rng, 2000, 32), _unit(rng, 30, 32)
    vi = VectorIndex.build(vecs, threshold=1000)
    assert vi.kind == "hnsw"
    _, i = vi.search(qs, 1)
    _, bi = brute_force(vecs, qs, 1)
    assert (i[:, 0] == bi[:, 0]).mean() >= 0.9


# ---- embedding cache --------------------------------------------------------

class CountingEncoder:
    """Deterministic fake encoder: hashed character bigrams; counts what it encodes."""

    name = "fake-bigram-64"
    dim = 64

    def __init__(self):
        self.seen = []

    def encode(self, texts):
        self.seen.extend(texts)
        out = np.zeros((len(texts), self.dim), np.float32)
        for r, t in enumerate(texts):
            for a, b in zip(t, t[1:] + " "):
                out[r, (ord(a) * 31 + ord(b)) % self.dim] += 1.0
        out += 1e-3
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_cache_reencodes_only_changed_texts(tmp_path, plan_paragraphs):
    texts = plan_paragraphs[:40]
    inner = CountingEncoder()
    first = CachedEncoder(inner, tmp_path).encode(texts)
    assert len(inner.seen) == 40
    changed = texts[:39] + ["一段新的条款文本。"]
    inner.seen.clear()
    enc = CachedEncoder(inner, tmp_path)
    second = enc.encode(changed)
    assert inner.seen == ["一段新的条款文本。"] and (enc.last_hits, enc.last_misses) == (39, 1)
    np.testing.assert_array_equal(second[:39], first[:39])
    assert not list(tmp_path.rglob("*.pkl")) and list(tmp_path.rglob("*.npy"))


def test_cache_ignores_damaged_shard(tmp_path):
    inner = CountingEncoder()
    CachedEncoder(inner, tmp_path).encode(["甲乙丙", "丁戊己"])
    for npy in tmp_path.rglob("*.npy"):
        npy.write_bytes(b"garbage")
    inner.seen.clear()
    out = CachedEncoder(inner, tmp_path).encode(["甲乙丙", "丁戊己"])
    assert sorted(inner.seen) == ["丁戊己", "甲乙丙"]
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)


def test_cache_index_stays_current_with_its_own_shards_and_another_writers(tmp_path):
    import os
    v = np.eye(4, dtype=np.float32)
    mine = EmbeddingCache(tmp_path, "enc", 4, shipped=None)
    other = EmbeddingCache(tmp_path, "enc", 4, shipped=None)        # another process on the same cache
    mine.store(["k1"], v[:1])
    assert set(mine.lookup(["k1", "k2"])) == {"k1"}
    mine.store(["k2"], v[1:2])                                      # read back without reading the folder again
    assert set(mine.lookup(["k1", "k2"])) == {"k1", "k2"} and len(mine._read) == 2
    other.store(["k3"], v[2:3])
    t = mine.dir.stat().st_mtime_ns + 10**9                         # a later time, whatever the file system's tick
    os.utime(mine.dir, ns=(t, t))
    got = mine.lookup(["k1", "k2", "k3"])
    assert set(got) == {"k1", "k2", "k3"} and np.array_equal(got["k3"], v[2])


def test_cache_key_depends_on_encoder_and_text():
    assert text_key("a", "x") != text_key("b", "x") != text_key("a", "y")


def test_jieba_prefix_cache_lives_under_planqa_home(tmp_path, monkeypatch):
    from index.tokenize import _jieba_cache_dir

    monkeypatch.setenv("PLANQA_HOME", str(tmp_path / "home"))
    assert _jieba_cache_dir() == tmp_path / "home" / "jieba" and (tmp_path / "home" / "jieba").is_dir()
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("PLANQA_HOME", str(tmp_path / "file"))       # not a directory: fall back to jieba's temp dir
    assert _jieba_cache_dir() is None


def test_term_presence_equals_a_scan_of_the_token_lists(plan_paragraphs, tok):
    """BM25Index.presence (binary search of posting rows) against plain membership."""
    body = [tok(p) for p in plan_paragraphs]
    titles = [tok(p[:12]) for p in plan_paragraphs]
    idx = BM25Index.build(body, titles, BM25Params(title_weight=0.3))
    terms = ["成都", "新能源汽车", "集成电路", "石墨烯", "不存在的词", body[3][0], titles[7][-1]]
    docs = [0, 3, 7, 11, len(body) - 1, 5, 3]
    got = idx.presence(terms, docs)
    for i, t in enumerate(terms):
        for j, d in enumerate(docs):
            assert got[i, j] == (t in body[d] or t in titles[d]), (t, d)
    assert got.any() and not got.all()


# --- cue patterns read in either script ------------------------------------------------------

def test_a_cue_pattern_matches_the_words_printed_in_traditional_characters():
    from corpus.script import compile_cue, either_script
    cue = compile_cue(r"什么是|分(?:哪)?几个?(?:部分|章)|最后一[章节]")
    for simple, traditional in [("什么是增强现实", "什麼是增強現實"), ("分几个部分", "分幾個部分"), ("最后一节", "最後一節")]:
        assert cue.search(simple) and cue.search(traditional)
    # a class gains the forms of its characters, a negated one keeps them all out, a range is left whole
    assert compile_cue(r"[条节]").fullmatch("節") and not compile_cue(r"[^后]").fullmatch("後")
    assert either_script(r"[一-龥]") == r"[一-龥]" and either_script(r"\d+年") == r"\d+年"
    # what the simplified pattern matched it still matches, and only that among simplified text
    assert not cue.search("分几条") and compile_cue(r"(?<!什么)是指").search("所称X是指")


def test_text_in_traditional_characters_is_cut_where_its_simplified_form_is():
    from corpus.script import char_simplified
    from index.tokenize import tokenize
    traditional, simple = "在內科開公司，想找個地方辦登記、問法律問題", "在内科开公司，想找个地方办登记、问法律问题"
    assert char_simplified(traditional) == simple and char_simplified("发展目标") == "发展目标"
    words = tokenize(traditional)
    # the words as printed (內科, 登記), cut as the simplified text is (not 內科開)
    assert "內科" in words and "登記" in words and "內科開" not in words
    assert [char_simplified(w) for w in words] == tokenize(simple)
    # a stopword is one in either script
    assert tokenize("這個規劃的發展目標是什麼") == ["發展", "目標"]
