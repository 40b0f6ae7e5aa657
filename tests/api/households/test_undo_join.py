"""The owner's undo of a join within a day (issue #14 §3): the join is written down (who, from
which household, what moved), and `POST /api/households/joins/<id>/undo` sends the joiner back
to a household of their own with what is left of what they brought; once, within 24 h, by an
owner only; another household's join is a 404."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.api.households.helpers import BASE, create, current, family, invite, join, member, stock
from tests.api.inventory.helpers import add, app_fixture, clock_fixture, line  # noqa: F401

pytestmark = pytest.mark.api


def _undo(client, who, join_id):
    return client.post(f"{BASE}/joins/{join_id}/undo", headers=who["headers"])


def _joined(client, owner, joiner, role="adult"):
    response = join(client, joiner, invite(client, owner, role)["code"])
    assert response.status_code == 200, response.json
    return response.json["join_id"]


def test_the_owner_undoes_a_join_and_the_joiner_takes_back_what_they_brought(client, app):
    ana, ben = member(client, "ana"), member(client, "ben")
    create(client, ana)
    add(client, ana["headers"], line("Arroz", 1, "kg"))
    add(client, ben["headers"], line("Arroz", 500, "g"), line("Tomate", 2))
    join_id = _joined(client, ana, ben)
    assert stock(client, ana) == {"Arroz": 1.5, "Tomate": 2}

    listed = client.get(f"{BASE}/{current(client, ana)['id']}/joins", headers=ana["headers"])
    assert listed.status_code == 200
    (entry,) = listed.json["joins"]
    assert entry["id"] == join_id and entry["user_uid"] == ben["uid"]
    assert entry["role"] == "adult" and entry["undone_at"] is None

    undone = _undo(client, ana, join_id)
    assert undone.status_code == 200, undone.json
    assert undone.json["stock"]["items"] == 2 and undone.json["household"]["shared"] is False
    assert stock(client, ana) == {"Arroz": 1}
    assert stock(client, ben) == {"Arroz": 0.5, "Tomate": 2}  # 500 g, in the kg item's unit
    mine = current(client, ben)
    assert mine["my_role"] == "owner" and mine["shared"] is False
    assert mine["id"] != current(client, ana)["id"]

    again = _undo(client, ana, join_id)
    assert again.status_code == 409 and again.json["code"] == "join_already_undone"
    with app.extensions["zerowaste.engine"].connect() as conn:
        row = conn.execute(
            text("SELECT undone_at FROM household_joins WHERE id = :i"), {"i": join_id}
        )
        assert row.scalar() is not None


def test_what_was_used_since_stays_used(client):
    ana, ben = member(client, "ana"), member(client, "ben")
    add(client, ben["headers"], line("Tomate", 2))
    join_id = _joined(client, ana, ben)
    tomato = next(
        i["id"]
        for i in client.get("/api/inventory", headers=ana["headers"]).json["ingredients"]
        if i["name"] == "Tomate"
    )
    consumed = client.post(
        f"/api/inventory/items/{tomato}/consume", json={"quantity": 1}, headers=ana["headers"]
    )
    assert consumed.status_code == 200, consumed.json
    assert _undo(client, ana, join_id).status_code == 200
    assert stock(client, ben) == {"Tomate": 1} and stock(client, ana) == {}


def test_a_day_later_it_is_too_late(client, clock):
    ana, ben = member(client, "ana"), member(client, "ben")
    join_id = _joined(client, ana, ben)
    clock.advance(timedelta(hours=24))
    late = _undo(client, ana, join_id)
    assert late.status_code == 422 and late.json["code"] == "undo_expired"
    assert current(client, ben)["id"] == current(client, ana)["id"]
    household = current(client, ana)["id"]
    assert client.get(f"{BASE}/{household}/joins", headers=ana["headers"]).json["joins"] == []


def test_only_the_owner_undoes_and_another_household_is_404(client):
    owner, adult, viewer = family(client, "adult", "viewer")
    join_id = _joined(client, owner, member(client, "cris"))
    household = current(client, owner)["id"]
    for who in (adult, viewer):
        refused = _undo(client, who, join_id)
        assert refused.status_code == 403 and refused.json["code"] == "household_role_forbidden"
        assert client.get(f"{BASE}/{household}/joins", headers=who["headers"]).status_code == 403
    stranger = member(client, "dora")
    assert _undo(client, stranger, join_id).status_code == 404
    assert client.get(f"{BASE}/{household}/joins", headers=stranger["headers"]).status_code == 404
    assert _undo(client, owner, 999999).status_code == 404
    assert len(current(client, owner)["members"]) == 4  # nothing changed


def test_a_joiner_who_left_is_404_and_one_made_owner_is_protected(client):
    ana, ben, cris = member(client, "ana"), member(client, "ben"), member(client, "cris")
    gone = _joined(client, ana, ben)
    assert client.post(f"{BASE}/leave", json={}, headers=ben["headers"]).status_code == 200
    missing = _undo(client, ana, gone)
    assert missing.status_code == 404 and missing.json["code"] == "member_not_found"
    promoted = _joined(client, ana, cris)
    household = current(client, ana)["id"]
    made_owner = client.patch(
        f"{BASE}/{household}/members/{cris['uid']}", json={"role": "owner"}, headers=ana["headers"]
    )
    assert made_owner.status_code == 200
    protected = _undo(client, ana, promoted)  # an owner is removed by nobody but themselves
    assert protected.status_code == 403 and protected.json["code"] == "owner_protected"
    assert len(current(client, ana)["members"]) == 2
