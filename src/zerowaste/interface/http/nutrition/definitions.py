"""The nutrition schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.nutrition import request_schemas as nutrition_requests
from zerowaste.interface.http.nutrition import schemas as nutrition
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("NutritionLine", nutrition_requests.NutritionLineSchema),
    ("NutritionCalculate", nutrition_requests.CalculateSchema),
    ("SuggestSwaps", nutrition_requests.SuggestSwapsSchema),
    ("Nutrients", nutrition.NutrientsSchema),
    ("MatchedFood", nutrition.MatchedFoodSchema),
    ("NutritionLineResult", nutrition.LineSchema),
    ("NutritionUnmatched", nutrition.UnmatchedSchema),
    ("NutritionResult", nutrition.NutritionResultSchema),
    ("RecipeNutrition", nutrition.RecipeNutritionSchema),
    ("PortionWeight", nutrition.PortionWeightSchema),
    ("NutritionFood", nutrition.FoodDetailSchema),
    ("NutritionSearchHit", nutrition.SearchHitSchema),
    ("NutritionSearch", nutrition.SearchSchema),
    ("NutritionSwap", nutrition.SwapSchema),
    ("NutritionSwaps", nutrition.SwapsSchema),
    ("PlannedMealNutrition", nutrition.PlannedMealSchema),
    ("PlanDayNutrition", nutrition.PlanDayNutritionSchema),
    ("PlanNutrition", nutrition.PlanNutritionSchema),
]
