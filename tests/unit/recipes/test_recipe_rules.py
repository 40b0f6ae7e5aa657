from __future__ import annotations

import pytest

from zerowaste.domain.recipes import defaults
from zerowaste.domain.recipes.recipe import (
    Recipe,
    RecipeIngredient,
    catalog_uid,
    is_tap_water,
    minutes_of,
    normalize_difficulty,
    title_key,
)
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("25 min", 25),
        ("15-45 min", 45),
        ("1 hora", 60),
        ("~30 minutes", 30),
        ("1 hour 20 minutes", 80),
        ("3 días (fermentación)", 3),  # a number without a unit counts as minutes
        ("", None),
        ("al gusto", None),
    ],
)
def test_minutes_of_durations(text, minutes):
    assert minutes_of(text) == minutes


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Fácil", "Fácil"),
        ("easy", "Fácil"),
        ("Intermediate", "Intermedio"),
        ("", "Intermedio"),
        ("DIFICIL", "Difícil"),
    ],
)
def test_difficulty_in_both_languages(raw, label):
    assert normalize_difficulty(raw) == label


def test_unknown_difficulty_is_refused():
    with pytest.raises(InvalidInput):
        normalize_difficulty("imposible")


def test_catalog_uids_are_stable_and_titles_compare_loosely():
    assert catalog_uid("pdr-x") == catalog_uid("pdr-x") != catalog_uid("pdr-y")
    assert len(catalog_uid("pdr-x")) == 32
    assert title_key("  Sopa  de Ajo ") == title_key("sopa de ajo")


def recipe(*lines: str, tags=(), minutes=None, difficulty="Intermedio", category="") -> Recipe:
    return Recipe(
        uid="u",
        title="t",
        source="catalog",
        ingredients=[RecipeIngredient(name=line, text=line) for line in lines],
        steps=["a", "b", "c"],
        tags=list(tags),
        minutes=minutes,
        difficulty=difficulty,
        category=category,
    )


def test_vegetarian_means_no_meat_word_at_the_start_of_a_word():
    assert defaults.is_vegetarian(recipe("200 g fresas", "1 taza de crema"))
    assert not defaults.is_vegetarian(recipe("500 g carne de res"))
    assert not defaults.is_vegetarian(recipe("2 chicken breasts"))


def test_quick_needs_time_or_tag_and_not_difficult():
    assert defaults.is_quick(recipe("x", minutes=20))
    assert defaults.is_quick(recipe("x", tags=["quick"]))
    assert not defaults.is_quick(recipe("x", minutes=20, difficulty="Difícil"))
    assert not defaults.is_quick(recipe("x", minutes=45))


def test_desserts_are_not_healthy_and_fried_food_is_not_either():
    assert defaults.is_dessert(recipe("x", tags=["dessert"]))
    assert not defaults.is_healthy(recipe("lettuce", tags=["salad", "dessert"]))
    assert not defaults.is_healthy(recipe("fried tofu", tags=["salad"]))
    assert defaults.is_healthy(recipe("lettuce", tags=["salad"]))


def test_featured_recipes_are_complete():
    assert defaults.is_featured(recipe("2 eggs", "100 g flour", "salt"))
    assert not defaults.is_featured(recipe("eggs", "flour", "salt"))


@pytest.mark.parametrize(
    ("name", "tap"),
    [
        ("Agua", True),
        ("agua tibia", True),
        ("2 cups warm water", False),  # a line, not a food name
        ("warm water", True),
        ("Hielo", True),
        ("agua de coco", False),
        ("coconut water", False),
        ("Agua mineral", False),
        ("aguacate", False),
        ("Watercress", False),
    ],
)
def test_tap_water_is_told_apart_from_waters_that_are_products(name, tap):
    assert is_tap_water(name) is tap
