"""Request ids, access logs, request metrics, security headers and structured JSON logging.

The request id is the client's (or Nginx's) `X-Request-ID` when it is sane (8-64 characters of
`A-Za-z0-9._-`), else a new one; it is answered back, bound to the correlation context (so the
jobs the request enqueues carry it to the worker) and written on every log record.
Each answer is counted and timed per method, route template (the URL rule, never the raw
path: bounded label values) and status through the Metrics port, with the SQL statements it ran
(the engine's statement tally, opened here before the request)."""

from __future__ import annotations

import logging
import sys
import time
import uuid
from contextlib import suppress

from flask import Flask, Response, current_app, g, request
from pythonjsonlogger.json import JsonFormatter

from zerowaste.application.ports.correlation import (
    VALID,
    bind_request_id,
    current_request_id,
    reset_request_id,
)
from zerowaste.application.ports.metrics import (
    Metrics,
    NullMetrics,
    begin_statement_tally,
    end_statement_tally,
    statements_counted,
)
from zerowaste.application.ports.read_routing import close_scope, open_scope
from zerowaste.config import Settings

METRICS_EXTENSION = "zerowaste.metrics"  # set by the composition root
UNMATCHED_ROUTE = "<unmatched>"  # a 404 with no rule: one label value for every such path
access_log = logging.getLogger("zerowaste.access")
_NO_METRICS = NullMetrics()  # stateless: one for every app built without a recorder

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

        bound = current_request_id()
        if bound is None and has_request_context():
            bound = g.get("request_id")
        record.request_id = bound or "-"
        return True


def metrics() -> Metrics:
    found: Metrics = current_app.extensions.get(METRICS_EXTENSION) or _NO_METRICS
    return found


def route_label() -> str:
    rule = request.url_rule
    return rule.rule if rule is not None else UNMATCHED_ROUTE


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
    def open_request_context() -> None:
        """The request's context variables: its id, its SQL statement tally and its read scope
        (read routing: before the limiter names the caller)."""
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if VALID.match(incoming) else uuid.uuid4().hex
        g.zw_context_tokens = (
            (reset_request_id, bind_request_id(g.request_id)),
            (end_statement_tally, begin_statement_tally()),
            (close_scope, open_scope()),
        )
        g.started = time.perf_counter()

    @app.teardown_request
    def close_request_context(_: BaseException | None) -> None:
        for reset, token in g.pop("zw_context_tokens", ()):
            with suppress(ValueError):  # torn down in another context: nothing to undo
                reset(token)

    @app.after_request
    def finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith(("/apidocs", "/flasgger_static")):
            response.headers["Content-Security-Policy"] = DOCS_CSP
        response.headers.pop("Server", None)
        response.headers.pop("X-Powered-By", None)
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        elapsed_ms = elapsed * 1000
        recorder, route = metrics(), route_label()
        recorder.request(request.method, route, response.status_code, elapsed)
        recorder.db_statements(request.method, route, statements_counted())
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
