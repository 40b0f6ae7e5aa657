"""Ports of scraping: the polite fetcher, the page readers (recipes, product offers), the
price sources a deployment enabled, and the store of market offers.

The fetcher raises `FetchFailed` with a stable code; the recipe import turns it into the
job's failure (see recipe_import.FAILURES)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

from zerowaste.domain.scraping.offers import MarketOffer, OfferDraft
from zerowaste.domain.shared.errors import DomainError

PageKind = Literal["robots", "product", "recipe"]


class FetchFailed(DomainError):
    """The page could not be fetched. Codes: robots_disallowed, url_invalid, url_private,
    url_unresolvable, fetch_timeout, fetch_failed, http_error, upstream_busy, too_large,
    too_many_redirects, not_html."""

    code = "fetch_failed"


class NotARecipe(DomainError):
    code = "not_a_recipe"


@dataclass(frozen=True)
class Page:
    url: str  # where the page was found (after redirects)
    status: int
    content_type: str
    text: str
    from_cache: bool = False


class PageFetcher(Protocol):
    def check(self, url: str) -> None:
        """Refuse (UrlRefused) a URL that is malformed or whose host resolves to a non-public
        address, without connecting: what a request may do before queuing a job."""

    def fetch(self, url: str, kind: PageKind) -> Page:
        """The page, politely (robots.txt, per-host pace, cache); FetchFailed otherwise."""
        ...


@dataclass(frozen=True)
class ScrapedRecipe:
    title: str
    ingredients: list[str]
    steps: list[str]
    url: str
    language: str = ""  # as the page declares it ("en-US"), "" when it does not
    description: str = ""
    minutes: int | None = None
    servings: int | None = None
    site: str = ""
    image_url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class RecipeReader(Protocol):
    def read(self, html: str, url: str) -> ScrapedRecipe:
        """The schema.org Recipe of the page, or NotARecipe."""
        ...


class PriceSource(Protocol):
    """One enabled supermarket: its chain's name, the product pages to read, its parser."""

    @property
    def name(self) -> str: ...

    @property
    def store_chain(self) -> str: ...

    @property
    def urls(self) -> Sequence[str]: ...

    def parse(self, html: str, url: str) -> list[OfferDraft]: ...


class ProductMapper(Protocol):
    def ingredient_of(self, product_name: str) -> str | None:
        """The ingredient master's id for a product's name, when one is sure."""
        ...


class MarketOffers(Protocol):
    """The offers read from supermarket pages (`market_offers`)."""

    def add(self, offers: Sequence[MarketOffer]) -> None: ...

    def current_offers(
        self, ingredient_id: str, store_chain: str | None = None
    ) -> list[MarketOffer]:
        """The latest offer of each product page for the ingredient, seen recently, the
        cheapest per unit first."""
        ...

    def delete_before(self, cutoff: datetime) -> int: ...
