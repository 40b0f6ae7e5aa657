"""Personal recommendations (issue #12 §3): recipes to cook now and foods to buy, each with why,
and the feedback that changes the next answer at once. Feedback is the caller's own."""

from __future__ import annotations

from flask import Blueprint, Response, request

from zerowaste.interface.http.recommendations.rendered import Renderings
from zerowaste.interface.http.recommendations.schemas import (
    CountQuerySchema,
    FeedbackResultSchema,
    FeedbackSchema,
    RecommendedIngredientsSchema,
    RecommendedRecipesSchema,
    SimilarRecipesSchema,
    TrendingQuerySchema,
    TrendingRecipesSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recommendations", __name__, url_prefix="/api/recommendations")
recipes_bp = Blueprint("recipe_recommendations", __name__, url_prefix="/api/recipes/all")
COUNT, FEEDBACK = CountQuerySchema(), FeedbackSchema()
RECIPES, INGREDIENTS = RecommendedRecipesSchema(), RecommendedIngredientsSchema()
FEEDBACK_RESULT = FeedbackResultSchema()
TRENDING_QUERY, TRENDING = TrendingQuerySchema(), TrendingRecipesSchema()
SIMILAR = SimilarRecipesSchema()
RENDERED = Renderings()


def _recipes() -> Response:
    limit = COUNT.load(request.args.to_dict())["limit"]
    found = services().recommendations.recipes(current_user_id(), limit)
    return RENDERED.reply(RECIPES, found, image_url=services().images.display_url)


@bp.get("/recipes")
@auth_required()
def recipes() -> Response:
    """Recipes for the caller now: their tastes, stock about to expire, profile; with why.
    ---
    tags: [recommendations]
    parameters: [{in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}]
    responses:
      200: {description: "best first", schema: {$ref: "#/definitions/RecommendedRecipes"}}
      400: {description: "bad limit", schema: {$ref: "#/definitions/Error"}}
    """
    return _recipes()


@recipes_bp.get("/recommendations")
@auth_required()
def all_recommendations() -> Response:
    """Row 51: the caller's recommended recipes (as `GET /api/recommendations/recipes`).
    ---
    tags: [recipes]
    parameters: [{in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}]
    responses:
      200: {description: "best first", schema: {$ref: "#/definitions/RecommendedRecipes"}}
      400: {description: "bad limit", schema: {$ref: "#/definitions/Error"}}
    """
    return _recipes()


@bp.get("/recipe/<uid>")
@auth_required()
def similar(uid: str) -> Reply:
    """Recipes similar to one the caller can see: search vectors + foods in common; with why.
    ---
    tags: [recommendations]
    parameters:
      - {in: path, name: uid, type: string, required: true}
      - {in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}
    responses:
      200: {description: "most similar first", schema: {$ref: "#/definitions/SimilarRecipes"}}
      400: {description: "bad limit", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    limit = COUNT.load(request.args.to_dict())["limit"]
    found = services().similar_recipes.of(current_user_id(), uid, limit)
    return dump(SIMILAR, found, recipe_uid=uid, image_url=services().images.display_url)


@recipes_bp.get("/trending")
@auth_required()
def all_trending() -> Reply:
    """Row 51: the public recipes most cooked or saved lately (counts only), best first.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}
      - {in: query, name: days, type: integer, minimum: 1, maximum: 30, default: 7}
    responses:
      200: {description: "best first", schema: {$ref: "#/definitions/TrendingRecipes"}}
      400: {description: "bad limit or days", schema: {$ref: "#/definitions/Error"}}
    """
    query = TRENDING_QUERY.load(request.args.to_dict())
    found = services().trending_recipes.top(query["days"], query["limit"])
    return dump(TRENDING, found, days=query["days"], image_url=services().images.display_url)


@bp.get("/ingredients")
@auth_required()
def ingredients() -> Reply:
    """What to buy: the foods that complete the most recipes the caller would like, in season.
    ---
    tags: [recommendations]
    parameters: [{in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}]
    responses:
      200: {description: "best first", schema: {$ref: "#/definitions/RecommendedIngredients"}}
      400: {description: "bad limit", schema: {$ref: "#/definitions/Error"}}
    """
    limit = COUNT.load(request.args.to_dict())["limit"]
    return dump(INGREDIENTS, services().recommendations.ingredients(current_user_id(), limit))


@bp.post("/feedback")
@auth_required()
def feedback() -> Reply:
    """Tell the recommender about a recipe: like, dislike, not_interested or cooked.
    ---
    tags: [recommendations]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/RecipeFeedback"}}
    responses:
      201: {description: "stored", schema: {$ref: "#/definitions/RecipeFeedbackResult"}}
      400: {description: "bad kind or reason", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    body = FEEDBACK.load(json_body())
    found = services().recommendations.feedback(
        current_user_id(), body["recipe_uid"], body["kind"], body["reason"]
    )
    return dump(FEEDBACK_RESULT, found, 201)
