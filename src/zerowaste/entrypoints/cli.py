"""`zerowaste` command: `run` (the API, plus worker and beat on the embedded broker: see
entrypoints.launcher), database migrations, data-pack import (idempotent), the coverage
report of the catalog's ingredient lines (`recipe-lines`), the search vectors of recipes that
lack them or changed (`search-index`), one training of the recommender (`recs-train`: what the
nightly beat job does, for a new deployment or after an import), and the admin role
(`admin grant|revoke <email>`, the only way to set it: never through the API)."""

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
    from zerowaste.bootstrap import build_recipe_line_reader
    from zerowaste.infrastructure.db.session import make_engine
    from zerowaste.infrastructure.recipes.catalog import (
        LINES_VERSION,
        import_recipe_catalog,
        reading_with,
    )
    from zerowaste.infrastructure.reference.datapack import DataPackMissing
    from zerowaste.infrastructure.reference.importer import import_data_pack
    from zerowaste.infrastructure.reference.market import import_market_prices

    engine = make_engine(settings)
    try:
        imported = import_data_pack(engine, settings.data_dir)
        market = import_market_prices(engine, settings.data_dir)  # one row per shelf price
        if market is not None:
            imported["market_prices"] = market
        reader = reading_with(build_recipe_line_reader(settings))
        recipes = import_recipe_catalog(engine, settings.data_dir, reader, LINES_VERSION)
        if recipes is not None:
            imported["recipe_catalog"] = recipes
    except DataPackMissing as exc:
        log.error("%s", exc)
        raise SystemExit(2) from None
    finally:
        engine.dispose()
    summary = ", ".join(f"{name}={rows}" for name, rows in imported.items())
    log.info("reference data %s", f"imported: {summary}" if imported else "unchanged")


def _recipe_lines(settings: Settings, args: argparse.Namespace) -> None:
    from zerowaste.entrypoints.recipe_report import run

    run(settings, worst=args.worst)


def _admin(settings: Settings, args: argparse.Namespace) -> None:
    import getpass

    from zerowaste.application.admin.roles import AdminRoles
    from zerowaste.domain.shared.errors import DomainError
    from zerowaste.infrastructure.clock import SystemClock
    from zerowaste.infrastructure.db.session import make_engine
    from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

    if args.verb not in ("grant", "revoke") or not args.email:
        log.error("usage: zerowaste admin grant|revoke <email>")
        raise SystemExit(2)
    engine = make_engine(settings)
    roles = AdminRoles(UnitOfWorkFactory(engine), SystemClock())
    try:
        uid = roles.set_admin(args.email, args.verb == "grant", getpass.getuser())
    except DomainError as exc:
        log.error("%s", exc)
        raise SystemExit(1) from None
    finally:
        engine.dispose()
    log.info("admin %s: %s (%s)", "granted" if args.verb == "grant" else "revoked", args.email, uid)


def _run(settings: Settings, _args: argparse.Namespace) -> None:
    from zerowaste.entrypoints.launcher import run

    raise SystemExit(run(settings))


def _search_index(settings: Settings, _args: argparse.Namespace) -> None:
    from zerowaste.bootstrap.adapters import search_indexer
    from zerowaste.infrastructure.clock import SystemClock
    from zerowaste.infrastructure.db.session import make_engine, make_session_factory

    engine = make_engine(settings)
    try:
        indexer, embedder, _store = search_indexer(make_session_factory(engine), SystemClock(), {})
        report = indexer.build()
    finally:
        engine.dispose()
    log.info(
        "search index (%s): %d recipes, %d embedded, %d up to date",
        embedder.model,
        report.recipes,
        report.embedded,
        report.kept,
    )


def _recs_train(settings: Settings, _args: argparse.Namespace) -> None:
    from zerowaste.bootstrap import create_app

    app = create_app(settings)
    with app.app_context():
        version = app.extensions["zerowaste.services"].recommendations.retrain()
    log.info("recommender trained: version %r ('' while nobody has interacted yet)", version)


COMMANDS = {
    "run": _run,
    "db-upgrade": _upgrade,
    "data-import": _data_import,
    "recipe-lines": _recipe_lines,
    "admin": _admin,
    "search-index": _search_index,
    "recs-train": _recs_train,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zerowaste")
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("verb", nargs="?", help="admin: grant | revoke")
    parser.add_argument("email", nargs="?", help="admin: the account's email")
    parser.add_argument(
        "--worst", type=int, default=25, help="recipe-lines: unmapped foods to list"
    )
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
