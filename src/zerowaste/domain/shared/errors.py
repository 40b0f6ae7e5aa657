"""Domain errors: a stable machine-readable `code`, a human message, never an HTTP status.

The interface layer maps these classes to status codes in one table (interface/http/errors.py).
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every business error; `code` is stable and machine readable."""

    code: str = "domain_error"

    def __init__(
        self, message: str, *, code: str | None = None, details: dict[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details


class NotFound(DomainError):
    """The resource does not exist for this owner (another user's rows are NotFound too)."""

    code = "not_found"


class Conflict(DomainError):
    """The request clashes with the current state (duplicate, concurrent change)."""

    code = "conflict"


class RuleViolation(DomainError):
    """A well-formed request that breaks a business rule (e.g. consuming more than there is)."""

    code = "rule_violation"


class PermissionDenied(DomainError):
    """The caller is known but may not do this."""

    code = "permission_denied"


class InvalidInput(DomainError):
    """A value passed the schema but is not acceptable to the domain (unknown unit, bad date)."""

    code = "invalid_input"


class AuthenticationFailed(DomainError):
    """Credentials or tokens are missing, wrong, expired or revoked."""

    code = "authentication_failed"


class UpstreamUnavailable(DomainError):
    """A provider we depend on (Gemini, Firebase, the database) failed or timed out."""

    code = "upstream_unavailable"


class TransientConflict(UpstreamUnavailable):
    """A transaction lost a deadlock or waited too long for a lock: nothing was written, and
    running the whole use case again is safe (see application.ports.uow.retrying)."""

    code = "database_busy"
