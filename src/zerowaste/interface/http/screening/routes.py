"""Safety screening before a restrictive plan, and the audit log (issue #10 part 7, seed 003).
Personal health data: the caller's own screenings and audit rows only."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.screening.schemas import (
    AuditPageSchema,
    AuditQuerySchema,
    ScreeningRequestSchema,
    ScreeningSchema,
)
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("screening", __name__, url_prefix="/api/nutrition")
ANSWERS, SCREENING = ScreeningRequestSchema(), ScreeningSchema()
AUDIT_QUERY, AUDIT = AuditQuerySchema(), AuditPageSchema()


@bp.post("/screening")
@auth_required()
def screen() -> Reply:
    """Score the caller's answers (seed 003): risk score and level, can_proceed, warnings.
    ---
    tags: [nutrition]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ScreeningRequest"}}
    responses:
      201: {description: "screening (valid 24 h)", schema: {$ref: "#/definitions/Screening"}}
      400: {description: "impossible answers", schema: {$ref: "#/definitions/Error"}}
    """
    answers = ANSWERS.load(json_body())
    return dump(SCREENING, services().screening.screen(current_user_id(), answers), 201)


@bp.get("/screening/latest")
@auth_required()
def latest() -> Reply:
    """The caller's newest screening while valid (404 when none, or expired).
    ---
    tags: [nutrition]
    responses:
      200: {description: "screening", schema: {$ref: "#/definitions/Screening"}}
      404: {description: "none, or expired", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(SCREENING, services().screening.latest(current_user_id()))


@bp.get("/audit-log")
@auth_required()
def audit_log() -> Reply:
    """The caller's own audit rows (screenings, AI plan generations), newest first.
    ---
    tags: [nutrition]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, maximum: 100000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page of audit rows", schema: {$ref: "#/definitions/AuditPage"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    query = AUDIT_QUERY.load(request.args.to_dict())
    found = services().audit_log.listed(current_user_id(), query["page"], query["per_page"])
    return dump(AUDIT, found)
