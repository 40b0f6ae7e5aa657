"""One JSON error shape for every 4xx/5xx: {"error", "code", "details"?, "request_id"} plus the
X-Request-ID header, from routing, body parsing, auth, domain errors, the limiter, crashes and
a database that is down."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import abort
from sqlalchemy.exc import OperationalError

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.domain.shared.errors import (
    AuthenticationFailed,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RuleViolation,
    TransientConflict,
    UpstreamUnavailable,
)
from zerowaste.interface.http.errors import error_response

pytestmark = pytest.mark.api

SECRET_MARKER = "s3cr3t-marker-in-exception"
GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.data
    assert response.mimetype == "application/json"
    body = response.json
    assert isinstance(body["error"], str) and body["error"]
    assert body["code"] == code
    assert set(body) <= {"error", "code", "details", "request_id"}
    assert body["request_id"] == response.headers["X-Request-ID"]
    return dict(body)


@pytest.fixture
def fresh_app(settings) -> Iterator[Any]:
    """An app that has served no request yet, so tests may add their own routes to it."""
    app = create_app(settings)
    yield app
    app.extensions["zerowaste.engine"].dispose()


def test_unknown_route_is_404(client):
    assert_error(client.get("/api/does-not-exist"), 404, "not_found")


def test_wrong_method_is_405_with_allow_header(client):
    response = client.delete("/status")

    assert_error(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


def test_malformed_json_is_400(client):
    response = client.post(
        "/api/auth/login", data='{"email": "a@b.c", ', content_type="application/json"
    )

    body = assert_error(response, 400, "bad_request")
    assert body["error"] == "Malformed JSON body"


def test_invalid_fields_are_400_with_details_per_field(client):
    response = client.post("/api/auth/signup", json={"email": "not-an-email", "password": "short"})

    body = assert_error(response, 400, "validation_error")
    assert set(body["details"]) == {"email", "password"}


def test_a_body_that_is_not_json_is_415(client):
    response = client.post(
        "/api/auth/login",
        data="email=a@b.c&password=x",
        content_type="application/x-www-form-urlencoded",
    )

    assert_error(response, 415, "unsupported_media_type")


def test_a_body_over_the_cap_is_413(tmp_path, sqlite_url):
    app = create_app(make_settings(tmp_path, database_url=sqlite_url, max_content_length=2048))
    payload = '{"email": "a@example.com", "password": "' + "x" * 4096 + '"}'

    response = app.test_client().post(
        "/api/auth/login", data=payload, content_type="application/json"
    )

    assert_error(response, 413, "request_entity_too_large")
    app.extensions["zerowaste.engine"].dispose()


def test_missing_token_is_401(client):
    body = assert_error(client.get("/api/user/profile"), 401, "authorization_required")
    assert body["error"] == "Authorization token is required"


@pytest.mark.parametrize(
    ("header", "message", "code"),
    [
        ("Bearer not.a.jwt", "Invalid token", "invalid_token"),
        ("Bearer ", "Invalid token", "invalid_token"),
        ("Basic dXNlcjpwYXNz", "Authorization token is required", "authorization_required"),
    ],
)
def test_invalid_or_malformed_authorization_is_401(client, header, message, code):
    response = client.get("/api/user/profile", headers={"Authorization": header})

    body = assert_error(response, 401, code)
    assert body["error"] == message


def test_duplicate_signup_is_409(client):
    account = signup(client)

    response = client.post(
        "/api/auth/signup",
        json={"email": account["email"].upper(), "password": "another-pass-1", "name": "B"},
    )

    assert_error(response, 409, "email_taken")


def test_rate_limited_request_is_429_with_retry_after(tmp_path, sqlite_url):
    app = create_app(
        make_settings(
            tmp_path, database_url=sqlite_url, ratelimit_enabled=True, ratelimit_auth="2/minute"
        )
    )
    client = app.test_client()
    account = signup(client)  # 1st hit of the sign-in group
    login = {"email": account["email"], "password": account["password"]}
    assert client.post("/api/auth/login", json=login).status_code == 200  # 2nd

    response = client.post("/api/auth/login", json=login)  # 3rd

    body = assert_error(response, 429, "rate_limited")
    assert body["error"] == "Rate limit exceeded"
    assert 0 < int(response.headers["Retry-After"]) <= 60
    app.extensions["zerowaste.engine"].dispose()


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (
            InvalidInput(
                "Quantity must be positive", code="bad_quantity", details={"quantity": ["> 0"]}
            ),
            400,
        ),
        (AuthenticationFailed("Wrong code", code="wrong_code"), 401),
        (PermissionDenied("Not yours", code="not_owner"), 403),
        (NotFound("Recipe not found", code="recipe_not_found"), 404),
        (Conflict("Already saved", code="duplicate"), 409),
        (
            RuleViolation("Cannot consume more than the stack holds", code="insufficient_quantity"),
            422,
        ),
        (UpstreamUnavailable("Recipe generator is down", code="upstream_unavailable"), 503),
    ],
    ids=lambda v: v.__class__.__name__ if isinstance(v, DomainError) else str(v),
)
def test_domain_errors_map_to_their_status_with_code_and_details(fresh_app, error, status):
    def raises() -> None:
        raise error

    fresh_app.add_url_rule("/test/domain-error", "domain_error", raises)

    body = assert_error(fresh_app.test_client().get("/test/domain-error"), status, error.code)

    assert body["error"] == error.message
    assert body.get("details") == error.details


def test_unexpected_exception_is_an_opaque_500(fresh_app):
    secret = fresh_app.config["JWT_SECRET_KEY"]

    def crashes() -> None:
        raise RuntimeError(f"SELECT password_hash FROM local_credentials; {SECRET_MARKER} {secret}")

    fresh_app.add_url_rule("/test/crash", "crash", crashes)

    response = fresh_app.test_client().get("/test/crash")

    body = assert_error(response, 500, "internal_error")
    assert body["error"] == "Internal server error"
    text = response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", "SELECT", SECRET_MARKER, secret, "/work/", ".py"):
        assert leak not in text


def test_database_error_inside_a_route_is_an_opaque_503(fresh_app):
    def db_fails() -> None:
        raise OperationalError(
            "SELECT * FROM users WHERE uid = %s", {"uid": "x"}, Exception(SECRET_MARKER)
        )

    fresh_app.add_url_rule("/test/db", "db", db_fails)

    response = fresh_app.test_client().get("/test/db")

    assert_error(response, 503, "database_unavailable")
    assert "SELECT" not in response.get_data(as_text=True)
    assert SECRET_MARKER not in response.get_data(as_text=True)


@pytest.fixture
def db_down_client(tmp_path) -> Iterator[Any]:
    settings = make_settings(
        tmp_path / "down", database_url="mysql+pymysql://root@127.0.0.1:1/zerowaste"
    )
    app = create_app(settings)
    yield app.test_client()
    app.extensions["zerowaste.engine"].dispose()


def test_database_down_answers_503_json(db_down_client):
    response = db_down_client.post(
        "/api/auth/login", json={"email": "a@example.com", "password": "correct-horse-9"}
    )

    body = assert_error(response, 503, "database_unavailable")
    assert "127.0.0.1" not in body["error"]


def test_database_down_with_a_valid_token_is_503_not_401(client, db_down_client):
    # Same JWT secret (make_settings): the token is valid, its revocation lookup cannot run.
    token = signup(client)["access_token"]

    response = db_down_client.get("/api/user/profile", headers=bearer(token))

    assert_error(response, 503, "database_unavailable")


def test_a_valid_incoming_request_id_is_echoed_in_header_and_body(client):
    response = client.get("/nowhere", headers={"X-Request-ID": "mobile-7f3a9c21.retry-1"})

    assert response.headers["X-Request-ID"] == "mobile-7f3a9c21.retry-1"
    assert response.json["request_id"] == "mobile-7f3a9c21.retry-1"


@pytest.mark.parametrize(
    "incoming", ["short", "has spaces in it", "<script>alert(1)</script>", "x" * 65]
)
def test_an_invalid_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/nowhere", headers={"X-Request-ID": incoming})

    assert GENERATED_ID.match(response.headers["X-Request-ID"])
    assert response.json["request_id"] == response.headers["X-Request-ID"]


def test_successful_responses_carry_a_request_id_too(client):
    first = client.get("/status").headers["X-Request-ID"]
    second = client.get("/status").headers["X-Request-ID"]

    assert GENERATED_ID.match(first) and GENERATED_ID.match(second)
    assert first != second


class _DriverError(Exception):
    """What the MySQL driver raises: its error code first."""


def _deadlocked() -> None:
    try:
        raise OperationalError("UPDATE generated_pictures ...", {}, _DriverError(1213, "Deadlock"))
    except OperationalError as lost:
        raise TransientConflict("The database is busy; try again") from lost


def _provider_down() -> None:
    raise UpstreamUnavailable("Background jobs are unavailable", code="queue_unavailable")


def _database_error() -> None:
    raise OperationalError("SELECT 1", {}, _DriverError(2013, "Lost connection"))


def _aborted() -> None:
    abort(503)


def _answered_by_the_view() -> Any:
    return error_response(503, "Maintenance", "maintenance")


@pytest.mark.undocumented_status(503)
@pytest.mark.parametrize(
    ("view", "code", "reason"),
    [
        (_deadlocked, "database_busy", "Deadlock"),
        (_provider_down, "queue_unavailable", "Background jobs are unavailable"),
        (_database_error, "database_unavailable", "Lost connection"),
        (_aborted, "service_unavailable", "service_unavailable"),
        (_answered_by_the_view, "maintenance", "Maintenance"),
    ],
    ids=["transient-conflict", "upstream", "database-error", "abort", "view"],
)
def test_every_503_leaves_one_warning_with_its_reason_and_the_request_id(
    fresh_app, caplog, view, code, reason
):
    """The 12-01 soak answered one 503 that nothing in the log explained."""
    fresh_app.add_url_rule("/test/unavailable", "unavailable", view)
    client = fresh_app.test_client()

    response = client.get("/test/unavailable", headers={"X-Request-ID": "soak-0a1b2c3d"})

    assert_error(response, 503, code)
    said = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.getMessage().startswith("503 ")
    ]
    assert len(said) == 1, caplog.text
    assert "soak-0a1b2c3d" in said[0] and code in said[0] and reason in said[0]
