"""What the image service accepts and produces: formats, limits, quality, renditions.

A rendition is one encoded output of one decoded source: fit inside `max_side` (never
enlarged), turned upright from EXIF, written without metadata in `format` at `quality`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.image_formats import EXTENSIONS, content_type_of_format

OUTPUT_FORMATS = ("webp", "avif", "jpeg", "png")
_ALIASES = {"jpg": "jpeg", "image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp"}
# Encoder quality 1-100 (PNG is lossless: ignored). AVIF reaches WebP's look at a lower figure.
DEFAULT_QUALITY = {"webp": 80, "avif": 60, "jpeg": 82, "png": 100}
MIN_QUALITY, MAX_QUALITY = 1, 100

MIN_SIDE = 16
MAX_SIDE = 4096  # outputs: a 4K screen's long side; the stored uploads are at most 2048
DEFAULT_MAX_SIDE = 2048
MAX_SIZES = 6  # sizes in one resize request
MAX_BATCH = 20  # uploads in one batch-optimize job
MAX_SOURCE_BYTES = 10 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # 40 MP: any phone photo, far below a decompression bomb


@dataclass(frozen=True)
class RenditionSpec:
    """One output: `name` (unique in a request), longest side, format, quality."""

    name: str
    max_side: int
    format: str
    quality: int

    @property
    def content_type(self) -> str:
        return content_type_of_format(self.format)

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


@dataclass(frozen=True)
class Rendition:
    spec: RenditionSpec
    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class ImageFacts:
    """What a source image is, read from its header (no pixel decoded)."""

    format: str  # jpeg | png | gif | webp
    width: int
    height: int
    mode: str  # Pillow's mode: RGB, RGBA, P, L, CMYK ...
    frames: int
    has_exif: bool
    has_alpha: bool

    @property
    def animated(self) -> bool:
        return self.frames > 1


def output_format(value: str | None, source: str | None = None) -> str:
    """The output format named by the client (jpg/jpeg, webp...), else the source's own format
    when it can be written (GIF becomes PNG)."""
    text = (value or "").strip().lower()
    text = _ALIASES.get(text, text)
    if not text:
        return source if source in OUTPUT_FORMATS else "png"
    if text not in OUTPUT_FORMATS:
        raise InvalidInput(
            "Unknown output format",
            code="invalid_format",
            details={"allowed": list(OUTPUT_FORMATS)},
        )
    return text


def quality_for(fmt: str, quality: int | None) -> int:
    """The client's quality, else the format's default; outside 1-100 is refused."""
    if quality is None:
        return DEFAULT_QUALITY[fmt]
    if not MIN_QUALITY <= quality <= MAX_QUALITY:
        raise InvalidInput(
            f"quality must be between {MIN_QUALITY} and {MAX_QUALITY}", code="invalid_quality"
        )
    return quality


def check_side(side: int) -> int:
    if not MIN_SIDE <= side <= MAX_SIDE:
        raise InvalidInput(
            f"Sizes must be between {MIN_SIDE} and {MAX_SIDE} pixels", code="invalid_size"
        )
    return side


def resize_specs(sizes: Sequence[int], fmt: str, quality: int | None) -> list[RenditionSpec]:
    """One rendition per distinct size (largest first), at most MAX_SIZES."""
    distinct = sorted({check_side(size) for size in sizes}, reverse=True)
    if not distinct:
        raise InvalidInput("At least one size is required", code="invalid_size")
    if len(distinct) > MAX_SIZES:
        raise InvalidInput(f"At most {MAX_SIZES} sizes at once", code="too_many_sizes")
    level = quality_for(fmt, quality)
    return [RenditionSpec(f"w{size}.{EXTENSIONS[fmt]}", size, fmt, level) for size in distinct]


def fitted(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The size of (width, height) inside a max_side box, never enlarged, at least 1 px."""
    longest = max(width, height)
    if longest <= max_side:
        return width, height
    scale = max_side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))
