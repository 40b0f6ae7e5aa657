"""IndexCache.urgent: the engine's ranking, with each candidate's ranking kept by the stock of
its own foods, so a write that changes one food re-ranks only the recipes that use it."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from zerowaste.application.recommendations import index as module
from zerowaste.application.recommendations.index import IndexCache
from zerowaste.domain.recipes.engine import PantryFood, rank
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient

pytestmark = pytest.mark.unit

FOODS = ["arroz", "frijol", "tomate", "cebolla", "ajo", "chile", "huevo", "leche", "queso", "pollo"]
UNITS = {"arroz": "g", "frijol": "g", "leche": "ml", "huevo": "unidades"}


def key_of(line: RecipeIngredient) -> str:
    return line.food_key or ""


def catalog(seed: int = 7) -> list[Recipe]:
    rng = random.Random(seed)
    recipes = []
    for n in range(120):
        foods = rng.sample(FOODS, rng.randint(2, 5))
        lines = [
            RecipeIngredient(f, Decimal(rng.choice([50, 200, 500])), UNITS.get(f, "g"), f)
            for f in foods
        ]
        lines.append(RecipeIngredient("sal", optional=True))
        recipes.append(
            Recipe(uid=f"r{n}", title=f"Receta {n:03d}", source="catalog", ingredients=lines)
        )
    return recipes


def pantry(rice_grams: int) -> list[PantryFood]:
    return [
        PantryFood("arroz", "Arroz", Decimal(rice_grams), "kg" if rice_grams > 999 else "g", 30),
        PantryFood("tomate", "Tomate", Decimal(400), "g", 1),
        PantryFood("huevo", "Huevo", Decimal(6), "unidades", 10),
        PantryFood("leche", "Leche", Decimal(1), "l", 2),
        PantryFood("pollo", "Pollo", Decimal(700), "g", -1),  # expired: not offered
    ]


def test_the_cached_ranking_is_the_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    recipes, cache = catalog(), IndexCache(key_of)
    index = cache.of(recipes)
    for grams in (300, 250, 2000):
        stock = pantry(grams)
        expected = rank(index.most_urgent(stock, 40), stock, key_of, module.convert_units, limit=40)
        assert cache.urgent(index, stock, 40) == expected


def test_a_change_of_one_food_re_ranks_only_the_recipes_that_use_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recipes, cache = catalog(), IndexCache(key_of)
    index = cache.of(recipes)
    ranked: list[str] = []
    real = module.rank_one
    monkeypatch.setattr(
        module, "rank_one", lambda recipe, *a: ranked.append(recipe.uid) or real(recipe, *a)
    )
    first = cache.urgent(index, pantry(300), 40)
    assert len(ranked) == 40
    ranked.clear()

    second = cache.urgent(index, pantry(295), 40)  # 5 g of rice eaten

    using_rice = {r.uid for r in recipes if "arroz" in index.stock_keys[r.uid]}
    assert ranked and set(ranked) <= using_rice
    assert len(ranked) < 40
    assert [r.recipe.uid for r in second] != [] and first != second
    ranked.clear()
    cache.of(list(recipes))  # a new catalog forgets the kept rankings
    cache.urgent(cache.of(list(recipes)), pantry(295), 40)
    assert len(ranked) == 40
