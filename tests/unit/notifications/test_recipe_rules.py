"""The recipe triggers' rules (domain.notifications.recipes): trending on Sunday from 10:00
local for the ISO week's Monday, suggestions from 17:00 local for the local day, both only
when wanted; their texts in Spanish and English."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from zerowaste.domain.notifications.recipes import (
    Suggestion,
    suggestion_day_due,
    suggestion_message,
    trending_message,
    trending_week_due,
)
from zerowaste.domain.notifications.rules import Preferences

MADRID = Preferences(time_zone="Europe/Madrid")  # UTC+1 in January
MEXICO = Preferences(time_zone="America/Mexico_City")  # UTC-6
KIRITIMATI = Preferences(time_zone="Pacific/Kiritimati")  # UTC+14


@pytest.mark.parametrize(
    ("prefs", "now", "week"),
    [
        (MADRID, datetime(2026, 1, 18, 8, 59, tzinfo=UTC), None),  # Sunday 09:59 local
        (MADRID, datetime(2026, 1, 18, 9, 0, tzinfo=UTC), date(2026, 1, 12)),
        (MADRID, datetime(2026, 1, 18, 22, 59, tzinfo=UTC), date(2026, 1, 12)),  # 23:59
        (MADRID, datetime(2026, 1, 18, 23, 0, tzinfo=UTC), None),  # Monday 00:00 local
        (MEXICO, datetime(2026, 1, 18, 15, 59, tzinfo=UTC), None),
        (MEXICO, datetime(2026, 1, 18, 16, 0, tzinfo=UTC), date(2026, 1, 12)),
        (MEXICO, datetime(2026, 1, 19, 5, 0, tzinfo=UTC), date(2026, 1, 12)),  # Sun 23:00
        (KIRITIMATI, datetime(2026, 1, 17, 20, 0, tzinfo=UTC), date(2026, 1, 12)),  # Sat UTC
        (MADRID, datetime(2026, 1, 17, 12, 0, tzinfo=UTC), None),  # Saturday
    ],
)
def test_trending_waits_for_sunday_10_local(
    prefs: Preferences, now: datetime, week: date | None
) -> None:
    assert trending_week_due(prefs, now) == week


def test_trending_switched_off_is_never_due() -> None:
    off = MADRID.changed(trending_recipes=False)
    assert trending_week_due(off, datetime(2026, 1, 18, 12, 0, tzinfo=UTC)) is None


def test_suggestions_wait_for_17_local_in_each_zone() -> None:
    at_1605_utc = datetime(2026, 1, 15, 16, 5, tzinfo=UTC)  # 17:05 Madrid, 10:05 Mexico
    assert suggestion_day_due(MADRID, at_1605_utc) == date(2026, 1, 15)
    assert suggestion_day_due(MEXICO, at_1605_utc) is None
    late = datetime(2026, 1, 16, 0, 30, tzinfo=UTC)  # 18:30 on the 15th in Mexico
    assert suggestion_day_due(MEXICO, late) == date(2026, 1, 15)
    assert suggestion_day_due(MADRID, late) is None  # 01:30 on the 16th: not evening yet
    assert suggestion_day_due(MADRID.changed(recipe_suggestions=False), at_1605_utc) is None


def test_the_texts_in_both_languages() -> None:
    picks = [
        Suggestion("a", "Tortilla", ("Huevo", "Papa", "Cebolla")),
        Suggestion("b", "Sopa", ("Papa",)),
    ]
    assert suggestion_message(picks, "en") == (
        "Recipes for what expires soon",
        "Tortilla (with Huevo, Papa and Cebolla); Sopa (with Papa)",
    )
    assert suggestion_message(picks, "es")[1] == (
        "Tortilla (con Huevo, Papa y Cebolla); Sopa (con Papa)"
    )
    assert trending_message(["Tortilla", "Sopa"], "es") == (
        "Recetas en tendencia",
        "Lo más cocinado y guardado esta semana: Tortilla, Sopa",
    )
    assert trending_message(["Tortilla"], "en")[0] == "Trending recipes"
