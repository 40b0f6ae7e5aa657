"""Fault drill (issue #15 §5c): a Celery worker's process killed mid-job. A prefork worker on a
private Redis broker runs a job whose first attempt hangs; the pool child running it is
SIGKILLed (as the kernel's OOM killer would).

Proves: with acks_late and reject_on_worker_lost the pool's parent puts the message back at
once (no visibility timeout to wait out), a fresh child runs the job again, and it completes
exactly once in effect: one completed row with its result, one line of effect written, nothing
left queued or unacknowledged, and no third run afterwards.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.conftest import make_settings
from tests.integration.jobs.conftest import TEST_HANDLERS, add_owner
from tests.integration.jobs.worker import Worker, worker_env
from tests.servers.redis import private_redis
from zerowaste.application.jobs.service import JobService
from zerowaste.bootstrap import create_app
from zerowaste.domain.jobs import Job, JobStatus

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.faults,
    pytest.mark.xdist_group("faults"),
]


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[str]:
    with private_redis(tmp_path) as server:
        yield server.url


@pytest.fixture
def jobs(tmp_path: Path, sqlite_url: str, broker: str) -> Iterator[JobService]:
    """The web side: the API's services, publishing to the private broker."""
    settings = make_settings(tmp_path, database_url=sqlite_url, celery_broker_url=broker,
                             test_job_handlers=TEST_HANDLERS)  # fmt: skip
    app = create_app(settings)
    add_owner(app.extensions["zerowaste.engine"])
    yield app.extensions["zerowaste.services"].jobs
    app.extensions["zerowaste.engine"].dispose()


@pytest.fixture
def worker(tmp_path: Path, sqlite_url: str, broker: str) -> Iterator[Worker]:
    env = worker_env(tmp_path, sqlite_url, broker, ZW_TEST_JOB_HANDLERS=TEST_HANDLERS)
    found = Worker(env, tmp_path / "worker.log", "prefork")
    found.start()
    yield found
    found.stop()


def wait_for(jobs: JobService, job: Job, done: Any, timeout: float = 30) -> Job:
    deadline = time.monotonic() + timeout
    while True:
        found = jobs.get("ana", job.id)
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_a_job_whose_pool_process_is_killed_completes_once_on_a_fresh_process(
    tmp_path: Path, jobs: JobService, worker: Worker, broker: str, record_property: Any
) -> None:
    effects = tmp_path / "effects.txt"
    job = jobs.start("ana", "test.effect", {"seconds": 60, "path": str(effects)})
    running = wait_for(jobs, job, lambda j: (j.step or "").startswith("stalling in "))
    assert running.status is JobStatus.PROCESSING, running
    child = int((running.step or "").rsplit(" ", 1)[1])
    assert worker.proc is not None and child != worker.proc.pid  # a pool child, not the parent

    killed = time.monotonic()
    os.kill(child, signal.SIGKILL)
    done = wait_for(jobs, job, lambda j: j.is_terminal)
    recovered = time.monotonic() - killed

    assert done.status is JobStatus.COMPLETED, (done, worker.log.read_text()[-2000:])
    assert (done.result, done.attempts) == ({"attempts": 2}, 2)
    time.sleep(1.0)  # a duplicate delivery would run (and write) again by now
    lines = effects.read_text().splitlines()
    queue = redis.Redis.from_url(broker)
    figures = (
        f"worker drill: pool child {child} killed; job completed on attempt {done.attempts} "
        f"{recovered:.1f} s later; effect lines {len(lines)}; queued {queue.llen('celery')}, "
        f"unacked {queue.hlen('unacked')}"
    )
    record_property("drill", figures)
    assert len(lines) == 1 and lines[0].startswith(f"{job.id} attempt 2 pid ")
    assert int(lines[0].rsplit(" ", 1)[1]) != child  # another process did it
    assert queue.llen("celery") == 0 and queue.hlen("unacked") == 0
    assert jobs.get("ana", job.id).attempts == 2
    assert worker.proc.poll() is None  # the worker itself lives on
    assert "WorkerLostError" in worker.log.read_text()
