"""NutritionCalculator on fakes: the master's link first, a preparation moves it to SR28's
prepared form, SR28 names next, nothing invented; a recipe's stored grams as a fallback."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.application.nutrition.calculator import NutritionCalculator, NutritionLine
from zerowaste.application.nutrition.ports import PortionWeight
from zerowaste.domain.nutrition.matching import Sr28Names
from zerowaste.domain.nutrition.nutrients import NUTRIENTS, Food
from zerowaste.domain.nutrition.swaps import Substitution
from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.portions import Portion
from zerowaste.domain.reference import IngredientMatch

pytestmark = pytest.mark.unit

FOODS = {
    "20444": ("Rice, white, long-grain, regular, raw, unenriched", 365.0, 0),
    "20445": ("Rice, white, long-grain, regular, unenriched, cooked without salt", 130.0, 0),
    "09040": ("Bananas, raw", 89.0, 36),
}
CUPS = {"20444": Decimal(185), "20445": Decimal(158)}


class FakeData:
    def __init__(self) -> None:
        self.names = Sr28Names((n, row[0]) for n, row in FOODS.items())

    def food(self, ndb_no: str) -> Food | None:
        if ndb_no not in FOODS:
            return None
        name, kcal, refuse = FOODS[ndb_no]
        return Food(
            ndb_no, name, "g", refuse, dict.fromkeys(NUTRIENTS, 0.0) | {"energy_kcal": kcal}
        )

    def measures(self, ndb_no: str) -> FoodMeasures:
        cup = CUPS.get(ndb_no)
        return FoodMeasures(ndb_no, (Portion("cup", cup, "1 cup"),) if cup else ())

    def portions(self, ndb_no: str) -> list[PortionWeight]:
        return []

    def linked(self, ingredient_id: str) -> str | None:
        return {"rice": "20444"}.get(ingredient_id)

    def substitutions(self) -> list[Substitution]:
        return []


class FakeMatcher:
    def resolve(self, name: str, lang: str) -> IngredientMatch | None:
        if name.casefold() != "arroz":
            return None
        return IngredientMatch("rice", "Arroz", "Rice", "grain", 100, "name_es")


CALCULATOR = NutritionCalculator(FakeData(), FakeMatcher())


def test_the_masters_link_comes_first() -> None:
    found = CALCULATOR.match("Arroz")

    assert found is not None and (found.food.ndb_no, found.via) == ("20444", "ingredient_master")


def test_a_stated_preparation_moves_the_link_to_the_prepared_sr28_food() -> None:
    found = CALCULATOR.match("arroz cocido")

    assert found is not None and found.food.ndb_no == "20445"


def test_sr28_names_come_next_and_nothing_is_invented() -> None:
    banana = CALCULATOR.match("bananas")

    assert banana is not None and (banana.food.ndb_no, banana.via) == ("09040", "sr28_name")
    assert CALCULATOR.match("plátano macho") is None
    assert CALCULATOR.match("   ") is None


def test_a_cup_of_cooked_rice_weighs_the_cooked_cup() -> None:
    result = CALCULATOR.calculate([NutritionLine("arroz cocido", Decimal(1), "taza")], 1)

    assert result.lines[0].weight.edible_grams == 158
    assert result.totals["energy_kcal"] == pytest.approx(130 * 1.58)


def test_the_stored_grams_of_a_recipe_line_are_the_fallback() -> None:
    line = NutritionLine("bananas", Decimal(1), "can", grams=Decimal(400))

    result = CALCULATOR.calculate([line])

    weight = result.lines[0].weight
    assert (weight.grams, weight.edible_grams) == (400, 256)  # as purchased: 36 % refuse
    assert result.unmatched == []


def test_an_unweighable_line_without_stored_grams_is_unmatched() -> None:
    result = CALCULATOR.calculate([NutritionLine("bananas", Decimal(1), "can")])

    assert [(u.reason.value, u.ndb_no) for u in result.unmatched] == [("no_weight", "09040")]
    assert result.totals["energy_kcal"] is None
