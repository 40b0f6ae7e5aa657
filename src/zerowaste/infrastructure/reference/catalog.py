"""DataPackCatalog: the ReferenceCatalog port over the imported data pack, held in memory.

Loaded once per process on first use (thread-safe) from the ref_* tables, or straight from the
data-pack files (`from_data_dir`, used by unit tests and as the fallback when the tables are
empty). Name matches are cached in an LRU, so repeated names cost one dict lookup.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.pool import NullPool

from zerowaste.domain.prices import Price, PriceBasis
from zerowaste.domain.reference import Footprint, IngredientMatch, ShelfLife, UnitStorageHint
from zerowaste.domain.shared.storage import StoragePlace
from zerowaste.infrastructure.db.base import Base
from zerowaste.infrastructure.db.reference import RefIngredientRow  # noqa: F401  (tables)
from zerowaste.infrastructure.reference import datapack, prices
from zerowaste.infrastructure.reference.index import ReferenceIndex, Row

log = logging.getLogger("zerowaste.reference")

MAX_NAME_LENGTH = 200  # longer input is cut before matching: no food name is that long
CACHE_SIZE = 4096
LIQUID_IDS = frozenset(  # poured, not counted: ml by default, 1 g/ml when SR28 has no volume
    {
        "milk",
        "evaporated_milk",
        "cream",
        "vegetable_oil",
        "olive_oil",
        "sunflower_oil",
        "vinegar",
        "soy_sauce",
        "worcestershire",
        "hot_sauce",
        "broth_chicken",
        "honey",
        "vanilla",
    }
)
_COUNTED_CATEGORIES = frozenset({"fruit", "vegetable", "egg"})
_COLD_CATEGORIES = frozenset({"meat", "fish", "shellfish", "dairy", "egg"})


class DataPackCatalog:
    """Implements zerowaste.application.ports.reference.ReferenceCatalog and
    zerowaste.application.ports.prices.PriceCatalog (a name's prices are those of its master
    match, the same match its footprint uses)."""

    def __init__(self, loader: Callable[[], dict[str, list[Row]]]) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._index: ReferenceIndex | None = None
        self._match = lru_cache(maxsize=CACHE_SIZE)(self._match_uncached)
        self._foodkeeper_id = lru_cache(maxsize=CACHE_SIZE)(self._foodkeeper_id_uncached)
        self._footprint_product = lru_cache(maxsize=CACHE_SIZE)(self._footprint_uncached)

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> DataPackCatalog:
        """Read the data-pack files directly (no database)."""
        path = Path(data_dir)
        return cls(lambda: datapack.read_all(path))

    @classmethod
    def from_engine(cls, engine: Engine, data_dir: Path | None = None) -> DataPackCatalog:
        """Read the ref_* tables; when they are empty, warn and read `data_dir` instead.

        The tables are read once per process on a connection of their own, never one from the
        request pool: the first lookup may happen inside a write transaction (an add needs shelf
        lives), and with the pool exhausted by requests queued behind that transaction's lock
        it would wait for itself (seen on SQLite: 20 concurrent first adds, 30 s, "locked")."""

        def load() -> dict[str, list[Row]]:
            own = create_engine(engine.url, poolclass=NullPool)
            try:
                tables = read_tables(own)
            finally:
                own.dispose()
            if all(tables.values()):
                return tables
            empty = sorted(name for name, rows in tables.items() if not rows)
            if data_dir is None:
                raise RuntimeError(f"reference tables are empty: {', '.join(empty)}")
            log.warning(
                "reference tables %s are empty (run `zerowaste data-import`); reading %s",
                ", ".join(empty),
                data_dir,
            )
            return datapack.read_all(Path(data_dir))

        return cls(load)

    @property
    def index(self) -> ReferenceIndex:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    self._index = ReferenceIndex(self._loader())
                index = self._index
        return index

    def preload(self) -> None:
        """Build the indexes now (e.g. at worker start) instead of on the first request."""
        _ = self.index

    # -- matching --------------------------------------------------------------------------

    def match(self, name: str) -> IngredientMatch | None:
        if not isinstance(name, str):
            return None
        return self._match(name.strip()[:MAX_NAME_LENGTH])

    def _match_uncached(self, name: str) -> IngredientMatch | None:
        hit = self.index.names.lookup(name)
        if hit is None:
            return None
        row = self.index.ingredients[hit.target]
        return IngredientMatch(
            ingredient_id=row["id"],
            name_es=row["name_es"],
            name_en=row["name_en"],
            category=row["category"],
            score=hit.score,
            matched_on=hit.kind,  # type: ignore[arg-type]
            allergens=tuple(row["allergens"]),
            may_contain=tuple(row["may_contain"]),
        )

    # -- shelf life ------------------------------------------------------------------------

    def _foodkeeper_id_uncached(self, name: str) -> int | None:
        hit = self.index.foodkeeper.lookup(name)
        return hit.target if hit else None

    def _shelf_row(self, name: str) -> Row | None:
        found = self.match(name)
        if found:
            return self._shelf_for(found)
        foodkeeper_id = self._foodkeeper_id(name.strip()[:MAX_NAME_LENGTH])
        return None if foodkeeper_id is None else self.index.shelf[foodkeeper_id]

    def _shelf_for(self, found: IngredientMatch) -> Row | None:
        """The master's FoodKeeper product, else FoodKeeper's closest name to its English name."""
        foodkeeper_id = self.index.ingredients[found.ingredient_id]["foodkeeper_id"]
        if foodkeeper_id not in self.index.shelf:
            foodkeeper_id = self._foodkeeper_id(found.name_en)
        return None if foodkeeper_id is None else self.index.shelf[foodkeeper_id]

    def shelf_life(self, name: str) -> ShelfLife | None:
        row = self._shelf_row(name)
        if row is None:
            return None
        days = {place: _range(row, place) for place in ("pantry", "fridge", "freezer")}
        if not any(days.values()):
            return None
        return ShelfLife(
            pantry_days=days["pantry"], fridge_days=days["fridge"], freezer_days=days["freezer"]
        )

    def storage_tips(self, name: str, place: StoragePlace) -> str | None:
        row = self._shelf_row(name)
        if row is None:
            return None
        tip = (row["tips"] or {}).get(StoragePlace(place).value)
        return str(tip) if tip else None

    # -- allergens -------------------------------------------------------------------------

    def allergens_for(self, name: str) -> list[str]:
        """Exact master match: its curated allergens. A name that is itself a known phrase: that
        phrase's codes. Otherwise the fuzzy match's allergens plus allergen words found as whole
        words in the name (longest phrase first)."""
        found = self.match(name)
        if found and found.exact:
            return sorted(found.allergens)
        text = name[:MAX_NAME_LENGTH]
        known = self.index.allergen_scanner.labels_of(text)  # "queso", "nuez moscada"
        if known is not None:
            return sorted(known)
        codes = set(found.allergens) if found else set()
        return sorted(codes | self.index.allergen_scanner.scan(text))

    def allergen_codes_for_terms(self, terms: list[str]) -> set[str]:
        codes: set[str] = set()
        scanner = self.index.term_scanner
        for term in terms:
            if not isinstance(term, str) or not term.strip():
                continue
            text = term.strip()[:MAX_NAME_LENGTH]
            exact = scanner.labels_of(text)
            found = exact if exact is not None else scanner.scan(text)
            if not found:
                found = self._fuzzy_term(text)
            codes |= found
        return codes

    def _fuzzy_term(self, text: str) -> set[str]:
        """Typos ("lacteoss", "mariscoz"): the closest allergen term at 85+ similarity."""
        key = self.index.normalizer.key(text)
        if len(key) < 4:
            return set()
        phrases = self.index.term_phrases
        best = process.extractOne(key, list(phrases), scorer=fuzz.ratio, score_cutoff=85)
        return set(phrases[best[0]]) if best else set()

    # -- footprint and hints ---------------------------------------------------------------

    def footprint(self, name: str) -> Footprint | None:
        found = self.match(name)
        product = None
        if found:
            product = self.index.ingredients[found.ingredient_id]["footprint_product"]
        if product is None and not found:
            product = self._footprint_product(name.strip()[:MAX_NAME_LENGTH])
        row = self.index.footprints.get(product) if product else None
        if row is None:
            return None
        return Footprint(
            product=row["product"],
            product_es=row["product_es"],
            category=row["category"],
            ghg_kg_co2e_per_kg=float(row["ghg_kg_co2e_per_kg"]),
            land_use_m2_per_kg=float(row["land_use_m2_per_kg"]),
            freshwater_l_per_kg=float(row["freshwater_l_per_kg"]),
            scarcity_weighted_water_l_per_kg=_optional_float(
                row["scarcity_weighted_water_l_per_kg"]
            ),
            attribution=datapack.FOOTPRINT_ATTRIBUTION,
        )

    def _footprint_uncached(self, name: str) -> str | None:
        hit = self.index.footprint_names.lookup(name)
        return hit.target if hit else None

    # -- prices ----------------------------------------------------------------------------

    def prices_for(self, name: str) -> list[Price]:
        found = self.match(name)
        rows = self.index.prices.get(found.ingredient_id, []) if found else []
        return [prices.to_price(row) for row in rows]

    def price_for(self, name: str, basis: PriceBasis | None = None) -> Price | None:
        found = self.prices_for(name)
        return next((p for p in found if basis is None or p.basis == basis), None)

    def default_unit_and_storage(self, name: str) -> UnitStorageHint | None:
        found = self.match(name)
        if found is None:
            return None
        if found.ingredient_id in LIQUID_IDS or found.category == "beverage":
            unit = "ml"
        else:
            unit = "unit" if found.category in _COUNTED_CATEGORIES else "g"
        return UnitStorageHint(unit=unit, storage=self._default_place(found))

    def _default_place(self, found: IngredientMatch) -> StoragePlace:
        row = self._shelf_for(found)
        if row is not None:
            if row["pantry_min"] is not None or row["pantry_note"] in ("When Ripe", "Indefinitely"):
                return StoragePlace.PANTRY
            if row["fridge_min"] is not None or row["fridge_note"]:
                return StoragePlace.FRIDGE
            if row["freezer_min"] is not None:
                return StoragePlace.FREEZER
        cold = found.category in _COLD_CATEGORIES
        return StoragePlace.FRIDGE if cold else StoragePlace.PANTRY


def _range(row: Row, place: str) -> tuple[int, int] | None:
    low, high = row[f"{place}_min"], row[f"{place}_max"]
    if low is None or high is None:
        return None
    low, high = int(low), int(high)
    return (min(low, high), max(low, high))


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def read_tables(engine: Engine) -> dict[str, list[Row]]:
    """Every ref_* table as plain dicts keyed by column name (same shape as datapack rows)."""
    tables: dict[str, list[Row]] = {}
    with engine.connect() as conn:
        for dataset in datapack.DATASETS:
            table = Base.metadata.tables[dataset.table]
            result = conn.execute(select(table))
            tables[dataset.table] = [dict(row._mapping) for row in result]
    return tables
