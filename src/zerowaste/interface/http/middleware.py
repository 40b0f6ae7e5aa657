"""Request ids, access logs, security headers and structured JSON logging."""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request
from pythonjsonlogger.json import JsonFormatter

from zerowaste.config import Settings

REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access_log = logging.getLogger("zerowaste.access")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "X-XSS-Protection": "1; mode=block",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": (
        "geolocation=(), microphone=(), camera=(), accelerometer=(), gyroscope=()"
    ),
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
}
# Swagger UI loads its own inline script and styles; it gets a CSP that lets it run.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'"
)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from flask import has_request_context

        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


def configure_logging(settings: Settings) -> None:
    """JSON lines on stderr with the request id on each record (no print anywhere)."""
    root = logging.getLogger()
    if getattr(root, "_zerowaste_configured", False):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    fmt = "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"
    handler.setFormatter(JsonFormatter(fmt) if settings.log_json else logging.Formatter(fmt))
    root.handlers = [handler]
    root.setLevel(settings.log_level)
    root._zerowaste_configured = True  # type: ignore[attr-defined]


def register_middleware(app: Flask) -> None:
    @app.before_request
    def assign_request_id() -> None:
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(("/apidocs", "/flasgger_static")):
            response.headers["Content-Security-Policy"] = DOCS_CSP
        response.headers.pop("Server", None)
        response.headers.pop("X-Powered-By", None)
        elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        access_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(elapsed_ms, 2),
            },
        )
        return response
