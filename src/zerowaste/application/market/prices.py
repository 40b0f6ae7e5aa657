"""`GET /api/market-data/prices`: shelf prices per kg / L / piece / bunch of the master's
ingredients, compared by zone and chain, with the trend between the data's dated windows
(`domain.market.prices` says what each figure is) and current offers when a source has them.

The answer is paged by product (an ingredient in one price basis: eggs are priced per piece
and per kg); a location or chain the data does not know is a 400 naming the known ones, an
ingredient the master does not know a 400 too. An ingredient the master knows but PROFECO did
not price answers no products.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from zerowaste.application.market.ports import (
    CulinaryData,
    CurrentOffers,
    Offer,
    PriceObservations,
)
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.market.places import matching_chain, matching_zones
from zerowaste.domain.market.prices import (
    Group,
    PricePoint,
    Stats,
    Trend,
    chain,
    grouped,
    stats,
    trend,
    zone,
)
from zerowaste.domain.prices import PriceBasis
from zerowaste.domain.search.ranking import page_of
from zerowaste.domain.shared.errors import InvalidInput

LATEST = 10  # newest shelf prices shown per product
MEMO_SECONDS = 300
MEMO_ENTRIES = 512


@dataclass(frozen=True)
class ProductPrices:
    ingredient_id: str
    name_es: str
    name_en: str
    basis: PriceBasis
    stats: Stats
    by_zone: list[Group]
    by_chain: list[Group]
    trend: Trend
    latest: list[PricePoint]  # newest first
    offers: list[Offer]


@dataclass(frozen=True)
class PriceReport:
    products: list[ProductPrices]
    total: int
    page: int
    per_page: int
    zones: list[tuple[str, str]]  # what `location` named (every zone when none was given)
    store_chain: str | None
    citation: str | None  # None when no price was shown


class MarketPrices:
    """The stored prices change only when `zerowaste data-import` runs, so each process keeps
    the figures of a query (not its offers, read fresh) for `MEMO_SECONDS`: up to that long
    after an import a process may answer the previous data."""

    def __init__(
        self,
        observations: PriceObservations,
        catalog: ReferenceCatalog,
        culinary: CulinaryData,
        offers: CurrentOffers,
        clock: Clock,
    ) -> None:
        self._observations = observations
        self._catalog = catalog
        self._culinary = culinary
        self._offers = offers
        self._clock = clock
        self._memo: dict[tuple[object, ...], tuple[datetime, Any]] = {}

    def report(
        self,
        ingredient: str | None,
        location: str | None,
        store_chain: str | None,
        page: int = 1,
        per_page: int = 20,
    ) -> PriceReport:
        ingredient_id = self._ingredient(ingredient) if ingredient else None
        known_zones: list[tuple[str, str]] = self._remember(("zones",), self._observations.zones)
        zones = matching_zones(location, known_zones) if location else None
        chain_name = (
            matching_chain(store_chain, self._remember(("chains",), self._observations.chains))
            if store_chain
            else None
        )
        key = ("report", ingredient_id, tuple(zones or ()), chain_name, page, per_page)
        found: PriceReport = self._remember(
            key, lambda: self._report(ingredient_id, zones, chain_name, page, per_page)
        )
        products = [
            replace(p, offers=self._offers.current(p.ingredient_id, chain_name))
            for p in found.products
        ]
        return replace(found, products=products, zones=zones or known_zones)

    def _report(
        self,
        ingredient_id: str | None,
        zones: list[tuple[str, str]] | None,
        chain_name: str | None,
        page: int,
        per_page: int,
    ) -> PriceReport:
        names = self._culinary.ingredient_names()
        keys = [
            k
            for k in self._observations.products(zones, chain_name)
            if ingredient_id is None or k[0] == ingredient_id
        ]
        keys.sort(key=lambda k: (names.get(k[0], (k[0], ""))[0].casefold(), k))
        paged = page_of(keys, page, per_page)
        wanted = sorted({i for i, _basis in paged.items})
        groups: dict[tuple[str, PriceBasis], list[PricePoint]] = defaultdict(list)
        for point in self._observations.points(wanted, zones, chain_name) if wanted else []:
            groups[(point.ingredient_id, point.basis)].append(point)
        products = [self._product(k, groups[k], names) for k in paged.items]
        citation = (
            self._observations.citation(
                min(p.stats.first_date for p in products),
                max(p.stats.last_date for p in products),
            )
            if products
            else None
        )
        return PriceReport(
            products, paged.total, paged.page, paged.per_page, zones or [], chain_name, citation
        )

    def _remember(self, key: tuple[object, ...], compute: Callable[[], Any]) -> Any:
        now = self._clock.now()
        kept = self._memo.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        value = compute()
        if len(self._memo) >= MEMO_ENTRIES:
            self._memo = {k: v for k, v in self._memo.items() if v[0] > now}
        if len(self._memo) < MEMO_ENTRIES:
            self._memo[key] = (now + timedelta(seconds=MEMO_SECONDS), value)
        return value

    def _ingredient(self, name: str) -> str:
        found = self._catalog.match(name)
        if found is None:
            raise InvalidInput(
                f"Unknown ingredient: {name}", code="unknown_ingredient", details={"name": name}
            )
        return found.ingredient_id

    def _product(
        self,
        key: tuple[str, PriceBasis],
        points: list[PricePoint],
        names: dict[str, tuple[str, str]],
    ) -> ProductPrices:
        ingredient_id, basis = key
        name_es, name_en = names.get(ingredient_id, (ingredient_id, ingredient_id))
        overall, moves = stats(points), trend(points)
        if overall is None or moves is None:  # pragma: no cover - groups are never empty
            raise ValueError("a product without prices")
        newest = sorted(points, key=lambda p: (p.day, p.unit_price_mxn), reverse=True)
        return ProductPrices(
            ingredient_id=ingredient_id,
            name_es=name_es,
            name_en=name_en,
            basis=basis,
            stats=overall,
            by_zone=grouped(points, zone),
            by_chain=grouped(points, chain),
            trend=moves,
            latest=newest[:LATEST],
            offers=[],
        )
