"""Recognitions, their feedback, users' name corrections, the barcode table and the shared
generated pictures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.pictures import PictureState
from zerowaste.domain.recognition.results import Recognition, fold_name
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class RecognitionRow(Base):
    __tablename__ = "recognitions"
    __table_args__ = (Index("ix_recognitions_user_created", "user_uid", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str] = mapped_column(String(20))
    degraded: Mapped[bool] = mapped_column(Boolean, default=False)
    findings: Mapped[dict[str, Any]] = mapped_column(JSONType)
    barcodes: Mapped[list[Any]] = mapped_column(JSONType)
    notes: Mapped[list[Any]] = mapped_column(JSONType)
    image_keys: Mapped[list[Any]] = mapped_column(JSONType)
    images_job_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RecognitionFeedbackRow(Base):
    __tablename__ = "recognition_feedback"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recognition_id: Mapped[str] = mapped_column(
        ForeignKey("recognitions.id", ondelete="CASCADE"), index=True
    )
    feedback: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NameCorrectionRow(Base):
    __tablename__ = "recognition_corrections"

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    wrong_name: Mapped[str] = mapped_column(String(200), primary_key=True)  # folded
    right_name: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BarcodeConfirmationRow(Base):
    """One user's word on what a code is; the directory answers by majority of users."""

    __tablename__ = "barcode_confirmations"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PictureRow(Base):
    __tablename__ = "generated_pictures"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    storage_key: Mapped[str | None] = mapped_column(String(300), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _to_recognition(row: RecognitionRow, feedback: list[dict[str, Any]]) -> Recognition:
    return Recognition(
        id=row.id,
        user_uid=row.user_uid,
        kind=row.kind,  # type: ignore[arg-type]  # stored from a validated Kind
        provider=row.provider,
        degraded=row.degraded,
        findings=dict(row.findings or {}),
        barcodes=list(row.barcodes or []),
        notes=list(row.notes or []),
        image_keys=list(row.image_keys or []),
        created_at=row.created_at,
        images_job_id=row.images_job_id,
        feedback=feedback,
    )


class SqlAlchemyRecognitionRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, recognition: Recognition) -> None:
        self._s.add(
            RecognitionRow(
                id=recognition.id,
                user_uid=recognition.user_uid,
                kind=recognition.kind,
                provider=recognition.provider,
                degraded=recognition.degraded,
                findings=recognition.findings,
                barcodes=recognition.barcodes,
                notes=recognition.notes,
                image_keys=recognition.image_keys,
                images_job_id=recognition.images_job_id,
                created_at=recognition.created_at,
            )
        )
        self._s.flush()

    def get(self, user_uid: str, recognition_id: str) -> Recognition | None:
        row = self._s.scalar(
            select(RecognitionRow).where(
                RecognitionRow.id == recognition_id, RecognitionRow.user_uid == user_uid
            )
        )
        if row is None:
            return None
        feedback = self._s.scalars(
            select(RecognitionFeedbackRow.feedback)
            .where(RecognitionFeedbackRow.recognition_id == row.id)
            .order_by(RecognitionFeedbackRow.id)
        ).all()
        return _to_recognition(row, list(feedback))

    def history(self, user_uid: str, limit: int, offset: int) -> list[Recognition]:
        rows = self._s.scalars(
            select(RecognitionRow)
            .where(RecognitionRow.user_uid == user_uid)
            .order_by(RecognitionRow.created_at.desc(), RecognitionRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_to_recognition(row, []) for row in rows]

    def count(self, user_uid: str) -> int:
        return int(
            self._s.scalar(select(func.count()).where(RecognitionRow.user_uid == user_uid)) or 0
        )

    def add_feedback(
        self, user_uid: str, recognition_id: str, feedback: dict[str, Any], now: datetime
    ) -> None:
        self._s.add(
            RecognitionFeedbackRow(recognition_id=recognition_id, feedback=feedback, created_at=now)
        )
        self._s.flush()


class SqlAlchemyNameCorrections:
    def __init__(self, session: Session) -> None:
        self._s = session

    def for_user(self, user_uid: str) -> dict[str, str]:
        rows = self._s.execute(
            select(NameCorrectionRow.wrong_name, NameCorrectionRow.right_name).where(
                NameCorrectionRow.user_uid == user_uid
            )
        ).all()
        return {wrong: right for wrong, right in rows}

    def correct(self, user_uid: str, wrong: str, right: str, now: datetime) -> None:
        key = fold_name(wrong)[:200]
        row = self._s.get(NameCorrectionRow, (user_uid, key))
        if row is None:
            self._s.add(
                NameCorrectionRow(
                    user_uid=user_uid, wrong_name=key, right_name=right[:200], updated_at=now
                )
            )
        else:
            row.right_name, row.updated_at = right[:200], now
        self._s.flush()


class SqlAlchemyBarcodeDirectory:
    def __init__(self, session: Session) -> None:
        self._s = session

    def lookup(self, code: str, user_uid: str) -> str | None:
        own = self._s.get(BarcodeConfirmationRow, (code, user_uid))
        if own is not None:
            return own.name
        votes = func.count(BarcodeConfirmationRow.user_uid)
        row = self._s.execute(
            select(BarcodeConfirmationRow.name, votes)
            .where(BarcodeConfirmationRow.code == code)
            .group_by(BarcodeConfirmationRow.name)
            .order_by(votes.desc(), BarcodeConfirmationRow.name)
            .limit(1)
        ).first()
        return row[0] if row else None

    def confirm(self, code: str, user_uid: str, name: str, now: datetime) -> None:
        row = self._s.get(BarcodeConfirmationRow, (code, user_uid))
        if row is None:
            self._s.add(
                BarcodeConfirmationRow(code=code, user_uid=user_uid, name=name, updated_at=now)
            )
        else:
            row.name, row.updated_at = name, now
        self._s.flush()


class SqlAlchemyPictureRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def states(self, kind: str, keys: list[str] | Any) -> dict[str, PictureState]:
        if not keys:
            return {}
        rows = self._s.scalars(
            select(PictureRow).where(PictureRow.kind == kind, PictureRow.name_key.in_(list(keys)))
        ).all()
        return {r.name_key: PictureState(r.status, r.storage_key, r.updated_at) for r in rows}

    def claim(self, kind: str, key: str, now: datetime, stale_before: datetime) -> bool:
        """Insert `generating`, or take over a `failed` row or one whose job died (still
        `generating` since before `stale_before`); a ready or live one stays.

        Under concurrency (several users' generations name the same catalog recipes) the row
        is read first, without a lock: a ready or live picture, the common case, takes no lock
        at all; a row there is taken over by one UPDATE (an exclusive lock from the start);
        only a missing one is inserted. An insert that finds the key taken lost the race to a
        claimer that inserted it since this transaction first read: that claimer draws it.
        (Insert first, then update on a duplicate, had each claimer take a shared lock on the
        duplicate and then ask for an exclusive one: two claimers deadlocked, and the 12-01
        soak answered one generation 503.)"""
        found = self._s.execute(
            select(PictureRow.status, PictureRow.updated_at).where(
                PictureRow.kind == kind, PictureRow.name_key == key
            )
        ).first()
        if found is None:
            try:
                with self._s.begin_nested():
                    self._s.add(
                        PictureRow(kind=kind, name_key=key, status="generating", updated_at=now)
                    )
            except IntegrityError:
                return False
            return True
        status, updated_at = found
        if status != "failed" and not (status == "generating" and updated_at < stale_before):
            return False
        taken = self._s.execute(
            update(PictureRow)
            .where(
                PictureRow.kind == kind,
                PictureRow.name_key == key,
                (PictureRow.status == "failed")
                | ((PictureRow.status == "generating") & (PictureRow.updated_at < stale_before)),
            )
            .values(status="generating", updated_at=now)
        )
        return bool(taken.rowcount)  # type: ignore[attr-defined]

    def finish(self, kind: str, key: str, state: PictureState, now: datetime) -> None:
        self._s.execute(
            update(PictureRow)
            .where(PictureRow.kind == kind, PictureRow.name_key == key)
            .values(status=state.status, storage_key=state.key, updated_at=now)
        )
