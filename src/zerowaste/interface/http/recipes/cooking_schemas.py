"""Cooking: the request and what was taken from stock."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema


class CookSchema(RequestSchema):
    servings = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 100))


class TakenSchema(Schema):
    """One part taken from one stack (a journal entry with reason `cooked`)."""

    name = f.String(required=True, source="item_name")
    quantity = f.Whole(required=True)
    unit = f.UnitLabel(required=True)
    stack_added_at = f.Timestamp(required=True)


class CookedSchema(Schema):
    message = f.Constant("Recipe cooked")
    cook_id = f.String(required=True)
    recipe_uid = f.String(required=True, source="recipe.uid")
    title = f.String(required=True, source="recipe.title")
    servings = f.Integer(required=True, allow_none=True)
    cooked_at = f.Timestamp(required=True)
    deducted = f.List(f.Nested(TakenSchema), required=True, source="taken")
    not_deducted = f.List(
        f.String(),
        required=True,
        source=lambda c: [line.text or line.name for line in c.not_deducted],
        metadata={"description": "lines without an amount in a known unit"},
    )
