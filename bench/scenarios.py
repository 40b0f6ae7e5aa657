"""What `make bench` measures: the scenario list (add new endpoints here) and the run modes.

A scenario is one wrk Lua script with its arguments. `needs` names the seeded files the script
reads ("tokens": one access token per line, "credentials": "email password" per line). A scenario
whose target is a lower rate than the paced mode's ~200 req/s sets `paced_think_ms` (the
discovery scenarios: 100 users pausing ~1.8 s, ~50 req/s, issue #12's load), and one whose
processes build indexes on first use a longer warm-up (`warm_s`: every Gunicorn worker decodes
the 5,000-recipe catalog and builds its indexes once, ~2-3 s of CPU each, before steady
state). A scenario that needs its own data (an inventory of 200 stacks, say) gives a `seed`
callable; it receives the seeding context (base URL, users, run directory) after the users exist
and returns extra wrk arguments (e.g. ids=/abs/path). BENCH_SCENARIOS picks scenarios by name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from discovery_seed import seeder
from inventory_seed import seed_inventory_list, seed_inventory_mix, seed_shopping, seed_week_plan


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    script: str
    args: dict[str, str] = field(default_factory=dict)
    needs: tuple[str, ...] = ()
    seed: Callable[[Any], dict[str, str]] | None = None
    paced_think_ms: int = 0  # replaces the paced mode's think time when set
    warm_s: int = 2  # warm-up before measuring (the discovery scenarios build per-process indexes)


@dataclass(frozen=True)
class Mode:
    name: str
    connections: int
    duration_s: int
    pace_ms: int  # mean think time per connection; 0 = saturation


SCENARIOS: list[Scenario] = [
    Scenario(
        "inventory",
        "GET /api/inventory (200 stacks per user)",
        "get.lua",
        {"path": "/api/inventory"},
        needs=("tokens",),
        seed=seed_inventory_list,
    ),
    Scenario(
        "inventory_mix",
        "POST add 1 kg / POST consume 5 g (50/50)",
        "mix.lua",
        seed=seed_inventory_mix,
    ),
    Scenario(
        "week_plan",
        "GET /api/meal-plans/<week> (21 planned recipes, 200 stacks)",
        "get.lua",
        needs=("tokens",),
        seed=seed_week_plan,
    ),
    Scenario(
        "shopping",
        "POST /api/meal-plans/generate-shopping-list (21 planned recipes, 200 stacks)",
        "shopping.lua",
        seed=seed_shopping,
    ),
    *[
        Scenario(
            name,
            title + " (5,000 recipes, 1,000 users; paced ~50 req/s)",
            "replay.lua",
            seed=seeder(name),
            paced_think_ms=1800,
            warm_s=15,
        )
        for name, title in (
            ("search", "POST /api/search/semantic (38 es/en queries)"),
            ("search_ingredients", "POST /api/search/by-ingredients (3-4 foods)"),
            ("recommendations", "GET /api/recommendations/recipes (trained model, stock)"),
            ("recs_ingredients", "GET /api/recommendations/ingredients"),
            ("similar", "GET /api/recommendations/recipe/<uid>"),
        )
    ],
    Scenario("status", "GET /status", "get.lua", {"path": "/status"}),
    Scenario(
        "profile",
        "GET /api/user/profile (JWT)",
        "get.lua",
        {"path": "/api/user/profile"},
        needs=("tokens",),
    ),
    Scenario(
        "login",
        "POST /api/auth/login (Argon2id)",
        "login.lua",
        {"path": "/api/auth/login"},
        needs=("credentials",),
    ),
]


def modes() -> list[Mode]:
    """(a) 100 connections flat out; (b) 100 users pausing ~500 ms between requests (~200 req/s)."""
    saturation = int(os.environ.get("BENCH_DURATION", "15"))
    paced = int(os.environ.get("BENCH_PACED_DURATION", "8"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "100"))
    think = int(os.environ.get("BENCH_THINK_MS", "500"))
    chosen = os.environ.get("BENCH_MODES", "saturation,paced").split(",")
    # Paced first: a saturation run leaves queued work behind (Argon2 logins take seconds to
    # drain), and the last run of a configuration needs no draining before the server stops.
    every = [
        Mode("paced", connections, paced, think),
        Mode("saturation", connections, saturation, 0),
    ]
    return [mode for mode in every if mode.name in chosen]


def selected_scenarios() -> list[Scenario]:
    wanted = os.environ.get("BENCH_SCENARIOS", "")
    if not wanted:
        return list(SCENARIOS)
    names = [name.strip() for name in wanted.split(",") if name.strip()]
    unknown = sorted(set(names) - {s.name for s in SCENARIOS})
    if unknown:
        raise SystemExit(f"BENCH_SCENARIOS: unknown {', '.join(unknown)}")
    return [s for s in SCENARIOS if s.name in names]
