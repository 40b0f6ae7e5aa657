"""The recipes a search shows: catalog recipes decoded once per catalog version and process, a
household's own read every time, another household's never shown."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import pytest

from zerowaste.application.search.shown import ShownRecipes
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.search.documents import SearchDoc
from zerowaste.infrastructure.search.index import InMemoryRecipeIndex

pytestmark = pytest.mark.unit


class Store:
    """The store's `recipes(uids)`, counting what it was asked for."""

    def __init__(self, recipes: list[Recipe]) -> None:
        self.rows = {r.uid: r for r in recipes}
        self.asked: list[list[str]] = []

    def recipes(self, uids: Sequence[str]) -> list[Recipe]:
        self.asked.append(list(uids))
        return [self.rows[u] for u in uids if u in self.rows]


def recipe(uid: str, household_id: str | None = None, title: str = "") -> Recipe:
    return Recipe(uid=uid, title=title or uid, source="catalog", household_id=household_id)


def index(version: str) -> InMemoryRecipeIndex:
    found = InMemoryRecipeIndex(1)
    one = array("f", [1.0]).tobytes()
    docs = [SearchDoc("soup", None, "es", "soup", "", "", None, "soup")]
    found.load("catalog", version, docs, {"soup": one})
    own = [SearchDoc(u, h, "es", u, "", "", None, u) for u, h in (("mine", "h1"), ("theirs", "h2"))]
    found.load("own", "o1", own, {"mine": one, "theirs": one})
    return found


def test_a_catalog_recipe_is_read_once_per_catalog_version_a_households_every_time() -> None:
    store = Store([recipe("soup"), recipe("mine", "h1"), recipe("theirs", "h2")])
    shown, v1 = ShownRecipes(store), index("v1")  # type: ignore[arg-type]

    first = shown.visible(v1, "h1", ["soup", "mine", "theirs"])
    again = shown.visible(v1, "h1", ["soup", "mine", "theirs"])

    assert sorted(first) == sorted(again) == ["mine", "soup"]  # never another household's
    assert store.asked == [["soup", "mine", "theirs"], ["mine", "theirs"]]
    assert again["soup"] is first["soup"]


def test_an_import_that_moves_the_catalog_version_reads_its_recipes_again() -> None:
    store = Store([recipe("soup", title="Sopa")])
    shown = ShownRecipes(store)  # type: ignore[arg-type]
    assert shown.visible(index("v1"), "h1", ["soup"])["soup"].title == "Sopa"

    store.rows["soup"] = recipe("soup", title="Sopa de tomate")  # an import changed it
    found = shown.visible(index("v2"), "h1", ["soup"])

    assert found["soup"].title == "Sopa de tomate" and store.asked[-1] == ["soup"]


def test_a_recipe_gone_from_the_store_is_not_shown() -> None:
    store = Store([])
    assert ShownRecipes(store).visible(index("v1"), "h1", ["soup", "mine"]) == {}  # type: ignore[arg-type]
