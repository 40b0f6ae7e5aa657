"""JWT configuration (flask-jwt-extended), 401 bodies the client expects, token minting."""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

import jwt as pyjwt
from flask import Flask, Response, current_app, g, request
from flask_jwt_extended import (
    JWTManager,
    create_access_token,
    create_refresh_token,
    get_jwt,
    get_jwt_identity,
    jwt_required,
    verify_jwt_in_request,
)
from flask_jwt_extended.exceptions import JWTExtendedException
from jwt.exceptions import PyJWTError

from zerowaste.application.ports.read_routing import bind_caller
from zerowaste.application.services import Services
from zerowaste.config import Settings
from zerowaste.domain.accounts.sessions import TokenGrant, revocation_keys
from zerowaste.interface.http.errors import error_response


def services() -> Services:
    """The application services built by the composition root for this app."""
    found: Services = current_app.extensions["zerowaste.services"]
    return found


def configure_jwt(app: Flask, settings: Settings) -> None:
    app.config.update(
        JWT_SECRET_KEY=settings.jwt_secret_key,
        JWT_ALGORITHM="HS256",
        JWT_DECODE_ALGORITHMS=["HS256"],  # never "none", never an algorithm the token picks
        JWT_ACCESS_TOKEN_EXPIRES=settings.jwt_access_ttl,
        JWT_REFRESH_TOKEN_EXPIRES=settings.jwt_refresh_ttl,
        JWT_TOKEN_LOCATION=["headers"],
        JWT_ERROR_MESSAGE_KEY="error",
    )
    # Rotation: new tokens name their key (`kid`, a digest, never the key); a token naming the
    # previous key verifies with it until it expires. Anything else verifies with the current one.
    current = settings.jwt_secret_key
    keys = {key_id(current): current}
    if settings.jwt_secret_key_previous:
        keys[key_id(settings.jwt_secret_key_previous)] = settings.jwt_secret_key_previous
    app.config["ZW_JWT_KID"] = key_id(current)
    app.config["ZW_JWT_KEYS"] = keys
    app.extensions[VERIFIED_TOKENS] = VerifiedTokens()
    jwt = JWTManager(app)
    jwt.decode_key_loader(lambda header, _payload: decode_key(header))

    def unauthorized(message: str, code: str) -> Response:
        return error_response(401, message, code)

    jwt.expired_token_loader(lambda _h, _p: unauthorized("Token has expired", "token_expired"))
    jwt.revoked_token_loader(lambda _h, _p: unauthorized("Token has been revoked", "token_revoked"))
    jwt.invalid_token_loader(lambda _reason: unauthorized("Invalid token", "invalid_token"))
    jwt.unauthorized_loader(
        lambda _reason: unauthorized("Authorization token is required", "authorization_required")
    )
    jwt.token_in_blocklist_loader(_is_revoked)
    # PyJWT checks `exp` only when present: a token without it would never expire.
    jwt.token_verification_loader(lambda _header, payload: _has_required_claims(payload))
    jwt.token_verification_failed_loader(
        lambda _h, _p: unauthorized("Invalid token", "invalid_token")
    )


REQUIRED_CLAIMS = ("exp", "iat", "jti", "sub", "type")
VERIFIED_TOKENS = "zerowaste.verified_tokens"


class VerifiedTokens:
    """Tokens this app has verified, by their exact text: header and claims, until `exp`.

    The mobile app sends the same access token on every call for its 30 minutes, and each
    verification parses and checks every character of it in Python (~0.2 ms of CPU per
    request). A token's text is what was signed, so the same text verifies the same way with
    the same keys, and the keys are fixed for the life of the app (one cache per app). What a
    cached answer does not carry is re-checked on every use: expiry (exp, nbf against the
    clock, no leeway, as flask-jwt-extended is configured) and revocation (the caller's
    revocation lookup, once per request). Bounded: at `MAX` tokens it starts again empty,
    which costs one decode per active token and nothing else."""

    MAX = 20_000

    def __init__(self) -> None:
        self._found: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def get(self, token: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        found = self._found.get(token)
        if found is None:
            return None
        now = time.time()
        payload = found[1]
        if payload["exp"] <= now or payload.get("nbf", now) > now:
            self._found.pop(token, None)  # expired: verified again, and refused, by PyJWT
            return None
        return found

    def put(self, token: str, header: dict[str, Any], payload: dict[str, Any]) -> None:
        if len(self._found) >= self.MAX:
            self._found.clear()
        self._found[token] = (header, payload)


def key_id(secret: str) -> str:
    """The `kid` header naming a signing key: a short digest that does not reveal it."""
    return hashlib.sha256(b"zerowaste-jwt-kid:" + secret.encode()).hexdigest()[:16]


def decode_key(header: dict[str, Any]) -> str:
    """The key a token's (unverified) header names; the current key when it names none."""
    keys: dict[str, str] = current_app.config["ZW_JWT_KEYS"]
    kid = header.get("kid")
    found = keys.get(kid) if isinstance(kid, str) else None
    return found or str(current_app.config["JWT_SECRET_KEY"])


def _has_required_claims(payload: dict[str, Any]) -> bool:
    present = all(payload.get(claim) is not None for claim in REQUIRED_CLAIMS)
    return present and isinstance(payload["jti"], str)


def _revocation_memo() -> dict[str, bool]:
    """This request's revocation answers by jti (each token is looked up once per request)."""
    memo: dict[str, bool] = g.setdefault("zw_revocation_memo", {})
    return memo


def token_to_look_up() -> tuple[str, str, list[str]] | None:
    """(subject, jti, revocation keys) of the request's access token when it verifies and its
    revocation has not been looked up yet; None otherwise (no, bad or refresh token; looked up).

    For a caller that looks the token up in a round trip of its own (the write budget counts in
    the same one) and tells the answer with `remember_revocation`, which `verified_claims` uses.
    """
    found = None if g.get("_jwt_extended_jwt") else _bearer("access")
    if found is None:
        return None
    payload = found[1]
    jti = payload.get("jti")
    if not isinstance(jti, str) or jti in _revocation_memo():
        return None
    return str(payload["sub"]), jti, revocation_keys(jti, payload.get("sid"))


def remember_revocation(jti: str, revoked: bool) -> None:
    """The answer of a lookup made for `token_to_look_up`: this request asks no more."""
    _revocation_memo()[jti] = revoked


def _is_revoked(_header: dict[str, Any], payload: dict[str, Any]) -> bool:
    # The limiter's key function and the view both verify the token: look it up once per request.
    memo = _revocation_memo()
    jti = payload.get("jti")
    if not isinstance(jti, str):
        return False  # no jti: refused as invalid by _has_required_claims, which runs next
    if jti not in memo:
        memo[jti] = services().auth.is_revoked(jti, payload.get("sid"))
    return memo[jti]


def mint_tokens(grant: TokenGrant) -> dict[str, str]:
    """The access and refresh JWTs of a grant (the token pair reply dumps the rest of it)."""
    bind_caller(grant.user_uid)  # a sign-up or sign-in that wrote: its household reads the primary
    claims = {"sid": grant.session_id}
    headers = {"kid": current_app.config["ZW_JWT_KID"]}
    access = create_access_token(
        identity=grant.user_uid,
        additional_claims={**claims, "jti": grant.access_jti},
        additional_headers=headers,
    )
    refresh = create_refresh_token(
        identity=grant.user_uid,
        additional_claims={**claims, "jti": grant.refresh_jti},
        additional_headers=headers,
    )
    return {"access_token": access, "refresh_token": refresh}


def auth_required(refresh: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`jwt_required` with one decode of the token on the way in.

    flask-jwt-extended parses a token four times per request (unverified claims, unverified
    header, then the verified decode: header and payload), and PyJWT checks every character of
    every segment in Python on each parse: ~0.4 ms of a 3.5 ms profile read. `verified_claims`
    does the same checks in one verified decode; anything it does not accept (no or malformed
    header, bad signature, expired, wrong type, revoked) goes through flask-jwt-extended's own
    verification, which answers with the usual 401 bodies.
    """

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        checked = jwt_required(refresh=refresh)(_naming_the_caller(view))
        wanted = "refresh" if refresh else "access"

        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if verified_claims(wanted) is not None:
                return current_app.ensure_sync(view)(*args, **kwargs)
            return checked(*args, **kwargs)

        return wrapper

    return decorator


def _naming_the_caller(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def run(*args: Any, **kwargs: Any) -> Any:
        bind_caller(current_user_id())
        return current_app.ensure_sync(view)(*args, **kwargs)

    return run


def verified_claims(wanted: str) -> dict[str, Any] | None:
    """The claims of the request's bearer token when it passes every check, else None.

    Checks what flask-jwt-extended checks for this configuration (HS256 signature, `exp`, `nbf`,
    `iat`, a string `sub`, the token type, the revocation list) plus the claims we require, and
    stores the result where flask-jwt-extended's `get_jwt()` reads it. Memoised per request: the
    rate limiter's key function and the view share one decode and one revocation lookup.
    """
    claims: dict[str, Any] | None = g.get("_jwt_extended_jwt")
    if claims:
        bind_caller(str(claims["sub"]))
        return claims if claims.get("type") == wanted else None
    found = _bearer(wanted)
    if found is None:
        return None
    header, payload = found
    if _is_revoked(header, payload):
        return None
    g._jwt_extended_jwt_user = {"loaded_user": None}
    g._jwt_extended_jwt_header = dict(header)  # copies: the cached pair is shared by requests
    g._jwt_extended_jwt = dict(payload)
    g._jwt_extended_jwt_location = "headers"
    bind_caller(str(payload["sub"]))  # reads route by the caller's household (read replica)
    return dict(payload)


def _bearer(wanted: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The header and claims of the request's bearer token when it verifies and is of the
    `wanted` type (revocation not looked up); None without one (or on a CORS preflight)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Bearer" or not token or request.method == "OPTIONS":
        return None
    found = _verified(token)
    return found if found is not None and found[1].get("type") == wanted else None


def _verified(token: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The header and claims of a token that verifies and has every required claim: from this
    app's VerifiedTokens, or decoded once and kept there."""
    verified: VerifiedTokens = current_app.extensions[VERIFIED_TOKENS]
    found = verified.get(token)
    if found is not None:
        return found
    try:
        decoded = pyjwt.decode_complete(
            token,
            decode_key(pyjwt.get_unverified_header(token)),
            algorithms=current_app.config["JWT_DECODE_ALGORITHMS"],
            options={"require": list(REQUIRED_CLAIMS)},
        )
    except PyJWTError:
        return None
    header, payload = decoded["header"], decoded["payload"]
    if not _has_required_claims(payload):
        return None
    verified.put(token, header, payload)
    return header, payload


def current_user_id() -> str:
    return str(get_jwt_identity())


def current_session_id() -> str:
    return str(get_jwt().get("sid", ""))


def current_jti() -> str:
    return str(get_jwt().get("jti", ""))


def optional_user_id() -> str | None:
    """The caller's uid when a valid access token is present, else None (never raises)."""
    claims = verified_claims("access")
    if claims is not None:
        return str(claims["sub"])
    try:
        verify_jwt_in_request(optional=True)
    except (JWTExtendedException, PyJWTError):
        return None
    identity = get_jwt_identity()
    if identity:
        bind_caller(str(identity))
    return str(identity) if identity else None
