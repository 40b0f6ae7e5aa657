"""Roles, the policy, the last-owner rule, invitation codes and the join rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from zerowaste.domain.households import check_can_join, shared_allergies
from zerowaste.domain.households.invitations import VALID_FOR, Invitation, code_hash
from zerowaste.domain.households.roles import (
    POLICY,
    Action,
    Role,
    check_leave,
    check_removal,
    check_role_change,
    role_of,
    successor,
)
from zerowaste.domain.shared.errors import Conflict, InvalidInput, PermissionDenied, RuleViolation

pytestmark = pytest.mark.unit
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FAMILY = {"ana": Role.OWNER, "ben": Role.ADULT, "eva": Role.VIEWER}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.OWNER, set(Action)),
        (Role.ADULT, set(Action) - {Action.MANAGE_MEMBERS}),
        (Role.VIEWER, {Action.READ}),
    ],
)
def test_each_role_may_do_exactly_its_actions(role: Role, allowed: set[Action]) -> None:
    assert {action for action in Action if POLICY.allows(role, action)} == allowed


def test_a_viewer_changing_stock_is_refused_with_a_stable_code() -> None:
    with pytest.raises(PermissionDenied) as refused:
        POLICY.require("viewer", Action.CHANGE_STOCK)
    assert refused.value.code == "household_role_forbidden"
    assert refused.value.details == {"role": "viewer", "action": "change_stock"}


def test_an_unknown_stored_role_reads_as_a_viewer_never_an_owner() -> None:
    assert role_of("admin") is Role.VIEWER
    assert not POLICY.allows("admin", Action.CHANGE_STOCK)


def test_an_owner_changes_an_adults_role_but_an_adult_cannot() -> None:
    check_role_change(FAMILY, "ana", "ben", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        check_role_change(FAMILY, "ben", "eva", Role.ADULT)


def test_the_last_owner_cannot_step_down_until_another_owner_exists() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_role_change(FAMILY, "ana", "ana", Role.ADULT)
    assert refused.value.code == "last_owner"
    check_role_change({**FAMILY, "ben": Role.OWNER}, "ana", "ana", Role.ADULT)


def test_an_owners_role_is_changed_only_by_that_owner() -> None:
    two_owners = {**FAMILY, "ben": Role.OWNER}
    with pytest.raises(PermissionDenied) as refused:
        check_role_change(two_owners, "ana", "ben", Role.ADULT)
    assert refused.value.code == "owner_protected"


def test_owners_remove_members_but_never_another_owner() -> None:
    check_removal(FAMILY, "ana", "eva")
    with pytest.raises(PermissionDenied):
        check_removal(FAMILY, "ben", "eva")  # an adult manages no members
    with pytest.raises(PermissionDenied) as refused:
        check_removal({**FAMILY, "ben": Role.OWNER}, "ana", "ben")
    assert refused.value.code == "owner_protected"


def test_removing_oneself_is_leaving() -> None:
    check_removal(FAMILY, "eva", "eva")  # anyone may leave
    with pytest.raises(RuleViolation):
        check_removal(FAMILY, "ana", "ana")  # the last owner hands over first


def test_the_last_owner_cannot_leave_and_a_user_alone_has_nothing_to_leave() -> None:
    with pytest.raises(RuleViolation) as last:
        check_leave(FAMILY, "ana")
    assert last.value.code == "last_owner"
    check_leave({**FAMILY, "ben": Role.OWNER}, "ana")
    with pytest.raises(RuleViolation) as alone:
        check_leave({"ana": Role.OWNER}, "ana")
    assert alone.value.code == "household_of_one"


def test_an_invitation_code_is_random_and_stored_only_as_its_hash() -> None:
    first, code = Invitation.issue("h1", "ana", Role.ADULT, NOW)
    second, other = Invitation.issue("h1", "ana", Role.ADULT, NOW)
    assert code != other and len(code) >= 22
    assert first.code_hash == code_hash(code) != code
    assert code not in repr(first)
    assert first.code_hash != second.code_hash
    assert code_hash(f"  {code} ") == first.code_hash  # a pasted code with spaces still works


def test_an_invitation_lasts_seven_days_and_is_used_once() -> None:
    invitation, _ = Invitation.issue("h1", "ana", Role.VIEWER, NOW)
    assert invitation.expires_at == NOW + VALID_FOR == NOW + timedelta(days=7)
    invitation.use("ben", NOW + timedelta(days=6, hours=23))
    assert invitation.used_by == "ben"
    with pytest.raises(Conflict) as used:
        invitation.use("eva", NOW + timedelta(days=1))
    assert used.value.code == "invitation_used"


def test_an_expired_invitation_is_refused() -> None:
    invitation, _ = Invitation.issue("h1", "ana", Role.ADULT, NOW)
    with pytest.raises(RuleViolation) as expired:
        invitation.use("ben", NOW + VALID_FOR)
    assert expired.value.code == "invitation_expired"
    assert invitation.used_at is None


def test_an_invitation_never_makes_an_owner() -> None:
    with pytest.raises(InvalidInput):
        Invitation.issue("h1", "ana", Role.OWNER, NOW)


def test_joining_is_for_a_user_alone_and_never_their_own_household() -> None:
    check_can_join(["ben"], "ben", "h-ana", "h-ben")
    with pytest.raises(Conflict) as sharing:
        check_can_join(["ben", "cid"], "ben", "h-ana", "h-ben")
    assert sharing.value.code == "already_in_household"
    with pytest.raises(Conflict) as same:
        check_can_join(["ana", "ben"], "ben", "h-ana", "h-ana")
    assert same.value.code == "already_member"


def test_a_deleted_last_owner_passes_ownership_to_the_first_adult_else_the_first_member() -> None:
    assert successor(FAMILY, "ana") == "ben"
    assert successor({"ana": Role.OWNER, "eva": Role.VIEWER, "zoe": Role.VIEWER}, "ana") == "eva"
    assert successor({**FAMILY, "ben": Role.OWNER}, "ana") is None  # another owner stays
    assert successor(FAMILY, "eva") is None  # a viewer's going changes no owner
    assert successor({"ana": Role.OWNER}, "ana") is None  # the household goes with them


def test_shared_allergies_are_the_union_with_whose_in_the_order_first_named() -> None:
    found = shared_allergies(
        [("Ana", ["Leche", " maní "]), ("Ben", ["leche", ""]), ("Eva", ["Huevo", "LECHE"])]
    )
    assert [(a.term, a.members) for a in found] == [
        ("Leche", ("Ana", "Ben", "Eva")),
        ("maní", ("Ana",)),
        ("Huevo", ("Eva",)),
    ]
    assert found[1].note() == "Leaves out maní: Ana's allergy"
    assert shared_allergies([("Ana", []), ("Ben", [])]) == []
