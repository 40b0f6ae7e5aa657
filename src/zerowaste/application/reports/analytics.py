"""The analytics report as a document: the five analytics reports of one window, each as its
chart (the analytics chart renderer's PNG) and its table, with the headline figures first and
the sources of the figures cited (nutrients: USDA SR28; footprints: Poore & Nemecek / OWID;
money: PROFECO prices)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from zerowaste.application.analytics.ports import ReportRenderer as ChartsAndTables
from zerowaste.application.analytics.service import WindowQuery
from zerowaste.application.reports.ports import Sources
from zerowaste.domain.analytics import exports
from zerowaste.domain.analytics.reports import Sustainability, WasteReduction
from zerowaste.domain.reports import labels
from zerowaste.domain.reports.document import Document, Figures, Picture, Section, TableBlock

MAX_TABLE_ROWS = 62  # a longer window is still charted whole; its table shows the last rows
Views = tuple[Callable[[Any, str], exports.Table], Callable[[Any, str], exports.Chart]]
VIEWS: dict[str, Views] = {
    "waste-reduction": (exports.waste_table, exports.waste_chart),
    "ingredient-usage": (exports.usage_table, exports.usage_chart),
    "cooking-patterns": (exports.cooking_table, exports.cooking_chart),
    "nutritional-trends": (exports.nutrition_table, exports.nutrition_chart),
    "sustainability": (exports.sustainability_table, exports.sustainability_chart),
}
SOURCES = {
    "nutritional-trends": (labels.NUTRITION_SOURCE,),
    "sustainability": (labels.FOOTPRINT_SOURCE, labels.PRICES_SOURCE),
    "waste-reduction": (labels.FOOTPRINT_SOURCE, labels.PRICES_SOURCE),
}
HEADLINES = {
    "es": (
        "Alimento aprovechado",
        "Tasa de desperdicio",
        "Recetas cocinadas",
        "CO₂e evitado",
        "Agua ahorrada",
        "Dinero ahorrado",
    ),
    "en": (
        "Food saved",
        "Waste rate",
        "Recipes cooked",
        "CO₂e avoided",
        "Water saved",
        "Money saved",
    ),
}


def analytics_report(
    sources: Sources,
    files: ChartsAndTables,
    user_uid: str,
    query: WindowQuery,
    lang: str,
    today: date,
    progress: Callable[[int], None] = lambda _: None,
) -> Document:
    """Every analytics report of the window, charted and tabulated, in `lang`."""
    found: dict[str, Any] = {}
    sections = []
    for index, (name, (table_of, chart_of)) in enumerate(VIEWS.items()):
        report = sources.analytics.report(user_uid, name, query)
        found[name] = report
        table, chart = table_of(report, lang), chart_of(report, lang)
        picture = Picture(files.chart(chart, "png"), chart.title)
        rows = tuple(tuple(_cell(c) for c in row) for row in table.rows[-MAX_TABLE_ROWS:])
        block = TableBlock(tuple(table.columns), rows)
        sections.append(Section(table.title, (picture, block), new_page=True))
        progress(10 + 15 * (index + 1))
    window = found["waste-reduction"].window
    headline = Section(labels.text(lang, "analytics"), (_figures(found, lang),), new_page=False)
    cited = [s for name in VIEWS for s in SOURCES.get(name, ())]
    return Document(
        "analytics",
        lang,
        labels.text(lang, "analytics"),
        labels.text(lang, "window", start=window.start, end=window.end),
        today,
        (headline, *sections),
        tuple(dict.fromkeys(cited)),
    )


def _figures(found: dict[str, Any], lang: str) -> Figures:
    waste: WasteReduction = found["waste-reduction"]
    green: Sustainability = found["sustainability"]
    rate = waste.total.waste_rate
    names = HEADLINES[lang]
    values = (
        f"{waste.food_saved_kg:.2f} kg",
        "—" if rate is None else f"{rate * 100:.1f} %",
        str(green.total.recipes),
        f"{green.total.carbon_kg_co2e:.2f} kg",
        f"{green.total.water_l:.0f} L",
        f"${green.total.cost_mxn:.2f} MXN",
    )
    return Figures(tuple(zip(names, values, strict=True)))


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
