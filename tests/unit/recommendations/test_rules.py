"""The pure rules of the recommendations: weights, near-duplicates, blend, choice, reasons,
and what to buy."""

from __future__ import annotations

import pytest

from zerowaste.domain.recommendations.blend import (
    Anchor,
    Candidate,
    Expiring,
    Refused,
    blend,
    choose,
)
from zerowaste.domain.recommendations.reasons import reasons
from zerowaste.domain.recommendations.shopping import Waiting, counted, is_staple, to_buy, why
from zerowaste.domain.recommendations.signals import Signal, weights
from zerowaste.domain.recommendations.similarity import near_duplicates, title_stem

pytestmark = pytest.mark.unit
FOODS = frozenset({"egg", "spinach", "onion", "cheese"})


def test_weights_add_up_with_caps_and_negative_feedback_removes_the_pair():
    signals = [
        *[Signal("u", "a", "viewed")] * 10,
        Signal("u", "a", "cooked"),
        Signal("u", "b", "favorite", rating=5),
        Signal("u", "c", "cooked"),
        Signal("u", "c", "dislike"),
        Signal("v", "c", "like"),
    ]

    table = weights(signals)

    assert table["u"] == {"a": 3.0 + 4.0, "b": 5.0}  # views capped at 3; a 5-star favourite
    assert table["v"] == {"c": 4.0}  # one user's dislike is not another's


def test_title_stems_ignore_connectives_plurals_and_numbers():
    assert title_stem("Tacos de pollo") == title_stem("Taco con pollo") == {"taco", "pollo"}
    assert title_stem("Sopa de lentejas 3") == title_stem("sopa lenteja")
    assert title_stem("Sopa de tomate") != title_stem("Sopa de lentejas")


def test_near_duplicates_share_a_stem_or_most_of_their_foods():
    other = frozenset({"egg", "spinach", "onion", "flour", "milk"})
    assert near_duplicates("Tortilla", FOODS, "Quiche", other)  # 3 of 4 shared: 75 %
    assert not near_duplicates("Tortilla", FOODS, "Pancakes", frozenset({"egg", "flour", "milk"}))
    small = frozenset({"salt", "oil"})
    assert not near_duplicates("A", small, "B", small)  # too few foods to judge


def candidate(uid, title, **given):
    return Candidate(uid=uid, title=title, foods=given.pop("foods", frozenset({uid})), **given)


def test_cold_start_has_no_model_term_and_ranks_by_urgency_popularity_and_profile():
    found = blend(
        [
            candidate("a", "Arroz", popularity=50),
            candidate("b", "Berenjena", urgency=9.0),
            candidate("c", "Caldo", profile=True),
        ],
        cold=True,
    )

    assert [s.candidate.uid for s in found] == ["b", "a", "c"]
    assert all(s.parts["model"] == 0 for s in found)


def test_the_model_leads_a_warm_answer():
    found = blend([candidate("a", "A", model=0.1), candidate("b", "B", model=0.9)], cold=False)

    assert found[0].candidate.uid == "b"


def test_choose_drops_refused_their_near_duplicates_history_and_repeats():
    scored = blend(
        [
            candidate("a", "Tacos de pollo", model=1.0),
            candidate("b", "Taco con pollo", model=0.9),  # like the refused one
            candidate("c", "Sopa de tomate", model=0.8, seen=True),  # already cooked
            candidate("d", "Sopa de tomate asado", model=0.7, foods=FOODS),
            candidate("e", "Crema de espinaca", model=0.6, foods=FOODS),  # like d
            candidate("f", "Pan", model=0.5, seen=True, expiring=(Expiring("pan", 1),)),
            candidate("g", "Flan", model=0.1),
        ],
        cold=False,
    )

    chosen = choose(scored, [Refused("Tacos de pollo", frozenset())], 10)

    assert [s.candidate.uid for s in chosen] == ["d", "f", "g"]


def test_reasons_name_the_expiring_food_then_the_liked_recipe_in_the_users_language():
    found = blend(
        [
            candidate(
                "a",
                "Tortilla",
                model=1.0,
                expiring=(Expiring("Espinaca", 1), Expiring("Leche", 3)),
                anchor=Anchor("Quiche", "cooked"),
            ),
            candidate("b", "B"),
        ],
        cold=False,
    )[0]

    assert reasons(found, "es")[:2] == [
        "Usa tu espinaca que vence mañana",
        "Como Quiche, que cocinaste",
    ]
    assert reasons(found, "en")[:2] == [
        "Uses your espinaca that expires tomorrow",
        "Like Quiche, which you cooked",
    ]


def test_a_recipe_with_no_signal_is_something_new():
    found = blend([candidate("a", "A"), candidate("b", "B")], cold=True)[0]

    assert reasons(found, "en") == ["Something new to try"]


def test_what_to_buy_prefers_foods_that_complete_liked_recipes_in_season():
    waiting = [
        Waiting("Tortilla", 1.0, {"egg": "Huevo"}),
        Waiting("Quiche", 0.8, {"egg": "Huevo", "cream": "Crema"}),
        Waiting("Guacamole", 1.0, {"avocado": "Aguacate"}),
        Waiting("Sopa de calabaza", 1.0, {"squash": "Calabaza"}),
        Waiting("Paella", 5.0, {"rice": "Arroz", "shrimp": "Camarón", "saffron": "Azafrán"}),
    ]

    season = {"avocado": True, "squash": False, "egg": None, "cream": False}
    found = to_buy(waiting, season, 4)

    assert [p.key for p in found] == ["egg", "avocado", "squash", "cream"]  # no paella food
    assert [p.score for p in found] == pytest.approx([1.4, 1.3, 0.8, 0.32])
    assert found[0].unlocks == ["Tortilla"] and found[0].helps == ["Quiche"]
    assert why(found[1], "en") == "Completes 1 recipe(s) you like: Guacamole (in season)"


def test_staples_are_never_worth_a_trip():
    assert is_staple("Sal") and is_staple("aceite de oliva") and not is_staple("Salmón")


def test_likeness_answers_as_near_duplicates_against_every_recipe_kept():
    import random

    from zerowaste.domain.recommendations.similarity import Likeness

    rng = random.Random(3)
    words = ["tacos", "taco", "de", "pollo", "sopa", "con", "arroz", "verde", "2", "crema"]
    foods = [f"food-{n}" for n in range(8)]
    for _ in range(40):
        likeness, kept = Likeness(), []
        for _ in range(30):
            title = " ".join(rng.choices(words, k=rng.randint(1, 3)))
            mine = frozenset(rng.sample(foods, rng.randint(0, 6)))
            expected = any(near_duplicates(title, mine, t, f) for t, f in kept)
            assert likeness.like_any(title, mine) == expected, (title, mine, kept)
            if not expected:
                likeness.add(title, mine)
                kept.append((title, mine))


def test_the_foods_counted_are_those_of_liked_recipes_one_or_two_purchases_away():
    waiting = [
        Waiting("Tortilla", 0.9, {"egg": "Huevo"}),
        Waiting("Salsa", 0.5, {"tomato": "Tomate", "chili": "Chile"}),
        Waiting("Paella", 0.8, {"rice": "Arroz", "prawn": "Gamba", "saffron": "Azafrán"}),
        Waiting("Flan", 0.0, {"milk": "Leche"}),
        Waiting("Pan", 0.7, {}),
    ]

    assert counted(waiting) == {"egg", "tomato", "chili"}
    assert {p.key for p in to_buy(waiting, {}, 10)} == counted(waiting)
