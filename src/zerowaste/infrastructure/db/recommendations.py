"""Recommendation tables: explicit feedback (one row per user and recipe, latest wins), recipe
views (one row per view), the trained recommender (a versioned blob shared by every process),
and the SQL that reads what users did with recipes as `Signal`s.

Like the cook history, none keeps a foreign key to `recipes`: feedback and views outlive a recipe
deleted later (they are read by uid and drop out of answers with it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    delete,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.sql import ColumnElement

from zerowaste.application.recommendations.ports import FeedbackRecord, ViewRecord
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.recommendations.signals import Signal
from zerowaste.infrastructure.db.base import Base, BlobType, UTCDateTime
from zerowaste.infrastructure.db.recipe_history import CookRow
from zerowaste.infrastructure.db.recipes import FavoriteRow, RecipeRow, to_recipe

KEPT_MODELS = 3


class FeedbackRow(Base):
    __tablename__ = "recipe_feedback"
    __table_args__ = (Index("ix_recipe_feedback_created", "created_at"),)

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    recipe_uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ViewRow(Base):
    __tablename__ = "recipe_views"
    __table_args__ = (
        Index("ix_recipe_views_user_viewed", "user_uid", "viewed_at"),
        Index("ix_recipe_views_recipe", "recipe_uid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    recipe_uid: Mapped[str] = mapped_column(String(32))
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ModelRow(Base):
    __tablename__ = "recommender_models"
    __table_args__ = (Index("ix_recommender_models_created", "created_at"),)

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    blob: Mapped[bytes] = mapped_column(BlobType)


class SqlAlchemyFeedback:
    def __init__(self, session: Session) -> None:
        self._s = session

    def put(self, user_uid: str, record: FeedbackRecord) -> None:
        row = self._s.get(FeedbackRow, (user_uid, record.recipe_uid))
        if row is None:
            row = FeedbackRow(user_uid=user_uid, recipe_uid=record.recipe_uid)
            self._s.add(row)
        row.kind, row.reason, row.created_at = record.kind, record.reason, record.created_at
        self._s.flush()

    def of_user(self, user_uid: str) -> list[FeedbackRecord]:
        rows = self._s.scalars(
            select(FeedbackRow)
            .where(FeedbackRow.user_uid == user_uid)
            .order_by(FeedbackRow.created_at.desc())
        ).all()
        return [FeedbackRecord(r.recipe_uid, r.kind, r.reason, r.created_at) for r in rows]


class SqlAlchemyViews:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, user_uid: str, recipe_uid: str, viewed_at: datetime) -> None:
        self._s.add(ViewRow(user_uid=user_uid, recipe_uid=recipe_uid, viewed_at=viewed_at))
        self._s.flush()

    def of_user(self, user_uid: str, limit: int, offset: int) -> list[ViewRecord]:
        rows = self._s.execute(
            select(ViewRow.recipe_uid, RecipeRow.title, ViewRow.viewed_at)
            .outerjoin(RecipeRow, RecipeRow.uid == ViewRow.recipe_uid)
            .where(ViewRow.user_uid == user_uid)
            .order_by(ViewRow.viewed_at.desc(), ViewRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [ViewRecord(uid, title or "", at) for uid, title, at in rows]

    def recipes(self, uids: list[str]) -> dict[str, Recipe]:
        if not uids:
            return {}
        rows = self._s.scalars(select(RecipeRow).where(RecipeRow.uid.in_(uids))).all()
        return {row.uid: to_recipe(row) for row in rows}


class SqlAlchemySignals:
    """Five indexed reads (cooks, favourites, saves, views, feedback) per user or for all, sent
    as one statement."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def of_user(self, user_uid: str) -> list[Signal]:
        return self._read(user_uid)

    def everyone(self) -> list[Signal]:
        return self._read(None)

    def popularity(self) -> dict[str, int]:
        pairs = union_all(
            select(CookRow.user_uid.label("u"), CookRow.recipe_uid.label("r")),
            select(FavoriteRow.user_uid, FavoriteRow.recipe_uid),
            select(FeedbackRow.user_uid, FeedbackRow.recipe_uid).where(
                FeedbackRow.kind.in_(("like", "cooked"))
            ),
        ).subquery()
        rows = self._s.execute(
            select(pairs.c.r, func.count(func.distinct(pairs.c.u))).group_by(pairs.c.r)
        ).all()
        return {uid: int(n) for uid, n in rows}

    def _read(self, user_uid: str | None) -> list[Signal]:
        def mine(column: Any) -> list[ColumnElement[bool]]:
            return [] if user_uid is None else [column == user_uid]

        queries = [
            select(CookRow.user_uid, CookRow.recipe_uid, literal("cooked"), literal(None)).where(
                CookRow.user_uid.is_not(None), *mine(CookRow.user_uid)
            ),
            select(
                FavoriteRow.user_uid,
                FavoriteRow.recipe_uid,
                literal("favorite"),
                FavoriteRow.rating,
            ).where(*mine(FavoriteRow.user_uid)),
            select(RecipeRow.added_by, RecipeRow.uid, literal("saved"), literal(None)).where(
                RecipeRow.source == "saved",
                RecipeRow.added_by.is_not(None),
                *mine(RecipeRow.added_by),
            ),
            select(ViewRow.user_uid, ViewRow.recipe_uid, literal("viewed"), literal(None)).where(
                *mine(ViewRow.user_uid)
            ),
            select(
                FeedbackRow.user_uid, FeedbackRow.recipe_uid, FeedbackRow.kind, literal(None)
            ).where(*mine(FeedbackRow.user_uid)),
        ]
        # One round trip: the five reads as one UNION ALL (a recommendation read sent five).
        rows = self._s.execute(union_all(*queries))
        return [Signal(str(user), recipe, kind, rating) for user, recipe, kind, rating in rows]


class SqlAlchemyModelStore:
    """The trained recommender, shared through the database by every web and worker process."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def latest(self) -> str | None:
        with self._sessions() as session:
            return session.scalar(
                select(ModelRow.version).order_by(ModelRow.created_at.desc()).limit(1)
            )

    def load(self, version: str) -> bytes | None:
        with self._sessions() as session:
            return session.scalar(select(ModelRow.blob).where(ModelRow.version == version))

    def save(self, version: str, blob: bytes, now: datetime) -> None:
        with self._sessions() as session:
            session.add(ModelRow(version=version, created_at=now, blob=blob))
            session.flush()
            old = session.scalars(
                select(ModelRow.version).order_by(ModelRow.created_at.desc()).offset(KEPT_MODELS)
            ).all()
            if old:
                session.execute(delete(ModelRow).where(ModelRow.version.in_(old)))
            session.commit()
