"""Item identity in the client's URLs, resolved once here to the application's references.

- `<name>` arrives URL-decoded; the client writes "/" as `_SLASH_`, reversed here.
- `<added_at>` is the client's local wall clock with milliseconds and a literal Z that does not
  mean UTC (`2025-06-22T20:29:12.000Z`). We return `added_at` as naive UTC seconds, so the digits
  it echoes back ARE the stored UTC time: parse, drop the zone, truncate to the second.
- `/api/inventory/<id>` (contract row 27): our numeric item id, or the client-made
  `<name>_stack_<i>` = the i-th stack (0-based, by expiry then added_at) of that ingredient
  (else of the foods with that name), as listed by GET /api/inventory.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from marshmallow import ValidationError

from zerowaste.application.inventory.model import ItemRef
from zerowaste.application.inventory.support import ItemNotFound
from zerowaste.domain.inventory.expiry import ItemKind
from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.interface.http.security import current_user_id, services

SLASH = "_SLASH_"
MAX_STAMP_LENGTH = 40
_CLIENT_ID = re.compile(r"^(?P<name>.+)_stack_(?P<index>\d{1,4})$")


def decode_name(raw: str) -> str:
    """The item name the client meant: `_SLASH_` back to "/"."""
    return raw.replace(SLASH, "/")


def parse_client_datetime(raw: object, field: str = "added_at") -> datetime:
    """The digits of an ISO timestamp (zone dropped, seconds precision) as an aware UTC value."""
    if not isinstance(raw, str) or not 0 < len(raw) <= MAX_STAMP_LENGTH:
        raise ValidationError({field: ["Expected an ISO date-time like 2025-06-22T20:29:12Z"]})
    try:
        parsed = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError({field: [f"Not an ISO date-time: {raw[:40]!r}"]}) from None
    return parsed.replace(tzinfo=UTC, microsecond=0)


def parse_client_date(raw: object, field: str = "expiration_date") -> date:
    """A calendar date from "YYYY-MM-DD" or any ISO date-time (its date digits, zone ignored)."""
    return parse_client_datetime(raw, field).date()


def stack_ref(kind: ItemKind, name: str, added_at: str) -> ItemRef:
    """The stack (or food) the client names by `<name>/<added_at>`."""
    return ItemRef(kind=kind, name=decode_name(name), added_at=parse_client_datetime(added_at))


def name_ref(name: str) -> ItemRef:
    """The whole ingredient the client names by `<name>`."""
    return ItemRef(kind="ingredient", name=decode_name(name))


def client_item_ref(raw: str) -> ItemRef:
    """Row 27's `<id>`: a numeric item id, or `<name>_stack_<i>` resolved on the caller's list."""
    if raw.isdigit() and len(raw) <= 12:
        return ItemRef(item_id=int(raw))
    match = _CLIENT_ID.match(decode_name(raw))
    if match is None:
        raise ItemNotFound("Item not found", details={"id": raw[:100]})
    views, _ = services().inventory_queries.views(current_user_id())
    items = [v.item for v in views]
    return _nth_stack(items, match["name"], int(match["index"]), raw)


def ordered_stacks(item: InventoryItem) -> list[Stack]:
    """Stacks in the order the client lists (and indexes) them: expiry, then added_at."""
    return sorted(item.stacks, key=lambda s: (s.expires_on, s.added_at))


def _nth_stack(items: list[InventoryItem], name: str, index: int, raw: str) -> ItemRef:
    key = " ".join(name.split()).casefold()
    named = [i for i in items if i.name.casefold() == key]
    ingredient = next((i for i in named if i.kind == "ingredient"), None)
    if ingredient is not None:
        candidates = [(ingredient, s) for s in ordered_stacks(ingredient)]
    else:
        foods = [(f, s) for f in named if f.kind == "food" for s in f.stacks]
        candidates = sorted(foods, key=lambda pair: (pair[1].expires_on, pair[1].added_at))
    if index >= len(candidates):
        raise ItemNotFound("Item not found", details={"id": raw[:100]})
    item, stack = candidates[index]
    return ItemRef(kind=item.kind, item_id=item.id, stack_id=stack.id)
