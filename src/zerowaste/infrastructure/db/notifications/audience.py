"""Who the recipe triggers write to, read in batches (`notification_audience`): every user with
their preferences by keyset pages, the profiles of a batch with their housemates', and which of
a batch were already sent a kind of notification on given days; one query each, whatever the
batch size."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zerowaste.domain.accounts.users import User
from zerowaste.domain.notifications.rules import Preferences
from zerowaste.infrastructure.db.accounts import SqlAlchemyUserRepository, UserRow
from zerowaste.infrastructure.db.notifications.repository import preferences_of
from zerowaste.infrastructure.db.notifications.tables import (
    NotificationMarkerRow,
    NotificationPreferenceRow,
)


class SqlAlchemyAudience:
    def __init__(self, session: Session) -> None:
        self._s = session

    def users_after(self, after: str, limit: int) -> list[tuple[str, Preferences | None]]:
        query = (
            select(UserRow.uid, NotificationPreferenceRow)
            .outerjoin(NotificationPreferenceRow, NotificationPreferenceRow.user_uid == UserRow.uid)
            .where(UserRow.uid > after)
            .order_by(UserRow.uid)
            .limit(limit)
        )
        return [(uid, preferences_of(row) if row else None) for uid, row in self._s.execute(query)]

    def households(self, user_uids: Sequence[str]) -> list[User]:
        return SqlAlchemyUserRepository(self._s).with_households(list(user_uids))

    def marked(
        self, kind: str, user_uids: Sequence[str], days: Collection[date]
    ) -> set[tuple[str, date]]:
        if not user_uids or not days:
            return set()
        query = select(NotificationMarkerRow.user_uid, NotificationMarkerRow.day).where(
            NotificationMarkerRow.kind == kind,
            NotificationMarkerRow.user_uid.in_(list(user_uids)),
            NotificationMarkerRow.day.in_(list(days)),
        )
        return {(uid, day) for uid, day in self._s.execute(query)}
