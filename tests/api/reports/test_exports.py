"""CSV/XLSX exports of the household's inventory, journal and plans and the caller's savings,
read back (CSV with a BOM, XLSX by openpyxl); formula-looking names stay text; other
households see none of it; bad formats and windows are 400."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.analytics.seed import Owner, day
from tests.api.inventory.helpers import add, line
from tests.api.reports.helpers import csv_rows, jobs_of, save_recipe, week_plan, xlsx_rows

pytestmark = pytest.mark.api
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def owner(app: Any) -> Owner:
    o = Owner(app)
    rice = o.item("arroz", "cereales")
    o.journal(
        (3, "consumed", "arroz", "1500", "g", rice),
        (2, "wasted", '=HYPERLINK("x")', "1", "l", None),
        (40, "consumed", "arroz", "1000", "g", rice),
    )
    o.savings((1, 1.25, 300.0, 40.0, True))
    return o


def _export(client: Any, owner: Owner, kind: str, **query: str) -> Any:
    return client.get(f"/api/exports/{kind}", query_string=query, headers=owner.headers)


def test_the_journal_export_covers_its_window_in_csv_and_keeps_formulas_as_text(
    client: Any, owner: Owner
) -> None:
    reply = _export(client, owner, "journal", period="7d")

    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    assert "attachment" in reply.headers["Content-Disposition"]
    rows = csv_rows(reply.data)
    assert rows[0] == ["fecha", "artículo", "motivo", "cantidad", "unidad", "receta", "nota"]
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        ('\'=HYPERLINK("x")', "wasted", "1"),
        ("arroz", "consumed", "1500"),
    ]
    assert rows[1][0].startswith(day(2).isoformat())


def test_the_savings_export_in_xlsx_is_in_english_when_asked(client: Any, owner: Owner) -> None:
    reply = _export(client, owner, "savings", format="xlsx", lang="en")

    assert reply.status_code == 200 and reply.mimetype == XLSX
    rows = xlsx_rows(reply.data)
    assert rows[0][:4] == ("recipe", "source", "kg CO2e", "water (L)")
    assert len(rows) == 2 and rows[1][2] == 1.25 and rows[1][6] == "yes"


def test_the_inventory_export_has_a_row_per_stack(
    client: Any, auth_headers: dict[str, str], other_headers: dict[str, str]
) -> None:
    add(client, auth_headers, line("Jalapeño"))

    mine = csv_rows(client.get("/api/exports/inventory", headers=auth_headers).data)
    theirs = csv_rows(client.get("/api/exports/inventory", headers=other_headers).data)

    assert [r[0] for r in mine[1:]] == ["Jalapeño"]
    assert theirs == [mine[0]]


def test_the_plans_export_lists_the_planned_meals_of_the_window(
    client: Any, auth_headers: dict[str, str], other_headers: dict[str, str]
) -> None:
    recipe = save_recipe(client, auth_headers)
    week_plan(client, auth_headers, recipe["uid"])
    window = {"start": "2026-11-30", "end": "2026-12-06", "format": "xlsx"}

    mine = xlsx_rows(
        client.get("/api/exports/plans", query_string=window, headers=auth_headers).data
    )
    theirs = xlsx_rows(
        client.get("/api/exports/plans", query_string=window, headers=other_headers).data
    )

    assert mine[1] == ("2026-11-30", "Cena", "Chiles rellenos con jalapeño", 2, "")
    assert len(mine) == 3 and len(theirs) == 1


@pytest.mark.parametrize(
    ("kind", "query", "code"),
    [
        ("journal", {"format": "pdf"}, "validation_error"),
        ("journal", {"lang": "de"}, "validation_error"),
        ("journal", {"period": "1w"}, "validation_error"),
        ("plans", {"start": "2026-01-01", "end": "2027-06-01"}, "range_too_long"),
        ("receipts", {}, "unknown_report"),
    ],
)
def test_bad_exports_are_400_and_start_nothing(
    client: Any, auth_headers: dict[str, str], kind: str, query: dict[str, str], code: str
) -> None:
    reply = client.get(f"/api/exports/{kind}", query_string=query, headers=auth_headers)

    assert reply.status_code == 400 and reply.json["code"] == code
    assert jobs_of(client, auth_headers) == []
