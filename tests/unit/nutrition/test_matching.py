"""SR28 names -> foods: the plainest qualifying form, preparations, and no weak matches."""

from __future__ import annotations

import pytest

from zerowaste.domain.nutrition.matching import Sr28Names, split_preparation

pytestmark = pytest.mark.unit

NAMES = Sr28Names(
    [
        ("01123", "Egg, whole, raw, fresh"),
        ("01128", "Egg, whole, cooked, fried"),
        ("01132", "Egg, whole, cooked, scrambled"),
        ("01077", "Milk, whole, 3.25% milkfat, with added vitamin D"),
        ("01094", "Milk, buttermilk, dried"),
        ("01109", "Milk, sheep, fluid"),
        ("12117", "Nuts, coconut milk, raw (liquid expressed from grated meat and water)"),
        ("02030", "Spices, pepper, black"),
        ("01004", "Cheese, blue"),
        ("01009", "Cheese, cheddar"),
        ("11457", "Spinach, raw"),
        ("11463", "Spinach, frozen, chopped or leaf, unprepared"),
        ("11458", "Spinach, cooked, boiled, drained, without salt"),
        ("11854", "Spinach, cooked, boiled, drained, with salt"),
        ("20444", "Rice, white, long-grain, regular, raw, unenriched"),
        ("20445", "Rice, white, long-grain, regular, unenriched, cooked without salt"),
        ("20055", "Rice, white, glutinous, unenriched, cooked"),
        ("12198", "Seeds, sesame butter, tahini, from raw and stone ground kernels"),
    ]
)


@pytest.mark.parametrize(
    ("name", "ndb_no"),
    [
        ("eggs", "01123"),  # raw first
        ("Huevos fritos", None),  # Spanish: SR28 names are English (the master links those)
        ("fried eggs", "01128"),
        ("2 large eggs", "01123"),  # size words are the amount's
        ("milk", "01077"),  # the plain whole milk, not a dried or sheep one
        ("coconut milk", "12117"),
        ("black pepper", "02030"),
        ("cheddar cheese", "01009"),
        ("spinach", "11457"),
        ("boiled spinach", "11458"),  # without salt before with salt
    ],
)
def test_the_plainest_qualifying_sr28_food(name: str, ndb_no: str | None) -> None:
    assert NAMES.best(name) == ndb_no


@pytest.mark.parametrize("name", ["cheese", "butter", "pepper", "meat", "", "xyzzy"])
def test_a_weak_or_ambiguous_name_matches_nothing(name: str) -> None:
    assert NAMES.best(name) is None


def test_a_preparation_narrows_the_match() -> None:
    assert NAMES.best("eggs", "scrambled") == "01132"
    assert NAMES.best("spinach", "grilled") is None


def test_the_prepared_variant_of_a_linked_food_shares_most_of_its_name() -> None:
    assert NAMES.variant("20444", "cooked") == "20445"  # not the glutinous rice
    assert NAMES.variant("01123", "fried") == "01128"
    assert NAMES.variant("11457", "raw") == "11457"
    assert NAMES.variant("11457", "roasted") is None


def test_search_lists_every_food_naming_the_words_head_matches_first() -> None:
    found = NAMES.search("milk")

    assert found[0] == "01077"
    assert set(found) == {"01077", "01094", "01109", "12117"}
    assert NAMES.search("spinach", "cooked") == ["11458", "11854"]


def test_preparation_words_in_spanish_and_english() -> None:
    assert split_preparation("Arroz blanco cocido") == (["arroz", "blanco"], "cooked")
    assert split_preparation("papas fritas") == (["papa"], "fried")
    assert split_preparation("boiled potatoes") == (["potato"], "boiled")
