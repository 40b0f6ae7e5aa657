from __future__ import annotations

import random
from decimal import Decimal

import pytest

from tests.unit.planning.helpers import START, by_key, candidate, chosen, lot, plan, recipe
from zerowaste.application.planning.generation import convert
from zerowaste.domain.planning import optimiser
from zerowaste.domain.planning.evaluation import Ledger
from zerowaste.domain.planning.plan import Candidate, PlanRequest, fits
from zerowaste.domain.planning.pool import MAX_CANDIDATES, prepare
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


def test_the_food_expiring_tomorrow_goes_on_day_one_and_beats_a_years_rice():
    candidates = [
        candidate(recipe("rice bowl", "sopa", ("rice", "200", "g"))),
        candidate(recipe("spinach soup", "sopa", ("spinach", "200", "g"))),
        candidate(recipe("salt water", "sopa", ("salt", "1", "g"))),
    ]
    pantry = [lot("rice", 365, "5000"), lot("spinach", 1, "300")]

    one_day = plan(candidates, pantry)
    two_days = plan(candidates, pantry, days=2)

    assert chosen(one_day) == [(1, "dinner", "spinach soup")]
    assert chosen(two_days) == [(1, "dinner", "spinach soup"), (2, "dinner", "rice bowl")]
    assert two_days.slots[0].uses[0].key == "spinach"
    assert two_days.slots[0].uses[0].quantity == Decimal("200.000")
    assert (two_days.solver, two_days.status) == ("cbc", "optimal")


def test_a_food_counts_only_on_the_days_it_is_still_good():
    soup = candidate(recipe("spinach soup", "sopa", ("spinach", "100", "g")))
    request = PlanRequest(START, 3, ("dinner",))
    pool = prepare([soup], [lot("spinach", 1, "300")], by_key, convert, request)
    ledger = Ledger(pool)

    # Good today and tomorrow (days_left 1): worth its weight (6) x 1/3 of the lot, then nothing.
    assert ledger.gain(pool.options[0], 0) == pytest.approx(6 / 3)
    assert ledger.gain(pool.options[0], 1) == pytest.approx(6 / 3)
    assert ledger.gain(pool.options[0], 2) == 0


def test_shared_stock_is_not_counted_twice():
    candidates = [
        candidate(recipe(f"spinach {n}", "sopa", ("spinach", "250", "g"))) for n in range(3)
    ] + [candidate(recipe("tomato soup", "sopa", ("tomato", "250", "g")))]
    pantry = [lot("spinach", 2, "500"), lot("tomato", 2, "500")]

    found = plan(candidates, pantry, days=3)

    uids = [uid for _d, _m, uid in chosen(found)]
    assert "tomato soup" in uids and sum(u.startswith("spinach") for u in uids) == 2
    used = {f.key: f.quantity for f in found.objective.stock_used}
    assert used == {"spinach": Decimal("500.000"), "tomato": Decimal("250.000")}
    taken = sum(u.quantity or 0 for s in found.slots for u in s.uses if u.key == "spinach")
    assert taken == Decimal("500.000")


def test_an_unknown_amount_earns_a_food_once_per_window():
    candidates = [
        candidate(recipe("spinach a", "sopa", "spinach")),
        candidate(recipe("spinach b", "sopa", "spinach")),
        candidate(recipe("tomato salad", "ensalada", "tomato")),
    ]
    found = plan(candidates, [lot("spinach", 1), lot("tomato", 5)], days=2)

    uids = sorted(uid for _d, _m, uid in chosen(found))
    assert uids == ["spinach a", "tomato salad"]
    assert found.slots[0].uses[0].quantity is None


def test_no_recipe_repeats_and_every_recipe_fits_its_meal():
    categories = ["desayuno", "almuerzo", "cena", "sopa", "postre", "snack", "bebida", ""]
    candidates = [
        candidate(recipe(f"{category or 'plain'} {n}", category, ("egg", "1", "g")))
        for category in categories
        for n in range(4)
    ]
    meals = ("breakfast", "lunch", "dinner", "dessert", "snack")

    found = plan(candidates, [lot("egg", 3, "10")], days=4, meals=meals)

    uids = [s.recipe_uid for s in found.slots]
    assert len(uids) == len(set(uids)) == 20 and found.unfilled == ()
    by_uid = {c.recipe.uid: c.recipe for c in candidates}
    assert all(s.meal_type in fits(by_uid[s.recipe_uid]) for s in found.slots)


def test_slots_no_distinct_recipe_fits_are_reported_not_filled_with_repeats():
    candidates = [
        candidate(recipe("oats", "desayuno", "oats")),
        candidate(recipe("eggs", "desayuno", "egg")),
        candidate(recipe("stew", "almuerzo", "beef")),
    ]

    found = plan(candidates, [], days=3, meals=("breakfast", "lunch"))

    assert len(found.slots) == 3
    assert sorted((u.meal_type, u.reason) for u in found.unfilled) == [
        ("breakfast", "no_suitable_recipe"),
        ("lunch", "no_suitable_recipe"),
        ("lunch", "no_suitable_recipe"),
    ]


def test_the_calorie_target_is_honoured_within_its_tolerance():
    # The urgent food's recipes are heavy: taking both would break the band on some day.
    candidates = [
        candidate(recipe("spinach pie", "almuerzo", "spinach", "flour"), 1400),
        candidate(recipe("spinach lasagna", "sopa", "spinach", "cheese"), 1300),
        candidate(recipe("toast", "desayuno", "bread"), 300),
        candidate(recipe("porridge", "desayuno", "oats"), 500),
        candidate(recipe("fruit", "desayuno", "apple"), 200),
        candidate(recipe("broth", "sopa", "onion"), 250),
        candidate(recipe("salad", "ensalada", "lettuce"), 400),
        candidate(recipe("rice", "almuerzo", "rice"), 700),
        candidate(recipe("beans", "almuerzo", "beans"), 900),
    ]
    meals = ("breakfast", "lunch", "dinner")

    found = plan(candidates, [lot("spinach", 2)], days=2, meals=meals, calories_per_day=2000)

    assert len(found.slots) == 6
    for day in found.days:
        assert day.within_target is True and Decimal(1800) <= day.kcal <= Decimal(2200)
    assert found.objective.calorie_gap == 0
    assert any(s.recipe_uid.startswith("spinach") for s in found.slots)


def test_recipes_of_unknown_kcal_are_left_out_under_a_target_and_counted():
    candidates = [
        candidate(recipe("known", "sopa", "onion"), 1800),
        candidate(recipe("unknown", "sopa", "spinach")),
    ]

    found = plan(candidates, [lot("spinach", 0)], calories_per_day=2000)

    assert chosen(found) == [(1, "dinner", "known")]
    assert found.excluded == {"unknown_kcal": 1}


def test_a_target_no_plan_can_meet_is_reported_not_refused():
    candidates = [candidate(recipe(f"soup {n}", "sopa", "onion"), 600) for n in range(3)]

    found = plan(candidates, [], days=2, calories_per_day=2000)

    assert len(found.slots) == 2
    assert [d.within_target for d in found.days] == [False, False]
    assert [d.kcal for d in found.days] == [Decimal(600), Decimal(600)]
    assert found.objective.calorie_gap == Decimal("2400.000")  # (1800 - 600) x 2


def test_the_macro_split_is_a_soft_preference():
    candidates = [
        candidate(recipe("bacon", "desayuno", "pork"), 500, (10, 45, 10)),
        candidate(recipe("balanced", "desayuno", "oats"), 500, (25, 17, 62)),
    ]
    split = {"protein": 20, "fat": 30, "carbs": 50}

    balanced = plan(candidates, [], meals=("breakfast",), macro_split=split)
    urgent = plan(candidates, [lot("pork", 0)], meals=("breakfast",), macro_split=split)

    assert chosen(balanced) == [(1, "breakfast", "balanced")]
    assert chosen(urgent) == [(1, "breakfast", "bacon")]  # soft: expiring stock still wins
    assert urgent.objective.macro_deviation > 0 and balanced.days[0].protein == Decimal(25)


def test_servings_scale_what_a_recipe_takes_from_stock():
    candidates = [candidate(recipe("soup", "sopa", ("onion", "400", "g"), servings=4))]

    found = plan(candidates, [lot("onion", 3, "1", "kg")], servings=2)

    assert found.slots[0].uses[0].quantity == Decimal("0.200")  # kg, the pantry's unit
    assert found.slots[0].servings == 2


def test_the_same_input_in_any_order_gives_the_same_plan():
    candidates = [
        candidate(recipe(f"dish {n:02d}", "almuerzo" if n % 2 else "sopa", f"food {n % 5}"))
        for n in range(30)
    ]
    pantry = [lot(f"food {n}", n) for n in range(5)]
    shuffled = candidates[:]
    random.Random(7).shuffle(shuffled)

    first = plan(candidates, pantry, days=5, meals=("lunch", "dinner"))
    again = plan(shuffled, pantry, days=5, meals=("lunch", "dinner"))

    assert chosen(first) == chosen(again) and len(first.slots) == 10


def test_ten_thousand_candidates_are_refused_with_a_clear_error():
    one = recipe("dish", "sopa", "onion")
    too_many = [Candidate(one) for _ in range(10_000)]
    request = PlanRequest(START, 7, ("lunch",))

    with pytest.raises(InvalidInput) as refused:
        optimiser.optimise(too_many, [], by_key, convert, request)

    assert refused.value.code == "too_many_candidates"
    assert refused.value.details == {"max": MAX_CANDIDATES, "given": 10_000}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"days": 15}, "invalid_days"),
        ({"days": 0}, "invalid_days"),
        ({"meal_types": ("brunch",)}, "invalid_meal_type"),
        ({"meal_types": ("lunch", "lunch")}, "invalid_meal_type"),
        ({"servings": -1}, "invalid_servings"),
        ({"calories_per_day": 100}, "invalid_calories"),
        ({"macro_split": {"protein": 50, "fat": 50, "carbs": 50}}, "invalid_macro_split"),
    ],
)
def test_bad_requests_are_refused(changes, code):
    values = {"start": START, "days": 3, "meal_types": ("lunch",), **changes}
    with pytest.raises(InvalidInput) as refused:
        PlanRequest(**values)
    assert refused.value.code == code


def test_without_cbc_a_greedy_search_fills_the_plan_by_the_same_rules(monkeypatch):
    monkeypatch.setattr(optimiser, "cbc_path", lambda: None)
    candidates = [
        candidate(recipe("rice bowl", "sopa", ("rice", "200", "g"))),
        candidate(recipe("spinach soup", "sopa", ("spinach", "200", "g"))),
        candidate(recipe("porridge", "desayuno", "oats")),
    ]
    pantry = [lot("rice", 365, "5000"), lot("spinach", 1, "300")]

    found = plan(candidates, pantry, days=2, meals=("breakfast", "dinner"))

    assert (found.solver, found.status) == ("greedy", "heuristic")
    assert "not available" in found.notes[0]
    assert chosen(found) == [
        (1, "breakfast", "porridge"),
        (1, "dinner", "spinach soup"),
        (2, "dinner", "rice bowl"),
    ]
    assert [(u.meal_type, u.reason) for u in found.unfilled] == [
        ("breakfast", "no_suitable_recipe")
    ]


def test_a_food_in_two_lots_is_taken_from_the_urgent_one_first_each_weighing_its_share():
    pantry = [lot("spinach", 1, "250"), lot("spinach", 30, "1000")]
    measured = [candidate(recipe("soup", "sopa", ("spinach", "200", "g")))]
    unknown = [candidate(recipe(f"pie {n}", "sopa", "spinach")) for n in range(2)]

    one = plan(measured, pantry)
    both = plan(unknown, pantry, days=2)

    # 200 g of the 250 g lot: 0.8 of a lot that is a fifth of the stock, at weight(1) = 6.
    assert one.objective.urgency_saved == Decimal("0.960")
    assert one.objective.stock_used[0].quantity == Decimal("200.000")
    # An unknown amount claims all the spinach once: 6 x 0.2 + weight(30) x 0.8; the second
    # pie adds nothing.
    assert both.objective.urgency_saved == Decimal("2.258")
    assert [len(s.uses) for s in both.slots] == [1, 0]
