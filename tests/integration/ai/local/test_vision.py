"""LocalVisionRecognizer end to end: Pillow pictures -> zxing-cpp / tesseract -> data pack."""

from __future__ import annotations

from decimal import Decimal

import pytesseract
import pytest

from tests.integration.ai.local import pictures
from zerowaste.application.ports.ai import AiContext, ImageInput
from zerowaste.domain.recognition.items import STORAGE_TYPES, TIME_UNITS
from zerowaste.infrastructure.ai.local.vision import (
    NO_DISHES,
    NO_TEXT,
    LocalVisionRecognizer,
)

pytestmark = pytest.mark.integration

ES, EN = AiContext(language="es"), AiContext(language="en")
TICKET = [
    "SUPER MERCADO LA ESPERANZA",
    "RFC: SME850101ABC",
    "Fecha: 12/05/2025 14:32",
    "2x Tomate 1.20",
    "LECHE LALA 1L 23.50",
    "Arroz SOS 1 kg $32.90",
    "3 PZ AGUACATE HASS 45.00",
    "Pechuga pollo 0.750 kg 89.90",
    "Papel higienico 4 pz 35.00",
    "SUBTOTAL 227.50",
    "IVA 0.00",
    "TOTAL 227.50",
    "CAMBIO 22.50",
]
EXPECTED = [
    ("Jitomate", Decimal(2), "unidades"),
    ("Leche entera", Decimal(1), "l"),
    ("Arroz blanco", Decimal(1), "kg"),
    ("Aguacate", Decimal(3), "unidades"),
    ("Pechuga de pollo", Decimal("0.75"), "kg"),
]


def png(image) -> list[ImageInput]:
    return [ImageInput(pictures.encode(image), "image/png")]


def summary(findings) -> list[tuple[str, Decimal, str]]:
    return [(i.name, i.quantity, i.unit) for i in findings.ingredients]


def test_a_printed_receipt_becomes_ingredients_of_the_master(recognizer, tesseract):
    image = pictures.receipt(TICKET)
    answer = recognizer.recognize(png(image), "ingredients", ES)
    findings = answer.findings
    assert summary(findings) == EXPECTED
    for item in findings.ingredients:
        assert item.storage in STORAGE_TYPES and item.time_unit in TIME_UNITS
        assert item.expiration_time > 0
        assert item.source == "ocr" and 0 < (item.confidence or 0) <= 1
        assert item.box is not None
        assert 0 <= item.box.x_min < item.box.x_max <= image.width
        assert 0 <= item.box.y_min < item.box.y_max <= image.height
    by_name = {i.name: i for i in findings.ingredients}
    # FoodKeeper via the catalog: raw chicken breast keeps 1-2 days in the fridge, rice years.
    chicken = by_name["Pechuga de pollo"]
    assert (chicken.storage, chicken.expiration_time, chicken.time_unit) == (
        "Refrigerado",
        1,
        "Días",
    )
    rice = by_name["Arroz blanco"]
    assert (rice.storage, rice.time_unit) == ("Ambiente", "Años")
    assert by_name["Jitomate"].tips  # FoodKeeper's pantry tip ("Until ripe, then 7 days...")
    # The tomato line is the 4th of the ticket (20 px margin + 36 px per line).
    assert 20 + 36 * 3 - 4 <= by_name["Jitomate"].box.y_min <= 20 + 36 * 4
    # The toilet paper line is read but matches no food: counted, never invented.
    assert findings.notes == ("1 line(s) not matched to a known food were left out",)
    assert "TOTAL" in findings.text and findings.barcodes == ()
    assert answer.usage.provider == "local"
    assert answer.usage.model == f"tesseract-{pytesseract.get_tesseract_version()}+zxing-cpp"
    assert (answer.usage.operation, answer.usage.images) == ("recognize_ingredients", 1)


def test_an_english_ticket_gives_english_names_and_units(recognizer, tesseract):
    image = pictures.receipt(
        ["WHOLE FOODS", "Milk 1L 0.99", "Eggs 12 ct 3.49", "Bananas 2 lb 1.18", "TAX 0.00"]
    )
    findings = recognizer.recognize(png(image), "ingredients", EN).findings
    assert summary(findings) == [
        ("Milk (whole)", Decimal(1), "l"),
        ("Egg", Decimal(12), "units"),
        ("Banana", Decimal(2), "lb"),
    ]
    # The store's name shares only "whole" with Whole wheat flour: not a food, counted.
    assert findings.notes == ("1 line(s) not matched to a known food were left out",)


def test_a_photographed_receipt_is_still_read(recognizer, tesseract):
    image = pictures.photographed(pictures.receipt(TICKET))
    data = pictures.encode(image, "JPEG", quality=90)
    findings = recognizer.recognize([ImageInput(data, "image/jpeg")], "ingredients", ES).findings
    assert set(summary(findings)) >= set(EXPECTED[:4])


def test_the_same_food_on_two_lines_or_photos_is_one_ingredient(recognizer, tesseract):
    first = pictures.receipt(["2x Tomate 1.20", "Tomate saladet 1 pz 0.60"])
    second = pictures.receipt(["Jitomate 3 pz 1.80"])
    answer = recognizer.recognize(png(first) + png(second), "ingredients", ES)
    assert summary(answer.findings) == [("Jitomate", Decimal(6), "unidades")]
    assert answer.usage.images == 2


@pytest.mark.parametrize(
    ("kind", "digits", "fmt"),
    [
        ("ean13", "750105530007", "EAN13"),
        ("ean8", "9638507", "EAN8"),
        ("upca", "03600029145", "UPCA"),  # zxing says 0036000291452 (EAN-13)
    ],
)
def test_a_barcode_is_decoded_with_its_check_digit_and_never_guessed(recognizer, kind, digits, fmt):
    image, full = pictures.code(kind, digits)
    findings = recognizer.recognize(png(image), "ingredients", ES).findings
    assert [(b.text, b.format) for b in findings.barcodes] == [(full, fmt)]
    box = findings.barcodes[0].box
    assert box is not None and 0 <= box.x_min < box.x_max <= image.width
    assert findings.ingredients == ()  # what the code is, the service looks up
    assert NO_TEXT not in findings.notes


def test_a_photo_without_text_or_barcode_finds_nothing_and_says_why(recognizer, tesseract):
    findings = recognizer.recognize(png(pictures.photo_without_text()), "ingredients", ES).findings
    assert (findings.ingredients, findings.foods, findings.barcodes) == ((), (), ())
    assert findings.notes == (NO_TEXT,)


def test_without_tesseract_the_answer_says_ocr_is_unavailable(catalog, monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    recognizer = LocalVisionRecognizer(catalog)
    image, full = pictures.code("ean13", "750105530007")
    answer = recognizer.recognize(png(image), "ingredients", ES)
    assert answer.findings.ingredients == ()
    assert [b.text for b in answer.findings.barcodes] == [full]  # barcodes still read
    assert len(answer.findings.notes) == 1
    assert answer.findings.notes[0].startswith("OCR unavailable: tesseract not found")
    assert answer.usage.model == "zxing-cpp"


def test_the_tesseract_command_can_be_given_to_the_constructor(catalog, monkeypatch):
    # The constructor sets pytesseract's process-wide command; monkeypatch restores it after.
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "tesseract")
    recognizer = LocalVisionRecognizer(catalog, tesseract_cmd="/nonexistent/tesseract")
    findings = recognizer.recognize(png(pictures.receipt(TICKET)), "ingredients", ES).findings
    assert findings.ingredients == ()
    assert findings.notes[0].startswith("OCR unavailable: ")


def test_missing_language_data_makes_ocr_unavailable(catalog, monkeypatch, tesseract):
    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["osd"])
    findings = (
        LocalVisionRecognizer(catalog)
        .recognize(png(pictures.receipt(TICKET)), "ingredients", ES)
        .findings
    )
    assert findings.ingredients == ()
    assert findings.notes == (
        "OCR unavailable: no language data for spa+eng (install tesseract-ocr-spa/eng)",
    )


def test_dishes_are_not_recognised_locally_and_the_answer_says_so(recognizer):
    image, full = pictures.code("ean13", "750105530007")
    answer = recognizer.recognize(png(image), "foods", ES)
    assert answer.findings.foods == () and answer.findings.ingredients == ()
    assert [b.text for b in answer.findings.barcodes] == [full]
    assert answer.findings.notes == (NO_DISHES,)
    assert (answer.usage.model, answer.usage.operation) == ("zxing-cpp", "recognize_foods")


def test_a_batch_reads_ingredients_and_says_dishes_are_not_recognised(recognizer, tesseract):
    answer = recognizer.recognize(png(pictures.receipt(TICKET)), "batch", ES)
    assert summary(answer.findings) == EXPECTED
    assert NO_DISHES in answer.findings.notes
    assert answer.usage.operation == "recognize_batch"


def test_an_unreadable_image_is_a_note_not_an_error(recognizer):
    answer = recognizer.recognize([ImageInput(b"not an image", "image/png")], "ingredients", ES)
    assert answer.findings.notes == ("Image 1 could not be read",)
