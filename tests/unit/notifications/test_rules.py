"""Pure notification rules: quiet hours (overnight windows, deferral to their end in the user's
zone), the morning of the expiry reminder, which stacks one grouped message lists, its text."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from zerowaste.domain.notifications.plans import PlannedMeal, plan_message, plan_reminder_due
from zerowaste.domain.notifications.rules import (
    ExpiringStack,
    Preferences,
    expiry_message,
    in_quiet_hours,
    is_time_zone,
    push_time,
    reminder_due,
    stacks_to_remind,
)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (time(21, 59), False),
        (time(22, 0), True),
        (time(23, 59), True),
        (time(0, 0), True),
        (time(6, 59), True),
        (time(7, 0), False),
        (time(12, 0), False),
    ],
)
def test_an_overnight_window_spans_midnight(moment: time, expected: bool) -> None:
    assert in_quiet_hours(moment, time(22, 0), time(7, 0)) is expected


@pytest.mark.parametrize(
    ("moment", "expected"), [(time(12, 59), False), (time(13, 0), True), (time(15, 0), False)]
)
def test_a_daytime_window(moment: time, expected: bool) -> None:
    assert in_quiet_hours(moment, time(13, 0), time(15, 0)) is expected


def test_no_window_or_an_empty_one_is_never_quiet() -> None:
    assert not in_quiet_hours(time(3, 0), None, None)
    assert not in_quiet_hours(time(3, 0), time(3, 0), time(3, 0))


MADRID_NIGHT = Preferences(quiet_start=time(22, 0), quiet_end=time(7, 0), time_zone="Europe/Madrid")


def test_a_push_before_midnight_waits_for_the_next_local_morning() -> None:
    # 23:30 in Madrid (CET, UTC+1) on 15 Jan: quiet until 07:00 local on the 16th = 06:00 UTC
    now = datetime(2026, 1, 15, 22, 30, tzinfo=UTC)
    assert push_time(MADRID_NIGHT, now) == datetime(2026, 1, 16, 6, 0, tzinfo=UTC)


def test_a_push_after_midnight_waits_for_the_same_local_morning() -> None:
    now = datetime(2026, 1, 16, 2, 0, tzinfo=UTC)  # 03:00 in Madrid
    assert push_time(MADRID_NIGHT, now) == datetime(2026, 1, 16, 6, 0, tzinfo=UTC)


def test_a_push_outside_quiet_hours_goes_now() -> None:
    now = datetime(2026, 1, 16, 9, 0, tzinfo=UTC)  # 10:00 in Madrid
    assert push_time(MADRID_NIGHT, now) == now
    assert push_time(Preferences(), now) == now


def test_quiet_hours_follow_the_users_zone_and_summer_time() -> None:
    # 07:00 in Madrid in July is CEST (UTC+2): 05:00 UTC
    now = datetime(2026, 7, 1, 0, 0, tzinfo=UTC)  # 02:00 local
    assert push_time(MADRID_NIGHT, now) == datetime(2026, 7, 1, 5, 0, tzinfo=UTC)


def test_the_reminder_waits_for_08_local_in_each_zone() -> None:
    mexico = Preferences(time_zone="America/Mexico_City")  # UTC-6, no summer time since 2022
    madrid = Preferences(time_zone="Europe/Madrid")  # UTC+1 in January
    at_0730_utc = datetime(2026, 1, 15, 7, 30, tzinfo=UTC)
    assert reminder_due(madrid, at_0730_utc) and not reminder_due(mexico, at_0730_utc)
    assert reminder_due(mexico, datetime(2026, 1, 15, 14, 0, tzinfo=UTC))
    assert not reminder_due(madrid, datetime(2026, 1, 15, 6, 59, tzinfo=UTC))
    assert not reminder_due(madrid.changed(expiry_reminders=False), at_0730_utc)


def _stack(sid: int, name: str, on: date) -> ExpiringStack:
    return ExpiringStack("ana", sid, name, on)


def test_one_message_lists_the_stacks_within_the_lead_days_soonest_first() -> None:
    today = date(2026, 1, 15)
    stacks = [
        _stack(1, "yogur", date(2026, 1, 17)),
        _stack(2, "leche", date(2026, 1, 15)),
        _stack(3, "queso", date(2026, 1, 18)),  # beyond 2 lead days
        _stack(4, "pan", date(2026, 1, 14)),  # already expired: not a reminder
        _stack(5, "Huevos", date(2026, 1, 16)),
    ]
    chosen = stacks_to_remind(stacks, today, 2, set())
    assert [s.stack_id for s in chosen] == [2, 5, 1]
    title, body = expiry_message(chosen, today, "es")
    assert title == "Alimentos por caducar"
    assert body == "Úsalos pronto: leche (hoy), Huevos (mañana), yogur (en 2 días)"
    assert expiry_message(chosen, today, "en")[1] == (
        "Use them soon: leche (today), Huevos (tomorrow), yogur (in 2 days)"
    )


def test_a_stack_already_reminded_today_is_never_listed_twice() -> None:
    today = date(2026, 1, 15)
    stacks = [_stack(1, "leche", today), _stack(2, "yogur", today)]
    assert [s.stack_id for s in stacks_to_remind(stacks, today, 0, {1})] == [2]
    assert stacks_to_remind(stacks, today, 0, {1, 2}) == []


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Europe/Madrid", True),
        ("America/Mexico_City", True),
        ("UTC", True),
        ("Mars/Olympus", False),
        ("", False),
        ("/etc/localtime", False),
        ("../usr/share/zoneinfo/UTC", False),
    ],
)
def test_time_zones_are_iana_names(name: str, ok: bool) -> None:
    assert is_time_zone(name) is ok


def test_the_plan_reminder_comes_in_the_local_evening_for_the_local_tomorrow() -> None:
    madrid = Preferences(time_zone="Europe/Madrid")
    assert plan_reminder_due(madrid, datetime(2026, 1, 15, 17, 59, tzinfo=UTC)) is None
    assert plan_reminder_due(madrid, datetime(2026, 1, 15, 18, 0, tzinfo=UTC)) == date(2026, 1, 16)
    # 23:30 UTC on the 15th is 00:30 on the 16th in Madrid: not that day's evening yet
    assert plan_reminder_due(madrid, datetime(2026, 1, 15, 23, 30, tzinfo=UTC)) is None
    mexico = Preferences(time_zone="America/Mexico_City")
    assert plan_reminder_due(mexico, datetime(2026, 1, 16, 1, 0, tzinfo=UTC)) == date(2026, 1, 16)
    off = madrid.changed(plan_reminders=False)
    assert plan_reminder_due(off, datetime(2026, 1, 15, 20, 0, tzinfo=UTC)) is None


def test_the_plan_message_lists_meals_in_meal_order() -> None:
    day = date(2026, 1, 16)
    meals = [
        PlannedMeal("ana", day, "dinner", "Sopa"),
        PlannedMeal("ana", day, "snack", "Fruta"),
        PlannedMeal("ana", day, "breakfast", "Avena"),
    ]
    assert plan_message(meals, "es") == (
        "Tu menú de mañana",
        "desayuno: Avena; cena: Sopa; colación: Fruta",
    )
    assert plan_message(meals, "en")[1] == "breakfast: Avena; dinner: Sopa; snack: Fruta"
