"""GET /metrics: Prometheus' text exposition of the Metrics port (README "Observability").

Protection, in two layers. The app: with METRICS_TOKEN set, only `Authorization: Bearer
<token>` is answered (compared in constant time; anything else is a 401); without it /metrics
is open in development and testing (one laptop, bound to 127.0.0.1) and not served in
production (404), so a deployment never exposes it by omission. The edge: nginx.conf answers
/metrics only to loopback (`allow 127.0.0.1; deny all`); Prometheus scrapes the api service
directly on the internal network (compose) or through Nginx from the host itself.
Not part of the API's OpenAPI spec: it is for the operator's scraper, not for clients.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

from zerowaste.config import Settings
from zerowaste.interface.http.errors import error_response
from zerowaste.interface.http.middleware import metrics

bp = Blueprint("observability", __name__)


def _authorized(settings: Settings) -> Response | None:
    """None when the caller may read the metrics, else the answer it gets."""
    token = settings.metrics_token
    if token is None:
        if settings.is_production:
            return error_response(404, "Not found", "not_found")
        return None
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return None
    return error_response(
        401,
        "A valid metrics token is required",
        "unauthorized",
        headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
    )


@bp.get("/metrics")
def scrape() -> Response:
    settings: Settings = current_app.extensions["zerowaste.settings"]
    refused = _authorized(settings)
    if refused is not None:
        return refused
    body, content_type = metrics().exposition()
    response = Response(body, status=200, content_type=content_type)
    response.headers["Cache-Control"] = "no-store"
    return response
