"""The document model a renderer draws: a title, sections of a few shapes, and the sources of
the figures it shows. Built by the application from stored data; no layout in here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class WeekGrid:
    """Meals (rows) by day (columns); each cell lists the recipes planned there."""

    days: tuple[str, ...]
    meals: tuple[str, ...]
    cells: tuple[tuple[tuple[str, ...], ...], ...]  # [meal][day] -> recipe titles


@dataclass(frozen=True)
class CheckLine:
    text: str
    checked: bool = False
    note: str = ""


@dataclass(frozen=True)
class Checklist:
    """Lines grouped under headings (a shopping list by aisle), each with a checkbox."""

    groups: tuple[tuple[str, tuple[CheckLine, ...]], ...]


@dataclass(frozen=True)
class RecipeCard:
    title: str
    facts: tuple[str, ...]  # "4 porciones", "25 min", "Fácil"
    description: str
    ingredients: tuple[str, ...]
    steps: tuple[str, ...]
    image: bytes | None = None  # PNG/JPEG/WEBP bytes, embedded as is
    image_type: str = ""
    notes: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class Figures:
    """Labelled headline numbers ("Food saved: 12.5 kg")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Picture:
    """A chart as PNG bytes."""

    png: bytes
    caption: str = ""


@dataclass(frozen=True)
class TableBlock:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Content = WeekGrid | Checklist | RecipeCard | Figures | Picture | TableBlock


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Content, ...]
    new_page: bool = False


@dataclass(frozen=True)
class Document:
    kind: str
    lang: str
    title: str
    subtitle: str
    generated_on: date
    sections: tuple[Section, ...]
    attributions: tuple[str, ...] = field(default_factory=tuple)
    empty_note: str = ""  # shown when there are no sections
