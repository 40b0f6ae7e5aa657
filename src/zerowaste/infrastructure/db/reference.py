"""Reference tables filled from the data pack by `zerowaste data-import` (read-only at runtime).

No foreign keys between them: each dataset is replaced on its own when its files change, and
the cross-links (foodkeeper_id, footprint_product) are resolved in memory by the catalog.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Double, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class RefIngredientRow(Base):
    """Ingredient master (ingredients_allergens/ingredients.json)."""

    __tablename__ = "ref_ingredients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_es: Mapped[str] = mapped_column(String(120))
    synonyms_es: Mapped[list[str]] = mapped_column(JSONType)
    category: Mapped[str] = mapped_column(String(20))
    allergens: Mapped[list[str]] = mapped_column(JSONType)
    may_contain: Mapped[list[str]] = mapped_column(JSONType)
    foodkeeper_id: Mapped[int | None] = mapped_column(Integer)
    footprint_product: Mapped[str | None] = mapped_column(String(64))
    usda_ndb_no: Mapped[str | None] = mapped_column(String(8))
    seasonal_mx_id: Mapped[str | None] = mapped_column(String(64))


class RefShelfLifeRow(Base):
    """USDA FSIS FoodKeeper product (foodkeeper/products.json), storage times in whole days.

    Per place the "from purchase" figure when FSIS gives one, else the general one; a text-only
    value ("When Ripe", "Not Recommended", "Package use-by date", "Indefinitely") is in *_note.
    `tips` maps pantry/fridge/freezer to FSIS's advice text for that place.
    """

    __tablename__ = "ref_shelf_life"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))
    subtitle: Mapped[str | None] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(80))
    keywords: Mapped[list[str]] = mapped_column(JSONType)
    pantry_min: Mapped[int | None] = mapped_column(Integer)
    pantry_max: Mapped[int | None] = mapped_column(Integer)
    pantry_note: Mapped[str | None] = mapped_column(String(40))
    fridge_min: Mapped[int | None] = mapped_column(Integer)
    fridge_max: Mapped[int | None] = mapped_column(Integer)
    fridge_note: Mapped[str | None] = mapped_column(String(40))
    freezer_min: Mapped[int | None] = mapped_column(Integer)
    freezer_max: Mapped[int | None] = mapped_column(Integer)
    freezer_note: Mapped[str | None] = mapped_column(String(40))
    fridge_after_opening_min: Mapped[int | None] = mapped_column(Integer)
    fridge_after_opening_max: Mapped[int | None] = mapped_column(Integer)
    tips: Mapped[dict[str, str]] = mapped_column(JSONType)


class RefFootprintRow(Base):
    """Poore & Nemecek (2018) via Our World in Data, per kg of product (CC BY 4.0: cite)."""

    __tablename__ = "ref_footprints"

    product: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_es: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(40))
    ghg_kg_co2e_per_kg: Mapped[float] = mapped_column(Double)
    land_use_m2_per_kg: Mapped[float] = mapped_column(Double)
    freshwater_l_per_kg: Mapped[float] = mapped_column(Double)
    eutrophying_g_po4e_per_kg: Mapped[float | None] = mapped_column(Double)
    scarcity_weighted_water_l_per_kg: Mapped[float | None] = mapped_column(Double)
    examples_en: Mapped[str] = mapped_column(Text)
    examples_es: Mapped[str] = mapped_column(Text)


class RefPriceRow(Base):
    """PROFECO QQP retail prices (MX open data): the median over stores of MXN per `basis`
    (kg, l, unit or bunch) of an ingredient of the master, the sample behind it and the
    citation with its dates. `products` lists the PROFECO products that were mapped to it."""

    __tablename__ = "ref_prices"

    ingredient_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    basis: Mapped[str] = mapped_column(String(8), primary_key=True)
    median_mxn: Mapped[float] = mapped_column(Double)
    observations: Mapped[int] = mapped_column(Integer)
    stores: Mapped[int] = mapped_column(Integer)
    first_date: Mapped[date] = mapped_column(Date)
    last_date: Mapped[date] = mapped_column(Date)
    products: Mapped[list[str]] = mapped_column(JSONType)
    citation: Mapped[str] = mapped_column(String(400))


class RefAllergenRow(Base):
    """EU-14 allergen with synonyms {en, es, pt, extra_es_mx} (Open Food Facts, ODbL)."""

    __tablename__ = "ref_allergens"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_es: Mapped[str] = mapped_column(String(120))
    synonyms: Mapped[dict[str, list[str]]] = mapped_column(JSONType)


class RefDatasetVersionRow(Base):
    """Which version (sha256 of the source files) of each dataset the tables hold."""

    __tablename__ = "ref_dataset_versions"

    dataset: Mapped[str] = mapped_column(String(40), primary_key=True)
    checksum: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    rows: Mapped[int] = mapped_column(Integer)
