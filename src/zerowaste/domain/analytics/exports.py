"""Each report as a table (CSV/XLSX) and a chart (PNG/SVG), labelled in Spanish or English.

Rendering is the adapters' business; these are the words, units and numbers they draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from zerowaste.domain.analytics.reports import (
    CookingPatterns,
    IngredientUsage,
    NutritionalTrends,
    Sustainability,
    WasteReduction,
)

Cell = str | int | float | None
WEEKDAYS = {
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


@dataclass(frozen=True)
class Table:
    name: str  # file name stem
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    x_label: str
    y_label: str
    categories: tuple[str, ...]  # x positions
    series: tuple[Series, ...]
    kind: Literal["line", "bar"] = "line"


def _t(language: str, es: str, en: str) -> str:
    return es if language == "es" else en


def _category(name: str, language: str) -> str:
    return _t(language, "sin categoría", "uncategorised") if name == "uncategorised" else name


def _day(key: date | str | int) -> str:
    return key.isoformat() if isinstance(key, date) else str(key)


def cooking_table(r: CookingPatterns, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [("period", _day(c.key), "", c.count) for c in r.buckets]
    rows += [("weekday", WEEKDAYS[lang][int(str(c.key))], "", c.count) for c in r.by_weekday]
    rows += [("meal_type", str(c.key), "", c.count) for c in r.by_meal_type]
    rows += [("recipe", str(c.key), c.label, c.count) for c in r.top_recipes]
    columns = (
        _t(lang, "grupo", "group"),
        _t(lang, "clave", "key"),
        _t(lang, "receta", "recipe"),
        _t(lang, "veces cocinado", "times cooked"),
    )
    return Table(
        "cooking-patterns", _t(lang, "Patrones de cocina", "Cooking patterns"), columns, rows
    )


def cooking_chart(r: CookingPatterns, lang: str) -> Chart:
    return Chart(
        _t(lang, "Recetas cocinadas por periodo", "Recipes cooked per period"),
        _t(lang, "Periodo", "Period"),
        _t(lang, "Recetas cocinadas (n.º)", "Recipes cooked (count)"),
        tuple(_day(c.key) for c in r.buckets),
        (Series(_t(lang, "Cocinadas", "Cooked"), tuple(float(c.count) for c in r.buckets)),),
        kind="bar",
    )


def usage_table(r: IngredientUsage, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            i.name,
            _category(i.category, lang),
            i.unit,
            round(i.consumed, 3),
            round(i.wasted, 3),
            i.waste_rate,
        )
        for i in r.items
    ]
    columns = (
        _t(lang, "ingrediente", "ingredient"),
        _t(lang, "categoría", "category"),
        _t(lang, "unidad", "unit"),
        _t(lang, "consumido", "consumed"),
        _t(lang, "desperdiciado", "wasted"),
        _t(lang, "tasa de desperdicio", "waste rate"),
    )
    title = _t(lang, "Uso de ingredientes", "Ingredient usage")
    return Table("ingredient-usage", title, columns, rows)


def usage_chart(r: IngredientUsage, lang: str) -> Chart:
    cats = r.categories
    return Chart(
        _t(lang, "Consumido y desperdiciado por categoría", "Consumed and wasted by category"),
        _t(lang, "Categoría", "Category"),
        _t(lang, "Cantidad (kg)", "Amount (kg)"),
        tuple(_category(name, lang) for name, _ in cats),
        (
            Series(
                _t(lang, "Consumido", "Consumed"), tuple(round(u.consumed_kg, 3) for _, u in cats)
            ),
            Series(
                _t(lang, "Desperdiciado", "Wasted"), tuple(round(u.wasted_kg, 3) for _, u in cats)
            ),
        ),
        kind="bar",
    )


def waste_table(r: WasteReduction, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            b.bucket.isoformat(),
            round(b.usage.consumed_kg, 3),
            round(b.usage.wasted_kg, 3),
            b.usage.consumed_entries,
            b.usage.wasted_entries,
            b.usage.waste_rate,
        )
        for b in r.buckets
    ]
    columns = (
        _t(lang, "periodo", "period"),
        _t(lang, "consumido (kg)", "consumed (kg)"),
        _t(lang, "desperdiciado (kg)", "wasted (kg)"),
        _t(lang, "consumos sin peso", "unweighed consumptions"),
        _t(lang, "desperdicios sin peso", "unweighed wastes"),
        _t(lang, "tasa de desperdicio", "waste rate"),
    )
    title = _t(lang, "Reducción del desperdicio", "Waste reduction")
    return Table("waste-reduction", title, columns, rows)


def waste_chart(r: WasteReduction, lang: str) -> Chart:
    rates = tuple(
        None if b.usage.waste_rate is None else b.usage.waste_rate * 100 for b in r.buckets
    )
    return Chart(
        _t(lang, "Tasa de desperdicio", "Waste rate"),
        _t(lang, "Periodo", "Period"),
        _t(lang, "Desperdiciado / usado (%)", "Wasted / used (%)"),
        tuple(b.bucket.isoformat() for b in r.buckets),
        (Series(_t(lang, "Tasa de desperdicio", "Waste rate"), rates),),
    )


def nutrition_table(r: NutritionalTrends, lang: str) -> Table:
    target = r.targets.energy_kcal if r.targets else None
    rows: list[tuple[Cell, ...]] = [
        (b.bucket.isoformat(), b.days_logged, b.kcal, b.protein_g, b.fat_g, b.carbs_g, target)
        for b in r.buckets
    ]
    columns = (
        _t(lang, "periodo", "period"),
        _t(lang, "días registrados", "days logged"),
        _t(lang, "energía (kcal/día)", "energy (kcal/day)"),
        _t(lang, "proteína (g/día)", "protein (g/day)"),
        _t(lang, "grasa (g/día)", "fat (g/day)"),
        _t(lang, "carbohidratos (g/día)", "carbohydrates (g/day)"),
        _t(lang, "objetivo (kcal/día)", "target (kcal/day)"),
    )
    title = _t(lang, "Tendencias nutricionales", "Nutritional trends")
    return Table("nutritional-trends", title, columns, rows)


def nutrition_chart(r: NutritionalTrends, lang: str) -> Chart:
    series = [Series(_t(lang, "Energía", "Energy"), tuple(b.kcal for b in r.buckets))]
    if r.targets is not None:
        target = r.targets.energy_kcal
        series.append(Series(_t(lang, "Objetivo", "Target"), tuple(target for _ in r.buckets)))
    return Chart(
        _t(lang, "Energía diaria media", "Average daily energy"),
        _t(lang, "Periodo", "Period"),
        _t(lang, "Energía (kcal/día)", "Energy (kcal/day)"),
        tuple(b.bucket.isoformat() for b in r.buckets),
        tuple(series),
    )


def sustainability_table(r: Sustainability, lang: str) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            _day(b.bucket or ""),
            b.recipes,
            b.carbon_kg_co2e,
            b.water_l,
            b.energy_mj,
            b.cost_mxn,
        )
        for b in r.buckets
    ]
    columns = (
        _t(lang, "periodo", "period"),
        _t(lang, "recetas cocinadas", "recipes cooked"),
        _t(lang, "CO2 evitado (kg CO2e)", "CO2 avoided (kg CO2e)"),
        _t(lang, "agua ahorrada (L)", "water saved (L)"),
        _t(lang, "energía ahorrada (MJ)", "energy saved (MJ)"),
        _t(lang, "dinero ahorrado (MXN)", "money saved (MXN)"),
    )
    return Table("sustainability", _t(lang, "Sostenibilidad", "Sustainability"), columns, rows)


def sustainability_chart(r: Sustainability, lang: str) -> Chart:
    return Chart(
        _t(lang, "CO2 evitado por periodo", "CO2 avoided per period"),
        _t(lang, "Periodo", "Period"),
        _t(lang, "CO2 evitado (kg CO2e)", "CO2 avoided (kg CO2e)"),
        tuple(_day(b.bucket or "") for b in r.buckets),
        (Series("CO2", tuple(b.carbon_kg_co2e for b in r.buckets)),),
        kind="bar",
    )
