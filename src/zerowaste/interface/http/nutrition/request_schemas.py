"""What the client sends to the nutrition routes: ingredient lines, a search, a swap request."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import fields, post_load, validate

from zerowaste.application.nutrition.calculator import NutritionLine
from zerowaste.domain.nutrition.calculation import MAX_LINES, MAX_SERVINGS, Basis
from zerowaste.domain.nutrition.matching import SR28_PREPARATIONS
from zerowaste.domain.nutrition.swaps import GOALS
from zerowaste.domain.shared.units import MAX_CANONICAL_AMOUNT
from zerowaste.interface.http.schemas import RequestSchema

LINES = validate.Length(1, MAX_LINES, error=f"Send 1 to {MAX_LINES} ingredient lines")


class NutritionLineSchema(RequestSchema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    quantity = fields.Float(
        load_default=None,
        allow_none=True,
        allow_nan=False,
        validate=validate.Range(0, int(MAX_CANONICAL_AMOUNT), min_inclusive=False),
        metadata={"description": "above 0; null: the line is reported as no_quantity"},
    )
    unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))
    type_unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))
    basis = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf([b.value for b in Basis]),
        metadata={"description": "for a mass: weighed as_purchased (default) or edible"},
    )

    @post_load
    def _line(self, data: dict[str, Any], **_: Any) -> NutritionLine:
        basis = Basis(data["basis"]) if data["basis"] else None
        unit = data["unit"] or data["type_unit"]
        quantity = None if data["quantity"] is None else Decimal(str(data["quantity"]))
        return NutritionLine(data["name"].strip(), quantity, unit, basis)


class CalculateSchema(RequestSchema):
    ingredients = fields.List(fields.Nested(NutritionLineSchema), required=True, validate=LINES)
    servings = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(1, MAX_SERVINGS)
    )


class DatabaseQuerySchema(RequestSchema):
    food_item = fields.String(required=True, validate=validate.Length(1, 100))
    portion_size = fields.String(load_default=None, validate=validate.Length(1, 40))
    preparation_method = fields.String(
        load_default=None, validate=validate.OneOf(SR28_PREPARATIONS)
    )
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class SuggestSwapsSchema(RequestSchema):
    ingredients = fields.List(fields.Nested(NutritionLineSchema), required=True, validate=LINES)
    goal = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(list(GOALS)))
    allergies = fields.List(
        fields.String(validate=validate.Length(1, 60)),
        load_default=list,
        validate=validate.Length(max=20),
    )
    allergy = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 60))

    @post_load
    def _terms(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        terms = [*data["allergies"], *([data["allergy"]] if data["allergy"] else [])]
        return {**data, "allergies": terms}
