"""Sign-in sessions: one per device login, the family of its rotating refresh tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256


@dataclass
class AuthSession:
    """A login on one device. The refresh token in force is `refresh_jti`; any other is reuse."""

    id: str
    user_uid: str
    refresh_jti: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    device: str | None = None
    ip_address: str | None = None
    revoked_at: datetime | None = None

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


@dataclass(frozen=True)
class TokenGrant:
    """What the interface needs to mint a token pair (it owns the JWT library)."""

    user_uid: str
    session_id: str
    access_jti: str
    refresh_jti: str
    expires_in: int
    refresh_expires_in: int


def session_revocation_key(session_id: str) -> str:
    return f"sid:{session_id}"


def revocation_keys(jti: str, session_id: str | None) -> list[str]:
    """What a token's revocation lookup asks about: the token itself and its session."""
    return [jti] if session_id is None else [jti, session_revocation_key(session_id)]
