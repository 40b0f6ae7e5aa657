"""Summaries over a user's dated savings records: totals, trends, top records, community rank.

Rules (why, not how):
- Dates are UTC calendar days of `saved_at` (timestamps are stored UTC-aware); a range is
  inclusive at both ends, and a start after the end is refused rather than answered empty.
- Trends are contiguous: every ISO week (Monday-Sunday, labelled "2026-W05") or calendar month
  ("2026-01") from the range's start, else the first record, to its end, else the last record,
  empty periods at zero, so a chart needs no gap filling. At most MAX_TREND_PERIODS periods,
  the most recent ones, so an open range over years of records stays bounded.
- Top records are ordered by the chosen figure, then the newest, then the id: stable pages.
- The community comparison sees totals only, never who they belong to. Its percentile is the
  mid-rank percentile, 100 x (totals below + half the totals equal) / users, with the caller's
  own total among `totals`; with fewer than 2 users there is no one to compare with (None).
  The community median and average are given only from MIN_USERS_FOR_AGGREGATES users up: with
  two users an average would reveal the other user's total.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from zerowaste.domain.savings.calculation import DECIMALS
from zerowaste.domain.shared.errors import InvalidInput

Metric = Literal["carbon", "water", "energy", "cost"]
Period = Literal["week", "month"]
METRICS: tuple[Metric, ...] = ("carbon", "water", "energy", "cost")
MAX_TREND_PERIODS = 520
MAX_TOP = 100
MIN_USERS_FOR_AGGREGATES = 5


class InvalidDateRange(InvalidInput):
    code = "invalid_date_range"


@dataclass(frozen=True)
class SavingsRecord:
    """One stored calculation (a recipe's savings) as the summaries see it."""

    id: str
    title: str
    saved_at: datetime
    carbon_kg_co2e: float
    water_l: float
    energy_mj: float
    cost_mxn: float
    is_cooked: bool

    def figure(self, metric: Metric) -> float:
        return {
            "carbon": self.carbon_kg_co2e,
            "water": self.water_l,
            "energy": self.energy_mj,
            "cost": self.cost_mxn,
        }[metric]

    @property
    def day(self) -> date:
        saved = self.saved_at
        return (saved.replace(tzinfo=UTC) if saved.tzinfo is None else saved.astimezone(UTC)).date()


@dataclass(frozen=True)
class Totals:
    carbon_kg_co2e: float
    water_l: float
    energy_mj: float
    cost_mxn: float
    count: int


@dataclass(frozen=True)
class TrendPoint:
    period: str
    start: date
    end: date
    totals: Totals


@dataclass(frozen=True)
class CommunityComparison:
    metric: Metric
    value: float
    users: int
    percentile: float | None
    community_median: float | None
    community_average: float | None


def _check_range(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and start > end:
        raise InvalidDateRange(
            "The start date is after the end date",
            details={"start_date": start.isoformat(), "end_date": end.isoformat()},
        )


def select(
    records: Iterable[SavingsRecord],
    *,
    start: date | None = None,
    end: date | None = None,
    is_cooked: bool | None = None,
) -> list[SavingsRecord]:
    """The records saved within [start, end] (UTC days) with the given cooked status."""
    _check_range(start, end)
    return [
        r
        for r in records
        if (start is None or r.day >= start)
        and (end is None or r.day <= end)
        and (is_cooked is None or r.is_cooked is is_cooked)
    ]


def _sum(records: Sequence[SavingsRecord]) -> Totals:
    return Totals(
        carbon_kg_co2e=round(sum(r.carbon_kg_co2e for r in records), DECIMALS["carbon"]),
        water_l=round(sum(r.water_l for r in records), DECIMALS["water"]),
        energy_mj=round(sum(r.energy_mj for r in records), DECIMALS["energy"]),
        cost_mxn=round(sum(r.cost_mxn for r in records), DECIMALS["cost"]),
        count=len(records),
    )


def totals(
    records: Iterable[SavingsRecord],
    *,
    start: date | None = None,
    end: date | None = None,
    is_cooked: bool | None = None,
) -> Totals:
    """Sums of every figure over the selected records (zeros when there are none)."""
    return _sum(select(records, start=start, end=end, is_cooked=is_cooked))


def _period_of(day: date, period: Period) -> tuple[str, date, date]:
    if period == "week":
        year, week, weekday = day.isocalendar()
        first = day - timedelta(days=weekday - 1)
        return f"{year}-W{week:02d}", first, first + timedelta(days=6)
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return f"{day.year}-{day.month:02d}", first, following - timedelta(days=1)


def trends(
    records: Iterable[SavingsRecord],
    period: Period,
    *,
    start: date | None = None,
    end: date | None = None,
    is_cooked: bool | None = None,
) -> list[TrendPoint]:
    """Totals per ISO week or calendar month, contiguous, oldest first."""
    if period not in ("week", "month"):
        raise InvalidInput(
            f"Unknown period: {str(period)[:20]!r}", details={"period": "week|month"}
        )
    chosen = select(records, start=start, end=end, is_cooked=is_cooked)
    days = [r.day for r in chosen]
    first = start or (min(days) if days else None)
    last = end or (max(days) if days else None)
    if first is None or last is None:
        return []
    by_period: dict[str, list[SavingsRecord]] = {}
    for record in chosen:
        by_period.setdefault(_period_of(record.day, period)[0], []).append(record)
    points: list[TrendPoint] = []
    label, begin, finish = _period_of(last, period)
    while len(points) < MAX_TREND_PERIODS:
        points.append(TrendPoint(label, begin, finish, _sum(by_period.get(label, []))))
        if begin <= first:
            break
        label, begin, finish = _period_of(begin - timedelta(days=1), period)
    points.reverse()
    return points


def top(
    records: Iterable[SavingsRecord],
    n: int = 5,
    *,
    metric: Metric = "carbon",
    start: date | None = None,
    end: date | None = None,
    is_cooked: bool | None = None,
) -> list[SavingsRecord]:
    """The n records with the largest `metric` (1 <= n <= MAX_TOP)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_TOP:
        raise InvalidInput(f"n must be between 1 and {MAX_TOP}", details={"n": str(n)[:20]})
    if metric not in METRICS:
        raise InvalidInput(f"Unknown metric: {str(metric)[:20]!r}", details={"metric": metric})
    chosen = select(records, start=start, end=end, is_cooked=is_cooked)
    chosen.sort(key=lambda r: (-r.figure(metric), -r.saved_at.timestamp(), r.id))
    return chosen[:n]


def community_comparison(
    value: float, totals: Sequence[float], *, metric: Metric = "carbon"
) -> CommunityComparison:
    """Where `value` (the caller's total) stands among every user's `totals` (caller included)."""
    if metric not in METRICS:
        raise InvalidInput(f"Unknown metric: {str(metric)[:20]!r}", details={"metric": metric})
    users = len(totals)
    decimals = DECIMALS[metric]
    percentile = None
    if users >= 2:
        below = sum(1 for t in totals if t < value)
        equal = sum(1 for t in totals if t == value)
        percentile = round(100 * (below + equal / 2) / users, 1)
    aggregates = users >= MIN_USERS_FOR_AGGREGATES
    return CommunityComparison(
        metric=metric,
        value=round(value, decimals),
        users=users,
        percentile=percentile,
        community_median=round(statistics.median(totals), decimals) if aggregates else None,
        community_average=round(statistics.fmean(totals), decimals) if aggregates else None,
    )
