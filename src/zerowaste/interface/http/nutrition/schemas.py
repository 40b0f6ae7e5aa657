"""Nutrition answers: SR28 figures with the food they come from and the source to cite."""

from __future__ import annotations

import math

from marshmallow import Schema, fields

from zerowaste.domain.nutrition.calculation import Reason
from zerowaste.domain.nutrition.nutrients import NUTRIENTS, SOURCE_CITATION
from zerowaste.interface.http import response_fields as f

NutrientsSchema: type[Schema] = Schema.from_dict(
    {
        key: f.Float(required=True, allow_none=True, metadata={"description": "null: not analysed"})
        for key in NUTRIENTS
    },
    name="NutrientsSchema",
)


class MatchedFoodSchema(Schema):
    ndb_no = f.String(required=True, source="food.ndb_no")
    name = f.String(required=True, source="food.name")
    food_group = f.String(required=True, source="food.food_group")
    refuse_pct = f.Float(required=True, source="food.refuse_pct")
    matched_via = f.String(
        required=True, source="via", metadata={"enum": ["ingredient_master", "sr28_name"]}
    )


class LineSchema(Schema):
    name = f.String(required=True)
    quantity = f.Float(required=True)
    unit = f.String(required=True)
    food = f.Nested(MatchedFoodSchema, required=True, source="matched")
    grams = f.Float(required=True, source="weight.grams")
    edible_grams = f.Float(required=True, source="weight.edible_grams")
    basis = f.String(
        required=True, source="weight.basis", metadata={"enum": ["as_purchased", "edible"]}
    )
    nutrients = f.Nested(NutrientsSchema, required=True)


class UnmatchedSchema(Schema):
    name = f.String(required=True)
    quantity = f.Float(required=True, allow_none=True)
    unit = f.String(required=True, allow_none=True)
    reason = f.String(required=True, metadata={"enum": [r.value for r in Reason]})
    ndb_no = f.String(required=True, allow_none=True)


class NutritionResultSchema(Schema):
    servings = f.Integer(required=True, allow_none=True)
    totals = f.Nested(NutrientsSchema, required=True)
    per_serving = f.Nested(NutrientsSchema, required=True, allow_none=True)
    ingredients = f.List(f.Nested(LineSchema), required=True, source="lines")
    unmatched = f.List(f.Nested(UnmatchedSchema), required=True)
    incomplete = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "nutrient -> matched lines SR28 did not analyse it for"},
    )
    source = f.String(required=True)


class RecipeNutritionSchema(Schema):
    recipe_uid = f.String(required=True, source="recipe.uid")
    recipe_title = f.String(required=True, source="recipe.title")
    servings = f.Integer(required=True, allow_none=True, source="result.servings")
    nutrition = f.Nested(NutritionResultSchema, required=True, source="result")


class PortionWeightSchema(Schema):
    amount = f.Float(required=True)
    description = f.String(required=True)
    grams = f.Float(required=True)


class FoodDetailSchema(MatchedFoodSchema):
    ndb_no = f.String(required=True, source="matched.food.ndb_no")
    name = f.String(required=True, source="matched.food.name")
    food_group = f.String(required=True, source="matched.food.food_group")
    refuse_pct = f.Float(required=True, source="matched.food.refuse_pct")
    matched_via = f.String(required=True, source="matched.via")
    per_100g = f.Nested(NutrientsSchema, required=True, source="matched.food.per_100g")
    portions = f.List(f.Nested(PortionWeightSchema), required=True)
    source = f.Constant(SOURCE_CITATION)


class SearchHitSchema(Schema):
    ndb_no = f.String(required=True, source="food.ndb_no")
    name = f.String(required=True, source="food.name")
    food_group = f.String(required=True, source="food.food_group")
    refuse_pct = f.Float(required=True, source="food.refuse_pct")
    per_100g = f.Nested(NutrientsSchema, required=True, source="food.per_100g")
    portion_grams = f.Float(
        required=True, allow_none=True, metadata={"description": "null: no such SR28 measure"}
    )
    portion_nutrients = f.Nested(NutrientsSchema, required=True, allow_none=True)


class SearchSchema(Schema):
    foods = f.List(f.Nested(SearchHitSchema), required=True, source="hits")
    total = f.Integer(required=True)
    page = f.Integer(required=True)
    per_page = f.Integer(required=True)
    pages = f.Integer(required=True, source=lambda p: math.ceil(p.total / p.per_page))
    portion_size = f.String(required=True, allow_none=True, source="portion")
    source = f.Constant(SOURCE_CITATION)


class SwapSchema(Schema):
    ingredient = f.String(required=True, source="line")
    substitute = f.String(required=True, source="substitution.substitute_en")
    substitute_es = f.String(required=True, source="substitution.substitute_es")
    ratio = f.String(required=True, source="substitution.ratio")
    contexts = f.List(f.String(), required=True, source="substitution.contexts")
    diet_tags = f.List(f.String(), required=True, source="substitution.diet_tags")
    removes_allergens = f.List(f.String(), required=True, source="substitution.removes_allergens")
    substitute_contains_allergens = f.List(
        f.String(), required=True, source="substitution.substitute_contains_allergens"
    )
    note = f.String(required=True, allow_none=True, source="substitution.note")
    original = f.Nested(MatchedFoodSchema, required=True, allow_none=True)
    replacement = f.Nested(MatchedFoodSchema, required=True, allow_none=True)
    compared_grams = f.Float(required=True, source="grams")
    delta = f.Nested(
        NutrientsSchema,
        required=True,
        allow_none=True,
        metadata={"description": "substitute - original at compared_grams; null: no SR28 food"},
    )


class SwapsSchema(Schema):
    goal = f.String(required=True, allow_none=True)
    allergens = f.List(f.String(), required=True)
    swaps = f.List(f.Nested(SwapSchema), required=True)
    source = f.Constant("Substitutions: ZeroWaste data pack (CC0); nutrients: " + SOURCE_CITATION)


class PlannedMealSchema(Schema):
    date = f.String(required=True, source=lambda m: m.slot.date.isoformat())
    meal_type = f.String(required=True, source="slot.meal_type")
    recipe_uid = f.String(required=True, source="slot.recipe.uid")
    recipe_title = f.String(required=True, source="slot.recipe.title")
    servings = f.Integer(
        required=True,
        allow_none=True,
        source="slot.servings",
        metadata={"description": "servings the slot plans (null: one)"},
    )
    per_serving = f.Nested(NutrientsSchema, required=True, source="serving.nutrients")
    servings_known = f.Boolean(
        required=True,
        source="serving.servings_known",
        metadata={"description": "false: the recipe does not say; the whole recipe counts"},
    )
    unmatched = f.List(f.String(), required=True, source="serving.unmatched")


class PlanDayNutritionSchema(Schema):
    date = f.String(required=True, source=lambda d: d.date.isoformat())
    meals = f.List(f.Nested(PlannedMealSchema), required=True)
    per_person = f.Nested(NutrientsSchema, required=True)
    household = f.Nested(
        NutrientsSchema,
        required=True,
        metadata={"description": "every slot times the servings it plans"},
    )


class PlanNutritionSchema(Schema):
    plan_id = f.Integer(required=True)
    start = f.String(required=True, source=lambda p: p.start.isoformat())
    end = f.String(required=True, source=lambda p: p.end.isoformat())
    days = f.List(f.Nested(PlanDayNutritionSchema), required=True)
    per_person = f.Nested(NutrientsSchema, required=True)
    daily_average = f.Nested(NutrientsSchema, required=True)
    source = f.String(required=True)
