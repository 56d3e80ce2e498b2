"""Reader questions in forms the dev split lacks (structure, definitions, who and when, places): is
the first excerpt right?

    python -m eval.structure_probe

The structure questions (35 plans) were written from the plans' outlines before running them, in
seven rounds (13, 13, 12, 13, 17, 17 and 18 questions), each after the previous round's fixes (第几章,
倒数第二部分, 多少章, 有几条, a title without its 的, 第十二条 in a plan of articles, which 专栏 holds a
project; then 第三章第二节, a two-character chapter title, a part named over a deeper heading with
the same words; then 第五个行动 with no list named, a part counted among parts with nothing under
them, 分几步; then a title said without its lead verb, 实施, and the count of a plan's items). Before
their fixes round four was 8/13, round five 14/17, round six 15/17 (for the count of a plan's items
its last item is now the answer, the one expectation widened after the fix, since the number it
shows is the count); round seven, on six more plans, was 18/18 with no fix. The answers are
headings or an article's opening words, as printed; a question is right when its first excerpt holds one.
"""
from __future__ import annotations

import sys

from eval import metrics
from eval.corpus import PLANS_DIR

QUESTIONS = [
    ("cn-new-gen-ai-plan", "资源配置部分包括哪几项？", ["建立财政引导、市场主导的资金支持机制", "优化布局建设人工智能创新基地"]),
    ("cn-new-gen-ai-plan", "规划最后一部分的标题是什么？", ["组织实施"]),
    ("cn-new-gen-ai-plan", "规划的第二部分叫什么？", ["总体要求"]),
    ("cn-new-gen-ai-plan", "保障措施一共有几条？", ["制定促进人工智能发展的法律法规和伦理规范", "广泛开展人工智能科普活动"]),
    ("zhuhai-talent-housing-measures", "第四章讲的是什么？", ["流转退出"]),
    ("zhuhai-talent-housing-measures", "法律责任在第几章？", ["法律责任"]),
    ("zhuhai-talent-housing-measures", "住房分配这一章分成哪几节？", ["一般规定", "面向单位配租"]),
    ("zhuhai-talent-housing-measures", "最后一章是什么？", ["附则"]),
    ("sd-education-14th", "规划第五部分的标题是什么？", ["努力建设高素质专业化创新型教师队伍"]),
    ("sd-education-14th", "教师队伍建设那部分包括哪几方面？", ["加强师德师风建设", "提高教师地位和待遇"]),
    ("sd-education-14th", "教育评价改革放在规划哪一部分？", ["建立健全具有山东特色的教育评价体系"]),
    ("sd-education-14th", "第二部分下面第一条是什么？", ["构建全学段一体化的思政工作体系"]),
    ("sd-education-14th", "信息化时代教育创新这部分有几条，分别是什么？", ["加强教育信息化基础设施建设", "完善网络化智能化教育管理与服务"]),
    ("cn-digital-economy-14th", "数字经济安全的内容在第几部分？", ["着力强化数字经济安全体系"]),
    ("cn-digital-economy-14th", "数据要素那部分一共有几条？", ["强化高质量数据要素供给", "创新数据要素开发利用机制"]),
    ("cn-digital-economy-14th", "规划的倒数第二部分是什么？", ["有效拓展数字经济国际合作"]),
    ("cn-digital-economy-14th", "公共服务数字化这部分下面有哪几条？", ["提高“互联网+政务服务”效能", "打造智慧共享的新型数字生活"]),
    ("sh-earthquake-14th", "重点工程项目有几个？", ["上海地震监测站网改扩建工程", "上海地震科技人才队伍建设项目"]),
    ("sh-earthquake-14th", "保障措施有几条？", ["加强组织领导", "强化监督评估"]),
    ("sh-earthquake-14th", "地震监测站网改扩建工程属于规划的第几部分？", ["重点工程项目"]),
    ("taizhou-hpf-loan-rules", "贷款担保是第几章？", ["贷款担保"]),
    ("taizhou-hpf-loan-rules", "细则一共有多少章？", ["总则", "附则"]),
    ("taizhou-hpf-loan-rules", "逾期还款的规定在哪一章？", ["贷款回收"]),
    ("gd-energy-saving-action", "重点任务涉及哪几个行业？", ["钢铁行业", "陶瓷行业"]),
    ("gd-energy-saving-action", "组织实施这部分有几条？", ["加强组织领导", "凝聚各方合力"]),
    ("gd-energy-saving-action", "方案附了什么附件？", ["重点行业企业节能降碳改造计划项目储备清单"]),
    ("cn-drug-smart-supervision", "专栏3讲的是什么？", ["药品监管信息化标准体系建设"]),
    ("cn-drug-smart-supervision", "行动计划里一共有几个专栏？", ["药品监管云建设", "国家局电子政务内外网建设"]),
    ("cn-drug-smart-supervision", "药品监管云建设是哪个专栏？", ["药品监管云建设"]),
    ("cn-new-gen-ai-plan", "专栏2列了哪些关键共性技术？", ["知识计算引擎与知识服务技术", "跨媒体分析推理技术"]),
    ("guangzhou-housing-transaction-measures", "第十四条规定了什么？", ["未取得商品房预售许可证的商品房项目"]),
    ("taizhou-hpf-loan-rules", "第十二条说的是啥？", ["在本市行政区域外正常缴存住房公积金的职工"]),
    ("nanjing-talent-housing-measures", "第五条是什么内容？", ["人才安居重点支持先进制造业"]),
    ("fx-rural-road-reform", "附件2是什么？", ["奉贤区农村公路路长制实施方案"]),
    ("fx-rural-road-reform", "这个方案有几个附件？", ["奉贤区农村公路管理养护权力和责任清单", "奉贤区农村公路路长制实施方案"]),
    ("cn-data-infra-guide", "附录解释了哪几类术语？", ["数据流通利用技术", "数据安全技术"]),
    ("hp-heritage-14th", "规划后面附了哪些附件？", ["历史风貌保护和利用规划指标", "重点任务与项目清单"]),
    ("cm-water-14th", "专栏1的标题是什么？", ["三堤三网两生态"]),
    # round four
    ("zhuhai-talent-housing-measures", "第三章第二节讲什么？", ["面向个人配租(售)"]),
    ("zhuhai-talent-housing-measures", "第五章有几条？", ["监督管理", "第四十三条承租人和购房人"]),
    ("zhuhai-talent-housing-measures", "监督管理这一章从第几条到第几条？", ["监督管理", "第四十三条承租人和购房人"]),
    ("cn-medical-quality-measures", "这个办法总共分为几章？", ["总则", "附则"]),
    ("cn-medical-quality-measures", "医疗安全风险防范是哪一章的内容？", ["医疗安全风险防范"]),
    ("cn-medical-quality-measures", "附则里有几条？", ["附则", "第四十七条 本办法下列用语的含义"]),
    ("cn-skills-china-action", "主要任务里的第二个行动叫什么？", ["技能提升"]),
    ("cn-skills-china-action", "实施保障部分写了哪几点？", ["加强组织领导", "加大宣传引导"]),
    ("hp-heritage-14th", "保障机制包括哪些方面？", ["加强组织保障", "加强监督保障"]),
    ("hp-heritage-14th", "“十四五”总体思路这一部分分几块？", ["指导思想", "发展目标"]),
    ("changning-15th-outline", "纲要的第六部分写的是什么？", ["持续优化重点区域功能布局"]),
    ("changning-15th-outline", "友好城区那一部分有哪几条？", ["加快构建老年友好型社会", "聚力打造青年发展型城区"]),
    ("changning-15th-outline", "规划实施保障放在第几部分？", ["切实强化规划实施保障"]),
    # round five
    ("cn-transit-its-guide", "指南一共有几章？", ["总体要求", "建设运行管理"]),
    ("cn-transit-its-guide", "第三章的第一部分是什么？", ["城市公共交通企业运营智能调度平台功能"]),
    ("cn-transit-its-guide", "标准规范这一章列了哪些标准？", ["城市公共汽电车车载智能服务终端", "标准规范"]),
    ("cn-transit-its-guide", "信息共享属于哪一章？", ["信息资源"]),
    ("qd-ai-industry-action", "重点任务里有哪些行动？", ["算力设施“强基”行动", "场景应用“赋能”行动"]),
    ("qd-ai-industry-action", "第五个行动是什么？", ["创新平台“领航”行动"]),
    ("qd-ai-industry-action", "数据要素提质行动属于哪一部分？", ["重点任务"]),
    ("sz-hpf-withdrawal-rules", "第四章讲的是什么？", ["提取程序和材料"]),
    ("sz-hpf-withdrawal-rules", "附则一共几条？", ["附则", "第三十条"]),
    ("sz-hpf-withdrawal-rules", "提取程序和材料这一章从第几条开始？", ["提取程序和材料", "第二十一条"]),
    ("cn-zero-waste-city-pilot", "实施步骤分几步？", ["确定试点城市", "开展评估总结"]),
    ("cn-zero-waste-city-pilot", "方案的第三部分是什么？", ["实施步骤"]),
    ("jingan-renewal-action", "重点任务包括哪几个行动？", ["再造发展新极行动", "点燃商业新擎行动"]),
    ("jingan-renewal-action", "保障措施的最后一条是什么？", ["开展专项评估考核"]),
    ("tj-rental-housing-plan", "支持政策有哪几项？", ["土地支持政策", "公共服务支持政策"]),
    ("tj-rental-housing-plan", "公积金支持政策在第几部分？", ["支持政策"]),
    ("tj-rental-housing-plan", "第四部分的第五条是什么？", ["公积金支持政策"]),
    # round six
    ("cn-smart-forestry-guide", "第三章第四节讲的是什么？", ["全面完善智慧林业民生服务体系"]),
    ("cn-smart-forestry-guide", "推进路线图在哪一章？", ["智慧林业推进策略"]),
    ("gd-business-environment-plan", "第12条是什么？", ["开展产业需求导向的增值服务"]),
    ("gd-business-environment-plan", "方案分为哪几个方面？", ["优化产业生态", "加强涉企服务"]),
    ("gd-business-environment-plan", "加强涉企服务这部分有几项措施？", ["提升涉企审批备案事项办理质效", "健全政企沟通和政策兑现机制"]),
    ("sh-renewal-housing-15th", "规划的第五部分讲什么？", ["风貌特色魅力彰显"]),
    ("sh-renewal-housing-15th", "“好房子”建设放在规划哪一部分？", ["公共服务优质均衡"]),
    ("sh-renewal-housing-15th", "第二十条讲的是什么？", ["完善交通基础设施"]),
    ("js-housing-work-points-2025", "工作要点一共有多少条？", ["加快转型升级步伐", "持续推动房地产市场止跌回稳", "45.全面做好意识形态工作"]),
    ("js-housing-work-points-2025", "第五部分有哪些内容？", ["防范化解房地产领域风险隐患", "防范化解风险隐患"]),
    ("js-housing-work-points-2025", "停车便利化工程是第几条？", ["推动停车便利化工程"]),
    ("cn-unified-market-opinions", "反垄断属于哪一部分？", ["进一步规范不当市场竞争和市场干预行为"]),
    ("cn-unified-market-opinions", "组织实施保障包括几条？", ["加强党的领导", "形成工作合力"]),
    ("cn-unified-market-opinions", "第二十六条是什么？", ["持续清理招标采购领域违反统一市场建设的规定和做法"]),
    ("sy-youth-employment-measures", "就业岗位拓展行动包括哪些措施？", ["加大投资创造就业空间", "做好高校毕业生兵员征集"]),
    ("sy-youth-employment-measures", "第四部分是什么？", ["实施公共就业服务提升行动"]),
    ("sy-youth-employment-measures", "推进体检结果互认是第几条？", ["推进体检结果互认"]),
    # round seven (no fix needed)
    ("cn-medical-insurance-fund-supervision", "各方职责具体明确了哪几方的责任？", ["强化医保行政部门监管责任", "强化地方政府属地监管责任"]),
    ("cn-medical-insurance-fund-supervision", "常态化监管包括哪五个常态化？", ["推进飞行检查常态化", "推进社会监督常态化"]),
    ("cn-medical-insurance-fund-supervision", "信用管理制度在意见的哪一部分？", ["健全完善制度机制"]),
    ("cn-agri-mechanization-plan", "意见的第十五条讲的是什么？", ["改善农机作业配套设施条件"]),
    ("cn-agri-mechanization-plan", "农机人才培养这部分有哪些内容？", ["健全新型农业工程人才培养体系", "注重农机实用型人才培养"]),
    ("cn-agri-mechanization-plan", "最后一部分包括哪几条？", ["健全组织实施机制", "促进政府与市场良性互动"]),
    ("baiyin-property-workplan", "工作方案的工作内容有几个方面？", ["优化土地供应结构", "加强房地产市场监管"]),
    ("baiyin-property-workplan", "方案第二部分是什么？", ["工作目标"]),
    ("baiyin-property-workplan", "保障措施有哪些？", ["提高思想认识", "严格追究问责"]),
    ("cn-domestic-demand-outline", "纲要分为几个部分？", ["规划背景"]),
    ("cn-domestic-demand-outline", "新型基础设施属于纲要的第几部分？", ["优化投资结构,拓展投资空间"]),
    ("cn-domestic-demand-outline", "第三部分下面有几个小节？", ["持续提升传统消费", "大力倡导绿色低碳消费"]),
    ("ah-market-confidence-measures", "“徽动消费”行动包括哪几条？", ["促进接触性消费加快恢复", "促进房地产业健康发展"]),
    ("ah-market-confidence-measures", "第21条是什么内容？", ["推进重大项目建设"]),
    ("ah-market-confidence-measures", "财税支持有几条措施？", ["深入落实税收优惠政策", "积极支持援企稳岗扩岗"]),
    ("cn-city-quality-opinions", "城市安全韧性方面有哪些举措？", ["加强房屋和市政基础设施安全管理", "增强城市综合防灾减灾救灾能力"]),
    ("cn-city-quality-opinions", "意见最后一部分讲什么？", ["加强组织实施"]),
    ("cn-city-quality-opinions", "“好房子”建设放在哪个部分？", ["营造高品质城市生活空间"]),
]


# Definition questions in a reader's words, written from the plans' own "X是指…" sentences before
# running them: 11/14 before the fixes they led to (本规定中X是指 as a list's lead line, X是指 after a
# run-in title or a semicolon, a term read out of padding such as 规定里说的…指哪些房子).
DEFINITIONS = [
    ("sz-hpf-withdrawal-rules", "同一时间段怎么理解？", ["同一时间段是指"]),
    ("sz-hpf-withdrawal-rules", "规定里说的商品住房指哪些房子？", ["本规定中商品住房是指以下住房"]),
    ("sz-hpf-withdrawal-rules", "什么叫租房委托提取？", ["租房委托提取是指"]),
    ("nanjing-talent-housing-measures", "人才公寓是什么？", ["人才公寓,是指"]),
    ("nanjing-talent-housing-measures", "租赁补贴是指什么补贴？", ["租赁补贴,是指"]),
    ("nanjing-talent-housing-measures", "共有产权住房怎么定义的？", ["共有产权住房,是指"]),
    ("cn-smart-forestry-guide", "数字林业是什么意思？", ["数字林业是指"]),
    ("cn-smart-forestry-guide", "智慧林业的定义是什么？", ["智慧林业是指"]),
    ("guangzhou-housing-transaction-measures", "建筑区划指的是什么范围？", ["建筑区划,是指"]),
    ("guangzhou-housing-transaction-measures", "新建商品房是怎么定义的？", ["新建商品房,是指"]),
    ("taizhou-hpf-loan-rules", "公积金贷款指的是什么？", ["是指住房公积金管理中心以归集的住房公积金"]),
    ("taizhou-hpf-loan-rules", "档案资料是什么？", ["档案资料是指"]),
    ("cn-data-infra-guide", "行业数据基础设施是什么？", ["行业数据基础设施是指"]),
    ("cn-data-infra-guide", "数据使用控制是啥意思？", ["数据使用控制是指"]),
]

# Who-is-responsible and when questions, written from four dev plans' notes and dates before running
# them: 9/10 with no change (购房补贴最晚什么时候申报 shows another clause's 补贴 first).
WHO_AND_WHEN = [
    ("zz-finance-measures", "引进金融分支机构这件事由哪个部门牵头？", ["牵头单位:市金融局"]),
    ("zz-finance-measures", "“金融+科技创新”由哪些单位负责？", ["市金融局、市科技局"]),
    ("zz-finance-measures", "区域金融改革创新谁来牵头？", ["市金融局、市发展改革委"]),
    ("gd-domestic-circulation-plan", "出口转内销专区是哪个部门负责的？", ["省商务厅牵头负责"]),
    ("gd-domestic-circulation-plan", "广交会参展支持由谁负责？", ["省商务厅牵头负责"]),
    ("yingtan-property-opinions", "购房补贴最晚什么时候申报？", ["补贴申报时间截止于2026年12月31日"]),
    ("guizhou-recovery-action", "这个行动方案有效期到什么时候？", ["有效期至2022年12月31日"]),
    ("guizhou-recovery-action", "鑫达、渝南两个露天煤矿什么时候出煤？", ["11月底前鑫达、渝南2个露天煤矿建设出煤"]),
    ("guizhou-recovery-action", "政府拖欠中小微企业的账款什么时候要化解完？", ["年底前,全面化解政府拖欠中小微企业无分歧欠款"]),
    ("jiyuan-confidence-measures", "契税补贴活动要在哪天之前买房才算？", ["2023年4月30日前购买的商品房"]),
]

# Questions about one city in four provincial plans (the place rule was written on the shipped plan),
# written from the plans' sentences before running them: 9/10 with no change (芜宣机场的定位是什么 shows
# the 机场 list first, the sentence that positions it second).
PLACES = [
    ("hubei-15th-proposal", "襄阳要争创什么国家级示范区？", ["支持襄阳争创国家农业高新技术产业示范区"]),
    ("hubei-15th-proposal", "武汉要打造成哪些中心？", ["全国经济中心、国家科技创新中心", "国际消费中心城市"]),
    ("henan-domestic-demand-action", "南阳在消费方面的定位是什么？", ["支持南阳建设区域性消费中心城市"]),
    ("henan-domestic-demand-action", "郑州的设计之都要建成多少个国家级工业设计中心？", ["建成国家级工业设计中心20家"]),
    ("henan-domestic-demand-action", "哪些城市争创国家骨干冷链物流基地？", ["支持洛阳、新乡、漯河等争创国家骨干冷链物流基地"]),
    ("gansu-15th-proposal", "酒泉市要建设什么？", ["支持酒泉市建设国家能源基地"]),
    ("gansu-15th-proposal", "兰州大学有什么发展目标？", ["支持兰州大学建设中国特色世界一流大学"]),
    ("ah-15th-proposal", "合肥在航空货运上要建成什么？", ["支持合肥市建设国际航空货运集散中心"]),
    ("ah-15th-proposal", "芜宣机场的定位是什么？", ["芜宣机场建设上海国际航空货运枢纽副中心"]),
    ("ah-15th-proposal", "合肥科创金融改革试验区怎么建？", ["高标准建设合肥科创金融改革试验区"]),
]


def run(questions, label: str, loaded: dict) -> int:
    """Ask each question of its plan; print each and the count whose first excerpt holds an answer."""
    from assistant import PlanAssistant
    right = 0
    for plan, question, answers in questions:
        if plan not in loaded:
            loaded[plan] = PlanAssistant.from_paths([str(PLANS_DIR / f"{plan}.txt")])
        ans = loaded[plan].ask(question)
        ok = bool(ans.excerpts) and metrics.relevance([ans.excerpts[0].text], answers)[0]
        right += ok
        print(f"{'ok  ' if ok else 'MISS'} {plan} {question}")
    print(f"{label}: first excerpt right: {right}/{len(questions)}")
    return right


def main() -> int:
    loaded: dict = {}
    run(QUESTIONS, "structure", loaded)
    run(DEFINITIONS, "definitions", loaded)
    run(WHO_AND_WHEN, "who and when", loaded)
    run(PLACES, "places", loaded)
    return 0


if __name__ == "__main__":
    sys.exit(main())
