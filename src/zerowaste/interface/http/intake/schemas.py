"""Nutrition profile, targets, food log and caloric balance as the client sends and reads them.

Shapes and bounds are checked here (400 `validation_error`); the domain checks them again for
callers that do not come through HTTP (the cooking use case logging a recipe).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from zerowaste.domain.intake import log, profile
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.intake.profile import MacroSplit, NutritionProfile
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

PERCENT = validate.Range(0, 100)
KCAL = validate.Range(0, log.MAX_KCAL)
GRAMS = validate.Range(0, log.MAX_MACRO_G)


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


class MacroSplitSchema(RequestSchema):
    protein_pct = fields.Integer(required=True, validate=PERCENT)
    fat_pct = fields.Integer(required=True, validate=PERCENT)
    carbs_pct = fields.Integer(required=True, validate=PERCENT)


class ProfileRequestSchema(RequestSchema):
    """PUT replaces the whole profile: give age or birth_date (one of them)."""

    age = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 120))
    birth_date = fields.Date(load_default=None, allow_none=True)
    sex = fields.String(required=True, validate=validate.OneOf(profile.SEXES))
    height_cm = fields.Float(required=True, validate=validate.Range(*profile.HEIGHT_CM_RANGE))
    weight_kg = fields.Float(required=True, validate=validate.Range(*profile.WEIGHT_KG_RANGE))
    activity = fields.String(required=True, validate=validate.OneOf(profile.ACTIVITY_LEVELS))
    goal = fields.String(required=True, validate=validate.OneOf(profile.GOALS))
    calorie_target = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(*profile.CALORIE_TARGET_RANGE)
    )
    macro_split = fields.Nested(MacroSplitSchema, load_default=None, allow_none=True)

    @post_load
    def _profile(self, data: dict[str, Any], **_: Any) -> NutritionProfile:
        split = data["macro_split"]
        return NutritionProfile(
            sex=data["sex"],
            height_cm=data["height_cm"],
            weight_kg=data["weight_kg"],
            activity=data["activity"],
            goal=data["goal"],
            age=data["age"],
            birth_date=data["birth_date"],
            calorie_target=data["calorie_target"],
            macro_split=MacroSplit(**split) if split else None,
        )


class SplitSchema(Schema):
    protein_pct = f.Integer(required=True)
    fat_pct = f.Integer(required=True)
    carbs_pct = f.Integer(required=True)


class ProfileSchema(Schema):
    age = f.Integer(required=True, allow_none=True)
    birth_date = f.String(required=True, allow_none=True, source=lambda p: _iso(p.birth_date))
    sex = f.String(required=True, metadata={"enum": list(profile.SEXES)})
    height_cm = f.Float(required=True)
    weight_kg = f.Float(required=True)
    activity = f.String(required=True, metadata={"enum": list(profile.ACTIVITY_LEVELS)})
    goal = f.String(required=True, metadata={"enum": list(profile.GOALS)})
    calorie_target = f.Integer(required=True, allow_none=True)
    macro_split = f.Nested(SplitSchema, required=True, allow_none=True)
    updated_at = f.Timestamp(required=True, allow_none=True)


class TargetsSchema(Schema):
    formula = f.Constant("Mifflin-St Jeor")
    bmr_kcal = f.Float(required=True)
    estimated_need_kcal = f.Float(required=True, metadata={"description": "BMR x activity"})
    goal_adjustment_kcal = f.Integer(required=True)
    energy_kcal = f.Integer(required=True, metadata={"description": "the daily target"})
    source = f.String(required=True, metadata={"enum": ["calculated", "custom"]})
    macro_split = f.Nested(SplitSchema, required=True, source="split")
    protein_g = f.Float(required=True, source="macros.protein_g")
    fat_g = f.Float(required=True, source="macros.fat_g")
    carbs_g = f.Float(required=True, source="macros.carbs_g")


class FoodLogRequestSchema(RequestSchema):
    date = fields.Date(required=True)
    meal_type = fields.String(required=True, validate=validate.OneOf(log.MEAL_TYPES))
    name = fields.String(required=True, validate=validate.Length(1, 200))
    kcal = fields.Float(required=True, validate=KCAL)
    protein_g = fields.Float(load_default=0.0, validate=GRAMS)
    fat_g = fields.Float(load_default=0.0, validate=GRAMS)
    carbs_g = fields.Float(load_default=0.0, validate=GRAMS)
    recipe_uid = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 32))
    servings = fields.Float(
        load_default=None,
        allow_none=True,
        validate=validate.Range(0, log.MAX_SERVINGS, min_inclusive=False),
    )

    @post_load
    def _entry(self, data: dict[str, Any], **_: Any) -> FoodLogEntry:
        day = data.pop("date")
        return FoodLogEntry(day=day, **data)


class FoodLogQuerySchema(RequestSchema):
    """`date`, or `start_date` with `end_date`; nothing: today."""

    date = fields.Date(load_default=None)
    start_date = fields.Date(load_default=None)
    end_date = fields.Date(load_default=None)

    @validates_schema
    def _one_way(self, data: dict[str, Any], **_: Any) -> None:
        ranged = data["start_date"] is not None, data["end_date"] is not None
        if data["date"] is not None and any(ranged):
            raise ValidationError("Give date, or start_date and end_date, not both", "date")
        if any(ranged) and not all(ranged):
            raise ValidationError("start_date and end_date go together", "end_date")

    @post_load
    def _range(self, data: dict[str, Any], **_: Any) -> tuple[dt.date | None, dt.date | None]:
        if data["date"] is not None:
            return data["date"], data["date"]
        return data["start_date"], data["end_date"]


class RangeQuerySchema(RequestSchema):
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)


class FoodLogEntrySchema(Schema):
    id = f.Integer(required=True)
    date = f.String(required=True, source=lambda e: e.day.isoformat())
    meal_type = f.String(required=True, metadata={"enum": list(log.MEAL_TYPES)})
    name = f.String(required=True)
    kcal = f.Float(required=True)
    protein_g = f.Float(required=True)
    fat_g = f.Float(required=True)
    carbs_g = f.Float(required=True)
    recipe_uid = f.String(required=True, allow_none=True)
    servings = f.Float(required=True, allow_none=True)
    source = f.String(required=True, metadata={"enum": list(log.SOURCES)})
    created_at = f.Timestamp(required=True)


def _sum(entries: list[FoodLogEntry], name: str) -> float:
    return round(sum(float(getattr(e, name)) for e in entries), 1)


class LogTotalsSchema(Schema):
    kcal = f.Float(required=True, source=lambda e: _sum(e, "kcal"))
    protein_g = f.Float(required=True, source=lambda e: _sum(e, "protein_g"))
    fat_g = f.Float(required=True, source=lambda e: _sum(e, "fat_g"))
    carbs_g = f.Float(required=True, source=lambda e: _sum(e, "carbs_g"))


class FoodLogSchema(Schema):
    start_date = f.String(required=True, source=lambda x: x.start.isoformat())
    end_date = f.String(required=True, source=lambda x: x.end.isoformat())
    entries = f.List(f.Nested(FoodLogEntrySchema), required=True)
    count = f.Integer(required=True, source=lambda x: len(x.entries))
    totals = f.Nested(LogTotalsSchema, required=True, source="entries")


class DayBalanceSchema(Schema):
    date = f.String(required=True, source=lambda d: d.day.isoformat())
    eaten_kcal = f.Float(required=True)
    target_kcal = f.Float(required=True, allow_none=True)
    balance_kcal = f.Float(
        required=True, allow_none=True, metadata={"description": "eaten - target"}
    )


class WeekBalanceSchema(Schema):
    week = f.String(required=True, metadata={"description": "ISO week, e.g. 2026-W49"})
    start_date = f.String(required=True, source=lambda w: w.start.isoformat())
    end_date = f.String(required=True, source=lambda w: w.end.isoformat())
    days = f.Integer(required=True, metadata={"description": "days of the week in the range"})
    eaten_kcal = f.Float(required=True)
    target_kcal = f.Float(required=True, allow_none=True)
    balance_kcal = f.Float(required=True, allow_none=True)


class BalanceTotalsSchema(Schema):
    eaten_kcal = f.Float(required=True)
    target_kcal = f.Float(required=True, allow_none=True)
    balance_kcal = f.Float(required=True, allow_none=True)


class BalanceSchema(Schema):
    start_date = f.String(required=True, source=lambda b: b.start.isoformat())
    end_date = f.String(required=True, source=lambda b: b.end.isoformat())
    targets_available = f.Boolean(
        required=True,
        source=lambda b: b.totals.target_kcal is not None,
        metadata={"description": "false without an adult nutrition profile"},
    )
    days = f.List(f.Nested(DayBalanceSchema), required=True)
    weeks = f.List(f.Nested(WeekBalanceSchema), required=True)
    totals = f.Nested(BalanceTotalsSchema, required=True)
