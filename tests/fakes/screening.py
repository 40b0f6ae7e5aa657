"""Fakes of the intake and screening ports: per-user profiles, log, screenings and audit rows
in memory; a unit of work that writes its copy back only on commit()."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date
from types import TracebackType

from zerowaste.domain.accounts.users import User
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.intake.profile import NutritionProfile
from zerowaste.domain.screening.audit import AuditEntry
from zerowaste.domain.screening.rules import Screening


@dataclass
class NutritionState:
    users: dict[str, User] = field(default_factory=dict)
    profiles: dict[str, NutritionProfile] = field(default_factory=dict)
    log: list[tuple[str, FoodLogEntry]] = field(default_factory=list)
    screenings: list[tuple[str, Screening]] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    next_id: int = 1
    commits: int = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1


class _Users:
    def __init__(self, state: NutritionState) -> None:
        self._state = state

    def get(self, uid: str) -> User | None:
        return copy.deepcopy(self._state.users.get(uid))


class _Profiles:
    def __init__(self, state: NutritionState) -> None:
        self._state = state

    def get(self, user_uid: str) -> NutritionProfile | None:
        return self._state.profiles.get(user_uid)

    def put(self, user_uid: str, profile: NutritionProfile) -> None:
        self._state.profiles[user_uid] = profile


class _FoodLog:
    def __init__(self, state: NutritionState) -> None:
        self._state = state

    def add(self, user_uid: str, entry: FoodLogEntry) -> FoodLogEntry:
        stored = replace(entry, id=self._state.new_id())
        self._state.log.append((user_uid, stored))
        return stored

    def between(self, user_uid: str, start: date, end: date) -> list[FoodLogEntry]:
        found = [e for u, e in self._state.log if u == user_uid and start <= e.day <= end]
        return sorted(found, key=lambda e: (e.day, e.id or 0))

    def delete(self, user_uid: str, entry_id: int) -> bool:
        kept = [(u, e) for u, e in self._state.log if not (u == user_uid and e.id == entry_id)]
        gone = len(kept) < len(self._state.log)
        self._state.log = kept
        return gone


class _Screenings:
    def __init__(self, state: NutritionState) -> None:
        self._state = state

    def add(self, user_uid: str, screening: Screening) -> Screening:
        stored = replace(screening, id=self._state.new_id())
        self._state.screenings.append((user_uid, stored))
        return stored

    def latest(self, user_uid: str) -> Screening | None:
        mine = [s for u, s in self._state.screenings if u == user_uid]
        return max(mine, key=lambda s: (s.created_at, s.id or 0)) if mine else None


class _Audit:
    def __init__(self, state: NutritionState) -> None:
        self._state = state

    def add(self, entry: AuditEntry) -> AuditEntry:
        stored = replace(entry, id=self._state.new_id())
        self._state.audit.append(stored)
        return stored

    def page(self, user_uid: str, limit: int, offset: int) -> tuple[list[AuditEntry], int]:
        mine = sorted(
            (e for e in self._state.audit if e.user_uid == user_uid),
            key=lambda e: (e.created_at, e.id or 0),
            reverse=True,
        )
        return mine[offset : offset + limit], len(mine)


class FakeNutritionUnitOfWork:
    def __init__(self, store: NutritionState, *, write: bool) -> None:
        self._store = store
        self._write = write

    def __enter__(self) -> FakeNutritionUnitOfWork:
        self._open()
        return self

    def _open(self) -> None:
        self._state = copy.deepcopy(self._store)
        self.users = _Users(self._state)
        self.nutrition_profiles = _Profiles(self._state)
        self.food_log = _FoodLog(self._state)
        self.screenings = _Screenings(self._state)
        self.audit_log = _Audit(self._state)

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
        self._open()


class FakeNutritionUnitOfWorkFactory:
    def __init__(self, store: NutritionState | None = None) -> None:
        self.store = store or NutritionState()

    def __call__(self) -> FakeNutritionUnitOfWork:
        return FakeNutritionUnitOfWork(self.store, write=True)

    def read(self) -> FakeNutritionUnitOfWork:
        return FakeNutritionUnitOfWork(self.store, write=False)
