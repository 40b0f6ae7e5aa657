"""Admin exports: the users list, the stats and the AI usage as tables, rendered to CSV/XLSX."""

from __future__ import annotations

from datetime import timedelta

from zerowaste.application.admin.ports import AdminUnitOfWork, Cell, Table, TableRenderer
from zerowaste.application.admin.service import AdminService
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.admin.stats import AdminStats

EXPORT_TYPES = ("users", "stats", "ai_usage")
FORMATS = ("csv", "xlsx")
MAX_USER_ROWS = 50_000  # one export; beyond it, page through GET /api/admin/users
AI_USAGE_DAYS = 90
USER_COLUMNS = (
    "uid",
    "email",
    "name",
    "auth_provider",
    "is_admin",
    "created_at",
    "last_login_at",
    "sessions",
    "recipes_cooked",
    "ai_calls",
)


class AdminExports:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AdminUnitOfWork],
        clock: Clock,
        admin: AdminService,
        renderer: TableRenderer,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._admin = admin
        self._renderer = renderer

    def export(self, kind: str, fmt: str) -> tuple[bytes, str]:
        """The file and its name (`zerowaste-<kind>-<date>.<fmt>`)."""
        table = {"users": self._users, "stats": self._stats, "ai_usage": self._ai_usage}[kind]()
        name = f"zerowaste-{kind}-{self._clock.now():%Y-%m-%d}.{fmt}"
        return self._renderer.render(table, fmt), name

    def _users(self) -> Table:
        with self._uow_factory.read() as uow:
            users, _total = uow.admin.users_page(None, MAX_USER_ROWS, 0)
        rows: list[list[Cell]] = [
            [
                u.uid,
                u.email,
                u.name,
                u.auth_provider,
                int(u.is_admin),
                u.created_at.isoformat(),
                u.last_login_at.isoformat() if u.last_login_at else None,
                u.sessions,
                u.recipes_cooked,
                u.ai_calls,
            ]
            for u in users
        ]
        return Table("users", USER_COLUMNS, rows)

    def _stats(self) -> Table:
        return Table("stats", ("metric", "value"), stats_rows(self._admin.stats(weeks=8)))

    def _ai_usage(self) -> Table:
        since = self._clock.now() - timedelta(days=AI_USAGE_DAYS)
        with self._uow_factory.read() as uow:
            days = uow.admin.ai_by_day(since)
        columns = ("day", "model", "calls", "tokens_in", "tokens_out", "images", "cost_usd")
        rows: list[list[Cell]] = [
            [d.day, d.model, d.calls, d.tokens_in, d.tokens_out, d.images, d.cost_usd] for d in days
        ]
        return Table("ai_usage", columns, rows)


def stats_rows(stats: AdminStats) -> list[list[Cell]]:
    """The stats as metric/value rows (cohorts as `retention.<week>.w<k>` rates)."""
    rows: list[list[Cell]] = [
        ["users.total", stats.users.total],
        ["users.guests", stats.users.guests],
        ["users.admins", stats.users.admins],
        ["active.dau", stats.active.dau],
        ["active.wau", stats.active.wau],
        ["active.mau", stats.active.mau],
        ["recipes.generated", stats.recipes.generated],
        ["recipes.generations", stats.recipes.generations],
        ["recipes.cooked", stats.recipes.cooked],
        ["ai.calls", stats.ai_calls],
        ["ai.cost_usd", str(stats.ai_cost_usd)],
    ]
    rows += [[f"ai.{m.model}.calls", m.calls] for m in stats.ai_by_model]
    rows += [[f"ai.{m.model}.cost_usd", str(m.cost_usd)] for m in stats.ai_by_model]
    waste = stats.waste_avoided
    rows += [
        ["waste_avoided.recipes", waste.recipes],
        ["waste_avoided.carbon_kg_co2e", waste.carbon_kg_co2e],
        ["waste_avoided.water_l", waste.water_l],
        ["waste_avoided.energy_mj", waste.energy_mj],
        ["waste_avoided.cost_mxn", waste.cost_mxn],
    ]
    for cohort in stats.cohorts:
        week = f"{cohort.week_start:%Y-%m-%d}"
        rows.append([f"cohort.{week}.size", cohort.size])
        rows += [[f"cohort.{week}.w{k}", rate] for k, rate in enumerate(cohort.rates)]
    return rows
