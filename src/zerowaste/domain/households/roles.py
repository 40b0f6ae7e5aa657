"""Roles in a household and who may do what (issue #14 §4).

An owner manages members (invites, changes roles, removes) and changes everything an adult
does; an adult changes stock, plans, lists, the recipe book and the cook history; a viewer (a
child, a guest at home) reads shared data only (what is personal, such as their own nutrition
log or recipe views, stays theirs to write).
The application services ask `POLICY.require(role, action)` before they write; the routes never
decide. A household keeps at least one owner while it has members: the last owner hands over
before leaving or stepping down, and nobody removes an owner but that owner.
"""

from __future__ import annotations

from enum import StrEnum

from zerowaste.domain.shared.errors import PermissionDenied, RuleViolation


class Role(StrEnum):
    OWNER = "owner"
    ADULT = "adult"
    VIEWER = "viewer"


class Action(StrEnum):
    READ = "read"
    CHANGE_STOCK = "change_stock"
    CHANGE_PLANS = "change_plans"
    CHANGE_LISTS = "change_lists"
    CHANGE_RECIPES = "change_recipes"  # the shared recipe book and the cook history
    MANAGE_MEMBERS = "manage_members"


_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.ADULT: frozenset(Action) - {Action.MANAGE_MEMBERS},
    Role.VIEWER: frozenset({Action.READ}),
}
INVITABLE = (Role.ADULT, Role.VIEWER)  # an owner is made by handing over, never by a code


def role_of(value: str) -> Role:
    """A stored role; an unknown value reads as a viewer (least privilege), never as an owner."""
    try:
        return Role(value)
    except ValueError:
        return Role.VIEWER


class Policy:
    """Who may do what: one table, asked by every writing service."""

    def allows(self, role: Role | str, action: Action) -> bool:
        return action in _ALLOWED[role_of(role)]

    def require(self, role: Role | str, action: Action) -> None:
        if not self.allows(role, action):
            raise PermissionDenied(
                f"A household {role_of(role)} may not {action.replace('_', ' ')}",
                code="household_role_forbidden",
                details={"role": str(role_of(role)), "action": str(action)},
            )


POLICY = Policy()


def _owners(members: dict[str, Role]) -> set[str]:
    return {uid for uid, role in members.items() if role == Role.OWNER}


def check_role_change(members: dict[str, Role], actor: str, target: str, new: Role) -> None:
    """An owner changes a member's role; an owner's role is changed only by that owner, and
    the last owner cannot step down (hand over first: make another member owner)."""
    POLICY.require(members[actor], Action.MANAGE_MEMBERS)
    if members[target] == Role.OWNER and target != actor:
        raise PermissionDenied("Only an owner can change their own role", code="owner_protected")
    if members[target] == Role.OWNER and new != Role.OWNER and _owners(members) == {target}:
        raise RuleViolation(
            "The last owner cannot step down: make another member owner first", code="last_owner"
        )


def check_removal(members: dict[str, Role], actor: str, target: str) -> None:
    """An owner removes members; owners are never removed by others (they leave)."""
    if actor == target:
        check_leave(members, actor)
        return
    POLICY.require(members[actor], Action.MANAGE_MEMBERS)
    if members[target] == Role.OWNER:
        raise PermissionDenied("Owners cannot be removed by others", code="owner_protected")


def check_leave(members: dict[str, Role], leaving: str) -> None:
    """Leaving needs someone to leave behind, and an owner among them."""
    if set(members) == {leaving}:
        raise RuleViolation("You are the only member of your household", code="household_of_one")
    if _owners(members) == {leaving}:
        raise RuleViolation(
            "The last owner cannot leave: make another member owner first", code="last_owner"
        )


def successor(members: dict[str, Role], leaving: str) -> str | None:
    """Who becomes owner when `leaving` goes without handing over (their account is deleted):
    None while another owner stays; else the first adult, else the first member (in the
    order given: oldest account first), else nobody (the household goes with them)."""
    others = {uid: role for uid, role in members.items() if uid != leaving}
    if not others or Role.OWNER in others.values() or members.get(leaving) != Role.OWNER:
        return None
    adults = [uid for uid, role in others.items() if role == Role.ADULT]
    return adults[0] if adults else next(iter(others))
