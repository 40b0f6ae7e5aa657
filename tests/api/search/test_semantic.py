"""POST /api/search/semantic: free text in Spanish or English over the catalog and the caller's
own recipes; filters, pages, bad input."""

from __future__ import annotations

import pytest

from tests.api.recipes.test_book import CLIENT_RECIPE

pytestmark = pytest.mark.api
indexed = pytest.mark.usefixtures("indexed")


def search(client, headers, query, status=200, **body):
    response = client.post("/api/search/semantic", json={"query": query, **body}, headers=headers)
    assert response.status_code == status, response.json
    return response.json


def titles(found):
    return [r["title"] for r in found["results"]]


@indexed
def test_a_spanish_query_finds_an_english_spinach_recipe(client, auth_headers):
    found = search(client, auth_headers, "algo rápido con espinaca", per_page=5)

    assert any("Spinach" in t for t in titles(found)), titles(found)
    first = found["results"][0]
    assert first["uid"] and first["lang"] in ("es", "en") and first["score"] > 0
    assert set(first["why"]) == {"terms", "lexical_rank", "semantic_rank"}


@indexed
def test_a_lexical_match_says_which_words_matched(client, auth_headers):
    found = search(client, auth_headers, "lasagna", per_page=3)

    assert found["results"][0]["title"] == "Lasagna"
    assert found["results"][0]["why"]["terms"] == ["lasagna"]
    assert found["results"][0]["why"]["lexical_rank"] == 1


@indexed
def test_filters_narrow_the_results(client, auth_headers):
    found = search(
        client,
        auth_headers,
        "soup",
        per_page=50,
        filters={"max_minutes": 30, "lang": "en", "difficulty": "Fácil"},
    )

    assert found["results"]
    for hit in found["results"]:
        assert hit["lang"] == "en" and hit["difficulty"] == "Fácil"
        assert hit["minutes"] is not None and hit["minutes"] <= 30


@indexed
def test_excluded_allergens_and_diets_leave_recipes_out(client, auth_headers):
    plain = titles(search(client, auth_headers, "chicken curry", per_page=50))
    vegetarian = titles(
        search(client, auth_headers, "chicken curry", per_page=50, filters={"diet": ["vegetarian"]})
    )
    no_milk = titles(
        search(
            client, auth_headers, "lasagna", per_page=50, filters={"exclude_allergens": ["milk"]}
        )
    )

    assert "Simple Chicken Curry" in plain and "Simple Chicken Curry" not in vegetarian
    assert "Lasagna" not in no_milk


@indexed
def test_pages_do_not_overlap_and_count_the_same_total(client, auth_headers):
    first = search(client, auth_headers, "pasta", per_page=5, page=1)
    second = search(client, auth_headers, "pasta", per_page=5, page=2)

    assert first["total"] == second["total"] > 10
    assert (first["page"], second["page"], first["per_page"]) == (1, 2, 5)
    assert not set(titles(first)) & set(titles(second))


@indexed
def test_own_recipes_are_found_and_other_households_never_see_them(
    client, auth_headers, other_headers
):
    client.post(
        "/api/recipes/save",
        json={**CLIENT_RECIPE, "title": "Tortilla secreta de la abuela Zuleima"},
        headers=auth_headers,
    )

    mine = titles(search(client, auth_headers, "tortilla secreta zuleima", per_page=5))
    theirs = titles(search(client, other_headers, "tortilla secreta zuleima", per_page=50))

    assert mine[0] == "Tortilla secreta de la abuela Zuleima"
    # its vector was stored with the save (application.recipes.vectors): found by meaning too
    first = search(client, auth_headers, "tortilla secreta zuleima", per_page=1)["results"][0]
    assert first["why"]["semantic_rank"] is not None
    assert "Tortilla secreta de la abuela Zuleima" not in theirs


@pytest.mark.parametrize(
    "body",
    [
        {"query": ""},
        {"query": "   "},
        {"query": 42},
        {"query": "x" * 301},
        {"query": "soup", "page": 0},
        {"query": "soup", "per_page": 51},
        {"query": "soup", "filters": {"difficulty": "extreme"}},
        {"query": "soup", "filters": {"max_minutes": -5}},
        {"query": "soup", "filters": {"diet": "vegan"}},
        {},
    ],
)
def test_bad_input_is_a_400(client, auth_headers, body):
    response = client.post("/api/search/semantic", json=body, headers=auth_headers)

    assert response.status_code == 400
    assert response.json["code"] in ("validation_error", "empty_query")


def test_searching_needs_a_token(client):
    assert client.post("/api/search/semantic", json={"query": "soup"}).status_code == 401


@indexed
def test_generated_recipes_come_with_their_vectors_so_no_search_embeds_them(
    client, auth_headers, app, monkeypatch
):
    """The generation makes its recipes' search vectors before its commit and stores them
    after it (application.recipes.vectors): the next search's reload finds them there, embeds
    no recipe, and finds the recipes by meaning at once."""
    from tests.api.inventory.helpers import add, line
    from zerowaste.application.search.indexing import SearchIndexer
    from zerowaste.infrastructure.db.search import SqlAlchemySearchStore
    from zerowaste.infrastructure.db.session import make_session_factory
    from zerowaste.infrastructure.search.embedder import MODEL

    search(client, auth_headers, "sopa")  # the index is loaded before the generation
    add(client, auth_headers, line("Espinaca", 300, "g", expiration_time=1))
    embedded: list[int] = []
    original = SearchIndexer._embed
    monkeypatch.setattr(
        SearchIndexer, "_embed", lambda self, rs: embedded.append(len(rs)) or original(self, rs)
    )

    body = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers).json
    made = {r["uid"] for r in body["generated_recipes"]}
    store = SqlAlchemySearchStore(make_session_factory(app.extensions["zerowaste.engine"]))
    stored = set(store.vectors(MODEL, "own"))
    first = search(client, auth_headers, body["generated_recipes"][0]["title"], per_page=50)

    assert len(made) == 3 and made <= stored
    assert embedded == []  # the reload embedded nothing
    found = {r["uid"]: r["why"]["semantic_rank"] for r in first["results"]}
    assert body["generated_recipes"][0]["uid"] in found
    assert found[body["generated_recipes"][0]["uid"]] is not None


@indexed
def test_a_query_asked_again_is_not_embedded_again(app, client, auth_headers, monkeypatch):
    embedder = app.extensions["zerowaste.services"].search._embedder
    asked: list[list[str]] = []
    real = embedder.embed
    monkeypatch.setattr(embedder, "embed", lambda texts: asked.append(list(texts)) or real(texts))

    first = search(client, auth_headers, "sopa de tomate", per_page=5)
    again = search(client, auth_headers, "sopa de tomate", per_page=5)
    other = search(client, auth_headers, "Sopa de tomate", per_page=5)

    assert asked == [["sopa de tomate"], ["Sopa de tomate"]]
    assert again == first
    assert titles(other)
