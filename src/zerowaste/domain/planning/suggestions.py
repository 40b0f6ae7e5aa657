"""Which planned meal to change to bring a day to its calorie target (pure): the weekly
optimisation suggestions of issue #10 §6.

Rules: a day is judged only when every meal on it has a known kcal per serving (an unknown
meal could be the difference); a day within target +/- tolerance needs nothing. Otherwise the
one swap that brings the day closest to the target: any planned meal of that day for a recipe
that fits the same meal type (`plan.fits`), is not planned elsewhere in the week and has a known
kcal; a swap is suggested only when it brings the day closer. One suggestion per day, days in
order, ties to the lower recipe uid (stable answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from zerowaste.domain.planning.plan import DEFAULT_TOLERANCE


@dataclass(frozen=True)
class MealKcal:
    day: date
    meal_type: str
    recipe_uid: str
    title: str
    kcal: Decimal | None  # per serving


@dataclass(frozen=True)
class Option:
    recipe_uid: str
    title: str
    meal_types: tuple[str, ...]
    kcal: Decimal


@dataclass(frozen=True)
class Suggestion:
    day: date
    meal_type: str
    replace: MealKcal
    with_: Option
    day_kcal: Decimal
    day_kcal_after: Decimal
    target_kcal: Decimal


def suggest(
    meals: Sequence[MealKcal],
    options: Sequence[Option],
    target_kcal: Decimal,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> list[Suggestion]:
    planned = {m.recipe_uid for m in meals}
    usable = sorted((o for o in options if o.recipe_uid not in planned), key=lambda o: o.recipe_uid)
    days: dict[date, list[MealKcal]] = {}
    for meal in meals:
        days.setdefault(meal.day, []).append(meal)
    found = []
    for day, on_day in sorted(days.items()):
        if any(m.kcal is None for m in on_day):
            continue
        total = sum((m.kcal for m in on_day if m.kcal is not None), Decimal(0))
        if abs(total - target_kcal) <= target_kcal * tolerance:
            continue
        best = _best_swap(day, on_day, usable, total, target_kcal)
        if best is not None:
            found.append(best)
    return found


def _best_swap(
    day: date,
    meals: list[MealKcal],
    options: list[Option],
    total: Decimal,
    target: Decimal,
) -> Suggestion | None:
    best: Suggestion | None = None
    for meal in meals:
        assert meal.kcal is not None  # days with an unknown meal are not judged
        for option in options:
            if meal.meal_type not in option.meal_types:
                continue
            after = total - meal.kcal + option.kcal
            if abs(after - target) >= abs(total - target):
                continue
            if best is None or abs(after - target) < abs(best.day_kcal_after - target):
                best = Suggestion(day, meal.meal_type, meal, option, total, after, target)
    return best
