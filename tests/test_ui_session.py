"""ui.session: the outline panel, section views and per-session uploads (BM25, no browser)."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant import PlanAssistant
from ui import session

from tests.sample_plans import TOWN_PLAN


@pytest.fixture(scope="module")
def shared():
    return PlanAssistant(encoder="none")


@pytest.fixture()
def library(shared):
    lib = session.PlanLibrary(shared)
    yield lib
    for key in list(lib._uploads):
        lib.forget({"key": key})


@pytest.fixture()
def town(tmp_path) -> Path:
    p = tmp_path / "town-plan.txt"
    p.write_text(TOWN_PLAN, encoding="utf-8")
    return p


# ------------------------------------------------------------------ outline

def test_outline_lists_every_part_box_and_the_glossary_with_pages(shared):
    items = session.outline_items(shared.documents)
    labels = [it.label for it in items]
    tops = [it for it in items if it.level == 1]
    assert [t.label.split("、")[0] for t in tops if "、" in t.label] == \
        ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    assert sum(1 for it in items if it.label.lstrip("\u3000").startswith("专栏")) == 16
    assert any(label.startswith("名词解释") for label in labels)
    assert "三、推动新一代信息技术产业跨越发展 · 第7–15页" in labels
    assert "\u3000（一）做大做强集成电路和新型显示产业 · 第7–8页" in labels


def test_outline_questions_are_the_forms_the_assistant_answers_from_the_tree(shared):
    items = {it.label.split(" · ")[0].strip("\u3000"): it for it in session.outline_items(shared.documents)}
    assert items["七、推进新能源及新能源汽车产业加快发展"].question == "第七部分讲了什么？"
    assert items["专栏 10 新能源汽车产业重点工程"].question == "专栏10有哪些内容？"
    assert items["名词解释"].question == "名词解释有哪些？"
    for label in ("七、推进新能源及新能源汽车产业加快发展", "专栏 10 新能源汽车产业重点工程", "名词解释"):
        it = items[label]
        assert it.ask
        ans = shared.ask(it.question)
        assert ans.kind == "structure", (label, ans.kind)
    # second-level headings repeat across parts ("优化产业空间布局"), so they are shown, not searched
    assert not items["（一）做大做强集成电路和新型显示产业"].ask


def test_section_view_shows_that_sections_clauses_verbatim(shared):
    doc, sec = session.find_section(shared.documents, "sc-sei-13", "四.（五）")
    assert sec is not None and sec.title == "优化产业空间布局"
    view = session.section_view(doc, sec, k=2)
    assert view["kind"] == "structure" and view["lead"].startswith("四、（五）优化产业空间布局")
    assert len(view["excerpts"]) == 2
    for ex in view["excerpts"]:
        assert ex["text"] in doc.text
        assert ex["clause_id"].startswith("sc-sei-13:四.（五）")
        assert ex["citation"].startswith("〔四、（五）")
    assert [c["title"] for c in view["outline"]] == ["核心发展区", "重点拓展区"]
    total = len(session.section_clauses(doc, sec))
    assert total > 2 and f"另有 {total - 2} 条" in view["notes"][0]


def test_history_keeps_the_latest_turns():
    st = session.new_state()
    for i in range(session.MAX_HISTORY + 5):
        st = session.push_history(st, f"问题{i}")
    assert len(st["history"]) == session.MAX_HISTORY
    assert st["history"][-1] == f"问题{session.MAX_HISTORY + 4}"


# ------------------------------------------------------------------ uploads

@pytest.mark.parametrize("name,content,reason", [
    ("notes.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ("empty.txt", b"", "文件为空"),
    ("broken.docx", b"this is not a zip archive", "broken.docx"),
    ("broken.pdf", b"%PDF-1.4 truncated", "broken.pdf"),
])
def test_bad_upload_names_the_file_and_leaves_the_session_alone(library, tmp_path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    state = session.new_state()
    with pytest.raises(Exception) as info:
        library.add_upload(state, bad)
    message = str(info.value)
    assert reason in message
    assert "\n" not in message and "planqa-ui-" not in message       # no temp paths, one line
    assert library.documents_for(state) == list(library.shared_docs)
    assert library._uploads == {}


def test_uploaded_plan_is_searchable_in_its_session_only(library, town):
    state, doc = library.add_upload(session.new_state(), town)
    assert doc.title == "某县数字乡村发展规划"
    assert [d.doc_id for d in library.documents_for(state)] == ["sc-sei-13", doc.doc_id]

    only_town = library.assistant_for(state, [doc.doc_id])
    ans = only_town.ask("农产品电商服务中心建几个？")
    assert "农产品电商服务中心一个" in ans.lead
    assert {h.doc_id for h in ans.excerpts} == {doc.doc_id}

    assert library.assistant_for(state, ["sc-sei-13"]) is library.shared
    assert library.assistant_for(session.new_state()) is library.shared        # another session
    assert library.documents_for(session.new_state()) == list(library.shared_docs)
    with pytest.raises(ValueError, match="至少选择一个规划"):
        library.assistant_for(state, [])


def test_upload_with_a_taken_doc_id_gets_a_new_one(library, tmp_path):
    clash = tmp_path / "sc-sei-13.txt"
    clash.write_text(TOWN_PLAN, encoding="utf-8")
    state, doc = library.add_upload(session.new_state(), clash)
    assert doc.doc_id == "sc-sei-13-2"
    state, again = library.add_upload(state, clash)
    assert again.doc_id == "sc-sei-13-3"
    assert len(library.documents_for(state)) == 3


def test_forget_removes_the_sessions_files(library, town):
    state, _ = library.add_upload(session.new_state(), town)
    root = Path(library._uploads[state["key"]][1])
    assert root.is_dir()
    library.forget(state)
    assert not root.exists()
    assert library.documents_for(state) == list(library.shared_docs)


def test_least_recently_used_sessions_are_dropped_beyond_capacity(shared, town):
    lib = session.PlanLibrary(shared, capacity=2)
    states = [lib.add_upload(session.new_state(), town)[0] for _ in range(3)]
    try:
        assert len(lib.documents_for(states[0])) == 1          # evicted: back to the shipped plan
        assert len(lib.documents_for(states[2])) == 2
    finally:
        for st in states:
            lib.forget(st)
