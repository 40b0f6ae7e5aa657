"""Ports of the households feature: membership and roles, invitations, and the stock a member
brings or takes."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zerowaste.application.accounts.ports import HouseholdRepository, UserRepository
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.households import Household
from zerowaste.domain.households.invitations import Invitation
from zerowaste.domain.households.joins import JoinRecord


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

    def merge(self, item_id: int, into_item_id: int, source: str, target: str) -> list[int]:
        """Give the item's stacks to `into_item_id` (of `target`); the stacks' ids."""
        ...

    def split_off(self, stack_ids: list[int], source: str, target: str) -> int:
        """Give those of `source`'s stacks to `target`, as copies of their items; how many."""
        ...

    def move_history(self, source: str, target: str, join_id: int) -> None:
        """Give `target` the journal of `source`'s gone stock, written down under the join."""
        ...

    def move_shared(self, source: str, target: str, join_id: int) -> None:
        """Give `target` `source`'s recipes, history, savings and lists, written down under
        the join."""
        ...

    def return_shared(self, join_id: int, source: str, target: str) -> None:
        """Give `target` back what the join handed `source` (only that: not rows added since)."""
        ...


class JoinLog(Protocol):
    def add(self, join: JoinRecord) -> int: ...  # sets join.id

    def add_stock(self, join: JoinRecord) -> None: ...  # the stock moves it holds, once

    def get(self, household_id: str, join_id: int) -> JoinRecord | None: ...  # with what moved

    def since(self, household_id: str, since: datetime) -> list[JoinRecord]:
        """Joins after `since`, newest first."""
        ...

    def mark_undone(self, join: JoinRecord) -> None: ...


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

    @property
    def household_joins(self) -> JoinLog: ...
