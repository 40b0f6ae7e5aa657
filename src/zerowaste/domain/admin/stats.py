"""Deployment-wide figures an admin reads, and the calendar rules they are counted by.

"Active" means a sign-in or a token refresh in the window: every sign-in stores a session row
(`created_at`) and every refresh moves that session's `last_used_at`; access-token requests are
not recorded, so a user who only calls the API within one access token's life is counted when
the token is first issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

DAY, WEEK, MONTH = timedelta(days=1), timedelta(days=7), timedelta(days=30)
MAX_COHORT_WEEKS = 26


def week_start(moment: datetime) -> datetime:
    """Monday 00:00 UTC of the ISO week holding `moment`."""
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def cohort_origin(now: datetime, weeks: int) -> datetime:
    """The Monday that starts the oldest of `weeks` signup weeks (the current one included)."""
    return week_start(now) - WEEK * (weeks - 1)


@dataclass(frozen=True)
class ActiveUsers:
    dau: int  # active in the last 24 h
    wau: int  # last 7 days
    mau: int  # last 30 days


@dataclass(frozen=True)
class Cohort:
    week_start: datetime  # Monday 00:00 UTC of the signup week
    size: int  # users who signed up that week
    retained: list[int]  # retained[k]: of them, active in week k after signup (k = 0 first)

    @property
    def rates(self) -> list[float]:
        return [round(n / self.size, 4) if self.size else 0.0 for n in self.retained]


def cohorts(
    origin: datetime, weeks: int, sizes: dict[int, int], active: dict[tuple[int, int], int]
) -> list[Cohort]:
    """Cohorts from SQL counts: `sizes[w]` signups in week w, `active[(w, k)]` of them active
    in week k (both counted from `origin`); weeks still to come are left out."""
    found = []
    for w in range(weeks):
        retained = [active.get((w, k), 0) for k in range(w, weeks)]
        found.append(Cohort(origin + WEEK * w, sizes.get(w, 0), retained))
    return found


@dataclass(frozen=True)
class ModelUsage:
    model: str
    calls: int
    cost_usd: Decimal


@dataclass(frozen=True)
class WasteAvoided:
    """Sums over the cooked recipes' stored savings (saved but uncooked ones are not counted)."""

    recipes: int
    carbon_kg_co2e: float
    water_l: float
    energy_mj: float
    cost_mxn: float


@dataclass(frozen=True)
class UserTotals:
    total: int
    guests: int
    admins: int


@dataclass(frozen=True)
class RecipeTotals:
    generated: int  # recipes stored by the generator
    generations: int  # generation runs
    cooked: int  # times a recipe was cooked


@dataclass(frozen=True)
class AdminStats:
    generated_at: datetime
    users: UserTotals
    active: ActiveUsers
    cohorts: list[Cohort]
    recipes: RecipeTotals
    ai_by_model: list[ModelUsage]
    waste_avoided: WasteAvoided
    ai_calls: int = field(init=False)
    ai_cost_usd: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ai_calls", sum(m.calls for m in self.ai_by_model))
        total = sum((m.cost_usd for m in self.ai_by_model), Decimal(0))
        object.__setattr__(self, "ai_cost_usd", total)


@dataclass(frozen=True)
class UserSummary:
    """A user as an admin lists them: identity and counts, never credentials."""

    uid: str
    email: str | None
    name: str | None
    auth_provider: str
    is_admin: bool
    created_at: datetime
    last_login_at: datetime | None
    sessions: int
    recipes_cooked: int
    ai_calls: int
