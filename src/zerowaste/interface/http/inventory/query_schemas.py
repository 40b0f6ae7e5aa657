"""Query-string schemas of the inventory reads: expiring window and the journal page."""

from __future__ import annotations

from marshmallow import fields, validate

from zerowaste.application.inventory.queries import MAX_JOURNAL_PAGE
from zerowaste.domain.inventory.items import JournalReason
from zerowaste.interface.http.inventory.fields import CommaList, UtcDateTime
from zerowaste.interface.http.schemas import RequestSchema

JOURNAL_REASONS = tuple(r.value for r in JournalReason)


class ExpiringQuerySchema(RequestSchema):
    """Row 24: `?days=N` (default 3)."""

    days = fields.Integer(load_default=3, validate=validate.Range(min=0, max=365))


class JournalQuerySchema(RequestSchema):
    """`?reason=wasted,expired&since=ISO&limit=&offset=` (newest first)."""

    reason = CommaList(
        JOURNAL_REASONS,
        load_default=None,
        metadata={"description": "comma list of: " + ", ".join(JOURNAL_REASONS)},
    )
    since = UtcDateTime(load_default=None, metadata={"description": "ISO 8601; no offset = UTC"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_JOURNAL_PAGE))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))
