"""GeminiImageGenerator: TEXT+IMAGE requests, the first inline image re-encoded as JPEG q90."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.fakes.gemini import Reply, image_reply, text_reply, usage
from tests.images import picture, png_with_declared_size
from zerowaste.application.ports.ai import AiContext, ImageSubject, ProviderFailed

pytestmark = pytest.mark.integration

TOMATO = ImageSubject(name="Tomate", kind="ingredient", description="rojo y maduro")


def transparent_png() -> bytes:
    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    image.putpixel((0, 0), (255, 0, 0, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_first_inline_image_is_returned_as_jpeg(fake, gemini):
    fake.queue(image_reply(picture("PNG", (96, 64))))

    image = gemini.images.render(TOMATO, AiContext())

    assert image.content_type == "image/jpeg"
    with Image.open(io.BytesIO(image.data)) as decoded:
        assert (decoded.format, decoded.mode, decoded.size) == ("JPEG", "RGB", (96, 64))
    assert image.usage.images == 1 and image.usage.operation == "render_image"
    assert image.usage.model == "gemini-2.5-flash-image"
    (sent,) = fake.requests
    assert sent.path == "/v1/models/gemini-2.5-flash-image:generateContent"
    assert sent.config()["responseModalities"] == ["TEXT", "IMAGE"]
    (prompt,) = sent.texts()
    assert prompt.startswith("Create a picture of the food ingredient")
    assert '"name": "Tomate"' in prompt and '"description": "rojo y maduro"' in prompt


def test_transparency_is_flattened_on_white(fake, gemini):
    fake.queue(image_reply(transparent_png()))

    image = gemini.images.render(TOMATO, AiContext())

    with Image.open(io.BytesIO(image.data)) as decoded:
        corner = decoded.getpixel((31, 31))
    assert all(channel > 245 for channel in corner)


def test_dishes_and_recipes_use_the_dish_prompt(fake, gemini):
    fake.queue(image_reply(picture("JPEG", (40, 40)), "image/jpeg"))

    gemini.images.render(ImageSubject(name="Ceviche", kind="recipe"), AiContext())

    (prompt,) = fake.requests[0].texts()
    assert prompt.startswith("Create a picture of the recipe's finished dish")


def test_an_answer_without_an_image_fails_retryably(fake, gemini):
    fake.queue(text_reply("I cannot draw that", tokens=usage(15, 6)))

    with pytest.raises(ProviderFailed, match="no image") as failure:
        gemini.images.render(TOMATO, AiContext())

    assert failure.value.retryable is True and failure.value.usage.tokens_out == 6


@pytest.mark.parametrize(
    "data", [b"not an image at all", png_with_declared_size(50_000, 50_000)], ids=["junk", "bomb"]
)
def test_an_image_that_cannot_be_decoded_safely_fails(fake, gemini, data):
    fake.queue(image_reply(data))

    with pytest.raises(ProviderFailed, match="could not be decoded"):
        gemini.images.render(TOMATO, AiContext())


def test_a_server_error_on_the_image_model_fails_after_retries(fake, make_gemini):
    fake.fallback = Reply(status=503, body={"error": {"code": 503, "status": "UNAVAILABLE"}})
    gemini = make_gemini(retry_attempts=2)

    with pytest.raises(ProviderFailed, match="HTTP 503 UNAVAILABLE"):
        gemini.images.render(TOMATO, AiContext())

    assert len(fake.requests) == 2
