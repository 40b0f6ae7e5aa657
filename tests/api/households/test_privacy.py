"""What stays personal in a household (issue #14 §2): the profile with its allergies and
diets, the nutrition profile, targets and food log, safety screenings and notification
preferences. A second member never sees or changes another's: each route answers for the
caller only (their own empty state, or the 404 it gives anyone without one)."""

from __future__ import annotations

import pytest

from tests.api.households.helpers import family
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401

pytestmark = pytest.mark.api
NUTRITION = {"age": 30, "sex": "female", "height_cm": 165, "weight_kg": 60,
             "activity": "light", "goal": "maintain"}  # fmt: skip


def test_a_members_profile_allergies_and_diets_stay_theirs(client):
    owner, adult = family(client, "adult")
    mine = {"name": "Rosa", "allergies": ["huevo"], "dietary_restrictions": ["vegetariano"]}
    assert client.put("/api/user/profile", json=mine, headers=owner["headers"]).status_code == 200

    theirs = client.get("/api/user/profile", headers=adult["headers"])

    assert theirs.status_code == 200, theirs.json
    assert theirs.json["name"] != "Rosa" and not theirs.json["allergies"]
    assert "vegetariano" not in str(theirs.json)
    own = client.get("/api/user/profile", headers=owner["headers"]).json
    assert own["name"] == "Rosa" and own["allergies"]


def test_a_members_nutrition_profile_targets_and_log_stay_theirs(client, clock):
    owner, adult = family(client, "adult")
    headers = owner["headers"]
    assert client.put("/api/nutrition/profile", json=NUTRITION, headers=headers).status_code == 200
    entry = {"date": clock.today().isoformat(), "meal_type": "breakfast", "name": "Avena",
             "kcal": 350}  # fmt: skip
    logged = client.post("/api/nutrition/log", json=entry, headers=headers)
    assert logged.status_code == 201, logged.json

    other = adult["headers"]
    assert client.get("/api/nutrition/profile", headers=other).status_code == 404
    assert client.get("/api/nutrition/targets", headers=other).status_code == 404
    assert client.get("/api/nutrition/log", headers=other).json["count"] == 0
    gone = client.delete(f"/api/nutrition/log/{logged.json['id']}", headers=other)
    assert gone.status_code == 404, gone.json
    assert client.get("/api/nutrition/log", headers=headers).json["count"] == 1


def test_a_members_safety_screening_stays_theirs(client):
    owner, adult = family(client, "adult")
    answers = {"age": 35, "sex": "female", "weight_kg": 62.5, "height_cm": 165}
    screened = client.post("/api/nutrition/screening", json=answers, headers=owner["headers"])
    assert screened.status_code == 201, screened.json

    latest = client.get("/api/nutrition/screening/latest", headers=adult["headers"])
    audit = client.get("/api/nutrition/audit-log", headers=adult["headers"])

    assert latest.status_code == 404, latest.json
    assert audit.status_code == 200 and audit.json["total"] == 0
    own = client.get("/api/nutrition/screening/latest", headers=owner["headers"])
    assert own.status_code == 200, own.json
    assert client.get("/api/nutrition/audit-log", headers=owner["headers"]).json["total"] == 1


def test_a_members_notification_preferences_stay_theirs(client):
    owner, adult = family(client, "adult")
    change = {"types": {"images_ready": False}, "time_zone": "Europe/Madrid"}
    url = "/api/notifications/preferences"
    assert client.put(url, json=change, headers=owner["headers"]).status_code == 200

    theirs = client.get(url, headers=adult["headers"]).json

    assert theirs["types"]["images_ready"] is True and theirs["time_zone"] != "Europe/Madrid"
    assert client.get(url, headers=owner["headers"]).json["types"]["images_ready"] is False
