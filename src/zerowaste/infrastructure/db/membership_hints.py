"""Hints of which household (and role) a user was last found in, for the one-statement claim."""

from __future__ import annotations

from zerowaste.domain.households import Membership
from zerowaste.domain.shared.lru import BoundedLRU


class MembershipHints(BoundedLRU[str, Membership]):
    """User uid -> the membership its last claim found: a hint the claim checks in the same
    statement, so a stale or foreign one is never trusted (it costs the two-statement lookup).
    The least recently used entries leave beyond `capacity`; safe to share between threads."""

    def __init__(self, capacity: int = 8192) -> None:
        super().__init__(capacity)

    def remember(self, user_uid: str, membership: Membership) -> None:
        self.put(user_uid, membership)

    def forget(self, user_uid: str) -> None:
        self.discard(user_uid)
