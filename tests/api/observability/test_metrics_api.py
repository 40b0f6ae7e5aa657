"""GET /metrics: requests counted per route template and status, 429s counted, protection,
and request ids taken from the client (bounded, safe) and answered back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.api.conftest import signup
from tests.conftest import make_settings
from tests.metrics_scrape import sample
from zerowaste.bootstrap import create_app

REQUESTS = "zerowaste_http_requests_total"
LATENCY_COUNT = "zerowaste_http_request_duration_seconds_count"
STATEMENTS = "zerowaste_db_statements_total"
DETAIL = "/api/inventory/ingredients/<name>/detail"


def scrape(client: Any, **headers: str) -> str:
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/plain"
    return str(response.get_data(as_text=True))


def test_a_request_is_counted_under_its_route_template_and_status(client: Any) -> None:
    token = signup(client)["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    labels = {"method": "GET", "route": DETAIL, "status": "404"}
    before = scrape(client)

    for name in ("carrot", "zzz-unknown-food"):
        response = client.get(f"/api/inventory/ingredients/{name}/detail", headers=headers)
        assert response.status_code == 404

    after = scrape(client)
    assert sample(after, REQUESTS, **labels) - sample(before, REQUESTS, **labels) == 2
    assert sample(after, LATENCY_COUNT, **labels) - sample(before, LATENCY_COUNT, **labels) == 2
    assert "carrot" not in after and "zzz-unknown-food" not in after  # never the raw path


def test_a_path_no_route_matches_is_one_label_value(client: Any) -> None:
    labels = {"method": "GET", "route": "<unmatched>", "status": "404"}
    before = sample(scrape(client), REQUESTS, **labels)

    assert client.get("/no/such/page-a1b2c3").status_code == 404

    after = scrape(client)
    assert sample(after, REQUESTS, **labels) == before + 1
    assert "page-a1b2c3" not in after


def test_a_rate_limited_request_is_counted_as_a_rejection(tmp_path: Path, sqlite_url: str) -> None:
    settings = make_settings(
        tmp_path, database_url=sqlite_url, ratelimit_enabled=True, ratelimit_auth="2/minute"
    )
    app = create_app(settings)
    client = app.test_client()
    route = {"route": "/api/auth/login"}
    before = sample(scrape(client), "zerowaste_rate_limit_rejections_total", **route)
    body = {"email": "nobody@example.com", "password": "wrong-password-1"}

    statuses = [client.post("/api/auth/login", json=body).status_code for _ in range(3)]

    assert statuses == [401, 401, 429]
    after = scrape(client)
    assert sample(after, "zerowaste_rate_limit_rejections_total", **route) == before + 1
    assert sample(after, REQUESTS, method="POST", route="/api/auth/login", status="429") >= 1
    app.extensions["zerowaste.engine"].dispose()


def test_with_a_token_only_the_bearer_of_it_reads_the_metrics(
    tmp_path: Path, sqlite_url: str
) -> None:
    app = create_app(make_settings(tmp_path, database_url=sqlite_url, metrics_token="t0ken-x9"))
    client = app.test_client()

    assert client.get("/metrics").status_code == 401
    refused = client.get("/metrics", headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401
    assert refused.json["code"] == "unauthorized"
    assert "zerowaste_" not in refused.get_data(as_text=True)
    assert "zerowaste_http_requests_total" in scrape(client, Authorization="Bearer t0ken-x9")
    app.extensions["zerowaste.engine"].dispose()


def test_production_without_a_token_does_not_serve_metrics(tmp_path: Path, sqlite_url: str) -> None:
    settings = make_settings(
        tmp_path, database_url=sqlite_url, env="production", cors_origins=("https://a.example",)
    )
    app = create_app(settings)

    response = app.test_client().get("/metrics")

    assert response.status_code == 404
    assert "zerowaste_" not in response.get_data(as_text=True)
    app.extensions["zerowaste.engine"].dispose()


def test_the_clients_request_id_is_kept_and_a_bad_one_replaced(client: Any) -> None:
    kept = client.get("/healthz/live", headers={"X-Request-ID": "mobile-1234.abcd_EF"})
    assert kept.headers["X-Request-ID"] == "mobile-1234.abcd_EF"

    for bad in ("short", "x" * 65, "evil\u00e9-id-12345", "a b c d e f g h"):
        answered = client.get("/healthz/live", headers={"X-Request-ID": bad})
        assert answered.headers["X-Request-ID"] != bad
        assert len(answered.headers["X-Request-ID"]) == 32


def test_the_statements_a_request_runs_are_counted_under_its_route(client: Any) -> None:
    """Queries per request, per route: what one profile read costs the database, counted."""
    token = signup(client)["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    route = {"method": "GET", "route": "/api/user/profile"}
    before = scrape(client)

    for _ in range(3):
        assert client.get("/api/user/profile", headers=headers).status_code == 200

    after = scrape(client)
    requests = sample(after, REQUESTS, status="200", **route) - sample(
        before, REQUESTS, status="200", **route
    )
    statements = sample(after, STATEMENTS, **route) - sample(before, STATEMENTS, **route)
    assert requests == 3
    # Each read on the embedded default (SQLite, no Redis): BEGIN + the revoked-token lookup,
    # BEGIN + the user row; a change in what one read costs fails here first.
    assert statements == 3 * 4, statements
    metrics_route = {"method": "GET", "route": "/metrics"}
    assert sample(after, STATEMENTS, **metrics_route) == 0  # the scrape itself reads nothing
