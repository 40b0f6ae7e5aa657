"""Tables as CSV (UTF-8 with a BOM, so spreadsheet programs read accents) or XLSX (XlsxWriter,
in memory), for the user's analytics and the admin exports alike.

Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading
apostrophe in CSV, and XLSX strings are written as strings, never parsed as formulas or
numbers: names and emails are typed by users (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import xlsxwriter

from zerowaste.application.admin.ports import Table as AdminTable
from zerowaste.domain.analytics.exports import Table as AnalyticsTable

Cell = str | int | float | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(table: AnalyticsTable, fmt: str) -> bytes:
    """An analytics table as a file."""
    return _render(table.columns, table.rows, table.title, fmt)


class TableFileRenderer:
    """The admin exports' `TableRenderer`."""

    def render(self, table: AdminTable, fmt: str) -> bytes:
        return _render(table.columns, table.rows, table.name, fmt)


def _render(columns: Sequence[str], rows: Sequence[Sequence[Cell]], sheet: str, fmt: str) -> bytes:
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "xlsx":
        return _xlsx(columns, rows, sheet)
    raise ValueError(f"unknown table format {fmt!r}")


def _safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(["" if c is None else _safe(c) for c in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(columns: Sequence[str], rows: Sequence[Sequence[Cell]], sheet_name: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, list(columns), bold)
    for index, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            if isinstance(cell, str):
                sheet.write_string(index, column, cell)
            elif cell is not None:
                sheet.write_number(index, column, cell)
    for column, name in enumerate(columns):
        sheet.set_column(column, column, max(12, len(name) + 2))
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
