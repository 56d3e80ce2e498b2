"""Load test of the chat server: ``python -m eval.load [--quick]``.

Starts ``python -m ui.app`` on 127.0.0.1 (a free port, BM25 by default, its own
PLANQA_HOME and temp folder), then simulates users, each with its own
``gradio_client.Client`` (its own web session):

  page     GET / and GET /config, as a browser does when it opens the page
  connect  the client's own handshake (config, API info, heartbeat)
  upload   one plan file through the /upload endpoint (only ``--uploaders`` users)
  ask      ``--questions`` questions through /ask (an uploader's last one is about its plan)
  refused  every tenth user also sends k=0, which must be refused in one line

Then bulk questions from ``--workers`` further clients until ``--total-questions``
have been asked in all; /config timed before the users and after the bulk;
clients closed (sessions end); the server's RSS sampled throughout. With
``--rounds N`` (default 2) all of that runs N times against the same server, each
round's uploads new plans, and the RSS is read after every round's sessions end:
memory the first round leaves is partly paid once (models, caches, the
allocator's arenas), memory a later round adds again is what a server running
for weeks would keep paying. Finally the server is stopped with SIGTERM and its
temp folder checked for leftovers.

Everything is bounded: at most ``--time-limit`` seconds of load (work not
started by then is reported as skipped) and loopback only. Writes
``eval/results/load/report.md`` and ``results.json`` (``--quick``: a small run, not saved
unless ``--out`` is given). Timing is reported, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from eval.metrics import percentile

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "eval" / "results" / "load"

QUESTIONS = [
    "2015年战略性新兴产业总产值是多少？",
    "什么是静脉产业？",
    "成都的生物产业发展重点是什么？",
    "电动车充电桩怎么建？",
    "专栏10有哪些工程？",
    "规划有哪些章节？",
    "个人所得税起征点是多少？",
    "新能源汽车产业发展重点是什么？",
]

# A small county plan, made distinct per user so that no two uploads are the same file.
PLAN_TEMPLATE = (
    "{name}数字乡村发展规划\n"
    "一、发展目标\n"
    "（一）总体目标。\n"
    "到2025年，{name}建成乡村光纤宽带网络，行政村5G覆盖率达到百分之九十，建成县级农产品电商服务中心{n}个。\n"
    "二、重点任务\n"
    "（一）智慧农业。\n"
    "推广大棚物联网监测设备，建设{name}农业大数据平台，培育智慧农业示范基地{n}十个。\n"
)
UPLOAD_QUESTION = "{name}农产品电商服务中心建几个？"


@dataclass
class Record:
    """Latencies (seconds) per step and errors (one line each)."""

    times: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    skipped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, step: str, seconds: float) -> None:
        with self.lock:
            self.times.setdefault(step, []).append(seconds)

    def fail(self, step: str, err: BaseException) -> None:
        with self.lock:
            self.errors.append(f"{step}: {type(err).__name__}: {' '.join(str(err).split())[:200]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MiB (Linux /proc)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def get(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def timed_config(url: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        get(url + "config")
        out.append(time.perf_counter() - t)
    return out


def leftovers(tmp: Path) -> dict:
    """What of the users' files is still on disk: session folders, and non-empty
    files in the web server's upload cache."""
    sessions = sorted(p.name for p in tmp.glob("planqa-ui-*"))
    cached = [p for p in tmp.glob("planqa-uploads-*/**/*") if p.is_file() and p.stat().st_size > 0]
    return {"session_folders": len(sessions), "cached_upload_files": len(cached)}


class Server:
    """``python -m ui.app`` in a child process with its own home and temp folder."""

    def __init__(self, work: Path, encoder: str, port: int | None = None, start_timeout: float = 300):
        self.work = work
        self.tmp = work / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "PLANQA_HOME": str(work / "home"), "PLANQA_ENCODER": encoder,
               "TMPDIR": str(self.tmp), "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1",
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        env.pop("GRADIO_TEMP_DIR", None)
        env.pop("PLANQA_UPLOAD_BASE", None)
        self.log_path = work / "server.log"
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "ui.app", "--port", str(self.port)], cwd=ROOT,
                                     env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + start_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                get(self.url, timeout=2)
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"server did not answer within {start_timeout:.0f} s")
                time.sleep(0.5)

    def rss(self) -> float:
        return rss_mb(self.proc.pid)

    def log_tail(self, n: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def stop(self, timeout: float = 60) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()
        return self.proc.returncode


class RssMonitor(threading.Thread):
    def __init__(self, server: Server, every: float = 0.5):
        super().__init__(daemon=True)
        self.server, self.every = server, every
        self.peak = 0.0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            value = self.server.rss()
            if value == value:
                self.peak = max(self.peak, value)
            self._halt.wait(self.every)

    def stop(self) -> float:
        self._halt.set()
        self.join(timeout=5)
        return self.peak


def run(users: int = 50, uploaders: int = 10, questions: int = 3, total_questions: int = 1000,
        workers: int = 10, time_limit: float = 900, encoder: str = "none", config_samples: int = 25,
        end_wait: float = 90, work: Path | None = None, rounds: int = 1) -> dict:
    """One load test of ``rounds`` rounds against one server; returns the results (see the module docstring)."""
    from gradio_client import Client, handle_file

    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="planqa-load-")) if own_work else Path(work)
    rec = Record()
    t_start = time.perf_counter()
    server = Server(work, encoder)
    start_s = time.perf_counter() - t_start
    monitor = RssMonitor(server)
    monitor.start()
    deadline = time.monotonic() + time_limit
    plans_dir = work / "plans"
    plans_dir.mkdir(exist_ok=True)
    asked = [0]
    base = [0]                                         # this round's first county number
    asked_lock = threading.Lock()
    try:
        timed_config(server.url, 3)                    # warm-up
        config_before = timed_config(server.url, config_samples)
        rss_before = server.rss()

        def ask(client, step: str, q: str, history=None) -> None:
            t = time.perf_counter()
            try:
                ans = client.predict(question=q, history=history, k=5, api_name="/ask")
                if not isinstance(ans, dict) or "excerpts" not in ans:
                    raise RuntimeError(f"unexpected answer {str(ans)[:80]}")
                rec.add(step, time.perf_counter() - t)
            except Exception as err:             # noqa: BLE001 - every failure is a reported error
                rec.fail(step, err)
            with asked_lock:
                asked[0] += 1

        def user(i: int) -> None:
            if time.monotonic() > deadline:
                rec.skipped += 1
                return
            t = time.perf_counter()
            try:
                get(server.url)
                get(server.url + "config")
                rec.add("page", time.perf_counter() - t)
            except Exception as err:             # noqa: BLE001
                rec.fail("page", err)
                return
            t = time.perf_counter()
            try:
                client = Client(server.url, verbose=False)
                rec.add("connect", time.perf_counter() - t)
            except Exception as err:             # noqa: BLE001
                rec.fail("connect", err)
                return
            try:
                qs = [QUESTIONS[(i + j) % len(QUESTIONS)] for j in range(questions)]
                if i < uploaders:
                    n = base[0] + i + 1                 # a new plan every round: new work, not a cache hit
                    name = f"第{n}号县"
                    path = plans_dir / f"county-{n}.txt"
                    path.write_text(PLAN_TEMPLATE.format(name=name, n=n), encoding="utf-8")
                    t = time.perf_counter()
                    try:
                        got = client.predict(handle_file(str(path)), api_name="/upload")
                        if not got.get("added"):
                            raise RuntimeError(f"upload not added: {got}")
                        rec.add("upload", time.perf_counter() - t)
                    except Exception as err:     # noqa: BLE001
                        rec.fail("upload", err)
                    qs[-1] = UPLOAD_QUESTION.format(name=name)
                history: list[str] = []
                for q in qs:
                    ask(client, "ask", q, history or None)
                    history.append(q)
                if i % 10 == 9:                         # a user's mistake: refused in one line, never served
                    t = time.perf_counter()
                    try:
                        client.predict(question=QUESTIONS[0], k=0, api_name="/ask")
                        rec.fail("refused", RuntimeError("k=0 was accepted"))
                    except Exception as err:     # noqa: BLE001
                        if "1 到 10" in str(err):
                            rec.add("refused", time.perf_counter() - t)
                        else:
                            rec.fail("refused", err)
            finally:
                client.close()

        per_round: list[dict] = []
        for rnd in range(rounds):
            base[0] = rnd * uploaders
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(user, range(users)))
            if rnd == 0:
                users_s = time.perf_counter() - t_start

            # the users' sessions end when their clients disconnect (heartbeat closes -> demo.unload)
            t = time.perf_counter()
            left = leftovers(server.tmp)
            while any(left.values()) and time.perf_counter() - t < end_wait:
                time.sleep(0.5)
                left = leftovers(server.tmp)
            sessions_end_s = time.perf_counter() - t

            # bulk questions until total_questions, from `workers` clients of their own
            clients = [Client(server.url, verbose=False) for _ in range(workers)]
            try:
                inflight = [0]

                def bulk(w: int, rnd: int = rnd) -> None:
                    n = 0
                    while time.monotonic() < deadline:
                        with asked_lock:
                            if asked[0] + inflight[0] >= (rnd + 1) * total_questions:
                                return
                            inflight[0] += 1
                        ask(clients[w], "ask_bulk", QUESTIONS[(w + n) % len(QUESTIONS)])
                        with asked_lock:
                            inflight[0] -= 1
                        n += 1

                with ThreadPoolExecutor(max_workers=workers) as pool:
                    list(pool.map(bulk, range(workers)))
                time.sleep(3)                              # let the last answers' work settle
                config_after = timed_config(server.url, config_samples)
                rss_after_questions = server.rss()
            finally:
                for c in clients:
                    c.close()

            time.sleep(5)                                  # the bulk clients' sessions end too
            config_end = timed_config(server.url, config_samples)
            rss_end = server.rss()
            per_round.append({"after_questions": round(rss_after_questions, 1),
                              "after_sessions_end": round(rss_end, 1)})
    finally:
        peak = monitor.stop()
        code = server.stop()
    after_stop = leftovers(server.tmp)
    upload_cache_left = len(list(server.tmp.glob("planqa-uploads-*")))
    log = server.log_tail(20000)
    tracebacks = log.count("Traceback (most recent call last)")
    user_error_lines = sum(1 for line in log.splitlines() if "planqa.ui: api ask: PlanQAError" in line)
    result = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "settings": {"users": users, "uploaders": uploaders, "questions_per_user": questions,
                     "total_questions": total_questions, "workers": workers, "encoder": encoder,
                     "time_limit_s": time_limit, "rounds": rounds},
        "server_start_s": round(start_s, 2),
        "users_phase_s": round(users_s - start_s, 2),
        "questions_asked": asked[0],
        "errors": rec.errors,
        "skipped": rec.skipped,                          # users not started before the time limit
        "questions_not_asked": max(0, rounds * total_questions - asked[0]),
        "steps": {step: summary(v) for step, v in sorted(rec.times.items())},
        "config_before_s": summary(config_before),
        "config_after_s": summary(config_after),
        "config_after_sessions_end_s": summary(config_end),
        "rss_mb": {"before": round(rss_before, 1), "after_questions": round(rss_after_questions, 1),
                   "peak": round(peak, 1), "after_sessions_end": round(rss_end, 1),
                   "growth_after_sessions_end": round(rss_end - rss_before, 1),
                   "rounds": per_round},
        "sessions_end_s": round(sessions_end_s, 1),
        "left_after_sessions_end": left,
        "left_after_stop": {**after_stop, "upload_cache_folders": upload_cache_left},
        "server_exit_code": code,
        "server_tracebacks": tracebacks,
        "server_user_error_lines": user_error_lines,
    }
    if own_work:
        shutil.rmtree(work, ignore_errors=True)
    return result


def summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(statistics.median(values), 4),
            "p95": round(percentile(values, 95), 4), "max": round(max(values), 4)}


def markdown(r: dict) -> str:
    s = r["settings"]
    lines = [
        "# Chat server load test",
        "",
        f"`python -m eval.load` at {r['when']} on {r['machine']}; server `python -m ui.app` on 127.0.0.1, "
        f"encoder `{s['encoder']}`.",
        "",
        f"{s['users']} users, each with its own `gradio_client.Client` (its own session): page load "
        f"(GET / + /config), connect, {s['questions_per_user']} questions through /ask; {s['uploaders']} of them "
        f"also upload a plan through /upload and ask about it. {s['workers']} users at a time. Then bulk questions "
        f"from {s['workers']} more clients up to {s['total_questions']} questions in all."
        + (f" All of that {s['rounds']} times against the same server, each round's uploads new plans."
           if s.get("rounds", 1) > 1 else ""),
        "",
        f"- errors: **{len(r['errors'])}**; users not started (time limit): {r['skipped']}; questions asked: "
        f"{r['questions_asked']} ({r['questions_not_asked']} not asked); server tracebacks: {r['server_tracebacks']}; "
        f"refused requests logged as one line each: {r['server_user_error_lines']}",
        "",
        "| step | n | p50 (s) | p95 (s) | max (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    for step, v in r["steps"].items():
        if v.get("n"):
            lines.append(f"| {step} | {v['n']} | {v['p50']:.3f} | {v['p95']:.3f} | {v['max']:.3f} |")
    cb, ca = r["config_before_s"], r["config_after_s"]
    m = r["rss_mb"]
    lines += [
        "",
        f"- GET /config: p50 {cb['p50'] * 1000:.0f} ms before any user, {ca['p50'] * 1000:.0f} ms after "
        f"{r['questions_asked']} questions, {r['config_after_sessions_end_s']['p50'] * 1000:.0f} ms once the "
        f"sessions ended (p95 {cb['p95'] * 1000:.0f} / {ca['p95'] * 1000:.0f} / "
        f"{r['config_after_sessions_end_s']['p95'] * 1000:.0f} ms; {cb['n']} requests each)",
        f"- server RSS: {m['before']:.0f} MiB before, {m['after_questions']:.0f} after the questions, peak "
        f"{m['peak']:.0f}, {m['after_sessions_end']:.0f} after the sessions ended "
        f"(growth {m['growth_after_sessions_end']:+.0f} MiB; bound 200)",
        *([f"- after each round's sessions ended: " + ", ".join(
            f"{x['after_sessions_end']:.0f} MiB ({x['after_sessions_end'] - prev:+.0f})"
            for x, prev in zip(m["rounds"], [m["before"]] + [y["after_sessions_end"] for y in m["rounds"]]))
           + " — growth a later round adds again is what a long-running server keeps paying"]
          if len(m.get("rounds", [])) > 1 else []),
        f"- the {s['users']} users' sessions ended {r['sessions_end_s']:.1f} s after the last client closed; "
        f"left on disk then: "
        f"{r['left_after_sessions_end']['session_folders']} session folders, "
        f"{r['left_after_sessions_end']['cached_upload_files']} cached upload files",
        f"- after SIGTERM (exit code {r['server_exit_code']}): {r['left_after_stop']['session_folders']} session "
        f"folders, {r['left_after_stop']['upload_cache_folders']} upload-cache folders left",
    ]
    if r["errors"]:
        lines += ["", "Errors (first 20):", ""] + [f"- {e}" for e in r["errors"][:20]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.load", description=__doc__.split("\n")[0])
    p.add_argument("--users", type=int, default=50)
    p.add_argument("--uploaders", type=int, default=10)
    p.add_argument("--questions", type=int, default=3)
    p.add_argument("--total-questions", type=int, default=1000)
    p.add_argument("--workers", type=int, default=10, help="users served at once (default 10)")
    p.add_argument("--time-limit", type=float, default=900, help="seconds of load at most (default 900)")
    p.add_argument("--encoder", default="use-multilingual-v3",
                   help="the server's encoder (default: the app's default dense encoder; none: BM25)")
    p.add_argument("--rounds", type=int, default=2,
                   help="the whole load this many times against one server (default 2): a later round's growth "
                        "is what would repeat, the first's includes what is paid once")
    p.add_argument("--quick", action="store_true", help="10 users, 2 uploaders, 50 questions; nothing saved")
    p.add_argument("--out", type=Path, help=f"folder for report.md and results.json (default {OUT})")
    args = p.parse_args(argv)
    if args.quick:
        args.users, args.uploaders, args.total_questions, args.workers = 10, 2, 50, 3
    r = run(users=args.users, uploaders=args.uploaders, questions=args.questions,
            total_questions=args.total_questions, workers=args.workers, time_limit=args.time_limit,
            encoder=args.encoder, rounds=args.rounds)
    text = markdown(r)
    print(text)
    out = args.out or (None if args.quick else OUT)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "results.json").write_text(json.dumps(r, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (out / "report.md").write_text(text, encoding="utf-8")
    return 0 if not r["errors"] else 1


if __name__ == "__main__":                              # pragma: no cover
    raise SystemExit(main())
