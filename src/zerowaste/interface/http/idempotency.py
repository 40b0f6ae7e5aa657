"""`@idempotent` for POST routes: honours the Idempotency-Key header (see application layer)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from flask import Response, current_app, make_response, request

from zerowaste.interface.http.security import current_user_id, services

HEADER = "Idempotency-Key"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Replay the first answer for a retried request; place it under @auth_required()."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        store = services().idempotency
        owner = current_user_id()
        stored = store.begin(owner, key, _fingerprint())
        if stored is not None:
            response = make_response(stored.body, stored.status)
            response.headers["Idempotent-Replayed"] = "true"
            return response
        try:
            response = make_response(view(*args, **kwargs))
        except Exception as error:  # noqa: BLE001 - answered by the app's error handlers
            # A domain error (4xx) is this request's answer and is stored like a success; the
            # handlers turn anything else into a 5xx, which frees the key for a retry.
            try:
                response = make_response(current_app.handle_user_exception(error))
            except Exception:
                store.finish(owner, key, 500, None)
                raise
        store.finish(owner, key, response.status_code, _json_of(response))
        return response

    return wrapper


def _json_of(response: Response) -> Any:
    return response.get_json(silent=True)
