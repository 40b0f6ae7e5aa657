"""GET /api/seasonal/ingredients: produce at its peak in a month in Mexico, prices if asked."""

from __future__ import annotations

import json

import pytest

from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401  (fixtures)
from tests.conftest import data_pack_dir

pytestmark = pytest.mark.api


def calendar():
    path = data_pack_dir() / "seasonal_produce_mx" / "seasonal_mx.json"
    return json.loads(path.read_text(encoding="utf-8"))["items"]


def seasonal(client, headers, query=""):
    return client.get(f"/api/seasonal/ingredients{query}", headers=headers)


def test_a_month_lists_exactly_the_calendars_foods_at_their_peak(client, auth_headers):
    response = seasonal(client, auth_headers, "?month=1")

    assert response.status_code == 200, response.json
    body = response.json
    expected = {item["id"] for item in calendar() if 1 in item["months"]}
    assert {i["id"] for i in body["ingredients"]} == expected
    assert body["total"] == len(expected) and body["season"] == "winter"
    assert body["region"] == "mx" and body["include_prices"] is False
    assert all(i["prices"] is None for i in body["ingredients"])
    fresa = next(i for i in body["ingredients"] if i["id"] == "fresa")
    assert (fresa["name_es"], fresa["name_en"]) == ("Fresa", "Strawberry")


def test_without_a_month_it_is_this_month_by_the_clock(client, auth_headers, clock):
    body = seasonal(client, auth_headers).json

    assert body["month"] == clock.current.month
    expected = {item["id"] for item in calendar() if clock.current.month in item["months"]}
    assert {i["id"] for i in body["ingredients"]} == expected


def test_prices_come_from_profeco_medians_of_the_linked_master_ingredient(client, auth_headers):
    body = seasonal(client, auth_headers, "?month=5&include_prices=true&per_page=50").json

    priced = [i for i in body["ingredients"] if i["prices"]]
    assert priced, "some produce in season in May has PROFECO prices"
    for item in priced:
        assert all(p["ingredient_id"] == item["ingredient_id"] for p in item["prices"])
        assert all(p["median_mxn"] > 0 and p["citation"] for p in item["prices"])
    unlinked = [i for i in body["ingredients"] if i["ingredient_id"] is None]
    assert all(i["prices"] == [] for i in unlinked)


def test_type_filter_and_pages(client, auth_headers):
    fruit = seasonal(client, auth_headers, "?month=3&type=fruit&per_page=3").json

    assert {i["type"] for i in fruit["ingredients"]} == {"fruit"}
    assert len(fruit["ingredients"]) == 3 and fruit["pages"] == -(-fruit["total"] // 3)


@pytest.mark.parametrize(
    "query", ["?month=13", "?month=0", "?month=enero", "?region=us", "?type=meat", "?per_page=99"]
)
def test_bad_queries_are_400(client, auth_headers, query):
    response = seasonal(client, auth_headers, query)

    assert response.status_code == 400, response.json
    assert response.json["code"] == "validation_error"
