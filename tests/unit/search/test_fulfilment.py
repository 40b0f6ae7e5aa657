"""By-ingredients' order before amounts: `covering` gives every candidate the engine's share and
score from its food keys alone, and `window` says which to measure for a page."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from zerowaste.domain.recipes.engine import PantryFood, rank, stock_of
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.search.fulfilment import Covered, covering, most_fulfilled, weights, window

pytestmark = pytest.mark.unit

FOODS = ["spinach", "rice", "onion", "egg", "garlic", "tomato", "milk", "beef", "salt"]


def recipe(title: str, foods: list[str], optional: int = 0) -> Recipe:
    lines = [RecipeIngredient(name=f, food_key=f) for f in foods]
    lines += [
        RecipeIngredient(name=f"extra {n}", food_key="spinach", optional=True)
        for n in range(optional)
    ]
    return Recipe(uid=title, title=title, source="catalog", ingredients=lines)


def keys(r: Recipe) -> list[str]:
    return [line.food_key or "" for line in r.ingredients if not line.optional]


def by_key(line: RecipeIngredient) -> str | None:
    return line.food_key


def test_covering_orders_as_the_engine_measuring_every_line_does():
    draw = random.Random(12)
    recipes = [
        recipe(f"r{n}", [draw.choice(FOODS) for _ in range(draw.randint(0, 7))], n % 2)
        for n in range(400)
    ]
    pantry = [
        PantryFood("spinach", "espinaca", Decimal(1), "kg", 1),
        PantryFood("rice", "arroz", Decimal(2), "kg", 300),
        PantryFood("onion", "cebolla", Decimal(3), "", 10),
        PantryFood("egg", "huevo", Decimal(6), "", 14),
        PantryFood("milk", "leche", Decimal(1), "l", -1),  # expired: not offered
    ]

    covered = covering([keys(r) for r in recipes], weights(stock_of(pantry)))
    engine = most_fulfilled(rank(recipes, pantry, by_key, None, limit=len(recipes)))

    assert len(covered) == len(engine) > 100
    assert [(c.percent, c.score) for c in covered] == [(r.utilization, r.score) for r in engine]
    assert {recipes[c.row].uid for c in covered} == {r.recipe.uid for r in engine}


def test_a_candidate_with_nothing_in_stock_or_no_lines_is_not_covered():
    stock = weights(stock_of([PantryFood("egg", "huevo", Decimal(1), "", 3)]))

    assert covering([[], ["milk", "salt"], ["egg", "salt"]], stock) == [
        Covered(2, 50, covering([["egg", "salt"]], stock)[0].score)
    ]


def ranks(*places: tuple[int, str]) -> list[Covered]:
    return [Covered(n, percent, Decimal(score)) for n, (percent, score) in enumerate(places)]


def test_the_window_is_the_page_and_what_ties_with_its_ends():
    ordered = ranks((100, "5"), (80, "4"), (80, "3"), (80, "3"), (80, "3"), (50, "2"), (50, "1"))

    assert window(ordered, 0, 2) == (0, 2)  # no tie across the end
    assert window(ordered, 2, 4) == (2, 5)  # the tie runs past the page
    assert window(ordered, 3, 5) == (2, 5)  # and starts before it
    assert window(ordered, 5, 10) == (5, 7)  # the last page is short
    assert window(ordered, 7, 9) == (7, 7)  # past the end: nothing to measure
