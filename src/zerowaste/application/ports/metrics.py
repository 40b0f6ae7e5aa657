"""The metrics port: what the application and its adapters count, without naming Prometheus.

The composition root picks the recorder (`infrastructure.metrics.PrometheusMetrics`); tests and
services built alone get `NullMetrics`. Labels are bounded by construction: a route is the URL
rule's template (`/api/inventory/<id>`), never the raw path; a task is its registered name.
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from decimal import Decimal
from typing import Protocol

# The database statements run by the work in progress (a request): the adapter's engine event
# counts into it, the HTTP middleware opens it before the request and records it after. A
# contextvar, like the request id: each thread (gthread) or greenlet (gevent) sees its own.
_statements: ContextVar[list[int] | None] = ContextVar("zerowaste_statements", default=None)


def begin_statement_tally() -> Token[list[int] | None]:
    return _statements.set([0])


def count_statement() -> None:
    tally = _statements.get()
    if tally is not None:
        tally[0] += 1


def statements_counted() -> int:
    tally = _statements.get()
    return tally[0] if tally is not None else 0


def end_statement_tally(token: Token[list[int] | None]) -> None:
    _statements.reset(token)


class Metrics(Protocol):
    def request(self, method: str, route: str, status: int, seconds: float) -> None: ...

    def db_statements(self, method: str, route: str, count: int) -> None:
        """The SQL statements one request ran (queries per request, per route)."""
        ...

    def rate_limited(self, route: str) -> None: ...

    def cache_lookup(self, hits: int, misses: int) -> None: ...

    def task(self, name: str, state: str, seconds: float | None) -> None: ...

    def ai_call(
        self, provider: str, operation: str, tokens_in: int, tokens_out: int, cost_usd: Decimal
    ) -> None: ...

    def exposition(self) -> tuple[bytes, str]:
        """The current values in the text exposition format, and its content type."""
        ...


class NullMetrics:
    """Counts nothing (services built without a recorder)."""

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        return None

    def db_statements(self, method: str, route: str, count: int) -> None:
        return None

    def rate_limited(self, route: str) -> None:
        return None

    def cache_lookup(self, hits: int, misses: int) -> None:
        return None

    def task(self, name: str, state: str, seconds: float | None) -> None:
        return None

    def ai_call(
        self, provider: str, operation: str, tokens_in: int, tokens_out: int, cost_usd: Decimal
    ) -> None:
        return None

    def exposition(self) -> tuple[bytes, str]:
        return b"", "text/plain; version=0.0.4; charset=utf-8"
