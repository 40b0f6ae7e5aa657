"""Grouping a household's expiring stacks (domain.notifications.households)."""

from __future__ import annotations

from datetime import date

from zerowaste.domain.notifications.households import HouseholdStock, MemberStack, by_household
from zerowaste.domain.notifications.rules import ExpiringStack


def _row(household: str, uid: str, role: str, stack_id: int) -> MemberStack:
    return MemberStack(
        household, uid, role, ExpiringStack(uid, stack_id, "Leche", date(2026, 1, 16))
    )


def test_each_household_comes_once_with_each_stack_once() -> None:
    rows = [
        _row("h2", "zoe", "owner", 7),
        _row("h1", "bea", "adult", 1),
        _row("h1", "ana", "owner", 1),
        _row("h1", "ana", "owner", 2),
        _row("h1", "bea", "adult", 2),
    ]
    first, second = by_household(rows)
    assert first.household_id == "h1" and first.members == {"bea": "adult", "ana": "owner"}
    assert sorted(first.stacks) == [1, 2] and [s.stack_id for s in second.expiring()] == [7]


def test_the_household_s_clock_is_its_owner_s() -> None:
    assert HouseholdStock("h", {"ana": "adult", "zoe": "owner"}).clock_uid() == "zoe"
    assert HouseholdStock("h", {"zoe": "adult", "ana": "adult"}).clock_uid() == "ana"
