"""The recipes schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.recipes import cooking_schemas as cooking
from zerowaste.interface.http.recipes import generation_schemas as generation
from zerowaste.interface.http.recipes import request_schemas as recipe_requests
from zerowaste.interface.http.recipes import schemas as recipes
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("SaveRecipe", recipe_requests.SaveRecipeSchema),
    ("DeleteByTitle", recipe_requests.DeleteByTitleSchema),
    ("Favorite", recipe_requests.FavoriteSchema),
    ("RecipeLine", recipes.RecipeLineSchema),
    ("RecipeStep", recipes.RecipeStepSchema),
    ("Recipe", recipes.RecipeSchema),
    ("SaveResult", recipes.SaveResultSchema),
    ("RecipeList", recipes.RecipeListSchema),
    ("DefaultRecipes", recipes.DefaultRecipesSchema),
    ("Deleted", recipes.DeletedSchema),
    ("FavoriteResult", recipes.FavoriteResultSchema),
    ("Favorites", recipes.FavoritesSchema),
    ("AllergyWhose", recipes.AllergyWhoseSchema),
    ("GenerateFromInventory", generation.GenerateFromInventorySchema),
    ("GenerateCustom", generation.GenerateCustomSchema),
    ("Generate", generation.GenerateSchema),
    ("MissingLine", generation.MissingLineSchema),
    ("Utilization", generation.UtilizationSchema),
    ("GeneratedRecipe", generation.GeneratedRecipeSchema),
    ("Personalization", generation.PersonalizationSchema),
    ("GenerationImages", generation.GenerationImagesSchema),
    ("Generation", generation.GenerationSchema),
    ("RecipePicture", generation.RecipePictureSchema),
    ("GenerationPictures", generation.GenerationPicturesSchema),
    ("GeneratedTitle", generation.GeneratedTitleSchema),
    ("GenerationRecord", generation.GenerationRecordSchema),
    ("GenerationHistory", generation.GenerationHistorySchema),
    ("Cook", cooking.CookSchema),
    ("Taken", cooking.TakenSchema),
    ("Cooked", cooking.CookedSchema),
]
