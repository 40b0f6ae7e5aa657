"""Swap rules: which substitution applies, the substitute's food, goals and allergies."""

from __future__ import annotations

import pytest

from zerowaste.domain.nutrition.swaps import Substitution, applying, gain, safe_for

pytestmark = pytest.mark.unit

EGG = Substitution(41, "egg (binding)", "huevo (para ligar)", "flax egg", "huevo de linaza", "1:1")
BUTTERMILK = Substitution(
    2,
    "buttermilk",
    "suero de leche (buttermilk)",
    "plant milk + lemon juice",
    "bebida vegetal + jugo de limón",
    "1 cup",
    removes_allergens=("milk",),
)
OIL = Substitution(
    30,
    "butter (baking)",
    "mantequilla",
    "neutral vegetable oil",
    "aceite",
    "3/4",
    removes_allergens=("milk",),
)
SUGAR = Substitution(8, "brown sugar", "azúcar morena", "piloncillo, grated", "piloncillo", "1:1")
MILK = Substitution(
    22,
    "milk",
    "leche",
    "soy, oat or rice drink",
    "bebida de soya",
    "1:1",
    removes_allergens=("milk",),
    substitute_contains_allergens=("soybeans",),
)


def test_a_substitution_applies_by_any_of_its_names_folded_and_singular() -> None:
    subs = [EGG, BUTTERMILK, OIL, SUGAR]

    assert applying(subs, ["Huevos"]) == [EGG]
    assert applying(subs, ["Buttermilk"]) == [BUTTERMILK]
    assert applying(subs, ["suero de leche"]) == [BUTTERMILK]
    assert applying(subs, ["MANTEQUILLA"]) == [OIL]
    assert applying(subs, ["peanut butter"]) == []


def test_the_substitute_food_is_one_food_or_none() -> None:
    assert BUTTERMILK.substitute_food is None  # a mix has no single SR28 food
    assert SUGAR.substitute_food == "piloncillo"
    assert MILK.substitute_food == "soy"  # "X or Y" reads X
    assert EGG.substitute_food == "flax egg"


def test_allergies_keep_swaps_that_remove_one_and_add_none() -> None:
    assert safe_for(BUTTERMILK, {"milk"})
    assert not safe_for(EGG, {"milk"})
    assert not safe_for(MILK, {"milk", "soybeans"})


def test_a_goals_gain_is_positive_when_the_nutrient_moves_the_right_way() -> None:
    assert gain({"energy_kcal": -50.0}, "lower_calories") == 50.0
    assert gain({"protein_g": -2.0}, "higher_protein") == -2.0
    assert gain({"fat_g": None}, "lower_fat") is None
    assert gain(None, "lower_sodium") is None
