"""Jobs on a real Celery worker (a subprocess, as `make worker` runs it) over Redis, on a SQLite
file shared with the test: a started job completes with its result; a transient failure is
retried with backoff; a worker killed mid-task (SIGKILL) leaves its message unacknowledged,
and a restarted worker runs the job again once the visibility timeout has passed; time limits
fail a job as "timed out" (prefork pool: solo and threads cannot interrupt a task).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.conftest import make_settings
from tests.integration.jobs.conftest import TEST_HANDLERS, add_owner
from tests.integration.jobs.worker import Worker, worker_env
from zerowaste.application.jobs.service import TIMED_OUT, JobService
from zerowaste.bootstrap import create_app
from zerowaste.domain.jobs import Job, JobStatus

pytestmark = [pytest.mark.integration, pytest.mark.redis]


class Setup:
    def __init__(self, tmp_path: Path, sqlite_url: str, broker: str) -> None:
        self.tmp_path, self.sqlite_url, self.broker = tmp_path, sqlite_url, broker
        self.workers: list[Worker] = []
        self.apps: list[Any] = []

    def env(self, **extra: str) -> dict[str, str]:
        handlers = {"ZW_TEST_JOB_HANDLERS": TEST_HANDLERS, "JOB_RETRY_BACKOFF": "1"}
        return worker_env(self.tmp_path, self.sqlite_url, self.broker, **(handlers | extra))

    def worker(self, pool: str = "solo", **extra: str) -> Worker:
        found = Worker(self.env(**extra), self.tmp_path / "worker.log", pool)
        self.workers.append(found)
        return found

    def jobs(self) -> JobService:
        """The web side: services built like the API's, publishing to the broker."""
        settings = make_settings(
            self.tmp_path,
            database_url=self.sqlite_url,
            celery_broker_url=self.broker,
            test_job_handlers=TEST_HANDLERS,
        )
        app = create_app(settings)
        self.apps.append(app)
        add_owner(app.extensions["zerowaste.engine"])
        jobs: JobService = app.extensions["zerowaste.services"].jobs
        return jobs

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        for app in self.apps:
            app.extensions["zerowaste.engine"].dispose()


@pytest.fixture
def setup(tmp_path: Path, sqlite_url: str, redis_url: str) -> Iterator[Setup]:
    """`redis_url` is this xdist worker's own Redis database, flushed: the Celery broker."""
    found = Setup(tmp_path, sqlite_url, redis_url)
    yield found
    found.close()


def wait_for(
    jobs: JobService, job: Job, done: Any = lambda j: j.is_terminal, timeout: float = 20
) -> Job:
    deadline = time.monotonic() + timeout
    while True:
        found = jobs.get("ana", job.id)
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_a_worker_completes_a_started_job_with_its_result(setup: Setup) -> None:
    jobs = setup.jobs()
    setup.worker().start()

    job = jobs.start("ana", "test.echo", {"word": "hola"})
    assert job.status is JobStatus.PENDING  # queued, not run in this process
    done = wait_for(jobs, job)

    assert done.status is JobStatus.COMPLETED, done
    assert done.result == {"echo": {"word": "hola"}, "attempts": 1}
    assert (done.progress, done.step, done.error) == (100, "almost", None)


def test_a_transient_failure_is_retried_with_backoff_until_it_succeeds(setup: Setup) -> None:
    jobs = setup.jobs()
    setup.worker().start()

    job = jobs.start("ana", "test.flaky", {"succeed_on": 3})
    began = time.monotonic()
    done = wait_for(jobs, job)
    took = time.monotonic() - began

    assert done.status is JobStatus.COMPLETED, done
    assert (done.result, done.attempts) == ({"attempts": 3}, 3)
    # Waits of 0.5-1 s then 1-2 s (JOB_RETRY_BACKOFF=1, doubled, jittered down by <= half).
    assert 1.4 < took < 10, took
    assert setup.workers[0].log.read_text().count(f"job {job.id}: retry") == 2


@pytest.mark.slow
def test_a_job_whose_worker_is_killed_mid_task_is_finished_by_the_next_worker(
    setup: Setup,
) -> None:
    """acks_late on Redis: the killed worker's message stays in kombu's `unacked` hash, not in
    the queue; the next worker's sweep (at its start, then every quarter of the timeout) puts
    it back once it is older than the visibility timeout (2 s here, 1 h by default; observed:
    the restarted worker received it within 0.1 s of being ready), and it runs the job again."""
    jobs = setup.jobs()
    first = setup.worker(CELERY_VISIBILITY_TIMEOUT="2")
    first.start()
    job = jobs.start("ana", "test.stall", {"seconds": 60})
    running = wait_for(jobs, job, lambda j: j.step == "stalling", timeout=15)
    assert (running.status, running.attempts) == (JobStatus.PROCESSING, 1)

    first.kill()
    broker = redis.Redis.from_url(setup.broker)
    assert broker.hlen("unacked") == 1 and broker.llen("celery") == 0  # delivered, not acked
    assert jobs.get("ana", job.id).status is JobStatus.PROCESSING  # left as it was

    setup.worker(CELERY_VISIBILITY_TIMEOUT="2").start()
    done = wait_for(jobs, job, timeout=20)

    assert done.status is JobStatus.COMPLETED, done
    assert (done.result, done.attempts) == ({"attempts": 2}, 2)
    assert broker.hlen("unacked") == 0


@pytest.mark.slow
def test_time_limits_fail_the_job_as_timed_out_and_the_worker_goes_on(setup: Setup) -> None:
    """Prefork, soft limit 1 s, hard 2 s: a handler interrupted by the soft limit fails the job
    itself; one that swallows it is killed by the hard limit, and the pool's parent fails its
    job; a fresh child (forked from that parent) then runs the next job."""
    jobs = setup.jobs()
    setup.worker("prefork", JOB_SOFT_TIME_LIMIT="1", JOB_TIME_LIMIT="2").start()

    soft = jobs.start("ana", "test.sleep", {"seconds": 10})
    hard = jobs.start("ana", "test.stubborn", {"seconds": 10})
    after = jobs.start("ana", "test.echo", {"word": "next"})

    for job in (soft, hard):
        # The first task of a prefork child builds the app first: seconds on a busy machine, and
        # under a 1 s / 2 s limit a child killed mid-build leaves the next one to build it again
        # (seen over 60 s while CI's two pytest workers loaded both cores).
        found = wait_for(jobs, job, timeout=150)
        assert (found.status, found.error) == (JobStatus.FAILED, TIMED_OUT), found
    assert wait_for(jobs, after).status is JobStatus.COMPLETED
    assert "Hard time limit (2s) exceeded" in setup.workers[0].log.read_text()


def _nice_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[16])


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


def test_a_prefork_worker_runs_below_the_web_tier_pool_included(setup: Setup) -> None:
    """WORKER_NICE lowers the worker's CPU priority before its pool forks: the main process and
    its pool process both run at that nice, and a worker leading its own session (as the bench
    and a service manager start it) puts its session's autogroup there too (entrypoints.priority),
    where nice alone would order nothing against Gunicorn's session."""
    worker = setup.worker(pool="prefork", WORKER_NICE="7")
    worker.start()
    assert worker.proc is not None
    main = worker.proc.pid
    deadline = time.monotonic() + 10
    while not _children(main) and time.monotonic() < deadline:
        time.sleep(0.1)
    pool = _children(main)
    assert pool, "the prefork pool did not start"
    assert _nice_of(main) == 7 and [_nice_of(p) for p in pool] == [7] * len(pool)
    autogroup = Path(f"/proc/{main}/autogroup")
    if Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1":
        assert autogroup.read_text().split()[-1] == "7"
    assert "CPU priority lowered: nice 7" in (setup.tmp_path / "worker.log").read_text()
