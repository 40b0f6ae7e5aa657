"""Households table and repository: who owns shared data, and the version of that data.

`data_version` goes up by one in every transaction that changes the household's inventory: the
UPDATE that bumps it is also the lock that serialises those transactions (one row lock per
household, always taken first, so writers never deadlock and never read a stale row), and the
version tags every cached rendering, so a cache that lost deletes (Redis restarted from an old
AOF, an outage during a write) can never serve an old list: the version lives in the database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Connection, Engine, String, bindparam, delete, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.households import MAX_NAME_LENGTH, DataVersion, Household
from zerowaste.infrastructure.db.accounts import UserRow
from zerowaste.infrastructure.db.base import Base, UTCDateTime

# User uid -> the household id its last claim found, in this process: a hint the claim checks
# in the same statement (a stale one costs the two-statement lookup), bounded by clearing.
_KNOWN: dict[str, str] = {}
MAX_KNOWN = 100_000


class HouseholdRow(Base):
    __tablename__ = "households"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH), default="")
    data_version: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyHouseholdRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

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
        snapshot its later plain reads see is taken after the lock (MySQL REPEATABLE READ).

        One statement when the process knows the user's household from an earlier claim: the
        UPDATE names it and holds only while the user is still its member (checked by the
        statement itself, under its locks); otherwise, or when membership changed, the lookup
        by user and then the household's id (MariaDB has no UPDATE ... RETURNING)."""
        known = _KNOWN.get(user_uid)
        if known is not None:
            member = (
                select(UserRow.uid)
                .where(UserRow.uid == user_uid, UserRow.household_id == known)
                .exists()
            )
            bumped = self._s.execute(
                update(HouseholdRow)
                .where(HouseholdRow.id == known, member)
                .values(data_version=HouseholdRow.data_version + 1)
                .execution_options(synchronize_session=False)
            )
            if bumped.rowcount == 1:  # type: ignore[attr-defined]
                return known
            _KNOWN.pop(user_uid, None)
        found = self._claim_by_user(user_uid)
        if found is not None:
            if len(_KNOWN) >= MAX_KNOWN:
                _KNOWN.clear()
            _KNOWN[user_uid] = found
        return found

    def _claim_by_user(self, user_uid: str) -> str | None:
        household = select(UserRow.household_id).where(UserRow.uid == user_uid).scalar_subquery()
        bumped = self._s.execute(
            update(HouseholdRow)
            .where(HouseholdRow.id == household)
            .values(data_version=HouseholdRow.data_version + 1)
            .execution_options(synchronize_session=False)
        )
        if bumped.rowcount == 0:  # type: ignore[attr-defined]
            return None
        return self._s.scalar(select(UserRow.household_id).where(UserRow.uid == user_uid))

    def members(self, household_id: str) -> list[str]:
        query = select(UserRow.uid).where(UserRow.household_id == household_id)
        return list(self._s.scalars(query.order_by(UserRow.created_at)))

    def delete(self, household_id: str) -> None:
        """Delete the household and, by cascade, everything it owns."""
        self._s.execute(delete(HouseholdRow).where(HouseholdRow.id == household_id))


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
