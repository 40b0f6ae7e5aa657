"""Sr28Nutrition: USDA SR28 nutrients, portion weights and the substitutions, from the data pack.

Read on first use, once per process and data directory (module-level tables shared by every
app a test or worker builds; about 0.3 s for 8,790 foods and 15,438 portions), straight from
`usda_sr28_nutrition/*.csv`: the ref_* tables hold neither. An empty nutrient cell stays None
("not analysed", see SOURCE.md). Household measures are read with the recipes' SR28 reader
(domain.recipes.portions); no density is assumed for any food (`liquid` is never set).
"""

from __future__ import annotations

import csv
import json
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from zerowaste.application.nutrition.ports import PortionWeight
from zerowaste.domain.nutrition.matching import Sr28Names
from zerowaste.domain.nutrition.nutrients import NUTRIENTS, Food
from zerowaste.domain.nutrition.swaps import Substitution
from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.portions import name_words, read_portion
from zerowaste.infrastructure.reference import datapack

FOODS_FILE = "usda_sr28_nutrition/foods_per_100g.csv"
PORTIONS_FILE = "usda_sr28_nutrition/portion_weights.csv"
SUBSTITUTIONS_FILE = "ingredient_substitutions/substitutions.json"
SOURCE = "USDA SR28 (public domain)"


@dataclass
class _Tables:
    foods: dict[str, Food]
    portions: dict[str, list[dict[str, str]]]
    links: dict[str, str]
    names: Sr28Names
    substitutions: list[Substitution]
    measures: dict[str, FoodMeasures] = field(default_factory=dict)


_LOCK = threading.Lock()
_LOADED: dict[Path, _Tables] = {}


class Sr28Nutrition:
    """Implements zerowaste.application.nutrition.ports.NutritionData."""

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = Path(data_dir).resolve()

    def warm(self) -> None:
        """Read the tables now rather than on the first request that needs them."""
        self._tables  # noqa: B018

    @property
    def _tables(self) -> _Tables:
        tables = _LOADED.get(self._data_dir)
        if tables is None:
            with _LOCK:
                tables = _LOADED.get(self._data_dir)
                if tables is None:
                    tables = _LOADED[self._data_dir] = _load(self._data_dir)
        return tables

    def food(self, ndb_no: str) -> Food | None:
        return self._tables.foods.get(ndb_no)

    def measures(self, ndb_no: str) -> FoodMeasures:
        tables = self._tables
        found = tables.measures.get(ndb_no)
        if found is None:
            found = tables.measures[ndb_no] = _measures(tables, ndb_no)
        return found

    def portions(self, ndb_no: str) -> list[PortionWeight]:
        return [
            PortionWeight(Decimal(r["amount"]), r["unit_desc"], Decimal(r["gram_weight"]))
            for r in self._tables.portions.get(ndb_no, [])
        ]

    def linked(self, ingredient_id: str) -> str | None:
        return self._tables.links.get(ingredient_id)

    @property
    def names(self) -> Sr28Names:
        return self._tables.names

    def substitutions(self) -> list[Substitution]:
        return list(self._tables.substitutions)


def _load(data_dir: Path) -> _Tables:
    foods = _foods(data_dir / FOODS_FILE)
    links = {
        row["id"]: row["usda_ndb_no"]
        for row in datapack.parse_ingredients(data_dir)
        if row["usda_ndb_no"] in foods
    }
    return _Tables(
        foods=foods,
        portions=_portions(data_dir / PORTIONS_FILE),
        links=links,
        names=Sr28Names((f.ndb_no, f.name) for f in foods.values()),
        substitutions=_substitutions(data_dir / SUBSTITUTIONS_FILE),
    )


def _number(raw: str | None) -> float | None:
    try:
        return float(raw) if raw and raw.strip() else None
    except ValueError:
        return None


def _foods(path: Path) -> dict[str, Food]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            rec["ndb_no"]: Food(
                ndb_no=rec["ndb_no"],
                name=rec["name"],
                food_group=rec["food_group"],
                refuse_pct=_number(rec["refuse_pct"]) or 0.0,
                per_100g={key: _number(rec[key]) for key in NUTRIENTS},
                common_name=rec["com_name"] or "",
            )
            for rec in csv.DictReader(fh)
        }


def _portions(path: Path) -> dict[str, list[dict[str, str]]]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            try:
                Decimal(rec["amount"]), Decimal(rec["gram_weight"])
            except InvalidOperation:
                continue
            rows[rec["ndb_no"]].append(rec)
    for found in rows.values():
        found.sort(key=lambda r: int(r["seq"]))
    return dict(rows)


def _measures(tables: _Tables, ndb_no: str) -> FoodMeasures:
    food = tables.foods.get(ndb_no)
    if food is None:
        return FoodMeasures(ndb_no)
    words = name_words(food.name)
    portions = []
    for rec in tables.portions.get(ndb_no, []):
        portion = read_portion(rec["amount"], rec["unit_desc"], rec["gram_weight"], words)
        if portion is not None:
            portions.append(portion)
    return FoodMeasures(ndb_no, tuple(portions), source=f"{SOURCE} {ndb_no}: {food.name}")


def _substitutions(path: Path) -> list[Substitution]:
    with path.open(encoding="utf-8") as fh:
        rows = json.load(fh)
    return [
        Substitution(
            id=int(row["id"]),
            ingredient_en=row["ingredient_en"],
            ingredient_es=row["ingredient_es"],
            substitute_en=row["substitute_en"],
            substitute_es=row["substitute_es"],
            ratio=row.get("ratio") or "",
            contexts=tuple(row.get("contexts") or ()),
            diet_tags=tuple(row.get("diet_tags") or ()),
            removes_allergens=tuple(row.get("removes_allergens") or ()),
            substitute_contains_allergens=tuple(row.get("substitute_contains_allergens") or ()),
            note=row.get("note"),
        )
        for row in rows
    ]
