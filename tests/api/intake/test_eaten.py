"""What a user eats from stock lands in their food log (SR28 figures); waste, cooking and
foods SR28 cannot weigh do not."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    add_food,
    app_fixture,
    clock_fixture,
)
from tests.api.inventory.helpers import line as stock_line
from zerowaste.bootstrap import ENGINE_EXTENSION

pytestmark = pytest.mark.api


def todays_log(client, headers, clock) -> list[dict]:
    found = client.get(f"/api/nutrition/log?date={clock.today().isoformat()}", headers=headers)
    return list(found.json["entries"])


def test_eating_from_stock_logs_the_sr28_figures_of_what_was_eaten(client, auth_headers, clock):
    item_id = add(client, auth_headers, stock_line("Arroz", 1, "kg"))["ingredients"][0]["id"]

    eaten = client.post(
        f"/api/inventory/items/{item_id}/consume",
        json={"quantity": 200, "unit": "g"},
        headers=auth_headers,
    )
    wasted = client.post(
        f"/api/inventory/items/{item_id}/waste",
        json={"quantity": 100, "unit": "g"},
        headers=auth_headers,
    )

    assert eaten.status_code == 200 and wasted.status_code == 200, (eaten.json, wasted.json)
    (entry,) = todays_log(client, auth_headers, clock)  # the waste is not eaten
    same = client.post(
        "/api/nutrition/calculate",
        json={"ingredients": [{"name": "Arroz", "quantity": 200, "unit": "g"}]},
        headers=auth_headers,
    ).json
    assert (entry["name"], entry["source"]) == ("Arroz", "consumed")
    assert entry["kcal"] == pytest.approx(same["totals"]["energy_kcal"], abs=0.01)
    assert entry["kcal"] > 500  # 200 g of raw rice, ~360 kcal per 100 g


def test_a_food_sr28_cannot_weigh_is_eaten_but_not_logged(client, auth_headers, clock):
    add_food(client, auth_headers, "Lomo saltado")
    listed = client.get("/api/inventory", headers=auth_headers).json["food_items"]
    food_id = next(f["id"] for f in listed if f["name"] == "Lomo saltado")

    response = client.post(
        f"/api/inventory/items/{food_id}/consume", json={"quantity": 1}, headers=auth_headers
    )

    assert response.status_code == 200, response.json
    assert todays_log(client, auth_headers, clock) == []


def test_a_consume_and_its_food_log_entry_are_one_transaction(app, client, auth_headers, clock):
    """Stock and log move together: one COMMIT for the consume and what it logs."""
    item_id = add(client, auth_headers, stock_line("Arroz", 1, "kg"))["ingredients"][0]["id"]
    commits: list[object] = []

    def count(connection: object) -> None:
        commits.append(connection)

    engine = app.extensions[ENGINE_EXTENSION]
    event.listen(engine, "commit", count)
    try:
        eaten = client.post(
            f"/api/inventory/items/{item_id}/consume",
            json={"quantity": 200, "unit": "g"},
            headers=auth_headers,
        )
    finally:
        event.remove(engine, "commit", count)

    assert eaten.status_code == 200, eaten.json
    assert len(commits) == 1
    assert [e["name"] for e in todays_log(client, auth_headers, clock)] == ["Arroz"]
