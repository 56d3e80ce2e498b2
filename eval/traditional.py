"""A copy of a question folder with every question (and earlier turn) written in traditional
characters (OpenCC's s2t tables), to measure how the assistant answers users who type them:

    python -m eval.traditional eval/questions/plans/ /tmp/questions-traditional
    planqa eval /tmp/questions-traditional/ --split dev --mode hybrid --cross 0 --report eval/results/traditional-dev

The answers (plan phrases) stay as the plans print them.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


def convert_folder(src: Path, dst: Path) -> int:
    from opencc import OpenCC
    to_traditional = OpenCC("s2t").convert
    n = 0
    for f in sorted(src.rglob("*.jsonl")):
        out = dst / f.relative_to(src)
        out.parent.mkdir(parents=True, exist_ok=True)
        rows = []
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            q["question"] = to_traditional(q["question"])
            if q.get("history"):
                q["history"] = [to_traditional(h) if isinstance(h, str) else h for h in q["history"]]
            rows.append(json.dumps(q, ensure_ascii=False))
            n += 1
        out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for f in src.rglob("*.md"):
        shutil.copy(f, dst / f.relative_to(src))
    return n


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m eval.traditional QUESTION_FOLDER OUT_FOLDER", file=sys.stderr)
        return 2
    n = convert_folder(Path(args[0]), Path(args[1]))
    print(f"{n} questions written in traditional characters to {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
