"""Reference images (contract row 10): pictures of ingredients and foods that admins upload and
label, shared by the whole deployment (owned by no household)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_LABEL = 200
MAX_CATEGORY = 40
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")  # files a sync indexes


@dataclass(frozen=True)
class ReferenceImage:
    id: str
    label: str  # what the picture shows, e.g. "tomate"
    category: str  # a free grouping the admin picks, e.g. "verduras" ("" when none)
    image_type: str  # ingredient | food | default
    image_key: str
    content_type: str
    width: int
    height: int
    size: int
    created_by: str | None  # the admin's uid (None once that account is gone)
    created_at: datetime
    updated_at: datetime
    url: str = ""  # a fresh signed URL, filled in by the service when read


@dataclass(frozen=True)
class FoundReference:
    """What a stored file's key says about a picture placed in the bucket by hand."""

    image_type: str
    category: str
    label: str


def reference_from_key(
    key: str, prefix: str, image_types: tuple[str, ...]
) -> FoundReference | None:
    """`<prefix>[<image type>/][<category>/]<label>.<jpg|jpeg|png|webp|gif>`, or None.

    The label is the file name without its extension, `_` and `-` read as spaces
    (`reference/ingredient/verduras/chile_poblano.jpg`: an ingredient, category "verduras",
    label "chile poblano"); a first folder that is no image type leaves the type "default"."""
    if not key.startswith(prefix):
        return None
    *folders, name = key[len(prefix) :].split("/")
    stem, dot, extension = name.rpartition(".")
    if not dot or extension.lower() not in IMAGE_EXTENSIONS:
        return None
    image_type = "default"
    if folders and folders[0] in image_types:
        image_type = folders.pop(0)
    label = " ".join(stem.replace("_", " ").replace("-", " ").split())[:MAX_LABEL]
    category = folders[-1].lower()[:MAX_CATEGORY] if folders else ""
    return FoundReference(image_type, category, label) if label else None
