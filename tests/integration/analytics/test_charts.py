"""Charts drawn at once from several threads (gthread workers) each come out whole: every
request has its own Figure, none shares pyplot's state."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from zerowaste.domain.analytics.exports import Chart, Series
from zerowaste.infrastructure.reports.charts import DPI, HEIGHT_IN, WIDTH_IN, draw


def _chart(n: int) -> Chart:
    days = tuple(f"2026-01-{d:02d}" for d in range(1, 29))
    return Chart(f"Chart {n}", "Period", "Amount (kg)", days, (Series("s", (float(n),) * 28),))


def test_concurrent_charts_are_each_complete() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        pictures = list(pool.map(lambda n: draw(_chart(n), "png"), range(12)))
        svgs = list(pool.map(lambda n: draw(_chart(n), "svg"), range(8)))
    sizes = {Image.open(io.BytesIO(p)).size for p in pictures}
    assert sizes == {(int(WIDTH_IN * DPI), int(HEIGHT_IN * DPI))}
    assert all(f"Chart {n}".encode() in svg for n, svg in enumerate(svgs))
