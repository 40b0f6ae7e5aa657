"""Issue #10 part 7: the safety screening (seed 003), valid 24 h, warnings in the profile's
language, an audit row per screening; personal data; bad answers are 400 and store nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import app_fixture, clock_fixture  # noqa: F401
from zerowaste.interface.http.response_fields import timestamp

pytestmark = pytest.mark.api

ADULT = {"age": 35, "sex": "female", "weight_kg": 62.5, "height_cm": 165}


def count(app: Any, table: str) -> int:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() or 0)


def screen(client: Any, headers: Any, **answers: Any) -> Any:
    return client.post("/api/nutrition/screening", json=ADULT | answers, headers=headers)


def test_a_healthy_adult_is_low_risk_and_valid_for_24_hours(client, auth_headers, clock):
    made = screen(client, auth_headers)
    latest = client.get("/api/nutrition/screening/latest", headers=auth_headers)

    body = made.json
    assert made.status_code == 201
    assert (body["risk_score"], body["risk_level"], body["can_proceed"]) == (0, "low", True)
    assert body["warnings"] == []
    assert body["valid_until"] == timestamp(clock.now() + timedelta(hours=24))
    assert latest.status_code == 200 and latest.json == body


def test_pregnancy_is_critical_and_cannot_proceed_with_spanish_warnings(client, auth_headers):
    body = screen(client, auth_headers, pregnant=True).json

    assert (body["risk_score"], body["risk_level"], body["can_proceed"]) == (8, "critical", False)
    assert body["language"] == "es"  # a new profile speaks Spanish
    codes = [w["code"] for w in body["warnings"]]
    assert codes == ["pregnancy", "cannot_proceed"]
    assert body["warnings"][0]["message"].startswith("Embarazo")


def test_warnings_follow_the_profiles_language(client, auth_headers):
    client.put("/api/user/profile", json={"language": "en"}, headers=auth_headers)

    body = screen(client, auth_headers, age=16, medications=["metformin"]).json

    assert (body["risk_score"], body["risk_level"], body["can_proceed"]) == (3, "medium", True)
    assert [w["code"] for w in body["warnings"]] == ["minor", "medications"]
    assert body["warnings"][0]["message"].startswith("Minor")


def test_conditions_by_name_and_the_eating_disorder_history_count_once(client, auth_headers):
    body = screen(
        client,
        auth_headers,
        medical_conditions=["Diabetes tipo 1", "Anorexia", "asma"],
        eating_disorder_history=True,
    ).json

    # type 1 diabetes +5, eating disorder (named and in the history: one condition) +5
    assert (body["risk_score"], body["risk_level"]) == (10, "critical")
    assert body["critical_conditions"] == ["type_1_diabetes", "eating_disorder"]
    assert "other_conditions" in [w["code"] for w in body["warnings"]]


def test_no_screening_or_an_expired_one_is_404(client, auth_headers, clock):
    none = client.get("/api/nutrition/screening/latest", headers=auth_headers)
    screen(client, auth_headers)
    clock.advance(timedelta(hours=24))
    expired = client.get("/api/nutrition/screening/latest", headers=auth_headers)

    assert none.status_code == 404 and none.json["code"] == "screening_not_found"
    assert expired.status_code == 404 and expired.json["code"] == "screening_expired"


@pytest.mark.parametrize(
    "change",
    [
        {"age": 0},
        {"age": 200},
        {"weight_kg": -60},
        {"height_cm": 400},
        {"sex": "x"},
        {"sex": "male", "pregnant": True},
        {"pregnant": "maybe"},
        {"medical_conditions": "diabetes"},
        {"medical_conditions": [""]},
    ],
)
def test_impossible_answers_are_400_and_store_nothing(app, client, auth_headers, change):
    response = screen(client, auth_headers, **change)

    assert response.status_code == 400, response.json
    assert count(app, "nutrition_screenings") == 0 and count(app, "nutrition_audit_log") == 0


def test_every_screening_writes_an_audit_row_listed_newest_first_by_page(client, auth_headers):
    screen(client, auth_headers)
    screen(client, auth_headers, breastfeeding=True, age=70)  # 3 + 2 = 5: high
    screen(client, auth_headers, age=17)

    first = client.get("/api/nutrition/audit-log?per_page=2", headers=auth_headers).json
    second = client.get("/api/nutrition/audit-log?per_page=2&page=2", headers=auth_headers).json

    assert (first["total"], first["count"], second["count"]) == (3, 2, 1)
    allowed = [e["allowed"] for e in first["entries"] + second["entries"]]
    assert allowed == [True, False, True]  # medium, high, low: newest first
    assert first["entries"][1]["reason"] == "risk high (score 5)"
    assert {e["action"] for e in first["entries"]} == {"screening"}
    assert first["entries"][0]["estimated_cost_usd"] == 0
    bad = client.get("/api/nutrition/audit-log?per_page=500", headers=auth_headers)
    assert bad.status_code == 400


def test_a_household_member_sees_no_screening_or_audit_row(app, client):
    ana, bea = signup(client), signup(client)
    ana_headers, bea_headers = bearer(ana["access_token"]), bearer(bea["access_token"])
    with app.extensions["zerowaste.engine"].begin() as conn:  # Bea joins Ana's household
        conn.execute(
            text("UPDATE users SET household_id = (SELECT household_id FROM users WHERE uid = :a)"
                 " WHERE uid = :b"),
            {"a": ana["user"]["uid"], "b": bea["user"]["uid"]},
        )  # fmt: skip
    screen(client, ana_headers, pregnant=True)

    latest = client.get("/api/nutrition/screening/latest", headers=bea_headers)
    audit = client.get("/api/nutrition/audit-log", headers=bea_headers).json

    assert latest.status_code == 404
    assert audit["total"] == 0 and audit["entries"] == []
    assert client.get("/api/nutrition/audit-log", headers=ana_headers).json["total"] == 1


def test_the_planners_guard_is_a_403_and_its_generations_are_in_the_audit_log(app, client):
    from decimal import Decimal

    from zerowaste.application.screening.service import ScreeningRequired
    from zerowaste.interface.http.errors import _status_for

    ana = signup(client)
    headers, uid = bearer(ana["access_token"]), ana["user"]["uid"]
    guard = app.extensions["zerowaste.services"].screening
    with pytest.raises(ScreeningRequired) as refused:
        guard.authorize_plan_generation(uid, 1100, None, model="local")
    screen(client, headers)  # low risk: allows it
    allowing = guard.authorize_plan_generation(
        uid, 1100, "diabetic", model="gemini-2.5-flash", estimated_cost_usd=Decimal("0.0031")
    )

    assert _status_for(refused.value) == 403
    assert allowing is not None and allowing.assessment.level == "low"
    rows = client.get("/api/nutrition/audit-log", headers=headers).json["entries"]
    assert [(r["action"], r["allowed"], r["model"]) for r in rows] == [
        ("plan_generation", True, "gemini-2.5-flash"),
        ("screening", True, None),
        ("plan_generation", False, "local"),
    ]
    assert rows[0]["estimated_cost_usd"] == 0.0031
