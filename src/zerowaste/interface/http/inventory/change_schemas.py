"""Request schemas of changes to what the client lists: edits, quantities, expiry dates and
consumption or waste (rows 27-34, 42 and the id-based routes), both client layers.

Loading returns the application's commands (StackChanges, Usage), so routes pass them straight
to the service. Extra keys the client sends are ignored (RequestSchema: EXCLUDE).
"""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, pre_load, validate

from zerowaste.application.inventory.intake import MAX_IMAGE_PATH, MAX_TIPS
from zerowaste.application.inventory.model import StackChanges, Usage
from zerowaste.interface.http.inventory.fields import (
    ClientDate,
    ClientDateTime,
    UtcDateTime,
    alias_keys,
    amount,
    id_field,
    name_field,
    storage_field,
    text_field,
    unit_field,
)
from zerowaste.interface.http.schemas import RequestSchema, image_reference_field

COOKED_WORDS = frozenset({"cooked", "cocinado", "cocinada", "recipe", "receta", "cooking"})
WASTE_WORDS = frozenset({"wasted", "waste", "expired", "desperdiciado", "vencido", "spoiled"})


class UpdateStackSchema(RequestSchema):
    """Rows 27/28 (`{name, quantity, expiration_date, type_unit, storage_type, tips, image_path}`)
    and PATCH /items/<id> (`stack_id` names the stack of a multi-stack item)."""

    name = name_field(load_default=None, allow_none=True)
    quantity = amount(allow_zero=True, load_default=None, allow_none=True)
    type_unit = unit_field(load_default=None, allow_none=True)
    expiration_date = ClientDate(load_default=None, allow_none=True)
    storage_type = storage_field(load_default=None, allow_none=True)
    tips = text_field(MAX_TIPS, load_default=None)
    image_path = image_reference_field(MAX_IMAGE_PATH, load_default=None)
    stack_id = id_field(load_default=None, allow_none=True)

    @pre_load
    def _aliases(self, data: Any, **_: Any) -> Any:
        return alias_keys(data, unit="type_unit")

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        changes = StackChanges(
            quantity=data["quantity"],
            unit=data["type_unit"],
            expires_on=data["expiration_date"],
            storage=data["storage_type"],
            tips=data["tips"],
            image_path=data["image_path"],
            name=data["name"],
        )
        return {"changes": changes, "stack_id": data["stack_id"]}


class SetQuantitySchema(RequestSchema):
    """Rows 30/31: L1 PATCH `{quantity}` or `{serving_quantity}`; L2 PUT `{quantity, unit}`."""

    quantity = amount(allow_zero=True, required=True)
    unit = unit_field(load_default=None, allow_none=True)

    @pre_load
    def _aliases(self, data: Any, **_: Any) -> Any:
        return alias_keys(data, serving_quantity="quantity", type_unit="unit")


class SetExpirationSchema(RequestSchema):
    """Row 42: `{expiration_date}` (ISO date or date-time)."""

    expiration_date = ClientDate(required=True)


def _usage(data: dict[str, Any], reason: str, note: str | None = None) -> Usage:
    return Usage(
        quantity=data["quantity"],
        unit=data.get("unit"),
        reason=reason,
        recipe_used=data.get("recipe_used"),
        note=note,
        occurred_at=data.get("consumed_at"),
    )


class ConsumeIngredientSchema(RequestSchema):
    """Row 33. L1 `{consumed_quantity, consumption_reason?, recipe_used?}`; L2 adds `unit`,
    `consumed_at`. No amount = the whole stack. A reason saying wasted/expired throws it away."""

    quantity = amount(load_default=None, allow_none=True, data_key="consumed_quantity")
    unit = unit_field(load_default=None, allow_none=True)
    consumed_at = ClientDateTime(load_default=None, allow_none=True)
    consumption_reason = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=60)
    )
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
        return alias_keys(
            data, portions="quantity", consumed_portions="quantity", consumed_quantity="quantity"
        )

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> Usage:
        return _usage(data, "consumed")


class ConsumeItemSchema(RequestSchema):
    """POST /items/<id>/consume: FEFO over the item, or the named stack; no amount = all."""

    quantity = amount(load_default=None, allow_none=True)
    unit = unit_field(load_default=None, allow_none=True)
    stack_id = id_field(load_default=None, allow_none=True)
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
    stack_id = id_field(load_default=None, allow_none=True)
    note = text_field(500, load_default=None)

    @post_load
    def _command(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {"usage": _usage(data, "wasted", data["note"]), "stack_id": data["stack_id"]}
