"""Count <-> mass <-> volume for one food, on hand-built measures (the SR28 figures themselves
are checked in tests/unit/reference/test_sr28_measures.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.conversion import FoodMeasures, line_grams, to_quantity
from zerowaste.domain.recipes.lines import parse_line
from zerowaste.domain.recipes.portions import VOLUME_ML, Portion
from zerowaste.domain.shared.units import InvalidUnit

pytestmark = pytest.mark.unit

D = Decimal
ONION = FoodMeasures(
    "onion",
    (
        Portion("cup", D(160), "1 cup, chopped"),
        Portion("tbsp", D(10), "1 tbsp chopped"),
        Portion("unit", D(150), "1 large", size="large"),
        Portion("unit", D(110), "1 medium", size="medium"),
        Portion("unit", D(70), "1 small", size="small"),
    ),
)
MILK = FoodMeasures("milk", (Portion("cup", D(244), "1 cup"),), liquid=True)
OAT_DRINK = FoodMeasures("oat_drink", liquid=True)  # no SR28 food at all
BEEF = FoodMeasures("beef_ground")  # SR28 has only "4 oz" for it
LETTUCE = FoodMeasures("lettuce", (Portion("head", D(626), "1 head"),))


def test_units_of_one_group_convert_exactly_without_a_food() -> None:
    assert to_quantity(D("1.5"), "kg", "g") == D(1500)
    assert to_quantity(D(2), "cup", "ml") == D(480)
    assert to_quantity(D(1), "dozen", "unit") == D(12)
    assert to_quantity(D(1), "gallon", "l") == D("3.785411784")


def test_without_a_food_across_groups_gives_none() -> None:
    assert to_quantity(D(1), "cup", "g") is None
    assert to_quantity(D(1), "unit", "g") is None


def test_a_portion_of_the_unit_is_used_as_it_is() -> None:
    assert to_quantity(D(2), "cup", "g", ONION) == D(320)
    assert to_quantity(D(3), "tbsp", "g", ONION) == D(30)


def test_pieces_weigh_a_medium_one_unless_a_size_is_stated() -> None:
    assert to_quantity(D(2), "unit", "g", ONION) == D(220)
    assert to_quantity(D(2), "unit", "g", ONION, size="large") == D(300)
    assert to_quantity(D(1), "dozen", "g", ONION) == D(1320)


def test_other_volumes_go_through_the_density_of_the_first_volume_portion() -> None:
    density = D(160) / VOLUME_ML["cup"]
    assert to_quantity(D(100), "ml", "g", ONION) == D(100) * density
    assert to_quantity(D(1), "tsp", "g", ONION) == D(5) * density  # no tsp portion


def test_mass_to_pieces_and_volume_back() -> None:
    assert to_quantity(D(330), "g", "unit", ONION) == D(3)
    assert to_quantity(D(160), "g", "cup", ONION) == D(1)
    assert to_quantity(D(1), "cup", "tbsp", ONION) == D(16)  # volume to volume: exact


def test_liquids_without_volume_portions_weigh_one_gram_per_ml() -> None:
    assert to_quantity(D(1), "l", "g", OAT_DRINK) == D(1000)
    assert to_quantity(D(250), "g", "ml", OAT_DRINK) == D(250)


def test_a_liquid_with_a_portion_uses_its_own_density() -> None:
    assert to_quantity(D(1), "cup", "g", MILK) == D(244)
    assert to_quantity(D(1), "l", "g", MILK) == D(1000) * D(244) / VOLUME_ML["cup"]


def test_nothing_is_guessed_for_a_solid_without_measures() -> None:
    assert to_quantity(D(1), "cup", "g", BEEF) is None
    assert to_quantity(D(1), "unit", "g", BEEF) is None
    assert to_quantity(D(500), "g", "lb", BEEF) == D(500) / D("453.59237")


def test_counts_of_a_food_counted_in_heads() -> None:
    assert to_quantity(D(1), "unit", "g", LETTUCE) == D(626)
    assert to_quantity(D(2), "head", "g", LETTUCE) == D(1252)


def test_counted_measures_without_a_portion_give_none() -> None:
    assert to_quantity(D(1), "pinch", "g", ONION) is None
    assert to_quantity(D(1), "g", "pinch", ONION) is None


def test_unknown_units_are_an_error_not_none() -> None:
    with pytest.raises(InvalidUnit):
        to_quantity(D(1), "bowl", "g", ONION)


def test_a_line_weighs_through_its_own_measure_else_its_other_one() -> None:
    assert line_grams(parse_line("2 cebollas grandes", "es"), ONION) == D(300)
    tomato_can = parse_line("1 lata (400 g) de tomate", "es")
    assert line_grams(tomato_can, FoodMeasures("tomato")) == D(400)
    assert line_grams(parse_line("Sal al gusto", "es"), ONION) is None
