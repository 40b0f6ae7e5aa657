"""Liveness, readiness and the mobile client's /status probe (no hosts, users or versions)."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.interface.http.errors import warn_unavailable
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.schemas import ReadinessSchema, StatusSchema
from zerowaste.interface.http.security import services

bp = Blueprint("health", __name__)

STATUS, READINESS = StatusSchema(), ReadinessSchema()


@bp.get("/status")
def status() -> Reply:
    """Mobile client probe: the API answers.
    ---
    tags: [health]
    security: []
    responses: {200: {description: "API is up", schema: {$ref: "#/definitions/Status"}}}
    """
    return dump(STATUS, {"status": "success", "message": "ZeroWaste API is running"})


@bp.get("/healthz/live")
def live() -> Reply:
    """Liveness: the process serves requests.
    ---
    tags: [health]
    security: []
    responses: {200: {description: "alive", schema: {$ref: "#/definitions/Status"}}}
    """
    return dump(STATUS, {"status": "ok"})


@bp.get("/healthz/ready")
def ready() -> Reply:
    """Readiness: 503 only when the database is down; Redis or broker down is `degraded` (200).
    ---
    tags: [health]
    security: []
    responses:
      200: {description: "ok, or degraded", schema: {$ref: "#/definitions/Readiness"}}
      503: {description: "the database is down", schema: {$ref: "#/definitions/Readiness"}}
    """
    result = services().health.readiness()
    if not result.ready:
        down = sorted(name for name, state in result.checks.items() if state == "down")
        warn_unavailable(f"not ready: {', '.join(down)} down")
    return dump(READINESS, result, 200 if result.ready else 503)
