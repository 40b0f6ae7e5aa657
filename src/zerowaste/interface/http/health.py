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
    """Readiness: 503 only when the database is down; Redis or broker down is `degraded` (200).
    ---
    tags: [health]
    security: []
    responses:
      200: {description: "ok, or degraded", schema: {$ref: "#/definitions/Readiness"}}
      503: {description: "the database is down", schema: {$ref: "#/definitions/Readiness"}}
    """
    result = services().health.readiness()
    body = {"status": result.status, "checks": result.checks}
    return body, 200 if result.ready else 503
