"""Argon2id password hashing (argon2-cffi, RFC 9106 low-memory profile)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY


class Argon2PasswordHasher:
    def __init__(self, *, fast: bool = False) -> None:
        # `fast` is for the test suite only: the same algorithm with minimal cost parameters.
        self._hasher = (
            PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
            if fast
            else PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)
