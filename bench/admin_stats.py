"""Issue #11's target for the admin stats: `GET /api/admin/stats` over 10,000 users in under 1 s
on MariaDB.

Creates a throw-away MariaDB database, migrates it, seeds 10,000 users (signups spread over 26
weeks), 2 sessions each (one sign-in, one later refresh), 30,000 AI calls over 3 models, 10,000
cooks, 10,000 generated recipes, 5,000 cooked savings rows and 5,000 jobs, then times
`AdminService.stats` (the use case the route calls, every statement on the database) and drops
the database.

Usage: `.venv/bin/python bench/admin_stats.py [runs]` (default 10 per cohort length);
BENCH_MYSQL_URL [mysql+pymysql://root@127.0.0.1:3306]. Prints p50/p95/max and the statements.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from sqlalchemy import create_engine, event, insert, text  # noqa: E402

from zerowaste.application.admin.service import AdminService  # noqa: E402
from zerowaste.application.health import HealthService  # noqa: E402
from zerowaste.config import Settings  # noqa: E402
from zerowaste.infrastructure.clock import SystemClock  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.accounts import AuthSessionRow, UserRow  # noqa: E402
from zerowaste.infrastructure.db.ai_usage import AiUsageRow  # noqa: E402
from zerowaste.infrastructure.db.households import HouseholdRow  # noqa: E402
from zerowaste.infrastructure.db.jobs import JobRow  # noqa: E402
from zerowaste.infrastructure.db.recipe_history import CookRow  # noqa: E402
from zerowaste.infrastructure.db.recipes import RecipeRow  # noqa: E402
from zerowaste.infrastructure.db.savings import SavingsRow  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine  # noqa: E402
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory  # noqa: E402

SERVER = os.environ.get("BENCH_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306")
USERS = 10_000
NOW = datetime.now(UTC)
rng = random.Random(11)


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def seed(engine: Any) -> None:
    uids = [uuid.uuid4().hex for _ in range(USERS)]
    signup = {uid: rng.uniform(0, 182) for uid in uids}
    households = [{"id": u, "name": "", "created_at": ago(signup[u])} for u in uids]
    users = [
        {"uid": u, "household_id": u, "email": f"user{n}@example.com", "name": f"User {n}",
         "auth_provider": "local", "created_at": ago(signup[u]), "updated_at": ago(signup[u]),
         "email_verified": False, "language": "es", "cooking_level": "beginner",
         "measurement_unit": "metric", "allergies": [], "allergy_items": [],
         "preferred_food_types": [], "special_diet_items": [], "favorite_recipes": [],
         "initial_preferences_completed": True, "prefs": {}, "is_admin": n == 0}
        for n, u in enumerate(uids)
    ]  # fmt: skip
    sessions = []
    for u in uids:
        for k in range(2):
            start = signup[u] - rng.uniform(0, signup[u]) * k
            sessions.append({
                "id": uuid.uuid4().hex, "user_uid": u, "refresh_jti": "j", "created_at": ago(start),
                "last_used_at": ago(max(0.0, start - rng.uniform(0, 20))),
                "expires_at": ago(start - 30),
            })  # fmt: skip
    models = ("gemini-2.5-flash", "gemini-2.5-flash-lite", "local")
    ai = [
        {"user_uid": rng.choice(uids), "provider": "p", "model": rng.choice(models),
         "operation": "op", "tokens_in": 100, "tokens_out": 200, "images": 0,
         "cost_usd": Decimal("0.0005"), "degraded": False, "created_at": ago(rng.uniform(0, 90))}
        for _ in range(30_000)
    ]  # fmt: skip
    recipes = [
        {"uid": uuid.uuid4().hex, "household_id": u, "added_by": u, "source": "generated",
         "title": "r", "title_key": "r", "lang": "es", "category": "x", "difficulty": "easy",
         "duration": "10", "description": "", "footer": "", "lines": [], "steps": [],
         "tags": [], "search_text": "r", "attribution": "", "created_at": ago(1)}
        for u in uids
    ]  # fmt: skip
    cooks = [
        {"id": uuid.uuid4().hex, "household_id": u, "user_uid": u, "recipe_uid": "r",
         "title": "r", "servings": 2, "cooked_at": ago(rng.uniform(0, 60))}
        for u in uids
    ]  # fmt: skip
    savings = [
        {"user_uid": u, "recipe_uid": "r", "household_id": u, "recipe_title": "r",
         "recipe_source": "saved", "carbon_kg_co2e": 1.0, "water_l": 10.0, "energy_mj": 2.0,
         "cost_mxn": 5.0, "is_cooked": True, "saved_at": ago(5), "cooked_at": ago(4),
         "details": {}}
        for u in uids[:5000]
    ]  # fmt: skip
    jobs = [
        {"id": uuid.uuid4().hex, "type": "recognition.run", "owner_uid": rng.choice(uids),
         "status": rng.choice(("completed", "completed", "failed")), "progress": 100, "step": "",
         "payload": {}, "attempts": 1, "created_at": ago(2), "completed_at": ago(rng.uniform(0, 3)),
         "updated_at": ago(1)}
        for _ in range(5000)
    ]  # fmt: skip
    with engine.begin() as conn:
        for table, rows in (
            (HouseholdRow, households), (UserRow, users), (AuthSessionRow, sessions),
            (AiUsageRow, ai), (RecipeRow, recipes), (CookRow, cooks), (SavingsRow, savings),
            (JobRow, jobs),
        ):  # fmt: skip
            for start in range(0, len(rows), 2000):
                conn.execute(insert(table.__table__), rows[start : start + 2000])


def timed(service: AdminService, weeks: int, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        service.stats(weeks)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(runs: int) -> None:
    name = f"zw_bench_admin_{uuid.uuid4().hex[:6]}"
    server = create_engine(SERVER)
    with server.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    try:
        settings = Settings(
            env="production", database_url=f"{SERVER}/{name}", jwt_secret_key="x" * 40
        )
        engine = make_engine(settings)
        migrate.upgrade(engine)
        started = time.perf_counter()
        seed(engine)
        print(f"seeded {USERS} users in {time.perf_counter() - started:.1f} s")  # noqa: T201
        health = HealthService({})
        service = AdminService(UnitOfWorkFactory(engine), SystemClock(), health, lambda: None)
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        stats = service.stats(8)  # warm-up (connection pool, statement caches)
        selects = sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))
        print(f"users={stats.users.total} dau/wau/mau={stats.active.dau}/{stats.active.wau}/"  # noqa: T201
              f"{stats.active.mau} ai_calls={stats.ai_calls} statements={selects}")  # fmt: skip
        for weeks in (8, 26):
            times = timed(service, weeks, runs)
            p95 = sorted(times)[math.ceil(0.95 * len(times)) - 1]  # nearest rank
            print(  # noqa: T201
                f"stats weeks={weeks}: p50 {statistics.median(times):.0f} ms, "
                f"p95 {p95:.0f} ms, max {max(times):.0f} ms ({runs} runs)"
            )
        engine.dispose()
    finally:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        server.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
