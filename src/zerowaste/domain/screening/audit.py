"""Audit rows: who did what, whether it was allowed and why, with which model and cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

ACTIONS = ("screening", "plan_generation")


@dataclass(frozen=True)
class AuditEntry:
    user_uid: str
    action: str  # one of ACTIONS
    allowed: bool
    reason: str
    created_at: datetime
    model: str | None = None  # the AI model of a generation ("local" for the embedded engine)
    estimated_cost_usd: Decimal = Decimal(0)
    id: int | None = None
