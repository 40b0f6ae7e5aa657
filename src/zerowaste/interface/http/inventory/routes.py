"""Inventory reads (contract rows 21-24, 35-37) and the id-based routes for new clients.

Every route is scoped to the caller: another user's item is a 404, never a 403.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, request

from zerowaste.application.inventory.model import ItemRef
from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.inventory import responses as views
from zerowaste.interface.http.inventory.query_schemas import (
    ExpiringQuerySchema,
    JournalQuerySchema,
)
from zerowaste.interface.http.inventory.refs import name_ref, stack_ref
from zerowaste.interface.http.inventory.schemas import (
    ConsumeItemSchema,
    UpdateStackSchema,
    WasteItemSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory", __name__, url_prefix="/api/inventory")

Reply = tuple[dict[str, Any], int]


def _cached_json(
    view: str, body: Callable[..., dict[str, Any]], enriched: bool = False
) -> Response:
    """A list view from the per-user rendered cache (see InventoryQueries.rendered)."""
    encoded = services().inventory_queries.rendered(
        current_user_id(),
        view,
        lambda items, snap: json.dumps(body(items, snap), separators=(",", ":")).encode(),
        enriched=enriched,
    )
    return Response(encoded, status=200, mimetype="application/json")


@bp.get("")
@auth_required()
def list_inventory() -> Response:
    """The caller's ingredients and foods, each with its stacks (row 21).
    ---
    tags: [inventory]
    responses:
      200: {description: "inventory", schema: {$ref: "#/definitions/InventoryList"}}
      401: {description: "no or bad token", schema: {$ref: "#/definitions/Error"}}
    """
    return _cached_json("list", lambda items, snap: views.inventory_body(items, snap))


@bp.get("/complete")
@auth_required()
def list_inventory_complete() -> Response:
    """As row 21 plus each item's stored enrichment (row 22): impact, ideas, advice.
    ---
    tags: [inventory]
    responses:
      200: {description: "inventory with enrichment", schema: {$ref: "#/definitions/InventoryList"}}
    """
    body = lambda items, snap: views.inventory_body(items, snap, enrichment=True)  # noqa: E731
    return _cached_json("complete", body, enriched=True)


@bp.get("/simple")
@auth_required()
def list_inventory_simple() -> Response:
    """One flat row per ingredient stack, `expiration_time` = days left (row 23).
    ---
    tags: [inventory]
    responses:
      200: {description: "stacks", schema: {$ref: "#/definitions/InventorySimple"}}
    """
    return _cached_json("simple", views.simple_body)


@bp.get("/expiring")
@auth_required()
def list_expiring() -> Reply:
    """Items whose nearest non-expired stack expires within `days` days (row 24).
    ---
    tags: [inventory]
    parameters:
      - {in: query, name: days, type: integer, minimum: 0, maximum: 365, default: 3}
    responses:
      200: {description: "expiring items", schema: {$ref: "#/definitions/InventoryExpiring"}}
      400: {description: "bad days", schema: {$ref: "#/definitions/Error"}}
    """
    days = ExpiringQuerySchema().load(request.args)["days"]
    items, snap = services().inventory_queries.expiring(current_user_id(), days)
    return views.expiring_body(items, snap, days), 200


@bp.get("/ingredients/list")
@auth_required()
def list_ingredient_names() -> Reply:
    """The names of the caller's ingredients (row 37).
    ---
    tags: [inventory]
    responses:
      200: {description: "names", schema: {$ref: "#/definitions/IngredientNames"}}
    """
    items, _ = services().inventory_queries.views(current_user_id())
    names = [v.item.name for v in items if v.item.kind == "ingredient"]
    return {"ingredients": names, "total_ingredients": len(names)}, 200


@bp.get("/ingredients/<name>/detail")
@auth_required()
def ingredient_detail(name: str) -> Reply:
    """An ingredient with every stack (days to expiry vs today) and its enrichment (row 35, L1).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
    responses:
      200: {description: "detail", schema: {$ref: "#/definitions/IngredientDetail"}}
      404: {description: "no such ingredient", schema: {$ref: "#/definitions/Error"}}
    """
    view, snap = services().inventory_queries.item(current_user_id(), name_ref(name))
    return views.ingredient_detail_body(view, snap), 200


@bp.get("/ingredients/<name>/<added_at>")
@auth_required()
def ingredient_detail_by_stack(name: str, added_at: str) -> Reply:
    """Row 35 as L2 calls it: the ingredient of the stack at `<added_at>` (404 without it).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
    responses:
      200: {description: "detail", schema: {$ref: "#/definitions/IngredientDetail"}}
    """
    ref = stack_ref("ingredient", name, added_at)
    view, snap = services().inventory_queries.item(current_user_id(), ref)
    return views.ingredient_detail_body(view, snap), 200


@bp.get("/foods/<name>/<added_at>/detail")
@bp.get("/foods/<name>/<added_at>")
@auth_required()
def food_detail(name: str, added_at: str) -> Reply:
    """A food with days to expiry, calories and its stored enrichment (row 36, L1 and L2).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
    responses:
      200: {description: "detail", schema: {$ref: "#/definitions/FoodDetail"}}
    """
    ref = stack_ref("food", name, added_at)
    view, snap = services().inventory_queries.item(current_user_id(), ref)
    return views.food_detail_body(view, snap), 200


@bp.get("/items/<int:item_id>")
@auth_required()
def get_item(item_id: int) -> Reply:
    """One item by id with stacks (days to expiry vs today) and its stored enrichment.
    ---
    tags: [inventory]
    parameters: [{in: path, name: item_id, type: integer, required: true}]
    responses:
      200: {description: "item", schema: {$ref: "#/definitions/IngredientDetail"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    view, snap = services().inventory_queries.item(current_user_id(), ItemRef(item_id=item_id))
    return views.ingredient_detail_body(view, snap), 200


@bp.patch("/items/<int:item_id>")
@auth_required()
def update_item(item_id: int) -> Reply:
    """Edit an item; quantity/expiry go to `stack_id` (or the only stack; expiry: all stacks).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/UpdateStack"}}
    responses:
      200: {description: "item", schema: {$ref: "#/definitions/InventoryItem"}}
      400: {description: "several stacks, none named", schema: {$ref: "#/definitions/Error"}}
    """
    data = UpdateStackSchema().load(json_body())
    ref = ItemRef(item_id=item_id, stack_id=data["stack_id"])
    item = services().inventory.update_stack(current_user_id(), ref, data["changes"])
    return views.item_body(item), 200


@bp.delete("/items/<int:item_id>")
@auth_required()
def delete_item(item_id: int) -> Reply:
    """Delete an item and all its stacks (journaled: expired stacks count as waste).
    ---
    tags: [inventory]
    parameters: [{in: path, name: item_id, type: integer, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/ItemDeleted"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    item = services().inventory.remove(current_user_id(), ItemRef(item_id=item_id))
    return {**views.message_body("Item deleted", item), "deleted": "all_stacks"}, 200


@bp.post("/items/<int:item_id>/consume")
@auth_required()
@idempotent
def consume_item(item_id: int) -> Reply:
    """Use up stock: the named stack, or first-expired-first-out; no quantity = everything.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_id, type: integer, required: true}
      - {in: body, name: body, schema: {$ref: "#/definitions/ConsumeItem"}}
    responses:
      200: {description: "consumed", schema: {$ref: "#/definitions/UsageResult"}}
      422: {description: "more than there is; no change", schema: {$ref: "#/definitions/Error"}}
    """
    data = ConsumeItemSchema().load(json_body())
    ref = ItemRef(item_id=item_id, stack_id=data["stack_id"])
    result = services().inventory.consume(current_user_id(), ref, data["usage"])
    return views.usage_body(result), 200


@bp.post("/items/<int:item_id>/waste")
@auth_required()
@idempotent
def waste_item(item_id: int) -> Reply:
    """Throw stock away (expired lots first); the journal says expired or wasted.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_id, type: integer, required: true}
      - {in: body, name: body, schema: {$ref: "#/definitions/WasteItem"}}
    responses:
      200: {description: "wasted", schema: {$ref: "#/definitions/UsageResult"}}
      422: {description: "more than there is; no change", schema: {$ref: "#/definitions/Error"}}
    """
    data = WasteItemSchema().load(json_body())
    ref = ItemRef(item_id=item_id, stack_id=data["stack_id"])
    result = services().inventory.waste(current_user_id(), ref, data["usage"])
    return views.usage_body(result), 200


@bp.get("/journal")
@auth_required()
def journal() -> Reply:
    """The caller's consumption and waste journal, newest first.
    ---
    tags: [inventory]
    parameters:
      - {in: query, name: reason, type: string, description: "e.g. wasted,expired"}
      - {in: query, name: since, type: string, format: date-time}
      - {in: query, name: limit, type: integer, minimum: 1, maximum: 200, default: 50}
      - {in: query, name: offset, type: integer, minimum: 0, default: 0}
    responses:
      200: {description: "entries", schema: {$ref: "#/definitions/JournalPage"}}
    """
    query = JournalQuerySchema().load(request.args)
    page = {"limit": query["limit"], "offset": query["offset"]}
    rows = services().inventory_queries.journal(
        current_user_id(), reasons=query["reason"], since=query["since"], **page
    )
    entries = [views.journal_row_body(r) for r in rows]
    return {"entries": entries, "count": len(entries), **page}, 200
