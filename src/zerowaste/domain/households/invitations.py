"""Invitation codes (issue #14 §1): random, single use, valid for 7 days, stored only as a
SHA-256 hash (a code has 128 bits of entropy, so a fast hash is enough: nobody can enumerate
the space, and a leaked table yields no usable code)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from zerowaste.domain.households.roles import INVITABLE, Role
from zerowaste.domain.shared.errors import Conflict, InvalidInput, RuleViolation

VALID_FOR = timedelta(days=7)
CODE_BYTES = 16
MAX_CODE_LENGTH = 64


def new_code() -> str:
    """A fresh random code (URL-safe, 22 characters)."""
    return secrets.token_urlsafe(CODE_BYTES)


def code_hash(code: str) -> str:
    """What is stored and looked up: the hex SHA-256 of the code as typed (trimmed)."""
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


@dataclass
class Invitation:
    household_id: str
    code_hash: str
    role: Role
    created_by: str
    created_at: datetime
    expires_at: datetime
    id: int | None = None
    used_by: str | None = None
    used_at: datetime | None = None

    @classmethod
    def issue(
        cls, household_id: str, created_by: str, role: Role, now: datetime
    ) -> tuple[Invitation, str]:
        """A new invitation and its code (the only time the code exists in clear)."""
        if role not in INVITABLE:
            raise InvalidInput(
                "An invitation makes an adult or a viewer", code="invalid_invitation_role"
            )
        code = new_code()
        found = cls(household_id, code_hash(code), role, created_by, now, now + VALID_FOR)
        return found, code

    def use(self, user_uid: str, now: datetime) -> None:
        """Spend the invitation on `user_uid`: once, before it expires."""
        if self.used_at is not None:
            raise Conflict("This invitation was already used", code="invitation_used")
        if now >= self.expires_at:
            raise RuleViolation("This invitation has expired", code="invitation_expired")
        self.used_by, self.used_at = user_uid, now
