"""The ImageProcessor port on Pillow.

Sources are decoded by infrastructure.image_decoding (hostile input: allowed decoders only, pixel
caps before any pixel, verified checksums, truncation refused, EXIF orientation applied, plain
modes), the same path as uploads. Each output is downscaled from the previous, larger one with
`reduce` and Lanczos; alpha is kept for PNG, WebP and AVIF and flattened on white for JPEG.
Outputs carry no EXIF, XMP or comments; an sRGB-like ICC profile is kept so colours stay right.
Animated images give their first frame.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from PIL import Image, features

from zerowaste.domain.imaging.rules import (
    MAX_SOURCE_PIXELS,
    ImageFacts,
    Rendition,
    RenditionSpec,
    fitted,
)
from zerowaste.infrastructure.image_decoding import (
    DECODERS,
    check_size,
    decode,
    has_alpha,
    hostile,
)

_SAVE_NAMES = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}
AVIF_SPEED = 8  # libavif 0 (slowest, smallest) - 10; 8 keeps a 2048 px encode well under 1 s


class PillowImageProcessor:
    def __init__(self, *, max_pixels: int = MAX_SOURCE_PIXELS) -> None:
        self._max_pixels = max_pixels

    def supports(self, fmt: str) -> bool:
        feature = {"webp": "webp", "avif": "avif", "jpeg": "jpg", "png": "zlib"}.get(fmt)
        return feature is not None and bool(features.check(feature))

    def inspect(self, data: bytes) -> ImageFacts:
        with hostile(self._max_pixels), Image.open(io.BytesIO(data), formats=DECODERS) as image:
            check_size(image.size, self._max_pixels)
            return ImageFacts(
                format=str(image.format).lower(),
                width=image.width,
                height=image.height,
                mode=image.mode,
                frames=int(getattr(image, "n_frames", 1)),
                has_exif=bool(image.getexif()),
                has_alpha=has_alpha(image),
            )

    def render(self, data: bytes, specs: Sequence[RenditionSpec]) -> list[Rendition]:
        if not specs:
            return []
        largest = max(spec.max_side for spec in specs)
        base, _ = decode(data, max_pixels=self._max_pixels, largest=largest)
        try:
            return _renditions(base, specs)
        finally:
            base.close()


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
