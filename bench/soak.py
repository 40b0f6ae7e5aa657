"""`make soak`: issue #15's soak test, not in CI: the mobile mix (bench/mix_seed.py) at ~150
req/s for 10 minutes on the full stack of bench/mobile_mix.py (Nginx -> Gunicorn -> MariaDB +
Redis, a Celery worker), with the resident memory of every process sampled as it runs.

Passes when wrk and Nginx saw no error (no 5xx, no 4xx, no socket error or timeout) and the
memory of every process is flat: from the first sample after `BENCH_SOAK_SETTLE_S` (caches and
indexes built) to the last, no process grew by more than 10 % and 20 MB (a leak of a few KB per
request would show as hundreds of MB over 90,000 requests).

Environment: BENCH_SOAK_S [600], BENCH_SOAK_THINK_MS [600] (100 users: ~150 req/s),
BENCH_SOAK_SAMPLE_S [10], BENCH_SOAK_SETTLE_S [60], and those of bench/mobile_mix.py.
Output: printed, and var/bench/mix/soak.md + soak.json.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("BENCH_MYSQL_DATABASE", "zw_bench_mix")  # before servers is imported
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mix_report  # noqa: E402
import mobile_mix  # noqa: E402
import scenarios  # noqa: E402
import servers  # noqa: E402

GROWTH_PCT, GROWTH_MB = 10.0, 20.0


def processes(stack: mobile_mix.Stack) -> dict[str, int]:
    """Every process of the stack, by a stable name."""
    found = {"gunicorn master": stack.app.process.pid, "nginx master": stack.edge.pid}
    for n, pid in enumerate(sorted(servers.children(stack.app.process.pid))):
        found[f"gunicorn worker {n + 1}"] = pid
    for n, pid in enumerate(sorted(servers.children(stack.edge.pid))):
        found[f"nginx worker {n + 1}"] = pid
    found["celery main"] = stack.worker.process.pid
    for n, pid in enumerate(sorted(servers.children(stack.worker.process.pid))):
        found[f"celery pool {n + 1}"] = pid
    for name in ("mariadbd", "redis-server"):
        for pid in servers.pids_of(name):
            found[name] = pid
    return found


def sample(pids: dict[str, int], samples: dict[str, list[tuple[float, float]]], t: float) -> None:
    for name, pid in pids.items():
        rss = servers.rss_mb(pid)
        if rss is not None:
            samples.setdefault(name, []).append((t, rss))


def verdict(samples: dict[str, list[tuple[float, float]]], settle_s: float) -> list[dict[str, Any]]:
    rows = []
    for name, points in samples.items():
        settled = [rss for t, rss in points if t >= settle_s] or [points[-1][1]]
        first, last, peak = settled[0], settled[-1], max(settled)
        growth = last - first
        flat = growth <= GROWTH_MB or growth <= first * GROWTH_PCT / 100
        rows.append(
            {
                "process": name,
                "first_mb": first,
                "last_mb": last,
                "peak_mb": peak,
                "growth_mb": growth,
                "flat": flat,
            }
        )
    return rows


def render(result: dict[str, Any]) -> str:
    w = result["wrk"]
    out = [
        f"Soak ({result['config']}, {result['seconds']} s, 100 users, think ~"
        f"{result['think_ms']} ms; {result['machine'].get('date', '')})",
        "",
        f"- {w['requests']:.0f} requests, {w['rps']:.0f} req/s, p50 {w['p50_ms']:.1f} / p95 "
        f"{w['p95_ms']:.1f} / p99 {w['p99_ms']:.1f} ms; wrk errors {mix_report.wrk_errors(w)}; "
        f"Nginx 4xx/5xx {result['http_errors']}",
        f"- memory flat in every process: {all(r['flat'] for r in result['memory'])} (settled "
        f"after {result['settle_s']} s; a process may grow at most {GROWTH_MB:.0f} MB or "
        f"{GROWTH_PCT:.0f} %)",
        "",
        "| process | RSS after settling MB | at the end MB | peak MB | growth MB | flat |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["memory"]:
        out.append(
            f"| {r['process']} | {r['first_mb']:.0f} | {r['last_mb']:.0f} | {r['peak_mb']:.0f} "
            f"| {r['growth_mb']:+.1f} | {'yes' if r['flat'] else 'NO'} |"
        )
    return "\n".join(out) + "\n"


def main() -> int:
    seconds = int(os.environ.get("BENCH_SOAK_S", "600"))
    think = int(os.environ.get("BENCH_SOAK_THINK_MS", "600"))
    every = float(os.environ.get("BENCH_SOAK_SAMPLE_S", "10"))
    settle = float(os.environ.get("BENCH_SOAK_SETTLE_S", "60"))
    config = servers.Config.parse(os.environ.get("BENCH_MIX_CONFIG", "gthread-mysqldb+nginx"))
    stack = mobile_mix.Stack(config)
    try:
        files = mobile_mix.seed(stack, 100, 1)
        stack.wrk(scenarios.Mode("warm-up", 20, 15, 0), files["mix"])
        offset = stack.edge.access_log.stat().st_size if stack.edge.access_log.exists() else 0
        result: dict[str, Any] = {}

        def load() -> None:
            mode = scenarios.Mode("soak", 100, seconds, think)
            result["wrk"] = stack.wrk(mode, files["mix"])

        runner = threading.Thread(target=load)
        began = time.monotonic()
        runner.start()
        samples: dict[str, list[tuple[float, float]]] = {}
        while runner.is_alive():
            sample(processes(stack), samples, time.monotonic() - began)
            runner.join(timeout=every)
        time.sleep(1.5)  # Nginx's log buffer
        log = stack.edge.access_log.read_bytes()[offset:].decode(errors="replace")
    finally:
        stack.stop()
    statuses = [json.loads(line)["status"] for line in log.splitlines() if line.startswith("{")]
    result |= {
        "config": config.name,
        "seconds": seconds,
        "think_ms": think,
        "settle_s": settle,
        "http_errors": sum(1 for s in statuses if s >= 400 and s != 499),
        "memory": verdict(samples, settle),
        "samples": samples,
        "machine": mobile_mix.bench.report.machine_info([]),
    }
    (mobile_mix.RUN_DIR / "soak.json").write_text(json.dumps(result, indent=2, default=str))
    markdown = render(result)
    (mobile_mix.RUN_DIR / "soak.md").write_text(markdown)
    print("\n" + markdown)
    passed = (
        mix_report.wrk_errors(result["wrk"]) == 0
        and result["http_errors"] == 0
        and all(r["flat"] for r in result["memory"])
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
