"""The evening plan reminder: tomorrow's planned meals, once per user and local day.

From PLAN_HOUR local time (19:00) in the user's zone, one message lists the meals planned for
their household on the local tomorrow, in meal order (breakfast, lunch, dinner, dessert,
snack); a sent marker per user and local day (ref 0) keeps it to one a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from zerowaste.domain.notifications.rules import Preferences

PLAN_HOUR = time(19, 0)
PLAN_MARK = "plan"
MEAL_ORDER = ("breakfast", "lunch", "dinner", "dessert", "snack")
_MEALS = {
    "es": {
        "breakfast": "desayuno",
        "lunch": "comida",
        "dinner": "cena",
        "dessert": "postre",
        "snack": "colación",
    },
    "en": {m: m for m in MEAL_ORDER},
}
_TITLES = {"es": "Tu menú de mañana", "en": "Tomorrow's menu"}


@dataclass(frozen=True)
class PlannedMeal:
    user_uid: str
    day: date
    meal_type: str
    title: str


def plan_reminder_due(preferences: Preferences, now: datetime) -> date | None:
    """The local tomorrow to remind of, once the evening has come and the user wants it."""
    local = now.astimezone(preferences.zone())
    if not preferences.plan_reminders or local.time().replace(tzinfo=None) < PLAN_HOUR:
        return None
    return local.date() + timedelta(days=1)


def plan_message(meals: list[PlannedMeal], language: str) -> tuple[str, str]:
    names = _MEALS.get(language, _MEALS["es"])
    order = {meal: i for i, meal in enumerate(MEAL_ORDER)}
    ordered = sorted(meals, key=lambda m: (order.get(m.meal_type, 99), m.title.casefold()))
    body = "; ".join(f"{names.get(m.meal_type, m.meal_type)}: {m.title}" for m in ordered)
    return _TITLES.get(language, _TITLES["es"]), body
