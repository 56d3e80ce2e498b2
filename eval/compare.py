"""Run a comparison question set through ``PlanAssistant.compare`` and score it per plan.

``python -m eval.compare eval/questions/compare.jsonl [--library eval/plans] [--mode hybrid]
[--k 5] [--report eval/results/compare] [--json]``

Question file (JSONL), one comparison a line::

    {"id": "c04", "kind": "compare", "question": "防汛能力怎么提升？",
     "plans": {"cm-water-14th": ["防汛"], "cn-skills-china-action": []}}

``plans`` maps each plan the question is asked of to the phrases an excerpt
must contain (after NFKC and whitespace removal, as in eval/scoring.py) or to
``[]`` when that plan does not address the question (correct iff it abstains).

Per plan: hit@5 over the pairs it addresses (an abstention is a miss) and the
share of "does not address" pairs it declines; pooled figures over all pairs.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path


class CompareFileError(ValueError):
    """A comparison question file is malformed; the message names file and line."""


@dataclass(frozen=True)
class CompareQuestion:
    id: str
    question: str
    plans: dict            # doc_id -> tuple of phrases (() = does not address)
    kind: str = "compare"


@dataclass(frozen=True)
class PairResult:
    """One (question, plan) pair."""

    qid: str
    doc_id: str
    expected: tuple
    abstained: bool
    rank: int              # 1-based rank of the first excerpt with a phrase; 0 = none
    citations: tuple

    @property
    def in_scope(self) -> bool:
        return bool(self.expected)

    @property
    def correct(self) -> bool:
        return (0 < self.rank <= 5) if self.in_scope else self.abstained


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def load(path: str | Path) -> list[CompareQuestion]:
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise CompareFileError(f"{p}: {err.strerror or err}") from err
    out, seen = [], set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            qid, q, plans = str(d["id"]), str(d["question"]), d["plans"]
            if not isinstance(plans, dict) or not plans or not all(
                    isinstance(v, list) and all(isinstance(x, str) and x for x in v) for v in plans.values()):
                raise ValueError("plans must map doc ids to lists of phrases")
        except (ValueError, KeyError, TypeError) as err:
            raise CompareFileError(f"{p}:{n}: {err}") from err
        if qid in seen:
            raise CompareFileError(f"{p}:{n}: duplicate id {qid!r}")
        seen.add(qid)
        out.append(CompareQuestion(qid, q, {k: tuple(v) for k, v in plans.items()}, str(d.get("kind", "compare"))))
    if not out:
        raise CompareFileError(f"{p}: no questions")
    return out


def score_pair(qid: str, doc_id: str, expected, answer) -> PairResult:
    phrases = [_norm(x) for x in expected]
    rank = 0
    if not answer.abstained:
        for i, h in enumerate(answer.excerpts, 1):
            if any(ph in _norm(h.text) for ph in phrases):
                rank = i
                break
    from assistant.answer import citation
    return PairResult(qid, doc_id, tuple(expected), bool(answer.abstained), rank,
                      tuple(citation(h) for h in answer.excerpts))


def run(pa, questions, k: int = 5, mode: str | None = None) -> tuple[list[PairResult], list[float]]:
    """Every question through ``pa.compare`` over its own plans; (pair results, seconds per compare)."""
    pairs, times = [], []
    for q in questions:
        t0 = time.perf_counter()
        cmp = pa.compare(q.question, plans=list(q.plans), k=k, mode=mode)
        times.append(time.perf_counter() - t0)
        for r in cmp.results:
            pairs.append(score_pair(q.id, r.doc_id, q.plans[r.doc_id], r.answer))
    return pairs, times


def summarize(pairs) -> dict:
    """Per plan and pooled: hit@5 over addressed pairs, correct abstention over the rest."""
    def stats(ps) -> dict:
        ins = [p for p in ps if p.in_scope]
        oos = [p for p in ps if not p.in_scope]
        hit = sum(1 for p in ins if 0 < p.rank <= 5)
        h1 = sum(1 for p in ins if p.rank == 1)
        fa = sum(1 for p in ins if p.abstained)
        ab = sum(1 for p in oos if p.abstained)
        return {"pairs": len(ps), "addressed": len(ins), "hit_at_1": h1 / len(ins) if ins else None,
                "hit_at_5": hit / len(ins) if ins else None, "hits": hit, "false_abstentions": fa,
                "not_addressed": len(oos), "abstained": ab, "abstention": ab / len(oos) if oos else None,
                "correct": sum(1 for p in ps if p.correct) / len(ps) if ps else None}
    plans = sorted({p.doc_id for p in pairs})
    return {"pooled": stats(pairs), "plans": {d: stats([p for p in pairs if p.doc_id == d]) for d in plans}}


def _fmt(x) -> str:
    return "—" if x is None else f"{x:.3f}"


def report_md(summary: dict, pairs, meta: dict, titles: dict) -> str:
    po = summary["pooled"]
    lines = ["# Comparison evaluation", "",
             f"Command: `{meta['command']}`  ", f"Library: {meta['plans']} plans, {meta['clauses']} clauses, "
             f"encoder {meta['encoder']}, mode {meta['mode']}, k = {meta['k']}  ",
             f"Library open/build: {meta['build_s']:.1f} s ({meta['build_action']}); peak memory "
             f"{meta['peak_mib']:.0f} MiB; compare p50 {meta['compare_p50_ms']:.0f} ms per question "
             f"({meta['questions']} questions, {len(pairs)} question–plan pairs)", "",
             "| plan | addressed pairs | hit@1 | hit@5 | false abstentions | not-addressed pairs | correctly declined |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for d, s in summary["plans"].items():
        lines.append(f"| `{d}` {titles.get(d, '')} | {s['addressed']} | {_fmt(s['hit_at_1'])} | {_fmt(s['hit_at_5'])} "
                     f"| {s['false_abstentions']} | {s['not_addressed']} | "
                     f"{s['abstained']}/{s['not_addressed']} ({_fmt(s['abstention'])}) |")
    lines.append(f"| **pooled** | {po['addressed']} | {_fmt(po['hit_at_1'])} | **{_fmt(po['hit_at_5'])}** | "
                 f"{po['false_abstentions']} | {po['not_addressed']} | "
                 f"**{po['abstained']}/{po['not_addressed']} ({_fmt(po['abstention'])})** |")
    bad = [p for p in pairs if not p.correct]
    lines += ["", f"## Misses ({len(bad)})", ""]
    for p in bad:
        what = ("abstained" if p.abstained else f"no expected phrase in top 5 ({'; '.join(p.citations[:3])})") \
            if p.in_scope else f"answered instead of declining ({'; '.join(p.citations[:2])})"
        lines.append(f"- {p.qid} `{p.doc_id}`: {what}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.compare", description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--library", default="eval/plans", help="folder of plans (default eval/plans)")
    ap.add_argument("--index", help="index folder (default under $PLANQA_HOME)")
    ap.add_argument("--encoder")
    ap.add_argument("--mode", choices=["bm25", "dense", "hybrid"])
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--report", metavar="DIR", help="write report.md and results.json here")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from assistant.errors import PlanQAError, one_line
    from assistant.library import Library
    try:
        questions = load(args.file)
        t0 = time.perf_counter()
        lib = Library.open(args.library, index_dir=args.index, encoder=args.encoder,
                           **({"mode": args.mode} if args.mode else {}))
        info = lib.build()
        build_s = time.perf_counter() - t0
        missing = sorted({d for q in questions for d in q.plans} - set(lib.metas))
        if missing:
            raise PlanQAError(f"{args.file}: plans not in {args.library}: {', '.join(missing)}")
        pairs, times = run(lib.assistant, questions, k=args.k, mode=args.mode)
    except (CompareFileError, PlanQAError) as err:
        print(f"eval.compare: error: {one_line(str(err))}", file=sys.stderr)
        return 1
    summary = summarize(pairs)
    times.sort()
    meta = {"command": "python -m eval.compare " + " ".join(argv if argv is not None else sys.argv[1:]),
            "plans": len(lib.metas), "clauses": info.get("n_clauses"), "encoder": lib.assistant.encoder_name,
            "mode": args.mode or lib.assistant.mode, "k": args.k, "questions": len(questions),
            "build_s": build_s, "build_action": info.get("action", "loaded"),
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "compare_p50_ms": 1000 * times[len(times) // 2]}
    titles = {d: f"《{m.title}》" for d, m in lib.metas.items()}
    if args.report:
        out = Path(args.report)
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.md").write_text(report_md(summary, pairs, meta, titles), encoding="utf-8")
        data = {"meta": meta, "summary": summary, "pairs": [asdict(p) | {"correct": p.correct} for p in pairs]}
        (out / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps({"meta": meta, "summary": summary}, ensure_ascii=False, indent=2))
    else:
        print(report_md(summary, pairs, meta, titles))
    return 0


if __name__ == "__main__":                      # pragma: no cover
    sys.exit(main())
