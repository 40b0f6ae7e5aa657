"""Where a lot is kept: pantry, fridge or freezer, from the many names the client and AI use."""

from __future__ import annotations

from enum import StrEnum

from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.units import lookup_label


class InvalidStoragePlace(InvalidInput):
    """The storage place is not one the domain knows."""

    code = "invalid_storage_place"


class StoragePlace(StrEnum):
    PANTRY = "pantry"
    FRIDGE = "fridge"
    FREEZER = "freezer"


# Folded spellings (no accents, lower case); a trailing plural "-s" is tolerated by lookup_label.
STORAGE_ALIASES: dict[StoragePlace, tuple[str, ...]] = {
    StoragePlace.FRIDGE: (
        "fridge",
        "refrigerado",
        "refrigerada",
        "refrigerador",
        "refrigeradora",
        "refrigerated",
        "refrigerator",
        "refrigeracion",
        "en refrigeracion",
        "refri",
        "nevera",
        "heladera",
        "frigorifico",
        "chilled",
    ),
    StoragePlace.FREEZER: (
        "freezer",
        "congelado",
        "congelada",
        "congelador",
        "congelacion",
        "en congelacion",
        "frozen",
    ),
    StoragePlace.PANTRY: (
        "pantry",
        "ambiente",
        "temperatura ambiente",
        "a temperatura ambiente",
        "despensa",
        "alacena",
        "dry",
        "seco",
        "lugar seco",
        "lugar fresco y seco",
        "room temperature",
        "room temp",
        "ambient",
        "cupboard",
    ),
}
_STORAGE_LOOKUP = {alias: place for place, names in STORAGE_ALIASES.items() for alias in names}
_BY_CODE = {place.value: place for place in StoragePlace}

_LABELS_ES = {
    StoragePlace.FRIDGE: "Refrigerado",
    StoragePlace.FREEZER: "Congelado",
    StoragePlace.PANTRY: "Ambiente",
}
_LABELS_EN = {
    StoragePlace.FRIDGE: "Refrigerated",
    StoragePlace.FREEZER: "Frozen",
    StoragePlace.PANTRY: "Room temperature",
}


def normalize_storage(raw: str) -> StoragePlace:
    """Map a client/AI storage name (es/en, any case or accents) to a StoragePlace."""
    if isinstance(raw, StoragePlace):
        return raw
    stored = _BY_CODE.get(raw) if isinstance(raw, str) else None
    if stored is not None:  # the code itself, as stored rows hold it: no folding
        return stored
    place = lookup_label(raw, _STORAGE_LOOKUP)
    if place is None:
        text = str(raw)[:50]
        raise InvalidStoragePlace(f"Unknown storage place: {text!r}", details={"storage": text})
    return place


def storage_label(place: StoragePlace | str, language: str = "es") -> str:
    """Return the label the client shows: "Refrigerado", "Congelado" or "Ambiente" in Spanish."""
    labels = _LABELS_EN if language.casefold().startswith("en") else _LABELS_ES
    return labels[normalize_storage(place)]
