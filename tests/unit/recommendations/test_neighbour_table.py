"""The catalog's neighbour table (NumPy over arrays built once per catalog) gives the domain's
ranking (`neighbours.ranked`, one candidate at a time in Python): the same recipes, in the same
order, with the same scores, for every recipe of a seeded catalog; and it keeps a recipe's
ranking per search-index version."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import numpy as np
import pytest

from zerowaste.application.recommendations import neighbour_table as module
from zerowaste.application.recommendations.index import CatalogIndex
from zerowaste.application.recommendations.neighbour_table import NeighbourTable
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.recommendations.neighbours import (
    COSINE_BASE,
    Neighbour,
    food_vector,
    ranked,
)
from zerowaste.domain.recommendations.similarity import title_stem

pytestmark = pytest.mark.unit

FOODS = [f"food{n}" for n in range(40)] + ["salt", "oil"]
DISHES = ["Sopa", "Tarta", "Guiso", "Ensalada", "Curry", "Risotto"]


def catalog(seed: int, size: int = 300) -> tuple[CatalogIndex, dict[str, float]]:
    """Recipes of 2-8 foods (common ones more often, staples too), some with the same title
    (copies), and for each a cosine to the recipe asked about (some at the base, some below)."""
    rng = random.Random(seed)
    recipes = []
    for n in range(size):
        foods = rng.sample(FOODS[: rng.choice([10, 25, 42])], rng.randint(2, 8))
        lines = [RecipeIngredient(name=f.capitalize(), food_key=f) for f in foods]
        title = f"{rng.choice(DISHES)} {n % 97}"
        recipes.append(Recipe(uid=f"{n:04d}", title=title, source="catalog", ingredients=lines))
    cosines = {r.uid: rng.choice([0.0, 0.3, COSINE_BASE, rng.random()]) for r in recipes}
    return CatalogIndex(recipes, lambda line: line.food_key or line.name), cosines


def domain_ranking(index: CatalogIndex, uid: str, cosines: Mapping[str, float]) -> list[tuple]:
    table = NeighbourTable(index)
    stem = title_stem(index.by_uid[uid].title)
    mine = food_vector(index.names[uid], table.rarity)
    candidates = [
        Neighbour(r.uid, r.title, cosines.get(r.uid, 0.0), index.names[r.uid])
        for r in index.recipes
        if r.uid != uid
        and title_stem(r.title) != stem
        and (set(mine.foods) & set(index.names[r.uid]) or cosines.get(r.uid, 0.0) > COSINE_BASE)
    ]
    found = ranked(index.names[uid], candidates, len(candidates), table.rarity)
    return [(s.uid, s.score, s.cosine) for s in found]


def table_ranking(table: NeighbourTable, uid: str, cosines: Mapping[str, float]) -> list[tuple]:
    recipe = table.catalog.by_uid[uid]

    def cosines_of(uids: Sequence[str]) -> np.ndarray:
        return np.array([cosines[u] for u in uids], dtype=np.float64)

    found = table.ranking(uid, table.catalog.names[uid], recipe.title, cosines_of, "v1", True)
    return [
        (table.uids[row], score, cosine)
        for row, score, cosine in zip(
            found.rows.tolist(), found.scores.tolist(), found.cosines.tolist(), strict=True
        )
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_table_ranks_every_recipe_as_the_domain_does(seed):
    index, cosines = catalog(seed)
    table = NeighbourTable(index)

    for recipe in index.recipes[::3]:
        assert table_ranking(table, recipe.uid, cosines) == domain_ranking(
            index, recipe.uid, cosines
        ), recipe.uid


def test_a_ranking_is_kept_cut_at_kept_until_the_index_changes(monkeypatch):
    monkeypatch.setattr(module, "KEPT", 5)
    index, cosines = catalog(4)
    table = NeighbourTable(index)
    asked: list[int] = []

    def cosines_of(uids: Sequence[str]) -> np.ndarray:
        asked.append(len(uids))
        return np.array([cosines[u] for u in uids], dtype=np.float64)

    recipe = index.recipes[0]
    args = (recipe.uid, index.names[recipe.uid], recipe.title, cosines_of)
    first = table.ranking(*args, "v1")
    again = table.ranking(*args, "v1")
    whole = table.ranking(*args, "v1", whole=True)
    changed = table.ranking(*args, "v2")

    assert again is first and len(first.rows) == 5 and not first.whole
    assert whole.whole and whole.rows[:5].tolist() == first.rows.tolist()
    assert changed is not first and len(asked) == 3
