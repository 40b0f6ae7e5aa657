"""Contract rows 30-36 and 42 (the `<name>/<added_at>` routes) replayed with the client's
payloads, L1 and L2: response keys the client reads, and the stored effect afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add,
    add_food,
    app_fixture,
    clock_fixture,
    expected_day,
    food,
    ingredient,
    journal,
    line,
    path_name,
    stack_path,
)

pytestmark = pytest.mark.api


def _two_stacks(client, headers, clock, name="Tomate"):
    first = add(client, headers, line(name, 3, expiration_time=4))["ingredients"][0]["stacks"][0]
    clock.advance(timedelta(seconds=1))
    add(client, headers, line(name, 2, expiration_time=9))
    return first["added_at"]


@pytest.mark.parametrize(
    ("method", "body"),
    [("patch", {"quantity": 1.5}), ("put", {"quantity": 1.5, "unit": "unidades"})],
    ids=["L1-patch", "L2-put"],
)
def test_row30_sets_a_stack_quantity(client, auth_headers, clock, method, body):
    added_at = _two_stacks(client, auth_headers, clock)

    response = getattr(client, method)(
        stack_path("ingredients", "Tomate", added_at, "/quantity"), json=body, headers=auth_headers
    )

    assert response.status_code == 200, response.json
    assert response.json["new_quantity"] == 1.5 and response.json["ingredient"] == "Tomate"
    stacks = ingredient(client, auth_headers, "Tomate")["stacks"]
    assert [s["quantity"] for s in stacks] == [1.5, 2.0]
    assert journal(client, auth_headers, "?reason=corrected")[0]["quantity"] == 1.5


def test_row30_zero_keeps_the_stack(client, auth_headers, clock):
    added_at = _two_stacks(client, auth_headers, clock)

    response = client.patch(
        stack_path("ingredients", "Tomate", added_at, "/quantity"),
        json={"quantity": 0},
        headers=auth_headers,
    )

    assert response.status_code == 200
    assert [s["quantity"] for s in ingredient(client, auth_headers, "Tomate")["stacks"]] == [
        0.0,
        2.0,
    ]


@pytest.mark.parametrize(
    ("method", "body"),
    [("patch", {"serving_quantity": 4}), ("put", {"quantity": 4, "unit": "porciones"})],
    ids=["L1-patch", "L2-put"],
)
def test_row31_sets_a_food_servings(client, auth_headers, method, body):
    dish = add_food(client, auth_headers)["enhanced_data"][0]

    response = getattr(client, method)(
        stack_path("foods", dish["name"], dish["added_at"], "/quantity"),
        json=body,
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    assert response.json["new_serving_quantity"] == 4 and response.json["food"] == dish["name"]
    assert food(client, auth_headers, dish["name"])["serving_quantity"] == 4


@pytest.mark.parametrize("layer", ["L1", "L2"])
def test_row32_deletes_the_whole_ingredient(client, auth_headers, clock, layer):
    added_at = _two_stacks(client, auth_headers, clock, name="Ají/rocoto")
    path = (
        f"/api/inventory/ingredients/{path_name('Ají/rocoto')}"
        if layer == "L1"
        else stack_path("ingredients", "Ají/rocoto", added_at, "/complete")
    )

    response = client.delete(path, headers=auth_headers)

    assert response.status_code == 200, response.json
    assert response.json["deleted"] == "all_stacks" and response.json["ingredient"] == "Ají/rocoto"
    assert ingredient(client, auth_headers, "Ají/rocoto") is None


def test_row33_l1_partial_consumption_with_reason_and_recipe(client, auth_headers, clock):
    added_at = _two_stacks(client, auth_headers, clock)
    body = {
        "consumed_quantity": 1,
        "consumption_reason": "cocinado",
        "recipe_used": "Salsa criolla",
    }

    response = client.post(
        stack_path("ingredients", "Tomate", added_at, "/consume"), json=body, headers=auth_headers
    )

    assert response.status_code == 200, response.json
    reply = response.json
    assert reply["action"] == "partial_consumption" and reply["stack_removed"] is False
    assert reply["consumption_data"]["remaining_quantity"] == 2.0
    assert reply["ingredient"] == "Tomate" and reply["consumed_quantity"] == 1.0
    assert reply["unit"] == "unidades" and reply["original_added_at"] == added_at
    assert {"message", "consumed_at"} <= set(reply)
    assert [s["quantity"] for s in ingredient(client, auth_headers, "Tomate")["stacks"]] == [
        2.0,
        2.0,
    ]
    [entry] = journal(client, auth_headers, "?reason=cooked")
    assert entry["recipe_used"] == "Salsa criolla" and entry["quantity"] == 1.0


def test_row33_l2_consumes_in_its_unit_at_its_time(client, auth_headers, clock):
    added = add(client, auth_headers, line("Arroz", 1, "kg"))["ingredients"][0]["stacks"][0]
    eaten_at = (clock.now() - timedelta(hours=2)).replace(tzinfo=None)
    body = {"consumed_quantity": 250, "unit": "g", "consumed_at": f"{eaten_at.isoformat()}.123456"}

    response = client.post(
        stack_path("ingredients", "Arroz", added["added_at"], "/consume"),
        json=body,
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    assert response.json["consumption_data"]["remaining_quantity"] == 0.75
    assert response.json["consumed_at"] == eaten_at.isoformat()
    assert response.json["environmental_impact"]["co2_saved"] > 0
    assert ingredient(client, auth_headers, "Arroz")["stacks"][0]["quantity"] == 0.75


def test_row33_no_amount_consumes_the_whole_stack_and_the_last_one_the_ingredient(
    client, auth_headers
):
    added = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["stacks"][0]

    response = client.post(
        stack_path("ingredients", "Tomate", added["added_at"], "/consume"),
        json={},
        headers=auth_headers,
    )

    assert response.status_code == 200
    assert response.json["action"] == "full_consumption" and response.json["stack_removed"] is True
    assert response.json["consumption_data"]["remaining_quantity"] == 0.0
    assert ingredient(client, auth_headers, "Tomate") is None
    assert journal(client, auth_headers, "?reason=consumed")[0]["quantity"] == 3.0


def test_row33_a_wasted_reason_is_journaled_as_waste(client, auth_headers):
    added = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["stacks"][0]

    response = client.post(
        stack_path("ingredients", "Tomate", added["added_at"], "/consume"),
        json={"consumed_quantity": 2, "consumption_reason": "wasted"},
        headers=auth_headers,
    )

    assert response.status_code == 200 and response.json["reason"] == "wasted"
    assert journal(client, auth_headers, "?reason=consumed") == []
    assert journal(client, auth_headers, "?reason=wasted")[0]["quantity"] == 2.0


@pytest.mark.parametrize(
    ("body", "eaten", "left"),
    [
        ({"portions": 1.0}, 1.0, 1.0),
        ({}, 2.0, 0.0),
        (
            {"consumed_quantity": 1, "unit": "porciones", "consumed_at": "2020-01-02T12:00:00.000"},
            1.0,
            1.0,
        ),
    ],
    ids=["L1-portions", "L1-all", "L2"],
)
def test_row34_consumes_food_servings(client, auth_headers, body, eaten, left):
    dish = add_food(client, auth_headers)["enhanced_data"][0]

    response = client.post(
        stack_path("foods", dish["name"], dish["added_at"], "/consume"),
        json=body,
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    reply = response.json
    assert reply["food"] == dish["name"] and reply["consumed_portions"] == eaten
    assert reply["remaining_portions"] == left and reply["food_removed"] is (left == 0)
    assert reply["food_details"]["category"] == "Plato principal"
    assert isinstance(reply["consumption_date"], str)
    stored = food(client, auth_headers, dish["name"])
    assert (stored is None) if left == 0 else stored["serving_quantity"] == 1


@pytest.mark.parametrize("layer", ["L1", "L2"])
def test_row35_detail_counts_days_to_expire_from_today(client, auth_headers, clock, layer):
    added_at = _two_stacks(client, auth_headers, clock)
    clock.advance(timedelta(days=2))
    path = (
        f"/api/inventory/ingredients/{path_name('Tomate')}/detail"
        if layer == "L1"
        else stack_path("ingredients", "Tomate", added_at)
    )

    response = client.get(path, headers=auth_headers)

    assert response.status_code == 200, response.json
    detail = response.json
    assert [s["days_to_expire"] for s in detail["stacks"]] == [2, 7]
    assert all(
        s["is_expired"] is False and isinstance(s["days_to_expire"], int) for s in detail["stacks"]
    )
    assert detail["total_quantity"] == 5.0 and detail["stack_count"] == 2
    assert detail["nearest_expiration"] == detail["stacks"][0]["expiration_date"]
    assert isinstance(detail["enriched_with"], list) and isinstance(detail["fetched_at"], str)
    assert detail["environmental_impact"]["water_footprint"]["value"] > 0
    for key in ("utilization_ideas", "consumption_advice", "before_consumption_advice", "tips"):
        assert key in detail


def test_row35_a_stack_expired_yesterday_is_expired(client, auth_headers, clock):
    add(client, auth_headers, line("Tomate", 1, expiration_time=1))
    clock.advance(timedelta(days=2))

    response = client.get(
        f"/api/inventory/ingredients/{path_name('Tomate')}/detail", headers=auth_headers
    )

    assert response.json["stacks"][0]["is_expired"] is True
    assert response.json["stacks"][0]["days_to_expire"] == -1


@pytest.mark.parametrize("suffix", ["/detail", ""], ids=["L1", "L2"])
def test_row36_food_detail_has_the_types_the_client_casts_to(client, auth_headers, clock, suffix):
    dish = add_food(client, auth_headers)["enhanced_data"][0]
    clock.advance(timedelta(days=1))

    response = client.get(
        stack_path("foods", dish["name"], dish["added_at"], suffix), headers=auth_headers
    )

    assert response.status_code == 200, response.json
    detail = response.json
    ints = ("serving_quantity", "calories", "expiration_time", "days_to_expire", "total_calories")
    assert all(isinstance(detail[k], int) for k in ints), {k: detail[k] for k in ints}
    assert detail["days_to_expire"] == 2 and detail["is_expired"] is False
    assert detail["total_calories"] == 1300 and detail["calories_per_serving"] == 650.0
    assert isinstance(detail["main_ingredients"], list) and detail["category"] == "Plato principal"
    assert detail["added_at"] == dish["added_at"] and detail["time_unit"] == "Días"
    assert isinstance(detail["enriched_with"], list) and isinstance(detail["fetched_at"], str)
    assert {"storage_type", "expiration_date", "storage_advice", "consumption_ideas"} <= set(detail)


def test_row42_l1_expiration_sets_every_stack_and_wins_over_row28(client, auth_headers, clock):
    _two_stacks(client, auth_headers, clock)

    response = client.put(
        f"/api/inventory/ingredients/{path_name('Tomate')}/expiration",
        json={"expiration_date": "2030-06-01T00:00:00.000"},
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    assert response.json["expiration_date"] == "2030-06-01T00:00:00"
    stacks = ingredient(client, auth_headers, "Tomate")["stacks"]
    assert [s["expiration_date"] for s in stacks] == ["2030-06-01T00:00:00"] * 2
    assert [s["quantity"] for s in stacks] == [3.0, 2.0]


def test_row42_l2_expiration_sets_the_named_stack_only(client, auth_headers, clock):
    added_at = _two_stacks(client, auth_headers, clock)

    response = client.put(
        stack_path("ingredients", "Tomate", added_at, "/expiration"),
        json={"expiration_date": "2030-06-01"},
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    stacks = ingredient(client, auth_headers, "Tomate")["stacks"]
    assert [s["expiration_date"] for s in stacks] == [
        expected_day(clock.today() + timedelta(days=9)),
        "2030-06-01T00:00:00",
    ]


def test_row33_consumption_dated_in_the_future_is_refused_and_changes_nothing(
    client, auth_headers, clock
):
    added = add(client, auth_headers, line("Frijol", 1, "kg"))["ingredients"][0]["stacks"][0]
    tomorrow = (clock.now() + timedelta(days=1)).replace(tzinfo=None).isoformat()

    response = client.post(
        stack_path("ingredients", "Frijol", added["added_at"], "/consume"),
        json={"consumed_quantity": 250, "unit": "g", "consumed_at": tomorrow},
        headers=auth_headers,
    )

    assert response.status_code == 400
    assert response.json["code"] == "invalid_consumed_at"
    assert ingredient(client, auth_headers, "Frijol")["stacks"][0]["quantity"] == 1.0
