"""CatalogIndex.most_urgent: the recipes the stock engine would rank first, found from the foods
alone by adding up per-food arrays, answers exactly what scoring every recipe of the catalog one
by one answers: the same recipes in the same order, ties included."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from zerowaste.application.recommendations.index import CatalogIndex
from zerowaste.domain.recipes.engine import PantryFood, weight
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient

pytestmark = pytest.mark.unit

FOODS = [f"food{n}" for n in range(30)]


def key_of(line: RecipeIngredient) -> str:
    return line.food_key or ""


def catalog(rng: random.Random, size: int) -> list[Recipe]:
    recipes = []
    for n in range(size):
        lines = [
            RecipeIngredient(f, Decimal(100), "g", f) for f in rng.sample(FOODS, rng.randint(1, 6))
        ]
        if rng.random() < 0.2:
            lines.append(RecipeIngredient("agua", Decimal(1), "l"))  # tap water: no food
        recipes.append(
            Recipe(uid=f"r{n}", title=f"Receta {n}", source="catalog", ingredients=lines)
        )
    recipes.append(Recipe(uid="empty", title="Nada", source="catalog", ingredients=[]))
    return recipes


def scanned(index: CatalogIndex, pantry: list[PantryFood], count: int) -> list[str]:
    """Every recipe scored one by one, in the order the pantry's foods reach them."""
    saved: dict[str, float] = defaultdict(float)
    covered: dict[str, int] = defaultdict(int)
    for food in pantry:
        if food.days_left < 0:
            continue
        for recipe in index.recipes:
            if food.key in index.foods[recipe.uid]:
                saved[recipe.uid] += float(weight(food.days_left))
                covered[recipe.uid] += 1
    order = sorted(saved, key=lambda uid: -saved[uid] * (1 + covered[uid] / len(index.foods[uid])))
    return order[:count]


@pytest.mark.parametrize("seed", range(25))
def test_most_urgent_is_the_scan_of_every_recipe(seed: int) -> None:
    rng = random.Random(seed)
    index = CatalogIndex(catalog(rng, rng.randint(20, 300)), key_of)
    pantry = [
        PantryFood(f, f, Decimal(1), "kg", rng.choice([-2, -1, 0, 0, 1, 2, 3, 7, 30]))
        for f in rng.sample([*FOODS, "not-in-any-recipe"], rng.randint(0, 20))
    ]
    if pantry and rng.random() < 0.3:
        pantry.append(pantry[0])  # one food listed twice counts twice, as the scan counts it
    count = rng.choice([1, 5, 40, 1000])

    found = [r.uid for r in index.most_urgent(pantry, count)]

    assert found == scanned(index, pantry, count)


def test_an_empty_or_expired_pantry_reaches_no_recipe() -> None:
    index = CatalogIndex(catalog(random.Random(1), 50), key_of)
    assert index.most_urgent([], 10) == []
    expired = [PantryFood(f, f, Decimal(1), "kg", -1) for f in FOODS]
    assert index.most_urgent(expired, 10) == []


def test_an_empty_catalog_answers_nothing() -> None:
    index = CatalogIndex([], key_of)
    assert index.most_urgent([PantryFood("food1", "x", Decimal(1), "kg", 1)], 5) == []
