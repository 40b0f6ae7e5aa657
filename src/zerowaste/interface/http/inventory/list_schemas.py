"""The mobile client's list views (contract rows 21-24, 37); each dumps the caller's ItemViews.

The route passes `today` (the snapshot's day) for the expiry figures, and `days` for row 24.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from marshmallow import Schema

from zerowaste.application.inventory.model import ItemView
from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import Stack
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.inventory import item_schemas as items
from zerowaste.interface.http.inventory.item_schemas import DAYS


def ingredients(views: list[ItemView]) -> list[ItemView]:
    return [v for v in views if v.item.kind == "ingredient"]


def foods(views: list[ItemView]) -> list[ItemView]:
    return [v for v in views if v.item.kind == "food"]


class InventoryListSchema(Schema):
    """Row 21: `ingredients[]` and `food_items[]` (same keys), one UI row per stack."""

    ingredients = f.Nested(
        items.ListedIngredientSchema, many=True, source=ingredients, required=True
    )
    food_items = f.Nested(items.ListedFoodSchema, many=True, source=foods, required=True)
    total_ingredients = f.Integer(source=lambda vs: len(ingredients(vs)), required=True)
    total_food_items = f.Integer(source=lambda vs: len(foods(vs)), required=True)
    total_stacks = f.Integer(
        source=lambda vs: sum(len(v.item.stacks) for v in ingredients(vs)),
        required=True,
        metadata={"description": "of the ingredients"},
    )
    as_of = f.String(
        source=lambda _: f.given("today").isoformat(),
        required=True,
        metadata={"description": "the day the expiry figures are computed for"},
    )


class InventoryCompleteSchema(InventoryListSchema):
    """Row 22: as row 21, each item with its stored enrichment."""

    ingredients = f.Nested(
        items.EnrichedIngredientSchema, many=True, source=ingredients, required=True
    )
    food_items = f.Nested(items.EnrichedFoodSchema, many=True, source=foods, required=True)
    enriched_with = f.List(
        f.String(),
        source=lambda vs: sorted({k for v in vs for k in v.enrichment.get("enriched_with") or []}),
        required=True,
        metadata={"description": "what any item is enriched with"},
    )


@dataclass(frozen=True)
class StackRow:
    """One row of the simple list: an ingredient stack with its item (and the item's figures,
    worked out once for all its rows)."""

    view: ItemView
    stack: Stack
    total_quantity: Decimal
    nearest_expiration: date | None


def stack_rows(views: list[ItemView]) -> list[StackRow]:
    rows = []
    for view in ingredients(views):
        item = view.item
        total, nearest = item.total_quantity(), item.nearest_expiration()
        rows += [StackRow(view, s, total, nearest) for s in item.listed_stacks()]
    return rows


def _days_left(row: StackRow) -> int:
    return max(days_to_expire(row.stack.expires_on, f.given("today")), 0)


class SimpleRowSchema(Schema):
    """Row 23: an ingredient stack flattened with its item; `expiration_time` = days left."""

    id = f.Integer(attribute="view.item.id", required=True, metadata={"description": "item id"})
    kind = f.String(attribute="view.item.kind", required=True)
    name = f.String(attribute="view.item.name", required=True)
    type_unit = f.UnitLabel(attribute="stack.unit", required=True)
    storage_type = f.StorageLabel(attribute="stack.storage", required=True)
    tips = f.String(attribute="view.item.tips", required=True)
    image_path = f.AbsoluteUrl(attribute="view.image_url", required=True)
    total_quantity = f.Float(required=True)
    stack_count = f.Integer(source=lambda r: len(r.view.item.stacks), required=True)
    nearest_expiration = f.Day(required=True)
    allergy_alert = f.Boolean(attribute="view.allergy_alert", required=True)
    allergens = f.List(f.String(), attribute="view.allergens", required=True)
    quantity = f.Float(attribute="stack.quantity", required=True)
    unit_code = f.String(source="stack.unit", required=True)
    expiration_date = f.Day(attribute="stack.expires_on", required=True)
    added_at = f.Timestamp(attribute="stack.added_at", required=True)
    days_to_expire = f.DaysLeft(source="stack.expires_on", required=True)
    is_expired = f.IsExpired(source="stack.expires_on", required=True)
    expiry_status = f.ExpiryState(source="stack.expires_on", required=True)
    item_id = f.Integer(source="view.item.id", required=True)
    stack_id = f.Integer(attribute="stack.id", required=True)
    expiration_time = f.Integer(
        source=_days_left, required=True, metadata={"description": "days left (0 once expired)"}
    )
    time_unit = f.Constant(DAYS)


class InventorySimpleSchema(Schema):
    """Row 23: `{ingredients: [one row per stack], total_items, format: "simple"}`."""

    ingredients = f.Nested(SimpleRowSchema, many=True, source=stack_rows, required=True)
    total_items = f.Integer(
        source=lambda vs: sum(len(v.item.stacks) for v in ingredients(vs)), required=True
    )
    format = f.Constant("simple")


def _fresh_expiry(view: ItemView) -> date | None:
    """The expiry of the item's first stack (as listed) that has not expired yet."""
    today = f.given("today")
    listed = view.item.listed_stacks()
    return next((s.expires_on for s in listed if s.expires_on >= today), None)


class ExpiringItemSchema(items.KeptItemDumps, items.AllergyFields, items.InventoryItemSchema):
    """Row 24: a listed item with the expiry of its nearest non-expired stack."""

    kept_type = ItemView

    expiration_date = f.Day(source=_fresh_expiry, required=True, allow_none=True)
    days_to_expire = f.DaysLeft(source=_fresh_expiry, required=True, allow_none=True)


class InventoryExpiringSchema(Schema):
    """Row 24: objects (name + full item), nearest non-expired expiry first."""

    expiring_items = f.Nested(ExpiringItemSchema, many=True, source=lambda vs: vs, required=True)
    within_days = f.Integer(source=lambda _: f.given("days"), required=True)
    count = f.Integer(source=len, required=True)


class IngredientNamesSchema(Schema):
    """Row 37: the names of the caller's ingredients."""

    ingredients = f.List(
        f.String(), source=lambda vs: [v.item.name for v in ingredients(vs)], required=True
    )
    total_ingredients = f.Integer(source=lambda vs: len(ingredients(vs)), required=True)
