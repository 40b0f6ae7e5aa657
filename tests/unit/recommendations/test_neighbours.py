"""Similar recipes: the blend of the vectors' cosine and the foods in common, and why."""

from __future__ import annotations

import pytest

from zerowaste.domain.recommendations.neighbours import (
    COSINE_BASE,
    FOODS_WEIGHT,
    VECTOR_WEIGHT,
    Neighbour,
    Rarity,
    Similar,
    ranked,
    reasons,
    score,
)

pytestmark = pytest.mark.unit

SOUP = {"spinach": "Espinaca", "onion": "Cebolla", "salt": "Sal", "cream": "Crema"}


def test_the_blend_weighs_the_cosine_above_its_base_and_the_share_of_foods():
    # foods {a, b} and {b, c}: cosine 1 / (sqrt(2) * sqrt(2)); a cosine of 0.7 is half way
    # from the base to 1
    assert COSINE_BASE == 0.4
    assert score(0.7, {"a", "b"}, {"b", "c"}) == pytest.approx(
        VECTOR_WEIGHT * 0.5 + FOODS_WEIGHT * 0.5
    )
    assert score(0.0, {"a"}, {"a"}) == pytest.approx(FOODS_WEIGHT)
    assert score(1.0, set(), set()) == pytest.approx(VECTOR_WEIGHT)


def test_a_cosine_at_or_below_the_base_takes_nothing_away():
    assert score(-0.4, {"a"}, {"a"}) == score(COSINE_BASE, {"a"}, {"a"}) == FOODS_WEIGHT


def test_a_rare_food_in_common_counts_more_than_a_common_one():
    # 100 recipes: onion in 60, spinach in 3
    rarity = Rarity(100, {"onion": [0] * 60, "spinach": [0] * 3})
    source = {"spinach": "Spinach", "onion": "Onion", "rice": "Rice"}
    onion = Neighbour("o", "Onion soup", 0.0, {"onion": "Cebolla", "potato": "Papa"})
    spinach = Neighbour("s", "Spinach pie", 0.0, {"spinach": "Espinaca", "potato": "Papa"})

    found = ranked(source, [onion, spinach], 10, rarity)

    assert [s.uid for s in found] == ["s", "o"]
    onion_idf, spinach_idf = rarity("onion"), rarity("spinach")
    assert spinach_idf > 4 * onion_idf > 0
    assert score(0.0, {"onion"}, {"onion", "spinach"}, rarity) == pytest.approx(
        FOODS_WEIGHT * onion_idf / (onion_idf**2 + spinach_idf**2) ** 0.5
    )


def test_staples_are_neither_shared_nor_counted():
    salted = Neighbour("x", "Arroz", 0.0, {"salt": "Sal", "rice": "Arroz"})

    assert ranked(SOUP, [salted], 10) == []  # only salt in common and no cosine: not similar


def test_shared_foods_and_a_close_vector_rank_first_and_say_why():
    twin = Neighbour("twin", "Crema de espinaca", 0.8, {"spinach": "Espinaca", "onion": "Cebolla"})
    words = Neighbour("words", "Spinach soup", 0.9, {"water": "Water"})
    food = Neighbour("food", "Tortilla", 0.1, {"spinach": "Espinacas", "egg": "Huevo"})
    # twin: .5 * 2/3 + .5 * 2/sqrt(6); words: .5 * 5/6; food: .5 * 1/sqrt(6)

    found = ranked(SOUP, [food, words, twin], 10)

    assert [s.uid for s in found] == ["twin", "words", "food"]
    assert found[0].shared == ("espinaca", "cebolla")  # the candidate's line order
    assert reasons(found[0], "es") == ["Comparte espinaca, cebolla", "Plato similar"]
    assert reasons(found[1], "en") == ["Similar dish"]
    assert reasons(found[2], "en") == ["Shares espinacas"]


def test_ties_go_to_the_title_then_the_uid_and_the_limit_holds():
    same = [Neighbour(uid, title, 0.5, {}) for uid, title in [("2", "b"), ("1", "B"), ("0", "a")]]

    assert [s.uid for s in ranked(SOUP, same, 2)] == ["0", "1"]


def test_the_reason_names_three_foods_at_most():
    similar = Similar("x", 0.5, 0.1, ("a", "b", "c", "d"))

    assert reasons(similar, "en") == ["Shares a, b, c"]
