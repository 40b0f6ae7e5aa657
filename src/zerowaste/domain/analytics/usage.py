"""Consumed vs wasted food from the inventory journal: kilograms where the unit is a mass,
journal entries otherwise; the waste rate and the change since the first month.

Consumed counts what was eaten or cooked; wasted counts what was thrown away or expired.
Corrections and additions are neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from zerowaste.domain.shared.units import Dimension, InvalidUnit, dimension_of, unit_factor

CONSUMED_REASONS = ("consumed", "cooked")
WASTED_REASONS = ("wasted", "expired")
USAGE_REASONS = CONSUMED_REASONS + WASTED_REASONS
_GRAMS_PER_KG = Decimal(1000)


@dataclass(frozen=True)
class JournalTotal:
    """One group of journal entries as summed in SQL (a bucket or an item, a reason, a unit)."""

    key: str | date
    reason: str
    unit: str
    quantity: Decimal
    entries: int
    category: str | None = None


@dataclass
class Usage:
    consumed_kg: float = 0.0
    wasted_kg: float = 0.0
    consumed_entries: int = 0  # entries in units that are not a mass (pieces, litres...)
    wasted_entries: int = 0

    @property
    def waste_rate(self) -> float | None:
        return waste_rate(self.consumed_kg, self.wasted_kg)

    def add(self, total: JournalTotal) -> None:
        kg = to_kg(total.quantity, total.unit)
        wasted = total.reason in WASTED_REASONS
        if total.reason not in USAGE_REASONS:
            return
        if kg is None:
            if wasted:
                self.wasted_entries += total.entries
            else:
                self.consumed_entries += total.entries
        elif wasted:
            self.wasted_kg += kg
        else:
            self.consumed_kg += kg


@dataclass
class ItemUsage:
    """One ingredient's use: kg when weighed, else its quantity in its own unit."""

    name: str
    category: str
    unit: str  # "kg", or the unit its quantities are in
    consumed: float = 0.0
    wasted: float = 0.0
    entries: int = 0

    @property
    def waste_rate(self) -> float | None:
        return waste_rate(self.consumed, self.wasted)


@dataclass
class UsageReport:
    items: list[ItemUsage] = field(default_factory=list)
    categories: dict[str, Usage] = field(default_factory=dict)


def to_kg(quantity: Decimal, unit: str) -> float | None:
    """The quantity in kilograms when `unit` is a mass (domain.shared.units), else None."""
    try:
        if dimension_of(unit) is not Dimension.MASS:
            return None
        return float(quantity * unit_factor(unit) / _GRAMS_PER_KG)
    except InvalidUnit:
        return None


def waste_rate(consumed: float, wasted: float) -> float | None:
    """wasted / (consumed + wasted), rounded to 4 places; None when nothing was used."""
    used = consumed + wasted
    return round(wasted / used, 4) if used > 0 else None


def change(current: float | None, baseline: float | None) -> float | None:
    """How the rate moved since the baseline, in rate points (negative: less waste)."""
    if current is None or baseline is None:
        return None
    return round(current - baseline, 4)


def usage_by_key(totals: Iterable[JournalTotal]) -> dict[str | date, Usage]:
    folded: dict[str | date, Usage] = {}
    for total in totals:
        folded.setdefault(total.key, Usage()).add(total)
    return folded


def item_usage(totals: Iterable[JournalTotal]) -> UsageReport:
    """Per ingredient (one row per name and unit kind) and per category."""
    items: dict[tuple[str, str], ItemUsage] = {}
    report = UsageReport()
    for total in totals:
        if total.reason not in USAGE_REASONS:
            continue
        category = total.category or "uncategorised"
        report.categories.setdefault(category, Usage()).add(total)
        kg = to_kg(total.quantity, total.unit)
        unit = "kg" if kg is not None else total.unit
        item = items.setdefault((str(total.key), unit), ItemUsage(str(total.key), category, unit))
        amount = kg if kg is not None else float(total.quantity)
        if total.reason in WASTED_REASONS:
            item.wasted += amount
        else:
            item.consumed += amount
        item.entries += total.entries
    report.items = sorted(items.values(), key=lambda i: (-(i.consumed + i.wasted), i.name))
    return report
