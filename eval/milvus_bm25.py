"""How BM25 should run on Milvus: its own BM25 (jieba analyzer) or our tokenizer's weights as sparse vectors.

    python -m eval.milvus_bm25 [eval/questions/dev.jsonl eval/questions/dev2.jsonl]

Retrieval only (no dialogue, no answer composer), top 5, in-scope questions,
the question text as the query; a hit is an excerpt containing an answer
phrase (``eval.metrics``). Variants:

- ``ours (sparse vectors)``: ``MilvusRetriever`` in bm25 mode: the project's
  tokenizer (plan vocabulary, search-mode sub-words, stopwords), two BM25 fields,
  thesaurus expansion at half weight, written into Milvus as sparse vectors.
- ``milvus bm25 jieba``: a VARCHAR field (section titles + clause text) with
  ``analyzer_params={"tokenizer": {"type": "jieba", "mode": "search"}}`` and our
  stopwords, a BM25 ``Function`` into a sparse field, ``bm25_k1``/``bm25_b`` = ours.
- ``+ plan dictionary``: the same with our tokenizer's vocabulary as the jieba ``dict``.
- ``+ dictionary + expansion``: and the thesaurus's plan terms appended to the query text.

Prints a table; timing is per query, p50 over all questions.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _metrics(ranked_texts, questions):
    from eval.metrics import first_hit_rank, relevance

    h1 = h5 = mrr = 0.0
    for texts, q in zip(ranked_texts, questions):
        r = first_hit_rank(relevance(texts[:5], q.answers))
        h1 += r == 1
        h5 += r is not None and r <= 5
        mrr += 1.0 / r if r else 0.0
    n = max(1, len(questions))
    return {"hit@1": round(h1 / n, 3), "hit@5": round(h5 / n, 3), "MRR": round(mrr / n, 3), "n": len(questions)}


def native_collection(client, name, clauses, vocabulary, config, stopwords):
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    from index.retriever import title_text

    tok = {"type": "jieba", "mode": "search"}
    if vocabulary is not None:
        tok["dict"] = ["_default_", *vocabulary]
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                analyzer_params={"tokenizer": tok, "filter": [{"type": "stop", "stop_words": sorted(stopwords)}]})
    s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    s.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["text"],
                            output_field_names=["sparse"]))
    ip = client.prepare_index_params()
    ip.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                 params={"bm25_k1": config.k1, "bm25_b": config.b})
    client.create_collection(name, schema=s, index_params=ip, consistency_level="Strong")
    rows = [{"id": i, "text": f"{title_text(c)}\n{c.text}"} for i, c in enumerate(clauses)]
    for at in range(0, len(rows), 1000):
        client.insert(name, rows[at:at + 1000])
    client.flush(name)


def main(argv=None) -> int:
    import corpus
    from eval.metrics import percentile
    from eval.qset import load_questions
    from index import RetrieverConfig, harvest_vocabulary, make_tokenizer
    from index.milvus import MilvusRetriever, connect
    from index.tokenize import STOPWORDS

    files = list(argv if argv is not None else sys.argv[1:]) or [str(ROOT / "eval/questions/dev.jsonl"),
                                                                 str(ROOT / "eval/questions/dev2.jsonl")]
    questions = [q for f in files for q in load_questions(f) if q.in_scope]
    clauses = tuple(c for d in corpus.load_shipped() for c in d.clauses)
    config = RetrieverConfig()
    rows = []
    with tempfile.TemporaryDirectory(prefix="planqa-bm25-") as tmp:
        ours = MilvusRetriever.open(Path(tmp) / "ours", clauses, encoder=None)
        try:
            texts, lat = [], []
            for q in questions:
                t0 = time.perf_counter()
                hits = ours.search(q.question, k=5, mode="bm25")
                lat.append(time.perf_counter() - t0)
                texts.append([h.text for h in hits])
            rows.append(("ours (sparse vectors)", _metrics(texts, questions), percentile(lat, 50)))
            vocab = make_tokenizer(harvest_vocabulary(clauses)).vocabulary
            client = connect(str(Path(tmp) / "native" / "milvus.db"))
            for label, name, words, expand in (("milvus bm25 jieba", "plain", None, False),
                                               ("+ plan dictionary", "dict", vocab, False),
                                               ("+ dictionary + expansion", "dict", vocab, True)):
                if not client.has_collection(name):
                    native_collection(client, name, clauses, words, config, STOPWORDS)
                texts, lat = [], []
                for q in questions:
                    query = q.question
                    if expand:
                        extra = ours.thesaurus.expansion_text(query)
                        query = f"{query} {extra}" if extra else query
                    t0 = time.perf_counter()
                    res = client.search(name, data=[query], anns_field="sparse", limit=5, output_fields=["id"],
                                        search_params={"metric_type": "BM25"})
                    lat.append(time.perf_counter() - t0)
                    texts.append([clauses[int(h["id"])].text for h in res[0]])
                rows.append((label, _metrics(texts, questions), percentile(lat, 50)))
            client.close()
        finally:
            ours.close()
    print(f"{len(questions)} in-scope questions from {', '.join(Path(f).name for f in files)}; "
          f"{len(clauses)} clauses; retrieval only, top 5\n")
    print("| BM25 on Milvus | hit@1 | hit@5 | MRR | query p50 ms |")
    print("|---|---:|---:|---:|---:|")
    for label, m, p50 in rows:
        print(f"| {label} | {m['hit@1']:.3f} | {m['hit@5']:.3f} | {m['MRR']:.3f} | {p50 * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
