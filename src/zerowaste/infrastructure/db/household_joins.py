"""The join log (domain.households.joins): one row per join, what of the joiner's stock moved
with it (items as they are, stacks merged into the household's items), and which of their
household's shared rows it handed over (`JoinSharedRow`, written by the stock transfer as it
moves them), so an undo gives back exactly those."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.households.joins import JoinRecord
from zerowaste.infrastructure.db.base import Base, UTCDateTime

ITEM, STACK = "item", "stack"


class JoinRow(Base):
    __tablename__ = "household_joins"
    __table_args__ = (
        Index("ix_household_joins_household_joined", "household_id", "joined_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    previous_household_id: Mapped[str] = mapped_column(String(128))  # deleted at the join
    role: Mapped[str] = mapped_column(String(16))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class JoinMoveRow(Base):
    __tablename__ = "household_join_moves"

    join_id: Mapped[int] = mapped_column(
        ForeignKey("household_joins.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # item | stack
    ref: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class JoinSharedRow(Base):
    """A shared row a join handed over (a saved recipe, a cook, a shopping list...), by its
    kind and key: its id, or for a savings row its recipe's uid and its user's."""

    __tablename__ = "household_join_rows"

    join_id: Mapped[int] = mapped_column(
        ForeignKey("household_joins.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)
    ref: Mapped[str] = mapped_column(String(128), primary_key=True)
    user_uid: Mapped[str] = mapped_column(String(128), primary_key=True)  # "" but for savings


class SqlAlchemyJoinLog:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, join: JoinRecord) -> int:
        """Write the join down (its id, under which what moves is written) with the stock
        moves it holds yet."""
        row = JoinRow(
            household_id=join.household_id,
            user_uid=join.user_uid,
            previous_household_id=join.previous_household_id,
            role=join.role,
            joined_at=join.joined_at,
        )
        self._s.add(row)
        self._s.flush()
        join.id = row.id
        self.add_stock(join)
        return row.id

    def add_stock(self, join: JoinRecord) -> None:
        """Write down the stock moves the (added) join holds."""
        moves = [(ITEM, ref) for ref in join.items] + [(STACK, ref) for ref in join.stacks]
        self._s.add_all(JoinMoveRow(join_id=join.id, kind=k, ref=ref) for k, ref in moves)
        self._s.flush()

    def get(self, household_id: str, join_id: int) -> JoinRecord | None:
        """The household's join with what moved (the household is locked by the caller)."""
        row = self._s.scalar(
            select(JoinRow).where(JoinRow.id == join_id, JoinRow.household_id == household_id)
        )
        if row is None:
            return None
        join = _record(row)
        for kind, ref in self._s.execute(
            select(JoinMoveRow.kind, JoinMoveRow.ref).where(JoinMoveRow.join_id == join_id)
        ):
            (join.items if kind == ITEM else join.stacks).append(ref)
        return join

    def since(self, household_id: str, since: datetime) -> list[JoinRecord]:
        query = (
            select(JoinRow)
            .where(JoinRow.household_id == household_id, JoinRow.joined_at > since)
            .order_by(JoinRow.joined_at.desc(), JoinRow.id.desc())
        )
        return [_record(row) for row in self._s.scalars(query)]

    def mark_undone(self, join: JoinRecord) -> None:
        self._s.execute(
            update(JoinRow).where(JoinRow.id == join.id).values(undone_at=join.undone_at)
        )


def _record(row: JoinRow) -> JoinRecord:
    return JoinRecord(
        row.id,
        row.household_id,
        row.user_uid,
        row.previous_household_id,
        row.role,
        row.joined_at,
        row.undone_at,
    )
