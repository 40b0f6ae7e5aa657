"""Ports of the accounts feature: users, sign-in sessions, passwords, identity, revocations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households import DataVersion, Household, Member, Membership


class UserRepository(Protocol):
    def get(self, uid: str) -> User | None: ...

    def get_by_firebase_uid(self, firebase_uid: str) -> User | None: ...

    def of_household(self, household_id: str) -> list[User]: ...  # its members, oldest first

    def with_households(self, uids: Sequence[str]) -> list[User]:
        """These users and everyone sharing a household with them, oldest first, one query."""
        ...

    def get_by_login_email(self, email: str) -> tuple[User, str] | None: ...

    def add(self, user: User, *, password_hash: str | None = None) -> None: ...

    def save(self, user: User) -> None: ...

    def set_password(self, uid: str, login_email: str, password_hash: str) -> None: ...

    def login_email_taken(self, email: str) -> bool: ...

    def delete(self, uid: str) -> None: ...


class SessionRepository(Protocol):
    def add(self, session: AuthSession) -> None: ...

    def get(self, owner_id: str, session_id: str) -> AuthSession | None: ...

    def list_active(self, owner_id: str, now: datetime) -> list[AuthSession]: ...

    def rotate_refresh(
        self, session_id: str, old_jti: str, new_jti: str, now: datetime, expires_at: datetime
    ) -> bool: ...

    def revoke(self, session_id: str, now: datetime) -> None: ...

    def revoke_all(self, owner_id: str, now: datetime) -> list[str]: ...


class HouseholdRepository(Protocol):
    """Households own shared data (domain/households.py)."""

    def add(self, household: Household) -> None: ...

    def claim(self, user_uid: str) -> str | None: ...  # lock for a write, version + 1; its id

    def claim_member(self, user_uid: str) -> Membership | None: ...  # claim, with the role

    def members(self, household_id: str) -> list[str]: ...

    def roster(self, household_id: str) -> list[Member]: ...  # members with roles, oldest first

    def set_role(self, user_uid: str, role: str) -> None: ...

    def delete(self, household_id: str) -> None: ...  # and everything it owns


class DataVersionReader(Protocol):
    """The version of what a user's cached views show, read outside any unit of work (it is
    the one database read of a cached request)."""

    def version_of(self, user_uid: str) -> DataVersion | None: ...


class AccountsUnitOfWork(UnitOfWork, Protocol):
    @property
    def users(self) -> UserRepository: ...

    @property
    def sessions(self) -> SessionRepository: ...

    @property
    def households(self) -> HouseholdRepository: ...


class UserFiles(Protocol):
    """What a user uploaded (images), deleted with their account."""

    def delete_user_files(self, user_id: str) -> int: ...  # how many files went


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class IdentityVerifier(Protocol):
    """Verifies an external identity token (Firebase) and returns its claims."""

    def verify(self, id_token: str) -> dict[str, Any]: ...


class RevocationStore(Protocol):
    """Revoked token ids (`jti`) and session ids (`sid:<id>`), kept until they would expire."""

    def revoke(self, key: str, ttl: timedelta) -> None: ...

    def any_revoked(self, keys: Iterable[str]) -> bool: ...

    def ping(self) -> bool: ...
