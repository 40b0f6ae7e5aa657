"""Admin reads: the users page, deployment stats, health and the admin audit log. The routes
reach them only after `AdminRoles.authorize` (roles.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Generic, TypeVar

from zerowaste.application.admin.ports import AdminUnitOfWork
from zerowaste.application.health import HealthService, Readiness
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.admin.audit import AdminAction
from zerowaste.domain.admin.stats import (
    AdminStats,
    UserSummary,
    cohort_origin,
    cohorts,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Paged(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class AdminHealth:
    readiness: Readiness
    queue_depth: int | None  # messages waiting on the broker; None without a broker
    jobs_finished_24h: int
    jobs_failed_24h: int

    @property
    def job_failure_rate(self) -> float:
        done = self.jobs_finished_24h
        return round(self.jobs_failed_24h / done, 4) if done else 0.0


class AdminService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AdminUnitOfWork],
        clock: Clock,
        health: HealthService,
        queue_depth: Callable[[], int | None],
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._health = health
        self._queue_depth = queue_depth

    def users(self, search: str | None, page: int, per_page: int) -> Paged[UserSummary]:
        with self._uow_factory.read() as uow:
            found, total = uow.admin.users_page(search, per_page, (page - 1) * per_page)
        return Paged(found, total, page, per_page)

    def stats(self, weeks: int) -> AdminStats:
        """Deployment-wide figures, each one or two GROUP BY/COUNT statements."""
        now = self._clock.now()
        origin = cohort_origin(now, weeks)
        with self._uow_factory.read() as uow:
            repo = uow.admin
            sizes, active = repo.cohort_counts(origin)
            return AdminStats(
                generated_at=now,
                users=repo.user_totals(),
                active=repo.active_users(now),
                cohorts=cohorts(origin, weeks, sizes, active),
                recipes=repo.recipe_totals(),
                ai_by_model=repo.ai_by_model(),
                waste_avoided=repo.waste_avoided(),
            )

    def health(self) -> AdminHealth:
        since = self._clock.now() - timedelta(hours=24)
        with self._uow_factory.read() as uow:
            outcomes = uow.admin.job_outcomes(since)
        try:
            depth = self._queue_depth()
        except Exception:  # a broker that does not answer has no depth to show; readiness says so
            depth = None
        return AdminHealth(
            self._health.readiness(),
            depth,
            sum(outcomes.values()),
            outcomes.get("failed", 0),
        )

    def audit_log(self, page: int, per_page: int) -> Paged[AdminAction]:
        with self._uow_factory.read() as uow:
            found, total = uow.admin.actions_page(per_page, (page - 1) * per_page)
        return Paged(found, total, page, per_page)
