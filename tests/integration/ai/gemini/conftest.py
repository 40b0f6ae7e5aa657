"""The fake Gemini server and adapters built on the real google-genai client pointed at it.

Retry waits are a few milliseconds and jitter is off, so retry tests take no real time. The
SDK's own environment variables are cleared so a developer's shell cannot redirect the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.fakes.gemini import FakeGemini
from zerowaste.infrastructure.ai.gemini import GeminiOptions, GeminiProviders, build_gemini

API_KEY = "test-key-s3cr3t"
SDK_VARIABLES = (
    "GOOGLE_GEMINI_BASE_URL",
    "GOOGLE_GENAI_API_VERSION",
    "GOOGLE_GENAI_USE_VERTEXAI",
    "GOOGLE_GENAI_HTTP_CLIENT",
    "GOOGLE_API_KEY",
    "GEMINI_API_KEY",
)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGemini]:
    for name in SDK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with FakeGemini.running() as server:
        yield server


def options_for(base_url: str | None, **changes: Any) -> GeminiOptions:
    values: dict[str, Any] = {
        "api_key": API_KEY,
        "base_url": base_url,
        "timeout_seconds": 5.0,
        "retry_attempts": 3,
        "retry_initial_delay": 0.005,
        "retry_max_delay": 0.01,
        "retry_jitter": 0.0,
        **changes,
    }
    return GeminiOptions(**values)


@pytest.fixture
def make_gemini(fake: FakeGemini) -> Callable[..., GeminiProviders]:
    def build(**changes: Any) -> GeminiProviders:
        return build_gemini(options_for(fake.url, **changes))

    return build


@pytest.fixture
def gemini(make_gemini: Callable[..., GeminiProviders]) -> GeminiProviders:
    return make_gemini()
