"""Job handlers for tests only, registered by the composition root when
ZW_TEST_JOB_HANDLERS=tests.fakes.job_handlers (ZW_ENV=testing; Settings refuse it elsewhere),
in the test process and in a Celery worker subprocess alike. They keep no state in memory:
what differs between attempts comes from the job row (`job.attempts`), so a retried or
redelivered job behaves the same in whichever process runs it.
"""

from __future__ import annotations

import os
import time
from typing import Any

from zerowaste.application.jobs.ports import Progress, RetryableJobError
from zerowaste.application.jobs.service import JobService
from zerowaste.domain.jobs import Job


def echo(job: Job, progress: Progress) -> dict[str, Any]:
    """Reports twice and answers with its payload."""
    progress.report(40, "halfway")
    progress.report(80, "almost")
    return {"echo": job.payload, "attempts": job.attempts}


def flaky(job: Job, progress: Progress) -> dict[str, Any]:
    """Fails transiently until attempt `payload["succeed_on"]` (3 by default)."""
    progress.report(10 * job.attempts, f"attempt {job.attempts}")
    if job.attempts < int(job.payload.get("succeed_on", 3)):
        raise RetryableJobError(f"The provider is busy (attempt {job.attempts})")
    return {"attempts": job.attempts}


def stall(job: Job, progress: Progress) -> dict[str, Any]:
    """Hangs on its first attempt (a worker to kill mid-task); later attempts finish."""
    if job.attempts == 1:
        progress.report(10, "stalling")
        time.sleep(float(job.payload.get("seconds", 60)))
    return {"attempts": job.attempts}


def effect(job: Job, progress: Progress) -> dict[str, Any]:
    """Hangs on its first attempt, naming the process that runs it (a pool child to kill);
    every attempt that finishes appends one line to the file `payload["path"]` (its effect)."""
    if job.attempts == 1:
        progress.report(10, f"stalling in {os.getpid()}")
        time.sleep(float(job.payload.get("seconds", 60)))
    with open(job.payload["path"], "a", encoding="utf-8") as out:
        out.write(f"{job.id} attempt {job.attempts} pid {os.getpid()}\n")
    return {"attempts": job.attempts}


def sleep(job: Job, progress: Progress) -> dict[str, Any]:
    """Sleeps `payload["seconds"]` on every attempt (a time limit's victim)."""
    progress.report(5, "sleeping")
    time.sleep(float(job.payload["seconds"]))
    return {"slept": job.payload["seconds"]}


def stubborn(job: Job, progress: Progress) -> dict[str, Any]:
    """Ignores the soft time limit (swallows it, sleeps on): only the hard limit stops it."""
    progress.report(5, "sleeping")
    for _ in range(2):
        try:
            time.sleep(float(job.payload["seconds"]))
        except Exception:  # Celery's SoftTimeLimitExceeded, swallowed on purpose
            continue
    return {"slept": job.payload["seconds"]}


def boom(job: Job, progress: Progress) -> dict[str, Any]:
    """A bug: the message names internals that must not reach the job row."""
    raise ValueError("password=hunter2 at /srv/secret/path.py")


HANDLERS = {
    "test.echo": echo,
    "test.flaky": flaky,
    "test.stall": stall,
    "test.effect": effect,
    "test.sleep": sleep,
    "test.stubborn": stubborn,
    "test.boom": boom,
}


def register(jobs: JobService) -> None:
    for job_type, handler in HANDLERS.items():
        jobs.register(job_type, handler)
