"""The household-wide expiry reminder's reads and markers (`household_reminders`): every
household's expiring stacks once per owner and adult, and the per-household sent markers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zerowaste.domain.households.roles import Role
from zerowaste.domain.notifications.households import MemberStack
from zerowaste.domain.notifications.rules import ExpiringStack
from zerowaste.infrastructure.db.accounts import UserRow
from zerowaste.infrastructure.db.inventory.tables import ItemRow, StackRow
from zerowaste.infrastructure.db.notifications.tables import HouseholdMarkerRow

TOLD = (Role.OWNER.value, Role.ADULT.value)  # a viewer is never told


class SqlAlchemyHouseholdReminders:
    def __init__(self, session: Session) -> None:
        self._s = session

    def expiring(self, until: date) -> list[MemberStack]:
        query = (
            select(
                UserRow.household_id,
                UserRow.uid,
                UserRow.household_role,
                StackRow.id,
                ItemRow.name,
                StackRow.expires_on,
            )
            .join(StackRow, StackRow.household_id == UserRow.household_id)
            .join(ItemRow, ItemRow.id == StackRow.item_id)
            .where(StackRow.expires_on <= until, UserRow.household_role.in_(TOLD))
            .order_by(UserRow.household_id, UserRow.uid, StackRow.expires_on, StackRow.id)
        )
        return [
            MemberStack(household, uid, role, ExpiringStack(uid, stack_id, name, on))
            for household, uid, role, stack_id, name, on in self._s.execute(query)
        ]

    def marked(self, household_id: str, kind: str, day: date) -> set[int]:
        query = select(HouseholdMarkerRow.ref).where(
            HouseholdMarkerRow.household_id == household_id,
            HouseholdMarkerRow.kind == kind,
            HouseholdMarkerRow.day == day,
        )
        return set(self._s.scalars(query))

    def mark(self, household_id: str, kind: str, refs: Sequence[int], day: date) -> None:
        self._s.add_all(
            HouseholdMarkerRow(household_id=household_id, kind=kind, ref=ref, day=day)
            for ref in refs
        )
        self._s.flush()  # a concurrent run's marker makes this fail: nothing is sent twice
