"""Shared fixtures and helpers of the inventory API tests.

Test modules import the fixtures by their function names (`app_fixture`, `clock_fixture`...);
pytest registers them as `app`, `clock`... The app runs on a FixedClock (starting at the real
current second), so stack `added_at` values and "today" are known exactly; tests advance it
between adds of the same ingredient because stacks are keyed by their second.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import make_settings
from tests.fakes import FixedClock
from zerowaste.config import Settings

Json = dict[str, Any]


@pytest.fixture(name="clock")
def clock_fixture() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))


def _build_app(settings: Settings, clock: FixedClock) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    application = create_app(settings, clock=clock)
    yield application
    application.extensions["zerowaste.engine"].dispose()


@pytest.fixture(name="app")
def app_fixture(settings: Settings, clock: FixedClock) -> Iterator[Any]:
    """The app of tests/conftest.py, with the fixed clock."""
    yield from _build_app(settings, clock)


@pytest.fixture(name="any_db_settings")
def any_db_settings_fixture(tmp_path: Path, db_url: str) -> Settings:
    """Settings on the embedded SQLite and on MariaDB (db_url is parametrized)."""
    return make_settings(tmp_path, database_url=db_url)


def line(name: str = "Tomate", quantity: float = 3, unit: str = "unidades", **extra: Any) -> Json:
    """An ingredient line as the client's converter sends it (row 25)."""
    body = {"name": name, "quantity": quantity, "type_unit": unit, "storage_type": "Refrigerado"}
    body |= {"tips": "Guardar en frío", "image_path": "", "expiration_time": 7, "time_unit": "Días"}
    return body | extra


def add(client: Any, headers: Json, *lines: Json) -> Json:
    response = client.post(
        "/api/inventory/ingredients", json={"ingredients": list(lines)}, headers=headers
    )
    assert response.status_code == 201, response.json
    return dict(response.json)


def add_food(client: Any, headers: Json, name: str = "Lomo saltado", **extra: Any) -> Json:
    food = {
        "name": name,
        "main_ingredients": ["carne", "cebolla"],
        "category": "Plato principal",
        "calories": 650.0,
        "description": "Salteado peruano",
        "storage_type": "Refrigerado",
        "expiration_time": 3,
        "time_unit": "Días",
        "tips": "Recalentar bien",
        "serving_quantity": 2,
        "image_path": None,
    } | extra
    response = client.post(
        "/api/inventory/foods/from-recognition", json={"foods": [food]}, headers=headers
    )
    assert response.status_code == 201, response.json
    return dict(response.json)


def inventory(client: Any, headers: Json) -> Json:
    response = client.get("/api/inventory", headers=headers)
    assert response.status_code == 200, response.json
    return dict(response.json)


def ingredient(client: Any, headers: Json, name: str) -> Json | None:
    rows = inventory(client, headers)["ingredients"]
    return next((r for r in rows if r["name"] == name), None)


def food(client: Any, headers: Json, name: str) -> Json | None:
    rows = inventory(client, headers)["food_items"]
    return next((r for r in rows if r["name"] == name), None)


def journal(client: Any, headers: Json, query: str = "") -> list[Json]:
    response = client.get(f"/api/inventory/journal{query}", headers=headers)
    assert response.status_code == 200, response.json
    return list(response.json["entries"])


def client_stamp(added_at: str) -> str:
    """`added_at` as the client puts it in URLs: local ISO with ms and a literal Z."""
    return f"{added_at}.000Z"


def path_name(name: str) -> str:
    """The client's encoding: "/" as _SLASH_, then URL-encoded."""
    return quote(name.replace("/", "_SLASH_"), safe="")


def stack_path(kind: str, name: str, added_at: str, suffix: str = "") -> str:
    base = f"/api/inventory/{kind}/{path_name(name)}/{quote(client_stamp(added_at), safe='')}"
    return base + suffix


def day(offset: int, clock: FixedClock) -> str:
    return (clock.today() + timedelta(days=offset)).isoformat()


def expected_day(value: date) -> str:
    return f"{value.isoformat()}T00:00:00"
