"""Repositories of the notifications feature (the unit of work's `push_subscriptions`,
`notification_preferences`, `notifications`, `notification_markers`, `reminder_source`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from zerowaste.application.notifications.ports import InboxPage, Notification, Subscription
from zerowaste.domain.notifications.plans import PlannedMeal
from zerowaste.domain.notifications.rules import ExpiringStack, Preferences
from zerowaste.infrastructure.db.accounts import UserRow
from zerowaste.infrastructure.db.inventory.tables import ItemRow, StackRow
from zerowaste.infrastructure.db.meal_plans.tables import SlotRow
from zerowaste.infrastructure.db.notifications.tables import (
    NotificationMarkerRow,
    NotificationPreferenceRow,
    NotificationRow,
    PushSubscriptionRow,
)
from zerowaste.infrastructure.db.recipes import RecipeRow


class SqlAlchemySubscriptions:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _row(self, token: str) -> PushSubscriptionRow | None:
        found = select(PushSubscriptionRow).where(PushSubscriptionRow.token == token)
        return self._s.scalars(found.with_for_update()).first()

    def get(self, token: str) -> Subscription | None:
        row = self._row(token)
        if row is None:
            return None
        return Subscription(
            row.token, row.user_uid, row.platform, row.app_version, row.created_at, row.updated_at
        )

    def put(self, subscription: Subscription) -> None:
        row = self._row(subscription.token)
        if row is None:
            row = PushSubscriptionRow(token=subscription.token, created_at=subscription.created_at)
            self._s.add(row)
        row.user_uid, row.platform = subscription.user_uid, subscription.platform
        row.app_version, row.updated_at = subscription.app_version, subscription.updated_at
        self._s.flush()

    def delete(self, token: str) -> None:
        self._s.execute(delete(PushSubscriptionRow).where(PushSubscriptionRow.token == token))

    def tokens_of(self, user_uid: str) -> list[str]:
        query = select(PushSubscriptionRow.token).where(PushSubscriptionRow.user_uid == user_uid)
        return list(self._s.scalars(query.order_by(PushSubscriptionRow.id)))

    def prune(self, tokens: Sequence[str]) -> int:
        gone = delete(PushSubscriptionRow).where(PushSubscriptionRow.token.in_(list(tokens)))
        return int(self._s.execute(gone).rowcount or 0)  # type: ignore[attr-defined]


def _hhmm(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def preferences_of(row: NotificationPreferenceRow) -> Preferences:
    return Preferences(
        expiry_reminders=row.expiry_reminders,
        recipe_suggestions=row.recipe_suggestions,
        images_ready=row.images_ready,
        trending_recipes=row.trending_recipes,
        plan_reminders=row.plan_reminders,
        quiet_start=_hhmm(row.quiet_start),
        quiet_end=_hhmm(row.quiet_end),
        time_zone=row.time_zone,
        language=row.language,
        lead_days=row.lead_days,
    )


class SqlAlchemyPreferences:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_uid: str) -> Preferences | None:
        row = self._s.get(NotificationPreferenceRow, user_uid)
        return preferences_of(row) if row else None

    def put(self, user_uid: str, preferences: Preferences, now: datetime) -> None:
        row = self._s.get(NotificationPreferenceRow, user_uid)
        if row is None:
            row = NotificationPreferenceRow(user_uid=user_uid)
            self._s.add(row)
        p = preferences
        row.expiry_reminders, row.recipe_suggestions = p.expiry_reminders, p.recipe_suggestions
        row.images_ready, row.trending_recipes = p.images_ready, p.trending_recipes
        row.plan_reminders = p.plan_reminders
        row.quiet_start = p.quiet_start.strftime("%H:%M") if p.quiet_start else None
        row.quiet_end = p.quiet_end.strftime("%H:%M") if p.quiet_end else None
        row.time_zone, row.language, row.lead_days = p.time_zone, p.language, p.lead_days
        row.updated_at = now
        self._s.flush()

    def of_users(self, user_uids: Sequence[str]) -> dict[str, Preferences]:
        if not user_uids:
            return {}
        rows = self._s.scalars(
            select(NotificationPreferenceRow).where(
                NotificationPreferenceRow.user_uid.in_(list(user_uids))
            )
        )
        return {row.user_uid: preferences_of(row) for row in rows}


def _notification(row: NotificationRow) -> Notification:
    return Notification(
        id=row.id,
        user_uid=row.user_uid,
        type=row.type,
        title=row.title,
        body=row.body,
        data=dict(row.data or {}),
        created_at=row.created_at,
        read_at=row.read_at,
        push_state=row.push_state,
        deliver_after=row.deliver_after,
    )


class SqlAlchemyInbox:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _mine(self, user_uid: str, notification_id: int) -> NotificationRow | None:
        row = self._s.get(NotificationRow, notification_id)
        return row if row is not None and row.user_uid == user_uid else None

    def add(self, notification: Notification) -> Notification:
        n = notification
        row = NotificationRow(
            user_uid=n.user_uid,
            type=n.type,
            title=n.title,
            body=n.body,
            data=n.data,
            created_at=n.created_at,
            read_at=n.read_at,
            push_state=n.push_state,
            deliver_after=n.deliver_after,
        )
        self._s.add(row)
        self._s.flush()
        return _notification(row)

    def get(self, user_uid: str, notification_id: int) -> Notification | None:
        row = self._mine(user_uid, notification_id)
        return _notification(row) if row else None

    def page(self, user_uid: str, page: int, per_page: int) -> InboxPage:
        mine = NotificationRow.user_uid == user_uid
        unread_row = case((NotificationRow.read_at.is_(None), 1), else_=0)
        total, unread = self._s.execute(
            select(func.count(), func.coalesce(func.sum(unread_row), 0)).where(mine)
        ).one()
        rows = self._s.scalars(
            select(NotificationRow)
            .where(mine)
            .order_by(NotificationRow.created_at.desc(), NotificationRow.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        items = [_notification(row) for row in rows]
        return InboxPage(items, int(total), int(unread), page, per_page)

    def mark_read(self, user_uid: str, notification_id: int, now: datetime) -> bool:
        row = self._mine(user_uid, notification_id)
        if row is None:
            return False
        row.read_at = row.read_at or now
        self._s.flush()
        return True

    def mark_all_read(self, user_uid: str, now: datetime) -> int:
        changed = self._s.execute(
            update(NotificationRow)
            .where(NotificationRow.user_uid == user_uid, NotificationRow.read_at.is_(None))
            .values(read_at=now)
        )
        return int(changed.rowcount or 0)  # type: ignore[attr-defined]

    def delete(self, user_uid: str, notification_id: int) -> bool:
        row = self._mine(user_uid, notification_id)
        if row is None:
            return False
        self._s.delete(row)
        self._s.flush()
        return True

    def claim(self, notification_id: int) -> Notification | None:
        claimed = self._s.execute(
            update(NotificationRow)
            .where(NotificationRow.id == notification_id, NotificationRow.push_state == "pending")
            .values(push_state="sending")
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            return None
        row = self._s.get(NotificationRow, notification_id, populate_existing=True)
        return _notification(row) if row else None

    def set_push_state(self, notification_id: int, state: str) -> None:
        self._s.execute(
            update(NotificationRow)
            .where(NotificationRow.id == notification_id)
            .values(push_state=state)
        )

    def due(self, now: datetime, limit: int) -> list[int]:
        query = (
            select(NotificationRow.id)
            .where(NotificationRow.push_state == "pending", NotificationRow.deliver_after <= now)
            .order_by(NotificationRow.deliver_after, NotificationRow.id)
            .limit(limit)
        )
        return list(self._s.scalars(query))


class SqlAlchemyMarkers:
    def __init__(self, session: Session) -> None:
        self._s = session

    def marked(self, user_uid: str, kind: str, day: date) -> set[int]:
        query = select(NotificationMarkerRow.ref).where(
            NotificationMarkerRow.user_uid == user_uid,
            NotificationMarkerRow.kind == kind,
            NotificationMarkerRow.day == day,
        )
        return set(self._s.scalars(query))

    def mark(self, user_uid: str, kind: str, refs: Sequence[int], day: date) -> None:
        self._s.add_all(
            NotificationMarkerRow(user_uid=user_uid, kind=kind, ref=ref, day=day) for ref in refs
        )
        self._s.flush()  # a concurrent run's marker makes this fail: nothing is sent twice


class SqlAlchemyReminderSource:
    def __init__(self, session: Session) -> None:
        self._s = session

    def expiring_stacks(self, until: date) -> list[ExpiringStack]:
        query = (
            select(UserRow.uid, StackRow.id, ItemRow.name, StackRow.expires_on)
            .join(StackRow, StackRow.household_id == UserRow.household_id)
            .join(ItemRow, ItemRow.id == StackRow.item_id)
            .where(StackRow.expires_on <= until)
            .order_by(UserRow.uid, StackRow.expires_on, StackRow.id)
        )
        return [ExpiringStack(uid, sid, name, on) for uid, sid, name, on in self._s.execute(query)]

    def planned_meals(self, first: date, last: date) -> list[PlannedMeal]:
        query = (
            select(UserRow.uid, SlotRow.date, SlotRow.meal_type, RecipeRow.title)
            .join(SlotRow, SlotRow.household_id == UserRow.household_id)
            .join(RecipeRow, RecipeRow.uid == SlotRow.recipe_uid)
            .where(SlotRow.date >= first, SlotRow.date <= last)
            .order_by(UserRow.uid, SlotRow.date, SlotRow.id)
        )
        return [
            PlannedMeal(uid, on, meal, title) for uid, on, meal, title in self._s.execute(query)
        ]
