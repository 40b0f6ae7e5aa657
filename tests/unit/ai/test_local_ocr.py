"""Tesseract's word table -> lines, and zxing's UPC-A spelling: the parts that need no binary."""

from __future__ import annotations

import pytest
from PIL import Image

from zerowaste.domain.recognition.items import Box
from zerowaste.infrastructure.ai.local.barcodes import _printed
from zerowaste.infrastructure.ai.local.ocr import _lines, prepare

pytestmark = pytest.mark.unit


def table(*words: tuple[int, str, float, tuple[int, int, int, int]]) -> dict[str, list]:
    """image_to_data's DICT: one row per word (line number, text, confidence, box)."""
    data: dict[str, list] = {
        k: []
        for k in (
            "block_num",
            "par_num",
            "line_num",
            "text",
            "conf",
            "left",
            "top",
            "width",
            "height",
        )
    }
    data["text"].append("")  # the page/block rows tesseract adds carry no text and conf -1
    for key, value in zip(("block_num", "par_num", "line_num", "conf"), (0, 0, 0, -1), strict=True):
        data[key].append(value)
    for key in ("left", "top", "width", "height"):
        data[key].append(0)
    for line, text, conf, (left, top, width, height) in words:
        for key, value in zip(
            ("block_num", "par_num", "line_num", "text", "conf", "left", "top", "width", "height"),
            (1, 1, line, text, conf, left, top, width, height),
            strict=True,
        ):
            data[key].append(value)
    return data


def test_words_become_lines_with_mean_confidence_and_a_box_in_upload_pixels():
    data = table(
        (1, "2x", 90, (10, 10, 30, 20)),
        (1, "Tomate", 80, (50, 12, 100, 20)),
        (2, "TOTAL", 96, (10, 50, 80, 20)),
    )
    lines = _lines(data, scale=2.0)
    assert [(line.text, line.confidence) for line in lines] == [
        ("2x Tomate", 0.85),
        ("TOTAL", 0.96),
    ]
    assert lines[0].box == Box(5, 5, 75, 16)  # (10..150, 10..32) halved


def test_a_line_of_low_confidence_texture_is_dropped_whole():
    data = table(
        (1, "ee", 20, (0, 0, 10, 10)),
        (1, "pon", 64, (20, 0, 10, 10)),
        (2, "Leche", 91, (0, 30, 40, 10)),
        (2, "1L", 40, (50, 30, 20, 10)),  # a weak word inside a good line stays
    )
    assert [line.text for line in _lines(data, scale=1.0)] == ["Leche 1L"]


@pytest.mark.parametrize(
    ("size", "expected"),
    [((400, 300), (1000, 750)), ((1500, 800), (1500, 800)), ((4000, 3000), (2000, 1500))],
)
def test_photos_are_grayscale_and_scaled_into_tesseracts_range(size, expected):
    prepared, scale = prepare(Image.new("RGB", size, (200, 100, 50)))
    assert prepared.mode == "L" and prepared.size == expected
    assert scale == pytest.approx(expected[0] / size[0])


@pytest.mark.parametrize(
    ("text", "fmt", "printed"),
    [
        ("0036000291452", "EAN13", ("036000291452", "UPCA")),
        ("0036000291452", "UPCA", ("036000291452", "UPCA")),
        ("7501055300075", "EAN13", ("7501055300075", "EAN13")),
        ("96385074", "EAN8", ("96385074", "EAN8")),
    ],
)
def test_a_upc_a_is_reported_with_the_12_digits_printed_under_it(text, fmt, printed):
    assert _printed(text, fmt) == printed
