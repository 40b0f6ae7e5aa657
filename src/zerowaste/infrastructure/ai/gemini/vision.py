"""Recognition of ingredients (D.1), prepared foods (D.2) or both (D.3) in photos, with Gemini.

One call per recognition, whatever the number of photos: the photos go first as inline data,
then one short text naming how many there are; the instructions are the system instruction
(system.txt + recognize_<kind>.txt). Temperature 0.4 as in contract D.
"""

from __future__ import annotations

from collections.abc import Sequence

from google.genai import Client, types

from zerowaste.application.ports.ai import AiContext, AiUsage, ImageInput, VisionAnswer
from zerowaste.domain.recognition.items import Findings, Kind
from zerowaste.infrastructure.ai.gemini import schemas, templates
from zerowaste.infrastructure.ai.gemini.calls import json_config, structured
from zerowaste.infrastructure.ai.gemini.findings import image_sizes, to_findings

TEMPERATURE = 0.4
MAX_OUTPUT_TOKENS = 8192  # room for ~40 items and the model's thinking; truncation = failure
OPERATIONS: dict[Kind, tuple[str, type[schemas.VisionReply]]] = {
    "ingredients": ("recognize_ingredients", schemas.IngredientsReply),
    "foods": ("recognize_foods", schemas.FoodsReply),
    "batch": ("recognize_batch", schemas.BatchReply),
}


class GeminiVisionRecognizer:
    provider = "gemini"

    def __init__(self, client: Client, model: str) -> None:
        self._client = client
        self._model = model

    def recognize(
        self, images: Sequence[ImageInput], kind: Kind, context: AiContext
    ) -> VisionAnswer:
        operation, schema = OPERATIONS[kind]
        if not images:
            usage = AiUsage(provider=self.provider, model=self._model, operation=operation)
            return VisionAnswer(Findings(notes=("no photos to recognise",)), usage)
        parts = [types.Part.from_bytes(data=i.data, mime_type=i.content_type) for i in images]
        count = len(images)
        note = "The photo is above." if count == 1 else f"Photos 1 to {count} are above."
        parts.append(types.Part.from_text(text=note))
        parsed, usage = structured(
            self._client,
            model=self._model,
            operation=operation,
            contents=parts,
            config=json_config(
                templates.system_instruction(operation, context),
                temperature=TEMPERATURE,
                schema=schema,
                max_tokens=MAX_OUTPUT_TOKENS,
            ),
            schema=schema,
            images=count,
        )
        language = templates.language_of(context)
        findings = to_findings(parsed, image_sizes(images), language)
        return VisionAnswer(findings, usage)
