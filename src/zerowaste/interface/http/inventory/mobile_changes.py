"""The client's `<name>/<added_at>` write routes (contract rows 28-34, 42), both layers.

`<name>` carries "/" as `_SLASH_`; `<added_at>` is the client's local ISO with ms and a literal Z
(see inventory_paths). Static segments win over `<added_at>` (Werkzeug), so
`PUT .../<name>/expiration` (L1, all stacks) is not taken for row 28's `.../<name>/<added_at>`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from zerowaste.application.inventory.model import ItemRef, UsageResult
from zerowaste.application.inventory.support import ItemNotFound
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.inventory import responses as views
from zerowaste.interface.http.inventory.refs import name_ref, stack_ref
from zerowaste.interface.http.inventory.schemas import (
    ConsumeFoodSchema,
    ConsumeIngredientSchema,
    SetExpirationSchema,
    SetQuantitySchema,
    UpdateStackSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory_stacks", __name__, url_prefix="/api/inventory")

Reply = tuple[dict[str, Any], int]
STACK = "/ingredients/<name>/<added_at>"
FOOD = "/foods/<name>/<added_at>"


def use_stock(ref: ItemRef, command: dict[str, Any]) -> UsageResult:
    """Consume, or throw away when the client's reason says wasted/expired."""
    service = services().inventory
    action = service.waste if command.get("waste") else service.consume
    return action(current_user_id(), ref, command["usage"])


def remove_stack_or_food(name: str, added_at: str) -> tuple[InventoryItem, ItemRef]:
    """Row 29: the client also deletes food rows through this route; a stack wins."""
    owner, ref = current_user_id(), stack_ref("ingredient", name, added_at)
    try:
        return services().inventory.remove(owner, ref), ref
    except ItemNotFound:
        food = stack_ref("food", name, added_at)
        return services().inventory.remove(owner, food), food


def set_expiry(ref: ItemRef) -> Reply:
    expires_on = SetExpirationSchema().load(json_body())["expiration_date"]
    item = services().inventory.set_expiry(current_user_id(), ref, expires_on)
    body = views.message_body("Expiration updated", item, ingredient=item.name)
    return {**body, "expiration_date": views.day(expires_on)}, 200


def delete_whole(name: str) -> Reply:
    item = services().inventory.remove(current_user_id(), name_ref(name))
    body = views.message_body("Ingredient deleted", item, ingredient=item.name)
    return {**body, "deleted": "all_stacks"}, 200


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
      200: {description: "updated", schema: {$ref: "#/definitions/ItemUpdated"}}
      404: {description: "no such stack", schema: {$ref: "#/definitions/Error"}}
    """
    changes = UpdateStackSchema().load(json_body())["changes"]
    ref = stack_ref("ingredient", name, added_at)
    item = services().inventory.update_stack(current_user_id(), ref, changes)
    return views.message_body("Ingredient updated", item, ingredient=item.name), 200


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
      404: {description: "no such stack", schema: {$ref: "#/definitions/Error"}}
    """
    item, ref = remove_stack_or_food(name, added_at)
    stamp = views.timestamp(ref.added_at) if ref.added_at else None
    body = views.message_body("Stack deleted", item, ingredient=item.name, kind=item.kind)
    return {**body, "deleted_stack_added_at": stamp, "note": "Recorded in the journal"}, 200


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
    """
    data = SetQuantitySchema().load(json_body())
    ref = stack_ref("ingredient", name, added_at)
    item = services().inventory.set_quantity(current_user_id(), ref, data["quantity"], data["unit"])
    body = views.message_body("Quantity updated", item, ingredient=item.name)
    return {**body, "new_quantity": data["quantity"]}, 200


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
      200: {description: "set", schema: {$ref: "#/definitions/QuantitySet"}}
    """
    quantity = SetQuantitySchema().load(json_body())["quantity"]
    ref = stack_ref("food", name, added_at)
    item = services().inventory.set_quantity(current_user_id(), ref, quantity, None)
    body = views.message_body("Servings updated", item, food=item.name)
    return {**body, "new_serving_quantity": views.whole(quantity)}, 200


@bp.delete("/ingredients/<name>")
@auth_required()
def delete_ingredient(name: str) -> Reply:
    """Delete an ingredient and all its stacks (row 32, L1).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/ItemDeleted"}}
      404: {description: "no such ingredient", schema: {$ref: "#/definitions/Error"}}
    """
    return delete_whole(name)


@bp.delete(f"{STACK}/complete")
@auth_required()
def delete_ingredient_complete(name: str, added_at: str) -> Reply:
    """Delete an ingredient and all its stacks (row 32, L2; `<added_at>` is not needed).
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: name, type: string, required: true, description: "/ as _SLASH_"}
      - {in: path, name: added_at, type: string, required: true, description: "ignored"}
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/ItemDeleted"}}
      404: {description: "no such ingredient", schema: {$ref: "#/definitions/Error"}}
    """
    return delete_whole(name)


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
      - {in: body, name: body, schema: {$ref: "#/definitions/ConsumeIngredient"}}
    responses:
      200: {description: "consumed", schema: {$ref: "#/definitions/IngredientConsumption"}}
      422: {description: "more than the stack holds", schema: {$ref: "#/definitions/Error"}}
    """
    command = ConsumeIngredientSchema().load(json_body())
    ref = stack_ref("ingredient", name, added_at)
    result = use_stock(ref, command)
    return views.ingredient_consumption_body(result, ref.added_at), 200


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
      - {in: body, name: body, schema: {$ref: "#/definitions/ConsumeFood"}}
    responses:
      200: {description: "consumed", schema: {$ref: "#/definitions/FoodConsumption"}}
      422: {description: "more than there is", schema: {$ref: "#/definitions/Error"}}
    """
    command = ConsumeFoodSchema().load(json_body())
    result = use_stock(stack_ref("food", name, added_at), command)
    return views.food_consumption_body(result), 200


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
    """
    return set_expiry(stack_ref("ingredient", name, added_at))
