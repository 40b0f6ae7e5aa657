"""POST /api/recipes/import refuses bad URLs at once (422, nothing queued or stored); the
loopback allowance is a test-only setting, off by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.scraping.conftest import start
from tests.conftest import make_settings
from zerowaste.config import ConfigError, Settings

pytestmark = pytest.mark.api


def nothing_stored(client, headers):
    services = client.application.extensions["zerowaste.services"]
    assert [j for u in _users(client) for j in services.jobs.recent(u)] == []
    assert client.get("/api/recipes/saved", headers=headers).json["count"] == 0


def _users(client):
    from sqlalchemy import text

    with client.application.extensions["zerowaste.engine"].connect() as conn:
        return [row[0] for row in conn.execute(text("SELECT uid FROM users"))]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://files.example.com/recipe.html", "url_invalid"),
        ("file:///etc/passwd", "url_invalid"),
        ("javascript:alert(1)", "url_invalid"),
        ("https://user:secret@cooking.example.com/soup", "url_invalid"),
        ("http://10.0.0.8/recipe", "url_private"),
        ("http://169.254.169.254/latest/meta-data/", "url_private"),
        ("http://192.168.0.1:8080/recipe", "url_private"),
    ],
)
def test_a_bad_url_is_422_at_once_and_nothing_is_stored(client, auth_headers, url, code):
    response = start(client, auth_headers, url)

    assert response.status_code == 422, response.json
    assert response.json["code"] == code
    nothing_stored(client, auth_headers)


def test_a_missing_url_is_400(client, auth_headers):
    response = client.post("/api/recipes/import", json={}, headers=auth_headers)

    assert response.status_code == 400 and "url" in response.json["details"]
    nothing_stored(client, auth_headers)


@pytest.fixture
def no_loopback(tmp_path: Path, sqlite_url: str):
    from zerowaste.bootstrap import create_app

    application = create_app(make_settings(tmp_path, database_url=sqlite_url))
    yield application.test_client()
    application.extensions["zerowaste.engine"].dispose()


def test_loopback_and_names_resolving_to_it_are_422_without_the_test_setting(no_loopback):
    from tests.api.conftest import bearer, signup

    headers = bearer(signup(no_loopback)["access_token"])

    urls = ("http://127.0.0.1:8000/r", "http://localhost:8000/r", "http://[::1]:8000/r")
    for url in urls:
        response = start(no_loopback, headers, url)
        assert response.status_code == 422 and response.json["code"] == "url_private", url
    nothing_stored(no_loopback, headers)


def test_the_loopback_allowance_is_refused_outside_testing():
    with pytest.raises(ConfigError):
        Settings.from_env({"ZW_TEST_SCRAPE_ALLOW_LOOPBACK": "1", "ZW_ENV": "development"})
    allowed = Settings.from_env({"ZW_TEST_SCRAPE_ALLOW_LOOPBACK": "1", "ZW_ENV": "testing"})
    assert allowed.scrape_allow_loopback and not Settings().scrape_allow_loopback


def test_import_turned_off_is_403(tmp_path: Path, sqlite_url: str):
    from tests.api.conftest import bearer, signup
    from zerowaste.bootstrap import create_app

    settings = make_settings(tmp_path, database_url=sqlite_url, recipe_import_enabled=False)
    application = create_app(settings)
    client = application.test_client()
    headers = bearer(signup(client)["access_token"])

    response = start(client, headers, "https://cooking.example.com/soup")

    assert response.status_code == 403 and response.json["code"] == "recipe_import_disabled"
    application.extensions["zerowaste.engine"].dispose()


def test_a_household_viewer_is_refused_at_once_and_nothing_is_queued(client, site):
    from tests.api.households.helpers import family

    owner, viewer = family(client, "viewer")

    response = start(client, viewer["headers"], site.url("/recipes/strongrfastr"))

    assert response.status_code == 403, response.json
    assert response.json["code"] == "household_role_forbidden"
    nothing_stored(client, viewer["headers"])
    assert site.requests("/recipes/strongrfastr") == []
    adult = start(client, owner["headers"], site.url("/recipes/strongrfastr"))
    assert adult.status_code == 202, adult.json  # the owner (as an adult) still may
