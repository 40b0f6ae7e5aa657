"""The week and month planner (issue #10 §2): ISO weeks, months, plan updates, templates and
slot notes, on the same slots as `/api/planning`; other households get 404."""

from __future__ import annotations

import pytest

from tests.api.conftest import bearer, signup
from tests.api.meal_plans.helpers import (
    DINNER,
    catalog_uid,
    join_household,
    plan,
    saved_titles,
    scalar,
)

pytestmark = pytest.mark.api
WEEK = "2026-W49"  # Monday 2026-11-30 .. Sunday 2026-12-06


def slot(day: str, meal: str, uid: str, **extra: object) -> dict[str, object]:
    return {"date": day, "meal_type": meal, "recipe_uid": uid, **extra}


def week_plan(client, headers, slots, week=WEEK, **extra):
    body = {"week": week, "name": "Semana de diciembre", "slots": slots, **extra}
    return client.post("/api/meal-plans/weekly", json=body, headers=headers)


def meals(view, day):
    return next(d for d in view["days"] if d["date"] == day)


def test_a_weekly_plan_is_read_as_seven_days_of_meals(client, auth_headers):
    first, second = catalog_uid(client, auth_headers, 0), catalog_uid(client, auth_headers, 1)
    created = week_plan(
        client,
        auth_headers,
        [
            slot("2026-11-30", "breakfast", first, servings=2),
            slot("2026-12-06", "dinner", second, notes="con los abuelos"),
        ],
        notes="mercado el sábado",
    )

    assert created.status_code == 201, created.json
    by_id = f"/api/meal-plans/{created.json['plan']['id']}"
    for url in (f"/api/meal-plans/{WEEK}", f"/api/meal-plans/weeks/{WEEK}", by_id):
        view = client.get(url, headers=auth_headers).json
        assert (view["week"], view["start_date"], view["end_date"]) == (
            WEEK,
            "2026-11-30",
            "2026-12-06",
        )
        assert [d["weekday"] for d in view["days"]][0] == "monday" and len(view["days"]) == 7
        assert view["plan"]["name"] == "Semana de diciembre"
        assert view["plan"]["notes"] == "mercado el sábado"
        monday = meals(view, "2026-11-30")["breakfast"]
        assert monday["recipe"]["uid"] == first and monday["servings"] == 2
        assert meals(view, "2026-12-06")["dinner"]["notes"] == "con los abuelos"
        assert view["slot_count"] == 2
    # The same slots are the client's daily plans.
    day = client.get("/api/planning/get?date=2026-12-06", headers=auth_headers).json
    assert day["meal_plan"]["dinner"]["uid"] == second


def test_a_week_shows_the_daily_plans_and_a_second_weekly_plan_is_409(client, auth_headers):
    plan(client, auth_headers, "2026-12-02", {"dinner": DINNER})
    uid = catalog_uid(client, auth_headers)

    assert week_plan(client, auth_headers, [slot("2026-12-01", "lunch", uid)]).status_code == 201
    again = week_plan(client, auth_headers, [])

    assert again.status_code == 409
    view = client.get(f"/api/meal-plans/{WEEK}", headers=auth_headers).json
    assert meals(view, "2026-12-02")["dinner"]["recipe"]["title"] == "Sopa de tomate"
    assert meals(view, "2026-12-01")["lunch"]["recipe"]["uid"] == uid


def test_a_month_is_every_day_of_it_with_its_named_weeks(client, auth_headers):
    uid = catalog_uid(client, auth_headers)
    week_plan(client, auth_headers, [slot("2026-11-30", "lunch", uid)])
    plan(client, auth_headers, "2026-12-31", {"dinner": DINNER})

    month = client.get("/api/meal-plans/months/2026-12", headers=auth_headers).json

    assert len(month["days"]) == 31 and month["days"][0]["date"] == "2026-12-01"
    assert month["slot_count"] == 1  # 2026-11-30 is in the named week, not in December
    assert meals(month, "2026-12-31")["dinner"]["recipe"]["title"] == "Sopa de tomate"
    assert [p["week"] for p in month["plans"]] == [WEEK]


def test_updating_a_plan_renames_it_and_replaces_the_slots_of_its_week(client, auth_headers):
    first, second = catalog_uid(client, auth_headers, 0), catalog_uid(client, auth_headers, 1)
    plan(client, auth_headers, "2026-12-03", {"dinner": DINNER})  # recipe made by the plan
    created = week_plan(client, auth_headers, [slot("2026-11-30", "lunch", first)]).json

    updated = client.put(
        f"/api/meal-plans/{created['plan']['id']}",
        json={"name": "Semana ligera", "slots": [slot("2026-12-01", "snack", second)]},
        headers=auth_headers,
    )

    assert updated.status_code == 200, updated.json
    view = updated.json
    assert view["plan"]["name"] == "Semana ligera" and view["slot_count"] == 1
    assert meals(view, "2026-12-01")["snack"]["recipe"]["uid"] == second
    assert saved_titles(client, auth_headers) == []  # the replaced plan-made recipe is gone


def test_a_template_is_applied_to_another_week_on_the_same_weekdays(client, auth_headers):
    uid = catalog_uid(client, auth_headers)
    created = week_plan(
        client, auth_headers, [slot("2026-12-01", "dinner", uid, servings=3, notes="sin sal")]
    ).json

    template = client.post(
        f"/api/meal-plans/{created['plan']['id']}/template",
        json={"name": "Mi semana tipo"},
        headers=auth_headers,
    )
    listed = client.get("/api/meal-plans/templates", headers=auth_headers).json
    applied = client.post(
        f"/api/meal-plans/templates/{template.json['id']}/apply",
        json={"week": "2027-W02"},
        headers=auth_headers,
    )

    assert template.status_code == 201, template.json
    assert template.json["slots"][0]["weekday"] == "tuesday"
    assert [t["name"] for t in listed["templates"]] == ["Mi semana tipo"]
    assert applied.status_code == 200, applied.json
    tuesday = meals(applied.json, "2027-01-12")["dinner"]
    assert (tuesday["recipe"]["uid"], tuesday["servings"], tuesday["notes"]) == (uid, 3, "sin sal")
    assert applied.json["plan"]["name"] == "Mi semana tipo"
    original = client.get(f"/api/meal-plans/{WEEK}", headers=auth_headers).json
    assert meals(original, "2026-12-01")["dinner"]["recipe"]["uid"] == uid


def test_a_template_of_an_empty_week_is_422(client, auth_headers):
    created = week_plan(client, auth_headers, []).json

    response = client.post(
        f"/api/meal-plans/{created['plan']['id']}/template", headers=auth_headers
    )

    assert response.status_code == 422


def test_slot_notes_and_servings_can_be_changed(client, auth_headers):
    uid = catalog_uid(client, auth_headers)
    view = week_plan(client, auth_headers, [slot("2026-12-02", "lunch", uid)]).json
    slot_id = meals(view, "2026-12-02")["lunch"]["id"]

    changed = client.patch(
        f"/api/meal-plans/slots/{slot_id}",
        json={"notes": "llevar al trabajo", "servings": 2},
        headers=auth_headers,
    )
    bad = client.patch(
        f"/api/meal-plans/slots/{slot_id}", json={"servings": 0}, headers=auth_headers
    )

    assert changed.status_code == 200
    assert (changed.json["slot"]["notes"], changed.json["slot"]["servings"]) == (
        "llevar al trabajo",
        2,
    )
    assert bad.status_code == 400
    again = client.get(f"/api/meal-plans/{WEEK}", headers=auth_headers).json
    assert meals(again, "2026-12-02")["lunch"]["servings"] == 2


@pytest.mark.parametrize(
    ("week", "slots"),
    [
        ("2026-W54", []),  # 2026 has 53 weeks
        ("2026-49", []),
        ("1999-W10", []),
        (WEEK, [slot("2026-12-07", "lunch", "{uid}")]),  # outside the week
        (WEEK, [slot("2026-12-01", "brunch", "{uid}")]),
        (WEEK, [slot("2026-12-01", "lunch", "{uid}", servings=-1)]),
        (WEEK, [slot("2026-12-01", "lunch", "{uid}"), slot("2026-12-01", "lunch", "{uid}")]),
        (WEEK, [slot("2026-02-30", "lunch", "{uid}")]),
    ],
)
def test_bad_weekly_plans_are_400_and_store_nothing(client, auth_headers, week, slots):
    uid = catalog_uid(client, auth_headers)
    slots = [{**s, "recipe_uid": uid} for s in slots]

    response = week_plan(client, auth_headers, slots, week=week)

    assert response.status_code == 400, response.json
    assert client.get("/api/planning/dates", headers=auth_headers).json["dates"] == []
    view = client.get(f"/api/meal-plans/{WEEK}", headers=auth_headers).json
    assert view["plan"] is None and view["slot_count"] == 0


@pytest.mark.parametrize(
    "url", ["/api/meal-plans/2026-W54", "/api/meal-plans/weeks/x", "/api/meal-plans/months/2026-13"]
)
def test_bad_week_and_month_ids_are_400(client, auth_headers, url):
    assert client.get(url, headers=auth_headers).status_code == 400


def test_another_household_gets_404_on_plans_templates_and_slots(
    client, auth_headers, other_headers
):
    uid = catalog_uid(client, auth_headers)
    view = week_plan(client, auth_headers, [slot("2026-12-02", "lunch", uid)]).json
    plan_id, slot_id = view["plan"]["id"], meals(view, "2026-12-02")["lunch"]["id"]
    template_id = client.post(f"/api/meal-plans/{plan_id}/template", headers=auth_headers).json[
        "id"
    ]

    assert (
        client.put(
            f"/api/meal-plans/{plan_id}", json={"name": "x"}, headers=other_headers
        ).status_code
        == 404
    )
    assert (
        client.post(f"/api/meal-plans/{plan_id}/template", headers=other_headers).status_code == 404
    )
    applied = client.post(
        f"/api/meal-plans/templates/{template_id}/apply", json={"week": WEEK}, headers=other_headers
    )
    assert applied.status_code == 404
    patched = client.patch(
        f"/api/meal-plans/slots/{slot_id}", json={"notes": "x"}, headers=other_headers
    )
    assert patched.status_code == 404
    assert client.get("/api/meal-plans/templates", headers=other_headers).json["templates"] == []
    theirs = client.get(f"/api/meal-plans/{WEEK}", headers=other_headers).json
    assert theirs["plan"] is None and theirs["slot_count"] == 0
    mine = client.get(f"/api/meal-plans/{WEEK}", headers=auth_headers).json
    assert meals(mine, "2026-12-02")["lunch"]["notes"] == "" and mine["plan"]["name"] != "x"


def test_a_member_of_the_household_plans_on_the_same_weeks(app, client):
    ana, luis = signup(client), signup(client)
    join_household(app, luis["user"]["uid"], ana["user"]["uid"])
    ana_h, luis_h = bearer(ana["access_token"]), bearer(luis["access_token"])
    uid = catalog_uid(client, ana_h)
    view = week_plan(client, ana_h, [slot("2026-12-02", "lunch", uid)]).json

    changed = client.put(
        f"/api/meal-plans/{view['plan']['id']}", json={"notes": "ok"}, headers=luis_h
    )
    seen = client.get(f"/api/meal-plans/{WEEK}", headers=luis_h).json

    assert changed.status_code == 200
    assert (
        seen["plan"]["notes"] == "ok" and meals(seen, "2026-12-02")["lunch"]["recipe"]["uid"] == uid
    )
    assert scalar(app, "SELECT COUNT(*) FROM meal_plans") == 1


def test_other_features_fill_slots_and_read_them_back_with_their_recipes(app, client):
    from datetime import date

    from zerowaste.domain.meal_plans.slots import Slot
    from zerowaste.domain.recipes.recipe import RecipeNotFound

    ana, luis = signup(client), signup(client)
    planner = app.extensions["zerowaste.services"].meal_planner
    uid = catalog_uid(client, bearer(ana["access_token"]))
    theirs = client.post("/api/recipes/save", json=DINNER, headers=bearer(luis["access_token"]))

    filled = planner.fill(
        ana["user"]["uid"],
        [Slot(date(2026, 12, 2), "dinner", uid, 4), Slot(date(2026, 12, 1), "lunch", uid)],
    )
    with pytest.raises(RecipeNotFound):
        planner.fill(
            ana["user"]["uid"], [Slot(date(2026, 12, 3), "lunch", theirs.json["recipe"]["uid"])]
        )
    found = planner.slots_between(ana["user"]["uid"], date(2026, 11, 30), date(2026, 12, 6))

    assert [(s.date.day, s.meal_type) for s in filled] == [(1, "lunch"), (2, "dinner")]
    assert [(s.date.day, s.servings, s.recipe.uid) for s in found] == [(1, None, uid), (2, 4, uid)]
    assert planner.slots_between(luis["user"]["uid"], date(2026, 11, 30), date(2026, 12, 6)) == []
