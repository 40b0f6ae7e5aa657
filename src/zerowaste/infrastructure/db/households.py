"""Households table and repository: who owns shared data, and the version of that data.

`data_version` goes up by one in every transaction that changes the household's inventory: the
UPDATE that bumps it is also the lock that serialises those transactions (one row lock per
household, always taken first, so writers never deadlock and never read a stale row), and the
version tags every cached rendering, so a cache that lost deletes (Redis restarted from an old
AOF, an outage during a write) can never serve an old list: the version lives in the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    BigInteger,
    Connection,
    CursorResult,
    Engine,
    ForeignKey,
    Index,
    Integer,
    Result,
    String,
    Table,
    UniqueConstraint,
    bindparam,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.households import (
    MAX_NAME_LENGTH,
    DataVersion,
    Household,
    Member,
    Membership,
)
from zerowaste.domain.households.invitations import Invitation
from zerowaste.domain.households.roles import role_of
from zerowaste.infrastructure.db.accounts import UserRow
from zerowaste.infrastructure.db.base import Base, UTCDateTime
from zerowaste.infrastructure.db.membership_hints import MembershipHints

# The hints of repositories built without their own (the unit of work builds them so): one per
# process, owned by this module.
PROCESS_HINTS = MembershipHints()


class HouseholdRow(Base):
    __tablename__ = "households"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH), default="")
    data_version: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InvitationRow(Base):
    __tablename__ = "household_invitations"
    __table_args__ = (
        UniqueConstraint("code_hash", name="uq_household_invitations_code_hash"),
        Index("ix_household_invitations_household", "household_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 hex; the code is never stored
    role: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.uid", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_by: Mapped[str | None] = mapped_column(ForeignKey("users.uid", ondelete="SET NULL"))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


_MEMBERSHIP = select(UserRow.household_id, UserRow.household_role).where(
    UserRow.uid == bindparam("uid")
)
# The claims, built once (on the tables: an ORM-enabled UPDATE costs more to run than to send).
_HOUSEHOLDS = cast(Table, HouseholdRow.__table__)
_USERS = cast(Table, UserRow.__table__)
_BUMPED = {"data_version": _HOUSEHOLDS.c.data_version + 1}
_CLAIM_KNOWN = (
    update(_HOUSEHOLDS)
    .where(
        _HOUSEHOLDS.c.id == bindparam("known_household"),
        select(_USERS.c.uid)
        .where(
            _USERS.c.uid == bindparam("member"),
            _USERS.c.household_id == bindparam("known_household"),
            _USERS.c.household_role == bindparam("known_role"),
        )
        .exists(),
    )
    .values(_BUMPED)
)
_CLAIM_BY_USER = (
    update(_HOUSEHOLDS)
    .where(
        _HOUSEHOLDS.c.id
        == select(_USERS.c.household_id)
        .where(_USERS.c.uid == bindparam("member"))
        .scalar_subquery()
    )
    .values(_BUMPED)
)


class SqlAlchemyHouseholdRepository:
    def __init__(self, session: Session, hints: MembershipHints = PROCESS_HINTS) -> None:
        self._s = session
        self._hints = hints

    def add(self, household: Household) -> None:
        self._s.add(
            HouseholdRow(
                id=household.id,
                name=household.name,
                data_version=0,
                created_at=household.created_at,
            )
        )
        self._s.flush()

    def claim(self, user_uid: str) -> str | None:
        """Lock the user's household for a write and move its data version on; its id, or None
        for an unknown user. The locking UPDATE is the transaction's first statement, so the
        snapshot its later plain reads see is taken after the lock (MySQL REPEATABLE READ)."""
        membership = self.claim_member(user_uid)
        return None if membership is None else membership.household_id

    def claim_member(self, user_uid: str) -> Membership | None:
        """`claim`, answering the caller's role too (the role rides on the read of the
        household's id, so checking it costs no query).

        One statement when the process knows the user's household and role from an earlier
        claim: the UPDATE names the household and holds only while the user is still its
        member with that role (checked by the statement itself, under its locks); otherwise,
        or when either changed, the lookup by user, then the household's id and the role
        (MariaDB has no UPDATE ... RETURNING)."""
        known = self._hints.get(user_uid)
        if known is not None:
            params = {
                "known_household": known.household_id,
                "known_role": known.role,
                "member": user_uid,
            }
            if _rowcount(self._s.execute(_CLAIM_KNOWN, params)) == 1:
                return known
            self._hints.forget(user_uid)
        found = self._claim_by_user(user_uid)
        if found is not None:
            self._hints.remember(user_uid, found)
        return found

    def _claim_by_user(self, user_uid: str) -> Membership | None:
        if _rowcount(self._s.execute(_CLAIM_BY_USER, {"member": user_uid})) == 0:
            return None
        row = self._s.execute(_MEMBERSHIP, {"uid": user_uid}).first()
        return None if row is None else Membership(row[0], row[1])

    def lock(self, household_id: str) -> bool:
        """Lock a household by id (and move its version on); whether it exists."""
        bumped = self._s.execute(
            update(HouseholdRow)
            .where(HouseholdRow.id == household_id)
            .values(data_version=HouseholdRow.data_version + 1)
            .execution_options(synchronize_session=False)
        )
        return bool(bumped.rowcount)  # type: ignore[attr-defined]

    def get(self, household_id: str) -> Household | None:
        row = self._s.get(HouseholdRow, household_id)
        return None if row is None else Household(row.id, row.name, row.created_at)

    def rename(self, household_id: str, name: str) -> None:
        self._s.execute(
            update(HouseholdRow).where(HouseholdRow.id == household_id).values(name=name)
        )

    def roster(self, household_id: str) -> list[Member]:
        """The members with their roles, oldest account first."""
        rows = self._s.execute(
            select(UserRow.uid, UserRow.name, UserRow.household_role, UserRow.created_at)
            .where(UserRow.household_id == household_id)
            .order_by(UserRow.created_at, UserRow.uid)
        )
        return [Member(r[0], r[1], role_of(r[2]), r[3]) for r in rows]

    def place(self, user_uid: str, household_id: str, role: str) -> None:
        """Make the user a member of `household_id` with `role` (leaving their household)."""
        self._s.execute(
            update(UserRow)
            .where(UserRow.uid == user_uid)
            .values(household_id=household_id, household_role=role)
        )

    def set_role(self, user_uid: str, role: str) -> None:
        self._s.execute(update(UserRow).where(UserRow.uid == user_uid).values(household_role=role))

    def members(self, household_id: str) -> list[str]:
        query = select(UserRow.uid).where(UserRow.household_id == household_id)
        return list(self._s.scalars(query.order_by(UserRow.created_at)))

    def delete(self, household_id: str) -> None:
        """Delete the household and, by cascade, everything it owns."""
        self._s.execute(delete(HouseholdRow).where(HouseholdRow.id == household_id))


def _to_invitation(row: InvitationRow) -> Invitation:
    return Invitation(
        household_id=row.household_id,
        code_hash=row.code_hash,
        role=role_of(row.role),
        created_by=row.created_by or "",
        created_at=row.created_at,
        expires_at=row.expires_at,
        id=row.id,
        used_by=row.used_by,
        used_at=row.used_at,
    )


class SqlAlchemyInvitationRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, invitation: Invitation) -> int:
        row = InvitationRow(
            household_id=invitation.household_id,
            code_hash=invitation.code_hash,
            role=str(invitation.role),
            created_by=invitation.created_by,
            created_at=invitation.created_at,
            expires_at=invitation.expires_at,
        )
        self._s.add(row)
        self._s.flush()
        invitation.id = row.id
        return row.id

    def by_code_hash(self, code_hash: str) -> Invitation | None:
        """The invitation, locked until commit (two joins with one code: one wins)."""
        row = self._s.scalar(
            select(InvitationRow).where(InvitationRow.code_hash == code_hash).with_for_update()
        )
        return None if row is None else _to_invitation(row)

    def mark_used(self, invitation: Invitation) -> None:
        self._s.execute(
            update(InvitationRow)
            .where(InvitationRow.id == invitation.id)
            .values(used_by=invitation.used_by, used_at=invitation.used_at)
        )


class SqlAlchemyDataVersions:
    """The version read of every cached view (DataVersionReader): one prebuilt Core statement
    on a pooled connection, no ORM session; a cached list costs little more than this."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def version_of(self, user_uid: str) -> DataVersion | None:
        with self._engine.connect() as conn:
            return _version(conn, user_uid)


_VERSION = (
    select(UserRow.household_id, HouseholdRow.data_version, UserRow.updated_at)
    .join(HouseholdRow, HouseholdRow.id == UserRow.household_id)
    .where(UserRow.uid == bindparam("uid"))
)


def _version(conn: Connection, user_uid: str) -> DataVersion | None:
    """One query: the user's household, its data version and the user's own version."""
    row = conn.execute(_VERSION, {"uid": user_uid}).first()
    if row is None:
        return None
    return DataVersion(row[0], int(row[1]), row[2].timestamp())


def _rowcount(result: Result[Any]) -> int:
    return int(cast(CursorResult[Any], result).rowcount)
