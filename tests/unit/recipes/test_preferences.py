from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.engine import PantryFood, rank
from zerowaste.domain.recipes.preferences import Likes, preferred_first
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient

pytestmark = pytest.mark.unit

KEYS = {"pollo": "chicken", "chicken breast": "chicken"}


def key_of_name(name: str) -> str:
    return KEYS.get(name, name)


def by_key(line: RecipeIngredient) -> str | None:
    return line.food_key


def recipe(title: str, *foods: str, lang: str = "es", tags: tuple[str, ...] = ()) -> Recipe:
    lines = [RecipeIngredient(name=f, food_key=key_of_name(f)) for f in foods]
    return Recipe(
        uid=title, title=title, source="catalog", lang=lang, tags=list(tags), ingredients=lines
    )


def pantry(*foods: tuple[str, int]) -> list[PantryFood]:
    return [PantryFood(k, k, Decimal(1), "kg", days) for k, days in foods]


def test_a_preferred_tag_reorders_recipes_that_save_the_same():
    stock = pantry(("rice", 30))
    plain = recipe("Arroz blanco", "rice")
    pasta = recipe("Arroz con fideos", "rice", tags=("pasta",))
    ranked = rank([plain, pasta], stock, by_key, limit=2)

    without = preferred_first(ranked, Likes.of("es", [], key_of_name), by_key, 2)
    liked = preferred_first(ranked, Likes.of("es", ["Pasta"], key_of_name), by_key, 2)

    assert [r.recipe.title for r in without] == ["Arroz blanco", "Arroz con fideos"]  # by title
    assert [r.recipe.title for r in liked] == ["Arroz con fideos", "Arroz blanco"]


def test_a_preferred_food_matches_lines_through_the_master_key():
    likes = Likes.of("es", ["Pollo"], key_of_name)

    assert likes.matches(recipe("Ensalada", "chicken breast", "lettuce"), by_key)
    assert not likes.matches(recipe("Ensalada verde", "lettuce"), by_key)


def test_preferences_never_outweigh_what_expires_first():
    # Spinach tomorrow (weight 6) against rice in a year (~1): an English recipe the user
    # likes still loses to the Spanish one that saves the spinach.
    stock = pantry(("spinach", 1), ("rice", 365))
    saves = recipe("Espinacas salteadas", "spinach")
    liked = recipe("Rice bowl", "rice", lang="en", tags=("bowl",))
    ranked = rank([saves, liked], stock, by_key, limit=2)

    first = preferred_first(ranked, Likes.of("en", ["bowl"], key_of_name), by_key, 1)

    assert first[0].recipe.title == "Espinacas salteadas"


def test_the_callers_language_counts_a_quarter_more():
    stock = pantry(("rice", 30))
    es = recipe("Arroz", "rice")
    en = recipe("Rice", "rice", lang="en")
    ranked = rank([es, en], stock, by_key, limit=2)
    likes_en = Likes.of("en", [], key_of_name)

    assert preferred_first(ranked, likes_en, by_key, 1)[0].recipe.title == "Rice"
    english = next(r for r in ranked if r.recipe.lang == "en")
    spanish = next(r for r in ranked if r.recipe.lang == "es")
    assert likes_en.score(english, by_key) == english.score * Decimal("1.25")
    assert likes_en.score(spanish, by_key) == spanish.score
