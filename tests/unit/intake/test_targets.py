"""Mifflin-St Jeor energy targets and macro grams against hand computations."""

from __future__ import annotations

from datetime import date

import pytest

from zerowaste.domain.intake.profile import (
    DEFAULT_SPLIT,
    MacroSplit,
    NutritionProfile,
    validated,
)
from zerowaste.domain.intake.targets import (
    TargetsForAdultsOnly,
    bmr,
    estimated_need,
    macro_grams,
    targets,
)
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit

TODAY = date(2026, 11, 30)


def person(**changes: object) -> NutritionProfile:
    base: dict[str, object] = {
        "sex": "female", "height_cm": 165.0, "weight_kg": 60.0, "activity": "sedentary",
        "goal": "maintain", "age": 40,
    }  # fmt: skip
    return NutritionProfile(**(base | changes))  # type: ignore[arg-type]


def test_bmr_for_a_woman_and_a_man_by_hand():
    # woman: 10 x 60 + 6.25 x 165 - 5 x 40 - 161 = 600 + 1031.25 - 200 - 161 = 1270.25
    assert bmr("female", 60, 165, 40) == 1270.25
    # man: 10 x 80 + 6.25 x 180 - 5 x 30 + 5 = 800 + 1125 - 150 + 5 = 1780
    assert bmr("male", 80, 180, 30) == 1780


@pytest.mark.parametrize(
    ("activity", "factor"),
    [("sedentary", 1.2), ("light", 1.375), ("moderate", 1.55), ("active", 1.725),
     ("very_active", 1.9)],
)  # fmt: skip
def test_each_activity_factor_multiplies_the_bmr(activity, factor):
    assert estimated_need(person(activity=activity), TODAY) == pytest.approx(1270.25 * factor)


@pytest.mark.parametrize(("goal", "energy"), [("lose", 1024), ("maintain", 1524), ("gain", 1824)])
def test_the_goal_adjusts_the_need(goal, energy):
    # need: 1270.25 x 1.2 = 1524.3 -> lose -500, maintain, gain +300, rounded to whole kcal
    found = targets(person(goal=goal), TODAY)
    assert found.energy_kcal == energy and found.source == "calculated"
    assert found.estimated_need_kcal == 1524.3 and found.bmr_kcal == 1270.2  # 1270.25 rounds even


def test_a_custom_target_replaces_the_calculation_and_keeps_the_need():
    found = targets(person(calorie_target=1800), TODAY)
    assert (found.energy_kcal, found.source, found.estimated_need_kcal) == (1800, "custom", 1524.3)


def test_macro_grams_use_the_atwater_factors():
    # 2000 kcal at 20/30/50: 400 kcal / 4, 600 kcal / 9, 1000 kcal / 4
    grams = macro_grams(2000, DEFAULT_SPLIT)
    assert (grams.protein_g, grams.fat_g, grams.carbs_g) == (100.0, 66.7, 250.0)
    custom = macro_grams(1500, MacroSplit(40, 40, 20))  # 600/4, 600/9, 300/4
    assert (custom.protein_g, custom.fat_g, custom.carbs_g) == (150.0, 66.7, 75.0)


def test_the_age_comes_from_the_birth_date_on_the_day():
    born = person(age=None, birth_date=date(1986, 12, 1))
    assert born.age_on(TODAY) == 39 and born.age_on(date(2026, 12, 1)) == 40


def test_minors_get_no_target():
    with pytest.raises(TargetsForAdultsOnly):
        targets(person(age=17), TODAY)
    assert targets(person(age=18), TODAY).energy_kcal > 0


@pytest.mark.parametrize(
    "changes",
    [
        {"age": 0},
        {"age": 121},
        {"age": None},
        {"birth_date": date(1990, 1, 1)},
        {"age": None, "birth_date": date(2026, 12, 1)},
        {"height_cm": 49.9},
        {"weight_kg": 400.1},
        {"sex": "other"},
        {"activity": "athlete"},
        {"goal": "cut"},
        {"calorie_target": 799},
    ],
)
def test_impossible_profiles_are_refused(changes):
    with pytest.raises(InvalidInput):
        validated(person(**changes), TODAY)


def test_bounds_themselves_are_accepted():
    edge = person(age=120, height_cm=250.0, weight_kg=20.0, calorie_target=800)
    assert validated(edge, TODAY) is edge


@pytest.mark.parametrize("split", [(20, 30, 49), (101, 0, -1), (0, 0, 0)])
def test_a_split_must_add_up_to_100(split):
    with pytest.raises(InvalidInput):
        MacroSplit(*split)
