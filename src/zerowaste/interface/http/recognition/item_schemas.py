"""Recognised items as the client reads them (contract rows 11, 13, 15, 16 and section D)."""

from __future__ import annotations

from marshmallow import Schema

from zerowaste.application.recognition.model import ItemView
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.inventory.enrichment_schemas import (
    EnvironmentalImpactSchema,
    UtilizationIdeaSchema,
)

PICTURE_STATUSES = ["ready", "generating", "failed", "unavailable"]


def _picture_status(view: ItemView) -> str:
    return "unavailable" if view.picture.status == "none" else view.picture.status


class BoundingBoxSchema(Schema):
    x_min = f.Integer(required=True)
    y_min = f.Integer(required=True)
    x_max = f.Integer(required=True)
    y_max = f.Integer(required=True)


class _ItemSchema(Schema):
    """What every recognised item carries: dates for the inventory, alerts, picture, origin."""

    name = f.String(required=True, source="item.name")
    description = f.String(required=True, source="item.description")
    storage_type = f.String(
        required=True,
        source="item.storage",
        metadata={"enum": ["Refrigerado", "Congelado", "Ambiente"]},
    )
    expiration_time = f.Integer(required=True, source="item.expiration_time")
    time_unit = f.String(
        required=True,
        source="item.time_unit",
        metadata={"enum": ["Días", "Semanas", "Meses", "Años"]},
    )
    tips = f.String(required=True, source="item.tips")
    image_path = f.AbsoluteUrl(
        required=True,
        allow_none=True,
        source="picture.url",
        metadata={"description": "the shared picture once drawn; null while generating"},
    )
    image_status = f.String(
        required=True, source=_picture_status, metadata={"enum": PICTURE_STATUSES}
    )
    expiration_date = f.Day(required=True)
    added_at = f.Timestamp(required=True)
    allergy_alert = f.Boolean(required=True)
    allergens = f.List(f.String(), required=True)
    confidence = f.Float(required=True, allow_none=True, source="item.confidence")
    source = f.String(
        required=True,
        source="item.source",
        metadata={"enum": ["gemini", "ocr", "barcode", "label", "local"]},
    )
    bounding_box = f.Nested(BoundingBoxSchema, required=True, allow_none=True, source="item.box")


class RecognizedIngredientSchema(_ItemSchema):
    quantity = f.Whole(required=True, source="item.quantity")
    type_unit = f.String(required=True, source="item.unit")
    barcode = f.String(required=True, allow_none=True, source="item.barcode")


class CompleteIngredientSchema(RecognizedIngredientSchema):
    """Row 16: each ingredient with its impact and utilization ideas (when known)."""

    environmental_impact = f.Nested(
        EnvironmentalImpactSchema,
        required=True,
        allow_none=True,
        source=lambda v: v.enrichment.get("environmental_impact"),
    )
    utilization_ideas = f.List(
        f.Nested(UtilizationIdeaSchema),
        required=True,
        source=lambda v: v.enrichment.get("utilization_ideas", []),
    )


class RecognizedFoodSchema(_ItemSchema):
    main_ingredients = f.List(f.String(), required=True, source="item.main_ingredients")
    category = f.String(
        required=True,
        source="item.category",
        metadata={"enum": ["Entrada", "Plato principal", "Postre", "Bebida"]},
    )
    calories = f.Integer(required=True, source="item.calories")
    serving_quantity = f.Whole(required=True, source="item.serving_quantity")


class RecognizedItemSchema(Schema):
    """Row 15's `recognized_items`: ingredients and foods in one list."""

    name = f.String(required=True, source="item.name")
    confidence = f.Float(required=True, allow_none=True, source="item.confidence")
    bounding_box = f.Nested(BoundingBoxSchema, required=True, allow_none=True, source="item.box")
    image_path = f.AbsoluteUrl(required=True, allow_none=True, source="picture.url")
    image_status = f.String(
        required=True, source=_picture_status, metadata={"enum": PICTURE_STATUSES}
    )
    allergy_alert = f.Boolean(required=True)
    allergens = f.List(f.String(), required=True)
    category = f.String(required=True, allow_none=True)
    item_type = f.String(
        required=True,
        source=lambda v: "food" if v.category is not None else "ingredient",
        metadata={"enum": ["ingredient", "food"]},
    )


class AllergyAlertSchema(Schema):
    item = f.String(required=True, source="item.name")
    allergens = f.List(f.String(), required=True)
    message = f.String(required=True, source="alert_message")
    confidence = f.Float(required=True, allow_none=True, source="item.confidence")


class BarcodeSchema(Schema):
    code = f.String(required=True)
    format = f.String(required=True)
    matched = f.Boolean(
        required=True, metadata={"description": "false: unknown code, never guessed"}
    )
    name = f.String(metadata={"description": "the ingredient users confirmed for this code"})
