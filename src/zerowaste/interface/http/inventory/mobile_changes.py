"""The client's changes to what it lists (contract rows 27-34, 42), both layers: by the
`<name>/<added_at>` of a stack, or by row 27's `/<id>` (our id or `<name>_stack_<i>`).

`<name>` carries "/" as `_SLASH_`; `<added_at>` is the client's local ISO with ms and a literal Z
(see refs.py). Static segments win over `<added_at>` (Werkzeug), so
`PUT .../<name>/expiration` (L1, all stacks) is not taken for row 28's `.../<name>/<added_at>`.
"""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint

from zerowaste.application.inventory.model import ItemRef
from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.inventory import write_schemas as replies
from zerowaste.interface.http.inventory.change_schemas import (
    ConsumeFoodSchema,
    ConsumeIngredientSchema,
    SetExpirationSchema,
    SetQuantitySchema,
    UpdateStackSchema,
)
from zerowaste.interface.http.inventory.refs import client_item_ref, name_ref, stack_ref
from zerowaste.interface.http.inventory.usage_schemas import (
    FoodConsumptionSchema,
    IngredientConsumptionSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory_mobile_changes", __name__, url_prefix="/api/inventory")
# Request schemas, built once: a schema's construction copies its fields.
CONSUME_FOOD_REQUEST = ConsumeFoodSchema()
CONSUME_INGREDIENT_REQUEST = ConsumeIngredientSchema()
SET_EXPIRATION_REQUEST = SetExpirationSchema()
SET_QUANTITY_REQUEST = SetQuantitySchema()
UPDATE_STACK_REQUEST = UpdateStackSchema()

CHANGED, STACK_DELETED = replies.ItemChangedSchema(), replies.StackDeletedSchema()
DELETED, EXPIRATION_SET = replies.IngredientDeletedSchema(), replies.ExpirationSetSchema()
QUANTITY_SET, SERVINGS_SET = replies.QuantitySetSchema(), replies.ServingsSetSchema()
CONSUMED, FOOD_CONSUMED = IngredientConsumptionSchema(), FoodConsumptionSchema()
STACK = "/ingredients/<name>/<added_at>"
FOOD = "/foods/<name>/<added_at>"


def set_expiry(ref: ItemRef) -> Reply:
    expires_on = SET_EXPIRATION_REQUEST.load(json_body())["expiration_date"]
    view = services().inventory.set_expiry(current_user_id(), ref, expires_on)
    return dump(EXPIRATION_SET, view, message="Expiration updated", expires_on=expires_on)


def delete_whole(ref: ItemRef) -> Reply:
    view = services().inventory.remove(current_user_id(), ref, whole_item=True)
    return dump(DELETED, view, message="Ingredient deleted")


@bp.put(STACK)
@auth_required()
def update_stack(name: str, added_at: str) -> Reply:
    """Edit a stack and its ingredient (row 28); a new `name` moves the stack.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/UpdateStack"}}
    responses:
      200: {description: "updated", schema: {$ref: "#/definitions/ItemChanged"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    changes = UPDATE_STACK_REQUEST.load(json_body())["changes"]
    ref = stack_ref("ingredient", name, added_at)
    view = services().inventory.update_stack(current_user_id(), ref, changes)
    return dump(CHANGED, view, message="Ingredient updated")


@bp.delete(STACK)
@auth_required()
def delete_stack(name: str, added_at: str) -> Reply:
    """Delete one stack (row 29), or the food with that name and added_at.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/StackDeleted"}}
      400: {description: "added_at is not an ISO date-time", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    ref = replace(stack_ref("ingredient", name, added_at), or_food=True)
    view = services().inventory.remove(current_user_id(), ref)
    return dump(STACK_DELETED, view, message="Stack deleted", added_at=ref.added_at)


@bp.route(f"{STACK}/quantity", methods=["PATCH", "PUT"])
@auth_required()
def set_stack_quantity(name: str, added_at: str) -> Reply:
    """Set a stack's quantity (row 30): L1 PATCH `{quantity}`, L2 PUT `{quantity, unit}`.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SetQuantity"}}
    responses:
      200: {description: "set (0 keeps the stack)", schema: {$ref: "#/definitions/QuantitySet"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    data = SET_QUANTITY_REQUEST.load(json_body())
    ref = stack_ref("ingredient", name, added_at)
    view = services().inventory.set_quantity(current_user_id(), ref, data["quantity"], data["unit"])
    return dump(QUANTITY_SET, view, message="Quantity updated", quantity=data["quantity"])


@bp.route(f"{FOOD}/quantity", methods=["PATCH", "PUT"])
@auth_required()
def set_food_quantity(name: str, added_at: str) -> Reply:
    """Set a food's servings (row 31): L1 PATCH `{serving_quantity}`, L2 PUT `{quantity}`.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SetQuantity"}}
    responses:
      200: {description: "set", schema: {$ref: "#/definitions/ServingsSet"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    quantity = SET_QUANTITY_REQUEST.load(json_body())["quantity"]
    ref = stack_ref("food", name, added_at)
    view = services().inventory.set_quantity(current_user_id(), ref, quantity, None)
    return dump(SERVINGS_SET, view, message="Servings updated", quantity=quantity)


@bp.delete("/ingredients/<name>")
@auth_required()
def delete_ingredient(name: str) -> Reply:
    """Delete an ingredient and all its stacks (row 32, L1).
    ---
    tags: [inventory]
    parameters: [{in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/IngredientDeleted"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return delete_whole(name_ref(name))


@bp.delete(f"{STACK}/complete")
@auth_required()
def delete_ingredient_complete(name: str, added_at: str) -> Reply:
    """Delete an ingredient and all its stacks (row 32, L2; `<added_at>` names one of them).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "a stack's"}
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/IngredientDeleted"}}
      400: {description: "added_at is not a date-time", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such ingredient or stack", schema: {$ref: "#/definitions/Error"}}
    """
    return delete_whole(stack_ref("ingredient", name, added_at))


@bp.post(f"{STACK}/consume")
@auth_required()
@idempotent
def consume_stack(name: str, added_at: str) -> Reply:
    """Consume from a stack (row 33); no quantity = all of it; reason cooked/wasted honoured.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, schema: {$ref: "#/definitions/ConsumeIngredient"}}
    responses:
      200: {description: "consumed", schema: {$ref: "#/definitions/IngredientConsumption"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
      422: {description: "more than the stack holds", schema: {$ref: "#/definitions/Error"}}
    """
    usage = CONSUME_INGREDIENT_REQUEST.load(json_body())
    ref = stack_ref("ingredient", name, added_at)
    result = services().inventory.use(current_user_id(), ref, usage)
    return dump(CONSUMED, result, added_at=ref.added_at)


@bp.post(f"{FOOD}/consume")
@auth_required()
@idempotent
def consume_food(name: str, added_at: str) -> Reply:
    """Eat servings of a food (row 34): L1 `{portions}` or `{}` (all), L2 `{consumed_quantity}`.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, schema: {$ref: "#/definitions/ConsumeFood"}}
    responses:
      200: {description: "consumed", schema: {$ref: "#/definitions/FoodConsumption"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
      422: {description: "more than there is; no change", schema: {$ref: "#/definitions/Error"}}
    """
    usage = CONSUME_FOOD_REQUEST.load(json_body())
    result = services().inventory.use(current_user_id(), stack_ref("food", name, added_at), usage)
    return dump(FOOD_CONSUMED, result)


@bp.put("/ingredients/<name>/expiration")
@auth_required()
def set_expiration_all(name: str) -> Reply:
    """Set the expiry date of every stack of an ingredient (row 42, L1).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SetExpiration"}}
    responses:
      200: {description: "set", schema: {$ref: "#/definitions/ExpirationSet"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return set_expiry(name_ref(name))


@bp.put(f"{STACK}/expiration")
@auth_required()
def set_expiration(name: str, added_at: str) -> Reply:
    """Set the expiry date of the stack at `<added_at>` (row 42, L2).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "as listed"}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SetExpiration"}}
    responses:
      200: {description: "set", schema: {$ref: "#/definitions/ExpirationSet"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return set_expiry(stack_ref("ingredient", name, added_at))


@bp.put("/<item_key>")
@auth_required()
def update_by_client_id(item_key: str) -> Reply:
    """Edit by id (row 27): our item id, or the client's `<name>_stack_<i>`; body as row 28.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_key, type: string, required: true, description: "id or n_stack_i"}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/UpdateStack"}}
    responses:
      200: {description: "updated", schema: {$ref: "#/definitions/ItemChanged"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    data = UPDATE_STACK_REQUEST.load(json_body())
    ref = client_item_ref(item_key, stack_id=data["stack_id"])
    view = services().inventory.update_stack(current_user_id(), ref, data["changes"])
    return dump(CHANGED, view, message="Item updated")


@bp.delete("/<item_key>")
@auth_required()
def delete_by_client_id(item_key: str) -> Reply:
    """Delete by id (row 27): a numeric id deletes the item, `<name>_stack_<i>` that stack.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_key, type: string, required: true, description: "id or n_stack_i"}
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/ItemChanged"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    view = services().inventory.remove(current_user_id(), client_item_ref(item_key))
    return dump(CHANGED, view, message="Item deleted")
