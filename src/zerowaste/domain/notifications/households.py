"""Expiry reminders in a shared household (issue #14 §5).

Rules (why, not how):
- A household's expiring stack is reminded once per household and local day, not once per
  member: the sent marker is keyed by household, stack and day, and one run tells every
  recipient at once.
- The recipients are the household's owner and adults; a viewer (a child, a guest) is never
  told. Each recipient's own preferences hold: expiry reminders switched off, nothing; their
  lead days choose what their message lists, their language writes it, their quiet hours
  defer its push.
- The household's morning and day are its owner's (their time zone): one clock, so the marker
  of a day means the same day for everyone. A household of one is its owner alone, so it is
  reminded exactly as a user alone always was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from zerowaste.domain.notifications.rules import ExpiringStack

OWNER = "owner"


@dataclass(frozen=True)
class MemberStack:
    """A stack of a household as one of its told members (owner or adult) sees it."""

    household_id: str
    user_uid: str
    role: str
    stack: ExpiringStack


@dataclass
class HouseholdStock:
    """One household's expiring stacks and the members told of them (uid -> role)."""

    household_id: str
    members: dict[str, str] = field(default_factory=dict)
    stacks: dict[int, ExpiringStack] = field(default_factory=dict)

    def clock_uid(self) -> str:
        """Whose time zone is the household's: its owner, else (no owner among the told
        members, which a household keeping an owner never has) the first uid."""
        owners = sorted(uid for uid, role in self.members.items() if role == OWNER)
        return (owners or sorted(self.members))[0]

    def expiring(self) -> list[ExpiringStack]:
        return list(self.stacks.values())


def by_household(rows: Iterable[MemberStack]) -> list[HouseholdStock]:
    """Each household once, with each stack once however many members see it."""
    households: dict[str, HouseholdStock] = {}
    for row in rows:
        stock = households.setdefault(row.household_id, HouseholdStock(row.household_id))
        stock.members[row.user_uid] = row.role
        stock.stacks.setdefault(row.stack.stack_id, row.stack)
    return [households[key] for key in sorted(households)]
