"""Notifier: every notification goes to the inbox; a push follows when the user wants that type,
at once or at the end of their quiet hours (`deliver_after`; `deliver_due` sends those, run by
the beat every minute). The inbox row is committed before any push, so a failed push never
loses the notification. Tokens the sender reports unregistered/invalid are pruned.
"""

from __future__ import annotations

import logging
from datetime import datetime

from zerowaste.application.notifications.ports import (
    Notification,
    NotificationsUnitOfWork,
    PushMessage,
    PushSender,
)
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.notifications.rules import Preferences, push_time

log = logging.getLogger(__name__)
DUE_BATCH = 200


class Notifier:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork],
        clock: Clock,
        sender: PushSender | None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._sender = sender  # None: the embedded default, inbox only

    def notify(
        self,
        user_uid: str,
        type: str,
        title: str,
        body: str,
        data: dict[str, str] | None = None,
    ) -> Notification:
        with self._uow_factory() as uow:
            stored = self.store(uow, user_uid, type, title, body, data or {})
            uow.commit()
        self.push_if_due(stored)
        return stored

    def store(
        self,
        uow: NotificationsUnitOfWork,
        user_uid: str,
        type: str,
        title: str,
        body: str,
        data: dict[str, str],
    ) -> Notification:
        """The inbox row, inside the caller's transaction (a trigger's markers commit with it);
        the caller calls `push_if_due` after its commit."""
        now = self._clock.now()
        preferences = uow.notification_preferences.get(user_uid) or Preferences()
        wanted = preferences.wants(type)
        notification = Notification(
            id=0,
            user_uid=user_uid,
            type=type,
            title=title[:200],
            body=body[:2000],
            data=dict(data),
            created_at=now,
            push_state="pending" if wanted else "off",
            deliver_after=push_time(preferences, now) if wanted else None,
        )
        return uow.notifications.add(notification)

    def push_if_due(self, notification: Notification) -> None:
        due = notification.deliver_after
        if notification.push_state == "pending" and due is not None and due <= self._clock.now():
            self.deliver(notification.id)

    def deliver_due(self, now: datetime | None = None) -> int:
        """Push the deferred notifications whose time has come; how many were handled."""
        with self._uow_factory.read() as uow:
            ids = uow.notifications.due(now or self._clock.now(), DUE_BATCH)
        for notification_id in ids:
            self.deliver(notification_id)
        return len(ids)

    def deliver(self, notification_id: int) -> str:
        """Push one pending notification to its user's devices; its final push state."""
        with self._uow_factory() as uow:
            claimed = uow.notifications.claim(notification_id)
            tokens = uow.push_subscriptions.tokens_of(claimed.user_uid) if claimed else []
            uow.commit()
        if claimed is None:
            return "gone"
        if self._sender is None or not tokens:
            return self._finish(notification_id, "inbox", [])
        message = PushMessage(
            claimed.title,
            claimed.body,
            {**claimed.data, "notification_id": str(claimed.id), "type": claimed.type},
        )
        try:
            result = self._sender.send(tokens, message)
        except Exception:  # the inbox keeps it; the push is recorded as failed, with its cause
            log.exception("push of notification %s failed", notification_id)
            return self._finish(notification_id, "failed", [])
        return self._finish(
            notification_id, "sent" if result.sent else "failed", result.invalid_tokens
        )

    def _finish(self, notification_id: int, state: str, invalid: list[str]) -> str:
        with self._uow_factory() as uow:
            if invalid:
                pruned = uow.push_subscriptions.prune(invalid)
                log.info("pruned %d push tokens FCM reported invalid", pruned)
            uow.notifications.set_push_state(notification_id, state)
            uow.commit()
        return state
