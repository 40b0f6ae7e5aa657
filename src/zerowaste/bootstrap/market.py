"""Issue #13's read services (market prices, seasonal produce, trends, techniques, substitutes).

Current offers: the price scrapers' promotions (`ScrapedCurrentOffers` over `market_offers`;
none until a deployment enables price sources); the `offers` override replaces them (tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from zerowaste.application.market.ports import (
    CurrentOffers,
    MarketUnitOfWork,
    NoCurrentOffers,
    SubstitutionRules,
)
from zerowaste.application.market.prices import MarketPrices
from zerowaste.application.market.seasonal import SeasonalProduce
from zerowaste.application.market.substitutes import Substitutes
from zerowaste.application.market.techniques import Techniques
from zerowaste.application.market.trends import RecipeTrends
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.prices import PriceCatalog
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recommendations.trending import TrendingCatalog
from zerowaste.infrastructure.reference.culinary import CulinaryFiles
from zerowaste.infrastructure.reference.market import ProfecoPrices


def market_services(
    data_dir: Path,
    session_factory: sessionmaker[Session],
    uow_factory: UnitOfWorkFactory[MarketUnitOfWork],
    clock: Clock,
    reference: tuple[ReferenceCatalog, PriceCatalog, SubstitutionRules, Callable[[str], str]],
    trending: TrendingCatalog,
    overrides: dict[str, Any],
) -> dict[str, Any]:
    """The Services fields of issue #13's reads, by name."""
    catalog, prices, rules, keys = reference
    culinary = CulinaryFiles(data_dir)  # read on first use, once per process
    offers: CurrentOffers = overrides.get("offers") or NoCurrentOffers()
    return {
        "market_prices": MarketPrices(
            ProfecoPrices(session_factory), catalog, culinary, offers, clock
        ),
        "seasonal_produce": SeasonalProduce(culinary, prices, clock),
        "recipe_trends": RecipeTrends(trending, culinary, keys, clock),
        "techniques": Techniques(culinary, catalog),
        "substitutes": Substitutes(uow_factory, clock, rules, catalog, keys),
    }
