"""Households (issue #14 §1, §3): make one, invite with a single-use code, join (bringing one's
stock or leaving it behind), change roles, remove members, leave (taking one's items or not).

A user alone is a household of one, as every account has been since sign-up: "creating" a
household names that one and makes it shareable (the caller already owns it). Joining is for a
user alone in theirs (someone sharing a household leaves first); their saved recipes, cook
history, savings and shopping lists join with them, and their household of one is deleted
(with its meal plan and whatever stock they chose to leave behind). The join is written down
with everything it moved, so its undo gives back exactly that. Leaving gives the
user a new household of one. Membership writes lock the households they touch before they
read them, so they serialise with every inventory write of those households.
"""

from __future__ import annotations

from collections.abc import Callable

from zerowaste.application.households.model import (
    HouseholdView,
    IssuedInvitation,
    MembershipChange,
    Moved,
)
from zerowaste.application.households.ports import HouseholdsUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.households import Household, Membership, check_can_join
from zerowaste.domain.households.invitations import Invitation, code_hash
from zerowaste.domain.households.joins import UNDO_WINDOW, JoinRecord
from zerowaste.domain.households.roles import (
    POLICY,
    Action,
    Role,
    check_leave,
    check_removal,
    check_role_change,
    role_of,
)
from zerowaste.domain.inventory.transfer import plan_transfer
from zerowaste.domain.shared.errors import Conflict, NotFound


def _no_household() -> NotFound:
    return NotFound("Household not found", code="household_not_found")


class Households:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[HouseholdsUnitOfWork],
        clock: Clock,
        new_id: Callable[[], str],
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._new_id = new_id

    def current(self, user_uid: str) -> HouseholdView:
        """The caller's household with its members and their roles."""
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise _no_household()
            return self._view(uow, user.household_id, user_uid)

    @retrying
    def create(self, user_uid: str, name: str) -> HouseholdView:
        """Name the caller's household of one: they own it and may invite others."""
        with self._uow_factory() as uow:
            membership = self._claim(uow, user_uid)
            household = uow.households.get(membership.household_id)
            if household is None:
                raise _no_household()
            if household.name or len(uow.households.members(household.id)) > 1:
                raise Conflict(
                    "You already have a household: leave it to make another",
                    code="already_in_household",
                )
            uow.households.rename(household.id, name.strip())
            view = self._view(uow, household.id, user_uid)
            uow.commit()
        return view

    @retrying
    def invite(self, user_uid: str, household_id: str, role: Role) -> IssuedInvitation:
        """A single-use code for the caller's household, valid 7 days (owners only)."""
        with self._uow_factory() as uow:
            membership = self._member_of(uow, user_uid, household_id)
            POLICY.require(membership.role, Action.MANAGE_MEMBERS)
            invitation, code = Invitation.issue(household_id, user_uid, role, self._clock.now())
            uow.invitations.add(invitation)
            uow.commit()
        return IssuedInvitation(household_id, code, str(role), invitation.expires_at)

    @retrying
    def join(self, user_uid: str, code: str, *, bring_stock: bool) -> MembershipChange:
        """Spend an invitation: the caller joins its household with the invitation's role,
        bringing their stock (and its journal) or leaving it behind; their recipes, history
        and lists come along either way."""
        with self._uow_factory() as uow:
            # Locks first (the invitation row, the caller's household, the joined one), so the
            # plain reads that follow see what they hold; a crossing join that deadlocks runs
            # again (retrying) and then meets the rules below.
            invitation = uow.invitations.by_code_hash(code_hash(code))
            if invitation is None:
                raise NotFound("No invitation has this code", code="invitation_not_found")
            current, target = self._claim(uow, user_uid).household_id, invitation.household_id
            if target != current:
                uow.households.lock(target)
            check_can_join(uow.households.members(current), user_uid, target, current)
            invitation.use(user_uid, self._clock.now())
            join = JoinRecord(0, target, user_uid, current, str(invitation.role), self._clock.now())
            uow.household_joins.add(join)  # first: what moves is written down under it
            moved = Moved()
            if bring_stock:
                moved = self._move(uow, current, target, None)
                uow.stock_transfer.move_history(current, target, join.id)
            uow.stock_transfer.move_shared(current, target, join.id)
            join.items, join.stacks = moved.item_ids, moved.stack_ids
            uow.household_joins.add_stock(join)
            uow.households.place(user_uid, target, str(invitation.role))
            uow.invitations.mark_used(invitation)
            uow.households.delete(current)  # its last member has gone, with its meal plan
            view = self._view(uow, target, user_uid)
            uow.commit()
        return MembershipChange(view, moved, join.id)

    def recent_joins(self, user_uid: str, household_id: str) -> list[JoinRecord]:
        """The household's joins of the last day, newest first (owners only)."""
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            if user is None or user.household_id != household_id:
                raise _no_household()
            POLICY.require(role_of(user.household_role), Action.MANAGE_MEMBERS)
            return uow.household_joins.since(household_id, self._clock.now() - UNDO_WINDOW)

    @retrying
    def undo_join(self, user_uid: str, join_id: int) -> MembershipChange:
        """The owner sends a member who joined within the day back to a household of their
        own, with what is left of the stock they brought and the shared rows the join handed
        over (recipes, history, savings, lists; not what others added since). The caller's
        household afterwards."""
        with self._uow_factory() as uow:
            membership = self._claim(uow, user_uid)
            home = membership.household_id
            POLICY.require(membership.role, Action.MANAGE_MEMBERS)
            join = uow.household_joins.get(home, join_id)
            if join is None:
                raise NotFound("No such join in your household", code="join_not_found")
            join.undo(self._clock.now())  # once, within the day (nothing is written yet)
            check_removal(self._roles(uow, home, join.user_uid), user_uid, join.user_uid)
            new_home = self._household_of_one(uow, join.user_uid)
            uow.stock_transfer.rehome(join.items, home, new_home)
            split = uow.stock_transfer.split_off(join.stacks, home, new_home)
            uow.stock_transfer.return_shared(join.id, home, new_home)
            uow.household_joins.mark_undone(join)
            view = self._view(uow, home, user_uid)
            uow.commit()
        return MembershipChange(view, Moved(len(join.items) + split), join.id)

    @retrying
    def change_role(
        self, user_uid: str, household_id: str, member_uid: str, role: Role
    ) -> HouseholdView:
        """An owner changes a member's role (hands ownership over by making another owner)."""
        with self._uow_factory() as uow:
            self._member_of(uow, user_uid, household_id)
            roles = self._roles(uow, household_id, member_uid)
            check_role_change(roles, user_uid, member_uid, role)
            uow.households.set_role(member_uid, str(role))
            view = self._view(uow, household_id, user_uid)
            uow.commit()
        return view

    @retrying
    def remove(self, user_uid: str, household_id: str, member_uid: str) -> HouseholdView:
        """An owner removes a member (who takes nothing: they get an empty household of one);
        removing oneself is leaving. The caller's household afterwards."""
        with self._uow_factory() as uow:
            self._member_of(uow, user_uid, household_id)
            check_removal(self._roles(uow, household_id, member_uid), user_uid, member_uid)
            new_home = self._household_of_one(uow, member_uid)
            mine = new_home if member_uid == user_uid else household_id
            view = self._view(uow, mine, user_uid)
            uow.commit()
        return view

    @retrying
    def leave(self, user_uid: str, *, take_items: bool) -> MembershipChange:
        """Leave the shared household for a new household of one, taking the items one added
        (with their stacks and journal) only when asked; the last owner hands over first."""
        with self._uow_factory() as uow:
            membership = self._claim(uow, user_uid)
            source = membership.household_id
            check_leave(self._roles(uow, source, user_uid), user_uid)
            new_home = self._household_of_one(uow, user_uid)
            moved = self._move(uow, source, new_home, user_uid) if take_items else Moved()
            view = self._view(uow, new_home, user_uid)
            uow.commit()
        return MembershipChange(view, moved)

    def _claim(self, uow: HouseholdsUnitOfWork, user_uid: str) -> Membership:
        membership = uow.households.claim_member(user_uid)
        if membership is None:
            raise _no_household()
        return membership

    def _member_of(self, uow: HouseholdsUnitOfWork, user_uid: str, household_id: str) -> Membership:
        """The caller's membership of `household_id` (locked); another household is a 404."""
        membership = self._claim(uow, user_uid)
        if membership.household_id != household_id:
            raise _no_household()
        return membership

    def _roles(self, uow: HouseholdsUnitOfWork, household_id: str, member: str) -> dict[str, Role]:
        roles = {m.uid: Role(m.role) for m in uow.households.roster(household_id)}
        if member not in roles:
            raise NotFound("No such member in your household", code="member_not_found")
        return roles

    def _household_of_one(self, uow: HouseholdsUnitOfWork, user_uid: str) -> str:
        household = Household(self._new_id(), "", self._clock.now())
        uow.households.add(household)
        uow.households.place(user_uid, household.id, str(Role.OWNER))
        return household.id

    def _move(
        self, uow: HouseholdsUnitOfWork, source: str, target: str, added_by: str | None
    ) -> Moved:
        """Move the stock of `source` (only what `added_by` added, when given) to `target`."""
        moving = [
            item
            for item in uow.inventory.list_items(source)
            if added_by is None or item.added_by == added_by
        ]
        if not moving:
            return Moved()
        plan = plan_transfer(moving, uow.inventory.list_items(target))
        uow.stock_transfer.rehome(plan.rehome, source, target)
        stacks = [
            stack_id
            for item_id, into in plan.merge
            for stack_id in uow.stock_transfer.merge(item_id, into, source, target)
        ]
        return Moved(plan.moved, plan.left_behind, list(plan.rehome), stacks)

    def _view(self, uow: HouseholdsUnitOfWork, household_id: str, user_uid: str) -> HouseholdView:
        household = uow.households.get(household_id)
        if household is None:
            raise _no_household()
        members = uow.households.roster(household_id)
        mine = next((m.role for m in members if m.uid == user_uid), str(Role.OWNER))
        return HouseholdView(household, members, mine)
