"""The caller and the members of their household, read together: what reading the caller alone
costs (`UserRepository.with_households`), for use cases that answer for the whole household."""

from __future__ import annotations

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.domain.accounts.users import User
from zerowaste.domain.shared.errors import NotFound


def caller_and_members(users: UserRepository, user_uid: str) -> tuple[User, list[User]]:
    """The caller and every member of their household (the caller among them)."""
    members = users.with_households([user_uid])
    user = next((m for m in members if m.uid == user_uid), None)
    if user is None:
        raise NotFound("Profile not found", code="profile_not_found")
    return user, members
