"""Admin audit rows: who did what to which target, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_TARGET = 300
MAX_ACTOR = 254
CLI_ACTOR_PREFIX = "cli:"  # grants and revokes from the command line name the OS user


@dataclass(frozen=True)
class AdminAction:
    actor: str  # the admin's email (or uid), or "cli:<os user>"
    action: str  # "grant", "revoke", or the admin route's name ("stats", "users", ...)
    target: str  # what the action was about: an email, a path with its query, an export type
    created_at: datetime
    actor_uid: str | None = None  # None for the command line
    id: int | None = None

    @classmethod
    def of(
        cls, actor: str, action: str, target: str, at: datetime, actor_uid: str | None = None
    ) -> AdminAction:
        """A row with its free-text fields cut to what the table stores."""
        return cls(actor[:MAX_ACTOR], action[:40], target[:MAX_TARGET], at, actor_uid)
