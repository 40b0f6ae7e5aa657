"""Contract D.8's fallback: foods missing from the footprint table get AI estimates when a
remote provider is configured, marked and cited as such; on the local engine (or when the
provider fails) they stay in `missing_data`, never guessed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.fakes.ai import FakeFootprints, fake_providers

pytestmark = pytest.mark.api

TACOS = {
    "title": "Tacos de chapulines",
    "servings": 2,
    "ingredients": [
        {"name": "Chapulines", "quantity": 200, "type_unit": "g"},
        {"name": "Papa", "quantity": 1, "type_unit": "kg"},
    ],
    "steps": ["Tuesta los chapulines", "Sirve en tortillas"],
}


@pytest.fixture
def footprints() -> FakeFootprints:
    return FakeFootprints(provider="gemini", figures={"Chapulines": (2.5, 40.0)})


@pytest.fixture
def app(settings: Any, footprints: FakeFootprints) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    application = create_app(
        settings,
        ai_primary=fake_providers("gemini", footprints=footprints),
        ai_local=fake_providers("local"),
    )
    yield application
    application.extensions["zerowaste.engine"].dispose()


def savings(client: Any, headers: dict[str, str]) -> dict[str, Any]:
    saved = client.post("/api/recipes/save", json=TACOS, headers=headers)
    assert saved.status_code == 201
    uid = saved.json["recipe"]["uid"]
    response = client.post(f"/api/environmental_savings/calculate/from-uid/{uid}", headers=headers)
    assert response.status_code == 200
    return dict(response.json)


def test_a_food_missing_from_the_table_is_estimated_marked_and_cited(
    client, auth_headers, footprints
):
    body = savings(client, auth_headers)

    # Potatoes from the table (0.46 kg CO2e, 59.1 L per kg) + 0.2 kg x the estimate (2.5, 40):
    # 0.46 + 0.5 = 0.96 kg CO2e; 59.1 + 8.0 = 67.1 L.
    assert body["carbon_footprint"] == pytest.approx(0.96)
    assert body["water_footprint"] == pytest.approx(67.1)
    assert body["estimated"] == ["Chapulines"]
    assert not [m for m in body["missing_data"] if "carbon" in m["figures"]]
    assert any(s.startswith("Estimated by gemini (AI)") for s in body["sources"])
    assert any("Poore" in s for s in body["sources"])
    assert footprints.calls == [["Chapulines"]]  # only what the table lacks is asked


def test_when_the_provider_fails_the_food_stays_missing(client, auth_headers, footprints):
    footprints.fail = True

    body = savings(client, auth_headers)

    assert body["carbon_footprint"] == pytest.approx(0.46)  # the potatoes only
    assert body["estimated"] == []
    assert ("Chapulines", "no_footprint") in {
        (m["name"], m["reason"]) for m in body["missing_data"]
    }
