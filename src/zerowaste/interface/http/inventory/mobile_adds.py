"""Adding to the inventory (contract rows 25, 26, 38, 39, 40).

Every add accepts an explicit `expiration_date`, or `expiration_time` + `time_unit` (Spanish or
English), or neither (estimated from FoodKeeper for the storage place); without a storage place
the service picks the usual one. A request is all or nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from flask import Blueprint
from marshmallow import ValidationError

from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.inventory import write_schemas as replies
from zerowaste.interface.http.inventory.add_schemas import (
    AddIngredientsSchema,
    AddItemSchema,
    FromRecognitionSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory_mobile_adds", __name__, url_prefix="/api/inventory")
# Request schemas, built once: a schema's construction copies its fields.
ADD_INGREDIENTS_REQUEST = AddIngredientsSchema()
ADD_ITEM_REQUEST = AddItemSchema()
FROM_RECOGNITION_REQUEST = FromRecognitionSchema()

ADDED, RECOGNIZED = replies.AddedItemsSchema(), replies.RecognitionAddedSchema()
ITEM_ADDED, ADD_ITEM_RESULT = replies.ItemAddedSchema(), replies.AddItemResultSchema()


def _from_recognition(key: Literal["ingredients", "foods"]) -> tuple[list[Any], int]:
    """L1 sends the recognized objects; L2 sends `{recognition_id, selected_*}`, read back from
    the caller's stored recognition."""
    data = FROM_RECOGNITION_REQUEST.load(json_body())
    uid = current_user_id()
    if data.get(key):
        lines = list(data[key])
        return services().inventory.add(uid, lines), len(lines)
    if data.get("recognition_id"):
        selected = data.get(f"selected_{key}") or []
        return services().recognition_intake.add(uid, data["recognition_id"], key, selected)
    raise ValidationError({key: ["Missing data for required field."]})


@bp.post("/ingredients")
@auth_required()
@idempotent
def add_ingredients() -> Reply:
    """Add ingredient stacks (row 25); an ingredient the user has gets a new stack.
    ---
    tags: [inventory]
    parameters:
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/AddIngredients"}}
    responses:
      201: {description: "added", schema: {$ref: "#/definitions/AddedItems"}}
    """
    lines = ADD_INGREDIENTS_REQUEST.load(json_body())["ingredients"]
    items = services().inventory.add(current_user_id(), lines)
    return dump(ADDED, items, 201, message="Ingredients added", count=len(lines))


@bp.post("/ingredients/from-recognition")
@auth_required()
@idempotent
def add_ingredients_from_recognition() -> Reply:
    """Add recognized ingredients (row 38): L1's objects, or L2's `{recognition_id,
    selected_ingredients}` (all of them when none are selected).
    ---
    tags: [inventory]
    parameters:
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/FromRecognition"}}
    responses:
      201: {description: "added", schema: {$ref: "#/definitions/RecognitionAdded"}}
      400: {description: "bad body, unknown names", schema: {$ref: "#/definitions/Error"}}
      404: {description: "unknown recognition", schema: {$ref: "#/definitions/Error"}}
    """
    items, count = _from_recognition("ingredients")
    return dump(RECOGNIZED, items, 201, message="Ingredients added", ingredients_count=count)


@bp.post("/foods/from-recognition")
@auth_required()
@idempotent
def add_foods_from_recognition() -> Reply:
    """Add recognized prepared foods (row 39): L1's objects or L2's recognition id, as row 38.
    ---
    tags: [inventory]
    parameters:
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/FromRecognition"}}
    responses:
      201: {description: "added", schema: {$ref: "#/definitions/RecognitionAdded"}}
      400: {description: "bad body, unknown names", schema: {$ref: "#/definitions/Error"}}
      404: {description: "unknown recognition", schema: {$ref: "#/definitions/Error"}}
    """
    items, count = _from_recognition("foods")
    return dump(RECOGNIZED, items, 201, message="Foods added", foods_count=count)


@bp.post("")
@auth_required()
@idempotent
def add_inventory_item() -> Reply:
    """Add one item map (row 26): an ingredient, or a food when it says so or has servings.
    ---
    tags: [inventory]
    parameters:
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/AddItem"}}
    responses:
      201: {description: "added", schema: {$ref: "#/definitions/ItemAdded"}}
    """
    line = ADD_ITEM_REQUEST.load(json_body())
    view = services().inventory.add(current_user_id(), [line])[0]
    return dump(ITEM_ADDED, view, 201)


@bp.route("/add_item", methods=["POST", "PUT"])
@auth_required()
@idempotent
def add_item() -> Reply:
    """Add one item (row 40): L2 POST `{name, category, quantity?, unit?, expiration_date?}`,
    L1 PUT `{item_type, item_data}`; no storage_type needed.
    ---
    tags: [inventory]
    parameters:
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/AddItem"}}
    responses:
      201: {description: "added", schema: {$ref: "#/definitions/AddItemResult"}}
    """
    line = ADD_ITEM_REQUEST.load(json_body())
    view = services().inventory.add(current_user_id(), [line])[0]
    return dump(ADD_ITEM_RESULT, view, 201)
