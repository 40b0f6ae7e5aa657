"""Regression tests for the audit's defects (issue #7 §1): each answered 500, or did the wrong
thing, before its fix. Bad input is a 4xx and stores nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add,
    app_fixture,
    clock_fixture,
    ingredient,
    inventory,
    line,
    stack_path,
)

pytestmark = pytest.mark.api

JSON = {"Content-Type": "application/json"}
BIG_IDS = ["9223372036854775808", "99999999999999999999999"]


def _raw_post(client, headers, path, text):
    return client.post(path, data=text, headers={**headers, **JSON})


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\udc00b"])
def test_a_lone_surrogate_in_a_json_string_is_400_and_stores_nothing(client, auth_headers, escape):
    body = '{"ingredients":[{"name":"T' + escape + '","quantity":1,"type_unit":"kg"}]}'

    response = _raw_post(client, auth_headers, "/api/inventory/ingredients", body)
    profile = client.put(
        "/api/user/profile", data='{"name":"' + escape + '"}', headers={**auth_headers, **JSON}
    )

    assert response.status_code == 400 and response.json["code"] == "bad_request"
    assert profile.status_code == 400
    assert inventory(client, auth_headers)["ingredients"] == []
    assert client.get("/api/user/profile", headers=auth_headers).json["name"] == "Ana"


def test_a_properly_paired_surrogate_escape_is_text(client, auth_headers):
    body = '{"ingredients":[{"name":"Tomate \\ud83c\\udf45","quantity":1,"type_unit":"kg"}]}'

    response = _raw_post(client, auth_headers, "/api/inventory/ingredients", body)

    assert response.status_code == 201, response.json
    assert ingredient(client, auth_headers, "Tomate \U0001f345") is not None


@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_deeply_nested_json_is_400(client, auth_headers, depth):
    nested = "[" * depth + "]" * depth

    response = _raw_post(client, auth_headers, "/api/inventory/ingredients", nested[:-1] + "]")
    wrapped = _raw_post(
        client, auth_headers, "/api/inventory/ingredients", '{"ingredients":' + nested + "}"
    )

    assert response.status_code == 400
    assert wrapped.status_code == 400 and "nested deeper" in wrapped.json["error"]


@pytest.mark.parametrize("big", BIG_IDS)
def test_ids_beyond_64_bits_are_404_in_paths_and_400_in_bodies(client, auth_headers, big):
    item_id = add(client, auth_headers, line("Tomate"))["ingredients"][0]["id"]

    answers = [
        client.get(f"/api/inventory/items/{big}", headers=auth_headers),
        client.patch(f"/api/inventory/items/{big}", json={"tips": "x"}, headers=auth_headers),
        client.delete(f"/api/inventory/items/{big}", headers=auth_headers),
        client.post(f"/api/inventory/items/{big}/consume", json={}, headers=auth_headers),
    ]
    body = client.patch(
        f"/api/inventory/items/{item_id}", json={"stack_id": int(big)}, headers=auth_headers
    )

    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert body.status_code == 400 and "stack_id" in body.json["details"]


@pytest.mark.parametrize("key", ["²", "١٢", "１２"])
def test_a_non_ascii_digit_in_the_legacy_id_is_404(client, auth_headers, key):
    add(client, auth_headers, line("Tomate"))

    response = client.put(f"/api/inventory/{key}", json={"quantity": 1}, headers=auth_headers)

    assert response.status_code == 404 and response.json["code"] == "item_not_found"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "data:image/png;base64,AAAA", "/x.png"]
)
def test_only_http_urls_or_our_keys_are_kept_as_images(client, auth_headers, url):
    added = client.post(
        "/api/inventory/ingredients",
        json={"ingredients": [line("Tomate", image_path=url)]},
        headers=auth_headers,
    )
    photo = client.put("/api/user/profile", json={"photoURL": url}, headers=auth_headers)

    assert added.status_code == 400 and "image_path" in str(added.json["details"])
    assert photo.status_code == 400
    assert inventory(client, auth_headers)["ingredients"] == []


def test_an_https_image_url_is_kept(client, auth_headers):
    url = "https://cdn.example.com/tomate.jpg"

    body = add(client, auth_headers, line("Tomate", image_path=url))
    photo = client.put("/api/user/profile", json={"photoURL": url}, headers=auth_headers)

    assert body["ingredients"][0]["image_path"] == url
    assert photo.status_code == 200


def test_an_unknown_item_type_is_400(client, auth_headers):
    response = client.put(
        "/api/inventory/add_item",
        json={"item_type": "banana", "item_data": {"name": "Tomate", "quantity": 1}},
        headers=auth_headers,
    )

    assert response.status_code == 400 and "item_type" in response.json["details"]
    assert inventory(client, auth_headers)["ingredients"] == []


def test_the_legacy_put_by_id_edits_the_stack_it_names(client, auth_headers, clock):
    add(client, auth_headers, line("Tomate", 3, expiration_time=2))
    clock.advance(timedelta(seconds=1))
    body = add(client, auth_headers, line("Tomate", 2, expiration_time=9))["ingredients"][0]
    later = max(body["stacks"], key=lambda s: s["expiration_date"])

    response = client.put(
        f"/api/inventory/{body['id']}",
        json={"stack_id": later["id"], "quantity": 5},
        headers=auth_headers,
    )

    assert response.status_code == 200, response.json
    stacks = {s["id"]: s["quantity"] for s in ingredient(client, auth_headers, "Tomate")["stacks"]}
    assert stacks[later["id"]] == 5.0 and sorted(stacks.values()) == [3.0, 5.0]


def test_deleting_complete_with_a_date_of_no_stack_is_404_and_keeps_everything(
    client, auth_headers, clock
):
    added = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]
    stamp = added["stacks"][0]["added_at"]
    wrong = stamp[:-2] + ("00" if not stamp.endswith("00") else "01")

    missing = client.delete(
        stack_path("ingredients", "Tomate", wrong, "/complete"), headers=auth_headers
    )
    found = client.delete(
        stack_path("ingredients", "Tomate", stamp, "/complete"), headers=auth_headers
    )

    assert missing.status_code == 404 and missing.json["error"] == "Stack not found"
    assert found.status_code == 200 and found.json["deleted"] == "all_stacks"
    assert ingredient(client, auth_headers, "Tomate") is None


def test_a_missing_ingredient_stack_is_not_called_a_food(client, auth_headers):
    add(client, auth_headers, line("Tomate"))

    response = client.delete(
        stack_path("ingredients", "Tomate", "2020-01-01T00:00:00"), headers=auth_headers
    )

    assert response.status_code == 404
    assert response.json["error"] == "Stack not found"
