"""Questions asked in the middle of a conversation, not only as its first turn.

``python -m eval.conversation [--split dev] [--mode hybrid] [--plan ID …] [--out DIR]``

A reader rarely asks each question first: most come after other questions about the plan, and
only some of them continue the one before. The corpus's questions are single turns except its
follow-ups, so each plan's questions of the split are asked here twice:

- every single-turn in-scope question, alone and after another in-scope single-turn question of
  the same plan (a change of subject: "2020年新能源汽车产量要达到多少？" after a question about
  生物医药 must find the same clause it finds alone);
- every own out-of-scope question, alone and after an in-scope single-turn question of the same
  plan ("今年四川高考分数线是多少？" after a question about 四川's industries is no follow-up
  about them, and is declined as it is alone).

The question asked first is drawn with a seed per plan (the same pairs every run) among its
fact and paraphrase questions. The split's follow-ups are asked too, as the corpus has them,
so that what a change does to real follow-ups is measured beside it, and its out-of-scope
follow-ups (declined or not).

``--opener``: every turn asked after another (the later turn of each pair, and each follow-up) opens
with an acknowledgement, as people chat ("好的，那德阳呢？", "谢谢！2020年产量要达到多少？"): one of
``OPENERS``, drawn with the plan's seed.

Writes ``conversation.md`` and ``.json`` to ``--out`` (default ``eval/results/conversation/``),
per plan: in-scope questions first (answered with a clause holding the answer) alone and after
another question, out-of-scope questions declined alone and after one, follow-ups first and in
the first five.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "conversation"
ASKED_BEFORE = ("fact", "paraphrase")
COUNTS = ("in_scope", "first_alone", "first_after", "oos", "declined_alone", "declined_after",
          "followups", "followup_first", "followup_top5", "oos_followups", "oos_followups_declined")
OPENERS = ("好的，", "谢谢！", "嗯，", "明白了。", "OK，")


def pairs(qset, split: str) -> list[tuple]:
    """(question alone, the same question after another question of the plan) for each of the
    plan's single-turn questions but borrowed negatives; nothing when the split has no fact or
    paraphrase question to ask first."""
    qs = qset.questions(split)
    before = [q for q in qs if q.in_scope and not q.history and q.kind in ASKED_BEFORE]
    rng = random.Random(qset.plan_id)
    out = []
    for q in qs:
        if q.history or q.source:
            continue
        choices = [b for b in before if b.question != q.question]
        if choices:
            out.append((q, replace(q, history=(rng.choice(choices).question,))))
    return out


def opened(questions, seed: str) -> list:
    """``questions``, each opened with one of ``OPENERS`` (drawn with ``seed``)."""
    rng = random.Random(seed)
    return [replace(q, question=rng.choice(OPENERS) + q.question) for q in questions]


def run_plan(qset, split: str, mode: str, k: int = 5, opener: bool = False) -> dict:
    from assistant import PlanAssistant
    from eval.runner import ask_question
    from eval.scoring import score_answer

    def first(q) -> tuple[bool, object]:
        ans = ask_question(pa, q, k, mode)
        res = score_answer(q, ans)
        return (not res.abstained and any(res.relevance[:1])), res

    pa = PlanAssistant.from_paths([str(qset.path)])
    try:
        row = dict.fromkeys(COUNTS, 0)
        row["changed"] = []
        asked = pairs(qset, split)
        if opener:
            asked = list(zip([a for a, _ in asked], opened([b for _, b in asked], qset.plan_id)))
        for alone, after in asked:
            a_first, a = first(alone)
            b_first, b = first(after)
            if alone.in_scope:
                row["in_scope"] += 1
                row["first_alone"] += a_first
                row["first_after"] += b_first
                moved = a_first != b_first
            else:
                row["oos"] += 1
                row["declined_alone"] += a.abstained
                row["declined_after"] += b.abstained
                moved = a.abstained != b.abstained
            if moved:
                row["changed"].append({"id": alone.id, "in_scope": alone.in_scope, "alone": a.resolved_query,
                                       "after": b.resolved_query})
        followups = [q for q in qset.questions(split) if q.history and not q.source]
        for q in (opened(followups, qset.plan_id + ":followups") if opener else followups):
            res = score_answer(q, ask_question(pa, q, k, mode))
            if not q.in_scope:
                row["oos_followups"] += 1
                row["oos_followups_declined"] += res.abstained
                continue
            row["followups"] += 1
            row["followup_first"] += not res.abstained and any(res.relevance[:1])
            row["followup_top5"] += not res.abstained and any(res.relevance[:k])
        return row
    finally:
        pa.close()


def markdown(rows: dict, argv) -> str:
    total = {key: sum(r[key] for r in rows.values()) for key in COUNTS}
    lines = ["# Questions asked in the middle of a conversation", "",
             f"command: `python -m eval.conversation {' '.join(argv)}`", "",
             "| plan | in scope | first alone | first after a question | out of scope | declined alone "
             "| declined after a question | follow-ups | first | first five | out-of-scope follow-ups | declined |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for pid, r in list(rows.items()) + [("pooled", total)]:
        lines.append("| " + " | ".join([pid] + [str(r[c]) for c in COUNTS]) + " |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser(prog="python -m eval.conversation")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--mode", default="hybrid", choices=("bm25", "dense", "hybrid"))
    ap.add_argument("--plan", action="append", default=[], help="only these corpus plans (repeatable)")
    ap.add_argument("--out", default=str(RESULTS))
    ap.add_argument("--opener", action="store_true",
                    help="open every turn asked after another with an acknowledgement (好的， / 谢谢！ …)")
    args = ap.parse_args(argv)
    from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
    rows = {}
    for qset in discover(QUESTIONS_DIR, PLANS_DIR, only=args.plan):
        rows[qset.plan_id] = run_plan(qset, args.split, args.mode, opener=args.opener)
        print(qset.plan_id, file=sys.stderr, flush=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "conversation.json").write_text(json.dumps({"split": args.split, "mode": args.mode, "opener": args.opener,
                                                       "plans": rows},
                                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    text = markdown(rows, argv)
    (out / "conversation.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
