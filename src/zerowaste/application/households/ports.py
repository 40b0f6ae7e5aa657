"""Ports of the households feature: membership and roles, invitations, and the stock a member
brings or takes."""

from __future__ import annotations

from typing import Protocol

from zerowaste.application.accounts.ports import HouseholdRepository, UserRepository
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.households import Household
from zerowaste.domain.households.invitations import Invitation


class Memberships(HouseholdRepository, Protocol):
    def lock(self, household_id: str) -> bool: ...  # lock by id, version + 1; whether it exists

    def get(self, household_id: str) -> Household | None: ...

    def rename(self, household_id: str, name: str) -> None: ...

    def place(self, user_uid: str, household_id: str, role: str) -> None: ...


class Invitations(Protocol):
    def add(self, invitation: Invitation) -> int: ...

    def by_code_hash(self, code_hash: str) -> Invitation | None: ...  # locked until commit

    def mark_used(self, invitation: Invitation) -> None: ...


class StockTransfer(Protocol):
    """Re-homes inventory rows; both households are locked by the caller."""

    def rehome(self, item_ids: list[int], source: str, target: str) -> None: ...

    def merge(self, item_id: int, into_item_id: int, source: str, target: str) -> None: ...

    def move_history(self, source: str, target: str) -> None: ...  # journal of gone stock

    def move_shared(self, source: str, target: str) -> None: ...  # recipes, history, lists


class HouseholdsUnitOfWork(UnitOfWork, Protocol):
    @property
    def users(self) -> UserRepository: ...

    @property
    def households(self) -> Memberships: ...

    @property
    def invitations(self) -> Invitations: ...

    @property
    def inventory(self) -> InventoryRepository: ...

    @property
    def stock_transfer(self) -> StockTransfer: ...
