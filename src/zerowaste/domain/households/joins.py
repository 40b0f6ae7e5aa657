"""A join, written down so its household's owner may undo it within a day (issue #14 §3).

At a join the household records who joined, from which household of one, and what of their
stock moved: items that moved as they are, and stacks given to an item the household already
had. Within UNDO_WINDOW its owner may undo it, once: the joiner goes to a new household of
their own with what is left of what they brought (items as they are now; merged stacks as an
item of their own). The removal rules still hold (nobody removes an owner but that owner).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from zerowaste.domain.shared.errors import Conflict, RuleViolation

UNDO_WINDOW = timedelta(hours=24)


@dataclass
class JoinRecord:
    id: int
    household_id: str
    user_uid: str
    previous_household_id: str
    role: str
    joined_at: datetime
    undone_at: datetime | None = None
    items: list[int] = field(default_factory=list)  # moved as they are
    stacks: list[int] = field(default_factory=list)  # given to the household's items

    @property
    def undo_until(self) -> datetime:
        return self.joined_at + UNDO_WINDOW

    def undo(self, now: datetime) -> None:
        """Once, within the window."""
        if self.undone_at is not None:
            raise Conflict("This join was already undone", code="join_already_undone")
        if now >= self.undo_until:
            raise RuleViolation("A join can be undone within a day only", code="undo_expired")
        self.undone_at = now
