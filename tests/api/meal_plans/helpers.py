"""Payloads of the mobile client for rows 52-57 and small helpers of the planner's API tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

Json = dict[str, Any]

# Row 52 as L1 sends a meal: both key spellings at once, extra keys included.
BREAKFAST: Json = {
    "title": "Avena con plátano",
    "duration": "10 min",
    "difficulty": "Intermedio",
    "ingredients": [
        {"name": "Avena", "quantity": 80, "type_unit": "g"},
        {"name": "Plátano", "quantity": 1, "type_unit": "unidades"},
    ],
    "steps": [
        {"step_order": 1, "description": "Cocina la avena con agua."},
        {"step_order": 2, "description": "Añade el plátano en rodajas."},
    ],
    "generated_by_ai": True,
    "category": "desayuno",
    "description": "Un desayuno rápido",
    "recipe_title": "Avena con plátano",
    "ingredients_needed": [{"name": "Avena", "quantity": 80, "type_unit": "g"}],
    "prep_time": "10 min",
    "calories": 350,
    "instructions": ["Cocina la avena con agua."],
}
# The same kind of meal with only the second spelling (L2's converter).
LUNCH_L2: Json = {
    "recipe_title": "Arroz con verduras",
    "ingredients_needed": [
        {"name": "Arroz", "quantity": 200, "unit": "g"},
        {"name": "Zanahoria", "quantity": 2, "unit": "unidades"},
    ],
    "prep_time": 30,
    "calories": 520,
    "instructions": "Cuece el arroz.\nSaltea la zanahoria y mezcla.",
    "category": "almuerzo",
    "generated_by_ai": True,
}
DINNER: Json = {
    "title": "Sopa de tomate",
    "duration": "25 min",
    "difficulty": "Fácil",
    "ingredients": [{"name": "Tomate", "quantity": 4, "type_unit": "unidades"}],
    "steps": [{"step_order": 1, "description": "Cuece y licúa los tomates."}],
    "category": "cena",
    "description": "",
}


def plan(client: Any, headers: Json, day: str, meals: Any, method: str = "post") -> Any:
    url = "/api/planning/save" if method == "post" else "/api/planning/update"
    return getattr(client, method)(url, json={"date": day, "meals": meals}, headers=headers)


def saved_titles(client: Any, headers: Json) -> list[str]:
    found = client.get("/api/recipes/saved?per_page=100", headers=headers)
    assert found.status_code == 200
    return sorted(r["title"] for r in found.json["recipes"])


def catalog_uid(client: Any, headers: Json, index: int = 0) -> str:
    found = client.get("/api/recipes/default", headers=headers).json["default_recipes"]
    return str(found[index]["uid"])


def scalar(app: Any, sql: str, **params: Any) -> Any:
    with app.extensions["zerowaste.engine"].connect() as conn:
        return conn.execute(text(sql), params).scalar()


def join_household(app: Any, uid: str, other_uid: str) -> None:
    """Move `uid` into `other_uid`'s household (what the households feature's join will do)."""
    household = scalar(app, "SELECT household_id FROM users WHERE uid = :u", u=other_uid)
    own = scalar(app, "SELECT household_id FROM users WHERE uid = :u", u=uid)
    with app.extensions["zerowaste.engine"].begin() as conn:
        conn.execute(
            text("UPDATE users SET household_id = :h WHERE uid = :u"), {"h": household, "u": uid}
        )
        conn.execute(text("DELETE FROM households WHERE id = :h"), {"h": own})
