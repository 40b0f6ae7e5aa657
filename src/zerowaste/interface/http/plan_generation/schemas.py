"""Plan generation (row 58 and `/api/meal-plans/generate`): the two requests and the one shape
a generated plan is answered and listed in (`GET /api/plan/history`)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, pre_load, validate

from zerowaste.domain.meal_plans.slots import CATEGORY_SLOTS
from zerowaste.domain.planning.plan import MEAL_TYPES
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

DEFAULT_MEALS = ["breakfast", "lunch", "dinner"]


def _meal_type(value: str) -> str:
    """A meal type, or the client's recipe category that names one ("desayuno")."""
    key = value.strip().lower()
    found = key if key in MEAL_TYPES else CATEGORY_SLOTS.get(key)
    if found is None:
        raise ValidationError(f"Unknown meal type {value!r}; one of {', '.join(MEAL_TYPES)}")
    return found


class MacroSplitSchema(RequestSchema):
    protein = fields.Integer(required=True, validate=validate.Range(0, 100))
    fat = fields.Integer(required=True, validate=validate.Range(0, 100))
    carbs = fields.Integer(required=True, validate=validate.Range(0, 100))


class GeneratePlanSchema(RequestSchema):
    """`POST /api/meal-plans/generate`."""

    start_date = fields.Date(load_default=None, metadata={"description": "default: today"})
    days = fields.Integer(load_default=7, validate=validate.Range(1, 14))
    meal_types = fields.List(
        fields.String(validate=validate.Length(1, 20)),
        load_default=lambda: list(DEFAULT_MEALS),
        validate=validate.Length(1, len(MEAL_TYPES)),
    )
    calories_per_day = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(500, 10000)
    )
    macro_split = fields.Nested(MacroSplitSchema, load_default=None, allow_none=True)
    servings = fields.Integer(load_default=1, validate=validate.Range(1, 50))

    @post_load
    def _meals(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        meals = [_meal_type(m) for m in data["meal_types"]]
        if len(set(meals)) != len(meals):
            raise ValidationError({"meal_types": ["Each meal type once"]})
        return {**data, "meal_types": meals}


class ClientPlanSchema(GeneratePlanSchema):
    """Row 58: `{ingredients:[maps], days?, meal_types?, dietary_restrictions?,
    calories_per_day?, preferences?}`; the ingredients are used up first beside the inventory,
    the restrictions add to the profile's diets. `preferences` are accepted and not used (the
    optimiser weighs stock, calories and macros)."""

    ingredients = fields.List(fields.Raw(), load_default=list, validate=validate.Length(max=50))
    dietary_restrictions = fields.List(
        fields.String(validate=validate.Length(1, 60)),
        load_default=list,
        validate=validate.Length(max=10),
    )
    preferences = fields.List(fields.Raw(), load_default=list, validate=validate.Length(max=20))

    @pre_load
    def _nulls(self, data: Any, **_: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data

    @post_load
    def _foods(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        names = []
        for raw in data["ingredients"]:
            name = raw.get("name") if isinstance(raw, dict) else raw
            if not isinstance(name, str) or not name.strip() or len(name) > 120:
                raise ValidationError({"ingredients": ["Each ingredient is a name or {name, ...}"]})
            names.append(name.strip())
        return {**data, "ingredients": names}


class HistoryQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class PlannedMealSchema(Schema):
    date = f.String(required=True, source=lambda s: s["date"])
    meal_type = f.String(required=True, source=lambda s: s["meal_type"])
    recipe_uid = f.String(required=True, source=lambda s: s["recipe_uid"])
    title = f.String(required=True, source=lambda s: s["title"])
    servings = f.Integer(required=True, source=lambda s: s["servings"])
    kcal = f.Float(required=True, allow_none=True, source=lambda s: s.get("kcal"))
    uses = f.List(
        f.String(),
        required=True,
        source=lambda s: s.get("uses", []),
        metadata={"description": "pantry foods this meal uses up"},
    )


class UnfilledSchema(Schema):
    date = f.String(required=True, source=lambda u: u["date"])
    meal_type = f.String(required=True, source=lambda u: u["meal_type"])
    reason = f.String(required=True, source=lambda u: u["reason"])


class DayTotalsSchema(Schema):
    date = f.String(required=True, source=lambda d: d["date"])
    kcal = f.Float(required=True, allow_none=True, source=lambda d: d.get("kcal"))
    protein_g = f.Float(required=True, allow_none=True, source=lambda d: d.get("protein_g"))
    fat_g = f.Float(required=True, allow_none=True, source=lambda d: d.get("fat_g"))
    carbs_g = f.Float(required=True, allow_none=True, source=lambda d: d.get("carbs_g"))
    unknown_slots = f.Integer(required=True, source=lambda d: d.get("unknown_slots", 0))
    within_target = f.Boolean(
        required=True, allow_none=True, source=lambda d: d.get("within_target")
    )


class GeneratedPlanSchema(Schema):
    id = f.Integer(required=True, allow_none=True)
    start_date = f.String(required=True, source=lambda r: r.start.isoformat())
    days = f.Integer(required=True)
    meal_types = f.List(f.String(), required=True)
    servings = f.Integer(required=True)
    calories_per_day = f.Integer(required=True, allow_none=True)
    macro_split = f.Raw(required=True, allow_none=True, metadata={"type": "object"})
    meals = f.List(f.Nested(PlannedMealSchema), required=True, source="slots")
    unfilled = f.List(f.Nested(UnfilledSchema), required=True)
    day_totals = f.List(f.Nested(DayTotalsSchema), required=True)
    solver = f.String(required=True, metadata={"enum": ["cbc", "greedy"]})
    status = f.String(required=True, metadata={"enum": ["optimal", "feasible", "heuristic"]})
    seconds = f.Float(required=True)
    urgency_saved = f.Float(
        required=True, metadata={"description": "expiry-weighted stock the plan uses up"}
    )
    notes = f.List(f.String(), required=True)
    created_at = f.Timestamp(required=True, allow_none=True)


class PlanGeneratedSchema(Schema):
    message = f.Constant("Meal plan generated")
    meal_plan = f.Nested(GeneratedPlanSchema, required=True, source=lambda r: r)


class PlanHistorySchema(Schema):
    meal_plans = f.List(f.Nested(GeneratedPlanSchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))
    page = f.Integer(required=True, source=lambda _: f.given("page"))
    per_page = f.Integer(required=True, source=lambda _: f.given("per_page"))


class MealChoiceSchema(Schema):
    recipe_uid = f.String(required=True)
    title = f.String(required=True)
    kcal = f.Float(required=True, metadata={"description": "per serving (USDA SR28)"})


class SuggestionSchema(Schema):
    date = f.String(required=True, source=lambda s: s.day.isoformat())
    meal_type = f.String(required=True)
    replace = f.Nested(MealChoiceSchema, required=True)
    with_recipe = f.Nested(MealChoiceSchema, required=True, source="with_")
    day_kcal = f.Float(required=True)
    day_kcal_after = f.Float(required=True)


class PlanAdviceSchema(Schema):
    plan_id = f.Integer(required=True)
    start_date = f.String(required=True, source=lambda a: a.start.isoformat())
    end_date = f.String(required=True, source=lambda a: a.end.isoformat())
    target_kcal = f.Integer(required=True, metadata={"description": "per person per day"})
    suggestions = f.List(f.Nested(SuggestionSchema), required=True)
    days_not_judged = f.List(
        f.String(),
        required=True,
        source=lambda a: [d.isoformat() for d in a.days_not_judged],
        metadata={"description": "days with a meal whose kcal SR28 cannot give"},
    )
