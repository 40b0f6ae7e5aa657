"""The two recipe triggers: trending recipes (weekly) and suggestions from what expires (daily).

- Trending: from TRENDING_HOUR (10:00) local on TRENDING_WEEKDAY (Sunday, the end of the ISO
  week) in the user's zone, one message lists the week's top TRENDING_COUNT recipe titles
  (`domain.recipes.trending`); a sent marker per user and ISO week (its Monday) keeps it to
  one a week. A Sunday missed entirely (beat down all day) is not caught up on Monday: it
  would be last week's news.
- Suggestions: from SUGGESTION_HOUR (17:00) local, before dinner, one message names 1 to
  MAX_SUGGESTIONS catalog recipes chosen by the local recipe engine for the stacks expiring
  within the user's lead days, and which of those items each uses; a sent marker per user and
  local day keeps it to one a day. Nothing expiring, or no recipe using it: no message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from zerowaste.domain.notifications.rules import Preferences

TRENDING_WEEKDAY = 6  # date.weekday(): Sunday
TRENDING_HOUR = time(10, 0)
TRENDING_COUNT = 5
TRENDING_MARK = "trending"
SUGGESTION_HOUR = time(17, 0)
SUGGESTION_MARK = "suggest"
MAX_SUGGESTIONS = 3


def trending_week_due(preferences: Preferences, now: datetime) -> date | None:
    """The Monday of the ISO week to send the trending digest for, once the user's Sunday
    morning has come and they want it; else None."""
    local = now.astimezone(preferences.zone())
    if not preferences.trending_recipes or local.weekday() != TRENDING_WEEKDAY:
        return None
    if local.time().replace(tzinfo=None) < TRENDING_HOUR:
        return None
    return local.date() - timedelta(days=local.weekday())


def suggestion_day_due(preferences: Preferences, now: datetime) -> date | None:
    """The user's local today, once their evening (17:00) has come and they want suggestions."""
    local = now.astimezone(preferences.zone())
    if not preferences.recipe_suggestions or local.time().replace(tzinfo=None) < SUGGESTION_HOUR:
        return None
    return local.date()


@dataclass(frozen=True)
class Suggestion:
    """A recipe to cook and the user's expiring items it uses (their names, soonest first)."""

    recipe_uid: str
    title: str
    uses: tuple[str, ...]


_TEXTS = {
    "es": {
        "trending": "Recetas en tendencia",
        "trending_intro": "Lo más cocinado y guardado esta semana: ",
        "suggest": "Ideas para lo que caduca",
        "with": "con",
        "and": "y",
    },
    "en": {
        "trending": "Trending recipes",
        "trending_intro": "Most cooked and saved this week: ",
        "suggest": "Recipes for what expires soon",
        "with": "with",
        "and": "and",
    },
}


def _texts(language: str) -> dict[str, str]:
    return _TEXTS.get(language, _TEXTS["es"])


def trending_message(titles: list[str], language: str) -> tuple[str, str]:
    texts = _texts(language)
    return texts["trending"], texts["trending_intro"] + ", ".join(titles)


def _listed(names: tuple[str, ...], conjunction: str) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def suggestion_message(suggestions: list[Suggestion], language: str) -> tuple[str, str]:
    """ "Tortilla (with Huevo and Papa); Sopa (with Papa)"."""
    texts = _texts(language)
    parts = [f"{s.title} ({texts['with']} {_listed(s.uses, texts['and'])})" for s in suggestions]
    return texts["suggest"], "; ".join(parts)
