"""Consuming and wasting (they dump UsageResult) and the journal those writes keep.

Amounts are in the unit of the stacks they came from, as JSON floats; journal times are naive
UTC seconds like every other timestamp the client reads.
"""

from __future__ import annotations

from decimal import Decimal

from marshmallow import Schema

from zerowaste.application.inventory.model import UsageResult
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.inventory.item_schemas import InventoryItemSchema
from zerowaste.interface.http.inventory.query_schemas import JOURNAL_REASONS

REASON = {"enum": list(JOURNAL_REASONS)}


def consumed(result: UsageResult) -> Decimal:
    return sum((e.quantity for e in result.entries), Decimal(0))


def unit_of(result: UsageResult) -> str:
    return result.entries[0].unit if result.entries else result.item.unit


def gone(result: UsageResult) -> bool:
    return result.stack_removed or result.item_removed


def remaining(result: UsageResult) -> Decimal:
    """What is left of the named stack (of the item without one); 0 once removed."""
    return Decimal(0) if gone(result) else result.remaining


def left_in_item(result: UsageResult) -> Decimal:
    return result.item.total_quantity()


def reason(result: UsageResult) -> str | None:
    return str(result.entries[0].reason) if result.entries else None


def occurred_at(result: UsageResult) -> object:
    return result.entries[0].occurred_at if result.entries else None


class JournalEntrySchema(Schema):
    """One change a consume or waste just made to a stack."""

    item_name = f.String(required=True)
    stack_id = f.Integer(required=True, allow_none=True)
    stack_added_at = f.Timestamp(required=True)
    quantity = f.Float(required=True)
    unit = f.String(required=True, metadata={"description": "canonical unit code"})
    type_unit = f.UnitLabel(source="unit", required=True)
    reason = f.String(required=True, metadata=REASON)
    occurred_at = f.Timestamp(required=True, metadata={"description": "UTC"})
    recipe_used = f.String(required=True, allow_none=True)
    note = f.String(required=True, allow_none=True)


class JournalRecordSchema(Schema):
    """A stored journal entry, as GET /journal lists it."""

    id = f.Integer(required=True)
    item_id = f.Integer(required=True, allow_none=True)
    item_name = f.String(required=True)
    kind = f.String(required=True, metadata={"enum": ["ingredient", "food"]})
    stack_added_at = f.Timestamp(required=True)
    quantity = f.Float(required=True)
    unit = f.String(required=True, metadata={"description": "canonical unit code"})
    reason = f.String(required=True, metadata=REASON)
    occurred_at = f.Timestamp(required=True, metadata={"description": "UTC"})
    recipe_used = f.String(required=True, allow_none=True)
    note = f.String(required=True, allow_none=True)
    type_unit = f.UnitLabel(source="unit", required=True)
    user_uid = f.String(
        required=True,
        allow_none=True,
        metadata={"description": "the household member who made it (null once they left)"},
    )


class JournalPageSchema(Schema):
    """A page of the journal, newest first (the route passes `limit` and `offset`)."""

    entries = f.Nested(JournalRecordSchema, many=True, source=lambda rows: rows, required=True)
    count = f.Integer(source=len, required=True)
    limit = f.Integer(source=lambda _: f.given("limit"), required=True)
    offset = f.Integer(source=lambda _: f.given("offset"), required=True)


class ImpactSavedSchema(Schema):
    """CO2e and water not wasted by eating (Poore & Nemecek per-kg figures)."""

    co2_saved = f.Float(attribute="co2_saved_kg", required=True)
    water_saved = f.Float(attribute="water_saved_l", required=True)
    unit_co2 = f.Constant("kg CO2e")
    unit_water = f.Constant("l")
    source = f.String(required=True)


class UsageResultSchema(Schema):
    """What a consume or waste did: amounts, what is left, the journal entries it wrote."""

    consumed_quantity = f.Float(source=consumed, required=True)
    remaining_quantity = f.Float(
        source=remaining, required=True, metadata={"description": "of the named stack"}
    )
    item_remaining_quantity = f.Float(source=left_in_item, required=True)
    unit = f.UnitLabel(source=unit_of, required=True)
    stack_removed = f.Boolean(required=True)
    item_removed = f.Boolean(required=True)
    reason = f.String(source=reason, required=True, allow_none=True, metadata=REASON)
    journal = f.Nested(JournalEntrySchema, many=True, attribute="entries", required=True)
    environmental_impact = f.Nested(
        ImpactSavedSchema,
        attribute="impact",
        required=True,
        allow_none=True,
        metadata={"description": "null for waste, counted units or unknown products"},
    )
    item = f.Nested(
        InventoryItemSchema,
        source=lambda r: None if r.item_removed else r.view,
        required=True,
        allow_none=True,
    )


def eaten(result: UsageResult) -> bool:
    return not result.entries or str(result.entries[0].reason) in ("consumed", "cooked")


class ConsumptionDataSchema(Schema):
    consumed_quantity = f.Float(source=consumed, required=True)
    remaining_quantity = f.Float(source=remaining, required=True)
    unit = f.UnitLabel(source=unit_of, required=True)
    reason = f.String(source=reason, required=True, allow_none=True, metadata=REASON)
    recipe_used = f.String(
        source=lambda r: r.entries[0].recipe_used if r.entries else None,
        required=True,
        allow_none=True,
    )


class IngredientConsumptionSchema(UsageResultSchema):
    """Row 33: the original keys plus `consumption_data.remaining_quantity`."""

    message = f.String(
        source=lambda r: "Ingredient consumed" if eaten(r) else "Ingredient discarded",
        required=True,
    )
    action = f.String(
        source=lambda r: "full_consumption" if gone(r) else "partial_consumption",
        required=True,
        metadata={"enum": ["full_consumption", "partial_consumption"]},
    )
    ingredient = f.String(attribute="item.name", required=True)
    consumed_at = f.Timestamp(source=occurred_at, required=True, allow_none=True)
    original_added_at = f.Timestamp(source=lambda _: f.given("added_at"), required=True)
    consumption_data = f.Nested(ConsumptionDataSchema, source=lambda r: r, required=True)


class FoodDetailsSchema(Schema):
    category = f.String(source=lambda i: i.category or "", required=True)
    main_ingredients = f.List(f.String(), required=True)
    calories = f.Integer(source=lambda i: i.calories or 0, required=True)
    description = f.String(source=lambda i: i.description or "", required=True)


class FoodConsumptionDataSchema(Schema):
    remaining_quantity = f.Float(source=left_in_item, required=True)


class FoodConsumptionSchema(UsageResultSchema):
    """Row 34: ConsumptionTracking keys (food, consumed/remaining portions, food_details...)."""

    message = f.Constant("Food consumed")
    food = f.String(attribute="item.name", required=True)
    consumed_portions = f.Float(source=consumed, required=True)
    remaining_portions = f.Float(source=left_in_item, required=True)
    food_removed = f.Boolean(source="item_removed", required=True)
    food_details = f.Nested(FoodDetailsSchema, source="item", required=True)
    consumption_date = f.Timestamp(source=occurred_at, required=True, allow_none=True)
    consumption_data = f.Nested(FoodConsumptionDataSchema, source=lambda r: r, required=True)
