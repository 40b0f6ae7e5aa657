"""Generated pictures of ingredients, foods and recipes: one per normalised name, shared by
every user (pure rules: the name key and where the file lives)."""

from __future__ import annotations

import hashlib
import re

from zerowaste.domain.shared.text import folded

KINDS = {"ingredient": "ingredients", "food": "foods", "recipe": "recipes"}
STATUSES = ("generating", "ready", "failed")


def name_key(name: str) -> str:
    """Case-, accent- and space-insensitive: "Plátano " and "platano" share one picture."""
    return folded(name)[:200]


def storage_key(kind: str, key: str, extension: str) -> str:
    """`ingredients/<slug>-<hash>.<ext>`: ASCII, no client text beyond a slug of the name."""
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")[:60] or "item"
    digest = hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:10]
    return f"{KINDS[kind]}/{slug}-{digest}.{extension}"
