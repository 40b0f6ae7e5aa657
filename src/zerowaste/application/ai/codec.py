"""Findings to and from JSON-able dicts: the gateway caches identical recognitions, and the
recognition feature stores what was found."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zerowaste.domain.recognition.items import (
    Box,
    DecodedBarcode,
    Findings,
    RecognizedFood,
    RecognizedIngredient,
)


def box_to_dict(box: Box | None) -> dict[str, int] | None:
    if box is None:
        return None
    return {"x_min": box.x_min, "y_min": box.y_min, "x_max": box.x_max, "y_max": box.y_max}


def _box(data: Any) -> Box | None:
    return Box(**{k: int(data[k]) for k in ("x_min", "y_min", "x_max", "y_max")}) if data else None


def ingredient_to_dict(item: RecognizedIngredient) -> dict[str, Any]:
    return {
        "name": item.name,
        "quantity": str(item.quantity),
        "unit": item.unit,
        "storage": item.storage,
        "expiration_time": item.expiration_time,
        "time_unit": item.time_unit,
        "description": item.description,
        "tips": item.tips,
        "confidence": item.confidence,
        "source": item.source,
        "box": box_to_dict(item.box),
        "barcode": item.barcode,
    }


def ingredient_from_dict(data: dict[str, Any]) -> RecognizedIngredient:
    return RecognizedIngredient(
        name=data["name"],
        quantity=Decimal(data["quantity"]),
        unit=data["unit"],
        storage=data["storage"],
        expiration_time=int(data["expiration_time"]),
        time_unit=data["time_unit"],
        description=data.get("description") or "",
        tips=data.get("tips") or "",
        confidence=data.get("confidence"),
        source=data.get("source") or "local",
        box=_box(data.get("box")),
        barcode=data.get("barcode"),
    )


def food_to_dict(food: RecognizedFood) -> dict[str, Any]:
    return {
        "name": food.name,
        "main_ingredients": list(food.main_ingredients),
        "category": food.category,
        "calories": food.calories,
        "storage": food.storage,
        "expiration_time": food.expiration_time,
        "time_unit": food.time_unit,
        "serving_quantity": str(food.serving_quantity),
        "description": food.description,
        "tips": food.tips,
        "confidence": food.confidence,
        "source": food.source,
        "box": box_to_dict(food.box),
    }


def food_from_dict(data: dict[str, Any]) -> RecognizedFood:
    return RecognizedFood(
        name=data["name"],
        main_ingredients=tuple(data.get("main_ingredients") or ()),
        category=data["category"],
        calories=int(data["calories"]),
        storage=data["storage"],
        expiration_time=int(data["expiration_time"]),
        time_unit=data["time_unit"],
        serving_quantity=Decimal(data["serving_quantity"]),
        description=data.get("description") or "",
        tips=data.get("tips") or "",
        confidence=data.get("confidence"),
        source=data.get("source") or "local",
        box=_box(data.get("box")),
    )


def findings_to_dict(findings: Findings) -> dict[str, Any]:
    return {
        "ingredients": [ingredient_to_dict(i) for i in findings.ingredients],
        "foods": [food_to_dict(f) for f in findings.foods],
        "barcodes": [
            {"text": b.text, "format": b.format, "box": box_to_dict(b.box)}
            for b in findings.barcodes
        ],
        "notes": list(findings.notes),
        "text": findings.text,
    }


def findings_from_dict(data: dict[str, Any]) -> Findings:
    return Findings(
        ingredients=tuple(ingredient_from_dict(i) for i in data.get("ingredients") or ()),
        foods=tuple(food_from_dict(f) for f in data.get("foods") or ()),
        barcodes=tuple(
            DecodedBarcode(b["text"], b["format"], _box(b.get("box")))
            for b in data.get("barcodes") or ()
        ),
        notes=tuple(data.get("notes") or ()),
        text=data.get("text") or "",
    )
