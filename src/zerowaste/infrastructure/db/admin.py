"""The admin audit table and the deployment-wide reads of the admin feature.

Every read is one SQL statement (GROUP BY / COUNT in the database), so the stats cost a fixed
number of round trips whatever the number of users; the users page is one statement for the
page (its counts as correlated subqueries on indexed foreign keys) and one for the total.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    case,
    distinct,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from zerowaste.application.admin.ports import DailyModelUsage
from zerowaste.domain.admin.audit import AdminAction
from zerowaste.domain.admin.stats import (
    DAY,
    MONTH,
    WEEK,
    ActiveUsers,
    ModelUsage,
    RecipeTotals,
    UserSummary,
    UserTotals,
    WasteAvoided,
)
from zerowaste.infrastructure.db.accounts import AuthSessionRow, UserRow
from zerowaste.infrastructure.db.ai_usage import AiUsageRow
from zerowaste.infrastructure.db.base import Base, UTCDateTime
from zerowaste.infrastructure.db.jobs import JobRow
from zerowaste.infrastructure.db.recipe_history import CookRow, GenerationRow
from zerowaste.infrastructure.db.recipes import RecipeRow
from zerowaste.infrastructure.db.savings import SavingsRow


class AdminAuditRow(Base):
    __tablename__ = "admin_audit_log"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # SET NULL: the trail outlives the admin's account (the actor text still names them).
    actor_uid: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class weeks_since(FunctionElement[int]):  # noqa: N801 - an SQL function, named as one
    """Whole weeks from `origin` to a timestamp column, in the database's own date math."""

    type = Integer()
    inherit_cache = True


@compiles(weeks_since, "sqlite")
def _weeks_sqlite(element: weeks_since, compiler: SQLCompiler, **kw: Any) -> str:
    ts, origin = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"CAST((julianday({ts}) - julianday({origin})) / 7 AS INTEGER)"


@compiles(weeks_since)
def _weeks_mysql(element: weeks_since, compiler: SQLCompiler, **kw: Any) -> str:
    ts, origin = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"FLOOR(TIMESTAMPDIFF(SECOND, {origin}, {ts}) / 604800)"


def _activity(since: datetime) -> Any:
    """(uid, at) of every sign-in (a session's creation) and refresh (its last use)."""
    s = AuthSessionRow
    return union_all(
        select(s.user_uid.label("uid"), s.created_at.label("at")).where(s.created_at >= since),
        select(s.user_uid.label("uid"), s.last_used_at.label("at")).where(s.last_used_at >= since),
    ).subquery("activity")


def _count(column: Any, where: Any) -> Any:
    return select(func.count()).select_from(column.table).where(where).scalar_subquery()


def _summary(row: Any) -> UserSummary:
    return UserSummary(
        row.uid,
        row.email,
        row.name,
        row.auth_provider,
        bool(row.is_admin),
        row.created_at,
        row.last_login_at,
        int(row.sessions),
        int(row.recipes_cooked),
        int(row.ai_calls),
    )


def _action(row: AdminAuditRow) -> AdminAction:
    return AdminAction(row.actor, row.action, row.target, row.created_at, row.actor_uid, row.id)


class SqlAlchemyAdminRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def admin_name(self, uid: str) -> str | None:
        row = self._s.execute(
            select(UserRow.is_admin, UserRow.email).where(UserRow.uid == uid)
        ).first()
        return (row.email or uid) if row is not None and row.is_admin else None

    def uids_by_email(self, email: str) -> list[str]:
        query = select(UserRow.uid).where(func.lower(UserRow.email) == email.lower()).limit(2)
        return list(self._s.scalars(query))

    def set_admin(self, uid: str, flag: bool) -> None:
        self._s.execute(
            update(UserRow)
            .where(UserRow.uid == uid)
            .values(is_admin=flag)
            .execution_options(synchronize_session=False)
        )

    def users_page(
        self, search: str | None, limit: int, offset: int
    ) -> tuple[list[UserSummary], int]:
        u = UserRow
        where = (
            or_(
                func.lower(u.email).like(f"%{_escaped(search)}%", escape="\\"),
                func.lower(u.name).like(f"%{_escaped(search)}%", escape="\\"),
            )
            if search
            else literal_column("1") == 1
        )
        page = (
            select(
                u.uid,
                u.email,
                u.name,
                u.auth_provider,
                u.is_admin,
                u.created_at,
                u.last_login_at,
                _count(AuthSessionRow.user_uid, AuthSessionRow.user_uid == u.uid).label("sessions"),
                _count(CookRow.user_uid, CookRow.user_uid == u.uid).label("recipes_cooked"),
                _count(AiUsageRow.user_uid, AiUsageRow.user_uid == u.uid).label("ai_calls"),
            )
            .where(where)
            .order_by(u.created_at.desc(), u.uid)
            .limit(limit)
            .offset(offset)
        )
        rows = self._s.execute(page).all()
        total = self._s.scalar(select(func.count()).select_from(u).where(where)) or 0
        return [_summary(r) for r in rows], int(total)

    def user_totals(self) -> UserTotals:
        u = UserRow
        row = self._s.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((u.auth_provider == "guest", 1), else_=0)), 0),
                func.coalesce(func.sum(case((u.is_admin.is_(True), 1), else_=0)), 0),
            ).select_from(u)
        ).one()
        return UserTotals(int(row[0]), int(row[1]), int(row[2]))

    def active_users(self, now: datetime) -> ActiveUsers:
        a = _activity(now - MONTH)

        def within(window: Any) -> Any:
            return func.count(distinct(case((a.c.at >= now - window, a.c.uid))))

        row = self._s.execute(select(within(DAY), within(WEEK), within(MONTH))).one()
        return ActiveUsers(int(row[0]), int(row[1]), int(row[2]))

    def cohort_counts(self, origin: datetime) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
        u = UserRow
        origin_param = literal(origin, UTCDateTime())
        cohort = weeks_since(u.created_at, origin_param)
        sizes = self._s.execute(
            select(cohort, func.count()).where(u.created_at >= origin).group_by(cohort)
        ).all()
        a = _activity(origin)
        signup = weeks_since(u.created_at, origin_param).label("cohort")
        week = weeks_since(a.c.at, origin_param).label("week")
        active = self._s.execute(
            select(signup, week, func.count(distinct(u.uid)))
            .join(a, a.c.uid == u.uid)
            .where(u.created_at >= origin, a.c.at >= u.created_at)
            .group_by(signup, week)
        ).all()
        return (
            {int(w): int(n) for w, n in sizes},
            {(int(w), int(k)): int(n) for w, k, n in active},
        )

    def recipe_totals(self) -> RecipeTotals:
        generated = _count(RecipeRow.source, RecipeRow.source == "generated")
        runs = select(func.count()).select_from(GenerationRow).scalar_subquery()
        cooked = select(func.count()).select_from(CookRow).scalar_subquery()
        row = self._s.execute(select(generated, runs, cooked)).one()
        return RecipeTotals(int(row[0]), int(row[1]), int(row[2]))

    def ai_by_model(self) -> list[ModelUsage]:
        rows = self._s.execute(
            select(
                AiUsageRow.model,
                func.count(),
                func.coalesce(func.sum(AiUsageRow.cost_usd), 0),
            )
            .group_by(AiUsageRow.model)
            .order_by(AiUsageRow.model)
        ).all()
        return [ModelUsage(m, int(n), Decimal(str(cost))) for m, n, cost in rows]

    def ai_by_day(self, since: datetime) -> list[DailyModelUsage]:
        r = AiUsageRow
        day = func.date(r.created_at)
        rows = self._s.execute(
            select(
                day,
                r.model,
                func.count(),
                func.coalesce(func.sum(r.tokens_in), 0),
                func.coalesce(func.sum(r.tokens_out), 0),
                func.coalesce(func.sum(r.images), 0),
                func.coalesce(func.sum(r.cost_usd), 0),
            )
            .where(r.created_at >= since)
            .group_by(day, r.model)
            .order_by(day, r.model)
        ).all()
        return [
            DailyModelUsage(str(d), m, int(n), int(ti), int(to), int(im), str(Decimal(str(c))))
            for d, m, n, ti, to, im, c in rows
        ]

    def waste_avoided(self) -> WasteAvoided:
        s = SavingsRow
        row = self._s.execute(
            select(
                func.count(),
                *(
                    func.coalesce(func.sum(c), 0)
                    for c in (s.carbon_kg_co2e, s.water_l, s.energy_mj, s.cost_mxn)
                ),
            ).where(s.is_cooked.is_(True))
        ).one()
        return WasteAvoided(int(row[0]), *(round(float(v), 3) for v in row[1:]))

    def job_outcomes(self, since: datetime) -> dict[str, int]:
        rows = self._s.execute(
            select(JobRow.status, func.count())
            .where(JobRow.completed_at >= since)
            .group_by(JobRow.status)
        ).all()
        return {str(status): int(n) for status, n in rows}

    def add_action(self, action: AdminAction) -> AdminAction:
        row = AdminAuditRow(
            actor_uid=action.actor_uid,
            actor=action.actor,
            action=action.action,
            target=action.target,
            created_at=action.created_at,
        )
        self._s.add(row)
        self._s.flush()
        return _action(row)

    def actions_page(self, limit: int, offset: int) -> tuple[list[AdminAction], int]:
        total = self._s.scalar(select(func.count()).select_from(AdminAuditRow)) or 0
        rows = self._s.scalars(
            select(AdminAuditRow)
            .order_by(AdminAuditRow.created_at.desc(), AdminAuditRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
        return [_action(r) for r in rows], int(total)


def _escaped(search: str | None) -> str:
    """The search lower-cased, its LIKE wildcards taken literally."""
    text = (search or "").strip().lower()
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
