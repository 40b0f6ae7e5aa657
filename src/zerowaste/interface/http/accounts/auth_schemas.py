"""Auth request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.domain.accounts.sessions import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema


class SignupSchema(RequestSchema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(
        required=True, validate=validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH)
    )
    name = fields.String(load_default=None, validate=validate.Length(max=120))


class LoginSchema(RequestSchema):
    email = fields.String(required=True, validate=validate.Length(min=3, max=254))
    password = fields.String(
        required=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH)
    )


class AuthUserSchema(Schema):
    uid = fields.String(required=True)
    email = fields.String(required=True, allow_none=True)
    name = fields.String(required=True, allow_none=True)
    photo_url = fields.String(required=True, allow_none=True)
    email_verified = fields.Boolean(required=True)
    auth_provider = fields.String(required=True)


class TokenPairSchema(Schema):
    """Dumps the SignIn result; the route passes the two tokens it minted from its grant."""

    access_token = f.String(source=lambda _: f.given("access_token"), required=True)
    refresh_token = f.String(source=lambda _: f.given("refresh_token"), required=True)
    token_type = f.Constant("Bearer")
    expires_in = f.Integer(
        attribute="grant.expires_in", required=True, metadata={"description": "access seconds"}
    )
    refresh_expires_in = f.Integer(attribute="grant.refresh_expires_in", required=True)
    access_jti = f.String(attribute="grant.access_jti", required=True)
    refresh_jti = f.String(attribute="grant.refresh_jti", required=True)
    user = fields.Nested(AuthUserSchema, required=True)


class SessionSchema(Schema):
    """Dumps an AuthSession; `current` is the session of the calling token."""

    id = fields.String(required=True)
    device = fields.String(required=True, allow_none=True)
    ip_address = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    last_used_at = fields.AwareDateTime(required=True)
    expires_at = fields.AwareDateTime(required=True)
    current = f.Boolean(source=lambda s: s.id == f.given("current_session"), required=True)


class SessionListSchema(Schema):
    """Dumps the caller's active sessions."""

    sessions = f.Nested(SessionSchema, many=True, source=lambda found: found, required=True)
    count = f.Integer(source=len, required=True)


class LogoutSchema(Schema):
    message = f.Constant("Logged out")
    tokens_revoked = f.Constant(True)
    status = f.Constant("success")
