"""What the recognition use cases return: items as the client adds them, and the pictures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from zerowaste.application.pictures import Picture
from zerowaste.domain.recognition.items import RecognizedFood, RecognizedIngredient
from zerowaste.domain.recognition.results import Recognition


@dataclass(frozen=True)
class ItemView:
    """One recognised ingredient or food with its dates, allergy alert and picture."""

    item: RecognizedIngredient | RecognizedFood
    added_at: datetime
    expiration_date: date
    allergens: list[str]
    allergy_alert: bool
    alert_message: str
    picture: Picture
    enrichment: dict[str, Any] = field(default_factory=dict)

    @property
    def category(self) -> str | None:
        return self.item.category if isinstance(self.item, RecognizedFood) else None


@dataclass(frozen=True)
class RecognitionView:
    recognition: Recognition
    ingredients: list[ItemView]
    foods: list[ItemView]
    images_job_id: str | None
    processing_ms: int = 0

    @property
    def items(self) -> list[ItemView]:
        return self.ingredients + self.foods

    @property
    def alerts(self) -> list[ItemView]:
        return [v for v in self.items if v.allergy_alert]

    @property
    def images_ready(self) -> int:
        return sum(1 for v in self.items if v.picture.status == "ready")

    @property
    def images_generating(self) -> int:
        return sum(1 for v in self.items if v.picture.status == "generating")

    @property
    def images_status(self) -> str:
        """`ready` once no picture is still being drawn (a failed one keeps its placeholder,
        so a poller always stops)."""
        return "generating" if self.images_generating else "ready"
