"""Composition root: the only place that picks concrete adapters from Settings."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import Engine

from zerowaste.application.accounts.auth import AuthService, new_id
from zerowaste.application.accounts.ports import IdentityVerifier, RevocationStore
from zerowaste.application.accounts.profiles import ProfileService
from zerowaste.application.admin import exports, reference_images, reference_sync, roles, service
from zerowaste.application.analytics.service import Analytics
from zerowaste.application.health import HealthService
from zerowaste.application.households.service import Households
from zerowaste.application.idempotency import IdempotencyService
from zerowaste.application.imaging.variants import WithVariants
from zerowaste.application.intake.service import NutritionTracking
from zerowaste.application.inventory.advice import InventoryAdvice
from zerowaste.application.inventory.cooking import StockCooking
from zerowaste.application.inventory.queries import InventoryQueries
from zerowaste.application.inventory.service import InventoryService
from zerowaste.application.meal_plans.daily import DailyPlans
from zerowaste.application.meal_plans.planner import MealPlanner
from zerowaste.application.meal_plans.writer import SlotWriter
from zerowaste.application.notifications.wiring import Notifications
from zerowaste.application.nutrition.calculator import NutritionCalculator
from zerowaste.application.nutrition.cooked import CookedMealLog
from zerowaste.application.nutrition.eaten import EatenFoodLog
from zerowaste.application.nutrition.plans import PlanNutritionReport, RecipeServings
from zerowaste.application.nutrition.service import NutritionService
from zerowaste.application.nutrition.swaps import SwapAdvisor
from zerowaste.application.pictures import PictureService
from zerowaste.application.planning.adapters import (
    PlannerSlots,
    ScreeningAudit,
    ScreeningGuard,
    Sr28PerServing,
)
from zerowaste.application.planning.generation import PlanGeneration
from zerowaste.application.planning.history import GeneratedPlans
from zerowaste.application.planning.suggestions import PlanSuggestions
from zerowaste.application.ports.ai import IngredientAdvisor
from zerowaste.application.ports.cache import Cache
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.metrics import Metrics
from zerowaste.application.ports.prices import PriceCatalog
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.recipes.book import RecipeBook
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.cooking import RecipeCooking
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.generation import RecipeGeneration
from zerowaste.application.recipes.suggestions import ExpirySuggestions
from zerowaste.application.recipes.suitability import Suitability
from zerowaste.application.recipes.trending import TrendingRecipes
from zerowaste.application.recognition.intake import RecognitionIntake
from zerowaste.application.recognition.service import RecognitionService
from zerowaste.application.recommendations.history import RecipeHistory
from zerowaste.application.recommendations.similar import SimilarRecipes
from zerowaste.application.recommendations.trending import TrendingCatalog
from zerowaste.application.savings.calculator import SavingsCalculator
from zerowaste.application.savings.estimates import AiFootprints
from zerowaste.application.savings.service import RecipeSavings
from zerowaste.application.screening.audit import AuditLog
from zerowaste.application.screening.service import SafetyScreening
from zerowaste.application.services import Services
from zerowaste.application.shopping.items import ItemFactory
from zerowaste.application.shopping.planned import ListFromPlan
from zerowaste.application.shopping.service import ShoppingLists
from zerowaste.bootstrap.adapters import (  # noqa: E402
    ai_gateway,
    build_recipe_line_reader,
    identity_verifier,
    image_service,
    imaging_services,
    job_service,
    push_sender,
    recommendation_service,
    report_service,
    revocation_store,
    search_indexer,
    search_service,
)
from zerowaste.bootstrap.market import market_services
from zerowaste.bootstrap.preloading import preloads, warm_up
from zerowaste.bootstrap.replica import read_replica
from zerowaste.bootstrap.scraping import build_scraping
from zerowaste.config import Settings
from zerowaste.infrastructure import probes, ratelimit
from zerowaste.infrastructure.accounts.passwords import Argon2PasswordHasher
from zerowaste.infrastructure.ai.local.advisor import LocalIngredientAdvisor
from zerowaste.infrastructure.cache import make_cache
from zerowaste.infrastructure.clock import SystemClock
from zerowaste.infrastructure.db.households import SqlAlchemyDataVersions
from zerowaste.infrastructure.db.idempotency import SqlAlchemyIdempotencyStore
from zerowaste.infrastructure.db.market_offers import ScrapedCurrentOffers
from zerowaste.infrastructure.db.session import init_database, make_session_factory
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory
from zerowaste.infrastructure.db.uploads import SqlAlchemyUploadLibrary
from zerowaste.infrastructure.images import PillowImageSanitizer
from zerowaste.infrastructure.metrics import PrometheusMetrics
from zerowaste.infrastructure.metrics.pool import instrument_pool
from zerowaste.infrastructure.redis_client import OutageLog, make_redis
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.portions import Sr28Measures
from zerowaste.infrastructure.reference.recipe_foods import RecipeFoodMatcher
from zerowaste.infrastructure.reference.sr28 import Sr28Nutrition
from zerowaste.infrastructure.reports.renderer import FileReportRenderer
from zerowaste.infrastructure.reports.tables import TableFileRenderer

__all__ = ["ENGINE_EXTENSION", "build_recipe_line_reader", "build_services", "create_app"]

ENGINE_EXTENSION = "zerowaste.engine"
METRICS_EXTENSION = "zerowaste.metrics"  # the Metrics port the interface records into


def build_services(
    settings: Settings, engine: Engine, app: Flask | None = None, **overrides: Any
) -> Services:
    """Build services from settings; keyword overrides replace adapters (tests, fakes).

    `app` is the Flask app the services serve: the cache is a Flask-Caching extension on it.
    """
    session_factory = make_session_factory(engine)
    redis_client = (
        make_redis(settings.redis_url, settings.redis_socket_timeout)
        if settings.redis_url
        else None
    )
    replica = read_replica(settings, engine, redis_client)
    # mypy checks this one SQLAlchemy factory against each service's unit-of-work port
    # (UnitOfWorkFactory[AccountsUnitOfWork], [InventoryUnitOfWork], ...); tests pass fakes.
    uow_factory: UnitOfWorkFactory = overrides.get("uow_factory") or UnitOfWorkFactory(
        engine, *replica
    )
    clock: Clock = overrides.get("clock") or SystemClock()
    metrics: Metrics = overrides.get("metrics") or PrometheusMetrics()
    instrument_pool(engine)
    if app is not None:
        app.extensions[METRICS_EXTENSION] = metrics

    redis_outage = OutageLog("redis")  # one per process, shared by its Redis adapters
    revocations: RevocationStore = overrides.get("revocations") or revocation_store(
        session_factory, redis_client, clock, redis_outage, app
    )
    cache: Cache = overrides.get("cache") or make_cache(
        app,
        redis_client,
        settings.var_dir / "cache",
        settings.cache_ttl_seconds,
        redis_outage if redis_client else OutageLog("file cache"),
        metrics,
    )
    identity: IdentityVerifier | None = (
        overrides["identity"] if "identity" in overrides else identity_verifier(settings)
    )
    hasher = overrides.get("hasher") or Argon2PasswordHasher(fast=settings.is_testing)
    auth = AuthService(
        uow_factory,
        clock,
        hasher,
        revocations,
        identity,
        settings.jwt_access_ttl,
        settings.jwt_refresh_ttl,
    )
    checks = {"database": probes.database_probe(engine)}
    if replica[1] is not None:
        checks["replica"] = replica[1].health.usable  # down or lagging: "degraded"
    if redis_client is not None:
        checks["redis"] = probes.redis_probe(redis_client)
    if settings.celery_broker_url:
        checks["broker"] = probes.broker_probe(settings.celery_broker_url)
    health, broker = HealthService(checks), settings.celery_broker_url
    depth = probes.queue_depth(broker) if broker else (lambda: None)
    admin = service.AdminService(uow_factory, clock, health, depth)
    data_pack = overrides.get("catalog") or DataPackCatalog.from_engine(
        engine, data_dir=settings.data_dir
    )
    catalog: ReferenceCatalog = data_pack
    advisor: IngredientAdvisor = overrides.get("advisor") or LocalIngredientAdvisor(
        catalog, settings.data_dir
    )
    images = image_service(
        settings, clock, overrides, SqlAlchemyUploadLibrary(session_factory, clock.now)
    )
    jobs = job_service(settings, uow_factory, clock, overrides)
    ai = ai_gateway(settings, uow_factory, clock, cache, catalog, advisor, overrides, metrics)
    food_keys = FoodKeys(catalog)
    public_recipes = PublicCatalog()  # one decoded copy for the book and the generator
    suitable = Suitability(catalog)  # the profile's allergies, diets and level, for every picker
    trending = TrendingRecipes(uow_factory)
    suggestions = ExpirySuggestions(uow_factory, food_keys, public_recipes, suitable)
    notifications = Notifications.build(
        uow_factory, clock, push_sender(settings, overrides), trending, suggestions
    )
    ready = notifications.images_ready  # a finished picture job tells the user
    imaging, image_batches, variants = imaging_services(settings, clock, images, jobs)
    picture_store = WithVariants(images.store, variants)  # pictures get thumbnails too
    pictures = PictureService(uow_factory, clock, ai, picture_store, jobs, images.url_for, ready)
    remote_advice = InventoryAdvice(uow_factory, clock, ai, jobs)
    sr28 = Sr28Nutrition(settings.data_dir)  # read on first use, once per process
    nutrition = NutritionCalculator(sr28, RecipeFoodMatcher(catalog))
    tracking = NutritionTracking(uow_factory, clock)
    inventory = InventoryService(
        uow_factory,
        clock,
        catalog,
        advisor,
        images,
        remote_advice,
        EatenFoodLog(nutrition, tracking),
    )
    prices: PriceCatalog = overrides.get("prices") or data_pack  # the same in-memory catalog
    savings = RecipeSavings(
        uow_factory, clock, SavingsCalculator(catalog, prices, AiFootprints(ai))
    )
    search_parts = search_indexer(session_factory, clock, overrides)  # one index per process
    book = RecipeBook(uow_factory, clock, public_recipes, vectors=search_parts[0])
    slot_writer = SlotWriter(book, clock)  # plans save the client's recipes through the book
    audit_log = AuditLog(uow_factory, clock)
    recognition = RecognitionService(uow_factory, clock, ai, images, catalog, pictures, jobs)
    shopping_items = ItemFactory(catalog, prices, Sr28Measures(settings.data_dir), food_keys)
    shopping = ShoppingLists(uow_factory, clock, shopping_items, inventory)
    planner = MealPlanner(uow_factory, slot_writer)
    jobs.register(
        "recognition.run", lambda job, p: recognition.run_job(job.owner_uid, job.payload, p)
    )
    jobs.register("images.generate", lambda job, p: pictures.run_job(job.owner_uid, job.payload, p))
    jobs.register(
        "inventory.advice", lambda job, p: remote_advice.run_job(job.owner_uid, job.payload, p)
    )
    screening = SafetyScreening(uow_factory, clock, audit_log)
    analytics = Analytics(uow_factory, clock, tracking.targets, FileReportRenderer())
    inventory_queries = InventoryQueries(
        uow_factory, clock, catalog, SqlAlchemyDataVersions(engine), images
    )
    reports = report_service(
        settings,
        clock,
        jobs,
        notifications.notifier,
        (planner, shopping, book, analytics, inventory_queries, savings, images),
    )
    plan_history = GeneratedPlans(uow_factory, clock)
    scraping = build_scraping(
        settings, redis_client, session_factory, clock, jobs, book, catalog, overrides
    )
    trending_catalog = TrendingCatalog(uow_factory, clock, trending, cache)
    per_serving = Sr28PerServing(RecipeServings(nutrition))  # catalog figures kept per process
    plan_generation = PlanGeneration(
        uow_factory,
        clock,
        suitable,
        food_keys,
        public_recipes,
        per_serving,
        PlannerSlots(planner),
        ScreeningGuard(screening),
        ScreeningAudit(audit_log),
        history=plan_history,
    )
    return Services(
        auth=auth,
        profiles=ProfileService(uow_factory, clock, auth, images),
        households=Households(uow_factory, clock, new_id),
        health=health,
        inventory=inventory,
        inventory_queries=inventory_queries,
        idempotency=IdempotencyService(SqlAlchemyIdempotencyStore(session_factory), clock),
        images=images,
        imaging=imaging,
        image_batches=image_batches,
        image_variants=variants,
        jobs=jobs,
        ai=ai,
        pictures=pictures,
        recognition=recognition,
        recognition_intake=RecognitionIntake(uow_factory, clock, inventory),
        recipes=book,
        recipe_generation=RecipeGeneration(
            uow_factory,
            clock,
            suitable,
            ai,
            pictures,
            food_keys,
            public_recipes,
            vectors=search_parts[0],
        ),
        recipe_trending=trending,
        recipe_cooking=RecipeCooking(
            uow_factory,
            clock,
            StockCooking(uow_factory, clock, food_keys),
            food_keys,
            savings,
            CookedMealLog(RecipeServings(nutrition), tracking),
        ),
        savings=savings,
        analytics=analytics,
        shopping=shopping,
        shopping_from_plan=ListFromPlan(uow_factory, shopping_items, planner, shopping),
        daily_plans=DailyPlans(uow_factory, slot_writer),
        meal_planner=planner,
        nutrition=NutritionService(nutrition, sr28, book),
        plan_nutrition=PlanNutritionReport(RecipeServings(nutrition), planner),
        nutrition_swaps=SwapAdvisor(nutrition, sr28, catalog),
        nutrition_tracking=tracking,
        screening=screening,
        plan_generation=plan_generation,
        plan_history=plan_history,
        notifications=notifications,
        reports=reports,
        search=search_service(
            uow_factory,
            session_factory,
            clock,
            catalog,
            food_keys,
            public_recipes,
            overrides,
            search_parts,
        ),
        plan_suggestions=PlanSuggestions(
            uow_factory,
            planner,
            lambda user_uid: tracking.targets(user_uid).energy_kcal,
            per_serving,
            suitable,
            public_recipes,
        ),
        audit_log=audit_log,
        admin_roles=roles.AdminRoles(uow_factory, clock),
        admin=admin,
        admin_exports=exports.AdminExports(uow_factory, clock, admin, TableFileRenderer()),
        reference_images=reference_images.ReferenceImages(uow_factory, clock, images),
        reference_sync=reference_sync.ReferenceSync(
            uow_factory, clock, images.store, PillowImageSanitizer()
        ),
        recommendations=recommendation_service(
            settings,
            uow_factory,
            session_factory,
            clock,
            suitable,
            food_keys,
            public_recipes,
            overrides,
        ),
        recipe_history=RecipeHistory(uow_factory, clock),
        trending_recipes=trending_catalog,
        similar_recipes=SimilarRecipes(
            uow_factory, search_parts[0], suitable, food_keys, public_recipes
        ),
        recipe_import=scraping.recipe_import,
        price_scraping=scraping.price_scraping,
        market_offers=scraping.market_offers,
        **market_services(
            settings.data_dir,
            session_factory,
            uow_factory,
            clock,
            (catalog, prices, sr28, food_keys),
            trending_catalog,
            {"offers": ScrapedCurrentOffers(scraping.market_offers), **overrides},
        ),
        cache=cache,
        clock=clock,
        preloads=preloads(sr28, search_parts[0], search_parts[1]),
    )


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    """Settings from the environment, services from settings, the Flask app around them.

    The services are built once the app exists: its database engine is Flask-SQLAlchemy's.
    """
    from zerowaste.interface.http.app import create_app as create_http_app

    resolved = settings or Settings.from_env()

    def services_for(app: Flask) -> Services:
        engine = init_database(app, resolved)
        app.extensions[ENGINE_EXTENSION] = engine
        return build_services(resolved, engine, app, **overrides)

    limits_uri = resolved.redis_url or ratelimit.storage_uri(resolved.var_dir)
    app = create_http_app(resolved, services_for, ratelimit_storage=limits_uri)
    if resolved.warm_up:
        warm_up(app)
    return app
