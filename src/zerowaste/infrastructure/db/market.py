"""The PROFECO shelf prices, one row per store, day and presentation (`ref_market_prices`,
filled by `zerowaste data-import` from data/market_prices_mx; read-only at runtime), and the
repository the market-price reads query them through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Index, Integer, Numeric, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zerowaste.domain.market.prices import PricePoint
from zerowaste.domain.prices import PriceBasis
from zerowaste.infrastructure.db.base import Base


class RefMarketPriceRow(Base):
    """One shelf price: the master ingredient it maps to (reference/price_map), the store
    (chain + coordinates is the data's stable key), the zone, the day and the price of the
    whole presentation with its price per basis unit (kg, l, unit or bunch)."""

    __tablename__ = "ref_market_prices"
    __table_args__ = (Index("ix_ref_market_prices_ingredient_day", "ingredient_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ingredient_id: Mapped[str] = mapped_column(String(64))
    product: Mapped[str] = mapped_column(String(160))
    presentation: Mapped[str] = mapped_column(String(255))
    brand: Mapped[str] = mapped_column(String(160))
    chain: Mapped[str] = mapped_column(String(120))
    store_key: Mapped[str] = mapped_column(String(200))
    store_name: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(120))
    municipality: Mapped[str] = mapped_column(String(120))
    day: Mapped[date] = mapped_column(Date)
    price_mxn: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    basis: Mapped[str] = mapped_column(String(8))
    unit_price_mxn: Mapped[Decimal] = mapped_column(Numeric(14, 4))


class SqlAlchemyPriceObservations:
    """Each call reads in a short session of its own (reference data, no unit of work)."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def points(
        self,
        ingredient_id: str | None,
        zones: list[tuple[str, str]] | None,
        chain: str | None,
    ) -> list[PricePoint]:
        row = RefMarketPriceRow
        query = select(row).order_by(row.day, row.id)
        if ingredient_id is not None:
            query = query.where(row.ingredient_id == ingredient_id)
        if zones is not None:
            cities = {city for _state, city in zones}
            states = {state for state, _city in zones}
            query = query.where(row.municipality.in_(cities), row.state.in_(states))
        if chain is not None:
            query = query.where(row.chain == chain)
        with self._sf() as s:
            found = s.execute(query).scalars().all()
            wanted = set(zones) if zones is not None else None
            return [
                _point(r) for r in found if wanted is None or (r.state, r.municipality) in wanted
            ]

    def zones(self) -> list[tuple[str, str]]:
        query = select(RefMarketPriceRow.state, RefMarketPriceRow.municipality).distinct()
        with self._sf() as s:
            return sorted((state, city) for state, city in s.execute(query))

    def chains(self) -> list[str]:
        with self._sf() as s:
            return sorted(s.execute(select(RefMarketPriceRow.chain).distinct()).scalars())


def _point(r: RefMarketPriceRow) -> PricePoint:
    basis: PriceBasis = r.basis  # type: ignore[assignment]  # written from PriceBasis only
    return PricePoint(
        ingredient_id=r.ingredient_id,
        product=r.product,
        presentation=r.presentation,
        brand=r.brand,
        chain=r.chain,
        store=r.store_key,
        store_name=r.store_name,
        state=r.state,
        city=r.municipality,
        day=r.day,
        price_mxn=Decimal(r.price_mxn),
        basis=basis,
        unit_price_mxn=Decimal(r.unit_price_mxn),
    )
