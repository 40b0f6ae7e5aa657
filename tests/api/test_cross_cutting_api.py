"""Security headers (MOBILE_CONTRACT §E), CORS from config, gzip, extra keys ignored and
structured JSON access logs carrying the request id."""

from __future__ import annotations

import gzip
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from pythonjsonlogger.json import JsonFormatter

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.interface.http.middleware import RequestIdFilter

pytestmark = pytest.mark.api

CONTRACT_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-XSS-Protection": "1; mode=block",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
ALLOWED = "https://app.example"


def _assert_contract_headers(response: Any) -> None:
    for name, value in CONTRACT_HEADERS.items():
        assert response.headers.get(name) == value, name
    permissions = response.headers["Permissions-Policy"]
    for feature in (
        "geolocation=()",
        "microphone=()",
        "camera=()",
        "accelerometer=()",
        "gyroscope=()",
    ):
        assert feature in permissions
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "Server" not in response.headers
    assert "X-Powered-By" not in response.headers


def test_normal_response_carries_the_contract_security_headers(client):
    response = client.get("/status")

    assert response.status_code == 200
    _assert_contract_headers(response)
    assert (
        response.headers["Content-Security-Policy"] == "default-src 'self'; frame-ancestors 'none'"
    )


def test_error_and_authenticated_responses_carry_them_too(client, auth_headers):
    _assert_contract_headers(client.get("/missing"))
    _assert_contract_headers(client.get("/api/user/profile", headers=auth_headers))


def test_swagger_ui_gets_a_csp_that_lets_it_run_but_still_cannot_be_framed(client):
    response = client.get("/apidocs/")

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.fixture
def cors_client(tmp_path, sqlite_url) -> Iterator[Any]:
    app = create_app(make_settings(tmp_path, database_url=sqlite_url, cors_origins=(ALLOWED,)))
    yield app.test_client()
    app.extensions["zerowaste.engine"].dispose()


def _preflight(client: Any, origin: str) -> Any:
    return client.options(
        "/api/user/profile",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )


def test_cors_preflight_from_a_configured_origin_is_allowed(cors_client):
    response = _preflight(cors_client, ALLOWED)

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "PUT" in response.headers["Access-Control-Allow-Methods"]
    allowed_headers = response.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed_headers and "content-type" in allowed_headers


def test_cors_preflight_from_another_origin_gets_no_allow_origin(cors_client):
    response = _preflight(cors_client, "https://evil.example")

    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Methods" not in response.headers


def test_cors_exposes_request_id_and_retry_after_to_the_allowed_origin(cors_client):
    response = cors_client.get("/status", headers={"Origin": ALLOWED})

    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    exposed = {
        h.strip().lower() for h in response.headers["Access-Control-Expose-Headers"].split(",")
    }
    assert {"x-request-id", "retry-after"} <= exposed


def test_default_cors_allows_any_origin_with_a_plain_wildcard(client):
    response = client.get("/status", headers={"Origin": "https://anything.example"})

    # "*" (not the echoed origin) so shared caches cannot serve one origin's answer to another.
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_large_json_is_gzipped_when_the_client_accepts_it(client):
    response = client.get("/apispec_1.json", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    spec = json.loads(gzip.decompress(response.data))
    assert "/api/user/profile" in spec["paths"]
    assert len(response.data) < len(json.dumps(spec))


def test_nothing_is_gzipped_for_a_client_that_does_not_ask(client):
    response = client.get("/apispec_1.json")

    assert "Content-Encoding" not in response.headers
    assert "/api/user/profile" in response.json["paths"]


def test_small_responses_are_not_gzipped(client):
    response = client.get("/status", headers={"Accept-Encoding": "gzip"})

    assert "Content-Encoding" not in response.headers
    assert response.json["status"] == "success"


def test_the_clients_extra_keys_are_accepted_and_ignored_on_auth_routes(client):
    response = client.post(
        "/api/auth/signup",
        json={
            "email": "extra-keys@example.com",
            "password": "correct-horse-9",
            "name": "Ana",
            "displayName": "Ana",
            "deviceId": "abc",
            "platform": "android",
        },
    )

    assert response.status_code == 201, response.json
    assert response.json["user"]["email"] == "extra-keys@example.com"


@pytest.fixture
def access_log() -> Iterator[io.StringIO]:
    """Capture zerowaste.access through the app's own JSON formatter and request-id filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s")
    )
    logger = logging.getLogger("zerowaste.access")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_access_log_is_one_json_line_per_request_with_its_request_id(client, access_log):
    account = signup(client)
    access_log.truncate(0)
    access_log.seek(0)

    client.get(
        "/api/user/profile",
        headers={**bearer(account["access_token"]), "X-Request-ID": "trace-0123456789"},
    )

    lines = [json.loads(line) for line in access_log.getvalue().splitlines()]
    assert len(lines) == 1
    record = lines[0]
    assert record["request_id"] == "trace-0123456789"
    assert (record["method"], record["path"], record["status"]) == ("GET", "/api/user/profile", 200)
    assert record["name"] == "zerowaste.access"
    assert isinstance(record["duration_ms"], float)
    assert account["access_token"] not in access_log.getvalue()
