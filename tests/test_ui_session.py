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
    lib.close()


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
    assert any(label.startswith("名词解释") for label in labels)      # the plan prints it "名 词 解 释"
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


def test_history_keeps_the_latest_turns(library):
    for i in range(session.MAX_HISTORY + 5):
        library.push_history("s1", f"问题{i}")
    hist = library.history("s1")
    assert len(hist) == session.MAX_HISTORY and hist[-1] == f"问题{session.MAX_HISTORY + 4}"
    assert library.history("s2") == []                                   # sessions do not share history
    library.reset("s1")
    assert library.history("s1") == []


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
    library.push_history("s1", "成都重点发展哪些生物产业？")
    with pytest.raises(Exception) as info:
        library.add_upload("s1", bad)
    message = str(info.value)
    assert reason in message
    assert "\n" not in message and "planqa-ui-" not in message       # no temp paths, one line
    assert library.documents_for("s1") == list(library.shared_docs)
    assert library.session("s1").root is None                         # no temp folder left behind
    assert library.history("s1") == ["成都重点发展哪些生物产业？"]


def test_a_plan_saved_as_a_web_page_can_be_uploaded(library, tmp_path):
    lines = TOWN_PLAN.strip().split("\n")
    page = tmp_path / "county.html"
    page.write_text("<html><head><meta charset='utf-8'></head><body><div class='nav'><a href='/'>首页</a></div>"
                    f"<h1>{lines[0]}</h1><div class='content'>" + "".join(f"<p>{ln}</p>" for ln in lines[1:])
                    + "</div></body></html>", encoding="utf-8")
    doc, added = library.add_upload("s1", page)
    assert added and doc.title == "某县数字乡村发展规划"
    ans = library.assistant_for("s1", [doc.doc_id]).ask("农产品电商服务中心建几个？")
    assert "农产品电商服务中心一个" in ans.lead and "首页" not in doc.text


def test_a_plan_saved_as_a_word_97_doc_can_be_uploaded(library, tmp_path):
    from eval.docwriter import write_doc
    path = tmp_path / "county.doc"
    write_doc(path, [("p", ln) for ln in TOWN_PLAN.strip().split("\n")])
    doc, added = library.add_upload("s1", path)
    assert added and doc.title == "某县数字乡村发展规划"
    ans = library.assistant_for("s1", [doc.doc_id]).ask("农产品电商服务中心建几个？")
    assert "农产品电商服务中心一个" in ans.lead


def test_uploaded_plan_is_searchable_in_its_session_only(library, town):
    doc, added = library.add_upload("s1", town)
    assert added and doc.title == "某县数字乡村发展规划"
    assert [d.doc_id for d in library.documents_for("s1")] == ["sc-sei-13", doc.doc_id]

    only_town = library.assistant_for("s1", [doc.doc_id])
    ans = only_town.ask("农产品电商服务中心建几个？")
    assert "农产品电商服务中心一个" in ans.lead
    assert {h.doc_id for h in ans.excerpts} == {doc.doc_id}

    assert library.assistant_for("s1", ["sc-sei-13"]) is library.shared
    assert library.assistant_for("s2") is library.shared                 # another session
    assert library.documents_for("s2") == list(library.shared_docs)
    with pytest.raises(ValueError, match="至少选择一个规划"):
        library.assistant_for("s1", [])


def test_the_same_file_twice_is_recognised(library, town, tmp_path, plan_path):
    doc, added = library.add_upload("s1", town)
    copy = tmp_path / "again.txt"                                        # same bytes, other name
    copy.write_bytes(town.read_bytes())
    again, added_again = library.add_upload("s1", copy)
    assert added and not added_again and again.doc_id == doc.doc_id
    assert len(library.documents_for("s1")) == 2
    shipped, added_shipped = library.add_upload("s1", plan_path)         # the shipped plan itself
    assert not added_shipped and shipped.doc_id == "sc-sei-13"
    assert len(library.documents_for("s1")) == 2


def test_upload_with_a_taken_doc_id_gets_a_new_one(library, tmp_path):
    clash = tmp_path / "sc-sei-13.txt"
    clash.write_text(TOWN_PLAN, encoding="utf-8")
    doc, _ = library.add_upload("s1", clash)
    assert doc.doc_id == "sc-sei-13-2"
    other = tmp_path / "b" / "sc-sei-13.txt"
    other.parent.mkdir()
    other.write_text(TOWN_PLAN.replace("某县", "某镇"), encoding="utf-8")
    again, _ = library.add_upload("s1", other)
    assert again.doc_id == "sc-sei-13-3"
    assert len(library.documents_for("s1")) == 3


def test_forget_removes_the_sessions_files(library, town):
    library.add_upload("s1", town)
    root = Path(library.session("s1").root)
    assert root.is_dir()
    library.forget("s1")
    assert not root.exists() and town.exists()                        # the user's own file stays
    assert "s1" not in library
    assert library.documents_for("s1") == list(library.shared_docs)


def test_release_removes_only_the_web_servers_copy(library, town, tmp_path):
    cache = tmp_path / "gradio-cache"
    cached = cache / "abc123" / "town-plan.txt"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(town.read_bytes())
    assert library.release_upload(cached, cache)
    assert not cached.exists() and not cached.parent.exists() and cache.is_dir()
    assert not library.release_upload(town, cache)                     # outside the cache: never touched
    assert town.exists()


def test_idle_sessions_expire_with_their_files(shared, town):
    now = [1000.0]
    lib = session.PlanLibrary(shared, ttl_s=60, clock=lambda: now[0], sweep_every_s=0)
    lib.add_upload("idle", town)
    lib.push_history("busy", "成都重点发展哪些生物产业？")
    root = Path(lib.session("idle").root)
    now[0] += 45
    lib.session("busy")                                   # the busy one is used again
    now[0] += 30                                          # idle: 75 s since last use, busy: 30 s
    assert lib.sweep() == ["idle"]
    assert not root.exists() and "idle" not in lib and lib.history("busy")
    lib.close()


def test_the_sweeper_ends_idle_sessions_without_any_request(shared, town):
    import time as _time

    lib = session.PlanLibrary(shared, ttl_s=0.2)
    lib.add_upload("idle", town)
    root = Path(lib.session("idle").root)
    sweeper = lib.start_sweeper(every_s=0.1)
    deadline = _time.monotonic() + 20
    while root.exists() and _time.monotonic() < deadline:
        _time.sleep(0.1)
    assert not root.exists() and "idle" not in lib
    lib.close()
    sweeper.join(timeout=5)
    assert not sweeper.is_alive()


def test_close_ends_every_session(shared, town):
    lib = session.PlanLibrary(shared)
    roots = []
    for key in ("a", "b"):
        lib.add_upload(key, town)
        roots.append(Path(lib.session(key).root))
    lib.close()
    assert len(lib) == 0 and not any(r.exists() for r in roots)


def test_least_recently_used_sessions_lose_uploads_beyond_capacity(shared, town):
    lib = session.PlanLibrary(shared, capacity=2)
    try:
        for key in ("a", "b", "c"):
            lib.add_upload(key, town)
        assert len(lib.documents_for("a")) == 1          # evicted: back to the shipped plan
        assert len(lib.documents_for("c")) == 2
    finally:
        lib.close()


# ------------------------------------------------------------------ several plans

def test_plan_picker_tells_alike_titles_apart(shared, library, town, tmp_path):
    other = tmp_path / "copy-of-town.txt"
    other.write_text(TOWN_PLAN + "三、保障措施\n加强组织领导。\n", encoding="utf-8")
    library.add_upload("s1", town)
    library.add_upload("s1", other)
    labels = [label for label, _ in session.doc_choices(library.documents_for("s1"))]
    assert len(set(labels)) == 3
    assert labels[1] == "《某县数字乡村发展规划》（town-plan.txt）"


def test_a_structure_question_names_its_plan(library, town):
    doc, _ = library.add_upload("s1", town)
    docs = library.documents_for("s1")
    assert session.named_document("某县规划有哪几部分？", docs) is doc
    assert session.named_document("四川省规划有哪几部分？", docs).doc_id == "sc-sei-13"
    assert session.named_document("规划有哪几部分？", docs) is None


def test_dense_upload_embeddings_stay_out_of_the_shared_cache(tmp_path, town):
    """A session-tagged encoder caches an uploaded plan's vectors in its own folder,
    removed with the session (a tiny fake encoder: no model needed). The upload's
    sentences and words are encoded after it is indexed, in the background, into the same folder."""
    import numpy as np

    from assistant import sentences
    from index.embcache import EmbeddingCache
    from index.encoders import planqa_home

    class Fake:
        name, dim = "fake-encoder", 8
        encoded = 0

        def encode(self, texts):
            Fake.encoded += len(texts)
            rows = [np.frombuffer(__import__("hashlib").sha256(t.encode()).digest()[:32], np.uint8)[:8]
                    .astype(np.float32) + 1 for t in texts]
            return np.stack([r / np.linalg.norm(r) for r in rows])

    base = PlanAssistant(encoder=Fake(), index_dir=tmp_path / "shared-idx", mode="hybrid")
    base.retriever                                       # the shipped plan's vectors: in the shared cache
    lib = session.PlanLibrary(base)
    Fake.encoded = 0
    with sentences._ONE_AT_A_TIME:                         # the sentence prefetch waits its turn
        doc, _ = lib.add_upload("s1", town)
        assert Fake.encoded == len(doc.clauses)            # only the upload is indexed, the rest read back
    lib.assistant_for("s1").prefetch_sentences().join()    # the thread add_upload started
    every = {t for d in lib.documents_for("s1") for c in d.clauses for t in sentences.clause_texts(c)}
    assert len(doc.clauses) < Fake.encoded <= len(doc.clauses) + len(every)
    (name, dim), = lib.session("s1").encoders
    folder = EmbeddingCache(planqa_home() / "embeddings", name, dim).dir
    shared_folder = EmbeddingCache(planqa_home() / "embeddings", "fake-encoder", 8).dir
    assert folder.is_dir() and folder != shared_folder
    lib.forget("s1")
    assert not folder.exists() and shared_folder.is_dir()


def test_ending_a_session_with_uploads_hands_its_memory_back(shared, town, monkeypatch):
    calls = []
    monkeypatch.setattr(session, "release_memory", lambda: calls.append("released"))
    lib = session.PlanLibrary(shared)
    lib.session("reader")
    lib.forget("reader")
    assert calls == []                                    # nothing was indexed for it
    lib.add_upload("s1", town)
    assert calls == []
    lib.forget("s1")
    assert calls == ["released"]


def test_release_memory_collects_then_trims_the_c_heap(monkeypatch):
    import gc
    order = []
    monkeypatch.setattr(gc, "collect", lambda: order.append("collect") or 0)
    monkeypatch.setattr(session, "_malloc_trim", lambda: lambda pad: order.append(f"trim {pad}") or 1)
    session.release_memory()
    assert order == ["collect", "trim 0"]
    monkeypatch.setattr(session, "_malloc_trim", lambda: None)          # no malloc_trim (macOS, musl)
    session.release_memory()
    assert order == ["collect", "trim 0", "collect"]
