"""Inventory items and stacks as the mobile client reads them (they dump ItemView and Stack).

- Dates: `expiration_date` "YYYY-MM-DDT00:00:00", `added_at` naive UTC seconds (the client
  echoes it back in URLs); quantities are JSON floats (Dart `num`), counts the client types as
  int (`calories`, `days_to_expire`, `expiration_time`) are ints, `serving_quantity` is an int
  when whole.
- Units and storage places in the client's Spanish labels ("unidades", "Refrigerado").
- Stacks are listed by expiry then added_at: the order the client's `<name>_stack_<i>` counts.
- `days_to_expire` / `is_expired` / `expiry_status` are computed against the `today` the route
  passes (reads only; write replies carry none) and never against added_at.
- Enrichment is what was stored when the item was created; nothing is computed on view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, missing

from zerowaste.application.inventory.model import ItemView
from zerowaste.domain.inventory.expiry import time_unit_label
from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.shared.clock import ensure_utc
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.inventory import enrichment_schemas as enrichment
from zerowaste.interface.http.kept_dumps import KeptDumps

DAYS = time_unit_label("days")


def food(value: Callable[[InventoryItem, Stack], Any]) -> f.Source:
    """A food's own field, read from the item and its only stack; omitted for ingredients."""

    def source(view: ItemView) -> Any:
        item = view.item
        if item.kind != "food" or not item.stacks:
            return missing
        return value(item, item.stacks[0])

    return source


def stored(key: str) -> f.Source:
    """A key of the item's stored enrichment (null when the engine had nothing for it)."""
    return lambda view: view.enrichment.get(key)


def shelf_days(stack: Stack) -> int:
    """Days from the day the stack was added to its expiry (the food's `expiration_time`)."""
    return max((stack.expires_on - ensure_utc(stack.added_at).date()).days, 0)


class StackSchema(Schema):
    """One lot of an item; the expiry figures appear on reads."""

    id = f.Integer(required=True, metadata={"description": "stable stack id"})
    quantity = f.Float(required=True)
    type_unit = f.UnitLabel(
        attribute="unit", required=True, metadata={"description": "unidades, kg, g, l, tazas..."}
    )
    unit_code = f.String(
        source="unit", required=True, metadata={"description": "canonical code: unit, kg..."}
    )
    expiration_date = f.Day(attribute="expires_on", required=True)
    added_at = f.Timestamp(required=True, metadata={"example": "2025-06-22T20:29:12"})
    storage_type = f.StorageLabel(attribute="storage", required=True)
    days_to_expire = f.DaysLeft(source="expires_on", metadata={"description": "reads only"})
    is_expired = f.IsExpired(source="expires_on")
    expiry_status = f.ExpiryState(source="expires_on")


class ItemSchema(Schema):
    """An item's own fields, whatever its kind, with its stacks."""

    id = f.Integer(attribute="item.id", required=True, metadata={"description": "stable id"})
    kind = f.String(attribute="item.kind", required=True, metadata={"enum": ["ingredient", "food"]})
    name = f.String(attribute="item.name", required=True)
    type_unit = f.UnitLabel(attribute="item.unit", required=True)
    storage_type = f.StorageLabel(attribute="item.storage", required=True)
    tips = f.String(attribute="item.tips", required=True)
    image_path = f.AbsoluteUrl(attribute="image_url", required=True)
    total_quantity = f.Float(source=lambda v: v.item.total_quantity(), required=True)
    stack_count = f.Integer(source=lambda v: len(v.item.stacks), required=True)
    nearest_expiration = f.Day(
        source=lambda v: v.item.nearest_expiration(), required=True, allow_none=True
    )
    stacks = f.Nested(
        StackSchema, many=True, source=lambda v: v.item.listed_stacks(), required=True
    )


# Mixins come first in a schema's bases: marshmallow lists inherited fields from the last base
# to the first, so the item's own fields lead the JSON object.


class FoodFields(Schema):
    """A food's own fields, from the item and its only stack (omitted for ingredients)."""

    quantity = f.Float(source=food(lambda _, s: s.quantity), metadata={"description": "foods"})
    serving_quantity = f.Whole(source=food(lambda _, s: s.quantity))
    category = f.String(source=food(lambda i, _: i.category or ""))
    main_ingredients = f.List(f.String(), source=food(lambda i, _: list(i.main_ingredients)))
    calories = f.Integer(source=food(lambda i, _: i.calories or 0))
    description = f.String(source=food(lambda i, _: i.description or ""))
    added_at = f.Timestamp(source=food(lambda _, s: s.added_at))
    expiration_date = f.Day(source=food(lambda _, s: s.expires_on))
    expiration_time = f.Integer(source=food(lambda _, s: shelf_days(s)))
    time_unit = f.String(source=food(lambda _, s: DAYS), metadata={"example": DAYS})
    days_to_expire = f.DaysLeft(source=food(lambda _, s: s.expires_on))
    is_expired = f.IsExpired(source=food(lambda _, s: s.expires_on))
    expiry_status = f.ExpiryState(source=food(lambda _, s: s.expires_on))


class AllergyFields(Schema):
    """On reads: whether the item matches the caller's allergies."""

    allergy_alert = f.Boolean(required=True, metadata={"description": "matches the allergies"})
    allergens = f.List(f.String(), required=True, metadata={"description": "EU-14 codes"})


class EnrichmentFields(Schema):
    """The item's stored enrichment (rows 22 and 35)."""

    environmental_impact = f.Nested(
        enrichment.EnvironmentalImpactSchema,
        source=stored("environmental_impact"),
        required=True,
        allow_none=True,
    )
    utilization_ideas = f.List(
        f.Nested(enrichment.UtilizationIdeaSchema),
        source=stored("utilization_ideas"),
        required=True,
        allow_none=True,
    )
    consumption_advice = f.Nested(
        enrichment.ConsumptionAdviceSchema,
        source=stored("consumption_advice"),
        required=True,
        allow_none=True,
    )
    before_consumption_advice = f.Nested(
        enrichment.BeforeConsumptionAdviceSchema,
        source=stored("before_consumption_advice"),
        required=True,
        allow_none=True,
    )
    enriched_with = f.List(
        f.String(), source=lambda v: list(v.enrichment.get("enriched_with") or []), required=True
    )
    sources = f.List(
        f.String(), source=lambda v: list(v.enrichment.get("sources") or []), required=True
    )


class InventoryItemSchema(FoodFields, ItemSchema):
    """An item of either kind, as a write reply shows it (no allergy or expiry figures)."""


class KeptItemDumps(KeptDumps):
    """An item's list dumps kept per process (`KeptDumps`) by its id and the day its expiry
    figures are for, while its values are the same: after a write, the list read dumps again
    only the items that changed. Items and stacks are entities (compared by identity), so their
    values are compared (`item_state`). The image link is signed anew on each read, so it is
    made for each request (`per_request`), not compared."""

    # Per schema class (ingredients, foods and expiring items each keep their own): 100
    # households of ~50 items, in every worker. ~2.7 kB an item of two stacks with its state
    # (tracemalloc): ~11 MB a class at most.
    kept_size = 4096
    per_request = ("image_path",)

    @classmethod
    def kept_key(cls, obj: Any) -> Any:
        return (obj.item.id, f.given("today"))

    @classmethod
    def kept_state(cls, obj: Any) -> Any:
        return item_state(obj)


def item_state(view: ItemView) -> tuple[Any, ...]:
    """What an item view's dump reads but its image link: the item's values, each stack's, and
    the view's allergy alert and enrichment (lists copied: a value, not the live object)."""
    item = view.item
    return (
        [_copied(value) for name, value in vars(item).items() if name != "stacks"],
        [list(vars(stack).values()) for stack in item.stacks],
        tuple(view.allergens),
        view.allergy_alert,
        dict(view.enrichment),
    )


def _copied(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class ListedIngredientSchema(KeptItemDumps, AllergyFields, ItemSchema):
    """An ingredient as a read lists it."""

    kept_type = ItemView


class ListedFoodSchema(KeptItemDumps, AllergyFields, InventoryItemSchema):
    """A food as a read lists it, with its food fields."""

    kept_type = ItemView


class EnrichedIngredientSchema(EnrichmentFields, ListedIngredientSchema):
    """Row 22: a listed ingredient with its stored enrichment."""


class EnrichedFoodSchema(EnrichmentFields, ListedFoodSchema):
    """Row 22: a listed food with its stored enrichment."""


def fetched_at(view: ItemView) -> str:
    """When the enrichment was fetched; else today (it is computed from the data pack)."""
    return view.enrichment.get("fetched_at") or f.day(f.given("today"))


class IngredientDetailSchema(EnrichmentFields, AllergyFields, InventoryItemSchema):
    """Row 35, and GET /items/<id> for either kind: every stack with its expiry figures, and
    the stored enrichment."""

    fetched_at = f.String(source=fetched_at, required=True)


class StorageAdviceSchema(Schema):
    """How to keep a food (row 36), from its storage place and stored advice."""

    optimal_temperature = f.StorageLabel(attribute="item.storage", required=True)
    reheating_tips = f.String(
        source=lambda v: (v.enrichment.get("consumption_advice") or {}).get("preparation_tips"),
        required=True,
        allow_none=True,
    )
    shelf_life_extension = f.String(
        source=lambda v: (v.enrichment.get("consumption_advice") or {}).get("optimal_consumption"),
        required=True,
        allow_none=True,
    )
    quality_indicators = f.String(
        source=lambda v: (v.enrichment.get("before_consumption_advice") or {}).get("quality_check"),
        required=True,
        allow_none=True,
    )


def _calories(view: ItemView) -> int:
    return view.item.calories or 0


def _servings(view: ItemView) -> float:
    return float(view.item.stacks[0].quantity) if view.item.stacks else 0.0


class FoodDetailSchema(ListedFoodSchema):
    """Row 36: the food's fields, calories per serving and in total, stored advice."""

    calories_per_serving = f.Float(source=lambda v: float(_calories(v)), required=True)
    total_calories = f.Integer(source=lambda v: round(_calories(v) * _servings(v)), required=True)
    nutritional_analysis = f.Raw(
        source=lambda _: None,
        required=True,
        allow_none=True,
        metadata={"type": "object", "description": "null until the nutrition issue"},
    )
    consumption_ideas = f.List(
        f.Nested(enrichment.UtilizationIdeaSchema),
        source=stored("utilization_ideas"),
        required=True,
        allow_none=True,
    )
    storage_advice = f.Nested(StorageAdviceSchema, source=lambda v: v, required=True)
    enriched_with = f.List(
        f.String(), source=lambda v: list(v.enrichment.get("enriched_with") or []), required=True
    )
    fetched_at = f.String(source=fetched_at, required=True)
