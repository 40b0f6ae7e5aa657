"""Analytics over what other features stored: each report as JSON, chart and table, only the
caller's household (or the caller's own food log and savings), bad windows refused."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

import openpyxl
import pytest
from PIL import Image

from tests.api.analytics.seed import Owner, day

pytestmark = pytest.mark.api
REPORTS = [
    "cooking-patterns",
    "ingredient-usage",
    "waste-reduction",
    "nutritional-trends",
    "sustainability",
]


@pytest.fixture
def owner(app: Any) -> Owner:
    """A household with a month of journal, cooks, plans, food log and savings."""
    o = Owner(app)
    rice = o.item("arroz", "cereales")
    o.journal(
        (40, "consumed", "arroz", "1000", "g", rice),
        (40, "wasted", "arroz", "1000", "g", rice),
        (3, "consumed", "arroz", "1.5", "kg", rice),
        (2, "expired", "arroz", "500", "g", rice),
        (2, "wasted", "leche", "1", "l", None),
        (1, "cooked", "huevo", "2", "unit", None),
        (1, "corrected", "arroz", "9", "kg", rice),
    )
    o.cooks((2, "r1", "Arroz rojo"), (1, "r1", "Arroz rojo"), (1, "r2", "Tortilla"))
    o.slots((1, "lunch"), (2, "lunch"), (2, "dinner"))
    o.food_log((1, 1800, 80, 60, 200), (1, 400, 20, 10, 50), (2, 2000, 90, 70, 240))
    o.savings((1, 1.25, 300.0, 40.0, True), (2, 0.75, 100.0, 10.0, True), (1, 9, 9, 9, False))
    return o


def _get(client: Any, owner: Owner, report: str, **query: str) -> Any:
    return client.get(f"/api/analytics/{report}", query_string=query, headers=owner.headers)


def test_cooking_patterns_count_cooks_by_bucket_weekday_recipe_and_planned_meal(
    client: Any, owner: Owner
) -> None:
    body = _get(client, owner, "cooking-patterns", period="7d").json
    assert body["total_cooks"] == 3
    assert len(body["buckets"]) == 7 and sum(b["count"] for b in body["buckets"]) == 3
    assert body["top_recipes"][0] == {"recipe_uid": "r1", "title": "Arroz rojo", "count": 2}
    weekday = {w["weekday"]: w["count"] for w in body["by_weekday"]}
    assert weekday[day(1).weekday()] == 2
    assert {m["key"]: m["count"] for m in body["by_meal_type"]} == {"dinner": 1, "lunch": 2}


def test_ingredient_usage_is_in_kg_when_weighed_and_in_its_unit_otherwise(
    client: Any, owner: Owner
) -> None:
    body = _get(client, owner, "ingredient-usage", period="7d").json
    items = {i["name"]: i for i in body["items"]}
    assert (items["arroz"]["unit"], items["arroz"]["consumed"], items["arroz"]["wasted"]) == (
        "kg",
        1.5,
        0.5,
    )
    assert items["arroz"]["waste_rate"] == 0.25 and items["arroz"]["category"] == "cereales"
    assert (items["leche"]["unit"], items["leche"]["wasted"]) == ("l", 1.0)
    categories = {c["category"]: c for c in body["categories"]}
    assert categories["uncategorised"]["wasted_entries"] == 1
    assert body["total"]["consumed_kg"] == 1.5


def test_waste_reduction_compares_the_window_with_the_first_month(
    client: Any, owner: Owner
) -> None:
    body = _get(client, owner, "waste-reduction", period="7d", granularity="week").json
    assert body["total"]["waste_rate"] == 0.25
    assert body["food_saved_kg"] == 1.5
    assert body["first_month"] == day(40).replace(day=1).isoformat()
    assert body["first_month_rate"] == 0.5
    assert body["change_vs_first_month"] == -0.25
    assert body["savings"]["recipes"] == 2 and body["savings"]["carbon_kg_co2e"] == 2.0


def test_nutritional_trends_average_the_days_logged_and_have_no_targets_without_profile(
    client: Any, owner: Owner
) -> None:
    body = _get(client, owner, "nutritional-trends", period="7d").json
    assert body["targets"] is None
    logged = {b["bucket"]: b for b in body["buckets"] if b["days_logged"]}
    assert logged[day(1).isoformat()]["kcal"] == 2200
    assert logged[day(2).isoformat()]["protein_g"] == 90
    assert all(b["kcal_vs_target"] is None for b in body["buckets"])


def test_sustainability_sums_only_cooked_savings(client: Any, owner: Owner) -> None:
    body = _get(client, owner, "sustainability", period="30d", granularity="month").json
    assert body["total"] == {
        "recipes": 2,
        "carbon_kg_co2e": 2.0,
        "water_l": 400.0,
        "energy_mj": 0.0,
        "cost_mxn": 50.0,
    }


@pytest.mark.parametrize("report", REPORTS)
def test_charts_are_png_and_svg_pictures(client: Any, owner: Owner, report: str) -> None:
    png = _get(client, owner, report, period="30d", format="png")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.headers["Content-Disposition"].startswith(f'attachment; filename="{report}-')
    picture = Image.open(io.BytesIO(png.data))
    assert picture.format == "PNG" and picture.size == (900, 480)
    svg = _get(client, owner, report, period="30d", format="svg")
    assert svg.mimetype == "image/svg+xml"
    assert ET.fromstring(svg.data).tag.endswith("svg")
    assert b"Periodo" in svg.data or "Categoría".encode() in svg.data


@pytest.mark.parametrize("report", REPORTS)
def test_tables_are_csv_and_xlsx(client: Any, owner: Owner, report: str) -> None:
    reply = _get(client, owner, report, period="7d", format="csv")
    assert reply.mimetype == "text/csv" and reply.headers["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(reply.data.decode("utf-8-sig"))))
    assert len(rows) > 1 and len(rows[0]) >= 4
    xlsx = _get(client, owner, report, period="7d", format="xlsx")
    assert xlsx.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == rows[0]
    assert sheet.max_row == len(rows)


def test_the_table_carries_the_figures_of_the_report(client: Any, owner: Owner) -> None:
    reply = _get(client, owner, "ingredient-usage", period="7d", format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(reply.data)).active
    assert sheet is not None
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["arroz"][1:6] == ("cereales", "kg", 1.5, 0.5, 0.25)
    assert sheet["A1"].value == "ingrediente"


def test_labels_follow_the_profile_language(client: Any, app: Any) -> None:
    english = Owner(app, language="en")
    english.journal((1, "wasted", "milk", "1", "kg", None))
    svg = _get(client, english, "waste-reduction", period="7d", format="svg").data
    assert b"Waste rate" in svg and b"Tasa" not in svg
    table = _get(client, english, "waste-reduction", period="7d", format="csv").data
    assert table.decode("utf-8-sig").startswith("period,consumed (kg)")


def test_another_household_sees_nothing_of_the_first(client: Any, app: Any, owner: Owner) -> None:
    other = Owner(app)
    for report in REPORTS:
        body = _get(client, other, report, period="365d", granularity="month").json
        assert body.get("total_cooks", 0) == 0
        assert body.get("items", []) == [] and body.get("top_recipes", []) == []
        assert body.get("first_month") is None
    assert _get(client, other, "sustainability", period="7d").json["total"]["recipes"] == 0
    assert all(
        b["days_logged"] == 0
        for b in _get(client, other, "nutritional-trends", period="7d").json["buckets"]
    )


@pytest.mark.parametrize(
    "query",
    [
        {"period": "8d"},
        {"granularity": "hour"},
        {"format": "pdf"},
        {"start": "2026-03-10", "end": "2026-03-01"},
        {"start": "2022-01-01", "end": "2026-01-01"},
        {"start": "yesterday"},
    ],
)
def test_bad_windows_and_formats_are_400(client: Any, owner: Owner, query: dict[str, str]) -> None:
    reply = _get(client, owner, "waste-reduction", **query)
    assert reply.status_code == 400
    assert reply.json["code"] in ("validation_error", "invalid_period")


def test_reports_need_a_token(client: Any) -> None:
    assert client.get("/api/analytics/sustainability").status_code == 401
