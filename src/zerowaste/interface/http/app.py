"""Flask application factory: extensions, blueprints and error handlers only (no I/O)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask_compress import Compress
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from zerowaste.application.services import Services
from zerowaste.config import Settings
from zerowaste.interface.http import health
from zerowaste.interface.http.accounts import auth_routes, profile_routes
from zerowaste.interface.http.admin import reference_routes
from zerowaste.interface.http.admin import routes as admin_routes
from zerowaste.interface.http.ai import routes as ai_routes
from zerowaste.interface.http.analytics import routes as analytics_routes
from zerowaste.interface.http.docs import init_docs
from zerowaste.interface.http.errors import register_error_handlers
from zerowaste.interface.http.households import routes as household_routes
from zerowaste.interface.http.images import management as image_management
from zerowaste.interface.http.images import routes as image_routes
from zerowaste.interface.http.imaging import routes as imaging_routes
from zerowaste.interface.http.intake import routes as intake_routes
from zerowaste.interface.http.inventory import mobile_adds, mobile_changes, mobile_reads
from zerowaste.interface.http.inventory import routes as inventory_routes
from zerowaste.interface.http.json_provider import OrjsonProvider
from zerowaste.interface.http.limits import (
    AI_GENERATION_SCOPE,
    AI_RECOGNITION_SCOPE,
    AUTH_SCOPE,
    IMAGES_SCOPE,
    REFRESH_SCOPE,
    ai_generation_limit,
    ai_recognition_limit,
    auth_limit,
    client_ip,
    images_limit,
    limit_writes,
    make_limiter,
    refresh_limit,
)
from zerowaste.interface.http.market import routes as market_routes
from zerowaste.interface.http.meal_plans import day_routes as planning_routes
from zerowaste.interface.http.meal_plans import planner_routes
from zerowaste.interface.http.middleware import configure_logging, register_middleware
from zerowaste.interface.http.notifications import routes as notification_routes
from zerowaste.interface.http.nutrition import routes as nutrition_routes
from zerowaste.interface.http.observability import bp as metrics_bp
from zerowaste.interface.http.plan_generation import routes as plan_generation_routes
from zerowaste.interface.http.read_routing import retry_replica_losses
from zerowaste.interface.http.recipes import cooking as recipe_cooking
from zerowaste.interface.http.recipes import generation_routes
from zerowaste.interface.http.recipes import routes as recipe_routes
from zerowaste.interface.http.recognition import records as recognition_records
from zerowaste.interface.http.recognition import routes as recognition_routes
from zerowaste.interface.http.recommendations import history_routes as recipe_history
from zerowaste.interface.http.recommendations import routes as recommendation_routes
from zerowaste.interface.http.reports import routes as report_routes
from zerowaste.interface.http.requests import IdConverter
from zerowaste.interface.http.savings import routes as savings_routes
from zerowaste.interface.http.scraping import routes as recipe_import_routes
from zerowaste.interface.http.screening import routes as screening_routes
from zerowaste.interface.http.search import routes as search_routes
from zerowaste.interface.http.security import configure_jwt
from zerowaste.interface.http.shopping import routes as shopping_routes

BLUEPRINTS = [
    health.bp,
    metrics_bp,
    auth_routes.signin_bp,
    auth_routes.refresh_bp,
    auth_routes.bp,
    profile_routes.bp,
    household_routes.bp,
    image_routes.bp,
    image_management.bp,
    imaging_routes.bp,
    imaging_routes.reads_bp,
    mobile_reads.bp,
    mobile_adds.bp,
    mobile_changes.bp,
    inventory_routes.bp,
    recognition_routes.bp,
    recognition_records.bp,
    ai_routes.bp,
    generation_routes.bp,
    generation_routes.pictures_bp,
    recipe_cooking.bp,
    recipe_history.bp,
    recipe_history.client_bp,
    recommendation_routes.bp,
    recommendation_routes.recipes_bp,
    recipe_import_routes.bp,
    recipe_routes.bp,
    savings_routes.bp,
    analytics_routes.bp,
    report_routes.bp,
    notification_routes.bp,
    shopping_routes.bp,
    shopping_routes.plan_bp,
    plan_generation_routes.bp,
    plan_generation_routes.client_bp,
    planning_routes.bp,
    planner_routes.bp,
    nutrition_routes.bp,
    nutrition_routes.recipe_bp,
    intake_routes.bp,
    screening_routes.bp,
    admin_routes.bp,
    reference_routes.bp,
    search_routes.bp,
    market_routes.bp,
]


def create_app(
    settings: Settings,
    services: Services | Callable[[Flask], Services],
    *,
    ratelimit_storage: str,
) -> Flask:
    """The app around `services`; a callable builds them on the configured app (the composition
    root's database engine and cache are Flask extensions, which need the app first).
    `ratelimit_storage`: the limits storage URI (Redis, or counters shared by processes)."""
    configure_logging(settings)
    app = Flask("zerowaste")
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_content_length,
        JSON_SORT_KEYS=False,
        TESTING=settings.is_testing,
        COMPRESS_MIN_SIZE=1024,
        COMPRESS_ALGORITHM=["gzip"],
    )
    app.json = OrjsonProvider(app)
    app.json.sort_keys = False
    if settings.proxy_hops:
        # Only behind Nginx: trusting X-Forwarded-For with nothing in front would let a client
        # pick its own IP and step around the per-IP sign-in limits.
        hops = settings.proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.extensions["zerowaste.services"] = services(app) if callable(services) else services
    app.extensions["zerowaste.settings"] = settings

    register_middleware(app)
    configure_jwt(app, settings)
    CORS(
        app,
        origins=list(settings.cors_origins),
        send_wildcard="*" in settings.cors_origins,
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    Compress(app)
    limiter = make_limiter(app, settings, ratelimit_storage)
    # One budget per IP for each group (not per route): 5 sign-in attempts/min across its routes.
    limiter.shared_limit(auth_limit, AUTH_SCOPE, key_func=client_ip)(auth_routes.signin_bp)
    limiter.shared_limit(refresh_limit, REFRESH_SCOPE, key_func=client_ip)(auth_routes.refresh_bp)
    # One AI budget per user across the recognition routes (their key: the token's user).
    limiter.shared_limit(ai_recognition_limit, AI_RECOGNITION_SCOPE)(recognition_routes.bp)
    limiter.shared_limit(ai_generation_limit, AI_GENERATION_SCOPE)(generation_routes.bp)
    # Image transforms decode and encode in the web process: one budget per user across them.
    limiter.shared_limit(images_limit, IMAGES_SCOPE)(imaging_routes.bp)
    limiter.exempt(health.bp)
    limiter.exempt(metrics_bp)
    own_budgets = [auth_routes.signin_bp, auth_routes.refresh_bp, recognition_routes.bp]
    own_budgets += [generation_routes.bp, imaging_routes.bp]
    limit_writes(
        app,
        limiter,
        settings.ratelimit_default,
        grouped=[blueprint.name for blueprint in own_budgets],
        exempt=[health.bp.name, metrics_bp.name],
    )
    app.extensions["zerowaste.limiter"] = limiter

    app.url_map.converters["id"] = IdConverter
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    init_docs(app)
    retry_replica_losses(app)
    return app
