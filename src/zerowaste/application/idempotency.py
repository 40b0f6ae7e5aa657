"""Idempotent POSTs: a retried request with the same Idempotency-Key replays the first answer.

The first request claims the key (a row inserted in its own transaction, so concurrent retries
see it at once), runs, and stores its answer. A retry with the same key and the same request
gets the stored answer; a different request under the same key is refused; a retry while the
first is still running gets a conflict. Server errors release the key so the client may retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from zerowaste.application.ports.clock import Clock
from zerowaste.domain.shared.errors import Conflict, InvalidInput

KEY_TTL = timedelta(hours=24)
# A claim still "in progress" after this long belongs to a request whose worker died (Gunicorn
# kills a request after its 30 s timeout): a retry may take it over instead of waiting 24 h.
STALE_CLAIM = timedelta(minutes=2)
MAX_KEY_LENGTH = 100


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: Any


class IdempotencyStore(Protocol):
    def claim(self, owner_id: str, key: str, fingerprint: str, now: datetime) -> bool: ...

    def load(self, owner_id: str, key: str) -> tuple[str, StoredResponse | None] | None: ...

    def finish(self, owner_id: str, key: str, response: StoredResponse) -> None: ...

    def release(self, owner_id: str, key: str) -> None: ...

    def take_over(
        self, owner_id: str, key: str, fingerprint: str, stale_before: datetime, now: datetime
    ) -> bool: ...

    def purge(self, before: datetime) -> None: ...


class IdempotencyService:
    def __init__(self, store: IdempotencyStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def begin(self, owner_id: str, key: str, fingerprint: str) -> StoredResponse | None:
        """Claim the key and return None (run the request), or the stored first answer."""
        if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise InvalidInput(
                f"Idempotency-Key must be 1-{MAX_KEY_LENGTH} printable characters",
                code="invalid_idempotency_key",
            )
        now = self._clock.now()
        if self._store.claim(owner_id, key, fingerprint, now):
            self._store.purge(now - KEY_TTL)
            return None
        found = self._store.load(owner_id, key)
        if found is None:  # released between our insert attempt and the read: claim again
            return self.begin(owner_id, key, fingerprint)
        stored_fingerprint, response = found
        if stored_fingerprint != fingerprint:
            raise Conflict(
                "This Idempotency-Key was used for a different request",
                code="idempotency_key_reused",
            )
        if response is None:
            if self._store.take_over(owner_id, key, fingerprint, now - STALE_CLAIM, now):
                return None
            raise Conflict(
                "A request with this Idempotency-Key is still in progress",
                code="idempotency_in_progress",
            )
        return response

    def finish(self, owner_id: str, key: str, status: int, body: Any) -> None:
        if status >= 500:
            self._store.release(owner_id, key)
        else:
            self._store.finish(owner_id, key, StoredResponse(status, body))
