"""One error table and one JSON error shape: {"error", "code", "details"?} for every 4xx/5xx."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, jsonify
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


def _status_for(error: DomainError) -> int:
    return next((STATUS[c] for c in type(error).__mro__ if c in STATUS), 400)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(e: DomainError) -> Response:
        return error_response(_status_for(e), e.message, e.code, e.details)

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
        return error_response(503, "The service is temporarily unavailable", "database_unavailable")

    @app.errorhandler(Exception)
    def unexpected(e: Exception) -> Response:
        log.exception("unhandled error")
        return error_response(500, "Internal server error", "internal_error")
