"""What search matches: folded, stemmed words, foods named in either language, the glossary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.engine import PantryFood, Ranked, rank
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.search.documents import (
    TITLE_WEIGHT,
    Query,
    SearchDoc,
    document,
    embedding_texts,
    word_set,
    words,
)
from zerowaste.domain.search.fulfilment import fulfilment, most_fulfilled

pytestmark = pytest.mark.unit


def recipe(title: str, *lines: RecipeIngredient, uid: str = "r1") -> Recipe:
    return Recipe(uid=uid, title=title, source="catalog", ingredients=list(lines), tags=["quick"])


def test_words_fold_accents_drop_stop_words_and_plurals():
    assert words("Algo RÁPIDO con Espinacas y tomates") == ["rapido", "espinaca", "tomat"]
    assert words("tomate") == words("tomates") and words("eggs") == words("egg")


def test_a_query_matches_the_foods_it_names_and_its_glossary_translations():
    doc = SearchDoc("r1", None, "en", "Onion Soup", "", "", None, "onion soup", ("onion",))
    query = Query("sopa de cebolla", {"onion": "cebolla"})

    assert "food:onion" in query.terms and "soup" in query.terms and "sopa" in query.terms
    assert query.matched(doc) == ["sopa", "cebolla"]
    assert "food:onion" in doc.terms() and doc.terms().count("onion") == TITLE_WEIGHT


def test_a_documents_foods_are_its_lines_master_keys_once_each():
    found = document(
        recipe(
            "Spinach rice",
            RecipeIngredient("spinach", food_key="spinach"),
            RecipeIngredient("baby spinach", food_key="spinach"),
            RecipeIngredient("salt"),
        ),
        "spinach rice",
    )

    assert found.foods == ("spinach",)


def test_the_vector_is_computed_from_the_title_and_from_title_tags_and_foods():
    title, text = embedding_texts(recipe("Spinach rice", RecipeIngredient("Brown rice")))

    assert title == "Spinach rice"
    assert text == "Spinach rice. quick. Brown rice"


def _ranked(title: str, covered: int, lines: int, uid: str) -> Ranked:
    ingredients = [RecipeIngredient(f"food{i}", food_key=f"f{i}") for i in range(lines)]
    pantry = [PantryFood(f"f{i}", f"food{i}", Decimal(1), "", 30) for i in range(covered)]
    return rank([recipe(title, *ingredients, uid=uid)], pantry, lambda line: line.food_key)[0]


def test_what_can_be_made_most_completely_comes_first():
    half = _ranked("Half", 2, 4, "a")  # 50 %, more of the pantry used
    whole = _ranked("Whole", 1, 1, "b")  # 100 %
    ordered = most_fulfilled([half, whole])

    assert [r.recipe.title for r in ordered] == ["Whole", "Half"]
    shown = fulfilment(half)
    assert shown.percent == 50
    assert [h.name for h in shown.have] == ["food0", "food1"]
    assert [m.name for m in shown.missing] == ["food2", "food3"]


def test_a_documents_word_set_is_kept_per_text() -> None:
    text = "Sopas de cebollas y tomates asados"
    first = word_set(text)
    assert first == frozenset(words(text)) == {"sopa", "cebolla", "tomat", "asado"}
    assert word_set(text) is first  # computed once per text
