"""The analytics `ReportRenderer`: charts and tables by format."""

from __future__ import annotations

from zerowaste.domain.analytics.exports import Chart, Table
from zerowaste.infrastructure.reports import charts, tables


class FileReportRenderer:
    def chart(self, chart: Chart, fmt: str) -> bytes:
        return charts.draw(chart, fmt)

    def table(self, table: Table, fmt: str) -> bytes:
        return tables.write(table, fmt)
