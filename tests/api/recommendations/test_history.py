"""Row 51: the recipe history (views and cooks) with and without `/api`, and recent recipes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401  (fixtures)

pytestmark = pytest.mark.api


def catalog_uids(client, headers, count):
    listed = client.get(f"/api/recipes/all?per_page={count}", headers=headers).json["recipes"]
    return [r["uid"] for r in listed]


def test_a_view_posted_without_api_shows_in_the_history_with_and_without_api(client, auth_headers):
    uid = catalog_uids(client, auth_headers, 1)[0]

    posted = client.post("/recipes/history", json={"recipe_uid": uid}, headers=auth_headers)

    assert posted.status_code == 201, posted.json
    assert posted.json["event"] == "viewed" and posted.json["cook_id"] is None
    for path in ("/api/recipes/history", "/recipes/history"):
        body = client.get(path, headers=auth_headers).json
        assert [(h["event"], h["recipe_uid"]) for h in body["history"]] == [("viewed", uid)]


def test_views_and_cooks_merge_newest_first_and_filter_by_event(client, auth_headers, clock):
    first, second = catalog_uids(client, auth_headers, 2)
    client.post("/api/recipes/history", json={"recipe_uid": first}, headers=auth_headers)
    clock.advance(timedelta(seconds=5))
    cooked = client.post(
        "/api/recipes/history", json={"recipe_uid": second, "event": "cooked"}, headers=auth_headers
    )

    history = client.get("/api/recipes/history", headers=auth_headers).json["history"]
    only_views = client.get("/api/recipes/history?event=viewed", headers=auth_headers).json

    assert cooked.status_code == 201 and cooked.json["cook_id"]
    assert [(h["event"], h["recipe_uid"]) for h in history] == [
        ("cooked", second),
        ("viewed", first),
    ]
    assert history[0]["cooked_at"] and history[1]["cooked_at"] is None
    assert [h["recipe_uid"] for h in only_views["history"]] == [first]


def test_views_are_personal(client, auth_headers, other_headers):
    uid = catalog_uids(client, auth_headers, 1)[0]
    client.post("/api/recipes/history", json={"recipe_uid": uid}, headers=auth_headers)

    assert client.get("/api/recipes/history", headers=other_headers).json["history"] == []
    assert client.get("/api/recipes/all/recent", headers=other_headers).json["recipes"] == []


def test_bad_history_posts_store_nothing(client, auth_headers, other_headers):
    uid = catalog_uids(client, auth_headers, 1)[0]
    private = client.post(
        "/api/recipes/save", json={"title": "Mía", "ingredients": []}, headers=auth_headers
    ).json["recipe"]["uid"]

    answers = [
        client.post(
            "/api/recipes/history", json={"recipe_uid": uid, "event": "ate"}, headers=auth_headers
        ),
        client.post("/api/recipes/history", json={}, headers=auth_headers),
        client.post("/api/recipes/history", json={"recipe_uid": "f" * 32}, headers=auth_headers),
        client.post("/recipes/history", json={"recipe_uid": private}, headers=other_headers),
    ]

    assert [a.status_code for a in answers] == [400, 400, 404, 404]
    assert client.get("/api/recipes/history", headers=auth_headers).json["history"] == []
    assert client.get("/api/recipes/history", headers=other_headers).json["history"] == []
    assert client.get("/api/recipes/history?event=eaten", headers=auth_headers).status_code == 400


def test_recent_lists_viewed_and_cooked_recipes_newest_first_once_each(client, auth_headers, clock):
    a, b = catalog_uids(client, auth_headers, 2)
    for uid in (a, b, a):
        client.post("/api/recipes/history", json={"recipe_uid": uid}, headers=auth_headers)
        clock.advance(timedelta(seconds=2))

    body = client.get("/api/recipes/all/recent", headers=auth_headers).json

    assert [r["uid"] for r in body["recipes"]] == [a, b] and body["count"] == 2


def test_all_recommendations_is_the_personal_answer(client, auth_headers):
    response = client.get("/api/recipes/all/recommendations?limit=3", headers=auth_headers)

    assert response.status_code == 200
    assert response.json["count"] == 3 and all(
        r["reason"] for r in response.json["recommendations"]
    )


def test_a_deleted_recipe_leaves_recent_but_stays_in_the_history(client, auth_headers):
    saved = client.post(
        "/api/recipes/save", json={"title": "Efímera", "ingredients": []}, headers=auth_headers
    ).json["recipe"]["uid"]
    client.post("/api/recipes/history", json={"recipe_uid": saved}, headers=auth_headers)
    assert [
        r["uid"]
        for r in client.get("/api/recipes/all/recent", headers=auth_headers).json["recipes"]
    ] == [saved]

    assert client.delete(f"/api/recipes/{saved}", headers=auth_headers).status_code == 200

    assert client.get("/api/recipes/all/recent", headers=auth_headers).json["recipes"] == []
    (entry,) = client.get("/api/recipes/history", headers=auth_headers).json["history"]
    assert (entry["recipe_uid"], entry["title"]) == (saved, "")
