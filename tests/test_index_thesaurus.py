"""Thesaurus query expansion (index.thesaurus) on the shipped plan."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

import corpus
from index import Retriever, RetrieverConfig
from index.thesaurus import DEFAULT_PATH, Thesaurus, ThesaurusError, default_thesaurus, parse_synonyms

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def clauses():
    return [c for d in corpus.load_shipped() for c in d.clauses]


@pytest.fixture(scope="module")
def bm25(clauses):
    return Retriever.build(clauses, encoder=None, mode="bm25")


def _plan_text() -> str:
    text = "\n".join(d.text for d in corpus.load_shipped())
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _corpus_text() -> str:
    """The shipped plan and the dev corpus's plans (eval/plans): the wording plans use."""
    from eval.corpus import plan_files
    texts = [p.read_text(encoding="utf-8") for p in plan_files(ROOT / "eval" / "plans") if p.suffix in (".txt", ".md")]
    return _plan_text() + re.sub(r"\s+", "", unicodedata.normalize("NFKC", "\n".join(texts)))


def test_shipped_file_parses_and_every_target_is_plan_wording():
    th = default_thesaurus()
    assert len(th) >= 300
    plans = _corpus_text()
    missing = sorted({t for terms in th.entries.values() for t in terms if t not in plans})
    assert missing == [], f"expansion targets no plan of the corpus uses: {missing}"
    assert all(k not in terms for k, terms in th.entries.items())


@pytest.mark.parametrize("phrase", ["川芎", "川贝", "留在四川工作", "国内生产总值", "做家务", "婴儿"])
def test_no_entries_aimed_at_one_plans_places_or_clauses(phrase):
    """Local products, one province's slogans, an official term mapped to a province's
    (国内生产总值 -> 地区生产总值), everyday words mapped to one clause (婴儿 -> 出生缺陷): gone."""
    assert phrase not in default_thesaurus().entries
    assert "川产" not in {t for terms in default_thesaurus().entries.values() for t in terms}


def test_parse_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "syn.tsv"
    bad.write_text("# note\n电动车\t新能源汽车\n芯片 集成电路\n", encoding="utf-8")
    with pytest.raises(ThesaurusError, match=r"syn\.tsv:3"):
        Thesaurus.load(bad)
    with pytest.raises(ThesaurusError, match="cannot read"):
        Thesaurus.load(tmp_path / "missing.tsv")
    assert parse_synonyms(["手机\t手机 智能终端"]) == {"手机": ("智能终端",)}   # a word is not its own expansion


def test_find_skips_nested_phrases_keeps_overlapping_ones_and_latin_keys_match_whole_words():
    th = Thesaurus({"电池": ("电池组",), "车用电池": ("动力电池",), "ai": ("人工智能",), "电车": ("新能源汽车",),
                    "电池回收": ("梯次利用",)})
    assert [(m.phrase, m.terms) for m in th.find("车用电池坏了")] == [("车用电池", ("动力电池",))]
    assert [m.phrase for m in th.find("车用电池回收")] == ["车用电池", "电池回收"]
    assert [m.phrase for m in th.find("ＡＩ芯片和电车")] == ["ai", "电车"]       # NFKC + lower-case
    assert th.find("email 和 FAIR 原则") == []
    assert th.expand("电车和新能源汽车") == []                                  # already in the query's words
    assert th.expansion_text("AI 芯片") == "人工智能"


@pytest.mark.parametrize("query, plan_words", [
    ("纯电车以后怎么推广", "新能源汽车"),
    ("集成块设计", "集成电路"),
    ("厨余垃圾", "餐厨废弃物"),
    ("房顶上装太阳能板", "光伏"),
    ("机械手臂", "机器人"),
])
def test_everyday_words_reach_plan_clauses(bm25, query, plan_words):
    hits = bm25.search(query, k=3)
    assert hits and any(plan_words in h.text for h in hits), [h.text[:40] for h in hits]
    assert any(plan_words in "".join(h.matched_terms) or any(t in plan_words for t in h.matched_terms)
               for h in hits)


def test_expansion_counts_less_than_the_users_own_words(bm25, clauses):
    """Same query, expansion on/off: off finds nothing for a word the plan never
    uses; on, an expanded term scores exactly expansion_weight x its plain score."""
    off = Retriever(bm25.clauses, bm25.sparse, None, None, bm25.tokenize,
                    replace(bm25.config, expansion_weight=0.0), "bm25")
    assert off.search("泔水", k=3) == []
    own = bm25.search("餐厨废弃物", k=1)[0]
    via = {h.clause_id: h for h in bm25.search("泔水", k=10)}[own.clause_id]
    assert via.scores["bm25"] == pytest.approx(bm25.config.expansion_weight * own.scores["bm25"])


def test_expansion_is_query_time_only(bm25, tmp_path):
    """The index folder does not depend on the thesaurus: a saved index expands after load."""
    bm25.save(tmp_path / "idx")
    again = Retriever.load(tmp_path / "idx")
    assert [h.clause_id for h in again.search("电动车充电桩", k=5)] == \
        [h.clause_id for h in bm25.search("电动车充电桩", k=5)]
    assert RetrieverConfig().expansion_weight < RetrieverConfig().bm25_weight
    assert DEFAULT_PATH.name == "synonyms.tsv"


def test_everyday_phrases_stay_whole_in_the_tokenizer(bm25):
    """jieba alone cuts 打电竞比赛 as 打电|竞|比赛; the thesaurus's Han phrases are in
    the tokenizer's vocabulary, so 电竞 survives and expands to 电子竞技."""
    assert "电竞" in bm25.tokenize("打电竞比赛")
    assert "工业4.0" not in bm25.tokenize.vocabulary          # only all-Han phrases join the dictionary
    hits = bm25.search("打电竞比赛", k=3)
    assert hits and any("电子竞技" in h.text for h in hits)


def test_expand_with_plan_wording_skips_words_the_plan_uses_and_can_drop_absent_terms():
    th = Thesaurus({"电动车": ("新能源汽车",), "芯片": ("集成电路", "半导体器件")})
    plan = "新能源汽车和电动车。集成电路".__contains__
    assert th.expand("电动车和芯片") == ["新能源汽车", "集成电路", "半导体器件"]
    assert th.expand("电动车和芯片", plan) == ["集成电路"]                      # 电动车 is the plan's own word
    assert th.expand("电动车和芯片", plan, skip_used=False, drop_absent=False) == th.expand("电动车和芯片")
    assert th.expand("电动车和芯片", plan, skip_used=True, drop_absent=False) == ["集成电路", "半导体器件"]


def test_retriever_does_not_expand_a_word_the_plan_itself_uses(bm25):
    """The shipped plan says 电动车 and 芯片 itself: its own word beats the thesaurus's guess
    (RetrieverConfig.expansion_skip_used); words it never uses still expand."""
    assert bm25.config.expansion_skip_used and bm25.in_plan("电动车") and bm25.in_plan("芯 片")
    assert not bm25.in_plan("纯电车") and not bm25.in_plan("") and not bm25.in_plan("泔水")
    assert bm25.expansion_tokens("电动车以后怎么推广", bm25.tokenize("电动车以后怎么推广")) == []
    assert "集成电路" in bm25.expansion_tokens("集成块设计", bm25.tokenize("集成块设计"))
    ungated = Retriever(bm25.clauses, bm25.sparse, None, None, bm25.tokenize,
                        replace(bm25.config, expansion_skip_used=False), "bm25")
    assert "新能源汽车" in ungated.expansion_tokens("电动车以后怎么推广", ungated.tokenize("电动车以后怎么推广"))
    assert ungated.dense_query("电动车") == "电动车 新能源汽车" and bm25.dense_query("电动车") == "电动车"


def test_plan_wording_check_does_not_span_two_clauses(bm25):
    parts = ["".join(unicodedata.normalize("NFKC", x).lower().split())
             for c in bm25.clauses for x in (*c.section_path, c.title, c.text)]
    pairs = [(a[-3:], b[:3]) for a, b in zip(parts, parts[1:]) if a and b]
    across = [(x, y) for x, y in pairs if not any(x + y in p for p in parts)]
    assert len(across) > 10
    assert all(bm25.in_plan(x) and bm25.in_plan(y) and not bm25.in_plan(x + y) for x, y in across)
