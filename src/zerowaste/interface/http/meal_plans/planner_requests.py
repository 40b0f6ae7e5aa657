"""What the planner's routes take: week plans with their slots, changes, templates, slot notes."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate

from zerowaste.application.meal_plans.planner import PlanChanges
from zerowaste.domain.meal_plans.calendar import parse_day, parse_week
from zerowaste.domain.meal_plans.plans import MAX_NAME
from zerowaste.domain.meal_plans.slots import MAX_NOTES, MAX_SERVINGS, MEAL_TYPES, Slot
from zerowaste.interface.http.schemas import RequestSchema

MAX_SLOTS = 7 * len(MEAL_TYPES)
NAME = validate.Length(max=MAX_NAME)
NOTES = validate.Length(max=MAX_NOTES)


class SlotRequestSchema(RequestSchema):
    date = fields.String(required=True, metadata={"format": "date", "example": "2026-12-07"})
    meal_type = fields.String(required=True, validate=validate.OneOf(MEAL_TYPES))
    recipe_uid = fields.String(required=True, validate=validate.Length(1, 32))
    servings = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(1, MAX_SERVINGS)
    )
    notes = fields.String(load_default="", validate=NOTES)

    @post_load
    def _slot(self, data: dict[str, Any], **_: Any) -> Slot:
        return Slot(
            parse_day(data["date"]),
            data["meal_type"],
            data["recipe_uid"],
            data["servings"],
            data["notes"],
        )


def _slots(**kwargs: Any) -> fields.List[Any]:
    return fields.List(
        fields.Nested(SlotRequestSchema), validate=validate.Length(max=MAX_SLOTS), **kwargs
    )


class WeeklyPlanSchema(RequestSchema):
    """A named week and its slots (dates inside the week)."""

    week = fields.String(required=True, metadata={"example": "2026-W49"})
    name = fields.String(load_default="", validate=NAME)
    notes = fields.String(load_default="", validate=NOTES)
    slots = _slots(load_default=list)

    @post_load
    def _week(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["week"] = parse_week(data["week"])
        return data


class PlanChangesSchema(RequestSchema):
    """Every key optional; `slots` replaces every slot of the plan's week."""

    name = fields.String(load_default=None, validate=validate.Length(1, MAX_NAME))
    notes = fields.String(load_default=None, validate=NOTES)
    slots = _slots(load_default=None)

    @post_load
    def _changes(self, data: dict[str, Any], **_: Any) -> PlanChanges:
        return PlanChanges(data["name"], data["notes"], data["slots"])


class TemplateRequestSchema(RequestSchema):
    name = fields.String(load_default="", validate=NAME)


class ApplyTemplateSchema(RequestSchema):
    week = fields.String(required=True, metadata={"example": "2026-W50"})

    @post_load
    def _week(self, data: dict[str, Any], **_: Any) -> Any:
        return parse_week(data["week"])


class SlotChangesSchema(RequestSchema):
    notes = fields.String(load_default=None, validate=NOTES)
    servings = fields.Integer(load_default=None, validate=validate.Range(1, MAX_SERVINGS))

    @post_load
    def _some(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data["notes"] is None and data["servings"] is None:
            raise ValidationError({"notes": ["Send notes or servings"]})
        return data
