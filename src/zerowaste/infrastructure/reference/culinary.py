"""The culinary reference files, read once per process on first use: the seasonal calendar of
Mexico (seasonal_produce_mx, linked to the ingredient master by `seasonal_mx_id`), FoodKeeper's
cooking methods and tips (foodkeeper/cooking.json, linked by `foodkeeper_id`) and the techniques
written for the project (techniques/techniques.json). The master is read by the data pack's own
parser (datapack.parse_ingredients), the one the importer uses."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from zerowaste.domain.market.seasons import SeasonalFood
from zerowaste.domain.market.techniques import (
    FOODKEEPER_METHODS,
    POUND_KG,
    Technique,
    celsius,
    kilograms,
    minutes,
)
from zerowaste.infrastructure.reference.datapack import parse_ingredients

SEASONAL_FILE = "seasonal_produce_mx/seasonal_mx.json"
COOKING_FILE = "foodkeeper/cooking.json"
TECHNIQUES_FILE = "techniques/techniques.json"
TENTH = Decimal("0.1")
METHOD_ES = {
    "oven": "al horno",
    "grill": "a la parrilla",
    "braise": "guisado (braseado)",
    "simmer": "cocido a fuego lento",
    "pan_fry": "en sartén",
    "boil": "hervido",
    "slow_cooker": "en olla de cocción lenta",
}


@dataclass(frozen=True)
class _Tables:
    foods: list[SeasonalFood]
    techniques: list[Technique]
    names: dict[str, tuple[str, str]]
    by_ingredient: dict[str, SeasonalFood]  # every master id linking to a calendar entry


class CulinaryFiles:
    def __init__(self, data_dir: Path) -> None:
        self._dir = Path(data_dir)
        self._tables: _Tables | None = None
        self._lock = threading.Lock()

    def seasonal_foods(self) -> list[SeasonalFood]:
        return list(self._read().foods)

    def seasonal_by_ingredient(self) -> dict[str, SeasonalFood]:
        return dict(self._read().by_ingredient)

    def techniques(self) -> list[Technique]:
        return list(self._read().techniques)

    def ingredient_names(self) -> dict[str, tuple[str, str]]:
        return dict(self._read().names)

    def _read(self) -> _Tables:
        if self._tables is None:
            with self._lock:
                if self._tables is None:
                    master = parse_ingredients(self._dir)
                    foods = _foods(_load(self._dir / SEASONAL_FILE), master)
                    by_id = {f.id: f for f in foods}
                    self._tables = _Tables(
                        foods,
                        [
                            *_own(_load(self._dir / TECHNIQUES_FILE)),
                            *_foodkeeper(_load(self._dir / COOKING_FILE), master),
                        ],
                        {m["id"]: (m["name_es"], m["name_en"]) for m in master},
                        {
                            m["id"]: by_id[m["seasonal_mx_id"]]
                            for m in master
                            if m.get("seasonal_mx_id") in by_id
                        },
                    )
        return self._tables


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _foods(doc: dict[str, Any], master: list[dict[str, Any]]) -> list[SeasonalFood]:
    linked: dict[str, str] = {}  # the first master entry naming it (jitomate: tomato, not cherry)
    for m in master:
        if m.get("seasonal_mx_id"):
            linked.setdefault(m["seasonal_mx_id"], m["id"])
    return [
        SeasonalFood(
            id=item["id"],
            name_es=item["name_es"],
            name_en=item["name_en"],
            type=item["type"],
            months=frozenset(int(m) for m in item.get("months") or []),
            year_round=bool(item.get("year_round")),
            note=item.get("note"),
            ingredient_id=linked.get(item["id"]),
        )
        for item in doc["items"]
    ]


def _own(doc: dict[str, Any]) -> list[Technique]:
    return [
        Technique(
            id=entry["id"],
            source="zerowaste",
            method=entry["method"],
            name_es=entry["name_es"],
            name_en=entry["name_en"],
            difficulty=entry["difficulty"],
            ingredient_ids=tuple(entry["ingredients"]),
            steps_es=tuple(entry["steps_es"]),
            steps_en=tuple(entry["steps_en"]),
            tips_es=entry.get("tips_es"),
            tips_en=entry.get("tips_en"),
        )
        for entry in doc["techniques"]
    ]


def _foodkeeper(doc: dict[str, Any], master: list[dict[str, Any]]) -> list[Technique]:
    """One technique per FoodKeeper cooking method of a product the master links to, with the
    product's safe temperature and tip (a tip without a method names no technique: left out)."""
    by_product: dict[int, list[dict[str, Any]]] = {}
    for m in master:
        if m.get("foodkeeper_id") is not None:
            by_product.setdefault(int(m["foodkeeper_id"]), []).append(m)
    tips = {int(t["Product_ID"]): t for t in doc["cooking_tips"]}
    found = []
    for method in doc["cooking_methods"]:
        product = int(method["Product_ID"])
        key = FOODKEEPER_METHODS.get(method["Cooking_Method"])
        for ingredient in by_product.get(product, []) if key else []:
            found.append(_method_entry(method, key or "", ingredient, tips.get(product) or {}))
    return found


def _method_entry(
    method: dict[str, Any], key: str, ingredient: dict[str, Any], tip: dict[str, Any]
) -> Technique:
    per_pound = (method.get("Timing_per") or "").casefold() == "pound"
    weight = method.get("Size_metric") == "pounds"
    safe, rest = tip.get("Safe_Minimum_Temperature"), tip.get("Rest_Time")
    return Technique(
        id=f"foodkeeper-{method['ID']}-{ingredient['id']}",
        source="foodkeeper",
        method=key,
        name_es=f"{ingredient['name_es']} {METHOD_ES[key]}",
        name_en=f"{ingredient['name_en']}: {method['Cooking_Method'].lower()}",
        difficulty=None,
        ingredient_ids=(ingredient["id"],),
        tips_en=tip.get("Tips"),
        temperature_c=celsius(t) if (t := method.get("Cooking_Temperature")) else None,
        safe_min_temperature_c=celsius(safe) if safe else None,
        rest_minutes=int(rest) if rest else None,
        minutes_from=_time(method.get("Timing_from"), method.get("Timing_metric"), per_pound),
        minutes_to=_time(method.get("Timing_to"), method.get("Timing_metric"), per_pound),
        minutes_per="kg" if per_pound else None,
        weight_kg_from=kilograms(w) if weight and (w := method.get("Measure_from")) else None,
        weight_kg_to=kilograms(w) if weight and (w := method.get("Measure_to")) else None,
    )


def _time(amount: Any, metric: str | None, per_pound: bool) -> Decimal | None:
    """Minutes, per kg when the source gives them per pound (/ 0.4536), to 0.1 minute."""
    if amount is None:
        return None
    value = minutes(float(amount), metric)
    return (value / POUND_KG if per_pound else value).quantize(TENTH, ROUND_HALF_UP)
