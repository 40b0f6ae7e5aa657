"""A stored recognition and the rules that turn findings into what the client adds.

A recognition keeps what the provider found (one entry per item, in order), when, and which
provider answered. Items get their purchase date (`added_at`, when the photo was recognised),
an expiry date from the provider's or FoodKeeper's shelf life, and the caller's allergy alert.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from zerowaste.domain.inventory.expiry import add_duration, normalize_time_unit
from zerowaste.domain.recognition.items import Kind
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.text import name_key

MAX_IMAGES = 5  # photos per recognition request
MAX_HISTORY_PAGE = 50


@dataclass
class Recognition:
    id: str
    user_uid: str
    kind: Kind
    provider: str
    degraded: bool
    findings: dict[str, Any]  # application.ai.codec.findings_to_dict
    barcodes: list[dict[str, Any]]  # {code, format, matched, name?}
    notes: list[str]
    image_keys: list[str]
    created_at: datetime
    images_job_id: str | None = None
    feedback: list[dict[str, Any]] = field(default_factory=list)


def expiry_date(added_on: date, amount: int, unit: str) -> date:
    """The expiry of an item recognised on `added_on` that keeps `amount` `unit`s."""
    return add_duration(added_on, max(1, int(amount)), normalize_time_unit(unit))


def allergy_alert(item_allergens: list[str], user_codes: set[str]) -> list[str]:
    """The EU-14 codes of an item that the user is allergic to (sorted)."""
    return sorted(set(item_allergens) & user_codes)


def alert_message(name: str, codes: list[str], language: str) -> str:
    joined = ", ".join(codes)
    if language.startswith("en"):
        return f"{name} may contain allergens you listed: {joined}"
    return f"{name} puede contener alérgenos que indicaste: {joined}"


def check_image_count(count: int) -> None:
    if count == 0:
        raise InvalidInput("images_paths must list at least one image", code="images_required")
    if count > MAX_IMAGES:
        raise InvalidInput(
            f"At most {MAX_IMAGES} images per recognition",
            code="too_many_images",
            details={"max": MAX_IMAGES},
        )


def fold_name(name: str) -> str:
    """The key a user's correction is stored under: case- and space-insensitive."""
    return name_key(name)
