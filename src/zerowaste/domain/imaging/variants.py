"""Variants of a stored image: thumbnails and WebP/AVIF copies written beside it.

A variant of `uploads/<uid>/<type>/<id>.jpg` lives at `uploads/<uid>/<type>/<id>/<name>`, so it
is read under the same signature as its source, deleted with the owner's folder, and its name
says what it is: `thumb_256.webp`, `thumb_512.avif`, `full.webp`. Keys never change (the source
key is a random id), so variants are served as immutable.
"""

from __future__ import annotations

import re

from zerowaste.domain.imaging.rules import DEFAULT_QUALITY, RenditionSpec
from zerowaste.domain.shared.image_formats import EXTENSIONS

THUMB_SIZES = (256, 512, 1024)
FULL_SIDE = 2048  # the stored uploads' own cap: `full.*` is the source re-encoded
VARIANT_FORMATS = ("webp", "avif")
_NAME = re.compile(r"^(?:thumb_(?P<size>[0-9]{2,4})|full)\.(?P<ext>webp|avif)$")
_SOURCE_EXT = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def variant_specs(formats: tuple[str, ...] = VARIANT_FORMATS) -> list[RenditionSpec]:
    """Every variant stored for an image, largest first, in the given formats."""
    specs = [
        RenditionSpec(f"full.{EXTENSIONS[fmt]}", FULL_SIDE, fmt, DEFAULT_QUALITY[fmt])
        for fmt in formats
    ]
    for size in sorted(THUMB_SIZES, reverse=True):
        specs += [
            RenditionSpec(f"thumb_{size}.{EXTENSIONS[fmt]}", size, fmt, DEFAULT_QUALITY[fmt])
            for fmt in formats
        ]
    return specs


def is_variant_name(name: str) -> bool:
    """A name a variant can have (`thumb_<one of THUMB_SIZES>.<webp|avif>`, `full.<...>`)."""
    match = _NAME.fullmatch(name)
    if match is None:
        return False
    size = match["size"]
    return size is None or int(size) in THUMB_SIZES


def variant_folder(key: str) -> str:
    """Where the variants of `key` live (its key without the extension, then `/`)."""
    return _SOURCE_EXT.sub("", key) + "/"


def variant_key(key: str, name: str) -> str:
    return variant_folder(key) + name


def content_type_of_variant(name: str) -> str:
    return "image/avif" if name.endswith(".avif") else "image/webp"
