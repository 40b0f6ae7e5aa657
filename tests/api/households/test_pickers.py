"""Every recipe picker leaves out the allergies of every member of the caller's household
(issue #14 §2): search (semantic and by ingredients), recommendations and similar recipes;
the allergic member's profile stays theirs, and the answers that can say whose do."""

from __future__ import annotations

import re
from functools import partial

import pytest
from sqlalchemy import event

from tests.api.households.helpers import family, member
from tests.api.inventory.helpers import add, line
from zerowaste.application.search import indexing

pytestmark = pytest.mark.api
EGG = re.compile(r"\b(eggs?|huevos?)\b", re.IGNORECASE)


def allergic(client, who, *terms: str, name: str = "Rosa") -> None:
    body = {"allergies": list(terms), "name": name}
    response = client.put("/api/user/profile", json=body, headers=who["headers"])
    assert response.status_code == 200, response.json


def lines(recipe: dict) -> str:
    return " ".join((i.get("text") or i["name"]) for i in recipe["ingredients"])


def semantic(client, who, query: str) -> list[str]:
    body = {"query": query, "per_page": 50}
    response = client.post("/api/search/semantic", json=body, headers=who["headers"])
    assert response.status_code == 200, response.json
    return [r["title"] for r in response.json["results"]]


@pytest.mark.usefixtures("indexed")
def test_semantic_search_leaves_out_another_members_allergens(client):
    owner, adult = family(client, "adult")
    assert "Lasagna" in semantic(client, adult, "lasagna")

    allergic(client, owner, "milk")

    assert "Lasagna" not in semantic(client, adult, "lasagna")
    profile = client.get("/api/user/profile", headers=adult["headers"]).json
    assert not profile.get("allergies")  # the union is applied, never written to a profile


def test_by_ingredients_leaves_out_another_members_allergens(client):
    owner, adult = family(client, "adult")
    body = {"items": [{"name": "huevo"}, {"name": "arroz"}], "per_page": 50}

    def found() -> list[dict]:
        response = client.post("/api/search/by-ingredients", json=body, headers=adult["headers"])
        assert response.status_code == 200, response.json
        return list(response.json["results"])

    before = found()
    assert any("huevo" in {h["stock_name"] for h in r["have"]} for r in before)
    allergic(client, owner, "huevo")
    after = found()

    assert after and not any("huevo" in {h["stock_name"] for h in r["have"]} for r in after)


def test_recommendations_leave_out_another_members_allergens(client):
    owner, adult = family(client, "adult")
    add(client, adult["headers"], line("Huevo", 12, "unidades", expiration_time=1))

    def recommended() -> list[dict]:
        url = "/api/recommendations/recipes?limit=10"
        response = client.get(url, headers=adult["headers"])
        assert response.status_code == 200, response.json
        return [r["recipe"] for r in response.json["recommendations"]]

    assert EGG.search(lines(recommended()[0]))  # the eggs expire tomorrow: first
    allergic(client, owner, "huevo")
    after = recommended()

    assert len(after) == 10 and not any(EGG.search(lines(r)) for r in after)


def test_a_viewers_picks_also_honour_the_adults_allergies(client):
    owner, viewer = family(client, "viewer")
    add(client, owner["headers"], line("Huevo", 12, "unidades", expiration_time=1))
    allergic(client, owner, "huevo")

    response = client.get("/api/recommendations/recipes?limit=10", headers=viewer["headers"])

    assert response.status_code == 200, response.json
    assert not any(EGG.search(lines(r["recipe"])) for r in response.json["recommendations"])


def test_recipe_generation_says_whose_allergy_it_left_out(client):
    owner, adult = family(client, "adult")
    add(client, adult["headers"], line("Huevo", 12, "unidades", expiration_time=2))
    add(client, adult["headers"], line("Arroz", 2, "kg"), line("Tomate", 6))
    allergic(client, owner, "huevo", name="Rosa")
    allergic(client, adult, "maní", name="Leo")

    url = "/api/recipes/generate-from-inventory"
    response = client.post(url, json={"num_recipes": 3}, headers=adult["headers"])

    assert response.status_code == 200, response.json
    info = response.json["personalization_info"]
    assert info["allergies_filtered"] == ["huevo", "maní"]
    assert info["allergies_whose"] == [
        {"term": "huevo", "members": ["Rosa"], "note": "Leaves out huevo: Rosa's allergy"},
        {"term": "maní", "members": ["Leo"], "note": "Leaves out maní: Leo's allergy"},
    ]


def statements(app, call) -> int:
    """The statements one request issues (transaction control left out)."""
    engine, seen = app.extensions["zerowaste.engine"], []

    def record(_conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        response = call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200, response.json
    return len(seen)


@pytest.mark.usefixtures("indexed")
def test_a_members_picks_cost_the_statements_of_a_user_alone(app, client, monkeypatch):
    """The members are read with the caller, in one query (`recipes.suitability.diners`).
    The search index checks its version on every search here (`CHECK_EVERY` 0): otherwise
    whether a second had passed since the last check would decide one statement."""
    monkeypatch.setattr(indexing, "CHECK_EVERY", 0.0)
    alone = member(client, "alone")
    owner, adult, _viewer = family(client, "adult", "viewer")
    allergic(client, owner, "huevo")
    for who in (alone, adult):
        add(client, who["headers"], line("Huevo", 12, "unidades", expiration_time=1))
    picks = [
        lambda h: client.post("/api/search/semantic", json={"query": "lasagna"}, headers=h),
        lambda h: client.post("/api/search/by-ingredients", json={"use_stock": True}, headers=h),
        lambda h: client.get("/api/recommendations/recipes?limit=5", headers=h),
    ]
    for pick in picks:
        pick(alone["headers"]), pick(adult["headers"])  # caches warm (catalog, index)
        counts = [statements(app, partial(pick, w["headers"])) for w in (alone, adult)]
        assert counts[0] == counts[1] > 0, (picks.index(pick), counts)
