"""Tables for `make bench`: bench/results/latest.md always, README.md's Benchmark section if any."""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scenarios import Mode, Scenario

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def errors(row: dict[str, Any]) -> str:
    kinds = ("status", "timeout", "connect", "read", "write")
    total = sum(int(row[k]) for k in kinds)
    if not total:
        return "0"
    detail = ", ".join(f"{k} {int(row[k])}" for k in kinds if row[k])
    return f"{total} ({detail})"


def one_line(row: dict[str, Any]) -> str:
    return (
        f"{row['scenario']:<8} {row['mode']:<10} {row['rps']:>8.1f} req/s  p50 {_ms(row['p50_ms'])}"
        f"  p95 {_ms(row['p95_ms'])}  p99 {_ms(row['p99_ms'])} ms  errors {errors(row)}"
        f"  app CPU {row['app_cpu_ms']:.2f} ms/req  wrk {row['wrk_cpu_pct']:.0f}%"
        f"  others {row['foreign_cpu_pct']:.0f}%"
        f"  worker RSS {row.get('worker_rss_mb', 0):.0f} MB"
    )


def machine_info(modes: list[Mode]) -> dict[str, str]:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    load = (
        " ".join(Path("/proc/loadavg").read_text().split()[:3])
        if Path("/proc/loadavg").exists()
        else "?"
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}",
        "load": load,
        "modes": "; ".join(
            f"{m.name}: {m.connections} connections, {m.duration_s} s"
            + (f", think time ~{m.pace_ms} ms (exponential)" if m.pace_ms else "")
            for m in modes
        ),
        "workers": os.environ.get("GUNICORN_WORKERS", "gunicorn.conf.py defaults"),
        "nice": f", niceness {os.environ['BENCH_NICE']}" if os.environ.get("BENCH_NICE") else "",
    }


def _cells(row: dict[str, Any] | None, paced: bool) -> list[str]:
    if row is None:
        return ["–"] * (6 if paced else 7)
    if paced:
        return [
            f"{row['rps']:.0f}",
            _ms(row["p95_ms"]),
            _ms(row["p99_ms"]),
            errors(row),
            f"{row['stack_cpu_pct']:.0f} / {row['foreign_cpu_pct']:.0f} %",
            f"{row.get('worker_rss_mb', 0):.0f}",
        ]
    return [
        f"{row['rps']:.0f}",
        _ms(row["p50_ms"]),
        _ms(row["p95_ms"]),
        _ms(row["p99_ms"]),
        errors(row),
        f"{row['app_cpu_ms']:.2f}",
        f"{row['wrk_cpu_pct']:.0f} / {row['foreign_cpu_pct']:.0f} %",
    ]


def worker_class_summary(rows: list[dict[str, Any]], scenario: str) -> list[str]:
    """gevent against gthread for each database driver measured with both (no Nginx)."""
    index = {(r["config"], r["scenario"], r["mode"]): r for r in rows}
    lines = []
    for driver in ("sqlite", "pymysql", "mysqldb"):
        cells = [
            index.get((f"{kind}-{driver}", scenario, mode))
            for kind in ("gthread", "gevent")
            for mode in ("saturation", "paced")
        ]
        if any(row is None for row in cells):
            continue
        sat_t, paced_t, sat_g, paced_g = cells
        lines.append(
            f"- {scenario} on {driver}: gthread {sat_t['rps']:.0f} req/s, paced p95"
            f" {_ms(paced_t['p95_ms'])} ms; gevent {sat_g['rps']:.0f} req/s, paced p95"
            f" {_ms(paced_g['p95_ms'])} ms"
        )
    return lines


def render(rows: list[dict[str, Any]], chosen: list[Scenario], meta: dict[str, str]) -> str:
    lines = [
        f"Measured {meta['date']} on {meta['machine']}; load average before the run {meta['load']};"
        f" whole run {meta.get('elapsed', '?')}.",
        f"Modes: {meta['modes']}. wrk 1 thread on the same cores (`-t1`, timeout 30 s)"
        f"{meta.get('nice', '')}.",
        f"Gunicorn workers: {meta['workers']}. Latencies in ms. Errors = non-2xx + socket errors.",
        "App CPU = Gunicorn (+ Nginx) CPU per request at saturation; stack CPU = app + MariaDB +"
        " Redis while paced; others = processes outside the benchmark (the machine is shared);"
        " CPU shares are % of all cores. Worker RSS = the largest Gunicorn worker's resident"
        " memory after the paced run.",
        "",
    ]
    comparison = [line for s in chosen for line in worker_class_summary(rows, s.name)]
    if comparison:
        lines += ["Worker classes side by side:", "", *comparison, ""]
    configs = list(dict.fromkeys(str(r["config"]) for r in rows))
    index = {(r["config"], r["scenario"], r["mode"]): r for r in rows}
    for scenario in chosen:
        lines += [
            f"**{scenario.title}**",
            "",
            "| config | req/s | p50 | p95 | p99 | errors | app CPU ms/req | wrk / others CPU "
            "| paced req/s | paced p95 | paced p99 | paced errors | stack / others CPU "
            "| worker RSS MB |",
            "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|",
        ]
        for config in configs:
            saturation = index.get((config, scenario.name, "saturation"))
            paced = index.get((config, scenario.name, "paced"))
            if saturation is None and paced is None:
                continue
            cells = [f"`{config}`", *_cells(saturation, False), *_cells(paced, True)]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def publish(markdown: str) -> str:
    """Write the results; README.md gets them between the bench markers (added once at the end)."""
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "latest.md").write_text(markdown + "\n")
    if os.environ.get("BENCH_PUBLISH", "1") == "0":
        return "wrote bench/results/latest.md (BENCH_PUBLISH=0: README.md untouched)"
    block = f"{BEGIN}\n{markdown}\n{END}"
    readme = ROOT / "README.md"
    if not readme.exists():
        target = ROOT / "bench" / "RESULTS.md"
        target.write_text("# Benchmark results (`make bench`)\n\n" + block + "\n")
        return f"wrote bench/results/latest.md and {target.relative_to(ROOT)}"
    text = readme.read_text()
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        intro = "Measured by `make bench` (bench/bench.py, scenarios in bench/scenarios.py)."
        text = text.rstrip("\n") + f"\n\n## Benchmark\n\n{intro}\n\n{block}\n"
    readme.write_text(text)
    return "wrote bench/results/latest.md and the Benchmark section of README.md"
