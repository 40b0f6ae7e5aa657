"""What the client sends to build and use shopping lists."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, post_load, pre_load, validate, validates_schema

from zerowaste.application.shopping.service import ItemChanges, ItemInput
from zerowaste.domain.shared import units
from zerowaste.domain.shopping.lists import MAX_ITEMS
from zerowaste.interface.http.schemas import RequestSchema

NAME = validate.Length(1, 120)
QUANTITY = validate.Range(min=0, min_inclusive=False, max=100000)
MAX_BATCH = 200


def _decimal(value: float | None) -> Decimal | None:
    """The amount as the decimal the client wrote (0.1 stays 0.1), to the gram."""
    return None if value is None else round(Decimal(repr(value)), 3)


def _known_unit(value: str) -> None:
    try:
        units.normalize_measure(value)
    except units.InvalidUnit as error:
        raise ValidationError(str(error)) from error


class _Amount(RequestSchema):
    quantity = fields.Float(load_default=None, allow_none=True, allow_nan=False, validate=QUANTITY)
    unit = fields.String(
        load_default=None, allow_none=True, validate=[validate.Length(1, 20), _known_unit]
    )

    @validates_schema
    def _both_or_neither(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("quantity") is None) != (data.get("unit") is None):
            raise ValidationError("Give quantity and unit together", "quantity")


class ItemSchema(_Amount):
    name = fields.String(required=True, validate=NAME)
    note = fields.String(load_default="", validate=validate.Length(max=300))

    @pre_load
    def _type_unit(self, data: Any, **_: Any) -> Any:
        """The client's recipe lines say `type_unit`."""
        if isinstance(data, dict) and "unit" not in data and "type_unit" in data:
            return {**data, "unit": data["type_unit"]}
        return data

    @post_load
    def _input(self, data: dict[str, Any], **_: Any) -> ItemInput:
        unit = units.normalize_measure(data["unit"]) if data["unit"] else None
        return ItemInput(data["name"].strip(), _decimal(data["quantity"]), unit, data["note"])


class NewListSchema(RequestSchema):
    name = fields.String(load_default="Lista de compras", validate=NAME)
    items = fields.List(
        fields.Nested(ItemSchema), load_default=list, validate=validate.Length(max=MAX_ITEMS)
    )


class AddItemsSchema(RequestSchema):
    """`{"items": [...]}`, or one item's fields."""

    items = fields.List(
        fields.Nested(ItemSchema), required=True, validate=validate.Length(1, MAX_BATCH)
    )

    @pre_load
    def _one(self, data: Any, **_: Any) -> Any:
        if isinstance(data, dict) and "items" not in data and "name" in data:
            return {"items": [data]}
        return data


class ListChangesSchema(RequestSchema):
    name = fields.String(validate=NAME)
    status = fields.String(validate=validate.OneOf(["active", "archived"]))

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("Give a name or a status", "name")


class ItemChangesSchema(_Amount):
    checked = fields.Boolean()
    note = fields.String(validate=validate.Length(max=300))

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not any(data.get(k) is not None for k in ("checked", "note", "quantity")):
            raise ValidationError("Give checked, quantity and unit, or note", "checked")

    @post_load
    def _changes(self, data: dict[str, Any], **_: Any) -> ItemChanges:
        unit = units.normalize_measure(data["unit"]) if data.get("unit") else None
        quantity = _decimal(data.get("quantity"))
        return ItemChanges(data.get("checked"), quantity, unit, data.get("note"))


class PurchaseSchema(RequestSchema):
    item_ids = fields.List(
        fields.Integer(validate=validate.Range(1, 2**63 - 1)),
        load_default=None,
        validate=validate.Length(max=MAX_ITEMS),
        metadata={"description": "items to buy; without it, every checked item"},
    )


class FromPlanSchema(RequestSchema):
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    list_id = fields.Integer(
        load_default=None,
        validate=validate.Range(1, 2**63 - 1),
        metadata={"description": "add to this list instead of making a new one"},
    )


class PageSchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))
