"""Which meal to change to bring a day to its calorie target."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from zerowaste.domain.planning.suggestions import MealKcal, Option, suggest

pytestmark = pytest.mark.unit
MONDAY = date(2026, 12, 7)
TARGET = Decimal(2000)


def meal(day: int, meal_type: str, uid: str, kcal: int | None) -> MealKcal:
    return MealKcal(
        MONDAY + timedelta(days=day), meal_type, uid, uid, None if kcal is None else Decimal(kcal)
    )


def option(uid: str, kcal: int, *meals: str) -> Option:
    return Option(uid, uid, meals or ("lunch", "dinner"), Decimal(kcal))


def test_the_swap_that_brings_the_day_closest_is_suggested():
    meals = [meal(0, "breakfast", "oats", 300), meal(0, "lunch", "salad", 400)]  # 700 kcal
    options = [option("stew", 900), option("lasagna", 1300), option("pancakes", 800, "breakfast")]

    (found,) = suggest(meals, options, TARGET)

    # salad -> lasagna: 300 + 1300 = 1600 (gap 400); oats -> pancakes: 1200 (gap 800).
    assert (found.replace.recipe_uid, found.with_.recipe_uid) == ("salad", "lasagna")
    assert (found.day_kcal, found.day_kcal_after) == (Decimal(700), Decimal(1600))


def test_days_within_the_band_and_days_with_an_unknown_meal_are_left_alone():
    meals = [
        meal(0, "lunch", "a", 1000),
        meal(0, "dinner", "b", 1100),  # 2,100: within 2,000 +/- 10 %
        meal(1, "lunch", "c", 300),
        meal(1, "dinner", "d", None),  # unknown: could be the missing 1,700
    ]

    assert suggest(meals, [option("stew", 1500)], TARGET) == []


def test_a_recipe_already_planned_or_of_another_meal_is_never_offered():
    meals = [meal(0, "lunch", "a", 200), meal(1, "lunch", "big", 1900)]

    found = suggest(meals, [option("big", 1900), option("cake", 1800, "dessert")], TARGET)

    assert found == []  # "big" is planned on Tuesday; the cake is no lunch


def test_a_swap_that_does_not_bring_the_day_closer_is_not_suggested():
    meals = [meal(0, "lunch", "a", 3000)]  # over the target

    assert suggest(meals, [option("bigger", 3500)], TARGET) == []
