"""Inventory entities: an item, its stacks (lots) and the journal entries its rules return
(they mutate the entity and never persist or log).

- consume: first-expired-first-out over stacks NOT expired yet, then expired ones (the client
  pre-selects the earliest non-expired stack; eating expired food is never the silent default);
  waste: plain FEFO, expired lots first. Both are all-or-nothing on a shortage.
- Amounts convert to each stack's unit, stored at 3 decimals (parts rounding to zero are not
  recorded). A stack consumed to zero is removed; one *set* to zero is kept (contract row 30).
- Stacks of an item must convert to its unit; foods are one stack of servings. Expiry vs added
  date is checked by expiry.estimate_expiry, which gets the user's local date.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from zerowaste.domain.inventory.expiry import (
    DEFAULT_SOON_DAYS,
    ExpiryStatus,
    ItemKind,
    expiry_status,
)
from zerowaste.domain.shared import units
from zerowaste.domain.shared.clock import ensure_utc
from zerowaste.domain.shared.errors import Conflict, InvalidInput, NotFound, RuleViolation
from zerowaste.domain.shared.storage import StoragePlace, normalize_storage

MAX_NAME_LENGTH = 120
SERVING = "serving"
Number = int | float | Decimal | str
Plan = list[tuple["Stack", Decimal]]
_SPACES = frozenset("\t\n\r\x0b\x0c")  # control characters that are whitespace: collapsed
_REFUSED = frozenset({"Cc", "Cf", "Cs"})  # other controls, bidi/zero-width marks, lone surrogates


class InvalidName(InvalidInput):
    code = "invalid_name"


class InsufficientQuantity(RuleViolation):
    code = "insufficient_quantity"


class StackNotFound(NotFound):
    code = "stack_not_found"


class JournalReason(StrEnum):
    CONSUMED = "consumed"
    COOKED = "cooked"
    WASTED = "wasted"
    EXPIRED = "expired"
    CORRECTED = "corrected"
    ADDED = "added"


WASTED, CORRECTED = JournalReason.WASTED, JournalReason.CORRECTED


@dataclass(frozen=True, kw_only=True)
class JournalEntry:
    """One change to a stack: a positive quantity in the stack's unit; the reason says which way."""

    owner_id: str
    item_name: str
    stack_added_at: datetime
    quantity: Decimal
    unit: str
    reason: JournalReason
    occurred_at: datetime
    stack_id: int | None = None
    recipe_used: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if not self.quantity > 0 or self.occurred_at.tzinfo is None:
            raise ValueError("Journal entries need a positive quantity and an aware occurred_at")


def normalize_item_name(raw: object) -> str:
    """Return a clean item name: NFC, whitespace collapsed, 1..120 chars, no control characters."""
    if not isinstance(raw, str):
        raise InvalidName("The name must be text")
    return _normalized_name(raw)


@functools.lru_cache(maxsize=8192)
def _normalized_name(raw: str) -> str:
    # Memoised: every item read from the database is checked again (a 50-item list, 50 names).
    # A refused name raises, and exceptions are never cached.
    text = unicodedata.normalize("NFC", raw)
    if any(ch not in _SPACES and unicodedata.category(ch) in _REFUSED for ch in text):
        raise InvalidName("The name contains control characters")
    name = " ".join(text.split())
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise InvalidName(f"The name must have 1 to {MAX_NAME_LENGTH} characters")
    return name


@dataclass(kw_only=True, eq=False)
class Stack:
    """A lot with its own quantity, expiry and storage; `added_at` is UTC to the second."""

    id: int | None = None
    quantity: Decimal
    unit: str
    added_at: datetime
    expires_on: date
    storage: StoragePlace
    expiry_source: str = "explicit"  # explicit | declared | shelf_life | default

    def __post_init__(self) -> None:
        parsed = units.parse_quantity(self.quantity, self.unit, allow_zero=True)
        self.quantity, self.unit = parsed.amount, parsed.unit
        self.added_at = ensure_utc(self.added_at).replace(microsecond=0)
        self.storage = normalize_storage(self.storage)

    def as_quantity(self) -> units.Quantity:
        """The stack's quantity as a value object."""
        return units.Quantity(self.quantity, self.unit)

    def is_expired(self, today: date) -> bool:
        """True once the expiry date has passed (the expiry day itself is still good)."""
        return self.expires_on < today


@dataclass(kw_only=True, eq=False)
class InventoryItem:
    """A named ingredient or food of one household (`owner_id`); its stacks hold the actual
    quantities. `added_by` is the member who first added it (None once they left)."""

    id: int | None = None
    owner_id: str
    added_by: str | None = None
    name: str
    kind: ItemKind = "ingredient"
    unit: str
    storage: StoragePlace
    tips: str = ""
    image_path: str = ""
    stacks: list[Stack] = field(default_factory=list)
    main_ingredients: list[str] = field(default_factory=list)
    category: str | None = None
    calories: int | None = None
    description: str | None = None
    allergens: list[str] = field(default_factory=list)  # EU-14 codes the item contains

    def __post_init__(self) -> None:
        if not isinstance(self.owner_id, str) or not self.owner_id:
            raise InvalidInput("owner_id is required", code="invalid_owner")
        self.name = normalize_item_name(self.name)
        self.unit = units.normalize_unit(self.unit)
        self.storage = normalize_storage(self.storage)
        if self.kind == "food" and (self.unit != SERVING or len(self.stacks) > 1):
            raise InvalidInput("A food is a single stack counted in servings", code="invalid_food")

    def stack(self, stack_id: int) -> Stack:
        """Return the stack with this id, or raise StackNotFound."""
        found = next((s for s in self.stacks if s.id == stack_id), None)
        if found is None:
            raise StackNotFound(f"No stack {stack_id} in {self.name!r}", details={"id": stack_id})
        return found

    def add_stack(self, stack: Stack) -> list[JournalEntry]:
        """Add a lot (> 0) and return its ADDED entry; the first stack sets the item's unit."""
        if stack.quantity <= 0:
            raise units.InvalidQuantity("A new stack needs a quantity above zero")
        self._check_unit(stack.unit)
        if self.kind == "food" and self.stacks:
            raise RuleViolation("A food holds a single stack", code="food_single_stack")
        if any(s.added_at == stack.added_at for s in self.stacks):
            raise Conflict("A stack was already added at that second", code="duplicate_stack")
        if not self.stacks:
            self.unit = stack.unit
        self.stacks.append(stack)
        return [self._entry(stack, stack.quantity, JournalReason.ADDED, stack.added_at)]

    def consume(
        self,
        quantity: Number,
        unit: str,
        today: date,
        *,
        now: datetime,
        stack_id: int | None = None,
        reason: Literal[JournalReason.CONSUMED, JournalReason.COOKED] = JournalReason.CONSUMED,
        recipe_used: str | None = None,
        note: str | None = None,
    ) -> list[JournalEntry]:
        """Use up an amount (CONSUMED or COOKED), FEFO over non-expired stacks first."""
        order = self._fefo(today, fresh_first=True) if stack_id is None else [self.stack(stack_id)]
        taken = self._take(units.parse_quantity(quantity, unit), order)
        return [self._entry(s, part, reason, now, recipe_used, note) for s, part in taken]

    def waste(
        self,
        quantity: Number,
        unit: str,
        today: date,
        *,
        now: datetime,
        stack_id: int | None = None,
        note: str | None = None,
    ) -> list[JournalEntry]:
        """Throw an amount away, plain FEFO; entries say EXPIRED for expired lots, else WASTED."""
        order = self._fefo(today, fresh_first=False) if stack_id is None else [self.stack(stack_id)]
        taken = self._take(units.parse_quantity(quantity, unit), order)
        return [
            self._entry(s, part, _reason(s, today, WASTED), now, note=note) for s, part in taken
        ]

    def set_quantity(
        self, stack_id: int, quantity: Number, *, now: datetime, unit: str | None = None
    ) -> list[JournalEntry]:
        """Set a stack's absolute quantity (0 keeps it); the change is journaled as CORRECTED."""
        stack = self.stack(stack_id)
        requested = units.parse_quantity(quantity, unit or stack.unit, allow_zero=True)
        self._check_unit(requested.unit)
        new = units.quantize(units.convert(requested, stack.unit).amount)
        if self.kind == "food" and new < 1:
            raise units.InvalidQuantity("A food keeps at least one serving; consume or remove it")
        old, stack.quantity = stack.quantity, new
        if new == old:
            return []
        return [self._entry(stack, abs(new - old), CORRECTED, now, note=f"{old}→{new}")]

    def remove_stack(self, stack_id: int, today: date, *, now: datetime) -> list[JournalEntry]:
        """Delete a stack: what an expired one held is journaled EXPIRED (waste), else CORRECTED."""
        stack = self.stack(stack_id)
        self.stacks.remove(stack)
        if stack.quantity == 0:
            return []
        return [self._entry(stack, stack.quantity, _reason(stack, today, CORRECTED), now)]

    def listed_stacks(self) -> list[Stack]:
        """Stacks in the order the client lists and indexes them: expiry, then added_at."""
        return sorted(self.stacks, key=lambda s: (s.expires_on, s.added_at))

    def nearest_expiration(self) -> date | None:
        """The earliest expiry date over all stacks, or None without stacks."""
        return min((s.expires_on for s in self.stacks), default=None)

    def total_quantity(self, unit: str | None = None) -> Decimal:
        """Sum of all stacks in `unit` (default: the item's unit), at 3 decimals."""
        parts = (units.convert(s.as_quantity(), unit or self.unit).amount for s in self.stacks)
        return units.quantize(sum(parts, Decimal(0)))

    def status(self, today: date, soon_days: int = DEFAULT_SOON_DAYS) -> ExpiryStatus | None:
        """Status of the earliest-expiring stack, or None when the item has no stacks."""
        nearest = self.nearest_expiration()
        return None if nearest is None else expiry_status(nearest, today, soon_days)

    def _check_unit(self, unit: str) -> None:
        if self.kind == "food" and unit != SERVING:
            raise units.IncompatibleUnits("Foods are counted in servings", details={"unit": unit})
        if self.stacks and not units.are_convertible(unit, self.unit):
            raise units.IncompatibleUnits(f"{unit} is not convertible to the item's {self.unit}")

    def _fefo(self, today: date, *, fresh_first: bool) -> list[Stack]:
        return sorted(
            self.stacks,
            key=lambda s: (fresh_first and s.is_expired(today), s.expires_on, s.added_at),
        )

    def _take(self, requested: units.Quantity, order: list[Stack]) -> Plan:
        """Take an amount from stacks in order, all or nothing; returns what each one gave."""
        self._check_unit(requested.unit)
        remaining, plan = requested.amount, []
        for stack in order:
            available = units.quantize(units.convert(stack.as_quantity(), requested.unit).amount)
            if remaining <= 0 or available <= 0:
                continue
            if remaining >= available:
                plan.append((stack, stack.quantity))
                remaining -= available
            else:
                rest = units.convert(units.Quantity(remaining, requested.unit), stack.unit)
                plan.append((stack, min(units.quantize(rest.amount), stack.quantity)))
                remaining = Decimal(0)
        if remaining > 0:
            left = str(requested.amount - remaining)
            details: dict[str, object] = {"requested": str(requested.amount), "available": left}
            raise InsufficientQuantity(f"Only {left} {requested.unit} left", details=details)
        for stack, part in plan:
            stack.quantity = units.quantize(stack.quantity - part)
            if stack.quantity == 0:
                self.stacks.remove(stack)
        return [(stack, part) for stack, part in plan if part > 0]

    def _entry(
        self,
        stack: Stack,
        quantity: Decimal,
        reason: JournalReason,
        at: datetime,
        recipe_used: str | None = None,
        note: str | None = None,
    ) -> JournalEntry:
        return JournalEntry(
            owner_id=self.owner_id,
            item_name=self.name,
            stack_added_at=stack.added_at,
            stack_id=stack.id,
            quantity=quantity,
            unit=stack.unit,
            reason=reason,
            occurred_at=ensure_utc(at),
            recipe_used=recipe_used,
            note=note,
        )


def _reason(stack: Stack, today: date, otherwise: JournalReason) -> JournalReason:
    """Losses from an expired stack are journaled EXPIRED, whatever the caller's reason."""
    return JournalReason.EXPIRED if stack.is_expired(today) else otherwise


@dataclass(frozen=True)
class StockLine:
    """One stack of an ingredient as the recipe pickers read stock: its item's name and unit, and
    the stack's amount, unit and expiry (what `InventoryItem`s would give them, without building
    the items: a 200-stack pantry costs ~20 ms as items, a few as lines)."""

    name: str
    item_unit: str
    quantity: Decimal
    unit: str
    expires_on: date
