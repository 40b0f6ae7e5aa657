"""Generated plans (`GET /api/plan/history`): one row per generation, what was asked and what
was chosen in JSON columns, so a page of history is one query."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.planning.ports import GeneratedPlanRecord
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class PlanGenerationRow(Base):
    __tablename__ = "plan_generations"
    __table_args__ = (Index("ix_plan_generations_household_created", "household_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    user_uid: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    start_date: Mapped[date]
    days: Mapped[int] = mapped_column(Integer)
    servings: Mapped[int] = mapped_column(Integer)
    calories_per_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    solver: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    seconds: Mapped[float] = mapped_column(Float)
    urgency_saved: Mapped[float] = mapped_column(Float)
    request: Mapped[dict[str, Any]] = mapped_column(JSONType)  # meal types, macro split
    chosen: Mapped[dict[str, Any]] = mapped_column(JSONType)  # slots, unfilled, days, notes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyPlanGenerations:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, household_id: str, record: GeneratedPlanRecord) -> int:
        row = PlanGenerationRow(
            household_id=household_id,
            user_uid=record.user_uid,
            start_date=record.start,
            days=record.days,
            servings=record.servings,
            calories_per_day=record.calories_per_day,
            solver=record.solver,
            status=record.status,
            seconds=record.seconds,
            urgency_saved=record.urgency_saved,
            request={"meal_types": record.meal_types, "macro_split": record.macro_split},
            chosen={
                "slots": record.slots,
                "unfilled": record.unfilled,
                "day_totals": record.day_totals,
                "notes": record.notes,
            },
            created_at=record.created_at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def of_household(self, household_id: str, limit: int, offset: int) -> list[GeneratedPlanRecord]:
        rows = self._s.scalars(
            select(PlanGenerationRow)
            .where(PlanGenerationRow.household_id == household_id)
            .order_by(PlanGenerationRow.created_at.desc(), PlanGenerationRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [
            GeneratedPlanRecord(
                user_uid=r.user_uid or "",
                start=r.start_date,
                days=r.days,
                meal_types=list(r.request.get("meal_types") or []),
                servings=r.servings,
                calories_per_day=r.calories_per_day,
                macro_split=r.request.get("macro_split"),
                solver=r.solver,
                status=r.status,
                seconds=r.seconds,
                urgency_saved=r.urgency_saved,
                slots=list(r.chosen.get("slots") or []),
                unfilled=list(r.chosen.get("unfilled") or []),
                day_totals=list(r.chosen.get("day_totals") or []),
                notes=list(r.chosen.get("notes") or []),
                created_at=r.created_at,
                id=r.id,
            )
            for r in rows
        ]
