"""JWT secret rotation: with JWT_SECRET_KEY_PREVIOUS set to the old key, tokens the old key
signed keep working until they expire while new tokens are signed with the new key; without
it (or for any other key) they are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.config import ConfigError, Settings
from zerowaste.interface.http.security import key_id

PROFILE = "/api/user/profile"
OLD, NEW = "old-secret-" + "a" * 40, "new-secret-" + "b" * 40


@pytest.fixture
def build(tmp_path: Path, sqlite_url: str) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    apps: list[Any] = []

    def make(secret: str, previous: str = "") -> Any:
        settings = make_settings(
            tmp_path, database_url=sqlite_url, jwt_secret_key=secret,
            jwt_secret_key_previous=previous,
        )  # fmt: skip
        apps.append(create_app(settings))
        return apps[-1].test_client()

    yield make
    for app in apps:
        app.extensions["zerowaste.engine"].dispose()


def test_old_tokens_verify_with_the_previous_key_and_new_ones_use_the_new_key(build) -> None:  # type: ignore[no-untyped-def]
    before = build(OLD)
    user = signup(before)
    assert pyjwt.get_unverified_header(user["access_token"])["kid"] == key_id(OLD)
    assert before.get(PROFILE, headers=bearer(user["access_token"])).status_code == 200

    rotated = build(NEW, previous=OLD)
    assert rotated.get(PROFILE, headers=bearer(user["access_token"])).status_code == 200
    refreshed = rotated.post("/api/auth/refresh", headers=bearer(user["refresh_token"]))
    assert refreshed.status_code == 200, refreshed.json
    fresh = refreshed.json["access_token"]
    assert pyjwt.get_unverified_header(fresh)["kid"] == key_id(NEW)
    pyjwt.decode(fresh, NEW, algorithms=["HS256"])  # signed with the new key
    with pytest.raises(pyjwt.InvalidSignatureError):
        pyjwt.decode(fresh, OLD, algorithms=["HS256"])
    assert rotated.get(PROFILE, headers=bearer(fresh)).status_code == 200

    # Once the previous key is dropped, the old tokens stop verifying; the new ones do not.
    after = build(NEW)
    response = after.get(PROFILE, headers=bearer(user["access_token"]))
    assert response.status_code == 401 and response.json["code"] == "invalid_token"
    assert after.get(PROFILE, headers=bearer(fresh)).status_code == 200


def test_a_token_naming_the_previous_key_but_signed_otherwise_is_refused(build) -> None:  # type: ignore[no-untyped-def]
    user = signup(build(OLD))
    claims = pyjwt.decode(user["access_token"], OLD, algorithms=["HS256"])
    forged = pyjwt.encode(claims, "x" * 48, algorithm="HS256", headers={"kid": key_id(OLD)})
    response = build(NEW, previous=OLD).get(PROFILE, headers=bearer(forged))
    assert response.status_code == 401 and response.json["code"] == "invalid_token"


def test_the_previous_key_must_differ_and_be_long_enough_in_production(tmp_path: Path) -> None:
    common: dict[str, Any] = {
        "env": "production",
        "cors_origins": ("https://a.example",),
        "database_url": "mysql+pymysql://u@db/zerowaste",
    }
    with pytest.raises(ConfigError, match="must differ"):
        Settings(jwt_secret_key=NEW, jwt_secret_key_previous=NEW, **common).validated()
    with pytest.raises(ConfigError, match="at least 32"):
        Settings(jwt_secret_key=NEW, jwt_secret_key_previous="short", **common).validated()
