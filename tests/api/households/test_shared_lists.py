"""Shopping lists are the household's (issue #14 §2, §4): every member reads them, adults
change them, a viewer's changes are 403 and store nothing, another household gets 404."""

from __future__ import annotations

import pytest

from tests.api.households.helpers import family, invite, join, member
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401

pytestmark = pytest.mark.api
LISTS = "/api/shopping-lists"


def new_list(client, who, name: str = "Semana") -> dict:
    body = {"name": name, "items": [{"name": "Leche", "quantity": 2, "unit": "l"}]}
    response = client.post(LISTS, json=body, headers=who["headers"])
    assert response.status_code == 201, response.json
    return dict(response.json)


def names(client, who, list_id: int) -> list[str]:
    response = client.get(f"{LISTS}/{list_id}", headers=who["headers"])
    assert response.status_code == 200, response.json
    return sorted(i["name"] for aisle in response.json["aisles"] for i in aisle["items"])


def test_members_share_lists_and_an_adult_changes_them(client):
    owner, adult = family(client, "adult")
    made = new_list(client, owner)
    added = client.post(
        f"{LISTS}/{made['id']}/items", json={"name": "Pan"}, headers=adult["headers"]
    )
    assert added.status_code == 201, added.json
    assert names(client, owner, made["id"]) == names(client, adult, made["id"]) == ["Leche", "Pan"]
    listed = client.get(LISTS, headers=adult["headers"]).json
    assert [found["id"] for found in listed["lists"]] == [made["id"]]


def test_a_viewer_reads_lists_but_every_change_is_403(client):
    owner, viewer = family(client, "viewer")
    made = new_list(client, owner)
    headers, one = viewer["headers"], f"{LISTS}/{made['id']}"
    item = made["aisles"][0]["items"][0]["id"]
    writes = [
        client.post(LISTS, json={"name": "Mía"}, headers=headers),
        client.patch(one, json={"name": "Otra"}, headers=headers),
        client.post(f"{one}/items", json={"name": "Pan"}, headers=headers),
        client.patch(f"{one}/items/{item}", json={"checked": True}, headers=headers),
        client.delete(f"{one}/items/{item}", headers=headers),
        client.delete(one, headers=headers),
    ]
    assert [(r.status_code, r.json["code"]) for r in writes] == [
        (403, "household_role_forbidden")
    ] * len(writes)
    assert names(client, viewer, made["id"]) == ["Leche"]
    lists = client.get(LISTS, headers=owner["headers"]).json["lists"]
    assert [(found["name"], found["id"]) for found in lists] == [("Semana", made["id"])]


def test_another_households_list_is_404(client):
    owner, _adult = family(client, "adult")
    made, stranger = new_list(client, owner), member(client, "stranger")
    assert client.get(f"{LISTS}/{made['id']}", headers=stranger["headers"]).status_code == 404
    renamed = client.patch(
        f"{LISTS}/{made['id']}", json={"name": "Mía"}, headers=stranger["headers"]
    )
    assert renamed.status_code == 404
    assert names(client, owner, made["id"]) == ["Leche"]


def test_a_joiners_lists_join_with_them_even_when_their_stock_stays_behind(client):
    ana, ben = member(client, "ana"), member(client, "ben")
    made = new_list(client, ben, "De Ben")
    response = join(client, ben, invite(client, ana)["code"], bring_stock=False)
    assert response.status_code == 200
    assert names(client, ana, made["id"]) == ["Leche"]
    listed = client.get(LISTS, headers=ana["headers"]).json["lists"]
    assert [found["name"] for found in listed] == ["De Ben"]
