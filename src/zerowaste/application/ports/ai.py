"""AI ports: what the features ask of a provider (the local engine or Gemini).

Every call returns its answer with the `AiUsage` it cost; the application's AI gateway records
usage, enforces budgets, caches identical requests and falls back to the local provider when a
remote one fails (`ProviderFailed`) or the budget is spent. Providers never read the database
or the request: everything they need comes in the arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from zerowaste.domain.recognition.items import Findings, Kind
from zerowaste.domain.shared.errors import UpstreamUnavailable


class ProviderFailed(UpstreamUnavailable):
    """A provider could not answer after its own retries (429/5xx/timeout/invalid JSON)."""

    code = "ai_provider_failed"

    def __init__(
        self, message: str, *, retryable: bool = True, usage: AiUsage | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable  # False for 4xx other than 429 (bad key, bad request)
        self.usage = usage  # tokens an answer cost even though it was unusable (budgets)


@dataclass(frozen=True)
class AiUsage:
    provider: str  # "gemini" | "local"
    model: str  # e.g. "gemini-2.5-flash", "tesseract-5", "pillow-card"
    operation: str  # recognize_ingredients, enrich, render_image, generate_recipes, ...
    tokens_in: int = 0
    tokens_out: int = 0
    images: int = 0  # images sent (vision) or produced (image generation)


@dataclass(frozen=True)
class AiContext:
    """Who asks, as far as the prompt is concerned (from the caller's profile)."""

    language: str = "es"  # es | en
    measurement: str = "metric"  # metric | imperial


@dataclass(frozen=True)
class ImageInput:
    data: bytes  # already sanitized (re-encoded by the upload path)
    content_type: str  # image/jpeg | image/png | image/webp


@dataclass(frozen=True)
class VisionAnswer:
    findings: Findings
    usage: AiUsage


@dataclass(frozen=True)
class AdviceAnswer:
    """Contract D.4-D.6 in one: `environmental_impact`, `utilization_ideas`,
    `consumption_advice`, `before_consumption_advice` (keys present when known)."""

    advice: dict[str, Any]
    usage: AiUsage


@dataclass(frozen=True)
class ImageSubject:
    """What a picture shows: an ingredient, a prepared food or a recipe."""

    name: str
    kind: str  # ingredient | food | recipe
    category: str = ""
    description: str = ""
    facts: tuple[str, ...] = ()  # short lines for a card: "Refrigerado", "7 días", "120 kcal"


@dataclass(frozen=True)
class GeneratedImage:
    data: bytes
    content_type: str  # image/png | image/jpeg | image/webp
    usage: AiUsage


@dataclass(frozen=True)
class RecipeRequest:
    """Contract D.7's inputs (the recipes issue builds the local engine behind this port)."""

    ingredients: tuple[str, ...]  # "name (qty unit)", most urgent first
    count: int = 1
    priorities: tuple[str, ...] = ()
    preferences: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    avoid_titles: tuple[str, ...] = ()
    allergies: tuple[str, ...] = ()
    diets: tuple[str, ...] = ()
    cooking_level: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RecipeAnswer:
    recipes: list[dict[str, Any]]  # contract D.7 objects
    usage: AiUsage


@dataclass(frozen=True)
class FootprintEstimate:
    """A provider's estimate for a food the footprint data does not list (per kg)."""

    name: str
    kg_co2e_per_kg: float
    water_l_per_kg: float


@dataclass(frozen=True)
class FootprintAnswer:
    estimates: list[FootprintEstimate]
    usage: AiUsage


class VisionRecognizer(Protocol):
    """Ingredients (D.1), prepared foods (D.2) or both (D.3) in one or more photos."""

    provider: str

    def recognize(
        self, images: Sequence[ImageInput], kind: Kind, context: AiContext
    ) -> VisionAnswer: ...


class FoodAdvisor(Protocol):
    """Impact, utilization ideas and consumption/storage advice for one ingredient or food."""

    provider: str

    def advise(
        self, name: str, *, kind: str, description: str | None, context: AiContext
    ) -> AdviceAnswer: ...


class ImageGenerator(Protocol):
    provider: str

    def render(self, subject: ImageSubject, context: AiContext) -> GeneratedImage: ...


class RecipeGenerator(Protocol):
    provider: str

    def generate(self, request: RecipeRequest, context: AiContext) -> RecipeAnswer: ...


class FootprintEstimator(Protocol):
    """Contract D.8's fallback: footprints of foods missing from the data, per kg."""

    provider: str

    def estimate(self, names: Sequence[str], context: AiContext) -> FootprintAnswer: ...


class IngredientAdvisor(Protocol):
    """Enrichment of an item: environmental impact, utilization ideas, consumption advice.

    The local engine computes it from the data pack (kept for the inventory's add path);
    `FoodAdvisor` is the provider-neutral port the AI gateway serves it through.
    """

    def enrich(self, name: str, *, kind: str, description: str | None) -> dict[str, Any]: ...
