"""Reading request bodies: malformed JSON is 400, a non-JSON body where JSON is expected 415.

Hostile JSON is refused before any code sees it: nesting deeper than MAX_JSON_DEPTH (no mobile
payload goes past 4 levels; deep nesting exhausts the recursion of parsers and validators) and
strings holding lone UTF-16 surrogates ("\\ud800" is valid JSON but no valid text, and fails
later wherever the string is encoded: database, logs, responses).
"""

from __future__ import annotations

import json
from typing import Any

from flask import request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType
from werkzeug.routing import BaseConverter

from zerowaste.application.accounts.auth import Device
from zerowaste.domain.shared.errors import AuthenticationFailed

MAX_JSON_DEPTH = 32
MAX_ID = 2**63 - 1  # ids are signed 64-bit integers on MySQL and SQLite


class IdConverter(BaseConverter):
    """`<id:item_id>`: a stable id, ASCII digits only, so anything else is a 404.

    A number beyond 2^63-1 would overflow the database driver (a 500); it names no row, so it
    becomes 0, which no row has, and the service answers its usual 404 for every method (a
    `max=` on Werkzeug's int converter would answer 405 to the methods of other routes).
    """

    regex = r"\d{1,30}"
    weight = 50

    def to_python(self, value: str) -> int:
        number = int(value)
        return number if number <= MAX_ID else 0

    def to_url(self, value: Any) -> str:
        return str(int(value))


def json_body() -> dict[str, Any]:
    """The JSON object in the body; an empty body is an empty object."""
    raw = request.get_data(cache=True)
    if not raw:
        return {}
    if not request.is_json:
        raise UnsupportedMediaType("Content-Type must be application/json")
    try:
        data = json.loads(raw)
    except RecursionError:
        raise BadRequest(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError:  # UnicodeDecodeError is a ValueError too
        raise BadRequest("Malformed JSON body") from None
    if not isinstance(data, dict):
        raise BadRequest("A JSON object is expected")
    check_json_text(data)
    return data


def check_json_text(document: object) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH and strings that are not valid Unicode text."""
    pending: list[tuple[object, int]] = [(document, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise BadRequest(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(node, dict):
            pending.extend((key, depth) for key in node)
            pending.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            pending.extend((value, depth + 1) for value in node)
        elif isinstance(node, str) and not _is_text(node):
            raise BadRequest("A JSON string holds an unpaired surrogate (not valid Unicode)")


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def bearer_token() -> str:
    """The raw token in `Authorization: Bearer …` (Firebase sign-in sends its ID token there)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("Authorization token is required", code="authorization_required")
    return token.strip()


def device() -> Device:
    return Device(user_agent=request.headers.get("User-Agent"), ip_address=request.remote_addr)
