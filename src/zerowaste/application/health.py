"""Readiness: every configured dependency answers, or the instance should take no traffic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Readiness:
    ready: bool
    checks: dict[str, str]  # name -> "ok" | "down"


class HealthService:
    def __init__(self, probes: Mapping[str, Callable[[], bool]]) -> None:
        self._probes = dict(probes)

    def readiness(self) -> Readiness:
        checks = {name: "ok" if _safe(probe) else "down" for name, probe in self._probes.items()}
        return Readiness(all(v == "ok" for v in checks.values()), checks)


def _safe(probe: Callable[[], bool]) -> bool:
    try:
        return probe()
    except Exception:  # a probe that raises is a dependency that is down
        return False
