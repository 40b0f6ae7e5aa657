"""The seasonal produce calendar of Mexico (data/seasonal_produce_mx, CC0, approximate: see its
SOURCE.md): which months each of 74 fruits, vegetables and herbs is at its peak.

A food is looked up by its folded name: the calendar's id, its Spanish or English name (the
part before any parenthesis), or the first word of a longer name ("espinaca baby"). Read once,
on first use."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from zerowaste.domain.shared.text import folded

FILE = Path("seasonal_produce_mx") / "seasonal_mx.json"


class SeasonalCalendar:
    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / FILE
        self._months: dict[str, frozenset[int]] | None = None
        self._lock = threading.Lock()

    def in_season(self, name: str, month: int) -> bool | None:
        months = self._table()
        words = folded(name).replace(",", " ").split()
        for key in (" ".join(words), words[0] if words else "", _singular(" ".join(words))):
            if key in months:
                return month in months[key]
        return None

    def _table(self) -> dict[str, frozenset[int]]:
        if self._months is None:
            with self._lock:
                if self._months is None:
                    self._months = self._read()
        return self._months

    def _read(self) -> dict[str, frozenset[int]]:
        if not self._path.exists():
            return {}
        table: dict[str, frozenset[int]] = {}
        for item in json.loads(self._path.read_text(encoding="utf-8"))["items"]:
            months = frozenset(int(m) for m in item.get("months") or [])
            for name in (item["id"], item.get("name_es") or "", item.get("name_en") or ""):
                key = folded(name.split("(")[0]).strip()
                if key:
                    table.setdefault(key, months)
                    table.setdefault(_singular(key), months)
        return table


def _singular(text: str) -> str:
    return text[:-1] if len(text) > 3 and text.endswith("s") else text
