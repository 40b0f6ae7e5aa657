"""Footprints of foods the data pack lacks (contract D.8's fallback), in one structured call.

The savings feature asks only for names missing from the footprint table, and marks whatever
comes back as an AI estimate. The answer is checked beyond the schema: entries for names that
were not asked are dropped (the model may rename or add foods), and figures above the highest
in the footprint data (beef, ~100 kg CO2e and a few thousand litres per kg, times a margin)
are dropped as implausible rather than clipped. Temperature 0.2: the same food should get the
same figure from one call to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from google.genai import Client

from zerowaste.application.ports.ai import (
    AiContext,
    FootprintAnswer,
    FootprintEstimate,
)
from zerowaste.domain.shared.text import folded
from zerowaste.infrastructure.ai.gemini import schemas, templates
from zerowaste.infrastructure.ai.gemini.calls import json_config, structured

OPERATION = "estimate_footprints"
TEMPERATURE = 0.2
MAX_NAMES = 20
MAX_OUTPUT_TOKENS = 2048
MAX_CO2E_PER_KG = 150.0
MAX_WATER_L_PER_KG = 20_000.0


class GeminiFootprintEstimator:
    provider = "gemini"

    def __init__(self, client: Client, model: str) -> None:
        self._client = client
        self._model = model

    def estimate(self, names: Sequence[str], context: AiContext) -> FootprintAnswer:
        asked = {folded(n): n for n in list(dict.fromkeys(names))[:MAX_NAMES] if n.strip()}
        parsed, usage = structured(
            self._client,
            model=self._model,
            operation=OPERATION,
            contents=[templates.fence({"foods": list(asked.values())})],
            config=json_config(
                templates.system_instruction(OPERATION, context),
                temperature=TEMPERATURE,
                schema=schemas.FootprintsReply,
                max_tokens=MAX_OUTPUT_TOKENS,
            ),
            schema=schemas.FootprintsReply,
        )
        estimates = []
        for found in parsed.footprints:
            name = asked.pop(folded(found.name), None)
            if name is None or not plausible(found):
                continue
            estimates.append(
                FootprintEstimate(name, found.carbon_kg_co2e_per_kg, found.water_l_per_kg)
            )
        return FootprintAnswer(estimates, usage)


def plausible(found: schemas.FoodFootprint) -> bool:
    return (
        0 < found.carbon_kg_co2e_per_kg <= MAX_CO2E_PER_KG
        and 0 <= found.water_l_per_kg <= MAX_WATER_L_PER_KG
    )
