"""Which database errors are a lost lock: a deadlock or a lock wait on MariaDB/MySQL, a busy file
on SQLite. The units of work retry those (`uow.retrying`); a best-effort write skips them."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

# InnoDB: 1213 deadlock found (the transaction was rolled back), 1205 lock wait timeout.
MYSQL_LOCK_ERRORS = frozenset({1205, 1213})


def is_lock_conflict(exc: DBAPIError) -> bool:
    """A lost deadlock or lock wait (MySQL), or a busy SQLite file past its busy_timeout."""
    args = getattr(exc.orig, "args", ())
    if args and isinstance(args[0], int):
        return args[0] in MYSQL_LOCK_ERRORS
    return "database is locked" in str(exc.orig)
