"""Deleting an account: personal data and uploaded files always go; the household, and what
it owns, only when the account was its last member (issue #7 §2), on SQLite and MariaDB.

Membership has no API yet (the households issue): a second member is put into a household
through the database, as that feature's join will do.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import (  # noqa: F401
    add,
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
    inventory,
    line,
)
from tests.images import picture, post, stored_files

pytestmark = pytest.mark.api

PROFILE = "/api/user/profile"


def _scalar(app: Any, sql: str, **params: Any) -> Any:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _household(app: Any, uid: str) -> str:
    return str(_scalar(app, "SELECT household_id FROM users WHERE uid = :uid", uid=uid))


def _join(app: Any, uid: str, household: str) -> None:
    """Move a user into another household (what the households feature's join will do)."""
    own = _household(app, uid)
    with app.extensions["zerowaste.engine"].begin() as conn:
        conn.execute(
            text("UPDATE users SET household_id = :h WHERE uid = :uid"),
            {"h": household, "uid": uid},
        )
        conn.execute(text("DELETE FROM households WHERE id = :h"), {"h": own})


@pytest.fixture(name="settings")
def settings_on_both_databases(any_db_settings: Any) -> Any:
    return any_db_settings


def test_the_last_member_takes_the_household_its_inventory_and_files(app, client, settings):
    ana = signup(client)
    headers, uid = bearer(ana["access_token"]), ana["user"]["uid"]
    household = _household(app, uid)
    add(client, headers, line("Leche", 1, "litros"))
    assert post(client, headers, picture()).status_code == 201
    assert any(uid in str(path) for path in stored_files(settings))

    response = client.delete(PROFILE, headers=headers)

    assert response.status_code == 200, response.json
    assert _scalar(app, "SELECT COUNT(*) FROM households WHERE id = :h", h=household) == 0
    for table in ("inventory_items", "inventory_stacks", "inventory_journal"):
        query = f"SELECT COUNT(*) FROM {table} WHERE household_id = :h"
        assert _scalar(app, query, h=household) == 0, table
    assert not any(uid in str(path) for path in stored_files(settings))
    assert client.get(PROFILE, headers=headers).status_code == 401


def test_a_member_leaving_keeps_the_households_shared_inventory(app, client, clock):
    ana, ben = signup(client), signup(client)
    ana_headers, ben_headers = bearer(ana["access_token"]), bearer(ben["access_token"])
    household = _household(app, ana["user"]["uid"])
    _join(app, ben["user"]["uid"], household)
    add(client, ana_headers, line("Leche", 1, "litros"))
    add(client, ben_headers, line("Pan", 2))

    response = client.delete(PROFILE, headers=ana_headers)

    assert response.status_code == 200, response.json
    names = sorted(i["name"] for i in inventory(client, ben_headers)["ingredients"])
    assert names == ["Leche", "Pan"]
    assert _scalar(app, "SELECT COUNT(*) FROM households WHERE id = :h", h=household) == 1
    added_by = "SELECT added_by FROM inventory_items WHERE name = :n AND household_id = :h"
    assert _scalar(app, added_by, n="Leche", h=household) is None  # forgotten, not deleted
    assert _scalar(app, added_by, n="Pan", h=household) == ben["user"]["uid"]
    who = "SELECT COUNT(*) FROM inventory_journal WHERE household_id = :h AND user_uid IS NULL"
    assert _scalar(app, who, h=household) == 1


def test_members_share_one_inventory_and_one_version(app, client):
    ana, ben = signup(client), signup(client)
    ana_headers, ben_headers = bearer(ana["access_token"]), bearer(ben["access_token"])
    _join(app, ben["user"]["uid"], _household(app, ana["user"]["uid"]))
    add(client, ana_headers, line("Leche", 1, "litros"))
    before = inventory(client, ben_headers)  # cached for Ben

    add(client, ana_headers, line("Pan", 2))  # Ana's write must reach Ben's cached list

    after = sorted(i["name"] for i in inventory(client, ben_headers)["ingredients"])
    assert [i["name"] for i in before["ingredients"]] == ["Leche"]
    assert after == ["Leche", "Pan"]
