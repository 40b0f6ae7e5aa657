"""The typed set of use cases the interface calls, built once per process by the composition
root (`zerowaste.bootstrap.build_services`) and found with `interface.http.security.services()`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zerowaste.application.accounts.auth import AuthService
from zerowaste.application.accounts.profiles import ProfileService
from zerowaste.application.admin.exports import AdminExports
from zerowaste.application.admin.reference_images import ReferenceImages
from zerowaste.application.admin.reference_sync import ReferenceSync
from zerowaste.application.admin.roles import AdminRoles
from zerowaste.application.admin.service import AdminService
from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.analytics.service import Analytics
from zerowaste.application.health import HealthService
from zerowaste.application.households.service import Households
from zerowaste.application.idempotency import IdempotencyService
from zerowaste.application.images import ImageService
from zerowaste.application.imaging.batch import BatchOptimize
from zerowaste.application.imaging.transforms import ImageTransforms
from zerowaste.application.imaging.variants import UploadVariants
from zerowaste.application.intake.service import NutritionTracking
from zerowaste.application.inventory.queries import InventoryQueries
from zerowaste.application.inventory.service import InventoryService
from zerowaste.application.jobs.service import JobService
from zerowaste.application.market.prices import MarketPrices
from zerowaste.application.market.seasonal import SeasonalProduce
from zerowaste.application.market.substitutes import Substitutes
from zerowaste.application.market.techniques import Techniques
from zerowaste.application.market.trends import RecipeTrends
from zerowaste.application.meal_plans.daily import DailyPlans
from zerowaste.application.meal_plans.planner import MealPlanner
from zerowaste.application.notifications.wiring import Notifications
from zerowaste.application.nutrition.plans import PlanNutritionReport
from zerowaste.application.nutrition.service import NutritionService
from zerowaste.application.nutrition.swaps import SwapAdvisor
from zerowaste.application.pictures import PictureService
from zerowaste.application.planning.generation import PlanGeneration
from zerowaste.application.planning.history import GeneratedPlans
from zerowaste.application.planning.suggestions import PlanSuggestions
from zerowaste.application.ports.cache import Cache
from zerowaste.application.ports.clock import Clock
from zerowaste.application.recipes.book import RecipeBook
from zerowaste.application.recipes.cooking import RecipeCooking
from zerowaste.application.recipes.generation import RecipeGeneration
from zerowaste.application.recipes.trending import TrendingRecipes
from zerowaste.application.recognition.intake import RecognitionIntake
from zerowaste.application.recognition.service import RecognitionService
from zerowaste.application.recommendations.history import RecipeHistory
from zerowaste.application.recommendations.service import RecommendationService
from zerowaste.application.recommendations.similar import SimilarRecipes
from zerowaste.application.recommendations.trending import TrendingCatalog
from zerowaste.application.reports.service import ReportService
from zerowaste.application.savings.service import RecipeSavings
from zerowaste.application.scraping.ports import MarketOffers
from zerowaste.application.scraping.prices import PriceScraping
from zerowaste.application.scraping.recipe_import import RecipeImport
from zerowaste.application.screening.audit import AuditLog
from zerowaste.application.screening.service import SafetyScreening
from zerowaste.application.search.service import SearchService
from zerowaste.application.shopping.planned import ListFromPlan
from zerowaste.application.shopping.service import ShoppingLists


@dataclass(frozen=True)
class Services:
    auth: AuthService
    profiles: ProfileService
    households: Households  # issue #14: membership, invitations, roles
    health: HealthService
    inventory: InventoryService
    inventory_queries: InventoryQueries
    idempotency: IdempotencyService
    images: ImageService
    imaging: ImageTransforms  # issue #13: optimize, convert, resize, info
    image_batches: BatchOptimize  # batch-optimize jobs
    image_variants: UploadVariants  # thumbnails and WebP/AVIF copies, served by signed URL
    jobs: JobService  # background jobs: start, poll, and the worker's run
    ai: AiGateway
    pictures: PictureService
    recognition: RecognitionService
    recognition_intake: RecognitionIntake
    recipes: RecipeBook
    recipe_generation: RecipeGeneration
    recipe_trending: TrendingRecipes  # trending, defined once (notifications, #12's routes)
    recipe_cooking: RecipeCooking
    savings: RecipeSavings
    analytics: Analytics  # issue #11 §2: reports as JSON, charts and tables
    shopping: ShoppingLists
    shopping_from_plan: ListFromPlan
    daily_plans: DailyPlans  # rows 52-57 on the planner's store of slots
    meal_planner: MealPlanner  # weeks, months, templates; slots_between/fill for other features
    nutrition: NutritionService  # its `calculator` is the planner's NutritionCalculator
    nutrition_swaps: SwapAdvisor
    plan_nutrition: PlanNutritionReport
    nutrition_tracking: NutritionTracking  # profile, targets, food log (record), balance
    screening: SafetyScreening  # screening and the planner's guard (require_screening)
    plan_generation: PlanGeneration  # row 58 and /api/meal-plans/generate (the optimiser)
    plan_history: GeneratedPlans
    plan_suggestions: PlanSuggestions  # which meal to change to meet the daily target
    audit_log: AuditLog  # screenings and AI plan generations (record)
    admin_roles: AdminRoles  # the admin flag: each admin call checked and audit-logged
    admin: AdminService  # users, stats, health, the admin audit log
    admin_exports: AdminExports
    reference_images: ReferenceImages  # row 10, admins only
    reference_sync: ReferenceSync  # row 67 sync_images: files under reference/ indexed
    search: SearchService  # issue #12: semantic and by-ingredients recipe search
    notifications: Notifications  # routes (center), notifier, beat reminders, images ready
    reports: ReportService  # issue #11 part 4: PDFs, CSV/XLSX exports, report jobs
    recommendations: RecommendationService  # issue #12 §3: recipes, ingredients, feedback
    recipe_history: RecipeHistory  # views and cooks (GET/POST /api/recipes/history)
    trending_recipes: TrendingCatalog  # row 51's /api/recipes/all/trending (recipe_trending's)
    similar_recipes: SimilarRecipes  # /api/recommendations/recipe/<uid>, on search's index
    recipe_import: RecipeImport  # issue #13: POST /api/recipes/import, a job per URL
    price_scraping: PriceScraping  # issue #13: the beat's scrape_prices (enabled sources only)
    market_offers: MarketOffers  # issue #13: current_offers(ingredient_id, store_chain=None)
    market_prices: MarketPrices  # issue #13: shelf prices by zone and chain, trends, offers
    seasonal_produce: SeasonalProduce  # issue #13: produce in season, prices when asked
    recipe_trends: RecipeTrends  # issue #13: trending by region, season, difficulty
    techniques: Techniques  # issue #13: FoodKeeper's and the project's techniques
    substitutes: Substitutes  # issue #13: substitutes, what the caller has first
    cache: Cache  # the interface caches its own renderings through the same port
    clock: Clock
    # What a process loads on first use (nutrition tables, the search model and index), named
    # so a web worker can load it before its first request (`zerowaste.bootstrap.preloading`).
    preloads: tuple[tuple[str, Callable[[], object]], ...] = ()
