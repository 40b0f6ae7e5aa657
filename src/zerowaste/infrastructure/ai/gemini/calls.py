"""One generate_content call: errors mapped to ProviderFailed, tokens counted as AiUsage.

Error messages name the operation, the HTTP status and the API's status word only: never the
API key (the SDK sends it in a header, never in the URL) and never the provider's body, which
can echo the prompt. Exceptions are raised `from None` so a logged traceback does not carry
the SDK's exception (whose text holds that body) either.

Structured answers: the SDK validates the reply's text against the pydantic response schema
and sets `parsed` (None when the text is not JSON or does not match); no fence stripping or
bracket hunting here. A reply that does not parse is `ProviderFailed(retryable=True)`: sampling
again usually gives valid JSON (and the gateway falls back to the local engine meanwhile);
a prompt the API blocked is final (`retryable=False`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx2
from google.genai import Client, errors, types
from pydantic import BaseModel

from zerowaste.application.ports.ai import AiUsage, ProviderFailed

log = logging.getLogger(__name__)
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_STATUS_WORD = re.compile(r"[A-Z_]{1,40}")

try:  # GOOGLE_GENAI_HTTP_CLIENT=httpx switches the SDK to httpx; catch its errors too
    import httpx

    TRANSPORT_ERRORS: tuple[type[Exception], ...] = (httpx2.TransportError, httpx.TransportError)
except ImportError:  # pragma: no cover - httpx ships with the SDK's dependencies today
    TRANSPORT_ERRORS = (httpx2.TransportError,)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Reply:
    response: types.GenerateContentResponse
    usage: AiUsage


def generate(
    client: Client,
    *,
    model: str,
    operation: str,
    contents: Sequence[Any],
    config: types.GenerateContentConfig,
    images: int = 0,
) -> Reply:
    """Call the model once (the SDK retries inside); any failure becomes ProviderFailed."""
    try:
        response = client.models.generate_content(
            model=model, contents=list(contents), config=config
        )
    except errors.APIError as exc:
        raise _api_failure(operation, exc) from None
    except TRANSPORT_ERRORS as exc:
        kind = "timed out" if isinstance(exc, httpx2.TimeoutException) else "unreachable"
        log.warning("gemini %s: %s (%s)", operation, kind, type(exc).__name__)
        raise ProviderFailed(f"Gemini {operation}: the service {kind}") from None
    except ValueError:  # a 200 whose body is not the API's JSON (a proxy page, truncation)
        log.warning("gemini %s: malformed response body", operation)
        raise ProviderFailed(f"Gemini {operation}: malformed response") from None
    return Reply(response, usage_of(response, model=model, operation=operation, images=images))


def structured(
    client: Client,
    *,
    model: str,
    operation: str,
    contents: Sequence[Any],
    config: types.GenerateContentConfig,
    schema: type[M],
    images: int = 0,
) -> tuple[M, AiUsage]:
    """A JSON answer validated against `schema` (also sent as the response schema)."""
    reply = generate(
        client, model=model, operation=operation, contents=contents, config=config, images=images
    )
    parsed = reply.response.parsed
    if isinstance(parsed, schema):
        return parsed, reply.usage
    blocked = _blocked(reply.response)
    finish = _finish_reason(reply.response)
    log.warning("gemini %s: unusable answer (finish=%s, blocked=%s)", operation, finish, blocked)
    detail = "the request was blocked" if blocked else "the answer did not match the schema"
    raise ProviderFailed(f"Gemini {operation}: {detail}", retryable=not blocked, usage=reply.usage)


def json_config(
    system: str, *, temperature: float, schema: type[BaseModel], max_tokens: int
) -> types.GenerateContentConfig:
    return types.GenerateContentConfig(
        system_instruction=system,
        temperature=temperature,
        response_mime_type="application/json",
        response_schema=schema,
        max_output_tokens=max_tokens,
    )


def usage_of(
    response: types.GenerateContentResponse, *, model: str, operation: str, images: int
) -> AiUsage:
    """Tokens billed: the prompt in, the answer plus the model's thinking out."""
    meta = response.usage_metadata
    tokens_in = (meta.prompt_token_count or 0) if meta else 0
    tokens_out = (
        ((meta.candidates_token_count or 0) + (meta.thoughts_token_count or 0)) if meta else 0
    )
    return AiUsage(
        provider="gemini",
        model=model,
        operation=operation,
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        images=images,
    )


def _api_failure(operation: str, exc: errors.APIError) -> ProviderFailed:
    code = exc.code if isinstance(exc.code, int) else 0
    word = exc.status if isinstance(exc.status, str) and _STATUS_WORD.fullmatch(exc.status) else ""
    retryable = code in RETRYABLE_STATUSES or code >= 500
    log.warning("gemini %s: HTTP %s %s (retryable=%s)", operation, code, word, retryable)
    return ProviderFailed(f"Gemini {operation}: HTTP {code} {word}".rstrip(), retryable=retryable)


def _blocked(response: types.GenerateContentResponse) -> bool:
    feedback = response.prompt_feedback
    return bool(feedback and feedback.block_reason)


def _finish_reason(response: types.GenerateContentResponse) -> str:
    candidates = response.candidates or []
    reason = candidates[0].finish_reason if candidates else None
    return str(reason.value if reason is not None else None)
