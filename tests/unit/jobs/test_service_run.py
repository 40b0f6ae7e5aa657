"""JobService.run, the worker's entry: idempotent by job id, transient failures retried until
the final attempt, anything else failing the job with a safe message; progress is committed
while the handler runs."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.fakes.jobs import FakeTimeout, JobsWorld
from zerowaste.application.jobs.ports import Progress, RetryableJobError
from zerowaste.application.jobs.service import TIMED_OUT, UNEXPECTED
from zerowaste.application.ports.ai import ProviderFailed
from zerowaste.domain.jobs import Job, JobStatus
from zerowaste.domain.shared.errors import (
    RuleViolation,
    TransientConflict,
    UpstreamUnavailable,
)

pytestmark = pytest.mark.unit


def test_run_completes_the_job_with_the_handlers_result_and_its_progress(world: JobsWorld) -> None:
    seen: list[tuple[int, str]] = []

    def watch(job: Job, progress: Progress) -> dict[str, Any]:
        progress.report(40, "halfway")
        stored = world.stored(job.id)  # committed while the handler still runs
        seen.append((stored.progress, stored.step))
        return {"done": job.payload["n"]}

    world.handler("test.watch", watch)
    job = world.jobs.start("ana", "test.watch", {"n": 3})
    world.jobs.run(job.id, final_attempt=False)

    done = world.stored(job.id)
    assert seen == [(40, "halfway")]
    assert (done.status, done.result, done.progress, done.attempts) == (
        JobStatus.COMPLETED,
        {"done": 3},
        100,
        1,
    )
    assert done.error is None and done.completed_at == world.clock.now()


def test_run_is_a_no_op_for_a_finished_or_unknown_job(world: JobsWorld) -> None:
    calls: list[str] = []
    world.handler("test.count", lambda job, progress: calls.append(job.id) or {"n": len(calls)})
    job = world.jobs.start("ana", "test.count", {})
    world.jobs.run(job.id, final_attempt=False)
    first = world.stored(job.id)

    world.jobs.run(job.id, final_attempt=False)  # the same message delivered again
    world.jobs.run(job.id, final_attempt=True)
    world.jobs.run("f" * 32, final_attempt=True)

    assert calls == [job.id]
    assert world.stored(job.id) == first


def test_a_transient_failure_reaches_the_worker_until_the_final_attempt(world: JobsWorld) -> None:
    job = world.jobs.start("ana", "test.flaky", {"succeed_on": 9})

    for _ in range(2):
        with pytest.raises(RetryableJobError):
            world.jobs.run(job.id, final_attempt=False)
        waiting = world.stored(job.id)
        assert (waiting.status, waiting.step) == (JobStatus.PROCESSING, "retrying")
    world.jobs.run(job.id, final_attempt=True)

    failed = world.stored(job.id)
    assert (failed.status, failed.attempts) == (JobStatus.FAILED, 3)
    assert failed.error == "The provider is busy (attempt 3)"


def test_a_retried_job_completes_when_an_attempt_succeeds(world: JobsWorld) -> None:
    job = world.jobs.start("ana", "test.flaky", {})
    for _ in range(2):
        with pytest.raises(RetryableJobError):
            world.jobs.run(job.id, final_attempt=False)
    world.jobs.run(job.id, final_attempt=False)
    done = world.stored(job.id)
    assert (done.status, done.result, done.progress) == (JobStatus.COMPLETED, {"attempts": 3}, 100)


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (ProviderFailed("Gemini answered 503"), True),
        (TransientConflict("The database is busy"), True),
        (UpstreamUnavailable("Firebase timed out"), True),
        (ProviderFailed("Gemini refused the key", retryable=False), False),
        (RuleViolation("Nothing to recognise in this photo"), False),
    ],
)
def test_upstream_failures_are_retried_unless_the_provider_says_not_to(
    world: JobsWorld, error: Exception, retried: bool
) -> None:
    def fails(job: Job, progress: Progress) -> dict[str, Any]:
        raise error

    world.handler("test.fails", fails)
    job = world.jobs.start("ana", "test.fails", {})
    if retried:
        with pytest.raises(type(error)):
            world.jobs.run(job.id, final_attempt=False)
        assert world.stored(job.id).status is JobStatus.PROCESSING
        world.jobs.run(job.id, final_attempt=True)
    else:
        world.jobs.run(job.id, final_attempt=False)
    failed = world.stored(job.id)
    assert (failed.status, failed.error) == (JobStatus.FAILED, str(error))


def test_a_bug_fails_the_job_with_a_safe_message_and_logs_the_traceback(
    world: JobsWorld, caplog: Any
) -> None:
    job = world.jobs.start("ana", "test.boom", {})
    with caplog.at_level(logging.ERROR, logger="zerowaste.application.jobs.service"):
        world.jobs.run(job.id, final_attempt=False)  # not retried, final or not

    failed = world.stored(job.id)
    assert (failed.status, failed.error) == (JobStatus.FAILED, UNEXPECTED)
    assert "hunter2" not in repr(failed)
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.exc_info and isinstance(record.exc_info[1], ValueError)
    assert job.id in record.getMessage()


@pytest.mark.parametrize("result", [["not", "a", "dict"], {"when": object()}])
def test_a_result_that_is_not_a_json_object_fails_the_job(world: JobsWorld, result: Any) -> None:
    world.handler("test.odd", lambda job, progress: result)
    job = world.jobs.start("ana", "test.odd", {})
    world.jobs.run(job.id, final_attempt=False)
    assert (world.stored(job.id).status, world.stored(job.id).error) == (
        JobStatus.FAILED,
        UNEXPECTED,
    )


def test_a_time_limit_fails_the_job_as_timed_out_without_a_retry(world: JobsWorld) -> None:
    def slow(job: Job, progress: Progress) -> dict[str, Any]:
        raise FakeTimeout()

    world.handler("test.slow", slow)
    job = world.jobs.start("ana", "test.slow", {})
    world.jobs.run(job.id, final_attempt=False)
    assert (world.stored(job.id).status, world.stored(job.id).error) == (
        JobStatus.FAILED,
        TIMED_OUT,
    )


def test_a_job_without_a_handler_in_this_process_fails_at_once(world: JobsWorld) -> None:
    job = world.jobs.start("ana", "test.echo", {})
    other = JobsWorld()
    other.store.jobs = world.store.jobs
    del other.jobs._handlers["test.echo"]

    other.jobs.run(job.id, final_attempt=False)
    assert other.store.jobs[job.id].status is JobStatus.FAILED
    assert other.store.jobs[job.id].attempts == 0


def test_a_job_that_keeps_coming_back_is_given_up_after_max_attempts() -> None:
    world = JobsWorld(max_attempts=2)
    job = world.jobs.start("ana", "test.stall", {"seconds": 0})
    world.stored(job.id).start(world.clock.now())  # two deliveries whose worker died
    world.stored(job.id).start(world.clock.now())

    world.jobs.run(job.id, final_attempt=False)
    given_up = world.stored(job.id)
    assert (given_up.status, given_up.attempts) == (JobStatus.FAILED, 2)
    assert given_up.error == "The job was given up after 2 attempts"


def test_give_up_fails_an_unfinished_job_and_leaves_a_finished_one(world: JobsWorld) -> None:
    running = world.jobs.start("ana", "test.echo", {})
    done = world.jobs.start("ana", "test.echo", {})
    world.jobs.run(done.id, final_attempt=True)

    assert world.jobs.give_up(running.id, TIMED_OUT) is True
    assert world.jobs.give_up(done.id, TIMED_OUT) is False
    assert world.stored(running.id).error == TIMED_OUT
    assert world.stored(done.id).status is JobStatus.COMPLETED
