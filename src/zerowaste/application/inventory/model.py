"""Inventory commands, references and results shared by the inventory services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from zerowaste.domain.inventory.expiry import ItemKind
from zerowaste.domain.inventory.impact import Impact
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry

Number = int | float | Decimal | str


WASTE_REASONS = frozenset({"wasted", "expired"})  # a "use" with these reasons is waste


@dataclass(frozen=True)
class ItemRef:
    """How a caller names an item: by id, by stack id, by the client's name + added_at, or by
    name + position (the client's `<name>_stack_<i>`: the i-th stack as listed, 0-based, of the
    ingredient with that name, else of the foods with that name)."""

    kind: ItemKind = "ingredient"
    item_id: int | None = None
    stack_id: int | None = None
    name: str | None = None
    added_at: datetime | None = None
    position: int | None = None
    or_food: bool = False  # an ingredient's stack, else the food with that name and added_at


@dataclass(frozen=True)
class NewStock:
    """One line of an add request (ingredient or food)."""

    name: str
    quantity: Number
    unit: str
    kind: ItemKind = "ingredient"
    storage: str | None = None
    tips: str | None = None
    image_path: str | None = None
    expires_on: date | None = None
    expiration_time: int | None = None
    time_unit: str | None = None
    category: str | None = None
    description: str | None = None
    calories: int | None = None
    main_ingredients: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Usage:
    """Consume or waste: no quantity means everything the reference names; a `reason` of
    wasted/expired makes `InventoryService.use` throw the stock away instead of eating it."""

    quantity: Number | None = None
    unit: str | None = None
    reason: str = "consumed"
    recipe_used: str | None = None
    note: str | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True)
class StackChanges:
    quantity: Number | None = None
    unit: str | None = None
    expires_on: date | None = None
    storage: str | None = None
    tips: str | None = None
    image_path: str | None = None
    name: str | None = None


@dataclass
class ItemView:
    """An item as the application presents it: a fresh display URL for its image, and on
    reads the caller's allergy alerts and the stored enrichment."""

    item: InventoryItem
    image_url: str = ""
    allergens: list[str] = field(default_factory=list)
    allergy_alert: bool = False
    enrichment: dict[str, Any] = field(default_factory=dict)


@dataclass
class UsageResult:
    view: ItemView
    entries: list[JournalEntry]
    stack_removed: bool
    item_removed: bool
    remaining: Decimal
    impact: Impact | None = None  # saved by eating instead of wasting

    @property
    def item(self) -> InventoryItem:
        return self.view.item


@dataclass
class Snapshot:
    """A household's whole inventory as read once for a list view, with the caller's allergy
    codes and the date its expiry figures use."""

    items: list[InventoryItem]
    allergy_codes: set[str]
    today: date
