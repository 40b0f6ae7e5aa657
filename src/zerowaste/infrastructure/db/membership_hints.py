"""Hints of which household (and role) a user was last found in, for the one-statement claim."""

from __future__ import annotations

import threading
from collections import OrderedDict

from zerowaste.domain.households import Membership


class MembershipHints:
    """User uid -> the membership its last claim found: a hint the claim checks in the same
    statement, so a stale or foreign one is never trusted (it costs the two-statement lookup).
    The least recently used entries leave beyond `capacity`; safe to share between threads."""

    def __init__(self, capacity: int = 8192) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[str, Membership] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, user_uid: str) -> Membership | None:
        with self._lock:
            found = self._entries.get(user_uid)
            if found is not None:
                self._entries.move_to_end(user_uid)
            return found

    def remember(self, user_uid: str, membership: Membership) -> None:
        with self._lock:
            self._entries[user_uid] = membership
            self._entries.move_to_end(user_uid)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def forget(self, user_uid: str) -> None:
        with self._lock:
            self._entries.pop(user_uid, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __contains__(self, user_uid: object) -> bool:
        with self._lock:
            return user_uid in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
