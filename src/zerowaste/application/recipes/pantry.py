"""A household's stock as the local engine's pantry: its ingredients that are not expired, one
`PantryFood` per food. Shared by the local recipe engine (generation), search (by-ingredients)
and the recommendations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem, StockLine
from zerowaste.domain.recipes.engine import PantryFood


def pantry_of(
    items: list[InventoryItem], today: date, key: Callable[[str], str]
) -> list[PantryFood]:
    """The household's fresh ingredients as the engine's pantry (master key, total quantity in
    the item's unit, days to the soonest expiry), most urgent first."""
    lines = [
        StockLine(item.name, item.unit, s.quantity, s.unit, s.expires_on)
        for item in items
        if item.kind == "ingredient"
        for s in item.stacks
    ]
    return pantry_of_lines(lines, today, key)


def pantry_of_lines(
    lines: list[StockLine], today: date, key: Callable[[str], str]
) -> list[PantryFood]:
    """`pantry_of` from the stock's lines (`InventoryRepository.stock_lines`): per item name,
    the fresh stacks in the item's unit summed, and the days to the soonest fresh expiry."""
    fresh: dict[tuple[str, str], list[StockLine]] = {}
    for line in lines:
        if days_to_expire(line.expires_on, today) >= 0:
            fresh.setdefault((line.name, line.item_unit), []).append(line)
    pantry = []
    for (name, unit), stacks in fresh.items():
        quantity = sum((s.quantity for s in stacks if s.unit == unit), Decimal(0))
        days = min(days_to_expire(s.expires_on, today) for s in stacks)
        pantry.append(PantryFood(key(name), name, quantity, unit, days))
    pantry.sort(key=lambda p: p.days_left)
    return pantry
