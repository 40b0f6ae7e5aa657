"""Migrations run forward, back to base and forward again on SQLite and MariaDB."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from tests.conftest import MYSQL_SERVER_URL, service_missing
from zerowaste.config import Settings
from zerowaste.infrastructure.db import migrate
from zerowaste.infrastructure.db.base import Base
from zerowaste.infrastructure.db.models import import_all_models
from zerowaste.infrastructure.db.session import make_engine

pytestmark = pytest.mark.integration


def _round_trip(url: str) -> set[str]:
    """Up, down to nothing, up again; then the schema must be exactly what the models declare
    (Alembic's autogenerate finds nothing to change: columns, types, keys, indexes)."""
    engine = make_engine(Settings(env="testing", database_url=url, jwt_secret_key="x" * 40))
    try:
        migrate.upgrade(engine)
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        import_all_models()
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
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


SEED_0005 = [
    "INSERT INTO users (uid, email_verified, auth_provider, created_at, updated_at, language, "
    "cooking_level, measurement_unit, allergies, allergy_items, preferred_food_types, "
    "special_diet_items, favorite_recipes, initial_preferences_completed, prefs) VALUES "
    "('ana', 0, 'guest', '2026-01-01', '2026-01-01', 'es', 'beginner', 'metric', "
    "'[]', '[]', '[]', '[]', '[]', 0, '{}')",
    "INSERT INTO inventory_items (id, owner_uid, kind, name, name_key, slot, unit, storage, "
    "tips, image_path, main_ingredients, allergens, created_at, updated_at) VALUES "
    "(7, 'ana', 'ingredient', 'Leche', 'leche', '', 'l', 'fridge', '', '', '[]', '[]', "
    "'2026-01-01', '2026-01-01')",
    "INSERT INTO inventory_stacks (id, item_id, owner_uid, quantity, unit, added_at, "
    "expires_on, storage, expiry_source) VALUES "
    "(9, 7, 'ana', 1, 'l', '2026-01-01', '2026-01-09', 'fridge', 'explicit')",
    "INSERT INTO inventory_journal (owner_uid, item_id, item_name, kind, stack_added_at, "
    "quantity, unit, reason, occurred_at) VALUES "
    "('ana', 7, 'Leche', 'ingredient', '2026-01-01', 1, 'l', 'added', '2026-01-01')",
]


def _migrate_existing_data(url: str) -> dict[str, object]:
    """An account with inventory at revision 0005, then upgraded to head."""
    engine = make_engine(Settings(env="testing", database_url=url, jwt_secret_key="x" * 40))
    try:
        migrate.upgrade(engine, "0005")
        with engine.begin() as conn:
            for statement in SEED_0005:
                conn.execute(text(statement))
        migrate.upgrade(engine)
        with engine.begin() as conn:
            found = {
                "household": conn.execute(text("SELECT id, data_version FROM households")).all(),
                "user": conn.scalar(text("SELECT household_id FROM users WHERE uid = 'ana'")),
                "item": conn.execute(
                    text("SELECT id, household_id, added_by FROM inventory_items")
                ).all(),
                "stack": conn.execute(text("SELECT id, household_id FROM inventory_stacks")).all(),
                "journal": conn.execute(
                    text("SELECT household_id, user_uid FROM inventory_journal")
                ).all(),
            }
            # Ids are never reused: delete the highest item, the next one gets a new id.
            conn.execute(text("DELETE FROM inventory_items WHERE id = 7"))
            conn.execute(
                text(
                    "INSERT INTO inventory_items (household_id, kind, name, name_key, slot, unit, "
                    "storage, tips, image_path, main_ingredients, allergens, created_at, "
                    "updated_at) VALUES ('ana', 'ingredient', 'Pan', 'pan', '', 'unit', "
                    "'pantry', '', '', '[]', '[]', '2026-01-02', '2026-01-02')"
                )
            )
            found["next_id"] = conn.scalar(text("SELECT MAX(id) FROM inventory_items"))
        return found
    finally:
        engine.dispose()


def _assert_households_own_the_old_rows(found: dict[str, object]) -> None:
    assert [tuple(r) for r in found["household"]] == [("ana", 0)]  # type: ignore[union-attr]
    assert found["user"] == "ana"
    assert [tuple(r) for r in found["item"]] == [(7, "ana", "ana")]  # type: ignore[union-attr]
    assert [tuple(r) for r in found["stack"]] == [(9, "ana")]  # type: ignore[union-attr]
    assert [tuple(r) for r in found["journal"]] == [("ana", "ana")]  # type: ignore[union-attr]
    assert found["next_id"] == 8


def test_existing_accounts_get_a_household_that_owns_their_rows_on_sqlite(tmp_path):
    _assert_households_own_the_old_rows(_migrate_existing_data(f"sqlite:///{tmp_path / 'd.db'}"))


@pytest.mark.mysql
def test_existing_accounts_get_a_household_that_owns_their_rows_on_mariadb():
    name = "zw_migrations_data"
    server = create_engine(MYSQL_SERVER_URL, connect_args={"connect_timeout": 3})
    try:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    except Exception as exc:  # noqa: BLE001
        service_missing("MariaDB", exc)
    try:
        found = _migrate_existing_data(f"{MYSQL_SERVER_URL}/{name}")
        _assert_households_own_the_old_rows(found)
    finally:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        server.dispose()
