"""PDF reports answered in the request: the week's meal plan and a shopping list, read back
as text (accents, page numbers, sources); other households get 404; bad input 400."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.reports.helpers import (
    jobs_of,
    pdf_pages,
    save_recipe,
    shopping_list,
    week_plan,
)

pytestmark = pytest.mark.api


def test_the_meal_plan_pdf_has_the_week_grid_and_its_recipes_with_accents(
    client: Any, auth_headers: dict[str, str]
) -> None:
    recipe = save_recipe(client, auth_headers)
    week_plan(client, auth_headers, recipe["uid"])

    reply = client.get(
        "/api/reports/meal-plan", query_string={"start": "2026-12-02"}, headers=auth_headers
    )

    assert reply.status_code == 200
    assert reply.mimetype == "application/pdf"
    assert 'filename="meal-plan-2026-w49-' in reply.headers["Content-Disposition"]
    pages = pdf_pages(reply.data)
    text = "\n".join(pages)
    assert "Menú de la semana" in text and "Semana 2026-W49" in text
    assert "Miércoles 2" in text and "Cena" in text
    assert "Chiles rellenos con jalapeño (2 porciones)" in text
    assert "Jalapeño — 6 unidades" in text and "Piñón — 50 g" in text
    assert f"1 / {len(pages)}" in pages[0]


def test_the_meal_plan_pdf_is_in_english_when_asked(
    client: Any, auth_headers: dict[str, str]
) -> None:
    recipe = save_recipe(client, auth_headers)
    week_plan(client, auth_headers, recipe["uid"])

    reply = client.get(
        "/api/reports/meal-plan",
        query_string={"start": "2026-11-30", "lang": "en"},
        headers=auth_headers,
    )

    text = "\n".join(pdf_pages(reply.data))
    assert "Weekly meal plan" in text and "Wednesday 2" in text and "Dinner" in text
    assert "(2 servings)" in text


def test_another_household_gets_an_empty_week_not_the_plan(
    client: Any, auth_headers: dict[str, str], other_headers: dict[str, str]
) -> None:
    recipe = save_recipe(client, auth_headers)
    week_plan(client, auth_headers, recipe["uid"])

    reply = client.get(
        "/api/reports/meal-plan", query_string={"start": "2026-12-02"}, headers=other_headers
    )

    text = "\n".join(pdf_pages(reply.data))
    assert "Chiles" not in text and "No hay comidas planeadas esta semana." in text


def test_the_shopping_list_pdf_groups_by_aisle_with_checkboxes_and_cites_profeco(
    client: Any, auth_headers: dict[str, str]
) -> None:
    made = shopping_list(client, auth_headers)
    tick = next(i for a in made["aisles"] for i in a["items"] if i["name"] == "Leche")
    url = f"/api/shopping-lists/{made['id']}/items/{tick['id']}"
    assert client.patch(url, json={"checked": True}, headers=auth_headers).status_code == 200

    reply = client.get(
        "/api/reports/shopping-list",
        query_string={"list_id": made["id"]},
        headers=auth_headers,
    )

    assert reply.status_code == 200
    text = "\n".join(pdf_pages(reply.data))
    assert "Lista de compras" in text and "Compras del sábado" in text
    assert "Frutas y verduras" in text and "Jalapeño — 1 kg" in text
    assert "✓" in text  # the checked milk
    assert "Marcados" in text and "Total estimado" in text
    assert "PROFECO, Quién es Quién en los Precios" in text
    assert "1 / 1" in text


def test_the_current_list_is_the_newest_and_another_users_list_is_404(
    client: Any, auth_headers: dict[str, str], other_headers: dict[str, str]
) -> None:
    made = shopping_list(client, auth_headers)

    newest = client.get("/api/reports/shopping-list", headers=auth_headers)
    theirs = client.get(
        "/api/reports/shopping-list", query_string={"list_id": made["id"]}, headers=other_headers
    )
    none = client.get("/api/reports/shopping-list", headers=other_headers)

    assert "Compras del sábado" in "\n".join(pdf_pages(newest.data))
    assert theirs.status_code == 404 and none.status_code == 404


@pytest.mark.parametrize(
    ("kind", "query", "code"),
    [
        ("meal-plan", {"format": "docx"}, "validation_error"),
        ("meal-plan", {"lang": "fr"}, "validation_error"),
        ("meal-plan", {"start": "2026-13-01"}, "validation_error"),
        ("analytics", {"period": "2y"}, "validation_error"),
        ("analytics", {"start": "2026-05-01", "end": "2026-04-01"}, "invalid_period"),
        ("shopping-list", {"list_id": "0"}, "validation_error"),
        ("payslips", {}, "unknown_report"),
    ],
)
def test_bad_reports_formats_languages_and_windows_are_400_and_start_nothing(
    client: Any, auth_headers: dict[str, str], kind: str, query: dict[str, str], code: str
) -> None:
    reply = client.get(f"/api/reports/{kind}", query_string=query, headers=auth_headers)

    assert reply.status_code == 400, reply.json
    assert reply.json["code"] == code
    assert jobs_of(client, auth_headers) == []


def test_reports_need_a_token(client: Any) -> None:
    assert client.get("/api/reports/meal-plan").status_code == 401


def test_a_rendered_pdf_leaves_truncated_uploads_refused(
    client: Any, auth_headers: dict[str, str]
) -> None:
    """Importing WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process:
    after a report the same process must still refuse a truncated photo."""
    from PIL import ImageFile

    from tests.images import picture, post

    recipe = save_recipe(client, auth_headers)
    week_plan(client, auth_headers, recipe["uid"])
    assert client.get("/api/reports/meal-plan", headers=auth_headers).status_code == 200
    whole = picture("JPEG", (300, 200), quality=95)

    upload = post(client, auth_headers, whole[: len(whole) * 2 // 3], "cut.jpg")

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert upload.status_code == 400 and upload.json["code"] == "invalid_image", upload.json
