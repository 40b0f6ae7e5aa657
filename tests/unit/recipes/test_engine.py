from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.engine import PantryFood, rank, weight
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient

pytestmark = pytest.mark.unit


def recipe(title: str, *foods: str, amounts: dict[str, tuple[str, str]] | None = None) -> Recipe:
    lines = []
    for food in foods:
        quantity, unit = (amounts or {}).get(food, (None, None))
        lines.append(
            RecipeIngredient(
                name=food,
                food_key=food,
                quantity=None if quantity is None else Decimal(quantity),
                unit=unit,
            )
        )
    return Recipe(uid=title, title=title, source="catalog", ingredients=lines)


def food(key: str, days: int, quantity: str = "1", unit: str = "kg") -> PantryFood:
    return PantryFood(key, key, Decimal(quantity), unit, days)


def by_key(line: RecipeIngredient) -> str | None:
    return line.food_key


def test_urgency_weights_tomorrow_about_six_times_next_year():
    assert weight(1) == 6 and weight(365) < Decimal("1.03") and weight(-5) == 11


def test_the_food_that_expires_first_is_used_first_even_in_a_longer_recipe():
    pantry = [food("spinach", 1), food("rice", 365), food("egg", 20)]
    curry = recipe("curry", "spinach", "onion", "garlic", "tomato", "cream", "curry paste")
    rice_omelette = recipe("rice omelette", "rice", "egg")

    ranked = rank([rice_omelette, curry], pantry, by_key)

    assert [r.recipe.title for r in ranked] == ["curry", "rice omelette"]
    assert ranked[0].uses_expiring and not ranked[1].uses_expiring


def test_of_two_recipes_saving_the_same_the_one_needing_less_shopping_wins():
    pantry = [food("tomato", 5)]
    short = recipe("salad", "tomato", "salt")
    long = recipe("stew", "tomato", "beef", "potato", "carrot")

    assert [r.recipe.title for r in rank([long, short], pantry, by_key)] == ["salad", "stew"]


def test_recipes_that_use_nothing_in_stock_and_expired_stock_are_left_out():
    pantry = [food("milk", -1), food("egg", 3)]

    ranked = rank([recipe("flan", "milk"), recipe("eggs", "egg")], pantry, by_key)

    assert [r.recipe.title for r in ranked] == ["eggs"]


def test_amounts_are_capped_at_what_is_in_stock_and_the_rest_is_missing():
    pantry = [food("rice", 30, "0.2", "kg")]
    pilaf = recipe("pilaf", "rice", "onion", amounts={"rice": ("0.5", "kg")})

    (found,) = rank([pilaf], pantry, by_key)

    rice, onion = found.uses
    assert rice.uses == Decimal("0.2") and rice.missing == Decimal("0.3")
    assert onion.food is None and found.utilization == 50
    assert [u.line.name for u in found.missing] == ["rice", "onion"]


def test_units_convert_through_the_callback():
    pantry = [food("rice", 30, "1", "kg")]
    pilaf = recipe("pilaf", "rice", amounts={"rice": ("300", "g")})

    def grams(amount, unit_from, unit_to, _food):
        return amount * 1000 if (unit_from, unit_to) == ("kg", "g") else None

    (found,) = rank([pilaf], pantry, by_key, grams)

    assert found.uses[0].uses == Decimal(300) and found.uses[0].missing is None


def test_convert_units_answers_every_pair_as_the_units_rules_do() -> None:
    """The engine's pre-check (`_convertible`, kept per pair) answers None exactly where
    `units.parse_quantity` + `units.convert` refuse, and the same amount elsewhere."""
    from decimal import Decimal as D

    from zerowaste.domain.recipes.engine import convert_units
    from zerowaste.domain.shared import units
    from zerowaste.domain.shared.errors import InvalidInput

    def reference(amount: D, stocked: str, measure: str) -> D | None:
        try:
            return units.convert(
                units.parse_quantity(amount, stocked, allow_zero=True), measure
            ).amount
        except (InvalidInput, ValueError, ArithmeticError):
            return None

    stocked = ["g", "kg", "ml", "l", "unidades", "gramos", "Kilos", "taza", "pizca", "nope"]
    measures = [*stocked, "cucharada", "tazas", "oz", "lb", "qt", "sprigs", ""]
    amounts = [D("0"), D("1"), D("2.5"), D("250"), D("100000"), D("200000")]
    checked = 0
    for amount in amounts:
        for a in stocked:
            for b in measures:
                assert convert_units(amount, a, b, "x") == reference(amount, a, b), (amount, a, b)
                checked += 1
    assert checked == len(amounts) * len(stocked) * len(measures)
    assert convert_units(D("1"), "kg", "g", "x") == D("1000")
    assert convert_units(D("1"), "kg", "ml", "x") is None  # no density: across groups
