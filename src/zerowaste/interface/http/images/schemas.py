"""Image upload form (both client layers) and the reply the client reads (contract row 41)."""

from __future__ import annotations

from marshmallow import Schema, fields
from marshmallow.validate import Length

from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema, image_reference_field


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
    """Where and how the upload was stored (the original API's `upload_info`)."""

    storage_path = f.String(attribute="key", required=True)
    public_url = f.AbsoluteUrl(attribute="url", required=True, metadata={"description": "7 days"})
    upload_type = f.String(required=True)
    folder = f.String(required=True)
    user_uid = f.String(attribute="owner_id", required=True)
    item_name = f.String(required=True)
    filename = f.String(required=True, metadata={"description": "stored file name"})
    original_filename = f.String(required=True, allow_none=True)
    content_type = f.String(required=True)
    size = f.Integer(required=True, metadata={"description": "bytes stored (after re-encoding)"})
    width = f.Integer(required=True)
    height = f.Integer(required=True)


class UploadedImageSchema(Schema):
    """The image as the client keeps it: `image_path` goes back as image_path / images_paths[]."""

    uid = f.String(attribute="id", required=True)
    image_path = f.AbsoluteUrl(attribute="url", required=True, metadata={"description": "7 days"})
    name = f.String(attribute="item_name", required=True)
    image_type = f.String(required=True)
    storage_path = f.String(attribute="key", required=True)


class UploadImageResultSchema(Schema):
    """Row 41: dumps the StoredImage; its URL is made absolute against this API."""

    message = f.Constant("Image uploaded successfully")
    context = f.Constant("inventory")
    upload_info = f.Nested(UploadInfoSchema, source=lambda image: image, required=True)
    image = f.Nested(UploadedImageSchema, source=lambda image: image, required=True)


class ManagedUploadResultSchema(Schema):
    """Row 6: the client keeps `image.image_path` and sends it back as images_paths[]."""

    message = f.Constant("Image uploaded successfully")
    image = f.Nested(UploadedImageSchema, source=lambda image: image, required=True)
    upload_info = f.Nested(UploadInfoSchema, source=lambda image: image, required=True)


class ItemNameSchema(RequestSchema):
    item_name = fields.String(required=True, validate=Length(1, 200))


class AssignImageSchema(RequestSchema):
    item_name = fields.String(required=True, validate=Length(1, 200))
    image_path = image_reference_field(2000, load_default=None)


class ImageChoiceSchema(Schema):
    """One image for an item name (rows 7 and 8)."""

    name = f.String(required=True)
    image_path = f.AbsoluteUrl(required=True, source="url", metadata={"description": "7 days"})
    image_type = f.String(required=True)


class AssignedImageSchema(ImageChoiceSchema):
    items_updated = f.Integer(required=True, source=lambda _: f.given("items_updated"))
