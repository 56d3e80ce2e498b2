"""The eval runner with a fake assistant: aggregation, per-kind breakdown, CLI errors, reports.

The fake returns fixed excerpts, so every expected figure below is computed
by hand from the fixture; this tests the runner's arithmetic, not the assistant.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from eval import runner
from eval.qset import QuestionFileError, load_questions, parse_questions
from eval.scoring import score_answer, summarize
from index.hit import Hit

QUESTIONS = [
    {"id": "a1", "kind": "fact", "question": "总产值？", "answers": ["总产值5671.5亿元"]},
    {"id": "a2", "kind": "fact", "question": "比重？", "answers": ["比重为13.9%"]},
    {"id": "a3", "kind": "glossary", "question": "静脉产业？", "answers": ["垃圾回收和再资源化利用"]},
    {"id": "a4", "kind": "followup", "question": "那德阳呢？", "answers": ["德阳重点"], "history": ["成都呢？"]},
    {"id": "a5", "kind": "structure", "question": "专栏10有哪些工程？", "answers": ["新能源汽车推广应用工程"]},
    {"id": "o1", "kind": "oos", "question": "天气？", "answers": []},
    {"id": "o2", "kind": "oos", "question": "房价？", "answers": []},
]


def hit(text: str, n: int = 0) -> Hit:
    return Hit(text=text, clause_id=f"sc-sei-13:一.{n}", section_path=("一、规划背景",), pages=(2, 3), score=1.0)


@dataclass
class FakeAnswer:
    abstained: bool
    excerpts: list
    kind: str = "answer"
    outline: list = field(default_factory=list)
    resolved_query: str = ""


@dataclass
class FakeEntry:
    label: str


def fake_answer(question, history, mode):
    """bm25: a1 at rank 1, a2 at rank 3, a3 missed, a4 hit only with history,
    a5 via the outline, o1 abstained, o2 answered (wrong). dense: a1 abstained
    (a false abstention), everything else like bm25."""
    if question == "总产值？":
        if mode == "dense":
            return FakeAnswer(True, [])
        return FakeAnswer(False, [hit("实现总产值 5671.5 亿元，为 2010 年的 2.5 倍", 1), hit("别的", 2)])
    if question == "比重？":
        return FakeAnswer(False, [hit("甲", 1), hit("乙", 2), hit("占全省规模以上工业总产值的比重为 13.9%", 3)])
    if question == "静脉产业？":
        return FakeAnswer(False, [hit("静脉产业园区", 1)])
    if question == "那德阳呢？":
        ok = history == ["成都呢？"]
        return FakeAnswer(False, [hit("德阳重点发展有色金属" if ok else "无关", 1)])
    if question == "专栏10有哪些工程？":
        return FakeAnswer(False, [hit("无关", 1)], kind="structure",
                          outline=[FakeEntry("新能源汽车研发创新工程"), FakeEntry("新能源汽车推广应用工程")])
    if question == "天气？":
        return FakeAnswer(True, [hit("被丢弃", 1)])
    if question == "房价？":
        return FakeAnswer(False, [hit("某段", 1)])
    if question == "规划期":
        return FakeAnswer(False, [hit("规划期为2016年至2020年", 1)])
    raise AssertionError(question)


class FakeAssistant:
    def __init__(self, unavailable=()):
        self.calls = []
        self.unavailable = set(unavailable)

    def ask(self, question, history=None, k=5, mode=None):
        self.calls.append((question, history, k, mode))
        if mode in self.unavailable:
            raise RuntimeError(f"{mode} needs an encoder")
        return fake_answer(question, history, mode)


@pytest.fixture
def qfile(tmp_path):
    p = tmp_path / "dev.jsonl"
    p.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS) + "\n", encoding="utf-8")
    return p


def run_json(argv, capsys, assistant=None):
    fa = assistant or FakeAssistant()
    rc = runner.main(argv + ["--json"], assistant_factory=lambda: fa)
    out = capsys.readouterr()
    assert rc == 0, out.err
    return json.loads(out.out), fa


def test_bm25_figures_by_hand(qfile, capsys):
    data, fa = run_json([str(qfile), "--mode", "bm25"], capsys)
    s = data["modes"]["bm25"]["summary"]
    # in scope a1..a5: first-hit ranks 1, 3, none, 1, 1 (outline at rank 1)
    assert s["n"] == 7 and s["n_in_scope"] == 5 and s["n_out_of_scope"] == 2
    assert s["hit_at"]["1"] == pytest.approx(3 / 5)
    assert s["hit_at"]["3"] == pytest.approx(4 / 5)
    assert s["hit_at"]["5"] == pytest.approx(4 / 5)
    assert s["mrr"] == pytest.approx((1 + 1 / 3 + 0 + 1 + 1) / 5)
    assert s["ndcg10"] == pytest.approx((1 + 0.5 + 0 + 1 + 1) / 5)
    assert s["abstention"]["precision"] == 1.0
    assert s["abstention"]["recall"] == 0.5
    assert s["abstention"]["false_abstention"] == 0.0
    assert s["per_kind"]["fact"]["hit_at"]["1"] == 0.5
    assert s["per_kind"]["oos"]["abstention"]["recall"] == 0.5
    assert data["modes"]["bm25"]["failures"] == ["a3", "o2"]
    # history is passed on, k and mode too
    assert ("那德阳呢？", ["成都呢？"], 5, "bm25") in fa.calls
    # excerpt lengths: abstained o1 shows nothing, so its discarded excerpt is not counted
    q1 = data["modes"]["bm25"]["questions"][0]
    assert q1["excerpt_chars"] == [len("实现总产值 5671.5 亿元，为 2010 年的 2.5 倍"), 2]
    assert q1["first_hit_rank"] == 1 and q1["correct"] is True


def test_all_modes_side_by_side_with_one_assistant(qfile, capsys):
    data, fa = run_json([str(qfile), "--mode", "all", "--k", "3"], capsys)
    assert list(data["modes"]) == ["bm25", "dense", "hybrid"]
    dense = data["modes"]["dense"]["summary"]
    assert dense["hit_at"]["1"] == pytest.approx(2 / 5)
    assert dense["abstention"]["false_abstention"] == pytest.approx(1 / 5)
    assert dense["abstention"]["precision"] == pytest.approx(1 / 2)
    assert {c[2] for c in fa.calls} == {3} | {1}  # k=3 for questions, k=1 for the mode probe


def test_unavailable_mode_is_skipped_in_all_and_an_error_alone(qfile, capsys):
    data, _ = run_json([str(qfile), "--mode", "all"], capsys, FakeAssistant(unavailable={"dense"}))
    assert list(data["modes"]) == ["bm25", "hybrid"]
    rc = runner.main([str(qfile), "--mode", "dense"], assistant_factory=lambda: FakeAssistant({"dense"}))
    err = capsys.readouterr().err
    assert rc == 2 and "mode 'dense' is unavailable" in err and err.count("\n") == 1


def test_assistant_without_encoder_has_only_bm25(qfile, capsys):
    class NoEncoder(FakeAssistant):
        encoder_name = "none"

    data, _ = run_json([str(qfile), "--mode", "all"], capsys, NoEncoder())
    assert list(data["modes"]) == ["bm25"]
    rc = runner.main([str(qfile), "--mode", "hybrid"], assistant_factory=NoEncoder)
    err = capsys.readouterr().err
    assert rc == 2 and "mode 'hybrid' is unavailable" in err


def test_ask_exception_is_recorded_as_a_failure(qfile, capsys):
    class Flaky(FakeAssistant):
        def ask(self, question, history=None, k=5, mode=None):
            if question == "总产值？":
                raise RuntimeError("boom")
            return super().ask(question, history, k, mode)

    data, _ = run_json([str(qfile), "--mode", "bm25"], capsys, Flaky())
    s = data["modes"]["bm25"]["summary"]
    assert s["errors"] == 1 and s["hit_at"]["1"] == pytest.approx(2 / 5)
    assert "a1" in data["modes"]["bm25"]["failures"]
    assert data["modes"]["bm25"]["questions"][0]["error"] == "RuntimeError: boom"


def test_text_output_lists_failures_with_what_was_shown(qfile, capsys):
    rc = runner.main([str(qfile), "--mode", "bm25", "--quiet"], assistant_factory=FakeAssistant)
    out = capsys.readouterr().out
    assert rc == 0
    assert "a3 [glossary] 静脉产业？" in out
    assert "静脉产业园区" in out               # what was shown instead
    assert "expected: abstain" in out           # o2
    assert "hit@1" in out and "0.600" in out


def test_report_writes_markdown_json_and_png(qfile, tmp_path, capsys):
    out_dir = tmp_path / "rep"
    rc = runner.main([str(qfile), "--mode", "all", "--report", str(out_dir), "--quiet"],
                     assistant_factory=FakeAssistant)
    capsys.readouterr()
    assert rc == 0
    md = (out_dir / "report.md").read_text(encoding="utf-8")
    assert "| hit@1 | 0.600 | 0.400 | 0.600 |" in md
    assert "![hit@k per mode and per kind](hit_at_k.png)" in md
    assert "Failures: dense" in md
    png = (out_dir / "hit_at_k.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000
    assert json.loads((out_dir / "results.json").read_text(encoding="utf-8"))["k"] == 5


@pytest.mark.parametrize("content, message", [
    ('{"id": "a", "kind": "fact", "question": "q", "answers": ["x"]}\n{"id": "b", "kind": "fact", "answers": []}\n',
     "dev.jsonl:2: missing field 'question'"),
    ('{"id": "a", "kind": "fact", "question": "q", "answers": ["x"]}\n{not json\n', "dev.jsonl:2: invalid JSON"),
    ('{"id": "a", "kind": "fact", "question": "q", "answers": "x"}\n', "dev.jsonl:1: field 'answers' must be a list"),
    ('{"id": "a", "kind": "fact", "question": "q", "answers": [], "history": "h"}\n',
     "dev.jsonl:1: field 'history' must be a list"),
    ('{"id": "a", "kind": "fact", "question": "q", "answers": []}\n\n{"id": "a", "kind": "oos", "question": "r", "answers": []}\n',
     "dev.jsonl:3: duplicate id 'a' (first on line 1)"),
    ('["a"]\n', "dev.jsonl:1: expected a JSON object"),
    ("\n\n", "dev.jsonl: no questions in the file"),
])
def test_bad_files_name_the_line(tmp_path, capsys, content, message):
    p = tmp_path / "dev.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(QuestionFileError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        load_questions(p)
    rc = runner.main([str(p)], assistant_factory=lambda: pytest.fail("must not build the assistant"))
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("planqa eval: " + message) and err.count("\n") == 1


def test_cli_usage_errors_are_one_line(qfile, tmp_path, capsys):
    never = lambda: pytest.fail("must not build the assistant")  # noqa: E731
    cases = [
        ([str(qfile), "--mode", "bm26"], "unknown mode 'bm26'"),
        ([str(tmp_path / "nope.jsonl")], "nope.jsonl: file not found"),
        ([str(tmp_path)], "is a folder with no plan question folders"),
        ([str(qfile), "--k", "0"], "--k must be between 1 and 10"),
        ([str(qfile), "--k", "11"], "--k must be between 1 and 10"),
        ([str(qfile), "--k", "five"], "invalid int value"),
    ]
    for argv, message in cases:
        rc = runner.main(argv, assistant_factory=never)
        err = capsys.readouterr().err
        assert rc == 2, argv
        assert message in err and err.count("\n") == 1, err


def test_assistant_failure_is_one_line_exit_1(qfile, capsys):
    def broken():
        raise RuntimeError("index folder /x is damaged\n(second line)")
    rc = runner.main([str(qfile)], assistant_factory=broken)
    err = capsys.readouterr().err
    assert rc == 1 and err == "planqa eval: index folder /x is damaged (second line)\n"


def test_abstention_is_a_miss_even_with_excerpts():
    q = parse_questions([json.dumps(QUESTIONS[0], ensure_ascii=False)], "x")[0]
    r = score_answer(q, FakeAnswer(True, [hit("实现总产值 5671.5 亿元")]))
    assert r.relevance == () and not r.hit(5) and r.excerpt_chars == ()
    s = summarize([r])
    assert s.hit_at[5] == 0.0 and s.abstention["false_abstention"] == 1.0


def test_shipped_dev_set_loads():
    qs = load_questions(runner.Path(__file__).resolve().parents[1] / "eval" / "questions" / "dev.jsonl")
    assert len(qs) >= 120 and all(q.id for q in qs)
    assert any(q.history for q in qs) and any(not q.in_scope for q in qs)


def test_conversation_pairs_each_single_turn_with_another_question_of_its_plan():
    from eval.conversation import ASKED_BEFORE, pairs
    from eval.corpus import shipped_set
    qset = shipped_set()
    got = pairs(qset, "dev")
    singles = [q for q in qset.questions("dev") if not q.history and not q.source]
    assert [a.id for a, _ in got] == [q.id for q in singles]
    assert any(not a.in_scope for a, _ in got) and any(a.in_scope for a, _ in got)
    asked_first = {q.question for q in qset.questions("dev") if q.in_scope and q.kind in ASKED_BEFORE}
    for alone, after in got:
        assert (after.question, after.in_scope, after.answers) == (alone.question, alone.in_scope, alone.answers)
        assert len(after.history) == 1 and after.history[0] in asked_first and after.history[0] != alone.question
    assert [b.history for _, b in pairs(qset, "dev")] == [b.history for _, b in got]      # the same pairs each run
    assert len({b.history for _, b in got}) > 1


def test_the_conversation_probe_can_open_each_later_turn_with_an_acknowledgement():
    from assistant import dialogue
    from eval.conversation import OPENERS, opened, pairs
    from eval.corpus import shipped_set
    after = [b for _, b in pairs(shipped_set(), "dev")]
    got = opened(after, "sc-sei-13")
    assert [q.id for q in got] == [q.id for q in after] and [q.history for q in got] == [q.history for q in after]
    assert all(q.question in (o + b.question for o in OPENERS) for q, b in zip(got, after))
    assert len({q.question[:2] for q in got}) > 1 and opened(after, "sc-sei-13") == got     # drawn, the same each run
    # what the assistant reads of each is the question as the corpus has it
    assert [dialogue.without_opener(q.question) for q in got] == [b.question for b in after]


def test_the_code_named_is_marked_only_for_changes_that_can_change_an_answer(tmp_path):
    import subprocess
    from eval.report import source_version

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path, check=True,
                       capture_output=True)
    for name in ("README.md", "core.py", "eval/results/plans-dev/report.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "one")
    head = source_version(tmp_path)
    assert head and "uncommitted" not in head and head != "unknown"
    # the README and a report edited while a run goes on change no answer
    (tmp_path / "README.md").write_text("y\n", encoding="utf-8")
    (tmp_path / "eval/results/plans-dev/report.md").write_text("y\n", encoding="utf-8")
    assert source_version(tmp_path) == head
    (tmp_path / "core.py").write_text("y\n", encoding="utf-8")
    assert source_version(tmp_path) == f"{head} + uncommitted changes"
