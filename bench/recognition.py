"""`make bench-recognition`: issue #8's targets with a Redis broker and a running worker:
starting an async recognition (row 17, POST /api/recognition/ingredients/async) answers in
< 50 ms p95, and local OCR of a receipt in a worker takes under 2 s.

A script of its own rather than a `make bench` scenario: `make bench` serves its matrix without a
broker (jobs would run inline inside the measured request) and drives each scenario flat out,
which for this route only measures how fast a queue grows; this needs a Celery worker, an
upload per user, paced load only, and the worker's side read back from the job rows after the
queue has drained. It reuses make bench's pieces: servers.py (database, Gunicorn, Nginx, CPU
accounting), seed.py (users), wrk with a Lua script (lua/recognize.lua) and its report line.

What runs: MariaDB (its own database, migrated and imported) and Redis (app: BENCH_REDIS_URL,
db 13; broker: BENCH_BROKER_URL, db 12, both flushed), Gunicorn (gunicorn.conf.py defaults:
gthread 2/core x 8 threads) behind Nginx as deployed, with CELERY_BROKER_URL, and a Celery
worker as compose runs it (prefork, concurrency 2). RATELIMIT_AI_RECOGNITION is raised to
1000000/minute: the contract's 5/min per user would answer most of this load 429.
The users upload the 13-line receipt the OCR tests read (tests/integration/ai/local), each copy
with a ticket number of its own, one upload per request planned: see `receipt`.

Phases: warm-up (wrk 3 s, then the queue drains; the worker processes build their apps and draw
the five pictures once); isolated (BENCH_REC_ISOLATED jobs one at a time, each polled until done:
OCR time with nothing else running); then each load of BENCH_REC_LOAD ("think_ms:seconds", comma
separated; default 1000:30, i.e. 20 users pausing ~1 s) followed by a drain of the queue
(at most BENCH_REC_DRAIN_S, default 120 s; what is left is counted, then purged).

Environment: BENCH_REC_CONFIG [gthread-mysqldb+nginx], BENCH_REC_USERS [20],
BENCH_REC_CONCURRENCY [2], BENCH_REC_ISOLATED [10], BENCH_REC_LOAD [1000:30],
BENCH_REC_DRAIN_S [120], BENCH_BROKER_URL, BENCH_MYSQL_DATABASE [zw_bench_recognition],
BENCH_NICE as for make bench. Output: printed, and var/bench/recognition/summary.md + .json.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("BENCH_MYSQL_DATABASE", "zw_bench_recognition")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT)]
# Gunicorn, the worker and the CLI run this checkout's code, whatever the venv's editable
# install points at.
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])

import bench  # noqa: E402
import recognition_jobs as jobs  # noqa: E402
import redis  # noqa: E402
import scenarios  # noqa: E402
import servers  # noqa: E402
from recognition_seed import Receipts, call, planned  # noqa: E402
from seed import seed_users  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

RUN_DIR = servers.ROOT / "var" / "bench" / "recognition"
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12")
SCENARIO = scenarios.Scenario(
    "recognize_async", "POST /api/recognition/ingredients/async", "recognize.lua"
)


class Worker:
    """`celery -A zerowaste.entrypoints.worker worker` (prefork) in its own process group."""

    def __init__(self, env: dict[str, str], concurrency: int, log: Path | None = None) -> None:
        self.log = log or RUN_DIR / "worker.log"
        command = [str(servers.BIN / "celery"), "-A", "zerowaste.entrypoints.worker", "worker"]
        command += ["-P", "prefork", f"--concurrency={concurrency}", "-l", "INFO"]
        command += ["--without-gossip", "--without-mingle", "-n", "bench@%h"]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                servers.niced(command),
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while b" ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the worker did not start; see {self.log}")
            time.sleep(0.2)

    def cpu_seconds(self) -> float:
        """CPU used so far by the main process and its pool processes, with the children they
        reaped (tesseract). Not servers.cpu_seconds: given the pool processes as roots too, it
        counts them twice (as roots and as the main process's descendants)."""
        total = 0
        for pid in [self.process.pid, *servers.children(self.process.pid)]:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            total += sum(int(v) for v in stat[stat.rindex(")") + 2 :].split()[11:15])
        return total / servers.TICKS

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start(base_url: str, token: str, image_path: str) -> str:
    body = json.dumps({"images_paths": [image_path]}).encode()
    url = f"{base_url}/api/recognition/ingredients/async"
    return str(call(url, token, body, "application/json")["task_id"])


def isolated(base_url: str, uploads: Path) -> tuple[list[str], list[float]]:
    """Jobs one at a time: start, then poll the status until it is finished."""
    ids, seen = [], []
    for line in uploads.read_text().splitlines():
        token, path = line.split()
        began = time.monotonic()
        task = start(base_url, token, path)
        status = {"status": "pending"}
        while status["status"] in ("pending", "processing"):
            time.sleep(0.02)
            status = call(f"{base_url}/api/recognition/status/{task}", token)
        ids.append(task)
        seen.append(1000 * (time.monotonic() - began))
    return ids, seen


def uploads_count(path: Path) -> int:
    return len(path.read_text().splitlines())


def naive_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Run:
    """The measured processes and the phases run against them."""

    def __init__(self, config: servers.Config, users: int, concurrency: int) -> None:
        self.users, self.drain_limit = users, float(os.environ.get("BENCH_REC_DRAIN_S", "120"))
        extra = {"CELERY_BROKER_URL": BROKER_URL, "RATELIMIT_AI_RECOGNITION": "1000000/minute"}
        env = servers.app_env(config, RUN_DIR, "", extra)
        self.engine = create_engine(env["DATABASE_URL"])
        self.app = servers.Gunicorn(config, RUN_DIR, extra)
        self.edge = (
            servers.Nginx(f"127.0.0.1:{self.app.port}", RUN_DIR / "nginx") if config.nginx else None
        )
        self.url = self.edge.url if self.edge else self.app.url
        self.worker = Worker(env, concurrency)
        self.roots = [self.app.process.pid] + ([self.edge.pid] if self.edge else [])
        self.stack = servers.pids_of("mariadbd", "redis-server")

    def wrk(self, think_ms: int, seconds: int, uploads: Path) -> dict[str, Any]:
        """wrk's figures; its `stack_cpu_pct` is Gunicorn (+ Nginx), MariaDB and Redis."""
        mode = scenarios.Mode(f"paced {think_ms} ms", self.users, seconds, think_ms)
        extra = {"uploads": str(uploads)}
        return bench.run_wrk(self.url, SCENARIO, mode, extra, self.roots, self.stack)

    def isolated(self, uploads: Path) -> dict[str, Any]:
        before = self.worker.cpu_seconds()
        ids, seen = isolated(self.url, uploads)
        found = jobs.summary(jobs.rows_by_ids(self.engine, ids))
        found["client_p50_ms"] = jobs.percentile(seen, 0.5)
        found["client_p95_ms"] = jobs.percentile(seen, 0.95)
        found["worker_cpu_s_per_job"] = (self.worker.cpu_seconds() - before) / max(
            found["completed"], 1
        )
        return found

    def paced(self, think_ms: int, seconds: int, uploads: Path) -> dict[str, Any]:
        """A paced load, then the queue drained; the 202s from wrk, the rest from the rows."""
        servers.settle([*self.roots, self.worker.process.pid])
        before = self.worker.cpu_seconds()
        busy, began, since = servers.system_busy_seconds(), time.monotonic(), naive_utc()
        row = self.wrk(think_ms, seconds, uploads)
        until, share = naive_utc(), 100 / (time.monotonic() - began) / (os.cpu_count() or 1)
        worker = self.worker.cpu_seconds() - before
        row["worker_cpu_pct"] = worker * share
        # The machine's busy time less Gunicorn (+ Nginx), MariaDB, Redis, the worker and wrk.
        used = (servers.system_busy_seconds() - busy) * share
        others = used - row["stack_cpu_pct"] - row["worker_cpu_pct"] - row["wrk_cpu_pct"]
        row["others_cpu_pct"] = max(0.0, others)
        waited, left = jobs.drain(self.engine, self.drain_limit)
        found = jobs.summary(jobs.rows_between(self.engine, since, until))
        found["worker_cpu_s_per_job"] = (self.worker.cpu_seconds() - before) / max(
            found["completed"], 1
        )
        found |= {"think_ms": think_ms, "seconds": seconds, "drain_s": waited, "left": left}
        found["photos_sent_twice"] = max(0, int(row["requests"]) - uploads_count(uploads))
        if left:
            redis.Redis.from_url(BROKER_URL).flushdb()  # do not carry a backlog over
        return {"wrk": row, "jobs": found}

    def stop(self) -> None:
        self.worker.stop()
        if self.edge:
            self.edge.stop()
        self.app.stop()
        self.engine.dispose()


def prepare(config: servers.Config) -> None:
    """Fresh database (migrated, reference data imported) and Redis databases."""
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    redis.Redis.from_url(BROKER_URL).flushdb()
    servers.prepare_backend(config.backend, RUN_DIR)
    env = {**os.environ, **servers.backend_env(config.backend, RUN_DIR)}
    env["ZW_VAR_DIR"] = str(RUN_DIR / config.backend)
    subprocess.run(
        [str(servers.BIN / "zerowaste"), "data-import"], env=env, check=True, capture_output=True
    )


def main() -> int:
    config = servers.Config.parse(os.environ.get("BENCH_REC_CONFIG", "gthread-mysqldb+nginx"))
    users = int(os.environ.get("BENCH_REC_USERS", "20"))
    concurrency = int(os.environ.get("BENCH_REC_CONCURRENCY", "2"))
    loads = [
        (int(think), int(seconds))
        for think, seconds in (
            spec.split(":") for spec in os.environ.get("BENCH_REC_LOAD", "1000:30").split(",")
        )
    ]
    prepare(config)
    meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "config": config.name}
    meta["machine"] = f"{os.cpu_count()} cores"
    meta["load_before"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    run = Run(config, users, concurrency)
    results: dict[str, Any] = {"meta": meta, "loads": []}
    try:
        print(f"== {config.name}, worker prefork x {concurrency}; {users} users", flush=True)
        receipts = Receipts(seed_users(run.url, RUN_DIR / "seed", users))
        began = time.monotonic()
        warm = receipts.upload(planned(users, 1000, 3), "warm-up")
        alone = receipts.upload(int(os.environ.get("BENCH_REC_ISOLATED", "10")), "isolated")
        plans = [receipts.upload(planned(users, t, d), f"{t}-{d}") for t, d in loads]
        took = time.monotonic() - began
        print(f"  {receipts.uploaded} receipts uploaded in {took:.0f} s", flush=True)
        run.wrk(1000, 3, warm)
        print(f"  warm-up drained in {jobs.drain(run.engine, run.drain_limit)[0]:.0f} s")
        results["isolated"] = run.isolated(alone)
        print(f"  isolated: {results['isolated']}", flush=True)
        for (think_ms, seconds), uploads in zip(loads, plans, strict=True):
            results["loads"].append(run.paced(think_ms, seconds, uploads))
            print(f"  load {think_ms} ms x {seconds} s: {results['loads'][-1]}", flush=True)
    finally:
        run.stop()
    (RUN_DIR / "summary.json").write_text(json.dumps(results, indent=2, default=str))
    markdown = jobs.render(results, users, concurrency)
    (RUN_DIR / "summary.md").write_text(markdown)
    print("\n" + markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
