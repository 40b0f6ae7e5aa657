"""Shopping lists: by hand, by aisle, priced from PROFECO, checked off and bought into the
inventory once; the household's, nobody else's."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
    ingredient,
)

pytestmark = pytest.mark.api
BASE = "/api/shopping-lists"
ITEMS = [
    {"name": "Tomate", "quantity": 1, "unit": "kg"},
    {"name": "Leche", "quantity": 2, "type_unit": "litros"},
    {"name": "Sal", "note": "de mar"},
]


def create(client, headers, items=ITEMS, name="Semana"):
    response = client.post(BASE, json={"name": name, "items": items}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def items_of(body):
    return {i["name"]: i for aisle in body["aisles"] for i in aisle["items"]}


def test_items_are_grouped_by_aisle_and_priced_with_their_source(client, auth_headers):
    body = create(client, auth_headers)

    aisles = [a["aisle"] for a in body["aisles"]]
    found = items_of(body)
    assert aisles.index("produce") < aisles.index("dairy_eggs")
    assert found["Tomate"]["aisle_label"] == "Frutas y verduras"
    assert found["Leche"]["unit"] == "l" and found["Leche"]["quantity"] == 2
    assert found["Tomate"]["price_estimate_mxn"] > 0
    assert "PROFECO" in found["Tomate"]["price_source"]
    assert found["Sal"]["quantity"] is None and found["Sal"]["price_estimate_mxn"] is None
    priced = [i["price_estimate_mxn"] for i in found.values() if i["price_estimate_mxn"]]
    assert body["totals"]["estimated_total_mxn"] == pytest.approx(sum(priced))
    assert body["totals"]["unpriced_items"] == 1 and body["price_sources"]


def test_checked_items_are_bought_into_the_inventory_once(client, auth_headers):
    body = create(client, auth_headers)
    found = items_of(body)
    for name in ("Tomate", "Sal"):
        url = f"{BASE}/{body['id']}/items/{found[name]['id']}"
        assert client.patch(url, json={"checked": True}, headers=auth_headers).status_code == 200

    bought = client.post(f"{BASE}/{body['id']}/purchase", json={}, headers=auth_headers)
    again = client.post(
        f"{BASE}/{body['id']}/purchase",
        json={"item_ids": [found["Tomate"]["id"]]},
        headers=auth_headers,
    )

    assert bought.status_code == 200, bought.json
    assert {i["name"] for i in bought.json["bought"]} == {"Tomate", "Sal"}
    assert bought.json["not_stocked"] == ["Sal"]  # no amount: bought, not stocked
    tomato = ingredient(client, auth_headers, "Tomate")
    assert tomato is not None and sum(s["quantity"] for s in tomato["stacks"]) == 1
    assert ingredient(client, auth_headers, "Leche") is None  # not checked, not bought
    assert again.status_code == 409 and again.json["code"] == "already_bought"
    assert bought.json["shopping_list"]["totals"]["bought"] == 2
    changed = client.patch(
        f"{BASE}/{body['id']}/items/{found['Tomate']['id']}",
        json={"quantity": 3, "unit": "kg"},
        headers=auth_headers,
    )
    assert changed.status_code == 409


def test_a_retried_purchase_with_its_key_is_replayed_not_bought_twice(client, auth_headers):
    body = create(client, auth_headers, [{"name": "Arroz", "quantity": 1, "unit": "kg"}])
    item_id = body["aisles"][0]["items"][0]["id"]
    headers = {**auth_headers, "Idempotency-Key": "buy-1"}
    url = f"{BASE}/{body['id']}/purchase"

    first = client.post(url, json={"item_ids": [item_id]}, headers=headers)
    second = client.post(url, json={"item_ids": [item_id]}, headers=headers)

    assert first.status_code == second.status_code == 200
    assert first.json == second.json
    rice = ingredient(client, auth_headers, "Arroz")
    assert rice is not None and sum(s["quantity"] for s in rice["stacks"]) == 1


def test_nothing_checked_is_nothing_to_buy(client, auth_headers):
    body = create(client, auth_headers)

    response = client.post(f"{BASE}/{body['id']}/purchase", json={}, headers=auth_headers)

    assert response.status_code == 400 and response.json["code"] == "nothing_to_buy"


def test_items_are_added_edited_and_removed_and_lists_renamed_and_deleted(client, auth_headers):
    body = create(client, auth_headers, [])
    url = f"{BASE}/{body['id']}"

    added = client.post(f"{url}/items", json={"name": "Cebolla", "quantity": 3, "unit": "pz"},
                        headers=auth_headers)  # fmt: skip
    item = added.json["aisles"][0]["items"][0]
    edited = client.patch(f"{url}/items/{item['id']}", json={"note": "moradas"},
                          headers=auth_headers)  # fmt: skip
    renamed = client.patch(url, json={"name": "Mercado", "status": "archived"},
                           headers=auth_headers)  # fmt: skip
    removed = client.delete(f"{url}/items/{item['id']}", headers=auth_headers)
    listed = client.get(BASE, headers=auth_headers).json

    assert added.status_code == 201 and item["unit"] == "unit" and item["quantity"] == 3
    assert edited.json["note"] == "moradas"
    assert renamed.json["name"] == "Mercado" and renamed.json["status"] == "archived"
    assert removed.status_code == 200
    assert client.get(url, headers=auth_headers).json["totals"]["items"] == 0
    assert [x["name"] for x in listed["lists"]] == ["Mercado"]
    assert client.delete(url, headers=auth_headers).status_code == 200
    assert client.get(url, headers=auth_headers).status_code == 404


def test_another_household_gets_404_everywhere(client, auth_headers, other_headers):
    body = create(client, auth_headers)
    url = f"{BASE}/{body['id']}"
    item_id = body["aisles"][0]["items"][0]["id"]

    answers = [
        client.get(url, headers=other_headers),
        client.patch(url, json={"name": "Mía"}, headers=other_headers),
        client.post(f"{url}/items", json={"name": "Pan"}, headers=other_headers),
        client.patch(f"{url}/items/{item_id}", json={"checked": True}, headers=other_headers),
        client.delete(f"{url}/items/{item_id}", headers=other_headers),
        client.post(f"{url}/purchase", json={"item_ids": [item_id]}, headers=other_headers),
        client.delete(url, headers=other_headers),
    ]

    assert [a.status_code for a in answers] == [404] * len(answers)
    assert client.get(BASE, headers=other_headers).json["lists"] == []
    assert items_of(client.get(url, headers=auth_headers).json).keys() == items_of(body).keys()


@pytest.mark.parametrize(
    "item",
    [
        {"name": "Tomate", "quantity": 1},  # no unit
        {"name": "Tomate", "quantity": -1, "unit": "kg"},
        {"name": "Tomate", "quantity": 1, "unit": "puñados grandes"},
        {"name": "", "quantity": 1, "unit": "kg"},
        {"quantity": 1, "unit": "kg"},
    ],
)
def test_bad_items_are_400_and_store_nothing(client, auth_headers, item):
    response = client.post(BASE, json={"items": [item]}, headers=auth_headers)

    assert response.status_code == 400
    assert client.get(BASE, headers=auth_headers).json["lists"] == []


def test_too_many_items_and_bad_changes_are_400(client, auth_headers):
    many = [{"name": f"Cosa {i}"} for i in range(501)]
    body = create(client, auth_headers, [{"name": "Pan"}])
    item_id = body["aisles"][0]["items"][0]["id"]

    assert client.post(BASE, json={"items": many}, headers=auth_headers).status_code == 400
    assert client.patch(f"{BASE}/{body['id']}", json={}, headers=auth_headers).status_code == 400
    empty = client.patch(f"{BASE}/{body['id']}/items/{item_id}", json={}, headers=auth_headers)
    assert empty.status_code == 400
    assert client.get(BASE, headers=auth_headers).json["count"] == 1


class TestOnSqliteAndMariaDb:
    """Create, edit, remove and buy on both databases (the repository's item sync and lock)."""

    @pytest.fixture
    def settings(self, any_db_settings):
        return any_db_settings

    def test_a_list_lives_through_its_changes(self, client, auth_headers):
        body = create(client, auth_headers)
        url = f"{BASE}/{body['id']}"
        found = items_of(body)

        client.post(f"{url}/items", json={"items": [{"name": "Pan"}]}, headers=auth_headers)
        client.delete(f"{url}/items/{found['Sal']['id']}", headers=auth_headers)
        client.patch(
            f"{url}/items/{found['Tomate']['id']}",
            json={"quantity": 2.5, "unit": "kg", "checked": True},
            headers=auth_headers,
        )
        bought = client.post(f"{url}/purchase", json={}, headers=auth_headers)
        after = items_of(client.get(url, headers=auth_headers).json)

        assert bought.status_code == 200, bought.json
        assert set(after) == {"Tomate", "Leche", "Pan"}
        assert after["Tomate"]["bought"] and after["Tomate"]["quantity"] == 2.5
        assert after["Tomate"]["price_estimate_mxn"] > found["Tomate"]["price_estimate_mxn"]
        assert not after["Leche"]["bought"] and after["Pan"]["source"] == "manual"
        tomato = ingredient(client, auth_headers, "Tomate")
        assert sum(s["quantity"] for s in tomato["stacks"]) == 2.5
