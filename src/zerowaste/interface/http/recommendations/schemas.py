"""Recommendations, feedback and the recipe history: requests and responses."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from zerowaste.application.recipes.suitability import Picked
from zerowaste.domain.recommendations.signals import FEEDBACK_KINDS, MAX_REASON
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.recipes.schemas import PickedSchema, RecipeSchema
from zerowaste.interface.http.schemas import RequestSchema

EVENTS = ("viewed", "cooked")


class CountQuerySchema(RequestSchema):
    limit = fields.Integer(load_default=10, validate=validate.Range(1, 50))


class TrendingQuerySchema(CountQuerySchema):
    days = fields.Integer(load_default=7, validate=validate.Range(1, 30))


class FeedbackSchema(RequestSchema):
    recipe_uid = fields.String(required=True, validate=validate.Length(1, 32))
    kind = fields.String(required=True, validate=validate.OneOf(FEEDBACK_KINDS))
    reason = fields.String(load_default="", validate=validate.Length(max=MAX_REASON))


class HistoryPostSchema(RequestSchema):
    recipe_uid = fields.String(required=True, validate=validate.Length(1, 32))
    event = fields.String(load_default="viewed", validate=validate.OneOf(EVENTS))


class HistoryQuerySchema(RequestSchema):
    event = fields.String(load_default=None, validate=validate.OneOf(EVENTS))
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class RecommendedRecipeSchema(Schema):
    recipe = f.Nested(RecipeSchema, required=True)
    score = f.Float(required=True, metadata={"description": "blended score, 0..1"})
    reason = f.String(required=True, metadata={"description": "why, in the user's language"})
    reasons = f.List(f.String(), required=True)


def _entries(answer: Any) -> Any:
    """A picker's entries (`Picked.found`), or a plain list's (trending picks for nobody)."""
    return answer.found if isinstance(answer, Picked) else answer


class _WithRecipes(Schema):
    """An answer listing entries that each hold a recipe (under the subclass's own key), plus
    those recipes as `GET /api/recipes/all` lists them and their count."""

    recipes = f.List(
        f.Nested(RecipeSchema),
        required=True,
        source=lambda x: [entry.recipe for entry in _entries(x)],
        metadata={"description": "the same recipes, as `GET /api/recipes/all` lists them"},
    )
    count = f.Integer(required=True, source=lambda x: len(_entries(x)))


class RecommendedRecipesSchema(_WithRecipes, PickedSchema):
    recommendations = f.List(f.Nested(RecommendedRecipeSchema), required=True, source="found")


class TrendingRecipeSchema(Schema):
    recipe = f.Nested(RecipeSchema, required=True)
    cooked = f.Integer(required=True, metadata={"description": "households that cooked it"})
    saved = f.Integer(
        required=True, metadata={"description": "users who favoured it, households that saved it"}
    )
    score = f.Integer(required=True, metadata={"description": "cooked + saved"})


class TrendingRecipesSchema(_WithRecipes):
    trending = f.List(f.Nested(TrendingRecipeSchema), required=True, source=lambda x: x)
    days = f.Integer(required=True, source=lambda _: f.given("days"))


class SimilarRecipeSchema(Schema):
    recipe = f.Nested(RecipeSchema, required=True)
    score = f.Float(
        required=True,
        metadata={
            "description": "0.5 x the vectors' cosine above 0.4 (rescaled) + 0.5 x the TF-IDF "
            "cosine of the foods in common (domain.recommendations.neighbours)"
        },
    )
    reason = f.String(required=True, metadata={"description": "why, in the user's language"})
    reasons = f.List(f.String(), required=True)
    shared_foods = f.List(f.String(), required=True, metadata={"description": "staples left out"})


class SimilarRecipesSchema(_WithRecipes, PickedSchema):
    recipe_uid = f.String(required=True, source=lambda _: f.given("recipe_uid"))
    similar = f.List(f.Nested(SimilarRecipeSchema), required=True, source="found")


class RecommendedIngredientSchema(Schema):
    name = f.String(required=True)
    key = f.String(required=True, metadata={"description": "the ingredient master's id"})
    score = f.Float(required=True)
    unlocks = f.List(f.String(), required=True, metadata={"description": "recipes it completes"})
    helps = f.List(f.String(), required=True, metadata={"description": "recipes it helps"})
    in_season = f.Boolean(required=True, allow_none=True)
    reason = f.String(required=True)


class RecommendedIngredientsSchema(PickedSchema):
    ingredients = f.List(f.Nested(RecommendedIngredientSchema), required=True, source="found")
    count = f.Integer(required=True, source=lambda x: len(x.found))
    season_source = f.Constant(
        "Seasonal produce calendar, Mexico (approximate; ZeroWaste data pack, CC0)"
    )


class FeedbackResultSchema(Schema):
    recipe_uid = f.String(required=True)
    kind = f.String(required=True, metadata={"enum": list(FEEDBACK_KINDS)})
    reason = f.String(required=True)
    created_at = f.Timestamp(required=True)


class HistoryEntrySchema(Schema):
    event = f.String(required=True, metadata={"enum": list(EVENTS)})
    recipe_uid = f.String(required=True)
    title = f.String(required=True)
    at = f.Timestamp(required=True)
    cook_id = f.String(required=True, allow_none=True)
    servings = f.Integer(required=True, allow_none=True)
    cooked_at = f.Timestamp(
        required=True, allow_none=True, source=lambda e: e.at if e.event == "cooked" else None
    )


class HistorySchema(Schema):
    history = f.List(f.Nested(HistoryEntrySchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))
    page = f.Integer(required=True, source=lambda _: f.given("page"))
    per_page = f.Integer(required=True, source=lambda _: f.given("per_page"))


class RecentRecipesSchema(Schema):
    recipes = f.List(f.Nested(RecipeSchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))
