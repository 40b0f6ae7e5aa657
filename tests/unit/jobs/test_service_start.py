"""JobService.start and the owner's reads: the row is committed before it is enqueued, a queue
failure fails the job and tells the caller, bad input is refused, another user's job does not
exist; the purge keeps unfinished and recent jobs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.fakes.jobs import JobsWorld
from zerowaste.application.jobs.service import NOT_QUEUED
from zerowaste.domain.jobs import JobStatus
from zerowaste.domain.shared.errors import (
    InvalidInput,
    NotFound,
    UpstreamUnavailable,
)

pytestmark = pytest.mark.unit


def test_start_commits_the_pending_job_before_it_enqueues_it(world: JobsWorld) -> None:
    job = world.jobs.start("ana", "test.echo", {"word": "hola"})

    assert world.store.events == ["commit", f"enqueue {job.id}"]
    seen = world.queue.seen_at_enqueue[job.id]
    assert seen is not None and seen.status is JobStatus.PENDING  # the worker will find it
    assert (job.owner_uid, job.type, job.payload, job.status) == (
        "ana",
        "test.echo",
        {"word": "hola"},
        JobStatus.PENDING,
    )
    assert len(job.id) == 32


def test_a_job_that_cannot_be_queued_is_failed_and_the_caller_told(caplog: Any) -> None:
    world = JobsWorld(queue_failure=ConnectionError("redis down"))
    with pytest.raises(UpstreamUnavailable) as raised:
        world.jobs.start("ana", "test.echo", {})

    assert raised.value.code == "queue_unavailable"
    (job,) = world.store.jobs.values()
    assert (job.status, job.error) == (JobStatus.FAILED, NOT_QUEUED)
    assert world.queue.enqueued == []


@pytest.mark.parametrize(
    ("job_type", "payload", "code"),
    [
        ("test.nothing", {}, "job_type_unknown"),
        ("test.echo", {"when": object()}, "job_payload_invalid"),
        ("test.echo", {"blob": "x" * 70_000}, "job_payload_invalid"),
    ],
)
def test_start_refuses_unknown_types_and_payloads_that_are_not_small_json(
    world: JobsWorld, job_type: str, payload: dict[str, Any], code: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        world.jobs.start("ana", job_type, payload)
    assert raised.value.code == code
    assert world.store.jobs == {} and world.queue.enqueued == []


def test_a_handler_type_is_registered_once(world: JobsWorld) -> None:
    with pytest.raises(ValueError, match="already has a handler"):
        world.handler("test.echo", lambda job, progress: {})
    world.jobs.register("test.boom", world.jobs._handlers["test.boom"])  # same handler: fine
    assert "test.echo" in world.jobs.job_types


def test_a_user_gets_their_own_job_and_nobody_elses(world: JobsWorld) -> None:
    job = world.jobs.start("ana", "test.echo", {})
    assert world.jobs.get("ana", job.id) == job
    for owner, job_id in (("bob", job.id), ("ana", "f" * 32), ("ana", "../etc"), ("ana", "")):
        with pytest.raises(NotFound) as raised:
            world.jobs.get(owner, job_id)
        assert raised.value.code == "job_not_found"


def test_recent_lists_the_owners_jobs_newest_first(world: JobsWorld) -> None:
    first = world.jobs.start("ana", "test.echo", {})
    world.clock.advance(timedelta(seconds=1))
    second = world.jobs.start("ana", "test.echo", {})
    world.jobs.start("bob", "test.echo", {})
    assert [j.id for j in world.jobs.recent("ana")] == [second.id, first.id]
    assert [j.id for j in world.jobs.recent("ana", limit=1)] == [second.id]


def test_purge_deletes_only_jobs_finished_before_the_cutoff(world: JobsWorld) -> None:
    old, pending = (
        world.jobs.start("ana", "test.echo", {}),
        world.jobs.start("ana", "test.echo", {}),
    )
    world.jobs.run(old.id, final_attempt=True)
    world.clock.advance(timedelta(days=31))
    recent = world.jobs.start("ana", "test.echo", {})
    world.jobs.run(recent.id, final_attempt=True)

    assert world.jobs.purge_finished(timedelta(days=30)) == 1
    assert set(world.store.jobs) == {pending.id, recent.id}
