"""The spec's definitions: every request and response schema, by the name routes $ref.

Order matters: a schema nested in another is listed before it, so apispec refers to it by this
name instead of inventing one.
"""

from __future__ import annotations

from zerowaste.interface.http import schemas as base
from zerowaste.interface.http.accounts import definitions as accounts_definitions
from zerowaste.interface.http.admin import definitions as admin_definitions
from zerowaste.interface.http.analytics import schemas as analytics
from zerowaste.interface.http.households import schemas as households
from zerowaste.interface.http.images import schemas as uploads
from zerowaste.interface.http.imaging.schemas import DEFINITIONS as IMAGING
from zerowaste.interface.http.intake import schemas as intake
from zerowaste.interface.http.inventory import definitions as inventory_definitions
from zerowaste.interface.http.market import price_schemas as market_prices
from zerowaste.interface.http.market import schemas as market
from zerowaste.interface.http.meal_plans import definitions as meal_plans_definitions
from zerowaste.interface.http.meal_plans import planner_requests as planner_requests
from zerowaste.interface.http.notifications import schemas as notifications
from zerowaste.interface.http.nutrition import definitions as nutrition_definitions
from zerowaste.interface.http.plan_generation import schemas as plan_generation
from zerowaste.interface.http.recipes import definitions as recipes_definitions
from zerowaste.interface.http.recognition import definitions as recognition_definitions
from zerowaste.interface.http.recommendations import (
    definitions as recommendations_definitions,
)
from zerowaste.interface.http.reports import schemas as reports
from zerowaste.interface.http.savings import schemas as savings
from zerowaste.interface.http.schemas import Definitions
from zerowaste.interface.http.scraping import schemas as scraping
from zerowaste.interface.http.screening import schemas as screening
from zerowaste.interface.http.search import definitions as search_definitions
from zerowaste.interface.http.shopping import request_schemas as shopping_requests
from zerowaste.interface.http.shopping import schemas as shopping

COMMON: Definitions = [
    ("Error", base.ErrorSchema),
    ("Status", base.StatusSchema),
    ("Readiness", base.ReadinessSchema),
    ("Message", base.MessageSchema),
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
DEFINITIONS: Definitions = [
    *COMMON,
    *accounts_definitions.DEFINITIONS,
    *households.DEFINITIONS,
    *IMAGES,
    *IMAGING,
    *inventory_definitions.DEFINITIONS,
    *recognition_definitions.DEFINITIONS,
    *recipes_definitions.DEFINITIONS,
    *recommendations_definitions.DEFINITIONS,
    *SAVINGS,
    *NOTIFICATIONS,
    *SHOPPING,
    *meal_plans_definitions.DEFINITIONS,
    *INTAKE_SCREENING,
    *PLAN_GENERATION,
    *nutrition_definitions.DEFINITIONS,
    *ANALYTICS,
    ("ReportJob", reports.ReportJobSchema),
    *admin_definitions.DEFINITIONS,
    *search_definitions.DEFINITIONS,
    *scraping.DEFINITIONS,
    *market_prices.DEFINITIONS,
    *market.DEFINITIONS,
]
