"""Firebase ID token verification (firebase-admin), behind the IdentityVerifier port.

Each instance owns a named firebase-admin App, so several apps (tests, workers) never share
cached clients. Without a service account the App gets anonymous credentials: verifying an ID
token needs only Google's public certificates. Revocation (`check_revoked`) needs a user lookup,
so it is on when a service account is configured or the Auth emulator is in use.

The Auth emulator is selected by FIREBASE_AUTH_EMULATOR_HOST, which firebase-admin reads from
os.environ on every verification; Settings refuses it in production. With the emulator,
firebase-admin skips the signature, `kid` and `alg` checks (its tokens are unsigned).
"""

from __future__ import annotations

import logging
import os
import uuid
from typing import Any

import firebase_admin
import google.auth.credentials
import google.auth.exceptions
import requests
from firebase_admin import auth, credentials, exceptions

from zerowaste.config import ConfigError, Settings
from zerowaste.domain.shared.errors import AuthenticationFailed, UpstreamUnavailable

log = logging.getLogger(__name__)

EMULATOR_ENV = "FIREBASE_AUTH_EMULATOR_HOST"
HTTP_TIMEOUT_SECONDS = 10  # certificate fetch and user lookup; firebase-admin's default is 120
CLOCK_SKEW_SECONDS = 5  # tolerate small clock drift between Google and this host


class AnonymousCredential(credentials.Base):  # type: ignore[misc]
    """No OAuth token fetches: enough to verify ID tokens against the public certificates."""

    def get_credential(self) -> google.auth.credentials.Credentials:
        return google.auth.credentials.AnonymousCredentials()  # type: ignore[no-untyped-call]


class FirebaseIdentityVerifier:
    """Verifies Firebase ID tokens; every failure becomes a domain error with a stable code."""

    def __init__(self, settings: Settings) -> None:
        if not settings.firebase_project_id:
            raise ConfigError("FIREBASE_PROJECT_ID is required for Firebase sign-in")
        _configure_emulator(settings.firebase_auth_emulator_host)
        self._check_revoked = bool(
            settings.firebase_credentials or settings.firebase_auth_emulator_host
        )
        self._app = firebase_admin.initialize_app(
            _credential(settings.firebase_credentials),
            {"projectId": settings.firebase_project_id, "httpTimeout": HTTP_TIMEOUT_SECONDS},
            name=f"zerowaste-{uuid.uuid4().hex}",
        )

    @property
    def checks_revocation(self) -> bool:
        return self._check_revoked

    def verify(self, id_token: str) -> dict[str, Any]:
        try:
            claims = auth.verify_id_token(
                id_token,
                app=self._app,
                check_revoked=self._check_revoked,
                clock_skew_seconds=CLOCK_SKEW_SECONDS,
            )
        except Exception as exc:
            mapped = _domain_error(exc)
            if mapped is None:
                raise
            raise mapped from exc
        return dict(claims)

    def close(self) -> None:
        """Release the named firebase-admin App (tests build many)."""
        firebase_admin.delete_app(self._app)


def _credential(path: str | None) -> credentials.Base:
    if not path:
        return AnonymousCredential()
    try:
        return credentials.Certificate(path)
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"FIREBASE_CREDENTIALS={path} is not a readable service-account JSON file: {exc}"
        ) from exc


def _configure_emulator(host: str | None) -> None:
    """Point firebase-admin at the Auth emulator, or make sure nothing else does."""
    if host:
        os.environ[EMULATOR_ENV] = host
        log.warning("Firebase Auth emulator at %s: ID token signatures are not checked", host)
    elif os.environ.get(EMULATOR_ENV):
        # firebase-admin would silently skip signature checks for this verifier too.
        raise ConfigError(
            f"{EMULATOR_ENV} is set in the environment but not in the settings; unset it"
        )


def _domain_error(exc: Exception) -> Exception | None:
    """Map firebase-admin and transport errors to domain errors (order: subclasses first)."""
    if isinstance(exc, auth.ExpiredIdTokenError):
        return AuthenticationFailed("Token has expired", code="token_expired")
    if isinstance(exc, auth.RevokedIdTokenError | auth.UserDisabledError | auth.UserNotFoundError):
        return AuthenticationFailed("Token has been revoked", code="token_revoked")
    if isinstance(exc, auth.InvalidIdTokenError | ValueError):
        log.info("firebase ID token rejected: %s", exc)
        return AuthenticationFailed("Invalid token", code="invalid_token")
    if isinstance(
        exc,
        exceptions.FirebaseError
        | requests.RequestException
        | google.auth.exceptions.GoogleAuthError,
    ):
        log.warning("identity provider unavailable: %s: %s", exc.__class__.__name__, exc)
        return UpstreamUnavailable("Identity provider unavailable", code="identity_unavailable")
    return None
