"""The CSV/XLSX exports: the household's inventory (a row per stack), its journal, its planned
meals and the caller's recipe savings, read through each feature's own queries and written by
the analytics table writer (CSV-injection safe). Headers follow the report language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from zerowaste.application.reports.ports import Sources
from zerowaste.domain.analytics.exports import Cell, Table
from zerowaste.domain.reports import labels

JOURNAL_PAGE = 200  # the inventory journal's own page size
MAX_EXPORT_ROWS = 50_000


@dataclass(frozen=True)
class Span:
    """The days a dated export covers (journal: occurred; plans: planned)."""

    start: date
    end: date


HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "inventory": {
        "es": (
            "nombre",
            "tipo",
            "categoría",
            "cantidad",
            "unidad",
            "almacenamiento",
            "caduca",
            "agregado",
        ),
        "en": ("name", "kind", "category", "quantity", "unit", "storage", "expires", "added"),
    },
    "journal": {
        "es": ("fecha", "artículo", "motivo", "cantidad", "unidad", "receta", "nota"),
        "en": ("date", "item", "reason", "quantity", "unit", "recipe", "note"),
    },
    "plans": {
        "es": ("fecha", "comida", "receta", "porciones", "notas"),
        "en": ("date", "meal", "recipe", "servings", "notes"),
    },
    "savings": {
        "es": (
            "receta",
            "origen",
            "kg CO2e",
            "agua (L)",
            "energía (MJ)",
            "costo (MXN)",
            "cocinada",
            "guardada",
            "cocinada el",
        ),
        "en": (
            "recipe",
            "source",
            "kg CO2e",
            "water (L)",
            "energy (MJ)",
            "cost (MXN)",
            "cooked",
            "saved",
            "cooked at",
        ),
    },
}


def export_table(sources: Sources, kind: str, user_uid: str, span: Span, lang: str) -> Table:
    """The export `kind` as a table (rows capped at MAX_EXPORT_ROWS)."""
    rows = _ROWS[kind](sources, user_uid, span, lang)[:MAX_EXPORT_ROWS]
    return Table(kind, kind, HEADERS[kind][lang], rows)


def _inventory(sources: Sources, user_uid: str, span: Span, lang: str) -> list[tuple[Cell, ...]]:
    views, _ = sources.inventory.views(user_uid)
    return [
        (
            v.item.name,
            v.item.kind,
            v.item.category or "",
            _number(s.quantity),
            s.unit,
            str(s.storage),
            s.expires_on.isoformat(),
            _stamp(s.added_at),
        )
        for v in views
        for s in v.item.stacks
    ]


def _journal(sources: Sources, user_uid: str, span: Span, lang: str) -> list[tuple[Cell, ...]]:
    since = datetime.combine(span.start, time.min, tzinfo=UTC)
    rows: list[tuple[Cell, ...]] = []
    while len(rows) < MAX_EXPORT_ROWS:
        page = sources.inventory.journal(
            user_uid, since=since, limit=JOURNAL_PAGE, offset=len(rows)
        )
        rows.extend(_journal_row(e) for e in page)
        if len(page) < JOURNAL_PAGE:
            break
    last = span.end.isoformat()
    return [r for r in rows if str(r[0])[:10] <= last]


def _journal_row(entry: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        _stamp(entry["occurred_at"]),
        entry["item_name"],
        entry["reason"],
        _number(entry["quantity"]),
        entry["unit"],
        entry.get("recipe_used") or "",
        entry.get("note") or "",
    )


def _plans(sources: Sources, user_uid: str, span: Span, lang: str) -> list[tuple[Cell, ...]]:
    slots = sources.planner.slots_between(user_uid, span.start, span.end)
    return [
        (
            s.date.isoformat(),
            labels.meal(lang, s.meal_type),
            s.recipe.title if s.recipe else s.recipe_uid,
            s.servings,
            s.notes,
        )
        for s in slots
    ]


def _savings(sources: Sources, user_uid: str, span: Span, lang: str) -> list[tuple[Cell, ...]]:
    yes, no = ("sí", "no") if lang == "es" else ("yes", "no")
    return [
        (
            s.recipe_title,
            s.recipe_source,
            round(s.carbon_kg_co2e, 3),
            round(s.water_l, 1),
            round(s.energy_mj, 2),
            round(s.cost_mxn, 2),
            yes if s.is_cooked else no,
            _stamp(s.saved_at),
            _stamp(s.cooked_at) if s.cooked_at else None,
        )
        for s in sources.savings.listed(user_uid)
    ]


def _number(value: Decimal | float | int) -> float | int:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


_ROWS: dict[str, Callable[[Sources, str, Span, str], list[tuple[Cell, ...]]]] = {
    "inventory": _inventory,
    "journal": _journal,
    "plans": _plans,
    "savings": _savings,
}
