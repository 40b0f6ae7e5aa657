"""Reference images (contract row 10): pictures of ingredients and foods that admins upload and
label, shared by the whole deployment (owned by no household)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_LABEL = 200
MAX_CATEGORY = 40


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
