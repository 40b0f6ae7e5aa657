"""The PROFECO shelf prices, one row per store, day and presentation (`ref_market_prices`,
filled by `zerowaste data-import` from data/market_prices_mx; read-only at runtime), and the
repository the market-price reads query them through."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Date, Index, Integer, Numeric, Select, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zerowaste.domain.market.prices import PricePoint
from zerowaste.domain.prices import PRICE_BASES, PriceBasis
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

    def products(
        self, zones: list[tuple[str, str]] | None, chain: str | None
    ) -> list[tuple[str, PriceBasis]]:
        row = RefMarketPriceRow
        query = _filtered(
            select(row.ingredient_id, row.basis, row.state, row.municipality), zones, chain
        )
        with self._sf() as s:
            found = s.execute(query.distinct()).all()
        wanted = set(zones) if zones is not None else None
        keys: set[tuple[str, PriceBasis]] = {
            (i, _basis(b))
            for i, b, state, city in found
            if wanted is None or (state, city) in wanted
        }
        return sorted(keys)

    def points(
        self,
        ingredient_ids: list[str] | None,
        zones: list[tuple[str, str]] | None,
        chain: str | None,
    ) -> list[PricePoint]:
        row = RefMarketPriceRow
        query = _filtered(select(*_COLUMNS), zones, chain).order_by(row.day, row.id)
        if ingredient_ids is not None:
            query = query.where(row.ingredient_id.in_(ingredient_ids))
        with self._sf() as s:
            found = s.execute(query).all()
        wanted = set(zones) if zones is not None else None
        return [_point(*r) for r in found if wanted is None or (r.state, r.municipality) in wanted]

    def zones(self) -> list[tuple[str, str]]:
        query = select(RefMarketPriceRow.state, RefMarketPriceRow.municipality).distinct()
        with self._sf() as s:
            return sorted((state, city) for state, city in s.execute(query))

    def chains(self) -> list[str]:
        with self._sf() as s:
            return sorted(s.execute(select(RefMarketPriceRow.chain).distinct()).scalars())


_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")
_COLUMNS = (
    RefMarketPriceRow.ingredient_id,
    RefMarketPriceRow.product,
    RefMarketPriceRow.presentation,
    RefMarketPriceRow.brand,
    RefMarketPriceRow.chain,
    RefMarketPriceRow.store_key,
    RefMarketPriceRow.store_name,
    RefMarketPriceRow.state,
    RefMarketPriceRow.municipality,
    RefMarketPriceRow.day,
    RefMarketPriceRow.price_mxn,
    RefMarketPriceRow.basis,
    RefMarketPriceRow.unit_price_mxn,
)


def _filtered(query: _S, zones: list[tuple[str, str]] | None, chain: str | None) -> _S:
    """Rows of those zones' cities and states (the exact pairs are checked after: two states
    never share a municipality name in this data, but nothing guarantees it) and chain."""
    row = RefMarketPriceRow
    if zones is not None:
        query = query.where(
            row.municipality.in_({city for _s, city in zones}),
            row.state.in_({state for state, _c in zones}),
        )
    if chain is not None:
        query = query.where(row.chain == chain)
    return query


def _basis(value: str) -> PriceBasis:
    """The stored basis as its literal (the importer writes PriceBasis values only)."""
    return next(basis for basis in PRICE_BASES if basis == value)


def _point(*values: Any) -> PricePoint:
    (
        ingredient_id,
        product,
        presentation,
        brand,
        chain,
        store,
        store_name,
        state,
        city,
        day,
        price,
        basis,
        unit,
    ) = values
    return PricePoint(
        ingredient_id=ingredient_id,
        product=product,
        presentation=presentation,
        brand=brand,
        chain=chain,
        store=store,
        store_name=store_name,
        state=state,
        city=city,
        day=day,
        price_mxn=Decimal(price),
        basis=basis,
        unit_price_mxn=Decimal(unit),
    )
