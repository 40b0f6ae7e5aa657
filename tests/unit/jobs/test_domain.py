"""Job transitions: pending -> processing (again after a retry or redelivery) -> completed or
failed; finished jobs refuse every transition; progress only goes up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fakes import EPOCH
from zerowaste.domain.jobs import Job, JobStateError, JobStatus, check_job_type, is_job_id
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit

JOB_ID = "0123456789abcdef0123456789abcdef"
LATER = EPOCH + timedelta(seconds=5)


def new_job() -> Job:
    return Job.new(JOB_ID, "test.echo", "ana", {"n": 1}, EPOCH)


def running_job() -> Job:
    job = new_job()
    job.start(EPOCH)
    return job


def test_a_new_job_is_pending_with_nothing_done() -> None:
    job = new_job()
    assert (job.status, job.progress, job.attempts, job.step) == (JobStatus.PENDING, 0, 0, "queued")
    assert job.created_at == job.updated_at == EPOCH
    assert job.started_at is job.completed_at is job.result is job.error is None


def test_the_payload_is_copied_so_the_caller_cannot_change_a_stored_job() -> None:
    payload = {"n": 1}
    job = Job.new(JOB_ID, "test.echo", "ana", payload, EPOCH)
    payload["n"] = 2
    assert job.payload == {"n": 1}


@pytest.mark.parametrize("job_id", ["", "0123", JOB_ID.upper(), JOB_ID + "0", "g" * 32])
def test_a_job_id_is_32_lowercase_hex_digits(job_id: str) -> None:
    assert not is_job_id(job_id)
    with pytest.raises(InvalidInput):
        Job.new(job_id, "test.echo", "ana", {}, EPOCH)


@pytest.mark.parametrize("job_type", ["", "Test.echo", "test..echo", ".echo", "a" * 65, "x y"])
def test_a_job_type_is_a_dotted_lowercase_name(job_type: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_job_type(job_type)
    assert raised.value.code == "job_type_invalid"


def test_starting_counts_an_attempt_and_a_processing_job_may_start_again() -> None:
    job = new_job()
    job.start(EPOCH)
    job.report(30, "working", EPOCH)
    job.start(LATER)  # a retry, or the message of a dead worker delivered again

    assert job.status is JobStatus.PROCESSING
    assert job.attempts == 2
    assert job.started_at == job.updated_at == LATER
    assert job.progress == 30  # kept across attempts


def test_progress_is_clamped_and_never_goes_back() -> None:
    job = running_job()
    job.report(60, "step two", LATER)
    job.report(20, "step one again")
    assert (job.progress, job.step, job.updated_at) == (60, "step one again", LATER)
    job.report(250, "over")
    assert job.progress == 100
    job.report(-5, "under")
    assert job.progress == 100


def test_only_a_running_job_reports_progress() -> None:
    with pytest.raises(JobStateError):
        new_job().report(10, "early")


def test_a_completed_job_has_its_result_full_progress_and_no_error() -> None:
    job = running_job()
    job.complete({"ok": True}, LATER)
    assert job.status is JobStatus.COMPLETED and job.is_terminal
    assert (job.result, job.error, job.progress) == ({"ok": True}, None, 100)
    assert job.completed_at == job.updated_at == LATER


def test_only_a_running_job_completes() -> None:
    with pytest.raises(JobStateError):
        new_job().complete({}, LATER)


@pytest.mark.parametrize("start", [False, True])
def test_a_pending_or_running_job_fails_with_its_reason(start: bool) -> None:
    job = running_job() if start else new_job()
    job.fail("  The provider is busy  ", LATER)
    assert job.status is JobStatus.FAILED and job.is_terminal
    assert (job.error, job.completed_at) == ("The provider is busy", LATER)


def test_a_failure_reason_is_never_empty_and_is_bounded() -> None:
    empty, long = running_job(), running_job()
    empty.fail("   ", LATER)
    long.fail("x" * 2000, LATER)
    assert empty.error == "The job failed"
    assert long.error == "x" * 500


@pytest.mark.parametrize("finish", ["complete", "fail"])
def test_a_finished_job_refuses_every_transition(finish: str) -> None:
    job = running_job()
    job.complete({"ok": 1}, LATER) if finish == "complete" else job.fail("no", LATER)
    before = (job.status, job.attempts, job.result, job.error)

    for transition in (
        lambda: job.start(LATER),
        lambda: job.complete({}, LATER),
        lambda: job.fail("again", LATER),
        lambda: job.report(50, "late"),
    ):
        with pytest.raises(JobStateError):
            transition()
    assert (job.status, job.attempts, job.result, job.error) == before
