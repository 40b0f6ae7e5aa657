"""Sr28Measures: household measures of every ingredient-master entry, from USDA SR28.

The master links 206 of its 207 entries to an SR28 food (`usda_sr28_ndb_no`, checked by the
data pack); the one without (oat drink) has no SR28 food at all, so no name matching is needed
or attempted: it converts as a liquid. Read once per process, on first use, straight from the
data pack (`portion_weights.csv`, `foods_per_100g.csv` for names; about 16,000 rows, ~0.1 s):
the ref_* tables do not hold portions.

Stand-ins the master chose, whose SR28 measures would mislead:
- squash blossoms are linked to summer squash: a "medium" squash (196 g) is no blossom, so
  their counts are dropped (cups of sliced blossoms still convert);
- ground coffee and tea leaves are linked to the brewed drinks: every measure is dropped.
"""

from __future__ import annotations

import csv
import threading
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.portions import Portion, mark_named, name_words, read_portion
from zerowaste.infrastructure.reference import datapack
from zerowaste.infrastructure.reference.catalog import LIQUID_IDS

PORTIONS_FILE = "usda_sr28_nutrition/portion_weights.csv"
FOODS_FILE = "usda_sr28_nutrition/foods_per_100g.csv"
NO_COUNTS = frozenset({"squash_blossom"})
NO_MEASURES = frozenset({"coffee", "tea"})
SOURCE = "USDA SR28 (public domain)"


class Sr28Measures:
    """Implements zerowaste.application.ports.recipe_lines.FoodMeasuresSource."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._table: dict[str, FoodMeasures] | None = None

    def measures(self, ingredient_id: str) -> FoodMeasures | None:
        return self.table.get(ingredient_id)

    @property
    def table(self) -> dict[str, FoodMeasures]:
        table = self._table
        if table is None:
            with self._lock:
                if self._table is None:
                    self._table = build_measures(self._data_dir)
                table = self._table
        return table


def build_measures(data_dir: Path) -> dict[str, FoodMeasures]:
    """Every master entry's FoodMeasures (entries without SR28 portions get an empty one)."""
    ingredients = datapack.parse_ingredients(data_dir)
    linked = {row["usda_ndb_no"] for row in ingredients if row["usda_ndb_no"]}
    names = _food_names(data_dir / FOODS_FILE, linked)
    rows = _portion_rows(data_dir / PORTIONS_FILE, linked)
    return {row["id"]: _measures(row, names, rows) for row in ingredients}


def _measures(
    row: datapack.Row, names: dict[str, str], rows: dict[str, list[dict[str, str]]]
) -> FoodMeasures:
    ingredient_id, ndb_no = row["id"], row["usda_ndb_no"]
    liquid = ingredient_id in LIQUID_IDS or row["category"] == "beverage"
    if not ndb_no or ingredient_id in NO_MEASURES:
        return FoodMeasures(ingredient_id, liquid=liquid and ingredient_id not in NO_MEASURES)
    sr28_name = names.get(ndb_no, "")
    own, theirs = name_words(row["name_en"]), name_words(sr28_name)
    words, specific = own | theirs, own - theirs
    portions = _read(rows.get(ndb_no, []), words, specific)
    if ingredient_id in NO_COUNTS:
        portions = [p for p in portions if p.unit != "unit"]
    return FoodMeasures(
        ingredient_id,
        tuple(portions),
        liquid=liquid,
        source=f"{SOURCE} {ndb_no}: {sr28_name}",
    )


def _read(rows: Iterable[dict[str, str]], words: set[str], specific: set[str]) -> list[Portion]:
    portions = []
    for rec in rows:
        portion = read_portion(rec["amount"], rec["unit_desc"], rec["gram_weight"], words)
        if portion is not None:
            portions.append(mark_named(portion, specific))
    return portions


def _food_names(path: Path, wanted: set[str]) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["ndb_no"]: r["name"] for r in csv.DictReader(fh) if r["ndb_no"] in wanted}


def _portion_rows(path: Path, wanted: set[str]) -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["ndb_no"] in wanted:
                rows[rec["ndb_no"]].append(rec)
    for found in rows.values():
        found.sort(key=lambda r: int(r["seq"]))
    return rows
