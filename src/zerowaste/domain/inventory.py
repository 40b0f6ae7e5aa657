"""Inventory entities: an item, its stacks (lots) and the journal entries its rules return.

Policies:
- Consumption is first-expired-first-out over the stacks that are NOT expired yet, then over the
  expired ones: the client pre-selects the earliest non-expired stack, and eating from an expired
  lot should never be the silent default. Waste is plain FEFO, so expired lots go first.
- Amounts are converted to each stack's unit within a dimension and stored at 3 decimals; parts
  that round to zero in a stack's unit are not recorded. A stack consumed to zero is removed;
  one *set* to zero with set_quantity is kept (client contract, row 30).
- Each stack keeps its own unit; while an item has stacks, new ones must convert to its unit.
- Foods are one stack counted in servings (unit "serving").
- Rules never commit or log: they mutate the entity and return JournalEntry values to persist.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from zerowaste.domain.clock import ensure_utc
from zerowaste.domain.errors import Conflict, InvalidInput, NotFound, RuleViolation
from zerowaste.domain.expiry import (
    DEFAULT_DAYS,
    DEFAULT_SOON_DAYS,
    ExpiryStatus,
    ItemKind,
    days_to_expire,
    expiry_status,
)
from zerowaste.domain.storage import StoragePlace, normalize_storage
from zerowaste.domain.units import (
    IncompatibleUnits,
    InvalidQuantity,
    Quantity,
    are_convertible,
    convert,
    normalize_unit,
    parse_quantity,
    quantize,
)

MAX_NAME_LENGTH = 120
SERVING = "serving"
Number = int | float | Decimal | str
_COLLAPSED_CONTROLS = frozenset("\t\n\r\x0b\x0c")  # whitespace: collapsed to a space, not refused
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})  # controls, bidi/zero-width, lone surrogates


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


@dataclass(frozen=True, kw_only=True)
class JournalEntry:
    """One change to a stack, always with a positive quantity in the stack's unit."""

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
        if not self.quantity > 0:
            raise ValueError("Journal quantities are positive; the reason gives the direction")
        if self.occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware")


def normalize_item_name(raw: object) -> str:
    """Return a clean item name: NFC, whitespace collapsed, 1..120 chars, no control characters."""
    if not isinstance(raw, str):
        raise InvalidName("The name must be text")
    text = unicodedata.normalize("NFC", raw)
    if any(
        ch not in _COLLAPSED_CONTROLS and unicodedata.category(ch) in _REFUSED_CATEGORIES
        for ch in text
    ):
        raise InvalidName("The name contains control characters")
    name = " ".join(text.split())
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise InvalidName(f"The name must have 1 to {MAX_NAME_LENGTH} characters")
    return name


@dataclass(kw_only=True, eq=False)
class Stack:
    """A lot: what was added together, with its own quantity, expiry and storage place.

    `added_at` is kept in UTC at second precision, since clients identify stacks by it.
    Expiry against the added date is checked by expiry.estimate_expiry, which gets the
    user's local date; the UTC date here could be a day off.
    """

    id: int | None = None
    quantity: Decimal
    unit: str
    added_at: datetime
    expires_on: date
    storage: StoragePlace

    def __post_init__(self) -> None:
        self.unit = normalize_unit(self.unit)
        self.quantity = quantize(Quantity(self.quantity, self.unit).amount)
        self.added_at = ensure_utc(self.added_at).replace(microsecond=0)
        self.storage = normalize_storage(self.storage)

    def as_quantity(self) -> Quantity:
        """The stack's quantity as a value object."""
        return Quantity(self.quantity, self.unit)

    def is_expired(self, today: date) -> bool:
        """True once the expiry date has passed (the expiry day itself is still good)."""
        return self.expires_on < today

    def days_to_expire(self, today: date) -> int:
        """Days left counted from today (not from added_at); negative when expired."""
        return days_to_expire(self.expires_on, today)

    def status(self, today: date, soon_days: int = DEFAULT_SOON_DAYS) -> ExpiryStatus:
        """FRESH, EXPIRING or EXPIRED as of today."""
        return expiry_status(self.expires_on, today, soon_days)


@dataclass(kw_only=True, eq=False)
class InventoryItem:
    """A named ingredient or food of one owner; its stacks hold the actual quantities."""

    id: int | None = None
    owner_id: str
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

    def __post_init__(self) -> None:
        if not isinstance(self.owner_id, str) or not self.owner_id:
            raise InvalidInput("owner_id is required", code="invalid_owner")
        if self.kind not in DEFAULT_DAYS:
            raise InvalidInput(f"Unknown item kind: {str(self.kind)[:20]!r}", code="invalid_kind")
        self.name = normalize_item_name(self.name)
        self.unit = normalize_unit(self.unit)
        self.storage = normalize_storage(self.storage)
        if self.kind == "food" and (self.unit != SERVING or len(self.stacks) > 1):
            raise InvalidInput("A food is a single stack counted in servings", code="invalid_food")

    def stack(self, stack_id: int) -> Stack:
        """Return the stack with this id, or raise StackNotFound."""
        found = next((s for s in self.stacks if s.id is not None and s.id == stack_id), None)
        if found is None:
            raise StackNotFound(f"No stack {stack_id} in {self.name!r}", details={"id": stack_id})
        return found

    def stack_added_at(self, added_at: datetime) -> Stack:
        """Return the stack added at this instant (to the second), the client's stack key."""
        key = ensure_utc(added_at).replace(microsecond=0)
        found = next((s for s in self.stacks if s.added_at == key), None)
        if found is None:
            raise StackNotFound(f"No stack added at {key.isoformat()} in {self.name!r}")
        return found

    def add_stack(
        self,
        quantity: Number,
        unit: str,
        *,
        added_at: datetime,
        expires_on: date,
        storage: StoragePlace | None = None,
        stack_id: int | None = None,
    ) -> list[JournalEntry]:
        """Add a lot (> 0) and return its ADDED entry; the first stack sets the item's unit."""
        amount = parse_quantity(quantity, unit)
        self._check_unit(amount.unit)
        if self.kind == "food" and self.stacks:
            raise RuleViolation("A food holds a single stack", code="food_single_stack")
        stack = Stack(
            id=stack_id,
            quantity=amount.amount,
            unit=amount.unit,
            added_at=added_at,
            expires_on=expires_on,
            storage=storage or self.storage,
        )
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
        reason: JournalReason = JournalReason.CONSUMED,
        recipe_used: str | None = None,
        note: str | None = None,
    ) -> list[JournalEntry]:
        """Use up an amount, FEFO over non-expired stacks first; all-or-nothing on shortage."""
        if reason not in (JournalReason.CONSUMED, JournalReason.COOKED):
            raise InvalidInput("Consumption is CONSUMED or COOKED", code="invalid_reason")
        order = self._fefo(today, fresh_first=True) if stack_id is None else [self.stack(stack_id)]
        plan = self._allocate(parse_quantity(quantity, unit), order)
        return self._apply(plan, now, lambda _: reason, recipe_used=recipe_used, note=note)

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
        plan = self._allocate(parse_quantity(quantity, unit), order)
        return self._apply(plan, now, lambda s: _loss_reason(s, today), note=note)

    def set_quantity(
        self, stack_id: int, quantity: Number, *, now: datetime, unit: str | None = None
    ) -> list[JournalEntry]:
        """Set a stack's absolute quantity (0 keeps it); the change is journaled as CORRECTED."""
        stack = self.stack(stack_id)
        requested = parse_quantity(quantity, unit or stack.unit, allow_zero=True)
        self._check_unit(requested.unit)
        new_amount = quantize(convert(requested, stack.unit).amount)
        if self.kind == "food" and new_amount < 1:
            raise InvalidQuantity("A food keeps at least one serving; consume or remove it")
        old_amount, stack.quantity = stack.quantity, new_amount
        if new_amount == old_amount:
            return []
        note = f"set from {old_amount} to {new_amount}"
        return [
            self._entry(stack, abs(new_amount - old_amount), JournalReason.CORRECTED, now, note)
        ]

    def remove_stack(self, stack_id: int, today: date, *, now: datetime) -> list[JournalEntry]:
        """Delete a stack: what an expired one held is journaled EXPIRED (waste), else CORRECTED."""
        stack = self.stack(stack_id)
        self.stacks.remove(stack)
        if stack.quantity == 0:
            return []
        return [self._entry(stack, stack.quantity, _removal_reason(stack, today), now)]

    def remove_all_stacks(self, today: date, *, now: datetime) -> list[JournalEntry]:
        """Delete every stack (the client's "delete ingredient"), journaled like remove_stack."""
        entries = [
            self._entry(s, s.quantity, _removal_reason(s, today), now)
            for s in self.stacks
            if s.quantity > 0
        ]
        self.stacks.clear()
        return entries

    def nearest_expiration(self) -> date | None:
        """The earliest expiry date over all stacks, or None without stacks."""
        return min((s.expires_on for s in self.stacks), default=None)

    def total_quantity(self, unit: str | None = None) -> Decimal:
        """Sum of all stacks in `unit` (default: the item's unit), at 3 decimals."""
        target = normalize_unit(unit or self.unit)
        total = sum((convert(s.as_quantity(), target).amount for s in self.stacks), Decimal(0))
        return quantize(total)

    def status(self, today: date, soon_days: int = DEFAULT_SOON_DAYS) -> ExpiryStatus | None:
        """Status of the earliest-expiring stack, or None when the item has no stacks."""
        nearest = self.nearest_expiration()
        return None if nearest is None else expiry_status(nearest, today, soon_days)

    def _check_unit(self, unit: str) -> None:
        if self.kind == "food" and unit != SERVING:
            raise IncompatibleUnits("Foods are counted in servings", details={"unit": unit})
        if self.stacks and not are_convertible(unit, self.unit):
            raise IncompatibleUnits(
                f"{unit} does not convert to the item's unit {self.unit}",
                details={"unit": unit, "item_unit": self.unit},
            )

    def _fefo(self, today: date, *, fresh_first: bool) -> list[Stack]:
        def key(s: Stack) -> tuple[bool, date, datetime]:
            return (fresh_first and s.is_expired(today), s.expires_on, s.added_at)

        return sorted(self.stacks, key=key)

    def _allocate(self, requested: Quantity, order: list[Stack]) -> list[tuple[Stack, Decimal]]:
        """Plan how much each stack gives (in its unit) without mutating anything."""
        self._check_unit(requested.unit)
        remaining, plan = requested.amount, []
        for stack in order:
            available = quantize(convert(stack.as_quantity(), requested.unit).amount)
            if remaining <= 0 or available <= 0:
                continue
            if remaining >= available:
                plan.append((stack, stack.quantity))
                remaining -= available
            else:
                part = quantize(convert(Quantity(remaining, requested.unit), stack.unit).amount)
                plan.append((stack, min(part, stack.quantity)))
                remaining = Decimal(0)
        if remaining > 0:
            raise InsufficientQuantity(
                f"Only {requested.amount - remaining} {requested.unit} of {self.name!r} left",
                details={
                    "requested": str(requested.amount),
                    "available": str(requested.amount - remaining),
                    "unit": requested.unit,
                },
            )
        return [(stack, part) for stack, part in plan if part > 0]

    def _apply(
        self,
        plan: list[tuple[Stack, Decimal]],
        now: datetime,
        reason_for: Callable[[Stack], JournalReason],
        *,
        recipe_used: str | None = None,
        note: str | None = None,
    ) -> list[JournalEntry]:
        entries = []
        for stack, part in plan:
            entries.append(self._entry(stack, part, reason_for(stack), now, note, recipe_used))
            stack.quantity = quantize(stack.quantity - part)
            if stack.quantity == 0:
                self.stacks.remove(stack)
        return entries

    def _entry(
        self,
        stack: Stack,
        quantity: Decimal,
        reason: JournalReason,
        occurred_at: datetime,
        note: str | None = None,
        recipe_used: str | None = None,
    ) -> JournalEntry:
        return JournalEntry(
            owner_id=self.owner_id,
            item_name=self.name,
            stack_added_at=stack.added_at,
            stack_id=stack.id,
            quantity=quantity,
            unit=stack.unit,
            reason=reason,
            occurred_at=ensure_utc(occurred_at),
            recipe_used=recipe_used,
            note=note,
        )


def _loss_reason(stack: Stack, today: date) -> JournalReason:
    return JournalReason.EXPIRED if stack.is_expired(today) else JournalReason.WASTED


def _removal_reason(stack: Stack, today: date) -> JournalReason:
    return JournalReason.EXPIRED if stack.is_expired(today) else JournalReason.CORRECTED
