"""Households: who owns shared data. A family sharing one fridge is one household; every user
belongs to one (a household of one, created at sign-up). Inventory rows and everything the
coming features store (plans, shopping lists) belong to the household, with the member who
added them; sessions, profiles and uploads stay personal.

Membership, invitations and roles arrive with the households feature; what is settled here is
the ownership rule: deleting an account deletes its household only when it is the last member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_NAME_LENGTH = 120


@dataclass
class Household:
    id: str
    name: str
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


def outlives(members: list[str], leaving: str) -> bool:
    """Whether the household keeps existing when `leaving` deletes their account."""
    return any(uid != leaving for uid in members)
