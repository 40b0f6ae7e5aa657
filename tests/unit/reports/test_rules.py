"""Pure report rules: which reports exist, which run as a job, file names, storage keys,
labels in both languages and the sources cited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zerowaste.domain.reports import kinds, labels
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit
DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.mark.parametrize(
    ("kind", "rows", "big"),
    [
        ("meal-plan", 0, False),
        ("shopping-list", 0, False),
        ("recipe-book", 0, True),
        ("analytics", 0, True),
        ("journal", kinds.EXPORT_JOB_ROWS, False),
        ("journal", kinds.EXPORT_JOB_ROWS + 1, True),
        ("inventory", 10, False),
    ],
)
def test_the_recipe_book_analytics_and_long_exports_run_as_jobs(
    kind: str, rows: int, big: bool
) -> None:
    assert kinds.is_big(kind, rows) is big


@pytest.mark.parametrize(
    ("kind", "fmt", "lang", "code"),
    [
        ("payslip", "pdf", "es", "unknown_report"),
        ("meal-plan", "csv", "es", "invalid_format"),
        ("meal-plan", "pdf", "fr", "invalid_language"),
    ],
)
def test_unknown_documents_formats_and_languages_are_refused(
    kind: str, fmt: str, lang: str, code: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        kinds.check_document(kind, fmt, lang)
    assert refused.value.code == code


def test_exports_are_tables_only() -> None:
    kinds.check_export("savings", "xlsx")
    with pytest.raises(InvalidInput) as refused:
        kinds.check_export("savings", "pdf")
    assert refused.value.code == "invalid_format"


def test_file_names_are_ascii_and_keep_nothing_hostile_from_the_detail() -> None:
    on = date(2026, 12, 2)
    assert kinds.filename("meal-plan", "pdf", on, "2026-W49") == "meal-plan-2026-w49-2026-12-02.pdf"
    hostile = kinds.filename("journal", "csv", on, '../"Año"; rm -rf')
    assert hostile == "journal-a-o-rm-rf-2026-12-02.csv"
    assert kinds.filename("savings", "xlsx", on) == "savings-2026-12-02.xlsx"


def test_a_built_report_is_stored_under_its_owner_and_job() -> None:
    key = kinds.storage_key("uid1", "ab" * 16, "analytics-2026-12-02.pdf")
    assert key == f"uploads/uid1/reports/{'ab' * 16}/analytics-2026-12-02.pdf"


def test_labels_exist_in_both_languages_with_their_accents() -> None:
    assert labels.text("es", "meal-plan") == "Menú de la semana"
    assert labels.text("en", "meal-plan") == "Weekly meal plan"
    assert labels.text("es", "servings", n=4) == "4 porciones"
    assert labels.meal("es", "breakfast") == "Desayuno" and labels.meal("en", "snack") == "Snack"
    assert labels.WEEKDAYS["es"][2] == "Miércoles"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (labels.FOOTPRINT_SOURCE, "food_footprint_poore_nemecek"),
        (labels.NUTRITION_SOURCE, "usda_sr28_nutrition"),
    ],
)
def test_the_sources_cited_are_the_data_packs_own_words(text: str, source: str) -> None:
    written = " ".join((DATA / source / "SOURCE.md").read_text(encoding="utf-8").split())
    assert text in written


def test_the_prices_source_is_profecos_attribution() -> None:
    written = " ".join((DATA / "market_prices_mx" / "SOURCE.md").read_text("utf-8").split())
    assert labels.PRICES_SOURCE.split(" https")[0] in written
