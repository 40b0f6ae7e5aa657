"""Food log entries, ranges and the daily/weekly caloric balance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zerowaste.domain.intake.balance import caloric_balance
from zerowaste.domain.intake.log import FoodLogEntry, InvalidDateRange, check_range, validated
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit

TODAY = date(2026, 11, 30)


def eaten(day: date, kcal: float, **changes: object) -> FoodLogEntry:
    entry = FoodLogEntry(day=day, meal_type="dinner", name="Sopa", kcal=kcal)
    return replace(entry, **changes)  # type: ignore[arg-type]


def test_a_range_of_366_days_is_the_longest():
    check_range(date(2024, 1, 1), date(2024, 12, 31))
    with pytest.raises(InvalidDateRange):
        check_range(date(2024, 1, 1), date(2025, 1, 1))
    with pytest.raises(InvalidDateRange):
        check_range(date(2024, 1, 2), date(2024, 1, 1))
    check_range(date(2024, 1, 1), date(2024, 1, 1))


@pytest.mark.parametrize(
    "changes",
    [
        {"day": date(1999, 12, 31)},
        {"day": date(2026, 12, 2)},  # the day after tomorrow
        {"kcal": -0.1},
        {"kcal": 10_000.1},
        {"kcal": float("nan")},
        {"fat_g": 1000.1},
        {"servings": 0.0},
        {"servings": 100.5},
        {"meal_type": "tea"},
        {"name": "   "},
        {"source": "guess"},
    ],
)
def test_impossible_entries_are_refused(changes):
    with pytest.raises(InvalidInput):
        validated(replace(eaten(TODAY, 300), **changes), TODAY)  # type: ignore[arg-type]


def test_bounds_are_accepted_and_the_name_is_trimmed():
    entry = eaten(date(2026, 12, 1), 10_000, servings=100.0, name="  Sopa   de  lima ")
    assert validated(entry, TODAY).name == "Sopa de lima"
    assert validated(eaten(date(2000, 1, 1), 0), TODAY).kcal == 0


def test_balance_per_day_week_and_total():
    entries = [
        eaten(date(2026, 11, 29), 1800),  # Sunday, 2026-W48
        eaten(date(2026, 11, 30), 1000),  # Monday, 2026-W49
        eaten(date(2026, 11, 30), 1200.5),
        eaten(date(2026, 12, 5), 999),  # outside the range
    ]
    found = caloric_balance(entries, date(2026, 11, 28), date(2026, 12, 1), 2000)

    assert [(d.day.day, d.eaten_kcal, d.balance_kcal) for d in found.days] == [
        (28, 0, -2000), (29, 1800, -200), (30, 2200.5, 200.5), (1, 0, -2000)
    ]  # fmt: skip
    assert [(w.week, w.days, w.eaten_kcal, w.target_kcal, w.balance_kcal) for w in found.weeks] == [
        ("2026-W48", 2, 1800, 4000, -2200), ("2026-W49", 2, 2200.5, 4000, -1799.5)
    ]  # fmt: skip
    assert (found.totals.eaten_kcal, found.totals.target_kcal, found.totals.balance_kcal) == (
        4000.5, 8000, -3999.5
    )  # fmt: skip


def test_without_a_target_there_is_no_balance():
    found = caloric_balance([eaten(date(2026, 11, 30), 500)], TODAY, TODAY, None)
    assert (found.days[0].eaten_kcal, found.days[0].target_kcal, found.days[0].balance_kcal) == (
        500, None, None
    )  # fmt: skip
