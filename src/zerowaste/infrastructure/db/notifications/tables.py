"""Notification tables: device subscriptions, preferences, the inbox and the sent markers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime

# FCM registration tokens are case-sensitive ASCII: byte identity on MySQL/MariaDB too.
TOKEN = String(512).with_variant(
    mysql.VARCHAR(512, charset="ascii", collation="ascii_bin"), "mysql", "mariadb"
)


class PushSubscriptionRow(Base):
    __tablename__ = "push_subscriptions"
    __table_args__ = (
        UniqueConstraint("token", name="uq_push_subscriptions_token"),
        Index("ix_push_subscriptions_user_uid", "user_uid"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(TOKEN)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(10))
    app_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NotificationPreferenceRow(Base):
    __tablename__ = "notification_preferences"

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    expiry_reminders: Mapped[bool] = mapped_column(Boolean)
    recipe_suggestions: Mapped[bool] = mapped_column(Boolean)
    images_ready: Mapped[bool] = mapped_column(Boolean)
    trending_recipes: Mapped[bool] = mapped_column(Boolean)
    plan_reminders: Mapped[bool] = mapped_column(Boolean)
    quiet_start: Mapped[str | None] = mapped_column(String(5), nullable=True)  # HH:MM local
    quiet_end: Mapped[str | None] = mapped_column(String(5), nullable=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(5))
    lead_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NotificationRow(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_created", "user_uid", "created_at"),
        Index("ix_notifications_push_due", "push_state", "deliver_after"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, str]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    push_state: Mapped[str] = mapped_column(String(10))
    deliver_after: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class NotificationMarkerRow(Base):
    """ "Already sent": one row per user, kind, referenced row (a stack) and local day."""

    __tablename__ = "notification_markers"

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    ref: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)


class HouseholdMarkerRow(Base):
    """ "Already sent" for a whole household (issue #14 §5): one row per household, kind,
    referenced row (a stack) and the household's local day, whoever was told."""

    __tablename__ = "household_notification_markers"

    household_id: Mapped[str] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    ref: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
