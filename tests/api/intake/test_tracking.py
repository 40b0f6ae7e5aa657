"""Issue #10 part 6: nutrition profile and targets, food log and caloric balance; personal data
(another member of the same household sees none of it); bad input is 400 and stores nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401

pytestmark = pytest.mark.api

PROFILE = {
    "age": 30,
    "sex": "male",
    "height_cm": 180,
    "weight_kg": 80,
    "activity": "moderate",
    "goal": "lose",
}


def count(app: Any, table: str) -> int:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() or 0)


def meal(day: str, kcal: float = 500, **extra: Any) -> dict[str, Any]:
    return {"date": day, "meal_type": "lunch", "name": "Tacos de frijol", "kcal": kcal} | extra


def test_targets_follow_mifflin_st_jeor_by_hand(client, auth_headers):
    put = client.put("/api/nutrition/profile", json=PROFILE, headers=auth_headers)
    got = client.get("/api/nutrition/targets", headers=auth_headers)

    assert put.status_code == 200 and put.json["activity"] == "moderate"
    # BMR = 10 x 80 + 6.25 x 180 - 5 x 30 + 5 = 800 + 1125 - 150 + 5 = 1780
    # need = 1780 x 1.55 = 2759; lose: 2759 - 500 = 2259
    # default split 20/30/50: protein 2259 x 0.2 / 4 = 112.95 -> 113.0;
    # fat 2259 x 0.3 / 9 = 75.3; carbs 2259 x 0.5 / 4 = 282.375 -> 282.4
    body = got.json
    assert got.status_code == 200
    assert body["bmr_kcal"] == 1780 and body["estimated_need_kcal"] == 2759
    assert body["energy_kcal"] == 2259 and body["source"] == "calculated"
    assert body["macro_split"] == {"protein_pct": 20, "fat_pct": 30, "carbs_pct": 50}
    assert (body["protein_g"], body["fat_g"], body["carbs_g"]) == (113.0, 75.3, 282.4)


def test_a_custom_target_and_split_replace_the_calculated_ones(client, auth_headers):
    custom = PROFILE | {"calorie_target": 2000, "macro_split": {
        "protein_pct": 30, "fat_pct": 30, "carbs_pct": 40}}  # fmt: skip
    client.put("/api/nutrition/profile", json=custom, headers=auth_headers)

    body = client.get("/api/nutrition/targets", headers=auth_headers).json

    assert body["energy_kcal"] == 2000 and body["source"] == "custom"
    # 2000 x 0.3 / 4 = 150 g protein; 2000 x 0.3 / 9 = 66.7 g fat; 2000 x 0.4 / 4 = 200 g carbs
    assert (body["protein_g"], body["fat_g"], body["carbs_g"]) == (150.0, 66.7, 200.0)


def test_no_profile_is_404_and_a_minors_targets_are_422(client, auth_headers):
    assert client.get("/api/nutrition/profile", headers=auth_headers).status_code == 404
    assert client.get("/api/nutrition/targets", headers=auth_headers).status_code == 404

    client.put("/api/nutrition/profile", json=PROFILE | {"age": 15}, headers=auth_headers)
    minor = client.get("/api/nutrition/targets", headers=auth_headers)

    assert minor.status_code == 422 and minor.json["code"] == "targets_for_adults_only"


@pytest.mark.parametrize(
    "change",
    [
        {"age": 0},
        {"age": 200},
        {"weight_kg": -70},
        {"height_cm": 0},
        {"sex": "robot"},
        {"activity": "couch"},
        {"goal": "bulk"},
        {"age": None},  # neither age nor birth date
        {"birth_date": "1990-01-01"},  # both age and birth date
        {"calorie_target": 50},
        {"macro_split": {"protein_pct": 50, "fat_pct": 30, "carbs_pct": 30}},  # 110 %
    ],
)
def test_an_impossible_profile_is_400_and_stores_nothing(app, client, auth_headers, change):
    response = client.put("/api/nutrition/profile", json=PROFILE | change, headers=auth_headers)

    assert response.status_code == 400, response.json
    assert count(app, "nutrition_profiles") == 0


def test_a_birth_date_gives_the_age_on_the_day(client, auth_headers, clock):
    today = clock.today()
    born = today.replace(year=today.year - 40) + timedelta(days=1)  # 40 tomorrow: 39 today
    given = {k: v for k, v in PROFILE.items() if k != "age"} | {"birth_date": born.isoformat()}
    client.put("/api/nutrition/profile", json=given, headers=auth_headers)

    body = client.get("/api/nutrition/targets", headers=auth_headers).json

    # 10 x 80 + 6.25 x 180 - 5 x 39 + 5 = 1735
    assert body["bmr_kcal"] == 1735


def test_the_food_log_by_day_and_range_and_its_totals(client, auth_headers, clock):
    today = clock.today()
    yesterday = today - timedelta(days=1)
    first = client.post(
        "/api/nutrition/log",
        json=meal(today.isoformat(), 650.5, protein_g=20, fat_g=10.5, carbs_g=90),
        headers=auth_headers,
    )
    client.post(
        "/api/nutrition/log",
        json=meal(yesterday.isoformat(), 300, meal_type="breakfast", recipe_uid="a" * 32,
                  servings=1.5),
        headers=auth_headers,
    )  # fmt: skip

    one_day = client.get(f"/api/nutrition/log?date={today}", headers=auth_headers).json
    default = client.get("/api/nutrition/log", headers=auth_headers).json
    both = client.get(
        f"/api/nutrition/log?start_date={yesterday}&end_date={today}", headers=auth_headers
    ).json

    assert first.status_code == 201 and first.json["source"] == "manual"
    assert one_day["count"] == 1 and one_day["totals"]["kcal"] == 650.5
    assert default == one_day
    assert both["count"] == 2 and both["totals"]["kcal"] == 950.5
    assert both["entries"][0]["servings"] == 1.5 and both["entries"][0]["recipe_uid"] == "a" * 32


@pytest.mark.parametrize(
    "change",
    [
        {"date": "1999-12-31"},
        {"date": "2999-01-01"},
        {"date": "2026-02-30"},
        {"kcal": -1},
        {"kcal": 20_000},
        {"protein_g": -5},
        {"meal_type": "brunch"},
        {"name": ""},
        {"servings": 0},
    ],
)
def test_an_impossible_log_entry_is_400_and_stores_nothing(
    app, client, auth_headers, clock, change
):
    entry = meal(clock.today().isoformat()) | change

    response = client.post("/api/nutrition/log", json=entry, headers=auth_headers)

    assert response.status_code == 400, response.json
    assert count(app, "food_log") == 0


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2026-03-02&end_date=2026-03-01",  # end before start
        "start_date=2025-01-01&end_date=2026-01-02",  # 367 days
        "start_date=2026-03-01",  # no end
        "start_date=2026-03-01&end_date=2026-03-40",
    ],
)
def test_bad_log_and_balance_ranges_are_400(client, auth_headers, query):
    log = client.get(f"/api/nutrition/log?{query}", headers=auth_headers)
    balance = client.get(f"/api/nutrition/balance?{query}", headers=auth_headers)

    assert log.status_code == 400 and balance.status_code == 400


@pytest.mark.parametrize(
    "query", ["date=2026-03-01&start_date=2026-03-01&end_date=2026-03-02", "date=yesterday"]
)
def test_a_day_is_one_date_or_a_range_not_both(client, auth_headers, query):
    assert client.get(f"/api/nutrition/log?{query}", headers=auth_headers).status_code == 400


def test_a_full_leap_year_is_the_longest_range(client, auth_headers):
    longest = "start_date=2024-01-01&end_date=2024-12-31"  # 366 days

    response = client.get(f"/api/nutrition/balance?{longest}", headers=auth_headers)

    assert response.status_code == 200 and len(response.json["days"]) == 366


def test_deleting_an_entry_and_another_users_is_404(client, auth_headers, other_headers, clock):
    made = client.post(
        "/api/nutrition/log", json=meal(clock.today().isoformat()), headers=auth_headers
    ).json

    stranger = client.delete(f"/api/nutrition/log/{made['id']}", headers=other_headers)
    mine = client.delete(f"/api/nutrition/log/{made['id']}", headers=auth_headers)
    again = client.delete(f"/api/nutrition/log/{made['id']}", headers=auth_headers)

    assert stranger.status_code == 404 and stranger.json["code"] == "food_log_entry_not_found"
    assert mine.status_code == 200 and again.status_code == 404


def test_daily_and_weekly_balance_against_the_target(client, auth_headers):
    client.put("/api/nutrition/profile", json=PROFILE, headers=auth_headers)  # target 2259
    for day, kcal in (("2026-01-04", 2000), ("2026-01-05", 2500), ("2026-01-05", 100)):
        client.post("/api/nutrition/log", json=meal(day, kcal), headers=auth_headers)

    body = client.get(
        "/api/nutrition/balance?start_date=2026-01-03&end_date=2026-01-06", headers=auth_headers
    ).json

    days = {d["date"]: (d["eaten_kcal"], d["balance_kcal"]) for d in body["days"]}
    assert days == {
        "2026-01-03": (0, -2259),
        "2026-01-04": (2000, -259),
        "2026-01-05": (2600, 341),
        "2026-01-06": (0, -2259),
    }
    # 2026-01-03/04 are Sat/Sun of 2026-W01; 05/06 are Mon/Tue of 2026-W02
    weeks = [(w["week"], w["days"], w["eaten_kcal"], w["target_kcal"]) for w in body["weeks"]]
    assert weeks == [("2026-W01", 2, 2000, 4518), ("2026-W02", 2, 2600, 4518)]
    assert body["totals"] == {"eaten_kcal": 4600, "target_kcal": 9036, "balance_kcal": -4436}
    assert body["targets_available"] is True


def test_without_a_profile_the_balance_has_no_target(client, auth_headers):
    client.post("/api/nutrition/log", json=meal("2026-01-05", 800), headers=auth_headers)

    body = client.get(
        "/api/nutrition/balance?start_date=2026-01-05&end_date=2026-01-05", headers=auth_headers
    ).json

    assert body["targets_available"] is False
    assert body["days"] == [
        {"date": "2026-01-05", "eaten_kcal": 800, "target_kcal": None, "balance_kcal": None}
    ]


def test_a_household_member_sees_none_of_it(app, client, clock):
    ana, bea = signup(client), signup(client)
    ana_headers, bea_headers = bearer(ana["access_token"]), bearer(bea["access_token"])
    with app.extensions["zerowaste.engine"].begin() as conn:  # Bea joins Ana's household
        conn.execute(
            text("UPDATE users SET household_id = (SELECT household_id FROM users WHERE uid = :a)"
                 " WHERE uid = :b"),
            {"a": ana["user"]["uid"], "b": bea["user"]["uid"]},
        )  # fmt: skip
    client.put("/api/nutrition/profile", json=PROFILE, headers=ana_headers)
    made = client.post(
        "/api/nutrition/log", json=meal(clock.today().isoformat()), headers=ana_headers
    ).json

    assert client.get("/api/nutrition/profile", headers=bea_headers).status_code == 404
    assert client.get("/api/nutrition/log", headers=bea_headers).json["count"] == 0
    assert client.delete(f"/api/nutrition/log/{made['id']}", headers=bea_headers).status_code == 404
    assert client.get("/api/nutrition/log", headers=ana_headers).json["count"] == 1
