"""GET /api/trends/recipes: trending public recipes (counts only) by region, season, level."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401  (fixtures)

pytestmark = pytest.mark.api

# Catalog recipes (stable uids of the data pack) and their seasonal produce on the calendar:
OATMEAL = "82da030a1036939d8d68738d0044adbe"  # Hearty Breakfast Oatmeal, Fácil: pecans (10-12)
GREEK_SALAD = "fb26edd2f184cbd16da6d69045716a87"  # Fácil: lettuce, cucumber, pepper, garlic
GOULASH = "53e2a81f86ca08e6088938ce5e011bb8"  # Beef Goulash, Difícil: garlic (3-6), mushrooms (6-9)


def cook(client, headers, uid):
    response = client.post(
        "/api/recipes/history", json={"recipe_uid": uid, "event": "cooked"}, headers=headers
    )
    assert response.status_code == 201, response.json


def trends(client, headers, query=""):
    return client.get(f"/api/trends/recipes{query}", headers=headers)


@pytest.fixture
def cooked(client, auth_headers, other_headers, clock):
    cook(client, auth_headers, OATMEAL)
    cook(client, auth_headers, GREEK_SALAD)
    cook(client, other_headers, GREEK_SALAD)
    cook(client, other_headers, GOULASH)
    clock.advance(timedelta(minutes=1))


def uids(body):
    return [item["recipe"]["uid"] for item in body["trending"]]


@pytest.mark.usefixtures("cooked")
def test_without_filters_it_is_the_trending_ranking(client, auth_headers):
    response = trends(client, auth_headers)

    assert response.status_code == 200, response.json
    body = response.json
    assert uids(body)[0] == GREEK_SALAD and set(uids(body)) == {GREEK_SALAD, OATMEAL, GOULASH}
    assert body["trending"][0]["cooked"] == 2 and body["region"] == "mx"
    assert body["season"] is None and body["difficulty"] is None and body["days"] == 7


@pytest.mark.usefixtures("cooked")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?season=winter", [OATMEAL]),
        ("?season=spring", [GREEK_SALAD]),
        ("?season=summer", [GOULASH]),
        ("?difficulty=easy", [GREEK_SALAD, OATMEAL]),
        ("?difficulty=Difícil", [GOULASH]),
        ("?season=spring&difficulty=Difícil", []),
    ],
)
def test_season_and_difficulty_filter_the_ranking(client, auth_headers, query, expected):
    body = trends(client, auth_headers, query).json

    assert uids(body) == expected


@pytest.mark.usefixtures("cooked")
def test_each_recipe_names_its_produce_in_that_season(client, auth_headers):
    body = trends(client, auth_headers, "?season=winter").json

    assert body["trending"][0]["seasonal_foods"] == [
        {"id": "nuez", "name_es": "Nuez pecanera", "name_en": "Pecan"}
    ]


@pytest.mark.usefixtures("cooked")
def test_the_answer_carries_counts_only_never_who(client, auth_headers, user):
    text = trends(client, auth_headers).get_data(as_text=True)

    assert user["email"] not in text and user["user"]["uid"] not in text


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?region=us", "validation_error"),
        ("?season=monsoon", "validation_error"),
        ("?difficulty=expert", "invalid_difficulty"),
        ("?limit=0", "validation_error"),
        ("?days=31", "validation_error"),
    ],
)
def test_bad_queries_are_400(client, auth_headers, query, code):
    response = trends(client, auth_headers, query)

    assert response.status_code == 400, response.json
    assert response.json["code"] == code
