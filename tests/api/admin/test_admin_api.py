"""Admin routes: 401 without a token, 403 `admin_only` for a signed-in non-admin, 200 for an
admin whose flag the command line set; every admin call is audit-logged; bad input is 400."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest

from tests.api.conftest import bearer, signup

ROUTES = [
    "/api/admin/users",
    "/api/admin/stats",
    "/api/admin/health",
    "/api/admin/audit-log",
    "/api/admin/analytics/export/users",
    "/api/admin/analytics/export/stats?format=xlsx",
    "/api/admin/analytics/export/ai_usage",
]


def grant(app: Any, email: str) -> None:
    app.extensions["zerowaste.services"].admin_roles.set_admin(email, True, "tests")


@pytest.fixture
def admin_headers(app: Any, client: Any) -> dict[str, str]:
    account = signup(client, email="root@example.com")
    grant(app, account["email"])
    return bearer(account["access_token"])


def audit(client: Any, headers: dict[str, str]) -> list[dict[str, Any]]:
    response = client.get("/api/admin/audit-log?per_page=100", headers=headers)
    assert response.status_code == 200
    return list(response.json["entries"])


@pytest.mark.parametrize("path", ROUTES)
def test_without_a_token_every_admin_route_is_401(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response.json["code"] == "authorization_required"


@pytest.mark.parametrize("path", ROUTES)
def test_a_user_who_is_not_an_admin_gets_403_admin_only(
    client: Any, auth_headers: dict[str, str], admin_headers: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=auth_headers)
    assert response.status_code == 403
    assert response.json["code"] == "admin_only"
    # newest first: this listing, then the grant; the refused call wrote nothing
    assert [e["action"] for e in audit(client, admin_headers)] == ["audit_log", "grant"]


@pytest.mark.parametrize("path", ROUTES)
def test_an_admin_gets_200_and_the_call_is_audit_logged(
    client: Any, admin_headers: dict[str, str], path: str
) -> None:
    response = client.get(path, headers=admin_headers)
    assert response.status_code == 200
    entries = audit(client, admin_headers)  # newest first: this listing, the call, the grant
    assert [(e["actor"], e["target"]) for e in entries[1:]] == [
        ("root@example.com", path),
        ("cli:tests", "root@example.com"),
    ]
    assert entries[2]["action"] == "grant" and entries[2]["actor_uid"] is None


def test_a_revoked_admin_is_refused_again(app: Any, client: Any) -> None:
    account = signup(client, email="temp@example.com")
    headers = bearer(account["access_token"])
    grant(app, account["email"])
    assert client.get("/api/admin/stats", headers=headers).status_code == 200
    app.extensions["zerowaste.services"].admin_roles.set_admin(account["email"], False, "t")
    assert client.get("/api/admin/stats", headers=headers).status_code == 403


def test_users_lists_counts_and_never_credentials(
    client: Any, admin_headers: dict[str, str], user: dict[str, Any]
) -> None:
    response = client.get(f"/api/admin/users?q={user['email'][:12]}", headers=admin_headers)
    assert response.status_code == 200
    body = response.json
    assert body["total"] == 1 and body["count"] == 1
    listed = body["users"][0]
    assert listed["email"] == user["email"] and listed["is_admin"] is False
    assert listed["sessions"] == 1
    text = response.get_data(as_text=True)
    for secret in ("password", "token", "hash", user["password"], user["access_token"]):
        assert secret not in text


def test_stats_count_the_users_signed_up_and_active_today(
    client: Any, admin_headers: dict[str, str], user: dict[str, Any]
) -> None:
    body = client.get("/api/admin/stats?weeks=2", headers=admin_headers).json
    assert body["users"] == {"total": 2, "guests": 0, "admins": 1}
    assert (body["active"]["dau"], body["active"]["wau"], body["active"]["mau"]) == (2, 2, 2)
    assert len(body["cohorts"]) == 2
    assert body["cohorts"][-1]["size"] == 2 and body["cohorts"][-1]["retained"] == [2]
    assert body["ai_calls"] == 0 and body["waste_avoided"]["recipes"] == 0


def test_health_names_the_probed_services(client: Any, admin_headers: dict[str, str]) -> None:
    body = client.get("/api/admin/health", headers=admin_headers).json
    assert body["services"]["database"] == "ok"
    assert body["queue_depth"] is None  # no broker configured in tests
    assert (body["jobs_finished_24h"], body["job_failure_rate"]) == (0, 0.0)


def test_users_export_is_a_csv_attachment_safe_from_formulas(
    client: Any, admin_headers: dict[str, str]
) -> None:
    client.post(
        "/api/auth/signup",
        json={"email": "evil@example.com", "password": "correct-horse-9", "name": "=cmd()"},
    )
    response = client.get("/api/admin/analytics/export/users", headers=admin_headers)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["uid", "email", "name"]
    names = {r[1]: r[2] for r in rows[1:]}
    assert names == {"evil@example.com": "'=cmd()", "root@example.com": "Ana"}


def test_stats_export_as_xlsx_holds_the_figures(client: Any, admin_headers: dict[str, str]) -> None:
    response = client.get("/api/admin/analytics/export/stats?format=xlsx", headers=admin_headers)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet is not None
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["users.total"] == 1 and values["users.admins"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/admin/analytics/export/passwords",
        "/api/admin/analytics/export/users?format=pdf",
        "/api/admin/users?per_page=0",
        "/api/admin/users?page=abc",
        "/api/admin/users?q=" + "x" * 101,
        "/api/admin/stats?weeks=27",
        "/api/admin/stats?weeks=0",
        "/api/admin/audit-log?per_page=101",
    ],
)
def test_bad_input_is_400(client: Any, admin_headers: dict[str, str], path: str) -> None:
    response = client.get(path, headers=admin_headers)
    assert response.status_code == 400
    assert response.json["code"] == "validation_error"
