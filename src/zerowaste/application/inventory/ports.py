"""Ports of the inventory feature: its repository, and what it needs from other features."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from zerowaste.application.accounts.ports import HouseholdRepository, UserRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, StockLine


class InventoryRepository(Protocol):
    """Inventory storage scoped by its owner: `owner_id` is the owning household's id. Writers
    hold the household's lock (HouseholdRepository.claim) before they read."""

    def list_items(self, owner_id: str) -> list[InventoryItem]: ...

    def stock_lines(self, owner_id: str) -> list[StockLine]:
        """Every stack of the household's ingredients (not foods), in no particular order."""
        ...

    def get(self, owner_id: str, item_id: int) -> InventoryItem | None: ...

    def find_by_name(self, owner_id: str, kind: str, name: str) -> list[InventoryItem]: ...

    def find_by_stack(
        self, owner_id: str, kind: str, name: str, added_at: datetime
    ) -> InventoryItem | None: ...

    def item_of_stack(self, owner_id: str, stack_id: int) -> InventoryItem | None: ...

    def add(self, item: InventoryItem, now: datetime) -> None: ...

    def save(self, item: InventoryItem, now: datetime) -> None: ...

    def delete(self, item: InventoryItem) -> None: ...

    def set_enrichment(self, owner_id: str, item_id: int, enrichment: dict[str, Any]) -> None: ...

    def enrichments(self, owner_id: str, item_ids: list[int]) -> dict[int, dict[str, Any]]: ...

    def add_journal(
        self, entries: list[JournalEntry], item: InventoryItem, actor: str | None
    ) -> None: ...

    def journal(
        self,
        owner_id: str,
        *,
        reasons: list[str] | None = None,
        since: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]: ...


class InventoryUnitOfWork(UnitOfWork, Protocol):
    @property
    def inventory(self) -> InventoryRepository: ...

    @property
    def users(self) -> UserRepository: ...  # the caller's allergies, for alerts

    @property
    def households(self) -> HouseholdRepository: ...  # who owns the rows; the write lock

    @property
    def food_log(self) -> FoodLogWriter: ...  # what a consume ate (personal rows)


class ImageLinks(Protocol):
    """Turns an uploaded image's signed URL into a lasting storage key (and back, for display)."""

    def stored_reference(self, owner_id: str, image_path: str) -> str: ...

    def display_url(self, reference: str) -> str: ...


class EatenFood(Protocol):
    """What a user ate from stock, as a food-log entry (the nutrition feature implements it):
    None when it cannot be weighed and matched (the log never holds a guess). The consume
    stores it in its own transaction, so the stock and the log move together."""

    def entry_for(
        self, name: str, quantity: Decimal, unit: str, at: datetime
    ) -> FoodLogEntry | None: ...


class FoodLogWriter(Protocol):
    def add(self, user_uid: str, entry: FoodLogEntry) -> FoodLogEntry: ...


class AdviceQueue(Protocol):
    """Queues a remote model's advice on items an add created (inventory.advice)."""

    def queue(self, user_id: str, items: list[InventoryItem]) -> str | None: ...
