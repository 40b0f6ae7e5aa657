"""PROFECO QQP shelf prices -> ref_prices rows: median MXN per kg / L / piece / bunch per
ingredient of the master, with the sample behind each median and its citation.

Steps, each with its reason:
- Rows repeated under two survey catalogs (Basicos or Frutas y Legumbres, and Pacic: same
  product, store, day and price) count once, as the data's SOURCE.md advises.
- Non-food categories are skipped; products map to the master through `price_map`.
- Each presentation is read into its content (`domain.prices.parse_presentation`); a price
  whose content cannot be read ("Bolsa. Cambray") is skipped, never guessed.
- A store is its chain plus coordinates (store names and addresses are spelled differently from
  one month to the next); the median is over stores (`domain.prices.summarize`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from zerowaste.domain.prices import (
    Observation,
    PackSize,
    Price,
    PriceBasis,
    parse_presentation,
    summarize,
)
from zerowaste.domain.prices import unit_price as per_unit
from zerowaste.domain.shared.text import strip_accents
from zerowaste.infrastructure.reference.index import add_ingredient_names, ingredient_names
from zerowaste.infrastructure.reference.matcher import PhraseMatcher
from zerowaste.infrastructure.reference.price_map import (
    NON_FOOD_CATEGORIES,
    NOT_MAPPED,
    Rule,
    rules_by_product,
)
from zerowaste.infrastructure.reference.text import Normalizer, vocabulary

Row = dict[str, Any]

PRICES_FILE = "market_prices_mx/qqp_prices.csv"
SOURCE_URL = "https://datos.profeco.gob.mx/datos_abiertos/qqp.php"
CONSULTED = "2026-09-12"  # when the source repository's download links were checked
_IGNORED_FOR_DUPLICATES = "catalog"


def citation(first: date, last: date) -> str:
    """The attribution PROFECO's open-data terms ask for: data set, agency, URL, consultation
    date, here with the dates of the prices behind the figure."""
    return (
        "Fuente: PROFECO, Quién es Quién en los Precios (datos abiertos), precios del "
        f"{first.isoformat()} al {last.isoformat()}. {SOURCE_URL} (consultado {CONSULTED})."
    )


@dataclass(frozen=True)
class Mapped:
    ingredient_id: str
    how: str  # "rule" or "name"


class ProductMapper:
    """PROFECO product + presentation + brand -> ingredient of the master (see price_map)."""

    def __init__(self, ingredients: list[Row]) -> None:
        self._rules: dict[str, list[Rule]] = rules_by_product()
        self._ids = {row["id"] for row in ingredients}
        unknown = {r.ingredient_id for rules in self._rules.values() for r in rules} - self._ids
        unknown.discard(None)
        if unknown:
            raise ValueError(f"price rules name unknown ingredients: {sorted(map(str, unknown))}")
        self._names: PhraseMatcher[str] = PhraseMatcher(
            Normalizer(vocabulary(ingredient_names(ingredients)))
        )
        add_ingredient_names(self._names, ingredients)
        self._cache: dict[tuple[str, str], Mapped | None] = {}

    def map(self, product: str, presentation: str, brand: str = "") -> Mapped | None:
        key = (product, f"{presentation} {brand}")
        if key not in self._cache:
            self._cache[key] = self._map(*key)
        return self._cache[key]

    def _map(self, product: str, text: str) -> Mapped | None:
        folded = strip_accents(product).strip()
        rules = self._rules.get(folded)
        if rules is not None:
            haystack = strip_accents(text)
            rule = next((r for r in rules if r.applies(haystack)), None)
            if rule is None or rule.ingredient_id is None:
                return None
            return Mapped(rule.ingredient_id, "rule")
        if folded in NOT_MAPPED:
            return None
        hit = self._names.exact(product)
        return Mapped(hit.target, "name") if hit else None


def to_price(row: Row) -> Price:
    """A ref_prices row (from the table or the files) as the domain's Price."""
    return Price(
        ingredient_id=row["ingredient_id"],
        basis=row["basis"],
        median_mxn=float(row["median_mxn"]),
        observations=int(row["observations"]),
        stores=int(row["stores"]),
        first_date=row["first_date"],
        last_date=row["last_date"],
        citation=row["citation"],
    )


def _read(path: Path) -> list[dict[str, str]]:
    """The CSV's rows, each once when it differs only in its survey catalog."""
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    seen: set[tuple[tuple[str, str], ...]] = set()
    unique = []
    for record in records:
        key = tuple(sorted((k, v) for k, v in record.items() if k != _IGNORED_FOR_DUPLICATES))
        if key not in seen:
            seen.add(key)
            unique.append(record)
    return unique


def _observation(record: dict[str, str], pack: PackSize) -> Observation | None:
    try:
        price = Decimal(record["price_mxn"])
        day = date.fromisoformat(record["date"])
    except (InvalidOperation, ValueError):
        return None
    if not price.is_finite() or price <= 0:
        return None
    store = f"{record['chain']}@{record['lat']},{record['lon']}"
    return Observation(store=store, day=day, unit_price_mxn=per_unit(price, pack))


def price_rows(data_dir: Path, ingredients: list[Row]) -> list[Row]:
    """One row per (ingredient, basis) with a price, sorted by ingredient then basis."""
    mapper = ProductMapper(ingredients)
    grouped: dict[tuple[str, PriceBasis], list[Observation]] = defaultdict(list)
    products: dict[tuple[str, PriceBasis], set[str]] = defaultdict(set)
    for record in _read(data_dir / PRICES_FILE):
        if strip_accents(record["category"]) in NON_FOOD_CATEGORIES:
            continue
        mapped = mapper.map(record["product"], record["presentation"], record["brand"])
        pack = parse_presentation(record["presentation"]) if mapped else None
        seen = _observation(record, pack) if mapped and pack else None
        if mapped is None or pack is None or seen is None:
            continue
        grouped[(mapped.ingredient_id, pack.basis)].append(seen)
        products[(mapped.ingredient_id, pack.basis)].add(record["product"])
    rows = []
    for (ingredient_id, basis), observations in sorted(grouped.items()):
        summary = summarize(observations, basis)
        if summary is None:  # pragma: no cover - groups are never empty
            continue
        rows.append(
            {
                "ingredient_id": ingredient_id,
                "basis": basis,
                "median_mxn": float(summary.median_mxn),
                "observations": summary.observations,
                "stores": summary.stores,
                "first_date": summary.first_date,
                "last_date": summary.last_date,
                "products": sorted(products[(ingredient_id, basis)]),
                "citation": citation(summary.first_date, summary.last_date),
            }
        )
    return rows
