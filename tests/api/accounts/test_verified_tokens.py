"""The per-app cache of verified access tokens (security.VerifiedTokens): a cached token is
still refused once it expires or is revoked, another app (other keys) never sees it, and a
token altered by one character is verified on its own."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.interface.http.security import VERIFIED_TOKENS, VerifiedTokens, key_id

PROFILE = "/api/user/profile"
SECRET, OTHER = "cache-secret-" + "c" * 40, "other-secret-" + "d" * 40


@pytest.fixture
def build(tmp_path: Path, sqlite_url: str) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    apps: list[Any] = []

    def make(secret: str) -> Any:
        settings = make_settings(tmp_path, database_url=sqlite_url, jwt_secret_key=secret)
        apps.append(create_app(settings))
        return apps[-1]

    yield make
    for app in apps:
        app.extensions["zerowaste.engine"].dispose()


def _token(user: dict[str, Any], secret: str, **changes: Any) -> str:
    claims = pyjwt.decode(user["access_token"], secret, algorithms=["HS256"])
    claims.update(changes)
    return pyjwt.encode(claims, secret, algorithm="HS256", headers={"kid": key_id(secret)})


def test_a_cached_token_is_refused_once_it_expires(build) -> None:  # type: ignore[no-untyped-def]
    app = build(SECRET)
    client = app.test_client()
    user = signup(client)
    expires = int(time.time()) + 2
    short = _token(user, SECRET, exp=expires)
    assert client.get(PROFILE, headers=bearer(short)).status_code == 200
    assert short in app.extensions[VERIFIED_TOKENS]._found  # served from the cache from now on
    assert client.get(PROFILE, headers=bearer(short)).status_code == 200
    time.sleep(max(0.0, expires - time.time()) + 0.1)
    response = client.get(PROFILE, headers=bearer(short))
    assert response.status_code == 401 and response.json["code"] == "token_expired"


def test_a_cached_token_is_refused_once_revoked(build) -> None:  # type: ignore[no-untyped-def]
    client = build(SECRET).test_client()
    user = signup(client)
    headers = bearer(user["access_token"])
    assert client.get(PROFILE, headers=headers).status_code == 200
    assert client.post("/api/auth/logout", headers=headers).status_code == 200
    response = client.get(PROFILE, headers=headers)
    assert response.status_code == 401 and response.json["code"] == "token_revoked"


def test_another_app_with_other_keys_refuses_a_token_this_one_cached(build) -> None:  # type: ignore[no-untyped-def]
    first = build(SECRET).test_client()
    user = signup(first)
    assert first.get(PROFILE, headers=bearer(user["access_token"])).status_code == 200
    response = build(OTHER).test_client().get(PROFILE, headers=bearer(user["access_token"]))
    assert response.status_code == 401 and response.json["code"] == "invalid_token"


def test_a_token_altered_after_caching_is_verified_and_refused(build) -> None:  # type: ignore[no-untyped-def]
    client = build(SECRET).test_client()
    user = signup(client)
    token = user["access_token"]
    assert client.get(PROFILE, headers=bearer(token)).status_code == 200
    head, body, signature = token.split(".")
    forged_body = pyjwt.utils.base64url_encode(
        pyjwt.utils.base64url_decode(body).replace(b'"sub":"', b'"sub":"x')
    ).decode()
    response = client.get(PROFILE, headers=bearer(f"{head}.{forged_body}.{signature}"))
    assert response.status_code == 401 and response.json["code"] == "invalid_token"


def test_the_cache_is_bounded_and_starts_again_empty() -> None:
    cache = VerifiedTokens()
    future = {"exp": time.time() + 600}
    for n in range(VerifiedTokens.MAX):
        cache.put(f"t{n}", {}, future)
    assert len(cache._found) == VerifiedTokens.MAX
    cache.put(uuid.uuid4().hex, {}, future)
    assert len(cache._found) == 1
