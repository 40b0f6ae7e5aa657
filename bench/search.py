"""Issue #12's search target: p95 < 50 ms at 50 req/s with 5,000 recipes, served as deployed
(Gunicorn with gunicorn.conf.py's default worker class and count), and the web processes' memory.

Seeding (once per var dir; `BENCH_SEARCH_DIR`, default var/bench-search): migrate, import the
data pack, `zerowaste search-index` (the catalog's 501 vectors), then 4,499 synthetic recipes
copied from the catalog's (title + " · variante N", new uid) with their source's vector, so the
index holds 5,000 recipes and 5,000 vectors. Load: an open-loop generator (threads, keep-alive)
sends `POST /api/search/semantic` (the relevance set's queries, in turn, as 20 users) at a fixed
50 req/s for `BENCH_SEARCH_SECONDS` (default 30 s) after a warm-up that loads every worker's
index; latency counts from each request's scheduled time (no coordinated omission). Then the same
for `POST /api/search/by-ingredients` with four common listed foods (~3,000 candidate recipes;
at `BENCH_SEARCH_BY_INGREDIENTS_RATE`, default 50 req/s). Prints p50/p95/p99/max, errors, the
Gunicorn workers' CPU per request (user + system, from /proc: the figure other jobs on the cores
disturb least) and each worker's RSS before the first search and after both loads. The generator
shares the machine's cores with the server.

Usage: `.venv/bin/python bench/search.py` (`make bench-search`).
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from discovery_seed import synthesize  # noqa: E402  (this directory: bench.py shadows `bench`)
from search_relevance import cases  # noqa: E402

TOTAL = 5000
RATE = 50
RATE_BY_INGREDIENTS = float(os.environ.get("BENCH_SEARCH_BY_INGREDIENTS_RATE", "50"))
USERS = 20
PORT = int(os.environ.get("BENCH_SEARCH_PORT", "3917"))
SECONDS = float(os.environ.get("BENCH_SEARCH_SECONDS", "30"))
VAR = Path(os.environ.get("BENCH_SEARCH_DIR", ROOT / "var" / "bench-search")).resolve()
PY = str(ROOT / ".venv" / "bin" / "python")


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "ZW_VAR_DIR": str(VAR),
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{VAR / 'search.db'}"),
        "PORT": str(PORT),
        "LOG_LEVEL": "WARNING",
        "RATELIMIT_AUTH": "1000/minute",
    }


def seed() -> None:
    marker = VAR / "seeded"
    if marker.exists():
        return
    VAR.mkdir(parents=True, exist_ok=True)
    for command in ("db-upgrade", "data-import", "search-index"):
        subprocess.run(
            [PY, "-m", "zerowaste.entrypoints.cli", command], env=environment(), check=True
        )
    synthesize(environment()["DATABASE_URL"], TOTAL)
    marker.write_text("ok")


def request(conn: http.client.HTTPConnection, path: str, body: Any, token: str) -> int:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    conn.request("POST", path, json.dumps(body), headers)
    response = conn.getresponse()
    response.read()
    return response.status


def tokens() -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    found = []
    for _ in range(USERS):
        conn.request("POST", "/api/auth/guest", "{}", {"Content-Type": "application/json"})
        response = conn.getresponse()
        found.append(json.loads(response.read())["access_token"])
    return found


def load(path: str, bodies: list[Any], users: list[str], rate: float = RATE) -> dict[str, float]:
    count = int(rate * SECONDS)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    start = time.perf_counter() + 0.5
    next_index = [0]

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= count:
                return
            due = start + i / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            try:
                status = request(conn, path, bodies[i % len(bodies)], users[i % len(users)])
            except (OSError, http.client.HTTPException):
                status, conn = 599, http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            elapsed = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(latencies)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "rate": rate,
        "requests": len(ordered),
        "errors": errors[0],
        "p50": statistics.median(ordered),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "max": ordered[-1],
    }


def warm_up(queries: list[Any], have: list[Any], users: list[str]) -> None:
    """Every worker loads the model, its index and the catalog before measuring: many
    connections at once (a keep-alive connection stays on one worker), until a round is fast."""

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        for i in range(3):
            request(conn, "/api/search/semantic", queries[(n + i) % len(queries)], users[0])
            request(conn, "/api/search/by-ingredients", have[0], users[0])

    for _ in range(3):
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(32)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if time.perf_counter() - started < 10:
            break
    time.sleep(2)


def workers(master: int) -> list[str]:
    return subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True, check=False
    ).stdout.split()


def cpu_seconds(master: int) -> float:
    """User + system CPU of the Gunicorn workers so far (the server's cost, not the client's)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in workers(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def measured(
    master: int, path: str, bodies: list[Any], users: list[str], rate: float
) -> dict[str, float]:
    """`load`, plus the workers' CPU per request over the run (robust when other jobs share the
    cores: latency suffers from them, CPU time much less)."""
    before = cpu_seconds(master)
    figures = load(path, bodies, users, rate)
    figures["cpu_ms"] = 1000 * (cpu_seconds(master) - before) / max(1, figures["requests"])
    return figures


def rss_mb(master: int) -> list[float]:
    sizes = []
    for pid in workers(master):
        status = Path(f"/proc/{pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        sizes.append(kb / 1024)
    return sizes


def main() -> int:
    seed()
    gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=environment())
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
                probe.request("GET", "/healthz/live")
                probe.getresponse().read()
                break
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
        users = tokens()
        queries = [{"query": c["query"], "per_page": 10} for c in cases()]
        items = [{"name": n} for n in ("espinaca", "arroz", "cebolla", "huevo")]
        have = [{"items": items, "per_page": 10}]
        rss_idle = rss_mb(server.pid)
        warm_up(queries, have, users)
        report = {
            "semantic": measured(server.pid, "/api/search/semantic", queries, users, RATE),
            "by-ingredients": measured(
                server.pid, "/api/search/by-ingredients", have, users, RATE_BY_INGREDIENTS
            ),
        }
        rss = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, figures in report.items():
        sys.stdout.write(
            f"{name:15s} {figures['rate']:.0f} req/s x {SECONDS:.0f} s: "
            f"{figures['requests']:.0f} requests, "
            f"{figures['errors']:.0f} errors, p50 {figures['p50']:.1f} ms, "
            f"p95 {figures['p95']:.1f} ms, p99 {figures['p99']:.1f} ms, "
            f"max {figures['max']:.1f} ms, server CPU {figures['cpu_ms']:.1f} ms/request\n"
        )
    sys.stdout.write(
        f"workers: {len(rss)}, RSS before search {', '.join(f'{m:.0f}' for m in rss_idle)} MB; "
        f"after {', '.join(f'{m:.0f}' for m in rss)} MB ({TOTAL} recipes); "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
