"""Recipe import through the API: the app may fetch from 127.0.0.1 (the test-only allowance)
at a fast pace, and a fake site serves recipe-scrapers' own test pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.fakes.sites import FakeSite, fake_site
from zerowaste.config import Settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "recipe_scrapers"
PAGES = ("strongrfastr", "foodrepublic_1", "archanaskitchen_2")


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return make_settings(
        tmp_path,
        database_url=sqlite_url,
        scrape_allow_loopback=True,
        scrape_host_interval_ms=100,
        scrape_max_retries=0,
    )


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with fake_site() as served:
        served.page("/robots.txt", "User-agent: *\nDisallow: /members/\n")
        for name in PAGES:
            served.page(f"/recipes/{name}", (FIXTURES / f"{name}.testhtml").read_text())
        yield served


def start(client: Any, headers: dict[str, str], url: str) -> Any:
    return client.post("/api/recipes/import", json={"url": url}, headers=headers)
