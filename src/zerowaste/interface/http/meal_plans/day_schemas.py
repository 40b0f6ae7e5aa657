"""Daily plans as the client reads them (rows 52-57): `{date, breakfast, lunch, dinner, dessert,
snack}`, each meal the client's recipe shape (RecipeSchema, with its `uid`) or null, plus the
slots behind them (ids for the planner's routes, servings, notes)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from zerowaste.domain.meal_plans.slots import MEAL_TYPES
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.recipes.schemas import RecipeSchema


class SlotInfoSchema(Schema):
    id = f.Integer(required=True)
    date = f.String(required=True, source=lambda s: s.date.isoformat())
    meal_type = f.String(required=True, metadata={"enum": list(MEAL_TYPES)})
    recipe_uid = f.String(required=True)
    servings = f.Integer(required=True, allow_none=True)
    notes = f.String(required=True)
    added_by = f.String(required=True, allow_none=True)
    updated_at = f.Timestamp(required=True, allow_none=True)


def _recipe_of(meal: str) -> Any:
    def find(plan: Any) -> Any:
        slot = plan.meal(meal)
        return slot.recipe if slot is not None else None

    return find


def _meal_field(meal: str) -> f.Nested:
    return f.Nested(RecipeSchema, required=True, allow_none=True, source=_recipe_of(meal))


class DayPlanSchema(Schema):
    date = f.String(required=True, source=lambda p: p.date.isoformat())
    breakfast = _meal_field("breakfast")
    lunch = _meal_field("lunch")
    dinner = _meal_field("dinner")
    dessert = _meal_field("dessert")
    snack = _meal_field("snack")
    slots = f.List(f.Nested(SlotInfoSchema), required=True)


class DayPlanSavedSchema(Schema):
    message = f.String(required=True, source=lambda _: f.given("message"))
    meal_plan = f.Nested(DayPlanSchema, required=True, source=lambda p: p)


class DayPlanFoundSchema(Schema):
    meal_plan = f.Nested(DayPlanSchema, required=True, source=lambda p: p)


class DayPlanPageSchema(Schema):
    meal_plans = f.List(f.Nested(DayPlanSchema), required=True, source="plans")
    count = f.Integer(required=True, source=lambda p: len(p.plans))
    total = f.Integer(required=True)
    page = f.Integer(required=True, source=lambda _: f.given("page"))
    per_page = f.Integer(required=True, source=lambda _: f.given("per_page"))


class PlanDatesSchema(Schema):
    dates = f.List(f.String(), required=True, source=lambda ds: [d.isoformat() for d in ds])
    count = f.Integer(required=True, source=lambda ds: len(ds))


class PlanDeletedSchema(Schema):
    message = f.Constant("Meal plan deleted")
    date = f.String(required=True, source=lambda d: d.isoformat())
