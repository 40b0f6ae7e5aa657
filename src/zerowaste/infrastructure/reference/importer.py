"""Import the data pack into the ref_* tables, idempotently (`zerowaste data-import`).

Each dataset's checksum (sha256 of its source files plus its parser version) is compared with
the one stored in ref_dataset_versions; only changed datasets are replaced, each in one
transaction (delete + chunked executemany insert), so readers never see a half-imported table.
Concurrent imports serialise: BEGIN IMMEDIATE on SQLite, a row lock on ref_dataset_versions
(created up front) on MariaDB; the checksum is re-read under that lock.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from zerowaste.infrastructure.db.base import Base
from zerowaste.infrastructure.db.reference import RefDatasetVersionRow
from zerowaste.infrastructure.db.session import WRITE_OPTION
from zerowaste.infrastructure.reference import datapack
from zerowaste.infrastructure.reference.datapack import Dataset

log = logging.getLogger("zerowaste.reference.import")

CHUNK_SIZE = 500
VERSIONS = Base.metadata.tables[RefDatasetVersionRow.__tablename__]


def import_data_pack(engine: Engine, data_dir: Path) -> dict[str, int]:
    """Replace the rows of every dataset whose files changed; return {dataset: rows written}.

    Datasets whose checksum matches the stored one are skipped (and logged as unchanged), so a
    second run with the same files returns {} and writes nothing.
    Raises datapack.DataPackMissing (naming the file and ZW_DATA_DIR) before touching the database.
    """
    data_dir = Path(data_dir)
    datapack.check_files(data_dir)
    if not inspect(engine).has_table(VERSIONS.name):
        raise RuntimeError("The reference tables do not exist: run `zerowaste db-upgrade` first")
    imported: dict[str, int] = {}
    for dataset in datapack.DATASETS:
        checksum = dataset.checksum(data_dir)
        ensure_version_row(engine, dataset.name)
        count = _import_one(engine, dataset, data_dir, checksum)
        if count is None:
            log.info("reference dataset %s unchanged (sha256 %s…)", dataset.name, checksum[:12])
        else:
            log.info("reference dataset %s imported: %d rows", dataset.name, count)
            imported[dataset.name] = count
    if not imported:
        log.info("reference data unchanged: nothing to import")
    return imported


def import_dataset(engine: Engine, dataset: Dataset, data_dir: Path) -> int | None:
    """Import one dataset outside DATASETS (the market's shelf prices): rows written, or None
    when its checksum is the stored one."""
    if not inspect(engine).has_table(VERSIONS.name):
        raise RuntimeError("The reference tables do not exist: run `zerowaste db-upgrade` first")
    ensure_version_row(engine, dataset.name)
    return _import_one(engine, dataset, data_dir, dataset.checksum(data_dir))


def ensure_version_row(engine: Engine, name: str) -> None:
    """Create the dataset's version row (empty checksum) so there is always a row to lock."""
    with writing(engine) as conn, conn.begin():
        exists = conn.execute(select(VERSIONS.c.dataset).where(VERSIONS.c.dataset == name)).first()
        if exists:
            return
        try:
            with conn.begin_nested():
                conn.execute(
                    insert(VERSIONS).values(
                        dataset=name, checksum="", imported_at=datetime.now(UTC), rows=0
                    )
                )
        except IntegrityError:  # another importer created it first
            pass


def _import_one(engine: Engine, dataset: Dataset, data_dir: Path, checksum: str) -> int | None:
    """Replace one dataset's rows in one transaction, or return None when it is unchanged."""
    table = Base.metadata.tables[dataset.table]
    with writing(engine) as conn, conn.begin():
        stored = conn.execute(
            select(VERSIONS.c.checksum).where(VERSIONS.c.dataset == dataset.name).with_for_update()
        ).scalar_one()
        if stored == checksum:
            return None
        rows = dataset.parse(data_dir)
        conn.execute(delete(table))
        for start in range(0, len(rows), CHUNK_SIZE):
            conn.execute(insert(table), rows[start : start + CHUNK_SIZE])
        conn.execute(
            VERSIONS.update()
            .where(VERSIONS.c.dataset == dataset.name)
            .values(checksum=checksum, imported_at=datetime.now(UTC), rows=len(rows))
        )
    return len(rows)


def writing(engine: Engine) -> Connection:
    """A connection whose transactions take SQLite's write lock up front (BEGIN IMMEDIATE)."""
    return engine.connect().execution_options(**{WRITE_OPTION: True})


def dataset_versions(engine: Engine) -> dict[str, tuple[str, int]]:
    """{dataset: (checksum, rows)} as stored (for tests and diagnostics)."""
    with engine.connect() as conn:
        result = conn.execute(select(VERSIONS.c.dataset, VERSIONS.c.checksum, VERSIONS.c.rows))
        return {name: (checksum, rows) for name, checksum, rows in result}
