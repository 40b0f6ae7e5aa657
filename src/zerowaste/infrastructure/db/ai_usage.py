"""AI usage records (one row per provider call) and their monthly sums; remote advice per
ingredient name and language."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    column,
    func,
    select,
    table,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.ai.ports import UsageRecord
from zerowaste.domain.ai import UsageTotals
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class AiUsageRow(Base):
    __tablename__ = "ai_usage"
    __table_args__ = (
        Index("ix_ai_usage_user_created", "user_uid", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # SET NULL: an account's deletion keeps the deployment's monthly spend honest.
    user_uid: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    provider: Mapped[str] = mapped_column(String(20))
    model: Mapped[str] = mapped_column(String(80))
    operation: Mapped[str] = mapped_column(String(40))
    tokens_in: Mapped[int] = mapped_column(Integer, default=0)
    tokens_out: Mapped[int] = mapped_column(Integer, default=0)
    images: Mapped[int] = mapped_column(Integer, default=0)
    cost_usd: Mapped[Decimal] = mapped_column(Numeric(12, 6), default=Decimal(0))
    degraded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


# `users` as a lightweight table: accounts sits above this module in the layers contract.
_USERS = table("users", column("uid"), column("household_id"))
_SUMS = (
    func.count(AiUsageRow.id),
    func.coalesce(func.sum(AiUsageRow.tokens_in), 0),
    func.coalesce(func.sum(AiUsageRow.tokens_out), 0),
    func.coalesce(func.sum(AiUsageRow.images), 0),
    func.coalesce(func.sum(AiUsageRow.cost_usd), 0),
)


def _totals(row: tuple[int, int, int, int, object]) -> UsageTotals:
    calls, tokens_in, tokens_out, images, cost = row
    return UsageTotals(int(calls), int(tokens_in), int(tokens_out), int(images), Decimal(str(cost)))


class SqlAlchemyAiUsageRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, record: UsageRecord) -> None:
        self._s.add(
            AiUsageRow(
                user_uid=record.user_uid,
                provider=record.provider,
                model=record.model,
                operation=record.operation,
                tokens_in=record.tokens_in,
                tokens_out=record.tokens_out,
                images=record.images,
                cost_usd=record.cost_usd,
                degraded=record.degraded,
                created_at=record.created_at,
            )
        )
        self._s.flush()

    def totals(self, since: datetime, user_uid: str | None = None) -> UsageTotals:
        query = select(*_SUMS).where(AiUsageRow.created_at >= since)
        if user_uid is not None:
            query = query.where(AiUsageRow.user_uid == user_uid)
        row = self._s.execute(query).one()
        return _totals(tuple(row))  # type: ignore[arg-type]

    def household_totals(self, since: datetime, user_uid: str) -> UsageTotals:
        users = _USERS.c
        home = select(users.household_id).where(users.uid == user_uid).scalar_subquery()
        members = select(users.uid).where(users.household_id == home)
        query = select(*_SUMS).where(
            AiUsageRow.created_at >= since, AiUsageRow.user_uid.in_(members)
        )
        return _totals(tuple(self._s.execute(query).one()))  # type: ignore[arg-type]

    def by_operation(self, since: datetime, user_uid: str) -> dict[str, UsageTotals]:
        rows = self._s.execute(
            select(AiUsageRow.operation, *_SUMS)
            .where(AiUsageRow.created_at >= since, AiUsageRow.user_uid == user_uid)
            .group_by(AiUsageRow.operation)
            .order_by(AiUsageRow.operation)
        ).all()
        return {row[0]: _totals(tuple(row[1:])) for row in rows}  # type: ignore[arg-type]


class AiAdviceRow(Base):
    """A remote provider's advice for one ingredient name in one language, reused by everyone
    (computed once, in a job)."""

    __tablename__ = "ai_advice"

    name_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    language: Mapped[str] = mapped_column(String(5), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    advice: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyAdviceLibrary:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, name_key: str, language: str) -> dict[str, Any] | None:
        row = self._s.get(AiAdviceRow, (name_key, language))
        return dict(row.advice) if row else None

    def put(
        self, name_key: str, language: str, provider: str, advice: dict[str, Any], now: datetime
    ) -> None:
        row = self._s.get(AiAdviceRow, (name_key, language))
        if row is None:
            self._s.add(
                AiAdviceRow(
                    name_key=name_key,
                    language=language,
                    provider=provider,
                    advice=advice,
                    updated_at=now,
                )
            )
        else:
            row.provider, row.advice, row.updated_at = provider, advice, now
        self._s.flush()
