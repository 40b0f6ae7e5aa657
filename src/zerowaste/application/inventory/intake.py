"""Turning what a caller adds into domain objects: a new item (tips, allergens, image key) and
a stack whose storage place and expiry are estimated when the caller does not say them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from zerowaste.application.inventory.model import NewStock, StackChanges
from zerowaste.application.inventory.ports import ImageLinks
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.inventory.expiry import estimate_expiry
from zerowaste.domain.inventory.items import SERVING, InventoryItem, Stack
from zerowaste.domain.reference import ShelfLife
from zerowaste.domain.shared import units
from zerowaste.domain.shared.storage import StoragePlace, normalize_storage

MAX_TIPS = 1000
MAX_IMAGE_PATH = 1000


def guess_storage(shelf: ShelfLife | None) -> StoragePlace:
    """Where food of this kind is usually kept, from which places FoodKeeper gives figures."""
    if shelf is None or shelf.pantry_days is not None:
        return StoragePlace.PANTRY
    if shelf.fridge_days is not None:
        return StoragePlace.FRIDGE
    return StoragePlace.FREEZER if shelf.freezer_days is not None else StoragePlace.PANTRY


@dataclass(frozen=True)
class Actor:
    """Who changes the inventory: a user, and the household that owns what they add."""

    user_id: str
    household_id: str


class Intake:
    def __init__(self, catalog: ReferenceCatalog, images: ImageLinks | None) -> None:
        self._catalog = catalog
        self._images = images

    def new_stack(self, line: NewStock, added_at: datetime) -> Stack:
        """The stack a line adds: the caller's storage place and expiry, else estimated."""
        shelf = self._catalog.shelf_life(line.name)
        storage = normalize_storage(line.storage) if line.storage else guess_storage(shelf)
        estimate = estimate_expiry(
            added_at.date(),
            storage=storage,
            kind=line.kind,
            expires_on=line.expires_on,
            expiration_time=line.expiration_time,
            time_unit=line.time_unit,
            shelf_life=shelf,
        )
        amount = units.parse_quantity(line.quantity, SERVING if line.kind == "food" else line.unit)
        return Stack(
            quantity=amount.amount,
            unit=amount.unit,
            added_at=added_at,
            expires_on=estimate.expires_on,
            storage=storage,
            expiry_source=estimate.source,
        )

    def new_item(self, actor: Actor, line: NewStock, storage: StoragePlace) -> InventoryItem:
        """A new item of the actor's household with FoodKeeper's tips for its place and the
        allergens it contains."""
        item = InventoryItem(
            owner_id=actor.household_id,
            added_by=actor.user_id,
            name=line.name,
            kind=line.kind,
            unit=SERVING if line.kind == "food" else line.unit,
            storage=storage,
            tips=(line.tips or self._catalog.storage_tips(line.name, storage) or "")[:MAX_TIPS],
            image_path=self.image_reference(actor.user_id, line.image_path),
            main_ingredients=list(line.main_ingredients),
            category=line.category,
            calories=line.calories,
            description=line.description,
        )
        item.allergens = sorted(self._catalog.allergens_for(item.name))
        return item

    def apply_details(self, item: InventoryItem, changes: StackChanges, user_id: str) -> None:
        """Item-level details a caller may change with any add or edit."""
        if changes.tips:
            item.tips = changes.tips[:MAX_TIPS]
        if changes.image_path:
            item.image_path = self.image_reference(user_id, changes.image_path)
        if changes.storage:
            item.storage = normalize_storage(changes.storage)

    def image_reference(self, user_id: str, image_path: str | None) -> str:
        """Keep the caller's uploads by storage key (their signed URLs expire), other text as
        sent (uploads are personal: they live under the uploader's id)."""
        text = (image_path or "")[:MAX_IMAGE_PATH]
        if not text or self._images is None:
            return text
        return self._images.stored_reference(user_id, text)

    def display_url(self, item: InventoryItem) -> str:
        """A fresh URL for the item's image (stored keys are signed anew; others as kept)."""
        if not item.image_path or self._images is None:
            return item.image_path
        return self._images.display_url(item.image_path)
