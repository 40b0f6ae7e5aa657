"""The notification routes' use cases: device subscriptions, preferences and the inbox.

A subscription is keyed by its FCM registration token: subscribing the same token again
updates it (platform, app version) and a token that signs in as another user moves to that
user. The inbox belongs to one user: another user's notification is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from zerowaste.application.notifications.ports import (
    InboxPage,
    NotificationsUnitOfWork,
    Subscription,
)
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.notifications.rules import Preferences
from zerowaste.domain.shared.errors import NotFound


class NotificationNotFound(NotFound):
    code = "notification_not_found"


class SubscriptionNotFound(NotFound):
    code = "subscription_not_found"


@dataclass(frozen=True)
class Subscribed:
    subscription: Subscription
    created: bool


class NotificationCenter:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork], clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    @retrying
    def subscribe(self, user_uid: str, token: str, platform: str, app_version: str) -> Subscribed:
        now = self._clock.now()
        with self._uow_factory() as uow:
            known = uow.push_subscriptions.get(token)
            subscription = Subscription(
                token, user_uid, platform, app_version, known.created_at if known else now, now
            )
            uow.push_subscriptions.put(subscription)
            uow.commit()
        return Subscribed(subscription, known is None)

    def unsubscribe(self, user_uid: str, token: str) -> None:
        with self._uow_factory() as uow:
            known = uow.push_subscriptions.get(token)
            if known is None or known.user_uid != user_uid:
                raise SubscriptionNotFound("This device is not subscribed")
            uow.push_subscriptions.delete(token)
            uow.commit()

    def preferences(self, user_uid: str) -> Preferences:
        with self._uow_factory.read() as uow:
            return uow.notification_preferences.get(user_uid) or Preferences()

    @retrying
    def update_preferences(self, user_uid: str, changes: dict[str, object]) -> Preferences:
        """Only the fields given change; the rest keep their stored (or default) value."""
        with self._uow_factory() as uow:
            current = uow.notification_preferences.get(user_uid) or Preferences()
            updated = current.changed(**changes)
            uow.notification_preferences.put(user_uid, updated, self._clock.now())
            uow.commit()
        return updated

    def inbox(self, user_uid: str, page: int, per_page: int) -> InboxPage:
        with self._uow_factory.read() as uow:
            return uow.notifications.page(user_uid, page, per_page)

    def mark_read(self, user_uid: str, notification_id: int) -> None:
        with self._uow_factory() as uow:
            if not uow.notifications.mark_read(user_uid, notification_id, self._clock.now()):
                raise NotificationNotFound("Notification not found")
            uow.commit()

    def mark_all_read(self, user_uid: str) -> int:
        with self._uow_factory() as uow:
            count = uow.notifications.mark_all_read(user_uid, self._clock.now())
            uow.commit()
        return count

    def delete(self, user_uid: str, notification_id: int) -> None:
        with self._uow_factory() as uow:
            if not uow.notifications.delete(user_uid, notification_id):
                raise NotificationNotFound("Notification not found")
            uow.commit()
