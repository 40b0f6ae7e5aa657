"""Seasons, techniques and the ranking of substitutes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.market.seasons import SeasonalFood, belongs_to, check_region, season_of
from zerowaste.domain.market.substitutes import candidate, fits, food_name, parts_of, ranked
from zerowaste.domain.market.techniques import Technique, celsius, kilograms, matching, minutes
from zerowaste.domain.nutrition.swaps import Substitution
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


def food(months, year_round=False, id="x"):
    return SeasonalFood(id, id, id, "fruit", frozenset(months), year_round, None, id)


def test_a_recipe_belongs_to_a_season_by_its_seasonal_produce_only():
    strawberry, mango = food({1, 2, 3, 4, 11, 12}), food({3, 4, 5, 6, 7, 8})
    avocado = food(range(1, 13), year_round=True)

    assert belongs_to("winter", [strawberry, avocado])
    assert belongs_to("spring", [strawberry, mango])  # both peak in March-April
    assert not belongs_to("summer", [strawberry, mango])  # strawberry is out all summer
    assert not belongs_to("summer", [avocado])  # year-round says nothing about a season
    assert not belongs_to("winter", [])


def test_months_map_to_northern_seasons_and_only_mexico_is_a_region():
    assert [season_of(m) for m in (12, 1, 3, 6, 9)] == [
        "winter",
        "winter",
        "spring",
        "summer",
        "autumn",
    ]
    assert check_region(" MX ") == "mx"
    with pytest.raises(InvalidInput):
        check_region("us")


def test_foodkeeper_units_are_converted_to_metric():
    assert celsius(165) == 74 and celsius(350) == 177 and celsius(145) == 63
    assert kilograms(4) == Decimal("1.81")
    assert minutes(1.5, "hours") == Decimal("90.0") and minutes(20, "minutes") == 20


def test_techniques_filter_and_put_the_projects_first():
    own = Technique("a", "zerowaste", "oven", "b", "Roast", "Fácil", ("potato",))
    fsis = Technique("f", "foodkeeper", "oven", "b", "Beef: oven", None, ("potato", "beef"))

    assert matching([fsis, own], "potato", "oven", None) == [own, fsis]
    assert matching([fsis, own], "beef", None, None) == [fsis]
    assert matching([fsis, own], None, None, "Fácil") == [own]
    assert matching([fsis, own], None, "grill", None) == []


def rule(id, substitute, diets=(), removes=(), contains=()):
    return Substitution(
        id, "butter", "mantequilla", substitute, substitute, "1:1", (), diets, removes, contains
    )


def test_a_substitute_is_parts_of_alternatives_without_notes():
    assert parts_of("milk + lemon juice or white vinegar") == (
        ("milk",),
        ("lemon juice", "white vinegar"),
    )
    assert parts_of("silken tofu, blended") == (("silken tofu",),)
    assert parts_of("plain yogurt (thick)") == (("plain yogurt",),)


def test_allergens_removed_and_added_compare_original_and_substitute():
    cashew = rule(28, "cashew cream + lemon juice", removes=("milk",), contains=("nuts",))

    found = candidate(cashew, set(), str, ["milk"], lambda name: ())

    assert found.removes == ("milk",) and found.adds == ("nuts",)
    with_master = candidate(rule(1, "peanut butter"), set(), str, ["milk"], lambda n: ["peanuts"])
    assert with_master.removes == ("milk",) and with_master.adds == ("peanuts",)


def test_what_is_at_hand_ranks_first_then_most_parts_then_most_diets():
    oil = rule(30, "oil", diets=("vegan", "dairy_free"))
    two = rule(2, "milk + lemon juice or vinegar")
    margarine = rule(31, "plant butter or margarine", diets=("vegan",))
    have = {"margarine", "milk"}

    found = ranked([candidate(r, have, str, (), lambda n: ()) for r in (oil, two, margarine)])

    assert [c.substitution.id for c in found] == [31, 2, 30]
    assert found[0].in_stock and found[0].at_hand == ("margarine",)
    assert not found[1].in_stock and found[1].at_hand == ("milk",)
    assert fits(oil, ["vegan"]) and fits(oil, []) and not fits(margarine, ["dairy_free"])


def test_an_alternative_names_its_food_without_preparation_words():
    assert food_name("melted butter") == "butter"
    assert food_name("a pinch of sugar") == "sugar"
    assert food_name("lime juice") == "lime"
    assert food_name("flax egg") == "flax egg"  # another food, not egg
    assert food_name("juice") == "juice"


def test_a_part_is_at_hand_by_its_food_name():
    melted = rule(23, "milk + melted butter")

    found = candidate(melted, {"butter"}, str, (), lambda name: ())

    assert found.at_hand == ("melted butter",) and not found.in_stock
