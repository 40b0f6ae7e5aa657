"""The clock port: the domain never reads the time itself."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...  # aware UTC

    def today(self) -> date: ...
