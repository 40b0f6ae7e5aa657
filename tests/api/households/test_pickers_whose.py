"""Search and recommendations say whose allergies they left out (issue #14 §2), in the field
recipe generation uses (`allergies_whose`, the one AllergyWhose schema): every member's for a
household, the caller's own (or none) for a user alone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.api.households.helpers import Json, family, member
from tests.api.households.test_pickers import allergic, lines

pytestmark = [pytest.mark.api, pytest.mark.usefixtures("indexed")]
PEANUT = re.compile(r"\b(peanuts?|cacahuates?|man[ií])\b", re.IGNORECASE)
SATAY = "Chicken Satay with Peanut Sauce"


def whose(term: str, *members: str) -> Json:
    return {
        "term": term,
        "members": list(members),
        "note": f"Leaves out {term}: {', '.join(members)}'s allergy",
    }


def answer(client: Any, who: Json, method: str, url: str, body: Json | None = None) -> Json:
    response = client.open(url, method=method, json=body, headers=who["headers"])
    assert response.status_code == 200, response.json
    return dict(response.json)


def satay_uid(client: Any, who: Json) -> str:
    found = answer(client, who, "POST", "/api/search/semantic", {"query": "peanut satay"})
    return next(r["uid"] for r in found["results"] if r["title"] == SATAY)


def picks(client: Any, who: Json, satay: str) -> dict[str, tuple[Json, list[dict]]]:
    """Each picker's answer, and the recipes (with their lines) it offers."""
    semantic = answer(
        client, who, "POST", "/api/search/semantic", {"query": "peanut satay", "per_page": 50}
    )
    items = [{"name": "cacahuate"}, {"name": "pollo"}, {"name": "arroz"}]
    by_ingredients = answer(
        client, who, "POST", "/api/search/by-ingredients", {"items": items, "per_page": 50}
    )
    recommended = answer(client, who, "GET", "/api/recommendations/recipes?limit=50")
    listed = answer(client, who, "GET", "/api/recipes/all/recommendations?limit=50")
    similar = answer(client, who, "GET", f"/api/recommendations/recipe/{satay}?limit=50")
    to_buy = answer(client, who, "GET", "/api/recommendations/ingredients?limit=50")
    return {
        "semantic": (semantic, [_full(client, who, r["uid"]) for r in semantic["results"]]),
        "by_ingredients": (
            by_ingredients,
            [_full(client, who, r["uid"]) for r in by_ingredients["results"]],
        ),
        "recommended": (recommended, recommended["recipes"]),
        "listed": (listed, listed["recipes"]),
        "similar": (similar, similar["recipes"]),
        "ingredients": (to_buy, []),
    }


def _full(client: Any, who: Json, uid: str) -> dict:
    return answer(client, who, "GET", f"/api/recipes/{uid}")


def test_a_members_picks_leave_out_the_others_peanuts_and_name_them(client):
    owner, adult = family(client, "adult")
    satay = satay_uid(client, adult)
    before = picks(client, adult, satay)
    assert before["semantic"][0]["allergies_whose"] == []
    assert any(PEANUT.search(lines(r)) for r in before["semantic"][1])
    assert any(PEANUT.search(lines(r)) for r in before["by_ingredients"][1])

    allergic(client, owner, "cacahuate", name="Rosa")
    after = picks(client, adult, satay)

    for name, (body, recipes) in after.items():
        assert body["allergies_whose"] == [whose("cacahuate", "Rosa")], name
        assert not [r["title"] for r in recipes if PEANUT.search(lines(r))], name
    assert after["semantic"][1] and after["by_ingredients"][1] and after["similar"][1]
    profile = client.get("/api/user/profile", headers=adult["headers"]).json
    assert not profile.get("allergies")


def test_a_user_alone_is_told_their_own_allergy_or_none(client):
    alone, careless = member(client, "alone"), member(client, "careless")
    allergic(client, alone, "cacahuate", name="Leo")
    satay = satay_uid(client, careless)

    for name, (body, recipes) in picks(client, alone, satay).items():
        assert body["allergies_whose"] == [whose("cacahuate", "Leo")], name
        assert not any(PEANUT.search(lines(r)) for r in recipes), name
    for name, (body, _recipes) in picks(client, careless, satay).items():
        assert body["allergies_whose"] == [], name


def test_the_mobile_clients_recommendation_keys_are_kept(client):
    who = member(client, "mobile")
    body = answer(client, who, "GET", "/api/recipes/all/recommendations?limit=3")

    assert set(body) == {"recipes", "recommendations", "count", "allergies_whose"}
    assert body["count"] == len(body["recipes"]) == len(body["recommendations"]) == 3
