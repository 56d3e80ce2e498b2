"""General rules that keep the assistant honest on questions worded unlike the
dev set: question padding, places, times and amounts the plan does not
cover, glossary entries asked for by their other names. Real shipped plan,
BM25 only (fast)."""
from __future__ import annotations

import re

import pytest

import corpus
from assistant import PlanAssistant, compose, confidence, places, structure
from assistant.compose import QueryTerms
from assistant.text import compact
from index.hit import Hit


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    return PlanAssistant(encoder="none", index_dir=tmp_path_factory.mktemp("idx") / "bm25")


# --- units -----------------------------------------------------------------------------------

def test_home_region_and_period_come_from_the_title(pa):
    home = confidence.home_regions(pa.documents)
    assert {"四川", "四川省", "十三五", "我省", "2020年"} <= home     # 2020: the plan's target year
    assert "成都" not in home and "十四五" not in home and "2016年" not in home


def test_a_plan_without_a_titled_place_is_about_the_place_it_names_most(tmp_path):
    # 湖南's 实施方案 opens on 为认真贯彻… and names 湖南 eleven times, 长沙 once
    home = confidence.home_regions(_corpus_plan("hunan-deed-delivery-reform", tmp_path).documents)
    assert {"湖南", "湖南省"} <= home and "长沙" not in home
    # a national text names places a few times each: none of them is its own
    assert places.main_place("支持香港、澳门融入国家发展大局。" * 3 + "推进海南自由贸易港建设。") == ""
    assert places.main_place("湖南省" * 5 + "长沙市" * 4) == "湖南"


def test_a_title_opening_on_a_county_short_name_is_about_that_county(tmp_path):
    # 平潭's 财政 plan (eval/plans): 平潭综合实验区… in the title, 平潭县 once in the text, 台湾 named most
    pa = _corpus_plan("pingtan-finance-14th", tmp_path)
    home = confidence.home_regions(pa.documents)
    assert {"平潭", "平潭县"} <= home and "台湾" not in home
    # so a question naming 平潭 asks about every clause, not about those that say 平潭 (我区 says it too)
    ans = pa.ask("截至2020年底，平潭政府债务余额是多少？")
    assert not ans.abstained and "政府债务余额374.34亿元" in ans.excerpts[0].text


def test_a_county_named_like_a_conjunction_is_read_as_one_only_beside_its_prefecture(tmp_path):
    # 和县 (安徽) inside 县医院和县中医院 / 省市和县委 is 和 joining two nouns: 富平's report (eval/plans)
    # opens on 中央、省市和县委, and 平潭's 医改 plan asks about 县医院和县中医院
    assert places.places_in("县医院和县中医院") == [] and places.places_in("各市和县要加强") == []
    assert places.places_in("马鞍山市和县") == ["马鞍山市", "和县"] and places.places_in("和县的农业") == ["和县"]
    assert "和县" not in confidence.home_regions(_corpus_plan("fuping-gov-work-report-2021", tmp_path).documents)
    ans = _corpus_plan("pingtan-hospital-reform-plan", tmp_path).ask("县医院和县中医院从什么时候开始取消药品加成？")
    assert not ans.abstained and "从2015年1月1日起全面取消药品加成" in ans.excerpts[0].text


def test_a_county_said_by_its_short_form_is_a_place_the_plan_may_not_cover(tmp_path):
    # 青浦 (青浦区) and 平潭 (平潭县) are places as jieba's dictionary lists them; 小店 (小店区) is a word
    # there, 迁安 (迁安市) stands inside 拆迁安置, 新建 (新建区) is a common verb
    assert places.county_words(["青浦", "以后", "平潭", "小店", "新建"]) == ["青浦", "平潭"]
    assert places.county_words(["拆迁", "安置"]) == []
    # 富平's report (eval/plans) never names 青浦: asked of it, the question is declined and says why
    pa = _corpus_plan("fuping-gov-work-report-2021", tmp_path)
    ans = pa.ask("晚上下班想出去逛逛吃吃，青浦以后晚上热闹的地方会多起来吗？")
    assert ans.abstained and "规划中没有提到：青浦" in ans.notes
    # a plan that names the county answers; a word that is not a place declines nothing
    assert not _corpus_plan("qingpu-15th-outline", tmp_path / "qp").ask("青浦以后晚上热闹的地方会多起来吗？").abstained
    assert not any("小店" in n for n in pa.ask("小店交不上水电费会被停水停电吗？").notes)


def test_a_place_said_in_the_askers_story_or_inside_a_word_orders_nothing():
    from assistant.dialogue import segment

    def asked(names, q):
        return places.asked_places(names.split(), q, segment(q))
    # who the asker is, in the clauses before the one that asks, is no place asked about
    q = "我是上海的退休老人，打算搬到嘉善那边住，老年卡和市民卡到那边还能刷吗？"
    assert asked("上海 嘉善", q) == ()
    assert asked("安徽 苏州", "老家在安徽、人在苏州上班，平时去医院看个门诊，费用能不能直接在苏州结掉？") == ("苏州",)
    assert asked("德阳", "我在德阳工作，想问一下德阳的人才公寓怎么申请？") == ("德阳",)
    assert asked("成都", "我省在成都布局了哪些新兴产业基地？") == ("成都",)      # 我省 is the plan's region
    # a name inside a longer word is not the place (苏州河 a river, 广东菜 a cuisine); a division's full name is
    assert asked("苏州", "苏州河这些河边能散步的开放岸线，以后会比现在长多少？") == ()
    assert asked("广东", "过年想在佛山吃地道的广东菜，政府有什么安排？") == ()
    assert asked("四川 四川省", "四川省有哪些新兴产业基地？") == ("四川", "四川省")
    assert asked("襄阳", "襄阳在“十五五”时期的城市定位是什么？") == ("襄阳",)


def test_a_place_of_the_plans_own_region_in_the_askers_story_is_no_anchor(tmp_path):
    # 肥东 lies in 合肥 (division codes 340122 under 3401); 浦东 does not lie in 北京; 朝阳区 is in 北京 and 长春
    assert places.lies_within("肥东", {"合肥"}) and places.lies_within("肥东县", {"合肥市"})
    assert not places.lies_within("浦东", {"北京"}) and not places.lies_within("朝阳区", {"北京"})
    assert not places.lies_within("合肥", {"合肥"}) and not places.lies_within("园区", {"合肥"})
    # 老城区 and 新城区 are a city's old and new town, not 洛阳's or 西安's district (城桥新城区域 holds 新城区)
    assert places.places_in("老城区马路上电线杆子乱糟糟的") == [] and places.places_in("城桥新城区域的建设") == []
    # 合肥's 十四五 power plan (eval/unseen round fourteen) names 肥东县 in its tables, not in the clause on rural
    # supply: a reader who says 肥东 only as where they live is answered with that clause
    pa = PlanAssistant.from_paths([_unseen_plan("hefei-power-14th-2022")], encoder="none", index_dir=tmp_path)
    ans = pa.ask("我家在肥东农村，一到夏天电压就低、还老停电，规划对农村用电有什么具体目标？")
    assert not ans.abstained and not any("肥东" in n for n in ans.notes)
    assert any("合肥市全面满足农村地区供电需求" in e.text for e in ans.excerpts)


def test_a_readers_home_does_not_put_the_regions_roster_first(tmp_path):
    # the 长三角 纲要 (eval/unseen round eight): 上海 and 嘉善 are where the reader lives and moves to; the clause
    # listing every city of the region was put first because it names both
    pa = PlanAssistant.from_paths([_unseen_plan("yrd-integration-outline-2019")], encoder="none", index_dir=tmp_path)
    ans = pa.ask("我是上海的退休老人，打算搬到嘉善那边住，老年卡和市民卡到那边还能刷吗？")
    assert not ans.abstained and "实现市民卡及老人卡互认互用" in ans.excerpts[0].text
    # a question about the place itself still puts the clause about it first
    ans = pa.ask("合肥要建设什么样的科学中心？")
    assert not ans.abstained and "合肥" in ans.excerpts[0].text


def test_a_plan_printed_without_its_title_is_about_the_period_it_names_throughout(tmp_path):
    # 甘肃's 建议 (eval/plans) opens on its preamble, with no title line: “十五五” ten times, “十四五” twice
    pa = _corpus_plan("gansu-15th-proposal", tmp_path)
    home = confidence.home_regions(pa.documents)
    assert "十五五" in home and "十四五" not in home
    # so a question naming the plan's own period asks about every clause, not only those that say it
    ans = pa.ask("甘肃十五五建议给天水市定的发展方向是什么？")
    assert not ans.abstained and "支持天水市打造西部先进制造业集聚区" in ans.excerpts[0].text
    # the period a title's years span, and a text that names no period often enough to be its own
    assert confidence._own_period(["2016", "2020"], "") == ("十三五",)
    assert confidence._own_period(["2026", "2030"], "") == ("十五五",)
    assert confidence._own_period(["2024", "2027"], "") == ()
    assert confidence._own_period([], "“十五五”时期" * 4 + "“十四五”时期") == ("十五五",)
    assert confidence._own_period([], "“十五五”" * 3 + "“十四五”" * 2) == ()
    assert confidence._own_period([], "“十四五”" * 2) == ()


def test_amounts_need_figures_but_counts_of_listed_things_do_not():
    assert confidence.ASKS_AMOUNT.search("总产值是多少") and confidence.ASKS_AMOUNT.search("占地多大")
    assert confidence.ASKS_AMOUNT.search("有多少家企业")
    assert not confidence.ASKS_AMOUNT.search("核心发展区有几个城市")
    assert not confidence.ASKS_AMOUNT.search("要建设多少个产业基地")


@pytest.mark.parametrize("question, unit", [
    ("长宁区固定资产投资总额是多少亿元？", "金额"),
    ("居民用水每吨多少钱？", "金额"),
    ("研发投入强度要达到百分之几？", "百分比"),
    ("数字经济核心产业增加值占比要达到多少？", "百分比"),
    ("新建绿地面积有多大？", "面积"),
    ("办结时限是多少个工作日？", "时长"),
    ("要建设多少个产业基地？", "个数"),                   # a count: a number before a measure word
    ("普陀区要新建几座垃圾焚烧厂？", "座数"),
    ("新材料产业的核心发展区有几个城市？", ""),           # named things, which a list answers
    ("这份规划分为几个部分？", ""),                       # the document's parts: the outline answers
    ("重点任务有哪几个方面？", ""),                       # which, not how many
    ("家门口能不能多几块小绿地？", ""),                   # 几块 counts plots, not yuan
    ("会统计每一站有多少人上下车吗？", ""),               # asks whether, not how many
    ("以后能不能在春天和秋天各放几天假？", ""),           # the same, asked as A不A
    ("有没有规定每年投入多少亿元？", ""),
    ("是否明确了新建公园的面积是多少平方米？", ""),
    ("城镇污水处理率要达到多少？", "百分比"),
    ("分布式电源装置功率范围是多少？", ""),              # 功率 is watts, not a rate
    ("无线网络的传输速率是多少？", ""),
    ("太阳升项目区的投资强度要达到多少？", ""),        # 投资强度 is 万元/亩 (修水县招商引资准入条件)
])
def test_the_unit_a_figure_is_asked_in(question, unit):
    assert confidence.asked_unit(question) == unit


def test_a_time_named_once_for_a_whole_section_is_what_its_items_speak_of():
    # a 十五五 纲要's 发展成就: "“十四五”是青浦…关键五年。" opens the chapter, 一是…五是… give its figures
    from eval.corpus import find_plan
    doc = corpus.load_document(find_plan("qingpu-15th-outline"))
    item = next(c for c in doc.clauses if c.text.startswith("二是经济发展更加高质"))
    assert "十四五" not in "".join((*item.section_path, item.text))
    hit = Hit(text=item.text, clause_id=item.clause_id, section_path=item.section_path, pages=(1, 1), score=1.0,
              doc_id=doc.doc_id)
    openings = confidence.section_openings([doc])
    assert confidence.missing_anchors([hit], times=("十四五",), amount=True) == ["十四五"]
    assert confidence.missing_anchors([hit], times=("十四五",), amount=True, openings=openings) == []
    # the opening names no other period, and a place is still looked for in the item itself
    assert confidence.missing_anchors([hit], times=("十三五",), amount=True, openings=openings) == ["十三五"]
    assert confidence.missing_anchors([hit], places=("松江",), times=("十四五",), openings=openings) == ["松江"]


def test_a_figure_in_another_unit_does_not_answer():
    def hit(text):
        return Hit(text=text, clause_id="p:1", section_path=(), pages=(1, 1), score=1.0)
    assert confidence.gives_unit("总投资1200亿元", "金额") and confidence.gives_unit("比重达到百分之十五", "百分比")
    assert not confidence.gives_unit("建设3个基地，到2025年建成", "金额")
    # 块 after a number counts signs or plots in a plan; money is said 块钱, as a question says it
    assert not confidence.gives_unit("完成230块户外广告、1500块户外招牌治理", "金额")
    assert confidence.gives_unit("每户一次补助3000块钱", "金额")
    assert confidence.missing_anchors([hit("建设3个基地")], amount=True, unit="金额") == ["金额"]
    assert confidence.missing_anchors([hit("建设3个基地"), hit("投资约50亿元")], amount=True, unit="金额") == []
    assert confidence.missing_anchors([hit("建设基地")], amount=True, unit="金额") == ["数字"]


def test_a_rate_not_counted_in_hundredths_is_stated_by_a_bare_number_after_its_name():
    # 黄浦's 消防 plan states a rate per 100,000 people; 北京's 纲要 prints one in its indicator table
    assert confidence.asked_unit("年均火灾十万人口死亡率的控制目标是多少？") == "百分比"
    assert confidence.gives_unit("年均火灾十万人口死亡率控制在0.25以内，较大以上亡人火灾事故同比下降", "百分比")
    assert confidence.gives_unit("28十万常住人口火灾死亡率0.25≤0.25预期性", "百分比")
    # a number with a measure word or a year after it, 率先, and a 频率 state no rate
    assert not confidence.gives_unit("综合能耗下降率到2025年明显提高", "百分比")
    assert not confidence.gives_unit("率先建成3个示范区", "百分比")
    assert not confidence.gives_unit("率先实现5G网络全覆盖", "百分比")
    assert not confidence.gives_unit("耐受频率为50Hz的电压", "百分比")
    hit = Hit(text="年均火灾十万人口死亡率控制在0.25以内", clause_id="p:1", section_path=(), pages=(1, 1), score=1.0)
    assert confidence.missing_anchors([hit], amount=True, unit="百分比") == []


def test_contact_details_and_opening_hours_are_answered_only_where_printed():
    assert confidence.asked_unit("项目申报的咨询电话是多少？") == "电话号码"
    assert confidence.asked_unit("对违规行为可以拨打哪个号码投诉？") == "电话号码"
    assert confidence.asked_unit("平台的网址是什么？") == "网址"
    assert confidence.asked_unit("服务大厅每天几点开门？") == "钟点"
    # how many points, whether there is a hotline, and which website (a name answers it) ask no such detail
    assert confidence.asked_unit("意见提出了哪几点要求？") == ""
    assert confidence.asked_unit("有没有打电话咨询的热线？") == ""
    assert confidence.asked_unit("结果在哪个网站公示？") == ""
    assert confidence.gives_unit("联系电话：0312-5620786", "电话号码")
    assert confidence.gives_unit("依托“12320”开通家庭医生服务专线", "电话号码")
    assert confidence.gives_unit("群众可拨打12345反映", "电话号码")
    assert not confidence.gives_unit("建成5G基站1000个，推动电话会议系统升级", "电话号码")
    assert confidence.gives_unit("详见https://www.example.gov.cn", "网址")
    assert not confidence.gives_unit("加强政府网站集约化建设", "网址")
    assert confidence.asked_unit("申报材料要发送到哪个邮箱？") == "邮箱"
    assert confidence.asked_unit("可以用电子邮件提交吗？") == ""
    assert confidence.gives_unit("请将申报材料发送至：ab_cd@126.com。", "邮箱")
    assert not confidence.gives_unit("发送电子邮件至主管部门", "邮箱")
    # the words that ask for it, which a printed address answers without being named
    assert confidence.unit_words("申报材料要发送到哪个邮箱？", "邮箱") == "邮箱"
    assert confidence.unit_words("联系电话是多少？", "电话号码") == "电话是多少"
    assert confidence.gives_unit("每天上午9时至下午5时开放", "钟点")
    assert confidence.gives_unit("公园实行24小时开放", "钟点")
    assert not confidence.gives_unit("2025年底前完成改造", "钟点")


def test_a_count_is_answered_by_a_number_with_a_measure_word_of_its_kind():
    assert confidence.gives_unit("改建或新建9座左右口袋公园", "个数")       # 个 takes any measure word
    assert confidence.gives_unit("推出12件涉企一件事", "项数")              # 项 and 件 count the same things
    assert confidence.gives_unit("数字经济|数字经济企业数（家）|1200", "家数")
    assert confidence.gives_unit("建设3个焚烧厂", "座数")                    # and 个 answers any count
    assert confidence.gives_unit("博物馆|博物馆数量|≥260|预期性", "家数")      # an indicator row's bare count
    assert not confidence.gives_unit("推进生活垃圾焚烧厂建设", "座数")
    assert not confidence.gives_unit("完成投资50亿元", "家数")


def test_an_indicator_row_states_its_unit_in_the_name_or_a_cell_of_its_own():
    # 主要指标 tables put the unit in the indicator's name or in a unit column, never after the value
    assert confidence.gives_unit("博物馆|县级博物馆覆盖率(%)|100|约束性", "百分比")
    assert confidence.gives_unit("1|人均公园绿地面积|平方米|11.1|约束性", "面积")
    assert not confidence.gives_unit("博物馆|县级博物馆覆盖率(%)|100|约束性", "金额")
    assert not confidence.gives_unit("3|县级博物馆覆盖率(%)|约束性", "百分比")     # no figure but the 序号


def test_a_rate_asked_of_an_indicator_table_is_answered_by_its_row(tmp_path):
    # 湖北's 主要指标: "博物馆 | 县级博物馆覆盖率（%） | 100 | 约束性" was taken to lack a percentage
    pa = _corpus_plan("hubei-relics-14th", tmp_path)
    ans = pa.ask("县级博物馆覆盖率的目标是多少？")
    assert not ans.abstained and ans.excerpts[0].text == "博物馆 | 县级博物馆覆盖率（%） | 100 | 约束性"


@pytest.mark.parametrize("question, lacking", [
    ("新能源汽车产业的动力电池产能要达到多少万千瓦时？", "电量"),   # no figure in 千瓦 anywhere in the plan
    ("2015年战略性新兴产业总产值是多少亿元？", ""),                  # 实现总产值 5671.5 亿元
    ("2020年战略性新兴产业增加值占地区生产总值比重要达到百分之几？", ""),   # 力争达到15%
])
def test_a_figure_asked_in_a_unit_the_plan_never_states_it_in_is_declined(pa, question, lacking):
    ans = pa.ask(question)
    assert ans.abstained == bool(lacking)
    assert (f"相关条文中没有：{lacking}" in ans.notes) if lacking else ans.excerpts


def test_a_followup_asking_its_own_question_keeps_the_previous_subject(tmp_path):
    # 那要培育哪些产业带？ had replaced 郑开同城化 in the previous question with 要培育
    # (要培育要打造多长时间的通勤圈) and was declined for want of 多长时间
    ans = _corpus_plan("zhengzhou-15th-proposal", tmp_path).ask("那要培育哪些产业带？",
                                                               history=["郑开同城化要打造多长时间的通勤圈？"])
    assert not ans.abstained and "多长时间" not in ans.resolved_query
    assert any("郑洛先进材料、许港精密制造" in compact(e.text) for e in ans.excerpts[:3])


@pytest.mark.parametrize("plan_id, question, lacking", [
    ("zj-waste-regulation", "浙江省目前建成了多少座生活垃圾焚烧发电厂？", "座数"),    # the regulation counts none
    ("bj-15th-proposal", "12345市民服务热线每年受理多少件诉求？", "件数"),
    ("hubei-relics-14th", "到2025年，湖北全省博物馆数量要达到多少家？", ""),        # 博物馆数量 | ≥260
])
def test_a_count_no_clause_gives_is_declined_on_other_plans(tmp_path, plan_id, question, lacking):
    ans = _corpus_plan(plan_id, tmp_path).ask(question)
    assert ans.abstained == bool(lacking)
    assert (f"相关条文中没有：{lacking}" in ans.notes) if lacking else ans.excerpts


@pytest.mark.parametrize("plan_id, question, phrase", [
    # the answering sentence opens the clause; the one matching most words (同一对夫妻…生育第3个子女…夫妻双方
    # 缴存最高可贷款额度为60万元) comes two sentences later; an excerpt of 260 characters held it and the sentence
    # before it, not the answer
    ("taizhou-hpf-loan-rules", "夫妻双方都正常缴存住房公积金的，最高贷款额度是多少？", "最高贷款额度为50万元"),
    # the three 圈 are named in the sentences after the clause's heading sentence
    ("bj-15th-proposal", "现代化首都都市圈包括哪几个“圈”？", "推动通勤圈深度融合"),
])
def test_the_first_excerpt_keeps_the_answering_sentence_of_a_long_clause(tmp_path, plan_id, question, phrase):
    ans = _corpus_plan(plan_id, tmp_path).ask(question)
    assert not ans.abstained and phrase in compact(ans.excerpts[0].text), ans.excerpts[0].text


@pytest.mark.parametrize("question, gap", [
    ("2015年战略性新兴产业总产值是多少？", False),           # 实现总产值 5671.5 亿元: the figure's own sentence
    ("到2020年增加值占地区生产总值比重要达到多少？", False),  # 力争达到15%
    ("新能源汽车充电设施建设总投资是多少亿元？", True),      # 充电设施 described, never budgeted
    ("电动车充电桩怎么建？", False),                          # no figure asked
])
def test_figure_gap_is_what_a_sentence_with_a_figure_lacks(pa, question, gap):
    feats = pa.ask(question).evidence
    assert (feats["figure_gap"] > 0.2) == gap, feats


def test_figure_coverage_reads_only_sentences_with_a_figure():
    from assistant import evidence
    from index.hit import Hit
    w = {"充电设施": 10.0, "投资": 8.0}
    prose = Hit(text="加快充电设施建设，扩大有效投资。到2020年建成一批示范项目。", clause_id="p:1", section_path=("充电",),
                pages=(1, 1), score=1.0)
    assert evidence.figure_coverage([prose], w) == 0.0       # the words and the figure sit in different sentences
    figure = Hit(text="充电设施建设完成投资12亿元。", clause_id="p:2", section_path=(), pages=(2, 2), score=0.5)
    assert evidence.figure_coverage([prose, figure], w) == 1.0
    assert evidence.figure_coverage([prose, figure], w, top_n=1) == 0.0


def test_figure_coverage_in_an_asked_unit_needs_a_figure_in_that_unit():
    from assistant import confidence, evidence
    from index.hit import Hit
    w = {"人才公寓": 10.0, "租金": 8.0}
    unit = confidence.asked_unit("人才公寓的租金每平方米每月多少钱？")
    assert unit == "金额"
    sizes = Hit(text="人才公寓租金实行减免，2025年前建成，单套面积为60平方米左右。", clause_id="p:1",
                section_path=("安居",), pages=(1, 1), score=1.0)
    assert evidence.figure_coverage([sizes], w) == 1.0                 # a year and an area are figures
    assert evidence.figure_coverage([sizes], w, unit=unit) == 0.0      # but not an amount of money
    rent = Hit(text="人才公寓租金按每平方米每月20元收取，租期三年。", clause_id="p:2", section_path=(), pages=(2, 2), score=0.5)
    assert evidence.figure_coverage([sizes, rent], w, unit=unit) == 1.0


@pytest.mark.parametrize("question, sentence, gives", [
    ("金融机构调度会多久召开一次？", "原则上每月召开金融机构调度会，研究解决融资难题。", True),
    ("完成价格备案后多长时间内要申请预售许可？", "完成价格备案后15天内申请办理预售许可证。", True),
    ("城镇新建建筑从哪一年起全面执行绿色建筑标准？", "到2025年城镇新建建筑全面执行绿色建筑标准。", True),
    ("地铁3号线什么时候开通运营？", "加快推进城市轨道交通建设，提升公共交通服务水平。", False),
])
def test_a_when_question_is_answered_by_a_sentence_stating_a_time(question, sentence, gives):
    from assistant import confidence
    kind = confidence.figure_kind(question)
    assert kind == confidence.TIME
    assert confidence.gives_unit(sentence, kind) == gives
    assert confidence.figure_kind("投资多少亿元？") == "金额"         # an asked unit comes first
    assert confidence.figure_kind("充电桩怎么建？") == ""


def test_a_price_asked_of_a_plan_that_states_only_sizes_has_a_figure_gap(tmp_path):
    # 南京's 人才安居 办法 gives flats' sizes (面积为150平方米左右) and no price: the sentences with
    # figures name 人才 and 住房 but none states an amount of money
    feats = _corpus_plan("nanjing-talent-housing-measures", tmp_path).ask("南京人才共有产权住房每平方米卖多少钱？").evidence
    assert feats["figure_gap"] > 0.5, feats


def test_anchors_are_places_years_and_periods_but_not_the_plans_own():
    home = frozenset({"四川", "四川省", "十三五"})
    places, times = confidence.anchors("四川“十三五”期间成都2019年的GDP", ("成都", "绵阳"), home)
    assert places == ("成都",) and times == ("2019年",)
    assert confidence.anchors("重庆和四川十四五的目标", (), home) == (("重庆",), ("十四五",))
    # 中国制造2025 is a name, not a year asked about
    assert confidence.anchors("中国制造2025是什么", (), home) == ((), ())


def test_answers_anchors_needs_the_place_the_time_and_a_figure():
    text = "到2020年，成都新能源汽车产量达到10万辆。"
    assert confidence.answers_anchors(text, ("成都", "绵阳"), ("2020年",), amount=True)
    assert not confidence.answers_anchors(text, ("重庆",), ())
    assert not confidence.answers_anchors(text, (), ("2025年",))
    assert not confidence.answers_anchors("成都重点发展新能源汽车。", ("成都",), (), amount=True)


def test_a_duration_in_chinese_numerals_is_a_figure():
    # "全国土壤污染状况普查多长时间开展一次？" is answered by "每十年至少组织开展一次"
    assert confidence.answers_anchors("每十年至少组织开展一次全国土壤污染状况普查", amount=True)
    assert confidence.answers_anchors("审核时限压缩至五天", amount=True)
    assert not confidence.answers_anchors("组织开展全国土壤污染状况普查", amount=True)


def test_how_long_and_the_plans_own_place_with_an_area_word_are_no_content():
    import jieba
    home = frozenset({"重庆", "重庆市"})
    tokens = confidence.informative_tokens(jieba.lcut_for_search, "要由主管部门公示多长时间？")
    assert "公示" in tokens and not [t for t in tokens if "时间" in t]      # nor 长时间, 时间 cut out of it
    tokens = confidence.informative_tokens(jieba.lcut, "2024年重庆地区生产总值达到多少？", home)
    assert not [t for t in tokens if t.startswith("重庆")] and "生产总值" in tokens
    # another place with an area word is content
    assert [t for t in confidence.informative_tokens(jieba.lcut, "成都地区生产总值是多少？", home) if "成都" in t]


def test_a_count_pointing_back_is_scaffolding():
    from index.tokenize import tokenize
    # 这两门 points back to the subjects asked before
    tokens = confidence.informative_tokens(tokenize, "那这两门笔试各考多长时间？")
    assert "笔试" in tokens and "两门" not in tokens
    # a count that asks (哪两个部门) or names (“九个第一”) is no scaffolding
    assert "九个" in confidence.informative_tokens(tokenize, "“九个第一”具体指哪九个“第一”？")


def test_an_asking_word_joined_to_its_noun_counts_by_what_it_names():
    from index.tokenize import tokenize
    # jieba keeps 哪一天, 第几条, 哪些项目 as words of a frequency of a few: as much as the rarest term
    assert "哪一天" in tokenize("国务院办公厅是哪一天印发这份预案的？")
    tokens = confidence.informative_tokens(tokenize, "国务院办公厅是哪一天印发这份预案的？")
    assert "国务院办公厅" in tokens and "印发" in tokens
    assert not [t for t in tokens if "哪" in t or "一天" in t]
    tokens = confidence.informative_tokens(tokenize, "全文的措施一共编到第几条？")
    assert "措施" in tokens and not [t for t in tokens if "几" in t]
    # what the asking word names besides asking stays a term
    tokens = confidence.informative_tokens(tokenize, "打造城市更新示范区要推动哪些项目的建设？")
    assert "项目" in tokens and "哪些项目" not in tokens
    assert confidence._asked_content("几号楼") == ["号楼"] and confidence._asked_content("哪三大") == []


def test_grouped_coverage_counts_a_compound_once():
    w = QueryTerms({"个人所得税": 6.0, "所得税": 5.0, "所得": 5.0, "起征点": 6.0})
    # only 所得税 of 个人所得税 is in the text: 3/5 of that term's weight; 起征点 absent
    assert confidence.grouped_coverage("企业所得税优惠", w) == pytest.approx((6.0 * 3 / 5) / 12.0)
    assert confidence.grouped_coverage("个人所得税起征点", w) == pytest.approx(1.0)
    alt = QueryTerms({"剩饭剩菜": 6.0, "处理": 2.0}, {"剩饭剩菜": ("餐厨废弃物",)}, alt_credit=0.5)
    assert confidence.grouped_coverage("餐厨废弃物资源化处理", alt) == pytest.approx((3.0 + 2.0) / 8.0)


def test_question_padding_is_not_evidence(pa):
    toks = confidence.informative_tokens(pa._tokenize, "以后我们四川有没有打算发展动力电池？",
                                         confidence.home_regions(pa.documents))
    assert "动力电池" in toks
    assert not {"以后", "我们", "四川", "有没有", "打算"} & set(toks)
    # the plan's horizon year, however the tokenizer cuts 2020年, is padding too; another year is not
    home = confidence.home_regions(pa.documents)
    assert "2020" not in confidence.informative_tokens(pa._tokenize, "到2020年动力电池产能要达到多少？", home)
    assert "2030" in confidence.informative_tokens(pa._tokenize, "到2030年动力电池产能要达到多少？", home)


# --- the real plan -----------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "到2030年四川新能源汽车产量要达到多少？",          # a year the plan does not cover
    "“十四五”期间四川集成电路产业规模是多少？",          # a later five-year period
    "北京的新一代信息技术产业发展目标是什么？",          # another region
    "成都2019年的工业增加值是多少？",                    # a place and a year no clause pairs
])
def test_questions_outside_the_plans_place_and_time_abstain(pa, question):
    ans = pa.ask(question)
    assert ans.abstained, (question, [h.text[:40] for h in ans.excerpts])


@pytest.mark.parametrize("question, phrase", [
    ("到2020年战略性新兴产业增加值占地区生产总值的比重要达到多少？", "15%"),
    ("以后我们四川有没有打算发展动力电池？", "动力电池"),
    ("绵阳2020年要重点发展什么？", "绵阳"),                    # the plan's own horizon year
    ("新材料产业的核心发展区有几个城市？", "核心发展区"),      # a count a list answers
])
def test_in_scope_questions_with_times_or_padding_are_answered(pa, question, phrase):
    ans = pa.ask(question)
    assert not ans.abstained
    assert any(phrase in compact(h.text) for h in ans.excerpts[:3])


# --- glossary entries by their other names ------------------------------------------------------

def test_aliases_harvested_from_the_entry_text():
    from assistant.glossary import aliases
    assert aliases("它是“新型纳米材料”，被称为“黑金”，是“新材料之王”。") == ("黑金", "新材料之王")
    assert aliases("是垃圾回收的产业，又被称为 “静脉经济”、 第四产业。其实质是…") == ("静脉经济", "第四产业")
    assert aliases("因其尺寸多为纳米级，又称生物纳米机器。") == ("生物纳米机器",)
    # a plain clause after the name ends the list
    assert aliases("也被称为“电网2.0”，是以物理电网为基础，将传感测量技术集成") == ("电网2.0",)
    assert aliases("指快速成型技术的一种。") == ()


@pytest.mark.parametrize("question, names, expected", [
    ("说白了分布式能源是啥？", ("分布式能源",), "分布式能源"),
    ("纳米材料怎么定义？尺寸有多小？", ("纳米材料",), "纳米材料"),
    ("被称为“黑金”的是什么材料？", ("石墨烯", "黑金"), "黑金"),
    ("大数据的发展目标是什么？", ("大数据",), ""),          # about the term, not its meaning
    ("石墨烯产业怎么发展？", ("石墨烯",), ""),               # no definition word
    ("标准里说的纳米材料是什么意思？", ("纳米材料",), "纳米材料"),   # the document it is said in
    ("纳米材料标准是什么？", ("纳米材料",), ""),                   # a standard for it, not its meaning
])
def test_asks_definition(question, names, expected):
    from assistant.glossary import asks_definition
    entry = "指在三维空间中至少有一维处于纳米尺寸的材料，是一种新型纳米材料"
    assert asks_definition(question, names, entry) == expected


@pytest.mark.parametrize("question, term", [
    ("黑金是什么？", "石墨烯"),
    ("人们常说的“万用细胞”是什么意思？", "干细胞"),
    ("生物纳米机器指的是什么？", "分子机器"),
    ("第四产业是什么意思？", "静脉产业"),
    ("说白了电网2.0是啥？", "智能电网"),
])
def test_glossary_entry_found_by_its_other_name(pa, question, term):
    ans = pa.ask(question)
    assert not ans.abstained and ans.excerpts
    first = ans.excerpts[0]
    assert first.kind == "glossary" and term in first.title, (question, first.title)
    assert ans.lead and ans.lead in first.text


# --- colloquial questions ----------------------------------------------------------------------

def test_a_mis_split_everyday_phrase_still_counts():
    # jieba splits 打电竞比赛 as 打电/竞/比赛: the straddling token goes, the phrase comes in
    toks = confidence.align_to_phrases(["打电", "比赛"], "打电竞比赛有什么打算", ["电竞"])
    assert toks == ["比赛", "电竞"]
    # a token inside the phrase or apart from it stays; no duplicate of the phrase
    assert confidence.align_to_phrases(["剩饭剩菜", "处理"], "剩饭剩菜怎么处理", ["剩饭剩菜"]) == ["剩饭剩菜", "处理"]


def test_followup_to_a_definition_is_a_definition(pa):
    ans = pa.ask("增强现实呢？", history=["什么是虚拟现实？"])
    assert not ans.abstained and ans.excerpts[0].kind == "glossary"
    assert "增强现实" in ans.excerpts[0].title
    # a follow-up to a policy question is asked as a policy question: its topic words go along
    ans = pa.ask("那增强现实呢？", history=["数字创意产业要发展哪些技术装备？"])
    assert "增强现实" in ans.resolved_query and ans.resolved_query != "什么是增强现实"


# --- several places by their joint name ---------------------------------------------------------

def test_joint_name_of_places_asked_together(pa):
    places = pa.vocabulary.places
    assert confidence.joint_name("成都、德阳、绵阳三地要联合建设什么", places, pa._stats) == "成德绵"
    assert confidence.joint_name("成都和泸州", places, pa._stats) == ""            # 成泸 is no name the plan uses
    assert confidence.joint_name("绵阳的航空产业", places, pa._stats) == ""


def test_places_asked_together_find_the_sentence_with_their_joint_name(pa):
    ans = pa.ask("成都、德阳、绵阳这三个城市要一起打造什么航空产业平台？")
    assert not ans.abstained
    assert any("成德绵航空产业集聚区" in compact(h.text) for h in ans.excerpts[:3])


def test_definition_asked_plainly(pa):
    ans = pa.ask("智慧城市通俗点讲是什么？")
    assert ans.excerpts and ans.excerpts[0].kind == "glossary" and "智慧城市" in ans.excerpts[0].title


def test_place_questions_find_a_sentence_naming_the_place(pa):
    ans = pa.ask("成都在生物医药方面依托哪些园区？")
    assert not ans.abstained and "成都" in ans.excerpts[0].text


def test_numbered_items_with_nothing_under_them_are_shown_as_content(tmp_path):
    """（三）未经亲自诊查，出具检查结果…的； is an item of 第四十五条 that the outline parse
    makes a heading; it holds the answer, so the answer layer must not drop it like a title."""
    from pathlib import Path
    plan = Path(__file__).resolve().parents[1] / "eval" / "plans" / "cn-medical-quality-measures.txt"
    if not plan.is_file():
        pytest.skip("eval/plans is not in this checkout")
    pa = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path / "idx")
    item = next(c for c in pa.documents[0].clauses if c.text.startswith("（三）未经亲自诊查"))
    assert item.kind == "heading"
    ans = pa.ask("未经亲自诊查就出具检查结果的，会怎么处理？")
    assert not ans.abstained
    assert any("未经亲自诊查" in h.text for h in ans.excerpts[:3])
    # titles with clauses under them (第七章 法律责任) are still never shown as excerpts
    titles = {c.clause_id for c in pa.documents[0].clauses if c.kind == "heading" and not c.text.startswith("（")}
    assert titles and not titles & {h.clause_id for h in ans.excerpts}


def test_a_term_asked_as_what_kind_of_thing_it_is_is_answered_by_its_definition(tmp_path):
    # 平潭's 防洪防台风应急预案 (eval/unseen round ten): "平潭综合实验区防汛抗旱指挥部（以下简称“区防指”）"
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-flood-typhoon-plan-2019")], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("文件里反复出现的“区防指”是个什么机构？")
    assert not ans.abstained and "（以下简称“区防指”）" in ans.excerpts[0].text


# --- structure questions on plans of other shapes ------------------------------------------------
def _unseen_plan(plan_id: str) -> str:
    """A plan of the unseen rounds (eval/unseen/plans), by id."""
    from eval.corpus import PLANS_DIR, find_plan
    plan = find_plan(plan_id, PLANS_DIR.parent / "unseen" / "plans")
    if plan is None:
        pytest.skip("eval/unseen is not in this checkout")
    return str(plan)


def _corpus_plan(plan_id: str, tmp_path) -> PlanAssistant:
    from eval.corpus import find_plan
    plan = find_plan(plan_id)
    if plan is None:
        pytest.skip("eval/plans is not in this checkout")
    return PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path)


@pytest.mark.parametrize("plan_id,question,first", [
    # one item by its position
    ("ah-market-confidence-measures", "30条举措中的最后一条是什么？", "30.推动政策兑现"),
    ("cn-new-gen-ai-plan", "重点任务的第三项是什么？", "（三）建设安全便捷的智能社会"),
    # 1.–49. run on through the parts, one of which has a middle level (一)…(五) over them
    ("sy-youth-employment-measures", "最后一条措施是什么？", "49.加强教育引导和典型宣传"),
    # two positions asked at once: the first asked first (the other after it, below)
    ("sy-youth-employment-measures", "第一条和最后一条措施分别是什么？", "1.建立“三包”责任机制"),
    # a position counted in 方面 or 部分 counts the parts, not the items numbered through them
    ("dingxi-winter-economy-measures", "这些政策措施的最后一个方面是什么？", "八、扩大外贸稳定外需"),
    ("dingxi-winter-economy-measures", "第二个方面是什么？", "二、推动特色文旅发展"),
    # a part named by the start of its title or by its position; its measures numbered straight through
    # (a measure whose title runs into its paragraph is shown whole, number and title first)
    ("yingtan-property-opinions", "第三部分“全力稳市场”的第一条措施是什么？", "(十七)切实做好保交房工作。坚持因城施策"),
    ("yingtan-property-opinions", "第二部分的第二条是什么？", "(十二)允许合理调整存量房地产项目用地规划条件"),
    # a counted name the plan announces in a section's opening clause: the parts that follow
    ("changning-15th-outline", "长宁的“四大战略”是哪四个？", "1.实施“虹桥品牌跃升”战略"),
    ("jingan-renewal-action", "方案里的六大“卓越行动”分别是哪些？", "（一）再造发展新极行动"),
    # listing questions in the words of other document kinds
    ("cn-transit-its-guide", "这份建设指南分为哪几章？", "第一章"),
    ("fx-rural-road-reform", "“主要任务”下面分了哪几块？", "(一)完善农村公路管理养护体制"),
    ("qd-ai-industry-action", "重点任务部署了哪些专项行动？", "（一）算力设施“强基”行动"),
    ("qd-ai-industry-action", "场景应用“赋能”行动涵盖哪些领域？", "1.人工智能＋工业制造"),
    # a title asked without its period (“十四五”主要任务), or by a quoted part of it, with 具体任务
    ("hp-heritage-14th", "主要任务有哪几项？", "（一）坚持高端引领"),
    ("sd-manufacturing-innovation-action", "“优质企业培育提升行动”下面有哪几条具体任务？", "11.打造领航型企业"),
    # the last article of a regulation, titled or not, and a chapter's untitled articles by their opening
    ("xian-rental-stock-guide", "这份操作指南的最后一条是什么？", "第十四条试行期限"),
    ("sz-hpf-withdrawal-rules", "规定的最后一条是什么？", "第三十六条 本规定由市住房公积金管理委员会办公室负责解释。"),
    # words that name the parts (园区和项目区 over 吴都项目区 …; 哪几种城市 over …创新城市) or the
    # appendix the section sits in (路长制实施方案) ask nothing inside the section
    ("xiushui-investment-incentives", "项目准入具体条件分哪些园区和项目区？", "(一)绿色科技产业园"),
    ("sz-15th-proposal", "“现代化人民城市”那一部分分别要建设哪几种城市？", "(61)着力建设富有活力的创新城市"),
    # a part named by its words and 方面 alone when its items are asked for
    ("henan-services-measures", "要素保障方面包括哪几条措施？", "20. 加强服务业用地保障"),
    # the parts counted in the unit asked (篇: not the 前言 beside them); a document named with its year
    # names no part whose title shares the words (三、2024年政府工作任务)
    ("qingpu-15th-outline", "青浦区十五五规划纲要一共分为几篇？", "第一篇 推进更高起点上的新发展"),
    ("cn-gov-work-report-2024", "2024年政府工作报告一共分几个部分？", "一、2023年工作回顾"),
    ("fx-rural-road-reform", "路长制实施方案规定的工作流程有哪些环节？", "(一)巡视检查"),
    # a part named with words left out of its title (扩大开放 for 着力扩大高水平开放…)
    ("gansu-15th-proposal", "扩大开放这一部分下面有哪几条？", "23.用好共建“一带一路”最大机遇"),
    # a chapter's named part that has parts of its own
    ("cn-smart-community-guide", "“主题社区”一章的典型应用包括哪几类社区？", "8.3.1 商业社区"),
    # a fresh round written from eight outlines: the plan's own place in the question (上海 of
    # 上海市…措施) is no place asked about; 那一块 names a part as 那部分 does; 倒数第二章 counts the
    # 章 of a 纲要 of 篇 over 章; 第31条 of a plan numbered 1.–33. through its parts is its 31st item;
    # a question asking two things lists, or not, as the sentence naming the part says
    ("sh-silver-economy-measures", "上海银发经济措施里要素保障那部分包括哪几条？", "(十三)加强人力资源供给"),
    ("minhang-renewal-15th", "闵行城市更新规划中人文活力城区那一块，具体有哪些任务？", "1.推进老旧街区更新改造"),
    ("cn-healthy-china-2030-outline", "健康中国纲要倒数第二章讲的是啥", "第二十八章"),
    ("hubei-relics-14th", "第31条讲的是啥？", "31.科技保障"),
    ("cn-vocational-education-reform", "国家职业教育改革实施方案一共几个部分？第三部分讲啥", "三、促进产教融合"),
    ("zj-waste-regulation", "浙江省生活垃圾管理条例一共几章？分类投放是第几章？", "第四章"),
    ("bj-15th-proposal", "北京市委关于“十五五”规划的建议一共分几个部分？最后一部分讲的是啥？", "十二、凝聚各方力量"),
    # round nine: a part named after a lead verb (讲…的那部分), inside the part above it (主要任务里…那块),
    # by three characters (博物馆), by words listed with 、, or by 那个行动; the last item of a part so
    # named (…那部分最后一条是啥); a first clause that only names the document; the last part of a
    # document whose 附件 prints parts of its own; an item's whole text when asked what it says
    ("cn-rural-reform-opinions", "讲巩固脱贫攻坚成果的那部分有几条？", "(十)守牢不发生规模性返贫致贫底线"),
    ("pt-greening-15th", "主要任务里环境卫生那块包括哪几个方面？", "（一）完善生活垃圾全程分类体系"),
    ("hubei-relics-14th", "湖北文物规划里讲博物馆的那部分一共有几条？分别是什么", "20.优化博物馆体系布局"),
    ("bj-15th-proposal", "北京十五五建议里讲美丽北京、绿色低碳的那一部分，下面列了哪几条？", "(45)全面加强污染防治"),
    ("sd-manufacturing-innovation-action", "“山东制造”品牌提升那个行动下面具体有哪几项？", "21.共建共享“好品山东”品牌"),
    ("sh-transport-finemgmt-2024", "绿色安全交通运输体系那部分最后一条是啥？", "（二十三）开展普通国省干线安全整治"),
    ("sd-manufacturing-innovation-action", "山东这个制造业创新行动方案，重点任务一共包括几个提升行动？",
     "（一）关键核心技术攻关能力提升行动"),
    ("cn-hospital-performance-opinions", "三级公立医院绩效考核那个意见一共几部分？最后一部分讲的啥？", "五、组织实施"),
    ("dingxi-winter-economy-measures", "第二十二条说的是什么？", "(二十二)培育新型经营主体。大力发展"),
    # round ten: the first N parts, a part counted as a 块, a titled item named with 那条
    ("cn-digital-culture-opinions", "这份意见前两部分分别讲的啥", "一、总体要求"),
    ("guangyuan-economy-measures", "广元推动经济运行整体好转的措施分了几大块？第十块是什么", "十、聚力打造最优营商环境"),
    ("hunan-deed-delivery-reform", "整合再造业务流程那条里面按哪几个阶段来写的？", "1.建设预售阶段"),
    # what is attached, asked without the word 附件: the notice's own list of its 附表 first, then the
    # 附表, each named by the line under it
    ("sh-transport-pv-task-list", "方案后面附了哪几张表？", "附表：1.任务分工表"),
    # 附了哪几张图: the 附图, not the 附件 and 附表 beside them; parts after the last numbered chapter
    # that carry no number (用词说明, 引用标准名录) are what follows the text; a 印发通知's "附件：…方案"
    # names the document itself, not what the document attaches
    ("pingyuan-jintian-village-plan", "规划文本后面附了哪几张图？", "附图1 村庄用地现状图"),
    ("cn-cim-platform-guide", "导则正文六章之后还附了哪些部分？", "本导则用词说明"),
    ("gd-energy-saving-action", "行动方案后面还附了什么附件？", "附件：重点行业企业节能降碳改造计划项目储备清单"),
    # the 专栏 of a chapter named by its words; a part named by the question's subject said around 的
    # (2008年的主要目标和任务 for 2008年上海市国民经济和社会发展主要目标和任务), or less a tail that names
    # no part (提高自主创新能力的工作 for 关于提高自主创新能力的目标和任务)
    ("pingtan-social-14th", "医疗卫生服务体系这一章设了哪些专栏项目？", "专栏6 公共卫生救治防疫能力提升工程项目"),
    ("sh-2007-plan-execution-report", "2008年的主要目标和任务分成哪几个方面？", "（一）关于转变经济发展方式的目标和任务"),
    ("sh-2007-plan-execution-report", "提高自主创新能力的工作分成哪几个“聚焦”？", "1、聚焦国家战略"),
    # a plan's standing parts asked by a name of their kind: 保障措施 for 五、保障措施, 主要目标 for 发展目标
    # or a 主要目标 item, when one part of the outline is so named and has parts of its own
    ("cn-hospital-performance-opinions", "保障措施有哪些？", "（一）切实加强组织领导"),
    ("cn-smart-community-guide", "主要目标是什么？", "1.2.1 近期目标"),
    # a longer title naming the period's part (“十五五”时期经济社会发展的主要目标) is that part, not
    # the 指导思想 or a closing task that mentions 主要目标
    ("cn-15th-proposal", "主要目标是什么？", "——高质量发展取得显著成效"),
    ("hubei-15th-proposal", "主要目标是什么？", "——高质量发展取得显著成效"),
])
def test_structure_answers_read_the_outline_of_other_shapes(tmp_path, plan_id, question, first):
    ans = _corpus_plan(plan_id, tmp_path).ask(question)
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith(first)


@pytest.mark.parametrize("plan_id,question,first", [
    # the item (条 / 项) that holds a content, with the number a reader asked for: a title run into its
    # paragraph ((27)培育发展低空经济。围绕…) shown as printed
    ("yuncheng-property-measures", "买房入学的政策写在第几条？", "十七、实行买房入学优先保障政策"),
    ("sz-15th-proposal", "深圳十五五规划建议里关于低空经济的是第几条？", "(27)培育发展低空经济"),
    ("xian-rental-stock-guide", "纳管期满后房子想退出保障性租赁住房，看指南哪一条？", "第十二条房源退出"),
    ("cn-gov-work-report-2024", "报告里“三农”工作是今年政府工作任务的第几项？", "（七）坚持不懈抓好“三农”工作"),
    # an 应急预案 numbered 1 / 1.5: its 1.5 is the 节
    ("tj-geohazard-emergency-plan", "地质灾害险情和灾情分级在预案的哪一节？", "1.5 地质灾害险情和灾情分级"),
])
def test_where_a_content_sits_is_named_by_its_item_or_section(tmp_path, plan_id, question, first):
    ans = _corpus_plan(plan_id, tmp_path).ask(question)
    assert not ans.abstained and ans.excerpts[0].text.startswith(first)


def test_two_positions_asked_at_once_are_both_shown(tmp_path):
    ans = _corpus_plan("sy-youth-employment-measures", tmp_path).ask("第一条和最后一条措施分别是什么？")
    texts = [e.text for e in ans.excerpts]
    assert len(texts) == 2 and texts[0].startswith("1.建立“三包”责任机制") and texts[1].startswith("49.加强教育引导和典型宣传")
    # a list named by the words before the position, 的 left out (北京's 2013 总结 and 2014 计划, eval/unseen):
    # 2014年的工作任务 is its part 二、2014年主要工作任务, whose items are (一)…(五)
    pa = PlanAssistant.from_paths(["eval/unseen/plans/bj-housing-work-summary-2013.txt"], encoder="none",
                                  index_dir=tmp_path / "bj")
    ans = pa.ask("2014年的工作任务第一项和最后一项分别是什么？")
    assert [e.text[:5] for e in ans.excerpts] == ["（一）加大", "（五）大力"]


def test_an_item_asked_where_only_where_the_question_ends_on_it():
    assert structure.asks_location("买房入学的政策写在第几条？") == "条"
    assert structure.asks_location("三农工作是政府工作任务的第几项") == "项"
    assert structure.asks_location("地铁要修到哪条路上？") == "" and structure.asks_location("在哪条线路上建站") == ""


def test_the_parts_of_the_part_just_read_asked_with_具体(tmp_path):
    pa = _corpus_plan("sz-15th-proposal", tmp_path)
    ans = pa.ask("这一部分具体包括哪几条？", history=["建议的第五部分讲什么？"])
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("(21)培育发展总部经济")


@pytest.mark.parametrize("plan_id, question, first", [
    # a 主要目标 chapter of paragraphs and an indicator table whose rows say 完成省下达目标: its first
    # paragraph, not a row
    ("hangzhou-15th-outline", "主要目标是什么？", "通过五年的不懈奋斗"),
    ("sh-earthquake-14th", "主要目标是什么？", "到2025年，对标防震减灾先进城市"),
    # a part of two (总体要求和基本原则) asked of the second: from the paragraph that opens on it
    ("zhengzhou-15th-proposal", "基本原则有哪些？", "基本原则:"),
])
def test_a_standing_part_of_paragraphs_is_shown_as_printed(tmp_path, plan_id, question, first):
    ans = _corpus_plan(plan_id, tmp_path).ask(question)
    assert not ans.abstained and ans.excerpts[0].text.startswith(first), [e.text[:30] for e in ans.excerpts]
    assert all(e.kind not in ("table", "heading") for e in ans.excerpts)


@pytest.mark.parametrize("plan_id,first,followup,subject,answer", [
    # 这项工作 / 这一条 after a question naming the plan's place and a subject the vocabulary does not
    # know: the previous question's own words name the subject, the place beside them
    ("guangyuan-economy-measures", "广元在推动企业上市方面出了哪些举措？", "这项工作由哪个部门牵头？", "上市",
     "市金融工作局牵头"),
    ("gz-effective-investment-measures", "贵州在教育补短板上打算建哪些项目？", "这一条由哪个部门负责？", "教育",
     "省教育厅"),
    ("hunan-deed-delivery-reform", "湖南推进交房即交证，在调整办事窗口上要做哪些事？", "这项工作谁牵头？", "办事窗口",
     "省政务局"),
])
def test_a_follow_up_standing_for_the_previous_subject_keeps_it(tmp_path, plan_id, first, followup, subject, answer):
    ans = _corpus_plan(plan_id, tmp_path).ask(followup, history=[first])
    assert subject in ans.resolved_query
    assert not ans.abstained and answer in ans.excerpts[0].text


@pytest.mark.parametrize("plan_id,first,followup,resolved,answer", [
    # a subject the plan's vocabulary knows, with the previous question's noun of the same head
    # word: that noun is replaced and the rest of the question (重点监测) is still asked
    ("cn-soil-pollution-law", "哪些农用地地块需要重点监测？", "那建设用地呢？", "哪些建设用地地块需要重点监测",
     "对下列建设用地地块进行重点监测"),
    # a term the plan lists beside the previous question's (优先保护类、安全利用类和严格管控类)
    ("cn-soil-pollution-law", "安全利用类农用地地块要采取哪些措施？", "那严格管控类的呢？", "严格管控类农用地地块要采取哪些措施",
     "严格管控类"),
    # a place for a place: the one the question names first is its subject, not the 都市圈's
    ("hubei-15th-proposal", "鄂州在武汉都市圈里是什么定位？", "那咸宁呢？", "咸宁在武汉都市圈里是什么定位", "咸宁"),
])
def test_an_elliptical_noun_phrase_is_asked_in_the_previous_question(tmp_path, plan_id, first, followup, resolved,
                                                                     answer):
    ans = _corpus_plan(plan_id, tmp_path).ask(followup, history=[first])
    assert ans.resolved_query == resolved
    assert not ans.abstained and answer in ans.excerpts[0].text


def test_a_follow_up_with_a_subject_and_a_question_of_its_own_drops_the_previous_subject(tmp_path):
    # 家政服务这块 sets off a subject of its own and 有没有定具体数量 asks a question of its own: neither the
    # previous subject (体育公园) nor its question is asked again, and nothing is spliced into it
    ans = _corpus_plan("henan-domestic-demand-action", tmp_path).ask(
        "那家政服务这块有没有定具体数量？", history=["河南扩大内需三年行动方案里，体育公园到2025年要新建改建多少个？"])
    assert "家政服务" in ans.resolved_query and "体育公园" not in ans.resolved_query
    assert not ans.abstained and "建成50个家政服务示范社区网点" in ans.excerpts[0].text


def test_a_follow_up_with_a_predicate_of_its_own_is_not_spliced_into_the_previous_question(tmp_path):
    # 那再生水卖给企业多少钱一吨 asks a price the plan does not give; spliced into the previous question it was
    # asked as 到2025年平潭城市再生水卖给企业要达到多少 and answered with the recycled-water target
    ans = _corpus_plan("pingtan-14th-outline", tmp_path).ask(
        "那再生水卖给企业多少钱一吨？", history=["到2025年平潭城市再生水利用率要达到多少？"])
    assert "企业要达到" not in ans.resolved_query and "多少钱一吨" in ans.resolved_query
    assert ans.abstained


def test_a_follow_up_naming_a_thing_the_plan_never_prints_is_declined(tmp_path):
    # 那电子烟呢？: the plan's tokenizer cuts 电子烟 into 电子 | 烟, too common to be the turn's own words, and
    # the turn was answered with the smoking-rate clause; read whole, the plan never names it
    pa = _corpus_plan("cn-healthy-china-2030-outline", tmp_path)
    prev = "到2030年，15岁以上人群的吸烟率要降到多少？"
    ans = pa.ask("那电子烟呢？", history=[prev])
    assert ans.abstained and any("电子烟" in n for n in ans.notes)
    # a thing the plan does print is still answered, from its indicator table
    ans = pa.ask("那人均预期寿命呢？", history=[prev])
    assert not ans.abstained and "人均预期寿命" in ans.excerpts[0].text


def test_a_count_of_signs_is_no_amount_of_money(tmp_path):
    # the plan counts 1500块户外招牌; read as 1500 块 of money, it answered what a safety check costs
    pa = _corpus_plan("pt-greening-15th", tmp_path)
    prev = "户外招牌安全检测的年抽检率要达到多少？"
    assert not pa.ask(prev).abstained
    ans = pa.ask("给一块户外招牌做一次安全检测要收多少钱？", history=[prev])
    assert ans.abstained and "相关条文中没有：金额" in ans.notes


def test_a_part_named_by_its_kind_lists_its_own_divisions(tmp_path):
    # 平潭's 财政 plan calls it 十一、实现财政发展“十四五”规划的保障措施; 分哪几个方面 is asked of that part,
    # not of the whole plan
    pa = _corpus_plan("pingtan-finance-14th", tmp_path)
    for q in ("保障措施分哪几个方面？", "规划的保障措施包括哪几部分？"):
        ans = pa.ask(q)
        assert ans.kind == "structure" and ans.excerpts[0].text == "（一）加强党的全面领导，筑牢财政忠诚之魂"
    assert pa.ask("规划分哪几部分？").excerpts[0].text.startswith("一、“十三五”时期财政改革和发展回顾")


def test_a_communique_is_a_document_whose_parts_can_be_asked(tmp_path):
    # 合肥's 统计公报: 公报 names the document as 报告 does, so 分哪几部分 asks its outline, not its notes
    pa = _corpus_plan("hefei-stats-communique-2024", tmp_path)
    for q in ("公报分哪几部分？", "这份公报分了哪些大的部分？"):
        ans = pa.ask(q)
        assert ans.kind == "structure" and ans.excerpts[0].text == "一、综 合"


def test_a_policy_document_pointed_at_is_the_document(tmp_path):
    # 长沙's 若干政策 is in seven parts (一、全球招揽顶尖英才 …); 这份政策 is the document, 人才政策 a topic in it
    pa = PlanAssistant.from_paths([_unseen_plan("changsha-talent-measures")], encoder="none", index_dir=tmp_path)
    ans = pa.ask("这份政策分成哪几个板块？")
    shown = [e.text for e in ans.excerpts]
    assert ans.kind == "structure" and shown[:2] == ["一、全球招揽顶尖英才", "二、创新树培产业帅才"]
    assert pa.ask("人才政策分成哪几个板块？").kind != "structure"


@pytest.mark.slow
def test_a_printed_email_address_answers_which_mailbox(tmp_path):
    # 静安's guide prints 请将申报材料发送至：jafgw_cyk@126.com without the word 邮箱; 长沙's policies print none
    guide = PlanAssistant.from_paths([_unseen_plan("jingan-overseas-fund-guide-2026")], index_dir=tmp_path / "a")
    ans = guide.ask("申报材料要发送到哪个邮箱？")
    assert not ans.abstained and "jafgw_cyk@126.com" in ans.excerpts[0].text
    policies = PlanAssistant.from_paths([_unseen_plan("changsha-talent-measures")], index_dir=tmp_path / "b")
    ans = policies.ask("申报材料要发送到哪个邮箱？")
    assert ans.abstained and "相关条文中没有：邮箱" in ans.notes


def test_the_number_a_notice_prints_answers_which_number(tmp_path):
    ans = _corpus_plan("suzhou-economy-measures", tmp_path).ask("这份政策措施的发文字号是多少？")
    assert not ans.abstained and "苏府规字〔2023〕1号" in ans.excerpts[0].text


def test_the_meeting_a_report_was_made_to_is_asked_as_a_renda_meeting(tmp_path):
    # 人代会 is how a reader says 人民代表大会; the report's subtitle line names the session
    ans = _corpus_plan("cq-gov-work-report-2025", tmp_path).ask("这份报告是在哪次人代会上作的？")
    assert not ans.abstained and ans.excerpts[0].text == "——2025年1月19日在重庆市第六届人民代表大会第三次会议上"


def test_a_phone_number_or_a_web_address_is_answered_only_where_the_plan_prints_one(tmp_path):
    # the notice ends with 联系电话：0312-5568311 and sets 18:00 as the hour its forms are due
    pa = _corpus_plan("xiongan-special-post-notice", tmp_path / "a")
    ans = pa.ask("特聘岗位申报的联系电话是多少？")
    assert not ans.abstained and any("0312-5568311" in e.text for e in ans.excerpts)
    assert not pa.ask("特岗特薪申报材料要在几点前发出？").abstained
    # a heading over its one short clause (四、联系电话 over 0312-5620786) is judged as it is shown
    ans = _corpus_plan("xiongan-softsci-guide", tmp_path / "b").ask("软科学项目的联系电话是多少？")
    assert not ans.abstained and ans.excerpts[0].text == "0312-5620786"
    # the opinions name the satisfaction survey platform and print no web address for it
    pa = _corpus_plan("cn-hospital-performance-opinions", tmp_path / "c")
    prev = "三级公立医院要统一纳入哪个满意度调查平台？"
    assert not pa.ask(prev).abstained
    ans = pa.ask("那这个平台的网址是多少？", history=[prev])
    assert ans.abstained and "相关条文中没有：网址" in ans.notes


def test_a_follow_up_about_the_rest_of_something_continues_the_previous_question(tmp_path):
    # 剩下的钱 is the rest of the 土地款 the previous question asked about, not a subject of its own
    ans = _corpus_plan("gd-business-environment-plan", tmp_path).ask(
        "剩下的钱多长时间内要交清？要算利息吗？", history=["广东今年营商环境方案里，工业项目拿地的土地款能分期交吗？首期交多少？"])
    assert "土地" in ans.resolved_query
    assert not ans.abstained and "一年内全部缴清且不计利息" in ans.excerpts[0].text


def test_a_follow_up_naming_a_new_element_reads_past_the_previous_answer(tmp_path):
    # 那到2020年呢 after a question on 2015: the 2015 clause (what was just read) does not name 2020,
    # the clause that does comes first
    ans = _corpus_plan("cn-smart-community-guide", tmp_path / "a").ask(
        "那到2020年呢？", history=["按照指南，到2015年要初步建成多少个智慧社区示范点？"])
    assert not ans.abstained and "2020年" in ans.excerpts[0].text
    # 省级的呢 after 国家级（Ⅰ级）: the bracket glossed the replaced level and goes with it
    ans = _corpus_plan("cn-grain-emergency-plan", tmp_path / "b").ask(
        "省级的呢？", history=["国家级（Ⅰ级）粮食应急状态是怎么界定的？"])
    assert ans.resolved_query == "省级粮食应急状态是怎么界定的"


def test_a_line_continuing_an_article_names_what_the_article_names(tmp_path):
    # 南京's 第十五条F类人才可以选择… over 申请保障性租赁住房的,面积为30平方米左右 (two clauses of one
    # article): for 那F类的呢 the second line names F类 as its article does
    from assistant.confidence import clause_hit
    from assistant.core import _naming_first
    pa = _corpus_plan("nanjing-talent-housing-measures", tmp_path)
    clauses = pa._clauses
    line = next(c for c in clauses.values() if c.text.startswith("申请保障性租赁住房的,面积为30平方米"))
    other = next(c for c in clauses.values() if c.text.startswith("申请保障性租赁住房的,面积为60平方米"))
    art29 = next(c for c in clauses.values() if c.text.startswith("第二十九条"))
    hits = [clause_hit(c, 1.0) for c in (other, line, art29)]
    assert [h.clause_id for h in _naming_first(hits, "F类", pa._position)] == [line.clause_id, other.clause_id, art29.clause_id]
    assert _naming_first(hits, "F类")[0].clause_id == art29.clause_id      # without the document: its own text only


def test_a_chapter_of_untitled_articles_lists_them_by_their_opening_sentence(tmp_path):
    ans = _corpus_plan("sz-hpf-withdrawal-rules", tmp_path).ask("第四章包括哪些条？")
    opened = [e.text for e in ans.excerpts if e.kind != "heading"]      # the chapter's heading comes too
    assert ans.kind == "structure" and len(opened) >= 4
    assert all(re.match(r"第[一二三四五六七八九十]+条", t) for t in opened)
    assert opened[0].startswith("第二十一条 职工在住房公积金业务网点申请提取住房公积金")


def test_a_counted_name_enumerated_inline_is_answered_by_its_clause(tmp_path):
    # the clause that announces 四大战略 names 四大关键领域 inline: that clause is the answer there
    pa = _corpus_plan("changning-15th-outline", tmp_path)
    assert structure.counted_ref("四大关键领域是哪些？", pa.documents) is None
    ans = pa.ask("四大关键领域是哪些？")
    assert ans.kind == "answer" and "功能、数字、形态、人才四大关键领域" in ans.excerpts[0].text


def test_a_counted_name_announced_in_another_part_lists_the_part_titled_by_it(tmp_path):
    # 平潭's 非遗 方案 (eval/unseen round eight): 三、工作目标 says 组织开展“五大行动”, and 四、工作内容 holds the five,
    # each heading ending in 行动 (（一）非遗资源调查“摸家底”行动 …)
    pa = PlanAssistant.from_paths(["eval/unseen/plans/pingtan-ich-revival-action-2021.txt"],
                                  index_dir=tmp_path / "ix", encoder="none")
    ans = pa.ask("工作内容里的“五大行动”分别叫什么？")
    assert ans.kind == "structure" and ans.outline[0].printed == "四、工作内容"
    assert [e.printed for e in ans.outline[1:]][::2] == ["（一）非遗资源调查“摸家底”行动", "（三）非遗传承共建“织网络”行动",
                                                        "（五）非遗创新传承与融合发展“满堂彩”行动"]
    # a count the plan's parts do not match is no listing of them
    assert structure.counted_ref("“四大行动”分别是什么？", pa.documents) is None


def test_a_counted_slogan_in_quotes_lists_its_parts_and_a_title_may_announce_it(tmp_path):
    # 浙江's 党代会报告 (eval/unseen round nine): 主要任务：“10个着力”。 then ten parts opening on 着力
    zj = corpus.load_document(_unseen_plan("zhejiang-party-congress-report-2022"))
    ref = structure.counted_ref("今后五年的主要任务“10个着力”都包括哪些条目？", [zj])
    assert ref is not None and ref.section_id == "三"
    assert structure.counted_ref("有哪3个项目？", [zj]) is None         # unquoted, 个 counts things
    # 苏平's 美丽乡村 方案: the heading （一）抓实抓牢“五个美丽”建设 is the only place naming the five, over five parts
    pa = PlanAssistant.from_paths([_unseen_plan("suping-beautiful-village-plan-2023")], encoder="none",
                                  index_dir=tmp_path)
    ans = pa.ask("方案中说的“五个美丽”建设具体是哪五个？")
    assert ans.kind == "structure" and ans.outline[0].printed == "（一）抓实抓牢“五个美丽”建设"
    assert [e.title for e in ans.outline[1:6]][::4] == ["建设美丽乡村庭院", "建设美丽乡村休闲旅游点"]


def test_an_appendix_about_the_document_is_not_the_document(tmp_path):
    # 呼伦贝尔's 政府工作报告 (round nine) has no title line; its 附件2 is 《政府工作报告》有关名词解释, a glossary of it
    doc = corpus.load_document(_unseen_plan("hulunbuir-gov-work-report-2023"))
    ref = structure.find_ref("这份政府工作报告正文分成哪几个部分？", [doc])
    assert ref is not None and ref.kind == "whole"


def test_a_term_asked_how_it_is_delimited_finds_its_definition_in_brackets(tmp_path):
    # 杨浦's 停车 规划 (round nine) defines its subject once, in brackets inside a sentence:
    # …新建公共泊位不少于1700个（公共停车设施指独立用地的公共停车场库…）; 是怎么界定的 asks what a term means
    assert compose.defined_term("规划里所说的“公共停车设施”是怎么界定的？") == "公共停车设施"
    pa = PlanAssistant.from_paths([_unseen_plan("yangpu-parking-plan-2021")], encoder="none", index_dir=tmp_path)
    ans = pa.ask("规划里所说的“公共停车设施”是怎么界定的？")
    assert not ans.abstained and "公共停车设施指独立用地的公共停车场库" in ans.excerpts[0].text
    # a term only used in brackets, not defined there, is no definition
    from assistant.rerank import defines
    assert not defines("新建公共泊位（公共停车设施除外）", "公共停车设施")


def test_a_question_inside_a_section_is_not_a_listing_of_its_parts(pa):
    # 部署 and 领域 are listing words, but a question that asks something inside a section still searches it
    assert structure.find_ref("开放合作行动有哪些内容？", pa.documents) is not None
    assert structure.find_ref("开放合作行动中，要和哪些地区开展科技合作？", pa.documents) is None


def test_a_question_about_who_leads_a_named_part_searches_it(tmp_path):
    # "这部分" names the part 二、推动特色文旅发展, but who leads it is said in the line that closes it
    pa = _corpus_plan("dingxi-winter-economy-measures", tmp_path)
    assert structure.find_ref("“推动特色文旅发展”这部分有哪些措施？", pa.documents) is not None
    assert structure.find_ref("“推动特色文旅发展”这部分措施由哪个部门牵头？", pa.documents) is None
    ans = pa.ask("“推动特色文旅发展”这部分措施由哪个部门牵头？")
    assert ans.kind == "answer" and any(e.text.startswith("牵头单位:市文体旅游局") for e in ans.excerpts[:3])


def test_who_leads_a_group_of_tasks_is_the_note_that_closes_the_group(tmp_path):
    # 平潭's 科学素质 方案 (round nine): the three tasks of 老年人科学素质提升行动 (12. 13. 14.) are followed by one
    # line, 责任单位：区社会事业局牵头，…, read into the last of them; asked who leads the first task, the task is
    # found and the line that answers is not
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-science-literacy-14th")], encoder="none", index_dir=tmp_path)
    for question in ("智慧助老行动由哪个部门牵头？", "老年人科学素质提升行动由哪个部门牵头？"):
        ans = pa.ask(question)
        assert not ans.abstained and "责任单位：区社会事业局牵头" in ans.excerpts[0].text, question
    ans = pa.ask("高素质农民培养是哪个部门牵头？")         # one group earlier, its own group's line
    assert ans.excerpts[0].text.startswith("责任单位：区农业农村局牵头")
    # a task that names its own unit keeps it; a question not asking who gets no note first
    ans = pa.ask("老年人科学素质提升行动有哪些具体任务？")
    assert not ans.excerpts[0].text.startswith("责任单位")


def test_a_position_is_not_guessed_where_the_numbering_restarts(pa):
    # the shipped plan numbers 1. 2. … afresh under every （一）: "the third item" of the whole plan is
    # ambiguous, so the question goes to retrieval, while a named section's third item is listed
    assert structure.ordinal_ref("规划的第三项是什么？", pa.documents) is None
    ref = structure.ordinal_ref("保障措施的第三项是什么？", pa.documents)
    assert ref is not None and pa.ask("保障措施的第三项是什么？").excerpts[0].text.startswith("（三）")


def test_a_follow_up_naming_what_the_plan_prints_beside_the_asked_thing(tmp_path):
    # 合肥's 统计公报 (eval/plans) gives 一般公共预算收入 and 一般公共预算支出 in one paragraph, with 保险业
    # 保费收入 in another: 那支出呢？ asks for the 一般公共预算支出, not for any 支出 of 合肥
    pa = _corpus_plan("hefei-stats-communique-2024", tmp_path)
    ans = pa.ask("那支出呢？", history=["2024年合肥一般公共预算收入是多少？"])
    assert "一般公共预算支出" in ans.resolved_query
    assert "一般公共预算支出1581.06" in ans.excerpts[0].text

def test_a_heading_over_one_short_clause_stands_for_it(tmp_path):
    # 雄安's 申报指南 notice (eval/plans): "四、联系电话" over "0312-5620786", all that part says. The heading
    # matches the question; the number, the only thing under it, is the answer
    pa = _corpus_plan("xiongan-softsci-guide", tmp_path)
    ans = pa.ask("申报软科学研究项目的联系电话是多少？")
    assert ans.excerpts[0].text == "0312-5620786" and ans.excerpts[0].section_path == ("联系电话",)

# --- appendices ---------------------------------------------------------------------------------
def test_appendices_are_listed_by_their_names(tmp_path):
    from eval.corpus import find_plan
    pa = PlanAssistant.from_paths([str(find_plan("hp-heritage-14th"))], encoder="none", index_dir=tmp_path)
    ans = pa.ask("规划后面有哪些附件？")
    assert ans.kind == "structure"
    # an appendix headed only "附件1" is named by the line under it, and shows that line
    assert [e.title for e in ans.outline] == ["附件1：“十四五”时期黄浦区历史风貌保护和利用规划指标",
                                               "附件2：“十四五”时期黄浦区历史风貌保护和利用规划重点任务与项目清单"]
    assert ans.excerpts[0].text == "“十四五”时期黄浦区历史风貌保护和利用规划指标"
    # a question about what is inside an appendix is content, answered from the clauses
    assert pa.ask("附件中的项目清单有哪些外滩项目？").kind == "answer"


def test_a_single_appendix_with_parts_lists_its_parts(tmp_path):
    from eval.corpus import find_plan
    pa = PlanAssistant.from_paths([str(find_plan("cn-data-infra-guide"))], encoder="none", index_dir=tmp_path)
    ans = pa.ask("附录里解释了哪几类技术术语？")
    assert ans.kind == "structure"
    assert [e.title for e in ans.outline][1:] == ["数据流通利用技术", "数据流通利用实践方案", "数据安全技术"]


def test_an_excerpt_is_never_only_its_run_in_title(tmp_path):
    # "（二）强化医保经办机构审核检查责任。" opens a clause whose citation already names it; the
    # question's words are in no other sentence there, so the clause's opening is shown instead
    pa = _corpus_plan("cn-medical-insurance-fund-supervision", tmp_path)
    ans = pa.ask("医生过度检查、小病大治的问题管不管？")
    assert ans.excerpts
    assert not any(compose._is_title(h.text, h.section_path[-1]) for h in ans.excerpts)
    assert any(h.text.startswith("（二）强化医保经办机构审核检查责任。各级医保行政部门") for h in ans.excerpts)
    assert ans.lead and not any(compose._is_title(ans.lead, h.section_path[-1]) for h in ans.excerpts)


def test_a_clause_announcing_a_list_is_shown_with_its_items(tmp_path):
    """第二十四条人才安居房源包括下列筹集渠道: says nothing alone; its items are the answer."""
    pa = _corpus_plan("nanjing-talent-housing-measures", tmp_path)
    ans = pa.ask("人才安居的房源从哪些渠道筹集？")
    first = ans.excerpts[0]
    assert first.text.startswith("第二十四条人才安居房源包括下列筹集渠道:")
    assert "(一)政府投资新建、购买、租赁;" in first.text and first.text.endswith("(四)企业事业单位新建、改建。")
    assert first.text in pa.documents[0].text                  # verbatim: one slice of the plan
    assert not any(e.text.startswith("(一)政府投资新建") for e in ans.excerpts[1:])    # not shown twice
    from assistant.render import answer_text
    shown = answer_text(ans).split("\n")
    at = shown.index("    第二十四条人才安居房源包括下列筹集渠道:")
    assert shown[at + 1] == "    (一)政府投资新建、购买、租赁;"      # the items stay under the excerpt's number
    from eval.corpus import find_plan
    plain = PlanAssistant.from_paths([str(find_plan("nanjing-talent-housing-measures"))], encoder="none",
                                     index_dir=tmp_path, config=pa.config.with_(list_items=False))
    assert plain.ask("人才安居的房源从哪些渠道筹集？").excerpts[0].text == "第二十四条人才安居房源包括下列筹集渠道:"


def test_a_part_read_off_the_outline_shows_a_clause_announcing_a_list_with_its_items(tmp_path):
    """贷款咨询 is 第二章's title: the question is answered by the chapter's articles, and its 第十条
    (贷款咨询包括以下主要内容:) says what it includes only with the items under it."""
    pa = _corpus_plan("taizhou-hpf-loan-rules", tmp_path)
    ans = pa.ask("贷款咨询包括哪些内容？")
    assert ans.kind == "structure"
    tenth = next(e for e in ans.excerpts if e.text.startswith("第十条贷款咨询包括以下主要内容:"))
    assert "(一)贷款基本条件,包括贷款对象" in tenth.text and tenth.text in pa.documents[0].text
    assert not any(e.text.startswith("(一)贷款基本条件") for e in ans.excerpts)     # not shown twice
    plain = PlanAssistant.from_paths([pa.documents[0].source], encoder="none", index_dir=tmp_path / "plain",
                                     config=pa.config.with_(list_items=False))
    assert "第十条贷款咨询包括以下主要内容:" in [e.text for e in plain.ask("贷款咨询包括哪些内容？").excerpts]


def test_a_list_is_added_only_while_the_excerpt_stays_short():
    from types import SimpleNamespace as C
    text = "第五条下列情形可以提取:\n(一)退休;\n(二)出境定居。\n第六条另一条。"
    lead = C(text="第五条下列情形可以提取:", span=(0, 12), section_path=("第五条",), pages=(1, 1))
    one = C(text="(一)退休;", span=(13, 19), section_path=("第五条", "退休"), pages=(1, 1))
    two = C(text="(二)出境定居。", span=(20, 28), section_path=("第五条", "出境定居"), pages=(2, 2))
    six = C(text="第六条另一条。", span=(29, 36), section_path=("第六条",), pages=(2, 2))
    assert text[13:19] == one.text and text[20:28] == two.text and text[29:36] == six.text
    hit = Hit(text=lead.text, clause_id="5", section_path=lead.section_path, pages=(1, 1), score=1.0)
    whole = compose.with_items(hit, lead, [one, two, six], text, max_chars=100)
    assert whole.text == text[:28] and whole.pages == (1, 2)             # the next article is not an item
    assert compose.with_items(hit, lead, [one, two, six], text, max_chars=20).text == text[:19]
    assert compose.with_items(hit, lead, [one, two, six], text, max_chars=15).text == lead.text
    other = Hit(text="第六条另一条。", clause_id="6", section_path=("第六条",), pages=(2, 2), score=1.0)
    assert compose.with_items(other, six, [], text) is other


@pytest.mark.parametrize("plan_id, question, first", [
    ("taizhou-hpf-loan-rules", "哪一章讲的是贷款利率？", "第十一章贷款利率和计息"),
    ("guangzhou-housing-transaction-measures", "哪一章讲的是交易规则？", "第二章交易规则"),
    # the best clause is a task in no box; the box is named by the first excerpt that sits in one
    ("cn-ship-smart-action", "哪个专栏讲的是标准体系建设？", "专栏 4 船舶智能制造标准体系建设重点"),
])
def test_a_question_asking_the_unit_first_is_answered_with_its_heading(tmp_path, plan_id, question, first):
    ans = _corpus_plan(plan_id, tmp_path).ask(question)
    assert ans.excerpts[0].text.startswith(first)


# --- questions typed in traditional characters ------------------------------------------------

def test_traditional_characters_are_searched_in_the_plans_script():
    from index.tokenize import simplified
    assert simplified("新能源汽車要做到多少輛？") == "新能源汽车要做到多少辆？"
    assert simplified("发展目标是什么？") == "发展目标是什么？"
    # a character the plan prints itself stays as printed: a traditional plan keeps its own script
    assert simplified("新能源汽車要做到多少輛？", keep=frozenset("車輛")) == "新能源汽車要做到多少輛？"


@pytest.mark.parametrize("traditional, simple", [
    ("2015年戰略性新興產業總產值是多少？", "2015年战略性新兴产业总产值是多少？"),
    ("成都重點發展哪些生物產業？", "成都重点发展哪些生物产业？"),
    ("什麼是石墨烯？", "什么是石墨烯？"),
])
def test_a_question_in_traditional_characters_gets_the_simplified_questions_answer(pa, traditional, simple):
    got, want = pa.ask(traditional), pa.ask(simple)
    assert not want.abstained
    assert got.lead == want.lead and [h.clause_id for h in got.excerpts] == [h.clause_id for h in want.excerpts]
    assert any("简体" in n for n in got.notes) and not any("简体" in n for n in want.notes)
    # the retriever alone, as other tools embed it, reads it so too
    ids = [[h.clause_id for h in pa.retriever.search(q, k=5)] for q in (traditional, simple)]
    assert ids[0] == ids[1] and ids[0]


def test_a_plan_printed_in_traditional_characters_is_searched_as_printed(tmp_path, plan_path):
    from opencc import OpenCC
    to_traditional = OpenCC("s2t").convert
    plan = tmp_path / "traditional.txt"
    plan.write_text(to_traditional(plan_path.read_text(encoding="utf-8")), encoding="utf-8")
    trad = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path / "idx")
    ans = trad.ask(to_traditional("2015年战略性新兴产业总产值是多少？"))
    assert not ans.abstained and "5671.5" in ans.excerpts[0].text and "產業" in ans.excerpts[0].text
    assert not any("简体" in n for n in ans.notes)
    # a mainland reader asks in simplified characters: the question is searched in the plan's script
    ans = trad.ask("什么是增强现实？")
    assert not ans.abstained and ans.excerpts[0].text.startswith("16. 增強現實：")
    assert any("繁体" in n for n in ans.notes)


@pytest.mark.parametrize("question", ["规划一共分几个部分？", "最后一章是什么？", "规划分几章？", "第五部分的第二项是什么？",
                                      "规划的主要目标是什么？"])
def test_a_plan_printed_in_traditional_characters_answers_structure_questions_as_the_simplified_one(
        tmp_path, plan_path, question):
    """The cue patterns read 幾個部分, 最後一章, 發展目標 as they read 几个部分, 最后一章, 发展目标: a structure
    question of a plan printed in traditional characters gets the outline the simplified plan gives, in
    the plan's own print."""
    from opencc import OpenCC
    to_traditional = OpenCC("s2t").convert
    plan = tmp_path / "traditional.txt"
    plan.write_text(to_traditional(plan_path.read_text(encoding="utf-8")), encoding="utf-8")
    trad = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path / "idx")
    simple = PlanAssistant.from_paths([str(plan_path)], encoder="none", index_dir=tmp_path / "idx-s")
    got, want = trad.ask(question), simple.ask(question)
    assert want.kind == "structure" and got.kind == "structure"
    assert got.lead == to_traditional(want.lead)
    # (the closing 名詞解釋 too, read as the glossary: corpus.script)
    assert [(e.kind, e.title) for e in got.outline] == [(e.kind, to_traditional(e.title)) for e in want.outline]


def test_a_count_asked_in_traditional_characters_is_counted_with_its_measure_word():
    from assistant.confidence import asked_unit
    assert asked_unit("要建設多少個示範性職教集團？") == asked_unit("要建设多少个示范性职教集团？") == "个数"
    assert asked_unit("要新建幾座焚燒廠？") == "座数"


def test_a_figure_caption_is_never_shown_as_an_answer(tmp_path):
    """The caption names a map the text does not hold: the clause that states the toilets is shown."""
    plan = tmp_path / "district.txt"
    plan.write_text("\n".join([
        "某区绿化市容“十五五”规划",
        "一、环境卫生整洁规范",
        "按服务半径布局公共厕所，新建环卫公共厕所3座，改建大修40座，探索24小时开放夜间巡回保洁模式。",
        "优化保洁作业流程，强化人员培训，积极引入智能化、新能源环卫装备。",
        "二、保障措施",
        "建立规划实施的监测、评估和调整机制，开展中期评估和总结评估。",
        "图1 某区公共厕所布局现状图",
        "图2 某区绿道布局现状图",
    ]), encoding="utf-8")
    pa = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path / "idx")
    assert any(c.kind == "caption" for c in pa.documents[0].clauses)
    ans = pa.ask("公共厕所的布局有什么安排？")
    assert not ans.abstained
    assert ans.excerpts and all(not e.text.startswith("图") for e in ans.excerpts)
    assert "公共厕所" in ans.excerpts[0].text


@pytest.mark.parametrize("plan_id,first,followup,case,answer", [
    # "要是X呢？" puts a case: what the plan says of it, not the previous question with X in its subject's place
    ("yuncheng-property-measures", "运城现在贷款买房首付最低多少？", "要是家里有二孩呢？", "家里有二孩", "可给予核减1套家庭住房套数"),
    ("baiyin-property-workplan", "白银商品住房去化周期目标定的多少个月？", "要是去化周期超过36个月呢？", "去化周期超过36个月",
     "对去化周期在36个月以上的,应停止供地"),
])
def test_a_case_put_by_a_follow_up_is_asked_as_it_is(tmp_path, plan_id, first, followup, case, answer):
    ans = _corpus_plan(plan_id, tmp_path).ask(followup, history=[first])
    assert case in ans.resolved_query and "要是" not in ans.resolved_query
    assert not ans.abstained and answer in ans.excerpts[0].text


def test_a_follow_up_naming_a_thing_keeps_the_place_and_a_qualifier_goes_before_the_subject(tmp_path):
    # 沈阳 is where the question is asked of: 公积金贷款 does not take its place
    ans = _corpus_plan("sy-youth-employment-measures", tmp_path / "a").ask(
        "那公积金贷款呢？", history=["在沈阳就业的毕业生首次买房有多少补贴？"])
    assert "沈阳" in ans.resolved_query and "公积金贷款" in ans.resolved_query
    assert not ans.abstained and "最高可放宽到当期贷款最高限额的1.2倍" in ans.excerpts[0].text
    # 人均 qualifies the subject it follows up (地区生产总值), it does not replace it
    ans = _corpus_plan("zhengzhou-15th-proposal", tmp_path / "b").ask(
        "那人均呢？", history=["郑州“十五五”期间地区生产总值目标是多少？"])
    assert ans.resolved_query == "郑州“十五五”期间人均地区生产总值目标是多少"


def test_how_many_kuai_qian_asks_an_amount_and_names_nothing(tmp_path):
    # 几块钱 is the everyday 多少钱: 块钱 is no word the excerpts must hold (a county's 预算报告, round thirteen)
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-budget-report-2018")], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("保工资、保运转分别是几块钱？")
    assert not ans.abstained and not any("块钱" in n for n in ans.notes), ans.notes
    assert any("保工资经费安排153,845.29万元" in e.text for e in ans.excerpts[:5])


def test_a_follow_up_pointing_back_carries_the_subject_not_a_verb_topic(tmp_path):
    # 平潭's 2016 生态环境保护工作要点 (eval/unseen round five): 运行 is a topic of the plan's vocabulary, but
    # a verb; what the follow-up asks about is the 垃圾焚烧厂 the previous question named
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-eco-work-points-2016")], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("那这件事由哪个部门负责？", history=["垃圾焚烧厂要求什么时候建成运行？"])
    assert "垃圾焚烧厂" in ans.resolved_query, ans.resolved_query
