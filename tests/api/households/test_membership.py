"""Households over HTTP (issue #14 §1): create, invite, join, roles, removal, leaving; bad
input is a 4xx that stores nothing; another household is a 404; role violations are 403."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.api.households.helpers import (
    BASE,
    create,
    current,
    family,
    invite,
    join,
    member,
)
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401

pytestmark = pytest.mark.api


def test_a_user_alone_is_the_owner_of_a_household_of_one(client):
    ana = member(client, "ana")
    household = current(client, ana)
    assert household["my_role"] == "owner" and household["shared"] is False
    assert household["name"] == ""
    assert household["members"] == [{"uid": ana["uid"], "name": "Ana", "role": "owner"}]


def test_creating_names_the_callers_household_and_a_second_create_is_409(client):
    ana = member(client, "ana")
    before = current(client, ana)["id"]
    made = create(client, ana, "  Casa Pérez ")
    assert (made["id"], made["name"], made["my_role"]) == (before, "Casa Pérez", "owner")
    again = client.post(BASE, json={"name": "Otra"}, headers=ana["headers"])
    assert again.status_code == 409 and again.json["code"] == "already_in_household"
    assert current(client, ana)["name"] == "Casa Pérez"


@pytest.mark.parametrize(
    "body", [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 121}, {"name": 5}]
)
def test_a_bad_household_name_is_400_and_changes_nothing(client, body):
    ana = member(client, "ana")
    response = client.post(BASE, json=body, headers=ana["headers"])
    assert response.status_code == 400 and response.json["code"] == "validation_error"
    assert current(client, ana)["name"] == ""


def test_an_invitation_is_a_random_code_valid_seven_days_and_stored_hashed(client, app, clock):
    ana = member(client, "ana")
    create(client, ana)
    first, second = invite(client, ana), invite(client, ana, "viewer")
    assert first["code"] != second["code"] and second["role"] == "viewer"
    expires = (clock.now() + timedelta(days=7)).replace(tzinfo=None).isoformat()
    assert first["expires_at"] == expires
    assert first["link"].endswith(f"/api/households/join?code={first['code']}")
    with app.extensions["zerowaste.engine"].connect() as conn:
        stored = conn.execute(text("SELECT code_hash FROM household_invitations")).scalars().all()
    assert sorted(stored) == sorted(
        hashlib.sha256(i["code"].encode()).hexdigest() for i in (first, second)
    )


@pytest.mark.parametrize("body", [{"role": "owner"}, {"role": "boss"}, {"role": 1}])
def test_an_invitation_for_a_bad_role_is_400_and_stores_nothing(client, app, body):
    ana = member(client, "ana")
    household = current(client, ana)["id"]
    response = client.post(f"{BASE}/{household}/invitations", json=body, headers=ana["headers"])
    assert response.status_code == 400
    with app.extensions["zerowaste.engine"].connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM household_invitations")).scalar() == 0


def test_joining_makes_one_household_that_both_members_see_with_roles(client):
    ana, ben = member(client, "ana"), member(client, "ben")
    create(client, ana)
    old_home = current(client, ben)["id"]
    response = join(client, ben, invite(client, ana)["code"])
    assert response.status_code == 200, response.json
    seen_by_ben, seen_by_ana = response.json["household"], current(client, ana)
    assert seen_by_ben["id"] == seen_by_ana["id"] != old_home
    assert seen_by_ben["my_role"] == "adult" and seen_by_ana["my_role"] == "owner"
    assert {(m["uid"], m["role"]) for m in seen_by_ana["members"]} == {
        (ana["uid"], "owner"),
        (ben["uid"], "adult"),
    }


def test_a_code_is_single_use(client):
    ana, ben, cid = member(client, "ana"), member(client, "ben"), member(client, "cid")
    create(client, ana)
    code = invite(client, ana)["code"]
    assert join(client, ben, code).status_code == 200
    again = join(client, cid, code)
    assert again.status_code == 409 and again.json["code"] == "invitation_used"
    assert current(client, cid)["shared"] is False


def test_an_expired_code_is_422_and_an_unknown_one_404(client, clock):
    ana, ben = member(client, "ana"), member(client, "ben")
    code = invite(client, ana)["code"]
    clock.advance(timedelta(days=7))
    expired = join(client, ben, code)
    assert expired.status_code == 422 and expired.json["code"] == "invitation_expired"
    unknown = join(client, ben, "not-a-code")
    assert unknown.status_code == 404 and unknown.json["code"] == "invitation_not_found"
    assert current(client, ben)["shared"] is False


@pytest.mark.parametrize(
    "body", [{}, {"code": ""}, {"code": "x" * 65}, {"code": "a", "bring_stock": "maybe"}]
)
def test_a_bad_join_body_is_400(client, body):
    ben = member(client, "ben")
    response = client.post(f"{BASE}/join", json=body, headers=ben["headers"])
    assert response.status_code == 400


def test_a_member_of_a_shared_household_leaves_before_joining_another(client):
    _owner, adult = family(client, "adult")
    other = member(client, "other")
    response = join(client, adult, invite(client, other)["code"])
    assert response.status_code == 409 and response.json["code"] == "already_in_household"


def test_another_households_routes_are_404(client):
    owner, _adult = family(client, "adult")
    stranger = member(client, "stranger")
    theirs = current(client, owner)["id"]
    headers = stranger["headers"]
    assert client.post(f"{BASE}/{theirs}/invitations", json={}, headers=headers).status_code == 404
    patch = client.patch(
        f"{BASE}/{theirs}/members/{owner['uid']}", json={"role": "viewer"}, headers=headers
    )
    assert patch.status_code == 404 and patch.json["code"] == "household_not_found"
    delete = client.delete(f"{BASE}/{theirs}/members/{owner['uid']}", headers=headers)
    assert delete.status_code == 404
    assert len(current(client, owner)["members"]) == 2


def test_a_member_of_another_household_is_404_on_my_household(client):
    owner, _adult = family(client, "adult")
    stranger = member(client, "stranger")
    mine = current(client, owner)["id"]
    response = client.patch(
        f"{BASE}/{mine}/members/{stranger['uid']}", json={"role": "adult"}, headers=owner["headers"]
    )
    assert response.status_code == 404 and response.json["code"] == "member_not_found"


def test_only_an_owner_invites_changes_roles_and_removes(client):
    owner, adult, viewer = family(client, "adult", "viewer")
    household = current(client, owner)["id"]
    for who in (adult, viewer):
        invited = client.post(f"{BASE}/{household}/invitations", json={}, headers=who["headers"])
        assert invited.status_code == 403 and invited.json["code"] == "household_role_forbidden"
        url = f"{BASE}/{household}/members/{viewer['uid'] if who is adult else adult['uid']}"
        assert client.patch(url, json={"role": "owner"}, headers=who["headers"]).status_code == 403
        assert client.delete(url, headers=who["headers"]).status_code == 403
    roles = {m["uid"]: m["role"] for m in current(client, owner)["members"]}
    assert roles == {owner["uid"]: "owner", adult["uid"]: "adult", viewer["uid"]: "viewer"}


def test_an_owner_changes_a_role_and_a_bad_role_is_400(client):
    owner, adult = family(client, "adult")
    url = f"{BASE}/{current(client, owner)['id']}/members/{adult['uid']}"
    assert client.patch(url, json={"role": "captain"}, headers=owner["headers"]).status_code == 400
    response = client.patch(url, json={"role": "viewer"}, headers=owner["headers"])
    assert response.status_code == 200
    assert current(client, adult)["my_role"] == "viewer"


def test_the_last_owner_hands_over_before_stepping_down_or_leaving(client):
    owner, adult = family(client, "adult")
    household = current(client, owner)["id"]
    mine = f"{BASE}/{household}/members/{owner['uid']}"
    step_down = client.patch(mine, json={"role": "adult"}, headers=owner["headers"])
    assert step_down.status_code == 422 and step_down.json["code"] == "last_owner"
    leave = client.post(f"{BASE}/leave", json={}, headers=owner["headers"])
    assert leave.status_code == 422 and leave.json["code"] == "last_owner"
    hand_over = f"{BASE}/{household}/members/{adult['uid']}"
    assert (
        client.patch(hand_over, json={"role": "owner"}, headers=owner["headers"]).status_code == 200
    )
    left = client.post(f"{BASE}/leave", json={}, headers=owner["headers"])
    assert left.status_code == 200
    assert left.json["household"]["id"] != household
    assert [m["uid"] for m in current(client, adult)["members"]] == [adult["uid"]]
    assert current(client, adult)["my_role"] == "owner"


def test_owners_are_not_removed_by_others(client):
    owner, adult = family(client, "adult")
    household = current(client, owner)["id"]
    promote = f"{BASE}/{household}/members/{adult['uid']}"
    assert (
        client.patch(promote, json={"role": "owner"}, headers=owner["headers"]).status_code == 200
    )
    response = client.delete(f"{BASE}/{household}/members/{owner['uid']}", headers=adult["headers"])
    assert response.status_code == 403 and response.json["code"] == "owner_protected"
    demote = f"{BASE}/{household}/members/{owner['uid']}"
    refused = client.patch(demote, json={"role": "viewer"}, headers=adult["headers"])
    assert refused.status_code == 403 and refused.json["code"] == "owner_protected"


def test_a_removed_member_gets_a_household_of_one(client):
    owner, adult = family(client, "adult")
    household = current(client, owner)["id"]
    response = client.delete(f"{BASE}/{household}/members/{adult['uid']}", headers=owner["headers"])
    assert response.status_code == 200
    assert [m["uid"] for m in response.json["members"]] == [owner["uid"]]
    theirs = current(client, adult)
    assert theirs["id"] != household and theirs["my_role"] == "owner" and not theirs["shared"]


def test_a_user_alone_has_nothing_to_leave(client):
    ana = member(client, "ana")
    response = client.post(f"{BASE}/leave", headers=ana["headers"])
    assert response.status_code == 422 and response.json["code"] == "household_of_one"


def test_deleting_the_last_owners_account_makes_the_first_adult_owner(client):
    owner, viewer, adult = family(client, "viewer", "adult")
    household = current(client, owner)["id"]
    assert client.delete("/api/user/profile", headers=owner["headers"]).status_code == 200
    seen = current(client, adult)
    assert seen["id"] == household and seen["my_role"] == "owner"
    assert {m["uid"]: m["role"] for m in seen["members"]} == {
        viewer["uid"]: "viewer",
        adult["uid"]: "owner",
    }
