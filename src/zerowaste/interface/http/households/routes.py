"""Households (issue #14 §1): make one, invite, join, see the members, change roles, remove,
leave. Who may do what is decided by the households service (an owner manages members: 403
for anyone else); another household is a 404, as another user's rows are."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.domain.households.roles import Role
from zerowaste.interface.http.households.schemas import (
    HouseholdSchema,
    InvitationRequestSchema,
    InvitationSchema,
    JoinListSchema,
    JoinSchema,
    LeaveSchema,
    MembershipChangeSchema,
    NewHouseholdSchema,
    RoleChangeSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("households", __name__, url_prefix="/api/households")
NEW, INVITE, JOIN = NewHouseholdSchema(), InvitationRequestSchema(), JoinSchema()
ROLE, LEAVE = RoleChangeSchema(), LeaveSchema()
ONE, INVITATION, CHANGE = HouseholdSchema(), InvitationSchema(), MembershipChangeSchema()
JOINS = JoinListSchema()


@bp.post("")
@auth_required()
def create() -> Reply:
    """Make a household of the caller's household of one: they own it and can invite.
    ---
    tags: [households]
    parameters:
      - in: body
        name: body
        required: true
        schema: {$ref: "#/definitions/NewHousehold"}
    responses:
      201: {description: "created", schema: {$ref: "#/definitions/Household"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      409: {description: "already in a household", schema: {$ref: "#/definitions/Error"}}
    """
    body = NEW.load(json_body())
    return dump(ONE, services().households.create(current_user_id(), body["name"]), 201)


@bp.get("/current")
@auth_required()
def current() -> Reply:
    """The caller's household, its members and their roles (a user alone: a household of one).
    ---
    tags: [households]
    responses:
      200: {description: "the household", schema: {$ref: "#/definitions/Household"}}
    """
    return dump(ONE, services().households.current(current_user_id()))


@bp.post("/<string:household_id>/invitations")
@auth_required()
def invite(household_id: str) -> Reply:
    """A single-use invitation code (and link), valid 7 days; owners only.
    ---
    tags: [households]
    parameters:
      - {in: path, name: household_id, type: string, required: true}
      - in: body
        name: body
        required: false
        schema: {$ref: "#/definitions/HouseholdInvitationRequest"}
    responses:
      201: {description: "shown once", schema: {$ref: "#/definitions/HouseholdInvitation"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an owner", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not your household", schema: {$ref: "#/definitions/Error"}}
    """
    role = Role(INVITE.load(json_body())["role"])
    issued = services().households.invite(current_user_id(), household_id, role)
    return dump(INVITATION, issued, 201)


@bp.post("/join")
@auth_required()
def join() -> Reply:
    """Join with an invitation code, bringing your stock or leaving it behind.
    ---
    tags: [households]
    parameters:
      - in: body
        name: body
        required: true
        schema: {$ref: "#/definitions/JoinHousehold"}
    responses:
      200: {description: "joined", schema: {$ref: "#/definitions/MembershipChange"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no invitation has this code", schema: {$ref: "#/definitions/Error"}}
      409: {description: "code used, or sharing a household", schema: {$ref: "#/definitions/Error"}}
      422: {description: "the invitation expired", schema: {$ref: "#/definitions/Error"}}
    """
    body = JOIN.load(json_body())
    joined = services().households.join(
        current_user_id(), body["code"], bring_stock=body["bring_stock"]
    )
    return dump(CHANGE, joined)


@bp.patch("/<string:household_id>/members/<string:member_uid>")
@auth_required()
def change_role(household_id: str, member_uid: str) -> Reply:
    """Change a member's role (owners only; make another owner to hand over).
    ---
    tags: [households]
    parameters:
      - {in: path, name: household_id, type: string, required: true}
      - {in: path, name: member_uid, type: string, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/HouseholdRoleChange"}}
    responses:
      200: {description: "changed", schema: {$ref: "#/definitions/Household"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an owner, or an owner's role", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such household or member", schema: {$ref: "#/definitions/Error"}}
      422: {description: "the last owner cannot step down", schema: {$ref: "#/definitions/Error"}}
    """
    role = Role(ROLE.load(json_body())["role"])
    found = services().households.change_role(current_user_id(), household_id, member_uid, role)
    return dump(ONE, found)


@bp.delete("/<string:household_id>/members/<string:member_uid>")
@auth_required()
def remove(household_id: str, member_uid: str) -> Reply:
    """Remove a member (owners only; an owner is never removed by others). The caller's
    household afterwards.
    ---
    tags: [households]
    parameters:
      - {in: path, name: household_id, type: string, required: true}
      - {in: path, name: member_uid, type: string, required: true}
    responses:
      200: {description: "removed", schema: {$ref: "#/definitions/Household"}}
      403: {description: "not an owner, or an owner", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such household or member", schema: {$ref: "#/definitions/Error"}}
      422: {description: "the last owner cannot leave", schema: {$ref: "#/definitions/Error"}}
    """
    found = services().households.remove(current_user_id(), household_id, member_uid)
    return dump(ONE, found)


@bp.post("/leave")
@auth_required()
def leave() -> Reply:
    """Leave for a new household of one, taking the items you added only when asked.
    ---
    tags: [households]
    parameters:
      - in: body
        name: body
        required: false
        schema: {$ref: "#/definitions/LeaveHousehold"}
    responses:
      200: {description: "left", schema: {$ref: "#/definitions/MembershipChange"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      422: {description: "alone, or the last owner", schema: {$ref: "#/definitions/Error"}}
    """
    body = LEAVE.load(json_body())
    left = services().households.leave(current_user_id(), take_items=body["take_items"])
    return dump(CHANGE, left)


@bp.get("/<string:household_id>/joins")
@auth_required()
def joins(household_id: str) -> Reply:
    """The household's joins of the last day, newest first: what its owner may undo.
    ---
    tags: [households]
    parameters:
      - {in: path, name: household_id, type: string, required: true}
    responses:
      200: {description: "the joins", schema: {$ref: "#/definitions/HouseholdJoins"}}
      403: {description: "not an owner", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such household", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(JOINS, services().households.recent_joins(current_user_id(), household_id))


@bp.post("/joins/<int:join_id>/undo")
@auth_required()
def undo_join(join_id: int) -> Reply:
    """Undo a join of the last day (owners only): the joiner goes back to a household of
    their own with what is left of the stock they brought. The caller's household afterwards.
    ---
    tags: [households]
    parameters:
      - {in: path, name: join_id, type: integer, required: true}
    responses:
      200: {description: "undone", schema: {$ref: "#/definitions/MembershipChange"}}
      403: {description: "not an owner, or the joiner owns", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such join or member", schema: {$ref: "#/definitions/Error"}}
      409: {description: "already undone", schema: {$ref: "#/definitions/Error"}}
      422: {description: "more than a day ago", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(CHANGE, services().households.undo_join(current_user_id(), join_id))
