"""`zerowaste admin grant|revoke <email>`: sets the flag, writes the audit row, and exits
non-zero (nothing changed) for an unknown email or a bad verb."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.entrypoints import cli
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def database(monkeypatch: Any, tmp_path: Any, sqlite_url: str) -> str:
    engine = make_engine(make_settings(tmp_path, database_url=sqlite_url))
    with UnitOfWorkFactory(engine)() as uow:
        add_user(uow, User("u1", "ops@example.com", "Ops", "local", NOW, NOW))
        uow.commit()
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZW_VAR_DIR", str(tmp_path))
    return sqlite_url


def rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = [tuple(r) for r in conn.execute(text(sql))]
    engine.dispose()
    return found


def test_grant_then_revoke_sets_the_flag_and_audits_both(database: str, caplog: Any) -> None:
    with caplog.at_level(logging.INFO, logger="zerowaste.cli"):
        assert cli.main(["admin", "grant", "Ops@Example.com"]) == 0
    assert "admin granted: Ops@Example.com (u1)" in caplog.text
    assert rows(database, "SELECT is_admin FROM users WHERE uid = 'u1'") == [(1,)]
    assert cli.main(["admin", "revoke", "ops@example.com"]) == 0
    assert rows(database, "SELECT is_admin FROM users WHERE uid = 'u1'") == [(0,)]
    audit = rows(database, "SELECT actor, action, target FROM admin_audit_log ORDER BY id")
    assert [(a.startswith("cli:"), action, target) for a, action, target in audit] == [
        (True, "grant", "ops@example.com"),
        (True, "revoke", "ops@example.com"),
    ]


def test_an_unknown_email_exits_1_and_changes_nothing(database: str, caplog: Any) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["admin", "grant", "nobody@example.com"])
    assert exited.value.code == 1
    assert "No account with email nobody@example.com" in caplog.text
    assert rows(database, "SELECT COUNT(*) FROM admin_audit_log") == [(0,)]
    assert rows(database, "SELECT COUNT(*) FROM users WHERE is_admin") == [(0,)]


@pytest.mark.parametrize("argv", [["admin"], ["admin", "promote", "ops@example.com"]])
def test_a_bad_admin_command_exits_2(database: str, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    assert rows(database, "SELECT COUNT(*) FROM users WHERE is_admin") == [(0,)]
