"""Test data built through the ports: a user always comes with their household of one."""

from __future__ import annotations

from typing import Any

from zerowaste.domain.accounts.users import User
from zerowaste.domain.households import Household


def add_user(uow: Any, user: User, *, password_hash: str | None = None) -> User:
    """Add `user` and a household of one whose id is the uid (as migrated accounts have)."""
    uow.households.add(Household(user.uid, "", user.created_at))
    user.household_id = user.uid
    uow.users.add(user, password_hash=password_hash)
    return user
