"""The five reports, assembled from the totals the database sums (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from zerowaste.domain.analytics.usage import (
    ItemUsage,
    JournalTotal,
    Usage,
    change,
    item_usage,
    usage_by_key,
)
from zerowaste.domain.analytics.window import Window, bucket_of


@dataclass(frozen=True)
class Count:
    key: str | int | date
    count: int
    label: str = ""


@dataclass
class CookingPatterns:
    window: Window
    buckets: list[Count]
    by_weekday: list[Count]  # 0 = Monday
    by_meal_type: list[Count]  # planned slots in the window
    top_recipes: list[Count]  # key: recipe uid, label: title
    total_cooks: int


@dataclass
class UsageBucket:
    bucket: date
    usage: Usage


@dataclass
class IngredientUsage:
    window: Window
    items: list[ItemUsage]
    categories: list[tuple[str, Usage]]
    total: Usage


@dataclass(frozen=True)
class SavingsTotal:
    """Cooked recipes' savings summed over one bucket (or the whole window)."""

    bucket: date | None
    recipes: int = 0
    carbon_kg_co2e: float = 0.0
    water_l: float = 0.0
    energy_mj: float = 0.0
    cost_mxn: float = 0.0


@dataclass
class WasteReduction:
    window: Window
    buckets: list[UsageBucket]
    total: Usage
    food_saved_kg: float
    savings: SavingsTotal
    first_month: date | None
    first_month_rate: float | None
    change_vs_first_month: float | None


@dataclass(frozen=True)
class IntakeTotal:
    bucket: date
    days_logged: int
    kcal: float
    protein_g: float
    fat_g: float
    carbs_g: float


@dataclass(frozen=True)
class DailyTargets:
    energy_kcal: float
    protein_g: float
    fat_g: float
    carbs_g: float


@dataclass(frozen=True)
class IntakeBucket:
    """A bucket's daily average over the days with a log entry."""

    bucket: date
    days_logged: int
    kcal: float | None
    protein_g: float | None
    fat_g: float | None
    carbs_g: float | None
    kcal_vs_target: float | None  # average minus target, kcal/day


@dataclass
class NutritionalTrends:
    window: Window
    buckets: list[IntakeBucket]
    targets: DailyTargets | None  # None: no nutrition profile (or no adult target)


@dataclass
class Sustainability:
    window: Window
    buckets: list[SavingsTotal]
    total: SavingsTotal = field(default_factory=lambda: SavingsTotal(None))


def fold_counts(window: Window, by_day: Iterable[Count]) -> list[Count]:
    """Day counts folded into the window's buckets, every bucket present."""
    folded = dict.fromkeys(window.buckets(), 0)
    for day in by_day:
        key = bucket_of(_as_date(day.key), window.granularity)
        folded[key] = folded.get(key, 0) + day.count
    return [Count(key, count) for key, count in sorted(folded.items())]


def usage_buckets(window: Window, totals: Iterable[JournalTotal]) -> list[UsageBucket]:
    by_key = usage_by_key(
        JournalTotal(
            bucket_of(_as_date(t.key), window.granularity), t.reason, t.unit, t.quantity, t.entries
        )
        for t in totals
    )
    return [UsageBucket(key, by_key.get(key) or Usage()) for key in window.buckets()]


def summed(buckets: Iterable[UsageBucket]) -> Usage:
    total = Usage()
    for b in buckets:
        total.consumed_kg += b.usage.consumed_kg
        total.wasted_kg += b.usage.wasted_kg
        total.consumed_entries += b.usage.consumed_entries
        total.wasted_entries += b.usage.wasted_entries
    return total


def ingredient_usage(window: Window, totals: Iterable[JournalTotal]) -> IngredientUsage:
    report = item_usage(totals)
    categories = sorted(report.categories.items())
    total = Usage()
    for _, usage in categories:
        total.consumed_kg += usage.consumed_kg
        total.wasted_kg += usage.wasted_kg
        total.consumed_entries += usage.consumed_entries
        total.wasted_entries += usage.wasted_entries
    return IngredientUsage(window, report.items, categories, total)


def waste_reduction(
    window: Window,
    totals: Iterable[JournalTotal],
    savings: SavingsTotal,
    first_month: date | None,
    first_month_totals: Iterable[JournalTotal],
) -> WasteReduction:
    buckets = usage_buckets(window, totals)
    total = summed(buckets)
    first = Usage()
    for t in first_month_totals:
        first.add(t)
    first_rate = first.waste_rate if first_month is not None else None
    return WasteReduction(
        window,
        buckets,
        total,
        food_saved_kg=round(total.consumed_kg, 3),
        savings=savings,
        first_month=first_month,
        first_month_rate=first_rate,
        change_vs_first_month=change(total.waste_rate, first_rate),
    )


def intake_buckets(
    window: Window, by_day: Iterable[IntakeTotal], targets: DailyTargets | None
) -> list[IntakeBucket]:
    """Daily averages per bucket (over the days logged), against the energy target."""
    sums: dict[date, list[float]] = {key: [0, 0, 0, 0, 0] for key in window.buckets()}
    for day in by_day:
        acc = sums.setdefault(bucket_of(day.bucket, window.granularity), [0, 0, 0, 0, 0])
        for i, value in enumerate(
            (day.days_logged, day.kcal, day.protein_g, day.fat_g, day.carbs_g)
        ):
            acc[i] += value
    return [_average(key, acc, targets) for key, acc in sorted(sums.items())]


def _average(key: date, acc: list[float], targets: DailyTargets | None) -> IntakeBucket:
    days = int(acc[0])
    if days == 0:
        return IntakeBucket(key, 0, None, None, None, None, None)
    kcal, protein, fat, carbs = (round(v / days, 1) for v in acc[1:])
    gap = round(kcal - targets.energy_kcal, 1) if targets else None
    return IntakeBucket(key, days, kcal, protein, fat, carbs, gap)


def savings_buckets(window: Window, by_day: Iterable[SavingsTotal]) -> Sustainability:
    sums = {key: SavingsTotal(key) for key in window.buckets()}
    for day in by_day:
        key = bucket_of(_as_date(day.bucket), window.granularity)
        sums[key] = _plus(sums.get(key, SavingsTotal(key)), day, key)
    total = SavingsTotal(None)
    for value in sums.values():
        total = _plus(total, value, None)
    return Sustainability(window, [sums[k] for k in sorted(sums)], total)


def _plus(a: SavingsTotal, b: SavingsTotal, key: date | None) -> SavingsTotal:
    return SavingsTotal(
        key,
        a.recipes + b.recipes,
        round(a.carbon_kg_co2e + b.carbon_kg_co2e, 4),
        round(a.water_l + b.water_l, 2),
        round(a.energy_mj + b.energy_mj, 4),
        round(a.cost_mxn + b.cost_mxn, 2),
    )


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
