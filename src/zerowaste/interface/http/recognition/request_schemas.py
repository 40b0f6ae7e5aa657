"""What the client sends to recognise photos, give feedback and page the history."""

from __future__ import annotations

from marshmallow import fields, validate

from zerowaste.domain.recognition.results import MAX_HISTORY_PAGE, MAX_IMAGES
from zerowaste.interface.http.schemas import RequestSchema


class RecognizeSchema(RequestSchema):
    """L1 sends the URLs the upload answered; L2's extra `simplified` is accepted and ignored."""

    images_paths = fields.List(
        fields.String(validate=validate.Length(1, 2000)),
        required=True,
        validate=validate.Length(1, MAX_IMAGES),
        metadata={"description": f"URLs or keys of the caller's uploads (1-{MAX_IMAGES})"},
    )


class CorrectionSchema(RequestSchema):
    name = fields.String(load_default="", validate=validate.Length(max=200))
    correct_name = fields.String(required=True, validate=validate.Length(1, 200))
    barcode = fields.String(
        load_default=None, validate=validate.Regexp(r"^\d{6,14}$"), allow_none=True
    )


class FeedbackSchema(RequestSchema):
    """Free feedback on a recognition; `corrections` teach the next recognitions (this user's
    names, and barcodes for everyone by majority)."""

    recognition_id = fields.String(required=True, validate=validate.Length(1, 64))
    feedback = fields.Raw(
        load_default=None,
        metadata={"description": "what the client sends (text or map), stored as given"},
    )
    rating = fields.Integer(load_default=None, validate=validate.Range(1, 5), allow_none=True)
    comment = fields.String(load_default=None, validate=validate.Length(max=2000), allow_none=True)
    corrections = fields.List(
        fields.Nested(CorrectionSchema), load_default=list, validate=validate.Length(max=50)
    )


class HistoryQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, MAX_HISTORY_PAGE))
