"""What the client sends to save, find, delete and favourite recipes (rows 46-50, section B)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, pre_load, validate

from zerowaste.application.recipes.book import RecipeDraft, quantity_of
from zerowaste.domain.recipes.recipe import MAX_LINES, MAX_STEPS, MAX_TITLE, RecipeIngredient
from zerowaste.interface.http.schemas import RequestSchema, image_reference_field

TEXT = validate.Length(max=2000)


class RecipeLineSchema(RequestSchema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    quantity = fields.Raw(load_default=None, metadata={"description": "number or text"})
    type_unit = fields.String(load_default=None, validate=validate.Length(max=40))
    unit = fields.String(load_default=None, validate=validate.Length(max=40))


class SaveRecipeSchema(RequestSchema):
    """Row 46's payload; extra keys the client sends (`generated_by_ai`, `uid`...) are ignored."""

    title = fields.String(required=True, validate=validate.Length(1, MAX_TITLE))
    description = fields.String(load_default="", validate=TEXT)
    ingredients = fields.List(
        fields.Raw(), load_default=list, validate=validate.Length(max=MAX_LINES)
    )
    steps = fields.List(fields.Raw(), load_default=list, validate=validate.Length(max=MAX_STEPS))
    duration = fields.String(load_default="", validate=validate.Length(max=60))
    difficulty = fields.String(load_default="", validate=validate.Length(max=30))
    category = fields.String(load_default="", validate=validate.Length(max=40))
    image_path = image_reference_field(1000, load_default=None)
    footer = fields.String(load_default="", validate=TEXT)
    servings = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 100))

    @pre_load
    def _nulls(self, data: Any, **_: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None or k == "image_path"}
        return data

    @post_load
    def _draft(self, data: dict[str, Any], **_: Any) -> RecipeDraft:
        return RecipeDraft(
            title=data["title"],
            description=data["description"],
            ingredients=[_line(x) for x in data["ingredients"]],
            steps=[_step(x) for x in sorted(data["steps"], key=_step_order)],
            duration=data["duration"],
            difficulty=data["difficulty"],
            category=data["category"],
            image_path=data["image_path"],
            footer=data["footer"],
            servings=data["servings"],
        )


def _line(value: Any) -> RecipeIngredient:
    if isinstance(value, str) and value.strip():
        return RecipeIngredient(name=value.strip()[:200], text=value[:300])
    if isinstance(value, dict):
        line = RecipeLineSchema().load(value)
        return RecipeIngredient(
            name=line["name"],
            quantity=quantity_of(line["quantity"]),
            unit=line["type_unit"] or line["unit"],
        )
    raise ValidationError(
        {"ingredients": ["Each ingredient is a name or {name, quantity, type_unit}"]}
    )


def _step_order(value: Any) -> int:
    order = value.get("step_order") if isinstance(value, dict) else None
    return order if isinstance(order, int) else 0


def _step(value: Any) -> str:
    text = value.get("description") if isinstance(value, dict) else value
    if not isinstance(text, str) or not text.strip() or len(text) > 2000:
        raise ValidationError({"steps": ["Each step is text or {step_order, description}"]})
    return text.strip()


class DeleteByTitleSchema(RequestSchema):
    """L1 sends `title`, L2 `recipe_title`."""

    title = fields.String(load_default=None, validate=validate.Length(1, MAX_TITLE))
    recipe_title = fields.String(load_default=None, validate=validate.Length(1, MAX_TITLE))

    @post_load
    def _one(self, data: dict[str, Any], **_: Any) -> str:
        title = data["title"] or data["recipe_title"]
        if not title:
            raise ValidationError({"title": ["Missing data for required field."]})
        return str(title)


class FavoriteSchema(RequestSchema):
    rating = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 5))
    notes = fields.String(load_default="", validate=validate.Length(max=1000))


class RecipeQuerySchema(RequestSchema):
    """Row 48's filters (L2), all optional; `page`/`per_page` page the answer."""

    search = fields.String(load_default="", validate=validate.Length(max=200))
    category = fields.String(load_default="", validate=validate.Length(max=40))
    ingredients = fields.String(
        load_default="", validate=validate.Length(max=500), metadata={"description": "a,b,c"}
    )
    dietary_restrictions = fields.String(load_default="", validate=validate.Length(max=300))
    max_prep_time = fields.Integer(load_default=None, validate=validate.Range(1, 10_000))
    difficulty = fields.String(load_default="", validate=validate.Length(max=30))
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


PAGE_QUERY = RecipeQuerySchema()


def page_args(args: dict[str, str]) -> tuple[int, int]:
    """`page` and `per_page` of a recipe list's query (400 when out of range)."""
    query = PAGE_QUERY.load(args)
    return query["page"], query["per_page"]


class DefaultQuerySchema(RequestSchema):
    category = fields.String(load_default="", validate=validate.Length(max=40))
