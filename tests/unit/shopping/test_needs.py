"""What to buy: needs summed across units, stock by the day it is needed, what is listed."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.portions import Portion
from zerowaste.domain.shopping.needs import Listed, Need, StockLot, to_buy

pytestmark = pytest.mark.unit

MONDAY = date(2026, 12, 7)
ONION = FoodMeasures("onion", (Portion("unit", Decimal(110), "1 medium", "medium"),))
RICE = FoodMeasures("rice", (Portion("cup", Decimal(185), "1 cup"),))
MEASURES = {"onion": ONION, "rice": RICE, "tomato": None}


def need(key, quantity, unit, day=0, recipe="") -> Need:
    amount = None if quantity is None else Decimal(str(quantity))
    return Need(key, key.title(), amount, unit, MONDAY + timedelta(days=day), recipe)


def lot(key, quantity, unit, expires_in) -> StockLot:
    return StockLot(key, Decimal(str(quantity)), unit, MONDAY + timedelta(days=expires_in))


def test_pieces_and_grams_of_one_food_are_summed_through_its_portion_weight():
    # SR28's medium onion weighs 110 g. Grams first: 300 g + 2 x 110 g = 520 g.
    # Pieces first: 2 + 300 / 110 = 4.73 onions, bought as 5.
    (grams,) = to_buy([need("onion", 300, "g"), need("onion", 2, "unidades", 1)], [], [], MEASURES)
    (pieces,) = to_buy([need("onion", 2, "unidades"), need("onion", 300, "g", 1)], [], [], MEASURES)

    assert (grams.quantity, grams.unit) == (Decimal(520), "g")
    assert (pieces.quantity, pieces.unit) == (Decimal(5), "unit")


def test_mass_first_then_cups_join_in_grams():
    # 200 g + 1 cup (185 g) of rice = 385 g.
    (line,) = to_buy([need("rice", 200, "g"), need("rice", 1, "taza", 2)], [], [], MEASURES)

    assert (line.quantity, line.unit) == (Decimal(385), "g")


def test_stock_counts_only_while_good_on_the_day_it_is_needed_and_only_once():
    needs = [need("rice", 150, "g", 0), need("rice", 150, "g", 4)]
    stock = [lot("rice", 200, "g", 2)]  # good on Monday, expired by Friday

    (line,) = to_buy(needs, stock, [], MEASURES)

    # Monday's 150 g come from stock; the 50 g left are expired on Friday: buy 150 g for Friday.
    assert (line.quantity, line.needed_on) == (Decimal(150), MONDAY + timedelta(days=4))
    assert (line.needed, line.from_stock) == (Decimal(300), Decimal(150))


def test_expired_stock_is_not_counted():
    (line,) = to_buy([need("rice", 100, "g")], [lot("rice", 1, "kg", -1)], [], MEASURES)

    assert line.quantity == Decimal(100)


def test_enough_good_stock_in_another_unit_means_nothing_to_buy():
    # 1 kg in the pantry covers 2 cups (370 g) on both days.
    needs = [need("rice", 1, "taza", 0), need("rice", 1, "taza", 3)]

    assert to_buy(needs, [lot("rice", 1, "kg", 30)], [], MEASURES) == []


def test_what_the_list_already_holds_is_subtracted():
    listed = [Listed("rice", Decimal("0.1"), "kg")]

    (line,) = to_buy([need("rice", 250, "g")], [], listed, MEASURES)

    assert (line.quantity, line.already_listed) == (Decimal(150), Decimal(100))


def test_units_no_measure_bridges_stay_on_lines_of_their_own():
    # Tomatoes have no measures here: a can and grams cannot be added up.
    found = to_buy([need("tomato", 1, "lata"), need("tomato", 200, "g", 1)], [], [], MEASURES)

    assert {(line.quantity, line.unit) for line in found} == {(Decimal(1), "can"), (200, "g")}


def test_pieces_round_up_and_to_taste_is_listed_only_when_not_in_stock():
    found = to_buy(
        [
            need("onion", "1.5", "unidades"),
            need("salt", None, None),
            need("pepper", None, None),
            need("oil", 1, "un poco"),
            need("cumin", 0, "al gusto"),
        ],
        [lot("pepper", 50, "g", 300)],
        [Listed("cumin", None, None)],
        MEASURES,
    )

    assert [(x.key, x.quantity, x.unit) for x in found] == [
        ("onion", Decimal(2), "unit"),
        ("salt", None, None),
        ("oil", None, None),
    ]
