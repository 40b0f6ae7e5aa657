"""Plan dates: days, ISO weeks ("2026-W49") and months ("2026-12"), and the bounds a request
may ask for (years 2000-2100, ranges of at most 366 days)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from zerowaste.domain.shared.errors import InvalidInput

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_RANGE_DAYS = 366
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class InvalidDate(InvalidInput):
    code = "invalid_date"


def check_day(value: date) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InvalidDate(f"Dates must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


def parse_day(text: str) -> date:
    """A "YYYY-MM-DD" date in the planner's years."""
    try:
        value = date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        raise InvalidDate("Dates are YYYY-MM-DD") from None
    if len((text or "").strip()) != 10:
        raise InvalidDate("Dates are YYYY-MM-DD")
    return check_day(value)


def check_range(start: date, end: date) -> tuple[date, date]:
    check_day(start)
    check_day(end)
    if end < start:
        raise InvalidDate("end_date is before start_date", code="invalid_range")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise InvalidDate(f"A range spans at most {MAX_RANGE_DAYS} days", code="range_too_long")
    return start, end


@dataclass(frozen=True)
class Week:
    """An ISO week: Monday `start` to Sunday `end`."""

    year: int
    number: int

    @property
    def id(self) -> str:
        return f"{self.year:04d}-W{self.number:02d}"

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(7)]


def parse_week(text: str) -> Week:
    """ "2026-W49" (or "2026W49"); a week the year does not have (2026-W54) is refused."""
    found = _WEEK.match((text or "").strip())
    if found is None:
        raise InvalidDate("Weeks are ISO week ids like 2026-W49", code="invalid_week")
    year, number = int(found[1]), int(found[2])
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise InvalidDate(f"{year} has no week {number}", code="invalid_week") from None
    week = Week(year, number)
    check_range(week.start, week.end)
    return week


def week_of(day: date) -> Week:
    year, number, _ = day.isocalendar()
    return Week(year, number)


def parse_month(text: str) -> tuple[date, date]:
    """ "2026-12" -> its first and last day."""
    found = _MONTH.match((text or "").strip())
    if found is None or not 1 <= int(found[2]) <= 12:
        raise InvalidDate("Months are YYYY-MM", code="invalid_month")
    start = date(int(found[1]), int(found[2]), 1)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return check_range(start, following - timedelta(days=1))
