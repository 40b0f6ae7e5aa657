"""Ports: what the application needs from the outside world, as Protocols.

Adapters in zerowaste.infrastructure implement them; tests use the fakes in tests/fakes.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Protocol

from zerowaste.application.reference import ReferenceCatalog
from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import User
from zerowaste.domain.images import SanitizedImage
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry

__all__ = ["ReferenceCatalog"]


class Clock(Protocol):
    def now(self) -> datetime: ...  # aware UTC

    def today(self) -> date: ...


class UserRepository(Protocol):
    def get(self, uid: str) -> User | None: ...

    def get_by_firebase_uid(self, firebase_uid: str) -> User | None: ...

    def get_by_login_email(self, email: str) -> tuple[User, str] | None: ...

    def add(self, user: User, *, password_hash: str | None = None) -> None: ...

    def save(self, user: User) -> None: ...

    def set_password(self, uid: str, login_email: str, password_hash: str) -> None: ...

    def login_email_taken(self, email: str) -> bool: ...

    def delete(self, uid: str) -> None: ...


class SessionRepository(Protocol):
    def add(self, session: AuthSession) -> None: ...

    def get(self, owner_id: str, session_id: str) -> AuthSession | None: ...

    def list_active(self, owner_id: str, now: datetime) -> list[AuthSession]: ...

    def rotate_refresh(
        self, session_id: str, old_jti: str, new_jti: str, now: datetime, expires_at: datetime
    ) -> bool: ...

    def revoke(self, session_id: str, now: datetime) -> None: ...

    def revoke_all(self, owner_id: str, now: datetime) -> list[str]: ...


class InventoryRepository(Protocol):
    """Owner-scoped inventory storage; `lock=True` takes a row lock for read-modify-write."""

    def lock_owner(self, owner_id: str) -> None: ...  # serialises one user's inventory writes

    def list_items(self, owner_id: str) -> list[InventoryItem]: ...

    def get(self, owner_id: str, item_id: int, *, lock: bool = False) -> InventoryItem | None: ...

    def find_by_name(
        self, owner_id: str, kind: str, name: str, *, lock: bool = False
    ) -> list[InventoryItem]: ...

    def find_by_stack(
        self, owner_id: str, kind: str, name: str, added_at: datetime, *, lock: bool = False
    ) -> InventoryItem | None: ...

    def item_of_stack(
        self, owner_id: str, stack_id: int, *, lock: bool = False
    ) -> InventoryItem | None: ...

    def add(self, item: InventoryItem, now: datetime) -> None: ...

    def save(self, item: InventoryItem, now: datetime) -> None: ...

    def delete(self, item: InventoryItem) -> None: ...

    def set_enrichment(self, owner_id: str, item_id: int, enrichment: dict[str, Any]) -> None: ...

    def enrichments(self, owner_id: str, item_ids: list[int]) -> dict[int, dict[str, Any]]: ...

    def add_journal(self, entries: list[JournalEntry], item: InventoryItem) -> None: ...

    def journal(
        self,
        owner_id: str,
        *,
        reasons: list[str] | None = None,
        since: datetime | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]: ...


class ImageLinks(Protocol):
    """Turns an uploaded image's signed URL into a lasting storage key (and back, for display)."""

    def stored_reference(self, owner_id: str, image_path: str) -> str: ...

    def display_url(self, reference: str) -> str: ...


class IngredientAdvisor(Protocol):
    """Enrichment of an item: environmental impact, utilization ideas, consumption advice.

    The local engine computes it from the data pack; the Gemini adapter arrives with the AI issue.
    """

    def enrich(self, name: str, *, kind: str, description: str | None) -> dict[str, Any]: ...


class UnitOfWork(Protocol):
    users: UserRepository
    sessions: SessionRepository
    inventory: InventoryRepository

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...  # a writing unit of work

    def read(self) -> UnitOfWork: ...  # a read-only unit of work


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...


class IdentityVerifier(Protocol):
    """Verifies an external identity token (Firebase) and returns its claims."""

    def verify(self, id_token: str) -> dict[str, Any]: ...


class RevocationStore(Protocol):
    """Revoked token ids (`jti`) and session ids (`sid:<id>`), kept until they would expire."""

    def revoke(self, key: str, ttl: timedelta) -> None: ...

    def any_revoked(self, keys: Iterable[str]) -> bool: ...

    def ping(self) -> bool: ...


class Cache(Protocol):
    """A shared cache (Redis or in-process); failures degrade to misses, never to errors."""

    def get(self, key: str) -> Any | None: ...

    def set(self, key: str, value: Any, ttl_seconds: int) -> None: ...

    def delete(self, *keys: str) -> None: ...


class ImageStore(Protocol):
    """Where image files live: a local directory (embedded) or Firebase Storage."""

    def save(self, key: str, data: bytes, content_type: str) -> None: ...

    def url(self, key: str, ttl: timedelta) -> str: ...  # absolute, or a path on this API

    def open(self, key: str) -> bytes | None: ...  # None when there is no such file

    def key_from_url(self, url: str) -> str | None: ...  # the key behind a URL it made


class ImageSanitizer(Protocol):
    """Decodes untrusted image bytes and re-encodes them without metadata, or rejects them
    with InvalidInput (`invalid_image`, `image_too_large`)."""

    def sanitize(self, data: bytes) -> SanitizedImage: ...
