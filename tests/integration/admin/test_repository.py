"""The admin reads on SQLite and MariaDB against a small hand-counted deployment (seed.py),
and the stats' statement count, which does not grow with the number of users."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from tests.conftest import make_settings
from tests.factories import add_user
from tests.fakes import FixedClock
from tests.integration.admin.seed import NOW, at, seed
from zerowaste.application.admin.roles import AdminRoles
from zerowaste.application.admin.service import AdminService
from zerowaste.application.health import HealthService
from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import User
from zerowaste.domain.shared.errors import Conflict, NotFound, PermissionDenied
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def engine(tmp_path: Any, db_url: str) -> Iterator[Any]:
    eng = make_engine(make_settings(tmp_path, database_url=db_url))
    with UnitOfWorkFactory(eng)() as uow:
        seed(uow)
        uow.commit()
    yield eng
    eng.dispose()


@pytest.fixture
def admin(engine: Any) -> AdminService:
    health = HealthService({"database": lambda: True, "broker": lambda: False})
    return AdminService(UnitOfWorkFactory(engine), FixedClock(NOW), health, lambda: 7)


def test_stats_match_the_hand_counted_deployment(admin: AdminService) -> None:
    stats = admin.stats(weeks=3)
    assert (stats.users.total, stats.users.guests, stats.users.admins) == (6, 1, 1)
    assert (stats.active.dau, stats.active.wau, stats.active.mau) == (2, 3, 5)
    assert [(c.week_start, c.size, c.retained) for c in stats.cohorts] == [
        (at(9, 0), 2, [2, 1, 1]),
        (at(16, 0), 1, [1, 0]),
        (at(23, 0), 1, [1]),
    ]
    assert stats.cohorts[0].rates == [1.0, 0.5, 0.5]
    recipes = stats.recipes
    assert (recipes.generated, recipes.generations, recipes.cooked) == (2, 1, 3)
    assert [(m.model, m.calls, m.cost_usd) for m in stats.ai_by_model] == [
        ("gemini-2.5-flash", 2, Decimal("0.003")),
        ("local", 1, Decimal("0")),
    ]
    assert (stats.ai_calls, stats.ai_cost_usd) == (3, Decimal("0.003"))
    waste = stats.waste_avoided
    assert (waste.recipes, waste.carbon_kg_co2e, waste.water_l) == (2, 2.0, 150.0)
    assert (waste.energy_mj, waste.cost_mxn) == (3.0, 15.0)


def test_users_page_searches_email_and_name_and_counts(admin: AdminService) -> None:
    found = admin.users("ana", 1, 10)
    assert [u.uid for u in found.items] == ["u1", "u4"]  # newest first: Ana, then Dana_Ana
    assert found.total == 2
    ana = found.items[0]
    assert (ana.sessions, ana.recipes_cooked, ana.ai_calls) == (1, 2, 2)
    assert admin.users("_ana", 1, 10).total == 1  # `_` is literal, not a LIKE wildcard
    assert admin.users("%", 1, 10).total == 0
    page = admin.users(None, 2, 4)
    assert (page.total, [u.uid for u in page.items]) == (6, ["u4", "u5"])


def test_health_reports_probes_queue_and_24h_job_failure_rate(admin: AdminService) -> None:
    health = admin.health()
    assert health.readiness.checks == {"database": "ok", "broker": "down"}
    assert health.queue_depth == 7
    assert (health.jobs_finished_24h, health.jobs_failed_24h) == (4, 1)
    assert health.job_failure_rate == 0.25


def test_grant_revoke_and_authorize_write_the_audit_log(engine: Any) -> None:
    clock = FixedClock(NOW)
    roles = AdminRoles(UnitOfWorkFactory(engine), clock)
    with pytest.raises(PermissionDenied):
        roles.authorize("u1", "stats", "/api/admin/stats")
    assert roles.set_admin(" ANA@example.com ", True, "ops") == "u1"
    clock.advance(timedelta(seconds=1))
    roles.authorize("u1", "stats", "/api/admin/stats?weeks=3")
    clock.advance(timedelta(seconds=1))
    roles.set_admin("ana@example.com", False, "ops")
    with pytest.raises(PermissionDenied):
        roles.authorize("u1", "stats", "/api/admin/stats")
    with pytest.raises(NotFound):
        roles.set_admin("nobody@example.com", True, "ops")
    admin = AdminService(UnitOfWorkFactory(engine), clock, HealthService({}), lambda: None)
    log = admin.audit_log(1, 10)
    assert log.total == 3
    assert [(a.actor, a.action, a.target, a.actor_uid) for a in log.items] == [
        ("cli:ops", "revoke", "ana@example.com", None),
        ("ana@example.com", "stats", "/api/admin/stats?weeks=3", "u1"),
        ("cli:ops", "grant", "ana@example.com", None),
    ]
    assert log.items[0].created_at == NOW + timedelta(seconds=2)


def test_a_grant_to_an_email_two_accounts_share_is_refused(engine: Any) -> None:
    with UnitOfWorkFactory(engine)() as uow:
        add_user(uow, User("u7", "ana@example.com", "Ana 2", "firebase:google", NOW, NOW))
        uow.commit()
    with pytest.raises(Conflict):
        AdminRoles(UnitOfWorkFactory(engine), FixedClock(NOW)).set_admin(
            "ana@example.com", True, "o"
        )


def _statements(engine: Any, call: Any) -> int:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len([s for s in seen if s.lstrip().upper().startswith("SELECT")])


def test_stats_run_the_same_few_statements_whatever_the_number_of_users(
    engine: Any, admin: AdminService
) -> None:
    before = _statements(engine, lambda: admin.stats(weeks=8))
    with UnitOfWorkFactory(engine)() as uow:
        for n in range(60):
            uid = f"bulk{n}"
            add_user(uow, User(uid, f"{uid}@example.com", None, "local", at(18), at(18)))
            uow.sessions.add(AuthSession(f"{uid}s", uid, "j", at(18), at(24), at(30)))
        uow.commit()
    after = _statements(engine, lambda: admin.stats(weeks=8))
    assert before == after <= 8
    assert admin.stats(weeks=8).users.total == 66
