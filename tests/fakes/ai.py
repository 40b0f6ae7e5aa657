"""AI providers for tests: they answer what a test sets, count calls and can be made to fail
like a remote provider does (ProviderFailed after its own retries)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PIL import Image

from zerowaste.application.ai.gateway import Providers
from zerowaste.application.ports.ai import (
    AdviceAnswer,
    AiContext,
    AiUsage,
    FootprintAnswer,
    FootprintEstimate,
    GeneratedImage,
    ImageInput,
    ImageSubject,
    ProviderFailed,
    RecipeAnswer,
    RecipeRequest,
    VisionAnswer,
)
from zerowaste.domain.recognition.items import Findings, Kind, RecognizedFood, RecognizedIngredient


def ingredient(name: str, **changes: Any) -> RecognizedIngredient:
    values: dict[str, Any] = {
        "name": name,
        "quantity": Decimal(2),
        "unit": "unidades",
        "storage": "Refrigerado",
        "expiration_time": 5,
        "time_unit": "Días",
        "description": f"{name} fresco",
        "tips": "Guardar en frío",
        "confidence": 0.9,
        "source": "gemini",
    }
    return RecognizedIngredient(**{**values, **changes})


def food(name: str, **changes: Any) -> RecognizedFood:
    values: dict[str, Any] = {
        "name": name,
        "main_ingredients": ("arroz", "pollo"),
        "category": "Plato principal",
        "calories": 520,
        "storage": "Refrigerado",
        "expiration_time": 2,
        "time_unit": "Días",
        "serving_quantity": Decimal(2),
        "description": "Un plato casero",
        "tips": "Recalentar bien",
        "confidence": 0.8,
        "source": "gemini",
    }
    return RecognizedFood(**{**values, **changes})


@dataclass
class FakeVision:
    provider: str = "fake"
    findings: Findings = field(default_factory=Findings)
    fail: bool = False
    tokens: tuple[int, int] = (1000, 200)
    calls: list[tuple[int, Kind, AiContext]] = field(default_factory=list)

    def recognize(
        self, images: Sequence[ImageInput], kind: Kind, context: AiContext
    ) -> VisionAnswer:
        self.calls.append((len(images), kind, context))
        if self.fail:
            raise ProviderFailed("fake provider: 503 after retries")
        usage = AiUsage(
            self.provider, "fake-vision", f"recognize_{kind}", *self.tokens, len(images)
        )
        return VisionAnswer(self.findings, usage)


@dataclass
class FakeAdvisor:
    provider: str = "fake"
    calls: list[str] = field(default_factory=list)

    def advise(
        self, name: str, *, kind: str, description: str | None, context: AiContext
    ) -> AdviceAnswer:
        self.calls.append(name)
        advice = {
            "environmental_impact": {
                "carbon_footprint": {"value": 1.5, "unit": "kg", "description": "CO2e por kg"},
                "water_footprint": {"value": 300.0, "unit": "l", "description": "agua por kg"},
                "sustainability_message": f"Aprovecha {name}",
            },
            "utilization_ideas": [
                {"title": f"Sopa de {name}", "description": "Rápida", "type": "recipe"}
            ],
        }
        return AdviceAnswer(advice, AiUsage(self.provider, "fake-text", "advise", 100, 50))


@dataclass
class FakeImages:
    provider: str = "fake"
    fail_names: set[str] = field(default_factory=set)
    calls: list[str] = field(default_factory=list)

    def render(self, subject: ImageSubject, context: AiContext) -> GeneratedImage:
        self.calls.append(subject.name)
        if subject.name in self.fail_names:
            raise ProviderFailed("fake image provider failed", retryable=False)
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), (len(subject.name) * 20 % 255, 120, 40)).save(buffer, "PNG")
        usage = AiUsage(self.provider, "fake-image", "render_image", 20, 0, 1)
        return GeneratedImage(buffer.getvalue(), "image/png", usage)


@dataclass
class FakeRecipes:
    provider: str = "fake"

    def generate(self, request: RecipeRequest, context: AiContext) -> RecipeAnswer:
        recipes = [{"title": f"Receta con {request.ingredients[0]}"}]
        return RecipeAnswer(recipes, AiUsage(self.provider, "fake-text", "generate_recipes"))


@dataclass
class FakeFootprints:
    """Answers the figures a test sets, per name; fails like a remote provider when told."""

    provider: str = "fake"
    figures: dict[str, tuple[float, float]] = field(default_factory=dict)
    fail: bool = False
    calls: list[list[str]] = field(default_factory=list)

    def estimate(self, names: Sequence[str], context: AiContext) -> FootprintAnswer:
        self.calls.append(list(names))
        if self.fail:
            raise ProviderFailed("fake provider: 503 after retries")
        found = [FootprintEstimate(n, *self.figures[n]) for n in names if n in self.figures]
        return FootprintAnswer(found, AiUsage(self.provider, "fake-text", "estimate_footprints"))


def fake_providers(name: str = "fake", **parts: Any) -> Providers:
    return Providers(
        name=name,
        vision=parts.get("vision") or FakeVision(provider=name),
        advisor=parts.get("advisor") or FakeAdvisor(provider=name),
        images=parts.get("images") or FakeImages(provider=name),
        recipes=parts.get("recipes") or FakeRecipes(provider=name),
        footprints=parts.get("footprints"),
    )
