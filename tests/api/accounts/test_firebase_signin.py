"""POST /api/auth/firebase-signin through the real app and firebase-admin, with locally minted
ID tokens and Google's certificate endpoint served by `responses` (TESTING_INTEGRATIONS.md §2).
Runs on SQLite and MariaDB.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import responses
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.fakes import firebase as ft

pytestmark = pytest.mark.api

URL = "/api/auth/firebase-signin"


@pytest.fixture
def settings(tmp_path, db_url):
    return make_settings(tmp_path, database_url=db_url, firebase_project_id=ft.PROJECT)


@pytest.fixture(autouse=True)
def google() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rm:
        ft.serve_certs(rm)
        yield rm


def _signin(client: Any, token: str) -> Any:
    return client.post(URL, headers={**bearer(token), "User-Agent": "ZeroWaste/1.0 (Android 14)"})


def _without_request_id(body: dict[str, Any]) -> dict[str, Any]:
    assert body["request_id"]
    return {k: v for k, v in body.items() if k != "request_id"}


def _rows(app: Any, sql: str, **params: Any) -> list[Any]:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return list(conn.execute(text(sql), params))


def test_a_valid_id_token_signs_in_and_answers_the_token_pair(client):
    token = ft.mint(
        "fb-ana",
        email="ana@example.com",
        name="Ana Torres",
        picture="https://example.com/ana.png",
    )

    response = _signin(client, token)

    assert response.status_code == 200, response.json
    body = response.json
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 1800
    assert body["access_token"] and body["refresh_token"]
    assert body["user"] == {
        "uid": "fb-ana",
        "email": "ana@example.com",
        "name": "Ana Torres",
        "photo_url": "https://example.com/ana.png",
        "email_verified": True,
        "auth_provider": "firebase:password",
    }
    profile = client.get("/api/user/profile", headers=bearer(body["access_token"]))
    assert profile.status_code == 200
    assert profile.json["email"] == "ana@example.com"


def test_signing_in_again_reuses_the_same_account(client, app):
    first = _signin(client, ft.mint("fb-ana", email="ana@example.com"))
    second = _signin(client, ft.mint("fb-ana", email="ana@example.com", issued_ago=5))

    assert second.status_code == 200
    assert second.json["user"]["uid"] == first.json["user"]["uid"] == "fb-ana"
    assert _rows(app, "SELECT uid FROM users WHERE firebase_uid = :f", f="fb-ana") == [("fb-ana",)]
    sessions = _rows(app, "SELECT id FROM auth_sessions WHERE user_uid = 'fb-ana'")
    assert len(sessions) == 2


def test_a_new_firebase_uid_with_a_local_accounts_email_gets_its_own_account(client, app):
    local = signup(client, email="ana@example.com")
    local_uid = local["user"]["uid"]
    before = _rows(
        app, "SELECT email, auth_provider, firebase_uid FROM users WHERE uid = :u", u=local_uid
    )

    response = _signin(
        client, ft.mint("fb-intruder", email="ana@example.com", email_verified=False)
    )

    assert response.status_code == 200
    assert response.json["user"]["uid"] == "fb-intruder" != local_uid
    after = _rows(
        app, "SELECT email, auth_provider, firebase_uid FROM users WHERE uid = :u", u=local_uid
    )
    assert after == before == [("ana@example.com", "local", None)]
    assert _rows(app, "SELECT user_uid FROM local_credentials WHERE email = 'ana@example.com'") == [
        (local_uid,)
    ]
    login = client.post(
        "/api/auth/login", json={"email": "ana@example.com", "password": local["password"]}
    )
    assert login.json["user"]["uid"] == local_uid


def test_an_expired_id_token_is_401_token_has_expired(client):
    response = _signin(client, ft.mint(issued_ago=7200, lifetime=3600))

    assert response.status_code == 401
    assert _without_request_id(response.json) == {
        "error": "Token has expired",
        "code": "token_expired",
    }


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: ft.mint(audience="another-project"), id="wrong-audience"),
        pytest.param(lambda: ft.mint(key=ft.attacker_key()), id="wrong-signature"),
    ],
)
def test_a_forged_id_token_is_401_invalid_token(client, app, token):
    response = _signin(client, token())

    assert response.status_code == 401
    assert _without_request_id(response.json) == {"error": "Invalid token", "code": "invalid_token"}
    assert _rows(app, "SELECT uid FROM users") == []


def test_no_authorization_header_is_401(client):
    response = client.post(URL)

    assert response.status_code == 401
    assert _without_request_id(response.json) == {
        "error": "Authorization token is required",
        "code": "authorization_required",
    }


def test_a_password_account_without_email_is_400(client, app):
    response = _signin(client, ft.mint("fb-no-email", provider="password", email=None))

    assert response.status_code == 400
    assert response.json["code"] == "email_required"
    assert response.json["error"] == "The ID token carries no email"
    assert _rows(app, "SELECT uid FROM users") == []


def test_an_anonymous_account_without_email_signs_in(client):
    response = _signin(client, ft.mint("fb-anon", provider="anonymous", email=None))

    assert response.status_code == 200
    assert response.json["user"] == {
        "uid": "fb-anon",
        "email": None,
        "name": None,
        "photo_url": None,
        "email_verified": False,
        "auth_provider": "firebase:anonymous",
    }
