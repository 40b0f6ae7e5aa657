"""Image formats the API writes or serves: file extensions and content types, in one place for
the stored uploads (domain.images) and the renditions (domain.imaging)."""

from __future__ import annotations

# Format (as Pillow names it, lower case) -> the file extension it is stored under.
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif"}
# File extension -> content type: every extension a stored image may have (GIF originals too).
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "avif": "image/avif",
}


def extension_of(fmt: str) -> str:
    """The file extension of a format (a format without its own spelling is its extension)."""
    return EXTENSIONS.get(fmt, fmt)


def content_type_of_format(fmt: str) -> str:
    return CONTENT_TYPES[extension_of(fmt)]
