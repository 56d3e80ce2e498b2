"""A copy of a question folder with every question (and earlier turn) written in traditional
characters (OpenCC's s2t tables), to measure how the assistant answers users who type them:

    python -m eval.traditional eval/questions/plans/ /tmp/questions-traditional
    planqa eval /tmp/questions-traditional/ --split dev --mode hybrid --cross 0 --report eval/results/traditional-dev

The answers (plan phrases) stay as the plans print them.

With ``--plans PLAN_FOLDER PLAN_OUT``, the other way round: the plans are written in traditional
characters (as a 臺灣, 香港 or 澳門 plan is printed) and so are the answer phrases, while the questions
stay simplified, as a mainland reader types them:

    python -m eval.traditional --plans eval/plans /tmp/plans-traditional eval/questions/plans/ /tmp/q-simplified
    planqa eval /tmp/q-simplified/ --plans /tmp/plans-traditional --split dev --mode hybrid --cross 0
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


def _copy_questions(src: Path, dst: Path, convert) -> int:
    """The question sets of ``src`` copied to ``dst``, each question passed through ``convert``."""
    n = 0
    for f in sorted(src.rglob("*.jsonl")):
        out = dst / f.relative_to(src)
        out.parent.mkdir(parents=True, exist_ok=True)
        rows = []
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.dumps(convert(json.loads(line)), ensure_ascii=False))
                n += 1
        out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for f in src.rglob("*.md"):
        shutil.copy(f, dst / f.relative_to(src))
    return n


def _to_traditional():
    from opencc import OpenCC
    return OpenCC("s2t").convert


def convert_folder(src: Path, dst: Path) -> int:
    to_traditional = _to_traditional()

    def convert(q: dict) -> dict:
        q["question"] = to_traditional(q["question"])
        if q.get("history"):
            q["history"] = [to_traditional(h) if isinstance(h, str) else h for h in q["history"]]
        return q
    return _copy_questions(src, dst, convert)


def convert_plans(src: Path, dst: Path, questions: Path, q_out: Path) -> tuple[int, int]:
    """Plans of ``src`` (text files) written in traditional characters into ``dst``; the question
    sets of ``questions`` copied to ``q_out`` with their answer phrases converted the same way."""
    to_traditional = _to_traditional()
    dst.mkdir(parents=True, exist_ok=True)
    plans = 0
    for f in sorted(src.glob("*.txt")):
        (dst / f.name).write_text(to_traditional(f.read_text(encoding="utf-8")), encoding="utf-8")
        plans += 1

    def convert(q: dict) -> dict:
        q["answers"] = [to_traditional(a) for a in q.get("answers") or []]
        return q
    return plans, _copy_questions(questions, q_out, convert)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) == 5 and args[0] == "--plans":
        plans, n = convert_plans(*(Path(a) for a in args[1:]))
        print(f"{plans} plans written in traditional characters to {args[2]}, {n} questions (answers converted) "
              f"to {args[4]}")
        return 0
    if len(args) != 2:
        print("usage: python -m eval.traditional QUESTION_FOLDER OUT_FOLDER\n"
              "       python -m eval.traditional --plans PLAN_FOLDER PLAN_OUT QUESTION_FOLDER QUESTION_OUT",
              file=sys.stderr)
        return 2
    n = convert_folder(Path(args[0]), Path(args[1]))
    print(f"{n} questions written in traditional characters to {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
