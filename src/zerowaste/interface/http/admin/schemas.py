"""Admin queries and replies: users with counts only (never credentials), stats, health and
the admin audit log."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.application.admin.exports import EXPORT_TYPES, FORMATS
from zerowaste.domain.admin.stats import MAX_COHORT_WEEKS
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema


class PageQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class UsersQuerySchema(PageQuerySchema):
    q = fields.String(load_default=None, validate=validate.Length(1, 100))


class StatsQuerySchema(RequestSchema):
    weeks = fields.Integer(load_default=8, validate=validate.Range(1, MAX_COHORT_WEEKS))


class ExportQuerySchema(RequestSchema):
    format = fields.String(load_default="csv", validate=validate.OneOf(FORMATS))


class ExportPathSchema(RequestSchema):
    type = fields.String(required=True, validate=validate.OneOf(EXPORT_TYPES))


class AdminUserSchema(Schema):
    uid = f.String(required=True)
    email = f.String(required=True, allow_none=True)
    name = f.String(required=True, allow_none=True)
    auth_provider = f.String(required=True)
    is_admin = f.Boolean(required=True)
    created_at = f.Timestamp(required=True)
    last_login_at = f.Timestamp(required=True, allow_none=True)
    sessions = f.Integer(required=True, metadata={"description": "sign-in sessions stored"})
    recipes_cooked = f.Integer(required=True)
    ai_calls = f.Integer(required=True)


class PagedSchema(Schema):
    total = f.Integer(required=True)
    page = f.Integer(required=True)
    per_page = f.Integer(required=True)
    count = f.Integer(required=True, source=lambda p: len(p.items))


class AdminUsersSchema(PagedSchema):
    users = f.List(f.Nested(AdminUserSchema), required=True, source="items")


class UserTotalsSchema(Schema):
    total = f.Integer(required=True)
    guests = f.Integer(required=True)
    admins = f.Integer(required=True)


class ActiveUsersSchema(Schema):
    dau = f.Integer(required=True)
    wau = f.Integer(required=True)
    mau = f.Integer(required=True)
    definition = f.Constant(
        "distinct users who signed in or refreshed a token in the last 1 / 7 / 30 days"
    )


class CohortSchema(Schema):
    week_start = f.Timestamp(required=True)
    size = f.Integer(required=True)
    retained = f.List(f.Integer(), required=True, metadata={"description": "active in week k"})
    rates = f.List(f.Float(), required=True)


class RecipeTotalsSchema(Schema):
    generated = f.Integer(required=True)
    generations = f.Integer(required=True)
    cooked = f.Integer(required=True)


class ModelUsageSchema(Schema):
    model = f.String(required=True)
    calls = f.Integer(required=True)
    cost_usd = f.Float(required=True, metadata={"description": "estimated, list prices"})


class WasteAvoidedSchema(Schema):
    recipes = f.Integer(required=True, metadata={"description": "cooked recipes counted"})
    carbon_kg_co2e = f.Float(required=True)
    water_l = f.Float(required=True)
    energy_mj = f.Float(required=True)
    cost_mxn = f.Float(required=True)


class AdminStatsSchema(Schema):
    generated_at = f.Timestamp(required=True)
    users = f.Nested(UserTotalsSchema, required=True)
    active = f.Nested(ActiveUsersSchema, required=True)
    cohorts = f.List(f.Nested(CohortSchema), required=True)
    recipes = f.Nested(RecipeTotalsSchema, required=True)
    ai_calls = f.Integer(required=True)
    ai_cost_usd = f.Float(required=True)
    ai_by_model = f.List(f.Nested(ModelUsageSchema), required=True)
    waste_avoided = f.Nested(WasteAvoidedSchema, required=True)


class AdminHealthSchema(Schema):
    status = f.String(required=True, source="readiness.status")
    services = f.Raw(
        required=True,
        source="readiness.checks",
        metadata={
            "type": "object",
            "additionalProperties": {"type": "string", "enum": ["ok", "down"]},
        },
    )
    queue_depth = f.Integer(required=True, allow_none=True)
    jobs_finished_24h = f.Integer(required=True)
    jobs_failed_24h = f.Integer(required=True)
    job_failure_rate = f.Float(required=True)


class AdminActionSchema(Schema):
    id = f.Integer(required=True)
    actor = f.String(required=True)
    actor_uid = f.String(required=True, allow_none=True)
    action = f.String(required=True)
    target = f.String(required=True)
    created_at = f.Timestamp(required=True)


class AdminAuditPageSchema(PagedSchema):
    entries = f.List(f.Nested(AdminActionSchema), required=True, source="items")
