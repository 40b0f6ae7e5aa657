"""By-ingredients' order before amounts: `covering` gives every candidate the engine's share and
score from its food keys alone, and `window` says which to measure for a page."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from zerowaste.domain.recipes.engine import PantryFood, rank, stock_of
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.search.fulfilment import Tied, covering, most_fulfilled, weights, window

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

    ordered = covering([keys(r) for r in recipes], weights(stock_of(pantry)))
    engine = most_fulfilled(rank(recipes, pantry, by_key, None, limit=len(recipes)))

    places = [(g.percent, g.score) for g in ordered for _ in g.rows]
    assert places == [(r.utilization, r.score) for r in engine] and len(places) > 100
    rows = [row for g in ordered for row in g.rows]
    assert {recipes[row].uid for row in rows} == {r.recipe.uid for r in engine}
    assert all(g.rows == sorted(g.rows) for g in ordered)  # ties in the candidates' order
    assert len({(g.percent, g.score) for g in ordered}) == len(ordered) > 10


def test_a_candidate_with_nothing_in_stock_or_no_lines_is_not_covered():
    stock = weights(stock_of([PantryFood("egg", "huevo", Decimal(1), "", 3)]))

    (only,) = covering([[], ["milk", "salt"], ["egg", "salt"], ["salt", "egg"]], stock)

    assert (only.percent, only.rows) == (50, [2, 3])


def groups(*sizes: int) -> list[Tied]:
    rows = iter(range(sum(sizes)))
    return [
        Tied(100 - n, Decimal(9 - n), [next(rows) for _ in range(size)])
        for n, size in enumerate(sizes)
    ]


def test_the_window_is_every_group_of_ties_the_page_overlaps():
    ordered = groups(1, 1, 3, 2)  # rows 0 | 1 | 2 3 4 | 5 6

    assert window(ordered, 0, 2) == (0, [0, 1])  # no tie across the end
    assert window(ordered, 2, 4) == (2, [2, 3, 4])  # the tie runs past the page
    assert window(ordered, 3, 6) == (2, [2, 3, 4, 5, 6])  # and starts before it
    assert window(ordered, 5, 10) == (5, [5, 6])  # the last page is short
    assert window(ordered, 7, 9) == (7, [])  # past the end: nothing to measure
