"""Render evaluation results: terminal text, JSON-safe dict, Markdown report, PNG chart."""
from __future__ import annotations

import os
import platform
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from eval.scoring import QuestionResult, Summary, failures

# Bars from the evaluation issue: (label, getter, comparison, target)
BARS = (
    ("hit@1 ≥ 0.90", lambda s: s.hit_at.get(1), ">=", 0.90),
    ("hit@5 ≥ 0.97", lambda s: s.hit_at.get(5), ">=", 0.97),
    ("MRR ≥ 0.93", lambda s: s.mrr, ">=", 0.93),
    ("abstention recall ≥ 0.90", lambda s: s.abstention.get("recall"), ">=", 0.90),
    ("false abstention ≤ 0.03", lambda s: s.abstention.get("false_abstention"), "<=", 0.03),
    ("median excerpt ≤ 200 chars", lambda s: s.median_excerpt_chars, "<=", 200.0),
)


def machine_line() -> str:
    cores = os.cpu_count() or 0
    return f"{platform.machine()} {platform.processor() or ''} {cores} cores, " \
           f"Python {platform.python_version()}, {platform.system()} {platform.release()}".replace("  ", " ")


def source_version(root: Path | None = None) -> str:
    """The code measured (of the checkout at ``root``, default this one): git commit, marked when the
    working tree has uncommitted changes that can change an answer (not the prose and the committed
    results: a README edited while a run goes on)."""
    import subprocess
    root = root or Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                                capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if not head:
        return "unknown"
    return f"{head} + uncommitted changes" if any(map(_answers_may_change, status.splitlines())) else head


def _answers_may_change(status_line: str) -> bool:
    """Whether a ``git status --porcelain`` line names a file that is neither prose (.md) nor a result
    under eval/results/."""
    path = status_line[3:].split(" -> ")[-1].strip().strip('"')
    return bool(path) and not path.endswith(".md") and not path.startswith("eval/results/")


def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def metric_rows(summary: Summary, k: int) -> list[tuple[str, str]]:
    ab = summary.abstention
    rows = [(f"hit@{kk}", fmt(summary.hit_at.get(kk))) for kk in sorted(summary.hit_at)]
    rows += [
        ("MRR", fmt(summary.mrr)),
        ("nDCG@10", fmt(summary.ndcg10)),
        ("abstention precision", fmt(ab.get("precision"))),
        ("abstention recall", fmt(ab.get("recall"))),
        ("false abstention", fmt(ab.get("false_abstention"))),
        ("median excerpt chars", fmt(summary.median_excerpt_chars, 0)),
        ("ask p50 ms", fmt(summary.latency_p50_ms, 1)),
        ("ask p95 ms", fmt(summary.latency_p95_ms, 1)),
        ("errors", str(summary.errors)),
    ]
    return rows


def kind_rows(summaries: dict[str, Summary], k: int) -> list[tuple[str, list[str]]]:
    kinds = sorted({kind for s in summaries.values() for kind in s.per_kind})
    out = []
    for kind in kinds:
        cells = []
        n = 0
        for s in summaries.values():
            ks = s.per_kind.get(kind)
            if ks is None:
                cells.append("n/a")
                continue
            n = ks.n
            if ks.n_in_scope:
                cells.append(f"{fmt(ks.hit_at.get(1), 2)} / {fmt(ks.hit_at.get(k), 2)}")
            else:
                cells.append(f"abst {fmt(ks.abstention.get('recall'), 2)}")
        out.append((f"{kind} ({n})", cells))
    return out


def shown_preview(r: QuestionResult, limit: int = 2, chars: int = 70) -> list[str]:
    if r.error:
        return [f"error: {r.error}"]
    if r.abstained:
        return ["(abstained)"]
    if not r.shown:
        return ["(nothing shown)"]
    out = []
    for i, (text, cite) in enumerate(zip(r.shown, r.citations or ("",) * len(r.shown)), 1):
        if i > limit:
            break
        flat = " ".join(text.split())
        out.append(f"{i}. {cite} {flat[:chars]}{'…' if len(flat) > chars else ''}")
    return out


def failure_lines(results: Sequence[QuestionResult], k: int) -> list[str]:
    lines = []
    for r in failures(results, k):
        hist = f" (after: {' / '.join(r.history)})" if r.history else ""
        lines.append(f"{r.id} [{r.kind}] {r.question}{hist}")
        if r.resolved_query and r.resolved_query != r.question:
            lines.append(f"    resolved: {r.resolved_query}")
        if r.in_scope:
            rank = r.first_rank
            where = f"first hit at rank {rank}" if rank else "no hit shown"
            lines.append(f"    expected: {' | '.join(r.answers)}  ({where})")
        else:
            lines.append("    expected: abstain")
        lines.extend("    shown " + p for p in shown_preview(r))
    return lines


def text_report(path: str, k: int, summaries: dict[str, Summary],
                results: dict[str, Sequence[QuestionResult]]) -> str:
    first = next(iter(summaries.values()))
    modes = list(summaries)
    w = max(10, max(len(m) for m in modes) + 2)
    out = [f"planqa eval {path}: {first.n} questions ({first.n_in_scope} in scope, "
           f"{first.n_out_of_scope} out of scope), k={k}", ""]
    out.append(f"{'':24}" + "".join(f"{m:>{w}}" for m in modes))
    names = [name for name, _ in metric_rows(first, k)]
    table = {m: dict(metric_rows(s, k)) for m, s in summaries.items()}
    for name in names:
        out.append(f"{name:24}" + "".join(f"{table[m][name]:>{w}}" for m in modes))
    out += ["", f"per kind: hit@1 / hit@{k} (oos: abstention recall)"]
    w2 = max(w, 14)
    for label, cells in kind_rows(summaries, k):
        out.append(f"{label:24}" + "".join(f"{c:>{w2}}" for c in cells))
    for mode in modes:
        fl = failure_lines(results[mode], k)
        out += ["", f"failures ({mode}, not correct at k={k}): {sum(1 for _ in failures(results[mode], k))}"]
        out += ["  " + line for line in fl]
    return "\n".join(out) + "\n"


def result_to_dict(r: QuestionResult, k: int, shown_chars: int | None = None) -> dict:
    return {
        "id": r.id, "kind": r.kind, "question": r.question, "history": list(r.history),
        "answers": list(r.answers), "in_scope": r.in_scope, "abstained": r.abstained,
        "answer_kind": r.answer_kind, "resolved_query": r.resolved_query,
        "first_hit_rank": r.first_rank, "correct": r.correct(k),
        "latency_ms": round(r.latency_s * 1000.0, 3), "excerpt_chars": list(r.excerpt_chars),
        "shown": [{"citation": c, "text": t if shown_chars is None else t[:shown_chars]}
                  for t, c in zip(r.shown, r.citations)],
        "error": r.error,
    }


def json_report(path: str, k: int, summaries: dict[str, Summary],
                results: dict[str, Sequence[QuestionResult]], shown_chars: int | None = None) -> dict:
    """Everything as JSON; ``shown_chars`` cuts each shown text (for compact committed reports)."""
    return {
        "file": str(path), "k": k, "machine": machine_line(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "modes": {
            m: {
                "summary": summaries[m].to_dict(),
                "failures": [r.id for r in failures(results[m], k)],
                "questions": [result_to_dict(r, k, shown_chars) for r in results[m]],
            }
            for m in summaries
        },
    }


def markdown_report(path: str, k: int, summaries: dict[str, Summary],
                    results: dict[str, Sequence[QuestionResult]], chart: str | None,
                    command: str) -> str:
    first = next(iter(summaries.values()))
    modes = list(summaries)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [f"# planqa evaluation: `{Path(path).name}`", ""]
    md.append(f"{first.n} questions ({first.n_in_scope} in scope, {first.n_out_of_scope} out of scope), "
              f"k={k}, modes: {', '.join(modes)}. {now}; code {source_version()}; {machine_line()}.")
    md += ["", f"Reproduce: `{command}`", ""]
    if chart:
        md += [f"![hit@k per mode and per kind]({chart})", ""]
    md += ["## Headline", "", "| metric | " + " | ".join(modes) + " |",
           "|---|" + "---:|" * len(modes)]
    table = {m: dict(metric_rows(s, k)) for m, s in summaries.items()}
    for name, _ in metric_rows(first, k):
        md.append(f"| {name} | " + " | ".join(table[m][name] for m in modes) + " |")
    md += ["", "## Bars (from the evaluation issue)", "", "| bar | " + " | ".join(modes) + " |",
           "|---|" + "---|" * len(modes)]
    for label, get, op, target in BARS:
        cells = []
        for m in modes:
            v = get(summaries[m])
            ok = v is not None and (v >= target if op == ">=" else v <= target)
            cells.append(f"{'✅' if ok else '❌'} {fmt(v)}")
        md.append(f"| {label} | " + " | ".join(cells) + " |")
    md += ["", f"## Per kind (hit@1 / hit@{k}; oos: abstention recall)", "",
           "| kind (n) | " + " | ".join(modes) + " |", "|---|" + "---:|" * len(modes)]
    for label, cells in kind_rows(summaries, k):
        md.append(f"| {label} | " + " | ".join(cells) + " |")
    for mode in modes:
        fl = failures(results[mode], k)
        md += ["", f"## Failures: {mode} ({len(fl)})", ""]
        if not fl:
            md.append("None.")
            continue
        md += ["| id | kind | question | expected | shown instead |", "|---|---|---|---|---|"]
        for r in fl:
            q = r.question + (f" (after: {' / '.join(r.history)})" if r.history else "")
            exp = " | ".join(r.answers) if r.in_scope else "abstain"
            if r.in_scope and r.first_rank:
                exp += f" (rank {r.first_rank})"
            shown = "<br>".join(_md_escape(p) for p in shown_preview(r, limit=2, chars=60))
            md.append(f"| {r.id} | {r.kind} | {_md_escape(q)} | {_md_escape(exp)} | {shown} |")
    return "\n".join(md) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def write_chart(summaries: dict[str, Summary], k: int, out_png: Path) -> Path:
    """Grouped bars: overall hit@1/3/5 and MRR per mode; per-kind hit@k (oos: abstention recall)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = list(summaries)
    first = next(iter(summaries.values()))
    kinds = sorted({kind for s in summaries.values() for kind in s.per_kind})
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [1, 2]})
    width = 0.8 / max(1, len(modes))

    overall = [f"hit@{kk}" for kk in sorted(first.hit_at)] + ["MRR", "nDCG@10"]
    for i, m in enumerate(modes):
        s = summaries[m]
        vals = [s.hit_at.get(kk) or 0.0 for kk in sorted(first.hit_at)] + [s.mrr or 0.0, s.ndcg10 or 0.0]
        xs = [j + (i - (len(modes) - 1) / 2) * width for j in range(len(overall))]
        bars = ax1.bar(xs, vals, width, label=m)
        ax1.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax1.set_xticks(range(len(overall)), overall)
    ax1.set_ylim(0, 1.1)
    ax1.set_title("in-scope questions, overall")
    ax1.axhline(0.9, color="grey", lw=0.6, ls="--")

    labels = []
    for kind in kinds:
        n = max((s.per_kind[kind].n for s in summaries.values() if kind in s.per_kind), default=0)
        labels.append(f"{kind}\n(n={n})")
    for i, m in enumerate(modes):
        vals = []
        for kind in kinds:
            ks = summaries[m].per_kind.get(kind)
            vals.append((ks.success(k) if ks else None) or 0.0)
        xs = [j + (i - (len(modes) - 1) / 2) * width for j in range(len(kinds))]
        bars = ax2.bar(xs, vals, width, label=m)
        ax2.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax2.set_xticks(range(len(kinds)), labels)
    ax2.set_ylim(0, 1.1)
    ax2.set_title(f"per kind: hit@{k} (oos: abstention recall)")
    ax2.axhline(0.9, color="grey", lw=0.6, ls="--")
    handles, names = ax2.get_legend_handles_labels()
    fig.legend(handles, names, loc="upper center", ncol=len(modes), fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    out_png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_png, dpi=110)
    plt.close(fig)
    return out_png


def command_line(argv: Sequence[str]) -> str:
    return "planqa eval " + " ".join(_shell_quote(a) for a in argv)


def _shell_quote(arg: str) -> str:
    import shlex
    return shlex.quote(arg)

