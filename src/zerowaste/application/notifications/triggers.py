"""The triggers: the daily expiry reminder (beat) and "images ready" (a picture job finished).

Expiry reminders (domain.notifications.households): for each household whose owner's local
time has passed REMINDER_HOUR (08:00 local), its owner and adults (never a viewer) who want
them each get one grouped message of the stacks expiring within their own lead days; a sent
marker per household, stack and local day, committed with the inbox rows, keeps a stack from
being listed twice the same day however often the beat runs. A household of one is its owner
alone: reminded exactly as a user alone always was.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from zerowaste.application.notifications.notifier import Notifier
from zerowaste.application.notifications.ports import (
    Notification,
    NotificationsUnitOfWork,
    as_data,
)
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.notifications import households, plans, rules
from zerowaste.domain.notifications.households import HouseholdStock
from zerowaste.domain.notifications.plans import PlannedMeal
from zerowaste.domain.notifications.rules import ExpiringStack, Preferences

log = logging.getLogger(__name__)


class ExpiryReminders:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork], notifier: Notifier
    ) -> None:
        self._uow_factory = uow_factory
        self._notifier = notifier

    def send_expiry_reminders(self, now: datetime) -> int:
        """Each household whose morning has come tells its owner and adults, once per stack
        and day; how many messages were sent."""
        # Every zone's today is within a day of UTC's: read up to the longest lead past it.
        until = now.date() + timedelta(days=rules.MAX_LEAD_DAYS + 1)
        with self._uow_factory.read() as uow:
            stocks = households.by_household(uow.household_reminders.expiring(until))
            members = sorted({uid for stock in stocks for uid in stock.members})
            preferences = uow.notification_preferences.of_users(members)
        sent = 0
        for stock in stocks:
            try:
                sent += self._remind(stock, preferences, now)
            except Exception:  # one household's failure (or a concurrent run's marker)
                log.exception("expiry reminder for household %s failed", stock.household_id)
        return sent

    def _remind(
        self, stock: HouseholdStock, preferences: dict[str, Preferences], now: datetime
    ) -> int:
        clock = preferences.get(stock.clock_uid()) or Preferences()
        if not rules.morning_come(clock, now):
            return 0
        today = rules.local_day(clock, now)
        told = [(uid, preferences.get(uid) or Preferences()) for uid in sorted(stock.members)]
        stored: list[Notification] = []
        with self._uow_factory() as uow:
            marks = uow.household_reminders
            already = marks.marked(stock.household_id, rules.EXPIRY_MARK, today)
            reminded: set[int] = set()
            for user_uid, prefs in told:
                if not prefs.expiry_reminders:
                    continue
                chosen = rules.stacks_to_remind(stock.expiring(), today, prefs.lead_days, already)
                if chosen:
                    stored.append(self._store(uow, user_uid, chosen, today, prefs.language))
                    reminded.update(s.stack_id for s in chosen)
            if not stored:
                return 0
            marks.mark(stock.household_id, rules.EXPIRY_MARK, sorted(reminded), today)
            uow.commit()
        for notification in stored:
            self._notifier.push_if_due(notification)
        return len(stored)

    def _store(
        self,
        uow: NotificationsUnitOfWork,
        user_uid: str,
        chosen: list[ExpiringStack],
        today: date,
        language: str,
    ) -> Notification:
        title, body = rules.expiry_message(chosen, today, language)
        data = as_data(
            {"day": today.isoformat(), "stack_ids": ",".join(str(s.stack_id) for s in chosen)}
        )
        return self._notifier.store(uow, user_uid, "expiry_reminders", title, body, data)


class PlanReminders:
    """The evening reminder of tomorrow's planned meals (domain.notifications.plans)."""

    def __init__(
        self, uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork], notifier: Notifier
    ) -> None:
        self._uow_factory = uow_factory
        self._notifier = notifier

    def send_plan_reminders(self, now: datetime) -> int:
        """One message per user whose evening has come, listing tomorrow's meals; how many."""
        first, last = now.date(), now.date() + timedelta(days=2)  # every zone's tomorrow
        with self._uow_factory.read() as uow:
            by_user: dict[str, list[PlannedMeal]] = defaultdict(list)
            for meal in uow.reminder_source.planned_meals(first, last):
                by_user[meal.user_uid].append(meal)
            preferences = uow.notification_preferences.of_users(sorted(by_user))
        sent = 0
        for user_uid, meals in sorted(by_user.items()):
            try:
                sent += self._remind(user_uid, meals, preferences.get(user_uid), now)
            except Exception:  # one user's failure (or a concurrent run's marker) spares others
                log.exception("plan reminder for %s failed", user_uid)
        return sent

    def _remind(
        self,
        user_uid: str,
        meals: list[PlannedMeal],
        preferences: Preferences | None,
        now: datetime,
    ) -> int:
        prefs = preferences or Preferences()
        tomorrow = plans.plan_reminder_due(prefs, now)
        chosen = [m for m in meals if m.day == tomorrow]
        if tomorrow is None or not chosen:
            return 0
        today = tomorrow - timedelta(days=1)
        with self._uow_factory() as uow:
            if uow.notification_markers.marked(user_uid, plans.PLAN_MARK, today):
                return 0
            title, body = plans.plan_message(chosen, prefs.language)
            uow.notification_markers.mark(user_uid, plans.PLAN_MARK, [0], today)
            data = as_data({"date": tomorrow.isoformat()})
            stored = self._notifier.store(uow, user_uid, "plan_reminders", title, body, data)
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

    def __call__(self, owner_uid: str, images: list[dict[str, Any]]) -> None:
        names = [str(image["name"]) for image in images if image.get("status") == "ready"]
        if not names:
            return
        with self._uow_factory.read() as uow:
            prefs = uow.notification_preferences.get(owner_uid) or Preferences()
        title, body = rules.images_ready_message(names, prefs.language)
        self._notifier.notify(
            owner_uid, "images_ready", title, body, as_data({"count": len(names)})
        )
