"""Nutrition from USDA SR28 (issue 10, part 5): lines, one food, the SR28 database, swaps, and
a recipe's nutrition per serving. Rules: domain.nutrition.calculation; at most 200 lines."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.nutrition.request_schemas import (
    CalculateSchema,
    DatabaseQuerySchema,
    SuggestSwapsSchema,
)
from zerowaste.interface.http.nutrition.schemas import (
    FoodDetailSchema,
    NutritionResultSchema,
    PlanNutritionSchema,
    RecipeNutritionSchema,
    SearchSchema,
    SwapsSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("nutrition", __name__, url_prefix="/api/nutrition")
recipe_bp = Blueprint("recipe_nutrition", __name__, url_prefix="/api/recipes")
CALCULATE, DATABASE, SWAPS_IN = CalculateSchema(), DatabaseQuerySchema(), SuggestSwapsSchema()
RESULT, FOOD, SEARCH = NutritionResultSchema(), FoodDetailSchema(), SearchSchema()
SWAPS, RECIPE, PLAN = SwapsSchema(), RecipeNutritionSchema(), PlanNutritionSchema()


@bp.post("/meal-plan/<id:plan_id>")
@auth_required()
def meal_plan(plan_id: int) -> Reply:
    """A planned week's nutrition: per meal (one serving), per day (per person and for the
    servings planned), the week and its daily average.
    ---
    tags: [nutrition]
    parameters: [{in: path, name: plan_id, type: integer, required: true}]
    responses:
      200: {description: "nutrition", schema: {$ref: "#/definitions/PlanNutrition"}}
      404: {description: "no such plan in the household", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(PLAN, services().plan_nutrition.of_plan(current_user_id(), plan_id))


@bp.post("/calculate")
@auth_required()
def calculate() -> Reply:
    """Totals, per serving and per-ingredient nutrition of lines; unmatched lines listed.
    ---
    tags: [nutrition]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/NutritionCalculate"}}
    responses:
      200: {description: "nutrition", schema: {$ref: "#/definitions/NutritionResult"}}
      400: {description: "bad lines or servings", schema: {$ref: "#/definitions/Error"}}
    """
    body = CALCULATE.load(json_body())
    result = services().nutrition.calculate(body["ingredients"], body["servings"])
    return dump(RESULT, result)


@bp.get("/ingredient/<name>")
@auth_required()
def ingredient(name: str) -> Reply:
    """Per 100 g and household measures of the SR28 food a name (es/en) means.
    ---
    tags: [nutrition]
    parameters: [{in: path, name: name, type: string, required: true}]
    responses:
      200: {description: "food", schema: {$ref: "#/definitions/NutritionFood"}}
      404: {description: "no SR28 food matches", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(FOOD, services().nutrition.ingredient(name[:200]))


@bp.get("/database")
@auth_required()
def database() -> Reply:
    """Search SR28 by name (English), narrowed by preparation, with a portion's nutrients.
    ---
    tags: [nutrition]
    parameters:
      - {in: query, name: food_item, type: string, required: true}
      - {in: query, name: portion_size, type: string, description: "edible grams or 1 cup, 1 large"}
      - {in: query, name: preparation_method, type: string, description: "raw, cooked, fried..."}
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "foods", schema: {$ref: "#/definitions/NutritionSearch"}}
      400: {description: "bad query", schema: {$ref: "#/definitions/Error"}}
    """
    query = DATABASE.load(request.args.to_dict())
    found = services().nutrition.search(
        query["food_item"],
        query["portion_size"],
        query["preparation_method"],
        query["page"],
        query["per_page"],
    )
    return dump(SEARCH, found)


@bp.post("/suggest-swaps")
@auth_required()
def suggest_swaps() -> Reply:
    """Swaps from the substitutions data for a goal or allergies, with the SR28 delta.
    ---
    tags: [nutrition]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SuggestSwaps"}}
    responses:
      200: {description: "swaps", schema: {$ref: "#/definitions/NutritionSwaps"}}
      400: {description: "bad lines, goal or allergy", schema: {$ref: "#/definitions/Error"}}
    """
    body = SWAPS_IN.load(json_body())
    advice = services().nutrition_swaps.suggest(
        body["ingredients"], body["goal"], body["allergies"]
    )
    return dump(SWAPS, advice)


@recipe_bp.get("/<recipe_uid>/nutrition")
@auth_required()
def recipe_nutrition(recipe_uid: str) -> Reply:
    """A recipe's nutrition (catalog or the household's own), per serving when it says.
    ---
    tags: [nutrition]
    parameters: [{in: path, name: recipe_uid, type: string, required: true}]
    responses:
      200: {description: "nutrition", schema: {$ref: "#/definitions/RecipeNutrition"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(RECIPE, services().nutrition.for_recipe(current_user_id(), recipe_uid))
