"""Shared fixtures: settings, databases (SQLite and MariaDB), Redis, the app and clients.

Tests that need MariaDB or Redis skip with a plain reason when the server is not reachable,
unless ZW_REQUIRE_SERVICES=1 (CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, create_engine, text

from tests import openapi_check
from zerowaste.bootstrap import build_recipe_line_reader
from zerowaste.config import DATA_DIR, Settings
from zerowaste.infrastructure.db import migrate
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.recipes.catalog import (
    LINES_VERSION,
    import_recipe_catalog,
    reading_with,
)

MYSQL_SERVER_URL = os.environ.get("ZW_TEST_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306")
# One Redis database per xdist worker (gw0 -> 15, gw1 -> 14, ...): tests flush their database,
# and a flush must never reach another worker's keys.
# ZW_TEST_REDIS_DB_BASE moves the range down so that two checkouts can run their suites at once.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
_REDIS_DB = int(os.environ.get("ZW_TEST_REDIS_DB_BASE", "15")) - _WORKER
REDIS_TEST_URL = os.environ.get("ZW_TEST_REDIS_URL", f"redis://127.0.0.1:6379/{_REDIS_DB}")
REQUIRE_SERVICES = os.environ.get("ZW_REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def responses_match_the_spec(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every answer a Flask test client gets must be documented by the generated spec, its JSON
    body valid against the documented schema (see tests/openapi_check.py). A test that injects
    a fault names the undocumented status it expects: @pytest.mark.undocumented_status(500)."""
    marker = request.node.get_closest_marker("undocumented_status")
    allowed = frozenset(marker.args) if marker else frozenset()
    monkeypatch.setattr(FlaskClient, "open", openapi_check.checking_open(allowed))


def service_missing(name: str, error: Exception) -> None:
    message = f"{name} not reachable ({error.__class__.__name__}: {error})"
    if REQUIRE_SERVICES:
        pytest.fail(f"ZW_REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)


def data_pack_dir() -> Path:
    """The data pack tests read: ZW_DATA_DIR when set (to test another copy), else data/.

    Read at call time, like Settings.from_env, so a run with ZW_DATA_DIR never silently
    mixes two packs.
    """
    return Path(os.environ.get("ZW_DATA_DIR") or DATA_DIR)


def make_settings(tmp_path: Path, **changes: Any) -> Settings:
    base = Settings(
        env="testing",
        database_url=f"sqlite:///{tmp_path / 'test.db'}",
        jwt_secret_key="test-secret-" + "x" * 40,
        data_dir=data_pack_dir(),
        var_dir=tmp_path,
        ratelimit_enabled=False,
        log_json=False,
        log_level="WARNING",
    )
    return base.__class__(**{**base.__dict__, **changes})


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for every test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(make_settings(path.parent, database_url=f"sqlite:///{path}"))
    migrate.upgrade(engine)
    # The public recipe catalog, its lines read as `zerowaste data-import` reads them.
    reader = reading_with(build_recipe_line_reader(make_settings(path.parent)))
    import_recipe_catalog(engine, data_pack_dir(), reader, LINES_VERSION)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    target = tmp_path / "test.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def mysql_database() -> Iterator[str]:
    """A fresh MariaDB database for this test run (per xdist worker), migrated to head."""
    name = f"zw_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:6]}"
    try:
        server = create_engine(MYSQL_SERVER_URL, connect_args={"connect_timeout": 3})
        with server.connect() as conn:
            conn.execute(
                text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            )
    except Exception as exc:  # noqa: BLE001 - any failure means the server is not usable
        service_missing("MariaDB", exc)
    url = f"{MYSQL_SERVER_URL}/{name}"
    engine = make_engine(Settings(env="testing", database_url=url, jwt_secret_key="x" * 40))
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    with server.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
    server.dispose()


@pytest.fixture
def mysql_url(mysql_database: str) -> Iterator[str]:
    """The run's MariaDB database with every table emptied before the test."""
    engine = create_engine(mysql_database)
    with engine.begin() as conn:
        conn.execute(text("SET FOREIGN_KEY_CHECKS=0"))
        tables = conn.execute(text("SHOW TABLES")).scalars().all()
        for table in tables:
            if table != "alembic_version" and not str(table).startswith("ref_"):
                conn.execute(text(f"DELETE FROM `{table}`"))
        conn.execute(text("SET FOREIGN_KEY_CHECKS=1"))
    engine.dispose()
    yield mysql_database


@pytest.fixture(params=["sqlite", pytest.param("mysql", marks=pytest.mark.mysql)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run the test on the embedded SQLite and on MariaDB."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def redis_url() -> str:
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        service_missing("Redis", exc)
    return REDIS_TEST_URL


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return make_settings(tmp_path, database_url=sqlite_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    eng = make_engine(settings)
    yield eng
    eng.dispose()


@pytest.fixture
def app(settings: Settings) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    application = create_app(settings)
    yield application
    application.extensions["zerowaste.engine"].dispose()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


@pytest.fixture
def mysql_catalog_url(mysql_url: str, sqlite_template: Path) -> str:
    """`mysql_url` with the public recipe catalog in it, copied from the SQLite template (the
    same rows `zerowaste data-import` writes, without reading 4,000 lines again)."""
    from sqlalchemy import insert, select

    from zerowaste.infrastructure.db.recipes import CATALOG_DATASET, RecipeRow
    from zerowaste.infrastructure.db.reference import RefDatasetVersionRow

    source = create_engine(f"sqlite:///{sqlite_template}")
    target = create_engine(mysql_url)
    try:
        with source.connect() as read:
            rows = [dict(r._mapping) for r in read.execute(select(RecipeRow.__table__))]
            version = read.execute(
                select(RefDatasetVersionRow.__table__).where(
                    RefDatasetVersionRow.dataset == CATALOG_DATASET
                )
            ).first()
        with target.begin() as write:
            write.execute(insert(RecipeRow.__table__), rows)
            table = RefDatasetVersionRow.__table__
            write.execute(table.delete().where(table.c.dataset == CATALOG_DATASET))
            if version is not None:
                write.execute(insert(table), [dict(version._mapping)])
    finally:
        source.dispose()
        target.dispose()
    return mysql_url


# Fault drills measure what clients saw (latencies, answers, writes kept): each records one line
# with `record_property("drill", ...)`, and the run's summary lists them (under xdist too: the
# properties travel with the reports to the controller).
_DRILL_FIGURES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        _DRILL_FIGURES.extend(
            str(value) for name, value in report.user_properties if name == "drill"
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _DRILL_FIGURES:
        terminalreporter.section("fault drill figures")
        for line in _DRILL_FIGURES:
            terminalreporter.write_line(line)
