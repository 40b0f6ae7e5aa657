"""Alembic environment: the URL and metadata come from the application's own config.

The metadata is Flask-SQLAlchemy's (`db.metadata`, which is the tables' `Base.metadata`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from zerowaste.config import Settings
from zerowaste.infrastructure.db.base import db
from zerowaste.infrastructure.db.models import import_all_models
from zerowaste.infrastructure.db.session import make_engine

import_all_models()
target_metadata = db.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE support on SQLite
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(Settings.from_env())
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported; run against a database")
run_migrations_online()
