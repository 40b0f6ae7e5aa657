"""Signed file URLs and download tokens on itsdangerous (the UrlSigner port).

Image widgets cannot send a bearer token, so a file URL of this API carries its own credential:
`/api/files/<key>?expires=<unix time>&signature=<sig>`, the signature being itsdangerous's
HMAC-SHA256 over the key and the expiry. Its key is derived from JWT_SECRET_KEY with a salt of
its own (`hmac` key derivation), so a file signature is never a valid JWT signature or the
reverse. These are the exact signatures of the hand-written HMAC this replaces: URLs handed
out before, and the Firebase download tokens stored with objects, stay valid.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from itsdangerous import Signer

from zerowaste.application.ports.clock import Clock
from zerowaste.domain.shared.errors import PermissionDenied

SALT = b"zerowaste/file-urls/v1"
MAX_EXPIRES_DIGITS = 12


class ItsDangerousUrlSigner:
    def __init__(self, secret: str, clock: Clock) -> None:
        self._signer = Signer(
            secret, salt=SALT, key_derivation="hmac", digest_method=hashlib.sha256
        )
        self._clock = clock

    def sign(self, key: str, ttl: timedelta) -> tuple[int, str]:
        """The expiry (unix time) and signature of a URL for `key` valid for `ttl`."""
        expires = int(self._clock.now().timestamp() + ttl.total_seconds())
        return expires, self._signature(f"url\n{key}\n{expires}")

    def verify(self, key: str, expires: str | None, signature: str | None) -> int:
        """The expiry of a valid signature; PermissionDenied when forged, altered or expired."""
        if not expires or not signature or not _well_formed(expires, signature):
            raise _invalid()
        if not self._signer.verify_signature(f"url\n{key}\n{expires}", signature):
            raise _invalid()
        if int(expires) < self._clock.now().timestamp():
            raise PermissionDenied("This file link has expired", code="signed_url_expired")
        return int(expires)

    def token(self, key: str) -> str:
        """A stable unguessable token for a key (Firebase download tokens)."""
        return self._signature(f"token\n{key}")

    def _signature(self, message: str) -> str:
        return self._signer.get_signature(message).decode("ascii")


def _well_formed(expires: str, signature: str) -> bool:
    """ASCII digits and an ASCII signature: anything else is a forgery, not a server error."""
    if not (expires.isascii() and signature.isascii()):
        return False
    return expires.isdigit() and len(expires) <= MAX_EXPIRES_DIGITS


def _invalid() -> PermissionDenied:
    return PermissionDenied("Invalid file signature", code="invalid_signature")
