"""Pure rules of meal plans: dates, ISO weeks and months, meal slots, recipe identity and
templates shifted onto another week."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zerowaste.domain.meal_plans.calendar import (
    check_range,
    parse_day,
    parse_month,
    parse_week,
    week_of,
)
from zerowaste.domain.meal_plans.plans import shifted, snapshot
from zerowaste.domain.meal_plans.slots import (
    Slot,
    check_servings,
    check_unique,
    meal_type,
    same_recipe,
    slot_of_category,
)
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


def test_iso_weeks_run_monday_to_sunday_and_only_exist_when_the_year_has_them():
    week = parse_week("2026-W49")

    assert (week.start, week.end, week.id) == (date(2026, 11, 30), date(2026, 12, 6), "2026-W49")
    assert parse_week("2026-W53").start == date(2026, 12, 28)  # 2026 has 53 ISO weeks
    assert week_of(date(2027, 1, 1)).id == "2026-W53"
    for bad in ("2026-W54", "2027-W53", "2026-W00", "2026-49", "W49", "2101-W01"):
        with pytest.raises(InvalidInput):
            parse_week(bad)


def test_months_and_days_stay_in_the_planners_years():
    assert parse_month("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert parse_month("2028-02") == (date(2028, 2, 1), date(2028, 2, 29))
    assert parse_day("2000-01-01") == date(2000, 1, 1)
    for bad in ("2026-13", "1999-12", "26-12"):
        with pytest.raises(InvalidInput):
            parse_month(bad)
    for bad in ("1999-12-31", "2101-01-01", "2026-02-30", "20261201", "2026-12-01T10:00"):
        with pytest.raises(InvalidInput):
            parse_day(bad)


def test_a_range_spans_at_most_366_days_forwards():
    assert check_range(date(2028, 1, 1), date(2028, 12, 31))  # 366 days of a leap year
    with pytest.raises(InvalidInput):
        check_range(date(2026, 1, 1), date(2027, 1, 2))
    with pytest.raises(InvalidInput):
        check_range(date(2026, 2, 1), date(2026, 1, 1))


def test_categories_pick_slots_and_unknown_ones_or_meal_types_are_refused():
    assert [slot_of_category(c) for c in ("Desayuno", "almuerzo", "cena", "postre")] == [
        "breakfast",
        "lunch",
        "dinner",
        "dessert",
    ]
    assert meal_type(" Snack ") == "snack"
    for refuse, value in ((slot_of_category, "bebida"), (meal_type, "brunch")):
        with pytest.raises(InvalidInput):
            refuse(value)
    for servings in (0, -1, 101):
        with pytest.raises(InvalidInput):
            check_servings(servings)
    with pytest.raises(InvalidInput):
        check_unique([(date(2026, 1, 1), "lunch"), (date(2026, 1, 1), "lunch")])


def _recipe(**changes: object) -> Recipe:
    base = Recipe(
        uid="a",
        title="Sopa de Tomate",
        source="saved",
        ingredients=[RecipeIngredient(name="Tomate", quantity=Decimal(4), unit="unidades")],
        steps=["Cuece."],
        duration="25 min",
    )
    return Recipe(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_the_same_recipe_is_recognised_whatever_its_uid_or_title_spacing():
    assert same_recipe(_recipe(), _recipe(uid="b", title="  sopa de  tomate "))
    assert not same_recipe(_recipe(), _recipe(steps=["Cuece y licúa."]))
    assert not same_recipe(
        _recipe(), _recipe(ingredients=[RecipeIngredient(name="Tomate", quantity=Decimal(5))])
    )


def test_a_template_keeps_weekdays_and_lands_on_the_same_weekdays_of_another_week():
    monday = date(2026, 11, 30)
    slots = [
        Slot(date(2026, 12, 1), "dinner", "r1", 3, "sin sal"),
        Slot(date(2026, 12, 6), "lunch", "r2"),
        Slot(date(2026, 12, 7), "lunch", "r3"),  # next week: not part of it
    ]

    template = snapshot(slots, monday)
    applied = shifted(template, parse_week("2027-W02").start)

    assert [(t.weekday, t.recipe_uid) for t in template] == [(1, "r1"), (6, "r2")]
    assert [(s.date, s.meal_type, s.servings, s.notes) for s in applied] == [
        (date(2027, 1, 12), "dinner", 3, "sin sal"),
        (date(2027, 1, 17), "lunch", None, ""),
    ]
