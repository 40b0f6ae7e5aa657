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


def test_a_viewer_reads_the_book_but_may_not_change_it_or_record_cooks(client, clock):
    owner, viewer = family(client, "viewer")
    uid = save(client, owner)["recipe"]["uid"]
    title = {"title": CLIENT_RECIPE["title"]}
    cooked = {"recipe_uid": uid, "event": "cooked"}

    refused = [
        client.post("/api/recipes/save", json=CLIENT_RECIPE, headers=viewer["headers"]),
        client.delete(f"/api/recipes/{uid}", headers=viewer["headers"]),
        client.delete("/api/recipes/delete", json=title, headers=viewer["headers"]),
        client.post("/api/recipes/history", json=cooked, headers=viewer["headers"]),
    ]

    for response in refused:
        assert response.status_code == 403, response.json
        assert response.json["code"] == "household_role_forbidden"
    assert saved_uids(client, viewer) == [uid] and cooks(client, owner) == []
    viewed = {"recipe_uid": uid}  # a view is the viewer's own history
    assert (
        client.post("/api/recipes/history", json=viewed, headers=viewer["headers"]).status_code
        == 201
    )
    meal = {"date": clock.today().isoformat(), "meal_type": "lunch", "name": "Sopa", "kcal": 200}
    logged = client.post("/api/nutrition/log", json=meal, headers=viewer["headers"])
    assert logged.status_code == 201, logged.json  # their own nutrition stays theirs to write


def test_savings_totals_are_the_households_and_each_members(client):
    owner, adult = family(client, "adult")
    outsider = member(client, "outsider")
    uid = save(client, owner)["recipe"]["uid"]
    for who in (owner, adult):  # each computes the shared recipe's savings once
        url = f"/api/environmental_savings/calculate/from-uid/{uid}"
        assert client.post(url, headers=who["headers"]).status_code == 200

    url = "/api/environmental_savings/summary"
    summary = client.get(url, headers=adult["headers"]).json
    alone = client.get(url, headers=outsider["headers"]).json

    one = summary["total_carbon_footprint"]
    assert one > 0 and summary["total_calculations"] == 1
    household = summary["household"]
    assert household["total_carbon_footprint"] == pytest.approx(2 * one)
    assert household["total_calculations"] == 2
    people = {p["user_uid"]: p for p in summary["per_person"]}
    assert set(people) == {owner["uid"], adult["uid"]}
    assert people[owner["uid"]]["total_carbon_footprint"] == pytest.approx(one)
    assert alone["total_calculations"] == alone["household"]["total_calculations"] == 0
    assert [p["user_uid"] for p in alone["per_person"]] == [outsider["uid"]]


def test_a_viewers_refused_save_embeds_nothing(client, monkeypatch):
    """The save's search vectors are made once the caller may save: a viewer's 403 costs no
    embedding (~12 ms of CPU), a member's save makes them once."""
    from zerowaste.application.search.indexing import SearchIndexer

    owner, viewer = family(client, "viewer")
    embedded: list[str] = []
    original = SearchIndexer.vectors_of

    def counting(self, recipes):
        embedded.extend(r.title for r in recipes)
        return original(self, recipes)

    monkeypatch.setattr(SearchIndexer, "vectors_of", counting)

    save(client, viewer, status=403)
    assert embedded == []
    save(client, owner)
    assert embedded == [CLIENT_RECIPE["title"]]
