"""GeminiRecipeGenerator: D.7 recipes from fenced user data."""

from __future__ import annotations

import json

import pytest

from tests.fakes.gemini import json_reply, recipe_answer
from zerowaste.application.ports.ai import AiContext, ProviderFailed, RecipeRequest

pytestmark = pytest.mark.integration

REQUEST = RecipeRequest(
    ingredients=("pollo (500 g)", "arroz (1 kg)", "culantro (1 manojo)"),
    count=2,
    priorities=("culantro",),
    preferences=("sin maní",),
    allergies=("maní",),
    avoid_titles=("Arroz con pollo",),
    cooking_level="beginner",
)


def fenced(text: str) -> dict:
    return json.loads(text.removeprefix("<<<USER_DATA\n").removesuffix("\nUSER_DATA>>>"))


def test_recipes_follow_contract_d7(fake, gemini):
    fake.queue(json_reply({"recipes": [recipe_answer("Pollo al culantro")]}))

    answer = gemini.recipes.generate(REQUEST, AiContext())

    assert answer.recipes == [
        {
            "title": "Pollo al culantro",
            "duration": "45 min",
            "difficulty": "Intermedio",
            "category": "almuerzo",
            "description": "Arroz verde con presas de pollo dorado",
            "ingredients": [
                {"name": "arroz", "quantity": 2, "type_unit": "tazas"},
                {"name": "pollo", "quantity": 0.5, "type_unit": "kg"},
            ],
            "steps": [
                {"step_order": 1, "description": "Dora el pollo."},
                {"step_order": 2, "description": "Cocina el arroz con el culantro."},
            ],
            "footer": "Usa el culantro que se está marchitando.",
        }
    ]
    assert answer.usage.operation == "generate_recipes"


def test_the_request_fences_every_user_value_and_asks_for_count_recipes(fake, gemini):
    fake.queue(json_reply({"recipes": [recipe_answer("Pollo al culantro")]}))

    gemini.recipes.generate(REQUEST, AiContext())

    (sent,) = fake.requests
    assert sent.config()["temperature"] == 0.7
    assert "create 2 different home recipes" in sent.system()
    (text,) = sent.texts()
    data = fenced(text)
    assert data["ingredients"] == list(REQUEST.ingredients)
    assert data["allergies"] == ["maní"] and data["avoid_titles"] == ["Arroz con pollo"]
    assert data["cooking_level"] == "beginner"
    assert "maní" not in sent.system()


def test_avoided_titles_broken_recipes_and_extras_are_dropped(fake, gemini):
    fake.queue(
        json_reply(
            {
                "recipes": [
                    recipe_answer("ARROZ CON POLLO"),  # asked to avoid (any case)
                    recipe_answer("Sin pasos", steps=[]),
                    recipe_answer("Tallarines verdes", difficulty="Fácil", category="dinner"),
                    recipe_answer("Sopa de pollo"),
                    recipe_answer("Una de más"),
                ]
            }
        )
    )

    recipes = gemini.recipes.generate(REQUEST, AiContext("en")).recipes

    assert [r["title"] for r in recipes] == ["Tallarines verdes", "Sopa de pollo"]
    assert (recipes[0]["difficulty"], recipes[0]["category"]) == ("Easy", "cena")


def test_no_usable_recipe_fails_retryably(fake, gemini):
    fake.queue(json_reply({"recipes": [recipe_answer("Arroz con pollo")]}))

    with pytest.raises(ProviderFailed, match="no usable recipe") as failure:
        gemini.recipes.generate(REQUEST, AiContext())

    assert failure.value.retryable is True and failure.value.usage is not None
