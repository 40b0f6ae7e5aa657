"""The triggers: the daily expiry reminder (beat) and "images ready" (a picture job finished).

Expiry reminders: for each user whose local time has passed REMINDER_HOUR (08:00 local), one
grouped message lists the stacks of their household expiring within their lead days; a sent
marker per user, stack and local day, committed with the inbox row, keeps a stack from being
listed twice the same day however often the beat runs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from zerowaste.application.notifications.notifier import Notifier
from zerowaste.application.notifications.ports import NotificationsUnitOfWork, as_data
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.notifications import rules
from zerowaste.domain.notifications.rules import ExpiringStack, Preferences

log = logging.getLogger(__name__)


class ExpiryReminders:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork], notifier: Notifier
    ) -> None:
        self._uow_factory = uow_factory
        self._notifier = notifier

    def send_expiry_reminders(self, now: datetime) -> int:
        """One grouped reminder per user whose morning has come; how many were sent."""
        # Every zone's today is within a day of UTC's: read up to the longest lead past it.
        until = now.date() + timedelta(days=rules.MAX_LEAD_DAYS + 1)
        with self._uow_factory.read() as uow:
            stacks = uow.reminder_source.expiring_stacks(until)
            by_user: dict[str, list[ExpiringStack]] = defaultdict(list)
            for stack in stacks:
                by_user[stack.user_uid].append(stack)
            preferences = uow.notification_preferences.of_users(sorted(by_user))
        sent = 0
        for user_uid, mine in sorted(by_user.items()):
            try:
                sent += self._remind(user_uid, mine, preferences.get(user_uid), now)
            except Exception:  # one user's failure (or a concurrent run's marker) spares others
                log.exception("expiry reminder for %s failed", user_uid)
        return sent

    def _remind(
        self,
        user_uid: str,
        stacks: list[ExpiringStack],
        preferences: Preferences | None,
        now: datetime,
    ) -> int:
        prefs = preferences or Preferences()
        if not rules.reminder_due(prefs, now):
            return 0
        today = rules.local_day(prefs, now)
        with self._uow_factory() as uow:
            already = uow.notification_markers.marked(user_uid, rules.EXPIRY_MARK, today)
            chosen = rules.stacks_to_remind(stacks, today, prefs.lead_days, already)
            if not chosen:
                return 0
            title, body = rules.expiry_message(chosen, today, prefs.language)
            data = as_data(
                {"day": today.isoformat(), "stack_ids": ",".join(str(s.stack_id) for s in chosen)}
            )
            uow.notification_markers.mark(
                user_uid, rules.EXPIRY_MARK, [s.stack_id for s in chosen], today
            )
            stored = self._notifier.store(uow, user_uid, "expiry_reminders", title, body, data)
            uow.commit()
        self._notifier.push_if_due(stored)
        return 1


class ImagesReady:
    """Called when a picture job finishes: one notification naming the pictures drawn."""

    def __init__(
        self, uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork], notifier: Notifier
    ) -> None:
        self._uow_factory = uow_factory
        self._notifier = notifier

    def __call__(self, owner_uid: str, job_id: str | None, images: list[dict[str, Any]]) -> None:
        names = [str(image["name"]) for image in images if image.get("status") == "ready"]
        if not names:
            return
        with self._uow_factory.read() as uow:
            prefs = uow.notification_preferences.get(owner_uid) or Preferences()
        title, body = rules.images_ready_message(names, prefs.language)
        self._notifier.notify(
            owner_uid, "images_ready", title, body, as_data({"job_id": job_id, "count": len(names)})
        )
