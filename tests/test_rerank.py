"""The pool re-ranker: its general features, its fitted model and its place in ``ask``."""
from __future__ import annotations

import json

import numpy as np
import pytest

from assistant import PlanAssistant, compose, rerank
from assistant.compose import QueryTerms
from eval import rerank_fit
from eval.corpus import find_plan
from index.hit import Hit

GLOSSARY = "8.生育友好岗(第42页)：指部分工作时间可弹性安排、工作方式灵活、工作环境友好的岗位。"
MENTION = "落实生育休假制度，鼓励设立“生育友好岗”，营造生育友好社会氛围。"
ROW = "6 | 老旧住房综合修缮改造累计面积 | 万平方米 | 100 | 约束性"
PROSE = "到2025年，累计实现老旧住房综合修缮改造面积100万平方米。"


def hit(text: str, score: float = 1.0, bm25: float = 5.0, dense: float | None = 0.8, path=("一、总体要求",)) -> Hit:
    scores = {"bm25": bm25} if dense is None else {"bm25": bm25, "dense": dense}
    return Hit(text=text, clause_id=str(abs(hash(text))), section_path=tuple(path), pages=(1, 1), score=score,
               scores=scores)


def info(*terms) -> QueryTerms:
    return QueryTerms({t: 10.0 for t in terms})


def test_defines_fires_on_a_clause_that_opens_with_the_asked_term():
    hits = [hit(MENTION), hit(GLOSSARY)]
    asked = rerank.features(hits, info("生育友好岗"), "什么叫“生育友好岗”？")
    assert [f["defines"] for f in asked] == [0.0, 1.0]
    # the same clause for a question that does not ask what the term means
    other = rerank.features(hits, info("生育友好岗"), "生育友好岗有多少个？")
    assert [f["defines"] for f in other] == [0.0, 0.0]
    # numbered regulation articles and quoted terms open a definition too
    assert rerank._defines("第三条 “医疗质量”是指在现有条件下…", ["医疗质量"])
    assert not rerank._defines("提高医疗质量是指导思想", ["医疗质量"])
    # the drafting formula of 办法/条例/方案: 本办法所称X，是指… (also 前款所称, …所称X包括…)
    assert rerank._defines("第三条本办法所称人才住房,是指由政府投资或提供政策支持", ["人才住房"])
    assert rerank._defines("前款所称“住房补贴”，是指由相关职能部门发放", ["住房补贴"])
    assert rerank._defines("（三）本方案所称镇区包括各镇人民政府", ["镇区"])
    # … and with 的 after 所称 (广州's 配售型保障性住房管理办法)
    assert rerank.defines("第二条 本办法所称的配售型保障性住房,是指政府提供政策支持,限定户型面积", "配售型保障性住房")
    # … and 本办法中 with what the term is of before it (雄安 孵化器认定管理办法, eval/unseen), only with 是指
    assert rerank.defines("第七条 本办法中孵化器在孵企业是指具备以下条件的被孵化企业：", "在孵企业")
    assert not rerank.defines("本办法中孵化器在孵企业数量不少于15家", "在孵企业")
    assert not rerank._defines("本办法所称人才住房的管理，由市住房城乡建设局负责", ["人才住房"])
    # 所称 after another law's article, and a quoted term glossed by ，即…
    assert rerank.defines("第五十二条 预算法第五十六条第二款所称财政专户，是指财政部门为履行财政管理职能", "财政专户")
    assert rerank.defines("实施“一个基础平台四大工程”，即覆盖全区的一套人工智能平台及四大工程", "一个基础平台四大工程")
    assert not rerank.defines("财政专户资金由本级政府财政部门管理", "财政专户")
    assert not rerank.defines("实施“一个基础平台四大工程”，推进智慧医院建设", "一个基础平台四大工程")
    # the drafting convention that names what a term stands for: …（以下统称“X”）
    scope = "适用范围为纳入建设规划的县道、乡道、村道(以下统称“农村公路”);市管道路不属适用范围。"
    assert rerank._defines(scope, ["农村公路"])
    assert rerank._defines("公共交通一卡通（以下简称IC卡）刷卡机应在工程确定", ["ic卡"])
    # …（以下称X…）: 以下称 without 简, the term with the word the document adds to it
    x = "启动“学历证书+若干职业技能等级证书”制度试点（以下称1+X证书制度试点）工作。"
    assert rerank.defines(x, "1+x证书制度")
    assert not rerank.defines("启动1+X证书制度试点工作。试点工作要进一步发挥好学历证书作用", "1+x证书制度")
    assert not rerank._defines("推进农村公路建设，提升农村公路服务功能。", ["农村公路"])
    # the list of a 办法's 用语含义 (（二）X：指…) defines formally; "X是…" does not
    assert rerank.defines("（二）医疗质量管理：指按照医疗质量形成的规律", "医疗质量管理")
    assert not rerank.defines("第四条 医疗质量管理是医疗管理的核心", "医疗质量管理")
    # after a run-in title, among the definitions one article lists, and 本规定中X是指
    assert rerank.defines("（一）基本内涵。智慧林业是指充分利用云计算、物联网", "智慧林业")
    assert rerank.defines("共同拥有产权的住房;人才公寓,是指在一定政策期限内", "人才公寓")
    assert rerank.defines("本规定中商品住房是指以下住房:", "商品住房")
    assert not rerank.defines("建设智慧林业。智慧林业是智慧地球的重要组成部分", "智慧林业")
    # a quoted term glossed in brackets, and a list summed up by a quoted term; not a mere aside
    assert rerank.defines("“双师型”教师（同时具备理论教学和实践教学能力的教师）占专业课教师总数超过一半", "双师型")
    assert rerank.defines("分裂势力、宗教极端势力、暴力恐怖势力等“三股势力”在新疆制造事端", "三股势力")
    assert not rerank.defines("建设“一网通办”（上海）平台", "一网通办")
    assert not rerank.defines("坚决打击“三股势力”，维护社会稳定", "三股势力")


def test_a_term_defined_in_a_list_of_meanings_leads_its_definition_question(tmp_path):
    # 医疗质量管理办法 第四十七条 本办法下列用语的含义：（二）医疗质量管理：指…; 第四条 opens
    # "医疗质量管理是医疗管理的核心", which says what it is for, not what it means
    from assistant import PlanAssistant
    pa = PlanAssistant.from_paths(["eval/plans/cn-medical-quality-measures.txt"], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("医疗质量管理是什么意思？")
    assert ans.excerpts[0].text.startswith("（二）医疗质量管理：指")


def test_a_definition_question_worded_around_the_term_finds_the_term_the_plan_defines(tmp_path):
    # 深圳's 提取规定: "本规定中商品住房是指以下住房:" leads a list; the question's padding (规定里说的…
    # 指哪些房子) is not part of the term
    from assistant import PlanAssistant
    pa = PlanAssistant.from_paths(["eval/plans/sz-hpf-withdrawal-rules.txt"], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("规定里说的商品住房指哪些房子？")
    assert ans.excerpts[0].text.startswith("本规定中商品住房是指")


def test_the_asked_term_is_read_from_the_question_when_segmentation_splits_it():
    from assistant.compose import defined_term
    assert defined_term("国家数据基础设施指的是什么？") == "国家数据基础设施"
    assert defined_term("什么叫“生育友好岗”？") == "生育友好岗"
    assert defined_term("数字经济核心产业增加值占比是多少") == ""
    # a quoted term is the one asked about, whatever else the question says
    assert defined_term("这个方案里说的“农村公路”具体指哪些路？") == "农村公路"
    # unquoted, the term stands before what it is asked to mean; 指 and 具体 inside a term stay
    assert defined_term("规定里说的商品住房指哪些房子？") == "商品住房"
    assert defined_term("农村公路具体指啥？") == "农村公路"
    assert defined_term("什么是指挥调度平台？") == "指挥调度平台"
    assert defined_term("指导思想是什么？") == "指导思想"
    assert defined_term("什么是具体行政行为？") == "具体行政行为"
    # of several quoted, the one just before the asking words; the document it is read in is no part of it
    assert defined_term("湖北“十五五”时期的“四期叠加”指什么？") == "四期叠加"
    assert defined_term("《意见》所说的资管业务是什么？") == "资管业务"
    assert defined_term("预案里说的突发地质灾害是什么意思？") == "突发地质灾害"
    # jieba cuts 数字经济 into 数字 / 经济: the clause that opens with the whole term still defines it
    hits = [hit("发展数字经济是把握新一轮科技革命的战略选择。"), hit("数字经济是继农业经济、工业经济之后的主要经济形态。")]
    f = rerank.features(hits, info("数字", "经济"), "什么是数字经济？")
    assert [x["defines"] for x in f] == [0.0, 1.0]


def test_a_yearly_documents_undated_clause_is_of_its_year():
    # 全年生产总值… in 合肥市2024年…统计公报 is about 2024; a clause naming another year is not
    hits = [Hit(text=t, clause_id=str(i), section_path=("一、综合",), pages=(1, 1), score=1.0,
                scores={"bm25": 1.0}, doc_id="gb") for i, t in enumerate(
        ["全年生产总值13507.69亿元，比上年增长6.1%。", "2023年生产总值12673.78亿元。", "2024 年末，全市已建成4个大科学装置。"])]
    question = "2024年合肥GDP是多少？"
    assert [f["year_miss"] for f in rerank.features(hits, info("gdp"), question)] == [1.0, 1.0, 0.0]
    assert [f["year_miss"] for f in rerank.features(hits, info("gdp"), question, own_years={"gb": "2024"})] == [
        0.0, 1.0, 0.0]
    # another document's year, or none, leaves the feature as it was
    assert [f["year_miss"] for f in rerank.features(hits, info("gdp"), question, own_years={"gb": "2023"})] == [
        1.0, 1.0, 0.0]


@pytest.mark.parametrize("plan_id, year", [
    ("hefei-stats-communique-2024", "2024"), ("cq-gov-work-report-2025", "2025"),
    ("sh-infodisclosure-report-2019", "2019"), ("xiongan-softsci-guide", "2023"),
    # a horizon, an edition, a date, a five-year plan: no year of its own
    ("cn-14th-outline", ""), ("cn-carbon-peak-action", ""), ("cn-eia-classification-list", ""),
    ("cn-bingtuan-white-paper", ""), ("cn-skills-china-action", ""),
])
def test_the_year_a_document_is_of_is_read_from_its_title(plan_id, year):
    import corpus
    from assistant import docinfo
    assert docinfo.own_year(corpus.load_document(find_plan(plan_id))) == year


def test_a_statistical_communiques_figure_is_found_for_its_year_and_city(tmp_path):
    # 2024年合肥GDP是多少？ put 2024 年末…大科学装置 first: it names the year and 合肥 (合肥分中心), the
    # answer says 全年 and 全市; the plan's own year and city are no evidence for one clause over another
    pa = PlanAssistant.from_paths([str(find_plan("hefei-stats-communique-2024"))], index_dir=tmp_path)
    a = pa.ask("2024年合肥GDP是多少？")
    assert not a.abstained and "13507.69亿元" in a.excerpts[0].text
    assert confidence_without_home("2024年合肥GDP是多少？", pa) == "GDP是多少？"


def confidence_without_home(text: str, pa) -> str:
    from assistant import confidence
    return "".join(confidence.without_home(text, pa._home).split())


def test_features_are_relative_to_the_pool_and_mark_tables_years_dates_figures():
    hits = [hit(ROW, score=2.0, bm25=8.0, dense=0.9), hit(PROSE, score=1.0, bm25=4.0, dense=0.7)]
    f = rerank.features(hits, info("老旧住房", "修缮"), "2025年老旧住房修缮面积要达到多少？")
    assert f[0]["score"] == 1.0 and f[1]["score"] == 0.5
    assert f[0]["bm25"] == 1.0 and f[1]["bm25"] == 0.5
    assert f[0]["dense"] == 1.0 and f[1]["dense"] == 0.0
    assert [x["table"] for x in f] == [1.0, 0.0]
    assert [x["year_miss"] for x in f] == [1.0, 0.0]
    assert [x["number"] for x in f] == [1.0, 1.0]
    when = rerank.features([hit("国务院办公厅 2023年5月26日"), hit("国务院办公厅")], info("办公厅"), "这份文件是哪天发的？")
    assert [x["date"] for x in when] == [1.0, 0.0]
    # the question's words are all in the row: the dense signal adds nothing there
    assert [x["dense_lowlex"] for x in f] == [0.0, 0.0]
    loose = rerank.features([hit(ROW, dense=0.9), hit(PROSE, dense=0.7)], info("旧房", "翻新"), "旧房翻新做多少？")
    assert loose[0]["dense_lowlex"] == 1.0 and loose[1]["dense_lowlex"] == 0.0
    # a pool without vectors (bm25 mode) has no dense signal at all
    lexical = rerank.features([hit(ROW, dense=None), hit(PROSE, dense=None)], info("修缮"), "修缮多少？")
    assert {x["dense"] for x in lexical} == {0.0}


def test_unit_marks_a_clause_that_counts_with_the_questions_measure_word():
    roads = "全区拥有37条风貌保护道路、64处风貌保护街坊。"
    other = "加强风貌保护道路的整体保护，完善道路两侧建筑的保护要求，2025年前完成全部整治。"
    f = rerank.features([hit(other), hit(roads)], info("风貌保护道路"), "黄浦有几条风貌保护道路？")
    assert [x["unit"] for x in f] == [0.0, 1.0]
    # a figure that is not a count of roads does not count; nor does any clause for a question without a unit
    assert compose.asked_unit("城桥镇要建多少公里污水管？").search("加快城桥镇24公里污水管工程建设")
    assert compose.asked_unit("要完成多少万平方米？").search("完成应急避难场所建设144.45万平方米")
    assert not compose.asked_unit("开工建设多少个公共停车位？").search("2025年完成9000辆")
    assert compose.asked_unit("2025年的目标是多少？") is None
    # 多长时间 / 多大 ask for a figure as 多少 does
    fast = rerank.features([hit("加强地震烈度速报能力建设。"), hit("地震速报水平 | 10分钟完成地震烈度速报 | 约束性")],
                           info("地震烈度速报"), "地震烈度速报要在多长时间内完成？")
    assert [x["number"] for x in fast] == [0.0, 1.0]
    # sent_number: the figure is in the sentence that holds the question's words, not elsewhere in the clause
    two = "加强风貌保护道路的日常管理和沿线建筑的保护。到2025年，全区完成各类整治项目10个。"
    g = rerank.features([hit(two), hit(roads)], info("风貌保护道路"), "风貌保护道路有多少？")
    assert [x["number"] for x in g] == [1.0, 1.0] and [x["sent_number"] for x in g] == [0.0, 1.0]


def test_years_dates_and_item_numbers_are_no_figure_unless_the_question_asks_when():
    opening = "“十五五”时期（2026－2030年）是青浦加快建设现代化新城的关键时期。"
    parks = "（3）完善公园体系。到2030年，新建各类公园40座，建成环城水系公园。"
    dated = "2024年7月4日，市绿化市容局印发本计划。"
    f = rerank.features([hit(opening), hit(parks), hit(dated)], info("公园"), "“十五五”期间青浦打算建设多少座公园？")
    assert [x["number"] for x in f] == [0.0, 1.0, 0.0]
    assert [x["sent_number"] for x in f] == [0.0, 1.0, 0.0]
    # asked which years, the span of years is the figure
    span = "近期建设年限为2022—2025年，远期展望至2035年。"
    g = rerank.features([hit(span), hit("（1）加强村庄建设管理。")], info("近期建设"), "近期建设的年限是哪几年？")
    assert [x["number"] for x in g] == [1.0, 0.0]
    # a footnote mark is no figure: the communique's note on how 地区生产总值 is counted states none
    note = "[2][4]地区生产总值及其分类项目增加值绝对量按现价计算，增长速度按不变价格计算。"
    gdp = "初步核算，全年生产总值（GDP）[2]13507.69亿元，按不变价格计算，比上年增长6.1%。"
    h = rerank.features([hit(note), hit(gdp)], info("地区生产总值"), "合肥市2024年的地区生产总值是多少？")
    assert [x["number"] for x in h] == [0.0, 1.0]


def test_a_table_row_states_its_unit_in_a_cell_of_its_own():
    """An indicator table prints the unit in a column (数字经济企业数 | 家 | … | 9000左右) or in the
    indicator's name (认定数量（个）), never after the figure."""
    row = "6 | 数字经济企业数 | 家 | 预期性 | 9000左右"
    prose = "“十五五”时期，长宁区经济社会发展的奋斗目标是：到2030年，数字经济能级跃升。"
    f = rerank.features([hit(prose), hit(row)], info("数字经济", "企业"), "数字经济企业数要达到多少家？")
    assert [x["unit"] for x in f] == [0.0, 1.0]
    assert compose.table_unit("1 | 城中村整体改造项目认定数量（个） | 〔70〕 | 〔12〕 | 约束性", "个")
    assert compose.table_unit("7 | 老旧住宅综合修缮改造受益户数 | 万户 | >2 | 约束性", "户")
    # another unit, no figure, or not a row: no
    assert not compose.table_unit(row, "个")
    assert not compose.table_unit("6 | 数字经济企业数 | 家 | 预期性 | 完成市下达目标", "家")
    assert not compose.table_unit("新增数字经济企业9000家左右", "家")
    assert compose.asked_unit_word("要新增多少万户？") == "户" and compose.asked_unit_word("目标是多少？") == ""


def test_a_table_rows_header_counts_as_its_title():
    """A row's title is its table's header row: a year asked for stands there, not in the row."""
    header = "序号 | 指标名称 | 指标属性 | 基准值（2020年） | 目标值（2025年） | 目标值（2035年）"
    row = Hit(text="7 | 骨干（区管）河道整治率 | 预期性 | 37.7％ | ≥52％ | ≥85％", clause_id="r7",
              section_path=("三、发展目标", "主要指标"), pages=(1, 1), score=1.0, title=header,
              scores={"bm25": 5.0, "dense": 0.8})
    prose = hit("骨干河道整治率达到37.7％。", path=("一、发展基础",))
    f = rerank.features([prose, row], info("骨干", "河道", "整治率", "2035年"), "骨干河道整治率到2035年要达到多少？")
    assert [x["year_miss"] for x in f] == [1.0, 0.0]
    assert f[1]["info_cov"] == 1.0 and f[0]["info_cov"] < 1.0


def test_ask_finds_an_indicator_tables_row(tmp_path):
    pa = PlanAssistant.from_paths([str(find_plan("changning-15th-outline"))], index_dir=tmp_path)
    ans = pa.ask("长宁区数字经济企业数到“十五五”末要达到多少家？")
    assert ans.excerpts and ans.excerpts[0].text == "6 | 数字经济企业数 | 家 | 预期性 | 9000左右"


def test_who_note_marks_the_piece_with_the_responsibility_note():
    """A long measure is cut into pieces; its 责任单位 note, in any of the brackets plans print it in,
    is in the last piece, which answers a who-question."""
    head = "(二)对生育家庭实施差异化购房补助。自2024年8月1日起至2025年12月31日,在我市中心城区购买新建商品住房的,给予补助。"
    note = "三孩家庭补贴总金额最高10万元。〔责任单位:市财政局、市卫健委、市住建局〕"
    q = "生育家庭差异化购房补助由哪些部门负责？"
    f = rerank.features([hit(head), hit(note)], info("生育家庭", "购房补助"), q)
    assert [x["who_note"] for x in f] == [0.0, 1.0]
    assert [x["who_note"] for x in rerank.features([hit(head), hit(note)], info("购房补助"), "购房补助给多少？")] == [0, 0]
    for text in ("加快推进骨干水源工程建设。(责任单位:省水利厅)", "推行“一网通办”。（省政务服务数据管理局牵头）",
                 "健全协调机制。【牵头单位：市发展改革委】", "牵头单位:市金融局", "扩大信贷投放。责任单位:市金融局、各区县政府"):
        assert compose.RESPONSIBLE.search(text), text
    assert not compose.RESPONSIBLE.search("(一)实行阶段性购房补贴。(以合同网签备案时间为准)")
    assert not compose.RESPONSIBLE.search("明确牵头单位:由市政府指定")      # mid-sentence, not a note


def test_who_note_marks_a_task_table_row_under_a_column_naming_who_does_it():
    """A 任务分工表's row says who does its task in a column (牵头单位 | 配合单位): for a who-question it
    holds a responsibility note as a （…牵头） note does; a table without such a column does not."""
    header = "序号 | 工作事项 | 主要内容 | 牵头单位 | 配合单位"
    row = Hit(text="提供长期处方服务。 | 市医保局、市卫生健康委 | / ", clause_id="r", section_path=("附件2",),
              pages=(1, 1), score=1.0, scores={"bm25": 5.0, "dense": 0.8}, title=header)
    prose = hit("提供长期处方服务，处方用药量最长放宽至3个月。")
    f = rerank.features([prose, row], info("长期处方"), "这项由哪个部门牵头？")
    assert [x["who_note"] for x in f] == [0.0, 1.0]
    assert compose.names_responsible("6 | 数字经济企业数 | 家", "序号 | 指标名称 | 牵头单位")
    assert not compose.names_responsible("6 | 数字经济企业数 | 家", "序号 | 指标名称 | 单位")
    assert not compose.names_responsible("牵头单位的职责是什么", "序号 | 牵头单位")     # not a row


def test_a_task_table_row_restating_the_previous_answer_counts_as_that_clause():
    """A plan that prints its measures again in a task table: the row that repeats the previous
    answer's measure is that measure, read with who does it."""
    measure = "针对已签约家庭医生并患有慢性病的参保人，经家庭医生评估可将处方用药量最长放宽至3个月。"
    prev = hit(measure)
    row = hit(measure + " | 市医保局、市卫生健康委 | / | 医政处")
    other = hit("2024年，选取部分基层医疗卫生机构试点，开展家庭医生签约服务按人头付费。 | 市医保局 | / | 基层处")
    f = rerank.features([other, row], info("家庭医生"), "这项由哪个部门牵头？", prev=prev)
    assert [x["prev_clause"] for x in f] == [0.0, 1.0]
    # two prose clauses that open alike are not one measure printed twice
    assert not rerank._restates(measure + "加强用药指导。", measure)


def test_a_who_follow_up_finds_the_previous_measures_task_table_row(tmp_path):
    pa = PlanAssistant.from_paths([str(find_plan("gz-family-doctor-plan"))], index_dir=tmp_path)
    ans = pa.ask("这项由哪个部门牵头？", history=["广州签了家庭医生的慢性病人一次能开多久的药？"])
    # since the re-ranker reads near_cov its weights put a sibling row first (医联体牵头医院牵头…, which
    # also names 慢性病 and a 牵头 unit): the row restating the previous answer is shown second
    row = [e for e in ans.excerpts[:2] if "最长放宽至3个月" in e.text]
    assert not ans.abstained and row and "市医保局、市卫生健康委、各区政府" in row[0].text


def test_prev_features_mark_the_previous_answer_and_its_section():
    """A follow-up's answer most often lies in the previous answer's clause or next to it."""
    def item(text, path, score=1.0):
        return Hit(text=text, clause_id=str(abs(hash(text))), section_path=path, pages=(1, 1), score=score,
                   title=path[-1], scores={"bm25": 5.0, "dense": 0.8})

    # an item's section is its parent's (7. and 8. under 三、); a plain paragraph's is its own path
    prev = item("7.提升生活居住品质。实施城中村改造5.6万户。", ("城市更新", "提升生活居住品质"))
    same = item(prev.text, prev.section_path, score=0.5)
    sibling = item("8.推进老旧小区改造。改造城镇老旧小区747个。", ("城市更新", "推进老旧小区改造"))
    elsewhere = item("21.提升物业服务水平。老旧小区物业服务覆盖率达到90%。", ("物业服务", "提升物业服务水平"))
    f = rerank.features([elsewhere, sibling, same], info("老旧小区"), "老旧小区呢？", prev=prev)
    assert [(x["prev_clause"], x["prev_section"]) for x in f] == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]
    para = hit("全面推进城市更新。", path=("城市更新",))
    g = rerank.features([sibling, elsewhere], info("老旧小区"), "老旧小区呢？", prev=para)
    assert [x["prev_section"] for x in g] == [1.0, 0.0]
    assert all(x["prev_clause"] == x["prev_section"] == 0.0
               for x in rerank.features([elsewhere, sibling], info("老旧小区"), "老旧小区有多少？"))


def test_own_cov_reads_only_a_follow_ups_own_new_words():
    """南阳呢？ after a question on 郑州、洛阳: the clause naming 南阳 holds the follow-up's own word,
    the previous answer does not; a question on its own has no such feature."""
    prev = hit("支持郑州、洛阳建设国际消费中心城市。", path=("消费中心城市",))
    nanyang = hit("支持南阳建设区域性消费中心城市。", path=("消费中心城市",))
    own = {"南阳": 10.5}
    f = rerank.features([prev, nanyang], info("南阳", "消费中心城市"), "南阳建设什么样的消费中心城市", prev=prev, own=own)
    assert [x["own_cov"] for x in f] == [0.0, 1.0]
    assert all(x["own_cov"] == 0.0 for x in rerank.features([prev, nanyang], info("南阳"), "南阳呢？", own=own))


def test_sent_dense_is_the_best_sentences_cosine_relative_to_the_pool():
    a, b, c = hit("甲。乙。"), hit("丙。"), hit("丁。")
    f = rerank.features([a, b, c], info("乙"), "乙是什么", sent_cos=[0.9, 0.7, 0.8])
    assert [round(x["sent_dense"], 6) for x in f] == [1.0, 0.0, 0.5]
    # without sentence cosines (BM25 mode, no encoder) the feature is 0 for every clause
    assert all(x["sent_dense"] == 0.0 for x in rerank.features([a, b, c], info("乙"), "乙是什么"))


@pytest.mark.slow
def test_a_clauses_best_sentence_meets_a_question_on_it_closer_than_its_window(tmp_path, monkeypatch):
    """A question worded as one sentence of a two-sentence clause meets that sentence alone more
    closely than the clause's window (both sentences under their title); the sentence vectors go
    to the embedding cache, so a second reader of the same plan encodes none."""
    import corpus
    from assistant.sentences import SentenceVectors, sentences

    plan = corpus.load_document(find_plan("cn-medical-insurance-fund-supervision"))
    pa = PlanAssistant(documents=[plan], index_dir=tmp_path / "idx")
    r = pa.retriever
    clause = next(c for c in plan.clauses if len(c.text) <= 120 and len(sentences(c.text)) >= 2)
    target = max(sentences(clause.text), key=len)
    h = next(h for h in r.search(target, k=50, mode="dense") if h.clause_id == clause.clause_id)
    first = SentenceVectors(r, cache_dir=tmp_path / "emb").best_cosines(target, [h])[0]
    assert first > h.scores["dense"] + 0.01

    def no_encoding(texts):
        raise AssertionError(f"encoded again: {texts}")
    monkeypatch.setattr(r.encoder, "encode", no_encoding)
    assert SentenceVectors(r, cache_dir=tmp_path / "emb").best_cosines(target, [h]) == [first]


def test_a_follow_up_on_a_sibling_item_finds_that_item_first():
    """On the shipped plan: after 核心发展区, 重点拓展区呢？ asks for the clause that names it."""
    pa = PlanAssistant()
    a = pa.ask("重点拓展区呢？", history=["高端装备产业的核心发展区有哪些城市？"])
    assert not a.abstained and "重点拓展区" in a.excerpts[0].text


def test_a_follow_up_pool_holds_the_previous_questions_best_clause(tmp_path):
    class Spy:
        def __init__(self):
            self.calls = []

        def rerank(self, hits, info, question, prev=None, searched="", own=None, sent=None, near=None,
                   part=None):
            self.calls.append((question, prev, [h.clause_id for h in hits]))
            self.own = own
            return list(hits)

    pa = PlanAssistant(encoder="none", index_dir=tmp_path / "bm25")
    pa.reranker = spy = Spy()
    pa.ask("重点拓展区呢？", history=["高端装备产业的核心发展区有哪些城市？"])
    _, prev, pool = spy.calls[-1]
    own = spy.own
    first = pa.retriever.search(pa.ask("高端装备产业的核心发展区有哪些城市？").resolved_query, k=1, mode="bm25")[0]
    assert prev is not None and prev.clause_id == first.clause_id and prev.clause_id in pool
    # the follow-up's own words (with their parts), none of the previous question's
    assert "重点拓展区" in own and not {"核心", "发展区", "高端装备", "城市"} & set(own)
    pa.ask("高端装备产业的核心发展区有哪些城市？")
    assert spy.calls[-1][1] is None          # a question on its own has no previous answer


def test_shipped_model_matches_the_features_and_records_how_it_was_fitted():
    data = json.loads(rerank.DATA.read_text(encoding="utf-8"))
    assert data["features"][:len(rerank.FEATURES)] == list(rerank.FEATURES)
    assert set(data["weights"]) == set(data["features"])
    # the rest, if any, are products of two of them
    assert all("*" in f and set(f.split("*")) <= set(rerank.FEATURES) for f in data["features"][len(rerank.FEATURES):])
    lopo = data["lopo_pool_hit1_macro"]
    assert lopo["reranked"] >= lopo["retrieval"]
    m = rerank.model()
    assert m is not None and m.weights == pytest.approx(data["weights"])


def test_shipped_model_puts_the_definition_before_a_mention_and_prose_before_a_table_row():
    m = rerank.model()
    out = m.rerank([hit(MENTION), hit(GLOSSARY, score=0.95, bm25=4.8)], info("生育友好岗"), "什么叫“生育友好岗”？")
    assert out[0].text == GLOSSARY
    out = m.rerank([hit(ROW), hit(PROSE, score=0.97, bm25=4.9)], info("老旧住房", "修缮", "面积"),
                   "老旧住房综合修缮改造面积累计要达到多少？")
    assert out[0].text == PROSE


def test_a_weight_may_name_the_product_of_two_features():
    f = {name: 0.0 for name in rerank.FEATURES}
    assert rerank.vector(dict(f, dense=0.5, info_cov=0.4), ("dense", "dense*info_cov")) == [0.5, pytest.approx(0.2)]
    # the BM25 score alone prefers the mention; weighed by how much of the question each clause
    # holds (弹性 is only in the glossary entry), the entry comes first
    pool = [hit(MENTION, bm25=5.0), hit(GLOSSARY, bm25=4.0)]
    q, terms = "生育友好岗能弹性上班吗？", info("生育友好岗", "弹性")
    assert rerank.Reranker({"bm25": 1.0}).rerank(pool, terms, q)[0].text == MENTION
    m = rerank.Reranker({"bm25*info_cov": 1.0, "no*such": 5.0})
    assert "no*such" not in m.names
    assert m.rerank(pool, terms, q)[0].text == GLOSSARY


def test_without_a_model_the_pool_keeps_its_retrieval_order(monkeypatch, tmp_path):
    monkeypatch.setattr(rerank, "DATA", tmp_path / "missing.json")
    rerank.model.cache_clear()
    try:
        hits = [hit(MENTION), hit(GLOSSARY)]
        assert rerank.model() is None
        assert rerank.rerank(hits, info("生育友好岗"), "什么叫“生育友好岗”？") == hits
    finally:
        rerank.model.cache_clear()


def defining_pools(n: int, plans, size: int, seed: int) -> list:
    """``n`` pools of ``size`` clauses with random features, dealt to ``plans`` in turn, whose answering
    clause alone has ``defines`` set, wherever retrieval put it."""
    rng = np.random.default_rng(seed)
    k = rerank.FEATURES.index("defines")
    pools = []
    for i in range(n):
        x = rng.random((size, len(rerank.FEATURES)))
        x[:, k] = 0.0
        right = int(rng.integers(size))
        x[right, k] = 1.0
        pools.append(rerank_fit.Pool(plans[i % len(plans)], f"q{i}", x, np.arange(size) == right))
    return pools


def test_fit_learns_which_feature_marks_the_answer():
    k = rerank.FEATURES.index("defines")
    pools = defining_pools(60, ["plan0", "plan1", "plan2"], 6, seed=0)
    w = rerank_fit.fit(pools, l2=0.001, steps=500)
    assert w[k] == max(w)
    assert rerank_fit.pool_hit1(pools, w) == 1.0
    assert rerank_fit.pool_hit1(pools, None) < 0.5
    # held out by groups of plans: every plan gets weights fitted without its own pools, and they still find the answer
    held = rerank_fit.held_out_weights(pools, ["plan0", "plan1", "plan2"], 0.001, folds=2)
    assert set(held) == {"plan0", "plan1", "plan2"}
    for pid, w in held.items():
        mine = [p for p in pools if p.plan == pid]
        assert rerank_fit.answered_first(mine, w) == len(mine)
    assert rerank_fit.answered_first(pools, None) < 30


def test_ask_shows_the_glossary_entry_first_for_a_definition_question(tmp_path):
    pa = PlanAssistant.from_paths([str(find_plan("changning-15th-outline"))], encoder="none",
                                  index_dir=tmp_path / "idx")
    ans = pa.ask("什么叫“生育友好岗”？")
    assert not ans.abstained
    assert ans.excerpts[0].text.startswith("8.生育友好岗")
    # retrieval alone ranks the 生育支持 clause that mentions the term first: the re-ranker moved it
    off = PlanAssistant.from_paths([str(find_plan("changning-15th-outline"))], encoder="none",
                                   index_dir=tmp_path / "idx", config={"rerank": False})
    shown = [h.text for h in off.ask("什么叫“生育友好岗”？").excerpts]
    assert [t.startswith("8.生育友好岗") for t in shown].index(True) > 0


def test_bigram_cover_counts_wording_that_segmentation_cuts_differently():
    # jieba cuts 出租房屋 出租|房屋: the word 租房 is not in it, its two characters are
    texts = ["规范出租房屋管理，发放住房补贴。", "加快发展战略性新兴产业。", "推进住房保障体系建设。"]
    got = rerank.bigram_cover("租房有补贴吗", texts)
    assert got[0] == pytest.approx(1.0) and got[1] == 0.0
    # a bigram most of the pool holds counts less than one only the answer holds
    shared = rerank.bigram_cover("住房补贴", ["住房补贴", "住房保障", "住房建设"])
    assert shared[0] == pytest.approx(1.0) and 0.0 < shared[1] < 0.5
    assert rerank.bigram_cover("GDP?", texts) == [0.0, 0.0, 0.0]           # nothing Chinese to hold
    feats = rerank.features([hit(texts[1]), hit(texts[0])], info("租房", "补贴"), "租房有补贴吗")
    assert feats[1]["bigram_cov"] > feats[0]["bigram_cov"]


def test_a_term_the_clause_nearly_holds_counts_by_how_near_its_word_comes():
    terms = info("租客", "到期")
    text = "租赁期满，承租人应当按时腾退房屋。"
    assert rerank.near_share(text, terms, {"租客": 1.0, "到期": 0.5}) == pytest.approx(terms["租客"] / sum(terms.values()))
    # below NEAR_FROM a word counts for nothing; half way to 1.0 it counts half
    assert rerank.near_share(text, terms, {"租客": rerank.NEAR_FROM - 0.01, "到期": 0.0}) == 0.0
    half = rerank.NEAR_FROM + (1.0 - rerank.NEAR_FROM) / 2
    assert rerank.near_share(text, terms, {"租客": half, "到期": 0.0}) == pytest.approx(
        0.5 * terms["租客"] / sum(terms.values()))
    # a term found in the text counts whole whatever its cosine
    assert rerank.near_share("租客到期后搬离。", terms, {}) == pytest.approx(1.0)


def test_near_cov_reads_the_word_cosines_and_is_the_wording_share_without_them():
    hits = [hit("租赁期满，承租人应当按时腾退房屋。"), hit("加强公共租赁住房管理。")]
    terms = info("租客", "到期")
    near = [{"租客": 0.97, "到期": 0.96}, {"租客": 0.93, "到期": 0.90}]
    f = rerank.features(hits, terms, "租客到期不搬走怎么办？", near=near)
    assert f[0]["near_cov"] > f[1]["near_cov"] > 0.0
    assert all(x["info_cov"] == 0.0 for x in f)
    without = rerank.features(hits, terms, "租客到期不搬走怎么办？")
    assert [x["near_cov"] for x in without] == [x["info_cov"] for x in without]


def test_part_dense_is_the_best_sentence_or_phrase_cosine_scaled_over_the_pool():
    hits = [hit("经过三年努力，标准体系初步建立，脏险难作业劳动强度大幅降低。"), hit("完善船舶精益制造体系。"),
            hit("加强船厂信息基础设施建设。")]
    terms = info("劳动强度")
    f = rerank.features(hits, terms, "造船的活会轻松些吗？", sent_cos=[0.80, 0.82, 0.78], part_cos=[0.90, 0.82, 0.78])
    assert [x["part_dense"] for x in f] == pytest.approx([1.0, 4 / 12, 0.0])
    assert [x["sent_dense"] for x in f] == pytest.approx([0.5, 1.0, 0.0])
    # without dense vectors (BM25 only) the feature reads nothing
    assert all(x["part_dense"] == 0.0 for x in rerank.features(hits, terms, "造船的活会轻松些吗？"))
    # and the shipped model weighs it
    assert any("part_dense" in name and w for name, w in rerank.model().weights.items())


@pytest.mark.parametrize("question, phrase", [
    ("国产大客机四川参与吗？", "积极参与大飞机、支线客机研制"),
    ("打游戏、看动画片这类产业规划怎么说？", "重点发展视频游戏、网络游戏、手机游戏"),
])
def test_a_question_about_one_phrase_of_a_long_sentence_gets_its_clause_first(question, phrase):
    """On the shipped plan (its phrase vectors ship): the clause whose phrase answers comes first; each was
    second before the re-ranker read phrases."""
    pa = PlanAssistant()
    a = pa.ask(question)
    assert not a.abstained and phrase in a.excerpts[0].text, [e.text[:40] for e in a.excerpts]
    hits = pa.retriever.search(a.resolved_query, k=12, mode="hybrid")
    sv = pa._sentence_vectors()
    part, sent = sv.part_cosines(a.resolved_query, hits), sv.part_cosines(a.resolved_query, hits, parts=False)
    mine = next(i for i, h in enumerate(hits) if phrase in h.text)
    assert part[mine] > sent[mine]          # a phrase of it meets the question better than any of its sentences


def test_rerank_fit_fits_on_pools_collected_apart_and_refuses_pools_of_other_features(tmp_path):
    """``--collect`` writes plain tuples (plan, question id, features, answering); ``--pools`` fits on them."""
    import pickle
    rows = [(p.plan, p.qid, p.x, p.rel) for p in defining_pools(40, ["sc-sei-13", "ah-15th-proposal"], 5, seed=1)]
    good = tmp_path / "pools-0.pkl"
    good.write_bytes(pickle.dumps(rows))
    assert rerank_fit.main(["--pools", str(good), "--no-pipeline", "--folds", "2", "--report", str(tmp_path / "r")]) == 0
    got = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))["pools"]
    assert got["sc-sei-13"]["answerable"] == 20 and got["sc-sei-13"]["held_out"] == 20
    narrow = tmp_path / "pools-1.pkl"
    narrow.write_bytes(pickle.dumps([(p, q, x[:, :-1], r) for p, q, x, r in rows]))
    with pytest.raises(SystemExit, match="other features"):
        rerank_fit.main(["--pools", str(narrow), "--no-pipeline"])
