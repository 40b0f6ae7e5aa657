"""Sign-up, sign-in (local, guest, Firebase), refresh-token rotation, logout and sessions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from zerowaste.application.accounts.ports import (
    AccountsUnitOfWork,
    IdentityVerifier,
    PasswordHasher,
    RevocationStore,
)
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.accounts.sessions import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    AuthSession,
    TokenGrant,
    revocation_keys,
    session_revocation_key,
)
from zerowaste.domain.accounts.users import AuthProvider, User
from zerowaste.domain.households import Household
from zerowaste.domain.shared.errors import AuthenticationFailed, Conflict, InvalidInput, NotFound

INVALID_CREDENTIALS = "Invalid email or password"
# Firebase providers that carry no e-mail address by design.
EMAIL_OPTIONAL_PROVIDERS = {"anonymous", "custom", "phone"}


@dataclass(frozen=True)
class Device:
    """Where a sign-in comes from, shown in the session list."""

    user_agent: str | None = None
    ip_address: str | None = None


@dataclass(frozen=True)
class SignIn:
    user: User
    grant: TokenGrant


def new_id() -> str:
    return uuid.uuid4().hex


class AuthService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AccountsUnitOfWork],
        clock: Clock,
        hasher: PasswordHasher,
        revocations: RevocationStore,
        identity: IdentityVerifier | None,
        access_ttl: timedelta,
        refresh_ttl: timedelta,
        id_factory: Callable[[], str] = new_id,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._hasher = hasher
        self._revocations = revocations
        self._identity = identity
        self._access_ttl = access_ttl
        self._refresh_ttl = refresh_ttl
        self._new_id = id_factory
        self._dummy_hash = hasher.hash("not-a-real-password")

    def signup(
        self, email: str, password: str, name: str | None, device: Device, guest_uid: str | None
    ) -> SignIn:
        """Create a local account, or upgrade the calling guest account in place."""
        email = normalize_email(email)
        check_password(password)
        password_hash = self._hasher.hash(password)
        now = self._clock.now()
        with self._uow_factory() as uow:
            if uow.users.login_email_taken(email):
                raise Conflict("An account with this email already exists", code="email_taken")
            user = self._guest_to_upgrade(uow, guest_uid)
            if user is None:
                user = User(self._new_id(), email, name, AuthProvider.LOCAL, now, now)
                self._add_user(uow, user)
            user.email, user.auth_provider, user.updated_at = email, AuthProvider.LOCAL, now
            user.name = name or user.name
            user.last_login_at = now
            uow.users.save(user)
            uow.users.set_password(user.uid, email, password_hash)
            grant = self._open_session(uow, user.uid, device, now)
            uow.commit()
        return SignIn(user, grant)

    def login(self, email: str, password: str, device: Device) -> SignIn:
        """Check a local password; the same generic error for unknown email and wrong password."""
        email = normalize_email(email, strict=False)
        now = self._clock.now()
        with self._uow_factory() as uow:
            found = uow.users.get_by_login_email(email)
            if found is None:
                self._hasher.verify(self._dummy_hash, password)  # same cost either way
                raise AuthenticationFailed(INVALID_CREDENTIALS, code="invalid_credentials")
            user, password_hash = found
            if not self._hasher.verify(password_hash, password):
                raise AuthenticationFailed(INVALID_CREDENTIALS, code="invalid_credentials")
            if self._hasher.needs_rehash(password_hash):
                uow.users.set_password(user.uid, email, self._hasher.hash(password))
            user.last_login_at = now
            uow.users.save(user)
            grant = self._open_session(uow, user.uid, device, now)
            uow.commit()
        return SignIn(user, grant)

    def guest(self, device: Device) -> SignIn:
        """An anonymous account with its own data, upgradable later through signup."""
        now = self._clock.now()
        with self._uow_factory() as uow:
            user = User(self._new_id(), None, None, AuthProvider.GUEST, now, now, last_login_at=now)
            self._add_user(uow, user)
            grant = self._open_session(uow, user.uid, device, now)
            uow.commit()
        return SignIn(user, grant)

    def firebase_signin(self, id_token: str, device: Device) -> SignIn:
        """Verify a Firebase ID token; accounts are keyed by Firebase uid, never linked by email."""
        if self._identity is None:
            raise AuthenticationFailed(
                "Firebase sign-in is not configured", code="firebase_not_configured"
            )
        claims = self._identity.verify(id_token)
        firebase_uid, provider = _firebase_identity(claims)
        email = claims.get("email")
        if not email and provider not in EMAIL_OPTIONAL_PROVIDERS:
            raise InvalidInput("The ID token carries no email", code="email_required")
        now = self._clock.now()
        with self._uow_factory() as uow:
            user = uow.users.get_by_firebase_uid(firebase_uid)
            if user is None:
                # Our uid is the Firebase uid (as the original backend), unless another account
                # already has it as its own uid: then a fresh one, never that account.
                taken = uow.users.get(firebase_uid) is not None
                uid = self._new_id() if taken else firebase_uid
                user = User(uid, None, None, AuthProvider.firebase(provider), now, now)
                user.firebase_uid = firebase_uid
                self._add_user(uow, user)
            _apply_firebase_claims(user, claims, provider, now)
            uow.users.save(user)
            grant = self._open_session(uow, user.uid, device, now)
            uow.commit()
        return SignIn(user, grant)

    def refresh(self, user_uid: str, session_id: str, refresh_jti: str, device: Device) -> SignIn:
        """Rotate the pair; a refresh token already used revokes its whole session (family)."""
        now = self._clock.now()
        new_refresh, new_access = self._new_id(), self._new_id()
        with self._uow_factory() as uow:
            session = uow.sessions.get(user_uid, session_id)
            user = uow.users.get(user_uid)
            if session is None or user is None or not session.is_active(now):
                raise AuthenticationFailed("Token has been revoked", code="token_revoked")
            expires_at = now + self._refresh_ttl
            if not uow.sessions.rotate_refresh(
                session_id, refresh_jti, new_refresh, now, expires_at
            ):
                uow.sessions.revoke(session_id, now)
                uow.commit()
                self._revocations.revoke(session_revocation_key(session_id), self._access_ttl)
                raise AuthenticationFailed("Token has been revoked", code="token_reused")
            uow.commit()
        return SignIn(user, self._grant(user_uid, session_id, new_access, new_refresh))

    def logout(self, user_uid: str, session_id: str, access_jti: str) -> None:
        """Revoke the current access token and every refresh token of its session."""
        self._revocations.revoke(access_jti, self._access_ttl)
        self.end_session(user_uid, session_id, missing_ok=True)

    def list_sessions(self, user_uid: str) -> list[AuthSession]:
        with self._uow_factory.read() as uow:
            return uow.sessions.list_active(user_uid, self._clock.now())

    def end_session(self, user_uid: str, session_id: str, *, missing_ok: bool = False) -> None:
        """End one session: its refresh token stops working and so do its access tokens."""
        now = self._clock.now()
        with self._uow_factory() as uow:
            session = uow.sessions.get(user_uid, session_id)
            if session is None:
                if missing_ok:
                    return
                raise NotFound("Session not found", code="session_not_found")
            uow.sessions.revoke(session_id, now)
            uow.commit()
        self._revocations.revoke(session_revocation_key(session_id), self._access_ttl)

    def revoke_all_sessions(self, uow: AccountsUnitOfWork, user_uid: str) -> list[str]:
        """Inside a caller's unit of work: end every session of a user (account deletion)."""
        return uow.sessions.revoke_all(user_uid, self._clock.now())

    def forget_sessions(self, session_ids: list[str]) -> None:
        for session_id in session_ids:
            self._revocations.revoke(session_revocation_key(session_id), self._access_ttl)

    def is_revoked(self, jti: str, session_id: str | None) -> bool:
        """One lookup: is this token, or the session it belongs to, revoked?"""
        return self._revocations.any_revoked(revocation_keys(jti, session_id))

    def current_user(self, user_uid: str) -> User:
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
        if user is None:
            raise NotFound("User not found", code="user_not_found")
        return user

    def _add_user(self, uow: AccountsUnitOfWork, user: User) -> None:
        """A new account comes with its household of one (it owns what the user shares)."""
        household = Household(self._new_id(), "", user.created_at)
        uow.households.add(household)
        user.household_id = household.id
        uow.users.add(user)

    def _guest_to_upgrade(self, uow: AccountsUnitOfWork, guest_uid: str | None) -> User | None:
        if guest_uid is None:
            return None
        user = uow.users.get(guest_uid)
        if user is None or not user.is_guest:
            raise Conflict("Only a guest account can be upgraded", code="not_a_guest")
        return user

    def _open_session(
        self, uow: AccountsUnitOfWork, user_uid: str, device: Device, now: datetime
    ) -> TokenGrant:
        session = AuthSession(
            id=self._new_id(),
            user_uid=user_uid,
            refresh_jti=self._new_id(),
            created_at=now,
            last_used_at=now,
            expires_at=now + self._refresh_ttl,
            device=(device.user_agent or "")[:255] or None,
            ip_address=device.ip_address,
        )
        uow.sessions.add(session)
        return self._grant(user_uid, session.id, self._new_id(), session.refresh_jti)

    def _grant(
        self, user_uid: str, session_id: str, access_jti: str, refresh_jti: str
    ) -> TokenGrant:
        return TokenGrant(
            user_uid=user_uid,
            session_id=session_id,
            access_jti=access_jti,
            refresh_jti=refresh_jti,
            expires_in=int(self._access_ttl.total_seconds()),
            refresh_expires_in=int(self._refresh_ttl.total_seconds()),
        )


def normalize_email(email: str, *, strict: bool = True) -> str:
    value = (email or "").strip().lower()
    local, _, domain = value.partition("@")
    if strict and (not local or "." not in domain or len(value) > 254 or " " in value):
        raise InvalidInput("A valid email address is required", code="invalid_email")
    return value


def check_password(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            f"Password must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
            code="weak_password",
        )


def _firebase_identity(claims: dict[str, Any]) -> tuple[str, str]:
    firebase_uid = claims.get("uid") or claims.get("sub")
    if not isinstance(firebase_uid, str) or not firebase_uid:
        raise InvalidInput("The ID token carries no uid", code="uid_required")
    firebase_info = claims.get("firebase")
    provider = firebase_info.get("sign_in_provider") if isinstance(firebase_info, dict) else None
    return firebase_uid, str(provider or "unknown")


def _apply_firebase_claims(
    user: User, claims: dict[str, Any], provider: str, now: datetime
) -> None:
    user.email = claims.get("email") or user.email
    user.email_verified = bool(claims.get("email_verified", False))
    user.name = user.name or claims.get("name")
    user.photo_url = user.photo_url or claims.get("picture")
    user.auth_provider = AuthProvider.firebase(provider)
    user.last_login_at = user.updated_at = now
