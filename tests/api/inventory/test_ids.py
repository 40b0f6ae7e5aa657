"""The id-based routes for new clients (/api/inventory/items/<id>...), the journal, and a
representative subset (add, list, consume, journal) on both SQLite and MariaDB."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add,
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
    ingredient,
    inventory,
    journal,
    line,
    stack_path,
)

pytestmark = pytest.mark.api


def _item_with_two_stacks(client, headers, clock, name="Tomate"):
    """3 units expiring in 2 days, then 2 units expiring in 9 days: returns (id, stacks)."""
    add(client, headers, line(name, 3, expiration_time=2))
    clock.advance(timedelta(seconds=1))
    body = add(client, headers, line(name, 2, expiration_time=9))["ingredients"][0]
    return body["id"], body["stacks"]


def test_get_item_by_id_returns_stacks_enrichment_and_allergy_alert(client, auth_headers):
    client.put("/api/user/profile", json={"allergies": ["lácteos"]}, headers=auth_headers)
    item_id = add(client, auth_headers, line("Leche", 1, "litros"))["ingredients"][0]["id"]

    response = client.get(f"/api/inventory/items/{item_id}", headers=auth_headers)

    assert response.status_code == 200, response.json
    assert response.json["id"] == item_id and response.json["name"] == "Leche"
    assert response.json["allergy_alert"] is True and response.json["allergens"]
    assert response.json["stacks"][0]["days_to_expire"] == 7
    assert isinstance(response.json["enriched_with"], list)


def test_patch_item_with_one_stack_sets_its_quantity_and_details(client, auth_headers):
    item_id = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["id"]

    response = client.patch(
        f"/api/inventory/items/{item_id}",
        json={"quantity": 5, "tips": "Nuevo", "storage_type": "pantry"},
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    assert response.json["stacks"][0]["quantity"] == 5.0
    stored = ingredient(client, auth_headers, "Tomate")
    assert stored["tips"] == "Nuevo" and stored["storage_type"] == "Ambiente"
    assert stored["stacks"][0]["quantity"] == 5.0


def test_patch_item_with_several_stacks_needs_a_stack_id_for_the_quantity(
    client, auth_headers, clock
):
    item_id, stacks = _item_with_two_stacks(client, auth_headers, clock)

    refused = client.patch(
        f"/api/inventory/items/{item_id}", json={"quantity": 9}, headers=auth_headers
    )
    named = client.patch(
        f"/api/inventory/items/{item_id}",
        json={"quantity": 9, "stack_id": stacks[1]["id"]},
        headers=auth_headers,
    )
    everywhere = client.patch(
        f"/api/inventory/items/{item_id}",
        json={"expiration_date": "2030-01-01"},
        headers=auth_headers,
    )

    assert refused.status_code == 400 and refused.json["code"] == "stack_required"
    assert named.status_code == 200 and everywhere.status_code == 200
    stored = ingredient(client, auth_headers, "Tomate")["stacks"]
    assert sorted(s["quantity"] for s in stored) == [3.0, 9.0]
    assert {s["expiration_date"] for s in stored} == {"2030-01-01T00:00:00"}


def test_delete_item_removes_every_stack_and_journals_it(client, auth_headers, clock):
    item_id, _ = _item_with_two_stacks(client, auth_headers, clock)

    response = client.delete(f"/api/inventory/items/{item_id}", headers=auth_headers)

    assert response.status_code == 200 and response.json["deleted"] == "all_stacks"
    assert client.get(f"/api/inventory/items/{item_id}", headers=auth_headers).status_code == 404
    assert sorted(e["quantity"] for e in journal(client, auth_headers, "?reason=corrected")) == [
        2.0,
        3.0,
    ]


def test_consume_item_is_first_expired_first_out_across_stacks(client, auth_headers, clock):
    item_id, _ = _item_with_two_stacks(client, auth_headers, clock)

    response = client.post(
        f"/api/inventory/items/{item_id}/consume",
        json={"quantity": 4, "reason": "cooked", "recipe_used": "Sopa"},
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    assert (
        response.json["consumed_quantity"] == 4.0
        and response.json["item_remaining_quantity"] == 1.0
    )
    assert [e["quantity"] for e in response.json["journal"]] == [3.0, 1.0]
    assert [s["quantity"] for s in ingredient(client, auth_headers, "Tomate")["stacks"]] == [1.0]
    assert {e["recipe_used"] for e in journal(client, auth_headers, "?reason=cooked")} == {"Sopa"}


def test_consume_item_prefers_fresh_stacks_over_expired_ones(client, auth_headers, clock):
    item_id, _ = _item_with_two_stacks(client, auth_headers, clock)
    clock.advance(timedelta(days=3))  # the 3-unit stack has expired

    response = client.post(
        f"/api/inventory/items/{item_id}/consume", json={"quantity": 1}, headers=auth_headers
    )

    assert response.status_code == 200
    assert sorted(s["quantity"] for s in ingredient(client, auth_headers, "Tomate")["stacks"]) == [
        1.0,
        3.0,
    ]


def test_consume_item_in_another_unit_and_a_named_stack(client, auth_headers, clock):
    item_id = add(client, auth_headers, line("Arroz", 2, "kg"))["ingredients"][0]["id"]
    stack_id = ingredient(client, auth_headers, "Arroz")["stacks"][0]["id"]

    response = client.post(
        f"/api/inventory/items/{item_id}/consume",
        json={"quantity": 500, "unit": "gramos", "stack_id": stack_id},
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    assert response.json["remaining_quantity"] == 1.5 and response.json["unit"] == "kg"


def test_a_stack_id_of_another_item_is_404_and_nothing_is_consumed(client, auth_headers):
    body = add(client, auth_headers, line("Arroz", 2, "kg"), line("Tomate", 3))["ingredients"]
    rice, tomato = body[0], body[1]

    response = client.post(
        f"/api/inventory/items/{rice['id']}/consume",
        json={"quantity": 1, "stack_id": tomato["stacks"][0]["id"]},
        headers=auth_headers,
    )

    assert response.status_code == 404
    assert ingredient(client, auth_headers, "Arroz")["stacks"][0]["quantity"] == 2.0


def test_over_consumption_is_422_and_changes_nothing(client, auth_headers, clock):
    item_id, _ = _item_with_two_stacks(client, auth_headers, clock)
    before, entries = inventory(client, auth_headers), journal(client, auth_headers)

    response = client.post(
        f"/api/inventory/items/{item_id}/consume", json={"quantity": 6}, headers=auth_headers
    )

    assert response.status_code == 422
    assert response.json["code"] == "insufficient_quantity" and response.json["details"]
    assert inventory(client, auth_headers) == before and journal(client, auth_headers) == entries


def test_over_consumption_of_a_legacy_stack_is_422_too(client, auth_headers):
    added = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["stacks"][0]

    response = client.post(
        stack_path("ingredients", "Tomate", added["added_at"], "/consume"),
        json={"consumed_quantity": 4},
        headers=auth_headers,
    )

    assert response.status_code == 422 and response.json["code"] == "insufficient_quantity"
    assert ingredient(client, auth_headers, "Tomate")["stacks"][0]["quantity"] == 3.0


def test_journal_records_consumed_wasted_and_expired_with_quantities(client, auth_headers, clock):
    item_id, stacks = _item_with_two_stacks(client, auth_headers, clock)
    add(client, auth_headers, line("Arroz", 1, "kg", expiration_time=30))
    rice_id = ingredient(client, auth_headers, "Arroz")["id"]
    client.post(
        f"/api/inventory/items/{rice_id}/consume",
        json={"quantity": 200, "unit": "g"},
        headers=auth_headers,
    )
    client.post(
        f"/api/inventory/items/{rice_id}/waste",
        json={"quantity": 0.3, "note": "moho"},
        headers=auth_headers,
    )
    clock.advance(timedelta(days=3))  # the 3-unit Tomate stack has expired

    removed = client.delete(
        stack_path("ingredients", "Tomate", stacks[0]["added_at"]), headers=auth_headers
    )

    assert removed.status_code == 200
    losses = journal(client, auth_headers, "?reason=wasted,expired")
    assert [(e["item_name"], e["reason"], e["quantity"], e["unit"]) for e in losses] == [
        ("Tomate", "expired", 3.0, "unit"),
        ("Arroz", "wasted", 0.3, "kg"),
    ]
    assert losses[1]["note"] == "moho"
    [eaten] = journal(client, auth_headers, "?reason=consumed")
    assert (eaten["item_name"], eaten["quantity"], eaten["unit"]) == ("Arroz", 0.2, "kg")


def test_waste_takes_expired_lots_first_and_journals_them_as_expired(client, auth_headers, clock):
    item_id, _ = _item_with_two_stacks(client, auth_headers, clock)
    clock.advance(timedelta(days=3))

    response = client.post(
        f"/api/inventory/items/{item_id}/waste", json={"quantity": 4}, headers=auth_headers
    )

    assert response.status_code == 200, response.json
    assert [(e["reason"], e["quantity"]) for e in response.json["journal"]] == [
        ("expired", 3.0),
        ("wasted", 1.0),
    ]


def test_journal_pages_and_since(client, auth_headers, clock):
    add(client, auth_headers, line("Tomate"), line("Arroz", 1, "kg"), line("Leche", 1, "litros"))
    since = (clock.now() + timedelta(seconds=1)).replace(tzinfo=None).isoformat()

    first = journal(client, auth_headers, "?reason=added&limit=2")
    second = journal(client, auth_headers, "?reason=added&limit=2&offset=2")
    recent = journal(client, auth_headers, f"?since={since}")

    assert len(first) == 2 and len(second) == 1
    assert {e["item_name"] for e in first + second} == {"Tomate", "Arroz", "Leche"}
    assert {e["item_name"] for e in recent} == {"Arroz", "Leche"}


@pytest.mark.parametrize("query", ["?reason=eaten", "?limit=0", "?limit=201", "?since=mañana"])
def test_bad_journal_queries_are_400(client, auth_headers, query):
    response = client.get(f"/api/inventory/journal{query}", headers=auth_headers)

    assert response.status_code == 400 and response.json["details"]


def test_a_retried_add_with_the_same_idempotency_key_creates_one_stack(client, auth_headers):
    headers = auth_headers | {"Idempotency-Key": "add-tomate-1"}

    first = client.post(
        "/api/inventory/ingredients", json={"ingredients": [line("Tomate")]}, headers=headers
    )
    again = client.post(
        "/api/inventory/ingredients", json={"ingredients": [line("Tomate")]}, headers=headers
    )

    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert ingredient(client, auth_headers, "Tomate")["stack_count"] == 1


class TestOnSqliteAndMariaDb:
    """Add, list, consume and journal on both databases."""

    @pytest.fixture
    def settings(self, any_db_settings):
        return any_db_settings

    def test_add_list_consume_and_journal(self, client, auth_headers, clock):
        item_id, stacks = _item_with_two_stacks(client, auth_headers, clock, name="Ají amarillo")
        assert [
            s["quantity"] for s in ingredient(client, auth_headers, "Ají amarillo")["stacks"]
        ] == [3.0, 2.0]

        legacy = client.post(
            stack_path("ingredients", "Ají amarillo", stacks[1]["added_at"], "/consume"),
            json={"consumed_quantity": 0.5},
            headers=auth_headers,
        )
        by_id = client.post(
            f"/api/inventory/items/{item_id}/consume", json={"quantity": 3}, headers=auth_headers
        )

        assert legacy.status_code == 200 and by_id.status_code == 200, (legacy.json, by_id.json)
        assert [
            s["quantity"] for s in ingredient(client, auth_headers, "Ají amarillo")["stacks"]
        ] == [1.5]
        eaten = journal(client, auth_headers, "?reason=consumed")
        assert sorted(e["quantity"] for e in eaten) == [0.5, 3.0]


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_an_id_beyond_the_largest_integer_is_404_not_500(client, auth_headers, method):
    response = getattr(client, method)(
        f"/api/inventory/items/{2**63}", json={"quantity": 1}, headers=auth_headers
    )

    assert response.status_code == 404


def test_a_stack_id_beyond_the_largest_integer_is_400_not_500(client, auth_headers, clock):
    item_id, _ = _item_with_two_stacks(client, auth_headers, clock)

    response = client.post(
        f"/api/inventory/items/{item_id}/consume",
        json={"stack_id": 2**63, "quantity": 1},
        headers=auth_headers,
    )

    assert response.status_code == 400
    assert "stack_id" in response.json["details"]
