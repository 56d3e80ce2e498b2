"""Questions about the document itself (文号, 印发日期, 发文机关) answered with the front-matter line."""
from __future__ import annotations

import pytest

from assistant import PlanAssistant
from assistant.docinfo import asked_field, own_name
from eval.corpus import find_plan


@pytest.mark.parametrize("question, field", [
    ("这份工作方案是以什么文号印发的？", "doc_number"),
    ("这份实施意见是哪天发的？", "date"),
    ("这份通知的落款日期是哪天？", "date"),
    ("这个文件什么时候印发的", "date"),
    ("这个方案是哪个部门印发的？", "issuer"),
    ("文件是谁发的？", "issuer"),
    # the issuer named before the verb
    ("这份规划是哪一天由普陀区绿化和市容管理局印发的？", "date"),
    ("这份规划由哪个部门印发？", "issuer"),
    # what the document repeals, and a count of repealed texts a report's table gives (content)
    ("这个办法废止了哪些文件？", "repealed"),
    ("那行政规范性文件呢，新制发和废止各多少？", ""),
    # the years it covers, asked 覆盖哪段时间 of a name that points at it
    ("这份五年发展规划覆盖哪段时间？", "period"),
    ("这个行动方案是哪几个部门联合印发的？", "issuer"),
    # what it repeals; a content question about old things is content
    ("新预案出台以后，原来那版地质灾害应急预案还管用吗？", "repealed"),
    ("这个办法废止了哪些文件？", "repealed"),
    ("以前的老小区怎么处理？", ""),
    # whom it serves, asked of the document: its scope; whom one of its measures serves is content
    ("这些政策措施主要面向哪些人？", "scope"),
    ("补贴主要面向哪些人？", ""),
    ("资格失效的情形有哪些？", ""),
    # content questions that share the words
    ("统计数据什么时候发布？", ""),
    ("本办法自何时起施行？", ""),
    ("谁负责制定标准？", ""),
    ("本规划由谁负责组织实施？", ""),
    ("2025年什么时候完成改造？", ""),
    # the meeting that adopted or heard it; a meeting the content names is content
    ("这份行动方案是经区政府哪一次会议通过的？", "meeting"),
    ("这份政府工作报告是在哪一次全国人大会议上作的？", "meeting"),
    ("深圳要承办好亚太经合组织的哪一次会议？", ""),
    # the years the document covers
    ("规划期是哪几年？", "period"),
    ("这个规划的规划期限是哪几年？", "period"),
    ("增量项目的执行期限是多少年？", ""),
    ("规划期多长？", "period"),
    # a content question that names the period is content
    ("规划期内要新建多少座台站？", ""),
    ("到规划期末森林覆盖率要达到多少？", ""),
    ("这个规划管哪几年？", "period"),
    ("长三角一体化三年行动计划是哪几年的？", ""),
    # when the document itself takes effect, asked of it; a date something it rules starts is content
    ("什么时候开始实施？", "effective"),
    ("《浙江省生活垃圾管理条例》从哪天起施行？", "effective"),
    ("这份地质灾害应急预案的有效期是几年？", "validity"),
    ("增量新能源项目机制电量和电价从什么时候开始执行？", ""),
    ("2030年有效期内高新技术企业要达到多少家？", ""),
    # to whom the notice is addressed, asked of the document; to whom something it rules is paid is content
    ("印发通知是发给哪些单位的？", "addressees"),
    ("主送单位有哪些？", "addressees"),
    ("这份方案印发给了哪些单位？", "addressees"),
    ("补贴发给谁？", ""),
    ("文件里说补贴发给谁？", ""),
    # why it was made, whom it covers, who interprets it: asked of the document, not of what it describes
    ("制定这个文件的目的是什么？", "purpose"),
    ("为什么要出台这些措施？", "purpose"),
    ("这个条例的立法目的是什么？", "purpose"),
    ("这份规划的编制依据是什么？", "purpose"),
    ("这项工程的目的是什么？", ""),
    ("审批的依据是什么？", ""),
    ("适用范围是什么？", "scope"),
    ("南京市人才安居办法适用于哪些区？", "scope"),
    ("利用中欧班列开展邮件快件进出口常态化运输的措施适用于哪个自贸试验区？", ""),
    ("补贴资金适用于哪些企业？", ""),
    ("由哪个部门负责解释？", "interpreter"),
    ("解释权归谁？", "interpreter"),
    ("请解释一下什么是新质生产力", ""),
    # a standard's number, drafter and start, a communiqué's issuers: asked of the document by its kind
    ("这个标准的编号是多少？", "doc_number"),
    ("这个标准是哪个单位起草的？", "drafter"),
    ("编制单位是谁？", "drafter"),
    ("哪个单位负责编制应急预案？", ""),
    ("这个标准什么时候开始实施？", "effective"),
    ("这份统计公报是哪个单位发布的？", "issuer"),
])
def test_which_questions_ask_about_the_document(question, field):
    assert asked_field(question) == field


@pytest.fixture(scope="module")
def pa(tmp_path_factory):
    return PlanAssistant(encoder="none", index_dir=tmp_path_factory.mktemp("idx") / "bm25")


@pytest.fixture(scope="module")
def opinion(tmp_path_factory):
    return PlanAssistant.from_paths([str(find_plan("cn-medical-insurance-fund-supervision"))], encoder="none",
                                    index_dir=tmp_path_factory.mktemp("idx"))


def test_the_date_and_number_come_from_their_own_lines(opinion):
    ans = opinion.ask("这份实施意见是哪天发的？")
    assert not ans.abstained and ans.excerpts[0].text == "2023年5月26日"
    ans = opinion.ask("这份实施意见的文号是什么？")
    assert "国办发〔2023〕17" in ans.excerpts[0].text.replace(" ", "")


def test_a_notice_line_is_cited_as_the_notice(tmp_path):
    pa = PlanAssistant.from_paths([str(find_plan("cn-zero-waste-city-pilot"))], encoder="none", index_dir=tmp_path)
    ans = pa.ask("国务院办公厅印发这份工作方案的日期是哪天？")
    assert ans.excerpts[0].text == "2018年12月29日" and ans.excerpts[0].kind == "notice"
    assert ans.citations()[0].startswith("〔印发通知")
    assert pa.ask("这个方案是哪个部门印发的？").excerpts[0].text == "国务院办公厅"


@pytest.mark.parametrize("question, field", [
    ("这份规划的全称是什么？", "title"),
    ("规划叫什么名字", "title"),
    ("标题是啥？", "title"),
    ("这个文件叫什么？", "title"),
    ("这份通知的完整标题是什么", "title"),      # the notice that issues it
    ("十三五规划的全称是什么？", "title"),      # words of its title, said as a reader shortens them
    # a name the document holds, not its own
    ("这个人才计划叫什么名字？", ""),
    ("推进企业挂牌上市的计划叫什么名字？", ""),
    ("那个园区叫什么名字？", ""),
    ("重大工程的名称是什么？", ""),
    ("这份报告的标题是什么？", ""),            # a 规划 is asked as a 报告: not this document
    ("今年高考语文作文题目是什么？", ""),
])
def test_which_questions_ask_the_documents_title(question, field):
    assert asked_field(question, ["四川省“十三五”战略性新兴产业发展规划"]) == field


def test_the_title_is_its_own_line_and_the_notice_that_issues_it(pa, tmp_path):
    ans = pa.ask("这份规划的全称是什么？")
    assert not ans.abstained and [e.text for e in ans.excerpts] == ["四川省“ 十三五” 战略性新兴产业发展规划"]
    assert pa.ask("这个人才计划叫什么名字？").excerpts[0].text.startswith("培养和引进产业高端人才")
    # a plan issued by a notice: its title line, then the notice's title naming it
    notice = PlanAssistant.from_paths([str(find_plan("cn-carbon-peak-action"))], encoder="none", index_dir=tmp_path)
    texts = [e.text for e in notice.ask("这份通知的标题是什么？").excerpts]
    assert texts[0].endswith("2030 年前碳达峰行动方案") and texts[1] == "国务院关于印发2030 年前碳达峰行动方案的通知"
    # the document the notice issues is the document (河南's 政策措施, eval/unseen)
    assert asked_field("这份通知印发的政策文件正文标题是什么？", ["推动2025年第一季度经济“开门红”若干政策措施"]) == "title"
    assert asked_field("这份通知印发的政策文件正文标题是什么？", ["四川省“十三五”战略性新兴产业发展规划"]) == ""


def test_a_plan_without_a_date_line_is_not_given_one(pa):
    # the shipped plan's text carries no issuing date: the question goes to retrieval like any other
    ans = pa.ask("规划是什么时候印发的？")
    assert all(len(h.text) > 24 for h in ans.excerpts)


@pytest.mark.parametrize("question, said", [
    ("人才住房管理办法哪天开始施行？", "本办法哪天开始施行？"),
    ("《珠海市人才住房管理办法》适用于哪些方面？", "本办法适用于哪些方面？"),
    ("这个管理办法分为哪几章？", "本办法分为哪几章？"),
    # not the document's name: a generic word, a topic, another document
    ("办法的施行日期是哪天？", "办法的施行日期是哪天？"),
    ("人才住房怎么申请？", "人才住房怎么申请？"),
    ("珠海市人才引进办法有哪些？", "珠海市人才引进办法有哪些？"),
])
def test_the_document_named_by_its_title_is_said_as_it_says_itself(question, said):
    assert own_name(question, ["珠海市人才住房管理办法"]) == said
    assert own_name("战略性新兴产业发展规划的发展目标是什么", ["四川省“十三五”战略性新兴产业发展规划"]) \
        == "本规划的发展目标是什么"
    assert own_name(question, []) == question
    # a 导则 calls itself 本导则 (1.0.4 本导则待相关的国家标准或行业标准公布实施后废止)
    assert own_name("这份CIM基础平台技术导则在什么情况下废止？", ["城市信息模型（CIM）基础平台技术导则（修订版）"]) \
        == "这份CIM本导则在什么情况下废止？"


def test_a_question_naming_the_document_finds_the_article_about_it(tmp_path):
    """The title's words are in the title line and 第一条's purpose; the article that answers
    says 本办法 (第五十五条本办法自2021年12月1日起施行). When a document takes effect is now read from
    that provision whatever the question calls the document (the test above checks how own_name
    rewrites the question for retrieval)."""
    pa = PlanAssistant.from_paths([str(find_plan("zhuhai-talent-housing-measures"))], index_dir=tmp_path)
    ans = pa.ask("人才住房管理办法哪天开始施行？")
    assert ans.excerpts and ans.excerpts[0].text.startswith("第五十五条本办法自2021年12月1日起施行")
    off = PlanAssistant.from_paths([str(find_plan("zhuhai-talent-housing-measures"))], index_dir=tmp_path,
                                   config=pa.config.with_(own_name=False))
    assert off.ask("人才住房管理办法哪天开始施行？").excerpts[0].text.startswith("第五十五条")


def test_the_issuer_of_a_document_issued_itself_is_its_signature_line():
    # 国务院办公厅关于…的意见 (eval/plans): no notice holds the issuer; the 落款 line after the text does
    pa = PlanAssistant.from_paths(["eval/plans/cn-hospital-performance-opinions.txt"], encoder="none")
    ans = pa.ask("这份文件是谁发布的？")
    assert ans.lead == "国务院办公厅" and ans.excerpts[0].kind == "body"


def test_a_joint_notice_signed_on_several_lines_names_every_issuer():
    # 广东's 行动方案 (eval/plans): six bodies sign its notice on four lines, two of them two to a line,
    # the last a bank's 分行
    pa = PlanAssistant.from_paths(["eval/plans/gd-energy-saving-action.txt"], encoder="none")
    assert pa.documents[0].issuer.split("、") == [
        "广东省发展改革委", "广东省能源局", "广东省工业和信息化厅", "广东省生态环境厅",
        "广东省人民政府国有资产监督管理委员会", "中国人民银行广东省分行"]
    ans = pa.ask("这个行动方案是哪几个部门联合印发的？")
    # the masthead over the notice title first, then the signature lines
    assert [e.text for e in ans.excerpts] == [
        "广东省发展改革委 广东省能源局 广东省工业和信息化厅 广东省生态环境厅 广东省国资委 中国人民银行广东省分行",
        "广东省发展改革委 广东省能源局", "广东省工业和信息化厅 广东省生态环境厅",
        "广东省人民政府国有资产监督管理委员会", "中国人民银行广东省分行"]


def test_what_a_document_repeals_is_its_own_provision():
    # 天津's 预案 (eval/plans) closes on "…中的《天津市突发地质灾害应急预案》同时废止"; 青浦's 纲要 repeals nothing
    pa = PlanAssistant.from_paths(["eval/plans/tj-geohazard-emergency-plan.txt"], encoder="none")
    ans = pa.ask("新预案出台以后，原来那版地质灾害应急预案还管用吗？")
    assert ans.excerpts[0].text.endswith("《天津市突发地质灾害应急预案》同时废止。")
    # a text that says when it lapses itself (the CIM 导则: 本导则待相关的国家标准或行业标准公布实施后废止)
    pa = PlanAssistant.from_paths(["eval/plans/cn-cim-platform-guide.txt"], encoder="none")
    assert pa.ask("这个导则什么时候废止？").excerpts[0].text.endswith("公布实施后废止。")
    pa = PlanAssistant.from_paths(["eval/plans/qingpu-15th-outline.txt"], encoder="none")
    ans = pa.ask("这个规划废止了哪些文件？")
    assert ans.abstained and any("没有写明废止" in n for n in ans.notes)


def test_a_party_committee_that_names_itself_in_the_title_is_the_issuer():
    # 中共安徽省委关于制定…规划的建议 (eval/plans): no notice, no 落款; the title names who issues it
    pa = PlanAssistant.from_paths(["eval/plans/ah-15th-proposal.txt"], encoder="none")
    assert pa.documents[0].issuer == "中共安徽省委"
    ans = pa.ask("这份文件是哪个部门印发的？")
    assert not ans.abstained and ans.lead.startswith("中共安徽省委关于制定")


def test_a_date_the_text_does_not_print_is_not_answered_with_clauses():
    # 平潭's 纲要 (eval/plans) prints no date and no 文号: the clauses retrieval found for "印发" say neither
    pa = PlanAssistant.from_paths(["eval/plans/pingtan-14th-outline.txt"], encoder="none")
    for question in ("纲要是什么时候发布的？", "这份纲要的文号是什么？"):
        ans = pa.ask(question)
        assert ans.abstained and ans.excerpts == [] and any("没有写明" in n for n in ans.notes)
    # a date stated in the text is still found
    relics = PlanAssistant.from_paths(["eval/plans/hubei-relics-14th.txt"], encoder="none")
    assert "2021年10月27日" in relics.ask("这份规划是哪一天印发的？").lead


def test_the_years_a_plan_covers_are_its_own_statement_or_its_title_line(tmp_path):
    # 金田村's 规划期限为2022-2035年 (eval/plans); the 乡村全面振兴规划, which states no 规划期, carries
    # the years in its title line
    for plan_id, first in (("pingyuan-jintian-village-plan", "规划期限为2022-2035年"),
                           ("cn-rural-revitalization-plan", "乡村全面振兴规划（2024—2027年）")):
        plan = find_plan(plan_id)
        if plan is None:
            pytest.skip("eval/plans is not in this checkout")
        ans = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path / plan_id).ask("规划期是哪几年？")
        assert not ans.abstained and ans.excerpts[0].text.startswith(first)


@pytest.mark.parametrize("plan_id, first, note", [
    # a 十五五 outline that gives the period its years in a sentence of its own (eval/plans)
    ("qingpu-15th-outline", "“十五五”时期（2026－2030年）是", None),
    # a 十四五 plan that names its period but prints no years: its title line, the years in a note
    ("hubei-relics-14th", "湖北省文物事业发展“十四五”规划", "“十四五”时期为2021—2025年"),
    # a notice-led plan: the plan's own title line rather than the notice's
    ("cm-water-14th", "崇明区水务“十四五”规划", "“十四五”时期为2021—2025年"),
])
def test_a_five_year_plan_without_its_years_is_given_them(tmp_path, plan_id, first, note):
    ans = PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], encoder="none", index_dir=tmp_path).ask("规划期是哪几年？")
    assert not ans.abstained and ans.excerpts[0].text.startswith(first) and ans.excerpts[0].kind != "notice"
    said = [n for n in ans.notes if "时期为" in n]
    assert said == [] if note is None else said[0].startswith(note)


def test_the_day_printed_in_the_colophon_answers_when_it_was_issued(tmp_path):
    # 湖北's 文物 plan (eval/plans) prints no 落款 date, only its 版记 line; asked with 什么时候, which shares
    # no word with that line, the line is still the answer
    pa = PlanAssistant.from_paths(["eval/plans/hubei-relics-14th.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("这份规划是什么时候印发的？")
    assert not ans.abstained and ans.excerpts[0].text == "湖北省文化和旅游厅办公室 2021年10月27日印发"


def test_a_date_printed_with_its_day_left_blank_is_shown_as_printed(tmp_path):
    # 雄安's 第一类医疗器械一件事 notice (eval/unseen round six) is dated "2025年4月日", the day left for a stamp:
    # 这份文件是哪天印发的？ said the text prints no date. It prints the year and month: that line is the
    # answer, with a note that the day is blank
    text = ("关于印发《某区一件事实施方案》的通知\n各相关部门：\n现将《某区一件事实施方案》印发给你们，请认真贯彻落实。\n"
            "某区营商环境局\n2025年4月日\n（联系人：张三 电话：0312-5671353）\n某区一件事实施方案\n"
            "一、工作目标\n推动第一类医疗器械产品备案和生产备案一次办结。\n")
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    pa = PlanAssistant.from_paths([p], encoder="none", index_dir=tmp_path / "idx")
    ans = pa.ask("这份文件是哪天印发的？")
    assert not ans.abstained and ans.excerpts[0].text == "2025年4月日"
    assert any("日未填写" in n for n in ans.notes)
    # a dated line keeps its day and needs no note
    p.write_text(text.replace("2025年4月日", "2025年4月29日"), encoding="utf-8")
    ans = PlanAssistant.from_paths([p], encoder="none", index_dir=tmp_path / "idx2").ask("这份文件是哪天印发的？")
    assert ans.excerpts[0].text == "2025年4月29日" and not any("日未填写" in n for n in ans.notes)


def test_a_document_of_another_kind_is_not_asked_when_it_takes_effect():
    # 西安's 这份操作指南从哪天起施行 asked of 广州's 办法 names a document that is not this one
    assert asked_field("这份操作指南从哪天起施行，有效期多长？", ["广州市房屋交易监督管理办法"]) == ""
    assert asked_field("这份操作指南从哪天起施行，有效期多长？", ["西安市居民存量住房用于保障性租赁住房操作指南"]) == "validity"
    assert asked_field("这份实施意见的有效期到什么时候？", ["yingtan-property-opinions"]) == "validity"   # no title read


def test_when_a_document_takes_effect_is_its_own_provision(tmp_path):
    # 四川's 方案 (eval/plans) says 本方案自印发之日起执行 in its last paragraph; the 预算法实施条例 prints
    # no 有效期, so asked for one it gives the day it took effect
    for plan_id, question, first in (
            ("sc-newenergy-price-14th", "什么时候开始实施？", "本方案自印发之日起执行"),
            ("cn-budget-law-regulation", "这个文件有效期到什么时候？", "第九十七条 本条例自2020年10月1日起施行")):
        plan = find_plan(plan_id)
        if plan is None:
            pytest.skip("eval/plans is not in this checkout")
        ans = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path / plan_id).ask(question)
        assert not ans.abstained and ans.excerpts[0].text.startswith(first)


def test_a_law_is_asked_when_it_takes_effect_by_its_name_or_as_this_law(tmp_path):
    # the 土壤污染防治法 (eval/plans) calls itself 本法: 土壤污染防治法 and 这部法律 ask of it
    assert asked_field("土壤污染防治法从哪天开始施行？", ["中华人民共和国土壤污染防治法"]) == "effective"
    assert asked_field("这部法律什么时候生效", ["中华人民共和国土壤污染防治法"]) == "effective"
    assert asked_field("这部法律什么时候生效", ["珠海市人才住房管理办法"]) == ""      # not a law
    assert own_name("土壤污染防治法的立法目的是什么", ["中华人民共和国土壤污染防治法"]) == "本法的立法目的是什么"
    pa = PlanAssistant.from_paths(["eval/plans/cn-soil-pollution-law.txt"], encoder="none", index_dir=tmp_path)
    for question in ("土壤污染防治法从哪天开始施行？", "这部法律什么时候生效"):
        ans = pa.ask(question)
        assert not ans.abstained and ans.excerpts[0].text == "第九十九条 本法自2019年1月1日起施行。"


@pytest.mark.parametrize("plan_id, question, line", [
    # the line under the title that the report was adopted by / delivered at (eval/plans)
    ("sh-2007-plan-execution-report", "这份计划执行情况报告是在哪次会议上通过的？", "（2008年1月31日上海市第十三届人民代表大会第一次会议通过）"),
    ("cn-gov-work-report-2024", "这份政府工作报告是在哪一次全国人大会议上作的？", "——2024年3月5日在第十四届全国人民代表大会第二次会议上"),
])
def test_the_meeting_is_the_line_that_names_it(tmp_path, plan_id, question, line):
    plan = find_plan(plan_id)
    if plan is None:
        pytest.skip("eval/plans is not in this checkout")
    ans = PlanAssistant.from_paths([str(plan)], encoder="none", index_dir=tmp_path).ask(question)
    assert not ans.abstained and ans.excerpts[0].text == line


def test_the_addressees_are_the_notices_own_line(tmp_path):
    # 运城's 工作措施 behind its notice (eval/plans): the 主送 line, not a clause that shares a word
    pa = PlanAssistant.from_paths(["eval/plans/yuncheng-property-measures.txt"], encoder="none", index_dir=tmp_path / "a")
    ans = pa.ask("这个通知是发给哪些单位的？")
    assert not ans.abstained and ans.excerpts[0].text == "各县(市、区)人民政府,运城开发区管委会,市直各有关单位:"
    assert ans.excerpts[0].kind == "notice"
    # a report read to a meeting is addressed by no notice: it says so rather than show clauses
    report = PlanAssistant.from_paths(["eval/plans/cn-audit-work-report.txt"], encoder="none", index_dir=tmp_path / "b")
    ans = report.ask("主送单位有哪些？")
    assert ans.abstained and ans.excerpts == [] and any("主送" in n for n in ans.notes)


@pytest.mark.parametrize("plan_id, question, opening", [
    # the document's own provisions (eval/plans), asked without naming it
    ("sz-hpf-withdrawal-rules", "制定这个文件的目的是什么？", "第一条 为了加强住房公积金提取管理"),
    ("henan-services-measures", "为什么要出台这些措施？", "为加快构建优质高效服务业新体系"),
    ("zhuhai-talent-housing-measures", "适用范围是什么？", "第二条本办法适用于本市人才住房"),
    ("sz-hpf-withdrawal-rules", "由哪个部门负责解释？", "第三十六条 本规定由市住房公积金管理委员会办公室负责解释"),
])
def test_why_whom_and_who_interprets_are_the_documents_own_provisions(tmp_path, plan_id, question, opening):
    ans = PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], encoder="none", index_dir=tmp_path).ask(question)
    assert not ans.abstained and ans.excerpts[0].text.startswith(opening), [e.text[:30] for e in ans.excerpts]


def test_a_text_that_names_no_interpreter_says_so(tmp_path):
    # 珠海's 办法 (eval/plans) says who runs each step but not who interprets it
    pa = PlanAssistant.from_paths(["eval/plans/zhuhai-talent-housing-measures.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("由哪个部门负责解释？")
    assert ans.abstained and ans.excerpts == [] and any("解释" in n for n in ans.notes)


def test_the_year_a_report_calls_this_year_is_read_from_its_parts(tmp_path):
    # a 政府工作报告 headed 一、2023年工作回顾 / 二、2024年工作安排 says 今年 under 2024; a plan report headed
    # 2007年…执行情况 / 2008年…计划 never says 今年; a five-year outline's parts name no single year
    from assistant.docinfo import asked_year, current_year, said_years
    def doc(plan_id):
        return PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], encoder="none",
                                        index_dir=tmp_path / plan_id).documents
    sz, sh, hz = doc("sz-gov-work-report-2024"), doc("sh-2007-plan-execution-report"), doc("hangzhou-15th-outline")
    assert [current_year(d[0]) for d in (sz, sh, hz)] == [2024, 2008, 0]
    assert said_years("去年深圳GDP多少，今年呢", sz) == "2023年深圳GDP多少，2024年呢"
    assert said_years("去年GDP多少", hz) == "去年GDP多少"
    assert asked_year("去年上海人均收入涨了多少", sh) == 2007 and asked_year("2023年新增就业多少", sz) == 2023
    assert asked_year("2023年和2024年分别是多少", sz) == 0
    # one part headed by a year among others is no document told by years (平潭's “十四五”发展战略及2035年远景目标)
    pt = doc("pingtan-14th-outline")
    assert current_year(pt[0]) == 0 and asked_year("到2035年要实现什么目标", pt) == 0


def test_last_year_is_read_in_the_part_headed_by_that_year(tmp_path):
    # 深圳's report: "去年…GDP" is the 2023 review's figure, not the 2024 target that says 今年…地区生产总值
    pa = PlanAssistant.from_paths(["eval/plans/sz-gov-work-report-2024.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("深圳去年经济干得怎么样，GDP多少？")
    assert not ans.abstained and "全市地区生产总值3.46万亿元" in ans.excerpts[0].text
    ans = pa.ask("今年地区生产总值预期增长多少？")
    assert not ans.abstained and "今年经济社会发展主要预期目标" in ans.excerpts[0].text


def test_a_standards_and_a_communiques_own_lines(tmp_path):
    # 广东's DB44 标准 and 合肥's 统计公报 (eval/plans): who drafted it (本文件起草单位：…), who interprets it
    # (本文件由…解释, without 负责), its number (on the cover only), and the issuers with the date when both are asked
    std = PlanAssistant.from_paths([str(find_plan("gd-voc-emission-standard"))], encoder="none", index_dir=tmp_path / "s")
    assert std.ask("这个标准是哪个单位起草的？").excerpts[0].text == "本文件起草单位：广东省环境科学研究院。"
    assert std.ask("这个标准由哪个部门负责解释？").excerpts[0].text == "本文件由广东省生态环境厅解释。"
    assert "DB44/ 2367—2022" in std.ask("这个标准的编号是多少？").excerpts[0].text
    report = PlanAssistant.from_paths([str(find_plan("hefei-stats-communique-2024"))], encoder="none",
                                      index_dir=tmp_path / "h")
    ans = report.ask("这份统计公报是哪个单位发布的，发布日期是哪天？")
    assert [e.text for e in ans.excerpts] == ["合肥市统计局 国家统计局合肥调查队", "2025 年3月28日"]


def test_a_span_with_months_in_the_title_line_is_the_period(tmp_path):
    # a school's 五年发展规划 (eval/unseen, round twelve): (2010年3月～2015年2月) under its title; the question
    # names the document by its kind after other words
    ans = PlanAssistant.from_paths(["eval/unseen/plans/shaoxing-yizhong-5yr-plan-2010.txt"], encoder="none",
                                   index_dir=tmp_path).ask("这份五年发展规划覆盖哪段时间？")
    assert not ans.abstained and "2010年3月～2015年2月" in ans.excerpts[0].text
