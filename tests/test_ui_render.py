"""Fast tests of ui.render: Answer -> HTML, escaping, citations, highlighting.

Hits carry real clauses of the shipped plan (corpus.load_shipped()), so the
strings, section paths and pages are what users really see.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

import corpus
from index.hit import Hit
from ui import render

DOC = corpus.load_shipped()[0]
PLAN_TITLE = DOC.title
CLAUSES = {c.clause_id: c for c in DOC.clauses}


def hit_of(clause_id: str, terms: tuple[str, ...] = (), score: float = 1.0) -> Hit:
    """A Hit carrying a real clause of the shipped plan, verbatim."""
    c = CLAUSES[clause_id]
    return Hit(text=c.text, clause_id=c.clause_id, section_path=c.section_path, pages=c.pages, score=score,
               doc_id=c.doc_id, title=c.title, kind=c.kind, matched_terms=terms)


GDP_HIT = hit_of("sc-sei-13:一.（一）.1-2", ("总产值", "2015"), 7.5)       # 一、（一）发展基础, page 3
GDP_TEXT = GDP_HIT.text
IC_HIT = hit_of("sc-sei-13:三.（一）.1", ("集成电路", "芯片"), 5.0)          # 三、（一）集成电路产业, page 7
IC_TEXT = IC_HIT.text
GLOSSARY_HIT = hit_of("sc-sei-13:名词解释.14", ("静脉产业",), 9.0)          # 名词解释 14, page 64
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'

ALLOWED_TAGS = {"div", "p", "span", "strong", "details", "summary", "blockquote", "mark", "button",
                "ul", "li", "br"}


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> _Collect:
    p = _Collect()
    p.feed(markup)
    p.close()
    return p


def answer_dict(**over) -> dict:
    """The to_dict() shape of an Answer (as the assistant and the HTTP API produce it)."""
    base = {
        "question": "2015年总产值是多少？", "resolved_query": "2015年总产值是多少？", "abstained": False,
        "kind": "answer", "lead": GDP_TEXT.split("；")[0] + "；", "excerpts": [GDP_HIT, IC_HIT],
        "suggestions": [], "outline": [], "notes": [],
    }
    base.update(over)
    return base


def assert_only_safe_markup(markup: str) -> None:
    tags = parse(markup).tags
    assert tags, "expected some markup"
    for tag, attrs in tags:
        assert tag in ALLOWED_TAGS, f"unexpected tag <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name}"
            assert name in ("class", "open", "type", "hidden"), f"unexpected attribute {name}"


# ------------------------------------------------------------------ labels

def test_page_label_single_and_range():
    assert render.page_label((7, 7)) == "第7页"
    assert render.page_label((7, 8)) == "第7–8页"
    assert render.page_label(None) == ""
    assert render.page_label((0, 0)) == ""


def test_citation_label_numbers_the_section_and_gives_the_page():
    assert render.citation_label(IC_HIT) == "〔三、（一）集成电路产业 · 第7页〕"
    assert render.citation_label(GDP_HIT) == "〔一、（一）发展基础 · 第3页〕"
    assert render.citation_label(GLOSSARY_HIT) == "〔名词解释 14. 静脉产业 · 第64页〕"


def test_citation_label_of_the_api_form_is_the_same():
    from assistant.answer import hit_to_dict
    d = hit_to_dict(IC_HIT)
    assert render.citation_label(d) == render.citation_label(IC_HIT)
    del d["citation"]
    assert render.citation_label(d) == render.citation_label(IC_HIT)


def test_citation_text_has_excerpt_title_section_and_page():
    cite = render.citation_text(IC_HIT, PLAN_TITLE)
    assert cite == f"“{IC_TEXT}”——《四川省“十三五”战略性新兴产业发展规划》〔三、（一）集成电路产业 · 第7页〕"


# ------------------------------------------------------------------ escaping

@pytest.mark.parametrize("text", [HOSTILE, "a & b < c > d \" ' `", "**粗体** [链接](javascript:alert(1)) # 标题"])
def test_esc_leaves_no_markup(text):
    out = render.esc(text)
    assert "<" not in out and ">" not in out and '"' not in out
    assert html.unescape(out) == text


def test_user_message_is_escaped_and_single_line():
    out = render.render_user(HOSTILE + "\n第二行")
    assert "<script" not in out and "<img" not in out and "<a " not in out
    assert "&lt;script&gt;" in out
    assert "\n" not in out and "<br>" in out
    assert_only_safe_markup(out)
    assert "".join(parse(out).text).startswith("<script>alert(1)</script>")


def test_control_and_bidi_characters_are_dropped():
    out = render.render_user("问题\x00\x1b[31m\u202e反向")
    assert "\x00" not in out and "\x1b" not in out and "\u202e" not in out
    assert "问题" in out and "反向" in out


def test_long_user_message_is_echoed_truncated_with_a_note():
    q = "规" * 100_000
    out = render.render_user(q)
    assert len(out) < 2_000
    assert "共100000字" in out


def test_hostile_plan_text_and_terms_are_escaped_everywhere():
    evil = Hit(text="正文" + HOSTILE + "结束", clause_id="x:1", section_path=(HOSTILE,), pages=(1, 1), score=1.0,
               doc_id="up", title=HOSTILE, matched_terms=("<script>", "onerror", "正文"))
    ans = answer_dict(question=HOSTILE, resolved_query=HOSTILE + "x", lead=HOSTILE, excerpts=[evil],
                      suggestions=[HOSTILE], notes=[HOSTILE])
    out = render.render_answer(ans, {"up": HOSTILE})
    assert "<script" not in out and "<img" not in out and "<a " not in out
    assert_only_safe_markup(out)
    # the hostile text is still shown to the user, as text
    assert HOSTILE in "".join(parse(out).text)


# ------------------------------------------------------------------ answers

def test_answer_shows_lead_first_then_cited_excerpts():
    out = render.render_answer(answer_dict(), {"sc-sei-13": PLAN_TITLE})
    assert "\n" not in out
    assert_only_safe_markup(out)
    text = "".join(parse(out).text)
    lead_at = text.index("亿元")
    assert lead_at < text.index("〔一、（一）发展基础 · 第3页〕") < text.index("〔三、（一）集成电路产业 · 第7页〕")
    tags = parse(out).tags
    details = [a for t, a in tags if t == "details"]
    assert len(details) == 2 and "open" in details[0] and "open" not in details[1]


def test_matched_terms_are_marked_in_the_excerpt():
    out = render.render_excerpt(IC_HIT, PLAN_TITLE)
    assert "<mark>集成电路</mark>产业。" in out
    assert out.count("<mark>芯片</mark>") == IC_TEXT.count("芯片")


def test_highlight_spans_from_the_api_form_win_and_bad_spans_are_dropped():
    text = "新能源汽车产业"
    assert render.highlight(text, spans=[[0, 3], [3, 5]]) == "<mark>新能源</mark><mark>汽车</mark>产业"
    # overlapping, reversed and out-of-range spans are ignored, the text is intact
    out = render.highlight(text, spans=[[0, 3], [2, 4], [5, 4], [6, 99]])
    assert out == "<mark>新能源</mark>汽车产业"


def test_copy_button_carries_the_exact_citation():
    hit = Hit(text='含 "引号" 与 <尖括号> & 符号', clause_id="x:1", section_path=("一、规划背景",), pages=(2, 3),
              score=1.0, doc_id="sc-sei-13")
    out = render.render_excerpt(hit, PLAN_TITLE)
    assert len([t for t, _ in parse(out).tags if t == "button"]) == 1
    # the page script copies the text of the hidden .pq-cite-src next to the button
    src = re.search(r'<span class="pq-cite-src" hidden>(.*?)</span><button type="button" class="pq-copy">', out)
    assert src is not None
    assert html.unescape(src.group(1)) == render.citation_text(hit, PLAN_TITLE)
    assert html.unescape(src.group(1)).endswith("〔一、规划背景 · 第2–3页〕")


def test_resolved_query_shown_only_when_the_question_was_rewritten():
    same = render.render_answer(answer_dict())
    assert "理解为" not in same
    follow = render.render_answer(answer_dict(question="那成都呢？", resolved_query="成都 生物产业 发展重点"))
    assert "理解为：成都 生物产业 发展重点" in follow


def test_abstention_says_so_and_offers_suggestions():
    ans = answer_dict(question="个人所得税起征点是多少？", resolved_query="个人所得税起征点是多少？", abstained=True,
                      kind="abstain", lead="", excerpts=[],
                      suggestions=["十一、保障措施 （二）加大金融财税扶持力度"])
    out = render.render_answer(ans)
    text = "".join(parse(out).text)
    assert "规划中未找到" in text
    assert "十一、保障措施 （二）加大金融财税扶持力度" in text
    assert "<details" not in out


def test_structure_answer_lists_headings_with_pages():
    outline = [{"section_id": "七", "number": "七、", "title": "推进新能源及新能源汽车产业加快发展", "level": 1,
                "pages": [35, 44], "kind": "section"},
               {"section_id": "专栏10", "number": "专栏 10", "title": "新能源汽车产业重点工程", "level": 2,
                "pages": [41, 42], "kind": "box"}]
    out = render.render_answer(answer_dict(kind="structure", lead="", excerpts=[], outline=outline))
    text = "".join(parse(out).text)
    assert "七、推进新能源及新能源汽车产业加快发展 第35–44页" in text
    assert "专栏 10 新能源汽车产业重点工程" in text


def test_answer_object_and_its_dict_render_the_same():
    Answer = pytest.importorskip("assistant.answer").Answer
    obj = Answer(question="什么是静脉产业？", resolved_query="静脉产业", abstained=False,
                 lead=GLOSSARY_HIT.text, excerpts=[GLOSSARY_HIT], kind="answer")
    assert render.render_answer(obj) == render.render_answer(obj.to_dict())
    assert "〔" in render.render_answer(obj) and "第64页" in render.render_answer(obj)


def test_notice_is_escaped():
    out = render.render_notice(HOSTILE, HOSTILE, kind="error")
    assert "<script" not in out
    assert_only_safe_markup(out)


# ------------------------------------------------------------------ several plans, polish

def test_with_several_plans_the_label_names_the_plan_and_the_copy_text_once():
    titles = {"sc-sei-13": PLAN_TITLE}
    out = render.render_answer({"question": "q", "lead": "", "excerpts": [hit_of("sc-sei-13:三.（一）.1")]},
                               titles, several=True)
    text = html.unescape(re.sub(r"<[^>]+>", " ", out))
    assert f"〔《{PLAN_TITLE}》三、（一）集成电路产业 · 第7页〕" in text
    copy = render.citation_text(IC_HIT, PLAN_TITLE)
    assert copy.count(PLAN_TITLE) == 1 and copy.endswith(f"《{PLAN_TITLE}》〔三、（一）集成电路产业 · 第7页〕")
    single = render.render_answer({"question": "q", "lead": "", "excerpts": [IC_HIT]}, titles)
    assert f"〔《{PLAN_TITLE}》" not in html.unescape(single)


def test_suggestions_are_buttons_that_carry_the_question_escaped():
    out = render.render_answer({"question": "q", "abstained": True, "excerpts": [],
                                "suggestions": ["新能源汽车产业发展重点是什么？", "<b>x</b>"]})
    buttons = re.findall(r'<button type="button" class="pq-ask">(.*?)</button>', out)
    assert buttons == ["新能源汽车产业发展重点是什么？", "&lt;b&gt;x&lt;/b&gt;"]


def test_a_map_box_says_it_is_a_map():
    import assistant
    pa = assistant.PlanAssistant(encoder="none")
    ans = pa.ask("专栏2有哪些内容？")
    out = render.render_answer(ans)
    assert render.is_map_only(ans) and "地图" in out
    assert not render.is_map_only(pa.ask("专栏1有哪些内容？"))


def test_structure_answer_shows_the_outline_not_heading_boxes_and_spaced_titles_closed_up():
    answer = {"question": "名词解释有哪些？", "kind": "structure", "lead": "名 词 解 释",
              "outline": [{"number": "", "title": "名 词 解 释", "level": 1, "pages": [60, 64]}],
              "excerpts": [{"text": "名 词 解 释", "kind": "heading", "clause_id": "sc-sei-13:名词解释",
                            "pages": [60, 60], "section_path": ["名 词 解 释"]}]}
    out = render.render_answer(answer)
    assert "名 词 解 释" not in out and "名词解释" in out
    assert "pq-excerpt" not in out


def test_an_excerpt_of_several_lines_keeps_them_apart_without_raw_newlines():
    """A lead and the list it announces are one excerpt of several lines (corpus line breaks)."""
    text = "第二十四条人才安居房源包括下列筹集渠道:\n(一)政府投资新建、购买、租赁;\n(二)商品住房项目中配建。"
    hit = Hit(text=text, clause_id="x:24", section_path=("第二十四条",), pages=(1, 1), score=1.0)
    out = render.render_excerpt(hit, "南京市人才安居办法")
    assert "\n" not in out
    assert_only_safe_markup(out)
    assert "筹集渠道:<br>(一)政府投资新建、购买、租赁;<br>(二)" in out
    # the copied citation keeps the plan's line breaks
    cite = re.search(r'<span class="pq-cite-src" hidden>(.*?)</span>', out).group(1)
    assert html.unescape(cite).startswith("“" + text + "”")


def test_a_chat_answer_shows_its_reply_and_starters_not_a_miss():
    out = render.render_answer(answer_dict(question="你好", resolved_query="", abstained=True, kind="chat", lead="",
                                           excerpts=[], notes=["您好！请直接问规划的内容。"],
                                           suggestions=["这份文件分为哪几个部分？"]))
    assert_only_safe_markup(out)
    assert "您好！请直接问规划的内容。" in out and "这份文件分为哪几个部分？" in out
    assert "未找到" not in out
