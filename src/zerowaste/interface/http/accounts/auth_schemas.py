"""Auth request and response schemas."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.domain.accounts.sessions import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
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
    email = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    photo_url = fields.String(allow_none=True)
    email_verified = fields.Boolean()
    auth_provider = fields.String()


class TokenPairSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = fields.Integer(required=True, metadata={"description": "Access token seconds"})
    refresh_expires_in = fields.Integer()
    access_jti = fields.String()
    refresh_jti = fields.String()
    user = fields.Nested(AuthUserSchema, required=True)


class SessionSchema(Schema):
    id = fields.String(required=True)
    device = fields.String(allow_none=True)
    ip_address = fields.String(allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    last_used_at = fields.AwareDateTime(required=True)
    expires_at = fields.AwareDateTime(required=True)
    current = fields.Boolean()


class SessionListSchema(Schema):
    sessions = fields.List(fields.Nested(SessionSchema), required=True)
    count = fields.Integer(required=True)


class LogoutSchema(Schema):
    message = fields.String(required=True)
    tokens_revoked = fields.Boolean()
    status = fields.String()
