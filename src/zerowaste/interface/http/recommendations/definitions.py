"""The recommendations schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.recommendations import schemas as recs
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("RecommendationCount", recs.CountQuerySchema),
    ("RecipeFeedback", recs.FeedbackSchema),
    ("RecipeFeedbackResult", recs.FeedbackResultSchema),
    ("RecommendedRecipe", recs.RecommendedRecipeSchema),
    ("RecommendedRecipes", recs.RecommendedRecipesSchema),
    ("TrendingRecipe", recs.TrendingRecipeSchema),
    ("TrendingRecipes", recs.TrendingRecipesSchema),
    ("SimilarRecipe", recs.SimilarRecipeSchema),
    ("SimilarRecipes", recs.SimilarRecipesSchema),
    ("RecommendedIngredient", recs.RecommendedIngredientSchema),
    ("RecommendedIngredients", recs.RecommendedIngredientsSchema),
    ("RecipeHistoryPost", recs.HistoryPostSchema),
    ("RecipeHistoryEntry", recs.HistoryEntrySchema),
    ("RecipeHistory", recs.HistorySchema),
    ("RecentRecipes", recs.RecentRecipesSchema),
]
