"""Vision answers (D.1-D.3) mapped onto the domain's recognition findings.

The schema already fixed the vocabularies (storage, time unit, category, unit code); here the
free numbers are made safe: a quantity that is not a positive finite number becomes 1, an
expiry of 0 or less becomes the contract's default (7 days for an ingredient, 3 for a food),
an expiry past ten years is capped, a confidence given in percent is scaled, and a box given
on Gemini's 0-1000 scale becomes pixels of the photo it names. Entries without a name are
dropped; the rest are kept in the model's order.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from decimal import Decimal

from PIL import Image

from zerowaste.application.ports.ai import ImageInput
from zerowaste.domain.inventory.expiry import DEFAULT_DAYS, MAX_SHELF_DAYS
from zerowaste.domain.recognition.items import (
    Box,
    Findings,
    RecognizedFood,
    RecognizedIngredient,
)
from zerowaste.domain.shared.units import display_unit, quantize
from zerowaste.infrastructure.ai.gemini import schemas

MAX_NAME = 120
MAX_TEXT = 500
MAX_QUANTITY = Decimal(100000)
MAX_CALORIES = 10000
_UNIT_DAYS = {"Días": 1, "Semanas": 7, "Meses": 30, "Años": 365}

Size = tuple[int, int] | None


def image_sizes(images: Sequence[ImageInput]) -> list[Size]:
    """Width and height of each photo from its header (no pixels decoded); None if unreadable."""
    sizes: list[Size] = []
    for image in images:
        try:
            with Image.open(io.BytesIO(image.data)) as opened:
                sizes.append(opened.size)
        except (OSError, ValueError, Image.DecompressionBombError):
            sizes.append(None)
    return sizes


def to_findings(
    reply: schemas.VisionReply,
    sizes: Sequence[Size],
    language: str,
) -> Findings:
    raw_ingredients = getattr(reply, "ingredients", [])
    raw_foods = getattr(reply, "foods", [])
    ingredients = tuple(
        i for i in (ingredient(r, sizes, language) for r in raw_ingredients) if i is not None
    )
    foods = tuple(f for f in (food(r, sizes) for r in raw_foods) if f is not None)
    notes = () if ingredients or foods else ("Gemini recognised no food in the photos",)
    return Findings(ingredients=ingredients, foods=foods, notes=notes)


def ingredient(
    item: schemas.Ingredient, sizes: Sequence[Size], language: str
) -> RecognizedIngredient | None:
    name = _text(item.name, MAX_NAME)
    if not name:
        return None
    amount, unit = _expiry(item.expiration_time, item.time_unit, DEFAULT_DAYS["ingredient"])
    return RecognizedIngredient(
        name=name,
        quantity=_positive(item.quantity),
        unit=display_unit(item.type_unit, language),
        storage=item.storage_type,
        expiration_time=amount,
        time_unit=unit,
        description=_text(item.description),
        tips=_text(item.tips),
        confidence=_confidence(item.confidence),
        source="gemini",
        box=box(item.image, item.box_2d, sizes),
    )


def food(item: schemas.Food, sizes: Sequence[Size]) -> RecognizedFood | None:
    name = _text(item.name, MAX_NAME)
    if not name:
        return None
    amount, unit = _expiry(item.expiration_time, item.time_unit, DEFAULT_DAYS["food"])
    return RecognizedFood(
        name=name,
        main_ingredients=tuple(n for n in (_text(m, MAX_NAME) for m in item.main_ingredients) if n),
        category=item.category,
        calories=min(max(item.calories, 0), MAX_CALORIES),
        storage=item.storage_type,
        expiration_time=amount,
        time_unit=unit,
        serving_quantity=_positive(item.serving_quantity),
        description=_text(item.description),
        tips=_text(item.tips),
        confidence=_confidence(item.confidence),
        source="gemini",
        box=box(item.image, item.box_2d, sizes),
    )


def box(image: int | None, box_2d: list[int] | None, sizes: Sequence[Size]) -> Box | None:
    """Gemini's [ymin, xmin, ymax, xmax] on a 0-1000 scale, as pixels of the named photo."""
    if image is None and len(sizes) == 1:
        image = 1
    if image is None or not 1 <= image <= len(sizes) or not box_2d or len(box_2d) != 4:
        return None
    size = sizes[image - 1]
    y_min, x_min, y_max, x_max = (min(max(v, 0), 1000) for v in box_2d)
    if size is None or y_min >= y_max or x_min >= x_max:
        return None
    width, height = size
    return Box(
        x_min=round(x_min * width / 1000),
        y_min=round(y_min * height / 1000),
        x_max=round(x_max * width / 1000),
        y_max=round(y_max * height / 1000),
    )


def _text(value: str, limit: int = MAX_TEXT) -> str:
    return " ".join(value.split())[:limit]


def _positive(value: float) -> Decimal:
    if not math.isfinite(value) or value <= 0:
        return Decimal(1)
    return min(quantize(Decimal(str(value))), MAX_QUANTITY) or Decimal(1)


def _expiry(amount: int, unit: str, default_days: int) -> tuple[int, str]:
    if amount < 1:
        return default_days, "Días"
    return min(amount, max(1, MAX_SHELF_DAYS // _UNIT_DAYS[unit])), unit


def _confidence(value: float | None) -> float | None:
    if value is None or not math.isfinite(value) or value < 0:
        return None
    if value > 1:  # a percentage
        return min(value / 100, 1.0)
    return value
