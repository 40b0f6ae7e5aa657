"""Recognition replies (rows 11-16): the items, alerts, barcodes and where pictures stand."""

from __future__ import annotations

import copy
from typing import Any

from marshmallow import Schema, missing

from zerowaste.application.recognition.model import RecognitionView
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.recognition.item_schemas import (
    AllergyAlertSchema,
    BarcodeSchema,
    CompleteIngredientSchema,
    RecognizedFoodSchema,
    RecognizedIngredientSchema,
    RecognizedItemSchema,
)
from zerowaste.interface.http.recognition.job_schemas import ImagesJobStatusSchema

ESTIMATED_SECONDS_PER_PICTURE = 2


def _images(view: RecognitionView) -> Any:
    if view.images_job_id is None:  # every picture already existed: nothing to poll (omitted)
        return missing
    return {
        "status": view.images_status,
        "task_id": view.images_job_id,
        "check_images_url": f"/api/recognition/recognition/{view.recognition.id}/images",
        "estimated_time": ESTIMATED_SECONDS_PER_PICTURE * max(1, view.images_generating),
    }


def _message(view: RecognitionView) -> str:
    found = len(view.items)
    if found:
        return f"{found} item(s) recognised"
    notes = view.recognition.notes
    return notes[-1] if notes else "Nothing recognisable was found in the photos"


def _progress(view: RecognitionView) -> int:
    if not view.items:
        return 100
    return int(100 * (1 - view.images_generating / len(view.items)))


class ImagesProgressSchema(Schema):
    status = f.String(required=True, metadata={"enum": ["generating", "ready"]})
    task_id = f.String(required=True)
    check_images_url = f.String(required=True)
    estimated_time = f.Integer(required=True, metadata={"description": "seconds"})


class _RecognitionSchema(Schema):
    recognition_id = f.String(required=True, source="recognition.id")
    recognition_type = f.String(
        required=True,
        source="recognition.kind",
        metadata={"enum": ["ingredients", "foods", "batch"]},
    )
    message = f.String(required=True, source=_message)
    allergy_alerts = f.List(f.Nested(AllergyAlertSchema), required=True, source="alerts")
    has_allergens = f.Boolean(required=True, source=lambda v: bool(v.alerts))
    total_detected = f.Integer(required=True, source=lambda v: len(v.items))
    processing_time = f.Float(
        required=True, source=lambda v: v.processing_ms / 1000, metadata={"description": "s"}
    )
    images = f.Nested(ImagesProgressSchema, source=_images)
    images_status = f.String(required=True, metadata={"enum": ["generating", "ready"]})
    images_check_url = f.String(
        required=True,
        source=lambda v: f"/api/recognition/recognition/{v.recognition.id}/images",
    )
    provider = f.String(required=True, source="recognition.provider")
    degraded = f.Boolean(
        required=True,
        source="recognition.degraded",
        metadata={"description": "true: the configured AI failed or its budget is spent"},
    )
    notes = f.List(f.String(), required=True, source="recognition.notes")
    barcodes = f.List(f.Nested(BarcodeSchema), required=True, source="recognition.barcodes")
    created_at = f.Timestamp(required=True, source="recognition.created_at")


class IngredientsRecognitionSchema(_RecognitionSchema):
    ingredients = f.List(f.Nested(RecognizedIngredientSchema), required=True)


class CompleteRecognitionSchema(_RecognitionSchema):
    ingredients = f.List(f.Nested(CompleteIngredientSchema), required=True)


class FoodsRecognitionSchema(_RecognitionSchema):
    foods = f.List(f.Nested(RecognizedFoodSchema), required=True)


class RecognitionSchema(_RecognitionSchema):
    """A stored recognition (rows 14, history): whatever it found."""

    ingredients = f.List(f.Nested(RecognizedIngredientSchema), required=True)
    foods = f.List(f.Nested(RecognizedFoodSchema), required=True)


class BatchRecognitionSchema(RecognitionSchema):
    recognized_items = f.List(f.Nested(RecognizedItemSchema), required=True, source="items")


class RecognitionImagesSchema(Schema):
    """Row 12: polled until `images_status` is ready."""

    recognition_id = f.String(required=True, source="recognition.id")
    recognition_type = f.String(required=True, source="recognition.kind")
    images_status = f.String(required=True, metadata={"enum": ["generating", "ready"]})
    images_ready = f.Integer(required=True)
    images_generating = f.Integer(required=True)
    total_items = f.Integer(required=True, source=lambda v: len(v.items))
    progress_percentage = f.Integer(
        required=True,
        source=lambda v: (
            100 if not v.items else int(100 * (1 - v.images_generating / len(v.items)))
        ),
    )
    last_updated = f.Timestamp(required=True, source="recognition.created_at")
    ingredients = f.List(f.Nested(RecognizedIngredientSchema), required=True)
    foods = f.List(f.Nested(RecognizedFoodSchema), required=True)
    total_ingredients = f.Integer(required=True, source=lambda v: len(v.ingredients))
    total_foods = f.Integer(required=True, source=lambda v: len(v.foods))
    message = f.String(
        required=True,
        source=lambda v: (
            "All pictures are ready"
            if v.images_status == "ready"
            else f"{v.images_generating} picture(s) still being drawn"
        ),
    )


class HistoryEntrySchema(Schema):
    recognition_id = f.String(required=True, source="recognition.id")
    recognition_type = f.String(required=True, source="recognition.kind")
    created_at = f.Timestamp(required=True, source="recognition.created_at")
    provider = f.String(required=True, source="recognition.provider")
    degraded = f.Boolean(required=True, source="recognition.degraded")
    total_items = f.Integer(required=True, source=lambda v: len(v.items))
    names = f.List(f.String(), required=True, source=lambda v: [i.item.name for i in v.items])


class HistoryPageSchema(Schema):
    recognitions = f.List(f.Nested(HistoryEntrySchema), required=True, source=lambda p: p[0])
    total = f.Integer(required=True, source=lambda p: p[1])
    page = f.Integer(required=True, source=lambda p: f.given("page"))
    per_page = f.Integer(required=True, source=lambda p: f.given("per_page"))


class FeedbackResultSchema(Schema):
    message = f.String(required=True, source=lambda _: "Feedback recorded")
    recognition_id = f.String(required=True, source=lambda _: f.given("recognition_id"))
    corrections_applied = f.Integer(required=True, source=lambda n: n)


def _union(name: str, *schemas: type[Schema]) -> type[Schema]:
    """A schema documenting any of `schemas`: every field of each, none required."""
    merged: dict[str, Any] = {}
    for schema in schemas:
        for field_name, field in schema._declared_fields.items():
            optional = copy.copy(field)
            optional.required = False
            merged.setdefault(field_name, optional)
    return Schema.from_dict(merged, name=name)


# What `/api/recognition/images/status/<id>` answers: a picture job (row 19) or, when L2 polls
# it with a recognition id, that recognition's pictures (row 12). Swagger 2 has no oneOf: this
# documents the union; each answer is dumped by its own schema and has the keys of that one.
ImagesStatusSchema = _union("ImagesStatusSchema", ImagesJobStatusSchema, RecognitionImagesSchema)
