"""A list's items: what a purchase takes, and what a bought item refuses."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from zerowaste.domain.shopping.aisles import aisle_of, label
from zerowaste.domain.shopping.lists import (
    AlreadyBought,
    ShoppingItem,
    ShoppingItemNotFound,
    ShoppingList,
)

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)


def shopping_list() -> ShoppingList:
    items = [
        ShoppingItem(1, "Tomate", "tomato", Decimal(1), "kg", "produce", checked=True),
        ShoppingItem(2, "Leche", "milk", Decimal(2), "l", "dairy_eggs"),
        ShoppingItem(3, "Pan", "bread", None, None, "grains", checked=True, bought_at=NOW),
    ]
    return ShoppingList(7, "h1", "Semana", "u1", NOW, items=items)


def test_a_purchase_takes_the_named_items_else_the_checked_ones_not_yet_bought():
    found = shopping_list()

    assert [i.name for i in found.to_buy(None)] == ["Tomate"]
    assert [i.name for i in found.to_buy([2, 2])] == ["Leche"]
    with pytest.raises(AlreadyBought):
        found.to_buy([1, 3])
    with pytest.raises(ShoppingItemNotFound):
        found.to_buy([99])


def test_a_bought_item_cannot_change():
    found = shopping_list()

    found.item(1).change(quantity=Decimal(2), note="maduros")
    with pytest.raises(AlreadyBought):
        found.item(3).change(checked=False)

    assert (found.item(1).quantity, found.item(1).note) == (Decimal(2), "maduros")
    assert [i.name for i in found.pending] == ["Tomate", "Leche"]


def test_aisles_come_from_the_master_category():
    assert aisle_of("vegetable")[0] == aisle_of("herb")[0] == "produce"
    assert aisle_of("shellfish")[0] == "meat_fish" and aisle_of(None)[0] == "other"
    assert label("dairy_eggs", "en") == "Dairy and eggs"
