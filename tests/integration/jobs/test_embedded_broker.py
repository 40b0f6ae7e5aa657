"""`zerowaste run` on the embedded default, as `make run` starts it: Gunicorn, one Celery worker
and one beat on kombu's SQLAlchemy transport over `var/celery-broker.sqlite`, no Redis. With
ZW_TEST_BEAT_SECONDS=3 the real beat sends the expiry reminders within seconds and the worker
puts one in the user's inbox; a job published by an app configured as the API's (the embedded
broker's URL) is consumed and finished by the worker; SIGTERM stops every process it started.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import add, line
from tests.conftest import make_settings
from tests.integration.jobs.conftest import TEST_HANDLERS, add_owner
from tests.integration.jobs.worker import ROOT, worker_env
from tests.served import free_port
from zerowaste.bootstrap import create_app
from zerowaste.domain.jobs import JobStatus
from zerowaste.infrastructure.queue import embedded_broker_url

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _zone_at_noon(now: datetime) -> str:
    """A fixed-offset zone where it is now about noon, so the 08:00 reminder is due."""
    offset = (12 - now.hour) % 24
    offset = offset - 24 if offset > 14 else offset
    return f"Etc/GMT{-offset:+d}"  # POSIX sign: Etc/GMT-5 is UTC+5


class Launched:
    def __init__(self, tmp_path: Path, sqlite_url: str) -> None:
        self.port = free_port()
        env = worker_env(tmp_path, sqlite_url, broker="")
        del env["CELERY_BROKER_URL"]  # the embedded default
        env |= {"ZW_TEST_BEAT_SECONDS": "3", "ZW_TEST_JOB_HANDLERS": TEST_HANDLERS}
        env |= {"PORT": str(self.port), "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "2"}
        self.log = tmp_path / "launcher.log"
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "zerowaste.entrypoints.cli", "run"],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 40) -> None:
        deadline = time.monotonic() + timeout
        while not (" ready." in self.text() and self._serving()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"not started:\n{self.text()[-3000:]}")
            time.sleep(0.2)

    def _serving(self) -> bool:
        url = f"http://127.0.0.1:{self.port}/healthz/ready"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return b'"broker":"ok"' in response.read()
        except OSError:
            return False

    def children(self) -> dict[str, int]:
        return {n: int(p) for n, p in re.findall(r"started (\w+) \(pid (\d+)\)", self.text())}

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                for pid in self.children().values():
                    _kill_group(pid)
                raise
        return self.proc.returncode


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def app(tmp_path: Path, sqlite_url: str) -> Iterator[Any]:
    """The test's side, on the launched processes' database; publishing to the embedded broker."""
    settings = make_settings(
        tmp_path,
        database_url=sqlite_url,
        celery_broker_url=embedded_broker_url(tmp_path),
        test_job_handlers=TEST_HANDLERS,
    )
    application = create_app(settings)
    yield application
    application.extensions["zerowaste.engine"].dispose()


def test_make_run_runs_the_beat_and_jobs_on_the_embedded_broker_and_stops_on_sigterm(
    app: Any, tmp_path: Path, sqlite_url: str
) -> None:
    client = app.test_client()
    account = signup(client)
    headers = bearer(account["access_token"])
    zone = _zone_at_noon(datetime.now(UTC))
    prefs = client.put("/api/notifications/preferences", json={"time_zone": zone}, headers=headers)
    assert prefs.status_code == 200, prefs.json
    add(client, headers, line("Leche", expiration_time=1))
    add_owner(app.extensions["zerowaste.engine"])

    launched = Launched(tmp_path, sqlite_url)
    try:
        launched.wait_ready()
        assert set(launched.children()) == {"api", "worker", "beat"}
        assert (tmp_path / "celery-broker.sqlite").exists()

        jobs = app.extensions["zerowaste.services"].jobs
        job = jobs.start("ana", "test.echo", {"word": "hola"})
        assert job.status is JobStatus.PENDING  # published, not run in this process

        deadline = time.monotonic() + 25
        inbox: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            inbox = client.get("/api/notifications", headers=headers).json["notifications"]
            done = jobs.get("ana", job.id)
            if inbox and done.is_terminal:
                break
            time.sleep(0.3)
    finally:
        status = launched.stop()

    assert [n["type"] for n in inbox] == ["expiry_reminders"], launched.text()[-3000:]
    assert "Leche" in inbox[0]["body"]
    assert (done.status, done.result) == (
        JobStatus.COMPLETED,
        {"echo": {"word": "hola"}, "attempts": 1},
    )
    assert "Sending due task send-expiry-reminders" in launched.text()
    assert status == 0, launched.text()[-3000:]
    assert not [name for name, pid in launched.children().items() if _group_alive(pid)]
