"""The google-genai client, built once from settings (timeout, retries, optional base URL).

Retries are the SDK's own (tenacity inside google-genai): `attempts` counts the first request,
waits grow 1 s, 2 s, 4 s ... up to `retry_max_delay` with up to `retry_jitter` s of random
jitter, and happen on HTTP 408/429/500/502/503/504 and on connect and timeout errors. Other
4xx answers (bad key, bad request, unknown model) are final. The worst case of one call is
about attempts x timeout plus the waits (4 x 60 s + 7 s with the defaults): callers on a
request path should pick their own smaller timeout through the gateway's budget.

Base URL: when none is configured, the SDK's own resolution applies (GOOGLE_GEMINI_BASE_URL,
then Google's endpoint), and GOOGLE_GENAI_API_VERSION still picks v1 or v1beta. Only the
Gemini API (an API key) is supported, not Vertex AI, so GOOGLE_GENAI_USE_VERTEXAI is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from google import genai
from google.genai import types

from zerowaste.config import Settings

RETRY_STATUSES = (408, 429, 500, 502, 503, 504)


@dataclass(frozen=True)
class GeminiOptions:
    api_key: str = field(repr=False)  # never in a log line or a traceback
    model: str = "gemini-2.5-flash"
    image_model: str = "gemini-2.5-flash-image"
    timeout_seconds: float = 60.0
    retry_attempts: int = 4  # including the first request
    retry_initial_delay: float = 1.0
    retry_max_delay: float = 10.0
    retry_jitter: float = 1.0
    base_url: str | None = None  # None: GOOGLE_GEMINI_BASE_URL or Google's endpoint

    @classmethod
    def from_settings(cls, settings: Settings) -> GeminiOptions:
        if not settings.gemini_api_key:
            raise ValueError("GEMINI_API_KEY is not configured")
        return cls(
            api_key=settings.gemini_api_key,
            model=settings.gemini_model,
            image_model=settings.gemini_image_model,
            timeout_seconds=float(settings.gemini_timeout_seconds),
            retry_attempts=settings.gemini_retry_attempts,
        )


def make_client(options: GeminiOptions) -> genai.Client:
    """A client for the Gemini API; thread-safe, meant to be built once and shared."""
    http = types.HttpOptions(
        base_url=options.base_url,
        timeout=max(1, round(options.timeout_seconds * 1000)),  # the SDK counts milliseconds
        retry_options=types.HttpRetryOptions(
            attempts=max(1, options.retry_attempts),
            initial_delay=options.retry_initial_delay,
            max_delay=options.retry_max_delay,
            jitter=options.retry_jitter,
            http_status_codes=list(RETRY_STATUSES),
        ),
    )
    return genai.Client(api_key=options.api_key, vertexai=False, http_options=http)
