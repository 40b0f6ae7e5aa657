"""Database use: the pool's connections, from SQLAlchemy's pool events (connect, checkout,
checkin, close), and the statements each request runs (before_cursor_execute)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

from zerowaste.application.ports.metrics import count_statement
from zerowaste.infrastructure.metrics import DB_POOL, DB_POOL_CAPACITY

_INSTRUMENTED = "zerowaste_pool_metrics"


def instrument_pool(engine: Engine) -> None:
    """Count the engine's open and checked-out connections, and tally each statement it runs
    for the request in progress (once per engine)."""
    if engine.pool.__dict__.get(_INSTRUMENTED):
        return
    engine.pool.__dict__[_INSTRUMENTED] = True
    size = getattr(engine.pool, "size", None)
    if callable(size):
        DB_POOL_CAPACITY.inc(int(size()) + max(0, int(getattr(engine.pool, "_max_overflow", 0))))
    opened, checked_out = DB_POOL.labels("open"), DB_POOL.labels("checked_out")

    def on_connect(*_: Any) -> None:
        opened.inc()

    def on_close(*_: Any) -> None:
        opened.dec()

    def on_checkout(*_: Any) -> None:
        checked_out.inc()

    def on_checkin(*_: Any) -> None:
        checked_out.dec()

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "close", on_close)
    event.listen(engine, "close_detached", on_close)
    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "checkin", on_checkin)
    event.listen(engine, "before_cursor_execute", _on_statement)


def _on_statement(*_: Any) -> None:
    count_statement()
