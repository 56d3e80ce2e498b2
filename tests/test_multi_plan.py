"""The parts that make answers hold on any plan: place names, general word
information, the calibrated decision, the plan corpus and its per-plan runner."""
from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

import corpus
from assistant import evidence, places
from assistant.cli import main as cli_main
from assistant.compose import QueryTerms
from eval import calibrate
from eval.corpus import SHIPPED_ID, cross_negatives, discover, find_plan, read_plan_ids
from eval.metrics import normalize
from eval.runner import main as eval_main
from index import IndexFolderError, Retriever
from index.fusion import rescale_cosines


# --- places ------------------------------------------------------------------------------
def test_division_short_names():
    assert places.short_name("阿坝藏族羌族自治州") == "阿坝"
    assert places.short_name("广西壮族自治区") == "广西"
    assert places.short_name("绵阳市") == "绵阳"
    assert places.short_name("温江区") == "温江"


def test_places_in_a_question_and_not_in_ordinary_words():
    assert places.places_in("杭州市的数字经济目标是多少") == ["杭州市"]
    assert places.places_in("那上海呢？") == ["上海"]
    # county short forms that are ordinary words are not places
    assert places.places_in("新华社报道了长安汽车的和平发展") == []


def test_the_shipped_plans_places_come_from_its_text():
    found = set(places.plan_places(corpus.load_shipped()))
    assert {"成都", "绵阳", "攀枝花", "凉山", "阿坝"} <= found
    assert "杭州" not in found and "城区" not in found


# --- general word information ---------------------------------------------------------------
def test_word_information_weighs_padding_low_and_rare_words_high():
    info = evidence.WordInfo.info
    assert info("怎么") < info("规划") < info("天气") < info("电视剧")
    assert info("石墨烯") == evidence.INFO_CAP          # not in the general dictionary
    weights = evidence.info_weights(["到底", "石墨烯"])
    assert weights["到底"] == 0.0                        # question padding
    assert weights["石墨烯"] == evidence.INFO_CAP


def test_word_information_is_the_same_in_traditional_print():
    # 台湾's 净零路径 (eval/plans) asks 預計 / 轉型 / 工廠: jieba's dictionary holds them as 预计 / 转型 / 工厂, and
    # read as words it lacks they weighed as rare names, so a plain question seemed to miss its clause
    info, noun = evidence.WordInfo.info, evidence.WordInfo.is_noun
    assert info("預計") == info("预计") < evidence.INFO_CAP
    assert info("轉型") == info("转型") and info("工廠") == info("工厂")
    assert noun("工廠") and not noun("預計")

def test_missing_info_names_the_most_informative_absent_term():
    w = QueryTerms({"天气": 10.0, "成都": 7.0})
    assert evidence.missing_info("成都的产业", w) == pytest.approx(10.0 / evidence.INFO_CAP)
    assert evidence.missing_info("成都天气", w) == 0.0
    assert evidence.missing_terms("成都的产业", w, min_info=5) == ["天气"]


def test_the_abstention_note_leaves_out_runs_jieba_joined_from_single_characters():
    # 企业数到“十五五”末要达到: jieba's HMM makes 数到 and 末要, words of no dictionary
    assert evidence.fragment("数到") and evidence.fragment("末要") and evidence.fragment("要编")
    # words of the dictionary, and compounds of its words, are no fragments
    assert not any(evidence.fragment(w) for w in ("电视剧", "石墨烯", "够不够", "黑客攻击", "数", "企业"))
    w = QueryTerms({"数到": 14.0, "末要": 14.0, "电视剧": 11.5, "数字经济": 10.0})
    assert evidence.missing_terms("数字经济企业数", w) == ["电视剧"]
    assert evidence.missing_terms("企业", w) == ["电视剧", "数字经济"]


def test_calibration_is_data_and_round_trips():
    stored = evidence.models()
    assert list(stored) == ["dense_bg_sent_turn", "dense_bg_sent_probe_resid", "dense_bg_sent_probe", "dense_bg_sent",
                            "dense_bg", "dense_sent", "dense", "lexical_turn", "lexical"]      # most signals first
    assert "bg_margin" in stored["dense_bg"].features and "bg_margin" not in stored["dense"].features
    assert [evidence.signals_read(stored[m]) for m in stored] == [
        {"cos_top", "bg_margin", "sent_top", "turn_cov", "turn_miss"},
        {"cos_top", "bg_margin", "sent_top", "probe", "cos_resid", "part_top"},
        {"cos_top", "bg_margin", "sent_top", "probe"}, {"cos_top", "bg_margin", "sent_top"}, {"cos_top", "bg_margin"},
        {"cos_top", "sent_top"}, {"cos_top"}, {"turn_cov", "turn_miss"}, set()]
    # the question probe is read with its products with the paired features
    assert stored["dense_bg_sent_probe"].features == (evidence.with_pairs(evidence.FEATURES_DENSE + ("probe",))
                                                      + ("bg_margin", "sent_top") + evidence.FEATURES_UNPAIRED)
    # the cosine less the expected cosine is read beside the pairs, like the background margin, and so is
    # the best whitened part of the top clauses
    assert stored["dense_bg_sent_probe_resid"].features == (
        evidence.with_pairs(evidence.FEATURES_DENSE + ("probe",)) + ("bg_margin", "sent_top", "cos_resid", "part_top")
        + evidence.FEATURES_UNPAIRED)
    # a follow-up's own words are read by the follow-up model alone, over the single features (no pairs)
    assert stored["dense_bg_sent_turn"].features == (evidence.FEATURES_DENSE + ("bg_margin", "sent_top")
                                                     + evidence.FEATURES_TURN + evidence.FEATURES_UNPAIRED)
    assert stored["lexical_turn"].features == evidence.FEATURES_LEXICAL + evidence.FEATURES_TURN
    assert not any("turn" in f for m, cal in stored.items() if not m.endswith("_turn") for f in cal.features)
    # the figure gap is read beside the pairs by every model
    assert all("figure_gap" in cal.features and not any("figure_gap*" in f or "*figure_gap" in f for f in cal.features)
               for cal in stored.values())
    for name, cal in stored.items():
        assert len(cal.weights) == len(cal.features) and 0.0 < cal.threshold < 1.0
        back = evidence.Calibration.from_dict(json.loads(json.dumps(cal.to_dict())))
        assert back == cal
    lex = stored["lexical"]
    good = evidence.Evidence({"info_cov": 1.0, "idf_cov": 1.0, "miss_info": 0.0})
    # a clause that holds none of the question, lacking its most informative noun, which the plan never
    # uses anywhere (a foreign place decides alone in the assistant, so its fitted weight is small); fitted
    # on 21 plans the BM25-only model answers from 10 % of the question's information up, so 0.1 is no
    # longer a decline there
    bad = evidence.Evidence({"info_cov": 0.0, "idf_cov": 0.0, "miss_info": 1.0, "miss_noun": 1.0, "plan_miss": 1.0})
    assert lex.probability(good) > lex.threshold
    # held to 2.5 % false on 37 plans the BM25-only model answers from almost nothing; a best clause with
    # none of the question's words is declined by rule in that mode (PlanAssistant._decide)
    assert evidence.unsupported(bad.features) and not evidence.unsupported(good.features)


def test_bm25_mode_declines_when_no_clause_holds_a_word_of_the_question(tmp_path):
    from assistant import PlanAssistant
    pa = PlanAssistant(encoder="none", index_dir=tmp_path / "bm25")
    for q in ("猫粮哪个牌子好？", "口红色号怎么选？", "明天会下雨吗？"):
        ans = pa.ask(q)
        assert ans.abstained and evidence.unsupported(ans.evidence), q
    ans = pa.ask("2015年战略性新兴产业总产值是多少？")
    assert not ans.abstained


# --- fitting -------------------------------------------------------------------------------
def test_weighted_logistic_fit_separates_and_threshold_keeps_false_abstention_low():
    rng = np.random.default_rng(0)
    pos = rng.normal(1.0, 0.5, size=(200, 2))
    neg = rng.normal(-1.0, 0.5, size=(200, 2))
    X = np.vstack([pos, neg])
    y = np.array([1.0] * 200 + [0.0] * 200)
    w, b, m, s = calibrate.fit_logistic(X, y, np.ones(400))
    p = calibrate.probabilities(X, w, b, m, s)
    assert (w > 0).all() and ((p > 0.5) == (y == 1)).mean() > 0.95
    t = calibrate.choose_threshold(p, y, target_false=0.02)
    assert ((p < t) & (y == 1)).sum() <= 4                # at most 2 % of 200 lost
    assert ((p < t) & (y == 0)).mean() > 0.4              # and most negatives caught


def test_an_answer_is_judged_by_a_model_that_reads_only_the_signals_it_has():
    stored = evidence.models()
    base = {"info_cov": 0.5, "idf_cov": 0.5, "cos_top": 0.8}
    pick = {name: evidence.model_for(evidence.Evidence(feats)) for name, feats in {
        "dense_bg_sent_probe_resid": {**base, "bg_margin": 0.02, "sent_top": 0.85, "probe": -1.5,
                                      "cos_resid": 0.03, "part_top": 0.4},
        "dense_bg_sent_probe": {**base, "bg_margin": 0.02, "sent_top": 0.85, "probe": -1.5},   # no expected cosine
        # a follow-up read as continuing the turn before: no probe, and what its own words add
        "dense_bg_sent_turn": {**base, "bg_margin": 0.02, "sent_top": 0.85, "part_top": 0.4, "turn_cov": 0.0,
                               "turn_miss": 1.0},
        "dense_bg_sent": {**base, "bg_margin": 0.02, "sent_top": 0.85},        # no probe for this encoder
        "dense_bg": {**base, "bg_margin": 0.02},                 # sentence cosines turned off
        "dense_sent": {**base, "sent_top": 0.85},                # an encoder the background was not built with
        "dense": base,
        "lexical_turn": {"info_cov": 0.5, "idf_cov": 0.5, "turn_cov": 0.0, "turn_miss": 1.0},    # BM25, a follow-up
        "lexical": {"info_cov": 0.5, "idf_cov": 0.5}}.items()}
    assert all(cal is stored[name] for name, cal in pick.items())
    # a dense follow-up without the background (another encoder) is read by a dense model, not by BM25's
    other = {**base, "sent_top": 0.85, "turn_cov": 0.0, "turn_miss": 1.0}
    assert evidence.model_for(evidence.Evidence(other)) is stored["dense_sent"]
    # the expected cosine without the whitened part (no moments to whiten by): the model without either
    no_part = {**base, "bg_margin": 0.02, "sent_top": 0.85, "probe": -1.5, "cos_resid": 0.03}
    assert evidence.model_for(evidence.Evidence(no_part)) is stored["dense_bg_sent_probe"]


def test_a_follow_ups_evidence_reads_what_its_own_words_add():
    from index.hit import Hit
    hits = [Hit("到2020年，新材料产业主营业务收入达到3000亿元。", "c1", ("新材料",), (1, 1), 1.0),
            Hit("积极发展新能源汽车产业。", "c2", ("新能源汽车",), (1, 1), 0.5)]
    asked = {"新材料": 9.0, "产业": 6.0, "目标": 5.0}
    alone = evidence.gather(hits, asked, asked)
    assert not {"turn_cov", "turn_miss"} & alone.features.keys()       # a turn read alone has none
    # 那红烧肉呢？ after a question about 新材料产业: its own word is in no clause, nor anywhere in the plan
    off = evidence.gather(hits, asked, asked, turn={"红烧肉": 12.0}, turn_unused=12.0)
    assert off.features["turn_cov"] == 0.0 and off.features["turn_miss"] == pytest.approx(12.0 / evidence.INFO_CAP)
    # 那新能源汽车呢？: a top clause holds it; a turn adding no word of its own continues what was held
    on = evidence.gather(hits, asked, asked, turn={"新能源汽车": 10.0})
    assert on.features["turn_cov"] == 1.0 and on.features["turn_miss"] == 0.0
    assert evidence.gather(hits, asked, asked, turn={}).features["turn_cov"] == 1.0
    # the information the assistant gives the follow-up model is the previous question's coverage either way
    assert off.features["info_cov"] == on.features["info_cov"] == alone.features["info_cov"]


@pytest.mark.slow
def test_a_follow_up_into_what_the_plan_never_covers_is_declined_with_the_real_encoder():
    from assistant import PlanAssistant
    pa = PlanAssistant(index_dir=None)              # the shipped plan, default (e5) encoder
    first = "新材料产业的目标是什么？"
    off = pa.ask("那红烧肉呢？", history=[first])
    assert off.resolved_query == "红烧肉的目标是什么"           # not 新红烧肉: 新 goes with the replaced subject
    assert off.evidence["turn_cov"] == 0.0 and off.evidence["turn_miss"] > 0.9 and off.abstained
    on = pa.ask("那新能源汽车呢？", history=[first])
    assert on.evidence["turn_cov"] == 1.0 and on.evidence["turn_miss"] == 0.0 and not on.abstained
    assert "新能源汽车" in on.excerpts[0].text
    assert "turn_cov" not in pa.ask(first).evidence


def test_fitting_on_some_plans_keeps_their_rows_in_order_with_their_vectors(tmp_path):
    rows = [("a", "hybrid", {}, 1.0), ("b", "hybrid", {}, 0.0), ("a", "bm25", {}, 1.0), ("c", "hybrid", {}, 0.0)]
    vectors = {0: np.ones(2), 1: np.zeros(2), 3: np.full(2, 3.0)}
    kept, vec, cos = calibrate.only_plans(rows, vectors, {0: 0.9, 3: 0.4}, {"a", "c"})
    assert kept == [rows[0], rows[2], rows[3]]
    assert sorted(vec) == [0, 2] and vec[2][0] == 3.0 and cos == {0: 0.9, 2: 0.4}
    listed = tmp_path / "plans.txt"
    listed.write_text("a\n\nc\n", encoding="utf-8")
    assert read_plan_ids(listed, {"a", "b", "c"}) == {"a", "c"}
    with pytest.raises(SystemExit, match="c"):          # a plan with no rows is named, not skipped
        read_plan_ids(listed, {"a", "b"})


def test_pair_features_are_products_and_the_dense_model_reads_them():
    names = evidence.with_pairs(("a", "b"))
    assert names == ("a", "b", "a*a", "a*b", "b*b")
    assert evidence.Evidence({"a": 2.0, "b": 0.5}).vector(names) == [2.0, 0.5, 4.0, 1.0, 0.25]
    assert evidence.Evidence({"a": 2.0}).vector(("a*b",)) == [0.0]          # a missing feature is 0
    dense, lexical = evidence.models()["dense"], evidence.models()["lexical"]
    assert dense.features == evidence.with_pairs(evidence.FEATURES_DENSE) + evidence.FEATURES_UNPAIRED
    assert lexical.features == evidence.FEATURES_LEXICAL


def test_pairs_let_a_logistic_model_weigh_one_signal_by_another():
    # answerable when a weak lexical match comes with a high cosine, or a strong one with any cosine:
    # no single weight per feature says that; the product does
    rng = np.random.default_rng(1)
    lex, cos = rng.uniform(0, 1, 600), rng.uniform(0, 1, 600)
    y = ((lex > 0.6) | ((lex > 0.2) & (cos > 0.7)) | ((lex <= 0.2) & (cos > 0.9))).astype(float)
    names = evidence.with_pairs(("lex", "cos"))
    X1 = np.column_stack([lex, cos])
    X2 = np.array([evidence.Evidence({"lex": a, "cos": b}).vector(names) for a, b in zip(lex, cos)])
    acc = []
    for X in (X1, X2):
        w, b, m, s = calibrate.fit_logistic(X, y, np.ones(len(y)), l2=0.1)
        acc.append(((calibrate.probabilities(X, w, b, m, s) > 0.5) == (y == 1)).mean())
    assert acc[1] > acc[0] + 0.02


# --- fusion ---------------------------------------------------------------------------------
def test_cosines_rescaled_within_the_plan():
    assert rescale_cosines([0.9, 0.8, 0.7], mean=0.7, top=0.9) == pytest.approx([1.0, 0.5, 0.0])
    assert rescale_cosines([0.5], mean=0.5, top=0.5) == [0.0]


# --- the corpus ------------------------------------------------------------------------------
def test_corpus_has_many_plans_each_with_both_splits():
    sets = discover()
    ids = [s.plan_id for s in sets]
    assert SHIPPED_ID in ids and len(ids) >= 7
    for s in sets:
        assert s.questions("dev") and s.questions("test"), s.plan_id
        assert s.path.is_file()
    shipped = next(s for s in sets if s.plan_id == SHIPPED_ID)
    assert len(shipped.questions("dev")) == 159 + 128 and len(shipped.questions("test")) == 51


def test_cross_plan_negatives_never_carry_their_answer_into_the_target_plan():
    sets = [s for s in discover() if s.plan_id != SHIPPED_ID][:4]
    texts = {s.plan_id: corpus.load_document(s.path).text for s in sets}
    neg = cross_negatives(sets, texts, "dev", per_plan=5)
    assert any(neg.values())
    by_id = {q.id: q for s in sets for q in s.questions("dev")}
    for pid, qs in neg.items():
        for q in qs:
            assert q.kind == "cross" and not q.answers and not q.in_scope
            original = by_id[q.id.split(":", 2)[2]]
            assert not any(normalize(a) in normalize(texts[pid]) for a in original.answers)
            assert q.source != pid and original in sets[[s.plan_id for s in sets].index(q.source)].questions("dev")


def test_a_borrowed_question_is_asked_without_its_own_plan_in_the_background():
    from assistant import background
    from eval.qset import Question
    from eval.runner import ask_question
    from index.encoders import E5_NAME
    bg = background.load(E5_NAME)

    class Probe:                    # what ask_question needs of an assistant
        def __init__(self):
            self.background, self.seen = bg, []

        def ask(self, question, history=None, k=5, mode=None):
            self.seen.append(len(self.background))
            return question

    probe = Probe()
    own = Question("a:dev:q1", "fact", "问题", ("答案",))
    borrowed = Question("cross:a:b-q1", "cross", "问题", (), source="zhuhai-talent-housing-measures")
    ask_question(probe, own, 5, None)
    ask_question(probe, borrowed, 5, None)
    mine = int((bg.plan_of == bg.plans.index("zhuhai-talent-housing-measures")).sum())
    assert probe.seen == [len(bg), len(bg) - mine] and probe.background is bg      # put back afterwards


def test_eval_runs_a_plan_of_the_corpus_on_its_own(capsys):
    code = eval_main(["eval/questions/plans/", "--only", "cn-skills-china-action", "--encoder", "none",
                      "--mode", "bm25", "--split", "dev", "--retriever", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "cn-skills-china-action" in out and "pooled" in out and "[retriever:bm25]" in out
    assert "[ask-single-turn:bm25]" in out
    assert SHIPPED_ID not in out


def test_shards_of_a_corpus_run_merge_into_the_run_they_share(tmp_path, capsys):
    plans = ["cn-skills-china-action", "cn-ship-smart-action", "zj-waste-regulation"]
    common = ["eval/questions/plans/", "--only", *plans, "--encoder", "none", "--mode", "bm25", "--split", "dev",
              "--cross", "2", "--retriever", "--quiet"]

    def strip(d):       # the figures but the timings, which differ run to run
        return {k: strip(v) if isinstance(v, dict) else v for k, v in d.items() if not k.startswith("latency")}

    def results(folder):
        data = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        return strip(data["summaries"]), data["failures"]

    assert eval_main(common + ["--report", str(tmp_path / "whole")]) == 0
    saved = [tmp_path / f"s{i}.pkl" for i in range(2)]
    for i, path in enumerate(saved):
        assert eval_main(common + ["--shard", f"{i}/2", "--save", str(path)]) == 0
    capsys.readouterr()
    assert eval_main(common + ["--merge", *map(str, saved), "--report", str(tmp_path / "merged")]) == 0
    whole, merged = results(tmp_path / "whole"), results(tmp_path / "merged")
    assert merged == whole and set(whole[0]["bm25"]) == {*plans, "pooled"}
    # the plans in corpus order, whatever shard asked them
    assert list(merged[0]["bm25"]) == list(whole[0]["bm25"])
    # a shard missing, or given twice: refused with the reason, nothing reported
    assert eval_main(common + ["--merge", str(saved[0])]) == 1
    assert "no shard asked" in capsys.readouterr().err
    assert eval_main(common + ["--merge", str(saved[0]), str(saved[0]), str(saved[1])]) == 1
    assert "already in another shard" in capsys.readouterr().err
    assert eval_main(common + ["--split", "test", "--merge", *map(str, saved)]) == 1
    assert "split dev" in capsys.readouterr().err
    assert eval_main(common + ["--shard", "2/2", "--save", str(tmp_path / "x")]) == 2
    assert eval_main(common + ["--shard", "0/2"]) == 2
    assert "--save" in capsys.readouterr().err
    # the report names the code that asked the questions, each shard's where they differ
    data = pickle.loads(saved[0].read_bytes())
    assert data["code"] == json.loads((tmp_path / "merged" / "results.json").read_text(encoding="utf-8"))["code"]
    data["code"] = "abc1234"
    saved[0].write_bytes(pickle.dumps(data))
    assert eval_main(common + ["--merge", *map(str, saved), "--report", str(tmp_path / "mixed")]) == 0
    code = json.loads((tmp_path / "mixed" / "results.json").read_text(encoding="utf-8"))["code"]
    assert code.startswith("abc1234 (s0.pkl); ") and code.endswith("(s1.pkl)")
    assert f"- code: {code};" in (tmp_path / "mixed" / "report.md").read_text(encoding="utf-8")


def test_eval_refuses_plan_arguments_for_a_corpus_folder(capsys):
    assert eval_main(["eval/questions/plans/", "--plan", "x.txt"]) == 2
    assert "--plan" in capsys.readouterr().err


def test_eval_with_a_plan_never_rebuilds_another_plans_index(tmp_path, capsys):
    idx = tmp_path / "idx"
    plan = find_plan("cn-skills-china-action")
    assert eval_main(["eval/questions/plans/cn-skills-china-action/test.jsonl", "--plan", str(plan),
                      "--index", str(idx), "--encoder", "none", "--mode", "bm25", "--quiet"]) == 0
    before = (idx / "manifest.json").read_bytes()
    capsys.readouterr()
    # the shipped plan's questions against the same folder, without --plan: refused, folder untouched
    code = eval_main(["eval/questions/test.jsonl", "--index", str(idx), "--encoder", "none", "--mode", "bm25"])
    assert code == 1
    assert "other documents" in capsys.readouterr().err
    assert (idx / "manifest.json").read_bytes() == before


def test_a_folder_of_other_documents_is_replaced_only_on_purpose(tmp_path):
    shipped = [c for d in corpus.load_shipped() for c in d.clauses]
    other = list(corpus.load_document(find_plan("cn-skills-china-action")).clauses)
    folder = tmp_path / "idx"
    Retriever.open(folder, shipped, encoder=None)
    with pytest.raises(IndexFolderError, match="other documents"):
        Retriever.open(folder, other, encoder=None)
    r = Retriever.open(folder, other, encoder=None, rebuild="replace")
    assert r.info["action"] == "rebuilt"


def test_a_damaged_folder_of_other_documents_is_not_rebuilt_over(tmp_path, capsys):
    # a corrupt manifest does not make a user's index anyone's: its clauses file says whose it was
    folder = tmp_path / "idx"
    Retriever.open(folder, corpus.load_document(find_plan("cn-skills-china-action")).clauses, encoder=None)
    (folder / "manifest.json").write_text('{"x": 1', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    shipped = [c for d in corpus.load_shipped() for c in d.clauses]
    with pytest.raises(IndexFolderError, match="other documents .cn-skills-china-action"):
        Retriever.open(folder, shipped, encoder=None)
    assert cli_main(["ask", "目标是什么？", "--index", str(folder), "--encoder", "none"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "other documents" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    # its own plan rebuilds it: nothing of anyone else's is lost
    r = Retriever.open(folder, corpus.load_document(find_plan("cn-skills-china-action")).clauses, encoder=None)
    assert r.info["action"] == "rebuilt"


@pytest.mark.parametrize("question, asks", [
    ("技工院校一年学费要交多少钱？", True),
    ("公共停车场每小时收费标准是多少？", True),
    ("护士的编制和工资待遇怎么定？", True),
    ("在山东申请教师资格证需要准备哪些材料？", True),
    # materials as a plan's own subject, not paperwork asked for
    ("开发商有些材料一时凑不齐，能先办后补吗？", False),
    ("新能源电池及材料产值增长目标是多少？", False),
    # a yes/no question about a fee is one a plan can answer (推行免费教育)
    ("残疾孩子去特殊学校读书要交学费吗？", False),
    ("学生体质健康测试优良率要达到多少？", False),
    # the asker's today or tomorrow: no plan speaks of it
    ("明天成都会下雨吗？", True),
    ("今晚有什么好看的电视剧？", True),
    ("北京天气怎么样？", True),
    # rain in a plan's own subject, not the weather forecast
    ("下雨积的雨水收集起来能派上什么用场？", False),
    ("下雨时农田低洼的地方老被淹怎么弄？", False),
    ("到2025年全市要新建多少个充电桩？", False),
    # the asker's week as the asker's days; a weekend of no week, or a 周期, is a plan's matter
    ("合肥这个周末会下雨吗？", True),
    ("下周去办证要带什么？", True),
    ("周末想带孩子去乡下露营，以后这类玩法会多起来吗？", False),
    ("下个周期的规划目标是什么？", False),
    # a fee asked as what is charged, a tariff asked how it is charged; 经费 is no fee
    ("小区物业费每平方米收多少？", True),
    ("合肥居民用电的阶梯电价是怎么收费的？", True),
    ("科研经费投入要达到多少？", False),
    ("污水处理费收入有多少？", False),
])
def test_practical_questions_ask_for_prices_pay_or_paperwork(question, asks):
    assert evidence.practical(question) is asks


def test_calibrate_can_write_some_models_and_keep_the_others_as_stored(tmp_path):
    def cal(bias):
        return evidence.Calibration(("info_cov",), (1.0,), bias, 0.5, (0.0,), (1.0,), {"fitted_on": ["p"]})
    path = tmp_path / "abstain.json"
    path.write_text(json.dumps({"models": {"a": cal(1.0).to_dict(), "b": cal(2.0).to_dict()}}), encoding="utf-8")
    fitted = {"new": cal(3.0), "a": cal(4.0), "b": cal(5.0)}
    kept = calibrate.keep_others(fitted, ["new", "a"], path)
    assert list(kept) == ["new", "a", "b"] and kept["new"].bias == 3.0 and kept["a"].bias == 4.0
    assert kept["b"] == cal(2.0)                                        # as stored, not refitted
    assert calibrate.keep_others(fitted, ["a"], tmp_path / "none.json") == fitted    # nothing stored: all fitted
    with pytest.raises(SystemExit):
        calibrate.keep_others(fitted, ["c"], path)
