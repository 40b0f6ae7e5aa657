"""The mobile client's inventory reads (contract rows 21-24, 35-37), scoped to the caller.

The three list views are rendered once per user, view and day (see rendered.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from zerowaste.application.inventory.model import ItemView, Snapshot
from zerowaste.interface.http.inventory import responses as views
from zerowaste.interface.http.inventory.query_schemas import ExpiringQuerySchema
from zerowaste.interface.http.inventory.refs import name_ref, stack_ref
from zerowaste.interface.http.inventory.rendered import cached_json
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory_mobile_reads", __name__, url_prefix="/api/inventory")

Reply = tuple[dict[str, Any], int]


def _views(*, enriched: bool = False) -> tuple[list[ItemView], Snapshot]:
    return services().inventory_queries.views(current_user_id(), enriched=enriched)


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
    return cached_json("list", lambda: views.inventory_body(*_views()))


@bp.get("/complete")
@auth_required()
def list_inventory_complete() -> Response:
    """As row 21 plus each item's stored enrichment (row 22): impact, ideas, advice.
    ---
    tags: [inventory]
    responses:
      200: {description: "inventory with enrichment", schema: {$ref: "#/definitions/InventoryList"}}
    """
    return cached_json(
        "complete", lambda: views.inventory_body(*_views(enriched=True), enrichment=True)
    )


@bp.get("/simple")
@auth_required()
def list_inventory_simple() -> Response:
    """One flat row per ingredient stack, `expiration_time` = days left (row 23).
    ---
    tags: [inventory]
    responses:
      200: {description: "stacks", schema: {$ref: "#/definitions/InventorySimple"}}
    """
    return cached_json("simple", lambda: views.simple_body(*_views()))


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
      400: {description: "bad days", schema: {$ref: "#/definitions/Error"}}
    """
    days = ExpiringQuerySchema().load(request.args)["days"]
    queries = services().inventory_queries
    return cached_json(
        f"expiring:{days}",
        lambda: views.expiring_body(*queries.expiring(current_user_id(), days), days),
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
    return cached_json("names", lambda: views.names_body(_views()[0]))


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
    view, today = services().inventory_queries.item(current_user_id(), name_ref(name))
    return views.ingredient_detail_body(view, today), 200


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
    view, today = services().inventory_queries.item(current_user_id(), ref)
    return views.ingredient_detail_body(view, today), 200


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
    view, today = services().inventory_queries.item(current_user_id(), ref)
    return views.food_detail_body(view, today), 200
