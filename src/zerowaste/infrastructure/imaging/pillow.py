"""The ImageProcessor port on Pillow.

Every input is hostile. Only the JPEG, PNG, GIF and WEBP decoders may look at the bytes; the
header's size is checked against a pixel cap before any pixel is decoded (decompression bombs,
huge dimensions); PNG checksums are verified and the first frame is fully decoded (truncated
files fail: LOAD_TRUNCATED_IMAGES stays off). JPEGs are decoded at a reduced DCT scale when the
largest output is small enough (`Image.draft`: a 12 MP photo decodes at 1/2 to 1/8 size), then
each output is downscaled from the previous, larger one with `reduce` and Lanczos. Pictures are
turned upright from their EXIF orientation; CMYK (through its ICC profile when it has one),
palette, 16-bit and grey-alpha modes are converted to RGB(A) or L; alpha is kept for PNG, WebP
and AVIF and flattened on white for JPEG. Outputs carry no EXIF, XMP or comments; an sRGB-like
ICC profile is kept so colours stay right. Animated images give their first frame.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PIL import Image, ImageCms, ImageOps, features

from zerowaste.domain.imaging.rules import (
    MAX_SOURCE_PIXELS,
    ImageFacts,
    Rendition,
    RenditionSpec,
    fitted,
)
from zerowaste.domain.shared.errors import InvalidInput

log = logging.getLogger(__name__)

DECODERS = ("JPEG", "PNG", "GIF", "WEBP")
_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
_SAVE_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}
AVIF_SPEED = 8  # libavif 0 (slowest, smallest) - 10; 8 keeps a 2048 px encode well under 1 s


class PillowImageProcessor:
    def __init__(self, *, max_pixels: int = MAX_SOURCE_PIXELS) -> None:
        self._max_pixels = max_pixels

    def supports(self, fmt: str) -> bool:
        feature = {"webp": "webp", "avif": "avif", "jpeg": "jpg", "png": "zlib"}.get(fmt)
        return feature is not None and bool(features.check(feature))

    def inspect(self, data: bytes) -> ImageFacts:
        with _hostile(), Image.open(io.BytesIO(data), formats=DECODERS) as image:
            self._check_size(image.size)
            return ImageFacts(
                format=str(image.format).lower(),
                width=image.width,
                height=image.height,
                mode=image.mode,
                frames=int(getattr(image, "n_frames", 1)),
                has_exif=bool(image.getexif()),
                has_alpha=_has_alpha(image),
            )

    def render(self, data: bytes, specs: Sequence[RenditionSpec]) -> list[Rendition]:
        if not specs:
            return []
        with _hostile():
            base = self._decode(data, max(spec.max_side for spec in specs))
        try:
            return _renditions(base, specs)
        finally:
            base.close()

    def _decode(self, data: bytes, largest: int) -> Image.Image:
        with Image.open(io.BytesIO(data), formats=DECODERS) as probe:
            self._check_size(probe.size)
            probe.verify()  # PNG chunk checksums; the load below catches truncation
        with Image.open(io.BytesIO(data), formats=DECODERS) as image:
            self._check_size(image.size)
            if image.format == "JPEG":  # DCT scaling: decode at 1/2..1/8 when still >= the output
                image.draft(image.mode, fitted(image.width, image.height, largest))
            image.load()
            upright = ImageOps.exif_transpose(image)
        clean = _plain_mode(upright)
        if clean is not upright:
            upright.close()
        return clean

    def _check_size(self, size: tuple[int, int]) -> None:
        width, height = size
        if width < 1 or height < 1:
            raise InvalidInput("The file is not a valid image", code="invalid_image")
        if width * height > self._max_pixels:
            raise InvalidInput(
                f"The image has too many pixels (at most {self._max_pixels // 1_000_000} MP)",
                code="image_too_large",
            )


@contextmanager
def _hostile() -> Iterator[None]:
    """Any failure inside a decoder is the file's fault: a 400, never a 500."""
    try:
        yield
    except InvalidInput:
        raise
    except Image.DecompressionBombError as exc:
        raise InvalidInput("The image has too many pixels", code="image_too_large") from exc
    except Exception as exc:  # hostile bytes can fail anywhere inside a decoder
        log.info("image rejected: %s: %s", exc.__class__.__name__, exc)
        raise InvalidInput("The file is not a valid image", code="invalid_image") from exc


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in _ALPHA_MODES or (image.mode == "P" and "transparency" in image.info)


def _plain_mode(image: Image.Image) -> Image.Image:
    """RGB, RGBA or L, with only an RGB/grey ICC profile left in `info`."""
    icc = image.info.get("icc_profile")
    if image.mode == "CMYK":
        converted = _cmyk_to_rgb(image, icc)
        icc = None
    elif image.mode in ("RGB", "L"):
        converted = image
    elif _has_alpha(image):
        converted = image.convert("RGBA")
    elif image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        converted = image.convert("I").point(lambda v: v / 256).convert("L")
    else:  # P without transparency, 1, YCbCr, LAB, HSV
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


def _renditions(base: Image.Image, specs: Sequence[RenditionSpec]) -> list[Rendition]:
    """Largest first, each from the previous one (cheaper than from the source every time)."""
    order = sorted(range(len(specs)), key=lambda i: -specs[i].max_side)
    out: dict[int, Rendition] = {}
    current = base
    for index in order:
        spec = specs[index]
        size = fitted(current.width, current.height, spec.max_side)
        if size != current.size:
            smaller = current.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            smaller.info = dict(base.info)
            if current is not base:
                current.close()
            current = smaller
        out[index] = Rendition(spec, _encode(current, spec), current.width, current.height)
    if current is not base:
        current.close()
    return [out[i] for i in range(len(specs))]


def _encode(image: Image.Image, spec: RenditionSpec) -> bytes:
    ready = image
    if spec.format == "jpeg" and image.mode == "RGBA":
        ready = Image.new("RGB", image.size, (255, 255, 255))
        ready.paste(image, mask=image.getchannel("A"))
    buffer = io.BytesIO()
    ready.save(buffer, format=_SAVE_NAMES[spec.format], **_options(spec, image.info))
    return buffer.getvalue()


def _options(spec: RenditionSpec, info: dict[Any, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {"exif": b""}
    if spec.format == "jpeg":
        options |= {"quality": spec.quality, "optimize": True, "progressive": True}
    elif spec.format == "webp":
        options |= {"quality": spec.quality, "method": 4}
    elif spec.format == "avif":
        options |= {"quality": spec.quality, "speed": AVIF_SPEED}
    else:
        options = {"optimize": True}
    if info.get("icc_profile"):
        options["icc_profile"] = info["icc_profile"]
    return options
