"""Schema base: the client's extra keys are accepted and ignored; wrong types are 400."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields


class RequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE


class ErrorSchema(Schema):
    error = fields.String(required=True, metadata={"description": "Message the client shows"})
    code = fields.String(required=True, metadata={"description": "Stable machine-readable code"})
    details = fields.Raw(metadata={"description": "Validation failures by field"})
    request_id = fields.String()


class StatusSchema(Schema):
    status = fields.String(required=True)
    message = fields.String()


class ReadinessSchema(Schema):
    status = fields.String(required=True)
    checks = fields.Dict(keys=fields.String(), values=fields.String())


class MessageSchema(Schema):
    message = fields.String(required=True)
