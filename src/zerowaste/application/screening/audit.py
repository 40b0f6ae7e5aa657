"""The audit log of screenings and AI plan generations: written by the screening and by the
planner (through `record`), read by the user it is about (admins later)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.application.screening.ports import ScreeningUnitOfWork
from zerowaste.domain.screening.audit import ACTIONS, AuditEntry
from zerowaste.domain.shared.errors import InvalidInput

MAX_REASON = 500


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    per_page: int


class AuditLog:
    def __init__(self, uow_factory: UnitOfWorkFactory[ScreeningUnitOfWork], clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def entry(
        self,
        user_uid: str,
        action: str,
        *,
        allowed: bool,
        reason: str,
        model: str | None = None,
        estimated_cost_usd: Decimal = Decimal(0),
    ) -> AuditEntry:
        """A new row (not stored): for a use case that writes it in its own transaction."""
        if action not in ACTIONS:
            raise InvalidInput("Unknown audit action", details={"action": "|".join(ACTIONS)})
        if estimated_cost_usd < 0:
            raise InvalidInput("A cost is never negative", details={"estimated_cost_usd": "< 0"})
        return AuditEntry(
            user_uid=user_uid,
            action=action,
            allowed=allowed,
            reason=reason[:MAX_REASON],
            created_at=self._clock.now(),
            model=(model or None) and model[:80],
            estimated_cost_usd=estimated_cost_usd,
        )

    @retrying
    def record(
        self,
        user_uid: str,
        action: str,
        *,
        allowed: bool,
        reason: str,
        model: str | None = None,
        estimated_cost_usd: Decimal = Decimal(0),
    ) -> AuditEntry:
        """Write one audit row in its own transaction (the planner calls this per generation)."""
        entry = self.entry(
            user_uid,
            action,
            allowed=allowed,
            reason=reason,
            model=model,
            estimated_cost_usd=estimated_cost_usd,
        )
        with self._uow_factory() as uow:
            stored = uow.audit_log.add(entry)
            uow.commit()
        return stored

    def listed(self, user_uid: str, page: int, per_page: int) -> AuditPage:
        """The caller's own rows, newest first."""
        with self._uow_factory.read() as uow:
            rows, total = uow.audit_log.page(user_uid, per_page, (page - 1) * per_page)
        return AuditPage(rows, total, page, per_page)
