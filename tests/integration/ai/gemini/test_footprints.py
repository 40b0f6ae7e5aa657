"""GeminiFootprintEstimator: D.8's fallback for foods missing from the footprint table."""

from __future__ import annotations

import json

import pytest

from tests.fakes.gemini import json_reply
from zerowaste.application.ports.ai import AiContext, FootprintEstimate

pytestmark = pytest.mark.integration


def test_estimates_for_the_names_asked_only_and_plausible_ones(fake, gemini):
    fake.queue(
        json_reply(
            {
                "footprints": [
                    {"name": "Chapulines", "carbon_kg_co2e_per_kg": 2.1, "water_l_per_kg": 23},
                    {"name": "huitlacoche", "carbon_kg_co2e_per_kg": 1.2, "water_l_per_kg": 0},
                    {"name": "Caviar", "carbon_kg_co2e_per_kg": 30, "water_l_per_kg": 500},
                    {"name": "Nopal", "carbon_kg_co2e_per_kg": 900, "water_l_per_kg": 10},
                ]
            }
        )
    )

    answer = gemini.footprints.estimate(["Chapulines", "Huitlacoche", "Nopal"], AiContext())

    # Caviar was not asked; 900 kg CO2e per kg of nopal is above anything in the data.
    assert answer.estimates == [
        FootprintEstimate("Chapulines", 2.1, 23.0),
        FootprintEstimate("Huitlacoche", 1.2, 0.0),
    ]
    assert answer.usage.operation == "estimate_footprints"
    (sent,) = fake.requests
    assert sent.config()["temperature"] == 0.2
    (text,) = sent.texts()
    fenced = json.loads(text.removeprefix("<<<USER_DATA\n").removesuffix("\nUSER_DATA>>>"))
    assert fenced == {"foods": ["Chapulines", "Huitlacoche", "Nopal"]}
    assert "Chapulines" not in sent.system()  # user data stays in the fence
