"""Users' environmental savings per recipe (computed once, then read back)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.savings.ports import StoredSavings
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime

FIGURES = ("carbon_kg_co2e", "water_l", "energy_mj", "cost_mxn")


class SavingsRow(Base):
    __tablename__ = "environmental_savings"
    __table_args__ = (
        Index("ix_environmental_savings_user_saved", "user_uid", "saved_at"),
        Index("ix_environmental_savings_user_cooked", "user_uid", "cooked_at"),  # analytics
    )

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    # No foreign key to recipes: a calculation outlives the recipe it was made for.
    recipe_uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    household_id: Mapped[str] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    recipe_title: Mapped[str] = mapped_column(String(200))
    recipe_source: Mapped[str] = mapped_column(String(12))
    carbon_kg_co2e: Mapped[float] = mapped_column(Float)
    water_l: Mapped[float] = mapped_column(Float)
    energy_mj: Mapped[float] = mapped_column(Float)
    cost_mxn: Mapped[float] = mapped_column(Float)
    is_cooked: Mapped[bool] = mapped_column(Boolean, default=False)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cooked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSONType)


def _stored(row: SavingsRow) -> StoredSavings:
    return StoredSavings(
        recipe_uid=row.recipe_uid,
        recipe_title=row.recipe_title,
        recipe_source=row.recipe_source,
        carbon_kg_co2e=row.carbon_kg_co2e,
        water_l=row.water_l,
        energy_mj=row.energy_mj,
        cost_mxn=row.cost_mxn,
        is_cooked=row.is_cooked,
        saved_at=row.saved_at,
        cooked_at=row.cooked_at,
        details=dict(row.details or {}),
    )


class SqlAlchemySavingsRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_uid: str, recipe_uid: str) -> StoredSavings | None:
        row = self._s.get(SavingsRow, (user_uid, recipe_uid))
        return _stored(row) if row else None

    def put(self, household_id: str, user_uid: str, savings: StoredSavings) -> None:
        row = self._s.get(SavingsRow, (user_uid, savings.recipe_uid))
        if row is None:
            row = SavingsRow(user_uid=user_uid, recipe_uid=savings.recipe_uid)
            self._s.add(row)
        row.household_id = household_id
        row.recipe_title, row.recipe_source = savings.recipe_title[:200], savings.recipe_source
        row.carbon_kg_co2e, row.water_l = savings.carbon_kg_co2e, savings.water_l
        row.energy_mj, row.cost_mxn = savings.energy_mj, savings.cost_mxn
        row.is_cooked, row.saved_at, row.cooked_at = (
            savings.is_cooked,
            savings.saved_at,
            savings.cooked_at,
        )
        row.details = savings.details
        self._s.flush()

    def of_user(self, user_uid: str, is_cooked: bool | None = None) -> list[StoredSavings]:
        query = select(SavingsRow).where(SavingsRow.user_uid == user_uid)
        if is_cooked is not None:
            query = query.where(SavingsRow.is_cooked.is_(is_cooked))
        rows = self._s.scalars(query.order_by(SavingsRow.saved_at.desc())).all()
        return [_stored(r) for r in rows]

    def of_household(self, household_id: str) -> list[tuple[str, StoredSavings]]:
        query = select(SavingsRow).where(SavingsRow.household_id == household_id)
        return [(r.user_uid, _stored(r)) for r in self._s.scalars(query)]

    def user_totals(self, metric_column: str) -> list[float]:
        if metric_column not in FIGURES:
            raise ValueError(metric_column)
        column = getattr(SavingsRow, metric_column)
        rows = self._s.execute(
            select(func.sum(column))
            .where(SavingsRow.is_cooked.is_(True))
            .group_by(SavingsRow.user_uid)
        ).all()
        return [float(total or 0) for (total,) in rows]
