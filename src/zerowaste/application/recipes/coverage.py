"""How well the catalog's ingredient lines read: the figures `zerowaste recipe-lines` prints.

A line counts when it names a food (headings such as "Para el hogao:" do not). `measured`:
quantity and unit parsed; `mapped`: the food (or an alternative) found in the ingredient
master; `in_grams`: the amount converts to grams. Mapped measured lines that do not convert
are the conversion's own misses (`mapped_measured`), apart from foods the master lacks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from zerowaste.domain.recipes.lines import MappedLine


@dataclass
class Coverage:
    recipes: int = 0
    lines: int = 0
    measured: int = 0
    mapped: int = 0
    in_grams: int = 0
    mapped_measured: int = 0
    mapped_in_grams: int = 0
    optional: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)
    unconverted: Counter[str] = field(default_factory=Counter)  # "ingredient unit" pairs

    def add(self, lines: Iterable[MappedLine]) -> None:
        self.recipes += 1
        for mapped in lines:
            self._add_line(mapped)

    def _add_line(self, mapped: MappedLine) -> None:
        line = mapped.line
        if not line.foods:
            return
        self.lines += 1
        measured = line.quantity is not None and line.unit is not None
        self.measured += measured
        self.optional += line.optional
        self.in_grams += mapped.grams is not None
        if mapped.ingredient_id is None and not mapped.more_ingredient_ids:
            self.unmapped[line.food.casefold()] += 1
            return
        self.mapped += 1
        if measured and mapped.ingredient_id is not None:
            self.mapped_measured += 1
            self.mapped_in_grams += mapped.grams is not None
            if mapped.grams is None:
                self.unconverted[f"{mapped.ingredient_id} {line.unit}"] += 1

    def percent(self, part: int, whole: int | None = None) -> float:
        total = self.lines if whole is None else whole
        return round(100 * part / total, 1) if total else 0.0
