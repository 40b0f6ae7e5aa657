"""A household's stock as the local engine's pantry: its ingredients that are not expired, one
`PantryFood` per food. Shared by the local recipe engine (generation), search (by-ingredients)
and the recommendations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.recipes.engine import PantryFood


def pantry_of(
    items: list[InventoryItem], today: date, key: Callable[[str], str]
) -> list[PantryFood]:
    """The household's fresh ingredients as the engine's pantry (master key, total quantity in
    the item's unit, days to the soonest expiry), most urgent first."""
    pantry = []
    for item in items:
        if item.kind != "ingredient":
            continue
        fresh = [s for s in item.stacks if days_to_expire(s.expires_on, today) >= 0]
        if not fresh:
            continue
        quantity = sum((s.quantity for s in fresh if s.unit == item.unit), Decimal(0))
        days = min(days_to_expire(s.expires_on, today) for s in fresh)
        pantry.append(PantryFood(key(item.name), item.name, quantity, item.unit, days))
    pantry.sort(key=lambda p: p.days_left)
    return pantry
