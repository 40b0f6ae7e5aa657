"""An undo gives back everything the join moved (issue #14 §3), not the stock only: the
joiner's saved recipes (and so their favourites of them), cook history, savings, shopping
lists and the journal of their gone stock go back to their own household; what the others
added to the household since stays there. On the embedded SQLite and on MariaDB (the undo's
statements compare logged keys with ids and pairs)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.api.households.helpers import BASE, Json, create, current, invite, join, member, stock
from tests.api.households.test_shared_lists import LISTS, new_list
from tests.api.households.test_shared_recipes import cooks, save, saved_uids
from tests.api.inventory.helpers import (  # noqa: F401
    add,
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
    line,
)

pytestmark = pytest.mark.api
TABLES = (
    "recipes",
    "recipe_cooks",
    "environmental_savings",
    "shopping_lists",
    "inventory_journal",
)


@pytest.fixture(name="settings")
def settings_on_both_databases(any_db_settings: Any) -> Any:
    return any_db_settings


def lists(client, who: Json) -> list[str]:
    response = client.get(LISTS, headers=who["headers"])
    assert response.status_code == 200, response.json
    return sorted(found["name"] for found in response.json["lists"])


def favourites(client, who: Json) -> list[str]:
    response = client.get("/api/recipes/generated/favorites", headers=who["headers"])
    assert response.status_code == 200, response.json
    return [f["recipe"]["uid"] if "recipe" in f else f["uid"] for f in response.json["favorites"]]


def rows(app, household: str) -> dict[str, int]:
    """How many rows of each shared table the household holds."""
    with app.extensions["zerowaste.engine"].connect() as conn:
        return {
            table: conn.execute(
                text(f"SELECT COUNT(*) FROM {table} WHERE household_id = :h"),  # noqa: S608
                {"h": household},
            ).scalar_one()
            for table in TABLES
        }


def test_an_undo_gives_back_the_joiners_recipes_cooks_savings_lists_and_history(client, app):
    ana, ben = member(client, "ana"), member(client, "ben")
    create(client, ana)
    ana_recipe = save(client, ana, title="Sopa de Ana")["recipe"]["uid"]
    new_list(client, ana, "Lista de Ana")
    add(client, ben["headers"], line("Tomate", 2), line("Pan", 1))
    bread = next(
        i["id"]
        for i in client.get("/api/inventory", headers=ben["headers"]).json["ingredients"]
        if i["name"] == "Pan"
    )
    eaten = client.post(
        f"/api/inventory/items/{bread}/consume", json={"quantity": 1}, headers=ben["headers"]
    )
    assert eaten.status_code == 200, eaten.json
    ben_recipe = save(client, ben, title="Tacos de Ben")["recipe"]["uid"]
    faved = client.post(
        f"/api/recipes/generated/{ben_recipe}/favorite", json={}, headers=ben["headers"]
    )
    assert faved.status_code == 200, faved.json
    cooked = {"recipe_uid": ben_recipe, "event": "cooked"}
    assert (
        client.post("/api/recipes/history", json=cooked, headers=ben["headers"]).status_code == 201
    )
    calculated = client.post(
        f"/api/environmental_savings/calculate/from-uid/{ben_recipe}", headers=ben["headers"]
    )
    assert calculated.status_code == 200, calculated.json
    new_list(client, ben, "Lista de Ben")
    ben_before = rows(app, current(client, ben)["id"])

    response = join(client, ben, invite(client, ana)["code"])
    assert response.status_code == 200, response.json
    home = current(client, ana)["id"]
    assert sorted(saved_uids(client, ana)) == sorted([ana_recipe, ben_recipe])
    assert lists(client, ana) == ["Lista de Ana", "Lista de Ben"]
    # what the others add after the join is the household's, and stays there
    later = save(client, ana, title="Guiso de Ana")["recipe"]["uid"]
    new_list(client, ana, "Lista nueva")
    client.post(
        "/api/recipes/history",
        json={"recipe_uid": later, "event": "cooked"},
        headers=ana["headers"],
    )
    home_before_undo = rows(app, home)

    undone = client.post(f"{BASE}/joins/{response.json['join_id']}/undo", headers=ana["headers"])

    assert undone.status_code == 200, undone.json
    bens = current(client, ben)["id"]
    assert rows(app, bens) == ben_before
    assert rows(app, home) == {t: home_before_undo[t] - ben_before[t] for t in TABLES}
    assert saved_uids(client, ben) == [ben_recipe] and cooks(client, ben) == [ben_recipe]
    assert favourites(client, ben) == [ben_recipe]
    assert client.get(f"/api/recipes/{ben_recipe}", headers=ben["headers"]).status_code == 200
    assert lists(client, ben) == ["Lista de Ben"]
    assert stock(client, ben) == {"Tomate": 2}
    assert sorted(saved_uids(client, ana)) == sorted([ana_recipe, later])
    assert cooks(client, ana) == [later]
    assert lists(client, ana) == ["Lista de Ana", "Lista nueva"]
    assert client.get(f"/api/recipes/{ben_recipe}", headers=ana["headers"]).status_code == 404
    assert stock(client, ana) == {}


def test_an_undo_of_a_join_without_stock_leaves_the_stock_behind_but_gives_back_the_rest(
    client, app
):
    ana, ben = member(client, "ana"), member(client, "ben")
    add(client, ana["headers"], line("Arroz", 1, "kg"))
    ben_recipe = save(client, ben, title="Tacos de Ben")["recipe"]["uid"]
    response = join(client, ben, invite(client, ana)["code"], bring_stock=False)
    assert response.status_code == 200, response.json

    undone = client.post(f"{BASE}/joins/{response.json['join_id']}/undo", headers=ana["headers"])

    assert undone.status_code == 200, undone.json
    assert saved_uids(client, ben) == [ben_recipe] and saved_uids(client, ana) == []
    assert stock(client, ben) == {} and stock(client, ana) == {"Arroz": 1}
