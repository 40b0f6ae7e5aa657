"""What a household did with recipes: the cook history and the generations it asked for.

Neither keeps a foreign key to `recipes`: a history outlives a recipe deleted later (the cook
keeps its title; a generation keeps its recipes' uids and titles in JSON).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.recipes.ports import CookRecord, GenerationRecord
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class CookRow(Base):
    __tablename__ = "recipe_cooks"
    __table_args__ = (
        Index("ix_recipe_cooks_household_cooked", "household_id", "cooked_at"),
        Index("ix_recipe_cooks_cooked_recipe", "cooked_at", "recipe_uid", "household_id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    user_uid: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    # No foreign key: the history keeps a cook whose recipe was deleted (by its title).
    recipe_uid: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(200))
    servings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cooked_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyCookHistory:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, household_id: str, user_uid: str, record: CookRecord) -> None:
        self._s.add(
            CookRow(
                id=record.id,
                household_id=household_id,
                user_uid=user_uid,
                recipe_uid=record.recipe_uid,
                title=record.title[:200],
                servings=record.servings,
                cooked_at=record.cooked_at,
            )
        )
        self._s.flush()

    def of_household(self, household_id: str, limit: int, offset: int) -> list[CookRecord]:
        rows = self._s.scalars(
            select(CookRow)
            .where(CookRow.household_id == household_id)
            .order_by(CookRow.cooked_at.desc(), CookRow.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return [CookRecord(r.id, r.recipe_uid, r.title, r.servings, r.cooked_at) for r in rows]


class GenerationRow(Base):
    __tablename__ = "recipe_generations"
    __table_args__ = (
        Index("ix_recipe_generations_household_created", "household_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    user_uid: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    provider: Mapped[str] = mapped_column(String(20))
    degraded: Mapped[bool] = mapped_column(Boolean)
    pantry_size: Mapped[int] = mapped_column(Integer)
    utilization: Mapped[int] = mapped_column(Integer)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONType)
    recipes: Mapped[list[Any]] = mapped_column(JSONType)
    notes: Mapped[list[Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyGenerationLog:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, household_id: str, record: GenerationRecord) -> None:
        self._s.add(
            GenerationRow(
                id=record.id,
                household_id=household_id,
                user_uid=record.user_uid,
                kind=record.kind,
                provider=record.provider,
                degraded=record.degraded,
                pantry_size=record.pantry_size,
                utilization=record.utilization,
                inputs=record.inputs,
                recipes=record.recipes,
                notes=record.notes,
                created_at=record.created_at,
            )
        )
        self._s.flush()

    def of_household(self, household_id: str, limit: int, offset: int) -> list[GenerationRecord]:
        rows = self._s.scalars(
            select(GenerationRow)
            .where(GenerationRow.household_id == household_id)
            .order_by(GenerationRow.created_at.desc(), GenerationRow.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return [
            GenerationRecord(
                id=r.id,
                user_uid=r.user_uid or "",
                kind=r.kind,
                provider=r.provider,
                degraded=r.degraded,
                pantry_size=r.pantry_size,
                utilization=r.utilization,
                inputs=dict(r.inputs),
                recipes=list(r.recipes),
                notes=list(r.notes),
                created_at=r.created_at,
            )
            for r in rows
        ]
