"""The request id of the work in progress, carried from the HTTP request into its jobs.

The HTTP middleware sets it for each request, the task queue copies it into the Celery task's
headers, the worker sets it again before the task runs; the logging filter writes it on every
record. A contextvar: each thread (gthread) or greenlet (gevent) sees its own.
"""

from __future__ import annotations

import re
from contextvars import ContextVar, Token

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "zw_request_id"  # the Celery message header that carries it
VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")  # bounded, nothing a log line could be forged with

_current: ContextVar[str | None] = ContextVar("zerowaste_request_id", default=None)


def valid_request_id(value: object) -> str | None:
    return value if isinstance(value, str) and VALID.match(value) else None


def current_request_id() -> str | None:
    return _current.get()


def bind_request_id(value: str | None) -> Token[str | None]:
    return _current.set(value)


def reset_request_id(token: Token[str | None]) -> None:
    _current.reset(token)
