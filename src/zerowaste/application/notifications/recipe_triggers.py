"""The recipe triggers of the beat (rules and hours in `domain.notifications.recipes`):

- TrendingDigest: Sundays from 10:00 local, the week's trending recipes (computed once per run
  by `application.recipes.trending`), one message per user and ISO week.
- RecipeSuggestions: daily from 17:00 local, catalog recipes for the stacks expiring within the
  user's lead days, chosen by the local recipe engine (no AI call), one message per user and
  day; a user with nothing expiring, or nothing a recipe uses, gets nothing.

Cost: users are read in batches of BATCH (preferences, sent markers and profiles with their
housemates', whose allergies the suggestions also avoid: one query each per batch); a user then
costs one write transaction only when a message goes (its sent marker and inbox row commit
together, so a concurrent run's marker makes the second fail and nothing is sent twice).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta

from zerowaste.application.notifications.notifier import Notifier
from zerowaste.application.notifications.ports import NotificationsUnitOfWork, as_data
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.suggestions import ExpiringFood, ExpirySuggestions
from zerowaste.application.recipes.suitability import Diners, diners_of
from zerowaste.application.recipes.trending import TrendingRecipes
from zerowaste.domain.accounts.users import User
from zerowaste.domain.notifications import recipes, rules
from zerowaste.domain.notifications.recipes import Suggestion
from zerowaste.domain.notifications.rules import ExpiringStack, Preferences

log = logging.getLogger(__name__)
BATCH = 500


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Sender:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork], notifier: Notifier
    ) -> None:
        self._uow_factory = uow_factory
        self._notifier = notifier

    def _send(
        self,
        user_uid: str,
        kind: str,
        day: date,
        type: str,
        message: tuple[str, str],
        data: dict[str, str],
    ) -> int:
        """Marker and inbox row in one transaction, then the push (now or after quiet hours)."""
        try:
            with self._uow_factory() as uow:
                uow.notification_markers.mark(user_uid, kind, [0], day)
                stored = self._notifier.store(uow, user_uid, type, *message, data)
                uow.commit()
        except Exception:  # one user's failure (or a concurrent run's marker) spares others
            log.exception("%s notification for %s failed", type, user_uid)
            return 0
        self._notifier.push_if_due(stored)
        return 1


class TrendingDigest(_Sender):
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork],
        notifier: Notifier,
        trending: TrendingRecipes,
    ) -> None:
        super().__init__(uow_factory, notifier)
        self._trending = trending

    def send_trending(self, now: datetime) -> int:
        """One digest per user whose Sunday morning has come this ISO week; how many."""
        top = self._trending.top(now, limit=recipes.TRENDING_COUNT)
        if not top:
            return 0  # nothing was cooked or saved this week: nothing to tell
        titles = [r.title for r in top]
        data = as_data({"recipe_uids": ",".join(r.uid for r in top)})
        sent, after = 0, ""
        while True:
            with self._uow_factory.read() as uow:
                page = uow.notification_audience.users_after(after, BATCH)
                due = {
                    uid: week
                    for uid, prefs in page
                    if (week := recipes.trending_week_due(prefs or Preferences(), now))
                }
                done = uow.notification_audience.marked(
                    recipes.TRENDING_MARK, list(due), set(due.values())
                )
            languages = {uid: (prefs or Preferences()).language for uid, prefs in page}
            for uid, week in due.items():
                if (uid, week) not in done:
                    message = recipes.trending_message(titles, languages[uid])
                    week_data = {**data, "week": week.isoformat()}
                    sent += self._send(
                        uid, recipes.TRENDING_MARK, week, "trending_recipes", message, week_data
                    )
            if len(page) < BATCH:
                return sent
            after = page[-1][0]


class RecipeSuggestions(_Sender):
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[NotificationsUnitOfWork],
        notifier: Notifier,
        engine: ExpirySuggestions,
    ) -> None:
        super().__init__(uow_factory, notifier)
        self._engine = engine

    def send_suggestions(self, now: datetime) -> int:
        """One message per user whose evening has come and who has something expiring."""
        until = now.date() + timedelta(days=rules.MAX_LEAD_DAYS + 1)  # every zone's lead days
        with self._uow_factory.read() as uow:
            by_user: dict[str, list[ExpiringStack]] = defaultdict(list)
            for stack in uow.reminder_source.expiring_stacks(until):
                by_user[stack.user_uid].append(stack)
        if not by_user:
            return 0
        self._engine.refresh()
        sent = 0
        for batch in _batches(sorted(by_user), BATCH):
            sent += self._batch(batch, by_user, now)
        return sent

    def _batch(
        self, batch: Sequence[str], by_user: dict[str, list[ExpiringStack]], now: datetime
    ) -> int:
        with self._uow_factory.read() as uow:
            preferences = uow.notification_preferences.of_users(batch)
            due = {
                uid: day
                for uid in batch
                if (day := recipes.suggestion_day_due(preferences.get(uid) or Preferences(), now))
            }
            done = uow.notification_audience.marked(
                recipes.SUGGESTION_MARK, list(due), set(due.values())
            )
            todo = [uid for uid, day in due.items() if (uid, day) not in done]
            # Suggestions avoid every member's allergies (issue #14 §2), read with the batch.
            diners = diners_of(uow.notification_audience.households(todo))
        sent = 0
        for uid in todo:
            prefs, user = preferences.get(uid) or Preferences(), _user(diners.get(uid))
            picks = self._picks(user, by_user[uid], due[uid], prefs) if user else []
            if picks:
                message = recipes.suggestion_message(picks, prefs.language)
                data = {"day": due[uid].isoformat(), "recipe_uids": _uids(picks)}
                sent += self._send(
                    uid, recipes.SUGGESTION_MARK, due[uid], "recipe_suggestions", message, data
                )
        return sent

    def _picks(
        self, user: User, stacks: list[ExpiringStack], today: date, prefs: Preferences
    ) -> list[Suggestion]:
        until = today + timedelta(days=prefs.lead_days)
        foods = [
            ExpiringFood(s.name, (s.expires_on - today).days)
            for s in stacks
            if today <= s.expires_on <= until
        ]
        if not foods:
            return []
        ranked = self._engine.suggest(user, foods, prefs.language, recipes.MAX_SUGGESTIONS)
        picks = []
        for found in ranked:
            used = sorted((u.food for u in found.covered if u.food), key=lambda f: f.days_left)
            names = tuple(dict.fromkeys(f.name for f in used))
            picks.append(Suggestion(found.recipe.uid, found.recipe.title, names))
        return picks


def _user(diners: Diners | None) -> User | None:
    return diners.user if diners else None


def _uids(picks: list[Suggestion]) -> str:
    return ",".join(p.recipe_uid for p in picks)
