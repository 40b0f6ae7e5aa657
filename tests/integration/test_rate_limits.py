"""Rate limits per endpoint group on in-process memory and on Redis, and the API keeps serving
(and limiting) when Redis is down.

Each test uses its own client IP so counters never collide with other tests sharing Redis.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import request
from flask_limiter import Limiter
from limits.storage import MemoryStorage

from tests.api.conftest import bearer
from tests.conftest import make_settings
from tests.served import call, gunicorn
from zerowaste.bootstrap import create_app
from zerowaste.interface.http.limits import WriteBudget

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("redis")]

DEAD_REDIS = "redis://127.0.0.1:1/0"
PROFILE = "/api/user/profile"
PASSWORD = "correct-horse-9"
LIMITER_DB_OFFSET = 8  # the worker's data database is 15 - N; its limiter database is 7 - N


@pytest.fixture
def limiter_redis_url(redis_url: str) -> str:
    """Redis for the limiter on its own database: other Redis tests flush theirs while these run
    (a flush would reset counters mid-test). Unique IPs and users keep tests apart here, and
    counters expire with their one-minute windows."""
    base, database = redis_url.rsplit("/", 1)
    return f"{base}/{(int(database) - LIMITER_DB_OFFSET) % 16}"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def storage(request: pytest.FixtureRequest) -> str | None:
    """Limiter storage: None = this process's memory, else the Redis URL."""
    return None if request.param == "memory" else str(request.getfixturevalue("limiter_redis_url"))


def random_ip() -> str:
    raw = uuid.uuid4().bytes
    return f"10.{raw[0]}.{raw[1]}.{raw[2] or 1}"


@pytest.fixture
def ip() -> str:
    return random_ip()


@pytest.fixture
def make_app(tmp_path, sqlite_url) -> Iterator[Callable[..., Any]]:
    """Apps on one shared SQLite file with limits on; keyword arguments change Settings."""
    apps: list[Any] = []

    def build(**changes: Any) -> Any:
        settings = make_settings(
            tmp_path, database_url=sqlite_url, ratelimit_enabled=True, **changes
        )
        app = create_app(settings)
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.extensions["zerowaste.engine"].dispose()


def _client(app: Any, ip: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    return client


def _signup(client: Any) -> dict[str, Any]:
    email = f"rl-{uuid.uuid4().hex[:10]}@example.com"
    response = client.post(
        "/api/auth/signup", json={"email": email, "password": PASSWORD, "name": "R"}
    )
    assert response.status_code == 201, response.json
    return {**response.json, "email": email}


def _login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return client.post("/api/auth/login", json={"email": email, "password": password})


def _assert_429(response: Any) -> None:
    assert response.status_code == 429
    assert response.json["error"] == "Rate limit exceeded"
    assert response.json["code"] == "rate_limited"
    assert response.json["request_id"] == response.headers["X-Request-ID"]
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_sixth_sign_in_attempt_from_one_ip_is_429_by_default(make_app, storage, ip):
    app = make_app(redis_url=storage)
    email = _signup(_client(app, random_ip()))["email"]  # created from another address
    client = _client(app, ip)

    attempts = [_login(client, email, "wrong-password-1").status_code for _ in range(5)]
    sixth = _login(client, email)  # even the right password is refused now

    assert attempts == [401] * 5
    _assert_429(sixth)
    assert _login(_client(app, random_ip()), email).status_code == 200  # per IP, not global


def test_sign_in_routes_share_one_budget(make_app, storage, ip):
    client = _client(make_app(redis_url=storage, ratelimit_auth="3/minute"), ip)

    statuses = [client.post("/api/auth/guest").status_code for _ in range(2)]
    statuses.append(_login(client, "nobody@example.com").status_code)

    assert statuses == [201, 201, 401]
    _assert_429(
        client.post("/api/auth/signup", json={"email": "n@example.com", "password": PASSWORD})
    )


def test_refresh_group_allows_ten_per_minute(make_app, storage, ip):
    client = _client(make_app(redis_url=storage), ip)
    refresh_token = _signup(client)["refresh_token"]

    for _ in range(10):
        response = client.post("/api/auth/refresh", headers=bearer(refresh_token))
        assert response.status_code == 200, response.json
        refresh_token = response.json["refresh_token"]

    _assert_429(client.post("/api/auth/refresh", headers=bearer(refresh_token)))


def test_default_limit_counts_writes_per_user_not_per_ip(make_app, storage, ip):
    client = _client(make_app(redis_url=storage, ratelimit_default="3/minute"), ip)
    alice = bearer(_signup(client)["access_token"])
    bob = bearer(_signup(client)["access_token"])
    change = {"name": "Ana"}

    statuses = [client.patch(PROFILE, json=change, headers=alice).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    _assert_429(client.patch(PROFILE, json=change, headers=alice))
    assert client.patch(PROFILE, json=change, headers=bob).status_code == 200  # other user


def test_reads_are_not_counted_per_user(make_app, storage, ip):
    """Reads are bounded by the edge's per-IP limit (Nginx), not a per-user counter."""
    client = _client(make_app(redis_url=storage, ratelimit_default="2/minute"), ip)
    alice = bearer(_signup(client)["access_token"])

    statuses = {client.get(PROFILE, headers=alice).status_code for _ in range(5)}

    assert statuses == {200}
    assert client.patch(PROFILE, json={"name": "A"}, headers=alice).status_code == 200


def test_flask_limiter_runs_nothing_for_requests_outside_its_groups(make_app, ip, monkeypatch):
    """Its hooks make a per-request context first thing: none is made for a read, a counted
    write of the default budget or an exempt route; the sign-in group still gets one each."""
    app = make_app()
    client = _client(app, ip)
    alice = bearer(_signup(client)["access_token"])
    made: list[str] = []
    context = Limiter.context

    def spying(limiter: Limiter) -> Any:
        made.append(request.path)
        return context.fget(limiter)

    monkeypatch.setattr(Limiter, "context", property(spying))

    assert client.get(PROFILE, headers=alice).status_code == 200
    assert client.patch(PROFILE, json={"name": "Ana"}, headers=alice).status_code == 200
    assert client.get("/healthz/live").status_code == 200
    assert made == []
    assert _login(client, "nobody@example.com").status_code == 401
    assert made and set(made) == {"/api/auth/login"}


def test_recognition_routes_share_five_a_minute_per_user(make_app, storage, ip):
    """The AI recognition group (RATELIMIT_AI_RECOGNITION): one budget per user across its
    routes, counted before the body is read; polling a job is not counted."""
    client = _client(make_app(redis_url=storage), ip)
    alice = bearer(_signup(client)["access_token"])
    bob = bearer(_signup(client)["access_token"])
    routes = ["ingredients", "foods", "batch", "ingredients/complete", "ingredients/async"]

    statuses = [
        client.post(f"/api/recognition/{r}", json={}, headers=alice).status_code for r in routes
    ]

    assert statuses == [400] * 5
    _assert_429(client.post("/api/recognition/ingredients", json={}, headers=alice))
    assert client.post("/api/recognition/foods", json={}, headers=bob).status_code == 400
    assert client.get("/api/recognition/history", headers=alice).status_code == 200


def test_image_transforms_share_one_budget_per_user(make_app, storage, ip):
    """RATELIMIT_IMAGES: decoding and encoding run in the web process; reads are not counted."""
    client = _client(make_app(redis_url=storage, ratelimit_images="3/minute"), ip)
    alice = bearer(_signup(client)["access_token"])
    bob = bearer(_signup(client)["access_token"])
    routes = ["optimize", "convert", "resize"]

    statuses = [client.post(f"/api/images/{r}", json={}, headers=alice).status_code for r in routes]

    assert statuses == [400] * 3
    _assert_429(client.post("/api/images/batch-optimize", json={}, headers=alice))
    assert client.post("/api/images/optimize", json={}, headers=bob).status_code == 400
    assert client.get("/api/images/formats", headers=alice).status_code == 200


def test_every_rate_limited_group_is_write_only(make_app, ip):
    """Reads skip the limiter before any limit is resolved, so a limited group must not read."""
    app = make_app()
    limited = {"auth_signin", "auth_refresh", "ai_recognition", "ai_generation", "image_transforms"}
    methods = {
        method
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in limited
        for method in rule.methods - {"OPTIONS", "HEAD"}
    }

    assert {rule.endpoint.split(".")[0] for rule in app.url_map.iter_rules()} >= limited
    assert methods == {"POST"}


def test_health_routes_are_not_rate_limited(make_app, storage, ip):
    client = _client(make_app(redis_url=storage, ratelimit_default="1/minute"), ip)

    statuses = [
        client.get(path).status_code for path in ("/status", "/healthz/live", "/status", "/status")
    ]

    assert statuses == [200, 200, 200, 200]


def test_embedded_counters_are_shared_between_app_instances(make_app, ip):
    """Two app instances stand for two Gunicorn workers: without Redis they share the counter
    file, so the limit holds for the machine, not per worker (was 5/min per worker)."""
    first = _client(make_app(ratelimit_auth="1/minute"), ip)
    second = _client(make_app(ratelimit_auth="1/minute"), ip)
    assert first.post("/api/auth/guest").status_code == 201

    _assert_429(second.post("/api/auth/guest"))


@pytest.mark.parametrize(
    "storage_kind", ["embedded", pytest.param("redis", marks=pytest.mark.redis)]
)
def test_concurrent_sign_ins_across_workers_get_exactly_the_limit(
    make_app, limiter_redis_url, ip, storage_kind
):
    url = limiter_redis_url if storage_kind == "redis" else None
    apps = [make_app(redis_url=url) for _ in range(2)]  # the default: 5/minute per IP
    clients = [_client(app, ip) for app in apps for _ in range(5)]

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda c: c.post("/api/auth/guest").status_code, clients))

    assert sorted(statuses) == [201] * 5 + [429] * 5


@pytest.mark.redis
def test_an_anonymous_cors_preflight_keeps_the_limiter_on_redis(make_app, limiter_redis_url, ip):
    """A preflight carries no token; keying it by an unverified identity used to make
    Flask-Limiter declare its storage dead and count in process memory from then on."""
    first = _client(
        make_app(redis_url=limiter_redis_url, cors_origins=("https://app.example",)), ip
    )
    second = _client(make_app(redis_url=limiter_redis_url), ip)
    preflight = {"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}

    answers = [first.options("/api/auth/login", headers=preflight) for _ in range(7)]
    signed_in = [first.post("/api/auth/guest").status_code for _ in range(5)]

    assert {a.status_code for a in answers} == {200}
    assert signed_in == [201] * 5
    _assert_429(second.post("/api/auth/guest"))


@pytest.mark.redis
def test_redis_counters_are_shared_between_app_instances(make_app, limiter_redis_url, ip):
    first = _client(make_app(redis_url=limiter_redis_url, ratelimit_auth="1/minute"), ip)
    second = _client(make_app(redis_url=limiter_redis_url, ratelimit_auth="1/minute"), ip)
    assert first.post("/api/auth/guest").status_code == 201

    _assert_429(second.post("/api/auth/guest"))


@pytest.fixture
def dead_redis_client(make_app, ip) -> Any:
    app = make_app(redis_url=DEAD_REDIS, redis_socket_timeout=0.2, ratelimit_auth="3/minute")
    return _client(app, ip)


def test_redis_down_the_api_keeps_serving_and_revocation_falls_back_to_the_database(
    dead_redis_client,
):
    account = _signup(dead_redis_client)
    headers = bearer(account["access_token"])

    profile = dead_redis_client.get("/api/user/profile", headers=headers)
    assert profile.status_code == 200
    assert profile.json["email"] == account["email"]
    assert (
        dead_redis_client.put(
            "/api/user/profile", json={"language": "en"}, headers=headers
        ).status_code
        == 200
    )
    assert dead_redis_client.post("/api/auth/logout", headers=headers).status_code == 200

    after = dead_redis_client.get("/api/user/profile", headers=headers)
    assert after.status_code == 401
    assert after.json["code"] == "token_revoked"


def test_redis_down_limits_still_apply_from_process_memory(dead_redis_client):
    statuses = [dead_redis_client.post("/api/auth/guest").status_code for _ in range(3)]

    assert statuses == [201, 201, 201]
    _assert_429(dead_redis_client.post("/api/auth/guest"))


@pytest.mark.parametrize(("proxy_hops", "spoof_works"), [(0, False), (1, True)])
def test_x_forwarded_for_only_counts_behind_a_trusted_proxy(make_app, ip, proxy_hops, spoof_works):
    app = make_app(ratelimit_auth="2/minute", proxy_hops=proxy_hops)
    email = _signup(_client(app, random_ip()))["email"]
    client = _client(app, ip)
    for _ in range(2):
        _login(client, email, "wrong-password-1")

    spoofed = client.post(
        "/api/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"X-Forwarded-For": random_ip()},
    )

    # Without a proxy a client-chosen header must not buy a fresh budget; behind Nginx (which
    # overwrites the header) it carries the real client address.
    assert spoofed.status_code == (200 if spoof_works else 429)


@pytest.mark.slow
def test_two_gunicorn_workers_allow_exactly_five_sign_ins_a_minute(tmp_path, sqlite_url):
    """The audit's finding on a real server: 2 workers allowed 10 sign-ins (5 each)."""
    with (
        gunicorn(tmp_path, sqlite_url, RATELIMIT_ENABLED="1") as base,
        ThreadPoolExecutor(max_workers=10) as pool,
    ):
        answers = list(pool.map(lambda _: call(base, "POST", "/api/auth/guest")[0], range(10)))

    assert sorted(answers) == [201] * 5 + [429] * 5


def test_redis_down_the_default_write_limit_still_applies(make_app, ip):
    app = make_app(redis_url=DEAD_REDIS, redis_socket_timeout=0.2, ratelimit_default="2/minute")
    client = _client(app, ip)
    alice = bearer(_signup(client)["access_token"])

    statuses = [client.patch(PROFILE, json={"name": "A"}, headers=alice).status_code for _ in "ab"]

    assert statuses == [200, 200]
    _assert_429(client.patch(PROFILE, json={"name": "A"}, headers=alice))


def test_each_write_route_has_its_own_default_budget(make_app, storage, ip):
    """As Flask-Limiter's `default_limits` counted: per user and per route."""
    client = _client(make_app(redis_url=storage, ratelimit_default="1/minute"), ip)
    alice = bearer(_signup(client)["access_token"])

    assert client.patch(PROFILE, json={"name": "A"}, headers=alice).status_code == 200
    _assert_429(client.patch(PROFILE, json={"name": "A"}, headers=alice))
    line = {"name": "Arroz", "quantity": 1, "type_unit": "kg"}
    added = client.post("/api/inventory/ingredients", json={"ingredients": [line]}, headers=alice)
    assert added.status_code == 201, added.json


class _FlakyStorage(MemoryStorage):
    """Process memory that fails while `down` is set, as Redis does when it is stopped."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def incr(self, *args: Any, **kwargs: Any) -> int:
        if self.down:
            raise ConnectionError("storage down")
        return super().incr(*args, **kwargs)

    def check(self) -> bool:
        return not self.down


def test_write_budget_counts_in_memory_while_its_storage_fails_and_returns_to_it(
    make_app, caplog, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr("zerowaste.interface.http.limits.time.monotonic", lambda: clock[0])
    storage = _FlakyStorage()
    budget = WriteBudget(storage, "3/minute")
    with make_app().test_request_context("/api/user/profile", method="PATCH"):
        assert budget.spend("user:a", "profile") is None  # counted in the storage
        storage.down = True
        with caplog.at_level(logging.INFO, logger="zerowaste.interface.http.limits"):
            assert budget.spend("user:a", "profile") is None  # in memory from here
            assert budget.spend("user:a", "profile") is None
            assert budget.spend("user:a", "profile") is None
            breached = budget.spend("user:a", "profile")  # memory's 4th: over 3/minute
            storage.down = False
            clock[0] += WriteBudget.RETRY_S + 1
            back = budget.spend("user:a", "profile")  # the storage's 2nd

    assert breached is not None and breached.status_code == 429
    assert back is None
    assert storage.get("LIMITER/zw/user:a/profile/3/1/minute") == 2
    messages = [r.getMessage() for r in caplog.records if r.name.endswith("limits")]
    assert messages == [
        "rate-limit storage unreachable: write limits count in this process",
        "rate-limit storage answers again: write limits count there",
    ]


@pytest.mark.redis
def test_a_write_counts_its_budget_in_its_revocation_lookups_round_trip(
    make_app, limiter_redis_url, ip, monkeypatch
):
    """With Redis, a write's budget is counted in the round trip of its token's revocation
    lookup: neither the lookup alone nor the limiter's own counter call runs, and the budget
    still refuses the write past the limit, with its window's Retry-After."""
    from limits.storage import RedisStorage

    from zerowaste.infrastructure.accounts.revocation import RedisRevocationStore

    calls: list[str] = []
    lookup, counter = RedisRevocationStore.any_revoked, RedisStorage.incr
    together = RedisRevocationStore.any_revoked_counting
    monkeypatch.setattr(
        RedisRevocationStore, "any_revoked", lambda *a: calls.append("lookup") or lookup(*a)
    )
    monkeypatch.setattr(
        RedisStorage, "incr", lambda *a, **k: calls.append("incr") or counter(*a, **k)
    )
    monkeypatch.setattr(
        RedisRevocationStore,
        "any_revoked_counting",
        lambda *a: calls.append("together") or together(*a),
    )
    client = _client(make_app(redis_url=limiter_redis_url, ratelimit_default="2/minute"), ip)
    alice = bearer(_signup(client)["access_token"])
    calls.clear()  # the sign-up's (its group is Flask-Limiter's)

    statuses = [client.patch(PROFILE, json={"name": "A"}, headers=alice).status_code for _ in "ab"]
    refused = client.patch(PROFILE, json={"name": "A"}, headers=alice)

    assert statuses == [200, 200]
    _assert_429(refused)
    assert calls == ["together"] * 3


@pytest.mark.redis
@pytest.mark.parametrize("list_loaded", [True, False])
def test_a_revoked_tokens_write_is_counted_against_its_ip_not_its_user(
    make_app, limiter_redis_url, ip, list_loaded
):
    """A revoked token's write is refused (401) and counts against the IP, as an anonymous
    one, never against the user whose token it was: their next write with a live token passes.
    Also when Redis has lost the revocation list (the lookup loads it back first)."""
    import redis

    from zerowaste.infrastructure.accounts.revocation import LOADED_MARKER

    client = _client(make_app(redis_url=limiter_redis_url, ratelimit_default="1/minute"), ip)
    account = _signup(client)
    old = bearer(account["access_token"])
    assert client.post("/api/auth/logout", headers=old).status_code == 200
    if not list_loaded:
        redis.Redis.from_url(limiter_redis_url).delete(LOADED_MARKER)

    assert client.patch(PROFILE, json={"name": "A"}, headers=old).status_code == 401
    fresh = bearer(_login(client, account["email"]).json["access_token"])
    assert client.patch(PROFILE, json={"name": "B"}, headers=fresh).status_code == 200
    _assert_429(client.patch(PROFILE, json={"name": "C"}, headers=old))  # the IP's one is spent
