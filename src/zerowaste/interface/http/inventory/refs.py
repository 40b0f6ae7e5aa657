"""Item identity in the client's URLs, resolved once here to the application's references.

- `<name>` arrives URL-decoded; the client writes "/" as `_SLASH_`, reversed here.
- `<added_at>` is the client's local wall clock with milliseconds and a literal Z that does not
  mean UTC (`2025-06-22T20:29:12.000Z`). We return `added_at` as naive UTC seconds, so the digits
  it echoes back ARE the stored UTC time: parse, drop the zone, truncate to the second.
- Numeric ids (in paths and bodies) are at most MAX_ID.
- `/api/inventory/<id>` (contract row 27): our numeric item id, or the client-made
  `<name>_stack_<i>` = the i-th stack (0-based, by expiry then added_at) of that ingredient
  (else of the foods with that name), as listed by GET /api/inventory. Parsing only: no path
  parser runs a query; the service resolves the reference inside its own transaction.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from marshmallow import ValidationError

from zerowaste.application.inventory.model import ItemRef
from zerowaste.application.inventory.refs import ItemNotFound
from zerowaste.domain.inventory.expiry import ItemKind

SLASH = "_SLASH_"
MAX_STAMP_LENGTH = 40
MAX_ID = 2**63 - 1  # the largest SQLite/BIGINT integer: a larger id names no row (not a crash)
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


def by_id(item_id: int, stack_id: int | None = None) -> ItemRef:
    """An item (and stack) by our ids; one beyond MAX_ID names no item."""
    if item_id > MAX_ID:
        raise ItemNotFound("Item not found", details={"id": str(item_id)[:100]})
    return ItemRef(item_id=item_id, stack_id=stack_id)


def client_item_ref(raw: str) -> ItemRef:
    """Row 27's `<id>`: a numeric item id, or `<name>_stack_<i>` (resolved by the service on the
    caller's inventory, in the same transaction as the change)."""
    if raw.isdigit() and len(raw) <= 12:
        return ItemRef(item_id=int(raw))
    match = _CLIENT_ID.match(decode_name(raw))
    if match is None:
        raise ItemNotFound("Item not found", details={"id": raw[:100]})
    return ItemRef(name=match["name"], position=int(match["index"]))
