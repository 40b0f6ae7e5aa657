"""Analytics reports as the client reads them: the window, then per-bucket figures with their
units in the field names (kg, kcal, g, kg CO2e, L, MJ, MXN)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

FORMATS = ["json", "png", "svg", "csv", "xlsx"]


class AnalyticsQuerySchema(RequestSchema):
    period = fields.String(
        load_default=None, validate=validate.OneOf(["7d", "30d", "90d", "365d", "all"])
    )
    start = fields.Date(load_default=None)
    end = fields.Date(load_default=None)
    granularity = fields.String(
        load_default="day", validate=validate.OneOf(["day", "week", "month"])
    )
    format = fields.String(load_default="json", validate=validate.OneOf(FORMATS))
    member = fields.String(load_default=None, validate=validate.Length(min=1, max=128))


class WindowSchema(Schema):
    start = f.String(required=True, source=lambda w: w.start.isoformat())
    end = f.String(required=True, source=lambda w: w.end.isoformat())
    granularity = f.String(required=True, metadata={"enum": ["day", "week", "month"]})


class CountSchema(Schema):
    key = f.String(required=True, source=lambda c: str(c.key))
    count = f.Integer(required=True)


class RecipeCountSchema(Schema):
    recipe_uid = f.String(required=True, source="key")
    title = f.String(required=True, source="label")
    count = f.Integer(required=True)


class WeekdayCountSchema(Schema):
    weekday = f.Integer(required=True, source="key", metadata={"description": "0 = Monday"})
    count = f.Integer(required=True)


class CookingPatternsSchema(Schema):
    window = f.Nested(WindowSchema, required=True)
    total_cooks = f.Integer(required=True)
    buckets = f.List(f.Nested(CountSchema), required=True)
    by_weekday = f.List(f.Nested(WeekdayCountSchema), required=True)
    by_meal_type = f.List(
        f.Nested(CountSchema),
        required=True,
        metadata={"description": "meal plan slots planned in the window, per meal type"},
    )
    top_recipes = f.List(f.Nested(RecipeCountSchema), required=True)


class UsageSchema(Schema):
    consumed_kg = f.Float(required=True)
    wasted_kg = f.Float(required=True)
    consumed_entries = f.Integer(
        required=True, metadata={"description": "entries in units that are not a mass"}
    )
    wasted_entries = f.Integer(required=True)
    waste_rate = f.Float(
        required=True, allow_none=True, metadata={"description": "wasted / used, by kg"}
    )


class ItemUsageSchema(Schema):
    name = f.String(required=True)
    category = f.String(required=True)
    unit = f.String(required=True, metadata={"description": "kg when weighed, else its unit"})
    consumed = f.Float(required=True)
    wasted = f.Float(required=True)
    entries = f.Integer(required=True)
    waste_rate = f.Float(required=True, allow_none=True)


class CategoryUsageSchema(UsageSchema):
    category = f.String(required=True)


class IngredientUsageSchema(Schema):
    window = f.Nested(WindowSchema, required=True)
    total = f.Nested(UsageSchema, required=True)
    items = f.List(f.Nested(ItemUsageSchema), required=True)
    categories = f.List(
        f.Nested(CategoryUsageSchema),
        required=True,
        source=lambda r: [_with_category(name, usage) for name, usage in r.categories],
    )


def _with_category(name: str, usage: object) -> dict[str, object]:
    return {"category": name, **{k: getattr(usage, k) for k in UsageSchema._declared_fields}}


class UsageBucketSchema(UsageSchema):
    bucket = f.String(required=True, source=lambda b: b.bucket.isoformat())
    consumed_kg = f.Float(required=True, source="usage.consumed_kg")
    wasted_kg = f.Float(required=True, source="usage.wasted_kg")
    consumed_entries = f.Integer(required=True, source="usage.consumed_entries")
    wasted_entries = f.Integer(required=True, source="usage.wasted_entries")
    waste_rate = f.Float(required=True, allow_none=True, source="usage.waste_rate")


class SavingsTotalSchema(Schema):
    recipes = f.Integer(required=True, metadata={"description": "cooked recipes"})
    carbon_kg_co2e = f.Float(required=True)
    water_l = f.Float(required=True)
    energy_mj = f.Float(required=True)
    cost_mxn = f.Float(required=True)


class SavingsBucketSchema(SavingsTotalSchema):
    bucket = f.String(required=True, source=lambda b: b.bucket.isoformat())


class WasteReductionSchema(Schema):
    window = f.Nested(WindowSchema, required=True)
    total = f.Nested(UsageSchema, required=True)
    buckets = f.List(f.Nested(UsageBucketSchema), required=True)
    food_saved_kg = f.Float(required=True, metadata={"description": "eaten or cooked, by kg"})
    savings = f.Nested(SavingsTotalSchema, required=True)
    first_month = f.String(
        required=True, allow_none=True, source=lambda r: r.first_month and r.first_month.isoformat()
    )
    first_month_rate = f.Float(required=True, allow_none=True)
    change_vs_first_month = f.Float(
        required=True, allow_none=True, metadata={"description": "rate points; < 0 is better"}
    )


class TargetsSchema(Schema):
    energy_kcal = f.Float(required=True)
    protein_g = f.Float(required=True)
    fat_g = f.Float(required=True)
    carbs_g = f.Float(required=True)


class IntakeBucketSchema(Schema):
    bucket = f.String(required=True, source=lambda b: b.bucket.isoformat())
    days_logged = f.Integer(required=True)
    kcal = f.Float(required=True, allow_none=True, metadata={"description": "per day logged"})
    protein_g = f.Float(required=True, allow_none=True)
    fat_g = f.Float(required=True, allow_none=True)
    carbs_g = f.Float(required=True, allow_none=True)
    kcal_vs_target = f.Float(required=True, allow_none=True)


class NutritionalTrendsSchema(Schema):
    window = f.Nested(WindowSchema, required=True)
    targets = f.Nested(
        TargetsSchema,
        required=True,
        allow_none=True,
        metadata={"description": "null without a nutrition profile (or for a minor)"},
    )
    buckets = f.List(f.Nested(IntakeBucketSchema), required=True)


class SustainabilitySchema(Schema):
    window = f.Nested(WindowSchema, required=True)
    total = f.Nested(SavingsTotalSchema, required=True)
    buckets = f.List(f.Nested(SavingsBucketSchema), required=True)
