"""Safety screenings and the audit log, one user's each (personal, not the household's)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.screening.audit import AuditEntry
from zerowaste.domain.screening.rules import Answers, Assessment, Screening, Warning
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class ScreeningRow(Base):
    __tablename__ = "nutrition_screenings"
    __table_args__ = (
        Index("ix_nutrition_screenings_user_created", "user_uid", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    age: Mapped[int] = mapped_column(SmallInteger)
    sex: Mapped[str] = mapped_column(String(8))
    weight_kg: Mapped[float] = mapped_column(Float)
    height_cm: Mapped[float] = mapped_column(Float)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType)  # conditions, medications, flags
    score: Mapped[int] = mapped_column(SmallInteger)
    level: Mapped[str] = mapped_column(String(10))
    can_proceed: Mapped[bool] = mapped_column(Boolean)
    warnings: Mapped[list[dict[str, str]]] = mapped_column(JSONType)
    critical_conditions: Mapped[list[str]] = mapped_column(JSONType)
    language: Mapped[str] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditRow(Base):
    __tablename__ = "nutrition_audit_log"
    __table_args__ = (
        Index("ix_nutrition_audit_log_user_created", "user_uid", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(20))
    allowed: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(500))
    model: Mapped[str | None] = mapped_column(String(80), nullable=True)
    estimated_cost_usd: Mapped[Decimal] = mapped_column(Numeric(12, 6))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _screening(row: ScreeningRow) -> Screening:
    answers = Answers(
        age=row.age,
        sex=row.sex,
        weight_kg=row.weight_kg,
        height_cm=row.height_cm,
        medical_conditions=tuple(row.answers.get("medical_conditions", [])),
        pregnant=bool(row.answers.get("pregnant")),
        breastfeeding=bool(row.answers.get("breastfeeding")),
        medications=tuple(row.answers.get("medications", [])),
        eating_disorder_history=bool(row.answers.get("eating_disorder_history")),
    )
    assessment = Assessment(
        score=row.score,
        level=row.level,
        can_proceed=row.can_proceed,
        warnings=tuple(Warning(w["code"], w["message"]) for w in row.warnings),
        critical_conditions=tuple(row.critical_conditions),
    )
    return Screening(answers, assessment, row.language, row.created_at, row.valid_until, row.id)


class SqlAlchemyScreeningRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, user_uid: str, screening: Screening) -> Screening:
        answers, found = screening.answers, screening.assessment
        row = ScreeningRow(
            user_uid=user_uid,
            age=answers.age,
            sex=answers.sex,
            weight_kg=answers.weight_kg,
            height_cm=answers.height_cm,
            answers={
                "medical_conditions": list(answers.medical_conditions),
                "pregnant": answers.pregnant,
                "breastfeeding": answers.breastfeeding,
                "medications": list(answers.medications),
                "eating_disorder_history": answers.eating_disorder_history,
            },
            score=found.score,
            level=found.level,
            can_proceed=found.can_proceed,
            warnings=[{"code": w.code, "message": w.message} for w in found.warnings],
            critical_conditions=list(found.critical_conditions),
            language=screening.language,
            created_at=screening.created_at,
            valid_until=screening.valid_until,
        )
        self._s.add(row)
        self._s.flush()
        return _screening(row)

    def latest(self, user_uid: str) -> Screening | None:
        row = self._s.scalars(
            select(ScreeningRow)
            .where(ScreeningRow.user_uid == user_uid)
            .order_by(ScreeningRow.created_at.desc(), ScreeningRow.id.desc())
            .limit(1)
        ).first()
        return _screening(row) if row else None


def _audit(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        user_uid=row.user_uid,
        action=row.action,
        allowed=row.allowed,
        reason=row.reason,
        model=row.model,
        estimated_cost_usd=Decimal(str(row.estimated_cost_usd)),
        created_at=row.created_at,
    )


class SqlAlchemyAuditLogRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, entry: AuditEntry) -> AuditEntry:
        row = AuditRow(
            user_uid=entry.user_uid,
            action=entry.action,
            allowed=entry.allowed,
            reason=entry.reason[:500],
            model=entry.model,
            estimated_cost_usd=entry.estimated_cost_usd,
            created_at=entry.created_at,
        )
        self._s.add(row)
        self._s.flush()
        return _audit(row)

    def page(self, user_uid: str, limit: int, offset: int) -> tuple[list[AuditEntry], int]:
        mine = AuditRow.user_uid == user_uid
        total = self._s.scalar(select(func.count()).select_from(AuditRow).where(mine)) or 0
        rows = self._s.scalars(
            select(AuditRow)
            .where(mine)
            .order_by(AuditRow.created_at.desc(), AuditRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_audit(r) for r in rows], int(total)
