"""Ports of the market-data reads: the imported shelf prices, current offers (the scraping
work's, wired in at merge; nothing until then), and the culinary reference files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.market.prices import PricePoint
from zerowaste.domain.market.seasons import SeasonalFood
from zerowaste.domain.market.techniques import Technique
from zerowaste.domain.nutrition.swaps import Substitution
from zerowaste.domain.prices import PriceBasis


class PriceObservations(Protocol):
    """The PROFECO shelf prices `zerowaste data-import` stored, one row per store and day."""

    def products(
        self, zones: list[tuple[str, str]] | None, chain: str | None
    ) -> list[tuple[str, PriceBasis]]:
        """Every (ingredient id, basis) with prices in those (state, city) zones (anywhere when
        None) at that chain (any when None)."""
        ...

    def points(
        self,
        ingredient_ids: list[str] | None,
        zones: list[tuple[str, str]] | None,
        chain: str | None,
    ) -> list[PricePoint]:
        """The prices of those ingredients (every mapped one when None), filtered the same way,
        oldest first."""
        ...

    def zones(self) -> list[tuple[str, str]]:
        """Every (state, municipality) the data has prices for."""
        ...

    def chains(self) -> list[str]:
        """Every chain the data has prices for."""
        ...

    def citation(self, first: date, last: date) -> str:
        """The attribution the source asks for, with the dates of the prices shown."""
        ...


@dataclass(frozen=True)
class Offer:
    """A price a store advertises now (a promotion, a flyer), per basis unit when known."""

    ingredient_id: str
    store_chain: str
    title: str
    price_mxn: Decimal
    unit_price_mxn: Decimal | None
    basis: str | None
    valid_from: date | None
    valid_until: date | None
    source: str
    url: str | None = None


class CurrentOffers(Protocol):
    def current(self, ingredient_id: str, store_chain: str | None) -> list[Offer]:
        """The offers valid today for an ingredient (at one chain, or any when None)."""
        ...


class NoCurrentOffers:
    """The default: no source of current offers is configured, so there are none. The
    supermarket-offer scrapers (issue #13, another work package) provide the real adapter."""

    def current(self, ingredient_id: str, store_chain: str | None) -> list[Offer]:
        return []


class CulinaryData(Protocol):
    """The seasonal calendar, and the techniques (FoodKeeper's and the project's), read once."""

    def seasonal_foods(self) -> list[SeasonalFood]: ...

    def seasonal_by_ingredient(self) -> dict[str, SeasonalFood]:
        """The calendar's entries by the ingredient-master id that links to them."""
        ...

    def techniques(self) -> list[Technique]: ...

    def ingredient_names(self) -> dict[str, tuple[str, str]]:
        """The master's (Spanish, English) names by ingredient id."""
        ...


class SubstitutionRules(Protocol):
    def substitutions(self) -> list[Substitution]:
        """Every substitution rule of the data pack."""
        ...


class MarketUnitOfWork(UnitOfWork, Protocol):
    """The substitutes read the caller (household) and its stock; nothing is written."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def inventory(self) -> InventoryRepository: ...
