"""Stock that changes household: moved as it is, merged into the same name, or left behind."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.inventory.transfer import plan_transfer
from zerowaste.domain.shared.storage import StoragePlace

pytestmark = pytest.mark.unit
ADDED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def item(item_id: int, name: str, unit: str, owner: str = "h", kind: str = "ingredient"):
    stack_unit = "porciones" if kind == "food" else unit
    stack = Stack(
        id=item_id,
        quantity=Decimal(1),
        unit=stack_unit,
        added_at=ADDED,
        expires_on=date(2026, 3, 9),
        storage=StoragePlace.FRIDGE,
    )
    return InventoryItem(
        id=item_id,
        owner_id=owner,
        name=name,
        kind=kind,  # type: ignore[arg-type]
        unit=stack_unit,
        storage=StoragePlace.FRIDGE,
        stacks=[stack],
    )


def test_a_name_the_household_lacks_moves_as_it_is() -> None:
    plan = plan_transfer([item(1, "Tomate", "unidades")], [item(9, "Arroz", "kg")])
    assert (plan.rehome, plan.merge, plan.left_behind, plan.moved) == ([1], [], [], 1)


def test_an_ingredient_it_stocks_gives_its_stacks_to_that_item_when_units_convert() -> None:
    plan = plan_transfer([item(1, "arroz", "g")], [item(9, "Arroz", "kg")])
    assert (plan.rehome, plan.merge, plan.left_behind) == ([], [(1, 9)], [])


def test_units_that_do_not_convert_stay_behind_and_are_named() -> None:
    plan = plan_transfer([item(1, "Arroz", "unidades")], [item(9, "Arroz", "kg")])
    assert (plan.rehome, plan.merge, plan.left_behind) == ([], [], ["Arroz"])


def test_a_food_whose_name_and_second_are_taken_stays_behind() -> None:
    moving = [item(1, "Lomo", "porciones", kind="food"), item(2, "Sopa", "porciones", kind="food")]
    plan = plan_transfer(moving, [item(9, "Lomo", "porciones", kind="food")])
    assert (plan.rehome, plan.left_behind) == ([2], ["Lomo"])
