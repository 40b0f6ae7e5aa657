"""`make bench-reports`: issue #11 part 4's target, "a 20-page PDF under 3 s in a worker".

Renders, in this process as a worker would (the same WeasyPrintRenderer the `reports.build`
job calls), a recipe book of 20 recipes (a page each, Spanish text with accents, a 600x400
photo per recipe) and an analytics report (5 matplotlib charts and their tables), RUNS times
each after one warm-up, and prints the page counts and timings (median and worst). No database:
the data gathering is a handful of indexed reads measured elsewhere; this is the drawing.
Environment: BENCH_REPORT_RUNS [5]. Output: printed, and var/bench/reports/summary.json.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import time
from datetime import date
from pathlib import Path

import pypdfium2
from PIL import Image

from zerowaste.domain.analytics.exports import Chart, Series
from zerowaste.domain.reports.document import (
    Document,
    Figures,
    Picture,
    RecipeCard,
    Section,
    TableBlock,
)
from zerowaste.infrastructure.reports import charts
from zerowaste.infrastructure.reports.pdf import WeasyPrintRenderer

RUNS = int(os.environ.get("BENCH_REPORT_RUNS", "5"))
OUT = Path("var/bench/reports")


def _photo(seed: int) -> bytes:
    image = Image.new("RGB", (600, 400), (40 + seed * 9 % 200, 120, 80))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def recipe_book(pages: int = 20) -> Document:
    sections = []
    for n in range(pages):
        card = RecipeCard(
            f"Receta {n + 1}: chiles en nogada con piñón y jalapeño",
            ("4 porciones", "45 min", "Difícil"),
            "Una receta poblana de temporada; aprovecha la granada y la nuez de Castilla. " * 3,
            tuple(f"{k + 1} cucharadas de ingrediente número {k + 1} (opción)" for k in range(12)),
            tuple(f"Paso {k + 1}: mezcla, sazona y cocina a fuego medio–bajo." for k in range(8)),
            _photo(n),
            "image/jpeg",
            "Nuestra favorita de septiembre.",
            "Recetas: ComoCocinar (MIT License)",
        )
        sections.append(Section(card.title, (card,), new_page=n > 0))
    return Document(
        "recipe-book", "es", "Mi recetario", "Generado", date(2026, 12, 2), tuple(sections)
    )


def analytics(days: int = 30) -> Document:
    categories = tuple(f"2026-11-{d:02d}" for d in range(1, days + 1))
    sections = [Section("Informe", (Figures((("Alimento aprovechado", "12.5 kg"),)),))]
    for name in ("Desperdicio", "Uso", "Cocina", "Nutrición", "Sostenibilidad"):
        chart = Chart(
            name,
            "día",
            "kg",
            categories,
            (
                Series("consumido", tuple(float(d % 7) for d in range(days))),
                Series("desperdiciado", tuple(float(d % 3) for d in range(days))),
            ),
        )
        rows = tuple((c, f"{d % 7:.2f}", f"{d % 3:.2f}") for d, c in enumerate(categories))
        picture = Picture(charts.draw(chart, "png"), name)
        block = TableBlock(("día", "consumido", "desperdiciado"), rows)
        sections.append(Section(name, (picture, block), new_page=True))
    return Document(
        "analytics",
        "es",
        "Informe de análisis",
        "Noviembre",
        date(2026, 12, 2),
        tuple(sections),
        ("Source: Poore & Nemecek (2018), Science.",),
    )


def measure(renderer: WeasyPrintRenderer, build: object) -> dict[str, float]:
    """Wall time, and CPU time of this process (what the render costs when the shared
    machine's other work is taken out: the load average is printed beside it)."""
    timings, cpu, pages = [], [], 0
    for run in range(RUNS + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        document = build()  # type: ignore[operator]
        data = renderer.pdf(document)
        elapsed, used = time.perf_counter() - start, time.process_time() - start_cpu
        if run:  # the first run loads Pango and the fonts
            timings.append(elapsed)
            cpu.append(used)
        pages = len(pypdfium2.PdfDocument(data))
    return {
        "pages": pages,
        "median_s": statistics.median(timings),
        "max_s": max(timings),
        "median_cpu_s": statistics.median(cpu),
        "size_kb": len(data) / 1024,
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    renderer = WeasyPrintRenderer()
    summary = {
        "recipe_book_20": measure(renderer, recipe_book),
        "analytics_30d": measure(renderer, analytics),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2))
    for name, figures in summary.items():
        line = f"{name}: {figures['pages']:.0f} pages, {figures['size_kb']:.0f} KB, median "
        line += f"{figures['median_s']:.2f} s (CPU {figures['median_cpu_s']:.2f} s), worst "
        line += f"{figures['max_s']:.2f} s over {RUNS} runs, load {figures['load_average']:.1f}"
        print(line)  # noqa: T201


if __name__ == "__main__":
    main()
