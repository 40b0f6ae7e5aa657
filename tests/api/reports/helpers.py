"""Rows the reports read, made through the other features' own routes, and readers of the
files the reports answer (PDF text by pypdfium2, XLSX by openpyxl)."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pypdfium2

from tests.api.meal_plans.helpers import catalog_uid

WEEK = "2026-W49"  # Monday 2026-11-30 .. Sunday 2026-12-06
RECIPE = {
    "title": "Chiles rellenos con jalapeño",
    "description": "Receta de la abuela, con piñones y nuez",
    "ingredients": [
        {"name": "Jalapeño", "quantity": 6, "type_unit": "unidades"},
        {"name": "Piñón", "quantity": 50, "type_unit": "g"},
    ],
    "steps": [{"step_order": 1, "description": "Asa los chiles y rellénalos."}],
    "duration": "40 min",
    "difficulty": "Fácil",
    "category": "cena",
    "image_path": None,
    "generated_by_ai": False,
    "footer": "",
}


def save_recipe(client: Any, headers: dict[str, str], **changes: Any) -> dict[str, Any]:
    response = client.post("/api/recipes/save", json={**RECIPE, **changes}, headers=headers)
    assert response.status_code == 201, response.json
    return dict(response.json["recipe"])


def week_plan(client: Any, headers: dict[str, str], recipe_uid: str) -> None:
    other = catalog_uid(client, headers, 0)
    slots = [
        {"date": "2026-11-30", "meal_type": "dinner", "recipe_uid": recipe_uid, "servings": 2},
        {"date": "2026-12-02", "meal_type": "lunch", "recipe_uid": other},
    ]
    body = {"week": WEEK, "name": "Menú de diciembre", "slots": slots}
    response = client.post("/api/meal-plans/weekly", json=body, headers=headers)
    assert response.status_code == 201, response.json


def shopping_list(client: Any, headers: dict[str, str]) -> dict[str, Any]:
    items = [
        {"name": "Jalapeño", "quantity": 1, "unit": "kg"},
        {"name": "Leche", "quantity": 2, "type_unit": "litros"},
        {"name": "Sal", "note": "de mar"},
    ]
    body = {"name": "Compras del sábado", "items": items}
    response = client.post("/api/shopping-lists", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return dict(response.json)


def pdf_pages(data: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(data)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        return [" ".join(page.split()) for page in pages]  # table cells wrap; words stay
    finally:
        document.close()


def xlsx_rows(data: bytes) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def csv_rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def uid_of(client: Any, headers: dict[str, str]) -> str:
    return str(client.get("/api/user/profile", headers=headers).json["uid"])


def jobs_of(client: Any, headers: dict[str, str]) -> list[Any]:
    services = client.application.extensions["zerowaste.services"]
    return list(services.jobs.recent(uid_of(client, headers)))
