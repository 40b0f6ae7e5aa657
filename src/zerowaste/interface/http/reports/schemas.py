"""Reports: the query strings, and the report job as its owner polls it."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

JOB_STATUSES = ["pending", "processing", "completed", "failed"]


class ReportQuerySchema(RequestSchema):
    """Every report takes these; each uses the ones that apply to it."""

    format = fields.String(load_default="pdf", validate=validate.OneOf(["pdf"]))
    lang = fields.String(load_default="es", validate=validate.OneOf(["es", "en"]))
    start = fields.Date(load_default=None)
    end = fields.Date(load_default=None)
    period = fields.String(
        load_default=None, validate=validate.OneOf(["7d", "30d", "90d", "365d", "all"])
    )
    granularity = fields.String(
        load_default="day", validate=validate.OneOf(["day", "week", "month"])
    )
    list_id = fields.Integer(load_default=None, validate=validate.Range(min=1))


class ExportQuerySchema(ReportQuerySchema):
    format = fields.String(load_default="csv", validate=validate.OneOf(["csv", "xlsx"]))


class ReportJobSchema(Schema):
    """A report built by a worker: poll `status_url`; fetch `download_url` once completed."""

    job_id = f.String(required=True, source="job.id")
    status = f.String(required=True, source="job.status", metadata={"enum": JOB_STATUSES})
    progress = f.Integer(required=True, source="job.progress")
    step = f.String(required=True, source="job.step")
    status_url = f.String(required=True, source=lambda r: f"/api/reports/jobs/{r.job.id}")
    download_url = f.String(
        required=True,
        allow_none=True,
        metadata={"description": "signed; valid until expires_at (null until completed)"},
    )
    expires_at = f.Timestamp(required=True, allow_none=True)
    filename = f.String(
        required=True, allow_none=True, source=lambda r: (r.job.result or {}).get("filename")
    )
    error = f.String(required=True, allow_none=True, source="job.error")
