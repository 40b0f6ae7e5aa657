"""Seeding for the inventory scenarios: every bench user gets 200 stacks (and a rice item for the
add/consume mix), added through the public API in batches of 100 lines, as the client would."""

from __future__ import annotations

from seed import SeedContext, post_json

STACKS_PER_USER = 200
NAMES = [f"Ingrediente {i:03d}" for i in range(100)]


def seed_inventory_list(context: SeedContext) -> dict[str, str]:
    """200 stacks per user: 100 ingredients x 2 stacks (two adds of the same names)."""
    url = f"{context.base_url}/api/inventory/ingredients"
    for user in context.users:
        for _ in range(STACKS_PER_USER // len(NAMES)):
            lines = [{"name": n, "quantity": 2, "type_unit": "unidades"} for n in NAMES]
            post_json(url, {"ingredients": lines}, user["access_token"])
    return {}


def seed_inventory_mix(context: SeedContext) -> dict[str, str]:
    """One 50 kg rice item per user; writes "token item_id" lines for mix.lua."""
    url = f"{context.base_url}/api/inventory/ingredients"
    lines = []
    for user in context.users:
        line = {"name": "Arroz para bench", "quantity": 50, "type_unit": "kg"}
        reply = post_json(url, {"ingredients": [line]}, user["access_token"])
        item_id = reply["ingredients"][0]["id"]  # type: ignore[index]
        lines.append(f"{user['access_token']} {item_id}\n")
    path = context.directory / "inventory_items.txt"
    path.write_text("".join(lines))
    return {"items": str(path)}


def seed_week_plan(context: SeedContext) -> dict[str, str]:
    """Every user: 200 stacks of master-named foods and 21 saved recipes planned over this
    ISO week (7 days x breakfast, lunch, dinner); the scenario reads that week."""
    import json
    from datetime import UTC, datetime, timedelta
    from pathlib import Path

    names = [
        row["name_es"]
        for row in json.loads(
            (
                Path(__file__).resolve().parents[1] / "data/ingredients_allergens/ingredients.json"
            ).read_text()
        )
    ][:100]
    today = datetime.now(UTC).date()  # the server's today (UTC)
    monday = today - timedelta(days=today.weekday())
    year, week, _ = today.isocalendar()
    meals = ("breakfast", "lunch", "dinner")
    for user in context.users:
        token = user["access_token"]
        for stack in range(2):
            lines = [
                {
                    "name": n,
                    "quantity": 500,
                    "type_unit": "g",
                    "expiration_time": 1 + (i * 7 + stack * 13) % 60,
                }
                for i, n in enumerate(names)
            ]
            post_json(
                f"{context.base_url}/api/inventory/ingredients", {"ingredients": lines}, token
            )
        slots = []
        for n in range(21):
            recipe = {
                "title": f"Receta {n}",
                "servings": 2,
                "ingredients": [
                    {"name": names[(n * 3 + k) % 100], "quantity": 150, "type_unit": "g"}
                    for k in range(6)
                ],
                "steps": ["Prepara", "Cocina", "Sirve"],
            }
            saved = post_json(f"{context.base_url}/api/recipes/save", recipe, token)
            uid = saved["recipe"]["uid"]  # type: ignore[index]
            day = (monday + timedelta(days=n // 3)).isoformat()
            slots.append({"date": day, "meal_type": meals[n % 3], "recipe_uid": uid})
        body = {"week": f"{year}-W{week:02d}", "name": "Bench", "slots": slots}
        post_json(f"{context.base_url}/api/meal-plans/weekly", body, token)
    (context.directory / "week_seeded").write_text("1")
    return {"path": f"/api/meal-plans/{year}-W{week:02d}"}


def seed_shopping(context: SeedContext) -> dict[str, str]:
    """The week plans of `seed_week_plan` (seeded first when the week scenario did not run),
    and one list per user made from them; writes "token list_id start end" lines."""
    from datetime import UTC, datetime, timedelta

    if not (context.directory / "week_seeded").exists():
        seed_week_plan(context)
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday())
    window = {
        "start_date": monday.isoformat(),
        "end_date": (monday + timedelta(days=6)).isoformat(),
    }
    lines = []
    for user in context.users:
        made = post_json(
            f"{context.base_url}/api/meal-plans/generate-shopping-list",
            window,
            user["access_token"],
        )
        lines.append(
            f"{user['access_token']} {made['id']} {window['start_date']} {window['end_date']}\n"
        )
    path = context.directory / "shopping_lists.txt"
    path.write_text("".join(lines))
    return {"lists": str(path)}
