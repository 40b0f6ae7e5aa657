"""Environmental impact (D.4), utilization ideas (D.5) and consumption advice (D.6) in one call.

The original backend made three calls per item (temperatures 0.3, 0.5 and 0.3); one structured
call costs one prompt instead of three and answers in one round trip. It runs at 0.3: the
footprint figures and the safety advice should not vary between calls, and the ideas stay
varied enough at that temperature.

The answer has the same keys as the local engine's enrichment (infrastructure/ai/local), so the
stored enrichment reads the same whichever engine made it: footprints per kg with their units
fixed here (kg CO2e, litres), 3-4 ideas with a type label in the user's language, and the advice
texts. The item's name, kind and description are user data: they go in the fence.
"""

from __future__ import annotations

from typing import Any

from google.genai import Client

from zerowaste.application.ports.ai import AdviceAnswer, AiContext
from zerowaste.infrastructure.ai.gemini import schemas, templates
from zerowaste.infrastructure.ai.gemini.calls import json_config, structured

OPERATION = "advise"
TEMPERATURE = 0.3
MAX_OUTPUT_TOKENS = 4096
MAX_IDEAS = 4
KINDS = {"ingredient": "food ingredient", "food": "prepared dish or drink"}
IDEA_LABELS = {
    "es": {
        "preservation": "conservación",
        "preparation": "preparación",
        "reuse": "aprovechamiento",
        "recycling": "reciclaje",
    },
    "en": {
        "preservation": "preservation",
        "preparation": "preparation",
        "reuse": "reuse",
        "recycling": "recycling",
    },
}
FOOTPRINT_WORDS = {
    "es": ("CO2e por kg", "agua por kg"),
    "en": ("CO2e per kg", "water per kg"),
}


class GeminiFoodAdvisor:
    provider = "gemini"

    def __init__(self, client: Client, model: str) -> None:
        self._client = client
        self._model = model

    def advise(
        self, name: str, *, kind: str, description: str | None, context: AiContext
    ) -> AdviceAnswer:
        item = {"name": name, "kind": kind, "description": description or ""}
        parsed, usage = structured(
            self._client,
            model=self._model,
            operation=OPERATION,
            contents=[templates.fence(item)],
            config=json_config(
                templates.system_instruction(OPERATION, context, kind=KINDS.get(kind, "food")),
                temperature=TEMPERATURE,
                schema=schemas.AdviceReply,
                max_tokens=MAX_OUTPUT_TOKENS,
            ),
            schema=schemas.AdviceReply,
        )
        return AdviceAnswer(advice(parsed, templates.language_of(context)), usage)


def advice(reply: schemas.AdviceReply, language: str) -> dict[str, Any]:
    """The contract's enrichment keys (D.4-D.6) from a validated answer."""
    impact = reply.environmental_impact
    carbon_words, water_words = FOOTPRINT_WORDS[language]
    ideas = [
        {
            "title": idea.title.strip(),
            "description": idea.description.strip(),
            "type": IDEA_LABELS[language][idea.type],
        }
        for idea in reply.utilization_ideas[:MAX_IDEAS]
        if idea.title.strip()
    ]
    result: dict[str, Any] = {
        "generated_by": "gemini",
        "environmental_impact": {
            "carbon_footprint": {
                "value": round(impact.carbon_kg_co2e_per_kg, 2),
                "unit": "kg",
                "description": carbon_words,
            },
            "water_footprint": {
                "value": round(impact.water_l_per_kg, 1),
                "unit": "l",
                "description": water_words,
            },
            "sustainability_message": impact.sustainability_message.strip(),
        },
        "consumption_advice": reply.consumption_advice.model_dump(),
        "before_consumption_advice": reply.before_consumption_advice.model_dump(),
    }
    if ideas:
        result["utilization_ideas"] = ideas
    result["enriched_with"] = [
        key
        for key in ("environmental_impact", "utilization_ideas", "consumption_advice")
        if key in result
    ]
    return result
