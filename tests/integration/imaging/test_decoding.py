"""Uploads (PillowImageSanitizer) and renditions (PillowImageProcessor) decode through one path:
every hostile-input check and every mode rule holds on both, each output decoded back."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from tests.images import ORIENTATION, picture, png_with_declared_size
from zerowaste.domain.imaging.rules import RenditionSpec
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.infrastructure.images import PillowImageSanitizer
from zerowaste.infrastructure.imaging.pillow import PillowImageProcessor

pytestmark = pytest.mark.integration

Decoder = Callable[[bytes], Image.Image]


def upload(max_pixels: int = 40_000_000) -> Decoder:
    sanitizer = PillowImageSanitizer(max_pixels=max_pixels)
    return lambda data: opened(sanitizer.sanitize(data).data)


def rendition(max_pixels: int = 40_000_000) -> Decoder:
    processor = PillowImageProcessor(max_pixels=max_pixels)
    spec = RenditionSpec("out.png", 2048, "png", 100)  # lossless: pixels are compared exactly
    return lambda data: opened(processor.render(data, [spec])[0].data)


PATHS = pytest.mark.parametrize("path", [upload, rendition], ids=["upload", "rendition"])


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def encoded(image: Image.Image, fmt: str, **save: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save)
    return buffer.getvalue()


def refused(decoder: Decoder, data: bytes) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        decoder(data)
    return caught.value


@PATHS
def test_a_16_bit_grey_png_keeps_its_grey_level(path):
    source = encoded(Image.new("I;16", (30, 20), 40000), "PNG")  # 40000 / 65535: a mid grey

    image = path()(source)

    assert image.mode == "L"
    assert image.getpixel((10, 10)) == 156  # not clipped to white


@PATHS
def test_a_bilevel_png_becomes_grey(path):
    bilevel = Image.new("1", (30, 20), 0)
    bilevel.paste(1, (15, 0, 30, 20))

    image = path()(encoded(bilevel, "PNG"))

    assert image.mode == "L"
    assert (image.getpixel((5, 10)), image.getpixel((25, 10))) == (0, 255)


@PATHS
def test_a_cmyk_jpeg_becomes_rgb_without_its_cmyk_profile(path):
    source = encoded(Image.new("CMYK", (60, 40), (0, 255, 255, 0)), "JPEG")  # pure red ink

    image = path()(source)

    assert image.mode == "RGB" and "icc_profile" not in image.info
    red, green, blue = image.convert("RGB").getpixel((30, 20))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60


@PATHS
def test_the_exif_orientation_is_applied(path):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored sideways: displayed rotated 90 degrees clockwise

    image = path()(picture("JPEG", (40, 20), exif=exif.tobytes()))

    assert image.size == (20, 40)
    assert not image.getexif()


@PATHS
@pytest.mark.parametrize("side", [30_000, 7_000], ids=["pillow-bomb-limit", "over-our-cap"])
def test_decompression_bombs_are_too_large_and_name_the_cap(path, side):
    error = refused(path(), png_with_declared_size(side, side))

    assert error.code == "image_too_large"
    assert "40 megapixels" in str(error)


@PATHS
def test_a_lower_cap_is_the_one_enforced_and_named(path):
    error = refused(path(max_pixels=2_000_000), picture("PNG", (2000, 1001)))

    assert error.code == "image_too_large"
    assert "2 megapixels" in str(error)


@PATHS
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_files_are_invalid(path, fmt):
    whole = picture(fmt, (300, 200), **({"quality": 95} if fmt != "PNG" else {}))

    assert refused(path(), whole[: len(whole) * 2 // 3]).code == "invalid_image"


@PATHS
def test_a_png_with_a_bad_checksum_is_invalid(path):
    data = bytearray(picture("PNG", (50, 50)))
    data[40] ^= 0xFF  # inside the IDAT chunk: its CRC no longer matches

    assert refused(path(), bytes(data)).code == "invalid_image"


@PATHS
@pytest.mark.parametrize(
    "data",
    [b"", b"BM" + picture("BMP")[2:], b"%PDF-1.7\n" + b"x" * 100],
    ids=["zero-byte", "bmp", "pdf"],
)
def test_files_no_allowed_decoder_reads_are_invalid(path, data):
    assert refused(path(), data).code == "invalid_image"
