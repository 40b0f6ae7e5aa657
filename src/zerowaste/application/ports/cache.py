"""The shared cache port (Flask-Caching on Redis, or on files shared by the embedded workers)."""

from __future__ import annotations

from typing import Any, Protocol


class Cache(Protocol):
    """A shared cache; values are str, bytes or JSON-able data (never pickled objects).

    Failures degrade to misses, never to errors: a cache outage only costs speed.
    """

    def get(self, key: str) -> Any | None: ...

    def get_many(self, *keys: str) -> list[Any | None]: ...

    def set(self, key: str, value: Any, ttl_seconds: int) -> None: ...

    def delete(self, *keys: str) -> None: ...
