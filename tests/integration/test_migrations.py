"""Migrations run forward, back to base and forward again on SQLite and MariaDB."""

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.conftest import MYSQL_SERVER_URL, service_missing
from zerowaste.config import Settings
from zerowaste.infrastructure.db import migrate
from zerowaste.infrastructure.db.base import Base
from zerowaste.infrastructure.db.models import import_all_models
from zerowaste.infrastructure.db.session import make_engine

pytestmark = pytest.mark.integration


def _round_trip(url: str) -> set[str]:
    engine = make_engine(Settings(env="testing", database_url=url, jwt_secret_key="x" * 40))
    try:
        migrate.upgrade(engine)
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _model_tables() -> set[str]:
    import_all_models()
    return set(Base.metadata.tables)


def test_sqlite_migrations_round_trip_and_match_the_models(tmp_path):
    tables = _round_trip(f"sqlite:///{tmp_path / 'm.db'}")
    assert tables - {"alembic_version"} == _model_tables()


@pytest.mark.mysql
def test_mariadb_migrations_round_trip_and_match_the_models():
    name = "zw_migrations_check"
    try:
        server = create_engine(MYSQL_SERVER_URL, connect_args={"connect_timeout": 3})
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    except Exception as exc:  # noqa: BLE001
        service_missing("MariaDB", exc)
    try:
        tables = _round_trip(f"{MYSQL_SERVER_URL}/{name}")
        assert tables - {"alembic_version"} == _model_tables()
    finally:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        server.dispose()
