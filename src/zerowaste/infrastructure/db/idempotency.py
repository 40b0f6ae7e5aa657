"""Idempotency keys table and store (each call is its own short transaction)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, delete, select, update
from sqlalchemy.dialects import mysql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zerowaste.application.idempotency import StoredResponse
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class IdempotencyKeyRow(Base):
    __tablename__ = "idempotency_keys"

    owner_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(  # case- and space-sensitive on MySQL too (0005)
        String(100).with_variant(
            mysql.VARCHAR(100, charset="utf8mb4", collation="utf8mb4_bin"), "mysql", "mariadb"
        ),
        primary_key=True,
    )
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer, default=0)  # 0 while the first request runs
    body: Mapped[Any] = mapped_column(JSONType, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SqlAlchemyIdempotencyStore:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def claim(self, owner_id: str, key: str, fingerprint: str, now: datetime) -> bool:
        try:
            with self._sf.begin() as s:
                s.add(
                    IdempotencyKeyRow(
                        owner_uid=owner_id, key=key, fingerprint=fingerprint, created_at=now
                    )
                )
        except IntegrityError:
            return False
        return True

    def load(self, owner_id: str, key: str) -> tuple[str, StoredResponse | None] | None:
        with self._sf() as s:
            row = s.scalar(
                select(IdempotencyKeyRow).where(
                    IdempotencyKeyRow.owner_uid == owner_id, IdempotencyKeyRow.key == key
                )
            )
            if row is None:
                return None
            stored = StoredResponse(row.status, row.body) if row.status else None
            return row.fingerprint, stored

    def finish(self, owner_id: str, key: str, response: StoredResponse) -> None:
        with self._sf.begin() as s:
            s.execute(
                update(IdempotencyKeyRow)
                .where(IdempotencyKeyRow.owner_uid == owner_id, IdempotencyKeyRow.key == key)
                .values(status=response.status, body=response.body)
            )

    def release(self, owner_id: str, key: str) -> None:
        with self._sf.begin() as s:
            s.execute(
                delete(IdempotencyKeyRow).where(
                    IdempotencyKeyRow.owner_uid == owner_id, IdempotencyKeyRow.key == key
                )
            )

    def take_over(
        self, owner_id: str, key: str, fingerprint: str, stale_before: datetime, now: datetime
    ) -> bool:
        """Re-claim an abandoned in-progress key (atomic: only one retry wins)."""
        with self._sf.begin() as s:
            result = s.execute(
                update(IdempotencyKeyRow)
                .where(
                    IdempotencyKeyRow.owner_uid == owner_id,
                    IdempotencyKeyRow.key == key,
                    IdempotencyKeyRow.fingerprint == fingerprint,
                    IdempotencyKeyRow.status == 0,
                    IdempotencyKeyRow.created_at < stale_before,
                )
                .values(created_at=now)
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def purge(self, before: datetime) -> None:
        with self._sf.begin() as s:
            s.execute(delete(IdempotencyKeyRow).where(IdempotencyKeyRow.created_at < before))
