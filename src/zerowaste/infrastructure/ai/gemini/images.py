"""Pictures of ingredients, foods and recipes (D.9) with Gemini's image model.

The request asks for TEXT and IMAGE (the image models answer with both); the first inline image
of the answer is kept and re-encoded to JPEG at quality 90, as the original backend stored
them (`ingredients/<name>.jpg`): one format for every stored picture, and the re-encoding
drops whatever metadata the provider put in. The picture is decoded as hostile input: PNG,
JPEG or WEBP only, size checked before any pixel is decoded, transparency flattened on white.

The instructions and the fenced subject go in the user turn (image_ingredient.txt,
image_dish.txt) rather than a system instruction, which not every image model accepts.
"""

from __future__ import annotations

import io
from dataclasses import replace

from google.genai import Client, types
from PIL import Image

from zerowaste.application.ports.ai import AiContext, GeneratedImage, ImageSubject, ProviderFailed
from zerowaste.infrastructure.ai.gemini import templates
from zerowaste.infrastructure.ai.gemini.calls import generate
from zerowaste.infrastructure.images import MAX_PIXELS

OPERATION = "render_image"
JPEG_QUALITY = 90
DECODERS = ("PNG", "JPEG", "WEBP")
DISH_KINDS = {"food": "prepared dish or drink", "recipe": "recipe's finished dish"}


class GeminiImageGenerator:
    provider = "gemini"

    def __init__(self, client: Client, model: str) -> None:
        self._client = client
        self._model = model

    def render(self, subject: ImageSubject, context: AiContext) -> GeneratedImage:
        reply = generate(
            self._client,
            model=self._model,
            operation=OPERATION,
            contents=[prompt(subject)],
            config=types.GenerateContentConfig(response_modalities=["TEXT", "IMAGE"]),
        )
        data = first_image(reply.response)
        if data is None:
            raise ProviderFailed(f"Gemini {OPERATION}: no image in the answer", usage=reply.usage)
        try:
            jpeg = to_jpeg(data)
        except (OSError, ValueError, Image.DecompressionBombError):
            raise ProviderFailed(
                f"Gemini {OPERATION}: the image could not be decoded", usage=reply.usage
            ) from None
        return GeneratedImage(jpeg, "image/jpeg", replace(reply.usage, images=1))


def prompt(subject: ImageSubject) -> str:
    data = {"name": subject.name, "category": subject.category, "description": subject.description}
    if subject.kind == "ingredient":
        return templates.render("image_ingredient", data=templates.fence(data))
    kind = DISH_KINDS.get(subject.kind, DISH_KINDS["food"])
    return templates.render("image_dish", kind=kind, data=templates.fence(data))


def first_image(response: types.GenerateContentResponse) -> bytes | None:
    for candidate in response.candidates or []:
        for part in (candidate.content.parts if candidate.content else None) or []:
            blob = part.inline_data
            if blob and blob.data and (blob.mime_type or "").startswith("image/"):
                return blob.data
    return None


def to_jpeg(data: bytes) -> bytes:
    """Decode an untrusted PNG/JPEG/WEBP and re-encode it as an RGB JPEG, quality 90."""
    with Image.open(io.BytesIO(data), formats=DECODERS) as image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ValueError("image too large")
        image.load()
        if image.mode in ("RGBA", "LA", "PA", "P"):
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
        else:
            flat = image.convert("RGB")
        out = io.BytesIO()
        flat.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        return out.getvalue()
