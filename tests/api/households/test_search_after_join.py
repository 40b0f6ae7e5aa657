"""Search follows the recipe book across a join (issue #14 with #12): the recipes a joiner saved
before joining are the household's afterwards, so every member finds them by search and similar
recipes, and so does the joiner; a household they are not in never does. (A join moves rows
without adding or deleting any, so the search index's version did not change: the members
found nothing until `mark_recipes_moved` was written with each move.) SQLite and MariaDB."""

from __future__ import annotations

import pytest

from tests.api.households.helpers import create, invite, join, member
from tests.api.households.test_shared_recipes import save
from tests.api.inventory.helpers import (  # noqa: F401
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
)

pytestmark = pytest.mark.api
TITLE = "Nopales de la abuela Rosaura"


@pytest.fixture(name="settings")
def settings_on_both_databases(any_db_settings):
    return any_db_settings


def found(client, who) -> list[str]:
    response = client.post(
        "/api/search/semantic", json={"query": "nopales abuela rosaura"}, headers=who["headers"]
    )
    assert response.status_code == 200, response.json
    return [r["uid"] for r in response.json["results"]]


def test_a_joiners_saved_recipe_is_found_by_every_member_after_the_join(client):
    ana, ben, eva = member(client, "ana"), member(client, "ben"), member(client, "eva")
    create(client, ana)
    uid = save(client, ben, title=TITLE)["recipe"]["uid"]
    assert uid in found(client, ben) and uid not in found(client, ana)

    joined = join(client, ben, invite(client, ana)["code"])

    assert joined.status_code == 200, joined.json
    assert uid in found(client, ana)
    assert uid in found(client, ben)
    assert uid not in found(client, eva)
    similar = client.get(f"/api/recommendations/recipe/{uid}", headers=ana["headers"])
    assert similar.status_code == 200, similar.json
