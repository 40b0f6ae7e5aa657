"""Retail barcodes (EAN-13, EAN-8, UPC-A, UPC-E) read with zxing-cpp.

Only the retail formats: a QR code or a Code 128 shipping label is not a product, and asking
for fewer formats is faster. zxing-cpp checks the check digit itself (`valid`), and its text
includes that digit, as the printed code does. A UPC-A comes back from zxing-cpp 3 as a
13-digit EAN-13 with a leading 0 (any EAN-13 starting with 0 *is* a UPC-A, by GS1's
definition); it is reported as UPCA with the 12 digits printed under it, so the service can
look up either spelling. What a code *is* is never guessed here: the application service looks
it up in its barcode table.
"""

from __future__ import annotations

import logging

import zxingcpp
from PIL import Image

from zerowaste.domain.recognition.items import Box, DecodedBarcode

log = logging.getLogger(__name__)

RETAIL_FORMATS = zxingcpp.BarcodeFormats(
    [
        zxingcpp.BarcodeFormat.EAN13,
        zxingcpp.BarcodeFormat.EAN8,
        zxingcpp.BarcodeFormat.UPCA,
        zxingcpp.BarcodeFormat.UPCE,
    ]
)


def read_barcodes(image: Image.Image) -> tuple[DecodedBarcode, ...]:
    """Every valid retail code in the image, each once, in reading order."""
    try:
        hits = zxingcpp.read_barcodes(image, formats=RETAIL_FORMATS)
    except (ValueError, RuntimeError) as exc:  # an image mode zxing cannot take
        log.warning("barcode reading failed: %s", exc)
        return ()
    found: dict[str, DecodedBarcode] = {}
    for hit in hits:
        if not (hit.valid and hit.text):
            continue
        text, name = _printed(hit.text, hit.format.name)
        found.setdefault(text, DecodedBarcode(text=text, format=name, box=_box(hit.position)))
    return tuple(found.values())


def _printed(text: str, name: str) -> tuple[str, str]:
    """The code as printed and its format: UPC-A read as a 0-led EAN-13 becomes 12 digits."""
    if name in ("EAN13", "UPCA") and len(text) == 13 and text.startswith("0"):
        return text[1:], "UPCA"
    return text, name


def _box(position: zxingcpp.Position) -> Box:
    corners = (
        position.top_left,
        position.top_right,
        position.bottom_right,
        position.bottom_left,
    )
    xs = [point.x for point in corners]
    ys = [point.y for point in corners]
    return Box(max(0, min(xs)), max(0, min(ys)), max(xs), max(ys))
