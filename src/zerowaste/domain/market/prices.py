"""Shelf prices compared by zone and chain, and the trend between the data's dated windows.

Every figure here is per basis unit (MXN per kg, litre, piece or bunch: `domain.prices` reads
the presentation) and is the median over stores of each store's median, as `domain.prices.
summarize` defines the market price, so a store that re-reports the same shelf price every day
weighs as much as one seen once.

- A **zone** is what the data says: the state and the municipality (CDMX alcaldía) of the store.
- A **window** is a PROFECO fortnight (days 1-15, 16-end of the month): the survey publishes
  its prices by fortnight, so a window never mixes two publications.
- The **trend** of a product states what was observed, never a forecast: the median of each
  window with data, the change from the first window to the last (in MXN and %), the same
  change over the stores seen in both windows only (a different mix of stores moves a median
  too), and the spread between the cheapest and the dearest window. Its `direction` is
  `rose`/`fell` beyond +-5 %, else `stable`; one window has no change. A seasonal model needs
  two years of prices (`SEASONAL_MODEL_DAYS`); below that none is fitted.
"""

from __future__ import annotations

import calendar
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from zerowaste.domain.prices import CENT, Observation, PriceBasis, summarize

STABLE_PCT = Decimal(5)
SEASONAL_MODEL_DAYS = 730
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class PricePoint:
    """One shelf price at one store on one day (a row of the imported PROFECO data)."""

    ingredient_id: str
    product: str
    presentation: str
    brand: str
    chain: str
    store: str  # chain + coordinates: the data's stable store key
    store_name: str
    state: str
    city: str  # municipality or CDMX alcaldía
    day: date
    price_mxn: Decimal  # the whole presentation
    basis: PriceBasis
    unit_price_mxn: Decimal  # per kg, l, unit or bunch


@dataclass(frozen=True)
class Stats:
    """Median over stores of store medians, with the cheapest and dearest price seen."""

    median_mxn: Decimal
    min_mxn: Decimal
    max_mxn: Decimal
    observations: int
    stores: int
    first_date: date
    last_date: date


@dataclass(frozen=True)
class Group:
    key: tuple[str, ...]
    stats: Stats


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    stats: Stats


@dataclass(frozen=True)
class Trend:
    windows: list[Window]
    change_mxn: Decimal | None
    change_pct: Decimal | None
    same_store_change_pct: Decimal | None
    same_stores: int
    spread_mxn: Decimal
    spread_pct: Decimal
    direction: str  # rose | fell | stable | single_window
    span_days: int
    seasonal_model: bool  # never True below SEASONAL_MODEL_DAYS


def stats(points: Sequence[PricePoint]) -> Stats | None:
    """The figures of a set of prices of one basis; None when there are none."""
    if not points:
        return None
    summary = summarize(
        (Observation(p.store, p.day, p.unit_price_mxn) for p in points), points[0].basis
    )
    if summary is None:  # pragma: no cover - points is not empty
        return None
    prices = [p.unit_price_mxn for p in points]
    return Stats(
        median_mxn=summary.median_mxn,
        min_mxn=_cents(min(prices)),
        max_mxn=_cents(max(prices)),
        observations=summary.observations,
        stores=summary.stores,
        first_date=summary.first_date,
        last_date=summary.last_date,
    )


def grouped(
    points: Iterable[PricePoint], key: Callable[[PricePoint], tuple[str, ...]]
) -> list[Group]:
    """Stats per key (a zone, a chain), cheapest median first, then by key."""
    groups: dict[tuple[str, ...], list[PricePoint]] = defaultdict(list)
    for point in points:
        groups[key(point)].append(point)
    found = [Group(k, s) for k, members in groups.items() if (s := stats(members)) is not None]
    return sorted(found, key=lambda g: (g.stats.median_mxn, g.key))


def zone(point: PricePoint) -> tuple[str, ...]:
    return (point.state, point.city)


def chain(point: PricePoint) -> tuple[str, ...]:
    return (point.chain,)


def window_of(day: date) -> tuple[date, date]:
    """The fortnight holding `day`: the 1st-15th or the 16th-last day of its month."""
    if day.day <= 15:
        return day.replace(day=1), day.replace(day=15)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=16), day.replace(day=last)


def trend(points: Sequence[PricePoint]) -> Trend | None:
    """What the dated windows of one product (one basis) show; None without prices."""
    by_window: dict[tuple[date, date], list[PricePoint]] = defaultdict(list)
    for point in points:
        by_window[window_of(point.day)].append(point)
    windows = [
        Window(start, end, s)
        for (start, end), members in sorted(by_window.items())
        if (s := stats(members)) is not None
    ]
    if not windows:
        return None
    first, last = windows[0], windows[-1]
    medians = [w.stats.median_mxn for w in windows]
    spread = max(medians) - min(medians)
    change = pct = same = None
    shared = 0
    if len(windows) > 1:
        change = last.stats.median_mxn - first.stats.median_mxn
        pct = _pct(change, first.stats.median_mxn)
        same, shared = _same_store_change(
            by_window[(first.start, first.end)], by_window[(last.start, last.end)]
        )
    return Trend(
        windows=windows,
        change_mxn=change,
        change_pct=pct,
        same_store_change_pct=same,
        same_stores=shared,
        spread_mxn=spread,
        spread_pct=_pct(spread, min(medians)) or Decimal(0),
        direction=_direction(pct),
        span_days=(last.end - first.start).days + 1,
        seasonal_model=False,
    )


def _same_store_change(
    before: Sequence[PricePoint], after: Sequence[PricePoint]
) -> tuple[Decimal | None, int]:
    """Median % change of each store's median price, over stores seen in both windows."""
    old, new = _store_medians(before), _store_medians(after)
    both = sorted(set(old) & set(new))
    changes = [(new[s] - old[s]) / old[s] * 100 for s in both if old[s] > 0]
    if not changes:
        return None, 0
    return Decimal(statistics.median(changes)).quantize(TENTH, ROUND_HALF_UP), len(both)


def _store_medians(points: Iterable[PricePoint]) -> dict[str, Decimal]:
    prices: dict[str, list[Decimal]] = defaultdict(list)
    for point in points:
        prices[point.store].append(point.unit_price_mxn)
    return {store: Decimal(statistics.median(values)) for store, values in prices.items()}


def _direction(pct: Decimal | None) -> str:
    if pct is None:
        return "single_window"
    if pct >= STABLE_PCT:
        return "rose"
    if pct <= -STABLE_PCT:
        return "fell"
    return "stable"


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    return None if whole <= 0 else (part / whole * 100).quantize(TENTH, ROUND_HALF_UP)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
