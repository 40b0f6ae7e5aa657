"""What the client sends to manage a household, and what it reads back. DEFINITIONS lists the
schemas the spec documents (imported by interface/http/definitions.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from marshmallow import Schema, ValidationError, fields, missing, validate

from zerowaste.domain.households import MAX_NAME_LENGTH
from zerowaste.domain.households.invitations import MAX_CODE_LENGTH
from zerowaste.domain.households.roles import INVITABLE, Role
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

ROLES = [str(role) for role in Role]


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be blank")


class NewHouseholdSchema(RequestSchema):
    name = fields.String(required=True, validate=[validate.Length(1, MAX_NAME_LENGTH), _not_blank])


class InvitationRequestSchema(RequestSchema):
    role = fields.String(
        load_default=str(Role.ADULT),
        validate=validate.OneOf([str(role) for role in INVITABLE]),
        metadata={"description": "the role the invited member gets"},
    )


class JoinSchema(RequestSchema):
    code = fields.String(required=True, validate=[validate.Length(1, MAX_CODE_LENGTH), _not_blank])
    bring_stock = fields.Boolean(
        load_default=True,
        metadata={"description": "bring your inventory (true) or leave it behind (false)"},
    )


class RoleChangeSchema(RequestSchema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class LeaveSchema(RequestSchema):
    take_items = fields.Boolean(
        load_default=False, metadata={"description": "take the items you added with you"}
    )


class MemberSchema(Schema):
    uid = f.String(required=True)
    name = f.String(required=True, allow_none=True)
    role = f.String(required=True, metadata={"enum": ROLES})


class HouseholdSchema(Schema):
    """Dumps application.households.model.HouseholdView."""

    id = f.String(required=True, source="household.id")
    name = f.String(required=True, source="household.name")
    created_at = f.Timestamp(required=True, source="household.created_at")
    my_role = f.String(required=True, metadata={"enum": ROLES})
    shared = f.Boolean(required=True)
    members = f.List(f.Nested(MemberSchema), required=True)


class InvitationSchema(Schema):
    """Dumps application.households.model.IssuedInvitation: the code is shown this once."""

    household_id = f.String(required=True)
    code = f.String(required=True)
    role = f.String(required=True, metadata={"enum": [str(role) for role in INVITABLE]})
    expires_at = f.Timestamp(required=True)
    link = f.String(required=True, source=lambda i: _join_link(i.code))


def _join_link(code: str) -> str:
    base = f.given("base_url")
    root = "" if base is missing else str(base).rstrip("/")
    return f"{root}/api/households/join?code={quote(code)}"


class MovedSchema(Schema):
    items = f.Integer(required=True, metadata={"description": "items that moved"})
    left_behind = f.List(
        f.String(),
        required=True,
        metadata={"description": "names that could not move (units that do not convert)"},
    )


class MembershipChangeSchema(Schema):
    household = f.Nested(HouseholdSchema, required=True)
    stock = f.Nested(MovedSchema, required=True)
    join_id = f.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "a join's record: its owner may undo it within a day"},
    )


class JoinRecordSchema(Schema):
    """Dumps domain.households.joins.JoinRecord."""

    id = f.Integer(required=True)
    user_uid = f.String(required=True)
    role = f.String(required=True, metadata={"enum": ROLES})
    joined_at = f.Timestamp(required=True)
    undo_until = f.Timestamp(required=True)
    undone_at = f.Timestamp(required=True, allow_none=True)


class JoinListSchema(Schema):
    joins = f.List(f.Nested(JoinRecordSchema), required=True, source=lambda joins: joins)


DEFINITIONS: list[tuple[str, Any]] = [
    ("NewHousehold", NewHouseholdSchema),
    ("HouseholdInvitationRequest", InvitationRequestSchema),
    ("JoinHousehold", JoinSchema),
    ("HouseholdRoleChange", RoleChangeSchema),
    ("LeaveHousehold", LeaveSchema),
    ("HouseholdMember", MemberSchema),
    ("Household", HouseholdSchema),
    ("HouseholdInvitation", InvitationSchema),
    ("MovedStock", MovedSchema),
    ("MembershipChange", MembershipChangeSchema),
    ("HouseholdJoin", JoinRecordSchema),
    ("HouseholdJoins", JoinListSchema),
]
