"""The mobile client's inventory reads (contract rows 21-24, 35-37), scoped to the caller.

The three list views are rendered once per user, view and day (see rendered.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from marshmallow import Schema

from zerowaste.application.inventory.model import ItemView, Snapshot
from zerowaste.interface.http.inventory import list_schemas as lists
from zerowaste.interface.http.inventory.item_schemas import (
    FoodDetailSchema,
    IngredientDetailSchema,
)
from zerowaste.interface.http.inventory.query_schemas import ExpiringQuerySchema
from zerowaste.interface.http.inventory.refs import name_ref, stack_ref
from zerowaste.interface.http.inventory.rendered import cached_json
from zerowaste.interface.http.responses import Reply, dump, render
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory_mobile_reads", __name__, url_prefix="/api/inventory")
# Request schemas, built once: a schema's construction copies its fields.
EXPIRING_QUERY_REQUEST = ExpiringQuerySchema()

# Built once: dump() keeps no state between calls.
LIST, COMPLETE = lists.InventoryListSchema(), lists.InventoryCompleteSchema()
SIMPLE, EXPIRING = lists.InventorySimpleSchema(), lists.InventoryExpiringSchema()
NAMES = lists.IngredientNamesSchema()
DETAIL, FOOD_DETAIL = IngredientDetailSchema(), FoodDetailSchema()


def _views(*, enriched: bool = False) -> tuple[list[ItemView], Snapshot]:
    return services().inventory_queries.views(current_user_id(), enriched=enriched)


def _rendered(schema: Schema, found: tuple[list[ItemView], Snapshot], **given: Any) -> Any:
    """A list view of the items found, with expiry figures for the snapshot's day."""
    views, snap = found
    return render(schema, views, today=snap.today, **given)


@bp.get("")
@auth_required()
def list_inventory() -> Response:
    """The caller's ingredients and foods, each with its stacks (row 21).
    ---
    tags: [inventory]
    responses:
      200: {description: "inventory", schema: {$ref: "#/definitions/InventoryList"}}
    """
    return cached_json("list", lambda: _rendered(LIST, _views()))


@bp.get("/complete")
@auth_required()
def list_inventory_complete() -> Response:
    """As row 21 plus each item's stored enrichment (row 22): impact, ideas, advice.
    ---
    tags: [inventory]
    responses:
      200: {description: "enriched", schema: {$ref: "#/definitions/InventoryComplete"}}
    """
    return cached_json("complete", lambda: _rendered(COMPLETE, _views(enriched=True)))


@bp.get("/simple")
@auth_required()
def list_inventory_simple() -> Response:
    """One flat row per ingredient stack, `expiration_time` = days left (row 23).
    ---
    tags: [inventory]
    responses:
      200: {description: "stacks", schema: {$ref: "#/definitions/InventorySimple"}}
    """
    return cached_json("simple", lambda: _rendered(SIMPLE, _views()))


@bp.get("/expiring")
@auth_required()
def list_expiring() -> Response:
    """Items whose nearest non-expired stack expires within `days` days (row 24).
    ---
    tags: [inventory]
    parameters:
      - {in: query, name: days, type: integer, minimum: 0, maximum: 365, default: 3}
    responses:
      200: {description: "expiring items", schema: {$ref: "#/definitions/InventoryExpiring"}}
      400: {description: "days is not 0-365", schema: {$ref: "#/definitions/Error"}}
    """
    days = EXPIRING_QUERY_REQUEST.load(request.args)["days"]
    queries = services().inventory_queries
    return cached_json(
        f"expiring:{days}",
        lambda: _rendered(EXPIRING, queries.expiring(current_user_id(), days), days=days),
    )


@bp.get("/ingredients/list")
@auth_required()
def list_ingredient_names() -> Response:
    """The names of the caller's ingredients (row 37).
    ---
    tags: [inventory]
    responses:
      200: {description: "names", schema: {$ref: "#/definitions/IngredientNames"}}
    """
    return cached_json("names", lambda: _rendered(NAMES, _views()))


@bp.get("/ingredients/<name>/detail")
@auth_required()
def ingredient_detail(name: str) -> Reply:
    """An ingredient with every stack (days to expiry vs today) and its enrichment (row 35, L1).
    ---
    tags: [inventory]
    parameters: [{in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}]
    responses:
      200: {description: "detail", schema: {$ref: "#/definitions/IngredientDetail"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    view, today = services().inventory_queries.item(current_user_id(), name_ref(name))
    return dump(DETAIL, view, today=today)


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
      400: {description: "added_at is not an ISO date-time", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    ref = stack_ref("ingredient", name, added_at)
    view, today = services().inventory_queries.item(current_user_id(), ref)
    return dump(DETAIL, view, today=today)


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
      400: {description: "added_at is not an ISO date-time", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    ref = stack_ref("food", name, added_at)
    view, today = services().inventory_queries.item(current_user_id(), ref)
    return dump(FOOD_DETAIL, view, today=today)
