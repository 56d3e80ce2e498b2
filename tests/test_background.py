"""The background of known plans the abstention model compares a question's best match against."""
from __future__ import annotations

import numpy as np
import pytest

import corpus
from assistant import PlanAssistant, background
from conftest import PLAN_TXT, REPO
from index.encoders import E5_NAME

OTHER_PLAN = REPO / "eval" / "plans" / "zhuhai-talent-housing-measures.txt"


@pytest.fixture(scope="module")
def bg():
    b = background.load(E5_NAME)
    assert b is not None, "assistant/data/background.npz must ship for the default encoder"
    return b


def rows_of(b, plan_id):
    return int((b.plan_of == b.plans.index(plan_id)).sum())


def left_out(b, view, plan_id):
    """(rows of ``plan_id`` still in ``view``, rows of other plans left out of it)."""
    mine = b.plan_of == b.plans.index(plan_id)
    return int(view.keep[mine].sum()), int((~view.keep[~mine]).sum())


def test_the_background_ships_for_the_default_encoder_only(bg):
    assert len(bg.plans) >= 50 and "sc-sei-13" in bg.plans and "zhuhai-talent-housing-measures" in bg.plans
    assert bg.vectors.shape == (len(bg.keys), 384) and len(bg.plan_of) == len(bg.keys)
    assert np.allclose(np.linalg.norm(bg.vectors, axis=1), 1.0, atol=1e-2)
    assert background.load("universal-sentence-encoder-multilingual") is None


def test_a_loaded_plan_is_left_out_of_its_own_background(bg):
    shipped = corpus.load_document(PLAN_TXT)
    without = bg.excluding(c.text for c in shipped.clauses)
    kept, others = left_out(bg, without, "sc-sei-13")
    assert kept == 0 and others < 30         # other plans' clauses with the very same text (a few headings) go too
    # most of another plan loaded (a slightly different edition, say): the whole plan goes
    other = corpus.load_document(OTHER_PLAN).clauses
    part = bg.excluding(c.text for c in other[: len(other) // 2])
    kept, others = left_out(bg, part, "zhuhai-talent-housing-measures")
    assert kept == 0 and others < 30
    # a clause quoted in an unrelated document takes out that clause's windows only
    one = bg.excluding([other[5].text])
    assert 0 < len(bg) - len(one) < rows_of(bg, "zhuhai-talent-housing-measures")


def test_the_background_holds_every_corpus_plan_as_the_parser_reads_it_now(bg):
    """Rebuild it (python -m eval.background) when a plan is added or the parser changes."""
    from eval.corpus import plan_files
    plans = plan_files(REPO / "eval" / "plans")
    assert sorted(p.stem for p in plans) == sorted(p for p in bg.plans if p != "sc-sei-13")
    for path in plans:
        doc = corpus.load_document(path)
        keys = {background.clause_key(c.text) for c in doc.clauses}
        mine = bg.keys[bg.plan_of == bg.plans.index(path.stem)]
        assert set(mine.tolist()) == keys, path.stem


def test_another_edition_of_a_corpus_plan_is_left_out_by_its_vectors(bg):
    # a PDF or scan of a corpus plan: texts differ here and there (no hash matches), vectors barely
    rng = np.random.default_rng(0)
    mine = bg.vectors[bg.plan_of == bg.plans.index("zhuhai-talent-housing-measures")]
    edition = mine + rng.normal(0, 0.005, mine.shape).astype(np.float32)
    edition /= np.linalg.norm(edition, axis=1, keepdims=True)
    view = bg.excluding_copies(edition)
    kept, others = left_out(bg, view, "zhuhai-talent-housing-measures")
    assert kept == 0 and others == 0
    # an unrelated plan's vectors take nothing out
    other = bg.vectors[bg.plan_of == bg.plans.index("sc-sei-13")][:40]
    assert len(bg.excluding(plans=["sc-sei-13"]).excluding_copies(other)) == len(bg.excluding(plans=["sc-sei-13"]))


def test_a_plan_can_be_left_out_by_name(bg):
    assert len(bg.excluding(plans=["zhuhai-talent-housing-measures", "no-such-plan"])) == \
        len(bg) - rows_of(bg, "zhuhai-talent-housing-measures")
    qvec = bg.vectors[bg.plan_of == bg.plans.index("sc-sei-13")][0]
    assert bg.best(qvec) == pytest.approx(1.0, abs=1e-3)          # its own window
    assert bg.best(qvec) > bg.excluding(plans=["sc-sei-13"]).best(qvec)


def test_write_and_read_back_and_an_unreadable_file_means_no_background(tmp_path):
    v = np.eye(3, 4, dtype=np.float32)
    path = background.write(tmp_path / "bg.npz", "enc", {"a": (v[:2], ["甲", "乙"]), "b": (v[2:], ["丙"])})
    b = background.load("enc", path)
    assert b.plans == ("a", "b") and len(b) == 3 and b.plan_of.tolist() == [0, 0, 1]
    assert b.excluding(["乙"]).best(v[1]) == pytest.approx(0.0)
    assert b.excluding(["甲", "乙"]).excluding(plans=["b"]).best(v[0]) is None
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a numpy archive")
    assert background.load("enc", bad) is None
    assert background.load("enc", tmp_path / "missing.npz") is None


@pytest.mark.slow
def test_a_question_another_plan_answers_weighs_against_answering():
    pa = PlanAssistant(index_dir=None)          # the shipped plan, default (e5) encoder
    assert left_out(background.load(E5_NAME), pa.background, "sc-sei-13")[0] == 0
    own = pa.ask("页岩气开发有什么安排？")
    other = pa.ask("人才住房租赁期满以后还能续租吗？")      # answered by another corpus plan (珠海 人才住房)
    assert own.evidence["bg_margin"] > 0 > other.evidence["bg_margin"]
    assert not own.abstained and other.abstained
    # a topic other known plans share (普陀 installs 充电桩 for its sanitation trucks): the margin is
    # one signal among others, and the plan's own clauses on it still answer
    shared = pa.ask("电动汽车的充电桩以后要怎么建？")
    assert not shared.abstained and "充电" in shared.excerpts[0].text
    bm25 = pa.ask("电动汽车的充电桩以后要怎么建？", mode="bm25")
    assert "bg_margin" not in bm25.evidence
