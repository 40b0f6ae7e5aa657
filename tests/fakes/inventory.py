"""In-memory fakes of the inventory ports for service unit tests (used by tests/fakes.py's
FakeUnitOfWork as `uow.inventory`): repository and state, cache, reference catalog, advisor."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, StockLine
from zerowaste.domain.reference import ShelfLife
from zerowaste.domain.shared.storage import StoragePlace


class CallLog:
    """Counts repository calls; shared, not copied, by the FakeStore deep copies of each UoW."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.hooks: dict[str, Callable[[], Any]] = {}  # one-shot, run when the call happens

    def __deepcopy__(self, memo: dict[int, Any]) -> CallLog:
        return self

    def hit(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1
        hook = self.hooks.pop(name, None)
        if hook is not None:
            hook()

    def __getitem__(self, name: str) -> int:
        return self.counts.get(name, 0)


@dataclass
class FakeInventoryState:
    """The inventory part of the committed state (items by id, journal rows, enrichment)."""

    items: dict[int, InventoryItem] = field(default_factory=dict)
    journal: list[dict[str, Any]] = field(default_factory=list)
    enrichment: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1
    calls: CallLog = field(default_factory=CallLog)


class FakeInventoryRepository:
    """Owner-scoped like the SQL repository; hands out copies, stores copies."""

    def __init__(self, state: FakeInventoryState) -> None:
        self._state = state

    def _new_id(self) -> int:
        self._state.next_id += 1
        return self._state.next_id - 1

    def _owned(self, owner_id: str) -> list[InventoryItem]:
        return [i for i in self._state.items.values() if i.owner_id == owner_id]

    def list_items(self, owner_id: str) -> list[InventoryItem]:
        self._state.calls.hit("list_items")
        found = sorted(self._owned(owner_id), key=lambda i: (i.kind, i.name.casefold(), i.id))
        return copy.deepcopy(found)

    def stock_lines(self, owner_id: str) -> list[StockLine]:
        self._state.calls.hit("stock_lines")
        items = sorted(self._owned(owner_id), key=lambda i: (i.name.casefold(), i.id))
        return [
            StockLine(i.name, i.unit, s.quantity, s.unit, s.expires_on)
            for i in items
            if i.kind == "ingredient"
            for s in sorted(i.stacks, key=lambda s: (s.expires_on, s.id or 0))
        ]

    def get(self, owner_id: str, item_id: int) -> InventoryItem | None:
        self._state.calls.hit("get")
        found = self._state.items.get(item_id)
        return copy.deepcopy(found) if found and found.owner_id == owner_id else None

    def find_by_name(self, owner_id: str, kind: str, name: str) -> list[InventoryItem]:
        self._state.calls.hit("find_by_name")
        key = " ".join(name.split()).casefold()
        found = [i for i in self._owned(owner_id) if i.kind == kind and i.name.casefold() == key]
        return copy.deepcopy(sorted(found, key=lambda i: i.id or 0))

    def find_by_stack(
        self, owner_id: str, kind: str, name: str, added_at: datetime
    ) -> InventoryItem | None:
        self._state.calls.hit("find_by_stack")
        for item in self.find_by_name(owner_id, kind, name):
            if any(s.added_at == added_at for s in item.stacks):
                return item
        return None

    def item_of_stack(self, owner_id: str, stack_id: int) -> InventoryItem | None:
        self._state.calls.hit("item_of_stack")
        for item in self._owned(owner_id):
            if any(s.id == stack_id for s in item.stacks):
                return copy.deepcopy(item)
        return None

    def add(self, item: InventoryItem, now: datetime) -> None:
        self._state.calls.hit("add")
        item.id = self._new_id()
        self._store(item)

    def save(self, item: InventoryItem, now: datetime) -> None:
        self._state.calls.hit("save")
        if item.id is None or item.id not in self._state.items:
            raise LookupError("save() needs a stored item")
        self._store(item)

    def delete(self, item: InventoryItem) -> None:
        self._state.calls.hit("delete")
        stored = self._state.items.get(item.id or 0)
        if stored is not None and stored.owner_id == item.owner_id:
            del self._state.items[stored.id or 0]
            self._state.enrichment.pop(stored.id or 0, None)
            for row in self._state.journal:  # ON DELETE SET NULL
                if row["item_id"] == stored.id:
                    row["item_id"] = None

    def set_enrichment(self, owner_id: str, item_id: int, enrichment: dict[str, Any]) -> None:
        stored = self._state.items.get(item_id)
        if stored is not None and stored.owner_id == owner_id:
            self._state.enrichment[item_id] = copy.deepcopy(enrichment)

    def enrichments(self, owner_id: str, item_ids: list[int]) -> dict[int, dict[str, Any]]:
        self._state.calls.hit("enrichments")
        return {
            i: copy.deepcopy(e)
            for i, e in self._state.enrichment.items()
            if i in item_ids and self._state.items[i].owner_id == owner_id
        }

    def add_journal(
        self, entries: list[JournalEntry], item: InventoryItem, actor: str | None
    ) -> None:
        for e in entries:
            self._state.journal.append(
                {
                    "id": len(self._state.journal) + 1,
                    "item_id": item.id,
                    "owner_id": e.owner_id,
                    "user_uid": actor,
                    "item_name": e.item_name,
                    "kind": item.kind,
                    "stack_added_at": e.stack_added_at,
                    "quantity": e.quantity,
                    "unit": e.unit,
                    "reason": str(e.reason),
                    "occurred_at": e.occurred_at,
                    "recipe_used": e.recipe_used,
                    "note": e.note,
                }
            )

    def journal(
        self,
        owner_id: str,
        *,
        reasons: list[str] | None = None,
        since: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        rows = [
            {k: v for k, v in r.items() if k != "owner_id"}
            for r in self._state.journal
            if r["owner_id"] == owner_id
            and (not reasons or r["reason"] in reasons)
            and (since is None or r["occurred_at"] >= since)
        ]
        rows.sort(key=lambda r: (r["occurred_at"], r["id"]), reverse=True)
        return rows[offset : offset + limit]

    def _store(self, item: InventoryItem) -> None:
        for stack in item.stacks:
            if stack.id is None:
                stack.id = self._new_id()
        self._state.items[item.id or 0] = copy.deepcopy(item)


class FakeCatalog:
    """A ReferenceCatalog over small dicts keyed by casefolded name."""

    def __init__(
        self,
        shelf_lives: dict[str, ShelfLife] | None = None,
        allergens: dict[str, list[str]] | None = None,
        allergy_terms: dict[str, str] | None = None,
    ) -> None:
        self.shelf_lives = shelf_lives or {}
        self.allergens = allergens or {}
        self.allergy_terms = allergy_terms or {}

    def match(self, name: str) -> None:
        return None

    def shelf_life(self, name: str) -> ShelfLife | None:
        return self.shelf_lives.get(name.casefold())

    def storage_tips(self, name: str, place: StoragePlace) -> str | None:
        return f"Keep {name} in the {place}" if name.casefold() in self.shelf_lives else None

    def allergens_for(self, name: str) -> list[str]:
        return sorted(self.allergens.get(name.casefold(), []))

    def allergen_codes_for_terms(self, terms: list[str]) -> set[str]:
        return {
            self.allergy_terms[t.casefold()] for t in terms if t.casefold() in self.allergy_terms
        }

    def footprint(self, name: str) -> None:
        return None

    def default_unit_and_storage(self, name: str) -> None:
        return None


class FakeAdvisor:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def enrich(self, name: str, *, kind: str, description: str | None) -> dict[str, Any]:
        self.calls.append(name)
        return {"utilization_ideas": [f"Cook {name}"]}
