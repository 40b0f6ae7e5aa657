"""`zerowaste` command: database migrations and data-pack import (idempotent)."""

from __future__ import annotations

import argparse
import logging
import sys

from zerowaste.config import ConfigError, Settings

log = logging.getLogger("zerowaste.cli")


def _upgrade(settings: Settings, _args: argparse.Namespace) -> None:
    from zerowaste.infrastructure.db import migrate
    from zerowaste.infrastructure.db.session import make_engine

    settings.var_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    log.info("database at head")


def _data_import(settings: Settings, _args: argparse.Namespace) -> None:
    from zerowaste.infrastructure.db.session import make_engine
    from zerowaste.infrastructure.recipes.catalog import import_recipe_catalog
    from zerowaste.infrastructure.reference.datapack import DataPackMissing
    from zerowaste.infrastructure.reference.importer import import_data_pack

    engine = make_engine(settings)
    try:
        imported = import_data_pack(engine, settings.data_dir)
        recipes = import_recipe_catalog(engine, settings.data_dir)
        if recipes is not None:
            imported["recipe_catalog"] = recipes
    except DataPackMissing as exc:
        log.error("%s", exc)
        raise SystemExit(2) from None
    finally:
        engine.dispose()
    summary = ", ".join(f"{name}={rows}" for name, rows in imported.items())
    log.info("reference data %s", f"imported: {summary}" if imported else "unchanged")


COMMANDS = {"db-upgrade": _upgrade, "data-import": _data_import}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zerowaste")
    parser.add_argument("command", choices=sorted(COMMANDS))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        log.error("configuration error: %s", exc)
        return 2
    COMMANDS[args.command](settings, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
