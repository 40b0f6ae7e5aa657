"""Food log entries (what a user ate) and the date ranges they are read by.

Rules (why, not how):
- An entry is a day (the user's calendar day, as the client sends it), a meal type, a name and
  its energy and macros; a cooked recipe also carries its uid and the servings eaten.
- Bounds refuse what no meal is: energy 0-10,000 kcal, each macro 0-1,000 g, servings above 0
  and at most 100, a name of 1-200 characters, a day from 2000-01-01 to tomorrow (one day of
  slack for time zones ahead of UTC; nobody logs next week's meals).
- A range is inclusive at both ends, its end not before its start, at most MAX_RANGE_DAYS days.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from zerowaste.domain.shared.errors import InvalidInput

MEAL_TYPES = ("breakfast", "lunch", "dinner", "dessert", "snack")
SOURCES = ("manual", "cooked", "consumed")  # by hand, a cooked recipe, eaten from stock
MIN_DAY = date(2000, 1, 1)
MAX_RANGE_DAYS = 366
MAX_KCAL = 10_000.0
MAX_MACRO_G = 1_000.0
MAX_SERVINGS = 100.0


class InvalidDateRange(InvalidInput):
    code = "invalid_date_range"


@dataclass(frozen=True)
class FoodLogEntry:
    day: date
    meal_type: str
    name: str
    kcal: float
    protein_g: float = 0.0
    fat_g: float = 0.0
    carbs_g: float = 0.0
    recipe_uid: str | None = None
    servings: float | None = None
    source: str = "manual"
    id: int | None = None
    created_at: datetime | None = None


def check_day(day: date, today: date, name: str = "date") -> None:
    """A day the log accepts: from MIN_DAY to tomorrow."""
    if not MIN_DAY <= day <= today + timedelta(days=1):
        raise InvalidInput(
            f"{name} must be between {MIN_DAY.isoformat()} and tomorrow",
            code="date_out_of_range",
            details={name: day.isoformat()},
        )


def check_range(start: date, end: date) -> None:
    """An inclusive range, end not before start, at most MAX_RANGE_DAYS days long."""
    details: dict[str, object] = {"start_date": start.isoformat(), "end_date": end.isoformat()}
    if end < start:
        raise InvalidDateRange("The end date is before the start date", details=details)
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise InvalidDateRange(f"A range spans at most {MAX_RANGE_DAYS} days", details=details)


def _bounded(name: str, value: float, high: float, *, low_open: bool = False) -> None:
    too_low = value <= 0 if low_open else value < 0
    if too_low or value > high or value != value:  # value != value: NaN
        raise InvalidInput(f"{name} must be between 0 and {high:g}", details={name: value})


def validated(entry: FoodLogEntry, today: date) -> FoodLogEntry:
    """The entry with its name trimmed, when every value is possible; else InvalidInput (400)."""
    name = " ".join(entry.name.split())
    if not 1 <= len(name) <= 200:
        raise InvalidInput("name must have 1 to 200 characters", details={"name": entry.name[:40]})
    if entry.meal_type not in MEAL_TYPES:
        raise InvalidInput("Unknown meal_type", details={"meal_type": "|".join(MEAL_TYPES)})
    if entry.source not in SOURCES:
        raise InvalidInput("Unknown source", details={"source": "|".join(SOURCES)})
    check_day(entry.day, today)
    _bounded("kcal", entry.kcal, MAX_KCAL)
    for macro in ("protein_g", "fat_g", "carbs_g"):
        _bounded(macro, getattr(entry, macro), MAX_MACRO_G)
    if entry.servings is not None:
        _bounded("servings", entry.servings, MAX_SERVINGS, low_open=True)
    return replace(entry, name=name)
