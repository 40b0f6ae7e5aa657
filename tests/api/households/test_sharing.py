"""What members share (issue #14 §2-4, inventory): one stock seen and changed by every adult,
a viewer's writes refused (403) with nothing changed, another household's items a 404; the
stock a joiner brings or leaves behind, and the items a leaver takes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.api.households.helpers import BASE, create, current, family, invite, join, member, stock
from tests.api.inventory.helpers import add, app_fixture, clock_fixture, line  # noqa: F401

pytestmark = pytest.mark.api


def item_id(client, who, name: str) -> int:
    response = client.get("/api/inventory", headers=who["headers"])
    return next(i["id"] for i in response.json["ingredients"] if i["name"] == name)


def test_members_see_and_change_the_same_inventory(client, clock):
    owner, adult = family(client, "adult")
    add(client, owner["headers"], line("Tomate", 3))
    assert stock(client, adult) == {"Tomate": 3}
    tomato = item_id(client, adult, "Tomate")
    consumed = client.post(
        f"/api/inventory/items/{tomato}/consume", json={"quantity": 1}, headers=adult["headers"]
    )
    assert consumed.status_code == 200, consumed.json
    clock.advance(timedelta(seconds=1))
    add(client, adult["headers"], line("Arroz", 2, "kg"))
    assert stock(client, owner) == stock(client, adult) == {"Tomate": 2, "Arroz": 2}


def test_a_viewer_reads_the_stock_but_every_write_is_403_and_changes_nothing(client):
    owner, viewer = family(client, "viewer")
    add(client, owner["headers"], line("Tomate", 3))
    tomato, headers = item_id(client, owner, "Tomate"), viewer["headers"]
    writes = [
        client.post(
            "/api/inventory/ingredients", json={"ingredients": [line("Pan")]}, headers=headers
        ),
        client.post(
            f"/api/inventory/items/{tomato}/consume", json={"quantity": 1}, headers=headers
        ),
        client.post(f"/api/inventory/items/{tomato}/waste", json={"quantity": 1}, headers=headers),
        client.patch(f"/api/inventory/items/{tomato}", json={"tips": "x"}, headers=headers),
        client.delete(f"/api/inventory/items/{tomato}", headers=headers),
    ]
    assert [(r.status_code, r.json["code"]) for r in writes] == [
        (403, "household_role_forbidden")
    ] * len(writes)
    assert stock(client, viewer) == stock(client, owner) == {"Tomate": 3}
    journal = client.get("/api/inventory/journal", headers=owner["headers"]).json
    assert [e["reason"] for e in journal["entries"]] == ["added"]


def test_another_households_items_are_404_for_reads_and_writes(client):
    owner, _adult = family(client, "adult")
    add(client, owner["headers"], line("Tomate", 3))
    tomato, stranger = item_id(client, owner, "Tomate"), member(client, "stranger")
    read = client.get(f"/api/inventory/items/{tomato}", headers=stranger["headers"])
    write = client.post(
        f"/api/inventory/items/{tomato}/consume", json={"quantity": 1}, headers=stranger["headers"]
    )
    assert (read.status_code, write.status_code) == (404, 404)
    assert stock(client, owner) == {"Tomate": 3} and stock(client, stranger) == {}


def test_a_joiner_brings_their_stock_merging_names_the_household_has(client, app):
    ana, ben = member(client, "ana"), member(client, "ben")
    create(client, ana)
    add(client, ana["headers"], line("Arroz", 1, "kg"))
    add(client, ben["headers"], line("Arroz", 500, "g"), line("Tomate", 2))
    old_home = current(client, ben)["id"]
    response = join(client, ben, invite(client, ana)["code"])
    assert response.status_code == 200
    assert response.json["stock"] == {"items": 2, "left_behind": []}
    assert stock(client, ana) == stock(client, ben) == {"Arroz": 1.5, "Tomate": 2}
    with app.extensions["zerowaste.engine"].connect() as conn:
        gone = conn.execute(
            text("SELECT COUNT(*) FROM households WHERE id = :id"), {"id": old_home}
        )
        assert gone.scalar() == 0  # the emptied household of one is deleted
    journal = client.get("/api/inventory/journal", headers=ana["headers"]).json
    assert sorted(e["item_name"] for e in journal["entries"]) == ["Arroz", "Arroz", "Tomate"]


def test_a_joiner_may_leave_their_stock_behind(client):
    ana, ben = member(client, "ana"), member(client, "ben")
    add(client, ben["headers"], line("Tomate", 2))
    response = join(client, ben, invite(client, ana)["code"], bring_stock=False)
    assert response.status_code == 200
    assert response.json["stock"] == {"items": 0, "left_behind": []}
    assert stock(client, ana) == stock(client, ben) == {}


def test_stock_whose_units_do_not_convert_is_named_and_stays_out(client):
    ana, ben = member(client, "ana"), member(client, "ben")
    add(client, ana["headers"], line("Arroz", 1, "kg"))
    add(client, ben["headers"], line("Arroz", 3, "unidades"), line("Tomate", 2))
    response = join(client, ben, invite(client, ana)["code"])
    assert response.json["stock"] == {"items": 1, "left_behind": ["Arroz"]}
    assert stock(client, ana) == {"Arroz": 1, "Tomate": 2}


@pytest.mark.parametrize("take", [True, False])
def test_a_leaver_takes_the_items_they_added_only_when_asked(client, take):
    owner, adult = family(client, "adult")
    add(client, owner["headers"], line("Pan", 1))
    add(client, adult["headers"], line("Leche", 2))
    response = client.post(f"{BASE}/leave", json={"take_items": take}, headers=adult["headers"])
    assert response.status_code == 200
    assert response.json["stock"]["items"] == (1 if take else 0)
    assert stock(client, adult) == ({"Leche": 2} if take else {})
    assert stock(client, owner) == ({"Pan": 1} if take else {"Pan": 1, "Leche": 2})


def test_a_user_alone_keeps_the_mobile_clients_behaviour(client):
    ana = member(client, "ana")
    add(client, ana["headers"], line("Tomate", 3))
    tomato = item_id(client, ana, "Tomate")
    consumed = client.post(
        f"/api/inventory/items/{tomato}/consume", json={"quantity": 1}, headers=ana["headers"]
    )
    assert consumed.status_code == 200 and stock(client, ana) == {"Tomate": 2}


def test_the_journal_says_which_member_did_what(client, clock):
    owner, adult = family(client, "adult")
    add(client, owner["headers"], line("Tomate", 3))
    tomato = item_id(client, adult, "Tomate")
    clock.advance(timedelta(seconds=1))
    client.post(
        f"/api/inventory/items/{tomato}/consume", json={"quantity": 1}, headers=adult["headers"]
    )
    entries = client.get("/api/inventory/journal", headers=owner["headers"]).json["entries"]
    assert [(e["reason"], e["user_uid"]) for e in entries] == [
        ("consumed", adult["uid"]),
        ("added", owner["uid"]),
    ]
