"""Inventory request schemas for both client layers (L1 and L2) and the id-based routes.

Loading returns the application's commands (NewStock, StackChanges, Usage), so routes pass them
straight to the service. Extra keys the client sends are ignored (RequestSchema: EXCLUDE).
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, pre_load, validate, validates_schema

from zerowaste.application.inventory.intake import MAX_IMAGE_PATH, MAX_TIPS
from zerowaste.application.inventory.model import NewStock, StackChanges, Usage
from zerowaste.interface.http.inventory.fields import (
    KIND_WORDS,
    ClientDate,
    ClientDateTime,
    UtcDateTime,
    amount,
    is_food,
    lines_field,
    name_field,
    storage_field,
    text_field,
    time_unit_field,
    unit_field,
)
from zerowaste.interface.http.inventory.refs import MAX_ID
from zerowaste.interface.http.schemas import RequestSchema

COOKED_WORDS = frozenset({"cooked", "cocinado", "cocinada", "recipe", "receta", "cooking"})
WASTE_WORDS = frozenset({"wasted", "waste", "expired", "desperdiciado", "vencido", "spoiled"})
DEFAULT_UNIT = "unidades"
STACK_ID = validate.Range(min=1, max=MAX_ID)
NAME = fields.String(validate=validate.Length(max=120))


def _alias(data: Any, **aliases: str) -> Any:
    """Copy each alias key onto its canonical key when the canonical one is absent."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for alias, canonical in aliases.items():
        if out.get(canonical) is None and out.get(alias) is not None:
            out[canonical] = out[alias]
    return out


class ExpiryFields(RequestSchema):
    """An explicit date, or a duration, or neither (estimated from the data pack)."""

    storage_type = storage_field(load_default=None, allow_none=True)
    tips = text_field(MAX_TIPS, load_default=None)
    image_path = text_field(MAX_IMAGE_PATH, load_default=None)
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
    def _unit_alias(self, data: Any, **_: Any) -> Any:
        return _alias(data, unit="type_unit")

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> NewStock:
        return NewStock(
            name=data["name"], quantity=data["quantity"], unit=data["type_unit"],
            storage=data["storage_type"], tips=data["tips"], image_path=data["image_path"],
            expires_on=data["expiration_date"], expiration_time=data["expiration_time"],
            time_unit=data["time_unit"],
        )  # fmt: skip


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
            name=data["name"], quantity=data["serving_quantity"] or 1, unit="serving", kind="food",
            storage=data["storage_type"], tips=data["tips"], image_path=data["image_path"],
            expires_on=data["expiration_date"], expiration_time=data["expiration_time"],
            time_unit=data["time_unit"], category=data["category"],
            description=data["description"], main_ingredients=data["main_ingredients"] or [],
            calories=None if calories is None else round(calories),
        )  # fmt: skip


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


class AddItemSchema(ExpiryFields):
    """Rows 26 and 40: one item map; L1 PUT add_item wraps it as `{item_type, item_data}`."""

    name = name_field(required=True)
    item_type = fields.String(load_default=None, validate=validate.Length(max=40))
    category = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=60))
    quantity = amount(load_default=None, allow_none=True)
    serving_quantity = amount(load_default=None, allow_none=True)
    type_unit = unit_field(load_default=None, allow_none=True)
    main_ingredients = fields.List(fields.String(validate=validate.Length(max=120)),
                                   load_default=list, validate=validate.Length(max=50))  # fmt: skip
    calories = fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 1e5))
    description = text_field(2000, load_default=None)

    @pre_load
    def _unwrap(self, data: Any, **_: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("item_data"), dict):
            data = {**data["item_data"], "item_type": data.get("item_type")}
        return _alias(data, unit="type_unit", image_url="image_path")

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
            name=data["name"], kind="food" if food else "ingredient",
            quantity=(data["serving_quantity"] if food else None) or data["quantity"] or 1,
            unit="serving" if food else data["type_unit"] or DEFAULT_UNIT,
            storage=data["storage_type"], tips=data["tips"], image_path=data["image_path"],
            expires_on=data["expiration_date"], expiration_time=data["expiration_time"],
            time_unit=data["time_unit"], category=category if food else None,
            description=data["description"], main_ingredients=data["main_ingredients"],
            calories=None if calories is None else round(calories),
        )  # fmt: skip


class UpdateStackSchema(RequestSchema):
    """Rows 27/28 (`{name, quantity, expiration_date, type_unit, storage_type, tips, image_path}`)
    and PATCH /items/<id> (`stack_id` names the stack of a multi-stack item)."""

    name = name_field(load_default=None, allow_none=True)
    quantity = amount(allow_zero=True, load_default=None, allow_none=True)
    type_unit = unit_field(load_default=None, allow_none=True)
    expiration_date = ClientDate(load_default=None, allow_none=True)
    storage_type = storage_field(load_default=None, allow_none=True)
    tips = text_field(MAX_TIPS, load_default=None)
    image_path = text_field(MAX_IMAGE_PATH, load_default=None)
    stack_id = fields.Integer(load_default=None, allow_none=True, validate=STACK_ID)

    @pre_load
    def _aliases(self, data: Any, **_: Any) -> Any:
        return _alias(data, unit="type_unit")

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        changes = StackChanges(
            quantity=data["quantity"], unit=data["type_unit"], expires_on=data["expiration_date"],
            storage=data["storage_type"], tips=data["tips"], image_path=data["image_path"],
            name=data["name"],
        )  # fmt: skip
        return {"changes": changes, "stack_id": data["stack_id"]}


class SetQuantitySchema(RequestSchema):
    """Rows 30/31: L1 PATCH `{quantity}` or `{serving_quantity}`; L2 PUT `{quantity, unit}`."""

    quantity = amount(allow_zero=True, required=True)
    unit = unit_field(load_default=None, allow_none=True)

    @pre_load
    def _aliases(self, data: Any, **_: Any) -> Any:
        return _alias(data, serving_quantity="quantity", type_unit="unit")


class SetExpirationSchema(RequestSchema):
    """Row 42: `{expiration_date}` (ISO date or date-time)."""

    expiration_date = ClientDate(required=True)


def _usage(data: dict[str, Any], reason: str, note: str | None = None) -> Usage:
    return Usage(
        quantity=data["quantity"], unit=data.get("unit"), reason=reason,
        recipe_used=data.get("recipe_used"), note=note, occurred_at=data.get("consumed_at"),
    )  # fmt: skip


class ConsumeIngredientSchema(RequestSchema):
    """Row 33. L1 `{consumed_quantity, consumption_reason?, recipe_used?}`; L2 adds `unit`,
    `consumed_at`. No amount = the whole stack. A reason saying wasted/expired throws it away."""

    quantity = amount(load_default=None, allow_none=True, data_key="consumed_quantity")
    unit = unit_field(load_default=None, allow_none=True)
    consumed_at = ClientDateTime(load_default=None, allow_none=True)
    consumption_reason = fields.String(load_default=None, allow_none=True,
                                       validate=validate.Length(max=60))  # fmt: skip
    recipe_used = text_field(200, load_default=None)

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> Usage:
        """The client's words for the reason, as the journal's reasons (the service decides)."""
        said = (data["consumption_reason"] or "").strip().casefold()
        if said in WASTE_WORDS:
            return _usage(data, "wasted", note=said)
        return _usage(data, "cooked" if said in COOKED_WORDS else "consumed")


class ConsumeFoodSchema(RequestSchema):
    """Row 34. L1 `{portions}` or `{}` (all); L2 `{consumed_quantity, unit, consumed_at}`.
    Foods are counted in servings, so the unit is not used."""

    quantity = amount(load_default=None, allow_none=True)
    consumed_at = ClientDateTime(load_default=None, allow_none=True)

    @pre_load
    def _aliases(self, data: Any, **_: Any) -> Any:
        return _alias(data, portions="quantity", consumed_portions="quantity",
                      consumed_quantity="quantity")  # fmt: skip

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> Usage:
        return _usage(data, "consumed")


class ConsumeItemSchema(RequestSchema):
    """POST /items/<id>/consume: FEFO over the item, or the named stack; no amount = all."""

    quantity = amount(load_default=None, allow_none=True)
    unit = unit_field(load_default=None, allow_none=True)
    stack_id = fields.Integer(load_default=None, allow_none=True, validate=STACK_ID)
    reason = fields.String(load_default="consumed", validate=validate.OneOf(["consumed", "cooked"]))
    recipe_used = text_field(200, load_default=None)
    consumed_at = UtcDateTime(load_default=None, allow_none=True)

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {"usage": _usage(data, data["reason"]), "stack_id": data["stack_id"]}


class WasteItemSchema(RequestSchema):
    """POST /items/<id>/waste: expired lots first; journaled as expired or wasted."""

    quantity = amount(load_default=None, allow_none=True)
    unit = unit_field(load_default=None, allow_none=True)
    stack_id = fields.Integer(load_default=None, allow_none=True, validate=STACK_ID)
    note = text_field(500, load_default=None)

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {"usage": _usage(data, "wasted", data["note"]), "stack_id": data["stack_id"]}
