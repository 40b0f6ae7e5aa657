"""A real Gunicorn serving the app (gunicorn.conf.py, 2 workers) for tests that need several
processes: concurrency, shared counters, caches across workers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(tmp_path: Path, database_url: str, **env: str) -> Iterator[str]:
    """Serve the app with gunicorn.conf.py (2 workers); yields the base URL; always stops it."""
    port = free_port()
    dropped = ("REDIS_URL", "CELERY_BROKER_URL", "FIREBASE_PROJECT_ID", "GUNICORN_BIND")
    environ = {k: v for k, v in os.environ.items() if k not in dropped}
    environ.update(
        ZW_ENV="production",
        CORS_ORIGINS="https://app.example",
        JWT_SECRET_KEY="served-test-secret-" + "s" * 40,
        DATABASE_URL=database_url,
        ZW_VAR_DIR=str(tmp_path / "var"),
        HOST="127.0.0.1",
        PORT=str(port),
        GUNICORN_WORKERS="2",
        RATELIMIT_ENABLED="0",
        LOG_LEVEL="WARNING",
        GUNICORN_LOG_LEVEL="warning",
        WARM_UP="0",  # ~3 s of CPU a worker that these tests do not need (a test may ask)
    )
    environ.update(env)
    log = (tmp_path / f"gunicorn-{port}.log").open("w")
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, process, tmp_path / f"gunicorn-{port}.log")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()


def _wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz/live", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within 30 s:\n{log.read_text()[-3000:]}")


def call(
    base: str, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, Any]:
    """One HTTP request; returns (status, JSON body)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")
