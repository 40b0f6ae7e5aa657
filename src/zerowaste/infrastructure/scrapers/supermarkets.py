"""Supermarket price sources: thin configurations over the generic schema.org parser.

Each names its chain and the hosts its product pages live on; a page from another host gives
no offers (a seed list cannot make Walmart's plugin read another site's prices). None is on
unless a deployment enables it (PRICE_SOURCES) and lists its product URLs (PRICE_SEED_FILE);
their sites' terms and robots.txt still apply, and the fetcher obeys the latter.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from zerowaste.domain.scraping.offers import OfferDraft
from zerowaste.infrastructure.scrapers.schema_org import parse_offers


@dataclass(frozen=True)
class Supermarket:
    """Implements application.scraping.ports.PriceSource."""

    name: str
    store_chain: str
    hosts: tuple[str, ...]
    urls: Sequence[str] = field(default_factory=tuple)

    def parse(self, html: str, url: str) -> list[OfferDraft]:
        return parse_offers(html, url) if self.serves(url) else []

    def with_urls(self, urls: Sequence[str]) -> Supermarket:
        return replace(self, urls=tuple(u for u in urls if self.serves(u)))

    def serves(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.hosts


SUPERMARKETS = {
    "walmart": Supermarket("walmart", "Walmart", ("www.walmart.com.mx", "super.walmart.com.mx")),
    "soriana": Supermarket("soriana", "Soriana", ("www.soriana.com", "soriana.com")),
    "chedraui": Supermarket("chedraui", "Chedraui", ("www.chedraui.com.mx", "chedraui.com.mx")),
    "heb": Supermarket("heb", "HEB", ("www.heb.com.mx", "heb.com.mx")),
}


class PriceSourceError(ValueError):
    """PRICE_SOURCES or PRICE_SEED_FILE names something that cannot be used."""


def enabled_sources(
    names: Sequence[str],
    seed_file: Path | None,
    known: dict[str, Supermarket] | None = None,
) -> list[Supermarket]:
    """The sources a deployment enabled, each with its product URLs from the seed file (JSON:
    {"walmart": ["https://super.walmart.com.mx/ip/...", ...], ...})."""
    plugins = SUPERMARKETS if known is None else known
    unknown = [n for n in names if n not in plugins]
    if unknown:
        raise PriceSourceError(f"PRICE_SOURCES names unknown sources: {', '.join(unknown)}")
    if names and seed_file is None:
        raise PriceSourceError("PRICE_SOURCES needs PRICE_SEED_FILE (the product URLs)")
    seeds: dict[str, list[str]] = json.loads(seed_file.read_text()) if seed_file else {}
    sources = []
    for name in names:
        urls = [str(u) for u in seeds.get(name, [])]
        source = plugins[name].with_urls(urls)
        if len(source.urls) != len(urls):
            raise PriceSourceError(f"PRICE_SEED_FILE lists {name} URLs on other hosts")
        sources.append(source)
    return sources
