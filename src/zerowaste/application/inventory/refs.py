"""Resolving how a caller names an item (ItemRef) to the owner's item and stack.

Anything that is not the owner's is ItemNotFound (404): another user's item is never a 403.
A stack the caller named (by id, added_at or position) must exist: never a FEFO fallback.
"""

from __future__ import annotations

from dataclasses import replace

from zerowaste.application.inventory.model import ItemRef
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.shared.errors import NotFound


class ItemNotFound(NotFound):
    code = "item_not_found"


def load_item(
    repo: InventoryRepository, owner_id: str, ref: ItemRef, *, need_stack: bool
) -> tuple[InventoryItem, Stack | None]:
    """The owner's item the reference names and, when it names one, its stack."""
    if ref.position is not None and ref.name is not None:
        return _by_position(repo, owner_id, ref.name, ref.position)
    asked = ref
    item = _find(repo, owner_id, ref)
    if item is None and ref.or_food:  # contract row 29 deletes food rows by name + added_at
        ref = replace(ref, kind="food", or_food=False)
        item = _find(repo, owner_id, ref)
    if item is None or item.kind != ref.kind and ref.item_id is None:
        raise ItemNotFound(_missing(asked), details=_details(asked))
    stack = _stack_of(item, ref)
    named = ref.stack_id is not None or ref.added_at is not None
    if (need_stack or named) and stack is None:
        raise ItemNotFound("Stack not found", details=_details(asked))
    return item, stack


def _missing(ref: ItemRef) -> str:
    """What the caller asked for, in the 404's message."""
    if ref.item_id is not None or ref.stack_id is not None:
        return "Item not found"
    if ref.or_food or ref.added_at is not None and ref.kind == "ingredient":
        return "Stack not found"
    return f"{ref.kind.capitalize()} not found"


def _find(repo: InventoryRepository, owner_id: str, ref: ItemRef) -> InventoryItem | None:
    if ref.item_id is not None:
        return repo.get(owner_id, ref.item_id)
    if ref.stack_id is not None:
        return repo.item_of_stack(owner_id, ref.stack_id)
    if ref.name is not None and ref.added_at is not None:
        return repo.find_by_stack(owner_id, ref.kind, ref.name, ref.added_at)
    if ref.name is not None:
        found = repo.find_by_name(owner_id, ref.kind, ref.name)
        return found[0] if found else None
    return None


def _by_position(
    repo: InventoryRepository, owner_id: str, name: str, position: int
) -> tuple[InventoryItem, Stack]:
    """The i-th stack as the client lists it: of the ingredient with that name, else of the
    foods with that name (each food one row), ordered by expiry then added_at."""
    ingredients = repo.find_by_name(owner_id, "ingredient", name)
    if ingredients:
        rows = [(ingredients[0], s) for s in ingredients[0].listed_stacks()]
    else:
        foods = repo.find_by_name(owner_id, "food", name)
        rows = sorted(
            ((f, s) for f in foods for s in f.stacks),
            key=lambda pair: (pair[1].expires_on, pair[1].added_at),
        )
    if position >= len(rows):
        raise ItemNotFound("Item not found", details={"id": f"{name}_stack_{position}"[:100]})
    return rows[position]


def _stack_of(item: InventoryItem, ref: ItemRef) -> Stack | None:
    if ref.stack_id is not None:
        return next((s for s in item.stacks if s.id == ref.stack_id), None)
    if ref.added_at is not None:
        wanted = ref.added_at.replace(microsecond=0)
        return next((s for s in item.stacks if s.added_at == wanted), None)
    return None


def _details(ref: ItemRef) -> dict[str, object]:
    return {k: str(v) for k, v in vars(ref).items() if v is not None and v is not False}
