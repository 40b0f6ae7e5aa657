"""Another user's items are 404 on every read and write route (legacy and id-based), and the
owner's data is unchanged afterwards; list reads only ever show the caller's own items."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add,
    add_food,
    app_fixture,
    client_stamp,
    clock_fixture,
    inventory,
    journal,
    line,
)

pytestmark = pytest.mark.api

STACK = "/api/inventory/ingredients/Tomate/{stamp}"
FOOD = "/api/inventory/foods/{food}/{food_stamp}"
ROUTES = [
    ("GET", "/api/inventory/items/{id}", None),
    ("PATCH", "/api/inventory/items/{id}", {"quantity": 1, "stack_id": "{stack_id}"}),
    ("DELETE", "/api/inventory/items/{id}", None),
    ("POST", "/api/inventory/items/{id}/consume", {"quantity": 1}),
    ("POST", "/api/inventory/items/{id}/waste", {"quantity": 1}),
    ("GET", "/api/inventory/items/{food_id}", None),
    ("PUT", "/api/inventory/{id}", {"tips": "Lejos del sol"}),
    ("DELETE", "/api/inventory/{id}", None),
    ("PUT", "/api/inventory/Tomate_stack_0", {"quantity": 1}),
    ("DELETE", "/api/inventory/Tomate_stack_1", None),
    ("PUT", STACK, {"name": "Tomate", "quantity": 1, "type_unit": "unidades"}),
    ("DELETE", STACK, None),
    ("DELETE", "/api/inventory/ingredients/{food}/{food_stamp}", None),
    ("PATCH", STACK + "/quantity", {"quantity": 1}),
    ("PUT", STACK + "/quantity", {"quantity": 1, "unit": "unidades"}),
    ("PATCH", FOOD + "/quantity", {"serving_quantity": 1}),
    ("PUT", FOOD + "/quantity", {"quantity": 1, "unit": "porciones"}),
    ("DELETE", "/api/inventory/ingredients/Tomate", None),
    ("DELETE", STACK + "/complete", None),
    ("POST", STACK + "/consume", {"consumed_quantity": 1}),
    ("POST", STACK + "/consume", {"consumed_quantity": 1, "consumption_reason": "wasted"}),
    ("POST", FOOD + "/consume", {}),
    ("GET", "/api/inventory/ingredients/Tomate/detail", None),
    ("GET", STACK, None),
    ("GET", FOOD + "/detail", None),
    ("GET", FOOD, None),
    ("PUT", "/api/inventory/ingredients/Tomate/expiration", {"expiration_date": "2030-01-01"}),
    ("PUT", STACK + "/expiration", {"expiration_date": "2030-01-01"}),
]


def _fill(value, ids):
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value.format(**ids) if isinstance(value, str) else value


@pytest.fixture
def owners_items(client, auth_headers, clock):
    """User A's Tomate (two stacks) and a food; the ids and stamps the routes need."""
    tomato = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]
    clock.advance(timedelta(seconds=1))
    add(client, auth_headers, line("Tomate", 2))
    dish = add_food(client, auth_headers)["enhanced_data"][0]
    return {
        "id": tomato["id"],
        "stack_id": tomato["stacks"][0]["id"],
        "stamp": quote(client_stamp(tomato["stacks"][0]["added_at"]), safe=""),
        "food_id": dish["id"],
        "food": quote(dish["name"], safe=""),
        "food_stamp": quote(client_stamp(dish["added_at"]), safe=""),
    }


@pytest.mark.parametrize(
    ("method", "template", "body"), ROUTES, ids=[f"{m} {t}" for m, t, _ in ROUTES]
)
def test_another_users_item_is_404_and_the_owners_data_is_unchanged(
    client, auth_headers, other_headers, owners_items, method, template, body
):
    before, entries = inventory(client, auth_headers), journal(client, auth_headers)
    path = _fill(template, owners_items)

    response = client.open(
        path, method=method, json=_fill(body, owners_items), headers=other_headers
    )

    assert response.status_code == 404, (path, response.json)
    assert response.json["code"] in {"item_not_found", "stack_not_found", "not_found"}
    assert inventory(client, auth_headers) == before
    assert journal(client, auth_headers) == entries
    own = client.open(path, method=method, json=_fill(body, owners_items), headers=auth_headers)
    assert own.status_code in {200, 201}, (path, own.json)  # the route itself works for A


def test_lists_show_only_the_callers_items(client, auth_headers, other_headers, owners_items):
    reads = [
        "/api/inventory",
        "/api/inventory/complete",
        "/api/inventory/simple",
        "/api/inventory/expiring?days=30",
        "/api/inventory/ingredients/list",
        "/api/inventory/journal",
    ]

    for path in reads:
        response = client.get(path, headers=other_headers)
        assert response.status_code == 200, path
        assert "Tomate" not in str(response.json) and "Lomo" not in str(response.json), path
        assert "Tomate" in str(client.get(path, headers=auth_headers).json), path


READS = [
    ("GET", p, None)
    for p in (
        "/api/inventory",
        "/api/inventory/complete",
        "/api/inventory/simple",
        "/api/inventory/expiring",
        "/api/inventory/ingredients/list",
        "/api/inventory/journal",
    )
]
WRITES = [
    ("POST", p, {})
    for p in (
        "/api/inventory",
        "/api/inventory/ingredients",
        "/api/inventory/add_item",
        "/api/inventory/ingredients/from-recognition",
        "/api/inventory/foods/from-recognition",
    )
]


@pytest.mark.parametrize(
    ("method", "template", "body"),
    ROUTES + READS + WRITES,
    ids=[f"{m} {t}" for m, t, _ in ROUTES + READS + WRITES],
)
def test_every_inventory_route_needs_a_token(client, method, template, body):
    ids = {
        "id": 1,
        "stack_id": 1,
        "stamp": "2025-06-22T20:29:12.000Z",
        "food_id": 2,
        "food": "Lomo",
        "food_stamp": "2025-06-22T20:29:12.000Z",
    }

    response = client.open(_fill(template, ids), method=method, json=_fill(body, ids))

    assert response.status_code == 401 and response.json["code"] == "authorization_required"
