"""In-memory fakes of the shared application ports (clock, unit of work) for unit tests;
each feature's own fakes live in tests/fakes/<feature>.py.

FakeUnitOfWork works on a deep copy of the shared FakeStore and writes it back only on
commit(), so "nothing was committed" is observable exactly as with the database.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from types import TracebackType

from tests.fakes.accounts import (
    FakeHouseholdRepository,
    FakeSessionRepository,
    FakeUserRepository,
)
from tests.fakes.inventory import FakeInventoryRepository, FakeInventoryState
from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households import Household

EPOCH = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


class FixedClock:
    """A clock that only moves when told to."""

    def __init__(self, now: datetime = EPOCH) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def advance(self, delta: timedelta) -> None:
        self.current += delta


@dataclass
class FakeStore:
    """The committed state shared by every unit of work of one factory."""

    users: dict[str, User] = field(default_factory=dict)
    credentials: dict[str, tuple[str, str]] = field(default_factory=dict)  # uid -> (email, hash)
    sessions: dict[str, AuthSession] = field(default_factory=dict)
    households: dict[str, Household] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)  # household id -> data version
    commits: int = 0
    inventory: FakeInventoryState = field(default_factory=lambda: FakeInventoryState())

    def add_user(self, user: User) -> User:
        """Seed a committed user with a household of one (its id is the uid), as sign-up does."""
        user.household_id = user.household_id or user.uid
        if user.household_id not in self.households:
            self.households[user.household_id] = Household(user.household_id, "", user.created_at)
            self.versions[user.household_id] = 0
        self.users[user.uid] = user
        return user


class FakeUnitOfWork:
    def __init__(self, store: FakeStore, *, write: bool) -> None:
        self._store = store
        self._write = write

    def __enter__(self) -> FakeUnitOfWork:
        self._state = copy.deepcopy(self._store)
        self.users = FakeUserRepository(self._state)
        self.sessions = FakeSessionRepository(self._state)
        self.inventory = FakeInventoryRepository(self._state.inventory)
        self.households = FakeHouseholdRepository(self._state)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        if not self._write:
            raise AssertionError("commit() on a read-only unit of work")
        commits = self._store.commits + 1
        self._store.__dict__.update(copy.deepcopy(self._state).__dict__)
        self._store.commits = commits

    def rollback(self) -> None:
        self._state = copy.deepcopy(self._store)
        self.users = FakeUserRepository(self._state)
        self.sessions = FakeSessionRepository(self._state)
        self.inventory = FakeInventoryRepository(self._state.inventory)
        self.households = FakeHouseholdRepository(self._state)


class FakeUnitOfWorkFactory:
    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store, write=True)

    def read(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store, write=False)
