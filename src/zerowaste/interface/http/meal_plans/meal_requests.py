"""What the client sends to save or update a day's plan (rows 52-53), in both of its shapes.

`meals` is a map (breakfast|lunch|dinner|dessert|snack -> meal) or the original list, where each
meal's `category` picks its slot (desayuno -> breakfast, almuerzo -> lunch, cena -> dinner,
postre -> dessert; an unknown category or two meals for one slot is a 400). A meal is a full
recipe, with either of row 52's key spellings (title|recipe_title, ingredients|
ingredients_needed, duration|prep_time, steps|instructions), or a reference `{recipe_uid}` to a
recipe the household may read, with optional `servings` and `notes` for the slot.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate

from zerowaste.application.meal_plans.writer import MealChoice
from zerowaste.domain.meal_plans.calendar import parse_day
from zerowaste.domain.meal_plans.slots import MAX_NOTES, MAX_SERVINGS, meal_type, slot_of_category
from zerowaste.interface.http.recipes.request_schemas import SaveRecipeSchema
from zerowaste.interface.http.schemas import RequestSchema

RECIPE = SaveRecipeSchema()
ALIASES = {  # row 52's second spelling -> the recipe book's
    "recipe_title": "title",
    "ingredients_needed": "ingredients",
    "prep_time": "duration",
    "instructions": "steps",
}


class SlotExtrasSchema(RequestSchema):
    recipe_uid = fields.String(load_default=None, validate=validate.Length(1, 32))
    servings = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(1, MAX_SERVINGS)
    )
    notes = fields.String(load_default="", validate=validate.Length(max=MAX_NOTES))


EXTRAS = SlotExtrasSchema()


class DayPlanRequestSchema(RequestSchema):
    """Rows 52-53: `{date, meals}`; the client's other keys are ignored."""

    date = fields.String(required=True, metadata={"format": "date", "example": "2026-12-07"})
    meals = fields.Raw(
        required=True,
        metadata={"description": "map meal type -> meal, or a list of meals with `category`"},
    )

    @post_load
    def _plan(self, data: dict[str, Any], **_: Any) -> tuple[Any, list[MealChoice]]:
        return parse_day(data["date"]), meals_of(data["meals"])


def meals_of(value: Any) -> list[MealChoice]:
    if isinstance(value, dict):
        pairs = [(_meal_key(k), v) for k, v in value.items() if v is not None]
    elif isinstance(value, list):
        pairs = [(_category(v), v) for v in value]
    else:
        raise ValidationError({"meals": ["A map of meal type -> meal, or a list of meals"]})
    if not pairs:
        raise ValidationError({"meals": ["A plan needs at least one meal"]})
    chosen = [_meal(slot, raw) for slot, raw in pairs]
    slots = [m.meal_type for m in chosen]
    if len(set(slots)) != len(slots):
        raise ValidationError({"meals": ["Two meals for the same slot"]})
    return chosen


def _meal_key(key: str) -> str:
    return meal_type(str(key))


def _category(raw: Any) -> str:
    if not isinstance(raw, dict):
        raise ValidationError({"meals": ["Each meal is an object"]})
    return slot_of_category(str(raw.get("category") or ""))


def _meal(slot: str, raw: Any) -> MealChoice:
    if not isinstance(raw, dict):
        raise ValidationError({"meals": {slot: ["Each meal is an object"]}})
    extras = EXTRAS.load(raw)
    if not any(raw.get(k) for k in ("title", "recipe_title")):
        if not extras["recipe_uid"]:
            raise ValidationError({"meals": {slot: ["A recipe (title...) or a recipe_uid"]}})
        return MealChoice(slot, None, extras["recipe_uid"], extras["servings"], extras["notes"])
    try:
        draft = RECIPE.load(_recipe_payload(raw))
    except ValidationError as error:
        raise ValidationError({"meals": {slot: error.messages}}) from None
    return MealChoice(slot, draft, None, None, extras["notes"])


def _recipe_payload(raw: dict[str, Any]) -> dict[str, Any]:
    """Row 52's keys in the recipe book's spelling (the first spelling wins when both come)."""
    payload = {k: v for k, v in raw.items() if k not in ALIASES}
    for alias, name in ALIASES.items():
        if payload.get(name) in (None, "", []) and raw.get(alias) not in (None, ""):
            payload[name] = raw[alias]
    duration = payload.get("duration")
    if isinstance(duration, int | float) and not isinstance(duration, bool):
        payload["duration"] = f"{duration:g} min"
    steps = payload.get("steps")
    if isinstance(steps, str):
        payload["steps"] = [s.strip() for s in steps.splitlines() if s.strip()]
    return payload


class DayQuerySchema(RequestSchema):
    date = fields.String(required=True, metadata={"format": "date"})

    @post_load
    def _day(self, data: dict[str, Any], **_: Any) -> Any:
        return parse_day(data["date"])


class DaysQuerySchema(RequestSchema):
    """Row 55: an optional range and a page."""

    start_date = fields.String(load_default=None, metadata={"format": "date"})
    end_date = fields.String(load_default=None, metadata={"format": "date"})
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))

    @post_load
    def _range(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        for key in ("start_date", "end_date"):
            if data[key] is not None:
                data[key] = parse_day(data[key])
        return data
