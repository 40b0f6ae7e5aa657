"""Decoding untrusted image bytes with Pillow: the one path every upload (PillowImageSanitizer)
and every rendition (PillowImageProcessor) takes.

Every input is hostile. Only the JPEG, PNG, GIF and WEBP decoders may look at the bytes; the
header's size is checked against a pixel cap before any pixel is decoded (decompression bombs,
huge dimensions), and again on the file that is decoded; PNG checksums are verified and the first
frame is fully decoded (truncated files fail: LOAD_TRUNCATED_IMAGES stays off). JPEGs are
decoded at a reduced DCT scale when the largest output is small enough (`Image.draft`: a 12 MP
photo decodes at 1/2 to 1/8 size). The picture is turned upright from its EXIF orientation and
left in a plain mode: CMYK (through its ICC profile when it has one), palette, 16-bit, bilevel
and grey-alpha modes become RGB(A) or L. Only an RGB/grey ICC profile is left in `info` (no
EXIF, XMP or comments). Any failure inside a decoder is the file's fault: InvalidInput
`invalid_image` or `image_too_large`, a 400 and never a 500.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageCms, ImageOps

from zerowaste.domain.imaging.rules import fitted
from zerowaste.domain.shared.errors import InvalidInput

log = logging.getLogger(__name__)

DECODERS = ("JPEG", "PNG", "GIF", "WEBP")
ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
_WIDE_MODES = ("I;16", "I;16B", "I;16L", "I", "F")


def decode(data: bytes, *, max_pixels: int, largest: int) -> tuple[Image.Image, str]:
    """The upright, fully decoded first frame in RGB, RGBA or L, and the format read from the
    bytes (jpeg | png | gif | webp). `largest` is the longest side any output will have."""
    with hostile(max_pixels):
        with Image.open(io.BytesIO(data), formats=DECODERS) as probe:
            check_size(probe.size, max_pixels)
            probe.verify()  # PNG chunk checksums; the load below catches truncation
        with Image.open(io.BytesIO(data), formats=DECODERS) as image:
            source = str(image.format).lower()
            check_size(image.size, max_pixels)
            if source == "jpeg":  # DCT scaling: decode at 1/2..1/8 when still >= the output
                image.draft(image.mode, fitted(image.width, image.height, largest))
            image.load()
            upright = ImageOps.exif_transpose(image)
        clean = plain_mode(upright)
        if clean is not upright:
            upright.close()
        return clean, source


@contextmanager
def hostile(max_pixels: int) -> Iterator[None]:
    """Any failure inside a decoder is the file's fault: a 400, never a 500."""
    try:
        yield
    except InvalidInput:
        raise
    except Image.DecompressionBombError as exc:
        raise too_large(max_pixels) from exc
    except Exception as exc:  # hostile bytes can fail anywhere inside a decoder
        log.info("image rejected: %s: %s", exc.__class__.__name__, exc)
        raise InvalidInput("The file is not a valid image", code="invalid_image") from exc


def check_size(size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise InvalidInput("The file is not a valid image", code="invalid_image")
    if width * height > max_pixels:
        raise too_large(max_pixels)


def too_large(max_pixels: int) -> InvalidInput:
    return InvalidInput(
        f"The image has too many pixels (at most {max_pixels // 1_000_000} megapixels)",
        code="image_too_large",
    )


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ALPHA_MODES or (image.mode == "P" and "transparency" in image.info)


def plain_mode(image: Image.Image) -> Image.Image:
    """RGB, RGBA or L, with only an RGB/grey ICC profile left in `info`."""
    icc = image.info.get("icc_profile")
    if image.mode == "CMYK":
        converted = _cmyk_to_rgb(image, icc)
        icc = None
    elif image.mode in ("RGB", "L"):
        converted = image
    elif has_alpha(image):
        converted = image.convert("RGBA")
    elif image.mode in _WIDE_MODES:
        converted = image.convert("I").point(lambda v: v / 256).convert("L")
    elif image.mode == "1":
        converted = image.convert("L")
    else:  # P without transparency, YCbCr, LAB, HSV
        converted = image.convert("RGB")
    converted.info = {"icc_profile": icc} if icc else {}
    return converted


def _cmyk_to_rgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError) as exc:
            log.info("CMYK profile unusable, converting without it: %s", exc)
    return image.convert("RGB")
