"""Scraping's adapters (issue #13): the polite fetcher (its cache and per-host pace on Redis
when configured, else in the process), the recipe import and the enabled price sources."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from zerowaste.application.jobs.service import JobService
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.recipes.book import RecipeBook
from zerowaste.application.scraping.ports import MarketOffers, PageFetcher
from zerowaste.application.scraping.prices import PriceScraping
from zerowaste.application.scraping.recipe_import import JOB_TYPE, RecipeImport
from zerowaste.bootstrap.adapters import build_recipe_line_reader
from zerowaste.config import ConfigError, Settings
from zerowaste.infrastructure.db.market_offers import SqlAlchemyMarketOffers
from zerowaste.infrastructure.reference.recipe_foods import RecipeFoodMatcher
from zerowaste.infrastructure.scrapers.fetcher import FetchPolicy, PoliteFetcher
from zerowaste.infrastructure.scrapers.guard import AddressGuard
from zerowaste.infrastructure.scrapers.products import MasterProductMapper
from zerowaste.infrastructure.scrapers.recipes import RecipeScrapersReader
from zerowaste.infrastructure.scrapers.state import (
    MemoryHostPace,
    MemoryResponseCache,
    RedisStores,
)
from zerowaste.infrastructure.scrapers.supermarkets import PriceSourceError, enabled_sources

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scraping:
    recipe_import: RecipeImport
    price_scraping: PriceScraping
    market_offers: MarketOffers


def polite_fetcher(settings: Settings, redis_client: Any) -> PoliteFetcher:
    if settings.is_production and not settings.scrape_contact_url:
        log.warning(
            "SCRAPE_CONTACT_URL is not set: the scraper's User-Agent names no contact; set it to "
            "a page saying who runs this deployment and how to reach them"
        )
    policy = FetchPolicy(
        contact_url=settings.scrape_contact_url,
        host_interval=settings.scrape_host_interval_ms / 1000,
        timeout=float(settings.scrape_timeout_seconds),
        max_bytes=settings.scrape_max_bytes,
        max_retries=settings.scrape_max_retries,
    )
    guard = AddressGuard(allow_loopback=settings.scrape_allow_loopback)
    if redis_client is not None:
        stores = RedisStores(redis_client)
        return PoliteFetcher(policy, guard, stores, stores)
    return PoliteFetcher(policy, guard, MemoryResponseCache(), MemoryHostPace())


def build_scraping(
    settings: Settings,
    redis_client: Any,
    session_factory: sessionmaker[Session],
    clock: Clock,
    jobs: JobService,
    book: RecipeBook,
    catalog: ReferenceCatalog,
    overrides: dict[str, Any],
) -> Scraping:
    fetcher: PageFetcher = overrides.get("page_fetcher") or polite_fetcher(settings, redis_client)
    lines = build_recipe_line_reader(settings, catalog)
    importer = RecipeImport(
        jobs, fetcher, RecipeScrapersReader(), lines, book, enabled=settings.recipe_import_enabled
    )
    jobs.register(JOB_TYPE, importer.run_job)
    try:
        sources = overrides.get("price_sources") or enabled_sources(
            settings.price_sources, settings.price_seed_file
        )
    except (PriceSourceError, OSError, ValueError) as exc:
        raise ConfigError(str(exc)) from exc
    offers = SqlAlchemyMarketOffers(session_factory, clock.now)
    mapper = MasterProductMapper(RecipeFoodMatcher(catalog))
    prices = PriceScraping(fetcher, sources, offers, mapper, clock)
    return Scraping(importer, prices, offers)
