"""Reading request bodies: malformed JSON is 400, a non-JSON body where JSON is expected 415."""

from __future__ import annotations

from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from zerowaste.application.accounts.auth import Device
from zerowaste.domain.shared.errors import AuthenticationFailed


def json_body() -> dict[str, Any]:
    """The JSON object in the body; an empty body is an empty object."""
    if not request.get_data(cache=True):
        return {}
    if not request.is_json:
        raise UnsupportedMediaType("Content-Type must be application/json")
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest("Malformed JSON body")
    if not isinstance(data, dict):
        raise BadRequest("A JSON object is expected")
    return data


def bearer_token() -> str:
    """The raw token in `Authorization: Bearer …` (Firebase sign-in sends its ID token there)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("Authorization token is required", code="authorization_required")
    return token.strip()


def device() -> Device:
    return Device(user_agent=request.headers.get("User-Agent"), ip_address=request.remote_addr)
