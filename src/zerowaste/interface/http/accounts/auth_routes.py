"""Sign-in, token refresh, logout and session routes (thin: parse, call, dump)."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.application.accounts.auth import SignIn
from zerowaste.interface.http.accounts.auth_schemas import (
    LoginSchema,
    LogoutSchema,
    SessionListSchema,
    SignupSchema,
    TokenPairSchema,
)
from zerowaste.interface.http.requests import bearer_token, device, json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.schemas import MessageSchema
from zerowaste.interface.http.security import (
    auth_required,
    current_jti,
    current_session_id,
    current_user_id,
    mint_tokens,
    optional_user_id,
    services,
)

# Separate blueprints so each group carries its own rate limit (see app.create_app).
signin_bp = Blueprint("auth_signin", __name__, url_prefix="/api/auth")
# Request schemas, built once: a schema's construction copies its fields.
LOGIN_REQUEST = LoginSchema()
SIGNUP_REQUEST = SignupSchema()
refresh_bp = Blueprint("auth_refresh", __name__, url_prefix="/api/auth")
bp = Blueprint("auth", __name__, url_prefix="/api/auth")

TOKEN_PAIR, SESSIONS = TokenPairSchema(), SessionListSchema()
LOGOUT, MESSAGE = LogoutSchema(), MessageSchema()


def _signed_in(result: SignIn, status: int) -> Reply:
    return dump(TOKEN_PAIR, result, status, **mint_tokens(result.grant))


@signin_bp.post("/firebase-signin")
def firebase_signin() -> Reply:
    """Exchange a Firebase ID token (in the Authorization header) for our token pair.
    ---
    tags: [auth]
    security: [{Bearer: []}]
    responses:
      200: {description: "signed in", schema: {$ref: "#/definitions/TokenPair"}}
      400: {description: "no email, non-anonymous provider", schema: {$ref: "#/definitions/Error"}}
      401: {description: "invalid, expired or revoked token", schema: {$ref: "#/definitions/Error"}}
      503: {description: "Firebase unreachable", schema: {$ref: "#/definitions/Error"}}
    """
    return _signed_in(services().auth.firebase_signin(bearer_token(), device()), 200)


@signin_bp.post("/signup")
def signup() -> Reply:
    """Create a local account (or upgrade the calling guest account, keeping its data).
    ---
    tags: [auth]
    security: []
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Signup"}}]
    responses:
      201: {description: "created", schema: {$ref: "#/definitions/TokenPair"}}
      409: {description: "email taken, or not a guest", schema: {$ref: "#/definitions/Error"}}
    """
    data = SIGNUP_REQUEST.load(json_body())
    result = services().auth.signup(
        data["email"], data["password"], data["name"], device(), optional_user_id()
    )
    return _signed_in(result, 201)


@signin_bp.post("/login")
def login() -> Reply:
    """Sign in with email and password.
    ---
    tags: [auth]
    security: []
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Login"}}]
    responses:
      200: {description: "signed in", schema: {$ref: "#/definitions/TokenPair"}}
      401: {description: "wrong email or password", schema: {$ref: "#/definitions/Error"}}
    """
    data = LOGIN_REQUEST.load(json_body())
    return _signed_in(services().auth.login(data["email"], data["password"], device()), 200)


@signin_bp.post("/guest")
def guest() -> Reply:
    """Start as an anonymous guest; sign up later to keep the data.
    ---
    tags: [auth]
    security: []
    responses: {201: {description: "guest created", schema: {$ref: "#/definitions/TokenPair"}}}
    """
    return _signed_in(services().auth.guest(device()), 201)


@refresh_bp.post("/refresh")
@auth_required(refresh=True)
def refresh() -> Reply:
    """Rotate the pair with the refresh token in the Authorization header (single use).
    ---
    tags: [auth]
    responses:
      200: {description: "new pair", schema: {$ref: "#/definitions/TokenPair"}}
      401: {description: "expired, revoked or reused", schema: {$ref: "#/definitions/Error"}}
    """
    auth = services().auth
    result = auth.refresh(current_user_id(), current_session_id(), current_jti(), device())
    return _signed_in(result, 200)


@bp.post("/logout")
@auth_required()
def logout() -> Reply:
    """Revoke this access token and every refresh token of its session.
    ---
    tags: [auth]
    responses: {200: {description: "logged out", schema: {$ref: "#/definitions/Logout"}}}
    """
    services().auth.logout(current_user_id(), current_session_id(), current_jti())
    return dump(LOGOUT, {})


@bp.get("/sessions")
@auth_required()
def list_sessions() -> Reply:
    """The caller's active sessions (device, created, last used = last sign-in or refresh).
    ---
    tags: [auth]
    responses: {200: {description: "sessions", schema: {$ref: "#/definitions/SessionList"}}}
    """
    sessions = services().auth.list_sessions(current_user_id())
    return dump(SESSIONS, sessions, current_session=current_session_id())


@bp.delete("/sessions/<session_id>")
@auth_required()
def end_session(session_id: str) -> Reply:
    """End one of the caller's sessions; its tokens stop working at once.
    ---
    tags: [auth]
    parameters: [{in: path, name: session_id, type: string, required: true}]
    responses:
      200: {description: "ended", schema: {$ref: "#/definitions/Message"}}
      404: {description: "no such session for this user", schema: {$ref: "#/definitions/Error"}}
    """
    services().auth.end_session(current_user_id(), session_id)
    return dump(MESSAGE, {"message": "Session ended"})
