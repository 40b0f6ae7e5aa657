"""Triggers and delivery through the whole app (SQLite and MariaDB), with the real
firebase-admin client pushing to the local fake FCM endpoint and a frozen clock:
- the daily expiry reminder at each user's 08:00 (America/Mexico_City and Europe/Madrid), one
  grouped message, never twice for the same stack and day, run by the beat's Celery task;
- quiet hours defer the push (stored, delivered by `deliver_due`), a type switched off stays in
  the inbox without a push, unregistered/invalid tokens are pruned;
- "images ready" when a picture job finishes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import add, line
from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.fakes.fcm import FakeFcm
from zerowaste.application.ports.ai import AiContext, ImageSubject
from zerowaste.entrypoints.worker import (
    BEAT_SCHEDULE,
    DELIVER_DUE_NOTIFICATIONS,
    SEND_EXPIRY_REMINDERS,
    SEND_PLAN_REMINDERS,
    make_celery,
)

pytestmark = pytest.mark.integration


def _user(client: Any, zone: str, **prefs: Any) -> tuple[str, dict[str, str]]:
    account = signup(client)
    headers = bearer(account["access_token"])
    body = {"time_zone": zone, **prefs}
    assert (
        client.put("/api/notifications/preferences", json=body, headers=headers).status_code == 200
    )
    return account["user"]["uid"], headers


def _subscribe(client: Any, headers: dict[str, str], token: str) -> None:
    body = {"token": token, "platform": "android", "app_version": "1.0"}
    assert (
        client.post("/api/notifications/subscribe", json=body, headers=headers).status_code == 201
    )


def _inbox(client: Any, headers: dict[str, str]) -> list[dict[str, Any]]:
    return list(client.get("/api/notifications", headers=headers).json["notifications"])


def _remind(app: Any, clock: FixedClock) -> int:
    return int(
        app.extensions["zerowaste.services"].notifications.expiry_reminders.send_expiry_reminders(
            clock.now()
        )
    )


def _tokens(app: Any) -> list[str]:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return sorted(r[0] for r in conn.execute(text("SELECT token FROM push_subscriptions")))


def test_each_user_is_reminded_once_at_their_local_morning(
    app: Any,
    clock: FixedClock,
    fake_fcm: FakeFcm,
) -> None:
    client = app.test_client()
    ana, ana_h = _user(client, "America/Mexico_City")
    ben, ben_h = _user(client, "Europe/Madrid", language="en")
    _subscribe(client, ben_h, "ben-phone")
    for headers in (ana_h, ben_h):
        add(
            client,
            headers,
            line("Leche", expiration_time=1),
            line("Yogur", expiration_time=2),
            line("Queso", expiration_time=5),  # beyond the default 2 lead days
        )

    assert _remind(app, clock) == 1  # 08:30 in Madrid; still night in Mexico City
    (ben_note,) = _inbox(client, ben_h)
    assert ben_note["type"] == "expiry_reminders" and ben_note["title"] == "Food expiring soon"
    assert ben_note["body"] == "Use them soon: Leche (tomorrow), Yogur (in 2 days)"
    assert _inbox(client, ana_h) == []
    assert fake_fcm.tokens() == ["ben-phone"]
    assert fake_fcm.requests[0]["message"]["data"]["type"] == "expiry_reminders"

    clock.advance(timedelta(minutes=15))
    assert _remind(app, clock) == 0  # never twice the same stacks the same day
    clock.current = datetime(2026, 1, 15, 14, 5, tzinfo=UTC)  # 08:05 in Mexico City
    assert _remind(app, clock) == 1
    (ana_note,) = _inbox(client, ana_h)
    assert ana_note["body"] == "Úsalos pronto: Leche (mañana), Yogur (en 2 días)"
    assert len(_inbox(client, ben_h)) == 1

    add(client, ben_h, line("Huevos", expiration_time=1))
    assert _remind(app, clock) == 1  # a new stack the same day: only it is listed
    assert _inbox(client, ben_h)[0]["body"] == "Use them soon: Huevos (tomorrow)"

    clock.current = datetime(2026, 1, 16, 7, 1, tzinfo=UTC)  # the next morning in Madrid
    assert _remind(app, clock) == 1
    assert (
        _inbox(client, ben_h)[0]["body"]
        == "Use them soon: Huevos (today), Leche (today), Yogur (tomorrow)"
    )


def test_reminders_follow_the_preferences(app: Any, clock: FixedClock) -> None:
    client = app.test_client()
    _, off_h = _user(client, "Europe/Madrid", types={"expiry_reminders": False})
    _, today_h = _user(client, "Europe/Madrid", reminder_lead_days=1)
    for headers in (off_h, today_h):
        add(client, headers, line("Leche", expiration_time=1), line("Yogur", expiration_time=2))
    assert _remind(app, clock) == 1
    assert _inbox(client, off_h) == []
    assert [n["body"] for n in _inbox(client, today_h)] == ["Úsalos pronto: Leche (mañana)"]


def test_quiet_hours_defer_the_push_until_they_end(
    app: Any,
    clock: FixedClock,
    fake_fcm: FakeFcm,
) -> None:
    client = app.test_client()
    uid, headers = _user(client, "Europe/Madrid", quiet_hours={"start": "22:00", "end": "09:00"})
    _subscribe(client, headers, "phone")
    notifier = app.extensions["zerowaste.services"].notifications.notifier
    notifier.notify(uid, "recipe_suggestions", "Idea", "Tortilla")  # 08:30 local: quiet
    assert len(_inbox(client, headers)) == 1 and fake_fcm.requests == []
    assert notifier.deliver_due() == 0
    clock.current = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)  # 09:00 in Madrid
    assert notifier.deliver_due() == 1
    assert fake_fcm.tokens() == ["phone"]
    assert notifier.deliver_due() == 0  # sent once


def test_a_type_switched_off_stays_in_the_inbox_without_a_push(
    app: Any,
    fake_fcm: FakeFcm,
) -> None:
    client = app.test_client()
    uid, headers = _user(client, "Europe/Madrid", types={"recipe_suggestions": False})
    _subscribe(client, headers, "phone")
    notifier = app.extensions["zerowaste.services"].notifications.notifier
    stored = notifier.notify(uid, "recipe_suggestions", "Idea", "Tortilla")
    assert stored.push_state == "off" and notifier.deliver_due() == 0
    assert [n["title"] for n in _inbox(client, headers)] == ["Idea"]
    assert fake_fcm.requests == []


def test_tokens_fcm_reports_gone_or_invalid_are_pruned(
    app: Any,
    fake_fcm: FakeFcm,
) -> None:
    client = app.test_client()
    uid, headers = _user(client, "Europe/Madrid")
    for token in ("gone-old-phone", "bad-garbled", "good-phone"):
        _subscribe(client, headers, token)
    notifier = app.extensions["zerowaste.services"].notifications.notifier
    stored = notifier.notify(uid, "plan_reminders", "Mañana", "Lentejas")
    assert sorted(fake_fcm.tokens()) == ["bad-garbled", "gone-old-phone", "good-phone"]
    assert _tokens(app) == ["good-phone"]
    assert notifier.deliver(stored.id) == "gone"  # already sent: never pushed twice


def test_finished_picture_jobs_notify_images_ready(app: Any, fake_fcm: FakeFcm) -> None:
    client = app.test_client()
    uid, headers = _user(client, "Europe/Madrid", language="en")
    _subscribe(client, headers, "phone")
    pictures = app.extensions["zerowaste.services"].pictures
    job_id = pictures.request(uid, [ImageSubject("Tomate", "ingredient")], AiContext("en"))
    assert job_id is not None  # the embedded queue ran the job inline
    (note,) = _inbox(client, headers)
    assert (note["type"], note["title"], note["body"]) == (
        "images_ready",
        "Your images are ready",
        "Ready: Tomate",
    )
    assert note["data"] == {"count": "1"}
    assert fake_fcm.tokens() == ["phone"]


def test_the_beat_runs_reminders_and_due_pushes(app: Any, tmp_path: Path, db_url: str) -> None:
    assert BEAT_SCHEDULE["send-expiry-reminders"]["task"] == SEND_EXPIRY_REMINDERS
    assert BEAT_SCHEDULE["deliver-due-notifications"]["task"] == DELIVER_DUE_NOTIFICATIONS
    assert BEAT_SCHEDULE["send-plan-reminders"]["task"] == SEND_PLAN_REMINDERS
    every = BEAT_SCHEDULE["send-expiry-reminders"]["schedule"]
    assert every.minute == {0, 15, 30, 45} and len(every.hour) == 24
    celery = make_celery(make_settings(tmp_path, database_url=db_url))
    client = app.test_client()
    _, headers = _user(client, "Europe/Madrid")
    add(client, headers, line("Leche", expiration_time=1))
    with app.app_context():  # the task uses the app it runs in (the worker's, in production)
        assert celery.tasks[SEND_EXPIRY_REMINDERS].delay().get() == 1
        assert celery.tasks[SEND_EXPIRY_REMINDERS].delay().get() == 0
        assert celery.tasks[DELIVER_DUE_NOTIFICATIONS].delay().get() == 0
        assert celery.tasks[SEND_PLAN_REMINDERS].delay().get() == 0  # 08:30: not evening
    assert len(_inbox(client, headers)) == 1


def _recipe(client: Any, headers: dict[str, str], title: str) -> str:
    body = {
        "title": title,
        "servings": 2,
        "ingredients": [{"name": "Papa", "quantity": 1, "type_unit": "kg"}],
        "steps": ["Cocina"],
    }
    response = client.post("/api/recipes/save", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return str(response.json["recipe"]["uid"])


def _plan_tomorrow(client: Any, headers: dict[str, str]) -> list[str]:
    """Breakfast and dinner planned for Friday 16 Jan 2026; the recipes' titles."""
    titles = ["Sopa de papa", "Avena", "Tacos"]
    uids = [_recipe(client, headers, title) for title in titles]
    slots = [
        {"date": "2026-01-16", "meal_type": "dinner", "recipe_uid": uids[0]},
        {"date": "2026-01-16", "meal_type": "breakfast", "recipe_uid": uids[1]},
        {"date": "2026-01-17", "meal_type": "lunch", "recipe_uid": uids[2]},
    ]
    body = {"week": "2026-W03", "name": "Enero", "slots": slots}
    assert client.post("/api/meal-plans/weekly", json=body, headers=headers).status_code == 201
    return [titles[1], titles[0]]


def test_tomorrows_meals_are_reminded_once_in_each_users_evening(
    app: Any, clock: FixedClock, fake_fcm: FakeFcm
) -> None:
    client = app.test_client()
    _, ana_h = _user(client, "America/Mexico_City")
    _, ben_h = _user(client, "Europe/Madrid", language="en")
    _subscribe(client, ben_h, "ben-phone")
    breakfast, dinner = _plan_tomorrow(client, ana_h)
    _plan_tomorrow(client, ben_h)
    plan_reminders = app.extensions["zerowaste.services"].notifications.plan_reminders

    clock.current = datetime(2026, 1, 15, 17, 59, tzinfo=UTC)  # 18:59 in Madrid
    assert plan_reminders.send_plan_reminders(clock.now()) == 0
    clock.current = datetime(2026, 1, 15, 18, 30, tzinfo=UTC)  # 19:30 Madrid, 12:30 Mexico
    assert plan_reminders.send_plan_reminders(clock.now()) == 1
    (note,) = _inbox(client, ben_h)
    assert (note["type"], note["title"]) == ("plan_reminders", "Tomorrow's menu")
    assert note["body"] == f"breakfast: {breakfast}; dinner: {dinner}"
    assert note["data"] == {"date": "2026-01-16"}
    assert fake_fcm.tokens() == ["ben-phone"]
    assert _inbox(client, ana_h) == []
    assert plan_reminders.send_plan_reminders(clock.now()) == 0  # once a day

    clock.current = datetime(2026, 1, 16, 1, 5, tzinfo=UTC)  # 19:05 on the 15th in Mexico
    assert plan_reminders.send_plan_reminders(clock.now()) == 1
    assert [n["body"] for n in _inbox(client, ana_h)] == [f"desayuno: {breakfast}; cena: {dinner}"]
    assert len(_inbox(client, ben_h)) == 1
