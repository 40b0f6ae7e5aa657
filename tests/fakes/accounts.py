"""Fakes of the accounts ports: users, sessions, revocations, password hashing, identity."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households import DataVersion, Household, Member, Membership
from zerowaste.domain.shared.errors import AuthenticationFailed

if TYPE_CHECKING:
    from tests.fakes import FakeStore, FixedClock


class FakeUserRepository:
    def __init__(self, state: FakeStore) -> None:
        self._state = state

    def of_household(self, household_id: str) -> list[User]:
        found = [u for u in self._state.users.values() if u.household_id == household_id]
        return [copy.deepcopy(u) for u in sorted(found, key=lambda u: (u.created_at, u.uid))]

    def with_households(self, uids: Sequence[str]) -> list[User]:
        theirs = {self._state.users[u].household_id for u in uids if u in self._state.users}
        found = [u for u in self._state.users.values() if u.household_id in theirs]
        return [copy.deepcopy(u) for u in sorted(found, key=lambda u: (u.created_at, u.uid))]

    def get(self, uid: str) -> User | None:
        user = self._state.users.get(uid)
        return copy.deepcopy(user) if user else None

    def get_by_firebase_uid(self, firebase_uid: str) -> User | None:
        found = [u for u in self._state.users.values() if u.firebase_uid == firebase_uid]
        return copy.deepcopy(found[0]) if found else None

    def get_by_login_email(self, email: str) -> tuple[User, str] | None:
        for uid, (login_email, password_hash) in self._state.credentials.items():
            if login_email == email:
                return copy.deepcopy(self._state.users[uid]), password_hash
        return None

    def add(self, user: User, *, password_hash: str | None = None) -> None:
        if user.uid in self._state.users:
            raise ValueError(f"duplicate user {user.uid}")  # the primary key would refuse it
        if user.household_id not in self._state.households:
            raise ValueError(f"no household {user.household_id!r}")  # the foreign key would
        self._state.users[user.uid] = copy.deepcopy(user)
        if password_hash is not None and user.email:
            self.set_password(user.uid, user.email, password_hash)

    def save(self, user: User) -> None:
        if user.uid not in self._state.users:
            raise LookupError(user.uid)
        self._state.users[user.uid] = copy.deepcopy(user)

    def set_password(self, uid: str, login_email: str, password_hash: str) -> None:
        self._state.credentials[uid] = (login_email, password_hash)

    def login_email_taken(self, email: str) -> bool:
        return any(e == email for e, _ in self._state.credentials.values())

    def delete(self, uid: str) -> None:
        self._state.users.pop(uid, None)
        self._state.credentials.pop(uid, None)
        for sid in [s.id for s in self._state.sessions.values() if s.user_uid == uid]:
            del self._state.sessions[sid]


class FakeSessionRepository:
    def __init__(self, state: FakeStore) -> None:
        self._state = state

    def add(self, session: AuthSession) -> None:
        self._state.sessions[session.id] = replace(session)

    def get(self, owner_id: str, session_id: str) -> AuthSession | None:
        found = self._state.sessions.get(session_id)
        return replace(found) if found and found.user_uid == owner_id else None

    def list_active(self, owner_id: str, now: datetime) -> list[AuthSession]:
        active = [
            replace(s)
            for s in self._state.sessions.values()
            if s.user_uid == owner_id and s.is_active(now)
        ]
        return sorted(active, key=lambda s: s.last_used_at, reverse=True)

    def rotate_refresh(
        self, session_id: str, old_jti: str, new_jti: str, now: datetime, expires_at: datetime
    ) -> bool:
        found = self._state.sessions.get(session_id)
        if found is None or found.refresh_jti != old_jti or found.revoked_at is not None:
            return False
        found.refresh_jti, found.last_used_at, found.expires_at = new_jti, now, expires_at
        return True

    def revoke(self, session_id: str, now: datetime) -> None:
        found = self._state.sessions.get(session_id)
        if found is not None and found.revoked_at is None:
            found.revoked_at = now

    def revoke_all(self, owner_id: str, now: datetime) -> list[str]:
        ids = [
            s.id
            for s in self._state.sessions.values()
            if s.user_uid == owner_id and s.revoked_at is None
        ]
        for sid in ids:
            self._state.sessions[sid].revoked_at = now
        return ids


class FakeRevocationStore:
    """Revoked keys with an expiry measured on the given clock."""

    def __init__(self, clock: FixedClock) -> None:
        self._clock = clock
        self.entries: dict[str, datetime] = {}

    def revoke(self, key: str, ttl: timedelta) -> None:
        self.entries[key] = self._clock.now() + ttl

    def any_revoked(self, keys: Iterable[str]) -> bool:
        now = self._clock.now()
        return any(self.entries.get(k, now) > now for k in keys)

    def ping(self) -> bool:
        return True


class FakeHasher:
    """Not a hash: "hashed:<password>", so tests can read what was stored."""

    def hash(self, password: str) -> str:
        return f"hashed:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == f"hashed:{password}"

    def needs_rehash(self, password_hash: str) -> bool:
        return False


class FakeIdentityVerifier:
    """Maps token strings to claims; an unknown token is an invalid one."""

    def __init__(self, tokens: dict[str, dict[str, Any]] | None = None) -> None:
        self.tokens = dict(tokens or {})

    def verify(self, id_token: str) -> dict[str, Any]:
        if id_token not in self.tokens:
            raise AuthenticationFailed("Invalid token", code="invalid_token")
        return dict(self.tokens[id_token])


class FakeHouseholdRepository:
    """Households over the fake store; deleting one removes the inventory it owns (cascade)."""

    def __init__(self, state: FakeStore) -> None:
        self._state = state

    def add(self, household: Household) -> None:
        self._state.households[household.id] = copy.deepcopy(household)
        self._state.versions[household.id] = 0

    def claim(self, user_uid: str) -> str | None:
        membership = self.claim_member(user_uid)
        return None if membership is None else membership.household_id

    def claim_member(self, user_uid: str) -> Membership | None:
        user = self._state.users.get(user_uid)
        if user is None or user.household_id not in self._state.households:
            return None
        self._state.versions[user.household_id] += 1
        self._state.inventory.calls.hit("claim")
        return Membership(user.household_id, user.household_role)

    def members(self, household_id: str) -> list[str]:
        return [m.uid for m in self.roster(household_id)]

    def roster(self, household_id: str) -> list[Member]:
        found = [u for u in self._state.users.values() if u.household_id == household_id]
        ordered = sorted(found, key=lambda u: (u.created_at, u.uid))
        return [Member(u.uid, u.name, u.household_role, u.created_at) for u in ordered]

    def set_role(self, user_uid: str, role: str) -> None:
        self._state.users[user_uid].household_role = role

    def delete(self, household_id: str) -> None:
        if self.members(household_id):
            raise AssertionError("a household with members cannot be deleted (RESTRICT)")
        self._state.households.pop(household_id, None)
        inventory = self._state.inventory
        inventory.items = {k: i for k, i in inventory.items.items() if i.owner_id != household_id}
        inventory.journal = [r for r in inventory.journal if r["owner_id"] != household_id]


class FakeUserFiles:
    """Records whose uploads were deleted (account deletion)."""

    def __init__(self) -> None:
        self.deleted: list[str] = []

    def delete_user_files(self, user_id: str) -> int:
        self.deleted.append(user_id)
        return 0


class FakeDataVersions:
    """DataVersionReader over the committed fake store (what a read outside a unit of work
    sees)."""

    def __init__(self, state: FakeStore) -> None:
        self._state = state

    def version_of(self, user_uid: str) -> DataVersion | None:
        user = self._state.users.get(user_uid)
        if user is None or user.household_id not in self._state.households:
            return None
        version = self._state.versions[user.household_id]
        return DataVersion(user.household_id, version, user.updated_at.timestamp())
