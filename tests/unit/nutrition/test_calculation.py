"""Nutrition of lines (pure rules): grams, refuse, unknown nutrients, totals, per serving."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.nutrition.calculation import (
    MAX_LINES,
    Basis,
    MatchedFood,
    Reason,
    Unmatched,
    Weight,
    check_size,
    line_nutrition,
    summarise,
    weigh,
)
from zerowaste.domain.nutrition.nutrients import NUTRIENTS, Food, add, difference, scale
from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.portions import Portion
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


def food(ndb_no: str, refuse: float = 0, **values: float | None) -> Food:
    per_100g = dict.fromkeys(NUTRIENTS, 0.0) | values
    return Food(ndb_no, f"Food {ndb_no}", "Group", refuse, per_100g)


BANANA = MatchedFood(
    food("09040", refuse=36, energy_kcal=89, sugars_g=12.23),
    FoodMeasures(
        "09040",
        (
            Portion("unit", Decimal(118), "1 medium", size="medium"),
            Portion("unit", Decimal(136), "1 large", size="large"),
            Portion("cup", Decimal(150), "1 cup, sliced"),
        ),
    ),
    "sr28_name",
)


def test_a_mass_is_as_purchased_by_default_so_the_refuse_is_taken_off() -> None:
    weight = weigh(BANANA, Decimal(500), "g")

    assert weight == Weight(Decimal(500), Decimal(320), Basis.AS_PURCHASED)  # 500 x (1 - 0.36)


def test_a_mass_weighed_edible_is_used_as_it_is() -> None:
    weight = weigh(BANANA, Decimal("0.5"), "kg", Basis.EDIBLE)

    assert weight == Weight(Decimal(500), Decimal(500), Basis.EDIBLE)


def test_counts_and_volumes_use_the_foods_sr28_measures_which_are_edible() -> None:
    large = weigh(BANANA, Decimal(2), "unidades", Basis.AS_PURCHASED, size="large")
    medium = weigh(BANANA, Decimal(1), "unit")
    cups = weigh(BANANA, Decimal("0.5"), "taza")

    assert large == Weight(Decimal(272), Decimal(272), Basis.EDIBLE)
    assert medium == Weight(Decimal(118), Decimal(118), Basis.EDIBLE)
    assert cups == Weight(Decimal(75), Decimal(75), Basis.EDIBLE)


def test_a_volume_goes_through_the_density_of_the_foods_own_cup() -> None:
    weight = weigh(BANANA, Decimal("236.5882365"), "ml")  # one SR28 cup in ml

    assert isinstance(weight, Weight) and weight.grams == pytest.approx(Decimal(150))


def test_no_measure_no_unit_and_no_density_are_reasons_never_a_guess() -> None:
    no_cup = MatchedFood(food("1"), FoodMeasures("1"), "sr28_name")

    assert weigh(no_cup, Decimal(1), "cup") is Reason.NO_WEIGHT  # no water density assumed
    assert weigh(no_cup, Decimal(1), "ml") is Reason.NO_WEIGHT
    assert weigh(BANANA, Decimal(1), "pinch") is Reason.NO_WEIGHT
    assert weigh(BANANA, Decimal(1), "bananas") is Reason.UNKNOWN_UNIT


def test_nutrients_are_per_100_g_times_edible_grams() -> None:
    weight = Weight(Decimal(500), Decimal(320), Basis.AS_PURCHASED)

    line = line_nutrition("plátano", Decimal(500), "g", BANANA, weight)

    assert line.nutrients["energy_kcal"] == pytest.approx(89 * 3.2)
    assert line.nutrients["sugars_g"] == pytest.approx(12.23 * 3.2)


def test_an_unanalysed_nutrient_stays_unknown_and_the_total_names_the_line() -> None:
    tofu = MatchedFood(food("16426", energy_kcal=144, sugars_g=None), FoodMeasures("x"), "x")
    banana_line = line_nutrition(
        "banana", Decimal(100), "g", BANANA, Weight(Decimal(100), Decimal(100), Basis.EDIBLE)
    )
    tofu_line = line_nutrition(
        "tofu", Decimal(50), "g", tofu, Weight(Decimal(50), Decimal(50), Basis.EDIBLE)
    )

    result = summarise([banana_line, tofu_line], [], 2)

    assert tofu_line.nutrients["sugars_g"] is None
    assert result.totals["sugars_g"] == pytest.approx(12.23)  # banana only: a lower bound
    assert result.incomplete == {"sugars_g": ["tofu"]}
    assert result.totals["energy_kcal"] == pytest.approx(89 + 72)
    assert result.per_serving is not None
    assert result.per_serving["energy_kcal"] == pytest.approx((89 + 72) / 2)


def test_a_nutrient_no_line_knows_is_none_not_zero() -> None:
    totals, lacking = add([{"vit_d_ug": None}, {"vit_d_ug": None}])

    assert totals["vit_d_ug"] is None
    assert lacking["vit_d_ug"] == 2


def test_unmatched_lines_are_listed_and_never_counted() -> None:
    line = line_nutrition(
        "banana", Decimal(1), "unit", BANANA, Weight(Decimal(118), Decimal(118), Basis.EDIBLE)
    )
    missing = Unmatched("sal", None, None, Reason.NO_QUANTITY)

    result = summarise([line], [missing], None)

    assert result.totals["energy_kcal"] == pytest.approx(89 * 1.18)
    assert result.unmatched == [missing]
    assert result.per_serving is None


def test_no_lines_give_unknown_totals() -> None:
    result = summarise([], [Unmatched("x", Decimal(1), "g", Reason.NO_MATCH)], 1)

    assert all(value is None for value in result.totals.values())


@pytest.mark.parametrize("servings", [0, -1, 1001])
def test_servings_must_be_positive(servings: int) -> None:
    with pytest.raises(InvalidInput):
        check_size(1, servings)


def test_more_than_the_maximum_of_lines_is_refused() -> None:
    check_size(MAX_LINES, 1)
    with pytest.raises(InvalidInput) as raised:
        check_size(MAX_LINES + 1, 1)
    assert raised.value.code == "too_many_lines"


def test_scale_and_difference_keep_unknowns_unknown() -> None:
    scaled = scale({"energy_kcal": 100.0, "fat_g": None}, Decimal(50))

    assert scaled["energy_kcal"] == 50.0 and scaled["fat_g"] is None
    delta = difference({"energy_kcal": 10.0, "fat_g": 1.0}, {"energy_kcal": 30.0, "fat_g": None})
    assert delta["energy_kcal"] == -20.0 and delta["fat_g"] is None
