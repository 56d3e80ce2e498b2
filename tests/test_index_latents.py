"""Latent terms (index/latents.py) and the re-ranker's last step that reads them (fast tests: a
stand-in encoder; the real sparse head is in test_index_latents_slow.py)."""
from __future__ import annotations

import numpy as np

from assistant import rerank
from index import latents
from index.hit import Hit


def test_packed_rows_keep_the_heaviest_concepts_and_score_shared_ones():
    row = latents.pack([7, 3, 900], [0.5, 2.0, 1.0])
    idx, val = latents.unpack(row)
    assert row.shape == (2 * latents.K,)
    assert idx[0][:3].tolist() == [3, 900, 7] and val[0][:3].tolist() == [2.0, 1.0, 0.5]
    assert (idx[0][3:] == -1).all() and (val[0][3:] == 0).all()
    q = latents.pack([3, 5], [1.0, 4.0])
    others = np.stack([latents.pack([5, 900], [1.0, 1.0]), latents.pack([1, 2], [9.0, 9.0]), row])
    # shared concepts only: 4*1; none; 1*2 (the padding never matches)
    assert latents.dot(q, others).tolist() == [4.0, 0.0, 2.0]


def test_a_long_concept_list_is_cut_to_the_heaviest():
    idx = list(range(latents.K + 40))
    row = latents.pack(idx, [float(i) for i in idx])
    kept, _ = latents.unpack(row)
    assert sorted(kept[0].tolist()) == idx[40:]


class _Counting:
    """Stands in for the sparse head: a text's concepts are its characters' code points."""
    name = "stand-in/latent-terms"
    dim = 2 * latents.K

    def __init__(self):
        self.encoded = []

    def _row(self, t):
        chars = sorted(set(t))
        return latents.pack([ord(c) for c in chars], [1.0] * len(chars))

    def encode(self, texts):
        self.encoded += list(texts)
        return np.stack([self._row(t) for t in texts])

    def encode_queries(self, texts):
        return np.stack([self._row(t) for t in texts])


def test_a_store_encodes_each_text_once_and_a_new_process_reads_the_disk(tmp_path):
    enc = _Counting()
    store = latents.LatentStore(enc, tmp_path)
    a = store.scores("充电桩", ["建设充电桩", "发展石墨烯", "建设充电桩"])
    assert a.tolist() == [3.0, 0.0, 3.0]
    assert enc.encoded == ["建设充电桩", "发展石墨烯"]
    store.scores("石墨烯", ["发展石墨烯", "推进氢能"])
    assert enc.encoded == ["建设充电桩", "发展石墨烯", "推进氢能"]
    fresh_enc = _Counting()
    fresh = latents.LatentStore(fresh_enc, tmp_path)       # another process: the cache on disk
    assert fresh.scores("氢能", ["推进氢能", "建设充电桩"]).tolist() == [2.0, 0.0]
    assert fresh_enc.encoded == []


def _hit(cid: str, text: str) -> Hit:
    return Hit(text=text, clause_id=cid, section_path=("一、",), pages=(1, 1), score=1.0, doc_id="d", title="",
               kind="clause", ranks={}, matched_terms=(), scores={"bm25": 1.0, "dense": 0.8})


def test_the_latent_step_reorders_only_the_first_clauses_by_a_fitted_weight():
    pool = [_hit(c, t) for c, t in (("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁"))]
    scores = {"a": 1.0, "b": 0.9, "c": 0.8, "d": 0.7}
    latent = {"a": 0.0, "b": 10.0, "c": 5.0, "d": 99.0}
    asked = []

    class Fixed(rerank.Reranker):
        def scores(self, feats):
            return [scores[h.clause_id] for h in pool]

    def lat(hits):
        asked.append([h.clause_id for h in hits])
        return np.array([latent[h.clause_id] for h in hits])

    plain = Fixed({}, {})
    assert [h.clause_id for h in plain.rerank(pool, {}, "问", latent=lat)] == ["a", "b", "c", "d"]
    assert asked == []                                       # no step fitted: nothing is encoded
    step = Fixed({}, {"latent": {"top": 3, "weight": 0.5}})
    # among a, b, c: 1.0 + 0; 0.9 + 0.5; 0.8 + 0.25 -> b, c, a; d (latent 99) stays outside
    assert [h.clause_id for h in step.rerank(pool, {}, "问", latent=lat)] == ["b", "c", "a", "d"]
    assert asked == [["a", "b", "c"]]
    assert [h.clause_id for h in step.rerank(pool, {}, "问", latent=lambda hits: None)] == ["a", "b", "c", "d"]


def test_latent_order_keeps_the_order_on_ties_and_equal_scores():
    assert rerank.latent_order([1.0, 0.9], [3.0, 3.0], 2.0) == [0, 1]
    assert rerank.latent_order([1.0, 0.9], [0.0, 1.0], 0.1) == [0, 1]
    assert rerank.latent_order([1.0, 0.9], [0.0, 1.0], 0.2) == [1, 0]


def test_the_shipped_model_has_a_latent_step():
    m = rerank.model()
    assert m is not None and m.latent_top > 1 and m.latent_weight > 0


def test_a_bm25_only_index_has_no_latent_terms(tmp_path):
    from assistant import PlanAssistant
    pa = PlanAssistant(encoder="none", index_dir=tmp_path / "bm25")
    hits = pa.retriever.search("新能源汽车", k=3)
    assert pa.retriever.latent_scores("新能源汽车", hits) is None
    assert pa.retriever.warm_latents() is None
