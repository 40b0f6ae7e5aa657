"""What the inventory services share: construction, loading by reference, persisting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any

from zerowaste.application.inventory.model import ItemRef, NewStock, StackChanges
from zerowaste.application.ports import (
    Cache,
    Clock,
    ImageLinks,
    IngredientAdvisor,
    ReferenceCatalog,
    UnitOfWork,
    UnitOfWorkFactory,
)
from zerowaste.domain.inventory.expiry import ShelfLife
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, Stack, normalize_item_name
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput, NotFound
from zerowaste.domain.shared.storage import StoragePlace, normalize_storage

MAX_TIPS = 1000
MAX_IMAGE_PATH = 1000


# Footprints are per kg; a litre is taken as a kilogram (water-like foods).
_PER_KG_UNIT = {units.Dimension.MASS: "kg", units.Dimension.VOLUME: "l"}


class ItemNotFound(NotFound):
    code = "item_not_found"


def guess_storage(shelf: ShelfLife | None) -> StoragePlace:
    """Where food of this kind is usually kept, from which places FoodKeeper gives figures."""
    if shelf is None or shelf.pantry_days is not None:
        return StoragePlace.PANTRY
    if shelf.fridge_days is not None:
        return StoragePlace.FRIDGE
    return StoragePlace.FREEZER if shelf.freezer_days is not None else StoragePlace.PANTRY


class InventorySupport:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        catalog: ReferenceCatalog,
        advisor: IngredientAdvisor,
        cache: Cache,
        cache_ttl: int = 300,
        images: ImageLinks | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._catalog = catalog
        self._advisor = advisor
        self._cache = cache
        self._cache_ttl = cache_ttl
        self._images = images

    def _image_reference(self, owner_id: str, image_path: str | None) -> str:
        """Keep our uploads by storage key (their signed URLs expire), other text as sent."""
        text = (image_path or "")[:MAX_IMAGE_PATH]
        if not text or self._images is None:
            return text
        return self._images.stored_reference(owner_id, text)

    @contextmanager
    def _writing(self, owner_id: str) -> Iterator[UnitOfWork]:
        """A writing unit of work that holds the owner's lock: one user's inventory writes run
        one at a time, always locking owner then item, so they never deadlock (MySQL)."""
        with self._uow_factory() as uow:
            uow.inventory.lock_owner(owner_id)
            yield uow

    def _load(
        self, uow: UnitOfWork, owner_id: str, ref: ItemRef, *, lock: bool, need_stack: bool
    ) -> tuple[InventoryItem, Stack | None]:
        """Resolve a reference to the owner's item (and stack); anything else is NotFound."""
        repo = uow.inventory
        item: InventoryItem | None
        if ref.item_id is not None:
            item = repo.get(owner_id, ref.item_id, lock=lock)
        elif ref.stack_id is not None:
            item = repo.item_of_stack(owner_id, ref.stack_id, lock=lock)
        elif ref.name is not None and ref.added_at is not None:
            item = repo.find_by_stack(owner_id, ref.kind, ref.name, ref.added_at, lock=lock)
        elif ref.name is not None:
            found = repo.find_by_name(owner_id, ref.kind, ref.name, lock=lock)
            item = found[0] if found else None
        else:
            item = None
        if item is None or item.kind != ref.kind and ref.item_id is None:
            raise ItemNotFound(f"{ref.kind.capitalize()} not found", details=_ref_details(ref))
        stack = _stack_of(item, ref)
        # A stack the caller named (by id or added_at) must exist: never fall back to FEFO.
        named = ref.stack_id is not None or ref.added_at is not None
        if (need_stack or named) and stack is None:
            raise ItemNotFound("Stack not found", details=_ref_details(ref))
        return item, stack

    def _persist(
        self, uow: UnitOfWork, item: InventoryItem, entries: list[JournalEntry], now: datetime
    ) -> None:
        """Save the item (deleted once its last stack is gone) and its journal entries."""
        uow.inventory.add_journal(entries, item)
        if item.stacks:
            uow.inventory.save(item, now)
        else:
            uow.inventory.delete(item)

    def _new_item(self, owner_id: str, line: NewStock, storage: StoragePlace) -> InventoryItem:
        unit = "serving" if line.kind == "food" else line.unit
        item = InventoryItem(
            owner_id=owner_id,
            name=line.name,
            kind=line.kind,
            unit=unit,
            storage=storage,
            tips=(line.tips or self._catalog.storage_tips(line.name, storage) or "")[:MAX_TIPS],
            image_path=self._image_reference(owner_id, line.image_path),
            main_ingredients=list(line.main_ingredients),
            category=line.category,
            calories=line.calories,
            description=line.description,
        )
        item.allergens = sorted(self._catalog.allergens_for(item.name))
        return item

    def _apply_details(self, item: InventoryItem, changes: StackChanges) -> None:
        if changes.tips:
            item.tips = changes.tips[:MAX_TIPS]
        if changes.image_path:
            item.image_path = self._image_reference(item.owner_id, changes.image_path)
        if changes.storage:
            item.storage = normalize_storage(changes.storage)

    def _move_stack(
        self, uow: UnitOfWork, item: InventoryItem, stack: Stack, new_name: str, now: datetime
    ) -> InventoryItem:
        """Rename by moving one stack to the item called `new_name` (created when missing)."""
        name = normalize_item_name(new_name)
        assert stack.id is not None
        found = uow.inventory.find_by_name(item.owner_id, item.kind, name, lock=True)
        target = found[0] if found else None
        if target is not None and not units.are_convertible(stack.unit, target.unit):
            raise InvalidInput(
                f"{stack.unit} does not convert to {target.unit}", code="incompatible_units"
            )
        item.stacks.remove(stack)
        self._persist(uow, item, [], now)
        moved = Stack(
            quantity=stack.quantity,
            unit=stack.unit,
            added_at=stack.added_at,
            expires_on=stack.expires_on,
            storage=stack.storage,
            expiry_source=stack.expiry_source,
        )
        if target is None:
            line = NewStock(
                name=name,
                quantity=stack.quantity,
                unit=stack.unit,
                kind=item.kind,
                tips=item.tips,
                image_path=item.image_path,
            )
            target = self._new_item(item.owner_id, line, stack.storage)
            target.stacks.append(moved)
            uow.inventory.add(target, now)
            uow.inventory.set_enrichment(target.owner_id, target.id or 0, self._enrich(target))
        else:
            target.stacks.append(moved)
            uow.inventory.save(target, now)
        return target

    def _enrich(self, item: InventoryItem) -> dict[str, Any]:
        """Stored once when the item is created; views read it, never recompute it."""
        return self._advisor.enrich(item.name, kind=item.kind, description=item.description)

    def _impact(self, item: InventoryItem, entries: list[JournalEntry]) -> dict[str, Any] | None:
        """CO2 and water saved by eating rather than wasting (mass and volume units only)."""
        footprint = self._catalog.footprint(item.name)
        if footprint is None:
            return None
        kg = Decimal(0)
        for entry in entries:
            target = _PER_KG_UNIT.get(units.dimension_of(entry.unit))
            if target is None:  # pieces, packs...: no weight to apply a per-kg footprint to
                return None
            kg += units.convert(units.Quantity(entry.quantity, entry.unit), target).amount
        return {
            "co2_saved": round(float(kg) * footprint.ghg_kg_co2e_per_kg, 3),
            "water_saved": round(float(kg) * footprint.freshwater_l_per_kg, 1),
            "unit_co2": "kg CO2e",
            "unit_water": "l",
            "source": footprint.attribution,
        }


def _stack_of(item: InventoryItem, ref: ItemRef) -> Stack | None:
    if ref.stack_id is not None:
        return next((s for s in item.stacks if s.id == ref.stack_id), None)
    if ref.added_at is not None:
        wanted = ref.added_at.replace(microsecond=0)
        return next((s for s in item.stacks if s.added_at == wanted), None)
    return None


def _ref_details(ref: ItemRef) -> dict[str, object]:
    return {k: str(v) for k, v in vars(ref).items() if v is not None}
