"""Argon2id password hashing (argon2-cffi) with OWASP's recommended parameters.

m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet). The RFC 9106 low-memory profile
(64 MiB, t=3, p=4) cost ~230 ms of CPU per sign-in here, so a burst of 100 sign-ins would
hold a 2-core machine for 20 s; hashes made with other parameters are upgraded on login.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

OWASP_TIME_COST, OWASP_MEMORY_KIB, OWASP_PARALLELISM = 2, 19 * 1024, 1


class Argon2PasswordHasher:
    def __init__(self, *, fast: bool = False) -> None:
        # `fast` is for the test suite only: the same algorithm with minimal cost parameters.
        self._hasher = (
            PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
            if fast
            else PasswordHasher(
                time_cost=OWASP_TIME_COST,
                memory_cost=OWASP_MEMORY_KIB,
                parallelism=OWASP_PARALLELISM,
            )
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
