"""Households: who owns shared data. A family sharing one fridge is one household; every user
belongs to one (a household of one, created at sign-up). Inventory rows and everything the
coming features store (plans, shopping lists) belong to the household, with the member who
added them; sessions, profiles and uploads stay personal.

Deleting an account deletes its household only when it is the last member. Roles and who may do
what are in `roles`, invitation codes in `invitations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from zerowaste.domain.shared.errors import Conflict

MAX_NAME_LENGTH = 120


@dataclass
class Household:
    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class Membership:
    """Where a user belongs and their role there (domain.households.roles.Role)."""

    household_id: str
    role: str


@dataclass(frozen=True)
class Member:
    uid: str
    name: str | None
    role: str
    created_at: datetime


@dataclass(frozen=True)
class DataVersion:
    """What a cached view of a user's household data depends on: the household's data version
    (moves on with every change of its inventory) and the user's own (their profile: allergy
    alerts, language)."""

    household_id: str
    household_version: int
    user_version: float

    def token(self) -> str:
        return f"{self.household_id}.{self.household_version}.{self.user_version:.6f}"


@dataclass(frozen=True)
class SharedAllergy:
    """An allergy some members named: what a plan for the household leaves out, and whose."""

    term: str
    members: tuple[str, ...]

    def note(self) -> str:
        return f"Leaves out {self.term}: {', '.join(self.members)}'s allergy"


def shared_allergies(members: list[tuple[str, list[str]]]) -> list[SharedAllergy]:
    """The union of the members' allergy terms (case and spacing ignored), each with the
    members who named it, in the order first named; `members` is (name, terms) per member."""
    found: dict[str, tuple[str, list[str]]] = {}
    for who, terms in members:
        for term in terms:
            key = " ".join(term.split()).casefold()
            if not key:
                continue
            named = found.setdefault(key, (" ".join(term.split()), []))[1]
            if who not in named:
                named.append(who)
    return [SharedAllergy(term, tuple(who)) for term, who in found.values()]


def outlives(members: list[str], leaving: str) -> bool:
    """Whether the household keeps existing when `leaving` deletes their account."""
    return any(uid != leaving for uid in members)


def check_can_join(current_members: list[str], user: str, target: str, current: str) -> None:
    """A user belongs to one household: joining another is for a user alone in theirs (who
    leaves a shared household first), and never the household they are in."""
    if target == current:
        raise Conflict("You are already a member of this household", code="already_member")
    if outlives(current_members, user):
        raise Conflict(
            "You already share a household: leave it before joining another",
            code="already_in_household",
        )
