"""A recognised ingredient built from the ingredient master and FoodKeeper (pure).

Used when a name is known but the provider gave no storage or shelf life of its own: a barcode
the barcode table resolves, an OCR line matched to the master. Storage is the master's default
place; the shelf life is FoodKeeper's conservative figure for that place, else a week.
"""

from __future__ import annotations

from decimal import Decimal

from zerowaste.domain.recognition.items import RecognizedIngredient
from zerowaste.domain.reference import IngredientMatch, ShelfLife, UnitStorageHint
from zerowaste.domain.shared.storage import StoragePlace

DEFAULT_SHELF_DAYS = 7
STORAGE_LABELS = {
    StoragePlace.FRIDGE: "Refrigerado",
    StoragePlace.FREEZER: "Congelado",
    StoragePlace.PANTRY: "Ambiente",
}
CLIENT_UNITS = {"unit": "unidades", "g": "g", "ml": "ml", "kg": "kg", "l": "l"}


def from_master(
    name: str,
    match: IngredientMatch | None,
    shelf_life: ShelfLife | None,
    hint: UnitStorageHint | None,
    *,
    language: str,
    quantity: Decimal = Decimal(1),
    unit: str | None = None,
    source: str,
    confidence: float | None = None,
    barcode: str | None = None,
) -> RecognizedIngredient:
    place = hint.storage if hint else StoragePlace.FRIDGE
    days = (shelf_life.days_for(place) if shelf_life else None) or DEFAULT_SHELF_DAYS
    display = name
    if match is not None:
        display = match.name_en if language.startswith("en") else match.name_es
    return RecognizedIngredient(
        name=display,
        quantity=quantity,
        unit=unit or CLIENT_UNITS.get(hint.unit if hint else "unit", "unidades"),
        storage=STORAGE_LABELS[place],
        expiration_time=max(1, days),
        time_unit="Días",
        confidence=confidence,
        source=source,
        barcode=barcode,
    )
