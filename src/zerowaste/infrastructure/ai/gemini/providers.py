"""Every Gemini adapter from one shared client: what bootstrap calls when AI_PROVIDER=gemini."""

from __future__ import annotations

from dataclasses import dataclass

from google.genai import Client

from zerowaste.config import Settings
from zerowaste.infrastructure.ai.gemini.advisor import GeminiFoodAdvisor
from zerowaste.infrastructure.ai.gemini.client import GeminiOptions, make_client
from zerowaste.infrastructure.ai.gemini.footprints import GeminiFootprintEstimator
from zerowaste.infrastructure.ai.gemini.images import GeminiImageGenerator
from zerowaste.infrastructure.ai.gemini.recipes import GeminiRecipeGenerator
from zerowaste.infrastructure.ai.gemini.vision import GeminiVisionRecognizer


@dataclass(frozen=True)
class GeminiProviders:
    vision: GeminiVisionRecognizer
    advisor: GeminiFoodAdvisor
    images: GeminiImageGenerator
    recipes: GeminiRecipeGenerator
    footprints: GeminiFootprintEstimator
    client: Client


def build_gemini(settings: Settings | GeminiOptions) -> GeminiProviders:
    """All five adapters on one client (one connection pool). Nothing touches the network here.

    Raises ValueError when no API key is configured.
    """
    options = (
        settings if isinstance(settings, GeminiOptions) else GeminiOptions.from_settings(settings)
    )
    client = make_client(options)
    return GeminiProviders(
        vision=GeminiVisionRecognizer(client, options.model),
        advisor=GeminiFoodAdvisor(client, options.model),
        images=GeminiImageGenerator(client, options.image_model),
        recipes=GeminiRecipeGenerator(client, options.model),
        footprints=GeminiFootprintEstimator(client, options.model),
        client=client,
    )
