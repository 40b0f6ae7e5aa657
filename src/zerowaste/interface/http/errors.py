"""One error table and one JSON error shape: {"error", "code", "details"?} for every 4xx/5xx.

Every 503 leaves a warning that says why, with the request id (`warn_unavailable`): the
handlers log the error's code and what the provider or database said; a 503 answered by a view
without a logged reason gets one from the `after_request` net (the 12-01 soak had a 503 on
recipe generation with nothing in the log)."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, jsonify, request
from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from zerowaste.domain.shared.errors import (
    AuthenticationFailed,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RuleViolation,
    UpstreamUnavailable,
)
from zerowaste.interface.http.schemas import ErrorSchema

log = logging.getLogger(__name__)
ERROR = ErrorSchema()
_UNAVAILABLE_LOGGED = "zw_unavailable_logged"  # set on `g` once this request's 503 is explained

STATUS: dict[type[DomainError], int] = {
    InvalidInput: 400,
    AuthenticationFailed: 401,
    PermissionDenied: 403,
    NotFound: 404,
    Conflict: 409,
    RuleViolation: 422,
    UpstreamUnavailable: 503,
}


def error_response(
    status: int, message: str, code: str, details: Any = None, headers: dict[str, str] | None = None
) -> Response:
    body: dict[str, Any] = {"error": message, "code": code}
    if details is not None:
        body["details"] = details
    request_id = g.get("request_id")
    if request_id:
        body["request_id"] = request_id
    response = jsonify(ERROR.dump(body))
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def warn_unavailable(why: str) -> None:
    """Log why this request is answered 503 (the request id is in the line as well as on the
    record, for plain-text readers)."""
    g.setdefault(_UNAVAILABLE_LOGGED, True)
    log.warning(
        "503 %s %s (request %s): %s",
        request.method,
        request.path,
        g.get("request_id") or "-",
        why,
    )


def _cause(error: BaseException) -> str:
    """What raised the error (a driver's or provider's first line), if anything did."""
    cause = error.__cause__ or error.__context__
    return "" if cause is None else _first_line(cause)


def _first_line(error: BaseException) -> str:
    """The class and first line of an error (a driver error's own message, not its SQL)."""
    text = str(getattr(error, "orig", None) or error).strip()
    first = text.splitlines()[0][:200] if text else ""
    return f"{error.__class__.__name__}: {first}" if first else error.__class__.__name__


def _warn_if_unavailable(status: int, error: DomainError) -> None:
    """A provider, the queue or the database failed (after any retries): its code, message and
    what the driver or provider said (never in the response)."""
    if status != 503:
        return
    cause = _cause(error)
    warn_unavailable(f"{error.code}: {error.message}" + (f" ({cause})" if cause else ""))


def _unexplained_unavailable(response: Response) -> Response:
    """The net under every other 503 (an HTTPException, or a view that answers 503 itself):
    what its body says."""
    if response.status_code == 503 and not g.get(_UNAVAILABLE_LOGGED):
        body = response.get_json(silent=True) if response.is_json else None
        said = body if isinstance(body, dict) else {}
        code = said.get("code") or said.get("status") or "unavailable"
        warn_unavailable(f"{code}: {said.get('error') or 'no reason given by the view'}")
    return response


def _status_for(error: DomainError) -> int:
    return next((STATUS[c] for c in type(error).__mro__ if c in STATUS), 400)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(e: DomainError) -> Response:
        status = _status_for(e)
        _warn_if_unavailable(status, e)
        return error_response(status, e.message, e.code, e.details)

    @app.errorhandler(ValidationError)
    def invalid_body(e: ValidationError) -> Response:
        details = e.normalized_messages()  # type: ignore[no-untyped-call]  # unannotated upstream
        return error_response(400, "Invalid request", "validation_error", details)

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException) -> Response:
        code = (e.name or "error").lower().replace(" ", "_")
        headers = {}
        if isinstance(e, MethodNotAllowed) and e.valid_methods:
            headers["Allow"] = ", ".join(e.valid_methods)
        retry_after = getattr(e, "retry_after", None)
        if e.code == 429:
            # Flask-Limiter carries the on_breach response (our shape + Retry-After) on the error.
            if isinstance(e.response, Response):
                return e.response
            headers = {"Retry-After": str(retry_after)} if retry_after else {}
            return error_response(429, "Rate limit exceeded", "rate_limited", headers=headers)
        if retry_after:
            headers["Retry-After"] = str(retry_after)
        return error_response(e.code or 500, e.description or e.name, code, headers=headers)

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_down(e: DBAPIError) -> Response:
        log.error("database error: %s", e.__class__.__name__, exc_info=e)
        warn_unavailable(f"database_unavailable: {_first_line(e)}")
        return error_response(503, "The service is temporarily unavailable", "database_unavailable")

    app.after_request(_unexplained_unavailable)

    @app.errorhandler(Exception)
    def unexpected(e: Exception) -> Response:
        log.exception("unhandled error")
        return error_response(500, "Internal server error", "internal_error")
