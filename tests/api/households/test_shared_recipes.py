"""The recipe book and cook history are the household's (issue #14 §2): what one member saves
or cooks, every member sees; another household sees nothing of it and gets 404s."""

from __future__ import annotations

import pytest

from tests.api.households.helpers import family, member
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401
from tests.api.recipes.test_book import CLIENT_RECIPE

pytestmark = pytest.mark.api


def save(client, who, status: int = 201, **changes) -> dict:
    response = client.post(
        "/api/recipes/save", json=CLIENT_RECIPE | changes, headers=who["headers"]
    )
    assert response.status_code == status, response.json
    return dict(response.json)


def saved_uids(client, who) -> list[str]:
    response = client.get("/api/recipes/saved", headers=who["headers"])
    assert response.status_code == 200, response.json
    return [r["uid"] for r in response.json["recipes"]]


def cooks(client, who) -> list[str]:
    url = "/api/recipes/history?event=cooked"
    response = client.get(url, headers=who["headers"])
    assert response.status_code == 200, response.json
    return [h["recipe_uid"] for h in response.json["history"]]


def test_a_recipe_one_member_saves_is_in_every_members_book(client):
    owner, adult, viewer = family(client, "adult", "viewer")
    uid = save(client, adult)["recipe"]["uid"]

    for who in (owner, adult, viewer):
        assert saved_uids(client, who) == [uid]
        assert client.get(f"/api/recipes/{uid}", headers=who["headers"]).status_code == 200
    deleted = client.delete(f"/api/recipes/{uid}", headers=owner["headers"])
    assert deleted.status_code == 200, deleted.json
    assert saved_uids(client, adult) == []


def test_another_households_book_is_empty_and_its_recipes_404(client):
    _owner, adult = family(client, "adult")
    outsider = member(client, "outsider")
    uid = save(client, adult)["recipe"]["uid"]

    assert saved_uids(client, outsider) == []
    assert client.get(f"/api/recipes/{uid}", headers=outsider["headers"]).status_code == 404
    assert client.delete(f"/api/recipes/{uid}", headers=outsider["headers"]).status_code == 404
    assert saved_uids(client, adult) == [uid]


def test_what_one_member_cooks_is_the_households_cook_history(client):
    owner, adult, viewer = family(client, "adult", "viewer")
    outsider = member(client, "outsider")
    uid = save(client, owner)["recipe"]["uid"]
    body = {"recipe_uid": uid, "event": "cooked"}

    cooked = client.post("/api/recipes/history", json=body, headers=adult["headers"])

    assert cooked.status_code == 201, cooked.json
    for who in (owner, adult, viewer):
        assert cooks(client, who) == [uid]
    assert cooks(client, outsider) == []
    theirs = client.post("/api/recipes/history", json=body, headers=outsider["headers"])
    assert theirs.status_code == 404, theirs.json
