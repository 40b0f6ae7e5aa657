"""Replies of the inventory writes that add, edit or remove items (they dump ItemViews).

A reply says what happened (`message`, passed by the route), names the item (`id`, `name`) and
shows what is left of it (`item`, null once its last stack is gone). Values a reply echoes from
the request (`count`, `new_quantity`, `expiration_date`...) are passed by the route too.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from zerowaste.application.inventory.model import ItemView
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.inventory.item_schemas import InventoryItemSchema


def given_string(key: str, **kwargs: Any) -> f.String:
    return f.String(source=lambda _: f.given(key), required=True, **kwargs)


def left_of(view: ItemView) -> ItemView | None:
    return view if view.item.stacks else None


class ItemMessageSchema(Schema):
    """What a write did to an item, and what is left of it."""

    message = given_string("message")
    id = f.Integer(attribute="item.id", required=True)
    name = f.String(attribute="item.name", required=True)
    item = f.Nested(
        InventoryItemSchema,
        source=left_of,
        required=True,
        allow_none=True,
        metadata={"description": "null once its last stack is gone"},
    )


class ItemDeletedSchema(ItemMessageSchema):
    """DELETE /items/<id>: the item and all its stacks are gone (journaled)."""

    deleted = f.Constant("all_stacks")


class ItemChangedSchema(ItemMessageSchema):
    """A change by the client's references (rows 27, 28): `ingredient` is the item's name."""

    ingredient = f.String(source="item.name", required=True)


class IngredientDeletedSchema(ItemChangedSchema):
    """Row 32: the ingredient and all its stacks are gone."""

    deleted = f.Constant("all_stacks")


class StackDeletedSchema(ItemChangedSchema):
    """Row 29: one stack (or the food row) is gone; `kind` says which kind of item it was."""

    kind = f.String(attribute="item.kind", required=True, metadata={"enum": ["ingredient", "food"]})
    deleted_stack_added_at = f.Timestamp(source=lambda _: f.given("added_at"), required=True)
    note = f.Constant("Recorded in the journal")


class QuantitySetSchema(ItemChangedSchema):
    """Row 30: the stack's new quantity (0 keeps the stack)."""

    new_quantity = f.Float(source=lambda _: f.given("quantity"), required=True)


class ServingsSetSchema(ItemMessageSchema):
    """Row 31: the food's new number of servings."""

    food = f.String(source="item.name", required=True)
    new_serving_quantity = f.Whole(source=lambda _: f.given("quantity"), required=True)


class ExpirationSetSchema(ItemChangedSchema):
    """Row 42: the expiry date now set (on one stack, or on all of them)."""

    expiration_date = f.Day(source=lambda _: f.given("expires_on"), required=True)


class AddedItemsSchema(Schema):
    """Row 25: the items that got the new stacks (`count` = lines sent)."""

    message = given_string("message")
    count = f.Integer(source=lambda _: f.given("count"), required=True)
    ingredients = f.Nested(InventoryItemSchema, many=True, source=lambda vs: vs, required=True)


class RecognitionAddedSchema(Schema):
    """Rows 38/39: recognized items added; the count is `ingredients_count` or `foods_count`."""

    message = given_string("message")
    source = f.Constant("recognition")
    ingredients_count = f.Integer(source=lambda _: f.given("ingredients_count"))
    foods_count = f.Integer(source=lambda _: f.given("foods_count"))
    enhanced_data = f.Nested(InventoryItemSchema, many=True, source=lambda vs: vs, required=True)


class _OneItemAdded(Schema):
    message = f.Constant("Item added")
    item_type = f.String(
        attribute="item.kind", required=True, metadata={"enum": ["ingredient", "food"]}
    )
    id = f.Integer(attribute="item.id", required=True)


class ItemAddedSchema(_OneItemAdded):
    """Row 26 (POST /api/inventory): the item that got the new stack, under `item`."""

    item = f.Nested(InventoryItemSchema, source=lambda v: v, required=True)


class AddItemResultSchema(_OneItemAdded):
    """Row 40 (add_item): the item that got the new stack, under `item_data`."""

    item_data = f.Nested(InventoryItemSchema, source=lambda v: v, required=True)
