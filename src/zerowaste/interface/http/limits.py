"""Rate limits per endpoint group (Flask-Limiter), Redis storage when configured.

Limits are callables read from Settings at request time, so they apply to the app that serves
the request (the original bound them at import, before the limiter existed, and lost them).
Each group (sign-in, refresh) is one shared budget per IP across the group's routes; every
other write (POST/PUT/PATCH/DELETE) gets the default limit per user (per IP when anonymous).
Reads are not counted per user: they are the bulk of the traffic, read the caller's own data
(mostly from the cache) and change nothing, so the per-IP limit at the edge (Nginx) bounds them;
counting them cost more than half of a cached read's Python time. They are filtered out before
Flask-Limiter resolves any limit (~0.2 ms per read), so no GET route can carry a limit of its
own: every limited group (sign-in, refresh) is POST-only (tests/integration/test_rate_limits.py).
When Redis fails, counting falls back to this process's memory (logged once) and returns to Redis
when it answers again, so the API keeps serving and keeps limiting. Without Redis the counters
live in storage shared by all processes (the composition root passes its URI: a SQLite file),
so limits are exact, not per worker. CORS preflights (OPTIONS) are never counted: they carry no
token, and counting them keyed by an unverified identity made Flask-Limiter give up its storage.
"""

from __future__ import annotations

import time

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RequestLimit
from sqlalchemy.exc import SQLAlchemyError

from zerowaste.config import Settings
from zerowaste.interface.http.errors import error_response
from zerowaste.interface.http.middleware import metrics, route_label
from zerowaste.interface.http.security import optional_user_id

AI_GENERATION_SCOPE = "ai_generation"
AI_RECOGNITION_SCOPE = "ai_recognition"
AUTH_SCOPE = "auth_signin"
IMAGES_SCOPE = "image_transforms"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFRESH_SCOPE = "auth_refresh"


def client_ip() -> str:
    # ProxyFix (configured in create_app) has already resolved X-Forwarded-For from Nginx.
    return request.remote_addr or "unknown"


def user_or_ip() -> str:
    try:
        uid = optional_user_id()
    except SQLAlchemyError:
        # The token's revocation lookup failed (database down): key by IP; the view answers 503.
        uid = None
    return f"user:{uid}" if uid else f"ip:{client_ip()}"


def auth_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_AUTH"])


def refresh_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_REFRESH"])


def ai_generation_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_AI_GENERATION"])


def ai_recognition_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_AI_RECOGNITION"])


def images_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_IMAGES"])


def _on_breach(limit: RequestLimit) -> Response:
    reset_in = max(1, int(limit.reset_at - time.time()))
    metrics().rate_limited(route_label())  # zerowaste_rate_limit_rejections_total
    return error_response(
        429,
        "Rate limit exceeded",
        "rate_limited",
        {"limit": str(limit.limit)},
        headers={"Retry-After": str(reset_in)},
    )


def make_limiter(app: Flask, settings: Settings, storage_uri: str) -> Limiter:
    app.config.update(
        RATELIMIT_ENABLED=settings.ratelimit_enabled,
        RATELIMIT_STORAGE_URI=storage_uri,
        RATELIMIT_STORAGE_OPTIONS={
            "socket_timeout": settings.redis_socket_timeout,
            "socket_connect_timeout": settings.redis_socket_timeout,
        }
        if settings.redis_url
        else {},
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
        # X-RateLimit-* headers on every answer cost one more storage round trip per request;
        # a 429 still carries Retry-After (set by _on_breach).
        RATELIMIT_HEADERS_ENABLED=False,
        RATELIMIT_KEY_PREFIX="zw",
        ZW_RATELIMIT_AUTH=settings.ratelimit_auth,
        ZW_RATELIMIT_REFRESH=settings.ratelimit_refresh,
        ZW_RATELIMIT_AI_RECOGNITION=settings.ratelimit_ai_recognition,
        ZW_RATELIMIT_AI_GENERATION=settings.ratelimit_ai_generation,
        ZW_RATELIMIT_IMAGES=settings.ratelimit_images,
    )
    limiter = Limiter(
        key_func=user_or_ip,
        app=app,
        default_limits=[settings.ratelimit_default],
        default_limits_exempt_when=lambda: request.method in READ_METHODS,
        on_breach=_on_breach,
    )
    limiter.request_filter(lambda: request.method in READ_METHODS)
    return limiter
