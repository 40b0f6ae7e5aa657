"""Tables and repositories for users, local credentials, sign-in sessions and revoked tokens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Row,
    String,
    bindparam,
    delete,
    false,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import Profile, User
from zerowaste.domain.shared.errors import Conflict
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime

PROFILE_LIST_FIELDS = (
    "allergies",
    "allergy_items",
    "preferred_food_types",
    "special_diet_items",
    "favorite_recipes",
)


class UserRow(Base):
    __tablename__ = "users"

    uid: Mapped[str] = mapped_column(String(128), primary_key=True)
    # RESTRICT: a household goes only once its last member has (ProfileService.delete_account).
    household_id: Mapped[str] = mapped_column(
        ForeignKey("households.id", ondelete="RESTRICT"), index=True
    )
    # The member's role there (domain.households.roles); written only by the households
    # repository (a profile save never carries it, so it cannot undo a role change).
    household_role: Mapped[str] = mapped_column(String(16), default="owner", server_default="owner")
    firebase_uid: Mapped[str | None] = mapped_column(String(128), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str | None] = mapped_column(String(120))
    photo_url: Mapped[str | None] = mapped_column(String(1000))
    auth_provider: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(5), default="es")
    cooking_level: Mapped[str] = mapped_column(String(20), default="beginner")
    measurement_unit: Mapped[str] = mapped_column(String(10), default="metric")
    allergies: Mapped[list[object]] = mapped_column(JSONType, default=list)
    allergy_items: Mapped[list[object]] = mapped_column(JSONType, default=list)
    preferred_food_types: Mapped[list[str]] = mapped_column(JSONType, default=list)
    special_diet_items: Mapped[list[str]] = mapped_column(JSONType, default=list)
    favorite_recipes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    initial_preferences_completed: Mapped[bool] = mapped_column(Boolean, default=False)
    prefs: Mapped[dict[str, object]] = mapped_column(JSONType, default=dict)
    # Set only by `zerowaste admin grant|revoke` (never through the API); read by the admin
    # feature's repository, by primary key.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class LocalCredentialRow(Base):
    """Password logins; the login email is unique here, not on users (Firebase emails aren't)."""

    __tablename__ = "local_credentials"

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))


class AuthSessionRow(Base):
    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user_uid_revoked_at", "user_uid", "revoked_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    refresh_jti: Mapped[str] = mapped_column(String(64))
    device: Mapped[str | None] = mapped_column(String(255))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RevokedTokenRow(Base):
    __tablename__ = "revoked_tokens"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def _to_user(row: UserRow | Row[Any]) -> User:
    profile = Profile(
        language=row.language,
        cooking_level=row.cooking_level,
        measurement_unit=row.measurement_unit,
        initial_preferences_completed=row.initial_preferences_completed,
        prefs=dict(row.prefs or {}),
        **{name: list(getattr(row, name) or []) for name in PROFILE_LIST_FIELDS},
    )
    return User(
        uid=row.uid,
        email=row.email,
        name=row.name,
        auth_provider=row.auth_provider,
        created_at=row.created_at,
        updated_at=row.updated_at,
        email_verified=row.email_verified,
        photo_url=row.photo_url,
        firebase_uid=row.firebase_uid,
        last_login_at=row.last_login_at,
        profile=profile,
        household_id=row.household_id,
        household_role=row.household_role,
    )


def _fill_row(row: UserRow, user: User) -> None:
    for name in (
        "household_id",
        "firebase_uid",
        "email",
        "email_verified",
        "name",
        "photo_url",
        "auth_provider",
    ):
        setattr(row, name, getattr(user, name))
    row.created_at, row.updated_at, row.last_login_at = (
        user.created_at,
        user.updated_at,
        user.last_login_at,
    )
    p = user.profile
    row.language, row.cooking_level, row.measurement_unit = (
        p.language,
        p.cooking_level,
        p.measurement_unit,
    )
    row.initial_preferences_completed, row.prefs = p.initial_preferences_completed, dict(p.prefs)
    for name in PROFILE_LIST_FIELDS:
        setattr(row, name, list(getattr(p, name)))


_USER_BY_UID = select(UserRow.__table__).where(UserRow.__table__.c.uid == bindparam("uid"))


class SqlAlchemyUserRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, uid: str) -> User | None:
        # A Core row, not an ORM object: the profile read is the hottest query of the API and
        # the identity map, instance state and events cost more than the round trip itself.
        row = self._s.execute(_USER_BY_UID, {"uid": uid}).first()
        return _to_user(row) if row else None

    def of_household(self, household_id: str) -> list[User]:
        """The household's members, oldest account first, in one query."""
        query = select(UserRow.__table__).where(UserRow.__table__.c.household_id == household_id)
        rows = self._s.execute(query.order_by(UserRow.__table__.c.created_at))
        return [_to_user(row) for row in rows]

    def with_households(self, uids: Sequence[str]) -> list[User]:
        """These users and everyone who shares a household with them, oldest account first, in
        one query (what `get` costs a user alone): the pickers' read of whose allergies count."""
        if not uids:
            return []
        users = UserRow.__table__
        theirs = select(users.c.household_id).where(users.c.uid.in_(list(uids)))
        query = select(users).where(users.c.household_id.in_(theirs)).order_by(users.c.created_at)
        return [_to_user(row) for row in self._s.execute(query)]

    def get_by_firebase_uid(self, firebase_uid: str) -> User | None:
        row = self._s.scalar(select(UserRow).where(UserRow.firebase_uid == firebase_uid))
        return _to_user(row) if row else None

    def get_by_login_email(self, email: str) -> tuple[User, str] | None:
        found = self._s.execute(
            select(UserRow, LocalCredentialRow.password_hash)
            .join(LocalCredentialRow, LocalCredentialRow.user_uid == UserRow.uid)
            .where(LocalCredentialRow.email == email)
        ).first()
        return (_to_user(found[0]), found[1]) if found else None

    def add(self, user: User, *, password_hash: str | None = None) -> None:
        row = UserRow(uid=user.uid)
        _fill_row(row, user)
        self._s.add(row)
        self._s.flush()
        if password_hash is not None and user.email:
            self.set_password(user.uid, user.email, password_hash)

    def save(self, user: User) -> None:
        row = self._s.get(UserRow, user.uid)
        if row is None:
            raise LookupError(user.uid)
        _fill_row(row, user)
        self._s.flush()

    def set_password(self, uid: str, login_email: str, password_hash: str) -> None:
        row = self._s.get(LocalCredentialRow, uid)
        if row is None:
            self._s.add(
                LocalCredentialRow(user_uid=uid, email=login_email, password_hash=password_hash)
            )
        else:
            row.email, row.password_hash = login_email, password_hash
        try:
            self._s.flush()
        except IntegrityError as exc:  # a concurrent signup took the email after our check
            raise Conflict("An account with this email already exists", code="email_taken") from exc

    def login_email_taken(self, email: str) -> bool:
        found = self._s.scalar(
            select(LocalCredentialRow.user_uid).where(LocalCredentialRow.email == email)
        )
        return found is not None

    def delete(self, uid: str) -> None:
        self._s.execute(delete(UserRow).where(UserRow.uid == uid))


def _to_session(row: AuthSessionRow) -> AuthSession:
    return AuthSession(
        id=row.id,
        user_uid=row.user_uid,
        refresh_jti=row.refresh_jti,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        expires_at=row.expires_at,
        device=row.device,
        ip_address=row.ip_address,
        revoked_at=row.revoked_at,
    )


class SqlAlchemySessionRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, session: AuthSession) -> None:
        self._s.add(
            AuthSessionRow(
                id=session.id,
                user_uid=session.user_uid,
                refresh_jti=session.refresh_jti,
                device=session.device,
                ip_address=session.ip_address,
                created_at=session.created_at,
                last_used_at=session.last_used_at,
                expires_at=session.expires_at,
                revoked_at=session.revoked_at,
            )
        )
        self._s.flush()

    def get(self, owner_id: str, session_id: str) -> AuthSession | None:
        row = self._s.scalar(
            select(AuthSessionRow).where(
                AuthSessionRow.id == session_id, AuthSessionRow.user_uid == owner_id
            )
        )
        return _to_session(row) if row else None

    def list_active(self, owner_id: str, now: datetime) -> list[AuthSession]:
        rows = self._s.scalars(
            select(AuthSessionRow)
            .where(
                AuthSessionRow.user_uid == owner_id,
                AuthSessionRow.revoked_at.is_(None),
                AuthSessionRow.expires_at > now,
            )
            .order_by(AuthSessionRow.last_used_at.desc())
        )
        return [_to_session(r) for r in rows]

    def rotate_refresh(
        self, session_id: str, old_jti: str, new_jti: str, now: datetime, expires_at: datetime
    ) -> bool:
        """Compare-and-swap: only the refresh token in force can be exchanged, and only once."""
        result = self._s.execute(
            update(AuthSessionRow)
            .where(
                AuthSessionRow.id == session_id,
                AuthSessionRow.refresh_jti == old_jti,
                AuthSessionRow.revoked_at.is_(None),
            )
            .values(refresh_jti=new_jti, last_used_at=now, expires_at=expires_at)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def revoke(self, session_id: str, now: datetime) -> None:
        self._s.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.id == session_id, AuthSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )

    def revoke_all(self, owner_id: str, now: datetime) -> list[str]:
        ids = list(
            self._s.scalars(
                select(AuthSessionRow.id).where(
                    AuthSessionRow.user_uid == owner_id, AuthSessionRow.revoked_at.is_(None)
                )
            )
        )
        if ids:
            self._s.execute(
                update(AuthSessionRow)
                .where(AuthSessionRow.id.in_(ids))
                .values(revoked_at=now)
                .execution_options(synchronize_session=False)
            )
        return ids
