"""Readiness: the instance takes traffic while what it cannot serve without answers.

Only the database is required: without Redis the API still serves (caches miss, limits and the
revocation list fall back), and without the broker only background jobs wait; those report
`degraded` (200) so a load balancer keeps the instance in, while monitoring sees the outage.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Readiness:
    status: str  # "ok" | "degraded" | "unavailable"
    checks: dict[str, str]  # name -> "ok" | "down"

    @property
    def ready(self) -> bool:
        return self.status != "unavailable"


class HealthService:
    def __init__(
        self,
        probes: Mapping[str, Callable[[], bool]],
        required: Collection[str] = ("database",),
    ) -> None:
        self._probes = dict(probes)
        self._required = frozenset(required)

    def readiness(self) -> Readiness:
        checks = {name: "ok" if _safe(probe) else "down" for name, probe in self._probes.items()}
        down = {name for name, state in checks.items() if state == "down"}
        if down & self._required:
            return Readiness("unavailable", checks)
        return Readiness("degraded" if down else "ok", checks)


def _safe(probe: Callable[[], bool]) -> bool:
    try:
        return probe()
    except Exception:  # a probe that raises is a dependency that is down
        return False
