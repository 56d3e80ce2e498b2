"""BM25's k1, b and title weight swept over the plan corpus, retrieval alone.

    python -m eval.bm25_sweep [--report eval/results/bm25-sweep]

For every plan of the corpus, its BM25 index is rebuilt in memory with each setting of ``GRID`` (the same
tokens, ``index.retriever``'s body and title fields) and its dev split's single-turn in-scope
questions are searched with ``retriever.search`` in BM25 and hybrid mode: the first answering
clause's rank among the first 18 (as many as the answer layer's pool holds). Reported per setting:
hit@1, hit@5 and how many questions have an answering clause in those 18, pooled, and on how
many plans hit@1 is higher or lower than with the shipped setting (``index.fusion.RetrieverConfig``).
The answer layer is not run: what a setting would do to the answers needs the whole assistant
(``planqa eval``) with an index built under it.

Beside the sweep, a third run: BM25 over the characters' bigrams (each run of Chinese characters
cut into overlapping pairs, the title field as above), which word segmentation cannot cut
differently from the plan (租房 in 出租房屋). Reported: its own hit@1, and how many questions with
no answering clause among hybrid retrieval's first 18 would gain one from its first 3, 5 or 10.
"""
from __future__ import annotations

import argparse
import re
import sys

from eval.corpus import PLANS_DIR, QUESTIONS_DIR, discover
from eval.metrics import first_hit_rank, relevance
from eval.rerank_fit import write_report
from eval.report import machine_line, source_version
from index.bm25 import BM25Index, BM25Params
from index.fusion import RetrieverConfig
from index.retriever import article_context, title_text

POOL = 18
_SHIPPED = RetrieverConfig()
GRID = ((_SHIPPED.k1, _SHIPPED.b, _SHIPPED.title_weight), (0.9, 0.4, 0.3), (1.6, 0.4, 0.3), (1.2, 0.25, 0.3),
        (1.2, 0.6, 0.3), (1.2, 0.75, 0.3), (1.2, 0.4, 0.15), (1.2, 0.4, 0.5))
MODES = ("bm25", "hybrid")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def bigrams(text: str) -> list[str]:
    """Each run of Chinese characters as its overlapping pairs (a single character as itself)."""
    out = []
    for run in _HAN.findall(text):
        out += [run[i:i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
    return out


def bigram_ranks(assistant, questions, depth: int = 10) -> list:
    """Per question, the first answering rank in a character-bigram BM25 run's first ``depth`` (None
    where there is none), the run built with the shipped BM25 setting."""
    r = assistant.retriever
    context = article_context(r.clauses)
    run = BM25Index.build([bigrams(c.text) for c in r.clauses],
                          [bigrams(title_text(c, context.get(c.clause_id, ""))) for c in r.clauses],
                          BM25Params(k1=_SHIPPED.k1, b=_SHIPPED.b, title_weight=_SHIPPED.title_weight))
    return [first_hit_rank(relevance([r.clauses[i].text for i, _ in run.search_tokens(bigrams(q.question), k=depth)],
                                     q.answers)) for q in questions]


def plan_ranks(assistant, questions, grid=GRID, modes=MODES) -> dict[tuple, list]:
    """(k1, b, title weight, mode) -> the first answering rank (None: not among ``POOL``) per question;
    the assistant's own BM25 index is put back afterwards."""
    r = assistant.retriever
    context = article_context(r.clauses)
    body = [r.tokenize(c.text) for c in r.clauses]
    titles = [r.tokenize(title_text(c, context.get(c.clause_id, ""))) for c in r.clauses]
    shipped = r.sparse
    out = {}
    try:
        for k1, b, tw in grid:
            r.sparse = BM25Index.build(body, titles, BM25Params(k1=k1, b=b, title_weight=tw))
            for mode in modes:
                out[(k1, b, tw, mode)] = [
                    first_hit_rank(relevance([h.text for h in r.search(q.question, k=POOL, mode=mode)], q.answers))
                    for q in questions]
    finally:
        r.sparse = shipped
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.bm25_sweep", description=__doc__.splitlines()[0])
    ap.add_argument("--report", metavar="DIR", help="write report.md and results.json here")
    args = ap.parse_args(argv)
    from eval.runner import default_assistant

    per_plan, pairs = {}, []
    for s in discover(str(QUESTIONS_DIR), PLANS_DIR):
        qs = [q for q in s.questions("dev") if q.in_scope and not q.history]
        a = default_assistant(None, [str(s.path)])
        per_plan[s.plan_id] = plan_ranks(a, qs)
        # (hybrid retrieval's first answering rank at the shipped setting, the bigram run's)
        pairs += zip(per_plan[s.plan_id][(*GRID[0], "hybrid")], bigram_ranks(a, qs))
        print(s.plan_id, file=sys.stderr, flush=True)
    first = GRID[0]
    lines = ["# BM25 settings swept over the plan corpus (retrieval alone)", "",
             f"- command: `python -m eval.bm25_sweep {' '.join(argv if argv is not None else sys.argv[1:])}`",
             f"- code: {source_version()}; machine: {machine_line()}", "",
             f"Single-turn in-scope dev questions of {len(per_plan)} plans; the first row is the shipped "
             f"setting; plans better/worse: hit@1 against it.", "",
             f"| k1 | b | title weight | mode | hit@1 | hit@5 | in first {POOL} | plans better | plans worse |",
             "|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    data = {}
    for mode in MODES:
        for k1, b, tw in GRID:
            key = (k1, b, tw, mode)
            h1 = {p: sum(r == 1 for r in ranks[key]) for p, ranks in per_plan.items()}
            base = {p: sum(r == 1 for r in ranks[(*first, mode)]) for p, ranks in per_plan.items()}
            h5 = sum(r is not None and r <= 5 for ranks in per_plan.values() for r in ranks[key])
            pool = sum(r is not None for ranks in per_plan.values() for r in ranks[key])
            better = sum(h1[p] > base[p] for p in h1)
            worse = sum(h1[p] < base[p] for p in h1)
            lines.append(f"| {k1} | {b} | {tw} | {mode} | {sum(h1.values())} | {h5} | {pool} | {better} | {worse} |")
            data[f"{k1}/{b}/{tw}/{mode}"] = {"hit1": h1, "hit5": h5, "pool": pool}
    missing = [b for p, b in pairs if p is None]
    gain = {n: sum(b is not None and b <= n for b in missing) for n in (3, 5, 10)}
    lines += ["", f"Character-bigram BM25 run: hit@1 {sum(b == 1 for _, b in pairs)} of {len(pairs)} (hybrid retrieval: "
              f"{sum(p == 1 for p, _ in pairs)}). Of the {len(missing)} questions with no answering clause among hybrid "
              f"retrieval's first {POOL}, its first 3, 5 and 10 hold one for " + ", ".join(str(gain[n]) for n in (3, 5, 10))
              + "."]
    data["bigram"] = {"hit1": sum(b == 1 for _, b in pairs), "questions": len(pairs), "missing": len(missing),
                      "gained": gain}
    out = "\n".join(lines)
    print(out)
    if args.report:
        write_report(args.report, out, data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
