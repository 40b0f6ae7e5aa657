"""Expiry rules: status against *today*, declared durations, and the estimate for new lots."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from zerowaste.domain.reference import ShelfLife
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.storage import StoragePlace
from zerowaste.domain.shared.units import lookup_label

ItemKind = Literal["ingredient", "food"]
ExpirySource = Literal["explicit", "declared", "shelf_life", "default"]

DEFAULT_SOON_DAYS = 3
MAX_SHELF_DAYS = 3650  # ten years: anything longer is a typo, not a food
DEFAULT_DAYS: dict[ItemKind, int] = {"ingredient": 7, "food": 3}


class InvalidTimeUnit(InvalidInput):
    """The time unit is not days, weeks, months or years in a spelling we know."""

    code = "invalid_time_unit"


class InvalidExpiry(InvalidInput):
    """The expiry date or duration is impossible (before the added date, ≤ 0, > 10 years)."""

    code = "invalid_expiry"


class ExpiryStatus(StrEnum):
    FRESH = "fresh"
    EXPIRING = "expiring"
    EXPIRED = "expired"


class TimeUnit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


# Same day counts as FoodKeeper's derived figures; used only for the 10-year sanity limit.
_APPROX_DAYS = {TimeUnit.DAYS: 1, TimeUnit.WEEKS: 7, TimeUnit.MONTHS: 30, TimeUnit.YEARS: 365}
TIME_UNIT_ALIASES: dict[TimeUnit, tuple[str, ...]] = {
    TimeUnit.DAYS: ("dia", "d", "day"),
    TimeUnit.WEEKS: ("semana", "sem", "week", "w", "wk"),
    TimeUnit.MONTHS: ("mes", "month", "mo"),
    TimeUnit.YEARS: ("ano", "year", "y", "yr"),
}
_TIME_LOOKUP = {alias: unit for unit, names in TIME_UNIT_ALIASES.items() for alias in names}
_TIME_LABELS_ES = {
    TimeUnit.DAYS: "Días",
    TimeUnit.WEEKS: "Semanas",
    TimeUnit.MONTHS: "Meses",
    TimeUnit.YEARS: "Años",
}
_TIME_LABELS_EN = {unit: unit.value.capitalize() for unit in TimeUnit}
_COLDNESS = {StoragePlace.PANTRY: 0, StoragePlace.FRIDGE: 1, StoragePlace.FREEZER: 2}


def days_to_expire(expires_on: date, today: date) -> int:
    """Days from today until expiry; 0 on the last good day, negative once expired."""
    return (expires_on - today).days


def expiry_status(
    expires_on: date, today: date, soon_days: int = DEFAULT_SOON_DAYS
) -> ExpiryStatus:
    """EXPIRED after the expiry date, EXPIRING within `soon_days` (day 0 included), else FRESH."""
    if soon_days < 0:
        raise InvalidInput("soon_days cannot be negative", code="invalid_soon_days")
    left = days_to_expire(expires_on, today)
    if left < 0:
        return ExpiryStatus.EXPIRED
    return ExpiryStatus.EXPIRING if left <= soon_days else ExpiryStatus.FRESH


def normalize_time_unit(raw: str) -> TimeUnit:
    """Map "Días", "semanas", "months", "y"... to a TimeUnit; unknown ones raise, never days."""
    if isinstance(raw, TimeUnit):
        return raw
    unit = lookup_label(raw, _TIME_LOOKUP)
    if unit is None:
        text = str(raw)[:50]
        raise InvalidTimeUnit(f"Unknown time unit: {text!r}", details={"time_unit": text})
    return unit


def time_unit_label(unit: TimeUnit | str, language: str = "es") -> str:
    """Return the client's label for a time unit ("Días", "Semanas", "Meses", "Años")."""
    labels = _TIME_LABELS_EN if language.casefold().startswith("en") else _TIME_LABELS_ES
    return labels[normalize_time_unit(unit)]


def _add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def add_duration(start: date, amount: int, unit: TimeUnit) -> date:
    """Add a duration; calendar months/years, day clamped (Jan 31 + 1 month = Feb 28/29)."""
    try:
        if unit is TimeUnit.MONTHS:
            return _add_months(start, amount)
        if unit is TimeUnit.YEARS:
            return _add_months(start, 12 * amount)
        return start + timedelta(days=amount * _APPROX_DAYS[unit])
    except (OverflowError, ValueError):
        raise InvalidExpiry("The resulting date is out of range") from None


@dataclass(frozen=True)
class ExpiryEstimate:
    """An expiry date, the rule that produced it and, for shelf-life/default, the days added."""

    expires_on: date
    source: ExpirySource
    shelf_life_days: int | None = None


def shelf_life_days(shelf_life: ShelfLife, storage: StoragePlace, default_days: int) -> int | None:
    """Days a lot keeps in `storage` per the reference data, or None to use the default.

    Fallback when `storage` itself has no figure (FoodKeeper often lacks one place):
    1. the shortest figure among *warmer* places: colder storage keeps food at least that long
       for nearly every FoodKeeper product, and freezer times are about quality, not safety;
    2. else the shortest *colder* figure, but only if it is below `default_days`: a colder
       figure is an upper bound for warmer storage, so it may shorten the default (raw meat
       left in the pantry gets the fridge's 1 day) but never lengthen it (a frozen dinner's
       3-month freezer time must not leak into the fridge).
    Known gap: some produce (potatoes, garlic, onions) keeps *less* in the fridge than in the
    pantry; FoodKeeper gives both figures for those, so rule 1 is not reached for them.
    """
    own = shelf_life.days_for(storage)
    if own is not None:
        return own
    others = [(place, shelf_life.days_for(place)) for place in StoragePlace if place != storage]
    figures = [(place, days) for place, days in others if days is not None]
    warmer = [days for place, days in figures if _COLDNESS[place] < _COLDNESS[storage]]
    if warmer:
        return min(warmer)
    colder = [days for place, days in figures if _COLDNESS[place] > _COLDNESS[storage]]
    return min(colder) if colder and min(colder) < default_days else None


def _check_explicit(added_on: date, expires_on: date) -> date:
    if expires_on < added_on:
        raise InvalidExpiry(
            "The expiration date is before the added date",
            details={"expiration_date": expires_on.isoformat(), "added": added_on.isoformat()},
        )
    if expires_on > add_duration(added_on, MAX_SHELF_DAYS // 365, TimeUnit.YEARS):
        raise InvalidExpiry("The expiration date is more than ten years away")
    return expires_on


def _check_declared(amount: int, unit: TimeUnit) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidExpiry("expiration_time must be a whole number")
    if amount <= 0 or amount * _APPROX_DAYS[unit] > MAX_SHELF_DAYS:
        raise InvalidExpiry(
            "expiration_time must be above zero and at most ten years",
            details={"expiration_time": amount, "time_unit": unit.value},
        )


def estimate_expiry(
    added_on: date,
    *,
    storage: StoragePlace,
    kind: ItemKind = "ingredient",
    expires_on: date | None = None,
    expiration_time: int | None = None,
    time_unit: TimeUnit | str | None = None,
    shelf_life: ShelfLife | None = None,
) -> ExpiryEstimate:
    """Pick a lot's expiry: explicit date, else declared duration (unit defaults to days when
    absent), else reference shelf life for the storage place, else 7 days (ingredient) / 3 (food).
    """
    if kind not in DEFAULT_DAYS:
        raise InvalidInput(f"Unknown item kind: {str(kind)[:20]!r}", code="invalid_item_kind")
    if expires_on is not None:
        return ExpiryEstimate(_check_explicit(added_on, expires_on), "explicit")
    if expiration_time is not None:
        unit = TimeUnit.DAYS if time_unit is None else normalize_time_unit(time_unit)
        _check_declared(expiration_time, unit)
        return ExpiryEstimate(add_duration(added_on, expiration_time, unit), "declared")
    default_days = DEFAULT_DAYS[kind]
    days = None if shelf_life is None else shelf_life_days(shelf_life, storage, default_days)
    if days is not None:
        return ExpiryEstimate(add_duration(added_on, days, TimeUnit.DAYS), "shelf_life", days)
    return ExpiryEstimate(
        add_duration(added_on, default_days, TimeUnit.DAYS), "default", default_days
    )
