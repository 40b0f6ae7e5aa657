"""Expiry reminders in a shared household (issue #14 §5), through the whole app (SQLite and
MariaDB) with a frozen clock: one reminder per expiring stack of the household, to its owner
and adults (never a viewer), each member's own preferences honoured, the household's morning
its owner's, and a sent marker per household, stack and day (running the beat twice sends
nothing new)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from tests.api.households.helpers import family
from tests.api.inventory.helpers import add, line
from tests.fakes import FixedClock

pytestmark = pytest.mark.integration
Json = dict[str, Any]


def _prefs(client: Any, who: Json, zone: str = "Europe/Madrid", **prefs: Any) -> None:
    body = {"time_zone": zone, **prefs}
    response = client.put("/api/notifications/preferences", json=body, headers=who["headers"])
    assert response.status_code == 200, response.json


def _inbox(client: Any, who: Json) -> list[Json]:
    return list(client.get("/api/notifications", headers=who["headers"]).json["notifications"])


def _remind(app: Any, clock: FixedClock) -> int:
    reminders = app.extensions["zerowaste.services"].notifications.expiry_reminders
    return int(reminders.send_expiry_reminders(clock.now()))


def _markers(app: Any) -> list[tuple[Any, ...]]:
    with app.extensions["zerowaste.engine"].connect() as conn:
        query = "SELECT household_id, kind, ref FROM household_notification_markers ORDER BY ref"
        return [tuple(row) for row in conn.execute(text(query))]


def _household(client: Any, who: Json) -> str:
    return str(client.get("/api/households/current", headers=who["headers"]).json["id"])


def test_the_owner_and_adults_get_one_reminder_per_item_and_the_viewer_none(
    app: Any, clock: FixedClock
) -> None:
    client = app.test_client()
    owner, first, second, viewer = family(client, "adult", "adult", "viewer")
    for who in (owner, first, second, viewer):
        _prefs(client, who)
    add(client, owner["headers"], line("Leche", expiration_time=1))
    add(
        client, first["headers"], line("Yogur", expiration_time=2), line("Queso", expiration_time=6)
    )

    assert _remind(app, clock) == 3
    for who in (owner, first, second):
        (note,) = _inbox(client, who)
        assert note["type"] == "expiry_reminders"
        assert note["body"] == "Úsalos pronto: Leche (mañana), Yogur (en 2 días)"
    assert _inbox(client, viewer) == []
    household = _household(client, owner)
    assert [(h, k) for h, k, _ in _markers(app)] == [(household, "expiry")] * 2

    assert _remind(app, clock) == 0  # the beat again: nothing new, for nobody
    assert [len(_inbox(client, who)) for who in (owner, first, second, viewer)] == [1, 1, 1, 0]
    assert len(_markers(app)) == 2


def test_each_member_s_own_preferences_hold(app: Any, clock: FixedClock) -> None:
    client = app.test_client()
    owner, off, far, quiet = family(client, "adult", "adult", "adult")
    _prefs(client, owner, language="en")
    _prefs(client, off, types={"expiry_reminders": False})
    _prefs(client, far, reminder_lead_days=6)
    _prefs(client, quiet, quiet_hours={"start": "22:00", "end": "09:00"})
    add(
        client, owner["headers"], line("Leche", expiration_time=1), line("Queso", expiration_time=6)
    )

    assert _remind(app, clock) == 3
    assert [n["body"] for n in _inbox(client, owner)] == ["Use them soon: Leche (tomorrow)"]
    assert _inbox(client, off) == []
    assert [n["body"] for n in _inbox(client, far)] == [
        "Úsalos pronto: Leche (mañana), Queso (en 6 días)"
    ]
    with app.extensions["zerowaste.engine"].connect() as conn:
        rows = conn.execute(
            text("SELECT push_state, deliver_after FROM notifications WHERE user_uid = :u"),
            {"u": quiet["uid"]},
        ).all()
    (state, deliver_after) = rows[0]
    assert len(rows) == 1 and state == "pending"  # 08:30 in Madrid: quiet until 09:00
    assert str(deliver_after).startswith("2026-01-15 08:00")
    assert len(_markers(app)) == 2  # Leche (everyone) and Queso (the far-sighted adult)


def test_the_household_s_morning_is_its_owner_s(app: Any, clock: FixedClock) -> None:
    client = app.test_client()
    owner, adult = family(client, "adult")
    _prefs(client, owner, zone="America/Mexico_City")
    _prefs(client, adult)  # Madrid: already 08:30, but the household's clock is the owner's
    add(client, adult["headers"], line("Leche", expiration_time=1))

    assert _remind(app, clock) == 0 and _inbox(client, adult) == []
    clock.current = datetime(2026, 1, 15, 14, 30, tzinfo=UTC)  # 08:30 in Mexico City
    assert _remind(app, clock) == 2
    assert [len(_inbox(client, who)) for who in (owner, adult)] == [1, 1]


def test_a_household_whose_told_members_all_said_no_marks_nothing(
    app: Any, clock: FixedClock
) -> None:
    client = app.test_client()
    owner, viewer = family(client, "viewer")
    _prefs(client, owner, types={"expiry_reminders": False})
    _prefs(client, viewer)
    add(client, owner["headers"], line("Leche", expiration_time=1))

    assert _remind(app, clock) == 0
    assert _inbox(client, owner) == [] and _inbox(client, viewer) == [] and _markers(app) == []
