"""Response bodies of the inventory routes, in the keys and types the mobile client reads.

- Dates: `expiration_date` "YYYY-MM-DDT00:00:00", `added_at` naive UTC seconds (the client
  echoes it back in URLs); quantities are JSON floats (Dart `num`), counts the client types as
  int (`serving_quantity`, `calories`, `days_to_expire`) are ints.
- Units and storage places in the client's Spanish labels ("unidades", "Refrigerado").
- Stacks are listed by expiry then added_at: the order the client's `<name>_stack_<i>` counts.
- `days_to_expire` / `is_expired` are computed against today (never against added_at).
- Enrichment is what was stored when the item was created; nothing is computed on view.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from zerowaste.application.inventory.model import ItemView, Snapshot, UsageResult
from zerowaste.domain.inventory.expiry import days_to_expire, expiry_status, time_unit_label
from zerowaste.domain.inventory.impact import Impact
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, Stack
from zerowaste.domain.shared.clock import ensure_utc
from zerowaste.domain.shared.storage import storage_label
from zerowaste.domain.shared.units import display_unit
from zerowaste.interface.http.images.routes import absolute_url

Body = dict[str, Any]
ENRICHMENT_KEYS = (
    "environmental_impact",
    "utilization_ideas",
    "consumption_advice",
    "before_consumption_advice",
)
DAYS = time_unit_label("days")


def timestamp(value: datetime) -> str:
    """Naive ISO seconds of the UTC value: what the client sends back as `<added_at>`."""
    return ensure_utc(value).replace(tzinfo=None, microsecond=0).isoformat()


def day(value: date) -> str:
    return f"{value.isoformat()}T00:00:00"


def whole(value: Decimal | float) -> int | float:
    """An int when the value has no fraction (serving counts), else a float."""
    number = float(value)
    return int(number) if number.is_integer() else number


def stack_body(stack: Stack, today: date | None) -> Body:
    body: Body = {
        "id": stack.id,
        "quantity": float(stack.quantity),
        "type_unit": display_unit(stack.unit),
        "unit_code": stack.unit,
        "expiration_date": day(stack.expires_on),
        "added_at": timestamp(stack.added_at),
        "storage_type": storage_label(stack.storage),
    }
    return body | _expiry(stack.expires_on, today)


def item_body(view: ItemView, today: date | None = None) -> Body:
    """An ingredient (or food) with its stacks; a food also carries its own food fields."""
    item = view.item
    stacks = item.listed_stacks()
    nearest = item.nearest_expiration()
    body: Body = {
        "id": item.id,
        "kind": item.kind,
        "name": item.name,
        "type_unit": display_unit(item.unit),
        "storage_type": storage_label(item.storage),
        "tips": item.tips,
        "image_path": absolute_url(view.image_url),
        "total_quantity": float(item.total_quantity()) if stacks else 0.0,
        "stack_count": len(stacks),
        "nearest_expiration": day(nearest) if nearest else None,
        "stacks": [stack_body(s, today) for s in stacks],
    }
    if item.kind == "food" and stacks:
        body |= _food_fields(item, stacks[0], today)
    return body


def view_body(view: ItemView, today: date | None, *, enrichment: bool = False) -> Body:
    """An item as listed: allergy alert for this user, and its stored enrichment when asked."""
    body = item_body(view, today)
    body["allergy_alert"] = view.allergy_alert
    body["allergens"] = list(view.allergens)
    if enrichment:
        body |= enrichment_body(view.enrichment)
    return body


def message_body(message: str, view: ItemView, **extra: Any) -> Body:
    """A write's answer: what happened, the item's id and name, and what is left of it."""
    item = view.item
    rest = item_body(view) if item.stacks else None
    return {"message": message, "id": item.id, "name": item.name, **extra, "item": rest}


def enrichment_body(stored: dict[str, Any]) -> Body:
    body: Body = {key: stored.get(key) for key in ENRICHMENT_KEYS}
    body["enriched_with"] = list(stored.get("enriched_with") or [])
    body["sources"] = list(stored.get("sources") or [])
    return body


def inventory_body(views: list[ItemView], snap: Snapshot, *, enrichment: bool = False) -> Body:
    """Rows 21/22: `ingredients[]` and `food_items[]` (same keys), one UI row per stack."""
    rows = [view_body(v, snap.today, enrichment=enrichment) for v in views]
    ingredients = [r for r in rows if r["kind"] == "ingredient"]
    foods = [r for r in rows if r["kind"] == "food"]
    body: Body = {
        "ingredients": ingredients,
        "food_items": foods,
        "total_ingredients": len(ingredients),
        "total_food_items": len(foods),
        "total_stacks": sum(r["stack_count"] for r in ingredients),
        "as_of": snap.today.isoformat(),
    }
    if enrichment:
        kinds = {k for r in rows for k in r["enriched_with"]}
        body["enriched_with"] = sorted(kinds)
    return body


def simple_body(views: list[ItemView], snap: Snapshot) -> Body:
    """Row 23: one flat entry per ingredient stack, `expiration_time` = days left."""
    rows = []
    for view in views:
        if view.item.kind != "ingredient":
            continue
        item = view_body(view, snap.today)
        for stack in item.pop("stacks"):
            left = stack["days_to_expire"]
            rows.append(
                item | stack | {"id": item["id"], "item_id": item["id"], "stack_id": stack["id"],
                                "expiration_time": max(left, 0), "time_unit": DAYS}
            )  # fmt: skip
    return {"ingredients": rows, "total_items": len(rows), "format": "simple"}


def names_body(views: list[ItemView]) -> Body:
    """Row 37: the names of the caller's ingredients."""
    names = [v.item.name for v in views if v.item.kind == "ingredient"]
    return {"ingredients": names, "total_ingredients": len(names)}


def expiring_body(views: list[ItemView], snap: Snapshot, days: int) -> Body:
    """Row 24: objects (name + full item), nearest non-expired expiry first."""
    items = []
    for view in views:
        body = view_body(view, snap.today)
        fresh = [s for s in body["stacks"] if not s["is_expired"]]
        body["expiration_date"] = fresh[0]["expiration_date"] if fresh else None
        body["days_to_expire"] = fresh[0]["days_to_expire"] if fresh else None
        items.append(body)
    return {"expiring_items": items, "within_days": days, "count": len(items)}


def ingredient_detail_body(view: ItemView, today: date) -> Body:
    """Row 35: stacks with days_to_expire/is_expired vs today, plus the stored enrichment."""
    body = view_body(view, today, enrichment=True)
    body["fetched_at"] = view.enrichment.get("fetched_at") or day(today)
    return body


def food_detail_body(view: ItemView, today: date) -> Body:
    """Row 36: the food's fields, calories per serving and in total, stored enrichment."""
    body = view_body(view, today)
    stored = view.enrichment
    calories = body.get("calories") or 0
    advice = stored.get("consumption_advice") or {}
    before = stored.get("before_consumption_advice") or {}
    body |= {
        "calories_per_serving": float(calories),
        "total_calories": round(calories * float(body.get("serving_quantity") or 0)),
        "nutritional_analysis": None,
        "consumption_ideas": stored.get("utilization_ideas"),
        "storage_advice": {
            "optimal_temperature": body["storage_type"],
            "reheating_tips": advice.get("preparation_tips"),
            "shelf_life_extension": advice.get("optimal_consumption"),
            "quality_indicators": before.get("quality_check"),
        },
        "enriched_with": list(stored.get("enriched_with") or []),
        "fetched_at": stored.get("fetched_at") or day(today),
    }
    return body


def journal_entry_body(entry: JournalEntry) -> Body:
    return {
        "item_name": entry.item_name,
        "stack_id": entry.stack_id,
        "stack_added_at": timestamp(entry.stack_added_at),
        "quantity": float(entry.quantity),
        "unit": entry.unit,
        "type_unit": display_unit(entry.unit),
        "reason": str(entry.reason),
        "occurred_at": timestamp(entry.occurred_at),
        "recipe_used": entry.recipe_used,
        "note": entry.note,
    }


def journal_row_body(row: dict[str, Any]) -> Body:
    return row | {
        "stack_added_at": timestamp(row["stack_added_at"]),
        "occurred_at": timestamp(row["occurred_at"]),
        "quantity": float(row["quantity"]),
        "type_unit": display_unit(row["unit"]),
    }


def usage_body(result: UsageResult) -> Body:
    """What a consume/waste did: amounts, what is left, the journal entries it wrote."""
    item, entries = result.item, result.entries
    consumed = sum((e.quantity for e in entries), Decimal(0))
    unit = entries[0].unit if entries else item.unit
    left = float(item.total_quantity()) if item.stacks else 0.0
    remaining = 0.0 if result.stack_removed or result.item_removed else float(result.remaining)
    return {
        "consumed_quantity": float(consumed),
        "remaining_quantity": remaining,
        "item_remaining_quantity": left,
        "unit": display_unit(unit),
        "stack_removed": result.stack_removed,
        "item_removed": result.item_removed,
        "reason": str(entries[0].reason) if entries else None,
        "journal": [journal_entry_body(e) for e in entries],
        "environmental_impact": impact_body(result.impact),
        "item": None if result.item_removed else item_body(result.view),
    }


def impact_body(impact: Impact | None) -> Body | None:
    if impact is None:
        return None
    return {
        "co2_saved": impact.co2_saved_kg,
        "water_saved": impact.water_saved_l,
        "unit_co2": "kg CO2e",
        "unit_water": "l",
        "source": impact.source,
    }


def ingredient_consumption_body(result: UsageResult, added_at: datetime | None) -> Body:
    """Row 33: the original response keys plus `consumption_data.remaining_quantity`."""
    usage = usage_body(result)
    entries = result.entries
    full = result.stack_removed or result.item_removed
    return usage | {
        "message": "Ingredient consumed" if _eaten(entries) else "Ingredient discarded",
        "action": "full_consumption" if full else "partial_consumption",
        "ingredient": result.item.name,
        "consumed_at": timestamp(entries[0].occurred_at) if entries else None,
        "original_added_at": timestamp(added_at) if added_at else None,
        "consumption_data": {
            key: usage[key] for key in ("consumed_quantity", "remaining_quantity", "unit", "reason")
        }
        | {"recipe_used": entries[0].recipe_used if entries else None},
    }


def food_consumption_body(result: UsageResult) -> Body:
    """Row 34: ConsumptionTracking keys (food, consumed/remaining portions, food_details...)."""
    usage = usage_body(result)
    item, entries = result.item, result.entries
    return usage | {
        "message": "Food consumed",
        "food": item.name,
        "consumed_portions": usage["consumed_quantity"],
        "remaining_portions": usage["item_remaining_quantity"],
        "food_removed": result.item_removed,
        "food_details": {
            "category": item.category or "",
            "main_ingredients": list(item.main_ingredients),
            "calories": item.calories or 0,
            "description": item.description or "",
        },
        "consumption_date": timestamp(entries[0].occurred_at) if entries else None,
        "consumption_data": {"remaining_quantity": usage["item_remaining_quantity"]},
    }


def _eaten(entries: list[JournalEntry]) -> bool:
    return not entries or str(entries[0].reason) in ("consumed", "cooked")


def _expiry(expires_on: date, today: date | None) -> Body:
    if today is None:
        return {}
    left = days_to_expire(expires_on, today)
    return {
        "days_to_expire": left,
        "is_expired": left < 0,
        "expiry_status": str(expiry_status(expires_on, today)),
    }


def _food_fields(item: InventoryItem, stack: Stack, today: date | None) -> Body:
    shelf = (stack.expires_on - ensure_utc(stack.added_at).date()).days
    return {
        "quantity": float(stack.quantity),
        "serving_quantity": whole(stack.quantity),
        "category": item.category or "",
        "main_ingredients": list(item.main_ingredients),
        "calories": item.calories or 0,
        "description": item.description or "",
        "added_at": timestamp(stack.added_at),
        "expiration_date": day(stack.expires_on),
        "expiration_time": max(shelf, 0),
        "time_unit": DAYS,
    } | _expiry(stack.expires_on, today)
