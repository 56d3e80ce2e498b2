"""Synthetic corpora for the scaling benchmark: deterministic, unique ids, really perturbed."""
from __future__ import annotations

from corpus.model import Clause
from eval import synth


def base_clauses():
    texts = [
        "成都重点发展集成电路。到2020年产值达到100亿元；绵阳发展新型显示。",
        "德阳依托高新区，重点发展航空装备。乐山发展硅材料。",
        "2015年总产值5671.5亿元，为2010年的2.5倍。",
        "静脉产业是垃圾回收和再资源化利用的产业。",
    ]
    kinds = ["body", "body", "body", "glossary"]
    return [Clause(clause_id=f"sc-sei-13:三.{i}", doc_id="sc-sei-13", section_path=("推动成都发展", f"节{i}"),
                   title="", text=t, pages=(7, 7), span=(0, len(t)), kind=k)
            for i, (t, k) in enumerate(zip(texts, kinds))]


def test_sentences_round_trip():
    text = "甲。乙；丙"
    assert synth.split_sentences(text) == ["甲。", "乙；", "丙"]
    assert "".join(synth.split_sentences(text)) == text


def test_numbers_scale_but_years_stay():
    assert synth.perturb_number("2015", 2.0) == "2015"
    assert synth.perturb_number("100", 1.5) == "150"
    assert synth.perturb_number("5671.5", 2.0) == "11343.0"
    assert synth.perturb_number("3", 0.1) == "1"          # never 0
    assert synth.perturb_text("成都100亿元", {p: p for p in synth.PLACES} | {"成都": "绵阳"}, 2.0) == "绵阳200亿元"


def test_corpus_ids_unique_and_deterministic():
    base = base_clauses()
    a = synth.synthetic_corpus(base, 5, seed=3, per_plan=3)
    b = synth.synthetic_corpus(base, 5, seed=3, per_plan=3)
    assert a == b
    assert len(a) == 15
    assert len({c.clause_id for c in a}) == 15
    assert {c.doc_id for c in a} == {f"synth-{j:04d}" for j in range(1, 6)}
    assert all(c.clause_id.startswith(c.doc_id + ":三.") for c in a)
    assert synth.synthetic_corpus(base, 5, seed=4, per_plan=3) != a


def test_plans_differ_from_the_base_and_each_other():
    base = base_clauses()
    plans = [synth.synthetic_plan(base, j, seed=0) for j in range(1, 6)]
    texts = [tuple(c.text for c in p) for p in plans]
    assert len(set(texts)) == 5
    base_texts = {c.text for c in base}
    changed = sum(1 for p in plans for c in p if c.text not in base_texts)
    assert changed >= 10          # numbers and places are perturbed in most clauses
    glossary = [c for p in plans for c in p if c.kind == "glossary"]
    assert all(c.text == base[3].text for c in glossary)   # no number/place in it, never swapped
