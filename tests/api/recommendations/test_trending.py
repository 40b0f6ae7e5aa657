"""Row 51: GET /api/recipes/all/trending, the public recipes most cooked or saved lately."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401  (fixtures)
from tests.api.recommendations.test_history import catalog_uids

pytestmark = pytest.mark.api


def cook(client, headers, uid):
    response = client.post(
        "/api/recipes/history", json={"recipe_uid": uid, "event": "cooked"}, headers=headers
    )
    assert response.status_code == 201, response.json


def trending(client, headers, query=""):
    response = client.get(f"/api/recipes/all/trending{query}", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_a_recipe_cooked_by_two_households_ranks_above_one_saved_once(
    client, auth_headers, other_headers, clock
):
    cooked, favoured = catalog_uids(client, auth_headers, 2)
    cook(client, auth_headers, cooked)
    cook(client, other_headers, cooked)
    cook(client, other_headers, cooked)  # the same household again counts once
    saved = client.post(f"/api/recipes/generated/{favoured}/favorite", headers=auth_headers)
    assert saved.status_code == 200, saved.json
    clock.advance(timedelta(minutes=1))

    body = trending(client, auth_headers)

    ranked = [(t["recipe"]["uid"], t["cooked"], t["saved"], t["score"]) for t in body["trending"]]
    assert ranked == [(cooked, 2, 0, 2), (favoured, 0, 1, 1)]
    assert [r["uid"] for r in body["recipes"]] == [cooked, favoured]
    assert body["count"] == 2 and body["days"] == 7


def test_another_households_private_recipe_never_trends(client, auth_headers, clock):
    owner = bearer(signup(client)["access_token"])
    private = client.post(
        "/api/recipes/save",
        json={"title": "Receta privada", "ingredients": [{"name": "Huevo", "quantity": 2}]},
        headers=owner,
    ).json["recipe"]["uid"]
    cook(client, owner, private)
    client.post(f"/api/recipes/generated/{private}/favorite", headers=owner)
    public = catalog_uids(client, auth_headers, 1)[0]
    cook(client, auth_headers, public)
    clock.advance(timedelta(minutes=1))

    for headers in (auth_headers, owner):
        body = trending(client, headers, "?limit=50&days=30")
        uids = [t["recipe"]["uid"] for t in body["trending"]]
        assert uids == [public]
        assert "Receta privada" not in str(body)


def test_the_window_and_the_limit_bound_the_answer(client, auth_headers, other_headers, clock):
    first, second = catalog_uids(client, auth_headers, 2)
    cook(client, auth_headers, first)
    clock.advance(timedelta(days=3))
    cook(client, auth_headers, second)
    cook(client, other_headers, second)
    clock.advance(timedelta(minutes=1))

    last_two_days = trending(client, auth_headers, "?days=2")
    only_one = trending(client, auth_headers, "?limit=1")

    assert [t["recipe"]["uid"] for t in last_two_days["trending"]] == [second]
    assert [t["recipe"]["uid"] for t in only_one["trending"]] == [second]


@pytest.mark.parametrize("query", ["?limit=0", "?limit=51", "?limit=x", "?days=0", "?days=31"])
def test_a_bad_limit_or_window_is_400(client, auth_headers, query):
    response = client.get(f"/api/recipes/all/trending{query}", headers=auth_headers)

    assert response.status_code == 400
    assert response.json["code"] == "validation_error"


def test_trending_needs_a_token(client):
    assert client.get("/api/recipes/all/trending").status_code == 401
