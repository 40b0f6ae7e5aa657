"""Big reports run as a job: 202 with a status URL, the job completes, its signed download
link serves the file until it expires, and the owner finds "report ready" in the inbox.
Another user gets 404 for the job; a forged link 403; an expired one 404."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pypdfium2
import pytest
from PIL import Image

from tests.api.analytics.seed import Owner
from tests.api.reports.helpers import csv_rows, pdf_pages, save_recipe

pytestmark = pytest.mark.api


def _finished(client: Any, started: Any, headers: dict[str, str]) -> dict[str, Any]:
    assert started.status_code == 202, started.json
    assert started.headers["Location"] == started.json["status_url"]
    status = client.get(started.json["status_url"], headers=headers)
    assert status.status_code == 200
    assert status.json["status"] == "completed", status.json
    return dict(status.json)


def test_the_recipe_book_is_a_job_whose_link_serves_the_pdf_and_notifies(
    client: Any, auth_headers: dict[str, str]
) -> None:
    photo = io.BytesIO()
    Image.new("RGB", (640, 420), (200, 90, 40)).save(photo, "JPEG")
    form = {"image": (io.BytesIO(photo.getvalue()), "chile.jpg"), "item_name": "chiles"}
    upload = client.post("/api/inventory/upload_image", data=form, headers=auth_headers)
    save_recipe(client, auth_headers, image_path=upload.json["image"]["image_path"])
    save_recipe(client, auth_headers, title="Pozole verde", description="Con pepitas")

    started = client.get("/api/reports/recipe-book", headers=auth_headers)
    done = _finished(client, started, auth_headers)
    file = client.get(done["download_url"])  # no bearer token: the link is the credential

    assert file.status_code == 200 and file.mimetype == "application/pdf"
    assert _pictures(file.data) == [(640, 420)]  # the one recipe with a picture
    assert done["filename"].startswith("recipe-book-") and done["expires_at"]
    pages = pdf_pages(file.data)
    assert len(pages) == 2  # a page per recipe
    assert "Mi recetario" in pages[0] and "1 / 2" in pages[0] and "2 / 2" in pages[1]
    titles = [("Pozole verde" in page, "Chiles rellenos con jalapeño" in page) for page in pages]
    assert sorted(titles) == [(False, True), (True, False)]
    inbox = client.get("/api/notifications", headers=auth_headers).json
    ready = [n for n in inbox["notifications"] if n["type"] == "report_ready"]
    assert len(ready) == 1 and "Mi recetario" in ready[0]["body"]


def test_another_user_gets_404_for_the_job_and_a_forged_link_is_403(
    client: Any, auth_headers: dict[str, str], other_headers: dict[str, str]
) -> None:
    done = _finished(
        client, client.get("/api/reports/recipe-book", headers=auth_headers), auth_headers
    )
    url = urlsplit(done["download_url"])
    query = parse_qs(url.query)

    theirs = client.get(f"/api/reports/jobs/{done['job_id']}", headers=other_headers)
    forged = client.get(
        url.path, query_string={"expires": query["expires"][0], "signature": "x" * 43}
    )
    other_owner = url.path.replace("/downloads/", "/downloads/someone")
    moved = client.get(other_owner, query_string={k: v[0] for k, v in query.items()})

    assert theirs.status_code == 404 and theirs.json["code"] == "job_not_found"
    assert forged.status_code == 403 and moved.status_code == 403


def test_an_expired_link_is_404_and_the_status_offers_no_link(
    client: Any, auth_headers: dict[str, str]
) -> None:
    done = _finished(
        client, client.get("/api/reports/recipe-book", headers=auth_headers), auth_headers
    )
    clock = client.application.extensions["zerowaste.services"].clock
    later = clock.now() + timedelta(hours=25)
    original = type(clock).now
    type(clock).now = lambda self: later  # type: ignore[method-assign]
    try:
        expired = client.get(done["download_url"])
        status = client.get(done["status_url"], headers=auth_headers).json
    finally:
        type(clock).now = original  # type: ignore[method-assign]

    assert expired.status_code == 404 and expired.json["code"] == "download_expired"
    assert status["download_url"] is None and status["status"] == "completed"


def test_the_analytics_report_has_charts_figures_and_their_sources(app: Any, client: Any) -> None:
    owner = Owner(app)
    rice = owner.item("arroz", "cereales")
    owner.journal(
        (3, "consumed", "arroz", "1500", "g", rice), (2, "wasted", "arroz", "500", "g", rice)
    )
    owner.savings((1, 1.25, 300.0, 40.0, True))

    started = client.get(
        "/api/reports/analytics", query_string={"period": "7d"}, headers=owner.headers
    )
    done = _finished(client, started, owner.headers)
    pages = pdf_pages(client.get(done["download_url"]).data)
    text = " ".join(pages)

    assert len(pages) == 6  # headline figures, then a page per report
    charts = _pictures(client.get(done["download_url"]).data)
    assert len(charts) == 5 and all(size == (900, 480) for size in charts)  # 9 x 4.8 in, 100 dpi
    assert "Informe de análisis" in text and "Tasa de desperdicio 25.0 %" in text
    assert "Poore & Nemecek (2018)" in text and "USDA National Nutrient Database" in text
    assert "PROFECO" in text and f"6 / {len(pages)}" in pages[-1]


def test_an_export_over_two_thousand_rows_runs_as_a_job(app: Any, client: Any) -> None:
    owner = Owner(app)
    owner.journal(*[(1, "consumed", f"item {n}", "1", "unit", None) for n in range(2001)])

    started = client.get(
        "/api/exports/journal", query_string={"period": "7d"}, headers=owner.headers
    )
    done = _finished(client, started, owner.headers)
    file = client.get(done["download_url"])

    assert file.status_code == 200 and file.mimetype == "text/csv"
    assert len(csv_rows(file.data)) == 2002  # the header and every entry


def _pictures(data: bytes) -> list[tuple[int, int]]:
    """The pixel sizes of the images a PDF embeds, decoded."""
    document = pypdfium2.PdfDocument(data)
    sizes = []
    for page in document:
        for found in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]):
            sizes.append(found.get_bitmap().to_pil().size)
    document.close()
    return sizes
