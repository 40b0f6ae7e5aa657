"""The id-based inventory routes for new clients (items by stable id) and the journal.

Every route is scoped to the caller: another user's item is a 404, never a 403.
"""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.application.inventory.model import ItemRef
from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.inventory.change_schemas import (
    ConsumeItemSchema,
    UpdateStackSchema,
    WasteItemSchema,
)
from zerowaste.interface.http.inventory.item_schemas import (
    IngredientDetailSchema,
    InventoryItemSchema,
)
from zerowaste.interface.http.inventory.query_schemas import JournalQuerySchema
from zerowaste.interface.http.inventory.usage_schemas import (
    JournalPageSchema,
    UsageResultSchema,
)
from zerowaste.interface.http.inventory.write_schemas import ItemDeletedSchema
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("inventory_items", __name__, url_prefix="/api/inventory")
# Request schemas, built once: a schema's construction copies its fields.
CONSUME_ITEM_REQUEST = ConsumeItemSchema()
JOURNAL_QUERY_REQUEST = JournalQuerySchema()
UPDATE_STACK_REQUEST = UpdateStackSchema()
WASTE_ITEM_REQUEST = WasteItemSchema()

DETAIL, ITEM, DELETED = IngredientDetailSchema(), InventoryItemSchema(), ItemDeletedSchema()
USAGE, JOURNAL = UsageResultSchema(), JournalPageSchema()


@bp.get("/items/<id:item_id>")
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
    view, today = services().inventory_queries.item(current_user_id(), ItemRef(item_id=item_id))
    return dump(DETAIL, view, today=today)


@bp.patch("/items/<id:item_id>")
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
      400: {description: "invalid, or which stack?", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
    """
    data = UPDATE_STACK_REQUEST.load(json_body())
    ref = ItemRef(item_id=item_id, stack_id=data["stack_id"])
    view = services().inventory.update_stack(current_user_id(), ref, data["changes"])
    return dump(ITEM, view)


@bp.delete("/items/<id:item_id>")
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
    view = services().inventory.remove(current_user_id(), ItemRef(item_id=item_id))
    return dump(DELETED, view, message="Item deleted")


@bp.post("/items/<id:item_id>/consume")
@auth_required()
@idempotent
def consume_item(item_id: int) -> Reply:
    """Use up stock: the named stack, or first-expired-first-out; no quantity = everything.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_id, type: integer, required: true}
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, schema: {$ref: "#/definitions/ConsumeItem"}}
    responses:
      200: {description: "consumed", schema: {$ref: "#/definitions/UsageResult"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
      422: {description: "more than there is; no change", schema: {$ref: "#/definitions/Error"}}
    """
    data = CONSUME_ITEM_REQUEST.load(json_body())
    ref = ItemRef(item_id=item_id, stack_id=data["stack_id"])
    result = services().inventory.consume(current_user_id(), ref, data["usage"])
    return dump(USAGE, result)


@bp.post("/items/<id:item_id>/waste")
@auth_required()
@idempotent
def waste_item(item_id: int) -> Reply:
    """Throw stock away (expired lots first); the journal says expired or wasted.
    ---
    tags: [inventory]
    parameters:
      - {in: path, name: item_id, type: integer, required: true}
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, schema: {$ref: "#/definitions/WasteItem"}}
    responses:
      200: {description: "wasted", schema: {$ref: "#/definitions/UsageResult"}}
      404: {description: "no such item for this user", schema: {$ref: "#/definitions/Error"}}
      422: {description: "more than there is; no change", schema: {$ref: "#/definitions/Error"}}
    """
    data = WASTE_ITEM_REQUEST.load(json_body())
    ref = ItemRef(item_id=item_id, stack_id=data["stack_id"])
    result = services().inventory.waste(current_user_id(), ref, data["usage"])
    return dump(USAGE, result)


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
      - {in: query, name: offset, type: integer, minimum: 0, maximum: 1000000, default: 0}
    responses:
      200: {description: "entries", schema: {$ref: "#/definitions/JournalPage"}}
      400: {description: "bad reason, since, limit", schema: {$ref: "#/definitions/Error"}}
    """
    query = JOURNAL_QUERY_REQUEST.load(request.args)
    page = {"limit": query["limit"], "offset": query["offset"]}
    rows = services().inventory_queries.journal(
        current_user_id(), reasons=query["reason"], since=query["since"], **page
    )
    return dump(JOURNAL, rows, **page)
