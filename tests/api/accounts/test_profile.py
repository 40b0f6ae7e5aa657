"""GET/PUT/PATCH/DELETE /api/user/profile with the mobile client's maps (MOBILE_CONTRACT A#4/#5).

Persistence, ownership and account deletion run on SQLite and MariaDB (`db_url`); pure
validation cases run on SQLite only (they are rejected before the database is touched).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app

pytestmark = pytest.mark.api

URL = "/api/user/profile"
CLIENT_KEYS = {
    "uid",
    "displayName",
    "email",
    "photoURL",
    "emailVerified",
    "authProvider",
    "language",
    "cookingLevel",
    "measurementUnit",
    "allergies",
    "allergyItems",
    "preferredFoodTypes",
    "specialDietItems",
    "favoriteRecipes",
    "initialPreferencesCompleted",
    "createdAt",
    "lastLoginAt",
}
# A#5 as the client's settings screen sends it: camelCase, objects in allergyItems, extras.
CLIENT_PUT = {
    "displayName": "Lucía Pérez",
    "email": "ignored-change@example.com",
    "photoURL": "https://cdn.example.com/u/lucia.png",
    "language": "en",
    "cookingLevel": "advanced",
    "measurementUnit": "imperial",
    "allergies": ["maní", "gluten"],
    "allergyItems": [{"name": "Mariscos", "severity": "high"}, {"name": "Lactosa"}],
    "preferredFoodTypes": ["vegetariana", "mediterránea"],
    "specialDietItems": ["sin azúcar"],
    "favoriteRecipes": ["recipe-1", "recipe-2"],
    "initialPreferencesCompleted": True,
    "prefs": {"theme": "dark", "notifications": {"expiry": True}},
    "deviceLocale": "es_PE",  # unknown to the server: accepted and ignored
    "lastSyncedAt": 1732233600000,
}


@pytest.fixture
def db_client(tmp_path: Any, db_url: str) -> Iterator[Any]:
    """The app on the parametrized database (SQLite and MariaDB)."""
    app = create_app(make_settings(tmp_path, database_url=db_url))
    client = app.test_client()
    client.application = app
    yield client
    app.extensions["zerowaste.engine"].dispose()


def _get(client: Any, headers: dict[str, str]) -> dict[str, Any]:
    response = client.get(URL, headers=headers)
    assert response.status_code == 200, response.json
    return dict(response.json)


def _rows(client: Any, uid: str) -> dict[str, int]:
    engine = client.application.extensions["zerowaste.engine"]
    queries = {
        "users": "SELECT COUNT(*) FROM users WHERE uid = :uid",
        "local_credentials": "SELECT COUNT(*) FROM local_credentials WHERE user_uid = :uid",
        "auth_sessions": "SELECT COUNT(*) FROM auth_sessions WHERE user_uid = :uid",
    }
    with engine.connect() as conn:
        return {
            name: conn.execute(text(sql), {"uid": uid}).scalar_one()
            for name, sql in queries.items()
        }


def test_get_returns_every_key_the_client_reads_with_new_user_defaults(client):
    account = signup(client)
    body = _get(client, bearer(account["access_token"]))

    assert set(body) >= CLIENT_KEYS
    assert body["uid"] == account["user"]["uid"]
    assert body["displayName"] == "Ana"
    assert body["email"] == account["email"]
    assert body["photoURL"] is None
    assert body["emailVerified"] is False
    assert body["authProvider"] == "local"
    assert (body["language"], body["cookingLevel"], body["measurementUnit"]) == (
        "es",
        "beginner",
        "metric",
    )
    for key in (
        "allergies",
        "allergyItems",
        "preferredFoodTypes",
        "specialDietItems",
        "favoriteRecipes",
    ):
        assert body[key] == [], key
    assert body["initialPreferencesCompleted"] is False
    for key in ("createdAt", "lastLoginAt"):
        assert datetime.fromisoformat(body[key]).utcoffset() is not None, key


def test_put_with_the_clients_camel_case_map_persists_and_ignores_extras(db_client):
    account = signup(db_client)
    headers = bearer(account["access_token"])

    response = db_client.put(URL, json=CLIENT_PUT, headers=headers)

    assert response.status_code == 200, response.json
    assert response.json["message"] == "Profile updated"
    assert response.json["profile"]["displayName"] == "Lucía Pérez"
    stored = _get(db_client, headers)
    assert stored["displayName"] == "Lucía Pérez"
    assert stored["photoURL"] == "https://cdn.example.com/u/lucia.png"
    assert (stored["language"], stored["cookingLevel"], stored["measurementUnit"]) == (
        "en",
        "advanced",
        "imperial",
    )
    assert stored["allergies"] == ["maní", "gluten"]
    assert stored["allergyItems"] == [{"name": "Mariscos", "severity": "high"}, {"name": "Lactosa"}]
    assert stored["preferredFoodTypes"] == ["vegetariana", "mediterránea"]
    assert stored["specialDietItems"] == ["sin azúcar"]
    assert stored["favoriteRecipes"] == ["recipe-1", "recipe-2"]
    assert stored["initialPreferencesCompleted"] is True
    assert stored["prefs"] == {"theme": "dark", "notifications": {"expiry": True}}
    assert stored["email"] == account["email"]  # the login email is not changed through the profile
    assert "deviceLocale" not in stored and "lastSyncedAt" not in stored


def test_patch_with_snake_case_keys_changes_only_what_was_sent(db_client):
    headers = bearer(signup(db_client)["access_token"])
    assert db_client.put(URL, json=CLIENT_PUT, headers=headers).status_code == 200

    response = db_client.patch(
        URL,
        json={
            "name": "Lu",
            "photo_url": None,
            "cooking_level": "intermediate",
            "allergies": [{"name": "soya"}],
        },
        headers=headers,
    )

    assert response.status_code == 200, response.json
    stored = _get(db_client, headers)
    assert stored["displayName"] == "Lu"
    assert stored["photoURL"] is None
    assert stored["cookingLevel"] == "intermediate"
    assert stored["allergies"] == [{"name": "soya"}]
    # Everything not sent keeps the PUT's values.
    assert stored["language"] == "en"
    assert stored["allergyItems"] == CLIENT_PUT["allergyItems"]
    assert stored["favoriteRecipes"] == ["recipe-1", "recipe-2"]
    assert stored["initialPreferencesCompleted"] is True


def test_prefs_are_merged_key_by_key(db_client):
    headers = bearer(signup(db_client)["access_token"])
    assert db_client.put(URL, json={"prefs": {"a": 1, "b": 2}}, headers=headers).status_code == 200

    assert (
        db_client.patch(URL, json={"prefs": {"b": 3, "c": "x"}}, headers=headers).status_code == 200
    )

    assert _get(db_client, headers)["prefs"] == {"a": 1, "b": 3, "c": "x"}


def test_a_rejected_update_changes_nothing(db_client):
    headers = bearer(signup(db_client)["access_token"])
    before = _get(db_client, headers)

    response = db_client.put(
        URL, json={"measurementUnit": "imperial", "cookingLevel": "chef"}, headers=headers
    )

    assert response.status_code == 400
    assert response.json["code"] == "validation_error"
    assert set(response.json["details"]) == {"cookingLevel"}
    assert _get(db_client, headers) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"language": 5}, "language"),
        ({"language": "fr"}, "language"),
        ({"language": None}, "language"),
        ({"cookingLevel": "chef"}, "cookingLevel"),
        ({"measurementUnit": "cups"}, "measurementUnit"),
        ({"allergies": "x"}, "allergies"),
        ({"allergies": ["peanut"] * 51}, "allergies"),
        ({"allergies": [{"severity": "high"}]}, "allergies"),
        ({"allergies": [{"name": {"nested": "object"}}]}, "allergies"),
        ({"allergyItems": ["z" * 10_000]}, "allergyItems"),
        ({"allergyItems": [{"name": "z" * 10_000}]}, "allergyItems"),
        ({"allergyItems": [{"name": "Maní", "k" * 10_000: 1}]}, "allergyItems"),
        ({"preferredFoodTypes": ["vegana"] * 51}, "preferredFoodTypes"),
        ({"specialDietItems": ["y" * 10_000]}, "specialDietItems"),
        ({"favoriteRecipes": "recipe-1"}, "favoriteRecipes"),
        ({"displayName": "n" * 10_000}, "displayName"),
        ({"name": ""}, "name"),
        ({"photoURL": "p" * 10_000}, "photoURL"),
        ({"initialPreferencesCompleted": "maybe"}, "initialPreferencesCompleted"),
        ({"prefs": {"note": "v" * 10_000}}, "prefs"),
        ({"prefs": ["not", "a", "map"]}, "prefs"),
    ],
)
def test_invalid_field_is_400_naming_the_field_as_sent_and_nothing_changes(client, change, field):
    headers = bearer(signup(client)["access_token"])
    before = _get(client, headers)

    response = client.patch(URL, json={"measurementUnit": "imperial", **change}, headers=headers)

    assert response.status_code == 400, response.json
    assert response.json["code"] == "validation_error"
    assert response.json["error"] == "Invalid request"
    assert list(response.json["details"]) == [field]
    assert _get(client, headers) == before


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"json": {}},
        {"data": "", "content_type": "application/json"},
        {"json": {"deviceLocale": "es_PE"}},  # only keys the server does not know
    ],
    ids=["no-body", "empty-object", "empty-json-body", "only-unknown-keys"],
)
def test_an_update_with_nothing_to_change_is_400(client, kwargs):
    headers = bearer(signup(client)["access_token"])

    response = client.put(URL, headers=headers, **kwargs)

    assert response.status_code == 400
    assert response.json["code"] == "empty_update"
    assert response.json["error"] == "Nothing to update"


def test_a_json_array_body_is_400(client):
    headers = bearer(signup(client)["access_token"])

    response = client.put(URL, json=[{"language": "en"}], headers=headers)

    assert response.status_code == 400
    assert response.json == {
        "error": "A JSON object is expected",
        "code": "bad_request",
        "request_id": response.headers["X-Request-ID"],
    }


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_profile_routes_need_a_token(client, method):
    response = getattr(client, method)(URL, json={"language": "en"})

    assert response.status_code == 401
    assert response.json["error"] == "Authorization token is required"
    assert response.json["code"] == "authorization_required"


def test_another_user_cannot_change_my_profile(db_client):
    mine = bearer(signup(db_client)["access_token"])
    theirs = bearer(signup(db_client)["access_token"])
    assert (
        db_client.put(
            URL, json={"language": "pt", "allergies": ["huevo"]}, headers=mine
        ).status_code
        == 200
    )
    before = _get(db_client, mine)

    response = db_client.put(URL, json={"language": "en", "displayName": "Mallory"}, headers=theirs)

    assert response.status_code == 200
    assert response.json["displayName"] == "Mallory"
    assert _get(db_client, mine) == before
    assert _get(db_client, theirs)["uid"] != before["uid"]


def test_delete_removes_the_account_its_sessions_and_nothing_else(db_client):
    account = signup(db_client)
    uid = account["user"]["uid"]
    bystander = signup(db_client)
    second = db_client.post(
        "/api/auth/login", json={"email": account["email"], "password": account["password"]}
    )
    assert second.status_code == 200
    assert (
        db_client.put(URL, json=CLIENT_PUT, headers=bearer(account["access_token"])).status_code
        == 200
    )
    assert _rows(db_client, uid) == {"users": 1, "local_credentials": 1, "auth_sessions": 2}

    response = db_client.delete(URL, headers=bearer(account["access_token"]))

    assert response.status_code == 200
    assert response.json == {"message": "Account deleted"}
    assert _rows(db_client, uid) == {"users": 0, "local_credentials": 0, "auth_sessions": 0}
    for token in (account["access_token"], second.json["access_token"]):
        gone = db_client.get(URL, headers=bearer(token))
        assert gone.status_code == 401
        assert gone.json["code"] == "token_revoked"
    refreshed = db_client.post("/api/auth/refresh", headers=bearer(account["refresh_token"]))
    assert refreshed.status_code == 401
    login = db_client.post(
        "/api/auth/login", json={"email": account["email"], "password": account["password"]}
    )
    assert login.status_code == 401
    assert login.json["error"] == "Invalid email or password"
    # Other users keep everything.
    assert _rows(db_client, bystander["user"]["uid"]) == {
        "users": 1,
        "local_credentials": 1,
        "auth_sessions": 1,
    }
    assert _get(db_client, bearer(bystander["access_token"]))["email"] == bystander["email"]


def test_the_email_of_a_deleted_account_can_sign_up_again_as_a_new_user(db_client):
    account = signup(db_client)
    assert db_client.delete(URL, headers=bearer(account["access_token"])).status_code == 200

    again = signup(db_client, email=account["email"])

    assert again["user"]["uid"] != account["user"]["uid"]
    assert _get(db_client, bearer(again["access_token"]))["allergies"] == []
