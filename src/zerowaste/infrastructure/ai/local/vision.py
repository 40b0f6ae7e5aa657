"""LocalVisionRecognizer: receipts, labels and barcodes in photos, offline (provider "local").

What the local engine can honestly do with pixels: decode retail barcodes (zxing-cpp), read
printed text (tesseract), and turn receipt lines that name a known food into ingredients with
the data pack's storage place, shelf life and tips. It cannot recognise a tomato or a plated
dish from its looks: a photo without text or barcode gives empty findings and a note saying
so, and a "foods" request says the local engine does not recognise dishes.

Per matched line: the ingredient master's name in the caller's language; the quantity and unit
the ticket states (1 unit when it states none), the unit as the client spells it (units.py);
storage from the ticket ("congelado") else the catalog's usual place for the food; expiry from
FoodKeeper through the inventory's own fallback rules (`shelf_life_days`, 7 days without
data), as the largest exact time unit; FoodKeeper's tip for that place (English: the only
language the data has); confidence = match score x the line's mean OCR confidence; the
line's box. The same food on several lines (or photos) in the same unit is one ingredient with
the quantities added. Unmatched lines are dropped and only counted in the notes.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import replace

from PIL import Image, ImageOps, UnidentifiedImageError

from zerowaste.application.ports.ai import AiContext, AiUsage, ImageInput, VisionAnswer
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.inventory.expiry import DEFAULT_DAYS, shelf_life_days
from zerowaste.domain.recognition.durations import as_time_span
from zerowaste.domain.recognition.items import (
    Box,
    DecodedBarcode,
    Findings,
    Kind,
    RecognizedIngredient,
)
from zerowaste.domain.recognition.receipts import ReceiptLine, parse_receipt, says_frozen
from zerowaste.domain.reference import IngredientMatch
from zerowaste.domain.shared.storage import StoragePlace, storage_label
from zerowaste.domain.shared.units import display_unit
from zerowaste.infrastructure.ai.local.barcodes import read_barcodes
from zerowaste.infrastructure.ai.local.ocr import OcrLine, TesseractReader
from zerowaste.infrastructure.reference.resolver import MIN_SCORE, IngredientResolver

log = logging.getLogger(__name__)

NO_TEXT = "No text or barcode found in the photo; take a closer picture of the label or receipt"
NO_ITEMS = "Text found but no product lines in it; take a closer picture of the receipt"
NO_DISHES = (
    "The local engine cannot recognise prepared dishes from a photo; add them by name, "
    "or configure an AI provider"
)
MAX_TEXT = 20_000


class LocalVisionRecognizer:
    """Implements zerowaste.application.ports.ai.VisionRecognizer."""

    provider = "local"

    def __init__(
        self,
        catalog: ReferenceCatalog,
        *,
        tesseract_cmd: str | None = None,
        min_score: int = MIN_SCORE,
        ocr_timeout: float = 20,
    ) -> None:
        self._catalog = catalog
        self._resolver = IngredientResolver(catalog, min_score=min_score)
        self._ocr = TesseractReader(tesseract_cmd, timeout=ocr_timeout)

    def recognize(
        self, images: Sequence[ImageInput], kind: Kind, context: AiContext
    ) -> VisionAnswer:
        run = _Run()
        for number, upload in enumerate(images, start=1):
            image = _open(upload)
            if image is None:
                run.notes.append(f"Image {number} could not be read")
                continue
            for code in read_barcodes(image):
                run.barcodes.setdefault(code.text, code)
            if kind != "foods":
                self._read_text(image, context, run)
        return VisionAnswer(findings=run.findings(kind), usage=self._usage(kind, len(images)))

    def _read_text(self, image: Image.Image, context: AiContext, run: _Run) -> None:
        result = self._ocr.read(image)
        if result.unavailable:
            run.unavailable = result.unavailable
            return
        run.ocr_ran = True
        run.ocr_lines += len(result.lines)
        run.texts.append("\n".join(line.text for line in result.lines))
        for item in parse_receipt([line.text for line in result.lines]):
            run.item_lines += 1
            found = self._resolver.resolve(item.name)
            if found is None:
                run.unmatched += 1
                continue
            sources = [result.lines[i] for i in item.lines]
            run.add(self._ingredient(item, found, sources, context))

    def _ingredient(
        self,
        item: ReceiptLine,
        found: IngredientMatch,
        sources: list[OcrLine],
        context: AiContext,
    ) -> RecognizedIngredient:
        canonical = found.name_es  # an exact key of the catalog: lookups hit the same entry
        raw = " ".join(line.text for line in sources)
        place = self._place(canonical, raw)
        shelf = self._catalog.shelf_life(canonical)
        default = DEFAULT_DAYS["ingredient"]
        days = (shelf_life_days(shelf, place, default) if shelf else None) or default
        amount, time_unit = as_time_span(days)
        english = _english(context)
        ocr_confidence = sum(line.confidence for line in sources) / len(sources)
        return RecognizedIngredient(
            name=found.name_en if english else found.name_es,
            quantity=item.quantity,
            unit=display_unit(item.unit, context.language),
            storage=storage_label(place, "es"),  # the contract's values are Spanish
            expiration_time=amount,
            time_unit=time_unit,
            description=("From the receipt: " if english else "Del ticket: ") + raw[:200],
            tips=self._catalog.storage_tips(canonical, place) or "",
            confidence=round(found.score / 100 * ocr_confidence, 2),
            source="ocr",
            box=_union([line.box for line in sources]),
        )

    def _place(self, canonical: str, raw: str) -> StoragePlace:
        if says_frozen(raw):
            return StoragePlace.FREEZER
        hint = self._catalog.default_unit_and_storage(canonical)
        return hint.storage if hint else StoragePlace.PANTRY

    def _usage(self, kind: Kind, images: int) -> AiUsage:
        version = self._ocr.version() if kind != "foods" else None
        model = f"tesseract-{version}+zxing-cpp" if version else "zxing-cpp"
        return AiUsage(provider="local", model=model, operation=f"recognize_{kind}", images=images)


class _Run:
    """What one recognize call gathers over its photos."""

    def __init__(self) -> None:
        self.ingredients: dict[tuple[str, str], RecognizedIngredient] = {}
        self.barcodes: dict[str, DecodedBarcode] = {}
        self.notes: list[str] = []
        self.texts: list[str] = []
        self.unavailable: str | None = None
        self.ocr_ran = False
        self.ocr_lines = self.item_lines = self.unmatched = 0

    def add(self, ingredient: RecognizedIngredient) -> None:
        key = (ingredient.name, ingredient.unit)
        known = self.ingredients.get(key)
        if known is None:
            self.ingredients[key] = ingredient
            return
        self.ingredients[key] = replace(
            known,
            quantity=known.quantity + ingredient.quantity,
            confidence=max(known.confidence or 0, ingredient.confidence or 0),
            description=f"{known.description}; {ingredient.description}"[:400],
        )

    def findings(self, kind: Kind) -> Findings:
        notes = list(self.notes)
        if self.unavailable:
            notes.append(f"OCR unavailable: {self.unavailable}")
        if kind != "ingredients":
            notes.append(NO_DISHES)
        found_nothing = not self.ingredients and not self.barcodes
        if self.ocr_ran and found_nothing and self.ocr_lines == 0:
            notes.append(NO_TEXT)
        elif self.ocr_ran and found_nothing and self.item_lines == 0:
            notes.append(NO_ITEMS)
        if self.unmatched:
            notes.append(f"{self.unmatched} line(s) not matched to a known food were left out")
        return Findings(
            ingredients=tuple(self.ingredients.values()),
            barcodes=tuple(self.barcodes.values()),
            notes=tuple(notes),
            text="\n\n".join(self.texts)[:MAX_TEXT],
            extra={
                "ocr_lines": str(self.ocr_lines),
                "item_lines": str(self.item_lines),
                "unmatched_lines": str(self.unmatched),
            },
        )


def _open(upload: ImageInput) -> Image.Image | None:
    """The photo as shown (EXIF orientation applied), in a mode zxing and tesseract take."""
    try:
        opened = Image.open(io.BytesIO(upload.data))
        opened.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        log.info("unreadable image (%s): %s", upload.content_type, exc)
        return None
    image = ImageOps.exif_transpose(opened)
    return image if image.mode in ("L", "RGB") else image.convert("RGB")


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return Box(
        min(b.x_min for b in boxes),
        min(b.y_min for b in boxes),
        max(b.x_max for b in boxes),
        max(b.y_max for b in boxes),
    )


def _english(context: AiContext) -> bool:
    return context.language.casefold().startswith("en")
