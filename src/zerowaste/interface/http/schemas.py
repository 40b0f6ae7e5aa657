"""Schema base: the client's extra keys are accepted and ignored; wrong types are 400. Plus the
shapes every feature answers with: the error body, plain messages and the health probes."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from zerowaste.domain.images import is_image_reference
from zerowaste.interface.http import response_fields as f

# The spec's definitions (interface.http.definitions): (name routes $ref, schema), in order.
Definitions = list[tuple[str, type[Schema]]]


class RequestSchema(Schema):
    class Meta:
        unknown = EXCLUDE


def image_reference_field(max_length: int, **kwargs: Any) -> fields.String:
    """An image the client names: our upload's key or URL, or an absolute http(s) URL."""
    return fields.String(
        validate=[validate.Length(max=max_length), _image_reference], allow_none=True, **kwargs
    )


def _image_reference(value: str) -> None:
    if value and not is_image_reference(value.strip()):
        raise ValidationError("Expected an http(s) URL or an uploaded image's path")


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
        source=lambda r: r.status,
        required=True,
        metadata={"enum": ["ok", "degraded", "unavailable"]},
    )
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(metadata={"enum": ["ok", "down"]}),
        required=True,
    )


class MessageSchema(Schema):
    message = fields.String(required=True)
