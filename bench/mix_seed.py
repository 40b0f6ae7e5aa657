"""What the mobile mix (bench/mobile_mix.py) replays: the app's day, weighted, for 100 users.

The endpoints and their weights (per 1,000 requests) are the table `ENDPOINTS`: reads of the
inventory (list, expiring, one food's detail), adds and consumes, the profile, recipe lists,
the plan of the day, the savings summary, search, recommendations, the notifications inbox, and
a few jobs (recipes generated from the inventory, a receipt recognised by the worker). Each
endpoint has a class, measured side by side with the bare stack at saturation: `read` against
the bare uncached 50-row list, `write` against its insert; `discovery` (search,
recommendations) and `job` have no bare counterpart and are reported on their own.

Seeding, through the public API as the client does it, after `zerowaste data-import` and
`zerowaste search-index` (the 501-recipe catalog and its vectors):
- every user: 50 stacks (49 foods of the ingredient master, quantities and shelf lives varied,
  some expiring within days; and a 50 kg rice stack the consumes draw 5 g from), 3 saved
  recipes, the plan of today (3 meals of those recipes), 2 savings calculations;
- uploads for the recognitions (one distinct receipt per recognition line, bench/
  recognition_seed.py), so no photo is recognised twice within one pass of the list.
The request list is `LINES` long (one pass ~ a minute at 250 req/s), users and endpoints drawn
from a seeded generator, written as bench/lua/replay.lua's tab-separated lines.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from seed import SeedContext, post_json

ROOT = Path(__file__).resolve().parents[1]
LINES = 16_000
STACKS = 50
RICE = "Arroz para bench"


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    pattern: str  # matches the request path (Nginx log) and the route template (metrics)
    weight: int  # per 1,000 requests
    kind: str  # read | write | discovery | job

    def matches(self, method: str, path: str) -> bool:
        return method == self.method and re.fullmatch(self.pattern, path) is not None


ID = r"[^/]+"
ENDPOINTS = [
    Endpoint("inventory list", "GET", r"/api/inventory", 200, "read"),
    Endpoint("inventory expiring", "GET", r"/api/inventory/expiring", 80, "read"),
    Endpoint("food detail", "GET", rf"/api/inventory/ingredients/{ID}/detail", 60, "read"),
    Endpoint("add stack", "POST", r"/api/inventory/ingredients", 75, "write"),
    Endpoint("consume", "POST", rf"/api/inventory/items/{ID}/consume", 75, "write"),
    Endpoint("profile", "GET", r"/api/user/profile", 120, "read"),
    Endpoint(
        "recipe lists", "GET", r"/api/recipes/all/(recommendations|trending|recent)", 80, "read"
    ),  # fmt: skip
    Endpoint("saved recipes", "GET", r"/api/recipes/saved", 30, "read"),
    Endpoint("plan of the day", "GET", r"/api/planning/get", 70, "read"),
    Endpoint("savings summary", "GET", r"/api/environmental_savings/summary", 55, "read"),
    Endpoint("notifications", "GET", r"/api/notifications", 60, "read"),
    Endpoint("search", "POST", r"/api/search/semantic", 45, "discovery"),
    Endpoint("recommendations", "GET", r"/api/recommendations/recipes", 45, "discovery"),
    Endpoint("generate recipes", "POST", r"/api/recipes/generate-from-inventory", 2, "job"),
    Endpoint("recognize (job)", "POST", r"/api/recognition/ingredients/async", 1, "job"),
]
KINDS = ("read", "write", "discovery", "job")


def endpoint_of(method: str, path: str) -> Endpoint | None:
    path = path.split("?", 1)[0]
    return next((e for e in ENDPOINTS if e.matches(method, path)), None)


def kind_of(method: str, path: str) -> str | None:
    endpoint = endpoint_of(method, path)
    return endpoint.kind if endpoint else None


def route_endpoint(method: str, template: str) -> Endpoint | None:
    """The endpoint a metrics route template belongs to (`<...>` parts stand for any id)."""
    return endpoint_of(method, re.sub(r"<[^>]+>", "x", template))


@dataclass
class UserData:
    token: str
    foods: list[str]
    rice_id: int


def _master_names() -> list[str]:
    rows = json.loads((ROOT / "data/ingredients_allergens/ingredients.json").read_text())
    return [str(row["name_es"]) for row in rows][:200]


def _seed_user(base: str, token: str, index: int, names: list[str]) -> UserData:
    rng = random.Random(index)
    foods = rng.sample(names, STACKS - 1)
    lines: list[dict[str, Any]] = [
        {
            "name": food,
            "quantity": rng.choice([1, 2, 3, 250, 500, 1000]),
            "type_unit": "unidades" if k % 3 else "g",
            "storage_type": rng.choice(["Refrigerado", "Ambiente", "Congelado"]),
            "expiration_time": rng.randint(1, 30),
            "time_unit": "Días",
        }
        for k, food in enumerate(foods)
    ]
    lines.append({"name": RICE, "quantity": 50, "type_unit": "kg"})
    added = post_json(f"{base}/api/inventory/ingredients", {"ingredients": lines}, token)
    stacks = added["ingredients"]
    rice = next(s for s in stacks if s["name"] == RICE)  # type: ignore[union-attr]
    uids = []
    for n in range(3):
        recipe = {
            "title": f"Receta de casa {index}-{n}",
            "servings": 2,
            "ingredients": [
                {"name": foods[(n * 4 + k) % len(foods)], "quantity": 150, "type_unit": "g"}
                for k in range(5)
            ],
            "steps": ["Prepara", "Cocina", "Sirve"],
        }
        saved = post_json(f"{base}/api/recipes/save", recipe, token)
        uids.append(saved["recipe"]["uid"])  # type: ignore[index]
    today = datetime.now(UTC).date()
    year, week, _ = today.isocalendar()
    slots = [
        {"date": today.isoformat(), "meal_type": meal, "recipe_uid": uid}
        for meal, uid in zip(("breakfast", "lunch", "dinner"), uids, strict=True)
    ]
    body = {"week": f"{year}-W{week:02d}", "name": "Semana", "slots": slots}
    post_json(f"{base}/api/meal-plans/weekly", body, token)
    for uid in uids[:2]:
        post_json(f"{base}/api/environmental_savings/calculate/from-uid/{uid}", {}, token)
    return UserData(token, foods, int(rice["id"]))  # type: ignore[index]


def seed(context: SeedContext) -> list[UserData]:
    """The catalog and its vectors, then every user's stock, recipes, plan and savings."""
    binary = str(ROOT / ".venv" / "bin" / "zerowaste")
    for command in ("data-import", "search-index"):
        subprocess.run([binary, command], env=context.env, check=True, capture_output=True)
    names = _master_names()
    with ThreadPoolExecutor(max_workers=4) as pool:
        users = list(
            pool.map(
                lambda pair: _seed_user(context.base_url, pair[1]["access_token"], pair[0], names),
                enumerate(context.users),
            )
        )
    return users


def _request(
    endpoint: Endpoint, user: UserData, rng: random.Random, turn: int, queries: list[str]
) -> tuple[str, str, str, Any]:
    name, token = endpoint.name, user.token
    day = datetime.now(UTC).date()
    if name == "inventory expiring":
        return ("GET", "/api/inventory/expiring?days=3", token, None)
    if name == "food detail":
        # A name with "/" ("Jaiba / cangrejo") cannot be a path segment (%2F is decoded
        # before routing); the client reads such foods from the list instead.
        food = urllib.parse.quote(rng.choice([f for f in user.foods if "/" not in f]), safe="")
        return ("GET", f"/api/inventory/ingredients/{food}/detail", token, None)
    if name == "add stack":
        line = {"name": f"Despensa {turn % 10:02d}", "quantity": 1, "type_unit": "kg"}
        return ("POST", "/api/inventory/ingredients", token, {"ingredients": [line]})
    if name == "consume":
        body = {"quantity": 5, "unit": "g"}
        return ("POST", f"/api/inventory/items/{user.rice_id}/consume", token, body)
    if name == "recipe lists":
        which = ("recommendations", "trending", "recent")[turn % 3]
        return ("GET", f"/api/recipes/all/{which}", token, None)
    if name == "plan of the day":
        return ("GET", f"/api/planning/get?date={day.isoformat()}", token, None)
    if name == "search":
        return ("POST", "/api/search/semantic", token, {"query": rng.choice(queries)})
    if name == "generate recipes":
        return ("POST", "/api/recipes/generate-from-inventory", token, {"num_recipes": 3})
    path = {
        "inventory list": "/api/inventory",
        "profile": "/api/user/profile",
        "saved recipes": "/api/recipes/saved",
        "savings summary": "/api/environmental_savings/summary",
        "notifications": "/api/notifications",
        "recommendations": "/api/recommendations/recipes",
    }[name]
    return ("GET", path, token, None)


def requests(
    users: list[UserData], uploads: Callable[[int], list[tuple[str, str]]]
) -> list[tuple[str, str, str, Any]]:
    """`LINES` requests of the day in a seeded random order, endpoints by weight."""
    from search_relevance import cases

    rng = random.Random(2026)
    queries = [str(c["query"]) for c in cases()]
    total = sum(e.weight for e in ENDPOINTS)
    schedule = [e for e in ENDPOINTS for _ in range(round(e.weight * LINES / total))]
    rng.shuffle(schedule)
    photos = iter(uploads(sum(1 for e in schedule if e.name == "recognize (job)")))
    lines = []
    for turn, endpoint in enumerate(schedule):
        user = users[rng.randrange(len(users))]
        if endpoint.name == "recognize (job)":
            token, image = next(photos)
            lines.append(("POST", "/api/recognition/ingredients/async", token,
                          {"images_paths": [image]}))  # fmt: skip
        else:
            lines.append(_request(endpoint, user, rng, turn, queries))
    return lines
