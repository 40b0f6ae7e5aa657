"""The period a report covers and its buckets (day, ISO week starting Monday, month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from zerowaste.domain.shared.errors import InvalidInput

Granularity = Literal["day", "week", "month"]
GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month")
PERIODS = {"7d": 7, "30d": 30, "90d": 90, "365d": 365, "all": None}
MAX_DAYS = 2 * 366  # two years, leap days included
FIRST_DAY = date(2000, 1, 1)  # "all" never reaches before this


class InvalidWindow(InvalidInput):
    code = "invalid_period"


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # inclusive
    granularity: Granularity

    def buckets(self) -> list[date]:
        """Every bucket key from start to end, without gaps."""
        keys: list[date] = []
        key = bucket_of(self.start, self.granularity)
        while key <= self.end:
            keys.append(key)
            key = next_bucket(key, self.granularity)
        return keys


def resolve(
    today: date,
    granularity: str,
    period: str | None = None,
    start: date | None = None,
    end: date | None = None,
    first_day: date | None = None,
) -> Window:
    """The window asked for: `start`/`end` (either may be left out), else `period` (default
    30d; `all` starts on `first_day`, the owner's first record). Refused: an unknown period or
    granularity, an end before the start, more than two years."""
    if granularity not in GRANULARITIES:
        raise InvalidWindow(f"granularity must be one of {', '.join(GRANULARITIES)}")
    if start is not None or end is not None:
        last = end or today
        first = start or last - timedelta(days=29)
    else:
        if (period or "30d") not in PERIODS:
            raise InvalidWindow(f"period must be one of {', '.join(PERIODS)}")
        days = PERIODS[period or "30d"]
        last = today
        first = last - timedelta(days=days - 1) if days else (first_day or today)
        first = max(first, last - timedelta(days=MAX_DAYS - 1)) if days is None else first
    if last < first:
        raise InvalidWindow("end is before start")
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidWindow("a window spans two years at most")
    return Window(first, last, granularity)


def bucket_of(day: date, granularity: Granularity) -> date:
    """The key of the bucket `day` falls in: itself, its week's Monday or its month's 1st."""
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def next_bucket(key: date, granularity: Granularity) -> date:
    if granularity == "week":
        return key + timedelta(days=7)
    if granularity == "month":
        return date(key.year + key.month // 12, key.month % 12 + 1, 1)
    return key + timedelta(days=1)


def month_end(key: date) -> date:
    return next_bucket(key.replace(day=1), "month") - timedelta(days=1)
