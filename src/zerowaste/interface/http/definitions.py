"""The spec's definitions: every request and response schema, by the name routes $ref.

Order matters: a schema nested in another is listed before it, so apispec refers to it by this
name instead of inventing one.
"""

from __future__ import annotations

from marshmallow import Schema

from zerowaste.interface.http import schemas as base
from zerowaste.interface.http.accounts import auth_schemas as auth
from zerowaste.interface.http.accounts import profile_schemas as profile
from zerowaste.interface.http.admin import reference_schemas as reference
from zerowaste.interface.http.admin import schemas as admin
from zerowaste.interface.http.ai import schemas as ai
from zerowaste.interface.http.analytics import schemas as analytics
from zerowaste.interface.http.households import schemas as households
from zerowaste.interface.http.images import schemas as uploads
from zerowaste.interface.http.intake import schemas as intake
from zerowaste.interface.http.inventory import add_schemas as adds
from zerowaste.interface.http.inventory import change_schemas as changes
from zerowaste.interface.http.inventory import enrichment_schemas as enrichment
from zerowaste.interface.http.inventory import item_schemas as items
from zerowaste.interface.http.inventory import list_schemas as lists
from zerowaste.interface.http.inventory import usage_schemas as usage
from zerowaste.interface.http.inventory import write_schemas as writes
from zerowaste.interface.http.meal_plans import day_schemas as days
from zerowaste.interface.http.meal_plans import meal_requests as day_requests
from zerowaste.interface.http.meal_plans import planner_requests as planner_requests
from zerowaste.interface.http.meal_plans import planner_schemas as planner
from zerowaste.interface.http.notifications import schemas as notifications
from zerowaste.interface.http.nutrition import request_schemas as nutrition_requests
from zerowaste.interface.http.nutrition import schemas as nutrition
from zerowaste.interface.http.plan_generation import schemas as plan_generation
from zerowaste.interface.http.recipes import cooking_schemas as cooking
from zerowaste.interface.http.recipes import generation_schemas as generation
from zerowaste.interface.http.recipes import request_schemas as recipe_requests
from zerowaste.interface.http.recipes import schemas as recipes
from zerowaste.interface.http.recognition import item_schemas as recognized
from zerowaste.interface.http.recognition import job_schemas as jobs
from zerowaste.interface.http.recognition import request_schemas as recognize
from zerowaste.interface.http.recognition import result_schemas as recognitions
from zerowaste.interface.http.recommendations import schemas as recs
from zerowaste.interface.http.reports import schemas as reports
from zerowaste.interface.http.savings import schemas as savings
from zerowaste.interface.http.screening import schemas as screening
from zerowaste.interface.http.search import schemas as search
from zerowaste.interface.http.shopping import request_schemas as shopping_requests
from zerowaste.interface.http.shopping import schemas as shopping

Definitions = list[tuple[str, type[Schema]]]

COMMON: Definitions = [
    ("Error", base.ErrorSchema),
    ("Status", base.StatusSchema),
    ("Readiness", base.ReadinessSchema),
    ("Message", base.MessageSchema),
]
ACCOUNTS: Definitions = [
    ("Signup", auth.SignupSchema),
    ("Login", auth.LoginSchema),
    ("AuthUser", auth.AuthUserSchema),
    ("TokenPair", auth.TokenPairSchema),
    ("Session", auth.SessionSchema),
    ("SessionList", auth.SessionListSchema),
    ("Logout", auth.LogoutSchema),
    ("Profile", profile.ProfileSchema),
    ("ProfileUpdate", profile.ProfileUpdateSchema),
    ("ProfileUpdateResult", profile.ProfileUpdateResultSchema),
]
IMAGES: Definitions = [
    ("UploadInfo", uploads.UploadInfoSchema),
    ("UploadedImage", uploads.UploadedImageSchema),
    ("UploadImageResult", uploads.UploadImageResultSchema),
    ("ManagedUploadResult", uploads.ManagedUploadResultSchema),
    ("ItemName", uploads.ItemNameSchema),
    ("AssignImage", uploads.AssignImageSchema),
    ("ImageChoice", uploads.ImageChoiceSchema),
    ("AssignedImage", uploads.AssignedImageSchema),
]
INVENTORY_REQUESTS: Definitions = [
    ("StockLine", adds.StockLineSchema),
    ("FoodLine", adds.FoodLineSchema),
    ("AddIngredients", adds.AddIngredientsSchema),
    ("FromRecognition", adds.FromRecognitionSchema),
    ("AddItem", adds.AddItemSchema),
    ("UpdateStack", changes.UpdateStackSchema),
    ("SetQuantity", changes.SetQuantitySchema),
    ("SetExpiration", changes.SetExpirationSchema),
    ("ConsumeIngredient", changes.ConsumeIngredientSchema),
    ("ConsumeFood", changes.ConsumeFoodSchema),
    ("ConsumeItem", changes.ConsumeItemSchema),
    ("WasteItem", changes.WasteItemSchema),
]
INVENTORY_ITEMS: Definitions = [
    ("Footprint", enrichment.FootprintSchema),
    ("EnvironmentalImpact", enrichment.EnvironmentalImpactSchema),
    ("UtilizationIdea", enrichment.UtilizationIdeaSchema),
    ("ConsumptionAdvice", enrichment.ConsumptionAdviceSchema),
    ("BeforeConsumptionAdvice", enrichment.BeforeConsumptionAdviceSchema),
    ("InventoryStack", items.StackSchema),
    ("InventoryItem", items.InventoryItemSchema),
    ("ListedIngredient", items.ListedIngredientSchema),
    ("ListedFood", items.ListedFoodSchema),
    ("EnrichedIngredient", items.EnrichedIngredientSchema),
    ("EnrichedFood", items.EnrichedFoodSchema),
    ("IngredientDetail", items.IngredientDetailSchema),
    ("StorageAdvice", items.StorageAdviceSchema),
    ("FoodDetail", items.FoodDetailSchema),
    ("InventoryList", lists.InventoryListSchema),
    ("InventoryComplete", lists.InventoryCompleteSchema),
    ("InventorySimpleRow", lists.SimpleRowSchema),
    ("InventorySimple", lists.InventorySimpleSchema),
    ("ExpiringItem", lists.ExpiringItemSchema),
    ("InventoryExpiring", lists.InventoryExpiringSchema),
    ("IngredientNames", lists.IngredientNamesSchema),
]
INVENTORY_WRITES: Definitions = [
    ("ItemDeleted", writes.ItemDeletedSchema),
    ("ItemChanged", writes.ItemChangedSchema),
    ("IngredientDeleted", writes.IngredientDeletedSchema),
    ("StackDeleted", writes.StackDeletedSchema),
    ("QuantitySet", writes.QuantitySetSchema),
    ("ServingsSet", writes.ServingsSetSchema),
    ("ExpirationSet", writes.ExpirationSetSchema),
    ("AddedItems", writes.AddedItemsSchema),
    ("RecognitionAdded", writes.RecognitionAddedSchema),
    ("ItemAdded", writes.ItemAddedSchema),
    ("AddItemResult", writes.AddItemResultSchema),
    ("JournalEntry", usage.JournalEntrySchema),
    ("JournalRecord", usage.JournalRecordSchema),
    ("JournalPage", usage.JournalPageSchema),
    ("ImpactSaved", usage.ImpactSavedSchema),
    ("UsageResult", usage.UsageResultSchema),
    ("ConsumptionData", usage.ConsumptionDataSchema),
    ("IngredientConsumption", usage.IngredientConsumptionSchema),
    ("FoodDetails", usage.FoodDetailsSchema),
    ("FoodConsumptionData", usage.FoodConsumptionDataSchema),
    ("FoodConsumption", usage.FoodConsumptionSchema),
]
RECOGNITION: Definitions = [
    ("Recognize", recognize.RecognizeSchema),
    ("Correction", recognize.CorrectionSchema),
    ("Feedback", recognize.FeedbackSchema),
    ("BoundingBox", recognized.BoundingBoxSchema),
    ("RecognizedIngredient", recognized.RecognizedIngredientSchema),
    ("CompleteIngredient", recognized.CompleteIngredientSchema),
    ("RecognizedFood", recognized.RecognizedFoodSchema),
    ("RecognizedItem", recognized.RecognizedItemSchema),
    ("AllergyAlert", recognized.AllergyAlertSchema),
    ("Barcode", recognized.BarcodeSchema),
    ("ImagesProgress", recognitions.ImagesProgressSchema),
    ("IngredientsRecognition", recognitions.IngredientsRecognitionSchema),
    ("CompleteRecognition", recognitions.CompleteRecognitionSchema),
    ("FoodsRecognition", recognitions.FoodsRecognitionSchema),
    ("Recognition", recognitions.RecognitionSchema),
    ("BatchRecognition", recognitions.BatchRecognitionSchema),
    ("RecognitionImages", recognitions.RecognitionImagesSchema),
    ("HistoryEntry", recognitions.HistoryEntrySchema),
    ("HistoryPage", recognitions.HistoryPageSchema),
    ("FeedbackResult", recognitions.FeedbackResultSchema),
    ("JobStarted", jobs.JobStartedSchema),
    ("JobStatus", jobs.JobStatusSchema),
    ("ImageData", jobs.ImageDataSchema),
    ("ImagesJobStatus", jobs.ImagesJobStatusSchema),
    ("ImagesStatus", recognitions.ImagesStatusSchema),
    ("UsageTotals", ai.UsageTotalsSchema),
    ("OperationUsage", ai.OperationUsageSchema),
    ("AiUsage", ai.AiUsageSchema),
]
RECIPES: Definitions = [
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
NOTIFICATIONS: Definitions = [
    ("Subscribe", notifications.SubscribeSchema),
    ("Unsubscribe", notifications.UnsubscribeSchema),
    ("PushSubscription", notifications.SubscriptionSchema),
    ("NotificationPreferencesInput", notifications.PreferencesInputSchema),
    ("NotificationPreferences", notifications.PreferencesSchema),
    ("Notification", notifications.NotificationSchema),
    ("Inbox", notifications.InboxSchema),
    ("NotificationsReadAll", notifications.ReadAllSchema),
]
SAVINGS: Definitions = [
    ("FromTitle", savings.FromTitleSchema),
    ("MarkCooked", savings.MarkCookedSchema),
    ("Savings", savings.SavingsSchema),
    ("SavingsList", savings.SavingsListSchema),
    ("SavingsSummary", savings.SummarySchema),
    ("TrendPoint", savings.TrendPointSchema),
    ("SavingsTrends", savings.TrendsSchema),
    ("TopRecord", savings.TopRecordSchema),
    ("SavingsTop", savings.TopSchema),
    ("SavingsCommunity", savings.CommunitySchema),
]
SHOPPING: Definitions = [
    ("ShoppingItemInput", shopping_requests.ItemSchema),
    ("NewShoppingList", shopping_requests.NewListSchema),
    ("AddShoppingItems", shopping_requests.AddItemsSchema),
    ("ShoppingListChanges", shopping_requests.ListChangesSchema),
    ("ShoppingItemChanges", shopping_requests.ItemChangesSchema),
    ("Purchase", shopping_requests.PurchaseSchema),
    ("ShoppingFromPlan", shopping_requests.FromPlanSchema),
    ("ShoppingItem", shopping.ShoppingItemSchema),
    ("ShoppingAisle", shopping.AisleSchema),
    ("ShoppingTotals", shopping.TotalsSchema),
    ("ShoppingList", shopping.ShoppingListSchema),
    ("ShoppingListPage", shopping.ShoppingListPageSchema),
    ("StockedItem", shopping.StockedSchema),
    ("PurchaseResult", shopping.PurchaseResultSchema),
]
MEAL_PLANS: Definitions = [
    ("DayPlanRequest", day_requests.DayPlanRequestSchema),
    ("SlotInfo", days.SlotInfoSchema),
    ("DayPlan", days.DayPlanSchema),
    ("DayPlanSaved", days.DayPlanSavedSchema),
    ("DayPlanFound", days.DayPlanFoundSchema),
    ("DayPlanPage", days.DayPlanPageSchema),
    ("PlanDates", days.PlanDatesSchema),
    ("PlanDeleted", days.PlanDeletedSchema),
    ("SlotRequest", planner_requests.SlotRequestSchema),
    ("WeeklyPlan", planner_requests.WeeklyPlanSchema),
    ("PlanChanges", planner_requests.PlanChangesSchema),
    ("TemplateRequest", planner_requests.TemplateRequestSchema),
    ("ApplyTemplate", planner_requests.ApplyTemplateSchema),
    ("SlotChanges", planner_requests.SlotChangesSchema),
    ("RecipeSummary", planner.RecipeSummarySchema),
    ("PlannedSlot", planner.PlannedSlotSchema),
    ("PlanDay", planner.PlanDaySchema),
    ("PlanInfo", planner.PlanInfoSchema),
    ("WeekPlan", planner.WeekPlanSchema),
    ("MonthPlan", planner.MonthPlanSchema),
    ("TemplateSlot", planner.TemplateSlotSchema),
    ("Template", planner.TemplateSchema),
    ("Templates", planner.TemplatesSchema),
    ("SlotChanged", planner.SlotChangedSchema),
]
NUTRITION: Definitions = [
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
INTAKE_SCREENING: Definitions = [
    ("MacroSplitRequest", intake.MacroSplitSchema),
    ("NutritionProfileUpdate", intake.ProfileRequestSchema),
    ("MacroSplit", intake.SplitSchema),
    ("NutritionProfile", intake.ProfileSchema),
    ("NutritionTargets", intake.TargetsSchema),
    ("FoodLogRequest", intake.FoodLogRequestSchema),
    ("FoodLogEntry", intake.FoodLogEntrySchema),
    ("FoodLogTotals", intake.LogTotalsSchema),
    ("FoodLog", intake.FoodLogSchema),
    ("DayBalance", intake.DayBalanceSchema),
    ("WeekBalance", intake.WeekBalanceSchema),
    ("BalanceTotals", intake.BalanceTotalsSchema),
    ("CaloricBalance", intake.BalanceSchema),
    ("ScreeningRequest", screening.ScreeningRequestSchema),
    ("ScreeningWarning", screening.ScreeningWarningSchema),
    ("Screening", screening.ScreeningSchema),
    ("AuditEntry", screening.AuditEntrySchema),
    ("AuditPage", screening.AuditPageSchema),
]
PLAN_GENERATION: Definitions = [
    ("PlanMacroSplit", plan_generation.MacroSplitSchema),
    ("GeneratePlan", plan_generation.GeneratePlanSchema),
    ("ClientPlan", plan_generation.ClientPlanSchema),
    ("GeneratedMeal", plan_generation.PlannedMealSchema),
    ("UnfilledMeal", plan_generation.UnfilledSchema),
    ("GeneratedDayTotals", plan_generation.DayTotalsSchema),
    ("GeneratedPlan", plan_generation.GeneratedPlanSchema),
    ("PlanGenerated", plan_generation.PlanGeneratedSchema),
    ("PlanHistory", plan_generation.PlanHistorySchema),
    ("MealChoice", plan_generation.MealChoiceSchema),
    ("PlanSuggestion", plan_generation.SuggestionSchema),
    ("PlanAdvice", plan_generation.PlanAdviceSchema),
]
ANALYTICS: Definitions = [
    ("CookingPatterns", analytics.CookingPatternsSchema),
    ("IngredientUsage", analytics.IngredientUsageSchema),
    ("WasteReduction", analytics.WasteReductionSchema),
    ("NutritionalTrends", analytics.NutritionalTrendsSchema),
    ("Sustainability", analytics.SustainabilitySchema),
]
ADMIN: Definitions = [
    ("AdminUser", admin.AdminUserSchema),
    ("AdminUsers", admin.AdminUsersSchema),
    ("AdminUserTotals", admin.UserTotalsSchema),
    ("AdminActiveUsers", admin.ActiveUsersSchema),
    ("AdminCohort", admin.CohortSchema),
    ("AdminRecipeTotals", admin.RecipeTotalsSchema),
    ("AdminModelUsage", admin.ModelUsageSchema),
    ("AdminWasteAvoided", admin.WasteAvoidedSchema),
    ("AdminStats", admin.AdminStatsSchema),
    ("AdminHealth", admin.AdminHealthSchema),
    ("AdminAction", admin.AdminActionSchema),
    ("AdminAuditPage", admin.AdminAuditPageSchema),
    ("ReferenceImage", reference.ReferenceImageSchema),
    ("ReferencePage", reference.ReferencePageSchema),
    ("ReferenceUpdate", reference.ReferenceUpdateSchema),
    ("ReferenceDeleted", reference.ReferenceDeletedSchema),
    ("ReferenceSync", reference.ReferenceSyncSchema),
]
SEARCH: Definitions = [
    ("SearchFilters", search.FiltersSchema),
    ("SemanticSearch", search.SemanticSearchSchema),
    ("HaveItem", search.HaveItemSchema),
    ("ByIngredients", search.ByIngredientsSchema),
    ("SearchWhy", search.WhySchema),
    ("SearchHit", search.SearchHitSchema),
    ("SearchResults", search.SearchResultsSchema),
    ("LineFigure", search.LineFigureSchema),
    ("Fulfilment", search.FulfilmentSchema),
    ("FulfilmentResults", search.FulfilmentResultsSchema),
]
DEFINITIONS: Definitions = [
    *COMMON,
    *ACCOUNTS,
    *households.DEFINITIONS,
    *IMAGES,
    *INVENTORY_REQUESTS,
    *INVENTORY_ITEMS,
    *INVENTORY_WRITES,
    *RECOGNITION,
    *RECIPES,
    *SAVINGS,
    *NOTIFICATIONS,
    *SHOPPING,
    *MEAL_PLANS,
    *INTAKE_SCREENING,
    *PLAN_GENERATION,
    *NUTRITION,
    *ANALYTICS,
    ("ReportJob", reports.ReportJobSchema),
    *ADMIN,
    *SEARCH,
]
