"""Declarative base, naming conventions, portable column types and the Flask-SQLAlchemy `db`.

`db = SQLAlchemy(model_class=Base)` adopts Base's metadata and registry: `db.metadata` *is*
`Base.metadata`, the one the table modules declare their tables on and Alembic migrates
(migrations/env.py). The tables subclass `Base` rather than `db.Model`, whose `query` property
would reach for the request-scoped `db.session`; our sessions come from the unit of work (uow.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import JSON, DateTime, LargeBinary, MetaData, TypeDecorator
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base, disable_autonaming=True)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC (microseconds on MySQL) and always returns aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


# JSON works on SQLite (TEXT) and MySQL/MariaDB (JSON / LONGTEXT alias).
JSONType = JSON().with_variant(mysql.JSON(), "mysql")

# Binary payloads up to 4 GB on MySQL/MariaDB (LONGBLOB; a plain BLOB stops at 64 KB).
BlobType = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql")
