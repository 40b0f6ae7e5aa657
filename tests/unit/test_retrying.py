"""A use case that loses a deadlock runs again, a bounded number of times (issue #7 §1)."""

from __future__ import annotations

import logging

import pytest

from zerowaste.application.ports import uow
from zerowaste.application.ports.uow import RETRY_ATTEMPTS, retrying
from zerowaste.domain.shared.errors import NotFound, TransientConflict

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(uow.time, "sleep", slept.append)
    return slept


def conflict() -> TransientConflict:
    try:
        raise RuntimeError("(1213, 'Deadlock found when trying to get lock')")
    except RuntimeError as cause:
        try:
            raise TransientConflict("The database is busy; try again") from cause
        except TransientConflict as error:
            return error


def test_a_lost_deadlock_is_run_again_until_it_commits(no_sleep, caplog):
    attempts: list[int] = []

    @retrying
    def add(n: int) -> str:
        attempts.append(n)
        if len(attempts) < 3:
            raise conflict()
        return "committed"

    with caplog.at_level(logging.WARNING):
        assert add(7) == "committed"

    assert attempts == [7, 7, 7] and len(no_sleep) == 2
    assert all(0.005 <= s <= 0.1 for s in no_sleep)
    assert "Deadlock found" in caplog.text and "retried (attempt 1)" in caplog.text


def test_it_gives_up_after_the_last_attempt_and_says_so(no_sleep, caplog):
    calls = []

    @retrying
    def add() -> None:
        calls.append(1)
        raise conflict()

    with caplog.at_level(logging.ERROR), pytest.raises(TransientConflict):
        add()

    assert len(calls) == RETRY_ATTEMPTS
    assert f"gave up after {RETRY_ATTEMPTS} attempts" in caplog.text


def test_other_errors_are_not_retried(no_sleep):
    calls = []

    @retrying
    def consume() -> None:
        calls.append(1)
        raise NotFound("Item not found")

    with pytest.raises(NotFound):
        consume()

    assert calls == [1] and no_sleep == []
