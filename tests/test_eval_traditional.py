"""eval/traditional.py: the corpus written in traditional characters, one side at a time."""
from __future__ import annotations

import json

from eval.traditional import convert_folder, convert_plans


def _write_set(folder):
    (folder / "p").mkdir(parents=True)
    q = {"id": "p-q001", "plan": "p", "kind": "followup", "question": "那新能源汽车呢？",
         "answers": ["新能源汽车产业"], "history": ["发展什么产业？"]}
    (folder / "p" / "dev.jsonl").write_text(json.dumps(q, ensure_ascii=False) + "\n", encoding="utf-8")


def test_questions_are_written_in_traditional_characters_answers_as_printed(tmp_path):
    _write_set(tmp_path / "q")
    assert convert_folder(tmp_path / "q", tmp_path / "out") == 1
    q = json.loads((tmp_path / "out" / "p" / "dev.jsonl").read_text(encoding="utf-8"))
    assert q["question"] == "那新能源汽車呢？" and q["history"] == ["發展什麼產業？"]
    assert q["answers"] == ["新能源汽车产业"]


def test_plans_and_their_answers_are_written_in_traditional_characters_questions_stay(tmp_path):
    _write_set(tmp_path / "q")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.txt").write_text("一、发展新能源汽车产业\n", encoding="utf-8")
    assert convert_plans(tmp_path / "plans", tmp_path / "tp", tmp_path / "q", tmp_path / "tq") == (1, 1)
    assert (tmp_path / "tp" / "p.txt").read_text(encoding="utf-8") == "一、發展新能源汽車產業\n"
    q = json.loads((tmp_path / "tq" / "p" / "dev.jsonl").read_text(encoding="utf-8"))
    assert q["question"] == "那新能源汽车呢？" and q["answers"] == ["新能源汽車產業"]
