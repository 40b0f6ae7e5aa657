"""Market offers read from supermarket pages (`market_offers`, issue #13): one row per offer
seen, so a product's price history stays; `current_offers` answers the latest of each page.

Each call is its own short transaction (the scraper writes a page's offers at once; readers
read). Reads are one indexed query on (ingredient_id, fetched_at)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Index, Integer, Numeric, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zerowaste.application.market.ports import Offer
from zerowaste.application.scraping.ports import MarketOffers
from zerowaste.domain.prices import PackSize, PriceBasis
from zerowaste.domain.scraping.offers import MarketOffer
from zerowaste.infrastructure.db.base import Base, UTCDateTime

RECENT = timedelta(days=7)
MAX_ROWS = 500


class MarketOfferRow(Base):
    __tablename__ = "market_offers"
    __table_args__ = (
        Index("ix_market_offers_ingredient_fetched", "ingredient_id", "fetched_at"),
        Index("ix_market_offers_fetched", "fetched_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    store_chain: Mapped[str] = mapped_column(String(40))
    product_name: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(2000))
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    regular_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    currency: Mapped[str] = mapped_column(String(3))
    availability: Mapped[str] = mapped_column(String(16))
    pack_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 4), nullable=True)
    pack_basis: Mapped[str | None] = mapped_column(String(8), nullable=True)
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 4), nullable=True)
    ingredient_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyMarketOffers:
    """Implements application.scraping.ports.MarketOffers."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        now: Callable[[], datetime],
        recent: timedelta = RECENT,
    ) -> None:
        self._sf = session_factory
        self._now = now
        self._recent = recent

    def add(self, offers: Sequence[MarketOffer]) -> None:
        with self._sf() as s:
            s.add_all(_row(offer) for offer in offers)
            s.commit()

    def current_offers(
        self, ingredient_id: str, store_chain: str | None = None
    ) -> list[MarketOffer]:
        """The latest offer of each page (chain + URL + product) seen within `recent`, the
        cheapest per unit first (offers without a unit price last, by price)."""
        query = (
            select(MarketOfferRow)
            .where(MarketOfferRow.ingredient_id == ingredient_id)
            .where(MarketOfferRow.fetched_at >= self._now() - self._recent)
            .order_by(MarketOfferRow.fetched_at.desc(), MarketOfferRow.id.desc())
            .limit(MAX_ROWS)
        )
        if store_chain is not None:
            query = query.where(MarketOfferRow.store_chain == store_chain)
        with self._sf() as s:
            rows = s.scalars(query).all()
        latest: dict[tuple[str, str, str], MarketOffer] = {}
        for row in rows:
            latest.setdefault((row.store_chain, row.url, row.product_name), _offer(row))
        return sorted(
            latest.values(),
            key=lambda o: (o.unit_price is None, o.unit_price or o.price, o.price),
        )

    def delete_before(self, cutoff: datetime) -> int:
        with self._sf() as s:
            result = s.execute(delete(MarketOfferRow).where(MarketOfferRow.fetched_at < cutoff))
            s.commit()
        return int(getattr(result, "rowcount", 0) or 0)


def _row(offer: MarketOffer) -> MarketOfferRow:
    return MarketOfferRow(
        store_chain=offer.store_chain[:40],
        product_name=offer.name[:300],
        url=offer.url[:2000],
        price=offer.price,
        regular_price=offer.regular_price,
        currency=offer.currency,
        availability=offer.availability,
        pack_amount=offer.pack.amount if offer.pack else None,
        pack_basis=offer.pack.basis if offer.pack else None,
        unit_price=offer.unit_price,
        ingredient_id=offer.ingredient_id,
        fetched_at=offer.fetched_at,
    )


def _offer(row: MarketOfferRow) -> MarketOffer:
    pack = None
    if row.pack_amount is not None and row.pack_basis in ("kg", "l", "unit", "bunch"):
        basis: PriceBasis = row.pack_basis  # type: ignore[assignment]
        pack = PackSize(Decimal(row.pack_amount), basis)
    return MarketOffer(
        store_chain=row.store_chain,
        name=row.product_name,
        url=row.url,
        price=Decimal(row.price),
        currency=row.currency,
        fetched_at=row.fetched_at,
        regular_price=Decimal(row.regular_price) if row.regular_price is not None else None,
        availability=row.availability,
        pack=pack,
        unit_price=Decimal(row.unit_price) if row.unit_price is not None else None,
        ingredient_id=row.ingredient_id,
    )


class ScrapedCurrentOffers:
    """The prices route's current offers (application.market's `CurrentOffers`) from the price
    scrapers' `market_offers`: a page whose price is below its regular price (a promotion) in
    Mexican pesos, read within the recent window, valid from the day it was read (a page
    states no end date). A chain asked for by its PROFECO name ("Wal-mart", "Hipermercado
    Soriana") is the scrapers' chain whose letters it contains, or that contains its letters."""

    def __init__(self, offers: MarketOffers) -> None:
        self._offers = offers

    def current(self, ingredient_id: str, store_chain: str | None) -> list[Offer]:
        return [
            Offer(
                ingredient_id=ingredient_id,
                store_chain=o.store_chain,
                title=o.name,
                price_mxn=o.price,
                unit_price_mxn=o.unit_price,
                basis=o.pack.basis if o.pack else None,
                valid_from=o.fetched_at.date(),
                valid_until=None,
                source=f"{o.store_chain} (schema.org Offer)",
                url=o.url,
            )
            for o in self._offers.current_offers(ingredient_id)
            if o.on_offer and o.currency == "MXN" and _same_chain(o.store_chain, store_chain)
        ]


def _same_chain(scraped: str, asked: str | None) -> bool:
    if asked is None:
        return True
    a, b = ("".join(c for c in name.casefold() if c.isalnum()) for name in (scraped, asked))
    return bool(a and b) and (a in b or b in a)
