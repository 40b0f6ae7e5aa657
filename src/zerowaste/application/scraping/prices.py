"""Market prices from supermarket product pages (issue #13), the beat's `scrape_prices`.

Only the sources a deployment enabled are read (PRICE_SOURCES with their product URLs): each
page is fetched politely (robots.txt, one request per host every couple of seconds, a cache),
read by the source's parser, its offers mapped to the ingredient master where the product's
name is sure, and stored with the time they were seen. A page that fails is logged and
skipped; the others are still stored. Offers older than RETENTION are deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from zerowaste.application.ports.clock import Clock
from zerowaste.application.scraping.ports import (
    FetchFailed,
    MarketOffers,
    PageFetcher,
    PriceSource,
    ProductMapper,
)
from zerowaste.domain.scraping.offers import MarketOffer, make_offer
from zerowaste.domain.shared.errors import RuleViolation

log = logging.getLogger(__name__)

RETENTION = timedelta(days=90)


@dataclass
class ScrapeReport:
    pages: int = 0
    offers: int = 0
    mapped: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # url -> code

    def __str__(self) -> str:
        return (
            f"{self.pages} pages, {self.offers} offers ({self.mapped} mapped), "
            f"{len(self.failed)} failed"
        )


class PriceScraping:
    def __init__(
        self,
        fetcher: PageFetcher,
        sources: Sequence[PriceSource],
        offers: MarketOffers,
        mapper: ProductMapper,
        clock: Clock,
    ) -> None:
        self._fetcher = fetcher
        self._sources = list(sources)
        self._offers = offers
        self._mapper = mapper
        self._clock = clock

    @property
    def enabled(self) -> list[str]:
        return [source.name for source in self._sources]

    def scrape(self) -> ScrapeReport:
        """Read every enabled source's pages and store their offers."""
        report = ScrapeReport()
        for source in self._sources:
            for url in source.urls:
                found = self._read(source, url, report)
                if found:
                    self._offers.add(found)
        self._offers.delete_before(self._clock.now() - RETENTION)
        return report

    def _read(self, source: PriceSource, url: str, report: ScrapeReport) -> list[MarketOffer]:
        try:
            page = self._fetcher.fetch(url, "product")
        except (FetchFailed, RuleViolation) as exc:
            log.warning("price source %s: %s not read (%s)", source.name, url, exc.code)
            report.failed[url] = exc.code
            return []
        report.pages += 1
        now = self._clock.now()
        offers = [
            make_offer(draft, source.store_chain, self._mapper.ingredient_of(draft.name), now)
            for draft in source.parse(page.text, page.url)
        ]
        report.offers += len(offers)
        report.mapped += sum(1 for offer in offers if offer.ingredient_id)
        return offers

    def current_offers(
        self, ingredient_id: str, store_chain: str | None = None
    ) -> list[MarketOffer]:
        """Recent offers of one ingredient (the prices route reads these)."""
        return self._offers.current_offers(ingredient_id, store_chain)
