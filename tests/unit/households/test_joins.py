"""A join's undo (domain.households.joins): once, and only within the day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from zerowaste.domain.households.joins import UNDO_WINDOW, JoinRecord
from zerowaste.domain.shared.errors import Conflict, RuleViolation

JOINED = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _join() -> JoinRecord:
    return JoinRecord(1, "home", "ben", "ben-alone", "adult", JOINED)


def test_a_join_is_undone_once_within_the_day() -> None:
    join = _join()
    assert join.undo_until == JOINED + UNDO_WINDOW == JOINED + timedelta(hours=24)
    join.undo(JOINED + timedelta(hours=23, minutes=59))
    assert join.undone_at == JOINED + timedelta(hours=23, minutes=59)
    with pytest.raises(Conflict):
        join.undo(JOINED + timedelta(hours=23, minutes=59))


def test_a_day_after_the_join_it_is_too_late() -> None:
    join = _join()
    with pytest.raises(RuleViolation):
        join.undo(JOINED + UNDO_WINDOW)
    assert join.undone_at is None
