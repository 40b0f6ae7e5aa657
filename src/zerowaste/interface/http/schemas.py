"""Schema base: the client's extra keys are accepted and ignored; wrong types are 400. Plus the
shapes every feature answers with: the error body, plain messages and the health probes."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields

from zerowaste.interface.http import response_fields as f


class RequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE


class ErrorSchema(Schema):
    """The one error body of every 4xx/5xx (errors.error_response dumps it)."""

    error = fields.String(required=True, metadata={"description": "Message the client shows"})
    code = fields.String(required=True, metadata={"description": "Stable machine-readable code"})
    details = fields.Raw(metadata={"description": "Validation failures by field, and the like"})
    request_id = fields.String()


class StatusSchema(Schema):
    status = fields.String(required=True)
    message = fields.String()


class ReadinessSchema(Schema):
    """Dumps application.health.Readiness."""

    status = f.String(
        source=lambda r: "ok" if r.ready else "unavailable",
        required=True,
        metadata={"enum": ["ok", "unavailable"]},
    )
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(metadata={"enum": ["ok", "down"]}),
        required=True,
    )


class MessageSchema(Schema):
    message = fields.String(required=True)
