"""Our own tokens through the HTTP API, on SQLite and MariaDB: rotation and reuse detection,
logout, sessions, expiry, tampered and alg-none tokens, local and guest accounts.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from flask_jwt_extended import create_access_token
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings

pytestmark = pytest.mark.api

PROFILE = "/api/user/profile"


@pytest.fixture
def settings(tmp_path, db_url):
    return make_settings(tmp_path, database_url=db_url)


def _without_request_id(body: dict[str, Any]) -> dict[str, Any]:
    assert body["request_id"]
    return {k: v for k, v in body.items() if k != "request_id"}


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _payload(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _refresh(client: Any, refresh_token: str) -> Any:
    return client.post("/api/auth/refresh", headers=bearer(refresh_token))


def _login(client: Any, user: dict[str, Any], agent: str) -> dict[str, Any]:
    response = client.post(
        "/api/auth/login",
        json={"email": user["email"], "password": user["password"]},
        headers={"User-Agent": agent},
    )
    assert response.status_code == 200, response.json
    return response.json


REVOKED = {"error": "Token has been revoked", "code": "token_revoked"}
INVALID = {"error": "Invalid token", "code": "invalid_token"}


def test_refresh_rotates_the_pair_and_reuse_revokes_the_family(client, user):
    rotated = _refresh(client, user["refresh_token"])
    assert rotated.status_code == 200
    pair = rotated.json
    assert pair["token_type"] == "Bearer" and pair["expires_in"] == 1800
    assert pair["refresh_token"] != user["refresh_token"]
    assert pair["access_token"] != user["access_token"]
    assert pair["user"]["uid"] == user["user"]["uid"]
    assert client.get(PROFILE, headers=bearer(pair["access_token"])).status_code == 200

    reused = _refresh(client, user["refresh_token"])
    assert reused.status_code == 401
    assert _without_request_id(reused.json) == {
        "error": "Token has been revoked",
        "code": "token_reused",
    }

    newest = _refresh(client, pair["refresh_token"])
    assert newest.status_code == 401
    assert _without_request_id(newest.json) == REVOKED
    newest_access = client.get(PROFILE, headers=bearer(pair["access_token"]))
    assert _without_request_id(newest_access.json) == REVOKED


def test_logout_revokes_the_access_token_and_the_refresh_token(client, app, user):
    headers = bearer(user["access_token"])
    assert _payload(user["access_token"])["jti"] == user["access_jti"]
    assert _payload(user["refresh_token"])["jti"] == user["refresh_jti"]
    assert client.get(PROFILE, headers=headers).status_code == 200

    response = client.post("/api/auth/logout", headers=headers)
    assert response.status_code == 200
    assert response.json == {"message": "Logged out", "tokens_revoked": True, "status": "success"}

    after = client.get(PROFILE, headers=headers)
    assert after.status_code == 401
    assert _without_request_id(after.json) == REVOKED
    with app.extensions["zerowaste.engine"].connect() as conn:
        keys = set(conn.execute(text("SELECT `key` FROM revoked_tokens")).scalars())
    assert keys == {user["access_jti"], f"sid:{_payload(user['access_token'])['sid']}"}
    refresh = _refresh(client, user["refresh_token"])
    assert refresh.status_code == 401
    assert _without_request_id(refresh.json) == REVOKED


def test_sessions_lists_two_logins_with_device_and_the_current_flag(client):
    user = signup(client)
    client.post("/api/auth/logout", headers=bearer(user["access_token"]))  # ends signup's session
    phone = _login(client, user, "ZeroWaste/1.0 (Android 14)")
    laptop = _login(client, user, "Mozilla/5.0 (X11; Linux)")

    response = client.get("/api/auth/sessions", headers=bearer(laptop["access_token"]))

    assert response.status_code == 200
    assert response.json["count"] == 2
    sessions = {s["id"]: s for s in response.json["sessions"]}
    laptop_sid = _payload(laptop["access_token"])["sid"]
    phone_sid = _payload(phone["access_token"])["sid"]
    assert set(sessions) == {laptop_sid, phone_sid}
    assert sessions[laptop_sid]["device"] == "Mozilla/5.0 (X11; Linux)"
    assert sessions[phone_sid]["device"] == "ZeroWaste/1.0 (Android 14)"
    assert (sessions[laptop_sid]["current"], sessions[phone_sid]["current"]) == (True, False)
    assert {"created_at", "last_used_at", "expires_at"} <= set(sessions[phone_sid])


def test_deleting_a_session_ends_it_and_another_users_session_is_404(client, app):
    user = signup(client)
    phone = _login(client, user, "Phone/1")
    laptop = _login(client, user, "Browser/2")
    phone_sid = _payload(phone["access_token"])["sid"]

    ended = client.delete(f"/api/auth/sessions/{phone_sid}", headers=bearer(laptop["access_token"]))

    assert ended.status_code == 200
    assert ended.json == {"message": "Session ended"}
    after = client.get(PROFILE, headers=bearer(phone["access_token"]))
    assert after.status_code == 401
    assert _without_request_id(after.json) == REVOKED
    assert client.get(PROFILE, headers=bearer(laptop["access_token"])).status_code == 200

    stranger = signup(client)
    laptop_sid = _payload(laptop["access_token"])["sid"]
    foreign = client.delete(
        f"/api/auth/sessions/{laptop_sid}", headers=bearer(stranger["access_token"])
    )
    assert foreign.status_code == 404
    assert _without_request_id(foreign.json) == {
        "error": "Session not found",
        "code": "session_not_found",
    }
    with app.extensions["zerowaste.engine"].connect() as conn:
        revoked_at = conn.execute(
            text("SELECT revoked_at FROM auth_sessions WHERE id = :s"), {"s": laptop_sid}
        ).scalar_one()
    assert revoked_at is None


def test_an_expired_access_token_is_401_token_has_expired(client, app, user):
    claims = _payload(user["access_token"])
    with app.app_context():
        expired = create_access_token(
            identity=claims["sub"],
            additional_claims={"sid": claims["sid"], "jti": uuid.uuid4().hex},
            expires_delta=timedelta(seconds=-1),
        )

    response = client.get(PROFILE, headers=bearer(expired))

    assert response.status_code == 401
    assert _without_request_id(response.json) == {
        "error": "Token has expired",
        "code": "token_expired",
    }


def test_a_tampered_token_is_401_invalid_token(client, user, other_headers):
    header, payload, signature = user["access_token"].split(".")
    claims = _payload(user["access_token"])
    stranger = _payload(other_headers["Authorization"].split()[1])
    forged = f"{header}.{_b64({**claims, 'sub': stranger['sub']})}.{signature}"
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]

    for token in (forged, f"{header}.{flipped}.{signature}"):
        response = client.get(PROFILE, headers=bearer(token))
        assert response.status_code == 401
        assert _without_request_id(response.json) == INVALID


def test_an_alg_none_token_is_401_invalid_token(client, user):
    claims = _payload(user["access_token"])
    now = int(time.time())
    token = (
        _b64({"alg": "none", "typ": "JWT"})
        + "."
        + _b64(
            {
                "sub": claims["sub"],
                "jti": uuid.uuid4().hex,
                "sid": claims["sid"],
                "type": "access",
                "iat": now,
                "nbf": now,
                "exp": now + 600,
            }
        )
        + "."
    )

    response = client.get(PROFILE, headers=bearer(token))

    assert response.status_code == 401
    assert _without_request_id(response.json) == INVALID


def test_a_refresh_token_is_not_an_access_token_and_vice_versa(client, user):
    as_access = client.get(PROFILE, headers=bearer(user["refresh_token"]))
    assert as_access.status_code == 401
    assert _without_request_id(as_access.json) == INVALID

    as_refresh = _refresh(client, user["access_token"])
    assert as_refresh.status_code == 401
    assert _without_request_id(as_refresh.json) == INVALID


def test_no_token_is_401_authorization_required(client):
    response = client.get(PROFILE)
    assert response.status_code == 401
    assert _without_request_id(response.json) == {
        "error": "Authorization token is required",
        "code": "authorization_required",
    }


def test_signup_with_a_short_password_is_400_with_details(client):
    response = client.post(
        "/api/auth/signup", json={"email": "short@example.com", "password": "seven77"}
    )

    assert response.status_code == 400
    assert response.json["code"] == "validation_error"
    assert list(response.json["details"]) == ["password"]
    login = client.post(
        "/api/auth/login", json={"email": "short@example.com", "password": "seven77"}
    )
    assert login.status_code == 401


def test_signup_with_a_taken_email_is_409(client, user):
    response = client.post(
        "/api/auth/signup", json={"email": user["email"].upper(), "password": "another-pass-1"}
    )
    assert response.status_code == 409
    assert response.json["code"] == "email_taken"


def test_wrong_password_and_unknown_email_answer_the_same(client, user):
    wrong = client.post("/api/auth/login", json={"email": user["email"], "password": "nope-nope-1"})
    unknown = client.post(
        "/api/auth/login", json={"email": "nobody@example.com", "password": user["password"]}
    )

    assert wrong.status_code == unknown.status_code == 401
    assert _without_request_id(wrong.json) == _without_request_id(unknown.json)
    assert _without_request_id(wrong.json) == {
        "error": "Invalid email or password",
        "code": "invalid_credentials",
    }


def test_a_guest_signs_up_with_its_token_and_keeps_its_uid(client, app):
    guest = client.post("/api/auth/guest")
    assert guest.status_code == 201
    assert guest.json["user"]["auth_provider"] == "guest"
    assert guest.json["user"]["email"] is None
    guest_uid = guest.json["user"]["uid"]

    upgraded = client.post(
        "/api/auth/signup",
        json={"email": "guest@example.com", "password": "correct-horse-9", "name": "Gus"},
        headers=bearer(guest.json["access_token"]),
    )

    assert upgraded.status_code == 201
    assert upgraded.json["user"]["uid"] == guest_uid
    assert upgraded.json["user"]["auth_provider"] == "local"
    assert upgraded.json["user"]["email"] == "guest@example.com"
    login = client.post(
        "/api/auth/login", json={"email": "guest@example.com", "password": "correct-horse-9"}
    )
    assert login.json["user"]["uid"] == guest_uid
    with app.extensions["zerowaste.engine"].connect() as conn:
        count = conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one()
    assert count == 1


@pytest.mark.parametrize("missing", ["exp", "iat", "jti"])
def test_a_validly_signed_token_without_a_required_claim_is_401(app, client, user, missing):
    """PyJWT checks `exp` only when it is there: a token without one would never expire."""
    import jwt as pyjwt

    claims = {k: v for k, v in _payload(user["access_token"]).items() if k != missing}
    token = pyjwt.encode(claims, app.config["JWT_SECRET_KEY"], algorithm="HS256")

    response = client.get(PROFILE, headers=bearer(token))

    assert response.status_code == 401
    assert _without_request_id(response.json) == INVALID
