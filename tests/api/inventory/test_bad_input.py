"""Bad input is a clear 400 (with `code` and `details`) that stores nothing; every storage, unit
and time-unit spelling the client sends is accepted and normalised."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add,
    app_fixture,
    clock_fixture,
    expected_day,
    ingredient,
    inventory,
    journal,
    line,
    stack_path,
)

pytestmark = pytest.mark.api


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quantity": -1}, "quantity"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 1e12}, "quantity"),
        ({"quantity": "mucho"}, "quantity"),
        ({"quantity": True}, "quantity"),
        ({"type_unit": "furlongs"}, "type_unit"),
        ({"expiration_date": "2025-13-45"}, "expiration_date"),
        ({"expiration_date": "mañana"}, "expiration_date"),
        ({"name": "x" * 10_000}, "name"),
        ({"name": ""}, "name"),
        ({"storage_type": "garage"}, "storage_type"),
        ({"time_unit": "lunas"}, "time_unit"),
        ({"tips": "t" * 1001}, "tips"),
        ({"expiration_time": "siete"}, "expiration_time"),
    ],
    ids=lambda v: str(v)[:30] if isinstance(v, dict) else v,
)
def test_a_bad_line_is_400_with_its_path_and_nothing_is_stored(client, auth_headers, change, field):
    good = line("Arroz", 1, "kg")
    bad = line("Tomate") | change

    response = client.post(
        "/api/inventory/ingredients", json={"ingredients": [good, bad]}, headers=auth_headers
    )

    assert response.status_code == 400
    assert response.json["code"] == "validation_error"
    assert field in response.json["details"]["ingredients"]["1"]
    assert inventory(client, auth_headers)["ingredients"] == []
    assert journal(client, auth_headers) == []


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"quantity": 101, "type_unit": "kg"}, "invalid_quantity"),  # over 100 kg
        ({"name": "To\u200bmate"}, "invalid_name"),  # zero-width character
        ({"expiration_date": "2020-01-01"}, "invalid_expiry"),  # before the day it is added
    ],
    ids=["over-100-kg", "control-char-name", "expiry-in-the-past"],
)
def test_domain_rules_reject_with_their_code_and_store_nothing(client, auth_headers, payload, code):
    response = client.post(
        "/api/inventory/ingredients", json={"ingredients": [line() | payload]}, headers=auth_headers
    )

    assert response.status_code == 400 and response.json["code"] == code
    assert inventory(client, auth_headers)["ingredients"] == []


def test_more_than_100_lines_is_400(client, auth_headers):
    lines = [line(f"Item {i}") for i in range(101)]

    response = client.post(
        "/api/inventory/ingredients", json={"ingredients": lines}, headers=auth_headers
    )

    assert response.status_code == 400 and "ingredients" in response.json["details"]


@pytest.mark.parametrize("body", ["not json", "[1, 2]"])
def test_a_body_that_is_not_a_json_object_is_400(client, auth_headers, body):
    response = client.post(
        "/api/inventory/ingredients",
        data=body,
        content_type="application/json",
        headers=auth_headers,
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/consume", {"consumed_quantity": -2}),
        ("/consume", {"consumed_quantity": 1e12}),
        ("/consume", {"consumed_quantity": 1, "unit": "furlongs"}),
        ("/consume", {"consumed_quantity": 1, "consumed_at": "mañana"}),
        ("/quantity", {"quantity": -1}),
        ("/quantity", {"quantity": 1e12}),
        ("/quantity", {}),
        ("/expiration", {"expiration_date": "2025-13-45"}),
        ("", {"storage_type": "garage"}),
        ("", {"quantity": 2, "type_unit": "kg"}),  # stack counted in units
    ],
)
def test_bad_stack_writes_are_400_and_change_nothing(client, auth_headers, path, body):
    added = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["stacks"][0]
    before, entries = inventory(client, auth_headers), journal(client, auth_headers)
    method = client.post if path == "/consume" else client.put

    response = method(
        stack_path("ingredients", "Tomate", added["added_at"], path),
        json=body,
        headers=auth_headers,
    )

    assert response.status_code == 400, response.json
    assert response.json["code"] and response.json["error"]
    if response.json["code"] == "validation_error":
        assert response.json["details"]
    assert inventory(client, auth_headers) == before and journal(client, auth_headers) == entries


@pytest.mark.parametrize("stamp", ["mañana", "2025-13-45T10:00:00.000Z", "x" * 60])
def test_a_malformed_added_at_in_the_path_is_400(client, auth_headers, stamp):
    add(client, auth_headers, line("Tomate", 3))

    response = client.post(
        f"/api/inventory/ingredients/Tomate/{stamp}/consume", json={}, headers=auth_headers
    )

    assert response.status_code == 400 and "added_at" in response.json["details"]
    assert ingredient(client, auth_headers, "Tomate")["stacks"][0]["quantity"] == 3.0


def test_a_well_formed_added_at_that_matches_no_stack_is_404(client, auth_headers):
    add(client, auth_headers, line("Tomate", 3))

    response = client.post(
        "/api/inventory/ingredients/Tomate/2001-01-01T00:00:00.000Z/consume",
        json={},
        headers=auth_headers,
    )

    assert response.status_code == 404 and response.json["code"] == "item_not_found"


@pytest.mark.parametrize(
    ("spelling", "label"),
    [
        ("Refrigerado", "Refrigerado"),
        ("refrigerador", "Refrigerado"),
        ("refrigerated", "Refrigerado"),
        ("fridge", "Refrigerado"),
        ("Congelado", "Congelado"),
        ("congelador", "Congelado"),
        ("freezer", "Congelado"),
        ("frozen", "Congelado"),
        ("Ambiente", "Ambiente"),
        ("despensa", "Ambiente"),
        ("pantry", "Ambiente"),
        ("dry", "Ambiente"),
    ],
)
def test_every_storage_spelling_is_accepted_and_shown_as_the_client_label(
    client, auth_headers, spelling, label
):
    add(client, auth_headers, line("Tomate", storage_type=spelling))

    stored = ingredient(client, auth_headers, "Tomate")

    assert stored["storage_type"] == label and stored["stacks"][0]["storage_type"] == label


@pytest.mark.parametrize(
    ("spelling", "label", "code"),
    [
        ("unidades", "unidades", "unit"),
        ("piezas", "unidades", "unit"),
        ("kg", "kg", "kg"),
        ("g", "g", "g"),
        ("gramos", "g", "g"),
        ("litros", "l", "l"),
        ("ml", "ml", "ml"),
        ("tazas", "tazas", "cup"),
        ("cucharadas", "cucharadas", "tbsp"),
        ("Kilogramos", "kg", "kg"),
    ],
)
def test_every_unit_spelling_is_accepted_and_normalised(
    client, auth_headers, spelling, label, code
):
    add(client, auth_headers, line("Harina", 2, spelling))

    stack = ingredient(client, auth_headers, "Harina")["stacks"][0]

    assert (stack["type_unit"], stack["unit_code"], stack["quantity"]) == (label, code, 2.0)


def _plus_months(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("Días", lambda d: d + timedelta(days=2)),
        ("days", lambda d: d + timedelta(days=2)),
        ("Semanas", lambda d: d + timedelta(days=14)),
        ("weeks", lambda d: d + timedelta(days=14)),
        ("Meses", lambda d: _plus_months(d, 2)),
        ("months", lambda d: _plus_months(d, 2)),
        ("Años", lambda d: _plus_months(d, 24)),
        ("years", lambda d: _plus_months(d, 24)),
    ],
)
def test_every_time_unit_spelling_sets_the_expiry(client, auth_headers, clock, unit, expected):
    add(client, auth_headers, line("Arroz", 1, "kg", expiration_time=2, time_unit=unit))

    stack = ingredient(client, auth_headers, "Arroz")["stacks"][0]

    assert stack["expiration_date"] == expected_day(expected(clock.today()))
