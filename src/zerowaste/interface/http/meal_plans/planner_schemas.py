"""The planner as the client reads it: weeks (7 days x meal types) and months of slots with
recipe summaries, named plans and templates."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import Schema

from zerowaste.domain.meal_plans.calendar import week_of
from zerowaste.domain.meal_plans.slots import MEAL_TYPES
from zerowaste.interface.http import response_fields as f

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class RecipeSummarySchema(Schema):
    uid = f.String(required=True)
    title = f.String(required=True)
    category = f.String(required=True)
    difficulty = f.String(required=True)
    duration = f.String(required=True)
    minutes = f.Integer(required=True, allow_none=True)
    servings = f.Integer(required=True, allow_none=True)
    source = f.String(required=True, metadata={"enum": ["catalog", "saved", "generated"]})
    image_path = f.AbsoluteUrl(
        required=True,
        allow_none=True,
        source=lambda r: f.given("image_url")(r.image_key) if r.image_key else None,
    )


class PlannedSlotSchema(Schema):
    id = f.Integer(required=True)
    date = f.String(required=True, source=lambda s: s.date.isoformat())
    meal_type = f.String(required=True, metadata={"enum": list(MEAL_TYPES)})
    recipe_uid = f.String(required=True)
    servings = f.Integer(required=True, allow_none=True)
    notes = f.String(required=True)
    added_by = f.String(required=True, allow_none=True)
    updated_at = f.Timestamp(required=True, allow_none=True)
    recipe = f.Nested(RecipeSummarySchema, required=True, allow_none=True)


def _meal(meal: str) -> f.Nested:
    return f.Nested(
        PlannedSlotSchema,
        required=True,
        allow_none=True,
        source=lambda d: d[1].get(meal),
    )


class PlanDaySchema(Schema):
    date = f.String(required=True, source=lambda d: d[0].isoformat())
    weekday = f.String(required=True, source=lambda d: WEEKDAYS[d[0].weekday()])
    breakfast = _meal("breakfast")
    lunch = _meal("lunch")
    dinner = _meal("dinner")
    dessert = _meal("dessert")
    snack = _meal("snack")


def _days(view: Any) -> list[tuple[date, dict[str, Any]]]:
    by_day: dict[date, dict[str, Any]] = {day: {} for day in view.days}
    for slot in view.slots:
        by_day.setdefault(slot.date, {})[slot.meal_type] = slot
    return list(by_day.items())


class PlanInfoSchema(Schema):
    id = f.Integer(required=True)
    name = f.String(required=True)
    notes = f.String(required=True)
    week = f.String(
        required=True,
        allow_none=True,
        source=lambda p: week_of(p.week_start).id if p.week_start else None,
    )
    week_start = f.String(
        required=True,
        allow_none=True,
        source=lambda p: p.week_start.isoformat() if p.week_start else None,
    )
    created_by = f.String(required=True, allow_none=True)
    created_at = f.Timestamp(required=True, allow_none=True)
    updated_at = f.Timestamp(required=True, allow_none=True)


class WeekPlanSchema(Schema):
    week = f.String(required=True, source="label", metadata={"example": "2026-W49"})
    start_date = f.String(required=True, source=lambda v: v.start.isoformat())
    end_date = f.String(required=True, source=lambda v: v.end.isoformat())
    plan = f.Nested(PlanInfoSchema, required=True, allow_none=True)
    meal_types = f.List(f.String(), required=True, source=lambda _: list(MEAL_TYPES))
    days = f.List(f.Nested(PlanDaySchema), required=True, source=_days)
    slot_count = f.Integer(required=True, source=lambda v: len(v.slots))


class MonthPlanSchema(Schema):
    month = f.String(required=True, source="label", metadata={"example": "2026-12"})
    start_date = f.String(required=True, source=lambda v: v.start.isoformat())
    end_date = f.String(required=True, source=lambda v: v.end.isoformat())
    plans = f.List(f.Nested(PlanInfoSchema), required=True)
    meal_types = f.List(f.String(), required=True, source=lambda _: list(MEAL_TYPES))
    days = f.List(f.Nested(PlanDaySchema), required=True, source=_days)
    slot_count = f.Integer(required=True, source=lambda v: len(v.slots))


class TemplateSlotSchema(Schema):
    weekday = f.String(required=True, source=lambda t: WEEKDAYS[t.weekday])
    meal_type = f.String(required=True, metadata={"enum": list(MEAL_TYPES)})
    recipe_uid = f.String(required=True)
    servings = f.Integer(required=True, allow_none=True)
    notes = f.String(required=True)
    recipe = f.Nested(RecipeSummarySchema, required=True, allow_none=True)


class TemplateSchema(Schema):
    id = f.Integer(required=True)
    name = f.String(required=True)
    notes = f.String(required=True)
    created_at = f.Timestamp(required=True, allow_none=True)
    slots = f.List(f.Nested(TemplateSlotSchema), required=True, source="template_slots")


class TemplatesSchema(Schema):
    templates = f.List(f.Nested(TemplateSchema), required=True, source=lambda t: t)
    count = f.Integer(required=True, source=lambda t: len(t))


class SlotChangedSchema(Schema):
    message = f.Constant("Slot updated")
    slot = f.Nested(PlannedSlotSchema, required=True, source=lambda s: s)
