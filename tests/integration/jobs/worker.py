"""A real Celery worker for integration tests: `python -m celery -A zerowaste.entrypoints.worker
worker` in a subprocess, as `make worker` runs it, configured only through its environment.

Shared by the jobs tests and the recognition tests: the worker and the test's web app read the
same SQLite file and the same var dir (uploads, pictures), and talk through a Redis broker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.conftest import data_pack_dir

ROOT = Path(__file__).resolve().parents[3]


def worker_env(var_dir: Path, sqlite_url: str, broker: str, **extra: str) -> dict[str, str]:
    """The test process's environment without any of the app's own settings, then the worker's:
    the test's database, var dir, data pack and broker; `extra` adds or overrides."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CELERY_", "JOB_", "ZW_", "DATABASE_", "REDIS_"))
    }
    return base | {
        "ZW_ENV": "testing",
        "DATABASE_URL": sqlite_url,
        "ZW_VAR_DIR": str(var_dir),
        "ZW_DATA_DIR": str(data_pack_dir()),
        "JWT_SECRET_KEY": "test-secret-" + "x" * 40,
        "CELERY_BROKER_URL": broker,
        "RATELIMIT_ENABLED": "0",
        "LOG_JSON": "0",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        **extra,
    }


class Worker:
    """`python -m celery -A zerowaste.entrypoints.worker worker` in its own process group
    (so a kill reaches a prefork pool's children too), logging to a file."""

    def __init__(self, env: dict[str, str], log: Path, pool: str) -> None:
        self.env, self.log, self.pool = env, log, pool
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30) -> None:
        name = f"jobs-{uuid.uuid4().hex[:8]}@%h"
        command = [sys.executable, "-m", "celery", "-A", "zerowaste.entrypoints.worker"]
        command += ["worker", "-P", self.pool, "-c", "1", "-n", name, "-l", "INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                command,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started, deadline = self.log.stat().st_size, time.monotonic() + timeout
        while b" ready." not in self.log.read_bytes()[started:]:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def kill(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
