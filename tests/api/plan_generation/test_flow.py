"""Issue #10 done-when: stock -> generated week plan -> shopping list -> purchase into the
inventory -> cook -> nutrition log, through the API, on the embedded defaults (SQLite, no
Redis) and on MariaDB + Redis."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    clock_fixture,
    line,
)
from tests.conftest import make_settings
from zerowaste.config import Settings

pytestmark = pytest.mark.api


@pytest.fixture(
    params=["embedded", pytest.param("mariadb_redis", marks=[pytest.mark.mysql, pytest.mark.redis])]
)
def settings(request: pytest.FixtureRequest, tmp_path) -> Settings:
    if request.param == "embedded":
        return make_settings(tmp_path, database_url=request.getfixturevalue("sqlite_url"))
    return make_settings(
        tmp_path,
        database_url=request.getfixturevalue("mysql_catalog_url"),
        redis_url=request.getfixturevalue("redis_url"),
    )


@pytest.fixture
def app(settings: Settings, clock) -> Any:
    from zerowaste.bootstrap import create_app

    application = create_app(settings, clock=clock)
    yield application
    application.extensions["zerowaste.engine"].dispose()


def test_from_stock_to_a_week_plan_a_shopping_trip_a_cooked_meal_and_the_log(
    client, auth_headers, clock
):
    today, tomorrow = clock.today(), clock.today() + timedelta(days=1)
    add(
        client,
        auth_headers,
        line("Espinaca", 300, "g", expiration_time=1),
        line("Arroz", 1, "kg", expiration_time=365),
        line("Huevo", 12, "unidades", expiration_time=20),
        line("Tomate", 6, "unidades", expiration_time=3),
        line("Cebolla", 4, "unidades", expiration_time=10),
    )

    generated = client.post("/api/meal-plans/generate", json={"days": 7}, headers=auth_headers)

    assert generated.status_code == 201, generated.json
    plan = generated.json["meal_plan"]
    meals = plan["meals"]
    assert len(meals) == 21 and plan["unfilled"] == []
    assert len({m["recipe_uid"] for m in meals}) == 21  # no recipe twice in the week
    soon = [m for m in meals if m["date"] <= tomorrow.isoformat()]
    assert any("Espinaca" in m["uses"] for m in soon)  # what expires tomorrow goes first
    day = client.get(f"/api/planning/get?date={today.isoformat()}", headers=auth_headers).json
    breakfast = next(
        m for m in meals if m["date"] == today.isoformat() and m["meal_type"] == "breakfast"
    )
    assert day["meal_plan"]["breakfast"]["uid"] == breakfast["recipe_uid"]
    history = client.get("/api/plan/history", headers=auth_headers).json
    assert [h["meals"] for h in history["meal_plans"]] == [meals]

    window = {"start_date": today.isoformat(), "end_date": (today + timedelta(days=6)).isoformat()}
    listed = client.post(
        "/api/meal-plans/generate-shopping-list", json=window, headers=auth_headers
    )
    assert listed.status_code == 201, listed.json
    items = [i for aisle in listed.json["aisles"] for i in aisle["items"]]
    assert items and all(i["source"] == "plan" for i in items)
    bought = client.post(
        f"/api/shopping-lists/{listed.json['id']}/purchase",
        json={"item_ids": [i["id"] for i in items]},
        headers=auth_headers,
    )
    assert bought.status_code == 200 and bought.json["stocked"]

    cooked = client.post(
        f"/api/recipes/{breakfast['recipe_uid']}/cook",
        json={"servings": breakfast["servings"]},
        headers=auth_headers,
    )
    assert cooked.status_code == 201, cooked.json
    assert cooked.json["deducted"]

    log = client.get(f"/api/nutrition/log?date={today.isoformat()}", headers=auth_headers).json
    (entry,) = log["entries"]
    assert (entry["recipe_uid"], entry["source"], entry["servings"]) == (
        breakfast["recipe_uid"],
        "cooked",
        1,
    )
    assert entry["kcal"] > 0
    audit = client.get("/api/nutrition/audit-log", headers=auth_headers).json
    assert [(a["action"], a["allowed"]) for a in audit["entries"]] == [("plan_generation", True)]
