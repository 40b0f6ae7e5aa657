"""Generations that rank the same recipes at once claim their pictures without a 503.

Every generation asks for the pictures of its recipes (`PictureService.request`); under the
soak's load several users' generations name the same catalog recipes, each in its own ranking
order. The claim inserted each name and, on a duplicate, updated it: on MariaDB each claimer
took a shared lock on the duplicate and then asked for an exclusive one, in its own order, and
they deadlocked. The loser answered 503 `database_busy`, or `database_unavailable` when the
deadlock hit inside the insert's savepoint (its rollback then fails with 1305 "SAVEPOINT does
not exist"), and nothing was logged (the 12-01 soak: one 503 on generate-from-inventory).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.integration.inventory.test_concurrency import all_at_once
from zerowaste.application.pictures import PictureService
from zerowaste.application.ports.ai import AiContext, ImageSubject
from zerowaste.domain import pictures as rules
from zerowaste.domain.shared.errors import DomainError
from zerowaste.infrastructure.db.recognition import PictureRow
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration

NAMES = [f"Receta compartida {n}" for n in range(5)]
CLAIMERS, ROUNDS = 8, 5
CONTEXT = AiContext("es", "metric")


@dataclass
class _Job:
    id: str


class RecordingJobs:
    """Starts nothing; remembers which names each picture job was asked to draw."""

    def __init__(self) -> None:
        self.drawn: list[str] = []

    def start(self, owner_uid: str, job_type: str, payload: dict[str, Any]) -> _Job:
        self.drawn += [s["name"] for s in payload["subjects"]]
        return _Job("j" * 32)


@pytest.fixture
def world(tmp_path: Path, db_url: str) -> Iterator[tuple[PictureService, RecordingJobs, Any]]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    jobs = RecordingJobs()
    pictures = PictureService(
        UnitOfWorkFactory(engine),
        FixedClock(),
        None,  # type: ignore[arg-type]  # the gateway draws in the job, never in `request`
        None,  # type: ignore[arg-type]  # so does the store
        jobs,
        lambda key: f"/files/{key}",
    )
    yield pictures, jobs, engine
    engine.dispose()


def _set(engine: Any, status: str | None) -> None:
    """Every shared name missing (None), or there with `status`, fresh."""
    with Session(engine) as s, s.begin():
        s.execute(delete(PictureRow))
        if status is not None:
            now = FixedClock().now()
            s.add_all(
                PictureRow(kind="recipe", name_key=rules.name_key(n), status=status, updated_at=now)
                for n in NAMES
            )


def _orders(round_: int) -> list[list[ImageSubject]]:
    """Each claimer's ranking of the shared names (its own order, the same every run)."""
    orders = []
    for claimer in range(CLAIMERS):
        subjects = [ImageSubject(n, "recipe", "main", "") for n in NAMES]
        random.Random(round_ * CLAIMERS + claimer).shuffle(subjects)
        orders.append(subjects)
    return orders


@pytest.mark.parametrize("status", [None, "failed", "ready"])
def test_claims_of_the_same_pictures_in_different_orders_all_succeed(
    world: tuple[PictureService, RecordingJobs, Any], status: str | None
) -> None:
    pictures, jobs, engine = world
    outcomes: Counter[str] = Counter()
    for round_ in range(ROUNDS):
        _set(engine, status)
        orders = iter(_orders(round_))

        def claim(orders: Iterator[list[ImageSubject]] = orders) -> str:
            try:
                pictures.request("ana", next(orders), CONTEXT)
            except DomainError as error:
                return error.code
            return "ok"

        outcomes.update(all_at_once(claim, CLAIMERS))

    assert outcomes == {"ok": CLAIMERS * ROUNDS}
    # Each missing or failed picture is drawn by exactly one job per round; a ready one by none.
    expected = Counter() if status == "ready" else Counter({n: ROUNDS for n in NAMES})
    assert Counter(jobs.drawn) == expected


def test_a_failed_or_dead_picture_is_claimed_again_and_a_live_one_is_not(
    world: tuple[PictureService, RecordingJobs, Any],
) -> None:
    pictures, jobs, engine = world
    _set(engine, "generating")
    old = FixedClock().now() - timedelta(hours=1)
    with Session(engine) as s, s.begin():
        s.execute(
            update(PictureRow)
            .where(PictureRow.name_key == rules.name_key(NAMES[0]))
            .values(updated_at=old)
        )
        s.execute(
            update(PictureRow)
            .where(PictureRow.name_key == rules.name_key(NAMES[1]))
            .values(status="failed")
        )
        s.execute(
            update(PictureRow)
            .where(PictureRow.name_key == rules.name_key(NAMES[2]))
            .values(status="ready")
        )

    subjects = [ImageSubject(n, "recipe", "main", "") for n in [*NAMES, "Receta nueva"]]
    pictures.request("ana", list(reversed(subjects)), CONTEXT)

    # The dead job's and the failed picture are drawn again, the new one first drawn; the ready
    # one and the live jobs' stay; the job keeps the order it was asked in.
    assert jobs.drawn == ["Receta nueva", NAMES[1], NAMES[0]]
