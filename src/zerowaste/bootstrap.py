"""Composition root: the only place that picks concrete adapters from Settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from sqlalchemy import Engine

from zerowaste.application.accounts.auth import AuthService
from zerowaste.application.accounts.profiles import ProfileService
from zerowaste.application.health import HealthService
from zerowaste.application.idempotency import IdempotencyService
from zerowaste.application.images import ImageService, UrlSigner
from zerowaste.application.inventory.queries import InventoryQueries
from zerowaste.application.inventory.service import InventoryService
from zerowaste.application.ports import (
    Cache,
    Clock,
    IdentityVerifier,
    IngredientAdvisor,
    ReferenceCatalog,
    RevocationStore,
)
from zerowaste.config import Settings
from zerowaste.infrastructure import probes
from zerowaste.infrastructure.accounts.passwords import Argon2PasswordHasher
from zerowaste.infrastructure.accounts.revocation import (
    DatabaseRevocationStore,
    RedisRevocationStore,
)
from zerowaste.infrastructure.ai.local.advisor import LocalIngredientAdvisor
from zerowaste.infrastructure.cache import FileCache, RedisCache
from zerowaste.infrastructure.clock import SystemClock
from zerowaste.infrastructure.db import registry  # noqa: F401  (attaches repositories)
from zerowaste.infrastructure.db.idempotency import SqlAlchemyIdempotencyStore
from zerowaste.infrastructure.db.session import make_engine, make_session_factory
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory
from zerowaste.infrastructure.images import LocalImageStore, PillowImageSanitizer
from zerowaste.infrastructure.redis_client import make_redis
from zerowaste.infrastructure.reference.catalog import DataPackCatalog


@dataclass
class Services:
    """Everything the interface layer calls, built once per process."""

    settings: Settings
    auth: AuthService
    profiles: ProfileService
    health: HealthService
    cache: Cache
    inventory: InventoryService
    inventory_queries: InventoryQueries
    catalog: ReferenceCatalog
    idempotency: IdempotencyService
    images: ImageService
    engine: Engine | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def build_services(settings: Settings, **overrides: Any) -> Services:
    """Build services from settings; keyword overrides replace adapters (tests, fakes)."""
    engine = overrides.get("engine") or make_engine(settings)
    session_factory = make_session_factory(engine)
    uow_factory = overrides.get("uow_factory") or UnitOfWorkFactory(session_factory)
    clock: Clock = overrides.get("clock") or SystemClock()
    redis_client = (
        make_redis(settings.redis_url, settings.redis_socket_timeout)
        if settings.redis_url
        else None
    )

    revocations: RevocationStore = overrides.get("revocations") or _revocations(
        session_factory, redis_client, clock
    )
    cache: Cache = overrides.get("cache") or (
        RedisCache(redis_client) if redis_client else FileCache(str(settings.var_dir / "cache"))
    )
    identity: IdentityVerifier | None = (
        overrides["identity"] if "identity" in overrides else _identity(settings)
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
    if redis_client is not None:
        checks["redis"] = probes.redis_probe(redis_client)
    if settings.celery_broker_url:
        checks["broker"] = probes.broker_probe(settings.celery_broker_url)
    catalog: ReferenceCatalog = overrides.get("catalog") or DataPackCatalog.from_engine(
        engine, data_dir=settings.data_dir
    )
    advisor: IngredientAdvisor = overrides.get("advisor") or LocalIngredientAdvisor(
        catalog, settings.data_dir
    )
    images = _images(settings, clock, overrides)
    inventory_args = (
        uow_factory,
        clock,
        catalog,
        advisor,
        cache,
        settings.cache_ttl_seconds,
        images,
    )
    return Services(
        settings=settings,
        auth=auth,
        profiles=ProfileService(uow_factory, clock, auth, cache),
        health=HealthService(checks),
        cache=cache,
        inventory=InventoryService(*inventory_args),
        inventory_queries=InventoryQueries(*inventory_args),
        catalog=catalog,
        idempotency=IdempotencyService(SqlAlchemyIdempotencyStore(session_factory), clock),
        images=images,
        engine=engine,
    )


def _revocations(session_factory: Any, redis_client: Any, clock: Clock) -> RevocationStore:
    database = DatabaseRevocationStore(session_factory, clock.now)
    return RedisRevocationStore(redis_client, database) if redis_client else database


def _identity(settings: Settings) -> IdentityVerifier | None:
    if not settings.firebase_project_id:
        return None
    from zerowaste.infrastructure.accounts.firebase import FirebaseIdentityVerifier

    return FirebaseIdentityVerifier(settings)


def _images(settings: Settings, clock: Clock, overrides: dict[str, Any]) -> ImageService:
    """Firebase Storage when a project and bucket are configured, else files under var/files."""
    signer = UrlSigner(settings.jwt_secret_key, clock)
    store = overrides.get("image_store")
    if store is None and settings.firebase_project_id and settings.firebase_storage_bucket:
        from zerowaste.infrastructure.storage.firebase import FirebaseImageStore

        store = FirebaseImageStore(settings, signer)
    if store is None:
        store = LocalImageStore(settings.var_dir / "files", signer)
    return ImageService(store, PillowImageSanitizer(), signer)


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    """Settings from the environment, services from settings, the Flask app around them."""
    from zerowaste.interface.http.app import create_app as create_http_app

    settings = settings or Settings.from_env()
    return create_http_app(settings, build_services(settings, **overrides))
