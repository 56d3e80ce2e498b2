"""Front matter and headings of real plan shapes: catalogue fields, a 印发通知, a title wrapped over lines,
a 目录, 序言, a heading with its paragraph run into it, colon-led headings."""
from __future__ import annotations

import pytest

import corpus
from assistant.text import compact

NOTICE_PLAN = """\
分类号:BH6 6
国务院关于印发西部数字产业
发展纲要的通知
国发〔2019〕4号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《西部数字产业发展纲要（2019—2025年）》印发给你们，请认真贯彻执行。
国务院
2019年1月21日
（此件公开发布）
西部数字产业发展纲要
（2019—2025年）
目  录
序言
第一章 发展基础……………………………………1
第一节 取得的成效……………………………………1
第二节 面临的形势……………………………………2
第二章 重点任务……………………………………3
第一节 改造提升传统服务业…………………………3
第二节 培育新兴产业……………………………………4
序言
数字产业是经济发展的新引擎。本纲要阐明发展思路和重点任务，是今后一个时期的行动指南。
第一章 发展基础
第一节 取得的成效
全区数字经济规模达到2 0 0 5亿元，比上年增长12%。
第二节 面临的形势
外部环境复杂多变，机遇和挑战并存。
第二章 重点任务
第一节改造提升传统服务业运用现代营销方式改造商贸流通业，推动线上线下融合发展。
总体要求与目标：
到2025年，数字产业增加值占地区生产总值比重达到10%。
第二节 培育新兴产业
加快发展人工智能、区块链等新兴产业，培育一批龙头企业。
"""


@pytest.fixture(scope="module")
def notice_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("fm") / "gangyao.txt"
    path.write_text(NOTICE_PLAN, encoding="utf-8")
    return corpus.load_document(path)


def test_front_matter_fields(notice_doc):
    d = notice_doc
    assert d.title == "西部数字产业发展纲要（2019—2025年）"
    assert (d.issuer, d.doc_number, d.date) == ("国务院", "国发〔2019〕4号", "2019-01-21")
    assert d.notice.startswith("国务院关于印发西部数字产业发展纲要的通知\n国发〔2019〕4号")
    assert d.notice.endswith("（此件公开发布）")
    assert d.meta["catalogue"] == ["分类号:BH6 6"]


def test_notice_is_kept_out_of_the_tree(notice_doc):
    notice = [c for c in notice_doc.clauses if c.kind == "notice"]
    assert [c.clause_id.split(":")[1] for c in notice][:2] == ["通知.1", "通知.2"]
    assert all(c.section_path == () for c in notice)
    assert "\n".join(c.text for c in notice) == notice_doc.notice
    assert not any("分类号" in c.text for c in notice_doc.clauses)


def test_toc_is_shown_but_makes_no_sections_or_clauses(notice_doc):
    d = notice_doc
    assert d.toc == ("序言", "第一章 发展基础", "第一节 取得的成效", "第二节 面临的形势", "第二章 重点任务",
                     "第一节 改造提升传统服务业", "第二节 培育新兴产业")
    assert [s.title for s in d.outline] == ["序言", "发展基础", "重点任务"]
    assert not any("……" in c.text or c.text.startswith("目") for c in d.clauses)
    assert sum(1 for c in d.clauses if c.text == "第一章 发展基础") == 1


def test_preface_section_and_heading_split_from_its_run_in_paragraph(notice_doc):
    by_id = {c.clause_id.split(":")[1]: c for c in notice_doc.clauses}
    assert by_id["序言.1"].section_path == ("序言",)
    assert by_id["第二章.第一节"].text == "第一节改造提升传统服务业"
    assert by_id["第二章.第一节.1"].text.startswith("运用现代营销方式")
    assert by_id["第二章.第一节.1"].section_path == ("重点任务", "改造提升传统服务业")


def test_colon_led_heading_is_a_section(notice_doc):
    c = next(c for c in notice_doc.clauses if c.text.startswith("到2025年"))
    assert c.section_path == ("重点任务", "改造提升传统服务业", "总体要求与目标")
    titles = [s.title for s in notice_doc.outline[2].children[0].children]
    assert titles == ["总体要求与目标"]


def test_title_wrapped_over_lines_and_catalogue_lines_are_never_the_title(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("索引号：000014349/2021-00012\n分类号:BH6 6\n四川省“十四五”数字经济\n发展规划\n"
                 "一、发展基础\n我省数字经济快速发展。\n二、主要任务\n加快数字产业化。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "四川省“十四五”数字经济发展规划"
    assert d.clauses[0].clause_id.endswith(":标题") and d.clauses[0].text == "四川省“十四五”数字经济发展规划"
    assert [s.title for s in d.outline] == ["发展基础", "主要任务"]


def test_a_party_committees_proposal_is_titled(tmp_path):
    """A 规划建议 (中共深圳市委, eval/plans) wraps its title over two lines, which end in 建议."""
    p = tmp_path / "t.txt"
    p.write_text("中共某市委关于制定某市国民经济和\n社会发展第十五个五年规划的建议\n"
                 "“十五五”时期是基本实现社会主义现代化的关键时期。\n一、发展基础\n我市经济快速发展。\n"
                 "二、主要任务\n加快数字产业化。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "中共某市委关于制定某市国民经济和社会发展第十五个五年规划的建议"
    assert d.clauses[0].clause_id.endswith(":标题")


def test_a_dated_line_under_the_title_is_kept_and_read(tmp_path):
    """中办国办's 意见 (eval/plans) prints its date in brackets under the title: it stays in the title
    clause (no text is lost) and is the document's date."""
    p = tmp_path / "t.txt"
    p.write_text("中共中央办公厅 国务院办公厅关于持续推进城市更新行动的意见\n(2025年5月2日)\n"
                 "实施城市更新行动,是推动城市高质量发展的重要举措。\n一、总体要求\n坚持人民城市人民建。\n"
                 "二、主要任务\n加强既有建筑改造利用。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "中共中央办公厅国务院办公厅关于持续推进城市更新行动的意见" and d.date == "2025-05-02"
    assert "(2025年5月2日)" in d.clauses[0].text and d.clauses[0].clause_id.endswith(":标题")


@pytest.mark.parametrize("adopted", [
    "2020年12月24日浙江省第十三届人民代表大会常务委员会第二十六次会议通过",
    "（2025年10月23日中国共产党第二十届中央委员会第四次全体会议通过）",
])
def test_the_adoption_record_under_a_title_dates_the_document(tmp_path, adopted):
    """A regulation or a 规划建议 is dated by the meeting that adopted it; the record stays text."""
    p = tmp_path / "t.txt"
    p.write_text(f"某省生活垃圾管理条例\n{adopted}\n第一章 总则\n第一条 为了加强生活垃圾管理，制定本条例。\n"
                 "第二章 附则\n第二条 本条例自2021年5月1日起施行。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "某省生活垃圾管理条例"
    assert d.date == corpus.frontmatter.iso_date(adopted)
    assert any(adopted in c.text for c in d.clauses)


def test_a_notice_without_its_title_line_is_still_the_notice(tmp_path):
    """河南's 行动方案 (eval/plans) comes after its notice's 主送, sentence, 落款 and date, the notice's
    own title line missing: the plan's title after the date is found, the notice set apart."""
    p = tmp_path / "t.txt"
    p.write_text("各省辖市人民政府,省人民政府各部门:\n《某省三年行动方案(2023—2025年)》已经省政府同意,现印发给你们,"
                 "请认真贯彻落实。\n某省人民政府办公厅\n2023年6月30日\n某省三年行动方案\n(2023—2025年)\n"
                 "为更好发挥内需拉动作用,制定本方案。\n一、总体要求\n坚持稳中求进。\n二、重点任务\n扩大消费。\n",
                 encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "某省三年行动方案(2023—2025年)" and d.date == "2023-06-30" and d.issuer == "某省人民政府办公厅"
    assert [c.kind for c in d.clauses[:5]] == ["notice"] * 4 + ["heading"]
    assert d.clauses[5].text.startswith("为更好发挥内需拉动作用")


def test_a_long_notice_title_is_the_notice_and_a_wrapped_sentence_is_not(tmp_path):
    """济源's notice (eval/plans) names its issuer and the whole measures' title in one 51-character
    line; a preamble sentence wrapped after "…的通知" inside 《》 (沈阳's, eval/plans) is no title."""
    p = tmp_path / "t.txt"
    p.write_text("济源产城融合示范区管理委员会关于印发济源示范区2023年大力提振市场信心促进经济稳定向好政策措施的通知\n"
                 "各镇人民政府,各街道办事处:\n现将《济源示范区2023年大力提振市场信心促进经济稳定向好政策措施》印发给你们,"
                 "请认真贯彻落实。\n2023年1月19日\n济源示范区2023年大力提振市场信心促进经济稳定向好政策措施\n"
                 "一、全面释放消费潜力\n持续恢复传统消费。\n二、积极扩大有效投资\n加快项目建设。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.issuer == "济源产城融合示范区管理委员会" and d.date == "2023-01-19"
    assert d.title == "济源示范区2023年大力提振市场信心促进经济稳定向好政策措施"
    assert [c.kind for c in d.clauses[:3]] == ["notice"] * 3
    p.write_text("为贯彻落实《辽宁省政府办公厅关于印发辽宁省进一步促进高校毕业生等青年群体就业创业若干政策措施的通知\n"
                 "》(辽政办〔2022〕30号)精神,制定以下措施。\n一、实施一把手工程\n"
                 "1.建立“三包”责任机制。市级领导包区。\n二、实施就业岗位拓展行动\n3.加大投资创造就业空间。扩大有效投资。\n",
                 encoding="utf-8")
    d = corpus.load_document(p)
    assert not any(c.kind == "notice" for c in d.clauses)
    assert d.clauses[0].text.startswith("为贯彻落实《辽宁省政府办公厅关于印发")


@pytest.mark.parametrize("text, iso", [("2019年1月21日", "2019-01-21"), ("二〇二一年十二月三十日", "2021-12-30"),
                                       ("2021年13月1日", ""), ("十四五时期", "")])
def test_iso_date(text, iso):
    from corpus.frontmatter import iso_date

    assert iso_date(text) == iso


def test_markdown_title_line_is_the_title_not_a_tree_level(tmp_path):
    p = tmp_path / "plan.md"
    p.write_text("# 四川省数字经济发展规划\n\n## 一、发展基础\n\n我省数字经济快速发展。\n\n"
                 "## 二、主要任务\n\n### （一）加快数字产业化\n\n培育数字产业集群。\n", encoding="utf-8")
    md = corpus.load_document(p, doc_id="x")
    t = tmp_path / "plan.txt"
    t.write_text("四川省数字经济发展规划\n\n一、发展基础\n\n我省数字经济快速发展。\n\n二、主要任务\n\n"
                 "（一）加快数字产业化\n\n培育数字产业集群。\n", encoding="utf-8")
    txt = corpus.load_document(t, doc_id="x")
    assert md.title == txt.title == "四川省数字经济发展规划"
    assert [(c.clause_id, c.section_path, c.text) for c in md.clauses] == \
        [(c.clause_id, c.section_path, c.text) for c in txt.clauses]


@pytest.mark.parametrize("title, printed, under", [
    ("国家粮食应急预案", "国家粮食应急预案", ""),
    ("中共某市委关于制定某市国民经济和社会发展第十五个五年规划的建议",
     "中共某市委关于制定某市国民经济和社会发展第十五个五年规划的建议", ""),
    ("中共中央办公厅国务院办公厅关于持续推进城市更新行动的意见",
     "中共中央办公厅 国务院办公厅关于持续推进城市更新行动的意见", "(2025年5月2日)"),
])
def test_markdown_title_after_a_notice_reads_as_the_text_does(tmp_path, title, printed, under):
    """A "# " title after the 印发函, worded as a 预案 or 建议 or spaced between its two issuers, is the
    title, not a part over the whole plan; the date line under it is no heading."""
    notice = [f"国务院办公厅关于印发{title}的函", "各省、自治区、直辖市人民政府：", "现印发给你们，请认真实施。",
              "国务院办公厅", "2005年6月11日"]
    body = ["一、总则", "为了有效应对突发事件，制定本文件。", "二、组织机构", "成立应急工作指挥部。"]
    head = [printed] + ([under] if under else [])
    t = tmp_path / "plan.txt"
    t.write_text("\n".join(notice + head + body) + "\n", encoding="utf-8")
    m = tmp_path / "plan.md"
    m.write_text("\n\n".join(notice + ["# " + printed] + ([under] if under else []) + body) + "\n",
                 encoding="utf-8")
    txt, md = corpus.load_document(t, doc_id="x"), corpus.load_document(m, doc_id="x")
    assert txt.title == md.title == title
    assert [(c.clause_id, c.section_path, compact(c.text)) for c in md.clauses] == \
        [(c.clause_id, c.section_path, compact(c.text)) for c in txt.clauses]
    assert md.clauses[-1].section_path == ("组织机构",)


def test_title_over_two_lines_ending_in_jucuo(tmp_path):
    """"…若干政策举措" is a title like "…若干措施": the two lines above the preamble are the title, not a
    paragraph of the plan."""
    p = tmp_path / "plan.txt"
    p.write_text("关于进一步提振市场信心\n促进经济平稳健康运行的若干政策举措\n"
                 "为推动经济平稳健康运行，现提出以下政策举措。\n一、加大财税支持力度\n1.落实减税降费政策。\n",
                 encoding="utf-8")
    d = corpus.load_document(p, doc_id="x")
    assert d.title == "关于进一步提振市场信心促进经济平稳健康运行的若干政策举措"
    assert (d.clauses[0].kind, d.clauses[0].text) == ("heading", d.title)
    assert d.clauses[1].text.startswith("为推动经济平稳健康运行")


def test_spaced_digits_are_searchable_while_the_excerpt_stays_verbatim(notice_doc):
    from index import Retriever

    r = Retriever.build(notice_doc.clauses, encoder=None, mode="bm25")
    for query in ("2005", "２００５"):
        hit = r.search(query, k=1)[0]
        assert hit.text == "全区数字经济规模达到2 0 0 5亿元，比上年增长12%。"


def test_bold_leads_read_the_same_in_every_section(tmp_path):
    body = []
    for k, name in enumerate(["一、数字产业", "二、智能制造", "三、绿色能源"]):
        body += [name, f"集成电路{k}。提升芯片设计能力，建设一批特色工艺生产线，壮大产业规模。",
                 f"新型显示{k}。发展柔性显示和微显示技术，完善上下游配套，提升产业链水平。"]
    body += ["四、现代服务", "数字金融。发展供应链金融和普惠金融，提升金融服务实体经济能力。",
             "五、保障措施", "加强组织领导。", "各部门要强化协同。"]
    p = tmp_path / "leads.txt"
    p.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    d = corpus.load_document(p)
    lone = next(c for c in d.clauses if c.text.startswith("数字金融。"))
    assert lone.section_path == ("现代服务", "数字金融") and lone.title == "数字金融"
    short = next(c for c in d.clauses if c.text == "加强组织领导。")
    assert short.section_path == ("保障措施",)          # a short sentence alone is no lead


def test_attachment_headings_are_sections_and_are_not_joined_to_list_lines(tmp_path):
    p = tmp_path / "fujian.txt"
    p.write_text("一、总体要求\n加强组织保障。发挥综合部门的统筹协调作用，分解落实规划任务，确保规划落到实处。\n"
                 "附件：\n1.“十四五”时期历史风貌保护和利用规划指标\n"
                 "2.“十四五”时期历史风貌保护和利用规划重点任务与项目清单\n附件1：\n"
                 "“十四五”时期历史风貌保护和利用规划指标\n", encoding="utf-8")
    d = corpus.load_document(p)
    # an appendix printed bare takes the title line under it, as when printed on one line
    assert [s.title for s in d.outline] == ["总体要求", "附件", "附件1：“十四五”时期历史风貌保护和利用规划指标"]
    assert any(c.text == "2.“十四五”时期历史风貌保护和利用规划重点任务与项目清单" for c in d.clauses)


def test_an_appendix_holds_its_own_numbered_parts():
    # a 政府工作报告 of four parts, then 附件1 (ten 民生实事 numbered 一、…十、 again) and a 名词解释 under 附件2
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("gd-gov-work-report-2023"))
    tops = [s.title for s in d.outline]
    assert [s.number for s in d.outline if s.number] == ["一、", "二、", "三、", "四、"]
    assert "附件1：2023年省十件民生实事" in tops and "附件2：名词解释" in tops
    annex = next(s for s in d.outline if s.title.startswith("附件1"))
    assert [s.number for s in annex.children] == [f"{n}、" for n in "一二三四五六七八九十"]
    item = next(c for c in d.clauses if c.text.startswith("二、优化生育支持政策"))
    assert item.section_path == ("附件1：2023年省十件民生实事", "优化生育支持政策")


def test_a_speechs_salutation_heads_nothing():
    # "各位代表：" on its own line opens the report's address; it is not a section over the opening paragraph
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("gd-gov-work-report-2023"))
    assert "各位代表" not in [s.title for s in d.outline]
    opening = next(c for c in d.clauses if c.text.startswith("现在，我代表省人民政府"))
    assert opening.section_path == () and ":前言." in opening.clause_id
    assert any(c.text == "各位代表：" and c.section_path == () for c in d.clauses)


def test_a_colon_line_addressing_no_one_still_heads_what_follows(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("某市实施方案\n一、总体要求\n指导思想：\n坚持稳中求进。\n同志们：\n要抓好落实。\n", encoding="utf-8")
    d = corpus.load_document(p)
    under = {c.text: c.section_path for c in d.clauses}
    assert under["坚持稳中求进。"] == ("总体要求", "指导思想")
    assert under["要抓好落实。"] == ("总体要求", "指导思想")     # 同志们： opens no section of its own


def test_a_lead_in_line_before_numbered_headings_is_text_of_its_part(tmp_path):
    # 深圳's 政府工作报告: "重点做好以下十个方面工作：" over （一）…（十）; a colon line over plain text still heads it
    p = tmp_path / "t.txt"
    p.write_text("某市政府工作报告\n一、2024年工作安排\n重点做好以下两个方面工作：\n（一）推动改革\n深化改革。\n"
                 "（二）扩大开放\n总体要求：\n稳步扩大制度型开放。\n", encoding="utf-8")
    d = corpus.load_document(p)
    under = {c.text: c.section_path for c in d.clauses}
    assert under["重点做好以下两个方面工作："] == ("2024年工作安排",)
    assert [s.title for s in d.outline[0].children] == ["推动改革", "扩大开放"]
    assert under["稳步扩大制度型开放。"] == ("2024年工作安排", "扩大开放", "总体要求")


def test_a_question_and_answer_text_is_cut_at_its_questions(tmp_path):
    # a 答记者问: each 问：…？ heads its 答：… and the paragraphs after it, up to the next question
    p = tmp_path / "t.txt"
    p.write_text("某局有关负责人就《某某办法》答记者问\n近日，《某某办法》正式发布。\n问：制定《办法》的背景是什么？\n"
                 "答：为规范管理。\n同时回应社会关切。\n问：过渡期如何设置？答：过渡期至2025年底。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "某局有关负责人就《某某办法》答记者问"
    assert [(s.section_id, s.title) for s in d.outline] == [("问1", "制定《办法》的背景是什么？"), ("问2", "过渡期如何设置？")]
    under = {c.text: c.section_path for c in d.clauses}
    assert under["同时回应社会关切。"] == ("制定《办法》的背景是什么？",)
    assert under["问：过渡期如何设置？答：过渡期至2025年底。"] == ("过渡期如何设置？",)
    assert under["近日，《某某办法》正式发布。"] == ()


def test_a_title_over_its_dated_line_and_a_preface_before_a_printed_qianyan():
    # a white paper: title, （2014年10月）, the issuer, a 目录, then a section printed 前言
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("cn-bingtuan-white-paper"))
    assert d.title == "新疆生产建设兵团的历史与发展（2014年10月）"
    ids = [c.clause_id for c in d.clauses]
    assert len(ids) == len(set(ids))            # the issuer line before 前言 keeps an id of its own
    first = next(c for c in d.clauses if c.text.startswith("屯垦戍边是中国几千年"))
    assert first.section_path == ("前言",)


def test_notice_names_its_plan_and_ends_at_the_plan_title_without_a_date(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("市政府关于印发数字经济发展规划的通知\n各区人民政府：\n"
                 "根据《中华人民共和国促进法》有关规定，现将《数字经济发展规划》印发给你们，请认真贯彻执行。\n"
                 "数字经济发展规划\n一、发展基础\n我市数字经济快速发展。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "数字经济发展规划"
    assert d.notice.endswith("请认真贯彻执行。")
    assert d.clauses[3].clause_id.endswith(":标题") and d.clauses[3].text == "数字经济发展规划"


def test_notice_title_run_into_the_addressees_is_cut(tmp_path):
    p = tmp_path / "run.txt"
    p.write_text("上海市崇明区人民政府办公室关于印发《崇明区水务“十四五”规划》的通知各乡、镇人民政府，区政府各委、办、局：\n"
                 "《崇明区水务“十四五”规划》已经区政府同意，现印发给你们，请认真按照执行。\n2021年10月13日\n"
                 "崇明区水务“十四五”规划\n一、工作回顾\n全面建立了河长制和湖长制。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "崇明区水务“十四五”规划" and d.date == "2021-10-13"
    assert d.notice.split("\n")[:2] == ["上海市崇明区人民政府办公室关于印发《崇明区水务“十四五”规划》的通知",
                                        "各乡、镇人民政府，区政府各委、办、局："]


JOINT_NOTICE = """\
某省发展改革委 某省能源局 某省工业和信息化厅 某省生态环境厅 某省国资委 中国人民银行某省分行
关于印发《某省重点行业节能降碳改造攻坚三年行动方案》的通知
某发改能源〔2026〕12号
各地级以上市发展改革、工业和信息化部门，有关企业：
省发展改革委等部门研究制定了《某省重点行业节能降碳改造攻坚三年行动方案》（以下简称《行动方案》），现将《行动方案》印发给你们，并就有关事项通知如下：
一、各地各部门要强化属地责任，制定本地区重点行业节能降碳改造方案，细化工作举措。
二、重点行业企业是实施节能降碳改造的责任主体，要梳理查找节能降碳潜力。
附件：某省重点行业节能降碳改造攻坚三年行动方案
某省发展改革委 某省能源局
2026年9月7日
附件
某省重点行业节能降碳改造攻坚三年行动方案
为推动重点行业节能降碳，制定本方案。
一、总体要求
到2028年底，重点行业能效标杆水平以上产能占比明显提升。
二、重点任务
（一）钢铁行业。推动高炉、转炉等重点工序节能降碳改造。
"""


def test_a_joint_notice_with_its_own_numbered_instructions_stays_out_of_the_plan(tmp_path):
    path = tmp_path / "fangan.txt"
    path.write_text(JOINT_NOTICE, encoding="utf-8")
    doc = corpus.load_document(path)
    # the banner of six issuers over the notice title, and the notice's 一、二、 instructions,
    # are the notice; the plan's outline starts at its own 一、总体要求
    assert doc.title == "某省重点行业节能降碳改造攻坚三年行动方案"       # not the short name 行动方案
    assert doc.doc_number == "某发改能源〔2026〕12号" and doc.date == "2026-09-07"
    assert "各地各部门要强化属地责任" in doc.notice
    assert [s.title for s in doc.outline if s.kind == "section"][:2] == ["总体要求", "重点任务"]
    assert all("强化属地责任" not in c.text or c.kind == "notice" for c in doc.clauses)


def test_a_title_dated_on_its_own_line_is_the_title_and_gives_the_date(tmp_path):
    p = tmp_path / "opinion.txt"
    p.write_text("中共中央 国务院关于做好某项工作的意见（2021年9月22日）\n"
                 "为做好某项工作，现提出如下意见。\n一、总体要求\n坚持系统观念。\n二、主要目标\n到2025年，取得明显成效。\n",
                 encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "中共中央国务院关于做好某项工作的意见"
    assert d.date == "2021-09-22"
    assert d.clauses[0].kind == "heading" and d.clauses[0].text.endswith("（2021年9月22日）")


def test_a_session_papers_number_over_a_work_report_is_not_its_title(tmp_path):
    from corpus.meta import plan_meta
    p = tmp_path / "report.txt"
    p.write_text("阜平县十七届人大五次会议文件(1)\n政府工作报告\n2021年2月5日在阜平县第十七届人民代表大会第五次会议上\n"
                 "各位代表：\n现在，我代表县人民政府向大会作工作报告。\n一、过去一年工作回顾\n全县经济稳中有进。\n"
                 "二、今年工作安排\n抓好乡村振兴。\n", encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "政府工作报告"
    assert d.clauses[0].text.startswith("阜平县十七届人大五次会议文件(1)")      # kept, in the title clause
    m = plan_meta(d)
    assert (m.level, m.region) == ("县", "阜平")


def test_where_a_report_was_delivered_gives_its_date_and_place_and_stays_a_clause():
    from corpus.meta import plan_meta
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("gd-gov-work-report-2023"))
    assert d.title == "政府工作报告" and d.date == "2023-01-12"
    assert d.clauses[0].text == "政府工作报告"
    # "这份报告是在哪次会议上作的？" is answered by the line itself
    assert any(c.text == "——2023年1月12日在广东省第十四届人民代表大会第一次会议上" for c in d.clauses[1:])
    m = plan_meta(d)
    assert (m.level, m.region) == ("省", "广东")       # the title names no place; the session does


def test_the_last_toc_entry_is_not_joined_to_the_preface():
    # 目录 lines end in dot leaders and a page number; the last one is followed by the preface
    # (《“十四五”智能制造发展规划》, eval/plans): it stays an entry, and the preface a preface
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("cn-smart-manufacturing-14th"))
    assert d.toc[-1] == "五、组织实施" and len(d.toc) == 16
    first = d.clauses[1]
    assert first.kind == "preface" and first.text.startswith("智能制造是制造强国建设的主攻方向")
    assert [s.section_id for s in d.outline] == ["一", "二", "三", "四", "五"]


def test_a_mu_ci_is_a_contents_page_and_its_unnumbered_entries_head_parts():
    # 《城市信息模型（CIM）基础平台技术导则》 (eval/plans) prints 目次, the word of 标准 and 导则, over
    # decimal entries and two unnumbered ones (本导则用词说明, 引用标准名录); "4.1 CIM 分级" opens with letters
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("cn-cim-platform-guide"))
    assert len(d.toc) == 24 and d.toc[0] == "1 总 则" and d.toc[-1] == "引用标准名录"
    top = [s.title for s in d.outline]
    assert top == ["前言", "总则", "术语和缩略语", "基本规定", "平台数据", "平台功能", "平台安全与运维",
                   "本导则用词说明", "引用标准名录"]
    assert [s.title for s in d.outline[4].children] == ["CIM 分级", "CIM 分类", "数据构成"]


def test_a_traditional_mu_lu_is_a_contents_page():
    # 花東's 永續發展計畫 (eval/plans) is printed in traditional characters: its 目錄 lists the chapters
    # (願景與目標, 第一章 前言, 1.1 計畫緣起 …) and the body's chapters, not the entries, are the outline
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("huadong-sustainable-plan"))
    assert d.toc[:3] == ("願景與目標", "第一章 前言", "1.1 計畫緣起")
    top = [s.title for s in d.outline]
    assert len(top) == len(set(top)) == 9 and top[0] == "前言"


def test_roman_parts_over_formal_numerals_in_traditional_print():
    # 台湾's 净零路径 (eval/plans): Ⅰ、总论 … Ⅶ、 over 壹、贰、参 over 一、 over (一); a 目录 entry wrapped after
    # its colon is one entry; the title, the eight ministries on three lines and the date under it are read
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("tw-netzero-2050-strategy"))
    assert [s.section_id for s in d.outline][:7] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ"]
    assert [s.title for s in d.outline[0].children] == ["推動 2050 達到淨零排放的意義及重要性", "淨零路徑之推動情境",
                                                       "臺灣淨零排放之策略與基礎"]
    assert d.outline[1].children[0].title == "能源部門" and d.outline[1].children[0].children[0].title == "能源轉型必要性"
    assert d.toc[1] == "Ⅱ、能源及產業轉型篇：零碳能源供給與綠色成長商機"
    assert d.title == "臺灣 2050 淨零排放路徑及策略總說明" and d.date == "2022-03-30"
    assert d.issuer.split("、")[0] == "國家發展委員會" and len(d.issuer.split("、")) == 8


@pytest.mark.parametrize("plan,issuer,date", [
    # the 落款 closing the document's own text: last in it, or right before its 附件
    ("cn-medical-insurance-fund-supervision", "国务院办公厅", "2023-05-26"),
    ("xiongan-softsci-guide", "河北雄安新区管理委员会改革发展局", "2023-11-15"),
])
def test_a_document_signed_at_the_end_of_its_own_text_gives_its_issuer_and_date(plan, issuer, date):
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan(plan))
    assert (d.issuer, d.date) == (issuer, date)


def test_a_notices_attachments_listed_and_one_printed_by_its_title_alone():
    # 雄安's 申报指南 notice (eval/plans): "各有关单位：" is its 主送, not a heading; "附件：" over "1.…申报指南" /
    # "2.…申报书" lists the attachments; 附件 1 is printed with its mark, the 申报书 by its title alone
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("xiongan-softsci-guide"))
    assert d.clauses[1].text == "各有关单位：" and d.clauses[1].kind == "preface"
    titles = [s.title for s in d.outline]
    assert titles[:5] == ["申报目的", "申报要求", "提交要求", "联系电话", "注意事项"]
    assert titles[-2:] == ["附件 1：2023 年度雄安新区软科学研究项目申报指南", "附件2：雄安新区软科学研究项目申报书"]
    assert [s.title for s in d.outline[-1].children if s.section_id.split(".")[-1].startswith("第")][:2] == \
        ["研究现状及趋势分析", "研究内容"]


@pytest.mark.parametrize("plan,issuer,number", [
    ("cn-ftz-reform-measures-list", "国务院", "国发〔2018〕38号"),
    ("cn-hospital-performance-opinions", "国务院办公厅", "国办发〔2019〕4号"),
])
def test_a_notice_or_opinion_issued_itself_gives_its_number_and_issuer(plan, issuer, number):
    # 国务院关于支持…若干措施的通知 / 国发〔2018〕38号 / 各省、自治区…: the document is the notice
    # itself (nothing 印发 with it), and its 文号 line under the title and its title's issuer are its own
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan(plan))
    assert (d.issuer, d.doc_number) == (issuer, number)


def test_headings_that_lost_their_numbers_take_them_from_the_contents():
    # 金田村's 村庄规划 (eval/plans), converted from a PDF: the 目录 prints 第一章 总  则 / 第一条 规划背景 …,
    # the body only 总  则 / 规划背景. The 目录 ends at the first title the body repeats without its number,
    # and each such line is the heading the 目录 numbers
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("pingyuan-jintian-village-plan"))
    assert d.toc[0] == "第一章 总 则" and "规划背景" not in d.toc
    chapters = [s for s in d.outline if s.number.startswith("第") and s.number.endswith("章")]
    assert [s.title for s in chapters] == ["总则", "村庄发展目标", "规划内容", "实施计划", "实施保障"]
    assert [c.title for c in chapters[0].children][:3] == ["规划背景", "规划原则", "规划任务"]
    first = next(c for c in d.clauses if c.text.startswith("为深入贯彻落实习近平总书记"))
    assert first.section_path == ("总则", "规划背景")


def test_an_appendix_after_headings_numbered_by_the_contents_stands_beside_them():
    # the same 村庄规划: after 第二十二条 comes 附件：村民参与报告, then 附件 1 … 附件 5, each over its own 1、2、…
    # items. The appendix is a part of its own (not under the last article), the numbered ones its parts, and
    # their items theirs (not top-level parts after the chapters)
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("pingyuan-jintian-village-plan"))
    top = [s.title for s in d.outline]
    assert top[:6] == ["总则", "村庄发展目标", "规划内容", "实施计划", "实施保障", "附件：村民参与报告"]
    report = d.outline[5]
    assert [c.title for c in report.children] == ["附件 1 规划前期意见征询", "附件 2 规划初步方案意见征询",
                                                  "附件 3 规划方案批前公示", "附件 4 村民代表大会意见征询",
                                                  "附件 5 泗水镇政府意见征询"]
    assert report.children[0].children[0].title.startswith("征询方式")
    assert not d.outline[4].children[-1].children          # 第二十二条 加强监督检查 holds no appendix


def test_a_notice_signed_by_two_bodies_names_both_as_its_issuer():
    """四川's 新能源上网电价 notice (eval/plans) is signed on two lines, 四川省发展和改革委员会 over
    四川省能源局, above its date: both issue it, in the order signed."""
    from eval.corpus import find_plan
    plan = find_plan("sc-newenergy-price-14th")
    if plan is None:
        pytest.skip("eval/plans is not in this checkout")
    d = corpus.load_document(plan)
    assert d.issuer == "四川省发展和改革委员会、四川省能源局"
    assert (d.doc_number, d.date) == ("川发改价格〔2025〕480号", "2025-09-29")
    assert d.title == "四川省深化新能源上网电价市场化改革实施方案"


def test_a_notice_without_its_title_signed_and_dated_on_one_line(tmp_path):
    """平潭's 财政 十四五 plan (eval/plans), as the portal's crawl keeps it: the notice opens on its
    主送 line and ends on one line holding the signing body and the date run together; the plan's
    own title follows."""
    d = corpus.load_document("eval/plans/pingtan-finance-14th.txt")
    assert d.title == "平潭综合实验区财政发展第十四个五年规划（2021—2025年）"
    assert d.issuer == "平潭综合实验区财政金融局" and d.date == "2022-04-26"
    assert [c.kind for c in d.clauses[:3]] == ["notice"] * 3
    assert d.clauses[2].text == "平潭综合实验区财政金融局2022年4月26日"


def test_an_articles_bracketed_title_is_its_title():
    # 上海's 专项资金扶持办法 (eval/plans) prints each article as "第三条（支持范围）" on a line of its own,
    # its text or its （一）… items on the lines under it
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("sh-renewable-subsidy-rules"))
    articles = d.outline[0].children if not d.outline[0].number else d.outline
    assert [(s.number, s.title) for s in articles][:3] == [("第一条", "目的和依据"), ("第二条", "资金来源"),
                                                            ("第三条", "支持范围")]
    assert [c.title for c in articles[2].children] == ["海上风电", "常规光伏项目", "光伏建筑一体化项目",
                                                       "市政府确定支持的其他可再生能源项目"]
    assert articles[-1].title == "附则"


def test_a_bare_appendix_does_not_take_its_first_numbered_one_as_its_title():
    # 南京's 纲要 ends on 附图1 / 附图2 / 附图3, each over its caption; 平远's 村庄规划 prints 附表 (and 附图)
    # bare over 附表1 规划目标表 and 附表2 …: a numbered appendix is one of its own, not the bare one's title
    from eval.corpus import find_plan
    nanjing = corpus.load_document(find_plan("nanjing-15th-outline"))
    assert [s.title for s in nanjing.outline][-3:] == [
        "附图1：“十五五”各板块重点产业布局", "附图2：2035年南京市域国土空间总体格局规划图", "附图3：2050年南京市空间结构示意图"]
    village = [s.title for s in corpus.load_document(find_plan("pingyuan-jintian-village-plan")).outline]
    assert "附表" in village and "附表1 规划目标表" in village and "附图" in village and "附图1 村庄用地现状图" in village


RED_HEADER = """\
SDCR—2023—0010002 
某某市发展和改革委员会
某 某 市 财 政 局
某发改规〔2023〕5号 
文件
关于印发《某某市绿色低碳产业 
扶持办法》的通知 
各区县发展改革局、财政局： 
现将《某某市绿色低碳产业扶持办法》印发给你们，请认真 
贯彻执行。 
某某市发展和改革委员会  某某市财政局 
2023年6月1日 
某某市绿色低碳产业扶持办法 
第一条  为促进绿色低碳产业发展，制定本办法。 
第二条  本办法自2023年7月1日起施行。 
"""


def test_a_red_header_masthead_names_the_issuers_and_its_number(tmp_path):
    # a PDF's text keeps the masthead a line each: the registration number, the issuing bodies (one
    # letter-spaced), the number, 文件. Read with the trailing-space hints of its other lines, the
    # masthead ran into one paragraph, and the registration number became the title
    p = tmp_path / "rules.txt"
    p.write_text(RED_HEADER, encoding="utf-8")
    d = corpus.load_document(p)
    assert d.title == "某某市绿色低碳产业扶持办法"
    assert d.issuer == "某某市发展和改革委员会、某某市财政局"
    assert (d.doc_number, d.date) == ("某发改规〔2023〕5号", "2023-06-01")
    assert [c.text for c in d.clauses[:4]] == ["某某市发展和改革委员会", "某 某 市 财 政 局", "某发改规〔2023〕5号", "文件"]
    assert not [c for c in d.clauses if "SDCR" in c.text]
    assert [s.number for s in d.outline] == ["第一条", "第二条"]


def test_a_real_red_header_document_from_its_pdf_text():
    # 济南's 智能网联汽车 管理办法 (eval/plans): three bureaus over 文件, the pages' "— n —" lines, lines cut
    # at the page width; its 附件3 and 附件4 are forms whose blank number (20XX年  第XXX号) is printed
    # over their titles
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("jinan-icv-test-rules"))
    assert d.title == "济南市智能网联汽车道路测试与示范应用管理办法（试行）"
    assert d.issuer == "济南市工业和信息化局、济南市公安局、济南市城乡交通运输局"
    assert (d.doc_number, d.date) == ("济工信装备字〔2022〕1号", "2022-03-10")
    annexes = [s.title for s in d.outline if s.title.startswith("附件")]
    assert annexes[2:] == ["附件3：智能网联汽车道路测试（示范应用）安全性", "附件4：智能网联汽车道路测试（示范应用）通知书"]


def test_a_notice_without_a_title_line_of_its_own_kind_gives_its_number():
    # 苏州's notice opens 市政府印发关于…的通知 (not 关于印发…), and prints its number inside a line after an issuer's
    # name; 吉林's opens 吉林省人民政府办公厅印发 / 关于促进消费若干措施的通知 over 吉政办发〔2023〕23号. 雄安's notice cites
    # another document's number (《…若干措施》（雄安工科数字〔2025〕16号）), which is no number of its own
    from eval.corpus import PLANS_DIR, find_plan
    d = corpus.load_document(find_plan("suzhou-economy-measures"))
    assert (d.doc_number, d.date) == ("苏府规字〔2023〕1号", "2023-01-30")
    d = corpus.load_document(find_plan("jilin-consumption-measures", PLANS_DIR.parent / "unseen" / "plans"))
    assert (d.doc_number, d.issuer, d.date) == ("吉政办发〔2023〕23号", "吉林省人民政府办公厅", "2023-09-08")
    assert corpus.load_document(find_plan("xiongan-baixiang-guide")).doc_number == ""


def test_a_notice_that_cites_the_document_itself_gives_its_number():
    # 平潭's 非遗 方案 (eval/unseen round eight) is printed under a portal's line: 日前，我区管委会办公室印发了
    # 《平潭综合实验区非物质文化遗产振兴行动方案》（岚综管办〔2021〕105 号）. The 《》 name the document itself, so the
    # number after them is its own, unlike one after another document's name (above, 雄安's)
    d = corpus.load_document("eval/unseen/plans/pingtan-ich-revival-action-2021.txt")
    assert d.title == "平潭综合实验区非物质文化遗产振兴行动方案"
    assert (d.doc_number, d.issuer) == ("岚综管办〔2021〕105号", "平潭综合实验区管委会办公室")


def test_an_adoption_record_wrapped_over_two_lines_gives_the_date():
    # 北京's 纲要 and 深圳's 建议 (eval/plans), a PDF's text with its lines as printed: "2026年1月29日北京市第十六届"
    # over "人民代表大会第四次会议批准" under the title
    from eval.corpus import find_plan
    beijing = corpus.load_document(find_plan("bj-15th-outline"))
    assert (beijing.title, beijing.date) == ("北京市国民经济和社会发展第十五个五年规划纲要", "2026-01-29")
    assert corpus.load_document(find_plan("sz-15th-proposal")).date == "2025-11-28"


def test_a_standards_cover_page_is_its_title_block():
    # 广东's DB44/ 2367—2022 (eval/plans), as its PDF reads: ICS / CCS lines, the DB label, the number, the
    # title, its English title, "2022 - 06 - 01 发布", the two bureaus over "发 布". Read as a plan, the cover
    # made twelve clauses, no title was found and "3 术语和定义" ran into the list of references before it
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("gd-voc-emission-standard"))
    assert d.title == "固定污染源挥发性有机物综合排放标准"
    assert d.issuer == "广东省生态环境厅、广东省市场监督管理局"
    assert (d.doc_number, d.date) == ("DB44/ 2367—2022", "2022-06-01")
    first = d.clauses[0]
    assert first.text.startswith("ICS 13.040.40") and "发 布" in first.text and first.kind == "heading"
    assert [s.title for s in d.outline] == ["前言", "范围", "规范性引用文件", "术语和定义", "有组织排放控制要求",
                                            "无组织排放控制要求", "企业厂区内及边界污染控制要求", "污染物监测要求", "实施与监督"]
    assert not [c for c in d.clauses if "………" in c.text or "....." in c.text]        # the 目次 (前言 … II) is no clause


def test_a_communiques_title_and_the_bodies_and_date_under_it():
    # 合肥's 统计公报 (eval/plans), the PDF's printed lines: a title ending 公报 was no title, and the
    # bureau and survey team printed over the date under it were no issuers
    from eval.corpus import find_plan
    d = corpus.load_document(find_plan("hefei-stats-communique-2024"))
    assert d.title == "合肥市2024年国民经济和社会发展统计公报"
    assert (d.issuer, d.date) == ("合肥市统计局、国家统计局合肥调查队", "2025-03-28")
    assert d.clauses[0].kind == "heading"


def test_parts_the_contents_numbers_and_the_body_prints_bare_hold_the_lists_numbered_like_them():
    # 万里街道's 2025 部门预算 (eval/plans), a PDF's text: the 目录 lists 一、部门主要职能 … 七、项目经费情况说明,
    # with the nine tables under 五、; the body prints each part without its number (…办事处（部门）主要职能,
    # 2025年部门预算编制说明), some run into the text after them, and numbers its own lists 一、二、 inside
    # them. Those lists stay under their parts; the tables are parts of their own (五、部门预算表 is not
    # printed), each over its rows
    from eval.corpus import find_plan
    plan = find_plan("pt-wanli-dept-budget-2025")
    if plan is None:
        pytest.skip("eval/plans is not in this checkout")
    d = corpus.load_document(plan)
    top = [s.title for s in d.outline]
    assert top[:2] == ["上海市普陀区人民政府万里街道办事处（部门）主要职能",
                       "上海市普陀区人民政府万里街道办事处（部门）机构设置"]
    assert [c.title for c in d.outline[0].children][:2] == ["加强党的建设", "统筹社区发展"]
    assert "2025年部门预算编制说明" in top and "其他相关情况说明" in top and top[-1] == "项目经费情况说明"
    tables = [t for t in top if t.endswith("预算表") or t.endswith("预算总表")]
    assert len(tables) == 9
    first = next(c for c in d.clauses if c.text.startswith("上海市普陀区人民政府万里街道办事处是普陀区政府的派出机关"))
    assert first.section_path == ("上海市普陀区人民政府万里街道办事处（部门）主要职能",)
    row = next(c for c in d.clauses if c.text.startswith("301 | 工资福利支出"))
    assert row.section_path[0] == "2025年部门一般公共预算基本支出部门预算经济分类预算表"
    # the 名词解释's entries （一）财政拨款收入：… are its own, not parts after it
    glossary = next(s for s in d.outline if s.kind == "glossary")
    assert [c.title for c in glossary.children][:3] == ["财政拨款收入", "事业收入", "事业单位经营收入"]
    # each part goes by its 目录 number, as printed there
    assert [s.number for s in d.outline[:2]] == ["一、", "二、"]


def test_a_glossary_term_on_a_line_of_its_own_heads_its_explanation():
    # 南京大学's 十四五 规划 (eval/plans): its 名词解释 prints "2.九个第一" on a line, its explanation on the
    # next; the explanation is the term's entry, cited under it
    from eval.corpus import find_plan
    plan = find_plan("nju-14th-plan")
    if plan is None:
        pytest.skip("eval/plans is not in this checkout")
    d = corpus.load_document(plan)
    glossary = next(s for s in d.outline if s.kind == "glossary")
    assert [c.title for c in glossary.children][:3] == ["第一个南大", "九个第一", "一体两城四区"]
    text = next(c for c in d.clauses if c.text.startswith("建设“第一个南大”的第一前提是“明晰方向”"))
    assert (text.section_path[-1], text.title, text.kind) == ("九个第一", "九个第一", "glossary")


def test_a_contents_ends_where_the_body_prints_its_first_part_after_a_name():
    # 上海市财政局's 2025 单位预算 (eval/plans): the 目录 (一、单位主要职能 … 六、其他相关情况说明, no dot leaders or page
    # numbers) is followed at once by "上海市财政局（单位）主要职能", which is the body's first part, not one more
    # entry; it holds the （一）…（十四） duties
    from eval.corpus import find_plan
    plan = find_plan("sh-finance-bureau-budget-2025")
    if plan is None:
        pytest.skip("eval/plans is not in this checkout")
    d = corpus.load_document(plan)
    assert d.toc[-1] == "六、其他相关情况说明"
    assert d.outline[0].title == "上海市财政局（单位）主要职能"
    assert len(d.outline[0].children) == 14 and d.outline[0].children[2].title == "负责管理市级各项财政收支"


def test_a_notice_dated_with_its_day_left_blank_is_signed_by_the_line_above(tmp_path):
    # 雄安's 第一类医疗器械一件事 notice (eval/unseen round six) is dated "2025年4月日", the day left for a stamp:
    # the body signing above it was no issuer, and 这个实施方案是哪个单位印发的？ found nothing
    text = ("关于印发《某区一件事实施方案》的通知\n各相关部门：\n现将《某区一件事实施方案》印发给你们，请认真贯彻落实。\n"
            "某区营商环境局\n2025年4月  日\n（联系人：张三 电话：0312-5671353）\n某区一件事实施方案\n"
            "一、工作目标\n推动第一类医疗器械产品备案和生产备案一次办结。\n")
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    d = corpus.load_document(p)
    assert (d.title, d.issuer, d.date) == ("某区一件事实施方案", "某区营商环境局", "")
    # a signed date keeps its day
    p.write_text(text.replace("2025年4月  日", "2025年4月29日"), encoding="utf-8")
    d = corpus.load_document(p)
    assert (d.issuer, d.date) == ("某区营商环境局", "2025-04-29")


def test_the_line_naming_what_is_attached_heads_the_appendix_printed_under_it(tmp_path):
    # 雄安's 第一类医疗器械一件事 方案 (eval/unseen round six) closes on "附件：“第一类医疗器械一件事”操作指南",
    # then prints the appendix with a "附件：" line of its own over its title ("河北雄安新区" / "“第一类…”操作指南").
    # The first line was read as an appendix with nothing in it, and the one under it was titled
    # "附件：河北雄安新区"; 平潭's 2016 工作要点 (round six) showed its 分工表 twice in the outline so
    d = corpus.load_document("eval/unseen/plans/xiongan-class1-device-2025.txt")
    annexes = [s for s in d.outline if s.title.startswith("附件")]
    assert [s.title for s in annexes] == ["附件：“第一类医疗器械一件事”操作指南"]
    assert annexes[0].children[0].title == "法律依据" and len(annexes[0].children) == 12
    opening = [c.text for c in d.clauses if c.section_path == (annexes[0].title,)]
    assert opening[:4] == ["附件：“第一类医疗器械一件事”操作指南", "附件：", "河北雄安新区", "“第一类医疗器械一件事”操作指南"]
    eco = corpus.load_document("eval/unseen/plans/pingtan-eco-work-points-2016.txt")
    assert [s.title for s in eco.outline if s.title.startswith("附件")] == ["附件：2016年平潭综合实验区生态环境保护工作要点分工表"]
    # the same over a bare "附件" and a title on one line; a titled appendix over numbered ones of its own
    # (平远's 村民参与报告 over 附件 1 …) is still theirs, and one that only names what is attached stays one
    text = ("某区实施方案\n一、工作目标\n推动备案一次办结。\n附件：某区操作指南\n附件\n某区操作指南\n一、法律依据\n"
            "《医疗器械监督管理条例》。\n二、适用范围\n本区备案人。\n")
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    d = corpus.load_document(p)
    assert [s.title for s in d.outline if s.title.startswith("附件")] == ["附件：某区操作指南"]
    assert [s.title for s in d.outline[-1].children] == ["法律依据", "适用范围"]
    village = [s.title for s in corpus.load_document("eval/plans/pingyuan-jintian-village-plan.txt").outline]
    assert "附件：村民参与报告" in village
