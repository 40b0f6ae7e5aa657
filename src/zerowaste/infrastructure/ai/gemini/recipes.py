"""Recipe generation (D.7) with Gemini: `count` recipes from the household's ingredients.

Everything in the request that came from users (ingredients, priorities, preferences,
categories, allergies, diets, cooking level, titles to avoid, extra notes) is fenced user data;
the rules that use it are in generate_recipes.txt. Temperature 0.7 as in contract D.

The answer is checked beyond the schema: a recipe without a title, ingredients or steps, or
with a title the request asked to avoid, is dropped; steps are sorted by step_order and
renumbered 1..n; difficulty is the label in the user's language (Fácil/Intermedio/Difícil or
Easy/Intermediate/Difficult). Allergies are not re-checked here: matching allergens against
ingredient names is the application's rule (the same for every provider).
"""

from __future__ import annotations

from typing import Any

from google.genai import Client

from zerowaste.application.ports.ai import AiContext, ProviderFailed, RecipeAnswer, RecipeRequest
from zerowaste.domain.shared.text import name_key
from zerowaste.infrastructure.ai.gemini import schemas, templates
from zerowaste.infrastructure.ai.gemini.calls import json_config, structured

OPERATION = "generate_recipes"
TEMPERATURE = 0.7
MAX_RECIPES = 6
TOKENS_PER_RECIPE = 2048
DIFFICULTY_LABELS = {
    "es": {"easy": "Fácil", "intermediate": "Intermedio", "difficult": "Difícil"},
    "en": {"easy": "Easy", "intermediate": "Intermediate", "difficult": "Difficult"},
}


class GeminiRecipeGenerator:
    provider = "gemini"

    def __init__(self, client: Client, model: str) -> None:
        self._client = client
        self._model = model

    def generate(self, request: RecipeRequest, context: AiContext) -> RecipeAnswer:
        count = min(max(request.count, 1), MAX_RECIPES)
        parsed, usage = structured(
            self._client,
            model=self._model,
            operation=OPERATION,
            contents=[templates.fence(user_data(request))],
            config=json_config(
                templates.system_instruction(OPERATION, context, count=count),
                temperature=TEMPERATURE,
                schema=schemas.RecipesReply,
                max_tokens=TOKENS_PER_RECIPE * (count + 1),
            ),
            schema=schemas.RecipesReply,
        )
        avoid = {name_key(t) for t in request.avoid_titles}
        language = templates.language_of(context)
        recipes = [
            recipe_dict(r, language)
            for r in parsed.recipes
            if r.title.strip() and name_key(r.title) not in avoid and usable(r)
        ][:count]
        if not recipes:
            raise ProviderFailed(f"Gemini {OPERATION}: no usable recipe", usage=usage)
        return RecipeAnswer(recipes, usage)


def user_data(request: RecipeRequest) -> dict[str, Any]:
    return {
        "ingredients": list(request.ingredients),
        "priorities": list(request.priorities),
        "preferences": list(request.preferences),
        "categories": list(request.categories),
        "allergies": list(request.allergies),
        "diets": list(request.diets),
        "cooking_level": request.cooking_level,
        "avoid_titles": list(request.avoid_titles),
        "notes": dict(request.extra),
    }


def usable(recipe: schemas.Recipe) -> bool:
    return any(i.name.strip() for i in recipe.ingredients) and any(
        s.description.strip() for s in recipe.steps
    )


def recipe_dict(recipe: schemas.Recipe, language: str) -> dict[str, Any]:
    """Contract D.7's object from a validated recipe."""
    ordered = sorted(recipe.steps, key=lambda s: s.step_order)  # stable: ties keep their order
    steps = [s.description.strip() for s in ordered if s.description.strip()]
    return {
        "title": recipe.title.strip(),
        "duration": recipe.duration.strip(),
        "difficulty": DIFFICULTY_LABELS[language][recipe.difficulty],
        "category": recipe.category,
        "description": recipe.description.strip(),
        "ingredients": [
            {"name": i.name.strip(), "quantity": _number(i.quantity), "type_unit": i.type_unit}
            for i in recipe.ingredients
            if i.name.strip()
        ],
        "steps": [{"step_order": n, "description": text} for n, text in enumerate(steps, 1)],
        "footer": recipe.footer.strip(),
    }


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else round(value, 2)
