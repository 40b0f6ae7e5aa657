from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from tests.unit.inventory.builders import NOW, PANTRY, TODAY, item, snapshot, stack, three_stacks
from zerowaste.domain.inventory.items import (
    MAX_NAME_LENGTH,
    InsufficientQuantity,
    InvalidName,
    InventoryItem,
    JournalEntry,
    JournalReason,
    Stack,
    StackNotFound,
    normalize_item_name,
)
from zerowaste.domain.shared.errors import Conflict, InvalidInput, NotFound, RuleViolation
from zerowaste.domain.shared.units import IncompatibleUnits, InvalidQuantity

pytestmark = pytest.mark.unit

# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Arroz   blanco ", "Arroz blanco"),
        ("Ají\tamarillo\n", "Ají amarillo"),
        ("Cafe\u0301", "Café"),
        ("a" * MAX_NAME_LENGTH, "a" * MAX_NAME_LENGTH),
    ],
)
def test_item_names_are_trimmed_collapsed_and_nfc(raw: str, expected: str) -> None:
    assert normalize_item_name(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "", "   ", "\n\t", "a" * (MAX_NAME_LENGTH + 1), "x" * 10_000, "Arroz\x00", "\x1b[31mArroz",
        "Arroz\x7f", "Arroz\u202etxt", "Ar\u200broz", "Arroz\ud800", None, 42,
    ],
)  # fmt: skip
def test_bad_item_names_are_rejected(raw: object) -> None:
    with pytest.raises(InvalidName) as caught:
        normalize_item_name(raw)
    assert caught.value.code == "invalid_name"
    assert isinstance(caught.value, InvalidInput)


def test_an_item_normalizes_its_name_unit_and_storage() -> None:
    client_storage: Any = "nevera"
    created = InventoryItem(
        owner_id="u", name=" Leche  fresca", unit="Litros", storage=client_storage
    )
    assert (created.name, created.unit, created.storage) == ("Leche fresca", "l", "fridge")


def test_an_item_needs_an_owner() -> None:
    with pytest.raises(InvalidInput):
        InventoryItem(owner_id="", name="Arroz", unit="kg", storage=PANTRY)


def test_a_food_is_counted_in_servings() -> None:
    with pytest.raises(InvalidInput):
        InventoryItem(owner_id="u", name="Lomo saltado", kind="food", unit="kg", storage=PANTRY)
    food = InventoryItem(owner_id="u", name="Lomo", kind="food", unit="porciones", storage=PANTRY)
    assert food.unit == "serving"


# --- adding stacks -----------------------------------------------------------------------------


def test_adding_a_stack_returns_an_added_entry() -> None:
    i = item()
    entries = i.add_stack(stack(1, "2.5", date(2025, 1, 20)))
    assert entries == [
        JournalEntry(
            owner_id="user-1",
            item_name="Arroz",
            stack_added_at=datetime(2025, 1, 1, 9, 0, tzinfo=UTC),
            stack_id=1,
            quantity=Decimal("2.500"),
            unit="kg",
            reason=JournalReason.ADDED,
            occurred_at=datetime(2025, 1, 1, 9, 0, tzinfo=UTC),
        )
    ]
    assert snapshot(i) == [(1, Decimal("2.500"), "kg")]


def test_stack_timestamps_are_utc_to_the_second() -> None:
    naive = Stack(
        quantity=Decimal(1),
        unit="kg",
        added_at=datetime(2025, 1, 1, 9, 0, 0, 987654),
        expires_on=TODAY,
        storage=PANTRY,
    )
    assert naive.added_at == datetime(2025, 1, 1, 9, 0, 0, tzinfo=UTC)
    lima = datetime(2024, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    converted = Stack(
        quantity=Decimal(1), unit="kg", added_at=lima, expires_on=TODAY, storage=PANTRY
    )
    assert converted.added_at == datetime(2025, 1, 1, 4, 0, tzinfo=UTC)
    assert converted.added_at.utcoffset() == timedelta(0)


def test_a_stack_added_in_the_same_second_is_a_conflict() -> None:
    i = item(stack(1, "1", date(2025, 1, 20)))
    twin = stack(2, "1", date(2025, 1, 21), added_day=1)
    with pytest.raises(Conflict):
        i.add_stack(twin)
    assert snapshot(i) == [(1, Decimal("1.000"), "kg")]


def test_a_new_stack_needs_a_positive_quantity() -> None:
    with pytest.raises(InvalidQuantity):
        item().add_stack(stack(1, "0", date(2025, 1, 20)))
    with pytest.raises(InvalidQuantity):
        stack(1, "-1", date(2025, 1, 20))


def test_new_stacks_must_convert_to_the_items_unit() -> None:
    i = item(stack(1, "1", date(2025, 1, 20)))
    i.add_stack(stack(2, "500", date(2025, 1, 20), unit="gramos"))
    with pytest.raises(IncompatibleUnits):
        i.add_stack(stack(3, "2", date(2025, 1, 20), unit="paquetes"))
    assert [s.unit for s in i.stacks] == ["kg", "g"]


def test_the_first_stack_sets_the_unit_of_an_empty_item() -> None:
    i = item(unit="kg")
    i.add_stack(stack(1, "2", date(2025, 1, 20), unit="paquetes"))
    assert i.unit == "pack"


def test_a_food_holds_a_single_stack() -> None:
    food = item(stack(1, "4", date(2025, 1, 12), unit="porciones"), unit="serving", kind="food")
    with pytest.raises(RuleViolation):
        food.add_stack(stack(2, "2", date(2025, 1, 12), unit="serving"))
    assert snapshot(food) == [(1, Decimal("4.000"), "serving")]


# --- consuming ---------------------------------------------------------------------------------


def test_consumption_is_first_expired_first_out_across_three_stacks() -> None:
    i = three_stacks()
    entries = i.consume("1.5", "kg", TODAY, now=NOW)
    assert [(e.stack_id, e.quantity, e.reason) for e in entries] == [
        (2, Decimal("1.000"), JournalReason.CONSUMED),
        (3, Decimal("0.500"), JournalReason.CONSUMED),
    ]
    assert snapshot(i) == [(1, Decimal("1.000"), "kg"), (3, Decimal("0.500"), "kg")]


def test_partial_consumption_reduces_the_stack() -> None:
    i = item(stack(1, "2", date(2025, 1, 20)))
    entries = i.consume(Decimal("0.75"), "kilos", TODAY, now=NOW)
    assert [(e.quantity, e.unit) for e in entries] == [(Decimal("0.750"), "kg")]
    assert snapshot(i) == [(1, Decimal("1.250"), "kg")]


def test_full_consumption_removes_the_stack() -> None:
    i = item(stack(1, "2", date(2025, 1, 20)), stack(2, "1", date(2025, 1, 25)))
    entries = i.consume(2, "kg", TODAY, now=NOW, stack_id=1)
    assert [(e.stack_id, e.quantity) for e in entries] == [(1, Decimal("2.000"))]
    assert snapshot(i) == [(2, Decimal("1.000"), "kg")]


def test_consuming_the_last_stack_leaves_an_item_without_stacks() -> None:
    i = item(stack(1, "2", date(2025, 1, 20)))
    i.consume(2000, "g", TODAY, now=NOW)
    assert i.stacks == []
    assert i.nearest_expiration() is None
    assert i.status(TODAY) is None


def test_consumption_converts_units_within_a_dimension() -> None:
    i = item(stack(1, "1", date(2025, 1, 20)), stack(2, "500", date(2025, 1, 12), unit="g"))
    entries = i.consume(700, "gramos", TODAY, now=NOW)
    assert [(e.stack_id, e.quantity, e.unit) for e in entries] == [
        (2, Decimal("500.000"), "g"),
        (1, Decimal("0.200"), "kg"),
    ]
    assert snapshot(i) == [(1, Decimal("0.800"), "kg")]


def test_a_pound_taken_from_a_kilogram_stack_is_rounded_to_the_gram() -> None:
    i = item(stack(1, "1", date(2025, 1, 20)))
    i.consume(1, "lb", TODAY, now=NOW)
    assert snapshot(i) == [(1, Decimal("0.546"), "kg")]


def test_consumption_skips_expired_stacks_until_fresh_ones_run_out() -> None:
    i = item(
        stack(1, "1", date(2025, 1, 5)),
        stack(2, "1", date(2025, 1, 12)),
        stack(3, "1", date(2025, 1, 15)),
    )
    first = i.consume("1", "kg", TODAY, now=NOW)
    assert [e.stack_id for e in first] == [2]
    second = i.consume("1.5", "kg", TODAY, now=NOW)
    assert [(e.stack_id, e.quantity) for e in second] == [
        (3, Decimal("1.000")),
        (1, Decimal("0.500")),
    ]
    assert all(e.reason is JournalReason.CONSUMED for e in first + second)


def test_a_stack_expiring_today_is_still_fresh_for_consumption() -> None:
    i = item(stack(1, "1", date(2025, 1, 9)), stack(2, "1", TODAY))
    assert [e.stack_id for e in i.consume("1", "kg", TODAY, now=NOW)] == [2]


def test_over_consumption_is_a_rule_violation_and_leaves_the_item_unchanged() -> None:
    i = three_stacks()
    before = snapshot(i)
    with pytest.raises(InsufficientQuantity) as caught:
        i.consume("3.001", "kg", TODAY, now=NOW)
    assert isinstance(caught.value, RuleViolation)
    assert not isinstance(caught.value, NotFound)
    assert caught.value.code == "insufficient_quantity"
    assert caught.value.details == {"requested": "3.001", "available": "3.000"}
    assert snapshot(i) == before


def test_over_consuming_a_named_stack_fails_even_if_others_have_enough() -> None:
    i = three_stacks()
    with pytest.raises(InsufficientQuantity):
        i.consume("1.5", "kg", TODAY, now=NOW, stack_id=2)
    assert snapshot(i) == [(s, Decimal("1.000"), "kg") for s in (1, 2, 3)]


def test_consuming_an_unknown_stack_is_not_found() -> None:
    with pytest.raises(StackNotFound) as caught:
        three_stacks().consume("1", "kg", TODAY, now=NOW, stack_id=99)
    assert isinstance(caught.value, NotFound)
    assert caught.value.code == "stack_not_found"


def test_consuming_in_an_incompatible_unit_is_rejected_without_changes() -> None:
    i = three_stacks()
    with pytest.raises(IncompatibleUnits):
        i.consume("1", "unidades", TODAY, now=NOW)
    assert len(i.stacks) == 3


@pytest.mark.parametrize("amount", [0, -1, "NaN", float("inf"), 1e12, "mucho"])
def test_consuming_an_invalid_amount_is_rejected(amount: object) -> None:
    i = three_stacks()
    with pytest.raises(InvalidQuantity):
        i.consume(amount, "kg", TODAY, now=NOW)  # type: ignore[arg-type]
    assert len(i.stacks) == 3


def test_cooking_records_the_reason_and_recipe() -> None:
    i = three_stacks()
    entries = i.consume(
        "0.25", "kg", TODAY, now=NOW, reason=JournalReason.COOKED, recipe_used="Arroz chaufa"
    )
    assert [(e.reason, e.recipe_used) for e in entries] == [(JournalReason.COOKED, "Arroz chaufa")]


def test_a_food_is_consumed_by_servings() -> None:
    food = item(stack(1, "4", date(2025, 1, 12), unit="serving"), unit="serving", kind="food")
    food.consume(1, "porción", TODAY, now=NOW)
    assert snapshot(food) == [(1, Decimal("3.000"), "serving")]
    with pytest.raises(IncompatibleUnits):
        food.consume(100, "g", TODAY, now=NOW)
    food.consume(3, "porciones", TODAY, now=NOW)
    assert food.stacks == []
