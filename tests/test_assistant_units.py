"""Unit tests of the assistant's pure parts on paragraphs of the real plan.

No index, no corpus parser: a small Document is assembled here from the
shipped plan's text, so these run in well under a second.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import corpus
from assistant import compose, dialogue, structure
from assistant.answer import Answer, citation, hit_to_dict, numbering, pages_label
from assistant.text import clean_question, compact, highlight_spans, sentence_spans
from assistant.vocab import build_vocabulary, topic_phrase, topic_variants
from corpus.model import Clause, Document, Section
from index.hit import Hit

PLAN = Path(__file__).resolve().parent.parent / "corpus" / "plans" / "sichuan-sei-13th-fyp.txt"


def _plain_plan() -> str:
    """The plan with page markers dropped and hard wraps joined (crudely)."""
    lines = [ln.strip() for ln in PLAN.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not re.fullmatch(r"-\s*\d+\s*-", ln)]
    return "\n".join(lines)


TEXT = _plain_plan()


def _para(start: str) -> str:
    """The paragraph of the plan that starts with ``start`` (wrapped lines joined)."""
    joined = TEXT.replace("\n", "")
    i = joined.index(start)
    j = min([p for p in (joined.find(m, i + len(start)) for m in ("（二）面临形势", "核心发展区。", "专栏", "重点拓展区。"))
             if p > 0] + [len(joined)])
    return joined[i:j]


BASE_PARA = _para("2015 年战略性新兴产业实现总产值")
JIBING = "静脉产业：是垃圾回收和再资源化利用的产业"


def _clause(cid, text, path, title="", pages=(3, 3), kind="body", doc_text=None, doc_id="t"):
    start = doc_text.index(text) if doc_text else 0
    return Clause(clause_id=f"{doc_id}:{cid}", doc_id=doc_id, section_path=path, title=title, text=text,
                  pages=pages, span=(start, start + len(text)), kind=kind)


@pytest.fixture(scope="module")
def mini_doc():
    """Two chapters (六 生物, 七 新能源…汽车), their boxes and two glossary entries."""
    chunks = [
        "六、推动生物产业突破发展",
        "（一）推进生物医药创新发展。",
        _para("加快生物技术药物、化学药物、现代中药")[:120] if "加快生物技术药物" in TEXT.replace("\n", "") else "生物医药。",
        "（六）优化产业空间布局。",
        _para("以成都为主体形成核心发展区，以泸州、德阳、绵阳、广元"),
        "专栏 7  生物产业重点工程",
        "生物医药创新发展工程：推动生物医药创新。",
        "生物医学工程产业化工程：发展医疗器械。",
        "智慧健康产业发展工程：大力发展智慧健康产业。",
        "七、推进新能源及新能源汽车产业加快发展",
        "（二）加快发展新能源汽车产业。",
        "专栏 10  新能源汽车产业重点工程",
        "新能源汽车研发创新工程：依托骨干企业、高校、科研院所。",
        "新能源汽车推广应用工程：推进重点城市应用。",
        "名 词 解 释",
        "14. 静脉产业：是垃圾回收和再资源化利用的产业，又被称为“静脉经济”。",
    ]
    doc_text = "\n".join(chunks)
    six, seven = "推动生物产业突破发展", "推进新能源及新能源汽车产业加快发展"
    clauses = (
        _clause("六.（六）.1", chunks[4], (six, "优化产业空间布局"), doc_text=doc_text, pages=(30, 31)),
        _clause("专栏7.1", chunks[6], (six, "生物产业重点工程"), "生物医药创新发展工程", kind="box", doc_text=doc_text),
        _clause("专栏7.2", chunks[7], (six, "生物产业重点工程"), "生物医学工程产业化工程", kind="box", doc_text=doc_text),
        _clause("专栏7.3", chunks[8], (six, "生物产业重点工程"), "智慧健康产业发展工程", kind="box", doc_text=doc_text),
        _clause("专栏10.1", chunks[12], (seven, "新能源汽车产业重点工程"), "新能源汽车研发创新工程", kind="box", doc_text=doc_text),
        _clause("专栏10.2", chunks[13], (seven, "新能源汽车产业重点工程"), "新能源汽车推广应用工程", kind="box", doc_text=doc_text),
        _clause("名词解释.14", chunks[15], ("名词解释",), "14. 静脉产业", kind="glossary", doc_text=doc_text),
    )
    outline = (
        Section("六", "六、", six, 1, "section", (28, 32), (
            Section("六.（一）", "（一）", "推进生物医药创新发展", 2, "section", (28, 29)),
            Section("六.（六）", "（六）", "优化产业空间布局", 2, "section", (30, 31)),
            Section("专栏7", "专栏 7", "生物产业重点工程", 2, "box", (30, 30)),
        )),
        Section("七", "七、", seven, 1, "section", (32, 40), (
            Section("七.（二）", "（二）", "加快发展新能源汽车产业", 2, "section", (35, 37)),
            Section("专栏10", "专栏 10", "新能源汽车产业重点工程", 2, "box", (37, 38)),
        )),
        Section("名词解释", "", "名词解释", 1, "glossary", (62, 66)),
    )
    return Document(doc_id="t", title="测试", source="mini", text=doc_text, clauses=clauses, outline=outline)


@pytest.fixture(scope="module")
def vocab(mini_doc):
    return build_vocabulary([mini_doc])


# --- input cleaning ------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    "<script>alert('x')</script>成都生物产业",
    "<b>成都</b>的**生物产业**？",
    "成都\x00\x07\u202e生物产业😀",
    "[成都](javascript:alert(1)) 生物产业",
])
def test_clean_question_removes_markup_and_controls(raw):
    clean, notes = clean_question(raw)
    assert "成都" in clean and "生物" in clean
    assert not re.search(r"[<>\x00-\x1f\u202e]|script|javascript", clean)
    assert notes


def test_clean_question_truncates_long_input_and_says_so():
    clean, notes = clean_question("成都" * 50_000, max_chars=500)
    assert len(clean) == 500
    assert any("500" in n for n in notes)


def test_clean_question_leaves_plain_question_alone():
    q = "2015年战略性新兴产业总产值是多少？"
    assert clean_question(q) == (q, [])


def test_an_empty_bracket_pair_is_a_sign_not_markup():
    # "表中“[ ]”内的数字" asks what the sign means: it is kept (as its full-width form), and no note says
    # markup was removed; a bracketed word is still markup
    assert clean_question("方括号“[ ]”是什么意思？") == ("方括号“［ ］”是什么意思？", [])
    assert clean_question("[]内为累计数") == ("［］内为累计数", [])
    assert clean_question("a[1]b")[0] == "a1b"


# --- sentences, trimming, lead --------------------------------------------------------

def test_sentence_spans_cover_text_and_join_short_leads():
    text = "集成电路产业。" + BASE_PARA
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert not text[spans[0][0]:spans[0][1]].endswith("集成电路产业。")   # the bold lead is joined


def test_trim_keeps_the_answering_sentence_verbatim():
    weights = {"2015": 3.0, "总产值": 2.0}
    long_text = _para("“十二五”时期，我省科学选择")
    a, b = compose.trim_span(long_text, weights, target=200, max_chars=360)
    excerpt = long_text[a:b]
    assert excerpt in long_text and len(excerpt) <= 200
    assert "5671.5" in excerpt


def test_trim_follows_the_window_the_question_means():
    """A paraphrase shares no word with the sentence that answers it: the sentence window with the
    best cosine chooses the excerpt; an exact word still outweighs a small cosine difference."""
    text = ("推进城市更新。全面完成中心城区零星旧里改造，基本完成小梁薄板房屋改造。彭一小区旧住房拆除重建工程实现完工。"
            "愚园路627弄等不成套职工住宅完成改造。蕃瓜弄小区旧住房拆除重建项目加快推进，确保居民尽早回搬。"
            "持续推进既有多层住宅加装电梯，每年完成加装电梯200台以上，同步推进老旧小区综合改造和社区服务设施补短板。"
            "完善旧区改造房屋征收补偿机制，依法维护被征收人的合法权益，确保社会稳定。")
    weights = {"拆除重建": 2.0, "老住户": 3.0, "搬回去": 3.0}
    plain = compose.trim_span(text, weights, target=60, max_chars=120)
    assert "彭一小区" in text[plain[0]:plain[1]]                 # the first sentence with the shared word
    at = text.index("蕃瓜弄")
    windows = [(0, at, 0.80), (at, text.index("持续推进"), 0.90), (text.index("持续推进"), len(text), 0.78)]
    a, b = compose.trim_span(text, weights, target=60, max_chars=120, windows=windows, dense_weight=0.5)
    assert "确保居民尽早回搬" in text[a:b]
    assert compose.trim_span(text, weights, target=60, max_chars=120, windows=windows, dense_weight=0.0) == plain
    assert compose.dense_bonus([(0, 5), (6, 9)], [(0, 9, 0.8)], 1.0) == [0.0, 0.0]     # one window: no signal


def test_lead_prefers_the_sentence_with_the_figure():
    hit = Hit(text=_para("“十二五”时期，我省科学选择"), clause_id="t:一.（一）.1", section_path=("规划背景", "发展基础"),
              pages=(2, 3), score=1.0)
    weights = {"2015": 3.0, "战略性新兴产业": 1.0, "总产值": 2.0}
    lead = compose.choose_lead([hit], weights, numbers=True)
    assert "5671.5" in lead and lead in hit.text
    assert len(lead) < 200


def test_a_who_question_keeps_the_tasks_responsibility_note():
    text = ("加强大中小学劳动教育。充分发挥劳动综合育人功能，把劳动教育纳入人才培养全过程，与德育、智育、体育、美育相融合。"
            "大中小学校全部开设劳动教育必修课，分学段、分年级明确劳动教育的目标要求和教育内容。"
            "建立劳动清单制度，推动学校每学年设立集体劳动周，组织学生参加日常生活劳动、生产劳动和服务性劳动。"
            "建立劳动教育省级实验区。（省教育厅、团省委负责）")
    weights = {"劳动教育": 3.0, "大中小学": 2.0, "部门": 1.0, "负责": 1.0}
    a, b = compose.trim_span(text, weights, target=120, max_chars=200)
    assert "（省教育厅、团省委负责）" not in text[a:b]            # what the topic words alone keep
    a, b = compose.trim_span(text, weights, target=120, max_chars=200, who=True)
    assert text[a:b].endswith("（省教育厅、团省委负责）") and len(text[a:b]) <= 120
    assert compose.ASKS_WHO.search("这项任务由哪些部门负责？") and not compose.ASKS_WHO.search("劳动教育怎么开展？")


def test_over_long_sentence_is_cut_at_commas_not_mid_word():
    text = "，".join(["发展新型显示产业"] * 30) + "，重点发展集成电路设计。"
    a, b = compose.trim_span(text, {"集成电路": 2.0}, target=60, max_chars=80)
    assert b - a <= 80 and "集成电路" in text[a:b]
    assert a == 0 or text[a - 1] == "，"


def test_a_place_named_in_two_forms_is_one_place():
    """A clause about 广州 and 深圳 (广州市…深圳市…(广州、深圳市政府分别负责)) is about the asked
    city plus one other, not a list of four; three cities make a list."""
    every = ("广州市", "广州", "深圳市", "深圳", "韶关")
    text = ("6. 广州市实施“久摇不中”申请人直接领取号牌政策,更大力度放宽购车限制性措施;深圳市优化小汽车"
            "常规增量指标摇号规则。(广州、深圳市政府分别负责)")
    assert compose.place_focus(text, ("广州",), every) == 2
    assert compose.place_focus(text, ("广州市",), every) == 2
    assert compose.place_focus("提升广州、深圳数据交易所能级,支持韶关建设数据中心。", ("广州",), every) == 1
    assert compose.place_focus("支持韶关建设数据中心。", ("广州",), every) == 0


def test_coverage_weights_rare_terms():
    w = {"成都": 1.0, "个人所得税": 5.0}
    assert compose.coverage("成都依托高新技术产业开发区", w) == pytest.approx(1 / 6)
    assert compose.coverage("", {}) == 0.0


def test_merge_adjacent_only_when_contiguous_and_more_complete(mini_doc):
    by_id = {c.clause_id: c for c in mini_doc.clauses}
    a, b = by_id["t:专栏7.1"], by_id["t:专栏7.2"]
    hits = [Hit(a.text, a.clause_id, a.section_path, a.pages, 2.0, "t", a.title, "box"),
            Hit(b.text, b.clause_id, b.section_path, b.pages, 1.0, "t", b.title, "box")]
    merged = compose.merge_adjacent(hits, by_id, {"t": mini_doc.text}, {"生物医药": 1.0, "医疗器械": 1.0})
    assert len(merged) == 1 and merged[0].text in mini_doc.text
    assert "生物医药" in merged[0].text and "医疗器械" in merged[0].text
    same = compose.merge_adjacent(hits, by_id, {"t": mini_doc.text}, {"生物医药": 1.0})
    assert [h.text for h in same] == [a.text, b.text]


# --- highlighting and citations ------------------------------------------------------

def test_highlight_spans_point_at_terms():
    text = "2015 年战略性新兴产业实现总产值 5671.5 亿元"
    spans = highlight_spans(text, ["总产值", "2015", "ＡＢ"])
    assert [text[a:b] for a, b in spans] == ["2015", "总产值"]


def test_citation_format():
    h = Hit(text="x", clause_id="sc-sei-13:三.（一）.2", section_path=("推动新一代信息技术产业跨越发展", "做大做强集成电路和新型显示产业"),
            pages=(7, 8), score=1.0, title="集成电路产业")
    assert numbering(h.clause_id) == "三、（一）"
    assert citation(h) == "〔三、（一）集成电路产业 · 第7–8页〕"
    assert pages_label((7, 7)) == "第7页"
    d = hit_to_dict(h)
    assert d["citation"] == citation(h) and d["pages"] == [7, 8] and d["section_path"][0].startswith("推动")


def test_answer_to_dict_is_json_safe():
    import json
    h = Hit(text="总产值 5671.5 亿元", clause_id="t:一.（一）.1", section_path=("规划背景",), pages=(3, 3), score=0.5,
            matched_terms=("总产值",))
    ans = Answer(question="q", resolved_query="q", abstained=False, lead="总产值 5671.5 亿元", excerpts=[h])
    d = json.loads(json.dumps(ans.to_dict(), ensure_ascii=False))
    assert set(d) >= {"question", "resolved_query", "abstained", "lead", "excerpts", "suggestions", "kind", "outline"}
    assert d["excerpts"][0]["highlights"] == [[0, 3]]


# --- vocabulary and dialogue ---------------------------------------------------------

def test_topic_phrases_from_headings():
    assert topic_phrase("推动生物产业突破发展") == "生物产业"
    assert topic_phrase("推进生物医药创新发展。") == "生物医药"
    assert "新型显示" in topic_variants(topic_phrase("做大做强集成电路和新型显示产业"))
    assert "集成电路" in topic_variants(topic_phrase("做大做强集成电路和新型显示产业"))


def test_vocabulary_knows_chapters_and_boxes(vocab):
    assert vocab.parent["生物医药"] == "生物产业"
    assert vocab.items[vocab.boxes["新能源汽车"]][1] == "新能源汽车推广应用工程"


def _ask(history, question, vocab, doc):
    return dialogue.resolve_history(history, question, vocab, lambda t: clean_question(t)[0],
                                    lambda t: (structure.find_ref(t, [doc]) or structure.Ref("")).section_id)


def test_ellipsis_swaps_the_topic_and_keeps_the_place(vocab, mini_doc):
    f = _ask(["成都的生物产业重点发展什么？"], "那新能源汽车呢？", vocab, mini_doc)
    assert f.followup and f.places == ("成都",) and f.topics == ("新能源汽车",)
    assert f.query.startswith("成都 新能源汽车")
    assert "生物" not in f.query


def test_a_place_alone_continues_and_a_place_with_words_of_its_own_does_not(vocab, mini_doc):
    f = _ask(["高端装备产业的核心发展区有哪些城市？"], "成都有哪些？", vocab, mini_doc)
    assert f.followup and f.cue == "place" and f.query.startswith("成都 高端装备产业")
    f = _ask(["成都的生物产业重点发展什么？"], "明天成都会下雨吗？", vocab, mini_doc)
    assert not f.followup and f.query == "明天成都会下雨吗？"
    assert _ask(["成都的生物产业重点发展什么？"], "那新能源汽车呢？", vocab, mini_doc).cue == "ellipsis"
    assert _ask(["生物医药方面规划怎么说？"], "它的空间布局是怎样的？", vocab, mini_doc).cue == "anaphora"


def test_a_this_word_points_back_unless_its_own_question_names_what_it_points_to():
    assert dialogue.points_back("这个指标是约束性还是预期性？")
    assert dialogue.points_back("针对这些问题，今年在收入管理上打算怎么做？")
    assert not dialogue.points_back("创业公司缺钱，规划怎么帮它们融资？")
    assert not dialogue.points_back("川芎、川贝这些四川本地产的草药以后怎么发展？")
    assert not dialogue.points_back("石墨烯产业怎么发展？")


def test_ellipsis_swaps_the_place(vocab, mini_doc):
    f = _ask(["成都的生物产业重点发展什么？"], "那德阳呢？", vocab, mini_doc)
    assert f.places == ("德阳",) and "生物产业" in f.topics


def test_anaphora_lifts_topic_to_chapter_for_layout(vocab, mini_doc):
    f = _ask(["生物医药方面规划怎么说？"], "它的空间布局是怎样的？", vocab, mini_doc)
    assert f.query == "生物产业 空间布局"


def test_ordinal_picks_the_box_item(vocab, mini_doc):
    f = _ask(["专栏10有哪些工程？"], "第二个工程呢？", vocab, mini_doc)
    assert f.query == "新能源汽车推广应用工程"
    f = _ask(["生物产业有哪些重点工程？"], "第三个工程具体讲什么？", vocab, mini_doc)
    assert f.topics == ("智慧健康产业发展工程",)


def test_question_with_its_own_topic_starts_fresh(vocab, mini_doc):
    f = _ask(["成都的生物产业重点发展什么？"], "新能源汽车推广应用有哪些措施？", vocab, mini_doc)
    assert not f.followup and f.query == "新能源汽车推广应用有哪些措施？"


def test_unrelated_question_is_not_glued_to_history(vocab, mini_doc):
    f = _ask(["成都的生物产业重点发展什么？"], "个人所得税起征点是多少？", vocab, mini_doc)
    assert not f.followup and "生物" not in f.query


def test_history_replay_is_deterministic_and_bounded(vocab, mini_doc):
    hist = ["成都的生物产业重点发展什么？", "那德阳呢？"] * 40
    a = _ask(hist, "那新能源汽车呢？", vocab, mini_doc)
    b = _ask(hist, "那新能源汽车呢？", vocab, mini_doc)
    assert a == b and a.places == ("德阳",)


@pytest.mark.parametrize("prev,follow,expected", [
    ("金山铁路2024年全天开行多少对列车？", "2025年呢？", "金山铁路2025年全天开行多少对列车"),
    ("到2025年数字经济核心产业增加值占GDP比重目标是多少？", "那2020年是多少？",
     "到2020年数字经济核心产业增加值占GDP比重目标是多少"),
    ("崇明岛主海塘要推进多少公里达标建设？", "那长兴岛呢？", "长兴岛主海塘要推进多少公里达标建设"),
    ("既有公共建筑节能改造目标是多少？", "居住建筑呢？", "既有居住建筑节能改造目标是多少"),
    ("对失信的定点医药机构怎么惩戒？", "那失信的参保人呢？", "对失信的参保人怎么惩戒"),
    ("国家层面的医疗质量管理与控制信息系统怎么建？", "省级呢？", "省级的医疗质量管理与控制信息系统怎么建"),
    ("乘客出行信息服务平台提供的静态信息有哪些？", "那动态信息包括什么？", "乘客出行信息服务平台提供的动态信息有哪些"),
    ("旅游产业化投资全年要完成多少？", "那上半年呢？", "旅游产业化投资上半年要完成多少"),
    ("全省一季度新开工项目多少个？", "第三季度呢？", "全省第三季度新开工项目多少个"),
    # a numbered element replaces the numeral too (二 / 孩 / 家庭), not only the noun after it
    ("二孩家庭在中心城区买新房，补贴最多多少钱？", "那三孩家庭呢？", "三孩家庭在中心城区买新房，补贴最多多少钱"),
    ("一类高层次人才可以租多大的房子？", "二类高层次人才呢？", "二类高层次人才可以租多大的房子"),
    # and an ordinal word jieba tags as a numeral (首 / 套房, 第一套 / 住房), not only a digit-numeral
    ("首套房最低首付比例是多少？", "二套房呢？", "二套房最低首付比例是多少"),
    ("用公积金贷款买首套住房，最低首付比例是多少？", "第二套住房呢？", "用公积金贷款买第二套住房，最低首付比例是多少"),
    ("2月份缴纳契税能补贴多少？", "4月份交呢？", "4月份缴纳契税能补贴多少"),      # a month
    # a class of a graded list
    ("E类人才申请保障性租赁住房的面积是多少？", "F类的呢？", "F类人才申请保障性租赁住房的面积是多少"),
    ("一类人才能申请多大面积？", "那第二类呢？", "第二类人才能申请多大面积"),
    # the year a figure is set for moves, not the year it is compared with; and another year's
    # baseline need not be the new year's, so the comparison goes (碳达峰 意见: 到2030年…比2005年)
    ("到2025年，单位国内生产总值二氧化碳排放要比2020年下降多少？", "那到2030年呢？",
     "到2030年，单位国内生产总值二氧化碳排放要下降多少"),
    ("比2020年下降多少是2025年的目标？", "2030年呢？", "下降多少是2030年的目标"),
    # a year said relative to the text's own is a year
    ("2023年深圳新增就业多少人？", "今年呢？", "今年深圳新增就业多少人"),
    ("今年粮食产量目标是多少？", "那去年呢？", "去年粮食产量目标是多少"),
    # a time said with words that name nothing new (计划, 完成, 当年) still moves only the time
    ("重庆去年城镇新增就业多少人？", "那今年计划新增多少？", "重庆今年城镇新增就业多少人"),
    ("闵行区人均公园绿地面积“十五五”的目标是多少？", "那“十四五”完成了多少？",
     "闵行区人均公园绿地面积“十四五”的目标是多少"),
    ("到2025年旅游总收入的目标是多少？", "那2021年当年的旅游目标呢？", "到2021年旅游总收入的目标是多少"),
    # "2030年的目标" names a year as "2030年" does
    ("到2025年全国森林覆盖率要达到多少？", "2030年的目标呢？", "到2030年全国森林覆盖率要达到多少"),
    # 省里 / 县里 are said for 省级 / 县级; 国家局 is the national level
    ("国家局的药品监管云怎么建？", "那省里呢？", "省级的药品监管云怎么建"),
    ("市级财政补助多少？", "县里呢？", "县级财政补助多少"),
    # what the element names after its new modifier is said once (it had read 的参保率参保率)
    ("“十三五”时期平潭残疾人基本医疗保险参保率达到多少？", "那基本养老保险的参保率呢？",
     "“十三五”时期平潭残疾人基本养老保险的参保率达到多少"),
    # an element said with what is asked of it (的要求, 的目标 …) names the element alone
    ("年底前，省级依申请政务服务事项网上可办率要达到多少？", "那市、县两级的要求呢？",
     "年底前，市、县两级依申请政务服务事项网上可办率要达到多少"),
])
def test_substitute_replaces_the_element_of_the_same_type(prev, follow, expected):
    assert dialogue.substitute(prev, dialogue.elliptical_element(follow)) == expected


def test_a_place_the_words_cut_in_two_is_replaced_whole():
    # jieba cuts 章丘区 as 章丘|区: the whole place is replaced, not its first word
    assert dialogue.substitute("章丘区在人工智能产业布局里的定位是什么？", "槐荫区", places=("章丘区", "槐荫区")) == \
        "槐荫区在人工智能产业布局里的定位是什么"


def test_a_word_the_plan_prints_the_element_in_place_of_is_replaced():
    # 合肥's and 南京's 统计公报 (eval/plans) print 一般公共预算收入 beside 一般公共预算支出, 粮食播种面积
    # beside 蔬菜播种面积: 那支出呢 / 那蔬菜呢 asks the same of the other (jieba tags 收入, 支出 as verbs)
    printed = "全年一般公共预算收入955.01亿元。一般公共预算支出1581.06亿元。\n全年粮食播种面积207.32万亩。蔬菜播种面积121.29万亩。"
    assert dialogue.substitute("2024年合肥一般公共预算收入是多少？", "支出", printed=printed) == \
        "2024年合肥一般公共预算支出是多少"
    assert dialogue.substitute("2022年南京粮食播种面积是多少？", "蔬菜", printed=printed) == "2022年南京蔬菜播种面积是多少"
    # the words before the old one that the plan does not print with the new one go with it (无废城市 试点)
    printed = "畜禽粪污综合利用率达到75%以上，秸秆综合利用率达到85%。"
    assert dialogue.substitute("到2020年畜禽粪污综合利用率要达到多少？", "秸秆", printed=printed) == \
        "到2020年秸秆综合利用率要达到多少"
    # a question that says nothing beyond the phrase asks of the new element alone (replace_subject's rule)
    assert dialogue.substitute("太阳能产业怎么发展？", "风电", printed="太阳能产业。风电产业。") == ""
    # the plan printing the element alone, or the old phrase not at all, is no parallel
    assert dialogue.substitute("2024年合肥一般公共预算收入是多少？", "支出", printed="财政支出增长。") == ""
    assert dialogue.substitute("2022年南京粮食播种面积是多少？", "蔬菜", printed="蔬菜播种面积121.29万亩。") == ""

def test_substitute_needs_an_element_of_the_same_type():
    assert dialogue.substitute("积水点改造三年一共多少个？", "2025年") == ""        # no year to replace
    assert dialogue.substitute("二级以上医院要设立什么机构？", "其他医疗机构") == ""  # 机构 is what it asks
    assert dialogue.elliptical_element("衡复那边呢？") == "衡复"
    assert dialogue.substitute("国家级示范区有哪些？", "省级重点实验室") == ""        # more than a level
    # 城市里 holds no level: the film screenings of towns are not a level's
    assert dialogue.substitute("电影企业的哪些收入免征增值税？", "城市里的电影放映") == ""
    assert dialogue.substitute("城市里的电影院有多少家？", "县里") == ""
    # a time with a thing the previous question did not ask about is a question of its own
    assert dialogue.substitute("2025年全区常住人口要达到多少？", "2020年的地区生产总值是多少") == ""


def test_a_topic_marked_subject_with_its_own_question_is_a_new_subject():
    prev = "体育公园到2025年要新建改建多少个？"
    assert dialogue._own_subject("那家政服务这块有没有定具体数量？", prev) == "家政服务"
    assert dialogue._own_subject("至于铁路方面，要建成哪些项目？", prev) == "铁路"
    # the previous question asked of a new subject, a pointer back, a party, an old subject: none
    assert dialogue._own_subject("那家政服务这块呢？", prev) == ""
    assert dialogue._own_subject("那信托领域在这方面有什么问题？", prev) == ""
    assert dialogue._own_subject("那高校这边要做什么？", prev) == ""
    assert dialogue._own_subject("体育公园这块有没有定具体数量？", prev) == ""
    # an A-not-A question asks a question of its own: no element to put in the previous one
    assert dialogue.new_element("那家政服务有没有定数量？") == ""


def test_an_ellipsis_with_a_predicate_of_its_own_is_its_own_question():
    # the word before its question word is not in the previous question: put in it, the turn would be asked
    # the previous question's question (…再生水卖给企业要达到多少), so it is read as a question of its own
    assert dialogue._asks_its_own("那再生水卖给企业多少钱一吨？", "到2025年平潭城市再生水利用率要达到多少？")
    assert dialogue._asks_its_own("那失业金每个月能领多少？", "城镇调查失业率要控制在多少以内？")
    # one character is a word of its own: 交 is not in 交通委
    assert dialogue._asks_its_own("那审批要交多少费用？", "区交通委受理农村公路有关申请后多长时间内要作出审批决定？")
    # the previous question's predicate, a word as common as 是 or 能, a year, a pointer back: the previous
    # question asked again
    assert not dialogue._asks_its_own("那农村地区要建多少个？", "城市要建多少个充电桩？")
    assert not dialogue._asks_its_own("那长三角地区的要求是什么？", "到2025年，全国地级及以上城市PM2.5浓度要比2020年下降多少？")
    assert not dialogue._asks_its_own("那数字创意产业能有多少？", "节能环保产业到2020年产值要达到多少？")
    assert not dialogue._asks_its_own("那2020年办了多少场？", "2019年思南读书会等品牌活动一共办了多少场？")
    assert not dialogue._asks_its_own("那信托领域在这方面有什么问题？", "银行机构的工作要点对房地产行业政策列了哪些问题？")
    assert not dialogue._asks_its_own("那新能源汽车呢？", "成都重点发展哪些生物产业？")


def test_a_noun_phrase_names_a_thing_not_a_clause_or_a_count():
    # what an elliptical turn names, read whole as one of its own terms only when it is a thing
    for thing in ("电子烟", "万州机场", "小型矿山", "网络小贷公司", "有轨电车"):
        assert dialogue.noun_phrase(thing), thing
    for other in ("出行结束以后", "发改处负责", "农业那部分", "二套房", "买电动自行车", ""):
        assert not dialogue.noun_phrase(other), other


def test_a_place_replaces_the_place_of_its_own_level():
    places = ("甘肃", "庆阳", "庆阳市", "天水", "湖北", "鄂州", "武汉", "咸宁")
    # the province the question is asked of stays; the city asked about is the one replaced
    assert dialogue.substitute("甘肃十五五建议给庆阳市定的发展方向是什么？", "天水", places) == "甘肃十五五建议给天水定的发展方向是什么"
    assert dialogue.substitute("湖北对鄂州有什么定位？", "咸宁", places) == "湖北对咸宁有什么定位"
    # of two places of one level, the first named is the subject
    assert dialogue.substitute("鄂州在武汉都市圈里是什么定位？", "咸宁", places) == "咸宁在武汉都市圈里是什么定位"


def test_replace_subject_only_when_the_question_says_more():
    assert dialogue.replace_subject("医院要建立哪些不良事件报告制度？", "药品") == "药品要建立哪些不良事件报告制度"
    assert dialogue.replace_subject("太阳能产业怎么发展？", "风电") == ""
    # the tagger's one-character adjective goes with the subject it splits off (新|材料产业)
    assert dialogue.replace_subject("新材料产业的目标是什么？", "红烧肉") == "红烧肉的目标是什么"


def test_a_topic_of_the_plan_replaces_a_subject_the_vocabulary_did_not_know(vocab, mini_doc):
    # 生物产业 is a topic of the plan; "招商引资资金到位率" is not: the new topic takes its place in the
    # previous question instead of being added to its words
    f = _ask(["提高招商引资资金到位率这一条由哪些部门负责？"], "那生物产业这条呢？", vocab, mini_doc)
    assert f.sentence == "提高生物产业这一条由哪些部门负责" and "到位率" not in f.query


def test_known_topics_keep_the_slot_resolution(vocab, mini_doc):
    # the vocabulary knows both topics: the keyword query, not a rewritten sentence
    f = _ask(["成都的生物产业重点发展什么？"], "那新能源汽车呢？", vocab, mini_doc)
    assert f.query.startswith("成都 新能源汽车") and f.sentence == ""


def test_demonstrative_carries_an_unknown_topic(vocab, mini_doc):
    f = _ask(["老大楼商业化改造利用面积的目标是多少？"], "这个指标是约束性还是预期性？", vocab, mini_doc)
    assert f.followup and "老大楼商业化改造利用面积" in f.query and "约束性" in f.query and "这个" not in f.query


def test_a_demonstrative_turn_naming_its_own_time_leaves_the_previous_period_behind(vocab, mini_doc):
    # 普陀区水务“十五五”规划 (eval/unseen): the indicator asked of the 十四五 years, then its 2030 target; the
    # 十四五 carried along pointed the search back at the years behind
    f = _ask(["“十四五”期间普陀区的河湖水面率提高到了多少？"], "那到2030年这个指标要达到多少？", vocab, mini_doc)
    assert f.followup and "河湖水面率" in f.query and "2030年" in f.query and "十四五" not in f.query
    # a turn naming no time keeps it
    f = _ask(["“十四五”期间普陀区的河湖水面率提高到了多少？"], "这个指标是约束性还是预期性？", vocab, mini_doc)
    assert "十四五" in f.query and "河湖水面率" in f.query


# --- structure questions -----------------------------------------------------------------

@pytest.mark.parametrize("q,kind,sid", [
    ("第七部分讲了什么？", "section", "七"),
    ("专栏10有哪些工程？", "box", "专栏10"),
    ("名词解释有哪些？", "glossary", "名词解释"),
    ("这个规划分为哪几个部分？", "whole", ""),
    ("这份建议分为哪几个部分？", "whole", ""),         # a 规划建议 / 决定 names itself so too
    ("决定一共分几部分？", "whole", ""),
])
def test_structure_refs(mini_doc, q, kind, sid):
    ref = structure.find_ref(q, [mini_doc])
    assert ref is not None and ref.kind == kind and ref.section_id == sid


@pytest.mark.parametrize("q", ["2015年总产值是多少？", "成都重点发展哪些生物产业？", "产业结构怎么调整？",
                               "规划有哪些建议？"])
def test_content_questions_are_not_structure(mini_doc, q):
    assert structure.find_ref(q, [mini_doc]) is None


@pytest.mark.parametrize("q, term, expected", [
    ("什么是静脉产业？", "静脉产业", True),
    ("3D打印是什么技术？", "3D 打印", True),
    ("规划对智慧城市是怎么解释的？", "智慧城市", True),
    ("大数据产业的目标是什么？", "大数据", False),
    ("石墨烯产业怎么发展？", "石墨烯", False),
])
def test_definition_questions(q, term, expected):
    assert compose.is_definition(q, term) is expected


def test_glossary_entries_go_last_for_policy_questions():
    g = Hit("2. 大数据：指…", "t:名词解释.2", ("名词解释", "大数据"), (62, 62), 2.0, kind="glossary")
    b = Hit("到 2020 年，全省大数据体系基本健全", "t:三.（三）.1", ("x",), (8, 8), 1.0)
    assert compose.glossary_last([g, b]) == [b, g]


def test_everyday_word_counts_through_its_plan_term_at_alt_credit():
    from assistant import compose

    w = compose.query_weights(["剩饭剩菜", "处理"], {"剩饭剩菜": 4.0, "处理": 1.0}.get,
                              expansions=[("剩饭剩菜", ("餐厨废弃物",))], alt_credit=0.5)
    assert w.alts == {"剩饭剩菜": ("餐厨废弃物",)}
    text = "集中资源化回收和规范处理餐厨废弃物"
    assert compose.matched(text, w) == ["剩饭剩菜", "处理"]
    assert compose.coverage(text, w) == pytest.approx((0.5 * 4.0 + 1.0) / 5.0)
    assert compose.coverage("剩饭剩菜要处理", w) == pytest.approx(1.0)        # the user's own word: full weight
    assert compose.found_forms(text, w) == ["餐厨废弃物", "处理"]               # highlighted as the plan writes it
    plain = compose.query_weights(["处理"], {"处理": 1.0}.get)
    assert compose.coverage(text, plain) == 1.0 and plain.alts == {}


def test_in_plan_terms_replaces_everyday_phrases_only():
    from index.thesaurus import Thesaurus
    from assistant.vocab import Vocabulary

    vocab = Vocabulary(thesaurus=Thesaurus({"万能细胞": ("干细胞",), "剩饭剩菜": ("餐厨废弃物", "餐厨")}))
    assert dialogue.in_plan_terms("万能细胞是什么？", vocab) == "干细胞是什么？"
    assert dialogue.in_plan_terms("剩饭剩菜和万能细胞", vocab) == "餐厨废弃物和干细胞"
    assert dialogue.in_plan_terms("什么是石墨烯？", vocab) == "什么是石墨烯？"
    assert dialogue.everyday_phrases("剩饭剩菜", vocab) == (("剩饭剩菜", ("餐厨废弃物", "餐厨")),)


def test_term_stats_near_finds_parts_close_together_within_one_clause():
    from assistant.confidence import TermStats
    stats = TermStats(["加强文物和历史建筑保护", "文物很多。这里讲的是生态环境的保护", "文物", "保护"])
    assert stats.near(["文物", "保护"], 8)
    assert not stats.near(["文物", "保护"], 4)          # 文物…保护 are 6 characters apart there
    assert not TermStats(["文物很多。这里讲的是生态环境的保护", "文物", "保护"]).near(["文物", "保护"], 8)
    assert not stats.near(["文物", ""], 8) and not stats.near([], 8)


def test_leftover_keywords_split_at_function_words_never_inside_a_word():
    from assistant.dialogue import leftover_keywords
    assert leftover_keywords("人均汽车拥有量是多少", ()) == ("人均汽车拥有量",)     # 有 inside 拥有量
    assert leftover_keywords("社会组织要怎么参与", ()) == ("社会组织", "参与")        # 会 inside 社会
    assert leftover_keywords("我省的集成电路和新型显示产业", ()) == ("集成电路", "新型显示产业")
    assert leftover_keywords("全市的停车位有多少", ("停车位",)) == ()


def test_unused_terms_read_compounds_and_with_stems_a_one_character_suffix():
    from assistant.confidence import TermStats
    from assistant.evidence import unused_terms
    stats = [TermStats(["发展全域旅游，打造旅游休闲街区", "加强文物和历史建筑的保护", "数据共享", "安全生产"])]
    assert unused_terms({"旅游业": 10.8, "旅游": 8.2}, stats) == []       # its part 旅游 is used
    w = {"旅游业": 10.8, "发展": 6.8}
    assert unused_terms(w, stats) == [("旅游业", 10.8)]
    assert unused_terms(w, stats, stems=True) == []                     # 旅游业 less 业 is used
    assert unused_terms({"数据安全": 14.0, "数据": 9.3, "安全": 8.7}, stats, stems=True) == [("数据安全", 14.0)]
    assert unused_terms({"文物保护": 14.0, "文物": 9.4, "保护": 8.4}, stats) == [("文物保护", 14.0)]  # 6 apart
    assert unused_terms({"海绵": 12.8, "城市": 7.8}, stats, min_info=9.8) == [("海绵", 12.8)]
    assert unused_terms({"海绵": 12.8}, stats, min_info=13.0) == []


def test_the_subject_replaced_is_never_what_the_plan_calls_itself():
    # 指南 / 计划 / 实施方案 name the document, as 规划 does: the subject is the next noun phrase
    assert dialogue.replace_subject("指南对智能调度系统提出了什么功能要求？", "信息服务系统") == \
        "指南对信息服务系统提出了什么功能要求"


@pytest.mark.parametrize("element,thing", [
    ("动态信息包括什么", True),         # 包括什么 is the question, 动态信息 the thing
    ("镇总路长", True),
    ("什么时候全面铺开", False),        # a question of its own, not a new subject
    ("出行结束以后", False),            # a time, not a thing
    ("要培育哪些产业带", False),        # asks which things, of the previous subject (郑开同城化)
    ("要高标准建设哪些金融载体", False),
])
def test_only_a_thing_stands_for_the_previous_subject(element, thing):
    assert dialogue._names_a_thing(element) is thing


@pytest.mark.parametrize("plan, q, sid", [
    # words of one part's title that no other title has, before 那一部分/这一部分
    ("cn-15th-proposal", "科技自立自强那一部分包括哪几条？", "四"),
    # the document's name and 最后的 are no question inside the part
    ("henan-domestic-demand-action", "方案最后的实施保障有哪几条？", "十"),
])
def test_a_part_named_by_words_of_its_title_lists_its_parts(plan, q, sid):
    d = corpus.load_document(f"eval/plans/{plan}.txt")
    ref = structure.find_ref(q, [d])
    assert ref is not None and ref.kind == "section" and ref.section_id == sid and ref.listing


@pytest.mark.parametrize("prev, question, carried", [
    # nouns this common in general language (部门, 资金) name no topic: the question asks about the last one
    ("一次性扩岗补助的政策实施期限到什么时候？", "所需资金从哪里出？", "扩岗补助"),
    ("2025年要提供多少个科研助理岗位？", "由哪些部门牵头负责？", "科研助理"),
    ("年底要建成多少亩高标准农田？", "这件事由哪些部门负责？", "高标准农田"),
])
def test_a_question_that_names_no_topic_continues_the_previous_one(vocab, mini_doc, prev, question, carried):
    f = _ask([prev], question, vocab, mini_doc)
    assert f.followup and carried in f.query


def test_a_question_naming_its_own_topic_after_another_stands_alone(vocab, mini_doc):
    f = _ask(["一次性扩岗补助的政策实施期限到什么时候？"], "高校毕业生租房有什么补贴？", vocab, mini_doc)
    assert not f.followup and "扩岗" not in f.query


@pytest.mark.parametrize("q, topic", [
    ("促进消费的任务是方案的哪一部分，标题怎么写？", "促进消费的任务"),
    ("关于房地产的措施放在哪一部分？", "房地产"),
    ("生态环境和绿色低碳的内容放在哪一部分？", "生态环境和绿色低碳"),
    ("这是哪一部分的内容？", ""),
    ("第三部分是什么？", ""),
    # the unit asked first, the content after it
    ("哪一章讲的是贷款利率？", "贷款利率"),
    ("哪个专栏是关于三维数字化设计的？", "三维数字化设计"),
    ("方案哪部分写了扩大投资的措施？", "扩大投资"),
    ("建议的哪一部分谈到了国家安全？", "国家安全"),
])
def test_a_where_question_searches_what_it_asks_the_place_of(q, topic):
    assert structure.location_topic(q) == topic


@pytest.mark.parametrize("q, unit", [
    ("哪一章讲的是贷款利率？", "章"), ("哪部分提到了国际竞争形势？", "部分"), ("第几章是关于逾期贷款回收的？", "章"),
    ("哪个专栏讲的是标准体系建设？", "专栏"), ("教育评价改革放在规划哪一部分？", "部分"),
    # not a place in the document
    ("哪个部门负责这件事？", ""), ("哪里讲了新能源？", ""), ("哪些地方讲了新能源汽车？", ""),
])
def test_which_unit_a_question_asks_the_place_in(q, unit):
    assert structure.asks_location(q) == unit


@pytest.mark.parametrize("text,kind", [
    ("你好", "hello"), ("您好！", "hello"), ("在吗？", "hello"), ("你是谁？", "about"), ("怎么用？", "about"),
    ("请问你能回答什么问题？", "about"), ("谢谢你！", "thanks"), ("好的", "thanks"), ("嗯，谢谢", "thanks"),
    ("再见", "bye"), ("拜拜~", "bye"),
    # a question after the greeting is a question; so is anything else
    ("你好，规划的目标是什么？", ""), ("谢谢，那2030年呢？", ""), ("感谢信怎么写", ""), ("帮我看看", ""),
])
def test_social_turn(text, kind):
    assert dialogue.social_turn(text) == kind


@pytest.mark.parametrize("text,rest", [
    ("好的，那2030年呢？", "那2030年呢？"), ("谢谢！新能源汽车呢？", "新能源汽车呢？"), ("嗯嗯，德阳呢", "德阳呢"),
    ("好的，谢谢！那德阳呢？", "那德阳呢？"), ("OK, 德阳呢？", "德阳呢？"), ("你好，规划的目标是什么？", "规划的目标是什么？"),
    # nothing but the acknowledgement: social_turn's to answer
    ("好的", "好的"), ("谢谢！", "谢谢！"), ("好！", "好！"),
    # words that only begin like one, or no punctuation after it
    ("好、中、差三个等级怎么划分？", "好、中、差三个等级怎么划分？"), ("行业协会有什么作用？", "行业协会有什么作用？"),
    ("感谢信怎么写", "感谢信怎么写"), ("好的谢谢那德阳呢", "好的谢谢那德阳呢"), ("哈尔滨呢？", "哈尔滨呢？"),
])
def test_the_acknowledgement_a_turn_opens_with_is_left_out(text, rest):
    assert dialogue.without_opener(text) == rest
