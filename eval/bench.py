"""Speed benchmark: ``python -m eval.bench [--quick]`` (also ``planqa bench``).

Measures, in one run, on the shipped plan:
  index build cold (fresh embedding cache: tokenize + BM25 + encode + faiss) and
  warm (embedding cache hit), BM25-only build, encoder load, index folder load;
  retrieval-only latency (bm25; dense and hybrid with a precomputed query
  vector; query encoding on its own); ``ask`` latency per mode; cold start of
  ``planqa ask`` in a fresh process with a built index; peak memory.
and the scaling series on synthetic corpora (``eval.synth``) of 1, 10, 100,
1000 plans: BM25 build and query time, ours against rank-bm25 (ratio), the
product retriever's bm25 search latency, and faiss on synthetic vectors.
Each scaling size runs in its own process so its peak memory is its own.

Writes eval/results/bench.md and bench.json (``--quick``: bench-quick.*).
Latencies are medians (p50) and p95 over all (query x repeat) samples; build
times are medians over repeats. Timing only; nothing here asserts speed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from eval.metrics import percentile
from eval.qset import load_questions

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "eval" / "questions" / "dev.jsonl"
RESULTS = ROOT / "eval" / "results"
COLD_QUESTION = "2015年战略性新兴产业总产值是多少？"
from index.encoders import DEFAULT_ENCODER as DENSE_ENCODER


# ----------------------------------------------------------------------------- helpers
def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def timed(fn: Callable, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def lat(samples_s: Sequence[float]) -> dict:
    ms = [s * 1000.0 for s in samples_s]
    return {"n": len(ms), "p50_ms": _r(percentile(ms, 50)), "p95_ms": _r(percentile(ms, 95)),
            "max_ms": _r(max(ms) if ms else None)}


def med(samples_s: Sequence[float]) -> dict:
    return {"n": len(samples_s), "median_s": _r(percentile(samples_s, 50), 4),
            "min_s": _r(min(samples_s) if samples_s else None, 4)}


def _r(x, nd: int = 3):
    return None if x is None else round(float(x), nd)


def proc_status_mb(field: str) -> float | None:
    """A memory line of /proc/self/status (VmHWM: peak, VmRSS: now) in MiB; None where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024.0, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def peak_rss_mb() -> float:
    """Peak resident memory of this process (MiB): VmHWM from /proc (reset at exec, so a child
    started from a big parent reports its own peak), else ``getrusage`` ru_maxrss."""
    hwm = proc_status_mb("VmHWM")
    if hwm is not None:
        return hwm
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)   # Linux: KiB


# Runs ``python -m MODULE ARGS`` in-process and reports its own peak memory (VmHWM) on stderr;
# imports nothing beyond the stdlib so the timing is that of ``python -m MODULE``.
_MODULE_WITH_PEAK = (
    "import runpy, sys\n"
    "mod = sys.argv[1]; sys.argv = [mod] + sys.argv[2:]\n"
    "try:\n    runpy.run_module(mod, run_name='__main__', alter_sys=True)\n"
    "finally:\n"
    "    try:\n"
    "        hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
    "        print(f'__PEAK_RSS_MB__ {int(hwm) / 1024:.1f}', file=sys.stderr)\n"
    "    except (OSError, IndexError, ValueError):\n"
    "        pass\n"
)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem_gb = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.release()}", "numpy": np.__version__}


def run_child(argv: list[str], env: dict | None = None, capture: bool = True) -> tuple[int, str, str, float, float]:
    """Run a child process; (returncode, stdout, stderr, wall seconds, peak RSS MiB of that child).

    The peak is the child's own ``__PEAK_RSS_MB__`` report when it prints one
    (see ``module_argv``); otherwise wait4's ru_maxrss, which on Linux also
    counts the parent's memory at fork time, so it is an upper bound.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=err if capture else None, env=env, cwd=str(ROOT))
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        so, se = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        peak = round(ru.ru_maxrss / 1024.0, 1)
        for line in (so + "\n" + se).splitlines():
            if line.startswith("__PEAK_RSS_MB__ "):
                peak = float(line.split()[1])
        return p.returncode, so, se, wall, peak


def module_argv(module: str, *args: str) -> list[str]:
    """argv for ``python -m module args`` that also reports the child's own peak memory."""
    return [sys.executable, "-c", _MODULE_WITH_PEAK, module, *args]


def dev_questions():
    return load_questions(DEV)


# ----------------------------------------------------------------------------- shipped plan
def bench_build(clauses, encoder, repeat: int, tmp: Path) -> dict:
    """Cold (fresh embedding cache) and warm (cache hit) builds, BM25-only build, save + load."""
    from index import Retriever

    out: dict = {"n_clauses": len(clauses)}
    bm = [timed(Retriever.build, clauses, encoder=None, mode="bm25")[1] for _ in range(repeat)]
    out["bm25_only"] = med(bm)
    if encoder is None:
        return out
    from index import embcache
    cold, warm, parts = [], [], []
    r = None
    for i in range(repeat):
        cache = tmp / f"cache-cold-{i}"
        shipped, embcache.SHIPPED = embcache.SHIPPED, None      # cold: not even the package's vectors
        try:
            r, s = timed(Retriever.build, clauses, encoder=encoder, mode="hybrid", cache_dir=cache)
        finally:
            embcache.SHIPPED = shipped
        assert r.info.get("embedding_cache_misses", 1) > 0
        cold.append(s)
        parts.append({k: _r(v, 3) for k, v in r.info.items() if k.endswith("_s")})
        r2, s2 = timed(Retriever.build, clauses, encoder=encoder, mode="hybrid", cache_dir=cache)
        warm.append(s2)
        out["warm_cache_hits"] = r2.info.get("embedding_cache_hits")
    out["cold"] = med(cold)
    out["warm"] = med(warm)
    out["cold_parts_first"] = parts[0]
    folder = tmp / "index-folder"
    _, save_s = timed(r.save, folder)
    loads = [timed(Retriever.load, folder)[1] for _ in range(repeat)]
    out["save_s"] = _r(save_s, 4)
    out["load"] = med(loads)
    return out


def bench_retrieval(retriever, queries: list[str], passes: int, has_dense: bool) -> dict:
    out = {"queries": len(queries), "passes": passes}
    samples = []
    for _ in range(passes):
        for q in queries:
            samples.append(timed(retriever.search, q, k=10, mode="bm25")[1])
    out["bm25"] = lat(samples)
    if not has_dense:
        return out
    enc = retriever.encoder
    enc_s = [timed(enc.encode, [q])[1] for _ in range(passes) for q in queries]
    out["encode_query"] = lat(enc_s)
    vecs = {q: v for q, v in zip(queries, retriever.encode_queries(queries))}
    for mode in ("dense", "hybrid"):
        samples = []
        for _ in range(passes):
            for q in queries:
                samples.append(timed(retriever.search, q, k=10, mode=mode, query_vector=vecs[q])[1])
        out[f"{mode}_precomputed_vector"] = lat(samples)
    samples = []
    for _ in range(passes):
        for q in queries:
            samples.append(timed(retriever.search_vector, vecs[q], k=10)[1])
    out["faiss_only"] = lat(samples)
    return out


def bench_ask(pa, questions, modes: Sequence[str], passes: int) -> dict:
    """Warm ``ask`` latency per mode over the dev questions (with their history).

    The retriever memoises query vectors; the memo is cleared before each pass
    so every pass encodes its queries as a new user question would.
    """
    out = {"questions": len(questions), "passes": passes}
    for mode in modes:
        samples = []
        for _ in range(passes):
            memo = getattr(pa.retriever, "_qvec_cache", None)
            if memo is not None:
                memo.clear()
            for q in questions:
                samples.append(timed(pa.ask, q.question, history=list(q.history) or None, k=5, mode=mode)[1])
        out[mode] = lat(samples)
    return out


def bench_cold_start(home: Path, encoder_name: str, modes: Sequence[str], repeat: int) -> dict:
    """Process start to printed answer: ``python -m assistant ask Q --mode M`` with a built index."""
    env = dict(os.environ, PLANQA_HOME=str(home), PYTHONPATH=str(ROOT), PLANQA_ENCODER=encoder_name)
    out: dict = {"question": COLD_QUESTION, "repeat": repeat}
    base = [run_child([sys.executable, "-c", "pass"], env)[3] for _ in range(repeat)]
    out["python_startup"] = med(base)
    for mode in modes:
        walls, rss, rc_bad = [], [], None
        for _ in range(repeat):
            rc, so, se, wall, peak = run_child(module_argv("assistant", "ask", COLD_QUESTION, "--mode", mode), env)
            if rc != 0:
                rc_bad = f"exit {rc}: {(se.strip().splitlines() or [''])[-1][:200]}"
                break
            walls.append(wall)
            rss.append(peak)
        out[mode] = med(walls) if rc_bad is None else {"error": rc_bad}
        if rss:
            out[mode]["peak_rss_mb"] = max(rss)
    return out


def bench_first_build_cli(repeat: int) -> dict:
    """``planqa build`` in a fresh process with an empty PLANQA_HOME (what a new user waits for)."""
    walls, rss = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="planqa-bench-home-") as home:
            env = dict(os.environ, PLANQA_HOME=home, PYTHONPATH=str(ROOT), PLANQA_QUIET="1")
            rc, so, se, wall, peak = run_child(module_argv("assistant", "build"), env)
            if rc != 0:
                return {"error": f"exit {rc}: {(se.strip().splitlines() or [''])[-1][:200]}"}
            walls.append(wall)
            rss.append(peak)
    return {**med(walls), "peak_rss_mb": max(rss)}


def bench_shipped(args) -> dict:
    import corpus
    from index import get_encoder

    qs = dev_questions()
    queries = [q.question for q in qs]
    out: dict = {}
    docs, s = timed(corpus.load_shipped)
    out["load_plan_s"] = _r(s, 4)
    clauses = [c for d in docs for c in d.clauses]
    with tempfile.TemporaryDirectory(prefix="planqa-bench-") as tmpname:
        tmp = Path(tmpname)
        home = tmp / "home"
        old_home = os.environ.get("PLANQA_HOME")
        os.environ["PLANQA_HOME"] = str(home)
        encoder = None
        if not args.no_dense:
            log(f"loading the {DENSE_ENCODER} encoder")
            encoder, s = timed(get_encoder, DENSE_ENCODER)
            _, s2 = timed(encoder.encode, ["测试"])
            out["encoder_load_s"] = _r(s, 3)
            out["encoder_first_encode_s"] = _r(s2, 3)
        log(f"index builds x{args.build_repeat}")
        out["build"] = bench_build(clauses, encoder, args.build_repeat, tmp)
        out["peak_rss_after_builds_mb"] = peak_rss_mb()

        from assistant import PlanAssistant
        if (tmp / "cache-cold-0").is_dir():   # reuse the embeddings: the assistant's build is then warm
            import shutil
            shutil.copytree(tmp / "cache-cold-0", home / "embeddings")
        log("assistant: open/build its default index (warm embedding cache)")
        pa, s = timed(PlanAssistant, encoder=encoder if encoder is not None else "none")
        _, s2 = timed(lambda: pa.retriever)
        out["assistant_first_open_s"] = _r(s + s2, 3)
        has_dense = getattr(pa.retriever, "dense", None) is not None
        modes = ["bm25", "dense", "hybrid"] if has_dense else ["bm25"]
        log(f"retrieval latency x{args.passes}")
        out["retrieval"] = bench_retrieval(pa.retriever, queries, args.passes, has_dense)
        log(f"ask latency x{args.ask_passes} per mode")
        out["ask"] = bench_ask(pa, qs, modes, args.ask_passes)
        out["peak_rss_shipped_mb"] = peak_rss_mb()
        log(f"cold start x{args.cold_repeat}")
        out["cold_start"] = bench_cold_start(home, pa.encoder_name, ["bm25", "hybrid"] if has_dense else ["bm25"], args.cold_repeat)
        if not args.quick and has_dense:
            log("planqa build in a fresh process, empty cache")
            out["first_build_cli"] = bench_first_build_cli(1)
        if old_home is None:
            os.environ.pop("PLANQA_HOME", None)
        else:
            os.environ["PLANQA_HOME"] = old_home
    return out


# ----------------------------------------------------------------------------- scaling
def _interned(tokenize):
    def tok(text):
        return [sys.intern(t) for t in tokenize(text)]
    return tok


def _top10(scores: np.ndarray) -> np.ndarray:
    k = min(10, scores.size)
    idx = np.argpartition(-scores, k - 1)[:k]
    return idx[np.argsort(-scores[idx], kind="stable")]


def scale_one(n_plans: int, n_queries: int, n_rank_queries: int, dense_cap: int, repeat: int) -> dict:
    """One size of the scaling series (run in a child process)."""
    import corpus
    from rank_bm25 import BM25Okapi

    from eval.synth import synthetic_corpus
    from index import BM25Index, BM25Params, Retriever, RetrieverConfig, harvest_vocabulary, make_tokenizer
    from index.retriever import title_text
    from index.vectors import VectorIndex

    base = [c for d in corpus.load_shipped() for c in d.clauses]
    tok = _interned(make_tokenizer(harvest_vocabulary(base)))
    out: dict = {"plans": n_plans}
    clauses, s = timed(synthetic_corpus, base, n_plans, 7)
    out["clauses"] = len(clauses)
    out["chars"] = sum(len(c.text) for c in clauses)
    out["synth_s"] = _r(s, 2)
    log(f"{n_plans} plans: {len(clauses)} clauses; tokenizing")
    t0 = time.perf_counter()
    body = [tok(c.text) for c in clauses]
    titles = [tok(title_text(c)) for c in clauses]
    out["tokenize_s"] = _r(time.perf_counter() - t0, 2)
    cfg = RetrieverConfig()
    params = BM25Params(k1=cfg.k1, b=cfg.b, title_weight=cfg.title_weight)

    log(f"{n_plans} plans: BM25 builds")
    sparse, s = timed(BM25Index.build, body, titles, params)
    out["ours_build_two_fields_s"] = _r(s, 3)
    body_only, s = timed(BM25Index.build, body, None, BM25Params(k1=cfg.k1, b=cfg.b))
    out["ours_build_body_s"] = _r(s, 3)
    rank, s = timed(BM25Okapi, body, k1=cfg.k1, b=cfg.b, epsilon=0.25)
    out["rank_bm25_build_s"] = _r(s, 3)
    out["build_ratio_rank_over_ours"] = _r(out["rank_bm25_build_s"] / max(out["ours_build_body_s"], 1e-9), 1)

    qs = [q.question for q in dev_questions() if q.in_scope][:n_queries]
    qtok = [tok(q) for q in qs]
    ours = []
    for _ in range(repeat):
        for t in qtok:
            ours.append(timed(lambda: _top10(body_only.field_scores(t)))[1])
    out["ours_query"] = lat(ours)
    rq = qtok[:n_rank_queries]
    rank_s, diffs = [], []
    for t in rq:
        top, s = timed(lambda: _top10(np.asarray(rank.get_scores(t), dtype=np.float64)))
        rank_s.append(s)
        diffs.append(float(np.max(np.abs(np.asarray(rank.get_scores(t)) - body_only.field_scores(t)))))
    out["rank_bm25_query"] = lat(rank_s)
    out["rank_bm25_queries"] = len(rq)
    out["max_abs_score_diff"] = max(diffs) if diffs else None
    out["query_ratio_rank_over_ours"] = _r(out["rank_bm25_query"]["p50_ms"] / max(out["ours_query"]["p50_ms"], 1e-9), 1)
    del rank

    retriever = Retriever(clauses, sparse, None, None, tok, cfg, "bm25")
    samples = []
    for _ in range(repeat):
        for q in qs:
            samples.append(timed(retriever.search, q, k=10, mode="bm25")[1])
    out["retriever_bm25_search"] = lat(samples)

    if len(clauses) <= dense_cap:
        vecs, how = synthetic_vectors(base, clauses, n_plans)
        out["faiss_vectors"] = how
        log(f"{n_plans} plans: faiss on {how}")
        vindex, s = timed(VectorIndex.build, vecs, None, cfg.hnsw_threshold)
        out["faiss_kind"] = vindex.kind
        out["faiss_build_s"] = _r(s, 3)
        rng = np.random.default_rng(n_plans + 1)
        qv = vecs[rng.integers(0, len(vecs), max(1, n_queries))]
        qv = qv + 0.5 * rng.standard_normal(qv.shape, dtype=np.float32) / np.sqrt(qv.shape[1])
        qv /= np.linalg.norm(qv, axis=1, keepdims=True)
        samples = []
        for _ in range(repeat):
            for v in qv:
                samples.append(timed(vindex.search, v[None, :], 50)[1])
        out["faiss_search_k50"] = lat(samples)
        from index.vectors import brute_force
        _, got = vindex.search(qv, 10)
        _, want = brute_force(vecs, qv, 10)
        out["faiss_recall_at_10"] = _r(np.mean([len(set(g) & set(w)) / len(w) for g, w in zip(got, want)]), 4)
    else:
        out["faiss_kind"] = f"skipped (> {dense_cap} vectors)"
    out["peak_rss_self_mb"] = peak_rss_mb()
    return out


def scale_one_milvus(n_plans: int, n_queries: int, repeat: int) -> dict:
    """One size of the scaling series on the Milvus backend (milvus-lite in a temp folder, BM25 mode), in its
    own child process so its memory (the milvus-lite server runs in-process) is its own."""
    import corpus

    from eval.synth import synthetic_corpus
    from index import harvest_vocabulary, make_tokenizer
    from index.milvus import MilvusRetriever

    base = [c for d in corpus.load_shipped() for c in d.clauses]
    tok = _interned(make_tokenizer(harvest_vocabulary(base)))
    clauses = synthetic_corpus(base, n_plans, 7)
    out: dict = {"plans": n_plans, "clauses": len(clauses)}
    qs = [q.question for q in dev_questions() if q.in_scope][:n_queries]
    tok("预热")                      # jieba's dictionary and the client library load outside the timing,
    import pymilvus  # noqa: F401   # as in the in-process figures
    with tempfile.TemporaryDirectory(prefix="planqa-bench-milvus-") as tmp:
        log(f"{n_plans} plans: milvus-lite build ({len(clauses)} clauses)")
        r, s = timed(MilvusRetriever.open, Path(tmp) / "idx", clauses, encoder=None, tokenize=tok)
        out["build_s"] = _r(s, 2)
        out["write_s"] = _r(r.info.get("milvus_write_s"), 2)
        out["rss_after_build_mb"] = proc_status_mb("VmRSS")
        try:
            for q in qs[:3]:
                r.search(q, k=10, mode="bm25")
            samples = [timed(r.search, q, k=10, mode="bm25")[1] for _ in range(repeat) for q in qs]
            out["bm25_search"] = lat(samples)
            r2, s2 = timed(MilvusRetriever.open, Path(tmp) / "idx", clauses, encoder=None, tokenize=tok)
            out["reopen_s"] = _r(s2, 2)
            out["reopen_action"] = r2.info.get("action")
            r2.close()
        finally:
            r.close()
        out["disk_mb"] = round(sum(f.stat().st_size for f in (Path(tmp) / "idx").rglob("*") if f.is_file()) / 2**20, 1)
    out["peak_rss_self_mb"] = peak_rss_mb()
    return out


def synthetic_vectors(base, clauses, seed: int) -> tuple[np.ndarray, str]:
    """Vectors for synthetic clauses: the dense embedding of the base clause at the same
    numbering path plus Gaussian noise (cosine ~0.9 to it), so the corpus clusters like
    real embeddings of near-copies do. Falls back to random unit vectors (the worst case
    for HNSW) when the encoder is unavailable."""
    rng = np.random.default_rng(seed)
    try:
        from index.embcache import CachedEncoder
        from index.encoders import get_encoder, planqa_home
        from index.retriever import dense_text

        enc = CachedEncoder(get_encoder(DENSE_ENCODER), planqa_home() / "embeddings")
        base_vecs = np.asarray(enc.encode([dense_text(c) for c in base]), dtype=np.float32)
        where = {c.clause_id.split(":", 1)[-1]: i for i, c in enumerate(base)}
        idx = np.fromiter((where[c.clause_id.split(":", 1)[-1]] for c in clauses), dtype=np.int64, count=len(clauses))
        vecs = base_vecs[idx] + 0.5 * rng.standard_normal((len(clauses), base_vecs.shape[1]),
                                                         dtype=np.float32) / np.sqrt(base_vecs.shape[1])
        how = f"perturbed {DENSE_ENCODER} embeddings of the shipped plan"
    except Exception as err:  # no encoder installed: say so in the report
        log(f"{DENSE_ENCODER} unavailable ({type(err).__name__}: {err}); random vectors")
        vecs = rng.standard_normal((len(clauses), 512), dtype=np.float32)
        how = "random unit vectors"
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.ascontiguousarray(vecs, dtype=np.float32), how


def bench_scaling(sizes: Sequence[int], n_queries: int, dense_cap: int, repeat: int, milvus: bool = False,
                  milvus_cap: int = 1000) -> list[dict]:
    rows = []
    for n in sizes:
        nrq = n_queries if n <= 10 else max(3, n_queries // 4) if n <= 100 else max(3, n_queries // 8)
        log(f"scaling: {n} plans (rank-bm25 on {nrq} queries)")
        rc, so, se, wall, peak = run_child([sys.executable, "-m", "eval.bench", "--scale-one", str(n),
                                            "--scale-queries", str(n_queries), "--scale-rank-queries", str(nrq),
                                            "--dense-cap", str(dense_cap), "--passes", str(repeat)],
                                           dict(os.environ, PYTHONPATH=str(ROOT)), capture=False)
        if rc != 0:
            rows.append({"plans": n, "error": f"child exited {rc}"})
            continue
        row = json.loads(so.strip().splitlines()[-1])
        row["wall_s"] = _r(wall, 1)
        row["peak_rss_mb"] = row.get("peak_rss_self_mb", peak)
        if milvus and n <= milvus_cap:
            log(f"scaling: {n} plans on Milvus (milvus-lite)")
            rc, so, se, wall, peak = run_child([sys.executable, "-m", "eval.bench", "--scale-one", str(n),
                                                "--scale-backend", "milvus", "--scale-queries", str(n_queries),
                                                "--passes", str(repeat)],
                                               dict(os.environ, PYTHONPATH=str(ROOT)), capture=False)
            if rc != 0:
                row["milvus"] = {"error": f"child exited {rc}"}
            else:
                row["milvus"] = json.loads(so.strip().splitlines()[-1])
                row["milvus"]["wall_s"] = _r(wall, 1)
        elif milvus:
            row["milvus"] = {"error": f"skipped (> {milvus_cap} plans, --milvus-cap)"}
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------- report
def _g(d: dict, *keys, default="n/a"):
    for k in keys:
        if not isinstance(d, dict) or k not in d or d[k] is None:
            return default
        d = d[k]
    return d


def render_markdown(res: dict) -> str:
    m = res["machine"]
    md = ["# planqa speed benchmark", "",
          f"Machine: {m['cpu']}, **{m['cores']} cores**, {m['memory_gb']} GB RAM; Python {m['python']}, "
          f"{m['platform']}. Run {res['date']} ({'quick' if res['quick'] else 'full'} run), code "
          f"{res.get('code', 'unknown')}.", "",
          f"Reproduce: `{res['command']}`", "",
          "Latencies are p50 / p95 over all (query × repeat) samples; build times are medians over "
          "repeats. The machine was shared with other work while measuring, so treat single figures "
          "as ±20%.", ""]
    sh = res.get("shipped")
    if sh:
        b = sh["build"]
        md += ["## Shipped plan", "",
               f"{b['n_clauses']} clauses. Plan load (parse) {sh['load_plan_s']} s; "
               f"{DENSE_ENCODER} encoder: first encode in a process (loads the model) {_g(sh, 'encoder_first_encode_s')} s.",
               "", "| index build | median s | runs |", "|---|---:|---:|",
               f"| BM25 only | {_g(b, 'bm25_only', 'median_s')} | {_g(b, 'bm25_only', 'n')} |",
               f"| hybrid, cold (empty embedding cache: tokenize + BM25 + encode + faiss) | "
               f"{_g(b, 'cold', 'median_s')} | {_g(b, 'cold', 'n')} |",
               f"| hybrid, warm (embedding cache hit: {_g(b, 'warm_cache_hits')} texts: sentence windows) | "
               f"{_g(b, 'warm', 'median_s')} | {_g(b, 'warm', 'n')} |",
               f"| save index folder | {_g(b, 'save_s')} | 1 |",
               f"| load index folder | {_g(b, 'load', 'median_s')} | {_g(b, 'load', 'n')} |"]
        if "first_build_cli" in sh:
            fb = sh["first_build_cli"]
            md.append(f"| `planqa build` in a fresh process, empty PLANQA_HOME | {_g(fb, 'median_s')} "
                      f"(peak RSS {_g(fb, 'peak_rss_mb')} MiB) | {_g(fb, 'n')} |")
        md += ["", f"Cold build parts (first run): `{json.dumps(_g(b, 'cold_parts_first', default={}))}`", ""]
        rt = sh["retrieval"]
        md += [f"### Retrieval only (`Retriever.search`, k=10; {rt['queries']} dev questions × {rt['passes']} passes)",
               "", "| what | p50 ms | p95 ms |", "|---|---:|---:|"]
        for key, label in (("bm25", "bm25"), ("dense_precomputed_vector", "dense, precomputed query vector"),
                           ("hybrid_precomputed_vector", "hybrid, precomputed query vector"),
                           ("faiss_only", "faiss only (`search_vector`)"),
                           ("encode_query", f"{DENSE_ENCODER}: encode one query")):
            if key in rt:
                md.append(f"| {label} | {rt[key]['p50_ms']} | {rt[key]['p95_ms']} |")
        a = sh["ask"]
        md += ["", f"### `ask` (warm assistant, k=5; {a['questions']} dev questions with history × {a['passes']} "
               "passes; query-vector memo cleared per pass)", "", "| mode | p50 ms | p95 ms | bar |", "|---|---:|---:|---|"]
        bars = {"bm25": ("p50 ≤ 20 ms", 20.0), "hybrid": ("p50 ≤ 150 ms", 150.0)}
        for mode in ("bm25", "dense", "hybrid"):
            if mode in a:
                bar = bars.get(mode)
                mark = ""
                if bar and a[mode]["p50_ms"] is not None:
                    mark = f"{'✅' if a[mode]['p50_ms'] <= bar[1] else '❌'} {bar[0]}"
                md.append(f"| {mode} | {a[mode]['p50_ms']} | {a[mode]['p95_ms']} | {mark} |")
        cs = sh["cold_start"]
        md += ["", f"### Cold start: `planqa ask \"{cs['question']}\" --mode M` (new process, built index)", "",
               "| mode | median s | peak RSS MiB | bar |", "|---|---:|---:|---|",
               f"| (python -c pass) | {_g(cs, 'python_startup', 'median_s')} | | |"]
        for mode in ("bm25", "hybrid"):
            if mode in cs:
                v = cs[mode]
                if "error" in v:
                    md.append(f"| {mode} | {v['error']} | | |")
                else:
                    ok = v["median_s"] is not None and v["median_s"] <= 5.0
                    md.append(f"| {mode} | {v['median_s']} | {_g(v, 'peak_rss_mb')} | {'✅' if ok else '❌'} ≤ 5 s |")
        md += ["", f"Peak RSS of the benchmark process after the builds: {sh['peak_rss_after_builds_mb']} MiB; "
               f"after retrieval and ask in all modes: {sh['peak_rss_shipped_mb']} MiB "
               f"(`resource.getrusage`{', includes the dense model' if 'encoder_load_s' in sh else ''}).", ""]
    sc = res.get("scaling")
    if sc:
        md += ["## Scaling on synthetic corpora", "",
               "Synthetic plans are recombined and perturbed copies of the shipped plan (`eval/synth.py`: clause "
               "texts swapped across positions, sentences exchanged, place names permuted, numbers scaled; own "
               "doc_id each). The tokenizer uses the shipped plan's harvested vocabulary. Each size runs in its own "
               "process; builds are single runs. BM25 query time = full score vector + top 10 on pre-tokenized "
               "queries, body field only, for ours (`BM25Index.field_scores`) and rank-bm25 (`BM25Okapi.get_scores`) "
               "alike; `max |Δscore|` checks both compute the same scores. rank-bm25 is slow at scale, so it is "
               "timed on fewer queries at 100 and 1000 plans (column *rank q*). The retriever column is the product "
               "path (`Retriever.search`, bm25 mode: query tokenizing, two fields, hits). faiss is timed on "
               "synthetic vectors (encoding 300k clauses would take hours on this machine): each synthetic "
               "clause gets the dense embedding of the shipped clause at its numbering path plus noise (cosine ≈ 0.9), "
               "queries likewise; so it measures the vector index, not the encoder. Exact `IndexFlatIP` below "
               "50,000 vectors, HNSW above; recall@10 is against brute force. (On *random* unit vectors, the "
               "worst case for HNSW, an earlier run of this benchmark measured at 1000 plans: HNSW build 439 s, "
               "recall@10 0.11.)", "",
               "| plans | clauses | tokenize s | ours build s | rank-bm25 build s | build ratio | ours query p50 ms | "
               "rank-bm25 query p50 ms | rank q | query ratio | max \\|Δscore\\| | retriever p50 / p95 ms | "
               "faiss (kind) build s / search k=50 p50 ms | peak RSS MiB |",
               "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
        for r in sc:
            if "error" in r:
                md.append(f"| {r['plans']} | {r['error']} |" + " |" * 12)
                continue
            diff = r.get("max_abs_score_diff")
            faiss_cell = (f"{r['faiss_kind']} {r['faiss_build_s']} / {r['faiss_search_k50']['p50_ms']} "
                          f"(recall@10 {r.get('faiss_recall_at_10', 'n/a')})"
                          if "faiss_build_s" in r else str(r.get("faiss_kind")))
            md.append(
                f"| {r['plans']} | {r['clauses']} | {r['tokenize_s']} | {r['ours_build_two_fields_s']} (body "
                f"{r['ours_build_body_s']}) | {r['rank_bm25_build_s']} | {r['build_ratio_rank_over_ours']}× | "
                f"{r['ours_query']['p50_ms']} | {r['rank_bm25_query']['p50_ms']} | {r['rank_bm25_queries']} | "
                f"{r['query_ratio_rank_over_ours']}× | {'n/a' if diff is None else f'{diff:.1e}'} | "
                f"{r['retriever_bm25_search']['p50_ms']} / {r['retriever_bm25_search']['p95_ms']} | {faiss_cell} | "
                f"{r['peak_rss_mb']} |")
        md.append("")
        if any("milvus" in r for r in sc):
            md += ["### In-process engine vs Milvus (milvus-lite), BM25 mode", "",
                   "Same clauses, tokenizer and BM25 weights (the Milvus backend stores them as sparse vectors and "
                   "returns the same hits). In-process: `BM25Index` build and `Retriever.search` from the table above, "
                   "peak RSS of that child (which also ran rank-bm25 and faiss, so it is an upper bound). Milvus: "
                   "`MilvusRetriever.open` on an empty folder (tokenize + in-memory BM25 build + writing both collections; "
                   "the write alone in brackets), "
                   "`search` p50/p95, reopen of the built index, disk use, and the child's peak / after-build RSS "
                   "(the milvus-lite server runs inside that process).", "",
                   "| plans | clauses | in-process tokenize + BM25 build s | in-process p50 / p95 ms | "
                   "in-process peak RSS MiB | "
                   "milvus build s (write) | milvus p50 / p95 ms | milvus reopen s | milvus RSS after build / peak MiB "
                   "| milvus disk MiB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
            for r in sc:
                mv = r.get("milvus")
                if mv is None or "error" in r:
                    continue
                ip = (f"| {r['plans']} | {r['clauses']} | {_r(r['tokenize_s'] + r['ours_build_two_fields_s'], 2)} | "
                      f"{r['retriever_bm25_search']['p50_ms']} / {r['retriever_bm25_search']['p95_ms']} | "
                      f"{r['peak_rss_mb']} |")
                if "error" in mv:
                    md.append(ip + f" {mv['error']} | | | | |")
                else:
                    md.append(ip + f" {mv['build_s']} ({mv['write_s']}) | {mv['bm25_search']['p50_ms']} / "
                              f"{mv['bm25_search']['p95_ms']} | {mv['reopen_s']} | {mv['rss_after_build_mb']} / "
                              f"{mv['peak_rss_self_mb']} | {mv['disk_mb']} |")
            md.append("")
    return "\n".join(md) + "\n"


# ----------------------------------------------------------------------------- main
def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small run: 1 build, fewer passes, 1 and 10 plans")
    p.add_argument("--sizes", help="scaling sizes, comma-separated (default 1,10,100,1000; quick 1,10)")
    p.add_argument("--no-dense", action="store_true", help="skip the dense encoder (BM25 only)")
    p.add_argument("--no-shipped", action="store_true", help="only the scaling series")
    p.add_argument("--no-scaling", action="store_true", help="only the shipped-plan figures")
    p.add_argument("--out", help="output stem (default eval/results/bench, quick: eval/results/bench-quick)")
    p.add_argument("--passes", type=int, help="repeats of each latency pass")
    p.add_argument("--dense-cap", type=int, help="largest synthetic corpus (clauses) for the faiss figures "
                   "(default 300000, quick 30000; HNSW is used from 50000 vectors)")
    p.add_argument("--scale-queries", type=int, help="queries per scaling size")
    p.add_argument("--milvus", action="store_true", help="add the Milvus backend (milvus-lite) to the scaling series")
    p.add_argument("--milvus-cap", type=int, default=1000, help="largest scaling size (plans) run on milvus-lite")
    # internal: one scaling size in a child process
    p.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    p.add_argument("--scale-rank-queries", type=int, help=argparse.SUPPRESS)
    p.add_argument("--scale-backend", default="memory", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    a.build_repeat = 1 if a.quick else 3
    a.passes = a.passes or (2 if a.quick else 5)
    a.ask_passes = 1 if a.quick else 3
    a.cold_repeat = 2 if a.quick else 5
    a.scale_queries = a.scale_queries or (10 if a.quick else 40)
    a.dense_cap = a.dense_cap if a.dense_cap is not None else (30_000 if a.quick else 300_000)
    try:
        a.sizes = [int(x) for x in (a.sizes or ("1,10" if a.quick else "1,10,100,1000")).split(",") if x.strip()]
    except ValueError:
        p.error(f"--sizes must be comma-separated integers, got {a.sizes!r}")
    return a


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.scale_one is not None and args.scale_backend == "milvus":
        print(json.dumps(scale_one_milvus(args.scale_one, args.scale_queries, args.passes), ensure_ascii=False))
        return 0
    if args.scale_one is not None:
        row = scale_one(args.scale_one, args.scale_queries, args.scale_rank_queries or args.scale_queries,
                        args.dense_cap, args.passes)
        print(json.dumps(row, ensure_ascii=False))
        return 0
    random.seed(0)
    res: dict = {"machine": machine(), "quick": args.quick,
                 "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 "command": " ".join(["python -m eval.bench", *argv])}
    from eval.report import source_version
    res["code"] = source_version()
    log(f"machine: {res['machine']['cpu']}, {res['machine']['cores']} cores")
    if not args.no_shipped:
        res["shipped"] = bench_shipped(args)
    if not args.no_scaling:
        res["scaling"] = bench_scaling(args.sizes, args.scale_queries, args.dense_cap, args.passes, args.milvus,
                                       args.milvus_cap)
    stem = Path(args.out) if args.out else RESULTS / ("bench-quick" if args.quick else "bench")
    stem.parent.mkdir(parents=True, exist_ok=True)
    md = render_markdown(res)
    stem.with_suffix(".md").write_text(md, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(md)
    log(f"wrote {stem.with_suffix('.md')} and {stem.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
