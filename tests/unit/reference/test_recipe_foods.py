"""Recipe food names -> ingredient master: compounds and near-spellings are refused, varieties
and descriptions are read (each refused name below was matched by the ticket guard)."""

from __future__ import annotations

import pytest

from tests.conftest import data_pack_dir
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.recipe_foods import RecipeFoodMatcher
from zerowaste.infrastructure.reference.resolver import IngredientResolver

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def catalog() -> DataPackCatalog:
    return DataPackCatalog.from_data_dir(data_pack_dir())


@pytest.fixture(scope="module")
def matcher(catalog: DataPackCatalog) -> RecipeFoodMatcher:
    return RecipeFoodMatcher(catalog)


@pytest.mark.parametrize(
    ("name", "lang", "ingredient_id"),
    [
        ("arroz", "es", "rice"),
        ("carne molida", "es", "beef_ground"),
        ("carne de res molida", "es", "beef_ground"),
        ("ajo", "es", "garlic"),
        ("tomate", "es", "tomato"),
        ("queso costeño duro", "es", "cheese_fresh"),  # Spanish: trailing words drop
        ("papas criollas", "es", "potato"),
        ("yuca amarga", "es", "cassava"),
        ("pimiento dulce", "es", "bell_pepper"),
        ("harina de maíz", "es", "masa_harina"),
        ("leche de coco", "es", "coconut_milk"),
        ("vinagre blanco", "es", "vinegar"),
        ("cilantro fresco", "es", "cilantro"),
        ("bacon cubes", "en", "bacon"),
        ("boneless skinless chicken breasts", "en", "chicken_breast"),
        ("fresh basil leaves", "en", "basil"),
        ("basmati rice", "en", "rice"),  # English: leading words drop
        ("sea salt", "en", "salt"),
        ("all-purpose flour", "en", "wheat_flour"),
        ("red onion", "en", "onion"),
        ("red bell peppers", "en", "bell_pepper"),
        ("white vinegar", "en", "vinegar"),
        ("cooking oil", "en", "vegetable_oil"),
        ("pepper", "en", "black_pepper"),
        ("chicken stock", "en", "broth_chicken"),
        ("egg yolks", "en", "egg"),
        ("dry yeast", "en", "yeast"),
        ("frozen corn", "en", "corn_fresh"),  # not "Breakfast cereal (corn flakes)"
        ("tumeric", "en", None),  # no turmeric in the master: a typo of nothing
        ("broccli", "en", "broccoli"),  # a typo at ratio >= 90
    ],
)
def test_recipe_foods_resolve(matcher, name, lang, ingredient_id) -> None:
    found = matcher.resolve(name, lang)
    assert (found.ingredient_id if found else None) == ingredient_id


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("onion powder", "en"),  # bouillon, whose name packs "powder"
        ("garlic powder", "en"),
        ("cooking powder", "en"),
        ("paprika powder", "en"),
        ("bay leaves", "en"),  # cilantro ("coriander leaves")
        ("red pepper flakes", "en"),  # corn flakes
        ("oyster sauce", "en"),  # clams / mussels / oysters
        ("coconut oil", "en"),  # coconut
        ("sesame oil", "en"),
        ("celery salt", "en"),  # salt: celery is a food of its own
        ("vanilla bean", "en"),  # beans
        ("swiss cheese", "en"),  # chard / queso fresco
        ("seeds", "en"),  # chia seeds
        ("fruit", "en"),  # kiwi fruit
        ("vegetable", "en"),  # vegetable oil
        ("oven-safe pan", "en"),  # Spanish "pan" (bread)
        ("white tuna", "en"),  # Spanish "tuna" (prickly pear)
        ("red peppers", "en"),  # the "pepper" alias of black pepper
        ("leftover lobster legs", "en"),  # "Chicken thighs / legs"
        ("kaffir lime leaves", "en"),
        ("tomillo", "es"),  # tomatillo, at ratio 87.5
        ("carne de cangrejo", "es"),  # beef ("carne")
        ("filete de pirarucú", "es"),  # beef steak ("filete")
        ("nuez moscada", "es"),  # pecans ("nuez")
        ("hojas de bijao", "es"),
        ("", "es"),
    ],
)
def test_compounds_and_near_spellings_are_refused(matcher, name, lang) -> None:
    assert matcher.resolve(name, lang) is None


def test_the_ticket_guard_would_have_taken_them(catalog) -> None:
    """The reason for a stricter guard: the ticket resolver reads these as foods."""
    resolver = IngredientResolver(catalog)
    for name in ("onion powder", "bay leaves", "coconut oil", "tomillo", "carne de cangrejo"):
        assert resolver.resolve(name) is not None, name
