"""Shopping lists (issue #10 §4): made by hand or from the meal plan, grouped by aisle, priced
from PROFECO medians, checked off, and bought straight into the inventory. Lists belong to the
household: every member sees and changes the same lists; anyone else gets 404."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.schemas import MessageSchema
from zerowaste.interface.http.security import auth_required, current_user_id, services
from zerowaste.interface.http.shopping.request_schemas import (
    AddItemsSchema,
    FromPlanSchema,
    ItemChangesSchema,
    ListChangesSchema,
    NewListSchema,
    PageSchema,
    PurchaseSchema,
)
from zerowaste.interface.http.shopping.schemas import (
    PurchaseResultSchema,
    ShoppingItemSchema,
    ShoppingListPageSchema,
    ShoppingListSchema,
)

bp = Blueprint("shopping", __name__, url_prefix="/api/shopping-lists")
NEW, ADD, LIST_CHANGES = NewListSchema(), AddItemsSchema(), ListChangesSchema()
ITEM_CHANGES, PURCHASE, FROM_PLAN, PAGE = (
    ItemChangesSchema(),
    PurchaseSchema(),
    FromPlanSchema(),
    PageSchema(),
)
ONE, PAGE_OUT, ITEM, BOUGHT = (
    ShoppingListSchema(),
    ShoppingListPageSchema(),
    ShoppingItemSchema(),
    PurchaseResultSchema(),
)
MESSAGE = MessageSchema()


@bp.get("")
@auth_required()
def lists() -> Reply:
    """The household's shopping lists, newest first.
    ---
    tags: [shopping]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/ShoppingListPage"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    page = PAGE.load(request.args.to_dict())
    size = page["per_page"]
    found = services().shopping.listed(current_user_id(), size, (page["page"] - 1) * size)
    return dump(PAGE_OUT, found, page=page["page"], per_page=size)


@bp.post("")
@auth_required()
def create() -> Reply:
    """A new list, with items added by hand (priced and put in their aisles).
    ---
    tags: [shopping]
    parameters:
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/NewShoppingList"}}
    responses:
      201: {description: "created", schema: {$ref: "#/definitions/ShoppingList"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
    """
    body = NEW.load(json_body())
    return dump(
        ONE, services().shopping.create(current_user_id(), body["name"], body["items"]), 201
    )


@bp.get("/<id:list_id>")
@auth_required()
def get(list_id: int) -> Reply:
    """One list with its items by aisle and its totals.
    ---
    tags: [shopping]
    parameters: [{in: path, name: list_id, type: integer, required: true}]
    responses:
      200: {description: "the list", schema: {$ref: "#/definitions/ShoppingList"}}
      404: {description: "no such list in the household", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(ONE, services().shopping.get(current_user_id(), list_id))


@bp.patch("/<id:list_id>")
@auth_required()
def update(list_id: int) -> Reply:
    """Rename a list, or archive (and reactivate) it.
    ---
    tags: [shopping]
    parameters:
      - {in: path, name: list_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ShoppingListChanges"}}
    responses:
      200: {description: "changed", schema: {$ref: "#/definitions/ShoppingList"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such list in the household", schema: {$ref: "#/definitions/Error"}}
    """
    body = LIST_CHANGES.load(json_body())
    found = services().shopping.update(
        current_user_id(), list_id, body.get("name"), body.get("status")
    )
    return dump(ONE, found)


@bp.delete("/<id:list_id>")
@auth_required()
def delete(list_id: int) -> Reply:
    """Delete a list and its items.
    ---
    tags: [shopping]
    parameters: [{in: path, name: list_id, type: integer, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/Message"}}
      404: {description: "no such list in the household", schema: {$ref: "#/definitions/Error"}}
    """
    services().shopping.delete(current_user_id(), list_id)
    return dump(MESSAGE, {"message": "Shopping list deleted"})


@bp.post("/<id:list_id>/items")
@auth_required()
def add_items(list_id: int) -> Reply:
    """Add items by hand: `{"items": [...]}` or one item's fields.
    ---
    tags: [shopping]
    parameters:
      - {in: path, name: list_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/AddShoppingItems"}}
    responses:
      201: {description: "added", schema: {$ref: "#/definitions/ShoppingList"}}
      400: {description: "bad body, or the list is full", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such list in the household", schema: {$ref: "#/definitions/Error"}}
    """
    body = ADD.load(json_body())
    found = services().shopping.add_items(current_user_id(), list_id, body["items"])
    return dump(ONE, found, 201)


@bp.patch("/<id:list_id>/items/<id:item_id>")
@auth_required()
def change_item(list_id: int, item_id: int) -> Reply:
    """Check an item off (or back), change its amount or its note.
    ---
    tags: [shopping]
    parameters:
      - {in: path, name: list_id, type: integer, required: true}
      - {in: path, name: item_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ShoppingItemChanges"}}
    responses:
      200: {description: "changed", schema: {$ref: "#/definitions/ShoppingItem"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such list or item", schema: {$ref: "#/definitions/Error"}}
      409: {description: "the item was already bought", schema: {$ref: "#/definitions/Error"}}
    """
    changes = ITEM_CHANGES.load(json_body())
    found = services().shopping.change_item(current_user_id(), list_id, item_id, changes)
    return dump(ITEM, found)


@bp.delete("/<id:list_id>/items/<id:item_id>")
@auth_required()
def remove_item(list_id: int, item_id: int) -> Reply:
    """Take an item off the list.
    ---
    tags: [shopping]
    parameters:
      - {in: path, name: list_id, type: integer, required: true}
      - {in: path, name: item_id, type: integer, required: true}
    responses:
      200: {description: "removed", schema: {$ref: "#/definitions/Message"}}
      404: {description: "no such list or item", schema: {$ref: "#/definitions/Error"}}
    """
    services().shopping.remove_item(current_user_id(), list_id, item_id)
    return dump(MESSAGE, {"message": "Item removed"})


@bp.post("/<id:list_id>/purchase")
@auth_required()
@idempotent
def purchase(list_id: int) -> Reply:
    """Buy items (those named, else every checked one): each goes into the inventory as a new
    stack, once.
    ---
    tags: [shopping]
    parameters:
      - {in: path, name: list_id, type: integer, required: true}
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/Purchase"}}
    responses:
      200: {description: "bought", schema: {$ref: "#/definitions/PurchaseResult"}}
      400: {description: "bad body, or nothing to buy", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such list or item", schema: {$ref: "#/definitions/Error"}}
      409: {description: "an item named was already bought", schema: {$ref: "#/definitions/Error"}}
    """
    body = PURCHASE.load(json_body())
    found = services().shopping.purchase(current_user_id(), list_id, body["item_ids"])
    return dump(BOUGHT, found)


plan_bp = Blueprint("shopping_from_plan", __name__, url_prefix="/api/meal-plans")


@plan_bp.post("/generate-shopping-list")
@auth_required()
def from_plan() -> Reply:
    """What the plan between two dates needs, less the stock still good on each day and what
    the list already holds, summed per food across units, by aisle, priced.
    ---
    tags: [shopping]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ShoppingFromPlan"}}
    responses:
      201: {description: "the list", schema: {$ref: "#/definitions/ShoppingList"}}
      400: {description: "bad dates or window", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such list in the household", schema: {$ref: "#/definitions/Error"}}
    """
    body = FROM_PLAN.load(json_body())
    found = services().shopping_from_plan.generate(
        current_user_id(), body["start_date"], body["end_date"], body["list_id"]
    )
    return dump(ONE, found, 201)
