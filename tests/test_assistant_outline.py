"""A plan in the national 纲要 shape: 第X篇 over 第X章 (numbered straight through the 篇) over
第X节. A reader names a 章 or a 节 by its own number and unit, asks which 章 holds a content, and
counts the 篇 or the 章; each unit is the level whose headings carry it, not the top level.
BM25 only (fast)."""
from __future__ import annotations

import re

import pytest

from assistant import PlanAssistant, structure
from corpus import load_document
from tests.sample_plans import DECIMAL_PLAN, OUTLINE_PLAN


def _written(tmp_path_factory, name: str, text: str):
    path = tmp_path_factory.mktemp("plan") / name
    path.write_text(text, encoding="utf-8")
    return path


def _assistant(path, tmp_path_factory) -> PlanAssistant:
    return PlanAssistant.from_paths([path], index_dir=tmp_path_factory.mktemp("idx"), encoder="none")


@pytest.fixture(scope="module")
def plan_path(tmp_path_factory):
    return _written(tmp_path_factory, "province-outline.txt", OUTLINE_PLAN)


@pytest.fixture(scope="module")
def pa(plan_path, tmp_path_factory):
    return _assistant(plan_path, tmp_path_factory)


def test_the_outline_is_read_as_three_levels_with_its_contents_page_apart(plan_path):
    doc = load_document(plan_path)
    assert doc.title == "某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert doc.toc[:2] == ("第一篇 开启现代化建设新征程", "第一章 发展环境")
    assert [s.number.strip() for s in doc.outline if s.kind == "section"] == ["第一篇", "第二篇", "第三篇"]
    chapter = doc.outline[1].children[0]
    assert chapter.title == "建设区域科技创新中心" and [c.title for c in chapter.children] == [
        "布局重大科技基础设施", "提升企业技术创新能力"]
    body = next(c for c in doc.clauses if "1.5万家" in c.text)
    assert body.section_path == ("坚持创新驱动发展", "建设区域科技创新中心", "提升企业技术创新能力")
    assert body.text.startswith("强化企业创新主体地位")     # the 节 heading is not run into its text
    # a 专栏 sits under its 章, not only under the 篇
    box = next(c for c in doc.clauses if c.kind == "box")
    assert box.section_path == ("加快建设现代产业体系", "壮大战略性新兴产业", "新一代信息技术重大工程", "集成电路制造工程")


@pytest.mark.parametrize("question, first", [
    ("第一章第二节讲什么？", "第二节 发展形势"),               # 第一章 is a 章, not the first 篇
    ("第二章第一节讲的是什么？", "第一节 指导思想"),
    ("第四章第二节是什么内容？", "第二节 完善人才评价激励机制"),
    ("第三章讲的是什么？", "第三章 建设区域科技创新中心"),
    ("第五章有哪几节？", "第一节 培育新一代信息技术产业"),
    ("第二篇包括哪几章？", "第三章 建设区域科技创新中心"),
    ("最后一章是什么？", "第六章 实施规划保障"),
    ("最后一篇讲什么？", "第三篇 加快建设现代产业体系"),
    ("纲要的最后一节是什么？", "第二节 强化监测评估"),
])
def test_a_unit_is_the_level_whose_headings_carry_it(pa, question, first):
    ans = pa.ask(question)
    assert ans.kind == "structure" and ans.excerpts[0].text == first, [e.text for e in ans.excerpts]


@pytest.mark.parametrize("question, first", [
    ("发展形势在第几章？", "第一章 发展环境"),
    ("引进高层次人才放在哪一章？", "第四章 激发人才创新活力"),
    ("哪一章讲的是指导方针？", "第二章 指导方针和主要目标"),
    ("高新技术企业数量的目标在哪一节？", "第二节 提升企业技术创新能力"),
    ("生物医药产业放在哪一篇？", "第三篇 加快建设现代产业体系"),
    ("集成电路制造工程在哪一章？", "第五章 壮大战略性新兴产业"),
])
def test_which_chapter_or_section_holds_a_content_names_that_unit(pa, question, first):
    ans = pa.ask(question)
    assert ans.excerpts[0].text == first, [e.text for e in ans.excerpts]


@pytest.mark.parametrize("question, titles", [
    ("纲要一共有几篇？", ["开启现代化建设新征程", "坚持创新驱动发展", "加快建设现代产业体系"]),
    ("纲要一共有多少章？", ["发展环境", "指导方针和主要目标", "建设区域科技创新中心", "激发人才创新活力",
                        "壮大战略性新兴产业", "实施规划保障"]),
])
def test_counting_a_unit_lists_the_headings_of_that_unit(pa, question, titles):
    ans = pa.ask(question)
    assert ans.kind == "structure" and [e.title for e in ans.outline] == titles
    unit = "篇" if "篇" in question else "章"
    assert ans.notes[0].startswith(f"共{len(titles)}{unit} ("), ans.notes


def _plan_of(tmp_path, lines: list[str]) -> PlanAssistant:
    """A plan written from ``lines``, BM25 only, indexed under ``tmp_path``."""
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")


def test_listed_headings_are_labelled_as_printed(tmp_path):
    """An analyst quotes the listing: "第一部分：发展基础" keeps its colon, "第一篇 …" its space."""
    ans = _plan_of(tmp_path, ["某区绿化“十五五”规划", "第一部分：发展基础", "一、执行情况",
                              "“十四五”时期，全区新建绿地90.87万平方米，绿化覆盖率达到31.46%。",
                              "第二部分：主要任务", "一、绿化建设", "到2030年，累计新建绿地35万平方米。"]).ask("这份规划由哪几个部分组成？")
    assert ans.kind == "structure"
    assert [e.label for e in ans.outline] == ["第一部分：发展基础", "第二部分：主要任务"]
    assert [e.title for e in ans.outline] == ["发展基础", "主要任务"]


def test_a_heading_printed_with_its_full_stop_is_listed_with_it(tmp_path):
    """A reader quotes "（五）完善教育教学相关标准。" as printed: the listed label keeps the full stop a
    heading line or a run-in title closes on, and its title stays without it."""
    pa = _plan_of(tmp_path, ["某省职业教育改革实施方案", "一、完善职业教育体系",
                             "（一）健全国家职业教育制度框架。", "把握好正确的改革方向，按照管好两端、规范中间的要求推进改革。",
                             "（二）完善高层次应用型人才培养体系。完善学历教育与培训并重的现代职业教育体系。",
                             "二、构建职业教育国家标准", "（三）完善教育教学相关标准", "发挥标准在职业教育质量提升中的基础性作用。"])
    ans = pa.ask("第一部分包括哪几条？")
    assert ans.kind == "structure"
    assert [e.label for e in ans.outline][1:] == ["（一）健全国家职业教育制度框架。", "（二）完善高层次应用型人才培养体系。"]
    assert [e.title for e in ans.outline][1:] == ["健全国家职业教育制度框架", "完善高层次应用型人才培养体系"]
    assert [e.label for e in pa.ask("第二部分包括哪几条？").outline][1:] == ["（三）完善教育教学相关标准"]


def test_headings_with_compatibility_characters_are_listed(tmp_path):
    """㎡ reads as m2 and ½ as 1⁄2 under NFKC: a heading holding one is still listed as printed."""
    ans = _plan_of(tmp_path, ["某区社区服务设施建设方案", "一、新建500㎡社区用房", "在每个街道新建社区用房一处。",
                              "二、完成½的老旧小区改造", "到2027年完成全区一半老旧小区改造。"]).ask("这个方案分为哪几个部分？")
    assert ans.kind == "structure"
    assert [e.label for e in ans.outline] == ["一、新建500㎡社区用房", "二、完成½的老旧小区改造"]


def test_a_question_naming_one_part_of_a_section_asks_its_content(tmp_path):
    """湖北省文物事业发展“十四五”规划: 经费保障措施有哪些 asks what 32.经费保障 says, not for the five parts
    of 九、保障措施 (the parts' titles were shown, each without its text)."""
    text = "\n".join(["某省文物事业发展规划", "一、保障措施", "1.组织保障", "加强党的领导，落实政府责任。",
                     "2.经费保障", "将公共文物保护经费列入政府财政预算，加强文物保护专项资金规范管理。",
                     "3.人才保障", "加强与大专院校、科研院所合作，探索建立人才培养机制。"])
    path = tmp_path / "heritage.txt"
    path.write_text(text, encoding="utf-8")
    pa = PlanAssistant.from_paths([path], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("经费保障措施有哪些？")
    assert ans.kind == "answer" and ans.excerpts[0].text.startswith("将公共文物保护经费列入政府财政预算")
    listing = pa.ask("保障措施有哪些？")
    assert listing.kind == "structure" and [e.title for e in listing.outline][-3:] == ["组织保障", "经费保障", "人才保障"]


# --- a plan numbered 1 / 1.1 / 1.1.1 ---------------------------------------------------------

@pytest.fixture(scope="module")
def decimal_path(tmp_path_factory):
    return _written(tmp_path_factory, "city-transport.txt", DECIMAL_PLAN)


@pytest.fixture(scope="module")
def decimal_pa(decimal_path, tmp_path_factory):
    return _assistant(decimal_path, tmp_path_factory)


def test_decimal_headings_make_the_outline_and_a_list_inside_stays_a_list(decimal_path):
    doc = load_document(decimal_path)
    assert [(s.number, s.title) for s in doc.outline] == [
        ("1", "发展基础与形势"), ("2", "总体要求"), ("3", "主要任务"), ("4", "保障措施")]
    tasks = doc.outline[2]
    assert [c.number for c in tasks.children] == ["3.1", "3.2"]
    assert [c.title for c in tasks.children[1].children] == ["优先发展公共交通", "推进慢行系统建设"]
    metro = next(c for c in doc.clauses if "地铁3号线" in c.text)
    # "1. 轨道交通" under 3.2.1 is an item of that section, not a new top part after 4
    assert metro.section_path == ("主要任务", "提升城市交通服务品质", "优先发展公共交通", "轨道交通")
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    for c in doc.clauses:
        assert doc.text[c.span[0]:c.span[1]] == c.text


def test_a_decimal_heading_whose_title_opens_with_a_latin_or_roman_numeral_is_a_heading(tmp_path):
    # an 应急预案's response levels (平潭 地震应急预案, eval/unseen): "2.1 I级或II级响应" and "2.2 Ⅲ级响应" had
    # been read as parts of their own beside 6, not as its first two sections
    text = ("某区地震应急预案\n1 总则\n1.1 编制目的\n为高效有序做好地震应急处置工作，制定本预案。\n"
            "1.2 适用范围\n本预案适用于本区行政区域内地震灾害的应对工作。\n2 地震应急响应\n"
            "2.1 I级或II级响应\n特别重大或重大地震发生后，区指挥部立即启动应急响应。\n"
            "2.2 Ⅲ级响应\n较大地震发生后，区指挥部组织开展应急处置。\n2.3 应急结束\n"
            "地震灾害紧急处置工作基本完成后，应急响应结束。\n")
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    doc = load_document(p)
    assert [(s.number, s.title) for s in doc.outline] == [("1", "总则"), ("2", "地震应急响应")]
    assert [(c.number, c.title) for c in doc.outline[1].children] == [
        ("2.1", "I级或II级响应"), ("2.2", "Ⅲ级响应"), ("2.3", "应急结束")]
    first = next(c for c in doc.clauses if c.text.startswith("特别重大或重大地震"))
    assert first.section_path == ("地震应急响应", "I级或II级响应")


def test_a_listing_of_decimal_parts_prints_their_numbers_as_the_text_does(tmp_path):
    # "1.总则" is parsed as part 1 titled 总则; the listing read "1 总则", which the plan never prints
    text = ("某区地震应急预案\n1.总则\n1.1 编制目的\n为高效有序做好地震应急处置工作，制定本预案。\n"
            "2.组织体系及职责\n2.1 区抗震救灾指挥部\n区抗震救灾指挥部负责统一领导全区抗震救灾工作。\n"
            "3.地震应急响应\n3.1 应急响应分级\n根据地震灾害分级情况，将地震灾害应急响应分为四级。\n")
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    pa = PlanAssistant.from_paths([str(p)], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("这份预案一共分成哪几部分？")
    assert ans.kind == "structure"
    assert [e.label for e in ans.outline] == ["1.总则", "2.组织体系及职责", "3.地震应急响应"]


@pytest.mark.parametrize("question, first", [
    ("3.2讲的是什么？", "3.2 提升城市交通服务品质"),
    ("3.1.2是什么内容？", "3.1.2 完善高速公路网络"),
    ("第三部分有哪些内容？", "3.1 构建对外综合运输大通道"),
    ("最后一部分讲什么？", "4 保障措施"),
    # a part titled by its kind only (主要任务) tells little of where: the part under it that holds the content
    ("慢行系统建设放在哪一部分？", "3.2 提升城市交通服务品质"),
])
def test_decimal_numbers_name_their_sections(decimal_pa, question, first):
    ans = decimal_pa.ask(question)
    assert ans.excerpts[0].text == first, [e.text for e in ans.excerpts]


def test_a_figure_in_a_question_is_not_a_section_number(decimal_pa):
    # 3.2 is a section of this plan, but here it is a figure of the question
    ans = decimal_pa.ask("公交准点率要提高3.2个百分点吗？")
    assert ans.kind != "structure"


# --- reading an outline turn by turn -----------------------------------------------------------

@pytest.mark.parametrize("history, question, first", [
    (["第一章讲什么？"], "第二节讲什么？", "第二节 发展形势"),            # the 第二节 of the 章 just read
    (["第一章第一节讲什么？"], "那第二节呢？", "第二节 发展形势"),
    (["第四章讲什么？"], "第二节讲的是什么？", "第二节 完善人才评价激励机制"),
    (["第一章讲什么？"], "下一章呢？", "第二章 指导方针和主要目标"),
    (["第二章讲什么？"], "下一章讲什么？", "第三章 建设区域科技创新中心"),   # across the 篇
    (["第三篇讲什么？"], "上一篇呢？", "第二篇 坚持创新驱动发展"),
    (["第二章讲什么？", "下一章呢？"], "它有哪几节？", "第一节 布局重大科技基础设施"),
])
def test_a_follow_up_reads_the_outline_from_the_part_just_read(pa, history, question, first):
    ans = pa.ask(question, history=history)
    assert ans.kind == "structure" and ans.excerpts[0].text == first, [e.text for e in ans.excerpts]


def test_a_move_past_the_end_stays_and_says_so(pa):
    ans = pa.ask("下一章呢？", history=["最后一章是什么？"])
    assert ans.kind == "structure" and ans.excerpts[0].text == "第六章 实施规划保障"
    assert any("已经是最后一章" in n for n in ans.notes)
    ans = pa.ask("上一篇呢？", history=["第一篇讲什么？"])
    assert ans.excerpts[0].text == "第一篇 开启现代化建设新征程" and any("已经是第一篇" in n for n in ans.notes)


def test_a_content_follow_up_is_not_read_as_outline_navigation(pa):
    ans = pa.ask("高新技术企业要达到多少家？", history=["第三章讲什么？"])
    assert ans.kind == "answer" and "1.5万家" in ans.excerpts[0].text


def test_the_next_part_or_article_in_other_shapes(tmp_path):
    pa = PlanAssistant(encoder="none", index_dir=tmp_path / "shipped")
    ans = pa.ask("下一部分呢？", history=["第三部分讲什么？"])
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("四、")
    rule = PlanAssistant.from_paths(["eval/plans/guangzhou-housing-transaction-measures.txt"],
                                    index_dir=tmp_path / "rule", encoder="none")
    ans = rule.ask("下一条呢？", history=["第十四条说的是啥？"])
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("第十五条")


@pytest.fixture(scope="module")
def law(tmp_path_factory):
    # a national law of 第X章 over 第X节 over 第X条 (eval/plans)
    return PlanAssistant.from_paths(["eval/plans/cn-soil-pollution-law.txt"],
                                    index_dir=tmp_path_factory.mktemp("law"), encoder="none")


@pytest.mark.parametrize("question", ["《土壤污染防治法》分为哪几章？", "土壤污染防治法分为哪几章？", "这部法律有哪几章？"])
def test_a_law_called_by_its_name_or_kind_lists_its_chapters(law, question):
    ans = law.ask(question)
    assert ans.kind == "structure", [e.text for e in ans.excerpts]
    assert [e.text for e in ans.excerpts][:2] == ["第一章 总则", "第二章 规划、标准、普查和监测"]


@pytest.mark.parametrize("question, first, left_out", [
    ("除总则和附则外，这部法律分为哪几章？", "第二章 规划、标准、普查和监测", ("第一章 总则", "第七章 附则")),
    ("除了法律责任以外，土壤污染防治法还有哪几章？", "第一章 总则", ("第六章 法律责任",)),
])
def test_the_parts_a_question_leaves_out_are_not_listed(law, question, first, left_out):
    ans = law.ask(question)
    assert ans.kind == "structure", [e.text for e in ans.excerpts]
    assert ans.excerpts[0].text == first
    assert not any(e.text in left_out for e in ans.excerpts)
    assert not any(o.title in {t.split(" ")[1] for t in left_out} for o in ans.outline)
    assert len(ans.outline) == 7 - len(left_out)


def test_counting_a_laws_articles_shows_its_last_article(law):
    ans = law.ask("这部法律一共有多少条？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("第九十九条")


def test_measures_printed_as_parts_are_the_documents_items(tmp_path):
    # 运城's 工作措施 (eval/plans): twenty measures 一、…二十、, none with numbered parts of its own; its
    # 条 are its parts, so counting them shows the last and "前三条" lists the first three
    pa = PlanAssistant.from_paths(["eval/plans/yuncheng-property-measures.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("一共有多少条措施？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("二十、")
    ans = pa.ask("前三条分别是什么？")
    assert ans.kind == "structure"
    assert [e.text for e in ans.excerpts] == ["一、支持人才购房", "二、降低预售资金监管账户资金留存额度", "三、落实房地产金融支持政策"]
    # a law's 条 are its articles, not its chapters
    law = PlanAssistant.from_paths(["eval/plans/cn-soil-pollution-law.txt"], index_dir=tmp_path / "law", encoder="none")
    assert [e.text[:3] for e in law.ask("前三条分别是什么？").excerpts] == ["第一条", "第二条", "第三条"]


def test_a_quoted_term_holding_a_chapter_title_asks_what_the_term_covers(law):
    # 第四章 is 风险管控和修复; the quoted term is defined in 第三十五条, not a call for the chapter's 节
    ans = law.ask("“土壤污染风险管控和修复”包括哪些活动？")
    assert ans.kind == "answer" and ans.excerpts[0].text.startswith("第三十五条")
    ans = law.ask("风险管控和修复这一章包括哪几节？")
    assert ans.kind == "structure" and [e.text for e in ans.excerpts][:1] == ["第一节 一般规定"]


@pytest.mark.parametrize("plan, question, first", [
    ("cq-gov-work-report-2025", "今年要聚力抓好的八个方面工作有哪些？", "（一）聚力打造西部地区高质量发展先行区"),
    ("gd-gov-work-report-2023", "2023年要重点抓好哪十个方面？", "（一）纵深推进粤港澳大湾区、深圳先行示范区建设"),
])
def test_parts_announced_by_their_count_are_listed(tmp_path, plan, question, first):
    # a 政府工作报告 says "今年，要聚力抓好八个方面工作。" right before its （一）…（八）
    pa = PlanAssistant.from_paths([f"eval/plans/{plan}.txt"], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask(question)
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith(first), [e.text[:30] for e in ans.excerpts]
    # a count that is not the number of parts after it lists nothing
    assert pa.ask("要抓好的三个方面工作有哪些？").kind != "structure"


def test_parts_announced_by_their_count_are_listed_when_asked_for_in_other_words(tmp_path):
    # 深圳's report announces "重点做好以下十个方面工作：" over （一）…（十）: asked for in the asker's own words
    # ("重点抓哪几个方面的工作"), the ten parts; a question about one topic among them (民生) is not a listing
    pa = PlanAssistant.from_paths(["eval/plans/sz-gov-work-report-2024.txt"], index_dir=tmp_path / "idx", encoder="none")
    for question in ("深圳今年政府重点抓哪几个方面的工作", "今年工作分哪几个方面"):
        ans = pa.ask(question)
        assert ans.kind == "structure" and ans.excerpts[0].text.startswith("（一）纵深推进新阶段粤港澳大湾区建设")
    assert pa.ask("今年要重点做好哪些方面的民生工作？").kind != "structure"
    assert pa.ask("今年在科技创新方面重点做哪些工作？").kind != "structure"


def test_a_first_clause_that_names_the_document_is_read_past(tmp_path):
    # 医保基金监管 意见 (eval/plans): "医保基金监管这个意见里，" names what every clause is about; its words would
    # pull up the preamble over the clause on staff and funds
    from assistant.structure import past_document_lead
    titles = ["国务院办公厅关于加强医疗保障基金使用常态化监管的实施意见"]
    assert past_document_lead("医保基金监管这个意见里，监管的人手和经费怎么保障？", titles) == "监管的人手和经费怎么保障？"
    assert past_document_lead("医疗保障基金使用常态化监管的实施意见中，谁负责？", titles) == "谁负责？"
    # a first clause that asks, or names something else, stays
    assert past_document_lead("异地就医的监管，有什么要求？", titles) == "异地就医的监管，有什么要求？"
    assert past_document_lead("这个意见里哪些部门负责，怎么分工？", titles) == "这个意见里哪些部门负责，怎么分工？"
    pa = PlanAssistant.from_paths(["eval/plans/cn-medical-insurance-fund-supervision.txt"], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("医保基金监管这个意见里，监管的人手和经费怎么保障？")
    assert not ans.abstained and ans.excerpts[0].text.startswith("（二）提升监管能力")


def test_a_topic_the_title_holds_does_not_name_the_document(tmp_path):
    # 浙江省生活垃圾管理条例: "生活垃圾管理条例分为哪几章" names it; "生活垃圾分成哪几类" asks about waste
    pa = PlanAssistant.from_paths(["eval/plans/zj-waste-regulation.txt"], index_dir=tmp_path / "idx", encoder="none")
    assert pa.ask("生活垃圾管理条例分为哪几章？").kind == "structure"
    assert pa.ask("生活垃圾分成哪几类？").kind != "structure"


@pytest.mark.parametrize("question, first", [
    ("这篇答记者问最后一个问题问的是什么？", "问：《意见》的过渡期如何设置？"),
    ("第三个问题是什么？", "问：《意见》的总体思路和原则是什么？"),
    ("这篇答记者问一共回答了哪些问题？", "公开征求意见及吸收情况如何？"),     # listed by their titles
])
def test_the_questions_of_a_question_and_answer_text_are_its_parts(tmp_path, question, first):
    pa = PlanAssistant.from_paths(["eval/plans/cn-asset-mgmt-rules-qa.txt"], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask(question)
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith(first), [e.text[:30] for e in ans.excerpts]


def test_the_first_questions_asked_together_are_each_shown_as_printed(tmp_path):
    # "头两个问题问的是什么": the first two 问：… lines, in order (a reader cites the question as printed)
    pa = PlanAssistant.from_paths(["eval/plans/cn-asset-mgmt-rules-qa.txt"], index_dir=tmp_path / "idx", encoder="none")
    ans = pa.ask("头两个问题问的是什么？")
    assert ans.kind == "structure"
    assert [e.text for e in ans.excerpts] == ["问：公开征求意见及吸收情况如何？", "问：制定出台《意见》的背景是什么？"]


@pytest.fixture(scope="module")
def cbirc(tmp_path_factory):
    # a 银保监会 通知 whose 附件1 and 附件2 are 工作要点 of 一、… parts (eval/plans)
    return corpus_plan("cn-cbirc-work-points-2019", tmp_path_factory.mktemp("cbirc"))


@pytest.mark.parametrize("question,first", [
    ("附件1银行机构工作要点分为哪几个方面？", "一、股权与公司治理"),
    ("附件2非银行领域工作要点覆盖哪几个领域？", "一、保险领域"),
])
def test_an_appendix_named_by_its_number_lists_its_parts(cbirc, question, first):
    # before, the 要点 of the question named the whole 通知, whose parts were listed
    ans = cbirc.ask(question)
    assert ans.kind == "structure" and [e.label for e in ans.outline if e.level > 1][0] == first


def test_a_question_inside_a_numbered_appendix_is_searched(cbirc):
    ans = cbirc.ask("附件1中关联交易有什么要求？")
    assert ans.kind == "answer" and "关联交易" in ans.excerpts[0].text


def corpus_plan(plan_id: str, folder) -> PlanAssistant:
    """A plan of eval/plans, BM25 only, indexed under ``folder``."""
    return PlanAssistant.from_paths([f"eval/plans/{plan_id}.txt"], index_dir=folder / "idx", encoder="none")


def test_a_question_inside_a_box_is_searched_and_its_parts_are_listed(tmp_path):
    # 专栏6 of the 智能制造 plan lists 01 标准体系建设 … 04 标准国际合作 (eval/plans)
    pa = corpus_plan("cn-smart-manufacturing-14th", tmp_path)
    listed = pa.ask("专栏6有哪些内容？")
    assert listed.kind == "structure" and [e.title for e in listed.outline][-4:] == \
        ["标准体系建设", "标准研制", "标准推广应用", "标准国际合作"]
    asked = pa.ask("专栏6提出要定期修订哪一份标准体系建设文件？")
    assert asked.kind == "answer" and "定期修订《国家智能制造标准体系建设指南》" in asked.excerpts[0].text


def test_a_yu_an_is_a_kind_of_document(tmp_path):
    # 天津's 突发地质灾害应急预案 (eval/plans): 这份预案 names the document, as 这份规划 does
    ans = corpus_plan("tj-geohazard-emergency-plan", tmp_path).ask("这份预案分为哪几个部分？")
    assert ans.kind == "structure" and [e.label for e in ans.outline][:2] == ["1 总则", "2 组织体系"]


def test_the_grades_of_a_thing_are_its_sentence_not_its_parts_headings(tmp_path):
    # 天津's 预案 (eval/plans): "5 应急响应" holds 5.1 一级应急响应 … ; how many grades there are is said in
    # one sentence, while what the part holds is its headings
    pa = PlanAssistant.from_paths(["eval/plans/tj-geohazard-emergency-plan.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("突发地质灾害的应急响应分为几级？")
    assert ans.kind == "answer" and ans.excerpts[0].text.startswith("突发地质灾害应急响应由高到低分为四级")
    ans = pa.ask("应急响应包括哪些？")
    assert ans.kind == "structure" and ans.excerpts[0].text == "5.1 一级应急响应"


# --- round twelve of reader structure questions (eval/plans, BM25 only) ----------------------------
@pytest.mark.parametrize("plan_id,question,first", [
    # the document called by its kind names nothing inside the part asked for
    ("cn-ship-smart-action", "行动计划的保障措施有哪几条？", "（一）加强组织协调"),
    # a part named by its topic, which only the titles under it hold
    ("ah-15th-proposal", "讲科技创新的那一部分下面有哪几条？", "13.建强国家战略科技力量"),
    # a title typed with ， where the plan printed ,
    ("hubei-15th-proposal", "“切实保障和改善民生，扎实推进共同富裕”这部分下面有哪几条？", "43.促进高质量充分就业"),
    # the parts asked for by what they are called
    ("pingtan-hospital-reform-plan", "改革实施分为哪几个阶段？", "（一）前期准备阶段"),
    # the last 块 of a named part; the last 件 of an appendix named by its number
    ("cn-audit-work-report", "国有资产管理审计那一部分，最后一块讲的是什么？", "（四）国有自然资源资产审计情况"),
    ("gd-gov-work-report-2023", "附件1的十件民生实事里，最后一件是什么？", "十、提高惠企利民服务便捷度"),
    # counted from the last question of a 答记者问
    ("cn-asset-mgmt-rules-qa", "倒数第二个问题问的是啥？", "非金融机构开展资管业务需要符合哪些规定？"),
    # the whole document: its 正文 (no 前言), 哪两大部分, 几个方面, a 规划文本's 几章
    ("cn-bingtuan-white-paper", "这份白皮书正文分哪几部分？", "一、建立与发展"),
    ("sz-gov-work-report-2024", "这份政府工作报告分哪两大部分？", "一、2023年工作回顾"),
    ("zz-finance-measures", "这份若干措施一共分几个方面？分别是什么？", "一、完善金融市场体系"),
    ("pingyuan-jintian-village-plan", "金田村村庄规划文本一共分几章？", "总则"),
    # the parts a count announces, asked with 具体
    ("cq-gov-work-report-2025", "报告说今年要聚力抓好八个方面工作，具体是哪八个方面？", "（一）聚力打造西部地区高质量发展先行区"),
])
def test_round_twelve_structure_questions_list_the_right_part(tmp_path, plan_id, question, first):
    ans = corpus_plan(plan_id, tmp_path).ask(question)
    assert ans.kind == "structure" and re.sub(r"\s", "", first) in re.sub(r"\s", "", ans.excerpts[0].text), \
        [e.text[:30] for e in ans.excerpts[:3]]


@pytest.mark.parametrize("plan_id,question,first", [
    # the part under the one the question names as where it asks, or under a part titled by its kind only
    ("cn-ship-smart-action", "建立船舶智能制造标准体系的任务放在重点任务的哪一部分？", "（二）夯实船舶智能制造基础"),
    ("fuping-gov-work-report-2021", "2021年重点工作里，关于全域旅游的是哪一项？", "(六)持续放大旅发效应"),
    ("sh-transport-pv-task-list", "“光伏+机场”的内容在方案哪个部分？", "（一）推进实施“光伏+”示范工程"),
    # two units asked together: the finer
    ("cn-light-industry-digital-action", "对标国际标准的内容放在哪一部分、哪一条？", "15.开展国际标准对标行动"),
    # 哪一问 of a 答记者问; 哪个行动
    ("cn-asset-mgmt-rules-qa", "讲打破刚性兑付的是哪一问？", "为什么要打破资管产品的刚性兑付？"),
    ("pt-spatial-nearterm-plan", "交通方面的安排在哪个行动里？", "加强畅达融通的综合交通支撑行动"),
])
def test_round_twelve_where_questions_show_the_part_that_holds_it(tmp_path, plan_id, question, first):
    ans = corpus_plan(plan_id, tmp_path).ask(question)
    assert not ans.abstained and first in ans.excerpts[0].text, [e.text[:30] for e in ans.excerpts[:3]]


@pytest.mark.parametrize("question, first", [
    # rules printed in articles: the last 条 is the last article, not the last running item of one article
    ("这份办法的最后一条讲了什么？", "第十三条（附则）"),
    ("办法里面最后一条是什么？", "第十三条（附则）"),
    # an article named by its bracketed title lists its items
    ("支持范围包括哪几类项目？", "（一）海上风电"),
    ("奖励标准写在第几条？", "第五条（奖励标准）"),
])
def test_the_articles_of_rules_titled_in_brackets_are_found_by_position_and_title(tmp_path, question, first):
    ans = corpus_plan("sh-renewable-subsidy-rules", tmp_path).ask(question)
    assert ans.kind == "structure" and any(first in e.text for e in ans.excerpts[:2]), \
        [e.text[:30] for e in ans.excerpts[:3]]


def test_a_where_topic_of_two_things_names_the_chapter_whose_title_names_both(tmp_path):
    # 苏州's 纲要: 第三章 mentions 上海与苏州重点领域同城化 in a goal; 第三十六章 is titled by it
    ans = corpus_plan("suzhou-15th-outline", tmp_path).ask("上海和苏州同城化放在哪一章？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("第三十六章"), [e.text[:30] for e in ans.excerpts]


def test_the_appendices_of_figures_are_listed(tmp_path):
    ans = corpus_plan("nanjing-15th-outline", tmp_path).ask("纲要最后附了哪些图？")
    assert ans.kind == "structure" and [e.title for e in ans.outline] == [
        "附图1：“十五五”各板块重点产业布局", "附图2：2035年南京市域国土空间总体格局规划图", "附图3：2050年南京市空间结构示意图"]


@pytest.mark.parametrize("question", ["文件最后附了哪几个附件？", "有哪些附件？"])
def test_attachments_listed_but_not_printed_are_answered_by_the_list(tmp_path, question):
    # 平潭's 七年级 招生工作意见 (eval/unseen round eleven) closes with "附件：1.招生预报名系统操作流程图",
    # "2.平潭原城区整治性城市规划范围（大城区范围）", "3.2021年秋季七年级招生日程安排表" and prints none of them
    from tests.test_assistant_general import _unseen_plan
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-grade7-enrollment-2021")], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask(question)
    assert ans.kind == "structure" and not ans.abstained
    assert [h.text for h in ans.excerpts] == ["附件：1.招生预报名系统操作流程图", "2.平潭原城区整治性城市规划范围（大城区范围）",
                                              "3.2021年秋季七年级招生日程安排表"]


@pytest.mark.parametrize("plan_id,question", [
    # what a clause lists (部门, 单位, 条件) is not the parts of a section whose titles hold the word
    ("fx-rural-road-reform", "农村公路废弃由哪些部门管？"),
    ("zhuhai-talent-housing-measures", "个人申请人才住房要满足哪些条件？"),
    # 哪几年 asks for a time, not for the parts of 近期建设行动
    ("pingyuan-jintian-village-plan", "金田村近期建设的年限是哪几年？"),
])
def test_what_a_clause_lists_is_not_read_as_parts(tmp_path, plan_id, question):
    pa = corpus_plan(plan_id, tmp_path)
    assert structure.find_ref(question, pa.documents) is None



def test_a_red_header_documents_issuers_and_attachments_are_answered_from_its_own_lines(tmp_path):
    # 济南's 智能网联汽车 管理办法 (eval/plans), a PDF's text: the three bureaus of its masthead issue it
    # jointly; its list of attachments after 第四十二条 names the four forms, two of which print a blank
    # number over their titles
    pa = PlanAssistant.from_paths(["eval/plans/jinan-icv-test-rules.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("这个办法是哪几个部门联合印发的？")
    assert [e.text for e in ans.excerpts[:3]] == ["济南市工业和信息化局", "济 南 市 公 安 局", "济南市城乡交通运输局"]
    ans = pa.ask("这个办法后面附了哪几个附件？")
    assert ans.excerpts[0].text == "附件：1.智能网联汽车自动驾驶功能检测项目"
    assert ans.excerpts[3].text == "4.智能网联汽车道路测试（示范应用）通知书"


def test_what_the_table_attached_after_the_plan_is(tmp_path):
    # 北京's 纲要 (eval/plans) ends on 附表 over “十五五”时期重大工程包
    pa = PlanAssistant.from_paths(["eval/plans/bj-15th-outline.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("纲要后面附的表是什么内容？")
    assert ans.excerpts[0].text == "“十五五”时期重大工程包"


def test_the_tables_a_part_prints_are_listed_by_their_captions(tmp_path):
    # 南京's 统计公报 (eval/plans) prints nine tables in its sections (表4  2022年南京进出口情况 under 对外经济);
    # a price table's rows open like headings (一、食品烟酒 | 1.4 | 2.7) and were read as the document's parts
    doc = load_document("eval/plans/nanjing-stats-communique-2022.txt")
    assert [s.title for s in doc.outline][:3] == ["综合", "农业", "工业和建筑业"] and len(doc.outline) == 12
    pa = PlanAssistant.from_paths(["eval/plans/nanjing-stats-communique-2022.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("对外经济部分附了哪几张表？")
    assert ans.kind == "structure"
    assert [e.text for e in ans.excerpts] == ["表4 2022年南京进出口情况", "表5 2022年南京对主要国家、地区贸易情况"]
    assert pa.ask("公报里一共有几张表？").lead.count("；") == 8           # 表1 printed twice counts once
    assert pa.ask("申报时要填哪些表格？").kind != "structure"               # forms to fill are content


def test_a_standards_lettered_appendices_are_its_appendices(tmp_path):
    # GB/T 45839—2025 (eval/plans) prints "附录 A" over "(规范性)" over its title; read as clauses of 5.15, the
    # appendices were no parts, and only the 目次's lines named them
    doc = load_document("eval/plans/cn-fire-alarm-network-standard.txt")
    assert [s.title for s in doc.outline][-4:] == ["附录 A：组网架构", "附录 B：身份标识码", "附录 C：无线测试试验",
                                                   "附录 D：现场端平台、远端管理平台 HTTPS API 数据传输格式"]
    pa = PlanAssistant.from_paths(["eval/plans/cn-fire-alarm-network-standard.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("这个标准有几个附录，分别讲什么？")
    assert ans.kind == "structure" and [e.text for e in ans.excerpts[:2]] == ["组网架构", "身份标识码"]


def test_a_budgets_parts_are_listed_by_its_contents_numbers(tmp_path):
    # 上海市财政局's 2025 单位预算 (eval/plans) prints its parts without the numbers its 目录 gives them; asked what
    # it is made of, it lists them by those numbers, its duties (（一）…（十四）) under the first, not as parts
    pa = PlanAssistant.from_paths(["eval/plans/sh-finance-bureau-budget-2025.txt"], index_dir=tmp_path, encoder="none")
    ans = pa.ask("这份单位预算由哪几部分组成？")
    assert ans.kind == "structure"
    labels = [f"{e.number}{e.title}" for e in ans.outline]
    assert labels[:2] == ["一、上海市财政局（单位）主要职能", "二、上海市财政局（单位）机构设置"]
    assert "四、2025年单位预算编制说明" in labels and labels[-1] == "六、其他相关情况说明"
    assert not any(label.startswith("（一）贯彻执行") for label in labels)


def test_the_items_a_work_plan_lists_asked_as_its_big_items(tmp_path):
    # "正文列了哪几大项任务" asks a 工作要点's 一、…十一、 (平潭 2016 生态环境保护工作要点, eval/unseen round six);
    # 几大项 before a thing of its own asks for that thing, not the parts
    from tests.test_assistant_general import _unseen_plan
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-eco-work-points-2016")], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("这份生态环境保护工作要点的正文列了哪几大项任务？")
    assert ans.kind == "structure" and ans.outline[0].label == "一、深入推进生态文明建设。"
    assert pa.ask("规划提出了哪几大项重点工程？").kind != "structure"


def test_attachments_are_named_apart_from_the_parts_they_follow(tmp_path):
    # 平潭's 自建房 实施方案 (eval/unseen round six) has three parts and two 附件: "一共分成几个部分" said 共5个部分
    from tests.test_assistant_general import _unseen_plan
    pa = PlanAssistant.from_paths([_unseen_plan("pingtan-selfbuilt-housing-2022")], index_dir=tmp_path / "idx",
                                  encoder="none")
    ans = pa.ask("这个方案一共分成几个部分？")
    assert ans.kind == "structure" and ans.notes[0].startswith("共3个部分，另附附件 (")
    assert [e.label for e in ans.outline][:3] == ["一、总体要求", "二、主要任务", "三、保障措施"]
    # asked for the attachments, they are what is counted
    assert pa.ask("方案后面附了几个附件？").notes[0].startswith("共2个附件 (")


@pytest.fixture(scope="module")
def one_matter(tmp_path_factory):
    # 雄安's 第一类医疗器械一件事 实施方案 (eval/unseen round six): 一、…三、 and, as its 附件, the 操作指南 of
    # twelve parts 一、法律依据 … 十二、其他说明事项
    folder = tmp_path_factory.mktemp("one-matter")
    return PlanAssistant.from_paths(["eval/unseen/plans/xiongan-class1-device-2025.txt"], index_dir=folder / "idx",
                                    encoder="none")


@pytest.mark.parametrize("question, first, note", [
    # the appendix named as the document it is: its parts (before, the 方案's three were listed)
    ("操作指南分几个部分？", "法律依据", "共12个部分"),
    ("附件分几个部分？", "法律依据", "共12个部分"),
    # the document itself, as before
    ("这份方案分为几个部分？", "工作目标", "共3个部分"),
])
def test_an_appendix_named_as_a_document_of_its_own_lists_its_parts(one_matter, question, first, note):
    ans = one_matter.ask(question)
    assert ans.kind == "structure" and [e.title for e in ans.outline if e.level > 1 or e.title == first][0] == first
    assert any(n.startswith(note) for n in ans.notes)


def test_the_last_part_of_a_named_appendix_and_how_many_parts_there_are(one_matter):
    # before, the 方案's last part was shown, and the count was of its own items (3, by chance its count too)
    ans = one_matter.ask("操作指南一共分了几个部分？最后一部分讲的是什么？")
    assert ans.excerpts[0].text == "十二、其他说明事项" and any(n.startswith("共12个部分") for n in ans.notes)
    ans = one_matter.ask("操作指南第九部分是什么？")
    assert ans.excerpts[0].text == "九、承诺时限" and ans.excerpts[1].text == "1 个工作日。"
    # the 方案's own last part, counted among the 方案's parts; its items counted when they are asked
    ans = one_matter.ask("这份方案一共几个部分？最后一部分是什么？")
    assert ans.excerpts[0].text == "三、保障措施" and any(n.startswith("共3个部分") for n in ans.notes)
    ans = one_matter.ask("最后一部分有几条？")
    assert any(n.startswith("共3条") for n in ans.notes)


def test_a_document_called_by_a_plain_noun_with_a_pointing_word_is_the_document(tmp_path):
    # 深圳's 政府工作报告 (eval/plans): "这份材料" names the document as 这份报告 does; 材料 alone is content
    pa = corpus_plan("sz-gov-work-report-2024", tmp_path)
    ans = pa.ask("这份材料分成哪两大部分？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("一、2023年工作回顾"), \
        [e.text[:30] for e in ans.excerpts[:3]]
    assert pa.ask("申报材料分为哪几部分？").kind != "structure"


@pytest.mark.parametrize("question, listed", [
    ("这个行动计划在总体要求和重点任务之后，还有哪些部分？", ["四、保障措施"]),
    ("保障措施前面有哪几部分？", ["一、发展现状和形势", "二、总体要求", "三、重点任务"]),
    ("在重点任务之前有哪几部分？", ["一、发展现状和形势", "二、总体要求"]),
])
def test_the_parts_after_or_before_the_named_ones_are_listed(tmp_path, question, listed):
    # 船舶智能制造 行动计划 (eval/plans): 一、发展现状和形势 二、总体要求 三、重点任务 四、保障措施
    ans = corpus_plan("cn-ship-smart-action", tmp_path).ask(question)
    assert ans.kind == "structure" and [e.text for e in ans.excerpts] == listed


def test_the_last_or_nth_box_is_that_box_and_a_count_asked_beside_it_counts_the_boxes(tmp_path):
    # 智能制造 plan (eval/plans): six 专栏, the last 专栏 6 智能制造标准领航行动
    pa = corpus_plan("cn-smart-manufacturing-14th", tmp_path)
    ans = pa.ask("一共设了多少个专栏？最后一个专栏讲什么？")
    assert ans.kind == "structure" and "智能制造标准领航行动" in ans.excerpts[0].text
    assert any(n.startswith("共6个专栏") for n in ans.notes), ans.notes
    assert "工业软件突破提升行动" in pa.ask("第五个专栏是什么？").excerpts[0].text


def test_a_follow_up_naming_a_part_of_the_part_just_listed_lists_that_part(tmp_path):
    # 船舶智能制造 行动计划 (eval/plans): after 重点任务 is listed, "其中…那块" names one of its parts
    pa = corpus_plan("cn-ship-smart-action", tmp_path)
    ans = pa.ask("其中夯实船舶智能制造基础那块又分成几项？", history=["重点任务包括哪几个方面？"])
    assert ans.kind == "structure" and ans.lead == "（二）夯实船舶智能制造基础", [e.text[:20] for e in ans.excerpts]
    assert [e.text[:2] for e in ans.excerpts if e.text[:1].isdigit()] == ["3.", "4.", "5."]


def test_a_village_rules_rules_are_its_items(tmp_path):
    # 倍磊村's 村规民约 (eval/unseen, round twelve): 48 numbered rules, three with a list ①… of their own; 村规民约
    # is a kind of document, and counting its 条 shows the last
    pa = PlanAssistant.from_paths(["eval/unseen/plans/beilei-village-rules-2022.txt"], encoder="none", index_dir=tmp_path)
    ans = pa.ask("这份村规民约一共有多少条？")
    assert ans.kind == "structure" and ans.excerpts[0].text.startswith("48.年终小区美丽庭院评比")


def _unseen(plan_id: str, folder) -> PlanAssistant:
    """A plan of eval/unseen/plans, BM25 only, indexed under ``folder``."""
    from tests.test_assistant_general import _unseen_plan
    return PlanAssistant.from_paths([_unseen_plan(plan_id)], index_dir=folder / "idx", encoder="none")


def test_a_part_named_inside_a_numbered_chapter_is_that_part(tmp_path):
    # 第二十六章 of the national 十五 计划纲要 (eval/unseen round thirteen) runs on in paragraphs led by their
    # topic (推进体制改革。… 提供公共服务。…): a question naming one of them asks it, not the chapter
    pa = _unseen("cn-10th-outline-2001", tmp_path)
    ans = pa.ask("第二十六章中的“提供公共服务”讲的是什么？")
    assert not ans.abstained and ans.excerpts[0].text.startswith("提供公共服务。"), [e.text[:20] for e in ans.excerpts]
    whole = pa.ask("第二十六章讲了什么？")
    assert whole.kind == "structure" and whole.excerpts[0].text.startswith("第二十六章")
    assert any(e.text.startswith("提供公共服务。") for e in whole.excerpts)


def test_the_major_parts_and_a_printed_total_of_items(tmp_path):
    # "哪几个大部分" asks the document's parts as "哪几个部分" does (a 应急预案 of 一、… 七、, round thirteen)
    plan = _unseen("pingtan-power-trade-accident-plan-2022", tmp_path / "a")
    parts = plan.ask("这份预案一共分成几个大部分？")
    assert parts.kind == "structure" and parts.excerpts[0].text == "一、总则"
    assert [o.printed for o in parts.outline if o.level == 1][6] == "七、附则"
    # a notice whose heading prints its count (一、推广的改革举措（共23项）, its five 方面 under it each
    # counting their own): the count of its items is the heading's, not its last part's
    notice = _unseen("cn-innovation-reform-promotion-2018", tmp_path / "b")
    count = notice.ask("改革举措一共有几项？")
    assert count.kind == "structure" and "（共23项）" in count.excerpts[0].text
    assert any(n.startswith("共23项") for n in count.notes), count.notes


def test_a_part_titled_by_a_kind_of_document_is_that_part_not_the_document(tmp_path):
    # 普陀's 水务 plan (eval/unseen round four): 五、保障措施 runs on in 一是…四是 with no parts of its own; its
    # 措施 is no 若干措施 document, so its 方面 are its paragraphs, not the plan's parts
    pa = _unseen("putuo-water-15th", tmp_path)
    ans = pa.ask("保障措施分为哪几个方面？")
    assert ans.kind != "structure" and [e.text[:2] for e in ans.excerpts[:4]] == ["一是", "二是", "三是", "四是"]
    assert pa.ask("这个规划分为哪几个方面？").kind == "structure"
