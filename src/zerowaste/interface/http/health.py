"""Liveness, readiness and the mobile client's /status probe (no hosts, users or versions)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from zerowaste.interface.http.security import services

bp = Blueprint("health", __name__)


@bp.get("/status")
def status() -> dict[str, Any]:
    """Mobile client probe: the API answers.
    ---
    tags: [health]
    security: []
    responses: {200: {description: "API is up", schema: {$ref: "#/definitions/Status"}}}
    """
    return {"status": "success", "message": "ZeroWaste API is running"}


@bp.get("/healthz/live")
def live() -> dict[str, Any]:
    """Liveness: the process serves requests.
    ---
    tags: [health]
    security: []
    responses: {200: {description: "alive", schema: {$ref: "#/definitions/Status"}}}
    """
    return {"status": "ok"}


@bp.get("/healthz/ready")
def ready() -> tuple[dict[str, Any], int]:
    """Readiness: database, Redis and broker (when configured) answer; 503 when one is down.
    ---
    tags: [health]
    security: []
    responses:
      200: {description: "ready", schema: {$ref: "#/definitions/Readiness"}}
      503: {description: "a dependency is down", schema: {$ref: "#/definitions/Readiness"}}
    """
    result = services().health.readiness()
    body = {"status": "ok" if result.ready else "unavailable", "checks": result.checks}
    return body, 200 if result.ready else 503
