"""Daily and weekly caloric balance: what was eaten against the daily energy target.

Rules (why, not how):
- Every day of the range is listed, days without entries at 0 kcal eaten, so a chart needs
  no gap filling. Balance = eaten - target: negative is a deficit, positive a surplus.
- The target is today's (targets are not kept per day): without a profile there is no target,
  and target and balance are None while the energy eaten is still given.
- Weeks are ISO weeks (Monday-Sunday, "2026-W49") cut to the range: a week's target is the
  daily target times the days of that week inside the range. Totals cover the whole range.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from zerowaste.domain.intake.log import FoodLogEntry, check_range


@dataclass(frozen=True)
class Balance:
    eaten_kcal: float
    target_kcal: float | None
    balance_kcal: float | None


@dataclass(frozen=True)
class DayBalance(Balance):
    day: date


@dataclass(frozen=True)
class WeekBalance(Balance):
    week: str
    start: date
    end: date
    days: int


@dataclass(frozen=True)
class RangeBalance:
    start: date
    end: date
    days: tuple[DayBalance, ...]
    weeks: tuple[WeekBalance, ...]
    totals: Balance


def _balance(eaten: float, target: float | None) -> tuple[float, float | None, float | None]:
    eaten = round(eaten, 1)
    if target is None:
        return eaten, None, None
    return eaten, round(target, 1), round(eaten - target, 1)


def _week_of(day: date) -> tuple[str, date]:
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}", day - timedelta(days=weekday - 1)


def caloric_balance(
    entries: Iterable[FoodLogEntry], start: date, end: date, daily_target: float | None
) -> RangeBalance:
    """Per day, per ISO week and in total over [start, end]."""
    check_range(start, end)
    eaten: dict[date, float] = {}
    for entry in entries:
        if start <= entry.day <= end:
            eaten[entry.day] = eaten.get(entry.day, 0.0) + entry.kcal
    count = (end - start).days + 1
    days = tuple(
        DayBalance(*_balance(eaten.get(d, 0.0), daily_target), day=d)
        for d in (start + timedelta(days=n) for n in range(count))
    )
    by_week: dict[str, list[DayBalance]] = {}
    for day in days:
        by_week.setdefault(_week_of(day.day)[0], []).append(day)
    weeks = tuple(
        WeekBalance(
            *_balance(
                sum(eaten.get(d.day, 0.0) for d in group),
                None if daily_target is None else daily_target * len(group),
            ),
            week=label,
            start=group[0].day,
            end=group[-1].day,
            days=len(group),
        )
        for label, group in by_week.items()
    )
    total_target = None if daily_target is None else daily_target * count
    totals = Balance(*_balance(sum(eaten.values()), total_target))
    return RangeBalance(start, end, days, weeks, totals)
