"""Read the data pack files (ZW_DATA_DIR) into table rows: one parser per dataset.

The importer writes these rows to the ref_* tables; `DataPackCatalog.from_data_dir` builds the
catalog straight from them, so both paths see exactly the same values.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zerowaste.infrastructure.reference import prices

Row = dict[str, Any]

FOOTPRINT_ATTRIBUTION = (
    "Source: Poore & Nemecek (2018), Science; processed by Our World in Data (CC BY 4.0)."
)
INDEFINITE_DAYS = 3650  # FoodKeeper "Indefinitely": the domain's ten-year ceiling
_METRIC_NOTES = {"When Ripe", "Not Recommended", "Package use-by date", "Indefinitely"}
_PLACE_KEYS = {
    "pantry": ("pantry_from_purchase", "pantry"),
    "fridge": ("refrigerator_from_purchase", "refrigerator"),
    "freezer": ("freezer_from_purchase", "freezer"),
}
_TIP_KEYS = {
    "pantry": ("pantry_from_purchase", "pantry", "pantry_after_opening"),
    "fridge": ("refrigerator_from_purchase", "refrigerator", "refrigerator_after_opening"),
    "freezer": ("freezer_from_purchase", "freezer"),
}
_NOTE_TEXT = {
    "When Ripe": "Keep at room temperature until ripe.",
    "Not Recommended": "Not recommended.",
    "Package use-by date": "Use by the date on the package.",
    "Indefinitely": "Keeps indefinitely.",
}
INGREDIENTS_FILE = "ingredients_allergens/ingredients.json"  # the ingredient master
_UNTIL_RIPE = re.compile(r"until ripe, then (\d+)\s*(?:-\s*(\d+))?\s*days?", re.IGNORECASE)


class DataPackMissing(FileNotFoundError):
    """A data-pack file is missing; the message names it and ZW_DATA_DIR."""


@dataclass(frozen=True)
class Dataset:
    """One dataset: its table, source files (relative to the data dir) and parser.

    `version` is hashed with the files: bump it when the parser changes so the next import
    replaces rows written by the old parser.
    """

    name: str
    table: str
    files: tuple[str, ...]
    parse: Callable[[Path], list[Row]]
    version: int = 1

    def paths(self, data_dir: Path) -> list[Path]:
        return [data_dir / name for name in self.files]

    def checksum(self, data_dir: Path) -> str:
        digest = hashlib.sha256(f"{self.name}:v{self.version}".encode())
        for path in self.paths(data_dir):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()


def check_files(data_dir: Path) -> None:
    """Raise DataPackMissing naming the first absent file."""
    for dataset in DATASETS:
        for path in dataset.paths(data_dir):
            if not path.is_file():
                raise DataPackMissing(
                    f"Data pack file {path} is missing (dataset {dataset.name!r}); set ZW_DATA_DIR "
                    f"to the data pack folder (now {data_dir})"
                )


def read_all(data_dir: Path) -> dict[str, list[Row]]:
    """Every dataset's rows keyed by table name (files checked first)."""
    check_files(data_dir)
    return {dataset.table: dataset.parse(data_dir) for dataset in DATASETS}


def _load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def parse_ingredients(data_dir: Path) -> list[Row]:
    items = _load_json(data_dir / INGREDIENTS_FILE)
    return [
        {
            "id": item["id"],
            "name_en": item["name_en"],
            "name_es": item["name_es"],
            "synonyms_es": list(item.get("synonyms_es") or []),
            "category": item["category"],
            "allergens": list(item.get("allergens_eu14") or []),
            "may_contain": list(item.get("may_contain_eu14") or []),
            "foodkeeper_id": item.get("foodkeeper_id"),
            "footprint_product": item.get("footprint_product") or None,
            "usda_ndb_no": item.get("usda_sr28_ndb_no") or None,
            "seasonal_mx_id": item.get("seasonal_mx_id") or None,
        }
        for item in items
    ]


def parse_allergens(data_dir: Path) -> list[Row]:
    doc = _load_json(data_dir / "ingredients_allergens/allergens_eu14.json")
    rows = []
    for entry in doc["allergens"]:
        off = entry.get("off_synonyms") or {}
        synonyms = {lang: list(off.get(lang) or []) for lang in ("en", "es", "pt")}
        synonyms["extra_es_mx"] = list(entry.get("project_extra_es_mx") or [])
        rows.append(
            {
                "code": entry["code"],
                "name_en": entry["name_en"],
                "name_es": entry["name_es"],
                "synonyms": synonyms,
            }
        )
    return rows


def _float(raw: str) -> float | None:
    return float(raw) if raw.strip() else None


def parse_footprints(data_dir: Path) -> list[Row]:
    path = data_dir / "food_footprint_poore_nemecek/footprint_per_kg.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    return [
        {
            "product": rec["product"],
            "product_es": rec["product_es"],
            "category": rec["category"],
            "ghg_kg_co2e_per_kg": float(rec["ghg_kg_co2e_per_kg"]),
            "land_use_m2_per_kg": float(rec["land_use_m2_per_kg"]),
            "freshwater_l_per_kg": float(rec["freshwater_l_per_kg"]),
            "eutrophying_g_po4e_per_kg": _float(rec["eutrophying_g_po4e_per_kg"]),
            "scarcity_weighted_water_l_per_kg": _float(rec["scarcity_weighted_water_l_per_kg"]),
            "examples_en": rec["examples_en"],
            "examples_es": rec["examples_es"],
        }
        for rec in records
    ]


def _days(entry: dict[str, Any]) -> tuple[int, int] | None:
    """Whole days from a FoodKeeper entry (hours round down to 0 = same day)."""
    if entry.get("metric") == "Indefinitely":
        return INDEFINITE_DAYS, INDEFINITE_DAYS
    figures = [entry.get("min_days"), entry.get("max_days")]
    known = [float(f) for f in figures if f is not None]
    if not known:
        return None
    low, high = (known[0], known[0]) if len(known) == 1 else (known[0], known[1])
    return math.floor(low), math.floor(high)


def _place(storage: dict[str, Any], place: str) -> tuple[tuple[int, int] | None, str | None]:
    """The figure for a place and its text note; "from purchase" wins over the general entry
    when FSIS gives both (as in shelf_life_days.csv)."""
    entry = next((storage[key] for key in _PLACE_KEYS[place] if key in storage), None)
    if entry is None:
        return None, None
    metric = entry.get("metric")
    note = metric if metric in _METRIC_NOTES else None
    days = _days(entry)
    if days is None and note == "When Ripe":
        # FSIS gives "Until Ripe, then N days" in the tips of a few produce items (tomatoes).
        found = _UNTIL_RIPE.search(entry.get("tips") or "")
        if found:
            days = int(found.group(1)), int(found.group(2) or found.group(1))
    return days, note


def _tips(storage: dict[str, Any], place: str, note: str | None) -> str | None:
    texts: list[str] = []
    for key in _TIP_KEYS[place]:
        tip = (storage.get(key) or {}).get("tips")
        if tip and tip.strip() not in texts:
            texts.append(tip.strip())
    if not texts and note:
        texts.append(_NOTE_TEXT[note])
    return " ".join(texts) or None


def _shelf_row(product: dict[str, Any]) -> Row:
    storage = product.get("storage") or {}
    row: Row = {
        "id": int(product["id"]),
        "name": product["name"],
        "subtitle": product.get("subtitle") or None,
        "category": product.get("category") or "",
        "keywords": list(product.get("keywords") or []),
        "tips": {},
    }
    for place in ("pantry", "fridge", "freezer"):
        days, note = _place(storage, place)
        row[f"{place}_min"], row[f"{place}_max"] = days if days else (None, None)
        row[f"{place}_note"] = note
        tip = _tips(storage, place, note)
        if tip:
            row["tips"][place] = tip
    opened = _days(storage.get("refrigerator_after_opening") or {})
    row["fridge_after_opening_min"], row["fridge_after_opening_max"] = opened or (None, None)
    return row


def parse_shelf_life(data_dir: Path) -> list[Row]:
    return [_shelf_row(p) for p in _load_json(data_dir / "foodkeeper/products.json")]


def parse_prices(data_dir: Path) -> list[Row]:
    """PROFECO medians per ingredient of the master (the mapping reads the master, which is why
    the dataset's checksum covers ingredients.json too)."""
    return prices.price_rows(data_dir, parse_ingredients(data_dir))


DATASETS: tuple[Dataset, ...] = (
    Dataset("foodkeeper", "ref_shelf_life", ("foodkeeper/products.json",), parse_shelf_life),
    Dataset(
        "ingredients",
        "ref_ingredients",
        (INGREDIENTS_FILE,),
        parse_ingredients,
    ),
    Dataset(
        "allergens",
        "ref_allergens",
        ("ingredients_allergens/allergens_eu14.json",),
        parse_allergens,
    ),
    Dataset(
        "footprints",
        "ref_footprints",
        ("food_footprint_poore_nemecek/footprint_per_kg.csv",),
        parse_footprints,
    ),
    Dataset(
        "prices",
        "ref_prices",
        (prices.PRICES_FILE, INGREDIENTS_FILE),
        parse_prices,
    ),
)
