"""`GET /api/ai/usage`: what the caller's AI calls cost this month, and the budget left."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.interface.http.ai.schemas import AiUsageSchema
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("ai", __name__, url_prefix="/api/ai")
USAGE = AiUsageSchema()


@bp.get("/usage")
@auth_required()
def usage() -> Reply:
    """The caller's AI usage this calendar month (UTC), by operation, and the budget left.
    ---
    tags: [ai]
    responses:
      200: {description: "usage", schema: {$ref: "#/definitions/AiUsage"}}
    """
    return dump(USAGE, services().ai.usage(current_user_id()))
