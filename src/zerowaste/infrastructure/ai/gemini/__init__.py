"""Gemini adapters (google-genai) for the AI ports: vision, advice, images and recipes.

`build_gemini(settings)` builds all four on one shared client; the application's AI gateway
decides when to call them and falls back to the local engines on `ProviderFailed`.
"""

from zerowaste.infrastructure.ai.gemini.advisor import GeminiFoodAdvisor
from zerowaste.infrastructure.ai.gemini.client import GeminiOptions, make_client
from zerowaste.infrastructure.ai.gemini.images import GeminiImageGenerator
from zerowaste.infrastructure.ai.gemini.providers import GeminiProviders, build_gemini
from zerowaste.infrastructure.ai.gemini.recipes import GeminiRecipeGenerator
from zerowaste.infrastructure.ai.gemini.vision import GeminiVisionRecognizer

__all__ = [
    "GeminiFoodAdvisor",
    "GeminiImageGenerator",
    "GeminiOptions",
    "GeminiProviders",
    "GeminiRecipeGenerator",
    "GeminiVisionRecognizer",
    "build_gemini",
    "make_client",
]
