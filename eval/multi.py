"""Evaluate every plan of the corpus (eval.corpus) and report per plan and pooled.

``planqa eval eval/questions/plans/ --split test [--mode all] [--cross 10] [--report DIR]``

For each plan one assistant is built from the plan file alone (its own index
folder under $PLANQA_HOME), the plan's questions of the split are asked, and,
with ``--retriever``, the same single-turn in-scope questions go to
``retriever.search`` as a baseline the answer layer must not fall below.
"""
from __future__ import annotations

import json
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from eval import report
from eval.corpus import PlanSet, cross_negatives
from eval.scoring import QuestionResult, Summary, score_answer, summarize

POOLED = "pooled"


@dataclass(frozen=True)
class _Shown:
    """What ``retriever.search`` shows, in the shape scoring reads from an Answer."""

    excerpts: list
    abstained: bool = False
    kind: str = "answer"
    resolved_query: str = ""


def retriever_results(assistant, questions, mode: str | None, k: int) -> list[QuestionResult]:
    """Single-turn in-scope questions through ``assistant.retriever.search`` alone."""
    out = []
    for q in questions:
        if not q.in_scope or q.history:
            continue
        t0 = time.perf_counter()
        hits = assistant.retriever.search(q.question, k=k, mode=mode)
        out.append(score_answer(q, _Shown(list(hits), resolved_query=q.question), time.perf_counter() - t0))
    return out


def run_corpus(sets: Sequence[PlanSet], split: str, modes: Sequence[str | None], k: int,
               factory: Callable[[PlanSet], object], cross: int = 0, with_retriever: bool = False,
               progress: Callable[[str], None] | None = None, shard: tuple[int, int] | None = None):
    """-> (summaries[label][plan_id or POOLED], results[label][plan_id]).

    Labels: the mode (or "default"), plus with ``with_retriever`` "retriever:<mode>"
    (``retriever.search`` on the single-turn in-scope questions) and
    "ask-single-turn:<mode>" (``ask`` on exactly those questions). ``shard`` (i, n): ask only
    the plans at positions i, i + n, … of ``sets``, with the negatives the whole corpus draws for
    them, so that the shards of a corpus together ask what one run asks (``merge_shards``).
    """
    from eval.runner import run_questions, forget_query_vectors
    texts = {s.plan_id: _plan_text(s) for s in sets}
    negatives = cross_negatives(sets, texts, split, cross) if cross else {}
    results: dict[str, dict[str, list[QuestionResult]]] = {}
    for s in (sets if shard is None else sets[shard[0]::shard[1]]):
        assistant = factory(s)
        questions = s.questions(split) + negatives.get(s.plan_id, [])
        if progress:
            progress(f"{s.plan_id}: {len(questions)} questions")
        for mode in modes:
            label = mode or "default"
            forget_query_vectors(assistant)
            asked = run_questions(assistant, questions, mode, k)
            results.setdefault(label, {})[s.plan_id] = asked
            if with_retriever:
                # the same single-turn in-scope questions, asked and searched: the answer
                # layer must not lose what retrieval found
                results.setdefault(f"ask-single-turn:{label}", {})[s.plan_id] = \
                    [r for r in asked if r.in_scope and not r.history]
                results.setdefault(f"retriever:{label}", {})[s.plan_id] = \
                    retriever_results(assistant, questions, mode, k)
    return summarize_corpus(results, k), results


def summarize_corpus(results: dict, k: int) -> dict:
    """summaries[label][plan_id or POOLED] of results[label][plan_id]."""
    ks = sorted({1, 3, 5, k})
    summaries = {label: {pid: summarize(res, ks) for pid, res in by_plan.items()}
                 for label, by_plan in results.items()}
    for label, by_plan in results.items():
        summaries[label][POOLED] = summarize([r for res in by_plan.values() for r in res], ks)
    return summaries


def save_shard(path: Path, results: dict, split: str, k: int, cross: int, shard: tuple[int, int],
               code: str = "") -> None:
    """One shard's results (``run_corpus(shard=…)``), for ``merge_shards``; ``code``: the code that
    asked them (``report.source_version()`` when the run started)."""
    with open(path, "wb") as f:
        pickle.dump({"split": split, "k": k, "cross": cross, "shard": shard, "results": results,
                     "code": code or report.source_version()}, f)


def _shard_code(codes: Sequence[str], paths: Sequence[Path]) -> str:
    """The code shards were asked with: one version, or each shard's when they differ ("unknown" for
    shards saved before shards recorded it)."""
    if len(set(codes)) == 1:
        return codes[0]
    return "; ".join(f"{c} ({Path(p).name})" for c, p in zip(codes, paths))


def merge_shards(paths: Sequence[Path], sets: Sequence[PlanSet], split: str, k: int,
                 cross: int) -> tuple[dict, str]:
    """(results[label][plan_id] of the shards in ``paths``, the plans in corpus order (``sets``); the code
    they were asked with). Shards of another split, k or number of negatives, a plan in two shards, or a
    shard missing (a plan of ``sets`` no shard asked) are refused with the reason."""
    merged: dict[str, dict[str, list]] = {}
    codes = []
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = pickle.load(f)
            got = (data["split"], data["k"], data["cross"])
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError) as err:
            raise ValueError(f"{path}: not a shard of planqa eval --shard ({err})") from err
        if got != (split, k, cross):
            raise ValueError(f"{path}: split {got[0]}, k {got[1]}, cross {got[2]} (this run: {split}, {k}, {cross})")
        codes.append(data.get("code") or "unknown")
        for label, by_plan in data["results"].items():
            twice = set(by_plan) & set(merged.get(label, {}))
            if twice:
                raise ValueError(f"{path}: {', '.join(sorted(twice))} already in another shard")
            merged.setdefault(label, {}).update(by_plan)
    asked = set().union(*(set(b) for b in merged.values())) if merged else set()
    missing = [s.plan_id for s in sets if s.plan_id not in asked]
    if missing:
        raise ValueError(f"no shard asked {len(missing)} plan(s): {', '.join(missing[:5])}"
                         + (" …" if len(missing) > 5 else ""))
    order = [s.plan_id for s in sets]
    return ({label: {pid: by_plan[pid] for pid in order if pid in by_plan} for label, by_plan in merged.items()},
            _shard_code(codes, paths))


def _plan_text(s: PlanSet) -> str:
    import corpus
    return corpus.load_document(s.path).text


# ------------------------------------------------------------------ reports
COLUMNS = ("plan", "in", "oos", "hit@1", "hit@5", "MRR", "oos abstained", "false abst.", "median chars", "p50 ms")


def table_rows(by_plan: dict[str, Summary]) -> list[list[str]]:
    rows = []
    for pid, s in by_plan.items():
        ab = s.abstention
        n_oos, n_in = s.n_out_of_scope, s.n_in_scope
        caught = round((ab.get("recall") or 0.0) * n_oos) if n_oos else 0
        false = round((ab.get("false_abstention") or 0.0) * n_in) if n_in else 0
        rows.append([f"**{pid}**" if pid == POOLED else pid, str(n_in), str(n_oos),
                     report.fmt(s.hit_at.get(1)), report.fmt(s.hit_at.get(5)), report.fmt(s.mrr),
                     f"{caught}/{n_oos}" if n_oos else "–", f"{false}/{n_in}" if n_in else "–",
                     report.fmt(s.median_excerpt_chars, 0), report.fmt(s.latency_p50_ms, 1)])
    return rows


def markdown(summaries: dict, split: str, k: int, argv: Sequence[str], cross: int, code: str = "") -> str:
    lines = [f"# planqa evaluation — plan corpus, split `{split}`", "",
             f"- command: `{report.command_line(argv)}`",
             f"- code: {code or report.source_version()}; machine: {report.machine_line()}",
             f"- k = {k}; cross-plan negatives per plan: {cross}; "
             "in = in-scope questions, oos = out-of-scope (abstaining is correct)", ""]
    for label, by_plan in summaries.items():
        lines += [f"## {label}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(r) + " |" for r in table_rows(by_plan)]
        kinds = sorted(by_plan[POOLED].per_kind)
        if kinds:
            lines += ["", "Pooled by kind (hit@5 for in-scope kinds, abstention recall for out-of-scope ones):", "",
                      "| kind | n | success |", "|---|---:|---:|"]
            for kind in kinds:
                ks = by_plan[POOLED].per_kind[kind]
                lines.append(f"| {kind} | {ks.n} | {report.fmt(ks.success(5))} |")
        lines.append("")
    return "\n".join(lines)


def text(summaries: dict, split: str) -> str:
    out = []
    for label, by_plan in summaries.items():
        out.append(f"[{label}] split {split}")
        widths = [max(len(c), 12 if i == 0 else 7) for i, c in enumerate(COLUMNS)]
        out.append("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths)))
        for row in table_rows(by_plan):
            out.append("  ".join(c.replace("**", "").ljust(w) for c, w in zip(row, widths)))
        out.append("")
    return "\n".join(out)


def write(out_dir: Path, summaries: dict, results: dict, split: str, k: int, argv: Sequence[str],
          cross: int, code: str = "") -> list[Path]:
    """report.md and results.json; ``code``: the code that asked the questions (default: the
    checkout's now)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    code = code or report.source_version()
    md = out_dir / "report.md"
    md.write_text(markdown(summaries, split, k, argv, cross, code), encoding="utf-8")
    js = out_dir / "results.json"
    data = {"split": split, "k": k, "code": code, "machine": report.machine_line(),
            "summaries": {label: {pid: s.to_dict() for pid, s in by_plan.items()}
                          for label, by_plan in summaries.items()},
            "failures": {label: {pid: [_failure(r) for r in res if not r.correct(k)]
                                 for pid, res in by_plan.items()}
                         for label, by_plan in results.items()}}
    js.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [md, js]


def _failure(r: QuestionResult) -> dict:
    return {"id": r.id, "kind": r.kind, "question": r.question, "abstained": r.abstained,
            "first_hit_rank": r.first_rank, "shown": [t[:60] for t in r.shown[:2]]}
