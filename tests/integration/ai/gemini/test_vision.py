"""GeminiVisionRecognizer: D.1-D.3 answers from the fake, mapped onto the domain's findings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fakes.gemini import food_answer, ingredient_answer, json_reply
from tests.images import picture
from zerowaste.application.ports.ai import AiContext, ImageInput, ProviderFailed
from zerowaste.domain.recognition.items import Box, RecognizedFood, RecognizedIngredient

pytestmark = pytest.mark.integration

SPANISH = AiContext("es", "metric")
PHOTO = ImageInput(picture("PNG", (400, 300)), "image/png")
OTHER = ImageInput(picture("JPEG", (1000, 500)), "image/jpeg")


def test_ingredients_become_recognized_ingredients(fake, gemini):
    fake.queue(json_reply({"ingredients": [ingredient_answer()]}))

    answer = gemini.vision.recognize([PHOTO], "ingredients", SPANISH)

    assert answer.findings.ingredients == (
        RecognizedIngredient(
            name="Tomate",
            quantity=Decimal("3.000"),
            unit="unidades",
            storage="Refrigerado",
            expiration_time=7,
            time_unit="Días",
            description="Tomates rojos maduros",
            tips="Guárdalos sin lavar",
            confidence=0.92,
            source="gemini",
            box=Box(x_min=80, y_min=30, x_max=240, y_max=150),  # 0-1000 scale -> 400x300 px
        ),
    )
    assert answer.findings.foods == () and answer.findings.notes == ()


def test_loose_spellings_and_odd_numbers_are_normalised(fake, gemini):
    odd = ingredient_answer(
        name="  Ají   amarillo ",
        quantity=0.25,
        type_unit="Kilogramos",
        storage_type="refrigerator",
        expiration_time=2.6,
        time_unit="weeks",
        confidence=87,
        image=None,
        box_2d=None,
    )
    never = ingredient_answer(name="Sal", expiration_time=0, quantity=-1, type_unit="puñado")
    forever = ingredient_answer(name="Miel", expiration_time=40, time_unit="Años")
    fake.queue(json_reply({"ingredients": [odd, never, forever, ingredient_answer(name=" ")]}))

    answer = gemini.vision.recognize([PHOTO], "ingredients", AiContext("en", "imperial"))

    aji, salt, honey = answer.findings.ingredients
    assert (aji.name, aji.quantity, aji.unit) == ("Ají amarillo", Decimal("0.250"), "kg")
    assert (aji.storage, aji.expiration_time, aji.time_unit) == ("Refrigerado", 3, "Semanas")
    assert aji.confidence == 0.87 and aji.box is None
    assert (salt.quantity, salt.unit) == (Decimal(1), "units")  # English label, count fallback
    assert (salt.expiration_time, salt.time_unit) == (7, "Días")  # the contract's default
    assert (honey.expiration_time, honey.time_unit) == (10, "Años")  # capped at ten years


def test_an_unknown_storage_place_fails_the_answer(fake, gemini):
    fake.queue(json_reply({"ingredients": [ingredient_answer(storage_type="on the moon")]}))

    with pytest.raises(ProviderFailed, match="did not match the schema"):
        gemini.vision.recognize([PHOTO], "ingredients", SPANISH)


def test_foods_become_recognized_foods(fake, gemini):
    fake.queue(json_reply({"foods": [food_answer(category="main course", calories=650.4)]}))

    answer = gemini.vision.recognize([PHOTO], "foods", SPANISH)

    assert answer.findings.foods == (
        RecognizedFood(
            name="Lomo saltado",
            main_ingredients=("carne de res", "cebolla", "tomate", "papas fritas"),
            category="Plato principal",
            calories=650,
            storage="Refrigerado",
            expiration_time=2,
            time_unit="Días",
            serving_quantity=Decimal("2.000"),
            description="Salteado de carne con papas fritas",
            tips="Recaliéntalo en sartén",
            confidence=0.8,
            source="gemini",
        ),
    )
    config = fake.requests[0].config()
    assert list(config["responseSchema"]["properties"]) == ["foods"]
    assert "prepared dishes" in fake.requests[0].system()


def test_a_batch_sends_every_photo_and_places_boxes_on_the_right_one(fake, gemini):
    fake.queue(
        json_reply(
            {
                "ingredients": [ingredient_answer(image=2, box_2d=[0, 0, 1000, 500])],
                "foods": [food_answer(image=1, box_2d=[500, 500, 1000, 1000])],
            }
        )
    )

    answer = gemini.vision.recognize([PHOTO, OTHER], "batch", SPANISH)

    (ingredient,) = answer.findings.ingredients
    (food,) = answer.findings.foods
    assert ingredient.box == Box(x_min=0, y_min=0, x_max=500, y_max=500)  # photo 2: 1000x500
    assert food.box == Box(x_min=200, y_min=150, x_max=400, y_max=300)  # photo 1: 400x300
    sent = fake.requests[0]
    parts = sent.body["contents"][0]["parts"]
    assert [p["inlineData"]["mime_type"] for p in parts[:2]] == ["image/png", "image/jpeg"]
    assert parts[2] == {"text": "Photos 1 to 2 are above."}
    assert set(sent.config()["responseSchema"]["required"]) == {"ingredients", "foods"}
    assert answer.usage.images == 2 and answer.usage.operation == "recognize_batch"


def test_nothing_recognised_is_an_empty_finding_with_a_note(fake, gemini):
    fake.queue(json_reply({"ingredients": []}))

    answer = gemini.vision.recognize([PHOTO], "ingredients", SPANISH)

    assert answer.findings.ingredients == ()
    assert answer.findings.notes == ("Gemini recognised no food in the photos",)


def test_no_photos_means_no_call(fake, gemini):
    answer = gemini.vision.recognize([], "foods", SPANISH)

    assert fake.requests == []
    assert answer.findings.notes == ("no photos to recognise",)
    assert answer.usage.tokens_in == 0
