"""The cached inventory is never stale after a write, with the embedded file cache and with
Redis, also across processes: two apps on one SQLite file and one cache stand in for two
Gunicorn workers (a write handled by one, the next read by the other). Redis down: the API
keeps answering from the database and logs the cache misses."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.config import Settings
from zerowaste.infrastructure.cache import FlaskCachingCache, JsonFileSystemCache, JsonRedisCache

pytestmark = pytest.mark.integration

LIST = "/api/inventory"
ADD = "/api/inventory/ingredients"


def line(name: str, quantity: float, unit: str = "litros") -> dict[str, Any]:
    return {"name": name, "quantity": quantity, "type_unit": unit, "storage_type": "fridge"}


@pytest.fixture(params=["file", pytest.param("redis", marks=pytest.mark.redis)])
def shared_settings(request: pytest.FixtureRequest, tmp_path: Path, sqlite_url: str) -> Settings:
    """One SQLite file and one cache (files under var_dir, or Redis) for both apps."""
    redis_url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    return make_settings(tmp_path, database_url=sqlite_url, redis_url=redis_url)


@pytest.fixture
def two_apps(shared_settings: Settings) -> Iterator[tuple[Any, Any]]:
    apps = (create_app(shared_settings), create_app(shared_settings))
    yield apps
    for app in apps:
        app.extensions["zerowaste.engine"].dispose()


def inventory(client: Any, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    """GET /api/inventory as {name: row}."""
    reply = client.get(LIST, headers=headers)
    assert reply.status_code == 200, reply.json
    return {row["name"]: row for row in reply.json["ingredients"]}


Write = Callable[[Any, dict[str, str], dict[str, dict[str, Any]]], Any]


def by_id(action: str, body: dict[str, Any] | None = None) -> Write:
    def write(client: Any, headers: dict[str, str], rows: dict[str, dict[str, Any]]) -> Any:
        path = f"/api/inventory/items/{rows['Leche']['id']}"
        if action == "delete":
            return client.delete(path, headers=headers)
        if action == "update":
            return client.patch(path, json=body, headers=headers)
        return client.post(f"{path}/{action}", json=body, headers=headers)

    return write


def set_quantity(client: Any, headers: dict[str, str], rows: dict[str, dict[str, Any]]) -> Any:
    added_at = rows["Leche"]["stacks"][0]["added_at"]
    path = f"/api/inventory/ingredients/Leche/{added_at}/quantity"
    return client.patch(path, json={"quantity": 0.5}, headers=headers)


def allergies(client: Any, headers: dict[str, str], rows: dict[str, dict[str, Any]]) -> Any:
    return client.patch("/api/user/profile", json={"allergies": ["Lácteos"]}, headers=headers)


# (name, write, what the next read must show for Leche: total quantity, the tips are ours,
# allergy_alert; None = gone)
STEPS: list[tuple[str, Write, tuple[float, bool, bool] | None]] = [
    ("add", lambda c, h, r: c.post(ADD, json={"ingredients": [line("leche", 1)]}, headers=h),
     (3.0, False, False)),
    ("consume", by_id("consume", {"quantity": 0.5}), (2.5, False, False)),
    ("waste", by_id("waste", {"quantity": 0.25}), (2.25, False, False)),
    ("set quantity", set_quantity, (1.5, False, False)),  # first stack 1.25 -> 0.5
    ("update", by_id("update", {"tips": "Cerrar bien"}), (1.5, True, False)),
    ("allergy change", allergies, (1.5, True, True)),
    ("delete", by_id("delete"), None),
]  # fmt: skip


def test_every_write_is_seen_by_the_next_read_in_both_processes(
    two_apps: tuple[Any, Any],
) -> None:
    writer, reader = (app.test_client() for app in two_apps)
    user = signup(writer)
    headers = bearer(user["access_token"])
    writer.post(ADD, json={"ingredients": [line("Leche", 2), line("Pan", 1, "unidades")]},
                headers=headers)  # fmt: skip
    for name, write, expected in STEPS:
        warm = inventory(reader, headers)  # both apps have a cached copy before the write
        inventory(writer, headers)

        reply = write(writer, headers, warm)

        assert reply.status_code == (201 if name == "add" else 200), (name, reply.json)
        for client in (reader, writer):
            rows = inventory(client, headers)
            assert "Pan" in rows, name
            if expected is None:
                assert "Leche" not in rows, name
                continue
            leche = rows["Leche"]
            got = (
                leche["total_quantity"],
                leche["tips"] == "Cerrar bien",
                leche["allergy_alert"],
            )
            assert got == expected, (name, got)


def test_the_embedded_default_cache_is_the_shared_file_cache(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    services = app.extensions["zerowaste.services"]
    try:
        assert isinstance(services.cache, FlaskCachingCache)
        [backend] = app.extensions["cache"].values()  # Flask-Caching's backend for this app
        assert isinstance(backend, JsonFileSystemCache)
        assert (tmp_path / "cache").is_dir()
    finally:
        app.extensions["zerowaste.engine"].dispose()


def test_redis_is_the_cache_when_configured(tmp_path: Path, redis_url: str) -> None:
    app = create_app(make_settings(tmp_path, redis_url=redis_url))
    services = app.extensions["zerowaste.services"]
    try:
        assert isinstance(services.cache, FlaskCachingCache)
        [backend] = app.extensions["cache"].values()
        assert isinstance(backend, JsonRedisCache)
    finally:
        app.extensions["zerowaste.engine"].dispose()


def test_with_redis_down_reads_and_writes_still_work(
    tmp_path: Path, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, database_url=sqlite_url, redis_url="redis://127.0.0.1:1/0")
    app = create_app(settings)
    client = app.test_client()
    try:
        with caplog.at_level(logging.WARNING):
            user = signup(client)
            headers = bearer(user["access_token"])
            added = client.post(ADD, json={"ingredients": [line("Leche", 2)]}, headers=headers)
            first = inventory(client, headers)
            item_id = first["Leche"]["id"]
            consumed = client.post(
                f"/api/inventory/items/{item_id}/consume", json={"quantity": 1}, headers=headers
            )
            second = inventory(client, headers)
    finally:
        app.extensions["zerowaste.engine"].dispose()

    assert added.status_code == 201 and consumed.status_code == 200
    assert first["Leche"]["total_quantity"] == 2.0 and second["Leche"]["total_quantity"] == 1.0
    # The outage is logged once when it starts, not for each of the ~30 failed Redis calls.
    outage = [r.getMessage() for r in caplog.records if "redis unavailable" in r.getMessage()]
    assert len(outage) == 1, outage


def test_a_cached_list_is_rendered_again_the_next_day(tmp_path: Path, sqlite_url: str) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.fakes import FixedClock

    clock = FixedClock(datetime.now(UTC).replace(microsecond=0))
    app = create_app(make_settings(tmp_path, database_url=sqlite_url), clock=clock)
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])
    in_three_days = (clock.now() + timedelta(days=3)).date().isoformat()
    milk = {**line("Leche", 1), "expiration_date": in_three_days}
    client.post(ADD, json={"ingredients": [milk]}, headers=headers)
    first = client.get("/api/inventory/simple", headers=headers).json["ingredients"][0]
    again = client.get("/api/inventory/simple", headers=headers).json["ingredients"][0]

    clock.advance(timedelta(days=1))
    next_day = client.get("/api/inventory/simple", headers=headers).json["ingredients"][0]

    assert first["expiration_time"] == again["expiration_time"] == 3
    assert next_day["expiration_time"] == 2
    app.extensions["zerowaste.engine"].dispose()
