"""The library of plans: metadata, sidecars, filters, routing, incremental builds, CLI
(on the shipped plan and the sample county plan)."""
from __future__ import annotations

import json
import shutil

import pytest

from assistant.errors import PlanQAError
from assistant.library import Library, load_folder, route, scan, select
from index.retriever import dense_windows
from corpus.meta import MetaError, kind_of, level_region, notice_title, period_of, plan_meta, read_sidecar
from tests.conftest import PLAN_TXT
from tests.sample_plans import TOWN_PLAN
from tests.test_index_units import CountingEncoder

NATIONAL_PLAN = (
    "国务院关于印发“十四五”乡村数字化发展规划的通知\n"
    "国发〔2022〕7号\n"
    "现将《“十四五”乡村数字化发展规划》印发给你们，请认真贯彻执行。\n"
    "国务院\n"
    "2022年3月1日\n"
    "一、发展目标\n"
    "（一）总体目标。\n"
    "到2025年，全国行政村通光纤和4G比例超过百分之九十八，农村电商网络零售额显著增长。\n"
    "二、重点任务\n"
    "（一）数字化农机。\n"
    "推进农机装备数字化改造，建设全国农机作业指挥调度平台。\n"
)


@pytest.fixture()
def home(tmp_path, monkeypatch):
    h = tmp_path / "home"
    monkeypatch.setenv("PLANQA_HOME", str(h))
    return h


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "plans"
    (d / "county").mkdir(parents=True)
    shutil.copy(PLAN_TXT, d / PLAN_TXT.name)
    shutil.copy(PLAN_TXT.with_suffix(".json"), d / PLAN_TXT.with_suffix(".json").name)
    (d / "county" / "town.txt").write_text(TOWN_PLAN, encoding="utf-8")
    (d / ".hidden").mkdir()
    (d / ".hidden" / "draft.txt").write_text(TOWN_PLAN, encoding="utf-8")
    (d / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return d


# ---- metadata ------------------------------------------------------------------

def test_metadata_of_the_shipped_plan_and_a_county_plan(folder):
    docs = {d.doc_id: d for d in load_folder(folder)}
    sc, town = plan_meta(docs["sc-sei-13"]), plan_meta(docs["town"])
    assert (sc.title, sc.level, sc.region, sc.period, sc.years, sc.kind, sc.issuer) == (
        "四川省“十三五”战略性新兴产业发展规划", "省", "四川", "十三五", (2016, 2020), "规划", "四川省人民政府")
    assert sc.n_clauses == len(docs["sc-sei-13"].clauses) > 100
    assert (town.level, town.region, town.kind, town.period) == ("县", "某县", "规划", "")


@pytest.mark.parametrize("title,level,region,period,kind", [
    ("“十四五”可再生能源发展规划", "国家", "全国", "十四五", "规划"),
    ("成都市氢能产业发展规划（2019—2023年）", "市", "成都", "2019—2023", "规划"),
    ("上海市交通领域精细化管理三年行动计划(2024-2026年)", "省", "上海", "2024—2026", "行动计划"),
    ("崇明区水务“十四五”规划", "县", "崇明", "十四五", "规划"),
    ("内蒙古自治区新能源倍增行动实施方案", "省", "内蒙古", "", "实施方案"),
    ("智慧城市建设行动计划", "国家", "全国", "", "行动计划"),
])
def test_level_region_period_kind_from_titles(title, level, region, period, kind):
    assert level_region(title) == (level, region)
    assert period_of(title)[0] == period
    assert kind_of(title) == kind


def test_district_plans_belong_to_their_city(tmp_path):
    from corpus import load_document
    (tmp_path / "cm.txt").write_text("上海市崇明区水务“十四五”规划\n一、发展目标\n到2025年，骨干河道整治率达到百分之四十。\n",
                                     encoding="utf-8")
    (tmp_path / "hp.txt").write_text("黄浦区历史风貌保护规划\n一、总体要求\n保护历史风貌。\n上海市黄浦区人民政府办公室\n",
                                     encoding="utf-8")
    cm, hp = plan_meta(load_document(tmp_path / "cm.txt")), plan_meta(load_document(tmp_path / "hp.txt"))
    assert (cm.level, cm.region, cm.parent, cm.period) == ("县", "崇明", "上海", "十四五")
    assert (hp.level, hp.region, hp.parent) == ("县", "黄浦", "上海")
    assert select([cm, hp], region="上海") == ("cm", "hp")
    assert select([cm, hp], region="崇明区") == ("cm",)
    assert route("崇明区的规划里河道整治率是多少？", [cm, hp]).doc_ids == ("cm",)
    assert route("黄浦江沿岸的河道怎么整治？", [cm, hp]).doc_ids == ()          # a river, not the district


def test_notice_titles_name_the_plan_inside():
    assert notice_title("国务院关于印发“十四五”数字经济发展规划的通知") == ("国务院", "“十四五”数字经济发展规划")
    assert notice_title("国务院关于印发", "现将《“十四五”数字经济发展规划》印发给你们") == \
        ("国务院", "“十四五”数字经济发展规划")
    assert notice_title("四川省“十三五”战略性新兴产业发展规划") == ("", "四川省“十三五”战略性新兴产业发展规划")


def test_sidecar_overrides_and_bad_sidecars(folder):
    town = folder / "county" / "town.txt"
    (folder / "county" / "town.meta.json").write_text(
        json.dumps({"level": "市", "region": "成都", "period": "十四五", "doc_number": "成府发〔2021〕3号"},
                   ensure_ascii=False), encoding="utf-8")
    doc = [d for d in load_folder(folder) if d.doc_id == "town"][0]
    m = plan_meta(doc)
    assert (m.level, m.region, m.period, m.years, m.doc_number) == ("市", "成都", "十四五", (2021, 2025),
                                                                    "成府发〔2021〕3号")
    assert set(m.overridden) == {"level", "region", "period", "doc_number"}
    (folder / "county" / "town.meta.json").write_text('{"level": "乡"}', encoding="utf-8")
    with pytest.raises(MetaError, match="town.meta.json"):
        read_sidecar(town)
    (folder / "county" / "town.meta.json").write_text('{"colour": "red"}', encoding="utf-8")
    with pytest.raises(MetaError, match="unknown field"):
        read_sidecar(town)


# ---- folder, filters, routing ---------------------------------------------------

def test_scan_is_recursive_and_skips_hidden_and_other_files(folder):
    names = [p.name for p in scan(folder)]
    assert names == ["town.txt", PLAN_TXT.name]
    (folder.parent / "empty").mkdir()
    with pytest.raises(PlanQAError, match="no .txt"):
        load_folder(folder.parent / "empty")
    with pytest.raises(PlanQAError, match="not a folder"):
        load_folder(folder.parent / "missing")


def test_a_file_that_cannot_be_read_is_left_out_and_named(folder, home, tmp_path, capsys):
    # one binary "PDF" and one empty file in a folder of good plans: the library is built without them
    (folder / "county" / "scan.pdf").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "gbk.txt").write_bytes(TOWN_PLAN.replace("某县", "某镇").encode("gbk"))
    with pytest.raises(PlanQAError, match="scan.pdf"):
        load_folder(folder)
    skipped = []
    docs = load_folder(folder, skipped)
    assert sorted(d.doc_id for d in docs) == ["gbk", "sc-sei-13", "town"]
    assert len(skipped) == 2 and "scan.pdf: " in skipped[0] and "empty.txt: file is empty" in skipped[1]
    rc, out, err = run_cli(capsys, "build", folder, "--encoder", "none", "--index", tmp_path / "idx")
    assert rc == 0 and "文档 documents: 3 (2 files skipped" in out
    assert [line for line in err.splitlines() if "skipped" in line] == [f"planqa: 跳过 skipped: {r}" for r in skipped]
    rc, out, err = run_cli(capsys, "ask", "行政村5G覆盖率达到多少？", "--plans", "gbk")
    assert rc == 0 and "某镇" in out and "2 files of the library skipped" in err
    # a folder of nothing readable is one clear error
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.txt").write_bytes(b"")
    (bad / "b.docx").write_bytes(b"not a zip")
    rc, out, err = run_cli(capsys, "build", bad, "--encoder", "none", "--index", tmp_path / "idx2")
    assert rc == 1 and err.count("\n") == 1 and "none of its 2 plan files can be read" in err


def test_a_library_whose_folder_is_gone_is_not_answered_from_the_shipped_plan(folder, home, tmp_path, capsys):
    rc, _, err = run_cli(capsys, "build", folder, "--encoder", "none", "--index", tmp_path / "idx")
    assert rc == 0, err
    moved = folder.rename(tmp_path / "moved")
    for args in (["ask", "2015年战略性新兴产业总产值是多少？"], ["plans"]):
        rc, out, err = run_cli(capsys, *args)
        assert rc == 1 and out == "" and err.count("\n") == 1
        assert "the library built last is gone" in err and str(home / "library.json") in err
    rc, out, _ = run_cli(capsys, "ask", "行政村5G覆盖率达到多少？", "--plan", moved / "county" / "town.txt",
                         "--encoder", "none")
    assert rc == 0 and "百分之九十" in out                  # a plan named on the command line needs no library
    rc, _, err = run_cli(capsys, "build", moved, "--encoder", "none", "--index", tmp_path / "idx")
    assert rc == 0, err
    rc, out, _ = run_cli(capsys, "plans")
    assert rc == 0 and out.startswith("town\t")


def test_filters_select_plans_and_refuse_nonsense(folder):
    metas = {d.doc_id: plan_meta(d) for d in load_folder(folder)}
    assert select(metas, level="县") == ("town",)
    assert select(metas, region="四川省") == ("sc-sei-13",)
    assert select(metas, period="十三五") == ("sc-sei-13",)
    assert select(metas, period="2018") == ("sc-sei-13",)
    assert select(metas, kind="规划") == ("town", "sc-sei-13")
    with pytest.raises(PlanQAError, match="no plan matches"):
        select(metas, level="国家")
    with pytest.raises(PlanQAError, match="unknown plan"):
        select(metas, plans=["nope"])
    with pytest.raises(PlanQAError, match="unknown level"):
        select(metas, level="乡")


def test_questions_naming_a_plan_or_region_are_routed(folder, tmp_path):
    (folder / "national.txt").write_text(NATIONAL_PLAN, encoding="utf-8")
    metas = {d.doc_id: plan_meta(d) for d in load_folder(folder)}
    assert metas["national"].level == "国家" and metas["national"].doc_number == "国发〔2022〕7号"
    r = route("四川的规划里成都发展什么产业？", metas)
    assert r.doc_ids == ("sc-sei-13",) and r.question == "成都发展什么产业？"
    r = route("国家规划怎么说行政村通光纤？", metas)
    assert r.doc_ids == ("national",) and "国家规划" not in r.question
    r = route("《某县数字乡村发展规划》里智慧农业怎么做？", metas)
    assert r.doc_ids == ("town",)
    r = route("国家规划怎么说？", metas)
    assert r.doc_ids == ("national",) and r.question == ""              # nothing left to ask by itself
    assert route("智慧农业怎么做？", metas).doc_ids == ()
    assert route("智慧县规划里怎么说智慧农业？", metas).doc_ids == ()          # 县规划 inside a name
    assert route("县级规划里怎么说智慧农业？", metas).doc_ids == ("town",)
    assert route("规划里怎么说的？", metas).doc_ids == ()


def test_ask_routes_and_filters(folder, home):
    (folder / "national.txt").write_text(NATIONAL_PLAN, encoding="utf-8")
    lib = Library.open(folder, encoder="none")
    ans = lib.assistant.ask("国家规划里农机作业指挥调度平台怎么建？")
    assert not ans.abstained and {h.doc_id for h in ans.excerpts} == {"national"}
    assert ans.question == "国家规划里农机作业指挥调度平台怎么建？"
    assert any("只在" in n for n in ans.notes)
    ans = lib.ask("行政村5G覆盖率达到多少？", level="县")
    assert not ans.abstained and {h.doc_id for h in ans.excerpts} == {"town"}
    assert "百分之九十" in ans.excerpts[0].text
    # a turn that only names plans asks the previous question of them; earlier turns lose their routing phrase
    ans = lib.assistant.ask("某县的规划里呢？", history=["四川的规划里智慧农业怎么做？"])
    assert not ans.abstained and {h.doc_id for h in ans.excerpts} == {"town"}
    assert "智慧农业" in ans.resolved_query and "四川" not in ans.resolved_query
    assert "智慧农业示范基地" in ans.excerpts[0].text
    only = lib.assistant.ask("2015年战略性新兴产业总产值是多少？", plans=["sc-sei-13"])
    assert {h.doc_id for h in only.excerpts} == {"sc-sei-13"} and "5671.5" in only.lead
    with pytest.raises(PlanQAError, match="unknown plan"):
        lib.assistant.ask("总产值", plans=["nope"])


# ---- incremental builds -----------------------------------------------------------

def test_adding_or_removing_a_plan_encodes_only_the_new_one(folder, home, tmp_path):
    (folder / "county" / "town.txt").unlink()
    enc = CountingEncoder()
    lib = Library.open(folder, encoder=enc, index_dir=tmp_path / "idx")
    info = lib.build()
    n_sc = len({w for c in lib.assistant.documents[0].clauses for w in dense_windows(c)})   # distinct, encoded once
    assert info["action"] == "built" and info["embedding_cache_misses"] == n_sc
    (folder / "county" / "town.txt").write_text(TOWN_PLAN, encoding="utf-8")
    enc.seen.clear()
    lib = Library.open(folder, encoder=enc, index_dir=tmp_path / "idx")
    info = lib.build()
    town = [d for d in lib.assistant.documents if d.doc_id == "town"][0]
    assert info["action"] == "rebuilt"
    assert info["embedding_cache_misses"] == len(town.clauses)
    sc = [d for d in lib.assistant.documents if d.doc_id == "sc-sei-13"][0]
    assert info["embedding_cache_hits"] == sum(len(dense_windows(c)) for c in sc.clauses)   # all Sichuan, cached
    assert len(enc.seen) == len(town.clauses)
    assert all(any(t.endswith(c.text) for c in town.clauses) for t in enc.seen)
    (folder / "county" / "town.txt").unlink()
    enc.seen.clear()
    info = Library.open(folder, encoder=enc, index_dir=tmp_path / "idx").build()
    assert info["action"] == "rebuilt" and enc.seen == [] and info["embedding_cache_misses"] == 0


# ---- command line --------------------------------------------------------------

def run_cli(capsys, *args):
    from assistant.cli import main
    rc = main([str(a) for a in args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_build_plans_ask_compare(folder, home, tmp_path, capsys):
    rc, out, err = run_cli(capsys, "build", folder, "--encoder", "none")
    assert rc == 0, err
    assert "文档 documents: 2" in out and "peak memory" in out and "《某县数字乡村发展规划》" in out
    rc, out, _ = run_cli(capsys, "plans", "--json")            # the library just built is remembered
    assert rc == 0
    plans = json.loads(out)
    assert [p["doc_id"] for p in plans] == ["town", "sc-sei-13"] and plans[1]["region"] == "四川"
    rc, out, _ = run_cli(capsys, "plans", "--level", "县")
    assert rc == 0 and out.startswith("town\t《某县数字乡村发展规划》")
    rc, out, _ = run_cli(capsys, "ask", "2015年战略性新兴产业总产值是多少？", "--region", "四川")
    assert rc == 0 and "5671.5" in out and "〔《四川省“十三五”战略性新兴产业发展规划》一、（一）发展基础" in out
    md, docx_path = tmp_path / "c.md", tmp_path / "c.docx"
    rc, out, _ = run_cli(capsys, "compare", "行政村5G覆盖率达到多少？", "--plans", "town,sc-sei-13",
                         "--markdown", md, "--docx", docx_path, "--k", "2")
    assert rc == 0 and "〔《某县数字乡村发展规划》一、（一）总体目标 · 第1页〕" in out
    assert "〔《某县数字乡村发展规划》一、（一）总体目标 · 第1页〕" in md.read_text(encoding="utf-8")
    assert docx_path.stat().st_size > 1000
    rc, out, _ = run_cli(capsys, "compare", "行政村5G覆盖率达到多少？", "--json", "--level", "县")
    assert rc == 0 and [p["doc_id"] for p in json.loads(out)["plans"]] == ["town"]


def test_cli_errors_are_one_line(folder, home, capsys):
    for args in (["plans", "--library", folder / "missing"], ["compare", "总产值", "--library", folder,
                                                                "--encoder", "none", "--plans", "nope"],
                 ["compare", " ", "--library", folder], ["plans", "--library", folder, "--level", "乡"]):
        rc, out, err = run_cli(capsys, *args)
        assert rc == 1 and err.count("\n") == 1 and err.startswith("planqa: error:"), (args, err)
