"""Which database errors are a lost lock: a deadlock or a lock wait on MariaDB/MySQL, a busy file
on SQLite. The units of work retry those (`uow.retrying`); a best-effort write skips them."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

# InnoDB: 1213 deadlock found (the transaction was rolled back), 1205 lock wait timeout.
MYSQL_LOCK_ERRORS = frozenset({1205, 1213})
# 1305 "SAVEPOINT ... does not exist": what ROLLBACK TO SAVEPOINT says once InnoDB has rolled
# the whole transaction back (a deadlock inside `Session.begin_nested()`); it replaces the
# deadlock, which stays on its context.
MYSQL_SAVEPOINT_GONE = 1305


def is_lock_conflict(exc: DBAPIError) -> bool:
    """A lost deadlock or lock wait (MySQL), also when a savepoint's rollback hid it behind a
    1305, or a busy SQLite file past its busy_timeout."""
    code = _mysql_code(exc)
    if code is None:
        return "database is locked" in str(exc.orig)
    if code in MYSQL_LOCK_ERRORS:
        return True
    return code == MYSQL_SAVEPOINT_GONE and _lost_lock_before(exc)


def _mysql_code(exc: DBAPIError) -> int | None:
    args = getattr(exc.orig, "args", ())
    return args[0] if args and isinstance(args[0], int) else None


def _lost_lock_before(exc: BaseException) -> bool:
    """Whether a lost lock is among the errors this one was raised while handling."""
    seen: set[int] = set()
    earlier = exc.__context__
    while earlier is not None and id(earlier) not in seen:
        seen.add(id(earlier))
        if isinstance(earlier, DBAPIError) and _mysql_code(earlier) in MYSQL_LOCK_ERRORS:
            return True
        earlier = earlier.__context__
    return False
