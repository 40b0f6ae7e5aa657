"""A real Gunicorn (gunicorn.conf.py, 2 workers): /metrics sums every worker's counts."""

from __future__ import annotations

import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.metrics_scrape import sample
from tests.served import gunicorn

pytestmark = [pytest.mark.integration, pytest.mark.slow]
TOKEN = "scrape-token-0123456789"
LIVE = {"method": "GET", "route": "/healthz/live", "status": "200"}


def scrape(base: str) -> str:
    request = urllib.request.Request(
        f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 200
        return str(reply.read().decode())


def counting_pids(directory: Path) -> set[str]:
    return {
        match.group(1)
        for path in directory.iterdir()
        if (match := re.match(r"counter_(\d+)\.db$", path.name))
    }


def test_every_workers_requests_are_in_each_scrape(tmp_path: Path, sqlite_url: str) -> None:
    # sync workers serve one request at a time: concurrent clients reach both of them (once
    # the second has built its app: on a loaded machine it may start seconds after the first).
    with gunicorn(tmp_path, sqlite_url, METRICS_TOKEN=TOKEN, GUNICORN_WORKER_CLASS="sync") as base:
        before = sample(scrape(base), "zerowaste_http_requests_total", **LIVE)
        directory = next((tmp_path / "var").glob("prometheus-*"))

        def live(_: int) -> int:
            with urllib.request.urlopen(f"{base}/healthz/live", timeout=10) as reply:
                return int(reply.status)

        sent, deadline = 0, time.monotonic() + 60
        with ThreadPoolExecutor(8) as pool:
            while len(counting_pids(directory)) < 2 and time.monotonic() < deadline:
                assert set(pool.map(live, range(40))) == {200}
                sent += 40
        scrapes = [scrape(base) for _ in range(6)]  # whichever worker answers
        pids = counting_pids(directory)

    assert len(pids) == 2, sorted(p.name for p in directory.iterdir())
    for exposition in scrapes:
        assert sample(exposition, "zerowaste_http_requests_total", **LIVE) == before + sent
