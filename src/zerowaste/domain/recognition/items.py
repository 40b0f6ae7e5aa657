"""What a recognition finds in photos: raw ingredients, prepared foods and decoded barcodes.

Providers (Gemini, the local OCR/barcode engine) produce these; the recognition service adds
dates, allergy alerts and image status, and stores them. Shapes follow the mobile contract's
section D (D.1 ingredients, D.2 foods); names are the contract's where the client reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["ingredients", "foods", "batch"]
KINDS: tuple[Kind, ...] = ("ingredients", "foods", "batch")
STORAGE_TYPES = ("Refrigerado", "Congelado", "Ambiente")
TIME_UNITS = ("Días", "Semanas", "Meses", "Años")
FOOD_CATEGORIES = ("Entrada", "Plato principal", "Postre", "Bebida")
SOURCES = ("gemini", "ocr", "barcode", "label", "local")


@dataclass(frozen=True)
class Box:
    """Where in the photo (pixels of the image as uploaded): the client's `bounding_box`."""

    x_min: int
    y_min: int
    x_max: int
    y_max: int


@dataclass(frozen=True)
class RecognizedIngredient:
    name: str
    quantity: Decimal
    unit: str  # the client's `type_unit`: unidades, kg, g, l, ml, ...
    storage: str  # one of STORAGE_TYPES
    expiration_time: int
    time_unit: str  # one of TIME_UNITS
    description: str = ""
    tips: str = ""
    confidence: float | None = None  # 0..1 when the provider gives one
    source: str = "local"  # one of SOURCES
    box: Box | None = None
    barcode: str | None = None


@dataclass(frozen=True)
class RecognizedFood:
    name: str
    main_ingredients: tuple[str, ...]
    category: str  # one of FOOD_CATEGORIES
    calories: int
    storage: str
    expiration_time: int
    time_unit: str
    serving_quantity: Decimal
    description: str = ""
    tips: str = ""
    confidence: float | None = None
    source: str = "local"
    box: Box | None = None


@dataclass(frozen=True)
class DecodedBarcode:
    """A code read from a photo; the service looks it up in the barcode table (never guessed)."""

    text: str  # digits as printed, check digit included
    format: str  # EAN13, EAN8, UPCA, UPCE, ...
    box: Box | None = None


@dataclass(frozen=True)
class Findings:
    """Everything one provider call found (possibly nothing: then `notes` says why)."""

    ingredients: tuple[RecognizedIngredient, ...] = ()
    foods: tuple[RecognizedFood, ...] = ()
    barcodes: tuple[DecodedBarcode, ...] = ()
    notes: tuple[str, ...] = ()  # human-readable: "OCR unavailable", "no text found", ...
    text: str = ""  # what OCR read, kept for history and feedback (empty for Gemini)
    extra: dict[str, str] = field(default_factory=dict)
