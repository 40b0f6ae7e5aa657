"""Image upload form (both client layers) and the reply the client reads (contract row 41)."""

from __future__ import annotations

from marshmallow import Schema, fields
from marshmallow.validate import Length

from zerowaste.interface.http.schemas import RequestSchema


class UploadImageFormSchema(RequestSchema):
    """Multipart text fields; the file itself is the `image` part. Extra fields are ignored."""

    item_name = fields.String(required=True, validate=Length(1, 200))
    image_type = fields.String(
        load_default=None,
        validate=Length(max=40),
        metadata={"description": "food | ingredient | default (L1)"},
    )
    category = fields.String(
        load_default=None, validate=Length(max=40), metadata={"description": "L2's image_type"}
    )
    upload_type = fields.String(
        load_default=None,
        validate=Length(max=40),
        metadata={"description": "recognition | ingredient | food (optional, original API)"},
    )


class UploadInfoSchema(Schema):
    storage_path = fields.String(required=True)
    public_url = fields.String(required=True, metadata={"description": "7-day URL"})
    upload_type = fields.String(required=True)
    folder = fields.String(required=True)
    user_uid = fields.String(required=True)
    item_name = fields.String(required=True)
    filename = fields.String(required=True, metadata={"description": "stored file name"})
    original_filename = fields.String(allow_none=True)
    content_type = fields.String()
    size = fields.Integer(metadata={"description": "bytes stored (after re-encoding)"})
    width = fields.Integer()
    height = fields.Integer()


class UploadedImageSchema(Schema):
    uid = fields.String(required=True)
    image_path = fields.String(
        required=True, metadata={"description": "send back as image_path / images_paths[]"}
    )
    name = fields.String(required=True)
    image_type = fields.String(required=True)
    storage_path = fields.String(required=True)


class UploadImageResultSchema(Schema):
    message = fields.String(required=True)
    context = fields.String(required=True)
    upload_info = fields.Nested(UploadInfoSchema, required=True)
    image = fields.Nested(UploadedImageSchema, required=True)
