"""The data pack's recipe catalog (data/recipes/recipes.json): each recipe's id, language and
ingredient lines, as the importer and `zerowaste recipe-lines` read them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

RECIPES_FILE = "recipes/recipes.json"


@dataclass(frozen=True)
class CatalogRecipe:
    recipe_id: str
    lang: str  # "es" or "en"
    ingredients: tuple[str, ...]


def read_catalog(data_dir: Path) -> list[CatalogRecipe]:
    with (Path(data_dir) / RECIPES_FILE).open(encoding="utf-8") as fh:
        records = json.load(fh)
    return [
        CatalogRecipe(str(r["id"]), str(r.get("lang") or "en"), tuple(r.get("ingredients") or ()))
        for r in records
    ]
