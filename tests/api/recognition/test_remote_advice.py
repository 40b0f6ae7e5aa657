"""Issue #8 §5: with a remote provider configured, new items get its advice from a job (once
per name and language, for every household); footprints stay the data pack's."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import add, line

pytestmark = pytest.mark.api


def complete(client, headers):
    response = client.get("/api/inventory/complete", headers=headers)
    assert response.status_code == 200
    return {i["name"]: i for i in response.json["ingredients"]}


def test_new_items_get_the_remote_advice_and_keep_the_data_packs_footprint(
    client, auth_headers, ai
):
    add(client, auth_headers, line("Tomate"))

    tomato = complete(client, auth_headers)["Tomate"]

    assert tomato["utilization_ideas"][0]["title"] == "Sopa de Tomate"  # the remote advice
    impact = tomato["environmental_impact"]
    assert "Poore" in impact["source"]  # not the model's 1.5 kg
    assert ai.primary.advisor.calls == ["Tomate"]


def test_each_name_is_advised_once_for_every_household(client, auth_headers, second_user, ai):
    add(client, auth_headers, line("Tomate"))
    add(client, second_user, line("tomate"))
    add(client, auth_headers, line("Tomate", 1))  # a new stack, not a new item: no job

    assert ai.primary.advisor.calls == ["Tomate"]
    assert complete(client, second_user)["tomate"]["utilization_ideas"][0]["title"] == (
        "Sopa de Tomate"
    )


def test_a_name_the_data_pack_lacks_gets_the_models_footprint(client, auth_headers, ai):
    add(client, auth_headers, line("Fruta del dragón zzz"))

    item = complete(client, auth_headers)["Fruta del dragón zzz"]

    assert item["environmental_impact"]["carbon_footprint"]["value"] == 1.5
