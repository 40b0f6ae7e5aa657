"""Nothing in a web process is state another one misses (issue #15 §3): two real Gunicorn
instances on one database and one Redis, every step alternating between them (A, B, A, B),
as Nginx's least_conn upstream would send a client's requests to compose's api replicas.

Sign up on A and use the token on B; a list cached by B sees A's write; a logout on A is
refused on B (the blacklist is shared); the sign-in limit (5 a minute per IP) is counted once
across both; an Idempotency-Key replays across instances; a signed file URL from A opens on B.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.images import picture
from tests.served import gunicorn
from tests.servers.redis import PrivateRedis, private_redis

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.xdist_group("servers")]

PASSWORD = "correct-horse-9"
ADD = "/api/inventory/ingredients"


def line(name: str) -> dict[str, Any]:
    return {"name": name, "quantity": 1, "type_unit": "unidades", "storage_type": "Ambiente"}


@pytest.fixture
def instances(tmp_path: Path, sqlite_url: str) -> Iterator[tuple[str, str]]:
    """Two Gunicorns (one worker each) on one SQLite file, one private Redis (cache, limiter,
    blacklist) and one var dir (stored files), with the production rate limits on."""
    with ExitStack() as stack:
        redis_server: PrivateRedis = stack.enter_context(private_redis(tmp_path))
        env = {"REDIS_URL": redis_server.url, "RATELIMIT_ENABLED": "1", "GUNICORN_WORKERS": "1"}
        a = stack.enter_context(gunicorn(tmp_path, sqlite_url, **env))
        b = stack.enter_context(gunicorn(tmp_path, sqlite_url, **env))
        yield a, b


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def names(base: str, token: str) -> list[str]:
    reply = requests.get(f"{base}/api/inventory", headers=bearer(token), timeout=30)
    assert reply.status_code == 200, reply.text
    return sorted(item["name"] for item in reply.json()["ingredients"])


def test_requests_alternating_between_two_instances_see_one_state(
    instances: tuple[str, str],
) -> None:
    a, b = instances
    email = f"two-{uuid.uuid4().hex[:8]}@example.com"
    signed_up = requests.post(
        f"{a}/api/auth/signup",
        json={"email": email, "password": PASSWORD, "name": "Ana"},
        timeout=30,
    )
    assert signed_up.status_code == 201, signed_up.text
    token = signed_up.json()["access_token"]
    assert requests.get(f"{b}/api/user/profile", headers=bearer(token), timeout=30).ok

    # The cache: B renders and caches the list, A writes, B's next list has A's write.
    added = requests.post(f"{a}{ADD}", json={"ingredients": [line("Leche")]},
                          headers=bearer(token), timeout=30)  # fmt: skip
    assert added.status_code == 201, added.text
    assert names(b, token) == ["Leche"]
    assert names(b, token) == ["Leche"]  # served from the cache now
    requests.post(f"{a}{ADD}", json={"ingredients": [line("Pan")]}, headers=bearer(token),
                  timeout=30).raise_for_status()  # fmt: skip
    assert names(b, token) == ["Leche", "Pan"]

    # Idempotency: a retry on the other instance replays the first answer, adds nothing.
    keyed = bearer(token) | {"Idempotency-Key": f"two-{uuid.uuid4().hex}"}
    body = {"ingredients": [line("Arroz")]}
    first = requests.post(f"{a}{ADD}", json=body, headers=keyed, timeout=30)
    retry = requests.post(f"{b}{ADD}", json=body, headers=keyed, timeout=30)
    assert first.status_code == retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true" and retry.json() == first.json()
    assert names(a, token) == ["Arroz", "Leche", "Pan"]

    # A signed file URL handed out by A opens on B (one file store, one signing key).
    uploaded = requests.post(
        f"{a}/api/inventory/upload_image",
        files={"image": ("photo.png", picture("PNG"), "image/png")},
        data={"item_name": "scan_1718000000000_0"},
        headers=bearer(token),
        timeout=60,
    )
    assert uploaded.status_code == 201, uploaded.text
    signed = uploaded.json()["image"]["image_path"]
    path = signed.split("://", 1)[1].split("/", 1)[1]
    served = requests.get(f"{b}/{path}", timeout=30)
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"

    # The blacklist: a logout on A revokes the token on B.
    assert requests.post(f"{a}/api/auth/logout", headers=bearer(token), timeout=30).ok
    refused = requests.get(f"{b}/api/user/profile", headers=bearer(token), timeout=30)
    assert refused.status_code == 401, refused.text

    # The sign-in limit is counted once across both: the signup above was the first of 5.
    attempts = [
        requests.post(f"{base}/api/auth/login", json={"email": email, "password": "wrong-pass-1"},
                      timeout=30).status_code
        for base in (b, a, b, a)
    ]  # fmt: skip
    assert attempts == [401] * 4
    sixth = requests.post(f"{b}/api/auth/login", json={"email": email, "password": PASSWORD},
                          timeout=30)  # fmt: skip
    assert sixth.status_code == 429 and sixth.json()["code"] == "rate_limited"
