"""Notification routes: subscribe (idempotent, a token moves with its user), unsubscribe,
preferences (validated, partial updates), and the inbox (pages, unread count, read, read-all,
delete), each scoped to the caller; bad input is a 400 that stores nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup

TOKEN = "fcm-token-A:APA91b" + "x" * 40


def _services(app: Any) -> Any:
    return app.extensions["zerowaste.services"]


def _rows(app: Any, sql: str, **params: Any) -> list[Any]:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return list(conn.execute(text(sql), params))


def _subscribe(client: Any, headers: dict[str, str], token: str = TOKEN, **extra: Any) -> Any:
    body = {"token": token, "platform": "android", "app_version": "1.2.0", **extra}
    return client.post("/api/notifications/subscribe", json=body, headers=headers)


def test_subscribing_twice_updates_the_one_subscription(
    client: Any, app: Any, auth_headers: Any
) -> None:
    first = _subscribe(client, auth_headers)
    again = _subscribe(client, auth_headers, platform="ios", app_version="1.3.0")
    assert first.status_code == 201 and first.json["created"] is True
    assert again.status_code == 200 and again.json["created"] is False
    assert again.json["platform"] == "ios" and again.json["app_version"] == "1.3.0"
    rows = _rows(app, "SELECT platform, app_version FROM push_subscriptions")
    assert [tuple(r) for r in rows] == [("ios", "1.3.0")]


def test_a_token_signed_in_as_another_user_moves_to_that_user(client: Any, app: Any) -> None:
    ana, ben = signup(client), signup(client)
    assert _subscribe(client, bearer(ana["access_token"])).status_code == 201
    assert _subscribe(client, bearer(ben["access_token"])).status_code == 200
    owners = _rows(app, "SELECT user_uid FROM push_subscriptions")
    assert [r[0] for r in owners] == [ben["user"]["uid"]]
    gone = client.delete(
        "/api/notifications/subscribe", json={"token": TOKEN}, headers=bearer(ana["access_token"])
    )
    assert gone.status_code == 404  # no longer Ana's device


def test_unsubscribe_forgets_the_token(client: Any, app: Any, auth_headers: Any) -> None:
    _subscribe(client, auth_headers)
    gone = client.delete(
        "/api/notifications/subscribe", json={"token": TOKEN}, headers=auth_headers
    )
    assert gone.status_code == 200
    assert _rows(app, "SELECT token FROM push_subscriptions") == []
    again = client.delete(
        "/api/notifications/subscribe", json={"token": TOKEN}, headers=auth_headers
    )
    assert again.status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"platform": "android"},
        {"token": "", "platform": "android"},
        {"token": "has space", "platform": "android"},
        {"token": TOKEN, "platform": "windows"},
        {"token": "x" * 513, "platform": "web"},
        {"token": TOKEN, "platform": "web", "app_version": "v" * 41},
    ],
)
def test_a_bad_subscription_is_refused_and_not_stored(
    client: Any, app: Any, auth_headers: Any, body: dict[str, Any]
) -> None:
    response = client.post("/api/notifications/subscribe", json=body, headers=auth_headers)
    assert response.status_code == 400
    assert _rows(app, "SELECT token FROM push_subscriptions") == []


def test_routes_need_a_signed_in_user(client: Any) -> None:
    assert client.get("/api/notifications").status_code == 401
    assert client.get("/api/notifications/preferences").status_code == 401


def test_preferences_start_at_the_defaults_and_change_partially(
    client: Any, auth_headers: Any
) -> None:
    default = client.get("/api/notifications/preferences", headers=auth_headers)
    assert default.status_code == 200
    assert default.json == {
        "types": {
            "expiry_reminders": True,
            "recipe_suggestions": True,
            "images_ready": True,
            "trending_recipes": True,
            "plan_reminders": True,
        },
        "quiet_hours": None,
        "time_zone": "America/Mexico_City",
        "language": "es",
        "reminder_lead_days": 2,
    }
    changed = client.put(
        "/api/notifications/preferences",
        json={
            "types": {"images_ready": False},
            "quiet_hours": {"start": "22:30", "end": "07:00"},
            "time_zone": "Europe/Madrid",
            "language": "en",
            "reminder_lead_days": 0,
        },
        headers=auth_headers,
    )
    assert changed.status_code == 200
    read = client.get("/api/notifications/preferences", headers=auth_headers).json
    assert read == changed.json
    assert read["types"]["images_ready"] is False and read["types"]["expiry_reminders"] is True
    assert read["quiet_hours"] == {"start": "22:30", "end": "07:00"}
    assert (read["time_zone"], read["language"], read["reminder_lead_days"]) == (
        "Europe/Madrid",
        "en",
        0,
    )
    off = client.put(
        "/api/notifications/preferences", json={"quiet_hours": None}, headers=auth_headers
    )
    assert off.json["quiet_hours"] is None and off.json["time_zone"] == "Europe/Madrid"


@pytest.mark.parametrize(
    "body",
    [
        {"time_zone": "Mars/Olympus"},
        {"time_zone": "../../etc/passwd"},
        {"time_zone": "+02:00"},
        {"language": "fr"},
        {"reminder_lead_days": 8},
        {"reminder_lead_days": -1},
        {"reminder_lead_days": "3"},
        {"quiet_hours": {"start": "24:00", "end": "07:00"}},
        {"quiet_hours": {"start": "7:00", "end": "08:00"}},
        {"quiet_hours": {"start": "22:00"}},
        {"quiet_hours": {"start": "22:00", "end": "22:00"}},
        {"types": {"images_ready": "sometimes"}},
        {"time_zone": "Europe/Madrid", "language": "de"},  # one bad field: nothing changes
    ],
)
def test_bad_preferences_are_refused_and_nothing_changes(
    client: Any, app: Any, auth_headers: Any, body: dict[str, Any]
) -> None:
    response = client.put("/api/notifications/preferences", json=body, headers=auth_headers)
    assert response.status_code == 400, response.json
    assert _rows(app, "SELECT user_uid FROM notification_preferences") == []


def _notify(app: Any, uid: str, n: int) -> list[int]:
    notifier = _services(app).notifications.notifier
    return [
        notifier.notify(uid, "recipe_suggestions", f"Idea {i}", "Cook it", {"k": "v"}).id
        for i in range(n)
    ]


def test_the_inbox_pages_newest_first_with_the_unread_count(
    client: Any, app: Any, user: Any, auth_headers: Any
) -> None:
    ids = _notify(app, user["user"]["uid"], 5)
    first = client.get("/api/notifications?per_page=2", headers=auth_headers)
    assert first.status_code == 200
    body = first.json
    assert (body["total"], body["unread_count"], body["page"], body["per_page"]) == (5, 5, 1, 2)
    assert [n["id"] for n in body["notifications"]] == [ids[4], ids[3]]
    assert body["notifications"][0]["read"] is False and body["notifications"][0]["data"] == {
        "k": "v"
    }
    last = client.get("/api/notifications?per_page=2&page=3", headers=auth_headers).json
    assert [n["id"] for n in last["notifications"]] == [ids[0]]


def test_read_read_all_and_delete(client: Any, app: Any, user: Any, auth_headers: Any) -> None:
    ids = _notify(app, user["user"]["uid"], 3)
    assert client.post(f"/api/notifications/{ids[0]}/read", headers=auth_headers).status_code == 200
    inbox = client.get("/api/notifications", headers=auth_headers).json
    assert inbox["unread_count"] == 2
    assert next(n for n in inbox["notifications"] if n["id"] == ids[0])["read"] is True
    read_all = client.post("/api/notifications/read-all", headers=auth_headers)
    assert read_all.status_code == 200 and read_all.json == {"marked": 2, "unread_count": 0}
    assert client.get("/api/notifications", headers=auth_headers).json["unread_count"] == 0
    assert client.delete(f"/api/notifications/{ids[1]}", headers=auth_headers).status_code == 200
    left = client.get("/api/notifications", headers=auth_headers).json
    assert sorted(n["id"] for n in left["notifications"]) == [ids[0], ids[2]]
    assert client.delete(f"/api/notifications/{ids[1]}", headers=auth_headers).status_code == 404


def test_another_users_notifications_are_404_and_untouched(
    client: Any, app: Any, user: Any, auth_headers: Any, other_headers: Any
) -> None:
    (mine,) = _notify(app, user["user"]["uid"], 1)
    assert client.post(f"/api/notifications/{mine}/read", headers=other_headers).status_code == 404
    assert client.delete(f"/api/notifications/{mine}", headers=other_headers).status_code == 404
    assert client.post("/api/notifications/read-all", headers=other_headers).json["marked"] == 0
    assert client.get("/api/notifications", headers=other_headers).json["total"] == 0
    inbox = client.get("/api/notifications", headers=auth_headers).json
    assert inbox["unread_count"] == 1 and inbox["notifications"][0]["id"] == mine


@pytest.mark.parametrize("query", ["page=0", "per_page=101", "per_page=x"])
def test_a_bad_page_is_400(client: Any, auth_headers: Any, query: str) -> None:
    assert client.get(f"/api/notifications?{query}", headers=auth_headers).status_code == 400


def test_without_firebase_a_notification_is_kept_in_the_inbox_only(
    client: Any, app: Any, user: Any, auth_headers: Any
) -> None:
    _subscribe(client, auth_headers)
    (nid,) = _notify(app, user["user"]["uid"], 1)
    state = _rows(app, "SELECT push_state FROM notifications WHERE id = :i", i=nid)
    assert state[0][0] == "inbox"
