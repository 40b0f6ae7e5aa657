"""Rows 52-57: daily plans as the client sends them (both shapes), on the store of slots."""

from __future__ import annotations

import pytest

from tests.api.conftest import bearer, signup
from tests.api.meal_plans.helpers import (
    BREAKFAST,
    DINNER,
    LUNCH_L2,
    catalog_uid,
    join_household,
    plan,
    saved_titles,
    scalar,
)

pytestmark = pytest.mark.api
DAY = "2026-12-07"


def test_a_map_of_meals_is_saved_and_read_back_in_the_client_shape(client, auth_headers):
    saved = plan(client, auth_headers, DAY, {"breakfast": BREAKFAST, "dinner": DINNER})

    assert saved.status_code == 201, saved.json
    body = saved.json["meal_plan"]
    assert body["date"] == DAY and body["lunch"] is None and body["snack"] is None
    breakfast = body["breakfast"]
    assert breakfast["uid"] and breakfast["title"] == "Avena con plátano"
    assert [i["name"] for i in breakfast["ingredients"]] == ["Avena", "Plátano"]
    assert [s["description"] for s in breakfast["steps"]][1] == "Añade el plátano en rodajas."
    assert body["dinner"]["title"] == "Sopa de tomate"
    read = client.get(f"/api/planning/get?date={DAY}", headers=auth_headers)
    assert read.status_code == 200
    assert read.json["meal_plan"]["breakfast"]["uid"] == breakfast["uid"]
    assert saved_titles(client, auth_headers) == ["Avena con plátano", "Sopa de tomate"]


def test_the_original_list_shape_picks_slots_from_categories(client, auth_headers):
    saved = plan(client, auth_headers, DAY, [BREAKFAST, LUNCH_L2, DINNER])

    assert saved.status_code == 201, saved.json
    body = saved.json["meal_plan"]
    lunch = body["lunch"]
    assert lunch["title"] == "Arroz con verduras" and lunch["duration"] == "30 min"
    assert [s["description"] for s in lunch["steps"]] == [
        "Cuece el arroz.",
        "Saltea la zanahoria y mezcla.",
    ]
    assert {i["name"]: i["type_unit"] for i in lunch["ingredients"]}["Arroz"] == "g"
    assert (body["breakfast"]["title"], body["dinner"]["title"]) == (
        "Avena con plátano",
        "Sopa de tomate",
    )


@pytest.mark.parametrize(
    "meals",
    [
        [BREAKFAST, {**DINNER, "category": "bebida"}],  # a category that is no meal
        [BREAKFAST, {**BREAKFAST, "title": "Otra avena"}],  # two breakfasts
        {"brunch": BREAKFAST},  # an unknown meal type
        {"breakfast": {**BREAKFAST, "servings": 0}},
        {"breakfast": {"recipe_uid": "x" * 32, "servings": -2}},
        {"breakfast": {"description": "no title, no recipe_uid"}},
        {},
        "breakfast",
    ],
)
def test_bad_meals_are_400_and_store_nothing(client, auth_headers, meals):
    response = plan(client, auth_headers, DAY, meals)

    assert response.status_code == 400, response.json
    assert client.get("/api/planning/dates", headers=auth_headers).json["dates"] == []
    assert saved_titles(client, auth_headers) == []


@pytest.mark.parametrize("day", ["1999-12-31", "2101-01-01", "2026-13-01", "07/12/2026", ""])
def test_dates_out_of_range_or_malformed_are_400(client, auth_headers, day):
    assert plan(client, auth_headers, day, {"dinner": DINNER}).status_code == 400
    assert client.get(f"/api/planning/get?date={day}", headers=auth_headers).status_code == 400
    assert client.get("/api/planning/dates", headers=auth_headers).json["dates"] == []


def test_saving_a_date_twice_is_409_and_updating_a_date_without_plan_is_404(client, auth_headers):
    assert plan(client, auth_headers, DAY, {"dinner": DINNER}).status_code == 201

    again = plan(client, auth_headers, DAY, {"lunch": LUNCH_L2})
    missing = plan(client, auth_headers, "2026-12-08", {"dinner": DINNER}, method="put")

    assert again.status_code == 409 and again.json["code"] == "meal_plan_exists"
    assert missing.status_code == 404
    assert (
        client.get(f"/api/planning/get?date={DAY}", headers=auth_headers).json["meal_plan"]["lunch"]
        is None
    )


def test_resaving_the_same_recipes_reuses_them_without_copies(client, auth_headers):
    first = plan(client, auth_headers, DAY, {"breakfast": BREAKFAST}).json["meal_plan"]
    other_day = plan(client, auth_headers, "2026-12-08", [BREAKFAST]).json["meal_plan"]
    updated = plan(client, auth_headers, DAY, {"breakfast": BREAKFAST}, method="put")

    assert updated.status_code == 200, updated.json
    assert updated.json["meal_plan"]["slots"][0]["id"] == first["slots"][0]["id"]
    uid = first["breakfast"]["uid"]
    assert other_day["breakfast"]["uid"] == uid
    assert updated.json["meal_plan"]["breakfast"]["uid"] == uid
    assert saved_titles(client, auth_headers) == ["Avena con plátano"]  # no "(1)" copies


def test_an_update_removes_the_recipes_it_no_longer_uses_unless_kept(client, auth_headers):
    saved = plan(client, auth_headers, DAY, {"breakfast": BREAKFAST, "dinner": DINNER})
    old = saved.json["meal_plan"]
    liked = old["dinner"]["uid"]
    client.post(f"/api/recipes/generated/{liked}/favorite", json={}, headers=auth_headers)

    updated = plan(client, auth_headers, DAY, {"lunch": LUNCH_L2}, method="put")

    assert updated.status_code == 200
    body = updated.json["meal_plan"]
    assert body["breakfast"] is None and body["dinner"] is None
    assert body["lunch"]["title"] == "Arroz con verduras"
    gone = client.get(f"/api/recipes/{old['breakfast']['uid']}", headers=auth_headers)
    assert gone.status_code == 404  # created by the plan, named by nothing any more
    assert client.get(f"/api/recipes/{liked}", headers=auth_headers).status_code == 200


def test_a_recipe_saved_elsewhere_is_referenced_and_never_removed_by_the_plan(client, auth_headers):
    mine = client.post("/api/recipes/save", json=DINNER, headers=auth_headers).json["recipe"]
    catalog = catalog_uid(client, auth_headers)

    saved = plan(
        client,
        auth_headers,
        DAY,
        {"dinner": DINNER, "lunch": {"recipe_uid": catalog, "servings": 4, "notes": "doble"}},
    )
    plan(client, auth_headers, DAY, {"lunch": {"recipe_uid": catalog}}, method="put")

    body = saved.json["meal_plan"]
    assert body["dinner"]["uid"] == mine["uid"]  # the identical saved recipe, reused
    assert body["lunch"]["uid"] == catalog and body["lunch"]["source"] == "catalog"
    lunch_slot = next(s for s in body["slots"] if s["meal_type"] == "lunch")
    assert (lunch_slot["servings"], lunch_slot["notes"]) == (4, "doble")
    assert client.get(f"/api/recipes/{mine['uid']}", headers=auth_headers).status_code == 200


def test_references_to_unknown_or_other_households_recipes_are_404(
    client, auth_headers, other_headers
):
    theirs = client.post("/api/recipes/save", json=DINNER, headers=other_headers).json["recipe"]

    for uid in (theirs["uid"], "0" * 32):
        response = plan(client, auth_headers, DAY, {"dinner": {"recipe_uid": uid}})
        assert response.status_code == 404, response.json

    assert client.get("/api/planning/dates", headers=auth_headers).json["dates"] == []


def test_all_lists_days_in_a_range_with_pages_and_dates_lists_them(client, auth_headers):
    for day in ("2026-12-01", "2026-12-03", "2026-12-05", "2027-01-10"):
        assert plan(client, auth_headers, day, {"dinner": DINNER}).status_code == 201

    page1 = client.get(
        "/api/planning/all?start_date=2026-12-01&end_date=2026-12-31&per_page=2",
        headers=auth_headers,
    ).json
    page2 = client.get(
        "/api/planning/all?start_date=2026-12-01&end_date=2026-12-31&per_page=2&page=2",
        headers=auth_headers,
    ).json
    dates = client.get("/api/planning/dates", headers=auth_headers).json["dates"]

    assert [p["date"] for p in page1["meal_plans"]] == ["2026-12-01", "2026-12-03"]
    assert [p["date"] for p in page2["meal_plans"]] == ["2026-12-05"]
    assert page1["total"] == 3 and page1["meal_plans"][0]["dinner"]["title"] == "Sopa de tomate"
    assert dates == ["2026-12-01", "2026-12-03", "2026-12-05", "2027-01-10"]
    too_long = client.get(
        "/api/planning/all?start_date=2026-01-01&end_date=2027-06-01", headers=auth_headers
    )
    assert too_long.status_code == 400


@pytest.mark.parametrize("style", ["path", "query"])
def test_deleting_a_day_clears_it_and_its_plan_made_recipes(client, auth_headers, style):
    plan(client, auth_headers, DAY, {"breakfast": BREAKFAST})
    url = f"/api/planning/delete/{DAY}" if style == "path" else f"/api/planning/delete?date={DAY}"

    deleted = client.delete(url, headers=auth_headers)
    again = client.delete(url, headers=auth_headers)

    assert deleted.status_code == 200 and deleted.json["date"] == DAY
    assert again.status_code == 404
    assert client.get(f"/api/planning/get?date={DAY}", headers=auth_headers).status_code == 404
    assert saved_titles(client, auth_headers) == []


def test_deleting_a_planned_recipe_clears_its_slots_instead_of_failing(client, auth_headers):
    body = plan(client, auth_headers, DAY, {"breakfast": BREAKFAST, "dinner": DINNER}).json
    uid = body["meal_plan"]["dinner"]["uid"]

    deleted = client.delete(f"/api/recipes/{uid}", headers=auth_headers)

    assert deleted.status_code == 200
    day = client.get(f"/api/planning/get?date={DAY}", headers=auth_headers).json["meal_plan"]
    assert day["dinner"] is None and day["breakfast"]["title"] == "Avena con plátano"


def test_another_household_gets_404_on_every_daily_plan_route(client, auth_headers, other_headers):
    plan(client, auth_headers, DAY, {"dinner": DINNER})

    assert client.get(f"/api/planning/get?date={DAY}", headers=other_headers).status_code == 404
    assert plan(client, other_headers, DAY, {"lunch": LUNCH_L2}, "put").status_code == 404
    assert client.delete(f"/api/planning/delete/{DAY}", headers=other_headers).status_code == 404
    assert client.get("/api/planning/dates", headers=other_headers).json["dates"] == []
    assert client.get("/api/planning/all", headers=other_headers).json["meal_plans"] == []
    assert client.get(f"/api/planning/get?date={DAY}", headers=auth_headers).status_code == 200


def test_members_of_one_household_share_its_daily_plans(app, client):
    ana, luis = signup(client), signup(client)
    join_household(app, luis["user"]["uid"], ana["user"]["uid"])
    plan(client, bearer(ana["access_token"]), DAY, {"dinner": DINNER})

    seen = client.get(f"/api/planning/get?date={DAY}", headers=bearer(luis["access_token"]))

    assert seen.status_code == 200 and seen.json["meal_plan"]["dinner"]["title"] == "Sopa de tomate"
    assert scalar(app, "SELECT COUNT(*) FROM meal_plan_slots") == 1
