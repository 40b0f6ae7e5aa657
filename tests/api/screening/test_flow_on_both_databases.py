"""Profile -> targets -> food log -> balance -> screening -> audit log, through the API on the
embedded SQLite and on MariaDB."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    any_db_settings_fixture,
    app_fixture,
    clock_fixture,
)

pytestmark = pytest.mark.api


@pytest.fixture(name="settings")
def settings_on_both_databases(any_db_settings: Any) -> Any:
    return any_db_settings


def test_from_profile_to_audit_log(client, auth_headers, other_headers, clock):
    today = clock.today().isoformat()
    profile = {"birth_date": "1990-05-17", "sex": "female", "height_cm": 158.5,
               "weight_kg": 55.2, "activity": "light", "goal": "maintain"}  # fmt: skip
    assert (
        client.put("/api/nutrition/profile", json=profile, headers=auth_headers).status_code == 200
    )
    target = client.get("/api/nutrition/targets", headers=auth_headers).json["energy_kcal"]
    entry = {"date": today, "meal_type": "breakfast", "name": "Avena con plátano", "kcal": 350.5,
             "protein_g": 12, "fat_g": 6.5, "carbs_g": 60}  # fmt: skip
    made = client.post("/api/nutrition/log", json=entry, headers=auth_headers)
    balance = client.get(
        f"/api/nutrition/balance?start_date={today}&end_date={today}", headers=auth_headers
    ).json
    screened = client.post(
        "/api/nutrition/screening",
        json={"age": 36, "sex": "female", "weight_kg": 55.2, "height_cm": 158.5,
              "medical_conditions": ["Enfermedad renal crónica"]},
        headers=auth_headers,
    )  # fmt: skip
    audit = client.get("/api/nutrition/audit-log", headers=auth_headers).json

    assert made.status_code == 201 and made.json["name"] == "Avena con plátano"
    assert balance["days"][0]["eaten_kcal"] == 350.5
    assert balance["days"][0]["balance_kcal"] == pytest.approx(350.5 - target)
    assert screened.status_code == 201
    assert (screened.json["risk_level"], screened.json["can_proceed"]) == ("high", False)
    assert audit["total"] == 1 and audit["entries"][0]["allowed"] is False
    other = client.delete(f"/api/nutrition/log/{made.json['id']}", headers=other_headers)
    assert other.status_code == 404
    assert client.get("/api/nutrition/audit-log", headers=other_headers).json["total"] == 0
