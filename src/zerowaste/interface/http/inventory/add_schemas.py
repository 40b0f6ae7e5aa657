"""Request schemas of additions to the inventory (rows 25, 26, 38, 39, 40), both client layers.

Loading returns the application's commands (NewStock, StackChanges, Usage), so routes pass them
straight to the service. Extra keys the client sends are ignored (RequestSchema: EXCLUDE).
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, pre_load, validate, validates_schema

from zerowaste.application.inventory.intake import MAX_IMAGE_PATH, MAX_TIPS
from zerowaste.application.inventory.model import NewStock
from zerowaste.domain.inventory.items import MAX_NAME_LENGTH
from zerowaste.interface.http.inventory.fields import (
    KIND_WORDS,
    ClientDate,
    alias_keys,
    amount,
    is_food,
    lines_field,
    name_field,
    storage_field,
    text_field,
    time_unit_field,
    unit_field,
)
from zerowaste.interface.http.schemas import RequestSchema, image_reference_field

DEFAULT_UNIT = "unidades"
NAME = fields.String(validate=validate.Length(max=MAX_NAME_LENGTH))


class ExpiryFields(RequestSchema):
    """An explicit date, or a duration, or neither (estimated from the data pack)."""

    storage_type = storage_field(load_default=None, allow_none=True)
    tips = text_field(MAX_TIPS, load_default=None)
    image_path = image_reference_field(MAX_IMAGE_PATH, load_default=None)
    expiration_date = ClientDate(load_default=None, allow_none=True)
    expiration_time = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=3650)
    )
    time_unit = time_unit_field(load_default=None, allow_none=True)

    @pre_load
    def _no_duration(self, data: Any, **_: Any) -> Any:
        """Recognition sends 0 when it has no estimate: that means "estimate it" (contract C)."""
        value = data.get("expiration_time") if isinstance(data, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool) and value <= 0:
            return {**data, "expiration_time": None}
        return data


class StockLineSchema(ExpiryFields):
    """One ingredient line (row 25, and the recognized objects of row 38)."""

    name = name_field(required=True)
    quantity = amount(required=True)
    type_unit = unit_field(required=True, metadata={"description": "also accepted as `unit`"})

    @pre_load
    def _unitalias_keys(self, data: Any, **_: Any) -> Any:
        return alias_keys(data, unit="type_unit")

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> NewStock:
        return NewStock(
            name=data["name"],
            quantity=data["quantity"],
            unit=data["type_unit"],
            storage=data["storage_type"],
            tips=data["tips"],
            image_path=data["image_path"],
            expires_on=data["expiration_date"],
            expiration_time=data["expiration_time"],
            time_unit=data["time_unit"],
        )


class FoodLineSchema(ExpiryFields):
    """One prepared food (recognized objects of row 39); `serving_quantity` is its count."""

    name = name_field(required=True)
    serving_quantity = amount(load_default=None, allow_none=True)
    main_ingredients = fields.List(
        fields.String(validate=validate.Length(min=1, max=120)),
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=50),
    )
    category = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=60))
    calories = fields.Float(
        load_default=None, allow_none=True, validate=validate.Range(min=0, max=100000)
    )
    description = text_field(2000, load_default=None)

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> NewStock:
        calories = data["calories"]
        return NewStock(
            name=data["name"],
            quantity=data["serving_quantity"] or 1,
            unit="serving",
            kind="food",
            storage=data["storage_type"],
            tips=data["tips"],
            image_path=data["image_path"],
            expires_on=data["expiration_date"],
            expiration_time=data["expiration_time"],
            time_unit=data["time_unit"],
            category=data["category"],
            description=data["description"],
            main_ingredients=data["main_ingredients"] or [],
            calories=None if calories is None else round(calories),
        )


class AddIngredientsSchema(RequestSchema):
    """Row 25: `{ingredients: [...]}`."""

    ingredients = lines_field(StockLineSchema, required=True)


class FromRecognitionSchema(RequestSchema):
    """Rows 38/39: L1 sends the recognized objects; L2 sends a recognition id + names."""

    ingredients = lines_field(StockLineSchema, load_default=None)
    foods = lines_field(FoodLineSchema, load_default=None)
    recognition_id = fields.String(load_default=None, validate=validate.Length(min=1, max=64))
    selected_ingredients = fields.List(NAME, validate=validate.Length(max=100))
    selected_foods = fields.List(NAME, validate=validate.Length(max=100))

    @validates_schema
    def _one_shape(self, data: dict[str, Any], **_: Any) -> None:
        if not (data.get("ingredients") or data.get("foods") or data.get("recognition_id")):
            raise ValidationError("Send the recognized items, or a recognition_id")


def _kind_word(value: str) -> None:
    if value.strip().casefold() not in KIND_WORDS:
        raise ValidationError("Expected ingredient or food")


class AddItemSchema(ExpiryFields):
    """Rows 26 and 40: one item map; L1 PUT add_item wraps it as `{item_type, item_data}`."""

    name = name_field(required=True)
    item_type = fields.String(load_default=None, allow_none=True, validate=_kind_word)
    category = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=60))
    quantity = amount(load_default=None, allow_none=True)
    serving_quantity = amount(load_default=None, allow_none=True)
    type_unit = unit_field(load_default=None, allow_none=True)
    main_ingredients = fields.List(
        fields.String(validate=validate.Length(max=120)),
        load_default=list,
        validate=validate.Length(max=50),
    )
    calories = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 1e5))
    description = text_field(2000, load_default=None)

    @pre_load
    def _unwrap(self, data: Any, **_: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("item_data"), dict):
            data = {**data["item_data"], "item_type": data.get("item_type")}
        return alias_keys(data, unit="type_unit", image_url="image_path")

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> NewStock:
        category = data["category"]
        food = is_food(data["item_type"], category) or bool(
            data["item_type"] is None and (data["serving_quantity"] or data["main_ingredients"])
        )
        if category and category.strip().casefold() in KIND_WORDS:
            category = None  # L2's category names the kind, not a dish category
        calories = data["calories"]
        return NewStock(
            name=data["name"],
            kind="food" if food else "ingredient",
            quantity=(data["serving_quantity"] if food else None) or data["quantity"] or 1,
            unit="serving" if food else data["type_unit"] or DEFAULT_UNIT,
            storage=data["storage_type"],
            tips=data["tips"],
            image_path=data["image_path"],
            expires_on=data["expiration_date"],
            expiration_time=data["expiration_time"],
            time_unit=data["time_unit"],
            category=category if food else None,
            description=data["description"],
            main_ingredients=data["main_ingredients"],
            calories=None if calories is None else round(calories),
        )
