"""Reference images (row 10) as the admin UI sends and reads them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from zerowaste.domain.admin.reference_images import MAX_CATEGORY, MAX_LABEL
from zerowaste.domain.images import IMAGE_TYPES
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.admin.schemas import PagedSchema
from zerowaste.interface.http.schemas import RequestSchema

TYPE = fields.String(validate=validate.OneOf(IMAGE_TYPES))


class ReferenceUploadFormSchema(RequestSchema):
    """Multipart text fields beside the `file` part."""

    label = fields.String(required=True, validate=validate.Length(1, MAX_LABEL))
    category = fields.String(load_default="", validate=validate.Length(max=MAX_CATEGORY))
    image_type = fields.String(load_default="ingredient", validate=validate.OneOf(IMAGE_TYPES))


class ReferenceQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=None, validate=validate.Range(1, 100))
    limit = fields.Integer(load_default=None, validate=validate.Range(1, 100))
    category = fields.String(load_default=None, validate=validate.Length(1, MAX_CATEGORY))
    label = fields.String(load_default=None, validate=validate.Length(1, MAX_LABEL))
    image_type = fields.String(load_default=None, validate=validate.OneOf(IMAGE_TYPES))


class ReferenceUpdateSchema(RequestSchema):
    label = fields.String(load_default=None, validate=validate.Length(1, MAX_LABEL))
    category = fields.String(load_default=None, validate=validate.Length(max=MAX_CATEGORY))

    @validates_schema
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("label") is None and data.get("category") is None:
            raise ValidationError("Send label, category or both")


class ReferenceImageSchema(Schema):
    id = f.String(required=True)
    label = f.String(required=True)
    category = f.String(required=True)
    image_type = f.String(required=True, metadata={"enum": list(IMAGE_TYPES)})
    image_url = f.AbsoluteUrl(attribute="url", required=True, metadata={"description": "7 days"})
    image_path = f.String(attribute="image_key", required=True, metadata={"description": "key"})
    content_type = f.String(required=True)
    width = f.Integer(required=True)
    height = f.Integer(required=True)
    size = f.Integer(required=True)
    created_by = f.String(required=True, allow_none=True)
    created_at = f.Timestamp(required=True)
    updated_at = f.Timestamp(required=True)


class ReferencePageSchema(PagedSchema):
    items = f.List(f.Nested(ReferenceImageSchema), required=True)


class ReferenceDeletedSchema(Schema):
    message = f.Constant("Reference image deleted")
    id = f.String(required=True)


class ReferenceSyncSchema(Schema):
    scanned = f.Integer(required=True, metadata={"description": "files under reference/"})
    added = f.Integer(required=True, metadata={"description": "new reference images"})
    skipped = f.Integer(
        required=True, metadata={"description": "already indexed, not an image file or unreadable"}
    )
