"""Admin routes (row 67): users, stats, health, exports and the admin audit log. Each call is
refused to non-admins (403 `admin_only`) and audit-logged for admins (`admin_required`)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from zerowaste.interface.http.admin.access import admin_required
from zerowaste.interface.http.admin.reference_schemas import ReferenceSyncSchema
from zerowaste.interface.http.admin.schemas import (
    AdminAuditPageSchema,
    AdminHealthSchema,
    AdminStatsSchema,
    AdminUsersSchema,
    ExportPathSchema,
    ExportQuerySchema,
    PageQuerySchema,
    StatsQuerySchema,
    UsersQuerySchema,
)
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import current_user_id, services

bp = Blueprint("admin", __name__, url_prefix="/api/admin")
USERS_QUERY, USERS = UsersQuerySchema(), AdminUsersSchema()
STATS_QUERY, STATS, HEALTH = StatsQuerySchema(), AdminStatsSchema(), AdminHealthSchema()
PAGE_QUERY, AUDIT = PageQuerySchema(), AdminAuditPageSchema()
EXPORT_PATH, EXPORT_QUERY = ExportPathSchema(), ExportQuerySchema()
SYNCED = ReferenceSyncSchema()
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@bp.get("/users")
@admin_required("users")
def users() -> Reply:
    """Users, newest first, searched by email or name (counts only; never credentials).
    ---
    tags: [admin]
    parameters:
      - {in: query, name: q, type: string, maxLength: 100, description: "part of email or name"}
      - {in: query, name: page, type: integer, minimum: 1, maximum: 100000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page of users", schema: {$ref: "#/definitions/AdminUsers"}}
      400: {description: "bad query", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
    """
    query = USERS_QUERY.load(request.args.to_dict())
    return dump(USERS, services().admin.users(query["q"], query["page"], query["per_page"]))


@bp.get("/stats")
@admin_required("stats")
def stats() -> Reply:
    """Users, DAU/WAU/MAU, weekly retention cohorts, recipes, AI calls and cost, waste avoided.
    ---
    tags: [admin]
    parameters:
      - {in: query, name: weeks, type: integer, minimum: 1, maximum: 26, default: 8}
    responses:
      200: {description: "deployment figures", schema: {$ref: "#/definitions/AdminStats"}}
      400: {description: "bad query", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
    """
    query = STATS_QUERY.load(request.args.to_dict())
    return dump(STATS, services().admin.stats(query["weeks"]))


@bp.get("/health")
@admin_required("health")
def health() -> Reply:
    """Services up (the readiness probes), broker queue depth, job failure rate over 24 h.
    ---
    tags: [admin]
    responses:
      200: {description: "health", schema: {$ref: "#/definitions/AdminHealth"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(HEALTH, services().admin.health())


@bp.post("/sync_images")
@admin_required("sync_images")
def sync_images() -> Reply:
    """Index the pictures under the storage's `reference/` prefix not indexed yet (row 67).
    ---
    tags: [admin]
    responses:
      200: {description: "counts", schema: {$ref: "#/definitions/ReferenceSync"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
      503: {description: "image storage unavailable", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(SYNCED, services().reference_sync.sync(current_user_id()))


@bp.get("/audit-log")
@admin_required("audit_log")
def audit_log() -> Reply:
    """Admin actions (route calls, grants, revokes), newest first.
    ---
    tags: [admin]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, maximum: 100000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page of actions", schema: {$ref: "#/definitions/AdminAuditPage"}}
      400: {description: "bad query", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
    """
    query = PAGE_QUERY.load(request.args.to_dict())
    return dump(AUDIT, services().admin.audit_log(query["page"], query["per_page"]))


@bp.get("/analytics/export/<kind>")
@admin_required("export")
def export(kind: str) -> Response:
    """The users list, the stats or 90 days of AI usage by day and model, as CSV or XLSX.
    ---
    tags: [admin]
    produces:
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
      - application/json
    parameters:
      - {in: path, name: kind, type: string, required: true, enum: [users, stats, ai_usage]}
      - {in: query, name: format, type: string, enum: [csv, xlsx], default: csv}
    responses:
      200: {description: "the file (attachment)"}
      400: {description: "unknown type or format", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
    """
    kind = EXPORT_PATH.load({"type": kind})["type"]
    fmt = EXPORT_QUERY.load(request.args.to_dict())["format"]
    data, name = services().admin_exports.export(kind, fmt)
    response = Response(data, mimetype=CONTENT_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
