"""Run Alembic migrations programmatically (CLI `zerowaste db upgrade`, tests, make run)."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine

from zerowaste.config import PROJECT_ROOT


def alembic_config() -> AlembicConfig:
    cfg = AlembicConfig(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, action: Callable[[AlembicConfig, str], None], revision: str) -> None:
    """One transaction for the whole run. On SQLite, foreign keys are off meanwhile: batch
    migrations rebuild a table by copying it and dropping the old one, and a DROP with foreign
    keys on would cascade into the tables that reference it (deleting their rows). They are
    checked once the run has committed, and back on for the pooled connection."""
    cfg = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction: it applies
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                action(cfg, revision)
            if sqlite and raw is not None:
                broken = raw.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows with broken references: {broken}")
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
