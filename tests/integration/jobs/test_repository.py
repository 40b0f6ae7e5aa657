"""The jobs table on SQLite and MariaDB: a job comes back as it was saved (JSON, microseconds,
status), lists are the owner's newest first, the purge takes only old finished jobs, and jobs
go with their owner's account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.domain.jobs import Job, JobStatus
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration

NOW = datetime(2025, 6, 1, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def uows(tmp_path: Any, db_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    factory = UnitOfWorkFactory(engine)
    with factory() as uow:
        add_user(uow, User("ana", None, None, "guest", NOW, NOW))
        add_user(uow, User("bob", None, None, "guest", NOW, NOW))
        uow.commit()
    yield factory
    engine.dispose()


def job(n: int, owner: str = "ana", at: datetime = NOW) -> Job:
    return Job.new(f"{n:032x}", "test.echo", owner, {"n": n, "word": "año"}, at)


def store(uows: UnitOfWorkFactory, *jobs: Job) -> None:
    with uows() as uow:
        for item in jobs:
            uow.jobs.add(item)
        uow.commit()


def test_a_job_comes_back_exactly_as_it_was_saved(uows: UnitOfWorkFactory) -> None:
    saved = job(1)
    store(uows, saved)
    with uows() as uow:
        running = uow.jobs.get(saved.id)
        assert running == saved
        running.start(NOW + timedelta(microseconds=7))
        running.report(55, "mitad", NOW + timedelta(seconds=1))
        running.complete({"items": [{"name": "Leche", "qty": 1.5}], "ok": True}, NOW)
        uow.jobs.save(running)
        uow.commit()

    with uows.read() as uow:
        found = uow.jobs.get(saved.id)
    assert found == running
    assert found.status is JobStatus.COMPLETED
    assert found.started_at == NOW + timedelta(microseconds=7)
    assert found.result == {"items": [{"name": "Leche", "qty": 1.5}], "ok": True}
    assert found.payload == {"n": 1, "word": "año"}


def test_an_unknown_job_is_none_and_saving_it_is_an_error(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        assert uow.jobs.get("f" * 32) is None
        with pytest.raises(LookupError):
            uow.jobs.save(job(9))


def test_an_owner_lists_their_jobs_newest_first(uows: UnitOfWorkFactory) -> None:
    store(uows, job(1), job(2, at=NOW + timedelta(seconds=2)), job(3, "bob"))
    store(uows, job(4, at=NOW + timedelta(seconds=1)))
    with uows.read() as uow:
        assert [j.id[-1] for j in uow.jobs.list_for_owner("ana", 10)] == ["2", "4", "1"]
        assert [j.id[-1] for j in uow.jobs.list_for_owner("ana", 1)] == ["2"]


def test_the_purge_deletes_only_jobs_finished_before_the_cutoff(uows: UnitOfWorkFactory) -> None:
    old_done, old_failed, recent, pending = job(1), job(2), job(3), job(4)
    old_done.start(NOW)
    old_done.complete({}, NOW)
    old_failed.fail("no", NOW)
    recent.fail("no", NOW + timedelta(days=2))
    store(uows, old_done, old_failed, recent, pending)

    with uows() as uow:
        assert uow.jobs.delete_finished_before(NOW + timedelta(days=1)) == 2
        uow.commit()
    with uows.read() as uow:
        assert {j.id for j in uow.jobs.list_for_owner("ana", 10)} == {pending.id, recent.id}


def test_jobs_go_with_their_owners_account(uows: UnitOfWorkFactory) -> None:
    store(uows, job(1), job(2, "bob"))
    with uows() as uow:
        uow.users.delete("ana")
        uow.commit()
    with uows.read() as uow:
        assert uow.jobs.get(job(1).id) is None
        assert uow.jobs.get(job(2).id) is not None
