"""What the households use cases answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from zerowaste.domain.households import Household, Member


@dataclass(frozen=True)
class HouseholdView:
    household: Household
    members: list[Member]
    my_role: str

    @property
    def shared(self) -> bool:
        return len(self.members) > 1


@dataclass(frozen=True)
class IssuedInvitation:
    household_id: str
    code: str  # shown once: only its hash is stored
    role: str
    expires_at: datetime


@dataclass(frozen=True)
class Moved:
    """Stock that changed household with a member: items moved, names that could not."""

    items: int = 0
    left_behind: list[str] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)  # moved as they are
    stack_ids: list[int] = field(default_factory=list)  # given to the receiving items


@dataclass(frozen=True)
class MembershipChange:
    """The caller's household after a join or leave, and the stock that moved with them."""

    household: HouseholdView
    stock: Moved
    join_id: int | None = None  # a join's record, which its owner may undo within a day
