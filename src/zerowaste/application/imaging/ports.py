"""The image processor port: decode untrusted bytes once, answer renditions of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from zerowaste.domain.imaging.rules import ImageFacts, Rendition, RenditionSpec


class ImageProcessor(Protocol):
    """Treats every input as hostile: only JPEG, PNG, GIF and WEBP decoders may read it; the
    declared size is checked before any pixel is decoded. Raises InvalidInput `invalid_image`
    (corrupt, truncated, wrong magic) or `image_too_large` (too many pixels)."""

    def inspect(self, data: bytes) -> ImageFacts:
        """The header's facts (format, size, mode, frames, EXIF present), no pixel decoded."""
        ...

    def render(self, data: bytes, specs: Sequence[RenditionSpec]) -> list[Rendition]:
        """Decode the first frame once, upright and without metadata; one encoded rendition per
        spec, in the order given (never enlarged)."""
        ...

    def supports(self, fmt: str) -> bool:
        """Whether this build can write `fmt` (AVIF needs Pillow built with libavif)."""
        ...
