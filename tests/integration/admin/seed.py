"""A small hand-counted deployment for the admin stats (the expected figures are in the tests).

NOW is Wednesday 2026-11-25 12:00 UTC; with 3 cohort weeks the origin is Monday 2026-11-09.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from tests.factories import add_user
from zerowaste.domain.accounts.sessions import AuthSession
from zerowaste.domain.accounts.users import User
from zerowaste.infrastructure.db.ai_usage import AiUsageRow
from zerowaste.infrastructure.db.jobs import JobRow
from zerowaste.infrastructure.db.recipe_history import CookRow, GenerationRow
from zerowaste.infrastructure.db.recipes import RecipeRow
from zerowaste.infrastructure.db.savings import SavingsRow

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


# uid, email, name, provider, created, [(session created, last used)]
USERS: list[tuple[str, str | None, str | None, str, datetime, list[tuple[datetime, datetime]]]] = [
    ("u1", "ana@example.com", "Ana", "local", at(9), [(at(9), at(17, 9))]),
    ("u2", "bea@example.com", "Bea", "local", at(10), [(at(10), at(25, 8))]),
    ("u3", "carlos@example.com", "Carlos", "local", at(17), [(at(17), at(17, 11))]),
    ("u4", "dana@example.com", "Dana_Ana", "local", at(1), [(at(1), at(20))]),
    ("u5", None, None, "guest", at(1, month=10), []),
    ("u6", "eve@example.com", "Eve", "local", at(24, 13), [(at(24, 13), at(24, 13))]),
]


def seed(uow: Any) -> None:
    """The users with their sessions, recipes, cooks, AI calls, savings and jobs."""
    for uid, email, name, provider, created, sessions in USERS:
        add_user(uow, User(uid, email, name, provider, created, created))
        for n, (started, used) in enumerate(sessions):
            uow.sessions.add(
                AuthSession(f"{uid}s{n}", uid, f"{uid}j{n}", started, used, used + timedelta(30))
            )
    uow.admin.set_admin("u5", True)
    s = uow.session
    for n, source in enumerate(("generated", "generated", "saved")):
        s.add(_recipe(f"r{n}", "u1", source))
    s.add(
        GenerationRow(
            id="g1", household_id="u1", user_uid="u1", kind="recipes", provider="local",
            degraded=False, pantry_size=3, utilization=50, inputs={}, recipes=[], notes=[],
            created_at=at(12),
        )
    )  # fmt: skip
    for n, uid in enumerate(("u1", "u1", "u2")):
        s.add(CookRow(id=f"c{n}", household_id=uid, user_uid=uid, recipe_uid="r0", title="x",
                      servings=2, cooked_at=at(20)))  # fmt: skip
    for uid, model, cost in (
        ("u1", "gemini-2.5-flash", "0.001"),
        ("u2", "gemini-2.5-flash", "0.002"),
        ("u1", "local", "0"),
    ):
        s.add(AiUsageRow(user_uid=uid, provider="p", model=model, operation="op", tokens_in=10,
                         tokens_out=20, images=0, cost_usd=Decimal(cost), degraded=False,
                         created_at=at(24)))  # fmt: skip
    for uid, recipe, carbon, water, energy, cost, cooked in (
        ("u1", "r0", 1.5, 100.0, 2.0, 10.0, True),
        ("u2", "r1", 0.5, 50.0, 1.0, 5.0, True),
        ("u3", "r2", 9.0, 900.0, 9.0, 90.0, False),
    ):
        s.add(SavingsRow(user_uid=uid, recipe_uid=recipe, household_id=uid, recipe_title="x",
                         recipe_source="saved", carbon_kg_co2e=carbon, water_l=water,
                         energy_mj=energy, cost_mxn=cost, is_cooked=cooked, saved_at=at(20),
                         cooked_at=at(20) if cooked else None, details={}))  # fmt: skip
    jobs = [
        ("completed", NOW - timedelta(hours=1)),
        ("completed", NOW - timedelta(hours=5)),
        ("completed", NOW - timedelta(hours=23)),
        ("failed", NOW - timedelta(hours=2)),
        ("failed", NOW - timedelta(days=2)),  # outside the 24 h window
        ("pending", None),
    ]
    for n, (status, done) in enumerate(jobs):
        s.add(JobRow(id=f"{n:032x}", type="recognition.run", owner_uid="u1", status=status,
                     progress=0, step="", payload={}, attempts=1, created_at=at(1),
                     completed_at=done, updated_at=at(1)))  # fmt: skip
    s.flush()


def _recipe(uid: str, owner: str, source: str) -> RecipeRow:
    return RecipeRow(
        uid=uid, household_id=owner, added_by=owner, source=source, title=uid, title_key=uid,
        lang="es", category="x", difficulty="easy", duration="10 min", minutes=10, servings=2,
        description="", footer="", lines=[], steps=[], tags=[], search_text=uid,
        image_key=None, attribution="", created_at=at(12),
    )  # fmt: skip
